"""The new passphrase for an encrypted copy of the journal, typed twice (File ▸ Export)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.change_passphrase_dialog import password_field, problem_label
from ui.passphrase_feedback import DEFAULT_ADVICE, after_typing_pauses, new_passphrase_advice
from ui.secret_dialog import SecretDialog
from ui.session import Session


class ExportPassphraseDialog(SecretDialog):
    """A new passphrase, typed twice, for the encrypted copy only (not the journal's)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.setWindowTitle("Passphrase for the encrypted copy")
        self.setAccessibleName("Passphrase for the encrypted copy")
        intro = QLabel(
            "The copy opens only with the passphrase you choose here: on the other "
            "computer, File ▸ Import from another journal… (or `reflect import FILE`) asks "
            "for it. It need not be your journal's passphrase."
        )
        intro.setWordWrap(True)
        self.new = password_field("Passphrase for the copy", "Four or five unrelated words")
        self.again = password_field("Passphrase for the copy again")
        self.advice = QLabel(DEFAULT_ADVICE)
        self.advice.setWordWrap(True)
        self.advice.setAccessibleName("Passphrase advice")
        self.problem = problem_label("Problem with the passphrase")
        form = QFormLayout()
        for text, field in (("&Passphrase", self.new), ("&Again", self.again)):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow("", self.advice)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = QPushButton("&Continue…")
        self.ok_button.setAccessibleName("Continue and choose where to save")
        self.ok_button.setDefault(True)
        self.ok_button.setEnabled(False)
        self.buttons.addButton(self.ok_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAccessibleName("Cancel, save nothing")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        QWidget.setTabOrder(self.new, self.again)
        QWidget.setTabOrder(self.again, self.ok_button)
        QWidget.setTabOrder(self.ok_button, self.cancel_button)
        self._assess_later = after_typing_pauses(self, self.assess, self.new, self.again)
        self.new.setFocus()

    def assess(self) -> bool:
        _, advice, ready = new_passphrase_advice(self.new.text(), self.again.text())
        self.advice.setText(advice)
        self.ok_button.setEnabled(ready)
        return ready

    def accept(self) -> None:
        self._assess_later.stop()
        if self.assess():
            super().accept()

    def passphrase(self) -> str:
        return self.new.text()

    def _wipe(self) -> None:
        self.new.clear()
        self.again.clear()
        self.problem.clear()
