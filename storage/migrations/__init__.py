"""Numbered schema migrations, applied in order, each in its own transaction.

Each migration's SQL is frozen: it must describe the schema as it was at that
version, not as the code is now. A fixture database of every earlier version
lives in tests/fixtures/ and a test upgrades it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from storage.errors import DatabaseTooNew
from storage.migrations import (
    m0001_journal,
    m0002_search_and_drafts,
    m0003_meetings_people,
    m0004_prompt_packs,
    m0005_sharing,
    m0006_attachments,
)

Migration = Callable[[Any], None]

MIGRATIONS: tuple[Migration, ...] = (
    m0001_journal.upgrade,
    m0002_search_and_drafts.upgrade,
    m0003_meetings_people.upgrade,
    m0004_prompt_packs.upgrade,
    m0005_sharing.upgrade,
    m0006_attachments.upgrade,
)
SCHEMA_VERSION = len(MIGRATIONS)


def current_version(conn: Any) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: Any, target: int = SCHEMA_VERSION) -> int:
    """Bring a raw connection up to `target`; return the version it started at."""
    start = current_version(conn)
    if start > SCHEMA_VERSION:
        raise DatabaseTooNew(
            f"This journal was written by a newer Reflect (schema {start}; this one knows up to "
            f"{SCHEMA_VERSION}). Update Reflect to open it; nothing was changed."
        )
    for version in range(start + 1, target + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            MIGRATIONS[version - 1](conn)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return start
