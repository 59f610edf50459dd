"""Follow-ups in the database, each tied to the reflection it was written in.

A follow-up of a reflection in the trash is hidden with it, and deleted with it
when the trash is emptied.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from reflect import timeutil
from reflect.followups import FollowUp, FollowUpStatus, validated_follow_up
from storage.db import Db, Transactions
from storage.errors import NotFound

_COLUMNS = (
    "f.id, r.id, f.text, f.created_at, f.revisit_on, f.status, f.closed_at, f.outcome_reflection_id"
)
_FROM = "FROM follow_up f JOIN reflection r ON r.pk = f.reflection_pk WHERE r.deleted_at IS NULL"


def _follow_up(row: Sequence[Any]) -> FollowUp:
    return FollowUp(
        id=uuid.UUID(row[0]),
        reflection_id=uuid.UUID(row[1]),
        text=row[2],
        created_at=timeutil.from_text(row[3]),
        revisit_on=date.fromisoformat(row[4]) if row[4] else None,
        status=FollowUpStatus(row[5]),
        closed_at=timeutil.from_text(row[6]) if row[6] else None,
        outcome_reflection_id=uuid.UUID(row[7]) if row[7] else None,
    )


def add(conn: Db, follow_up: FollowUp) -> FollowUp:
    follow_up = validated_follow_up(follow_up)
    row = conn.execute(
        "SELECT pk FROM reflection WHERE id = :id", {"id": str(follow_up.reflection_id)}
    ).fetchone()
    if row is None:
        raise NotFound("Save the reflection before adding a follow-up to it.")
    conn.execute(
        "INSERT INTO follow_up (id, reflection_pk, text, created_at, revisit_on, status)"
        " VALUES (:id, :pk, :text, :created_at, :revisit_on, :status)",
        {
            "id": str(follow_up.id),
            "pk": int(row[0]),
            "text": follow_up.text,
            "created_at": timeutil.to_text(follow_up.created_at),
            "revisit_on": follow_up.revisit_on.isoformat() if follow_up.revisit_on else None,
            "status": follow_up.status.value,
        },
    )
    return follow_up


def get(conn: Db, follow_up_id: uuid.UUID) -> FollowUp:
    row = conn.execute(
        f"SELECT {_COLUMNS} {_FROM} AND f.id = :id", {"id": str(follow_up_id)}
    ).fetchone()
    if row is None:
        raise NotFound("That follow-up is no longer in your journal.")
    return _follow_up(row)


def listed(conn: Db, statuses: Sequence[FollowUpStatus] = ()) -> list[FollowUp]:
    """Open ones by revisit date (undated last), closed ones most recently closed first."""
    where, params = "", {}
    if statuses:
        marks = ", ".join(f":s{i}" for i in range(len(statuses)))
        where = f" AND f.status IN ({marks})"
        params = {f"s{i}": s.value for i, s in enumerate(statuses)}
    rows = conn.execute(
        f"SELECT {_COLUMNS} {_FROM}{where} ORDER BY f.status <> 'open',"
        " CASE WHEN f.status = 'open' THEN f.revisit_on IS NULL END,"
        " CASE WHEN f.status = 'open' THEN f.revisit_on END, f.closed_at DESC, f.created_at",
        params,
    ).fetchall()
    return [_follow_up(r) for r in rows]


def due(conn: Db, today: date) -> list[FollowUp]:
    rows = conn.execute(
        f"SELECT {_COLUMNS} {_FROM} AND f.status = 'open' AND f.revisit_on <= :today"
        " ORDER BY f.revisit_on, f.created_at",
        {"today": today.isoformat()},
    ).fetchall()
    return [_follow_up(r) for r in rows]


def of_reflection(conn: Db, reflection_id: uuid.UUID) -> list[FollowUp]:
    rows = conn.execute(
        f"SELECT {_COLUMNS} {_FROM} AND r.id = :id ORDER BY f.created_at",
        {"id": str(reflection_id)},
    ).fetchall()
    return [_follow_up(r) for r in rows]


def close(
    conn: Db,
    follow_up_id: uuid.UUID,
    status: FollowUpStatus,
    outcome_reflection_id: uuid.UUID | None = None,
) -> None:
    """Mark done, dropped, or open again (which clears the closing time)."""
    closed_at = None if status is FollowUpStatus.OPEN else timeutil.to_text(datetime.now(UTC))
    changed = conn.execute(
        "UPDATE follow_up SET status = :status, closed_at = :closed_at,"
        " outcome_reflection_id = coalesce(:outcome, outcome_reflection_id) WHERE id = :id",
        {
            "status": status.value,
            "closed_at": closed_at,
            "outcome": str(outcome_reflection_id) if outcome_reflection_id else None,
            "id": str(follow_up_id),
        },
    ).rowcount
    if not changed:
        raise NotFound("That follow-up is no longer in your journal.")


def reschedule(conn: Db, follow_up_id: uuid.UUID, revisit_on: date | None) -> None:
    conn.execute(
        "UPDATE follow_up SET revisit_on = :on WHERE id = :id",
        {"on": revisit_on.isoformat() if revisit_on else None, "id": str(follow_up_id)},
    )


def delete(conn: Db, follow_up_id: uuid.UUID) -> None:
    conn.execute("DELETE FROM follow_up WHERE id = :id", {"id": str(follow_up_id)})


class FollowUps:
    def __init__(self, tx: Transactions) -> None:
        self._tx = tx

    def add(self, follow_up: FollowUp) -> FollowUp:
        with self._tx.writing() as conn:
            return add(conn, follow_up)

    def get(self, follow_up_id: uuid.UUID) -> FollowUp:
        with self._tx.reading() as conn:
            return get(conn, follow_up_id)

    def listed(self, statuses: Sequence[FollowUpStatus] = ()) -> list[FollowUp]:
        with self._tx.reading() as conn:
            return listed(conn, statuses)

    def due(self, today: date) -> list[FollowUp]:
        with self._tx.reading() as conn:
            return due(conn, today)

    def of_reflection(self, reflection_id: uuid.UUID) -> list[FollowUp]:
        with self._tx.reading() as conn:
            return of_reflection(conn, reflection_id)

    def close(
        self,
        follow_up_id: uuid.UUID,
        status: FollowUpStatus,
        outcome_reflection_id: uuid.UUID | None = None,
    ) -> None:
        with self._tx.writing() as conn:
            close(conn, follow_up_id, status, outcome_reflection_id)

    def reschedule(self, follow_up_id: uuid.UUID, revisit_on: date | None) -> None:
        with self._tx.writing() as conn:
            reschedule(conn, follow_up_id, revisit_on)

    def delete(self, follow_up_id: uuid.UUID) -> None:
        with self._tx.writing() as conn:
            delete(conn, follow_up_id)
