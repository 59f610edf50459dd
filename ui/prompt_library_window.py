"""The prompt library: the leader's packs, the enablers they trust, and what prompts led to.

A window of its own, not modal, so it can stay open beside the journal. It
holds nothing when the journal locks: it empties and closes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from prompts.library import LibraryPack
from reflect import timeutil
from reflect.errors import ReflectError
from ui import prompt_library_asks as asks
from ui.prompt_library_models import (
    EnablerListModel,
    EnablerRow,
    WritingTableModel,
    enabler_rows,
    writing_rows,
)
from ui.prompt_library_packs import TITLE, PacksTab, button, label
from ui.session import Session
from ui.two_line_delegate import two_line_list

ENABLERS_INTRO = (
    "The enablers whose signed packs you have accepted. Reflect checks every later pack "
    "from them against the key you accepted, and refuses one signed with another key."
)
NO_ENABLERS = (
    "No enablers yet. When you import a pack signed by an enabler and confirm its "
    "fingerprint, their key is remembered here."
)
WRITING_INTRO = (
    "How much you have written in answer to each prompt, most words first. Reflections "
    "you have deleted are not counted."
)
NO_WRITING = (
    "Nothing yet. When you answer a prompt in the editor, what you write is counted here, "
    "so you can see which questions open you up."
)


def _today() -> date:
    return timeutil.now().date()


def _stack(content: QWidget, empty: QLabel) -> QStackedWidget:
    empty.setAlignment(Qt.AlignmentFlag.AlignTop)
    empty.setContentsMargins(4, 12, 4, 4)
    stack = QStackedWidget()
    stack.addWidget(content)
    stack.addWidget(empty)
    return stack


class EnablersTab(QWidget):
    changed = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = EnablerListModel(self)
        self.list = two_line_list(self.model, "Known enablers")
        self.empty = label(NO_ENABLERS)
        self.stack = _stack(self.list, self.empty)
        self.forget_button = button(
            "&Forget this key…",
            "Forget the chosen enabler's key; their packs stay",
            self.forget,
        )
        row = QHBoxLayout()
        row.addWidget(self.forget_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(label(ENABLERS_INTRO, "hint"))
        layout.addWidget(self.stack, 1)
        layout.addLayout(row)
        self.list.selectionModel().currentChanged.connect(lambda *_: self._show_buttons())
        self._show_buttons()

    def refresh(self, packs: Sequence[LibraryPack]) -> None:
        if not self.session.is_unlocked:
            return
        row = max(self.list.currentIndex().row(), 0)
        try:
            enablers = self.session.vault.prompt_packs.enablers()
        except ReflectError as exc:
            asks.warn(self, TITLE, str(exc))
            return
        self.model.set_records(enabler_rows(enablers, packs))
        if enablers:
            self.list.setCurrentIndex(self.model.index(min(row, len(enablers) - 1), 0))
        self.stack.setCurrentWidget(self.list if enablers else self.empty)
        self._show_buttons()

    def wipe(self) -> None:
        self.model.set_records([])
        self._show_buttons()

    def chosen(self) -> EnablerRow | None:
        index = self.list.currentIndex()
        return self.model.record_at(index.row()) if index.isValid() else None

    def _show_buttons(self) -> None:
        self.forget_button.setEnabled(self.chosen() is not None)

    def forget(self) -> None:
        row = self.chosen()
        if row is None:
            return
        name = row.enabler.name
        question = (
            f"Forget {name}'s key ({row.fingerprint})?\n\n"
            f"Packs you have from {name} stay in your library. The next pack from {name} "
            "will ask you to compare its fingerprint again, as the first one did.\n\n"
            f"Do this if {name} tells you they have a new key."
        )
        if not asks.confirm(self, "Forget an enabler's key", question, "Forget the key"):
            return
        try:
            self.session.vault.prompt_packs.forget_enabler(row.enabler.public_key)
        except ReflectError as exc:
            asks.warn(self, TITLE, str(exc))
        self.changed.emit()
        self.list.setFocus()


class WritingTab(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = WritingTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("What prompts led to")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 260)
        for column in WritingTableModel.NUMBERS:
            # Room for the number, its heading and the sort arrow, whatever the font.
            width = header.fontMetrics().horizontalAdvance("Answers") + 48
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, width)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # most words first
        self.empty = label(NO_WRITING)
        self.stack = _stack(self.table, self.empty)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(label(WRITING_INTRO, "hint"))
        layout.addWidget(self.stack, 1)

    def refresh(self, packs: Sequence[LibraryPack]) -> None:
        if not self.session.is_unlocked:
            return
        try:
            writing = self.session.vault.prompt_packs.writing_by_prompt()
        except ReflectError as exc:
            asks.warn(self, TITLE, str(exc))
            return
        self.model.set_rows(writing_rows(writing, packs))
        header = self.table.horizontalHeader()
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        self.stack.setCurrentWidget(self.table if writing else self.empty)

    def wipe(self) -> None:
        self.model.set_rows([])


class PromptLibraryWindow(QDialog):
    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        today: Callable[[], date] = _today,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        self.setModal(False)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.packs = PacksTab(session, today)
        self.enablers = EnablersTab(session)
        self.writing = WritingTab(session)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Prompt library")
        self.tabs.addTab(self.packs, "&Packs")
        self.tabs.addTab(self.enablers, "&Enablers")
        self.tabs.addTab(self.writing, "&What prompts led to")
        self.packs.changed.connect(self._others_changed)
        self.enablers.changed.connect(self.refresh)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setAccessibleName("Close the prompt library")
        close.setAutoDefault(False)  # Enter acts in the tab, not on Close
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(1000, 680)
        session.locking.connect(self._locking)

    def refresh(self) -> None:
        """Re-read every tab from the journal."""
        if not self.session.is_unlocked:
            return
        self.packs.refresh()
        self._others_changed()

    def _others_changed(self) -> None:
        packs = self.packs.model.records
        self.enablers.refresh(packs)
        self.writing.refresh(packs)

    def wipe(self) -> None:
        for tab in (self.packs, self.enablers, self.writing):
            tab.wipe()

    def _locking(self) -> None:
        self.wipe()
        self.close()


def open_prompt_library(session: Session, parent: QWidget | None = None) -> PromptLibraryWindow:
    """Show the prompt library, bringing an open one forward rather than opening two."""
    window = parent.findChild(PromptLibraryWindow) if parent is not None else None
    if window is None:
        window = PromptLibraryWindow(session, parent)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.refresh()
    window.show()
    window.raise_()
    window.activateWindow()
    return window
