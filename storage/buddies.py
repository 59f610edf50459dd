"""Buddy pairs in the database: this journal's sharing keys, its buddies, the shares exchanged.

Records only; the cryptography is storage.share_crypto and the decisions about
a share file are storage.share_files.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import datetime

from reflect import timeutil
from reflect.errors import ReflectError
from reflect.people import fold
from reflect.sharing import Party, ReplyTo, SharePayload, decode
from storage.db import Db, Transactions
from storage.errors import NotFound


class BuddyKeyChanged(ReflectError):
    """A card or share whose keys differ from those of the buddy with that name."""


@dataclass(frozen=True, slots=True)
class SharingIdentity:
    name: str
    age_identity: str = field(repr=False)  # "AGE-SECRET-KEY-1…"
    signing_private: bytes = field(repr=False)


@dataclass(frozen=True, slots=True)
class Buddy:
    id: uuid.UUID
    party: Party
    added_at: datetime
    verified_at: datetime | None = None

    @property
    def name(self) -> str:
        return self.party.name

    @property
    def verified(self) -> bool:
        return self.verified_at is not None


@dataclass(frozen=True, slots=True)
class ShareRecord:
    """A share sent or received, as it was signed."""

    payload: SharePayload
    direction: str  # "sent" or "received"
    buddy: Buddy
    recorded_at: datetime

    @property
    def share_id(self) -> uuid.UUID:
        return self.payload.share_id


# --- identity ------------------------------------------------------------------------------


def identity(conn: Db) -> SharingIdentity | None:
    row = conn.execute(
        "SELECT name, age_identity, signing_private FROM sharing_identity WHERE id = 1"
    ).fetchone()
    return None if row is None else SharingIdentity(row[0], row[1], bytes(row[2]))


def save_identity(conn: Db, ident: SharingIdentity) -> None:
    """Create the identity, or rename it (the keys of an existing one never change)."""
    conn.execute(
        "INSERT INTO sharing_identity (id, name, age_identity, signing_private, created_at)"
        " VALUES (1, :n, :a, :s, :now) ON CONFLICT (id) DO UPDATE SET name = excluded.name",
        {
            "n": ident.name,
            "a": ident.age_identity,
            "s": ident.signing_private,
            "now": timeutil.to_text(timeutil.now()),
        },
    )


# --- buddies -------------------------------------------------------------------------------

_BUDDY = "SELECT pk, id, name, age_recipient, signing_key, added_at, verified_at FROM buddy"


def _buddy(row: tuple) -> Buddy:  # type: ignore[type-arg]
    return Buddy(
        uuid.UUID(row[1]),
        Party(row[2], row[3], bytes(row[4])),
        timeutil.from_text(row[5]),
        timeutil.from_text(row[6]) if row[6] else None,
    )


def buddies(conn: Db) -> list[Buddy]:
    return [_buddy(r) for r in conn.execute(_BUDDY + " ORDER BY folded").fetchall()]


def buddy(conn: Db, buddy_id: uuid.UUID) -> Buddy:
    row = conn.execute(_BUDDY + " WHERE id = :id", {"id": str(buddy_id)}).fetchone()
    if row is None:
        raise NotFound("That buddy is no longer in your journal.")
    return _buddy(row)


def buddy_with_key(conn: Db, signing_key: bytes) -> Buddy | None:
    row = conn.execute(_BUDDY + " WHERE signing_key = :k", {"k": signing_key}).fetchone()
    return None if row is None else _buddy(row)


def buddies_named(conn: Db, name: str) -> list[Buddy]:
    rows = conn.execute(_BUDDY + " WHERE folded = :f", {"f": fold(name)}).fetchall()
    return [_buddy(r) for r in rows]


def add_buddy(conn: Db, party: Party) -> Buddy:
    """Add a buddy from their card; never silently accepts new keys for a known buddy."""
    same = buddy_with_key(conn, party.signing_key)
    if same is not None:
        if same.party.age_recipient != party.age_recipient:
            raise BuddyKeyChanged(
                f"This card has {same.name}'s signing key but a different encryption key. "
                "Nothing was changed; ask them for their card again."
            )
        return same
    for other in buddies_named(conn, party.name):
        raise BuddyKeyChanged(
            f"You already have a buddy called {other.name}, with different keys. If they "
            "have really made new keys (a new computer, say), remove the old buddy first "
            "and compare the new safety number with them. Nothing was changed."
        )
    new = Buddy(uuid.uuid4(), party, timeutil.now())
    conn.execute(
        "INSERT INTO buddy (id, name, folded, age_recipient, signing_key, added_at)"
        " VALUES (:id, :n, :f, :a, :k, :now)",
        {
            "id": str(new.id),
            "n": party.name,
            "f": fold(party.name),
            "a": party.age_recipient,
            "k": party.signing_key,
            "now": timeutil.to_text(new.added_at),
        },
    )
    return new


def set_verified(conn: Db, buddy_id: uuid.UUID, verified: bool) -> None:
    conn.execute(
        "UPDATE buddy SET verified_at = :at WHERE id = :id",
        {"id": str(buddy_id), "at": timeutil.to_text(timeutil.now()) if verified else None},
    )


def remove_buddy(conn: Db, buddy_id: uuid.UUID) -> None:
    """Remove a buddy who has exchanged nothing; one with shares keeps them (and stays)."""
    pk = _buddy_pk(conn, buddy_id)
    if conn.execute("SELECT 1 FROM share WHERE buddy_pk = :pk", {"pk": pk}).fetchone():
        raise ReflectError(
            "You have exchanged shares with this buddy, so they stay in your journal with "
            "those shares. Their keys cannot be replaced while they are kept."
        )
    conn.execute("DELETE FROM buddy WHERE pk = :pk", {"pk": pk})


def _buddy_pk(conn: Db, buddy_id: uuid.UUID) -> int:
    row = conn.execute("SELECT pk FROM buddy WHERE id = :id", {"id": str(buddy_id)}).fetchone()
    if row is None:
        raise NotFound("That buddy is no longer in your journal.")
    return int(row[0])


# --- shares --------------------------------------------------------------------------------


def has_share(conn: Db, share_id: uuid.UUID) -> bool:
    row = conn.execute("SELECT 1 FROM share WHERE share_id = :id", {"id": str(share_id)})
    return row.fetchone() is not None


def record_share(
    conn: Db, payload_json: str, payload: SharePayload, direction: str, buddy_id: uuid.UUID
) -> None:
    conn.execute(
        "INSERT INTO share (share_id, direction, buddy_pk, kind, created_at, recorded_at,"
        " in_reply_to, payload) VALUES (:id, :d, :b, :k, :c, :r, :reply, :p)",
        {
            "id": str(payload.share_id),
            "d": direction,
            "b": _buddy_pk(conn, buddy_id),
            "k": payload.kind.value,
            "c": timeutil.to_text(payload.created_at),
            "r": timeutil.to_text(timeutil.now()),
            "reply": str(payload.in_reply_to.share_id) if payload.in_reply_to else None,
            "p": payload_json,
        },
    )


def shares(conn: Db, direction: str | None = None) -> list[ShareRecord]:
    """Every share, newest first (optionally only those sent or received)."""
    sql = (
        "SELECT s.payload, s.direction, s.recorded_at, b.pk, b.id, b.name, b.age_recipient,"
        " b.signing_key, b.added_at, b.verified_at FROM share s JOIN buddy b ON b.pk = s.buddy_pk"
    )
    params: dict[str, str] = {}
    if direction is not None:
        sql += " WHERE s.direction = :d"
        params["d"] = direction
    rows = conn.execute(sql + " ORDER BY s.created_at DESC", params).fetchall()
    out = []
    for r in rows:
        _, payload, _ = decode(r[0].encode("utf-8"))
        out.append(ShareRecord(payload, r[1], _buddy(r[3:]), timeutil.from_text(r[2])))
    return out


def link_reply(conn: Db, reflection_id: uuid.UUID, reply_to: ReplyTo) -> None:
    conn.execute(
        "INSERT INTO reply_link (reflection_id, share_id, shared_reflection_id)"
        " VALUES (:r, :s, :x) ON CONFLICT (reflection_id) DO UPDATE SET"
        " share_id = excluded.share_id, shared_reflection_id = excluded.shared_reflection_id",
        {"r": str(reflection_id), "s": str(reply_to.share_id), "x": str(reply_to.reflection_id)},
    )


def reply_to(conn: Db, reflection_id: uuid.UUID) -> ReplyTo | None:
    row = conn.execute(
        "SELECT share_id, shared_reflection_id FROM reply_link WHERE reflection_id = :r",
        {"r": str(reflection_id)},
    ).fetchone()
    return None if row is None else ReplyTo(uuid.UUID(row[0]), uuid.UUID(row[1]))


def replies_to(conn: Db, share_id: uuid.UUID) -> list[tuple[uuid.UUID, ReplyTo]]:
    """This journal's own reflections written in answer to a received share."""
    rows = conn.execute(
        "SELECT reflection_id, shared_reflection_id FROM reply_link WHERE share_id = :s",
        {"s": str(share_id)},
    ).fetchall()
    return [(uuid.UUID(r[0]), ReplyTo(share_id, uuid.UUID(r[1]))) for r in rows]


