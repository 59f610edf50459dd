"""The share dialog's models: the parts to share (a tree), and the names found (a table)."""

from __future__ import annotations

import uuid
from enum import IntEnum

from PySide6.QtCore import QAbstractItemModel, QAbstractTableModel, QModelIndex, QObject, QSize, Qt
from PySide6.QtCore import QPersistentModelIndex as Persistent
from PySide6.QtGui import QFont

from reflect.model import Reflection
from ui.share_plan import NameChoice, Part, Selection, day_text, with_label

Index = QModelIndex | Persistent
TOP = 0  # internal id of a reflection row; a part row's is its reflection's row + 1
CHECK = Qt.ItemDataRole.CheckStateRole


def _state(value: object) -> Qt.CheckState:
    return value if isinstance(value, Qt.CheckState) else Qt.CheckState(int(value))  # type: ignore[call-overload]


def _checked(on: bool) -> Qt.CheckState:
    return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked


class PartsModel(QAbstractItemModel):
    """Each reflection on offer (title and date), and under it its parts, each with a tick."""

    def __init__(self, selection: Selection, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.selection = selection

    def add(self, reflection: Reflection) -> QModelIndex:
        """Offer one more reflection; its index (the existing one's if it is already here)."""
        ids = [r.id for r in self.selection.reflections]
        if reflection.id in ids:
            return self.index(ids.index(reflection.id), 0)
        row = len(ids)
        self.beginInsertRows(QModelIndex(), row, row)
        self.selection.add(reflection)
        self.endInsertRows()
        return self.index(row, 0)

    # --- structure ---------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, TOP)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid() or child.internalId() == TOP:
            return QModelIndex()
        return self.createIndex(child.internalId() - 1, 0, TOP)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self.selection.reflections)
        if parent.internalId() != TOP or parent.column() != 0:
            return 0
        return len(self._parts(parent.row()))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def _reflection(self, row: int) -> Reflection:
        return self.selection.reflections[row]

    def _parts(self, row: int) -> list[Part]:
        return self.selection.parts[self._reflection(row).id]

    def _where(self, index: Index) -> tuple[uuid.UUID, Part | None]:
        """(reflection id, part or None for the reflection's own row)."""
        if index.internalId() == TOP:
            return self._reflection(index.row()).id, None
        row = index.internalId() - 1
        return self._reflection(row).id, self._parts(row)[index.row()]

    # --- contents ----------------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return super().flags(index) | Qt.ItemFlag.ItemIsUserCheckable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.SizeHintRole:
            return QSize(0, 26)  # room to aim at the boxes
        reflection_id, part = self._where(index)
        if part is None:
            return self._reflection_data(index.row(), role)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{part.label}: “{part.opening}”" if part.opening else part.label
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{part.label}, beginning {part.opening}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return part.lens.summary if part.lens else "Written without a particular lens"
        if role == CHECK:
            return _checked(self.selection.is_ticked(reflection_id, part.lens))
        return None

    def _reflection_data(self, row: int, role: int) -> object:
        reflection = self._reflection(row)
        title = reflection.title or "Untitled"
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{title} · {day_text(reflection.happened_at)}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{title}, {day_text(reflection.happened_at)}"
        if role == Qt.ItemDataRole.FontRole:
            bold = QFont()
            bold.setBold(True)
            return bold
        if role == CHECK:
            ticked = self.selection.ticked_count(reflection.id)
            if ticked == 0:
                return Qt.CheckState.Unchecked
            whole = ticked == len(self._parts(row))
            return Qt.CheckState.Checked if whole else Qt.CheckState.PartiallyChecked
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != CHECK or not index.isValid():
            return False
        on = _state(value) != Qt.CheckState.Unchecked
        reflection_id, part = self._where(index)
        if part is None:
            self.selection.tick_all(reflection_id, on)
            parent_row = index.row()
        else:
            self.selection.tick(reflection_id, part.lens, on)
            parent_row = index.internalId() - 1
        top = self.index(parent_row, 0)
        self.dataChanged.emit(top, top, [CHECK])
        count = self.rowCount(top)
        if count:
            self.dataChanged.emit(self.index(0, 0, top), self.index(count - 1, 0, top), [CHECK])
        return True


class Column(IntEnum):
    REPLACE = 0
    NAME = 1
    KIND = 2
    FOUND = 3
    LABEL = 4


_HEADINGS = {
    Column.REPLACE: "Replace",
    Column.NAME: "Name",
    Column.KIND: "What it is",
    Column.FOUND: "Times found",
    Column.LABEL: "Replace with",
}


class NamesModel(QAbstractTableModel):
    """The names found in what would leave: replace each or not, and with which words."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.choices: list[NameChoice] = []

    def set_choices(self, choices: list[NameChoice]) -> None:
        self.beginResetModel()
        self.choices = list(choices)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.choices)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _HEADINGS.get(Column(section)) if 0 <= section < len(Column) else None
        return super().headerData(section, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = super().flags(index)
        if index.column() == Column.REPLACE:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        if index.column() == Column.LABEL:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.choices):
            return None
        choice = self.choices[index.row()]
        column = index.column()
        if role == CHECK and column == Column.REPLACE:
            return _checked(choice.replace)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == Column.REPLACE:
            return f"Replace {choice.finding.name}"
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == Column.NAME:
                return choice.finding.name
            if column == Column.KIND:
                return choice.kind_text
            if column == Column.FOUND:
                return choice.finding.count
            if column == Column.LABEL:
                return choice.label
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.LABEL:
            return "What your buddy reads instead (double-click or F2 to change)"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.FOUND:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        row, column = index.row(), index.column()
        choice = self.choices[row]
        if role == CHECK and column == Column.REPLACE:
            self.choices[row] = NameChoice(
                choice.finding, _state(value) == Qt.CheckState.Checked, choice.label
            )
        elif role == Qt.ItemDataRole.EditRole and column == Column.LABEL:
            self.choices[row] = with_label(choice, str(value))
        else:
            return False
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))
        return True
