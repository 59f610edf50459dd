"""Reflections in the database: add, edit with history, trash, list.

Every function takes an open SQLAlchemy connection inside a transaction, so the
caller decides what one atomic change is (one add, or a whole import).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from reflect import timeutil
from reflect.frameworks import Lens, ways_from_mask, ways_to_mask
from reflect.model import Reflection, Section
from reflect.query import Filters
from reflect.serialization import reflection_from_dict, reflection_to_dict
from storage.db import Db
from storage.errors import NotFound
from storage.filter_sql import rarest_label_count, where_clause


@dataclass(frozen=True, slots=True)
class Revision:
    """An earlier version of a reflection, kept when it was replaced."""

    number: int
    saved_at: datetime
    reflection: Reflection


@dataclass(frozen=True, slots=True)
class Trashed:
    reflection: Reflection
    deleted_at: datetime


_INSERT_REFLECTION = """INSERT INTO reflection (id, happened_at, happened_zone, happened_us,
        written_at, edited_at, title, ways, starred, meeting_id, revision)
    VALUES (:id, :happened_at, :happened_zone, :happened_us, :written_at, :edited_at, :title,
        :ways, :starred, :meeting_id, :revision)"""
_UPDATE_REFLECTION = """UPDATE reflection SET happened_at = :happened_at,
        happened_zone = :happened_zone, happened_us = :happened_us,
        written_at = :written_at, edited_at = :edited_at,
        title = :title, ways = :ways, starred = :starred, meeting_id = :meeting_id,
        revision = :revision
    WHERE pk = :pk"""
_INSERT_SECTION = """INSERT INTO section (reflection_pk, position, text, lens, prompt, prompt_id)
    VALUES (:pk, :position, :text, :lens, :prompt, :prompt_id)"""
_INSERT_LABEL = """INSERT INTO label (reflection_pk, kind, position, value, folded)
    VALUES (:pk, :kind, :position, :value, :folded)"""
_INSERT_FTS = (
    "INSERT INTO reflection_fts (rowid, title, body, labels) VALUES (:pk, :title, :body, :labels)"
)
_DELETE_FTS = "DELETE FROM reflection_fts WHERE rowid = :pk"


def _row_values(r: Reflection) -> dict[str, Any]:
    return {
        "id": str(r.id),
        "happened_at": timeutil.to_text(r.happened_at),
        "happened_zone": timeutil.zone_key(r.happened_at),
        "happened_us": timeutil.to_micros(r.happened_at),
        "written_at": timeutil.to_text(r.written_at),
        "edited_at": timeutil.to_text(r.edited_at),
        "title": r.title,
        "ways": ways_to_mask(r.ways),
        "starred": int(r.starred),
        "meeting_id": str(r.meeting_id) if r.meeting_id else None,
    }


def search_labels(r: Reflection) -> str:
    """Names and tags as indexed; the order matches migration 2's backfill."""
    return " ".join((*r.organisations, *r.people, *r.tags))


def _write_children(conn: Db, pk: int, r: Reflection) -> None:
    conn.executemany(
        _INSERT_SECTION,
        [
            {
                "pk": pk,
                "position": i,
                "text": s.text,
                "lens": s.lens.value if s.lens else None,
                "prompt": s.prompt,
                "prompt_id": s.prompt_id,
            }
            for i, s in enumerate(r.sections)
        ],
    )
    labels = [
        {"pk": pk, "kind": kind, "position": i, "value": value, "folded": value.casefold()}
        for kind, values in (
            ("tag", r.tags),
            ("person", r.people),
            ("organisation", r.organisations),
        )
        for i, value in enumerate(values)
    ]
    if labels:
        conn.executemany(_INSERT_LABEL, labels)


def _index(conn: Db, pk: int, r: Reflection) -> None:
    conn.execute(
        _INSERT_FTS, {"pk": pk, "title": r.title, "body": r.body, "labels": search_labels(r)}
    )


