"""Prompt packs in the database: imported packs, known enablers, the leader's marks.

This module stores and fetches; it does not read pack files or check signatures
(that is `prompts/`, which this layer may not import). It records what the
`prompts` package decided, in one transaction per decision.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from reflect import timeutil
from reflect.people import fold
from reflect.prompt_library import Signer
from storage.db import Db, Transactions


@dataclass(frozen=True, slots=True)
class StoredPack:
    id: str
    version: int
    source: str
    signer: Signer | None
    imported_at: datetime


@dataclass(frozen=True, slots=True)
class PackChoice:
    """What the leader chose about a pack; packs with no row are chosen, not started."""

    chosen: bool = True
    started_on: date | None = None
    steps_done: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class KnownEnabler:
    name: str
    public_key: bytes
    first_seen: datetime


@dataclass(frozen=True, slots=True)
class Marks:
    pinned: tuple[str, ...] = ()  # oldest pin first
    hidden: frozenset[str] = frozenset()
    last_offered: str | None = None


@dataclass(frozen=True, slots=True)
class PromptWriting:
    """How much was written in answer to one prompt."""

    prompt_key: str
    sections: int
    words: int


@dataclass(frozen=True, slots=True)
class Identity:
    name: str
    private_key: bytes = field(repr=False)


# --- imported packs ---------------------------------------------------------------


def stored_packs(conn: Db) -> list[StoredPack]:
    rows = conn.execute(
        "SELECT id, version, source, signer_name, signer_key, imported_at FROM prompt_pack"
        " ORDER BY id"
    ).fetchall()
    return [_stored(r) for r in rows]


def stored_pack(conn: Db, pack_id: str) -> StoredPack | None:
    row = conn.execute(
        "SELECT id, version, source, signer_name, signer_key, imported_at FROM prompt_pack"
        " WHERE id = :id",
        {"id": pack_id},
    ).fetchone()
    return None if row is None else _stored(row)


def _stored(row: tuple) -> StoredPack:  # type: ignore[type-arg]
    signer = Signer(row[3], bytes(row[4])) if row[3] is not None else None
    return StoredPack(row[0], int(row[1]), row[2], signer, timeutil.from_text(row[5]))


def save_pack(
    conn: Db, pack_id: str, version: int, source: str, signer: Signer | None, today: date
) -> None:
    """Add or replace an imported pack; a new pack (or a new version) starts its schedule today."""
    now = timeutil.to_text(timeutil.now())
    conn.execute(
        "INSERT INTO prompt_pack (id, version, source, signer_name, signer_key, imported_at)"
        " VALUES (:id, :v, :source, :name, :key, :now)"
        " ON CONFLICT (id) DO UPDATE SET version = excluded.version, source = excluded.source,"
        " signer_name = excluded.signer_name, signer_key = excluded.signer_key,"
        " imported_at = excluded.imported_at",
        {
            "id": pack_id,
            "v": version,
            "source": source,
            "name": signer.name if signer else None,
            "key": signer.public_key if signer else None,
            "now": now,
        },
    )
    if signer is not None:
        conn.execute(
            "INSERT INTO enabler (public_key, name, folded, first_seen) VALUES (:k, :n, :f, :now)"
            " ON CONFLICT (public_key)"
            " DO UPDATE SET name = excluded.name, folded = excluded.folded",
            {"k": signer.public_key, "n": signer.name, "f": fold(signer.name), "now": now},
        )
    conn.execute(
        "INSERT INTO prompt_pack_choice (pack_id, chosen, started_on, steps_done)"
        " VALUES (:id, 1, :today, '[]')"
        " ON CONFLICT (pack_id) DO UPDATE SET chosen = 1, started_on = excluded.started_on,"
        " steps_done = '[]'",
        {"id": pack_id, "today": today.isoformat()},
    )


def remove_pack(conn: Db, pack_id: str) -> bool:
    """Remove an imported pack and the leader's choices about it; answers already written stay."""
    gone = conn.execute("DELETE FROM prompt_pack WHERE id = :id", {"id": pack_id}).rowcount
    conn.execute("DELETE FROM prompt_pack_choice WHERE pack_id = :id", {"id": pack_id})
    conn.execute(
        "DELETE FROM prompt_mark WHERE substr(prompt_key, 1, length(:prefix)) = :prefix",
        {"prefix": f"{pack_id}/"},
    )
    return gone > 0


