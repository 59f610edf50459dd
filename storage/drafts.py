"""Drafts in the database: written every couple of seconds while the user types."""

from __future__ import annotations

import json
import uuid
from datetime import UTC

from reflect import timeutil
from reflect.drafts import Draft
from storage.db import Db

_UPSERT = """INSERT INTO draft (id, reflection_id, updated_at, payload)
    VALUES (:id, :reflection_id, :updated_at, :payload)
    ON CONFLICT (id) DO UPDATE SET reflection_id = excluded.reflection_id,
        updated_at = excluded.updated_at, payload = excluded.payload"""


def save(conn: Db, draft: Draft) -> None:
    conn.execute(
        _UPSERT,
        {
            "id": str(draft.id),
            "reflection_id": str(draft.reflection_id) if draft.reflection_id else None,
            "updated_at": timeutil.to_text(draft.updated_at.astimezone(UTC)),
            "payload": json.dumps(draft.to_dict(), ensure_ascii=False),
        },
    )


def pending(conn: Db) -> list[Draft]:
    """Drafts left behind (after a crash, or not yet saved), newest first."""
    rows = conn.execute(
        "SELECT id, reflection_id, updated_at, payload FROM draft ORDER BY updated_at DESC"
    ).fetchall()
    return [Draft.from_row(i, rid, at, json.loads(payload)) for i, rid, at, payload in rows]


def discard(conn: Db, draft_id: uuid.UUID) -> None:
    conn.execute(("DELETE FROM draft WHERE id = :id"), {"id": str(draft_id)})
