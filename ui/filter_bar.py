"""Filters beside the search: tags, people, organisations and a date range.

They combine with the sidebar's view (a way, a lens, starred, the trash) and
with the search text; an empty field does not filter.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import QDateEdit, QFormLayout, QLineEdit, QPushButton, QWidget

from reflect import timeutil
from reflect.editing import split_labels
from reflect.query import Filters

ANY_DATE = QDate(1900, 1, 1)  # shown as "Any": the usual Qt idiom for an optional date
DELAY_MS = 250


def _date_edit(name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy")
    edit.setMinimumDate(ANY_DATE)
    edit.setSpecialValueText("Any")
    edit.setDate(ANY_DATE)
    edit.setAccessibleName(name)
    return edit


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tags = QLineEdit()
        self.people = QLineEdit()
        self.organisations = QLineEdit()
        for field, name in (
            (self.tags, "Filter by tags"),
            (self.people, "Filter by people"),
            (self.organisations, "Filter by organisations"),
        ):
            field.setAccessibleName(name)
            field.setPlaceholderText("any; separate several with commas")
            field.setClearButtonEnabled(True)
        self.since = _date_edit("From this date")
        self.until = _date_edit("Up to this date")
        self.reset_button = QPushButton("Clear filters")
        self.reset_button.setAccessibleName("Clear filters")
        form = QFormLayout(self)
        form.setContentsMargins(0, 4, 0, 4)
        form.addRow("Tags", self.tags)
        form.addRow("People", self.people)
        form.addRow("Organisations", self.organisations)
        form.addRow("From", self.since)
        form.addRow("Up to", self.until)
        form.addRow("", self.reset_button)
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(DELAY_MS)
        self._later.timeout.connect(self.changed)
        for field in (self.tags, self.people, self.organisations):
            field.textChanged.connect(self._later.start)
        self.since.dateChanged.connect(self._later.start)
        self.until.dateChanged.connect(self._later.start)
        self.reset_button.clicked.connect(self.reset)

    def applied_to(self, base: Filters) -> Filters:
        """The sidebar view's filters narrowed by what is typed here."""
        first, last = self.since.date(), self.until.date()
        if ANY_DATE not in (first, last) and first > last:
            first, last = last, first  # a range typed backwards still means that range
        zone = timeutil.local_zone()

        def moment(date: QDate, at: time) -> datetime | None:
            return None if date == ANY_DATE else datetime.combine(date.toPython(), at, zone)

        return replace(
            base,
            tags=split_labels(self.tags.text()),
            people=split_labels(self.people.text()),
            organisations=split_labels(self.organisations.text()),
            since=moment(first, time.min),
            until=moment(last, time.max),
        )

    def is_filtering(self) -> bool:
        typed = any(f.text().strip() for f in (self.tags, self.people, self.organisations))
        return typed or self.since.date() != ANY_DATE or self.until.date() != ANY_DATE

    def reset(self) -> None:
        for field in (self.tags, self.people, self.organisations):
            field.clear()
        self.since.setDate(ANY_DATE)
        self.until.setDate(ANY_DATE)
