"""Meetings as a Qt list model: title on the first line, when and who on the second."""

from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from reflect import timeutil
from reflect.meetings import Meeting

ModelIndex = QModelIndex | QPersistentModelIndex


def describe_meeting(m: Meeting) -> str:
    """Two lines: the title; then when, and the first few people there."""
    local = m.starts_at.astimezone(timeutil.local_zone())
    when = local.strftime("%a %-d %b, all day" if m.all_day else "%a %-d %b, %H:%M")
    who = ""
    if m.people:
        more = f" and {len(m.people) - 3} more" if len(m.people) > 3 else ""
        who = f" · {', '.join(m.people[:3])}{more}"
    return f"{m.title}\n{when}{who}"


class MeetingListModel(QAbstractListModel):
    def __init__(
        self, meetings: list[Meeting] | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.meetings = meetings or []

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.meetings)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        meeting = self.meetings[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return describe_meeting(meeting)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return describe_meeting(meeting).replace("\n", ", ")
        return None

    def set_meetings(self, meetings: list[Meeting]) -> None:
        self.beginResetModel()
        self.meetings = meetings
        self.endResetModel()
