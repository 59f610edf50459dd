"""Add a buddy from their card: paste it or open its file, see the safety number, add.

The card is read as it is pasted, so a mangled one is explained at once. The
safety number is the point of the dialog: the two leaders compare it in person
or by phone, and ticking that they did marks the buddy verified.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reflect.buddy_card import CardError, read_card, safety_number
from reflect.errors import ReflectError
from reflect.sharing import Party
from storage.buddies import Buddy
from ui.card_text import CardText
from ui.safety_number_label import SafetyNumberLabel
from ui.session import Session

TITLE = "Add a buddy"  # never the buddy's name: window titles reach the system
CARD_FILTER = "Buddy cards (*.txt);;All files (*)"
MAX_CARD_FILE = 64_000  # a card is a few hundred bytes; an e-mail around it, a little more
WIDTH = 600


def ask_card_path(parent: QWidget) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "Open a buddy card", "", CARD_FILTER)
    return Path(name) if name else None


def read_card_file(path: Path) -> str:
    with path.open("rb") as handle:
        return handle.read(MAX_CARD_FILE).decode("utf-8", errors="replace")


def buddy_on_card(text: str, me: Party, buddies: Sequence[Buddy]) -> Party:
    """The party on a pasted card, if it is one to add; CardError saying why not."""
    party = read_card(text)
    if party.same_keys(me):
        raise CardError(
            "That is your own buddy card. Send it to your buddy, and paste the card they "
            "send you here."
        )
    for known in buddies:
        if known.party.same_keys(party):
            raise CardError(f"{known.name} is already your buddy, with this card.")
    return party


def _label(text: str = "", name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


class AddBuddyDialog(QDialog):
    def __init__(
        self,
        session: Session,
        me: Party,
        buddies: Sequence[Buddy],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.me = me
        self.buddies = list(buddies)
        self.party: Party | None = None
        self.added: Buddy | None = None
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)

        explain = _label(
            "Paste the buddy card your buddy sent you (the whole block, from “BEGIN” to "
            "“END”), or open the file it came in."
        )
        self.card = CardText(read_only=False, lines=7)
        self.card.setAccessibleName("Your buddy's card")
        self.card.setPlaceholderText("-----BEGIN REFLECT BUDDY CARD-----\n…")
        explain.setBuddy(self.card)
        self.open_button = QPushButton("&Open file…")
        self.open_button.setAccessibleName("Open a buddy card file")
        self.open_button.setToolTip("Read the card from a file your buddy sent (Alt+O)")
        self.open_button.setAutoDefault(False)
        self.open_button.clicked.connect(self.open_file)
        self.problem = _label(name="error")
        self.problem.setAccessibleName("Problem with the card")
        self.problem.hide()

        self.found = QWidget()
        self.buddy_name = _label(name="stepHeading")
        number_heading = _label("Safety number", "sectionHeading")
        self.number = SafetyNumberLabel()
        self.compare = _label()
        self.verified = QCheckBox("&We compared it and it matches")
        self.verified.setAccessibleName("We compared the safety number and it matches")
        later = _label(
            "Not yet? Add them anyway and compare later: the Buddies page shows the number "
            "and marks them verified.",
            "hint",
        )
        found_layout = QVBoxLayout(self.found)
        found_layout.setContentsMargins(0, 8, 0, 0)
        for widget in (self.buddy_name, number_heading, self.number, self.compare):
            found_layout.addWidget(widget)
        found_layout.addWidget(self.verified)
        found_layout.addWidget(later)
        self.found.hide()

        self.add_button = QPushButton("&Add buddy")
        self.add_button.setAccessibleName("Add buddy")
        self.add_button.setDefault(True)
        self.add_button.setEnabled(False)
        self.add_button.clicked.connect(self.accept)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel, add nobody")
        self.cancel_button.clicked.connect(self.reject)
        open_row = QHBoxLayout()
        open_row.addWidget(self.open_button)
        open_row.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(self.card)
        layout.addLayout(open_row)
        layout.addWidget(self.problem)
        layout.addWidget(self.found)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.card.textChanged.connect(self._read)
        self.setMinimumWidth(WIDTH)
        self._fit()
        self.card.setFocus()

    def _fit(self) -> None:
        """Wrapped labels know their height only for a width: ask for exactly that."""
        layout = self.layout()
        if layout is not None:
            layout.invalidate()
            layout.activate()  # what was hidden or shown counts now, not on the next event
        width = max(self.width(), WIDTH)
        self.resize(width, max(self.heightForWidth(width), self.minimumSizeHint().height()))

    # --- reading the card ---------------------------------------------------------------

    def open_file(self) -> None:
        path = ask_card_path(self)
        if path is None:
            return
        try:
            text = read_card_file(path)
        except OSError as exc:
            self._problem(f"Reflect could not read {path.name}: {exc.strerror or exc}.")
            return
        self.card.setPlainText(text)
        self.card.setFocus()

    def _read(self) -> None:
        text = self.card.toPlainText()
        self.party = None
        if not text.strip():
            self._problem("")
            return
        try:
            party = buddy_on_card(text, self.me, self.buddies)
        except CardError as exc:
            self._problem(str(exc))
            return
        self.party = party
        self.problem.hide()
        self.buddy_name.setText(party.name)
        self.number.show_number(safety_number(self.me, party))
        self.compare.setText(
            f"Compare this with {party.name} in person or by phone: you should both see the "
            "same twenty digits. If they differ, do not add this card: it may not be theirs."
        )
        self.verified.setChecked(False)
        self.found.show()
        self.add_button.setEnabled(True)
        self._fit()

    def _problem(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.setVisible(bool(message))
        self.found.hide()
        self.buddy_name.clear()
        self.number.clear()
        self.compare.clear()
        self.verified.setChecked(False)
        self.add_button.setEnabled(False)
        self._fit()

    # --- adding --------------------------------------------------------------------------

    def accept(self) -> None:
        if self.party is None or not self.session.is_unlocked:
            return
        try:
            added = self.session.vault.buddies.add(self.party)
            if self.verified.isChecked():
                self.session.vault.buddies.set_verified(added.id, True)
        except ReflectError as exc:  # BuddyKeyChanged among them: nothing was added
            self._problem(str(exc))
            self.card.setFocus()
            return
        self.added = added
        super().accept()

    def done(self, result: int) -> None:
        """However it closes, forget the card and the number shown."""
        self.card.blockSignals(True)
        self.card.clear()
        self.card.blockSignals(False)
        self.buddy_name.clear()
        self.number.clear()
        self.compare.clear()
        super().done(result)
