"""The unlock screen: passphrase or recovery key; key derivation runs off the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.session import Session


class UnlockPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._recovery = False
        heading = QLabel("Reflect")
        heading.setObjectName("heading")
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.unlock_button = QPushButton("Unlock")
        self.unlock_button.setDefault(True)
        self.switch = QPushButton()
        self.switch.setFlat(True)
        self.switch.setObjectName("link")
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setAccessibleName("Unlock problem")
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setAccessibleName("Unlocking")
        self.progress.setTextVisible(False)
        self.progress.hide()

        column = QVBoxLayout()
        column.addStretch(2)
        for widget in (
            heading,
            self.explain,
            self.secret,
            self.unlock_button,
            self.progress,
            self.error,
            self.switch,
        ):
            column.addWidget(widget)
        column.addStretch(3)
        frame = QWidget()
        frame.setLayout(column)
        frame.setMinimumWidth(380)
        frame.setMaximumWidth(440)
        outer = QVBoxLayout(self)
        outer.addWidget(frame, 0, Qt.AlignmentFlag.AlignHCenter)

        self.unlock_button.clicked.connect(self.submit)
        self.secret.returnPressed.connect(self.submit)
        self.switch.clicked.connect(lambda: self.use_recovery_key(not self._recovery))
        session.busy.connect(self._busy)
        session.failed.connect(self._failed)
        self.use_recovery_key(False)

    def use_recovery_key(self, on: bool) -> None:
        self._recovery = on
        self.secret.clear()
        self.error.clear()
        if on:
            self.explain.setText(
                "Type the recovery key you wrote down when you created the journal. "
                "You will then choose a new passphrase."
            )
            self.secret.setEchoMode(QLineEdit.EchoMode.Normal)
            self.secret.setPlaceholderText("XXXX-XXXX-XXXX-…")
            self.secret.setAccessibleName("Recovery key")
            self.switch.setText("Use my passphrase instead")
        else:
            self.explain.setText("Your journal is locked. Type your passphrase to open it.")
            self.secret.setEchoMode(QLineEdit.EchoMode.Password)
            self.secret.setPlaceholderText("Passphrase")
            self.secret.setAccessibleName("Passphrase")
            self.switch.setText("Forgotten it? Use the recovery key")
        self.secret.setFocus()

    @property
    def using_recovery_key(self) -> bool:
        return self._recovery

    def submit(self) -> None:
        typed = self.secret.text()
        if not typed:
            return
        self.error.clear()
        if self._recovery:
            self.session.unlock_with_recovery_key(typed)
        else:
            self.session.unlock_with_passphrase(typed)

    def reset(self) -> None:
        self.use_recovery_key(False)

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.unlock_button.setEnabled(not busy)
        self.secret.setEnabled(not busy)

    def _failed(self, message: str) -> None:
        if self.isVisible() or not self.isHidden():
            self.error.setText(message)
            self.secret.selectAll()
            self.secret.setFocus()
