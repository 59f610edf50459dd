"""Meetings as a Qt list model: title on the first line, when and who on the second."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from reflect import timeutil
from reflect.meetings import Meeting
from ui.record_list_model import RecordListModel
from ui.two_line_delegate import Role

ModelIndex = QModelIndex | QPersistentModelIndex


def when_and_who(m: Meeting) -> str:
    """When, and the first few people there: the second line under a meeting's title."""
    local = m.starts_at.astimezone(timeutil.local_zone())
    when = local.strftime("%a %-d %b, all day" if m.all_day else "%a %-d %b, %H:%M")
    who = ""
    if m.people:
        more = f" and {len(m.people) - 3} more" if len(m.people) > 3 else ""
        who = f" · {', '.join(m.people[:3])}{more}"
    return f"{when}{who}"


class MeetingListModel(RecordListModel[Meeting]):
    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        meeting = self.records[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return meeting.title
        if role == Role.SECONDARY:
            return when_and_who(meeting)
        if role == Role.ASIDE:
            return meeting.location
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{meeting.title}, {when_and_who(meeting)}"
        return None