def reindex(conn: Db, pks: Iterable[int]) -> None:
    """Rebuild the search rows of live reflections whose names changed outside an edit."""
    wanted = sorted(set(pks))
    for pk, reflection in _load(conn, wanted).items():
        live = conn.execute(
            "SELECT 1 FROM reflection WHERE pk = :pk AND deleted_at IS NULL", {"pk": pk}
        ).fetchone()
        if live:
            conn.execute(_DELETE_FTS, {"pk": pk})
            _index(conn, pk, reflection)


def _pk_of(conn: Db, reflection_id: uuid.UUID) -> tuple[int, int, str | None]:
    row = conn.execute(
        ("SELECT pk, revision, deleted_at FROM reflection WHERE id = :id"),
        {"id": str(reflection_id)},
    ).fetchone()
    if row is None:
        raise NotFound(f"No reflection has the id {reflection_id}.")
    return int(row[0]), int(row[1]), row[2]


def exists(conn: Db, reflection_id: uuid.UUID) -> bool:
    row = conn.execute(("SELECT 1 FROM reflection WHERE id = :id"), {"id": str(reflection_id)})
    return row.fetchone() is not None


def resolve_id(conn: Db, typed: str) -> uuid.UUID:
    """A full id, or a prefix of one (at least 4 characters) that matches exactly one."""
    cleaned = typed.strip().lower()
    if len(cleaned) < 4 or any(ch not in "0123456789abcdef-" for ch in cleaned):
        raise NotFound(f"{typed!r} is not a reflection id (use the id `reflect list` shows).")
    rows = conn.execute(
        ("SELECT id FROM reflection WHERE id >= :lo AND id < :hi LIMIT 2"),
        {"lo": cleaned, "hi": cleaned + "~"},
    ).fetchall()
    if not rows:
        raise NotFound(f"No reflection has an id starting {cleaned}.")
    if len(rows) > 1:
        raise NotFound(f"More than one reflection has an id starting {cleaned}; type more of it.")
    return uuid.UUID(rows[0][0])


def add(conn: Db, r: Reflection, revision: int = 1, deleted_at: datetime | None = None) -> int:
    values = _row_values(r) | {"revision": revision}
    pk = int(conn.execute(_INSERT_REFLECTION, values).lastrowid or 0)
    _write_children(conn, pk, r)
    if deleted_at is None:
        _index(conn, pk, r)
    else:
        conn.execute(
            ("UPDATE reflection SET deleted_at = :at WHERE pk = :pk"),
            {"at": timeutil.to_text(deleted_at), "pk": pk},
        )
    return pk


def update(conn: Db, r: Reflection) -> bool:
    """Replace a reflection, keeping the old version in its history.

    Returns False (and changes nothing) when the content is unchanged.
    """
    pk, revision, deleted_at = _pk_of(conn, r.id)
    current = _load(conn, [pk])[pk]
    if _same_content(current, r):
        return False
    conn.execute(
        (
            "INSERT INTO revision (reflection_pk, revision, saved_at, snapshot) "
            "VALUES (:pk, :revision, :saved_at, :snapshot)"
        ),
        {
            "pk": pk,
            "revision": revision,
            "saved_at": timeutil.to_text(current.edited_at),
            "snapshot": json.dumps(reflection_to_dict(current), ensure_ascii=False),
        },
    )
    conn.execute(_UPDATE_REFLECTION, _row_values(r) | {"revision": revision + 1, "pk": pk})
    conn.execute(("DELETE FROM section WHERE reflection_pk = :pk"), {"pk": pk})
    conn.execute(("DELETE FROM label WHERE reflection_pk = :pk"), {"pk": pk})
    _write_children(conn, pk, r)
    if deleted_at is None:
        conn.execute(_DELETE_FTS, {"pk": pk})
        _index(conn, pk, r)
    return True


def _same_content(a: Reflection, b: Reflection) -> bool:
    da, db = reflection_to_dict(a), reflection_to_dict(b)
    da.pop("edited_at")
    db.pop("edited_at")
    return da == db


def get(conn: Db, reflection_id: uuid.UUID) -> Reflection:
    pk, _, _ = _pk_of(conn, reflection_id)
    return _load(conn, [pk])[pk]


def deleted_at(conn: Db, reflection_id: uuid.UUID) -> datetime | None:
    _, _, when = _pk_of(conn, reflection_id)
    return timeutil.from_text(when) if when else None


