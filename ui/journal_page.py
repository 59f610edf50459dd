"""The journal: a sidebar of views, the list of reflections with search, and the editor."""

from __future__ import annotations

import contextlib
import uuid
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QSize, Qt, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListView,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reflect.balance import prompt_id_for
from reflect.drafts import Draft
from reflect.editing import EditorState
from reflect.errors import ReflectError
from reflect.frameworks import Lens, Way
from reflect.model import Section
from reflect.query import Filters
from ui.balance_panel import BalancePanel
from ui.draft_banner import DraftBanner
from ui.editor_controller import EditorController
from ui.editor_panel import EditorPanel
from ui.filter_bar import FilterBar
from ui.palette import way_dot
from ui.reflection_delegate import ReflectionDelegate
from ui.reflection_list_model import ReflectionListModel
from ui.session import Session

WAY_NAMES = {w.display_name: w.value for w in Way}

SEARCH_DELAY_MS = 200


@dataclass(frozen=True)
class View:
    """One entry of the sidebar; a heading has no filters and cannot be chosen."""

    label: str
    filters: Filters | None
    trash: bool = False


def sidebar_entries() -> list[View]:
    entries = [View("Journal", Filters()), View("Light bulb moments", Filters(starred=True))]
    entries.append(View("Ways", None))
    entries += [View(w.display_name, Filters(ways=frozenset({w}))) for w in Way]
    entries.append(View("Lenses", None))
    entries += [View(lens.display_name, Filters(lenses=frozenset({lens}))) for lens in Lens]
    entries.append(View("Trash", Filters(), trash=True))
    return entries


class JournalPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.entries = sidebar_entries()
        self._view = self.entries[0]
        self.sidebar_model = QStandardItemModel(self)
        for view in self.entries:
            label, filters = view.label, view.filters
            item = QStandardItem(label)
            item.setEditable(False)
            item.setSizeHint(QSize(0, 26))
            if filters is None:
                item.setSelectable(False)
                item.setEnabled(False)
                font = item.font()
                font.setPointSizeF(font.pointSizeF() * 0.85)
                font.setBold(True)
                item.setFont(font)
            elif label in WAY_NAMES:
                item.setIcon(way_dot(WAY_NAMES[label]))
                item.setToolTip(Way(WAY_NAMES[label]).summary)
            self.sidebar_model.appendRow(item)
        self.sidebar = QListView()
        self.sidebar.setModel(self.sidebar_model)
        self.sidebar.setAccessibleName("Views")
        self.sidebar.setObjectName("sidebar")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search your journal (Ctrl+F)")
        self.search.setAccessibleName("Search")
        self.search.setClearButtonEnabled(True)
        self.model = ReflectionListModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setItemDelegate(ReflectionDelegate(self.list))
        self.list.setAccessibleName("Reflections")
        self.list.setUniformItemSizes(True)
        self.editor = EditorPanel()
        self.controller = EditorController(session, self.editor, self)
        self.draft_banner = DraftBanner()
        self.draft_banner.open_requested.connect(self._resume_draft)
        self.draft_banner.discard_requested.connect(
            lambda draft: self.session.vault.discard_draft(draft.id)
        )
        editor_column = QWidget()
        editor_layout = QVBoxLayout(editor_column)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addWidget(self.draft_banner)
        editor_layout.addWidget(self.editor)

        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        self.filter_toggle = QToolButton()
        self.filter_toggle.setText("Filters")
        self.filter_toggle.setCheckable(True)
        self.filter_toggle.setAccessibleName("Show filters")
        self.filter_toggle.setToolTip("Narrow the list by tags, people, organisations or dates")
        self.filter_bar = FilterBar()
        self.filter_bar.hide()
        self.filter_toggle.toggled.connect(self.filter_bar.setVisible)
        self.filter_bar.changed.connect(self._refilter)
        search_row = QHBoxLayout()
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.filter_toggle)
        middle_layout.addLayout(search_row)
        middle_layout.addWidget(self.filter_bar)
        middle_layout.addWidget(self.list)
        self.balance = BalancePanel()
        self.balance.reflect_on.connect(self._reflect_on)
        self.balance.open_reflection.connect(self.show_reflection)
        side = QSplitter(Qt.Orientation.Vertical)
        side.setObjectName("sideColumn")
        side.addWidget(self.sidebar)
        side.addWidget(self.balance)
        side.setStretchFactor(0, 1)
        side.setStretchFactor(1, 0)
        side.setSizes([440, 300])
        splitter = QSplitter()
        splitter.addWidget(side)
        splitter.addWidget(middle)
        splitter.addWidget(editor_column)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setStretchFactor(2, 2)
        splitter.setSizes([190, 340, 640])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self._search_later = QTimer(self)
        self._search_later.setSingleShot(True)
        self._search_later.setInterval(SEARCH_DELAY_MS)
        self._search_later.timeout.connect(lambda: self.model.set_query(self.search.text()))
        self.search.textChanged.connect(self._search_later.start)
        self.sidebar.selectionModel().currentChanged.connect(self._view_chosen)
        self.list.selectionModel().currentChanged.connect(self._reflection_chosen)
        self.controller.saved.connect(self._saved)

    def show_journal(self) -> None:
        self.model.set_view(Filters())
        self.model.attach(self.session.vault)
        self.draft_banner.offer(self.session.vault.pending_drafts())
        self.sidebar.setCurrentIndex(self.sidebar_model.index(0, 0))
        self._select_first()
        self.balance.refresh(self.session.vault)

    def new_reflection(self) -> None:
        self.list.clearSelection()
        self.controller.new()

    def find(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _reflect_on(self, way: Way, prompt: str) -> None:
        """Start a new reflection on a way that had little attention, from its question."""
        self.list.clearSelection()
        first = Section("", prompt=prompt, prompt_id=prompt_id_for(way))
        self.controller.new(EditorState(sections=(first,), ways=frozenset({way})))

    def _resume_draft(self, draft: Draft) -> None:
        saved = None
        if draft.reflection_id is not None:
            with contextlib.suppress(ReflectError):
                saved = self.session.vault.get(draft.reflection_id)
        self.controller.commit()
        self.list.clearSelection()
        self.controller.resume(EditorState.from_draft(draft, saved))

    def wipe(self) -> None:
        """Save, then forget everything shown (on lock)."""
        self.controller.commit()
        self.controller.wipe()
        self.draft_banner.clear()
        self.balance.clear()
        self.search.clear()
        self.filter_bar.reset()
        self.model.clear()

    def _view_chosen(self, current: QModelIndex, _: QModelIndex) -> None:
        view = self.entries[current.row()] if current.isValid() else None
        if view is not None and view.filters is not None:
            self._view = view
            self._refilter()

    def _refilter(self) -> None:
        """List what the sidebar view, the filters and the search together ask for."""
        if not self.session.is_unlocked or self._view.filters is None:
            return
        self.controller.commit()
        self.model.set_view(self.filter_bar.applied_to(self._view.filters), self._view.trash)
        self._select_first()

    def _select_first(self) -> None:
        if self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(0, 0))
        else:
            self.controller.new()

    def show_reflection(self, reflection_id: uuid.UUID) -> None:
        row = self.model.row_of(reflection_id)
        if row is not None:
            self.list.setCurrentIndex(self.model.index(row, 0))
        else:
            self.controller.open(self.session.vault.get(reflection_id))

    def current_reflection_id(self) -> uuid.UUID | None:
        return self.controller.state.reflection_id

    def move_to_trash(self) -> None:
        reflection_id = self.current_reflection_id()
        if reflection_id is None or self.model.showing_trash:
            return
        self.controller.commit()
        self.session.vault.delete(reflection_id)
        self.controller.forget()
        self.model.reload()
        self.balance.refresh(self.session.vault)
        self._select_first()

    def restore_from_trash(self) -> None:
        reflection_id = self.current_reflection_id()
        if reflection_id is None or not self.model.showing_trash:
            return
        self.session.vault.restore(reflection_id)
        self.controller.forget()
        self.model.reload()
        self.balance.refresh(self.session.vault)
        self._select_first()

    def _reflection_chosen(self, current: QModelIndex, _: QModelIndex) -> None:
        if current.isValid():
            self.controller.open(self.model.reflection_at(current.row()))

    def _saved(self, reflection_id: object) -> None:
        current = self.controller.state.reflection_id
        self.model.reload()
        self.balance.refresh(self.session.vault)
        row = self.model.row_of(current) if current else None
        if row is not None:
            self.list.selectionModel().blockSignals(True)
            self.list.setCurrentIndex(self.model.index(row, 0))
            self.list.selectionModel().blockSignals(False)
