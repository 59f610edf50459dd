"""Schema 3: meetings, the people and organisations directory, trust and agreement
ratings, follow-ups and storylines.

Names stay text labels on reflections and meetings; the directory holds one
entry per folded name. This migration fills the directory from the names
already written, so a journal from schema 2 shows its people at once.
"""

from __future__ import annotations

from typing import Any

# A random (version 4) UUID in SQL, so backfills need no Python loop.
NEW_UUID = """lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' ||
    substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) ||
    substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))"""

STATEMENTS = (
    """CREATE TABLE meeting (
        pk INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        title TEXT NOT NULL,
        starts_at TEXT NOT NULL,
        starts_us INTEGER NOT NULL,
        ends_at TEXT,
        all_day INTEGER NOT NULL DEFAULT 0,
        location TEXT NOT NULL DEFAULT '',
        programme TEXT NOT NULL DEFAULT '',
        calendar_key TEXT UNIQUE,
        cancelled INTEGER NOT NULL DEFAULT 0,
        dismissed INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL
    )""",
    """CREATE INDEX meeting_starts ON meeting (starts_us DESC)""",
    """CREATE TABLE meeting_label (
        meeting_pk INTEGER NOT NULL REFERENCES meeting (pk) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('person', 'organisation')),
        position INTEGER NOT NULL,
        value TEXT NOT NULL,
        folded TEXT NOT NULL,
        PRIMARY KEY (meeting_pk, kind, position)
    ) WITHOUT ROWID""",
    """CREATE INDEX meeting_label_lookup ON meeting_label (kind, folded, meeting_pk)""",
    """CREATE INDEX reflection_meeting ON reflection (meeting_id) WHERE meeting_id IS NOT NULL""",
    """CREATE TABLE contact (
        pk INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('person', 'organisation')),
        name TEXT NOT NULL,
        folded TEXT NOT NULL,
        role TEXT NOT NULL DEFAULT '',
        organisation TEXT NOT NULL DEFAULT '',
        email TEXT NOT NULL DEFAULT '',
        notes TEXT NOT NULL DEFAULT '',
        UNIQUE (kind, folded)
    )""",
    """CREATE INDEX contact_email ON contact (email) WHERE email <> ''""",
    # Old spellings of merged or renamed entries, so a name typed the old way
    # still lands on the right person.
    """CREATE TABLE contact_alias (
        kind TEXT NOT NULL,
        folded TEXT NOT NULL,
        contact_pk INTEGER NOT NULL REFERENCES contact (pk) ON DELETE CASCADE,
        PRIMARY KEY (kind, folded)
    ) WITHOUT ROWID""",
    """CREATE TABLE trust_rating (
        pk INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        contact_pk INTEGER NOT NULL REFERENCES contact (pk) ON DELETE CASCADE,
        rated_at TEXT NOT NULL,
        rated_us INTEGER NOT NULL,
        trust INTEGER NOT NULL CHECK (trust BETWEEN 1 AND 10),
        agreement INTEGER CHECK (agreement BETWEEN 1 AND 10),
        issue TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT ''
    )""",
    """CREATE INDEX trust_by_contact ON trust_rating (contact_pk, rated_us)""",
    """CREATE TABLE follow_up (
        pk INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        reflection_pk INTEGER NOT NULL REFERENCES reflection (pk) ON DELETE CASCADE,
        text TEXT NOT NULL,
        created_at TEXT NOT NULL,
        revisit_on TEXT,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
        closed_at TEXT,
        outcome_reflection_id TEXT
    )""",
    """CREATE INDEX follow_up_status ON follow_up (status, revisit_on)""",
    """CREATE INDEX follow_up_reflection ON follow_up (reflection_pk)""",
    """CREATE TABLE storyline (
        pk INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        folded TEXT NOT NULL UNIQUE,
        description TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE storyline_member (
        storyline_pk INTEGER NOT NULL REFERENCES storyline (pk) ON DELETE CASCADE,
        reflection_pk INTEGER NOT NULL REFERENCES reflection (pk) ON DELETE CASCADE,
        PRIMARY KEY (storyline_pk, reflection_pk)
    ) WITHOUT ROWID""",
    """CREATE INDEX storyline_member_reflection ON storyline_member (reflection_pk)""",
    f"""INSERT INTO contact (id, kind, name, folded)
        SELECT {NEW_UUID}, kind, min(value), folded FROM label
        WHERE kind IN ('person', 'organisation') GROUP BY kind, folded""",
)


def upgrade(conn: Any) -> None:
    for statement in STATEMENTS:
        conn.execute(statement)