def delete(conn: Db, reflection_id: uuid.UUID) -> None:
    """Move to the trash: hidden from lists and search, restorable."""
    pk, _, when = _pk_of(conn, reflection_id)
    if when is not None:
        return
    conn.execute(
        ("UPDATE reflection SET deleted_at = :at WHERE pk = :pk"),
        {"at": timeutil.to_text(datetime.now(UTC)), "pk": pk},
    )
    conn.execute(_DELETE_FTS, {"pk": pk})


def restore(conn: Db, reflection_id: uuid.UUID) -> bool:
    """Bring back from the trash; False when it was not in the trash."""
    pk, _, when = _pk_of(conn, reflection_id)
    if when is None:
        return False
    conn.execute(("UPDATE reflection SET deleted_at = NULL WHERE pk = :pk"), {"pk": pk})
    _index(conn, pk, _load(conn, [pk])[pk])
    return True


def trash(conn: Db, filters: Filters | None = None) -> list[Trashed]:
    """What is in the trash, most recently deleted first."""
    condition, params = where_clause(filters or Filters(), in_trash=True)
    rows = conn.execute(
        f"SELECT r.pk, r.deleted_at FROM reflection r WHERE {condition} ORDER BY r.deleted_at DESC",
        params,
    ).fetchall()
    loaded = _load(conn, [int(r[0]) for r in rows])
    return [Trashed(loaded[int(pk)], timeutil.from_text(at)) for pk, at in rows]


def empty_trash(conn: Db) -> int:
    """Delete trashed reflections for good (secure_delete overwrites their pages)."""
    result = conn.execute("DELETE FROM reflection WHERE deleted_at IS NOT NULL")
    return int(result.rowcount)


def history(conn: Db, reflection_id: uuid.UUID) -> list[Revision]:
    pk, _, _ = _pk_of(conn, reflection_id)
    rows = conn.execute(
        (
            "SELECT revision, saved_at, snapshot FROM revision WHERE reflection_pk = :pk "
            "ORDER BY revision"
        ),
        {"pk": pk},
    ).fetchall()
    return [
        Revision(int(n), timeutil.from_text(at), reflection_from_dict(json.loads(snap)))
        for n, at, snap in rows
    ]


def restore_revision(conn: Db, reflection_id: uuid.UUID, number: int) -> Reflection:
    """Make an earlier version current again; the version it replaces joins the history."""
    for revision in history(conn, reflection_id):
        if revision.number == number:
            from dataclasses import replace

            restored = replace(revision.reflection, edited_at=datetime.now(UTC))
            update(conn, restored)
            return restored
    raise NotFound(f"Reflection {reflection_id} has no version {number}.")


def add_history(conn: Db, reflection_id: uuid.UUID, versions: Sequence[Reflection]) -> None:
    """Attach imported earlier versions (oldest first) to a reflection that has none."""
    pk, _, _ = _pk_of(conn, reflection_id)
    conn.executemany(
        (
            "INSERT INTO revision (reflection_pk, revision, saved_at, snapshot) "
            "VALUES (:pk, :revision, :saved_at, :snapshot)"
        ),
        [
            {
                "pk": pk,
                "revision": i + 1,
                "saved_at": timeutil.to_text(old.edited_at),
                "snapshot": json.dumps(reflection_to_dict(old), ensure_ascii=False),
            }
            for i, old in enumerate(versions)
        ],
    )


# Below this many matching labels, collecting them first beats scanning newest-first.
FEW_LABELS = 1000


def newest(conn: Db, filters: Filters, limit: int = 50, offset: int = 0) -> list[Reflection]:
    counting = rarest_label_count(filters)
    few = counting is None or int(conn.execute(*counting).fetchone()[0]) < FEW_LABELS
    condition, params = where_clause(filters, labels_as_sets=few)
    rows = conn.execute(
        (
            f"SELECT r.pk FROM reflection r WHERE {condition} "
            "ORDER BY r.happened_us DESC LIMIT :limit OFFSET :offset"
        ),
        params | {"limit": limit, "offset": offset},
    ).fetchall()
    pks = [int(r[0]) for r in rows]
    loaded = _load(conn, pks)
    return [loaded[pk] for pk in pks]


