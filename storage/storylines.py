"""Storylines in the database: named sets of reflections shown as a timeline."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from reflect import timeutil
from reflect.model import Reflection
from reflect.people import fold
from reflect.storylines import Storyline, validated_storyline
from storage import reflections as store
from storage.db import Db, Transactions
from storage.errors import JournalExists, NotFound


@dataclass(frozen=True, slots=True)
class StorylineSummary:
    storyline: Storyline
    reflections: int


def _storyline(row: Any) -> Storyline:
    return Storyline(uuid.UUID(row[0]), row[1], timeutil.from_text(row[2]), row[3])


def _pk(conn: Db, storyline_id: uuid.UUID) -> int:
    row = conn.execute(
        "SELECT pk FROM storyline WHERE id = :id", {"id": str(storyline_id)}
    ).fetchone()
    if row is None:
        raise NotFound("That storyline is no longer in your journal.")
    return int(row[0])


def save(conn: Db, storyline: Storyline) -> Storyline:
    """Create, or rename and re-describe, a storyline; names are unique (ignoring case)."""
    storyline = validated_storyline(storyline)
    clash = conn.execute(
        "SELECT id FROM storyline WHERE folded = :f AND id <> :id",
        {"f": fold(storyline.name), "id": str(storyline.id)},
    ).fetchone()
    if clash is not None:
        raise JournalExists(f"There is already a storyline called “{storyline.name}”.")
    conn.execute(
        "INSERT INTO storyline (id, name, folded, description, created_at)"
        " VALUES (:id, :name, :f, :description, :created_at)"
        " ON CONFLICT (id) DO UPDATE SET name = excluded.name, folded = excluded.folded,"
        " description = excluded.description",
        {
            "id": str(storyline.id),
            "name": storyline.name,
            "f": fold(storyline.name),
            "description": storyline.description,
            "created_at": timeutil.to_text(storyline.created_at),
        },
    )
    return storyline


def delete(conn: Db, storyline_id: uuid.UUID) -> None:
    """Remove the storyline only; its reflections stay in the journal."""
    conn.execute("DELETE FROM storyline WHERE id = :id", {"id": str(storyline_id)})


def listed(conn: Db) -> list[StorylineSummary]:
    rows = conn.execute(
        "SELECT s.id, s.name, s.created_at, s.description,"
        " (SELECT count(*) FROM storyline_member m JOIN reflection r ON r.pk = m.reflection_pk"
        "  WHERE m.storyline_pk = s.pk AND r.deleted_at IS NULL)"
        " FROM storyline s ORDER BY s.folded"
    ).fetchall()
    return [StorylineSummary(_storyline(r), int(r[4])) for r in rows]


def set_member(conn: Db, storyline_id: uuid.UUID, reflection_id: uuid.UUID, member: bool) -> None:
    pk = _pk(conn, storyline_id)
    row = conn.execute(
        "SELECT pk FROM reflection WHERE id = :id", {"id": str(reflection_id)}
    ).fetchone()
    if row is None:
        raise NotFound("Save the reflection before adding it to a storyline.")
    if member:
        conn.execute(
            "INSERT OR IGNORE INTO storyline_member (storyline_pk, reflection_pk) VALUES (:s, :r)",
            {"s": pk, "r": int(row[0])},
        )
    else:
        conn.execute(
            "DELETE FROM storyline_member WHERE storyline_pk = :s AND reflection_pk = :r",
            {"s": pk, "r": int(row[0])},
        )


def of_reflection(conn: Db, reflection_id: uuid.UUID) -> list[Storyline]:
    rows = conn.execute(
        "SELECT s.id, s.name, s.created_at, s.description FROM storyline s"
        " JOIN storyline_member m ON m.storyline_pk = s.pk"
        " JOIN reflection r ON r.pk = m.reflection_pk WHERE r.id = :id ORDER BY s.folded",
        {"id": str(reflection_id)},
    ).fetchall()
    return [_storyline(r) for r in rows]


def timeline(conn: Db, storyline_id: uuid.UUID) -> list[Reflection]:
    """The storyline's reflections, oldest first: the order a historian reads them in."""
    pk = _pk(conn, storyline_id)
    rows = conn.execute(
        "SELECT r.pk FROM storyline_member m JOIN reflection r ON r.pk = m.reflection_pk"
        " WHERE m.storyline_pk = :pk AND r.deleted_at IS NULL ORDER BY r.happened_us",
        {"pk": pk},
    ).fetchall()
    loaded = store.load_many(conn, [int(r[0]) for r in rows])
    return [loaded[int(r[0])] for r in rows]


class Storylines:
    def __init__(self, tx: Transactions) -> None:
        self._tx = tx

    def save(self, storyline: Storyline) -> Storyline:
        with self._tx.writing() as conn:
            return save(conn, storyline)

    def delete(self, storyline_id: uuid.UUID) -> None:
        with self._tx.writing() as conn:
            delete(conn, storyline_id)

    def listed(self) -> list[StorylineSummary]:
        with self._tx.reading() as conn:
            return listed(conn)

    def set_member(self, storyline_id: uuid.UUID, reflection_id: uuid.UUID, member: bool) -> None:
        with self._tx.writing() as conn:
            set_member(conn, storyline_id, reflection_id, member)

    def of_reflection(self, reflection_id: uuid.UUID) -> list[Storyline]:
        with self._tx.reading() as conn:
            return of_reflection(conn, reflection_id)

    def timeline(self, storyline_id: uuid.UUID) -> list[Reflection]:
        with self._tx.reading() as conn:
            return timeline(conn, storyline_id)