# --- enablers ----------------------------------------------------------------------


def enablers(conn: Db) -> list[KnownEnabler]:
    rows = conn.execute(
        "SELECT name, public_key, first_seen FROM enabler ORDER BY folded"
    ).fetchall()
    return [KnownEnabler(r[0], bytes(r[1]), timeutil.from_text(r[2])) for r in rows]


def enablers_named(conn: Db, name: str) -> list[KnownEnabler]:
    rows = conn.execute(
        "SELECT name, public_key, first_seen FROM enabler WHERE folded = :f", {"f": fold(name)}
    ).fetchall()
    return [KnownEnabler(r[0], bytes(r[1]), timeutil.from_text(r[2])) for r in rows]


def forget_enabler(conn: Db, public_key: bytes) -> None:
    """Forget a key, so a new key under the same name can be accepted. Packs stay."""
    conn.execute("DELETE FROM enabler WHERE public_key = :k", {"k": public_key})


# --- the leader's choices and marks --------------------------------------------------


def choices(conn: Db) -> dict[str, PackChoice]:
    rows = conn.execute(
        "SELECT pack_id, chosen, started_on, steps_done FROM prompt_pack_choice"
    ).fetchall()
    return {
        r[0]: PackChoice(
            bool(r[1]),
            date.fromisoformat(r[2]) if r[2] else None,
            frozenset(int(i) for i in json.loads(r[3])),
        )
        for r in rows
    }


def set_chosen(conn: Db, pack_id: str, chosen: bool) -> None:
    conn.execute(
        "INSERT INTO prompt_pack_choice (pack_id, chosen) VALUES (:id, :c)"
        " ON CONFLICT (pack_id) DO UPDATE SET chosen = excluded.chosen",
        {"id": pack_id, "c": int(chosen)},
    )


def restart(conn: Db, pack_id: str, today: date) -> None:
    conn.execute(
        "INSERT INTO prompt_pack_choice (pack_id, started_on) VALUES (:id, :d)"
        " ON CONFLICT (pack_id) DO UPDATE SET started_on = excluded.started_on, steps_done = '[]'",
        {"id": pack_id, "d": today.isoformat()},
    )


def mark_step_done(conn: Db, pack_id: str, index: int) -> None:
    done = choices(conn).get(pack_id, PackChoice()).steps_done | {index}
    conn.execute(
        "INSERT INTO prompt_pack_choice (pack_id, steps_done) VALUES (:id, :done)"
        " ON CONFLICT (pack_id) DO UPDATE SET steps_done = excluded.steps_done",
        {"id": pack_id, "done": json.dumps(sorted(done))},
    )


def marks(conn: Db) -> Marks:
    rows = conn.execute(
        "SELECT prompt_key, pinned_at, hidden, offered_at FROM prompt_mark"
    ).fetchall()
    pinned = sorted((r[1], r[0]) for r in rows if r[1] is not None)
    offered = max(((r[3], r[0]) for r in rows if r[3] is not None), default=None)
    return Marks(
        tuple(key for _, key in pinned),
        frozenset(r[0] for r in rows if r[2]),
        offered[1] if offered else None,
    )


def _mark(conn: Db, key: str, column: str, value: object) -> None:
    assert column in ("pinned_at", "hidden", "offered_at")
    conn.execute(
        f"INSERT INTO prompt_mark (prompt_key, {column}) VALUES (:k, :v)"
        f" ON CONFLICT (prompt_key) DO UPDATE SET {column} = excluded.{column}",
        {"k": key, "v": value},
    )


def set_pinned(conn: Db, key: str, pinned: bool) -> None:
    _mark(conn, key, "pinned_at", timeutil.to_text(timeutil.now()) if pinned else None)
    if pinned:
        _mark(conn, key, "hidden", 0)


def set_hidden(conn: Db, key: str, hidden: bool) -> None:
    _mark(conn, key, "hidden", int(hidden))
    if hidden:
        _mark(conn, key, "pinned_at", None)


