"""People: the private directory, each person's page, and the trust and agreement map."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reflect import timeutil
from reflect.errors import ReflectError
from reflect.people import Person
from reflect.query import Filters
from reflect.trust import TrustRating, describe_path
from storage.contacts import NameTaken, PersonSummary
from ui.meeting_list_model import MeetingListModel
from ui.merge_choice import choose_target, confirm_merge
from ui.rating_dialog import RatingDialog
from ui.record_list_model import RecordListModel
from ui.session import Session
from ui.trust_map import MapPerson, TrustMap
from ui.two_line_delegate import Role, TwoLineDelegate, two_line_list

ModelIndex = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 20  # clear of the two-line delegate's roles


class PeopleListModel(RecordListModel[PersonSummary]):
    """Name on the first line; role, organisation and stance on the second."""

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        summary = self.records[index.row()]
        person = summary.person
        if role == Qt.ItemDataRole.DisplayRole:
            return person.name
        if role == Role.SECONDARY:
            details = ", ".join(d for d in (person.role, person.organisation) if d)
            return details or _mentions(summary)
        if role == Role.ASIDE:
            return summary.latest.stance.display_name if summary.latest else ""
        if role == Qt.ItemDataRole.AccessibleTextRole:
            stance = summary.latest.stance.display_name if summary.latest else "not placed"
            return f"{person.name}, {stance}"
        if role == Qt.ItemDataRole.EditRole:  # what the search box filters on
            return f"{person.name} {person.role} {person.organisation}"
        if role == ID_ROLE:
            return person.id
        return None

    def row_of(self, person_id: uuid.UUID) -> int | None:
        return self.row_where(lambda summary: summary.person.id == person_id)


def _mentions(summary: PersonSummary) -> str:
    counts = []
    if summary.reflections:
        counts.append(f"{summary.reflections} reflection{'s' if summary.reflections > 1 else ''}")
    if summary.meetings:
        counts.append(f"{summary.meetings} meeting{'s' if summary.meetings > 1 else ''}")
    return ", ".join(counts)


class PersonPanel(QWidget):
    """One person's details, their trust and agreement path, and where they appear."""

    changed = Signal()  # saved, renamed, merged or rated: the list and map need reloading
    open_reflection = Signal(object)

    def __init__(self, session: Session, clock: Callable[[], datetime] = timeutil.now) -> None:
        super().__init__()
        self.session = session
        self._clock = clock
        self.person: Person | None = None
        self.ratings: list[TrustRating] = []
        self.name = QLineEdit()
        self.name.setAccessibleName("Name")
        self.role = QLineEdit()
        self.role.setAccessibleName("Role")
        self.role.setPlaceholderText("e.g. Director of adult social care")
        self.organisation = QLineEdit()
        self.organisation.setAccessibleName("Organisation")
        self.email = QLineEdit()
        self.email.setAccessibleName("E-mail address")
        self.email.setPlaceholderText("Used to recognise them in calendar invitations")
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Notes")
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(110)
        self.save_button = QPushButton("Save details")
        self.save_button.clicked.connect(self.save)
        self.merge_button = QPushButton("Merge into…")
        self.merge_button.setToolTip("This entry and another are the same person: make them one")
        self.merge_button.clicked.connect(self._merge)
        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("Role", self.role)
        form.addRow("Organisation", self.organisation)
        form.addRow("E-mail", self.email)
        form.addRow("Notes", self.notes)
        detail_buttons = QHBoxLayout()
        detail_buttons.addWidget(self.save_button)
        detail_buttons.addWidget(self.merge_button)
        detail_buttons.addStretch(1)

        self.stance = QLabel()
        self.stance.setObjectName("stance")
        self.path_text = QLabel()
        self.path_text.setWordWrap(True)
        self.rate_button = QPushButton("Rate trust and agreement now…")
        self.rate_button.clicked.connect(self._rate)
        self.path_map = TrustMap()
        self.path_map.setMinimumHeight(260)
        self.ratings_model = QStandardItemModel(self)
        self.ratings_list = QListView()
        self.ratings_list.setModel(self.ratings_model)
        self.ratings_list.setAccessibleName("Trust and agreement ratings")
        self.ratings_list.setMaximumHeight(120)
        self.delete_rating_button = QPushButton("Delete rating")
        self.delete_rating_button.clicked.connect(self._delete_rating)

        self.appears_model = QStandardItemModel(self)
        self.appears_list = QListView()
        self.appears_list.setModel(self.appears_model)
        self.appears_list.setAccessibleName("Reflections about this person")
        self.appears_list.activated.connect(self._open_appearance)
        self.meetings = MeetingListModel(parent=self)
        self.meetings_list = two_line_list(self.meetings, "Meetings with this person")
        self.meetings_list.setMaximumHeight(140)

        content = QWidget()
        column = QVBoxLayout(content)
        column.addLayout(form)
        column.addLayout(detail_buttons)
        column.addWidget(self._heading("Trust and agreement"))
        column.addWidget(self.stance)
        column.addWidget(self.path_text)
        column.addWidget(self.rate_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.path_map)
        column.addWidget(self.ratings_list)
        column.addWidget(self.delete_rating_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self._heading("Reflections"))
        column.addWidget(self.appears_list)
        column.addWidget(self._heading("Meetings"))
        column.addWidget(self.meetings_list)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.setEnabled(False)

    @staticmethod
    def _heading(text: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName("sectionHeading")
        return label

    def show_person(self, person_id: uuid.UUID) -> None:
        vault = self.session.vault
        person = vault.directory.get_person(person_id)
        self.person = person
        self.setEnabled(True)
        self.name.setText(person.name)
        self.role.setText(person.role)
        self.organisation.setText(person.organisation)
        self.email.setText(person.email)
        self.notes.setPlainText(person.notes)
        self.ratings = vault.directory.ratings(person_id)
        self._show_ratings(person)
        self.appears_model.clear()
        for reflection in vault.newest(Filters(people=(person.name,)), limit=200):
            day = reflection.happened_at.strftime("%-d %b %Y")
            first = reflection.title or reflection.body.split("\n", 1)[0][:80]
            item = QStandardItem(f"{day} · {first}")
            item.setData(reflection.id, ID_ROLE)
            item.setEditable(False)
            self.appears_model.appendRow(item)
        self.meetings.set_records(vault.meetings.with_person(person.name))

    def _show_ratings(self, person: Person) -> None:
        self.ratings_model.clear()
        for rating in reversed(self.ratings):
            agreement = "?" if rating.agreement is None else str(rating.agreement)
            issue = f" · {rating.issue}" if rating.issue else ""
            item = QStandardItem(
                f"{rating.rated_at.strftime('%-d %b %Y')}: {rating.stance.display_name} "
                f"(trust {rating.trust}, agreement {agreement}){issue}"
            )
            item.setData(rating.id, ID_ROLE)
            item.setEditable(False)
            self.ratings_model.appendRow(item)
        latest = self.ratings[-1] if self.ratings else None
        self.stance.setText(latest.stance.display_name if latest else "Not yet placed")
        self.path_text.setText(describe_path(self.ratings))
        if latest is not None:
            self.path_map.set_people(
                [MapPerson(person.id, person.name, latest.trust, latest.agreement)]
            )
        else:
            self.path_map.set_people([])
        self.path_map.set_path(self.ratings)
        self.delete_rating_button.setEnabled(bool(self.ratings))

    def save(self) -> bool:
        """Save the details; a new name renames the person everywhere."""
        if self.person is None:
            return True
        edited = replace(
            self.person,
            name=self.name.text(),
            role=self.role.text(),
            organisation=self.organisation.text(),
            email=self.email.text(),
            notes=self.notes.toPlainText(),
        )
        if edited == self.person:
            return True
        try:
            self.person = self.session.vault.directory.save_person(edited)
        except NameTaken as exc:
            self._offer_merge(exc)
            return False
        except ReflectError as exc:
            QMessageBox.warning(self, "Reflect", str(exc))
            return False
        self.changed.emit()
        return True

    def _offer_merge(self, exc: NameTaken) -> None:
        assert self.person is not None
        kept = "Every mention, meeting, note and rating is kept."
        if confirm_merge(self, exc, self.person.name, kept):
            self._merge_into(exc.other_id)

    def _merge(self) -> None:
        if self.person is None or not self.save():
            return
        others = [
            (s.person.id, s.person.name)
            for s in self.session.vault.directory.people()
            if s.person.id != self.person.id
        ]
        target = choose_target(
            self,
            others,
            f"Which entry is the same person as “{self.person.name}”?\n"
            "Their mentions, meetings, notes and ratings all move there.",
            "There is no one else to merge with yet.",
        )
        if target is not None:
            self._merge_into(target)

    def _merge_into(self, target: uuid.UUID) -> None:
        assert self.person is not None
        try:
            self.session.vault.directory.merge("person", self.person.id, target)
        except ReflectError as exc:
            QMessageBox.warning(self, "Reflect", str(exc))
            return
        self.show_person(target)
        self.changed.emit()

    def _rate(self) -> None:
        if self.person is None or not self.save():
            return
        previous = self.ratings[-1] if self.ratings else None
        dialog = RatingDialog(self.person.id, self.person.name, previous, self, self._clock)
        if dialog.exec() != RatingDialog.DialogCode.Accepted:
            return
        try:
            self.session.vault.directory.add_rating(dialog.rating())
        except ReflectError as exc:
            QMessageBox.warning(self, "Reflect", str(exc))
            return
        self.show_person(self.person.id)
        self.changed.emit()

    def _delete_rating(self) -> None:
        index = self.ratings_list.currentIndex()
        if self.person is None or not index.isValid():
            return
        self.session.vault.directory.delete_rating(index.data(ID_ROLE))
        self.show_person(self.person.id)
        self.changed.emit()

    def _open_appearance(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_reflection.emit(index.data(ID_ROLE))

    def wipe(self) -> None:
        self.person = None
        self.ratings = []
        for field in (self.name, self.role, self.organisation, self.email):
            field.clear()
        self.notes.clear()
        self.stance.clear()
        self.path_text.clear()
        self.ratings_model.clear()
        self.appears_model.clear()
        self.meetings.set_records([])
        self.path_map.clear()
        self.setEnabled(False)


class PeoplePage(QWidget):
    open_reflection = Signal(object)  # uuid.UUID

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        clock: Callable[[], datetime] = timeutil.now,
    ) -> None:
        super().__init__(parent)
        self.session = session
        heading = QLabel("People")
        heading.setObjectName("pageHeading")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Find a person")
        self.search.setAccessibleName("Find a person")
        self.search.setClearButtonEnabled(True)
        self.model = PeopleListModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(Qt.ItemDataRole.EditRole)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.list = QListView()
        self.list.setModel(self.proxy)
        self.list.setItemDelegate(TwoLineDelegate(self.list))
        self.list.setAccessibleName("People")
        self.add_button = QPushButton("Add person…")
        self.add_button.clicked.connect(self._add)
        self.panel = PersonPanel(session, clock)
        self.panel.changed.connect(self._reload_keeping_choice)
        self.panel.open_reflection.connect(self.open_reflection)
        self.map = TrustMap()
        self.map.person_activated.connect(self._show_from_map)
        map_tab = QWidget()
        map_layout = QVBoxLayout(map_tab)
        explain = QLabel(
            "Everyone you have rated, where they stand now: trust upwards, agreement to the "
            "right (after Peter Block, The Empowered Manager). Choose a name to open them."
        )
        explain.setWordWrap(True)
        explain.setObjectName("hint")
        map_layout.addWidget(explain)
        map_layout.addWidget(self.map, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.panel, "Person")
        self.tabs.addTab(map_tab, "Trust map")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(heading)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([260, 720])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(splitter)
        self.list.selectionModel().currentChanged.connect(self._chosen)

    def refresh(self) -> None:
        if not self.session.is_unlocked:
            return
        people = self.session.vault.directory.people()
        self.model.set_records(people)
        self.map.set_people(
            [
                MapPerson(s.person.id, s.person.name, s.latest.trust, s.latest.agreement)
                for s in people
                if s.latest is not None
            ]
        )
        if self.panel.person is None and self.proxy.rowCount():
            self.list.setCurrentIndex(self.proxy.index(0, 0))

    def show_person(self, person_id: uuid.UUID) -> None:
        row = self.model.row_of(person_id)
        if row is not None:
            self.search.clear()
            self.list.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, 0)))
        self.tabs.setCurrentWidget(self.panel)

    def wipe(self) -> None:
        self.search.clear()
        self.model.set_records([])
        self.map.clear()
        self.panel.wipe()

    def _chosen(self, current: QModelIndex, _: QModelIndex) -> None:
        if not current.isValid():
            return
        if self.panel.person is not None and not self.panel.save():
            return
        self.panel.show_person(current.data(ID_ROLE))

    def _reload_keeping_choice(self) -> None:
        chosen = self.panel.person.id if self.panel.person else None
        self.list.selectionModel().blockSignals(True)
        self.refresh()
        if chosen is not None and (row := self.model.row_of(chosen)) is not None:
            self.list.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, 0)))
        self.list.selectionModel().blockSignals(False)

    def _show_from_map(self, person_id: object) -> None:
        assert isinstance(person_id, uuid.UUID)
        self.show_person(person_id)

    def _add(self) -> None:
        name, ok = QInputDialog.getText(self, "Add person", "Their name:")
        if not ok or not name.strip():
            return
        try:
            person = self.session.vault.directory.add_person(name)
        except ReflectError as exc:
            QMessageBox.warning(self, "Reflect", str(exc))
            return
        self.refresh()
        self.show_person(person.id)
