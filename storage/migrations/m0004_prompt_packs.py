"""Schema 4: prompt packs, the enablers who signed them, and the leader's marks on prompts.

Built-in packs ship with the app and are never stored; only the leader's
choices about them are. An imported pack is kept as the file it came in, so
its signature can be checked again and it can be exported unchanged.
"""

from __future__ import annotations

from typing import Any

STATEMENTS = (
    """CREATE TABLE prompt_pack (
        id TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        source TEXT NOT NULL,
        signer_name TEXT,
        signer_key BLOB,
        imported_at TEXT NOT NULL
    ) WITHOUT ROWID""",
    # The leader's choices about any pack, built-in or imported.
    """CREATE TABLE prompt_pack_choice (
        pack_id TEXT PRIMARY KEY,
        chosen INTEGER NOT NULL DEFAULT 1,
        started_on TEXT,
        steps_done TEXT NOT NULL DEFAULT '[]'
    ) WITHOUT ROWID""",
    """CREATE TABLE prompt_mark (
        prompt_key TEXT PRIMARY KEY,
        pinned_at TEXT,
        hidden INTEGER NOT NULL DEFAULT 0,
        offered_at TEXT
    ) WITHOUT ROWID""",
    # Enablers whose signed packs this leader has accepted: a pack claiming one of
    # these names with another key is refused.
    """CREATE TABLE enabler (
        public_key BLOB PRIMARY KEY,
        name TEXT NOT NULL,
        folded TEXT NOT NULL,
        first_seen TEXT NOT NULL
    ) WITHOUT ROWID""",
    """CREATE INDEX enabler_name ON enabler (folded)""",
    # This journal's own signing identity, if its owner is an enabler.
    """CREATE TABLE signing_identity (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        name TEXT NOT NULL,
        private_key BLOB NOT NULL,
        created_at TEXT NOT NULL
    )""",
    """CREATE INDEX section_prompt ON section (prompt_id) WHERE prompt_id IS NOT NULL""",
)


def upgrade(conn: Any) -> None:
    for statement in STATEMENTS:
        conn.execute(statement)
