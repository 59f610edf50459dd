"""The journal: a sidebar of views, the list of reflections with search, and the editor."""

from __future__ import annotations

import contextlib
import uuid
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QModelIndex, QSize, Qt, QTimer, Signal, SignalInstance
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListView,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reflect import timeutil
from reflect.balance import prompt_id_for
from reflect.drafts import Draft
from reflect.editing import EditorState
from reflect.errors import ReflectError
from reflect.followups import FollowUp, FollowUpStatus, outcome_prompts
from reflect.frameworks import Lens, Way
from reflect.model import Section
from reflect.prompt_library import Prompt
from reflect.query import Filters
from ui.balance_panel import BalancePanel
from ui.buddies_page import BuddiesPage
from ui.buddy_shares_page import BuddySharesPage
from ui.daily_prompt_panel import DailyPromptPanel
from ui.draft_banner import DraftBanner
from ui.editor_controller import EditorController
from ui.editor_panel import EditorPanel
from ui.filter_bar import FilterBar
from ui.follow_up_banner import FollowUpBanner
from ui.follow_ups_page import FollowUpsPage
from ui.guided_review import guided_review_state
from ui.meetings_page import MeetingsPage
from ui.organisations_page import OrganisationsPage
from ui.palette import way_dot
from ui.people_page import PeoplePage
from ui.prompt_card_controller import PromptCardController
from ui.prompt_offers import daily_prompt
from ui.reflection_delegate import ReflectionDelegate
from ui.reflection_list_model import ReflectionListModel
from ui.reply_flow import ReplyFlow
from ui.review_page import ReviewPage
from ui.session import Session
from ui.storylines_page import StorylinesPage

WAY_NAMES = {w.display_name: w.value for w in Way}

SEARCH_DELAY_MS = 200


class Page(Protocol):
    """What the journal asks of each page in its sidebar."""

    open_reflection: SignalInstance

    def refresh(self) -> None: ...

    def wipe(self) -> None: ...


@dataclass(frozen=True)
class View:
    """One entry of the sidebar; a heading has no filters and cannot be chosen."""

    label: str
    filters: Filters | None
    trash: bool = False
    page: str | None = None  # a page of its own instead of the list and editor


PAGES = (
    "Meetings",
    "People",
    "Organisations",
    "Follow-ups",
    "Storylines",
    "Your year",
    "Buddies",
    "From my buddies",
)


def sidebar_entries() -> list[View]:
    entries = [View("Journal", Filters()), View("Light bulb moments", Filters(starred=True))]
    entries += [View(name, Filters(), page=name) for name in PAGES]
    entries.append(View("Ways", None))
    entries += [View(w.display_name, Filters(ways=frozenset({w}))) for w in Way]
    entries.append(View("Lenses", None))
    entries += [View(lens.display_name, Filters(lenses=frozenset({lens}))) for lens in Lens]
    entries.append(View("Trash", Filters(), trash=True))
    return entries


