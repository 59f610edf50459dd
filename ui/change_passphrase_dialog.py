"""Change the passphrase: the current one first, then a new one with live strength.

Both the check of the current passphrase and the new key derivation are slow by
design (Argon2), so they run off the interface thread while a busy bar shows.
Nothing here is kept once the dialog closes, and nothing goes to QSettings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reflect.errors import ReflectError
from storage.errors import WrongPassphrase
from storage.passphrase_policy import assess
from storage.vault import Vault
from ui.passphrase_feedback import after_typing_pauses
from ui.secret_dialog import SecretDialog
from ui.session import Session

WRONG_CURRENT = "That is not your current passphrase. Nothing was changed."


def password_field(accessible_name: str, placeholder: str = "") -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(accessible_name)
    field.setPlaceholderText(placeholder)
    return field


def busy_bar(accessible_name: str) -> QProgressBar:
    bar = QProgressBar()
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setMaximumHeight(8)
    bar.setAccessibleName(accessible_name)
    bar.hide()
    return bar


def problem_label(accessible_name: str) -> QLabel:
    label = QLabel()
    label.setObjectName("error")
    label.setWordWrap(True)
    label.setAccessibleName(accessible_name)
    return label


def check_current_passphrase(folder: Path, passphrase: str) -> None:
    """Raise WrongPassphrase unless `passphrase` opens the journal's key file. Slow: Argon2."""
    Vault.unlock(folder, passphrase=passphrase, verify=False).lock()


def message_for(exc: Exception, what_was_kept: str) -> str:
    """Words for the user: ours for a wrong passphrase, the storage layer's for the rest."""
    if isinstance(exc, WrongPassphrase):
        return WRONG_CURRENT
    if isinstance(exc, ReflectError):
        return str(exc)
    return f"Something went wrong ({type(exc).__name__}). {what_was_kept}"


class ChangePassphraseDialog(SecretDialog):
    def __init__(
        self, session: Session, parent: QWidget | None = None, recovering: bool = False
    ) -> None:
        """`recovering`: opened with the recovery key, so there is no current passphrase to ask."""
        super().__init__(session, parent)
        self.recovering = recovering
        self.setWindowTitle("Change passphrase")
        self.setAccessibleName("Change passphrase")
        intro = QLabel(
            "What you have written stays exactly as it is; only the passphrase that opens "
            "it changes. Your recovery key keeps working."
        )
        intro.setWordWrap(True)
        self.current = password_field("Current passphrase")
        self.new = password_field("New passphrase", "Four or five unrelated words")
        self.again = password_field("New passphrase again")
        self.strength = QProgressBar()
        self.strength.setRange(0, 4)
        self.strength.setTextVisible(False)
        self.strength.setMaximumHeight(6)
        self.strength.setAccessibleName("New passphrase strength")
        self.advice = QLabel("Four or five unrelated words make a strong passphrase.")
        self.advice.setWordWrap(True)
        self.advice.setAccessibleName("Passphrase advice")
        self.progress = busy_bar("Changing the passphrase")
        self.problem = problem_label("Problem changing the passphrase")

        form = QFormLayout()
        fields = [("&New passphrase", self.new)]
        if not recovering:
            fields.insert(0, ("C&urrent passphrase", self.current))
        for text, field in fields:
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
        form.addRow("", self.strength)
        form.addRow("", self.advice)
        again_label = QLabel("New passphrase &again")
        again_label.setBuddy(self.again)
        form.addRow(again_label, self.again)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.change_button = QPushButton("Change passphrase")
        self.change_button.setAccessibleName("Change passphrase")
        self.change_button.setDefault(True)
        self.change_button.setEnabled(False)
        self.buttons.addButton(self.change_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAccessibleName("Cancel, keep the current passphrase")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

        if not recovering:
            QWidget.setTabOrder(self.current, self.new)
        QWidget.setTabOrder(self.new, self.again)
        QWidget.setTabOrder(self.again, self.change_button)
        QWidget.setTabOrder(self.change_button, self.cancel_button)

        self._assess_later = after_typing_pauses(
            self, self.assess, self.new, self.again, self.current
        )
        if recovering:
            self.current.setParent(self)  # kept in this window, never shown
            self.current.hide()
            self.setWindowTitle("Choose a new passphrase")
            self.setAccessibleName("Choose a new passphrase")
            intro.setText(
                "You opened your journal with the recovery key. Choose a new passphrase "
                "to open it from now on; the recovery key keeps working too."
            )
            self.change_button.setText("Set the new passphrase")
            self.change_button.setAccessibleName("Set the new passphrase")
            self.new.setFocus()
        else:
            self.current.setFocus()

    # --- live feedback --------------------------------------------------------------------

    def assess(self) -> bool:
        """Update the strength bar and advice; True when the form may be submitted."""
        typed = self.new.text()
        verdict = assess(typed) if typed else None
        score = verdict.score if verdict else 0
        self.strength.setValue(score)
        acceptable = bool(verdict and verdict.acceptable)
        colour = "#4f9a72" if acceptable else "#c99332" if score >= 2 else "#c0616b"
        self.strength.setStyleSheet(f"QProgressBar::chunk {{ background: {colour}; }}")
        matching = typed == self.again.text()
        if verdict is None:
            advice = "Four or five unrelated words make a strong passphrase."
        elif not verdict.acceptable:
            advice = verdict.reason
        elif self.again.text() and not matching:
            advice = "The two new passphrases differ."
        elif not self.recovering and typed == self.current.text():
            advice = "That is the passphrase you have now; choose a different one."
        else:
            advice = verdict.reason
        self.advice.setText(advice)
        current_ok = self.recovering or (bool(self.current.text()) and typed != self.current.text())
        ready = acceptable and matching and current_ok and not self._busy
        self.change_button.setEnabled(ready)
        return ready

    # --- changing ---------------------------------------------------------------------------

    def submit(self) -> None:
        self._assess_later.stop()
        if self._busy:
            return
        if not self.assess():
            if not self.current.text():
                self.problem.setText("Type your current passphrase first.")
            return
        self.problem.clear()
        current, new = self.current.text(), self.new.text()
        folder = self.session.folder
        vault = self.session.vault  # taken here, on the interface thread

        recovering = self.recovering

        def work() -> None:
            if not recovering:
                check_current_passphrase(folder, current)
            vault.change_passphrase(new)

        self._set_busy(True)
        self.session.background.run(work, self._changed, self._failed)

    def _changed(self, _result: object) -> None:
        if self._gone:
            return
        self._set_busy(False)
        self._wipe()
        self.accept()

    def _failed(self, exc: Exception) -> None:
        if self._gone:
            return
        self._set_busy(False)
        self.problem.setText(message_for(exc, "The passphrase was not changed."))
        if isinstance(exc, WrongPassphrase):
            self.current.selectAll()
            self.current.setFocus()
        self.assess()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.progress.setVisible(busy)
        for widget in (self.current, self.new, self.again, self.cancel_button):
            widget.setEnabled(not busy)
        if busy:
            self.change_button.setEnabled(False)

    # --- closing ----------------------------------------------------------------------------

    def reject(self) -> None:
        if self._busy:
            return  # the key file is being rewritten; it takes a second or two
        self._wipe()
        super().reject()

    def _wipe(self) -> None:
        for field in (self.current, self.new, self.again):
            field.clear()
        self.problem.clear()
