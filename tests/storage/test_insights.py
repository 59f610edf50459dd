"""Balance and memory from the database: the SQL agrees with reflect.balance, and is fast."""

from __future__ import annotations

import random
import time
import uuid
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from reflect import timeutil
from reflect.balance import balance_from, window
from reflect.frameworks import Way, ways_to_mask
from reflect.model import NewReflection, Reflection, Section
from storage import insights
from storage.vault import Vault

LONDON = ZoneInfo("Europe/London")
TODAY = date(2026, 3, 14)


def add(vault: Vault, when: datetime, *ways: Way, title: str = "") -> Reflection:
    return vault.add(
        NewReflection(sections=(Section("words"),), title=title, happened_at=when, ways=ways)
    )


def at(day: date, hour: int = 12, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)


# --- ways in a window ---------------------------------------------------------------------


def test_ways_in_window_counts_each_way_and_all_reflections(any_vault: Vault) -> None:
    add(any_vault, at(TODAY), Way.FEELING, Way.RELATING)
    add(any_vault, at(TODAY - timedelta(days=3)), Way.RELATING)
    add(any_vault, at(TODAY - timedelta(days=5)))
    add(any_vault, at(TODAY - timedelta(days=40)), Way.BEING)  # outside
    since, until = window(TODAY, 30, LONDON)
    with any_vault.reading() as conn:
        counts, total = insights.ways_in_window(conn, since, until)
    assert total == 3
    assert counts == {
        Way.FEELING: 1,
        Way.PERCEIVING: 0,
        Way.THINKING: 0,
        Way.RELATING: 2,
        Way.DOING: 0,
        Way.BEING: 0,
    }


def test_an_empty_journal_counts_zero(vault: Vault) -> None:
    with vault.reading() as conn:
        counts, total = insights.ways_in_window(conn, *window(TODAY, 30, LONDON))
        balance = insights.balance(conn, TODAY, zone=LONDON)
    assert total == 0 and set(counts.values()) == {0}
    assert balance.total == 0 and balance.least_attended is Way.FEELING


def test_the_window_starts_at_local_midnight_and_ends_before_tomorrow(vault: Vault) -> None:
    first_day = TODAY - timedelta(days=29)
    add(vault, at(first_day, 0, 0), Way.DOING)  # in: the first moment of the window
    add(vault, at(first_day, 0, 0) - timedelta(microseconds=1), Way.BEING)  # out
    add(vault, at(TODAY, 23, 59), Way.THINKING)  # in
    add(vault, at(TODAY + timedelta(days=1), 0, 0), Way.FEELING)  # out: tomorrow
    with vault.reading() as conn:
        balance = insights.balance(conn, TODAY, 30, LONDON)
    assert balance.total == 2
    assert (balance.count(Way.DOING), balance.count(Way.THINKING)) == (1, 1)
    assert (balance.count(Way.BEING), balance.count(Way.FEELING)) == (0, 0)


def test_trashed_reflections_are_not_counted(vault: Vault) -> None:
    kept = add(vault, at(TODAY), Way.BEING)
    gone = add(vault, at(TODAY), Way.DOING)
    vault.delete(gone.id)
    with vault.reading() as conn:
        balance = insights.balance(conn, TODAY, zone=LONDON)
        memories = insights.on_this_day(conn, TODAY + timedelta(days=365), zone=LONDON)
    assert balance.total == 1 and balance.count(Way.DOING) == 0
    assert [r.id for r in memories] == [kept.id]


def test_sql_and_pure_balance_agree(any_vault: Vault) -> None:
    rng = random.Random(7)
    made = []
    for _ in range(60):
        when = at(TODAY - timedelta(days=rng.randint(-3, 45)), rng.randint(0, 23))
        ways = rng.sample(list(Way), rng.randint(0, 3))
        made.append(add(any_vault, when, *ways))
    for days in (1, 7, 30):
        with any_vault.reading() as conn:
            from_sql = insights.balance(conn, TODAY, days, LONDON)
        assert from_sql == balance_from(made, TODAY, days, LONDON)


# --- on this day --------------------------------------------------------------------------


