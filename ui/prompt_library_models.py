"""The prompt library's lists as Qt models: packs, a pack's prompts, enablers, writing.

Models hold what they were given and say how each row reads; they never touch
the journal. A tick on a pack is announced with `chosen_changed`, and the page
that owns the model stores it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from prompts.library import LibraryPack, find
from prompts.signing import fingerprint
from reflect.balance import prompt_for, prompt_id_for
from reflect.frameworks import Way
from reflect.prompt_library import Prompt
from storage.prompt_packs import KnownEnabler, PromptWriting
from ui.pack_texts import WAITING, count_text, long_date, origin_text, prompt_tags, schedule_status
from ui.record_list_model import RecordListModel
from ui.two_line_delegate import Role

Index = QModelIndex | QPersistentModelIndex
ItemRole = Qt.ItemDataRole

PINNED = "Pinned"
HIDDEN = "Not offered"
BALANCE = "The balance of the six ways"
GONE = "No longer in your library"


def is_checked(value: object) -> bool:
    """A check state as Qt hands it over: an enum member or its number."""
    if isinstance(value, Qt.CheckState):
        return value == Qt.CheckState.Checked
    return isinstance(value, int) and value == Qt.CheckState.Checked.value


# --- packs ------------------------------------------------------------------------------


class PackListModel(RecordListModel[LibraryPack]):
    """A pack a row: title; where it is from and its size; its schedule. Ticked: offered."""

    chosen_changed = Signal(str, bool)  # pack id, offer its prompts

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.today = date.min

    def set_packs(self, packs: Sequence[LibraryPack], today: date) -> None:
        self.today = today
        self.set_records(packs)

    def pack_at(self, row: int) -> LibraryPack | None:
        return self.record_at(row)

    def row_of(self, pack_id: str) -> int | None:
        return self.row_where(lambda lp: lp.pack.id == pack_id)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return super().flags(index) | Qt.ItemFlag.ItemIsUserCheckable

    def data(self, index: Index, role: int = ItemRole.DisplayRole) -> object:
        lp = self.record_at(index.row()) if index.isValid() else None
        if lp is None:
            return None
        status = schedule_status(lp, self.today)
        if role == ItemRole.DisplayRole:
            return lp.pack.title
        if role == Role.SECONDARY:
            return f"{origin_text(lp)} · {count_text(len(lp.pack.prompts), 'prompt')}"
        if role == Role.ASIDE:
            return status
        if role == Role.EMPHASIS:
            return status == WAITING
        if role == ItemRole.CheckStateRole:
            return Qt.CheckState.Checked if lp.chosen else Qt.CheckState.Unchecked
        if role == ItemRole.ToolTipRole:
            return f"{lp.pack.title}\nTicked: its prompts are offered. Space ticks or unticks it."
        if role == ItemRole.AccessibleTextRole:
            offered = "offered" if lp.chosen else "not offered"
            parts = [lp.pack.title, self.data(index, Role.SECONDARY), status, offered]
            return ", ".join(str(p) for p in parts if p)
        return None

    def setData(self, index: Index, value: object, role: int = ItemRole.EditRole) -> bool:
        lp = self.record_at(index.row()) if index.isValid() else None
        if lp is None or role != ItemRole.CheckStateRole:
            return False
        chosen = is_checked(value)
        if chosen != lp.chosen:
            self.records[index.row()] = replace(lp, chosen=chosen)
            self.dataChanged.emit(index, index, [role])
            self.chosen_changed.emit(lp.pack.id, chosen)
        return True


# --- one pack's prompts ---------------------------------------------------------------------


class PromptListModel(RecordListModel[Prompt]):
    """A prompt a row: its question, its tags, and whether it is pinned or not offered."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pinned: frozenset[str] = frozenset()
        self.hidden: frozenset[str] = frozenset()

    def set_prompts(
        self, prompts: Iterable[Prompt], pinned: Iterable[str], hidden: Iterable[str]
    ) -> None:
        self.pinned = frozenset(pinned)
        self.hidden = frozenset(hidden)
        self.set_records(list(prompts))

    def state(self, prompt: Prompt) -> str:
        if prompt.key in self.hidden:
            return HIDDEN
        return PINNED if prompt.key in self.pinned else ""

    def data(self, index: Index, role: int = ItemRole.DisplayRole) -> object:
        prompt = self.record_at(index.row()) if index.isValid() else None
        if prompt is None:
            return None
        if role in (ItemRole.DisplayRole, ItemRole.ToolTipRole):
            return prompt.text
        if role == Role.SECONDARY:
            return prompt_tags(prompt)
        if role == Role.ASIDE:
            return self.state(prompt)
        if role == Role.EMPHASIS:
            return prompt.key in self.pinned
        if role == ItemRole.AccessibleTextRole:
            parts = [prompt.text, prompt_tags(prompt), self.state(prompt).lower()]
            return ". ".join(p for p in parts if p)
        return None


