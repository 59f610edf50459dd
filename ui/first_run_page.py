"""First run: what Reflect is, a passphrase with live strength, then the recovery kit."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ui.passphrase_feedback import after_typing_pauses, new_passphrase_advice
from ui.recovery_kit import print_kit, save_kit_as_pdf
from ui.session import Session


def _column(*widgets: QWidget) -> QWidget:
    frame = QWidget()
    layout = QVBoxLayout(frame)
    layout.addStretch(2)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(3)
    frame.setMinimumWidth(420)
    frame.setMaximumWidth(520)
    return frame


class FirstRunPage(QWidget):
    finished = Signal(bool)  # whether to remember the journal on this device

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.steps = QStackedWidget()
        self.steps.addWidget(self._passphrase_step())
        self.steps.addWidget(self._recovery_step())
        self.steps.setMaximumWidth(520)
        outer = QVBoxLayout(self)
        outer.addWidget(self.steps, 0, Qt.AlignmentFlag.AlignHCenter)
        session.created.connect(self._show_recovery_key)
        session.busy.connect(lambda busy: self.progress.setVisible(busy))
        session.failed.connect(self.problem.setText)

    # --- step 1: a passphrase ------------------------------------------------------------

    def _passphrase_step(self) -> QWidget:
        heading = QLabel("Welcome to Reflect")
        heading.setObjectName("heading")
        welcome = QLabel(
            "Reflect is a private journal for thinking through the work of leading across "
            "organisations. Everything you write stays on this computer, encrypted with a "
            "passphrase only you know."
        )
        welcome.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText("Choose a passphrase")
        self.passphrase.setAccessibleName("New passphrase")
        self.again = QLineEdit()
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.again.setPlaceholderText("Type it again")
        self.again.setAccessibleName("New passphrase again")
        self.strength = QProgressBar()
        self.strength.setRange(0, 4)
        self.strength.setTextVisible(False)
        self.strength.setMaximumHeight(6)
        self.strength.setAccessibleName("Passphrase strength")
        self.advice = QLabel("Four or five unrelated words make a strong passphrase.")
        self.advice.setWordWrap(True)
        self.advice.setAccessibleName("Passphrase advice")
        self.create = QPushButton("Create my journal")
        self.create.setEnabled(False)
        self.create.setDefault(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.problem = QLabel()
        self.problem.setObjectName("error")
        self.problem.setWordWrap(True)
        self._assess_later = after_typing_pauses(self, self._assess, self.passphrase, self.again)
        self.create.clicked.connect(self._create)
        self.again.returnPressed.connect(self._create)
        return _column(
            heading,
            welcome,
            self.passphrase,
            self.strength,
            self.advice,
            self.again,
            self.create,
            self.progress,
            self.problem,
        )

    def _assess(self) -> None:
        verdict, advice, ready = new_passphrase_advice(self.passphrase.text(), self.again.text())
        score = verdict.score if verdict else 0
        self.strength.setValue(score)
        colour = (
            "#4f9a72" if verdict and verdict.acceptable else "#c99332" if score >= 2 else "#c0616b"
        )
        self.strength.setStyleSheet(f"QProgressBar::chunk {{ background: {colour}; }}")
        self.advice.setText(advice)
        self.create.setEnabled(ready)

    def _create(self) -> None:
        self._assess()
        if self.create.isEnabled():
            self.create.setEnabled(False)
            self.session.create(self.passphrase.text())

    # --- step 2: the recovery kit ----------------------------------------------------------

    def _recovery_step(self) -> QWidget:
        heading = QLabel("Your recovery key")
        heading.setObjectName("heading")
        explain = QLabel(
            "If you ever forget your passphrase, this key is the only way back into your "
            "journal. Reflect shows it once. Print it or save it, and keep it away from "
            "this computer."
        )
        explain.setWordWrap(True)
        self.key = QLabel()
        self.key.setObjectName("recoveryKey")
        self.key.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key.setAccessibleName("Recovery key")
        save = QPushButton("Save as PDF…")
        print_button = QPushButton("Print…")
        save.clicked.connect(self._save_pdf)
        print_button.clicked.connect(self._print)
        buttons = QHBoxLayout()
        buttons.addWidget(save)
        buttons.addWidget(print_button)
        buttons.addStretch()
        row = QWidget()
        row.setLayout(buttons)
        self.confirm = QLineEdit()
        self.confirm.setPlaceholderText("Type the last group to show you have it")
        self.confirm.setAccessibleName("Last group of the recovery key")
        self.remember = QCheckBox(
            "Remember on this device: open without the passphrase while logged in "
            "to this computer (the key is kept in the system keychain)"
        )
        self.remember.setAccessibleName("Remember on this device")
        self.done = QPushButton("Start writing")
        self.done.setEnabled(False)
        self.confirm.textChanged.connect(self._check_confirmation)
        self.done.clicked.connect(lambda: self.finished.emit(self.remember.isChecked()))
        return _column(heading, explain, self.key, row, self.confirm, self.remember, self.done)

    def _show_recovery_key(self, key: str) -> None:
        self._recovery_key = key
        self.key.setText(key)
        self.passphrase.clear()
        self.again.clear()
        self.steps.setCurrentIndex(1)
        self.confirm.setFocus()

    def _check_confirmation(self, typed: str) -> None:
        last = self._recovery_key.rsplit("-", 1)[-1]
        self.done.setEnabled(typed.strip().upper() == last)

    def _save_pdf(self) -> None:
        save_kit_as_pdf(self._recovery_key, self)

    def _print(self) -> None:
        print_kit(self._recovery_key, self)

    def wipe(self) -> None:
        self._recovery_key = ""
        self.key.clear()
        self.confirm.clear()