def count(conn: Db, filters: Filters) -> int:
    condition, params = where_clause(filters)
    return int(
        conn.execute((f"SELECT count(*) FROM reflection r WHERE {condition}"), params).fetchone()[0]
    )


def export_batches(
    conn: Db, with_history: bool = True
) -> Iterator[list[tuple[Reflection, list[Reflection], str | None]]]:
    """Every reflection with its earlier versions (unless left out) and trash time, in time
    order, in chunks."""
    rows = conn.execute("SELECT pk, deleted_at FROM reflection ORDER BY happened_us, pk").fetchall()
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start : start + CHUNK]
        pks = [int(pk) for pk, _ in chunk]
        loaded = _load_chunk(conn, pks)
        marks = ", ".join(f":p{i}" for i in range(len(pks)))
        history: dict[int, list[Reflection]] = {pk: [] for pk in pks}
        revisions = (
            conn.execute(
                f"SELECT reflection_pk, snapshot FROM revision WHERE reflection_pk IN ({marks}) "
                "ORDER BY reflection_pk, revision",
                {f"p{i}": pk for i, pk in enumerate(pks)},
            )
            if with_history
            else ()
        )
        for pk, snapshot in revisions:
            history[int(pk)].append(reflection_from_dict(json.loads(snapshot)))
        yield [
            (loaded[pk], history[pk], deleted) for pk, (_, deleted) in zip(pks, chunk, strict=True)
        ]


def load_many(conn: Db, pks: Iterable[int]) -> dict[int, Reflection]:
    return _load(conn, list(pks))


def _load(conn: Db, pks: list[int]) -> dict[int, Reflection]:
    """Full reflections by internal key, a chunk at a time (SQLite caps bound values)."""
    out: dict[int, Reflection] = {}
    for start in range(0, len(pks), CHUNK):
        out.update(_load_chunk(conn, pks[start : start + CHUNK]))
    return out


CHUNK = 500


def _load_chunk(conn: Db, pks: list[int]) -> dict[int, Reflection]:
    if not pks:
        return {}
    marks = ", ".join(f":p{i}" for i in range(len(pks)))
    params = {f"p{i}": pk for i, pk in enumerate(pks)}
    sections: dict[int, list[Section]] = {pk: [] for pk in pks}
    for pk, text_, lens, prompt, prompt_id in conn.execute(
        (
            f"SELECT reflection_pk, text, lens, prompt, prompt_id FROM section "
            f"WHERE reflection_pk IN ({marks}) ORDER BY reflection_pk, position"
        ),
        params,
    ):
        sections[pk].append(Section(text_, Lens(lens) if lens else None, prompt, prompt_id))
    labels: dict[tuple[int, str], list[str]] = {}
    for pk, kind, value in conn.execute(
        (
            f"SELECT reflection_pk, kind, value FROM label WHERE reflection_pk IN ({marks}) "
            "ORDER BY reflection_pk, kind, position"
        ),
        params,
    ):
        labels.setdefault((pk, kind), []).append(value)
    out: dict[int, Reflection] = {}
    for row in conn.execute(
        (
            f"SELECT pk, id, happened_at, happened_zone, written_at, edited_at, title, ways, "
            f"starred, meeting_id FROM reflection WHERE pk IN ({marks})"
        ),
        params,
    ):
        pk = int(row[0])
        out[pk] = Reflection(
            id=uuid.UUID(row[1]),
            happened_at=timeutil.from_text(row[2], row[3]),
            written_at=timeutil.from_text(row[4]),
            edited_at=timeutil.from_text(row[5]),
            title=row[6],
            sections=tuple(sections[pk]),
            ways=ways_from_mask(int(row[7])),
            tags=tuple(labels.get((pk, "tag"), ())),
            starred=bool(row[8]),
            people=tuple(labels.get((pk, "person"), ())),
            organisations=tuple(labels.get((pk, "organisation"), ())),
            meeting_id=uuid.UUID(row[9]) if row[9] else None,
        )
    return out
