"""Buddies: your buddy card, the buddies whose cards you added, and their safety numbers.

A buddy is a fellow leader you swap reflections with. Each keeps their own
journal; shares travel as encrypted files. The safety number, compared in
person or by phone, is what makes sure a card really is your buddy's.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reflect.buddy_card import safety_number
from reflect.errors import ReflectError
from storage.buddies import Buddy
from storage.share_files import my_party
from ui.add_buddy_dialog import AddBuddyDialog
from ui.buddy_card_panel import BuddyCardPanel
from ui.buddy_list_model import BuddyListModel
from ui.follow_ups_page import keys_hint
from ui.master_detail import detail_stack, empty_state, list_and_detail, list_column
from ui.safety_number_label import SafetyNumberLabel
from ui.session import Session
from ui.share_wording import verified_sentence
from ui.two_line_delegate import two_line_list

INTRO = (
    "A buddy is a fellow leader you swap reflections with, to think them through together. "
    "Each of you keeps your own journal; what you share travels as an encrypted file that "
    "only the two of you can open."
)
NO_BUDDIES = (
    "No buddies yet. To pair with a fellow leader:\n\n"
    "1. Send them your buddy card (above), and ask for theirs.\n"
    "2. Choose Add a buddy… and paste their card.\n"
    "3. Compare the safety number with them in person or by phone. If you both see the "
    "same number, nobody swapped the cards on the way."
)
NEEDS_CARD = "Make your buddy card first: adding a buddy needs your keys as well as theirs."


def _label(text: str = "", name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


class BuddiesPage(QWidget):
    open_reflection = Signal(object)  # uuid.UUID; part of the Page protocol, never sent here

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.dialog: AddBuddyDialog | None = None
        heading = _label("Buddies", "pageHeading")
        intro = _label(INTRO, "hint")
        card_heading = _label("Your buddy card", "sectionHeading")
        self.card_panel = BuddyCardPanel(session)
        self.card_panel.card_made.connect(self.refresh)
        buddies_heading = _label("Your buddies", "sectionHeading")

        self.model = BuddyListModel(self)
        self.list = two_line_list(self.model, "Buddies")
        self.list.setToolTip("Enter moves to the chosen buddy's safety number")
        self.add_button = self._button(
            "&Add a buddy…", "Paste or open your buddy's card", self.add_buddy
        )
        self.remove_button = self._button(
            "&Remove…", "Remove a buddy you have exchanged nothing with", self.remove
        )
        list_buttons = QHBoxLayout()
        list_buttons.addWidget(self.add_button)
        list_buttons.addWidget(self.remove_button)
        list_buttons.addStretch(1)
        self.needs_card = _label(NEEDS_CARD, "hint")
        left = list_column(self.list, list_buttons, self.needs_card)

        self.name = _label(name="stepHeading")
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        self.status = _label()
        number_heading = _label("Safety number", "sectionHeading")
        self.number = SafetyNumberLabel()
        self.compare = _label()
        self.verify_button = self._button("Mark as &verified", "", self.toggle_verified)
        detail_buttons = QHBoxLayout()
        detail_buttons.addWidget(self.verify_button)
        detail_buttons.addStretch(1)
        self.detail = QWidget()
        detail_layout = QVBoxLayout(self.detail)
        detail_layout.setContentsMargins(12, 0, 0, 0)
        detail_layout.addWidget(self.name)
        detail_layout.addWidget(self.status)
        detail_layout.addWidget(number_heading)
        detail_layout.addWidget(self.number)
        detail_layout.addWidget(self.compare)
        detail_layout.addLayout(detail_buttons)
        detail_layout.addStretch(1)
        self.nothing, self.nothing_text = empty_state(NO_BUDDIES)
        self.right = detail_stack(self.detail, self.nothing)

        panes = list_and_detail(left, self.right, 300)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addSpacing(8)
        layout.addWidget(card_heading)
        layout.addWidget(self.card_panel)
        layout.addSpacing(8)
        layout.addWidget(buddies_heading)
        layout.addWidget(panes, 1)
        self.list.activated.connect(lambda _: self.verify_button.setFocus())
        self.list.selectionModel().currentChanged.connect(self._chosen)
        self._show_buddy(None)

    def _button(self, text: str, what: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        if what:
            button.setToolTip(keys_hint(text, what))
        button.setAutoDefault(True)  # Enter presses a focused button, as Space does
        button.clicked.connect(slot)
        return button

    # --- what is shown ---------------------------------------------------------------

    def refresh(self, keep: uuid.UUID | None = None) -> None:
        """Reload the card and the buddies, keeping the chosen buddy (or `keep`) chosen."""
        if not self.session.is_unlocked:
            return
        self.card_panel.refresh()
        current = self.chosen()
        keep = keep or (current.id if current else None)
        row = max(self.list.currentIndex().row(), 0)
        try:
            buddies = self.session.vault.buddies.listed()
        except ReflectError as exc:
            QMessageBox.warning(self, "Reflect", str(exc))
            return
        self.model.set_buddies(buddies)
        found = self.model.row_of(keep) if keep is not None else None
        if buddies:
            chosen = found if found is not None else min(row, len(buddies) - 1)
            self.list.setCurrentIndex(self.model.index(chosen, 0))
        has_card = self.card_panel.has_card()
        self.add_button.setEnabled(has_card)
        self.needs_card.setVisible(not has_card)
        self._show_buddy(self.chosen())

    def wipe(self) -> None:
        """Forget the card, the buddies and the numbers shown (on lock)."""
        if self.dialog is not None:
            self.dialog.reject()
        self.card_panel.wipe()
        self.model.clear()
        self._show_buddy(None)

    def chosen(self) -> Buddy | None:
        index = self.list.currentIndex()
        return self.model.record_at(index.row()) if index.isValid() else None

    def _chosen(self, current: QModelIndex, _: QModelIndex) -> None:
        self._show_buddy(self.model.record_at(current.row()) if current.isValid() else None)

    def _show_buddy(self, buddy: Buddy | None) -> None:
        self.right.setCurrentWidget(self.detail if self.model.rowCount() else self.nothing)
        self.remove_button.setEnabled(buddy is not None)
        self.verify_button.setEnabled(buddy is not None)
        if buddy is None:
            for label in (self.name, self.status, self.compare):
                label.clear()
            self.number.clear()
            return
        self.name.setText(buddy.name)
        self.status.setText(verified_sentence(buddy))
        try:
            number = safety_number(my_party(self.session.vault), buddy.party)
        except ReflectError:
            self.number.clear()
            self.compare.setText("Make your buddy card to see the safety number.")
        else:
            self.number.show_number(number)
            self.compare.setText(
                f"Compare this with {buddy.name} in person or by phone: Reflect shows them the "
                "same number. If it matches, mark them verified."
            )
        text = "Mark as &not verified" if buddy.verified else "Mark as &verified"
        self.verify_button.setText(text)
        self.verify_button.setAccessibleName(text.replace("&", ""))
        self.verify_button.setToolTip(
            keys_hint(
                text,
                "You have not compared the number after all"
                if buddy.verified
                else "You compared the number and it matches",
            )
        )

    # --- what the user does ------------------------------------------------------------

    def add_buddy(self) -> None:
        """The add dialog, opened without blocking (`open`), so it can be driven by keys."""
        if not self.session.is_unlocked:
            return
        try:
            me = my_party(self.session.vault)
            buddies = self.session.vault.buddies.listed()
        except ReflectError as exc:
            QMessageBox.warning(self, "Reflect", str(exc))
            return
        dialog = AddBuddyDialog(self.session, me, buddies, self)
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.open()

    def _dialog_closed(self, _: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is None:
            return
        added = dialog.added
        dialog.deleteLater()
        if added is not None:
            self.refresh(added.id)
        self.list.setFocus()

    def toggle_verified(self) -> None:
        buddy = self.chosen()
        if buddy is None:
            return
        try:
            self.session.vault.buddies.set_verified(buddy.id, not buddy.verified)
        except ReflectError as exc:
            QMessageBox.warning(self, "Reflect", str(exc))
        self.refresh(buddy.id)
        self.verify_button.setFocus()

    def remove(self) -> None:
        buddy = self.chosen()
        if buddy is None:
            return
        answer = QMessageBox.question(
            self,
            "Remove buddy",  # never the buddy's name: window titles reach the system
            f"Remove {buddy.name} from your buddies?\n\nYou can add them again from their "
            "buddy card; you would need to compare the safety number again.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.session.vault.buddies.remove(buddy.id)
        except ReflectError as exc:
            QMessageBox.warning(self, "Reflect", str(exc))
        self.refresh()
        self.list.setFocus()
