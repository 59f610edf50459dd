"""Meetings in the database: typed in, or imported from a calendar file.

A calendar occurrence is matched on its `calendar_key` (UID plus the slot's
original start), so importing the same file again updates meetings in place.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from reflect import timeutil
from reflect.calendar_import import CalendarEvent
from reflect.meetings import MAX_MEETING_TITLE, Meeting, validated_meeting
from reflect.people import clean_name, fold
from storage import contacts
from storage.db import Db, Transactions
from storage.errors import NotFound


@dataclass(frozen=True, slots=True)
class CalendarImportReport:
    added: int
    updated: int
    unchanged: int
    people_added: int

    @property
    def total(self) -> int:
        return self.added + self.updated + self.unchanged


_COLUMNS = (
    "m.pk, m.id, m.title, m.starts_at, m.ends_at, m.all_day, m.location, m.programme, "
    "m.calendar_key"
)


def _values(m: Meeting) -> dict[str, Any]:
    return {
        "id": str(m.id),
        "title": m.title,
        "starts_at": timeutil.to_text(m.starts_at),
        "starts_us": timeutil.to_micros(m.starts_at),
        "ends_at": timeutil.to_text(m.ends_at) if m.ends_at else None,
        "all_day": int(m.all_day),
        "location": m.location,
        "programme": m.programme,
        "calendar_key": m.calendar_key,
        "updated_at": timeutil.to_text(datetime.now(UTC)),
    }


def save(conn: Db, meeting: Meeting) -> Meeting:
    """Add a meeting or replace the one with its id; names are spelt as the directory has them."""
    meeting = validated_meeting(meeting)
    meeting = replace(
        meeting,
        people=contacts.canonical_names(conn, "person", meeting.people),
        organisations=contacts.canonical_names(conn, "organisation", meeting.organisations),
    )
    values = _values(meeting)
    row = conn.execute("SELECT pk FROM meeting WHERE id = :id", {"id": values["id"]}).fetchone()
    if row is None:
        pk = int(
            conn.execute(
                "INSERT INTO meeting (id, title, starts_at, starts_us, ends_at, all_day, location,"
                " programme, calendar_key, updated_at) VALUES (:id, :title, :starts_at,"
                " :starts_us, :ends_at, :all_day, :location, :programme, :calendar_key,"
                " :updated_at)",
                values,
            ).lastrowid
            or 0
        )
    else:
        pk = int(row[0])
        conn.execute(
            "UPDATE meeting SET title = :title, starts_at = :starts_at, starts_us = :starts_us,"
            " ends_at = :ends_at, all_day = :all_day, location = :location,"
            " programme = :programme, calendar_key = :calendar_key, updated_at = :updated_at"
            " WHERE pk = :pk",
            values | {"pk": pk},
        )
    replace_labels(conn, pk, meeting.people, meeting.organisations)
    contacts.ensure(conn, "person", meeting.people)
    contacts.ensure(conn, "organisation", meeting.organisations)
    return meeting


def replace_labels(conn: Db, pk: int, people: Sequence[str], organisations: Sequence[str]) -> None:
    """The meeting's names, in order, replacing any it had."""
    conn.execute("DELETE FROM meeting_label WHERE meeting_pk = :pk", {"pk": pk})
    conn.executemany(
        "INSERT INTO meeting_label (meeting_pk, kind, position, value, folded)"
        " VALUES (:pk, :kind, :position, :value, :folded)",
        [
            {"pk": pk, "kind": kind, "position": i, "value": name, "folded": fold(name)}
            for kind, names in (("person", people), ("organisation", organisations))
            for i, name in enumerate(names)
        ],
    )


