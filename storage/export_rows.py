"""What the export's table readers and writers share (storage.export_tables)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from functools import cached_property
from typing import Any

from reflect import timeutil
from reflect.export_records import Record, encode
from storage.db import Db
from storage.errors import ImportFailed


def blob(value: bytes | None) -> str | None:
    return encode(bytes(value)) if value is not None else None


def grouped(rows: Any) -> dict[int, list[Any]]:
    out: dict[int, list[Any]] = defaultdict(list)
    for owner, *rest in rows:
        out[int(owner)].append(rest[0] if len(rest) == 1 else tuple(rest))
    return out


def newer(file_text: str, journal_text: str) -> bool:
    return timeutil.to_micros(timeutil.from_text(file_text)) > timeutil.to_micros(
        timeutil.from_text(journal_text)
    )


class Ids:
    """Public ids in the file mapped to this journal's internal keys, read once per import."""

    def __init__(self, conn: Db) -> None:
        self._conn = conn
        self.buddies = {str(i): int(pk) for pk, i in conn.execute("SELECT pk, id FROM buddy")}

    @cached_property
    def _reflections(self) -> dict[str, int]:  # only lists written after the reflections ask
        return {str(i): int(pk) for pk, i in self._conn.execute("SELECT pk, id FROM reflection")}

    def reflection(self, reflection_id: str, where: str) -> int:
        pk = self._reflections.get(reflection_id)
        if pk is None:  # reflect.export_records checks references; this is the safety net
            raise ImportFailed(f"{where} names a reflection that is not in the journal.")
        return pk


def insert_new(conn: Db, sql: str, rows: list[Record]) -> int:
    return sum(conn.execute(sql, row).rowcount for row in rows)


Reader = Callable[[Db], list[Record]]
Writer = Callable[[Db, list[Record], Ids], int]
