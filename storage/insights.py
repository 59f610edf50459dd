"""Balance and memory from the database: ways counted over a window, and "on this day".

Both read only live reflections through the partial index on `happened_us`
(`reflection_newest`), one range at a time, so their cost depends on how many
reflections fall in the ranges asked about, not on the size of the journal.
The windows and dates come from reflect.balance, so the pure and SQL forms agree.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from reflect import balance as pure
from reflect import timeutil
from reflect.frameworks import Way
from reflect.model import Reflection
from storage.db import Db
from storage.reflections import load_many

ON_THIS_DAY_LIMIT = 10

_WAY_SUMS = ", ".join(f"sum((r.ways & :bit_{w.value}) != 0)" for w in Way)
_WAYS_IN_WINDOW = (
    f"SELECT count(*), {_WAY_SUMS} FROM reflection r "
    "WHERE r.deleted_at IS NULL AND r.happened_us >= :since_us AND r.happened_us < :until_us"
)
_IN_DAY = (
    "SELECT r.happened_us, r.pk FROM reflection r "
    "WHERE r.deleted_at IS NULL AND r.happened_us >= :since_us AND r.happened_us < :until_us "
    "ORDER BY r.happened_us DESC LIMIT :limit"
)


def ways_in_window(conn: Db, since: datetime, until: datetime) -> tuple[dict[Way, int], int]:
    """Reflections touching each way, and all reflections, happened in [since, until).

    One query: the ways are a bitmask, so each way's count is a sum of one bit test.
    """
    params: dict[str, int] = {
        "since_us": timeutil.to_micros(since),
        "until_us": timeutil.to_micros(until),
    }
    params |= {f"bit_{w.value}": w.bit for w in Way}
    row = conn.execute(_WAYS_IN_WINDOW, params).fetchone()
    total = int(row[0] or 0)
    counts = {way: int(n or 0) for way, n in zip(Way, row[1:], strict=True)}
    return counts, total


def balance(
    conn: Db, today: date, days: int = pure.DEFAULT_DAYS, zone: tzinfo | None = None
) -> pure.WayBalance:
    """The balance of the last `days` local days ending with today (see reflect.balance)."""
    since, until = pure.window(today, days, zone)
    counts, total = ways_in_window(conn, since, until)
    return pure.WayBalance(counts, total, days)


def on_this_day(
    conn: Db,
    today: date,
    limit: int = ON_THIS_DAY_LIMIT,
    zone: tzinfo | None = None,
    years_back: int = pure.DEFAULT_YEARS_BACK,
) -> list[Reflection]:
    """Reflections that happened on this day of the month in earlier months, newest first.

    When more than `limit` match, the same date in earlier years is kept first,
    then the nearest earlier months (reflect.balance.on_this_day_priority).
    Each candidate day is one indexed range query that stops at what is still wanted.
    """
    if limit <= 0:
        return []
    days = pure.on_this_day_priority(today, pure.on_this_day_dates(today, years_back))
    found: list[tuple[int, int]] = []  # (happened_us, pk)
    for day in days:
        wanted = limit - len(found)
        if wanted <= 0:
            break
        since, until = pure.day_bounds(day, zone)
        rows = conn.execute(
            _IN_DAY,
            {
                "since_us": timeutil.to_micros(since),
                "until_us": timeutil.to_micros(until),
                "limit": wanted,
            },
        ).fetchall()
        found += [(int(us), int(pk)) for us, pk in rows]
    found.sort(reverse=True)
    pks = [pk for _, pk in found]
    loaded = load_many(conn, pks)
    return [loaded[pk] for pk in pks]