def _load(conn: Db, rows: Sequence[Any]) -> list[Meeting]:
    if not rows:
        return []
    pks = [int(r[0]) for r in rows]
    labels: dict[tuple[int, str], list[str]] = {}
    marks = ", ".join(f":p{i}" for i in range(len(pks)))
    for pk, kind, value in conn.execute(
        f"SELECT meeting_pk, kind, value FROM meeting_label WHERE meeting_pk IN ({marks})"
        " ORDER BY meeting_pk, kind, position",
        {f"p{i}": pk for i, pk in enumerate(pks)},
    ):
        labels.setdefault((int(pk), kind), []).append(value)
    return [
        Meeting(
            id=uuid.UUID(r[1]),
            title=r[2],
            starts_at=timeutil.from_text(r[3]),
            ends_at=timeutil.from_text(r[4]) if r[4] else None,
            all_day=bool(r[5]),
            location=r[6],
            programme=r[7],
            calendar_key=r[8],
            people=tuple(labels.get((int(r[0]), "person"), ())),
            organisations=tuple(labels.get((int(r[0]), "organisation"), ())),
        )
        for r in rows
    ]


def get(conn: Db, meeting_id: uuid.UUID) -> Meeting:
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM meeting m WHERE m.id = :id", {"id": str(meeting_id)}
    ).fetchall()
    if not rows:
        raise NotFound("That meeting is no longer in your journal.")
    return _load(conn, rows)[0]


def find(conn: Db, meeting_id: uuid.UUID) -> Meeting | None:
    try:
        return get(conn, meeting_id)
    except NotFound:
        return None


def between(conn: Db, since: datetime, until: datetime, limit: int = 200) -> list[Meeting]:
    """Meetings starting in [since, until], newest first; cancelled ones left out."""
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM meeting m WHERE m.starts_us BETWEEN :a AND :b"
        " AND m.cancelled = 0 ORDER BY m.starts_us DESC LIMIT :limit",
        {"a": timeutil.to_micros(since), "b": timeutil.to_micros(until), "limit": limit},
    ).fetchall()
    return _load(conn, rows)


_NO_REFLECTION = (
    "NOT EXISTS (SELECT 1 FROM reflection r WHERE r.meeting_id = m.id AND r.deleted_at IS NULL)"
)


def waiting(conn: Db, since: datetime, until: datetime) -> list[Meeting]:
    """Meetings held in [since, until] that have no reflection yet and were not set aside."""
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM meeting m WHERE m.starts_us BETWEEN :a AND :b"
        f" AND m.cancelled = 0 AND m.dismissed = 0 AND {_NO_REFLECTION}"
        " ORDER BY m.starts_us DESC",
        {"a": timeutil.to_micros(since), "b": timeutil.to_micros(until)},
    ).fetchall()
    return _load(conn, rows)


def dismiss(conn: Db, meeting_id: uuid.UUID) -> None:
    """Not worth a reflection: stop listing it as waiting (it stays in the journal)."""
    conn.execute("UPDATE meeting SET dismissed = 1 WHERE id = :id", {"id": str(meeting_id)})


def with_name(conn: Db, kind: str, name: str) -> list[Meeting]:
    rows = conn.execute(
        f"SELECT {_COLUMNS} FROM meeting m WHERE m.pk IN (SELECT meeting_pk FROM meeting_label"
        " WHERE kind = :kind AND folded = :f) ORDER BY m.starts_us DESC",
        {"kind": kind, "f": fold(name)},
    ).fetchall()
    return _load(conn, rows)


def reflection_ids(conn: Db, meeting_id: uuid.UUID) -> list[uuid.UUID]:
    rows = conn.execute(
        "SELECT id FROM reflection WHERE meeting_id = :id AND deleted_at IS NULL"
        " ORDER BY happened_us",
        {"id": str(meeting_id)},
    ).fetchall()
    return [uuid.UUID(r[0]) for r in rows]


# --- calendar import ----------------------------------------------------------------


