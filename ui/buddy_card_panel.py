"""Your buddy card: make it (a name is all it needs), then copy it or save it as a file.

The card holds your name and public keys, nothing secret, so it may be sent by
e-mail and saved readable by others (0o644).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reflect.buddy_card import card_text
from reflect.errors import ReflectError
from storage.atomic import write_atomically
from storage.share_files import ensure_identity, my_party
from ui.card_text import CardText
from ui.follow_ups_page import keys_hint
from ui.session import Session

CARD_FILTER = "Buddy cards (*.txt)"
CARD_FILE_NAME = "reflect-buddy-card.txt"


def ask_save_path(parent: QWidget) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(
        parent, "Save your buddy card", CARD_FILE_NAME, CARD_FILTER
    )
    return Path(name) if name else None


def save_card(path: Path, card: str) -> None:
    write_atomically(path, card.encode("utf-8"), mode=0o644)


def _button(text: str, what: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(text.replace("&", "").rstrip("…"))
    button.setToolTip(keys_hint(text, what))
    button.setAutoDefault(True)
    return button


class BuddyCardPanel(QWidget):
    card_made = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.card_text = ""  # the card exactly as made, ending in a newline
        # One page or the other; not a stack, which would be as tall as the taller of the two.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._make_page())
        layout.addWidget(self._card_page())
        self._show(self.make_page)

    def _make_page(self) -> QWidget:
        self.make_page = QWidget()
        explain = QLabel(
            "Make your buddy card to start. It holds the name your buddies know you by and "
            "the public keys that let them send you shares; never your reflections."
        )
        explain.setWordWrap(True)
        name_label = QLabel("Your &name:")
        self.name = QLineEdit()
        self.name.setAccessibleName("Your name, as your buddies know you")
        self.name.setPlaceholderText("e.g. Asha Patel")
        self.name.setMaxLength(120)
        name_label.setBuddy(self.name)
        self.make_button = _button("&Make my buddy card", "Make the keys that sharing needs")
        self.make_button.setEnabled(False)
        self.name.textChanged.connect(lambda t: self.make_button.setEnabled(bool(t.strip())))
        self.name.returnPressed.connect(self.make_card)
        self.make_button.clicked.connect(self.make_card)
        self.problem = QLabel()
        self.problem.setObjectName("error")
        self.problem.setWordWrap(True)
        self.problem.hide()
        row = QHBoxLayout()
        row.addWidget(name_label)
        row.addWidget(self.name, 1)
        row.addWidget(self.make_button)
        row.addStretch(1)
        layout = QVBoxLayout(self.make_page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(explain)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        return self.make_page

    def _card_page(self) -> QWidget:
        self.card_page = QWidget()
        self.card = CardText(read_only=True)
        self.card.setAccessibleName("Your buddy card")
        self.copy_button = _button("&Copy", "Copy the card, to paste into an e-mail")
        self.copy_button.clicked.connect(self.copy_card)
        self.save_button = _button("&Save as file…", "Save the card as a file to send")
        self.save_button.clicked.connect(self.save_as)
        self.status = QLabel()
        self.status.setObjectName("hint")
        self.status.setWordWrap(True)
        hint = QLabel(
            "Send this to your buddy by e-mail or however you like: it holds no secrets. "
            "Ask for theirs, then add it below with Add a buddy…"
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        side.addLayout(buttons)
        side.addWidget(hint)
        side.addWidget(self.status)
        side.addStretch(1)
        row = QHBoxLayout(self.card_page)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.card)
        row.addSpacing(8)
        row.addLayout(side, 1)
        return self.card_page

    # --- what is shown ---------------------------------------------------------------

    def refresh(self) -> None:
        if not self.session.is_unlocked:
            return
        try:
            party = my_party(self.session.vault) if self.session.vault.buddies.identity() else None
        except ReflectError as exc:
            self._problem(str(exc))
            return
        if party is None:
            self.card_text = ""
            self.card.clear()
            self._show(self.make_page)
        else:
            self.card_text = card_text(party)
            self.card.setPlainText(self.card_text.rstrip("\n"))
            self._show(self.card_page)

    def _show(self, page: QWidget) -> None:
        self.card_page.setVisible(page is self.card_page)
        self.make_page.setVisible(page is self.make_page)

    def showing(self) -> QWidget:
        """The page shown: `make_page` (no card yet) or `card_page`."""
        return self.card_page if self.card_page.isVisibleTo(self) else self.make_page

    def has_card(self) -> bool:
        return bool(self.card_text)

    def wipe(self) -> None:
        self.card_text = ""
        self.card.clear()
        self.name.clear()
        self.status.clear()
        self._problem("")
        self._show(self.make_page)

    def _problem(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.setVisible(bool(message))

    # --- what the user does ------------------------------------------------------------

    def make_card(self) -> None:
        name = self.name.text().strip()
        if not name or not self.session.is_unlocked:
            return
        try:
            ensure_identity(self.session.vault, name)
        except ReflectError as exc:
            self._problem(str(exc))
            return
        self._problem("")
        self.name.clear()
        self.refresh()
        self.status.setText("Your buddy card is ready.")
        self.copy_button.setFocus()
        self.card_made.emit()

    def copy_card(self) -> None:
        card = self.card_text
        if card:
            QGuiApplication.clipboard().setText(card)
            self.status.setText("Copied. Paste it into an e-mail to your buddy.")

    def save_as(self) -> None:
        card = self.card_text
        if not card:
            return
        path = ask_save_path(self)
        if path is None:
            return
        try:
            save_card(path, card)
        except OSError as exc:
            self.status.setText(f"Reflect could not save {path.name}: {exc.strerror or exc}.")
            return
        self.status.setText(f"Saved as {path.name}. Send that file to your buddy.")
