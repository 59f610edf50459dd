"""Schema 2: full-text search inside the encrypted database, and crash-safe drafts.

Builds the search index for every reflection already written, so a journal
from schema 1 is searchable as soon as it is upgraded.
"""

from __future__ import annotations

from typing import Any

STATEMENTS = (
    """CREATE VIRTUAL TABLE reflection_fts USING fts5 (
        title, body, labels,
        tokenize = 'porter unicode61 remove_diacritics 2'
    )""",
    # Title words count most, then names and tags, then the body.
    """INSERT INTO reflection_fts (reflection_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0, 2.0)')""",
    """INSERT INTO reflection_fts (rowid, title, body, labels)
        SELECT r.pk, r.title,
            coalesce((SELECT group_concat(text, char(10) || char(10)) FROM
                (SELECT text FROM section s WHERE s.reflection_pk = r.pk AND text <> ''
                 ORDER BY position)), ''),
            coalesce((SELECT group_concat(value, ' ') FROM
                (SELECT value FROM label l WHERE l.reflection_pk = r.pk
                 ORDER BY kind, position)), '')
        FROM reflection r WHERE r.deleted_at IS NULL""",
    """CREATE TABLE draft (
        id TEXT PRIMARY KEY,
        reflection_id TEXT,
        updated_at TEXT NOT NULL,
        payload TEXT NOT NULL
    )""",
)


def upgrade(conn: Any) -> None:
    for statement in STATEMENTS:
        conn.execute(statement)