def note_offered(conn: Db, key: str) -> None:
    _mark(conn, key, "offered_at", timeutil.to_text(timeutil.now()))


# --- what the prompts led to ---------------------------------------------------------


def writing_by_prompt(conn: Db) -> list[PromptWriting]:
    """Sections written in answer to each prompt, most words first (live reflections only)."""
    sections: Counter[str] = Counter()
    words: Counter[str] = Counter()
    rows = conn.execute(
        "SELECT s.prompt_id, s.text FROM section s JOIN reflection r ON r.pk = s.reflection_pk"
        " WHERE s.prompt_id IS NOT NULL AND r.deleted_at IS NULL"
    )
    for key, text in rows:
        sections[key] += 1
        words[key] += len(text.split())
    return sorted(
        (PromptWriting(k, sections[k], words[k]) for k in sections),
        key=lambda w: (-w.words, w.prompt_key),
    )


# --- the journal's own signing identity ----------------------------------------------


def identity(conn: Db) -> Identity | None:
    row = conn.execute("SELECT name, private_key FROM signing_identity WHERE id = 1").fetchone()
    return None if row is None else Identity(row[0], bytes(row[1]))


def save_identity(conn: Db, name: str, private_key: bytes) -> None:
    conn.execute(
        "INSERT INTO signing_identity (id, name, private_key, created_at)"
        " VALUES (1, :n, :k, :now)"
        " ON CONFLICT (id) DO UPDATE SET name = excluded.name",
        {"n": name, "k": private_key, "now": timeutil.to_text(timeutil.now())},
    )


class PromptPacks:
    """The vault's prompt-pack records, one transaction per call."""

    def __init__(self, tx: Transactions) -> None:
        self._tx = tx

    def stored(self) -> list[StoredPack]:
        with self._tx.reading() as conn:
            return stored_packs(conn)

    def get(self, pack_id: str) -> StoredPack | None:
        with self._tx.reading() as conn:
            return stored_pack(conn, pack_id)

    def save(
        self, pack_id: str, version: int, source: str, signer: Signer | None, today: date
    ) -> None:
        with self._tx.writing() as conn:
            save_pack(conn, pack_id, version, source, signer, today)

    def remove(self, pack_id: str) -> bool:
        with self._tx.writing() as conn:
            return remove_pack(conn, pack_id)

    def enablers(self) -> list[KnownEnabler]:
        with self._tx.reading() as conn:
            return enablers(conn)

    def enablers_named(self, name: str) -> list[KnownEnabler]:
        with self._tx.reading() as conn:
            return enablers_named(conn, name)

    def forget_enabler(self, public_key: bytes) -> None:
        with self._tx.writing() as conn:
            forget_enabler(conn, public_key)

    def choices(self) -> dict[str, PackChoice]:
        with self._tx.reading() as conn:
            return choices(conn)

    def set_chosen(self, pack_id: str, chosen: bool) -> None:
        with self._tx.writing() as conn:
            set_chosen(conn, pack_id, chosen)

    def restart(self, pack_id: str, today: date) -> None:
        with self._tx.writing() as conn:
            restart(conn, pack_id, today)

    def mark_step_done(self, pack_id: str, index: int) -> None:
        with self._tx.writing() as conn:
            mark_step_done(conn, pack_id, index)

    def marks(self) -> Marks:
        with self._tx.reading() as conn:
            return marks(conn)

    def set_pinned(self, key: str, pinned: bool) -> None:
        with self._tx.writing() as conn:
            set_pinned(conn, key, pinned)

    def set_hidden(self, key: str, hidden: bool) -> None:
        with self._tx.writing() as conn:
            set_hidden(conn, key, hidden)

    def note_offered(self, key: str) -> None:
        with self._tx.writing() as conn:
            note_offered(conn, key)

    def writing_by_prompt(self) -> list[PromptWriting]:
        with self._tx.reading() as conn:
            return writing_by_prompt(conn)

    def identity(self) -> Identity | None:
        with self._tx.reading() as conn:
            return identity(conn)

    def save_identity(self, name: str, private_key: bytes) -> None:
        with self._tx.writing() as conn:
            save_identity(conn, name, private_key)