def test_on_this_day_finds_the_same_date_in_earlier_months_and_years(vault: Vault) -> None:
    month_ago = add(vault, at(date(2026, 2, 14), 9), title="Board")
    year_ago = add(vault, at(date(2025, 3, 14), 18), title="Away day")
    late_evening = add(vault, at(date(2024, 3, 14), 23, 59), title="Late call")
    add(vault, at(date(2026, 2, 13), 23, 59), title="The day before")
    add(vault, at(date(2026, 2, 15), 0, 0), title="The day after")
    add(vault, at(TODAY, 8), title="Today itself")
    add(vault, at(date(2020, 3, 14), 8), title="Six years ago: too far")
    with vault.reading() as conn:
        found = insights.on_this_day(conn, TODAY, zone=LONDON)
    assert [r.id for r in found] == [month_ago.id, year_ago.id, late_evening.id]
    assert found[0].title == "Board" and found[0].body == "words"


def test_on_this_day_keeps_anniversaries_when_there_are_too_many(vault: Vault) -> None:
    recent = [add(vault, at(date(2026, 2, 14), h)) for h in range(8, 12)]
    older = [add(vault, at(date(2026, 1, 14), h)) for h in range(8, 12)]
    year_ago = add(vault, at(date(2025, 3, 14), 12))
    with vault.reading() as conn:
        found = insights.on_this_day(conn, TODAY, limit=5, zone=LONDON)
    ids = [r.id for r in found]
    assert year_ago.id in ids
    assert ids == [r.id for r in reversed(recent)] + [year_ago.id]  # newest first
    assert not set(ids) & {r.id for r in older}
    with vault.reading() as conn:
        assert insights.on_this_day(conn, TODAY, limit=0, zone=LONDON) == []


def test_on_this_day_uses_the_zone_asked_about(vault: Vault) -> None:
    # 23:30 on 14 February in New York is 04:30 on 15 February in London.
    new_york = ZoneInfo("America/New_York")
    r = add(vault, datetime(2026, 2, 14, 23, 30, tzinfo=new_york))
    with vault.reading() as conn:
        assert [x.id for x in insights.on_this_day(conn, TODAY, zone=new_york)] == [r.id]
        assert insights.on_this_day(conn, TODAY, zone=LONDON) == []


# --- at scale -----------------------------------------------------------------------------


def query_plans(vault: Vault) -> list[str]:
    since, until = window(TODAY, 30, LONDON)
    params = {"since_us": timeutil.to_micros(since), "until_us": timeutil.to_micros(until)}
    plans = []
    with vault.reading() as conn:
        for sql, extra in (
            (insights._WAYS_IN_WINDOW, {f"bit_{w.value}": w.bit for w in Way}),
            (insights._IN_DAY, {"limit": 10}),
        ):
            rows = conn.execute("EXPLAIN QUERY PLAN " + sql, params | extra).fetchall()
            plans.append(" | ".join(str(row[-1]) for row in rows))
    return plans


def test_both_queries_search_the_happened_index_never_scan(vault: Vault) -> None:
    for plan in query_plans(vault):
        assert "reflection_newest" in plan, plan
        assert "SCAN" not in plan, plan


def bulk_load(vault: Vault, n: int, rng: random.Random) -> None:
    """n bare reflection rows over about ten years, without sections: fast to make."""
    start = timeutil.to_micros(datetime(2016, 3, 20, tzinfo=LONDON))
    end = timeutil.to_micros(datetime(2026, 3, 20, tzinfo=LONDON))
    rows = []
    for _ in range(n):
        us = rng.randrange(start, end)
        text = timeutil.to_text(datetime.fromtimestamp(us / 1_000_000, LONDON))
        rows.append(
            {
                "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                "at": text,
                "us": us,
                "ways": ways_to_mask(frozenset(rng.sample(list(Way), rng.randint(0, 2)))),
            }
        )
    with vault.writing() as conn:
        conn.executemany(
            "INSERT INTO reflection (id, happened_at, happened_zone, happened_us, written_at, "
            "edited_at, title, ways) VALUES (:id, :at, 'Europe/London', :us, :at, :at, 'x', :ways)",
            rows,
        )


@pytest.mark.slow
def test_fast_at_100000_reflections(vault: Vault) -> None:
    bulk_load(vault, 100_000, random.Random(11))
    timings = []
    for _ in range(5):
        began = time.perf_counter()
        with vault.reading() as conn:
            balance = insights.balance(conn, TODAY, zone=LONDON)
            memories = insights.on_this_day(conn, TODAY, zone=LONDON)
        timings.append(time.perf_counter() - began)
    assert 600 < balance.total < 1000  # about 27 a day for 30 days
    assert len(memories) == 10
    assert {r.happened_at.astimezone(LONDON).day for r in memories} == {14}
    assert all(r.happened_at.astimezone(LONDON).date() < TODAY for r in memories)
    assert min(timings) < 0.1, timings
    for plan in query_plans(vault):
        assert "SCAN" not in plan, plan