def payload_json(content: dict[str, object], signature_b64: str) -> str:
    return json.dumps({**content, "signature": signature_b64}, ensure_ascii=False)


class Buddies:
    """The vault's buddy and share records, one transaction per call."""

    def __init__(self, tx: Transactions) -> None:
        self._tx = tx

    def identity(self) -> SharingIdentity | None:
        with self._tx.reading() as conn:
            return identity(conn)

    def save_identity(self, ident: SharingIdentity) -> None:
        with self._tx.writing() as conn:
            save_identity(conn, ident)

    def listed(self) -> list[Buddy]:
        with self._tx.reading() as conn:
            return buddies(conn)

    def get(self, buddy_id: uuid.UUID) -> Buddy:
        with self._tx.reading() as conn:
            return buddy(conn, buddy_id)

    def named(self, name: str) -> list[Buddy]:
        with self._tx.reading() as conn:
            return buddies_named(conn, name)

    def add(self, party: Party) -> Buddy:
        with self._tx.writing() as conn:
            return add_buddy(conn, party)

    def set_verified(self, buddy_id: uuid.UUID, verified: bool = True) -> None:
        with self._tx.writing() as conn:
            set_verified(conn, buddy_id, verified)

    def remove(self, buddy_id: uuid.UUID) -> None:
        with self._tx.writing() as conn:
            remove_buddy(conn, buddy_id)

    def shares(self, direction: str | None = None) -> list[ShareRecord]:
        with self._tx.reading() as conn:
            return shares(conn, direction)

    def link_reply(self, reflection_id: uuid.UUID, reply: ReplyTo) -> None:
        with self._tx.writing() as conn:
            link_reply(conn, reflection_id, reply)

    def reply_to(self, reflection_id: uuid.UUID) -> ReplyTo | None:
        with self._tx.reading() as conn:
            return reply_to(conn, reflection_id)

    def replies_to(self, share_id: uuid.UUID) -> list[tuple[uuid.UUID, ReplyTo]]:
        with self._tx.reading() as conn:
            return replies_to(conn, share_id)
