"""What the yearly review is built from, gathered from the journal in one snapshot.

`review_input` reads everything reflect.review.build_review needs for a period,
inside one read transaction so that the counts agree with each other. Each part
is one indexed query (reflections through `reflection_newest`, meetings through
`meeting_starts`, ratings through `trust_by_contact`), so the cost follows the
size of the period, not of the journal; only follow-ups (a few hundred at most)
are read whole and sorted out here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo

from reflect import timeutil
from reflect.balance import local_date
from reflect.followups import FollowUp
from reflect.model import Reflection
from reflect.query import Filters
from reflect.review import Period, ReviewInput
from reflect.trust import TrustRating
from storage import follow_ups
from storage import reflections as store
from storage.contacts import _RATING_COLUMNS, _rating
from storage.db import Db, Transactions

_ONE_MICROSECOND = timedelta(microseconds=1)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def review_input(
    vault: Transactions,
    period: Period,
    zone: tzinfo | None = None,
    today: date | None = None,
) -> ReviewInput:
    """Everything the review of `period` needs.

    Meetings count as held once they have started: by now, or with `today`
    given, by the end of that day (which also ends the gaps: see reflect.review).
    """
    since, until = period.bounds(zone)
    before_since, before_until = period.previous().bounds(zone)
    if today is None:
        now = timeutil.now()
        today = local_date(now, zone)
    else:
        now = Period(today, today).bounds(zone)[1]
    held_until = max(since, min(until, now))
    with vault.reading() as conn:
        reflections = reflections_between(conn, since, until)
        previous = reflections_between(conn, before_since, before_until)
        held, reflected = meeting_counts(conn, since, held_until)
        return ReviewInput(
            period=period,
            reflections=reflections,
            previous=previous,
            ratings=ratings_until(conn, until),
            meetings_held=held,
            meetings_reflected=reflected,
            follow_ups=follow_ups_made(conn, period, zone),
            storylines=storylines_until(conn, reflections, since, until),
            zone=zone,
            today=today,
        )


def reflections_between(conn: Db, since: datetime, until: datetime) -> list[Reflection]:
    """Live reflections that happened in [since, until), oldest first."""
    filters = Filters(since=since, until=until - _ONE_MICROSECOND)
    found = store.count(conn, filters)
    if not found:
        return []
    newest_first = store.newest(conn, filters, limit=found)
    newest_first.reverse()
    return newest_first


def meeting_counts(conn: Db, since: datetime, until: datetime) -> tuple[int, int]:
    """Meetings held in [since, until) (cancelled ones left out), and those with a reflection."""
    if until <= since:
        return 0, 0
    row = conn.execute(
        "SELECT count(*), coalesce(sum(EXISTS (SELECT 1 FROM reflection r"
        "  WHERE r.meeting_id = m.id AND r.deleted_at IS NULL)), 0)"
        " FROM meeting m WHERE m.starts_us >= :a AND m.starts_us < :b AND m.cancelled = 0",
        {"a": timeutil.to_micros(since), "b": timeutil.to_micros(until)},
    ).fetchone()
    return int(row[0]), int(row[1])


def ratings_until(conn: Db, until: datetime) -> list[tuple[str, TrustRating]]:
    """Every trust rating made before `until`, oldest first, with the person's name."""
    rows = conn.execute(
        f"SELECT {_RATING_COLUMNS}, c.name FROM trust_rating t JOIN contact c"
        " ON c.pk = t.contact_pk WHERE t.rated_us < :until ORDER BY t.rated_us, t.pk",
        {"until": timeutil.to_micros(until)},
    ).fetchall()
    return [(str(row[7]), _rating(row)) for row in rows]


def follow_ups_made(conn: Db, period: Period, zone: tzinfo | None = None) -> list[FollowUp]:
    """Follow-ups of live reflections made on a day of the period, oldest first."""
    made = [f for f in follow_ups.listed(conn) if period.contains(local_date(f.created_at, zone))]
    made.sort(key=lambda f: f.created_at)
    return made


def storylines_until(
    conn: Db, in_period: Sequence[Reflection], since: datetime, until: datetime
) -> list[tuple[str, list[Reflection]]]:
    """Storylines with a reflection in [since, until), each with its reflections up to then.

    Reflections of the period are the ones already read; only earlier members
    of those storylines are read here.
    """
    rows = conn.execute(
        "SELECT s.pk, s.name, r.pk, r.id, r.happened_us FROM storyline s"
        " JOIN storyline_member m ON m.storyline_pk = s.pk"
        " JOIN reflection r ON r.pk = m.reflection_pk"
        " WHERE r.deleted_at IS NULL AND r.happened_us < :until"
        " ORDER BY s.folded, s.pk, r.happened_us, r.pk",
        {"until": timeutil.to_micros(until)},
    ).fetchall()
    start = timeutil.to_micros(since)
    active = {int(row[0]) for row in rows if int(row[4]) >= start}
    by_id = {str(r.id): r for r in in_period}
    earlier = store.load_many(
        conn, {int(row[2]) for row in rows if int(row[0]) in active and int(row[4]) < start}
    )
    out: dict[int, tuple[str, list[Reflection]]] = {}
    for storyline_pk, name, reflection_pk, reflection_id, happened_us in rows:
        if int(storyline_pk) not in active:
            continue
        member = by_id.get(reflection_id) if happened_us >= start else earlier.get(reflection_pk)
        if member is not None:
            out.setdefault(int(storyline_pk), (str(name), []))[1].append(member)
    return list(out.values())


def years_with_reflections(vault: Transactions, zone: tzinfo | None = None) -> list[int]:
    """The calendar years (in `zone`, default local) with a live reflection, oldest first."""
    with vault.reading() as conn:
        first = conn.execute(
            "SELECT min(happened_us) FROM reflection WHERE deleted_at IS NULL"
        ).fetchone()[0]
        if first is None:
            return []
        last = conn.execute(
            "SELECT max(happened_us) FROM reflection WHERE deleted_at IS NULL"
        ).fetchone()[0]
        years = []
        for year in range(_year_of(int(first), zone), _year_of(int(last), zone) + 1):
            since, until = Period.year(year).bounds(zone)
            row = conn.execute(
                "SELECT 1 FROM reflection WHERE deleted_at IS NULL"
                " AND happened_us >= :a AND happened_us < :b LIMIT 1",
                {"a": timeutil.to_micros(since), "b": timeutil.to_micros(until)},
            ).fetchone()
            if row is not None:
                years.append(year)
        return years


def _year_of(micros: int, zone: tzinfo | None) -> int:
    return (_EPOCH + timedelta(microseconds=micros)).astimezone(zone).year
