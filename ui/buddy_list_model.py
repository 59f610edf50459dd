"""The buddies as a list: a name, then whether the safety number was compared and when added."""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from reflect import timeutil
from storage.buddies import Buddy
from ui.record_list_model import RecordListModel
from ui.share_wording import local_day, short_day
from ui.two_line_delegate import Role

Index = QModelIndex | QPersistentModelIndex


class BuddyListModel(RecordListModel[Buddy]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.today = date.min

    def set_buddies(self, buddies: list[Buddy], today: date | None = None) -> None:
        self.today = today or timeutil.now().date()
        self.set_records(buddies)

    def clear(self) -> None:
        self.set_records([])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        buddy = self.record_at(index.row()) if index.isValid() else None
        if buddy is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return buddy.name
        if role == Role.SECONDARY:
            return f"Added {short_day(local_day(buddy.added_at), self.today)}"
        if role == Role.ASIDE:
            return "Verified" if buddy.verified else "Not verified"
        if role == Role.EMPHASIS:
            return not buddy.verified
        if role == Qt.ItemDataRole.AccessibleTextRole:
            state = "verified" if buddy.verified else "not verified"
            added = short_day(local_day(buddy.added_at), self.today)
            return f"{buddy.name}, {state}, added {added}"
        return None

    def row_of(self, buddy_id: uuid.UUID) -> int | None:
        return self.row_where(lambda b: b.id == buddy_id)
