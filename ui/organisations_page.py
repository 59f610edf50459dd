"""Organisations: the partners in the system, their people, and where they come up."""

from __future__ import annotations

import uuid
from dataclasses import replace

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reflect.errors import ReflectError
from reflect.people import Organisation
from reflect.query import Filters
from storage.contacts import NameTaken, OrganisationSummary
from ui.merge_choice import choose_target, confirm_merge
from ui.record_list_model import ModelIndex, RecordListModel
from ui.session import Session
from ui.two_line_delegate import Role, two_line_list

ID_ROLE = Qt.ItemDataRole.UserRole + 20  # clear of the two-line delegate's roles


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


class OrganisationListModel(RecordListModel[OrganisationSummary]):
    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        summary = self.record_at(index.row()) if index.isValid() else None
        if summary is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return summary.organisation.name
        if role in (Role.SECONDARY, Qt.ItemDataRole.AccessibleTextRole):
            parts = [_plural(summary.people, "person").replace("persons", "people")]
            parts.append(_plural(summary.reflections, "reflection"))
            if summary.meetings:
                parts.append(_plural(summary.meetings, "meeting"))
            text = ", ".join(parts)
            return text if role == Role.SECONDARY else f"{summary.organisation.name}, {text}"
        if role == Qt.ItemDataRole.EditRole:  # what the search box filters on
            return summary.organisation.name
        if role == ID_ROLE:
            return summary.organisation.id
        return None


class OrganisationsPage(QWidget):
    open_reflection = Signal(object)  # uuid.UUID
    open_person = Signal(object)  # uuid.UUID

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.organisation: Organisation | None = None
        heading = QLabel("Organisations")
        heading.setObjectName("pageHeading")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Find an organisation")
        self.search.setAccessibleName("Find an organisation")
        self.search.setClearButtonEnabled(True)
        self.model = OrganisationListModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(Qt.ItemDataRole.EditRole)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)
        self.list = two_line_list(self.proxy, "Organisations")
        self.list.setUniformItemSizes(False)
        self.name = QLineEdit()
        self.name.setAccessibleName("Organisation name")
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName("Notes on the organisation")
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(120)
        self.save_button = QPushButton("Save details")
        self.save_button.clicked.connect(self.save)
        self.merge_button = QPushButton("Merge into…")
        self.merge_button.setToolTip("Two names for one organisation (a rename, a merger)")
        self.merge_button.clicked.connect(self._merge)
        self.people_model = QStandardItemModel(self)
        self.people_list = QListView()
        self.people_list.setModel(self.people_model)
        self.people_list.setAccessibleName("People in this organisation")
        self.people_list.activated.connect(lambda index: self.open_person.emit(index.data(ID_ROLE)))
        self.mentions_model = QStandardItemModel(self)
        self.mentions_list = QListView()
        self.mentions_list.setModel(self.mentions_model)
        self.mentions_list.setAccessibleName("Reflections naming this organisation")
        self.mentions_list.activated.connect(
            lambda index: self.open_reflection.emit(index.data(ID_ROLE))
        )
        self.details = QWidget()
        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("Notes", self.notes)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.merge_button)
        buttons.addStretch(1)
        column = QVBoxLayout(self.details)
        column.addLayout(form)
        column.addLayout(buttons)
        for text, view in (("People", self.people_list), ("Reflections", self.mentions_list)):
            label = QLabel(text)
            label.setObjectName("sectionHeading")
            column.addWidget(label)
            column.addWidget(view, 1)
        self.details.setEnabled(False)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(heading)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.list, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 680])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(splitter)
        self.list.selectionModel().currentChanged.connect(self._chosen)

    def refresh(self) -> None:
        if not self.session.is_unlocked:
            return
        chosen = self.organisation.id if self.organisation else None
        self.list.selectionModel().blockSignals(True)
        self.model.set_records(self.session.vault.directory.organisation_summaries())
        self.list.selectionModel().blockSignals(False)
        row = self.model.row_where(lambda s: s.organisation.id == chosen) if chosen else None
        if row is None and self.model.rowCount():
            row = 0
        if row is not None:
            self.list.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, 0)))

    def wipe(self) -> None:
        self.organisation = None
        self.search.clear()
        self.model.set_records([])
        self.name.clear()
        self.notes.clear()
        self.people_model.clear()
        self.mentions_model.clear()
        self.details.setEnabled(False)

    def _chosen(self, current: QModelIndex, _: QModelIndex) -> None:
        if not current.isValid():
            return
        if self.organisation is not None and not self.save():
            return
        summary = self.model.record_at(self.proxy.mapToSource(current).row())
        if summary is not None:
            self._show(summary.organisation)

    def _show(self, organisation: Organisation) -> None:
        vault = self.session.vault
        self.organisation = organisation
        self.details.setEnabled(True)
        self.name.setText(organisation.name)
        self.notes.setPlainText(organisation.notes)
        self.people_model.clear()
        for person in vault.directory.people_of(organisation.name):
            item = QStandardItem(f"{person.name}, {person.role}" if person.role else person.name)
            item.setData(person.id, ID_ROLE)
            item.setEditable(False)
            self.people_model.appendRow(item)
        self.mentions_model.clear()
        for reflection in vault.newest(Filters(organisations=(organisation.name,)), limit=200):
            first = reflection.title or reflection.body.split("\n", 1)[0][:80]
            item = QStandardItem(f"{reflection.happened_at.strftime('%-d %b %Y')} · {first}")
            item.setData(reflection.id, ID_ROLE)
            item.setEditable(False)
            self.mentions_model.appendRow(item)

    def save(self) -> bool:
        """Save the details; a new name renames the organisation everywhere."""
        if self.organisation is None:
            return True
        edited = replace(self.organisation, name=self.name.text(), notes=self.notes.toPlainText())
        if edited == self.organisation:
            return True
        try:
            self.organisation = self.session.vault.directory.save_organisation(edited)
        except NameTaken as exc:
            kept = "Every mention, note and person is kept."
            if confirm_merge(self, exc, self.organisation.name, kept):
                self._merge_into(exc.other_id)
            return False
        except ReflectError as exc:
            QMessageBox.warning(self, "Reflect", str(exc))
            return False
        self.refresh()
        return True

    def _merge(self) -> None:
        if self.organisation is None or not self.save():
            return
        others = [
            (s.organisation.id, s.organisation.name)
            for s in self.model.records
            if s.organisation.id != self.organisation.id
        ]
        target = choose_target(
            self,
            others,
            f"Which organisation is “{self.organisation.name}” part of, or now called?",
            "There is no other organisation yet.",
        )
        if target is not None:
            self._merge_into(target)

    def _merge_into(self, target: uuid.UUID) -> None:
        assert self.organisation is not None
        try:
            self.session.vault.directory.merge("organisation", self.organisation.id, target)
        except ReflectError as exc:
            QMessageBox.warning(self, "Reflect", str(exc))
            return
        self.organisation = None
        self.refresh()
        row = self.model.row_where(lambda s: s.organisation.id == target)
        if row is not None:
            self.list.setCurrentIndex(self.proxy.mapFromSource(self.model.index(row, 0)))
