"""A new recovery key, made after the current passphrase is confirmed, shown once.

Reflect keeps the recovery key only as a slot that the key opens, never the key
itself, so it cannot show the old one again. It can make a new one; the old one
stops working at that moment. The new key lives in this dialog only until it closes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.change_passphrase_dialog import (
    busy_bar,
    check_current_passphrase,
    message_for,
    password_field,
    problem_label,
)
from ui.recovery_kit import print_kit, save_kit_as_pdf
from ui.secret_dialog import SecretDialog
from ui.session import Session

EXPLANATION = (
    "Reflect never keeps your recovery key in a form it can read, so it cannot show you "
    "the one you already have. It can make a new one. As soon as it does, your old "
    "recovery key stops working: any printed copy of it becomes useless."
)


class RecoveryKeyDialog(SecretDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self._recovery_key = ""
        self.setWindowTitle("New recovery key")
        self.setAccessibleName("New recovery key")
        self.pages = QStackedWidget()
        self.pages.addWidget(self._confirm_page())
        self.pages.addWidget(self._key_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.setMinimumWidth(480)
        self.current.setFocus()

    # --- page 1: confirm the passphrase -------------------------------------------------------

    def _confirm_page(self) -> QWidget:
        explain = QLabel(EXPLANATION)
        explain.setWordWrap(True)
        prompt = QLabel("To make a new one, type your current &passphrase:")
        prompt.setWordWrap(True)
        self.current = password_field("Current passphrase")
        prompt.setBuddy(self.current)
        self.progress = busy_bar("Making a new recovery key")
        self.problem = problem_label("Problem making a new recovery key")
        self.make_button = QPushButton("&Make a new recovery key")
        self.make_button.setAccessibleName("Make a new recovery key")
        self.make_button.setDefault(True)
        self.make_button.setEnabled(False)
        self.cancel_button = QPushButton("&Cancel")
        self.cancel_button.setAccessibleName("Cancel, keep the current recovery key")
        self.current.textChanged.connect(
            lambda text: self.make_button.setEnabled(bool(text) and not self._busy)
        )
        self.current.returnPressed.connect(self.submit)
        self.make_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.make_button)
        buttons.addWidget(self.cancel_button)
        page = QWidget()
        column = QVBoxLayout(page)
        for widget in (explain, prompt, self.current, self.progress, self.problem):
            column.addWidget(widget)
        column.addLayout(buttons)
        QWidget.setTabOrder(self.current, self.make_button)
        QWidget.setTabOrder(self.make_button, self.cancel_button)
        return page

    def submit(self) -> None:
        typed = self.current.text()
        if self._busy or not typed:
            return
        self.problem.clear()
        folder = self.session.folder
        vault = self.session.vault  # taken here, on the interface thread

        def work() -> str:
            check_current_passphrase(folder, typed)
            return vault.replace_recovery_key()

        self._set_busy(True)
        self.session.background.run(work, self._made, self._failed)

    def _made(self, recovery_key: str) -> None:
        if self._gone:
            return
        self._set_busy(False)
        self.current.clear()
        self._recovery_key = recovery_key
        self.key.setText(recovery_key)
        self.pages.setCurrentIndex(1)
        self.confirm.setFocus()

    def _failed(self, exc: Exception) -> None:
        if self._gone:
            return
        self._set_busy(False)
        self.problem.setText(message_for(exc, "Your recovery key was not changed."))
        self.current.selectAll()
        self.current.setFocus()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.progress.setVisible(busy)
        self.current.setEnabled(not busy)
        self.cancel_button.setEnabled(not busy)
        self.make_button.setEnabled(not busy and bool(self.current.text()))

    # --- page 2: the new key, once --------------------------------------------------------------

    def _key_page(self) -> QWidget:
        heading = QLabel("Your new recovery key")
        heading.setObjectName("heading")
        self.key = QLabel()
        self.key.setObjectName("recoveryKey")
        self.key.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.key.setAccessibleName("New recovery key")
        warning = QLabel(
            "Your old recovery key no longer opens this journal. Destroy any copy of it. "
            "Print this one or save it, and keep it somewhere safe, away from this computer. "
            "Reflect will not show it again."
        )
        warning.setWordWrap(True)
        self.save_button = QPushButton("&Save as PDF…")
        self.save_button.setAccessibleName("Save the recovery kit as a PDF")
        self.print_button = QPushButton("P&rint…")
        self.print_button.setAccessibleName("Print the recovery kit")
        self.save_button.clicked.connect(self._save_pdf)
        self.print_button.clicked.connect(self._print)
        self.confirm = QLineEdit()
        self.confirm.setPlaceholderText("Type the last group to show you have it")
        self.confirm.setAccessibleName("Last group of the new recovery key")
        confirm_label = QLabel("&Last group of the key:")
        confirm_label.setBuddy(self.confirm)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setAccessibleName("Recovery key hint")
        self.done_button = QPushButton("&Done")
        self.done_button.setAccessibleName("Done, I have kept the new recovery key")
        self.done_button.setEnabled(False)
        self.confirm.textChanged.connect(self._check_confirmation)
        self.confirm.returnPressed.connect(self._finish)
        self.done_button.clicked.connect(self._finish)
        kit = QHBoxLayout()
        kit.addWidget(self.save_button)
        kit.addWidget(self.print_button)
        kit.addStretch()
        finish = QHBoxLayout()
        finish.addStretch()
        finish.addWidget(self.done_button)
        page = QWidget()
        column = QVBoxLayout(page)
        for widget in (heading, self.key, warning):
            column.addWidget(widget)
        column.addLayout(kit)
        column.addWidget(confirm_label)
        column.addWidget(self.confirm)
        column.addWidget(self.hint)
        column.addLayout(finish)
        QWidget.setTabOrder(self.key, self.save_button)
        QWidget.setTabOrder(self.save_button, self.print_button)
        QWidget.setTabOrder(self.print_button, self.confirm)
        QWidget.setTabOrder(self.confirm, self.done_button)
        return page

    @property
    def confirmed(self) -> bool:
        last = self._recovery_key.rsplit("-", 1)[-1]
        return bool(last) and self.confirm.text().strip().upper() == last

    def _check_confirmation(self) -> None:
        self.done_button.setEnabled(self.confirmed)
        if self.confirmed:
            self.hint.clear()

    def _finish(self) -> None:
        if self.confirmed:
            self._wipe()
            self.accept()

    def _save_pdf(self) -> None:
        save_kit_as_pdf(self._recovery_key, self)

    def _print(self) -> None:
        print_kit(self._recovery_key, self)

    # --- closing --------------------------------------------------------------------------------

    def reject(self) -> None:
        if self._busy:
            return  # the key file is being rewritten
        if self.pages.currentIndex() == 1 and not self._gone:
            # The old key is already gone: closing now would lose the only copy of the new one.
            self.hint.setText(
                "Type the last group of the key first, so you know you have kept it. "
                "(If you lose it, you can make another one here while you know your passphrase.)"
            )
            self.confirm.setFocus()
            return
        self._wipe()
        super().reject()

    def _wipe(self) -> None:
        self._recovery_key = ""
        self.key.clear()
        self.confirm.clear()
        self.current.clear()
        self.problem.clear()