def import_events(conn: Db, events: Iterable[CalendarEvent]) -> CalendarImportReport:
    """Add or update one meeting per occurrence; attendees join the directory."""
    added = updated = unchanged = 0
    people_before = _count_people(conn)
    known: dict[tuple[str, str | None], str] = {}  # the same people attend many meetings
    for event in events:
        names = tuple(
            known[key]
            if (key := (a.name, a.email)) in known
            else known.setdefault(key, _attendee_name(conn, a.name, a.email))
            for a in event.attendees
        )
        row = conn.execute(
            "SELECT id, cancelled FROM meeting WHERE calendar_key = :key", {"key": event.key}
        ).fetchone()
        meeting_id = uuid.UUID(row[0]) if row else uuid.uuid4()
        incoming = validated_meeting(
            Meeting(
                id=meeting_id,
                title=event.title[:MAX_MEETING_TITLE],
                starts_at=event.starts_at,
                ends_at=_sane_end(event),
                all_day=event.all_day,
                location=event.location,
                people=names,
                calendar_key=event.key,
            )
        )
        if row is None:
            save(conn, incoming)
            added += 1
        else:
            current = get(conn, meeting_id)
            # Keep what the user added themselves (organisations, programme).
            incoming = replace(
                incoming, organisations=current.organisations, programme=current.programme
            )
            if incoming == current and bool(row[1]) == event.cancelled:
                unchanged += 1
                continue
            save(conn, incoming)
            updated += 1
        conn.execute(
            "UPDATE meeting SET cancelled = :c WHERE calendar_key = :key",
            {"c": int(event.cancelled), "key": event.key},
        )
    return CalendarImportReport(added, updated, unchanged, _count_people(conn) - people_before)


def _sane_end(event: CalendarEvent) -> datetime | None:
    """A calendar's own slip (an end before the start) should not sink the whole file."""
    start, end = event.starts_at, event.ends_at
    if end is None or start.utcoffset() is None or end.utcoffset() is None:
        return end  # validation names what is wrong
    return end if end >= start else None


def _count_people(conn: Db) -> int:
    return int(conn.execute("SELECT count(*) FROM contact WHERE kind = 'person'").fetchone()[0])


def _attendee_name(conn: Db, name: str, email: str | None) -> str:
    """The directory's name for an attendee: matched by address first, then by name."""
    if email:
        row = conn.execute(
            "SELECT name FROM contact WHERE kind = 'person' AND email = :email",
            {"email": email.lower()},
        ).fetchone()
        if row:
            return str(row[0])
    name = clean_name(name[:120])
    person = contacts.add_person(conn, name)
    if email and not person.email:
        conn.execute(
            "UPDATE contact SET email = :email WHERE id = :id",
            {"email": email.lower(), "id": str(person.id)},
        )
    return person.name


class Meetings:
    """The vault's meetings, each call one transaction."""

    def __init__(self, tx: Transactions) -> None:
        self._tx = tx

    def save(self, meeting: Meeting) -> Meeting:
        with self._tx.writing() as conn:
            return save(conn, meeting)

    def get(self, meeting_id: uuid.UUID) -> Meeting:
        with self._tx.reading() as conn:
            return get(conn, meeting_id)

    def find(self, meeting_id: uuid.UUID) -> Meeting | None:
        with self._tx.reading() as conn:
            return find(conn, meeting_id)

    def between(self, since: datetime, until: datetime, limit: int = 200) -> list[Meeting]:
        with self._tx.reading() as conn:
            return between(conn, since, until, limit)

    def waiting(self, since: datetime, until: datetime) -> list[Meeting]:
        with self._tx.reading() as conn:
            return waiting(conn, since, until)

    def dismiss(self, meeting_id: uuid.UUID) -> None:
        with self._tx.writing() as conn:
            dismiss(conn, meeting_id)

    def with_person(self, name: str) -> list[Meeting]:
        with self._tx.reading() as conn:
            return with_name(conn, "person", name)

    def reflection_ids(self, meeting_id: uuid.UUID) -> list[uuid.UUID]:
        with self._tx.reading() as conn:
            return reflection_ids(conn, meeting_id)

    def import_events(self, events: Iterable[CalendarEvent]) -> CalendarImportReport:
        """All or nothing: one transaction for the whole file."""
        with self._tx.writing() as conn:
            return import_events(conn, events)
