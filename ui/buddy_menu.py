"""The Buddies menu: share the reflection in the editor, import a share, discussion records."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

from ui.discussion_records_dialog import open_discussion_records
from ui.journal_page import JournalPage
from ui.session import Session
from ui.share_dialog import ShareDialog
from ui.share_import import import_share_file


class BuddyMenu(QObject):
    def __init__(self, window: QMainWindow, session: Session, journal: JournalPage) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.journal = journal
        self.menu = QMenu("&Buddies", window)
        self.share_action = self._action(
            "&Share this reflection with a buddy…", "Ctrl+Shift+B", self.share_current
        )
        self.import_action = self._action("&Import a share…", "", self.import_share)
        self.records_action = self._action("&Discussion records…", "", self.records)
        self.page_action = self._action(
            "Your buddy card and &buddies", "", lambda: journal.show_page("Buddies")
        )
        self.shares_action = self._action(
            "&From my buddies", "", lambda: journal.show_page("From my buddies")
        )
        for act in (self.share_action, self.import_action):
            self.menu.addAction(act)
        self.menu.addSeparator()
        for act in (self.shares_action, self.page_action, self.records_action):
            self.menu.addAction(act)
        journal.buddy_shares_page.share_reply_requested.connect(self.share_reply)
        self.dialog: ShareDialog | None = None

    @property
    def actions(self) -> tuple[QAction, ...]:
        return tuple(a for a in self.menu.actions() if not a.isSeparator())

    def _action(self, text: str, keys: str, slot: object) -> QAction:
        act = QAction(text, self.window)
        if keys:
            act.setShortcut(QKeySequence(keys))
        act.triggered.connect(slot)
        return act

    def share_current(self) -> None:
        self.journal.controller.commit()  # what is shared is what was last saved
        reflection_id = self.journal.current_reflection_id()
        if reflection_id is None:
            QMessageBox.information(
                self.window, "Reflect", "Write or open a reflection first, then share it."
            )
            return
        self.open_share([reflection_id])

    def share_reply(self, reflection_id: object) -> None:
        assert isinstance(reflection_id, uuid.UUID)
        self.open_share([reflection_id])
        reply = self.session.vault.buddies.reply_to(reflection_id)
        if reply is None or self.dialog is None:
            return
        # Send the reply to whoever shared what it answers.
        for record in self.session.vault.buddies.shares("received"):
            if record.share_id == reply.share_id:
                combo = self.dialog.what.buddy
                combo.setCurrentIndex(max(combo.findData(str(record.buddy.id)), 0))

    def open_share(self, reflection_ids: list[uuid.UUID]) -> None:
        dialog = ShareDialog(self.session, reflection_ids, self.window)
        dialog.shared.connect(lambda _: self.journal.buddy_shares_page.refresh())
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(lambda _: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    def import_share(self) -> None:
        if import_share_file(self.window, self.session):
            self.journal.show_page("From my buddies")

    def records(self) -> None:
        open_discussion_records(self.session, self.window)
