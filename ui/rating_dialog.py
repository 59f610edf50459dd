"""Rate one person's trust and agreement now (Peter Block): two scores, an issue, a note."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from reflect import timeutil
from reflect.trust import SCALE_MAX, SCALE_MIN, TrustRating, stance_of


def _slider(name: str, value: int) -> QSlider:
    slider = QSlider(Qt.Orientation.Horizontal)
    slider.setRange(SCALE_MIN, SCALE_MAX)
    slider.setValue(value)
    slider.setPageStep(2)
    slider.setTickPosition(QSlider.TickPosition.TicksBelow)
    slider.setTickInterval(1)
    slider.setAccessibleName(name)
    return slider


class RatingDialog(QDialog):
    def __init__(
        self,
        person_id: uuid.UUID,
        name: str,
        previous: TrustRating | None,
        parent: QWidget | None = None,
        clock: Callable[[], datetime] = timeutil.now,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Trust and agreement")
        self._person_id = person_id
        self._clock = clock
        explain = QLabel(
            f"Where does {name} stand with you today? Peter Block suggests two separate "
            "questions: how far you trust each other, and how far you agree on the issue "
            "in hand. 1 is very little, 10 is completely."
        )
        explain.setWordWrap(True)
        self.trust = _slider("Trust, 1 to 10", previous.trust if previous else 5)
        self.agreement = _slider(
            "Agreement, 1 to 10",
            previous.agreement if previous and previous.agreement is not None else 5,
        )
        self.unknown = QCheckBox("I don't know where they stand")
        self.unknown.setChecked(previous is not None and previous.agreement is None)
        self.unknown.toggled.connect(self.agreement.setDisabled)
        self.agreement.setDisabled(self.unknown.isChecked())
        self.trust_value = QLabel()
        self.agreement_value = QLabel()
        self.issue = QLineEdit(previous.issue if previous else "")
        self.issue.setAccessibleName("The issue in hand")
        self.issue.setPlaceholderText("e.g. moving discharge money into the community")
        self.note = QPlainTextEdit()
        self.note.setAccessibleName("Note")
        self.note.setPlaceholderText("What makes you say so? (optional)")
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(90)
        self.stance = QLabel()
        self.stance.setObjectName("stance")
        self.stance.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Trust", self._with_value(self.trust, self.trust_value))
        form.addRow("Agreement", self._with_value(self.agreement, self.agreement_value))
        form.addRow("", self.unknown)
        form.addRow("Issue", self.issue)
        form.addRow("Note", self.note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(form)
        layout.addWidget(self.stance)
        layout.addWidget(buttons)
        for signal in (self.trust.valueChanged, self.agreement.valueChanged, self.unknown.toggled):
            signal.connect(self._show_stance)
        self._show_stance()
        self.trust.setFocus()

    @staticmethod
    def _with_value(slider: QSlider, value: QLabel) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(slider, 1)
        value.setMinimumWidth(24)
        layout.addWidget(value)
        return row

    def _agreement(self) -> int | None:
        return None if self.unknown.isChecked() else self.agreement.value()

    def _show_stance(self, *_: object) -> None:
        self.trust_value.setText(str(self.trust.value()))
        agreement = self._agreement()
        self.agreement_value.setText("?" if agreement is None else str(agreement))
        stance = stance_of(self.trust.value(), agreement)
        self.stance.setText(f"On Block's map: {stance.display_name}. {stance.summary}")

    def rating(self) -> TrustRating:
        return TrustRating(
            id=uuid.uuid4(),
            person_id=self._person_id,
            rated_at=self._clock(),
            trust=self.trust.value(),
            agreement=self._agreement(),
            issue=self.issue.text(),
            note=self.note.toPlainText(),
        )