class JournalPage(QWidget):
    capture_requested = Signal(object)  # a Meeting to reflect on, after the meeting
    import_requested = Signal()

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
        self.prompt_card = PromptCardController(session, self.editor, self.controller, self)
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
        self.daily_prompt = DailyPromptPanel()
        self.daily_prompt.write_requested.connect(self.write_about)
        middle_layout.addWidget(self.daily_prompt)
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
        panes = QSplitter()
        panes.addWidget(middle)
        panes.addWidget(editor_column)
        panes.setStretchFactor(0, 1)
        panes.setStretchFactor(1, 2)
        panes.setSizes([340, 640])
        self.meetings_page = MeetingsPage(session)
        self.people_page = PeoplePage(session)
        self.organisations_page = OrganisationsPage(session)
        self.follow_ups_page = FollowUpsPage(session)
        self.storylines_page = StorylinesPage(session)
        self.review_page = ReviewPage(session)
        self.review_page.guided_review_requested.connect(self.start_guided_review)
        self.buddies_page = BuddiesPage(session)
        self.buddy_shares_page = BuddySharesPage(session)
        self.replies = ReplyFlow(session, self.controller, self)
        self.buddy_shares_page.reply_requested.connect(self._reply)
        self.pages: dict[str, Page] = {
            "Meetings": self.meetings_page,
            "People": self.people_page,
            "Organisations": self.organisations_page,
            "Follow-ups": self.follow_ups_page,
            "Storylines": self.storylines_page,
            "Your year": self.review_page,
            "Buddies": self.buddies_page,
            "From my buddies": self.buddy_shares_page,
        }
        self.content = QStackedWidget()
        self.content.addWidget(panes)
        self.journal_panes = panes
        for page in self.pages.values():
            self.content.addWidget(page)
            page.open_reflection.connect(self.open_in_journal)
        self.organisations_page.open_person.connect(self.open_person)
        self.meetings_page.reflect_on.connect(self.capture_requested)
        self.meetings_page.import_requested.connect(self.import_requested)
        self.follow_ups_page.reflect_on.connect(self.reflect_on_follow_up)
        self.follow_up_banner = FollowUpBanner()
        self.follow_up_banner.review_requested.connect(lambda: self.show_page("Follow-ups"))
        editor_layout.insertWidget(0, self.follow_up_banner)
        splitter = QSplitter()
        splitter.addWidget(side)
        splitter.addWidget(self.content)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([190, 980])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._answering: uuid.UUID | None = None  # the follow-up the new reflection answers

        self._search_later = QTimer(self)
        self._search_later.setSingleShot(True)
        self._search_later.setInterval(SEARCH_DELAY_MS)
        self._search_later.timeout.connect(lambda: self.model.set_query(self.search.text()))
        self.search.textChanged.connect(self._search_later.start)
        self.sidebar.selectionModel().currentChanged.connect(self._view_chosen)
        self.list.selectionModel().currentChanged.connect(self._reflection_chosen)
        self.controller.saved.connect(self._saved)

    def show_journal(self) -> None:
        self.content.setCurrentWidget(self.journal_panes)
        self.model.set_view(Filters())
        self.model.attach(self.session.vault)
        self.draft_banner.offer(self.session.vault.pending_drafts())
        self.sidebar.setCurrentIndex(self.sidebar_model.index(0, 0))
        self._select_first()
        self.balance.refresh(self.session.vault)
        self.refresh_daily_prompt()

    def refresh_daily_prompt(self) -> None:
        if self.session.is_unlocked:
            today = timeutil.now().astimezone(timeutil.local_zone()).date()
            self.daily_prompt.show_prompt(daily_prompt(self.session.vault, today))

    def write_about(self, prompt: object) -> None:
        """A new reflection that starts from a question (today's, or one from the library)."""
        assert isinstance(prompt, Prompt)
        self.sidebar.setCurrentIndex(self.sidebar_model.index(0, 0))
        self.list.clearSelection()
        lens = prompt.lenses[0] if prompt.lenses else None
        first = Section("", lens=lens, prompt=prompt.text, prompt_id=prompt.key)
        self.controller.new(EditorState(sections=(first,), ways=frozenset(prompt.ways[:1])))

    def new_reflection(self) -> None:
        if self.content.currentWidget() is not self.journal_panes:
            self.sidebar.setCurrentIndex(self.sidebar_model.index(0, 0))
        self.list.clearSelection()
        self._answering = None
        self.controller.new()
        self.editor.show_links("")

    def refresh_due(self) -> None:
        if self.session.is_unlocked:
            due = self.session.vault.follow_ups.due(timeutil.now().date())
            self.show_due(len(due))

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
        self.prompt_card.forget()
        self.daily_prompt.clear()
        self.search.clear()
        self.filter_bar.reset()
        self.model.clear()
        for page in self.pages.values():
            page.wipe()
        self.follow_up_banner.clear()
        self._answering = None

    def _view_chosen(self, current: QModelIndex, _: QModelIndex) -> None:
        view = self.entries[current.row()] if current.isValid() else None
        if view is None or view.filters is None:
            return
        if view.page is not None:
            self.controller.commit()
            page = self.pages[view.page]
            self.content.setCurrentWidget(page)
            page.refresh()
            return
        self.content.setCurrentWidget(self.journal_panes)
        self._view = view
        self._refilter()

    def open_journal_view(self) -> None:
        self.sidebar.setCurrentIndex(self.sidebar_model.index(0, 0))
        self.list.setFocus()

    def show_page(self, name: str) -> None:
        """Switch the sidebar to one of the pages (Meetings, People, Follow-ups, Storylines)."""
        row = next(i for i, view in enumerate(self.entries) if view.page == name)
        self.sidebar.setCurrentIndex(self.sidebar_model.index(row, 0))

    def open_person(self, person_id: object) -> None:
        assert isinstance(person_id, uuid.UUID)
        self.show_page("People")
        self.people_page.show_person(person_id)

    def open_in_journal(self, reflection_id: object) -> None:
        """Show a reflection from another page in the journal's list and editor."""
        assert isinstance(reflection_id, uuid.UUID)
        self.sidebar.setCurrentIndex(self.sidebar_model.index(0, 0))
        self.show_reflection(reflection_id)
        self.list.setFocus()

    def start_guided_review(self, year: int) -> None:
        """A new reflection answering the yearly prompts; saved like any other."""
        self.sidebar.setCurrentIndex(self.sidebar_model.index(0, 0))
        self.list.clearSelection()
        self.controller.new(guided_review_state(year))

    def _reply(self, reply_to: object, title: str) -> None:
        """Answer a buddy's shared reflection with one of your own, in the journal."""
        self.sidebar.setCurrentIndex(self.sidebar_model.index(0, 0))
        self.list.clearSelection()
        self.replies.start(reply_to, title)

    def reflect_on_follow_up(self, follow_up: object) -> None:
        """A new reflection answering a follow-up; saving it marks the follow-up done."""
        assert isinstance(follow_up, FollowUp)
        self.sidebar.setCurrentIndex(self.sidebar_model.index(0, 0))
        self.list.clearSelection()
        did_it, learned = outcome_prompts(follow_up)
        sections = (
            Section("", prompt=did_it, prompt_id="follow-up/did-it-happen"),
            Section("", prompt=learned, prompt_id="follow-up/what-i-learned"),
        )
        self.controller.new(EditorState(sections=sections))
        self._answering = follow_up.id

    def show_due(self, count: int) -> None:
        self.follow_up_banner.show_count(count)

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
            reflection = self.session.vault.get(reflection_id)
            self.controller.open(reflection)
            self._show_links(reflection.id, reflection.meeting_id)

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
            reflection = self.model.reflection_at(current.row())
            self.controller.open(reflection)
            self._show_links(reflection.id, reflection.meeting_id)
            self._answering = None  # saved above if it was written; otherwise left open

    def _show_links(self, reflection_id: uuid.UUID | None, meeting_id: uuid.UUID | None) -> None:
        """One quiet line under the title: the meeting, storylines and follow-ups it has."""
        if reflection_id is None or not self.session.is_unlocked:
            self.editor.show_links("")
            return
        vault = self.session.vault
        parts = []
        meeting = vault.meetings.find(meeting_id) if meeting_id else None
        if meeting is not None:
            when = meeting.starts_at.astimezone(timeutil.local_zone()).strftime("%-d %b %Y")
            parts.append(f"After the meeting “{meeting.title}”, {when}")
        storylines = [s.name for s in vault.storylines.of_reflection(reflection_id)]
        if storylines:
            parts.append("In " + ", ".join(f"“{name}”" for name in storylines))
        open_ones = [
            f
            for f in vault.follow_ups.of_reflection(reflection_id)
            if f.status is FollowUpStatus.OPEN
        ]
        if open_ones:
            parts.append(f"{len(open_ones)} open follow-up{'s' if len(open_ones) > 1 else ''}")
        self.editor.show_links(" · ".join(parts))

    def refresh_links(self) -> None:
        state = self.controller.state
        if state.reflection_id is None:
            self.editor.show_links("")
            return
        reflection = self.session.vault.get(state.reflection_id)
        self._show_links(reflection.id, reflection.meeting_id)

    def _saved(self, reflection_id: object) -> None:
        if self._answering is not None and isinstance(reflection_id, uuid.UUID):
            answered, self._answering = self._answering, None
            with contextlib.suppress(ReflectError):  # it may have been deleted meanwhile
                self.session.vault.follow_ups.close(answered, FollowUpStatus.DONE, reflection_id)
            self.refresh_due()
        current = self.controller.state.reflection_id
        self.model.reload()
        self.balance.refresh(self.session.vault)
        row = self.model.row_of(current) if current else None
        if row is not None:
            self.list.selectionModel().blockSignals(True)
            self.list.setCurrentIndex(self.model.index(row, 0))
            self.list.selectionModel().blockSignals(False)
