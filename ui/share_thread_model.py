"""The share threads as a list: who, and whether verified; then what, when, and replies."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from reflect.share_threads import Thread
from storage.buddies import Buddy
from ui.record_list_model import RecordListModel
from ui.share_wording import local_day, replies_text, short_day, titles_text, verified_text
from ui.two_line_delegate import Role

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class ThreadRow:
    thread: Thread
    buddy: Buddy  # as this journal knows them (name and whether verified)


class ThreadListModel(RecordListModel[ThreadRow]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.today = date.min

    def set_rows(self, rows: list[ThreadRow], today: date) -> None:
        self.today = today
        self.set_records(rows)

    def clear(self) -> None:
        self.set_records([])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.record_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{row.buddy.name} · {verified_text(row.buddy)}"
        if role == Role.SECONDARY:
            return self._what(row)
        if role == Role.ASIDE:
            return self._aside(row)
        if role == Role.EMPHASIS:
            return row.thread.reply_by is not None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            what = self._what(row).replace(" · ", ", ")
            aside = self._aside(row).replace(" · ", ", ")
            return f"{row.buddy.name}, {verified_text(row.buddy)}. {what}. {aside}"
        return None

    def _what(self, row: ThreadRow) -> str:
        root = row.thread.items[0]
        when = short_day(local_day(root.payload.created_at), self.today)
        titles = titles_text(root.payload.reflections)
        return f"{when} · {'You shared: ' if root.sent else ''}{titles}"

    def _aside(self, row: ThreadRow) -> str:
        replies = replies_text(row.thread.replies)
        if row.thread.reply_by is None:
            return replies
        reply_by = f"Reply by {short_day(row.thread.reply_by, self.today)}"
        return f"{reply_by} · {replies}" if row.thread.replies else reply_by

    def row_with(self, share_id: uuid.UUID) -> int | None:
        """The row of the thread holding this share."""
        return self.row_where(lambda r: share_id in r.thread.share_ids)