# --- enablers ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EnablerRow:
    enabler: KnownEnabler
    fingerprint: str
    packs: int  # packs in the library signed with this key


def enabler_rows(
    enablers: Iterable[KnownEnabler], packs: Iterable[LibraryPack]
) -> list[EnablerRow]:
    keys = [lp.pack.signer.public_key for lp in packs if lp.pack.signer is not None]
    return [EnablerRow(e, fingerprint(e.public_key), keys.count(e.public_key)) for e in enablers]


class EnablerListModel(RecordListModel[EnablerRow]):
    def data(self, index: Index, role: int = ItemRole.DisplayRole) -> object:
        row = self.record_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        seen = f"First seen {long_date(row.enabler.first_seen.date())}"
        if role == ItemRole.DisplayRole:
            return row.enabler.name
        if role == Role.SECONDARY:
            return f"{row.fingerprint} · {seen}"
        if role == Role.ASIDE:
            return count_text(row.packs, "pack") if row.packs else "No packs now"
        if role == ItemRole.AccessibleTextRole:
            spelt = " ".join(row.fingerprint)  # a screen reader spells it, as it is compared
            return f"{row.enabler.name}, fingerprint {spelt}, {seen.lower()}"
        return None


# --- what prompts led to ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WritingRow:
    key: str
    prompt: str
    pack: str
    answers: int
    words: int


_BALANCE = {prompt_id_for(w): prompt_for(w) for w in Way}


def writing_rows(
    writing: Iterable[PromptWriting], packs: Sequence[LibraryPack]
) -> list[WritingRow]:
    """Each prompt's words and answers, with its question where the library still has it."""
    titles = {lp.pack.id: lp.pack.title for lp in packs}
    rows = []
    for w in writing:
        prompt = find(packs, w.prompt_key)
        if prompt is not None:
            text, pack = prompt.text, titles.get(prompt.pack_id, GONE)
        elif w.prompt_key in _BALANCE:  # the balance panel's own questions
            text, pack = _BALANCE[w.prompt_key], BALANCE
        else:  # a removed pack: its key is all that is left
            text, pack = w.prompt_key, GONE
        rows.append(WritingRow(w.prompt_key, text, pack, w.sections, w.words))
    return rows


class WritingTableModel(QAbstractTableModel):
    HEADERS = ("Prompt", "Pack", "Answers", "Words")
    NUMBERS = (2, 3)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[WritingRow] = []

    def set_rows(self, rows: Sequence[WritingRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = ItemRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.HEADERS):
            return None
        if role == ItemRole.DisplayRole:
            return self.HEADERS[section]
        if role == ItemRole.TextAlignmentRole and section in self.NUMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = ItemRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        values = (row.prompt, row.pack, row.answers, row.words)
        column = index.column()
        if role == ItemRole.DisplayRole:
            value = values[column]
            return f"{value:,}" if isinstance(value, int) else value
        if role == ItemRole.ToolTipRole and column < 2:
            return values[column]
        if role == ItemRole.TextAlignmentRole and column in self.NUMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ItemRole.AccessibleTextRole:
            return f"{self.HEADERS[column]}: {values[column]}"
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.HEADERS):
            return
        descending = order == Qt.SortOrder.DescendingOrder

        def key(row: WritingRow) -> str | int:
            value = (row.prompt, row.pack, row.answers, row.words)[column]
            return value.casefold() if isinstance(value, str) else value

        self.layoutAboutToBeChanged.emit()
        before = list(self.rows)
        # Stable sorts: ties stay in prompt-key order, whichever way round.
        self.rows.sort(key=lambda r: r.key)
        self.rows.sort(key=key, reverse=descending)
        moved = {id(r): i for i, r in enumerate(self.rows)}
        for old in self.persistentIndexList():
            new_row = moved[id(before[old.row()])]
            self.changePersistentIndex(old, self.index(new_row, old.column()))
        self.layoutChanged.emit()

    def row_at(self, row: int) -> WritingRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None
