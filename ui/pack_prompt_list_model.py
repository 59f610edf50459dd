"""The list of a pack's prompts in the pack author: one row a prompt, in the pack's order."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, Qt

from reflect.prompt_library import Every
from ui.pack_author_form import PromptForm, list_label
from ui.record_list_model import ModelIndex, RecordListModel
from ui.two_line_delegate import Role


class PromptListModel(RecordListModel[PromptForm]):
    """The pack's prompts, in order; its records *are* the form's list, so edits are shared."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.every: Every | None = None

    def show(self, prompts: list[PromptForm], every: Every | None) -> None:
        self.beginResetModel()
        self.records = prompts
        self.every = every
        self.endResetModel()

    def set_every(self, every: Every | None) -> None:
        self.every = every
        self._all_changed()

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        p = self.record_at(index.row()) if index.isValid() else None
        if p is None:
            return None
        by_day = self.every is Every.PROGRAMME_DAY
        day = (f"Day {p.day}" if p.day else "No day") if by_day else ""
        if role == Qt.ItemDataRole.DisplayRole:
            return list_label(p)
        if role == Role.SECONDARY:
            return p.id
        if role == Role.ASIDE:
            return day
        if role == Qt.ItemDataRole.ToolTipRole:
            return p.text.strip() or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return ", ".join(x for x in (list_label(p), f"id {p.id}", day) if x)
        return None

    def insert(self, row: int, prompt: PromptForm) -> None:
        self.beginInsertRows(QModelIndex(), row, row)
        self.records.insert(row, prompt)
        self.endInsertRows()

    def remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.records[row]
        self.endRemoveRows()

    def move(self, row: int, to: int) -> None:
        """Move one row to `to` (a neighbour); Qt counts the destination before the move."""
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), to + 1 if to > row else to)
        self.records.insert(to, self.records.pop(row))
        self.endMoveRows()

    def changed(self, row: int) -> None:
        index = self.index(row, 0)
        self.dataChanged.emit(index, index)

    def _all_changed(self) -> None:
        if self.records:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.records) - 1, 0))
