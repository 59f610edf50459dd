"""Schema 6: attachments (photos brought in with imported entries), encrypted with the rest."""

from __future__ import annotations

from typing import Any

STATEMENTS = (
    """CREATE TABLE attachment (
        pk INTEGER PRIMARY KEY,
        reflection_pk INTEGER NOT NULL REFERENCES reflection (pk) ON DELETE CASCADE,
        name TEXT NOT NULL,
        media_type TEXT NOT NULL,
        data BLOB NOT NULL,
        UNIQUE (reflection_pk, name)
    )""",
)


def upgrade(conn: Any) -> None:
    for statement in STATEMENTS:
        conn.execute(statement)
