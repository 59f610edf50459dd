"""The export's buddy lists: buddies, shares, discussion records, replies, own keys."""

from __future__ import annotations

from reflect.export_records import Record, decode, encode
from reflect.people import fold
from storage.db import Db
from storage.export_rows import Ids, insert_new, newer

# --- buddies, shares, discussion records --------------------------------------------------


def read_buddies(conn: Db) -> list[Record]:
    rows = conn.execute(
        "SELECT id, name, age_recipient, signing_key, added_at, verified_at FROM buddy ORDER BY id"
    )
    return [
        {
            "id": buddy_id,
            "name": name,
            "age_recipient": recipient,
            "signing_key": encode(bytes(key)),
            "added_at": added,
            "verified_at": verified,
        }
        for buddy_id, name, recipient, key, added, verified in rows
    ]


def write_buddies(conn: Db, records: list[Record], ids: Ids) -> int:
    added = 0
    for b in records:
        key = decode(b["signing_key"])
        row = conn.execute(
            "SELECT pk FROM buddy WHERE id = :id OR signing_key = :k"
            " ORDER BY id = :id DESC LIMIT 1",
            {"id": b["id"], "k": key},
        ).fetchone()
        if row is None:
            cursor = conn.execute(
                "INSERT INTO buddy (id, name, folded, age_recipient, signing_key, added_at,"
                " verified_at) VALUES (:id, :name, :f, :age_recipient, :k, :added_at,"
                " :verified_at)",
                {**b, "f": fold(b["name"]), "k": key},
            )
            row = (cursor.lastrowid,)
            added += 1
        ids.buddies[b["id"]] = int(row[0])
    return added


def read_shares(conn: Db) -> list[Record]:
    rows = conn.execute(
        "SELECT s.share_id, s.direction, b.id, s.kind, s.created_at, s.recorded_at,"
        " s.in_reply_to, s.payload FROM share s JOIN buddy b ON b.pk = s.buddy_pk"
        " ORDER BY s.share_id"
    )
    keys = (
        "share_id",
        "direction",
        "buddy_id",
        "kind",
        "created_at",
        "recorded_at",
        "in_reply_to",
        "payload",
    )
    return [dict(zip(keys, row, strict=True)) for row in rows]


def write_shares(conn: Db, records: list[Record], ids: Ids) -> int:
    return insert_new(
        conn,
        "INSERT OR IGNORE INTO share (share_id, direction, buddy_pk, kind, created_at,"
        " recorded_at, in_reply_to, payload) VALUES (:share_id, :direction, :b, :kind,"
        " :created_at, :recorded_at, :in_reply_to, :payload)",
        [{**s, "b": ids.buddies[s["buddy_id"]]} for s in records],
    )


def read_discussion_records(conn: Db) -> list[Record]:
    rows = conn.execute(
        "SELECT d.id, b.id, d.held_on, d.payload, d.updated_at FROM discussion_record d"
        " JOIN buddy b ON b.pk = d.buddy_pk ORDER BY d.id"
    )
    keys = ("id", "buddy_id", "held_on", "payload", "updated_at")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def write_discussion_records(conn: Db, records: list[Record], ids: Ids) -> int:
    added = 0
    for d in records:
        values = {**d, "b": ids.buddies[d["buddy_id"]]}
        row = conn.execute(
            "SELECT updated_at FROM discussion_record WHERE id = :id", values
        ).fetchone()
        if row is not None and not newer(d["updated_at"], row[0]):
            continue
        added += row is None
        conn.execute(
            "INSERT OR REPLACE INTO discussion_record (id, buddy_pk, held_on, payload, updated_at)"
            " VALUES (:id, :b, :held_on, :payload, :updated_at)",
            values,
        )
    return added


def read_reply_links(conn: Db) -> list[Record]:
    rows = conn.execute(
        "SELECT reflection_id, share_id, shared_reflection_id FROM reply_link"
        " ORDER BY reflection_id"
    )
    return [{"reflection_id": r, "share_id": s, "shared_reflection_id": x} for r, s, x in rows]


def write_reply_links(conn: Db, records: list[Record], ids: Ids) -> int:
    return insert_new(
        conn,
        "INSERT OR IGNORE INTO reply_link (reflection_id, share_id, shared_reflection_id)"
        " VALUES (:reflection_id, :share_id, :shared_reflection_id)",
        records,
    )


# --- this journal's own keys (only in the encrypted export) ------------------------------


def read_sharing_identity(conn: Db) -> list[Record]:
    rows = conn.execute(
        "SELECT name, age_identity, signing_private, created_at FROM sharing_identity"
    )
    return [
        {"name": n, "age_identity": a, "signing_private": encode(bytes(s)), "created_at": c}
        for n, a, s, c in rows
    ]


def write_sharing_identity(conn: Db, records: list[Record], ids: Ids) -> int:
    # A journal that already has its own keys keeps them: its buddies know those.
    return insert_new(
        conn,
        "INSERT OR IGNORE INTO sharing_identity (id, name, age_identity, signing_private,"
        " created_at) VALUES (1, :name, :age_identity, :s, :created_at)",
        [{**r, "s": decode(r["signing_private"])} for r in records],
    )


def read_signing_identity(conn: Db) -> list[Record]:
    rows = conn.execute("SELECT name, private_key, created_at FROM signing_identity")
    return [{"name": n, "private_key": encode(bytes(k)), "created_at": c} for n, k, c in rows]


def write_signing_identity(conn: Db, records: list[Record], ids: Ids) -> int:
    return insert_new(
        conn,
        "INSERT OR IGNORE INTO signing_identity (id, name, private_key, created_at)"
        " VALUES (1, :name, :k, :created_at)",
        [{**r, "k": decode(r["private_key"])} for r in records],
    )
