"""The list of reflections: newest first, or best search matches first, loaded lazily."""

from __future__ import annotations

import uuid
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from reflect.errors import ValidationError
from reflect.model import Reflection
from reflect.query import Filters
from storage.search import SnippetPart
from storage.vault import Vault

PAGE = 100
SEARCH_LIMIT = 200
Index = QModelIndex | QPersistentModelIndex


class Role(IntEnum):
    ID = Qt.ItemDataRole.UserRole + 1
    TITLE = Qt.ItemDataRole.UserRole + 2
    WHEN = Qt.ItemDataRole.UserRole + 3
    WAYS = Qt.ItemDataRole.UserRole + 4
    EXCERPT = Qt.ItemDataRole.UserRole + 5
    STARRED = Qt.ItemDataRole.UserRole + 6
    SNIPPET = Qt.ItemDataRole.UserRole + 7  # [(text, highlighted)] for search results


def excerpt(r: Reflection, limit: int = 140) -> str:
    flat = " ".join(r.body.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


class ReflectionListModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._vault: Vault | None = None
        self._rows: list[Reflection] = []
        self._snippets: list[tuple[SnippetPart, ...]] = []
        self._filters = Filters()
        self._query = ""
        self._trash = False
        self._exhausted = True

    # --- what to show -------------------------------------------------------------

    def attach(self, vault: Vault | None) -> None:
        self._vault = vault
        self.reload()

    def set_filters(self, filters: Filters) -> None:
        self._filters = filters
        self.reload()

    def set_view(self, filters: Filters, trash: bool = False) -> None:
        """What to list: the journal, or the trash (most recently deleted first), filtered."""
        self._filters = filters
        self._trash = trash
        self.reload()

    @property
    def showing_trash(self) -> bool:
        return self._trash

    def set_query(self, query: str) -> None:
        self._query = query.strip()
        self.reload()

    @property
    def searching(self) -> bool:
        return bool(self._query)

    def reload(self) -> None:
        self.beginResetModel()
        self._rows, self._snippets = [], []
        self._exhausted = self._vault is None
        if self._vault is not None and self._trash:
            self._rows = [t.reflection for t in self._vault.trash(self._filters)]
            self._exhausted = True
        elif self._vault is not None and self._query:
            try:
                hits = self._vault.search(self._query, self._filters, SEARCH_LIMIT)
            except ValidationError:
                hits = []
            self._rows = [h.reflection for h in hits]
            self._snippets = [h.snippet for h in hits]
            self._exhausted = True
        self.endResetModel()
        self.fetchMore(QModelIndex())  # the first page at once; the view asks for the rest

    def clear(self) -> None:
        """Forget every reflection (on lock)."""
        self.attach(None)

    # --- Qt's model interface --------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid() or self._exhausted or self._vault is None:
            return
        page = self._vault.newest(self._filters, PAGE, offset=len(self._rows))
        if len(page) < PAGE:
            self._exhausted = True
        if page:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Role.TITLE):
            return r.title or excerpt(r, 60) or "Untitled"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{r.title or 'Untitled'}, {r.happened_at:%d %B %Y}"
        if role == Role.ID:
            return str(r.id)
        if role == Role.WHEN:
            return r.happened_at
        if role == Role.WAYS:
            return sorted(w.value for w in r.ways)
        if role == Role.EXCERPT:
            if self._snippets:
                return "".join(part.text for part in self._snippets[index.row()])
            return excerpt(r)
        if role == Role.SNIPPET:
            if not self._snippets:
                return None
            return [(part.text, part.highlighted) for part in self._snippets[index.row()]]
        if role == Role.STARRED:
            return r.starred
        return None

    def roleNames(self) -> dict[int, bytes]:
        return {role.value: role.name.lower().encode() for role in Role}

    def row_of(self, reflection_id: uuid.UUID) -> int | None:
        for row, r in enumerate(self._rows):
            if r.id == reflection_id:
                return row
        return None

    def reflection_at(self, row: int) -> Reflection:
        return self._rows[row]
