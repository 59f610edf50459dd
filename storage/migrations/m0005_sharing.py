"""Schema 5: buddy pairs. This journal's sharing keys, its buddies, every share sent or
received (the payload as signed, kept inside the encrypted database), replies and
discussion records.
"""

from __future__ import annotations

from typing import Any

STATEMENTS = (
    # The private halves never leave this table: an X25519 identity for age, an Ed25519 key.
    """CREATE TABLE sharing_identity (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        name TEXT NOT NULL,
        age_identity TEXT NOT NULL,
        signing_private BLOB NOT NULL,
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE buddy (
        pk INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        folded TEXT NOT NULL,
        age_recipient TEXT NOT NULL,
        signing_key BLOB NOT NULL UNIQUE,
        added_at TEXT NOT NULL,
        verified_at TEXT
    )""",
    """CREATE INDEX buddy_name ON buddy (folded)""",
    """CREATE TABLE share (
        share_id TEXT PRIMARY KEY,
        direction TEXT NOT NULL CHECK (direction IN ('sent', 'received')),
        buddy_pk INTEGER NOT NULL REFERENCES buddy (pk),
        kind TEXT NOT NULL,
        created_at TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        in_reply_to TEXT,
        payload TEXT NOT NULL
    ) WITHOUT ROWID""",
    """CREATE INDEX share_thread ON share (in_reply_to) WHERE in_reply_to IS NOT NULL""",
    # "We met and talked about these shares": no reflection text, signed by both buddies.
    """CREATE TABLE discussion_record (
        id TEXT PRIMARY KEY,
        buddy_pk INTEGER NOT NULL REFERENCES buddy (pk),
        held_on TEXT NOT NULL,
        payload TEXT NOT NULL,
        updated_at TEXT NOT NULL
    ) WITHOUT ROWID""",
    # A reflection of this journal written in answer to a buddy's shared reflection.
    """CREATE TABLE reply_link (
        reflection_id TEXT PRIMARY KEY,
        share_id TEXT NOT NULL,
        shared_reflection_id TEXT NOT NULL
    ) WITHOUT ROWID""",
)


def upgrade(conn: Any) -> None:
    for statement in STATEMENTS:
        conn.execute(statement)
