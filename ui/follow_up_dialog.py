"""Turn a line of a reflection into a follow-up, with an optional date to revisit it."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from reflect import timeutil
from reflect.followups import FollowUp
from reflect.meeting_capture import default_revisit


class FollowUpDialog(QDialog):
    def __init__(
        self,
        line: str,
        parent: QWidget | None = None,
        clock: Callable[[], datetime] = timeutil.now,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Follow-up")
        self._clock = clock
        explain = QLabel(
            "What do you want to happen next? On the date you choose, Reflect will ask "
            "whether it happened and what you learned."
        )
        explain.setWordWrap(True)
        self.text = QLineEdit(line.strip().lstrip("-*• ").strip())
        self.text.setAccessibleName("Follow-up")
        self.text.setPlaceholderText("e.g. The discharge pilot has a named lead")
        self.remind = QCheckBox("Ask me on")
        self.remind.setChecked(True)
        self.when = QDateEdit()
        self.when.setAccessibleName("Revisit on")
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("d MMM yyyy")
        revisit = default_revisit(clock().date())
        self.when.setDate(QDate(revisit.year, revisit.month, revisit.day))
        self.remind.toggled.connect(self.when.setEnabled)
        form = QFormLayout()
        form.addRow("Follow-up", self.text)
        form.addRow(self.remind, self.when)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Add follow-up")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.text.textChanged.connect(lambda t: self.ok.setEnabled(bool(t.strip())))
        self.ok.setEnabled(bool(self.text.text().strip()))
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.text.setFocus()

    def follow_up(self, reflection_id: uuid.UUID) -> FollowUp:
        revisit = self.when.date().toPython() if self.remind.isChecked() else None
        assert revisit is None or isinstance(revisit, date)
        return FollowUp(uuid.uuid4(), reflection_id, self.text.text(), self._clock(), revisit)
