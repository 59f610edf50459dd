"""A Qt list model over a plain list of records; each subclass says how a row reads."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex

ModelIndex = QModelIndex | QPersistentModelIndex
T = TypeVar("T")


class RecordListModel(QAbstractListModel, Generic[T]):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.records: list[T] = []

    def set_records(self, records: Sequence[T]) -> None:
        self.beginResetModel()
        self.records = list(records)
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.records)

    def record_at(self, row: int) -> T | None:
        return self.records[row] if 0 <= row < len(self.records) else None

    def row_where(self, matches: Callable[[T], bool]) -> int | None:
        return next((row for row, record in enumerate(self.records) if matches(record)), None)
