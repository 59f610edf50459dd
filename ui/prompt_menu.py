"""The Prompts menu: the library, importing and authoring packs, and the editor's question."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from ui.journal_page import JournalPage
from ui.pack_author_window import open_pack_author
from ui.pack_import import import_pack_file
from ui.prompt_library_window import open_prompt_library
from ui.session import Session


class PromptMenu(QObject):
    def __init__(self, window: QMainWindow, session: Session, journal: JournalPage) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.journal = journal
        self.menu = QMenu("&Prompts", window)
        self._library: QObject | None = None
        self.library_action = self._action("Prompt &library…", "", self.open_library)
        self.import_action = self._action("&Import a prompt pack…", "", self.import_pack)
        self.author_action = self._action("&Author a prompt pack…", "", self.author)
        self.write_action = self._action(
            "&Write about the question offered",
            "Ctrl+Shift+P",
            self._in_editor(journal.prompt_card.answer),
        )
        self.another_action = self._action(
            "Offer a&nother question", "Ctrl+Alt+P", self._in_editor(journal.prompt_card.another)
        )
        self.today_action = self._action(
            "Write about &today's question", "", journal.daily_prompt.write.click
        )
        for act in (self.write_action, self.another_action, self.today_action):
            self.menu.addAction(act)
        self.menu.addSeparator()
        for act in (self.library_action, self.import_action, self.author_action):
            self.menu.addAction(act)

    @property
    def actions(self) -> tuple[QAction, ...]:
        """All need the journal unlocked."""
        return tuple(a for a in self.menu.actions() if not a.isSeparator())

    def _action(self, text: str, keys: str, slot: object) -> QAction:
        act = QAction(text, self.window)
        if keys:
            act.setShortcut(QKeySequence(keys))
        act.triggered.connect(slot)
        return act

    def _in_editor(self, slot: Callable[[], None]) -> Callable[[], None]:
        """The editor's question only makes sense while the editor is on screen."""

        def run() -> None:
            if self.journal.editor.isVisible() and self.journal.editor.prompt_card.isVisible():
                slot()

        return run

    def open_library(self) -> None:
        window = open_prompt_library(self.session, self.window)
        if window is not self._library:
            self._library = window
            window.finished.connect(self._library_changed)

    def import_pack(self) -> None:
        if import_pack_file(self.window, self.session):
            self._library_changed()
            self.open_library()

    def author(self) -> None:
        open_pack_author(self.session, self.window)

    def _library_changed(self) -> None:
        """Choices made in the library (a pack turned off, a question retired) show at once."""
        if self.session.is_unlocked:
            self.journal.refresh_daily_prompt()
            self.journal.prompt_card.forget()
            self.journal.prompt_card.refresh()
