"""Schema 1: reflections, their sections and labels, edit history and trash."""

from __future__ import annotations

from typing import Any

STATEMENTS = (
    """CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
    """CREATE TABLE reflection (
        pk INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        happened_at TEXT NOT NULL,
        happened_zone TEXT,
        happened_us INTEGER NOT NULL,
        written_at TEXT NOT NULL,
        edited_at TEXT NOT NULL,
        title TEXT NOT NULL,
        ways INTEGER NOT NULL DEFAULT 0,
        starred INTEGER NOT NULL DEFAULT 0,
        meeting_id TEXT,
        deleted_at TEXT,
        revision INTEGER NOT NULL DEFAULT 1
    )""",
    """CREATE INDEX reflection_newest ON reflection (happened_us DESC)
        WHERE deleted_at IS NULL""",
    """CREATE INDEX reflection_trash ON reflection (deleted_at) WHERE deleted_at IS NOT NULL""",
    """CREATE TABLE section (
        reflection_pk INTEGER NOT NULL REFERENCES reflection (pk) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        text TEXT NOT NULL,
        lens TEXT,
        prompt TEXT,
        prompt_id TEXT,
        UNIQUE (reflection_pk, position)
    )""",
    """CREATE INDEX section_lens ON section (lens, reflection_pk) WHERE lens IS NOT NULL""",
    """CREATE TABLE label (
        reflection_pk INTEGER NOT NULL REFERENCES reflection (pk) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('tag', 'person', 'organisation')),
        position INTEGER NOT NULL,
        value TEXT NOT NULL,
        folded TEXT NOT NULL,
        PRIMARY KEY (reflection_pk, kind, position)
    ) WITHOUT ROWID""",
    """CREATE INDEX label_lookup ON label (kind, folded, reflection_pk)""",
    """CREATE TABLE revision (
        reflection_pk INTEGER NOT NULL REFERENCES reflection (pk) ON DELETE CASCADE,
        revision INTEGER NOT NULL,
        saved_at TEXT NOT NULL,
        snapshot TEXT NOT NULL,
        UNIQUE (reflection_pk, revision)
    )""",
)


def upgrade(conn: Any) -> None:
    for statement in STATEMENTS:
        conn.execute(statement)
