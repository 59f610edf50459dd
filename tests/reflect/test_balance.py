"""Balance and memory, the pure part: windows, counts, the sentence, prompts, dates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from reflect.balance import (
    PROMPTS,
    WayBalance,
    ago,
    balance_from,
    day_bounds,
    on_this_day_dates,
    on_this_day_priority,
    prompt_for,
    window,
)
from reflect.frameworks import Way
from reflect.model import NewReflection, Reflection, Section

LONDON = ZoneInfo("Europe/London")
TODAY = date(2026, 3, 31)


def written(when: datetime, *ways: Way) -> Reflection:
    return NewReflection(sections=(Section("words"),), happened_at=when, ways=ways).build()


def at(day: date, hour: int = 12, zone: ZoneInfo = LONDON) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=zone)


# --- the window --------------------------------------------------------------------------


def test_window_is_the_last_n_local_days_with_today_included() -> None:
    start, end = window(TODAY, 30, LONDON)
    assert start == datetime(2026, 3, 2, tzinfo=LONDON)
    assert end == datetime(2026, 4, 1, tzinfo=LONDON)
    # 29 March 2026 is one hour short in London; the window still ends at local midnight.
    assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(days=30, hours=-1)


def test_day_bounds_without_a_zone_are_aware_local_midnights() -> None:
    start, end = day_bounds(TODAY)
    assert start.tzinfo is not None and end.tzinfo is not None
    assert (start.hour, start.minute, end.hour) == (0, 0, 0)
    assert end.date() == TODAY + timedelta(days=1)


def test_window_needs_a_day() -> None:
    with pytest.raises(ValueError):
        window(TODAY, 0, LONDON)


# --- counting -----------------------------------------------------------------------------


def test_balance_counts_each_way_and_every_reflection_in_the_window() -> None:
    reflections = [
        written(at(TODAY, 23), Way.FEELING, Way.DOING),
        written(at(TODAY - timedelta(days=29), 0), Way.DOING),  # the first day, at midnight
        written(at(TODAY - timedelta(days=10))),  # no way marked: counted in the total
        written(at(TODAY - timedelta(days=30), 23), Way.BEING),  # the day before the window
        written(at(TODAY + timedelta(days=1), 0), Way.BEING),  # tomorrow
    ]
    balance = balance_from(reflections, TODAY, 30, LONDON)
    assert balance.total == 3
    assert balance.counts == {
        Way.FEELING: 1,
        Way.PERCEIVING: 0,
        Way.THINKING: 0,
        Way.RELATING: 0,
        Way.DOING: 2,
        Way.BEING: 0,
    }
    assert list(balance.counts) == list(Way)
    assert balance.most == 2


def test_a_moment_counts_by_its_date_in_the_zone_asked_about() -> None:
    # 23:30 in New York on 31 March is 04:30 on 1 April in London.
    late = datetime(2026, 3, 31, 23, 30, tzinfo=ZoneInfo("America/New_York"))
    r = written(late, Way.RELATING)
    assert balance_from([r], TODAY, 1, ZoneInfo("America/New_York")).total == 1
    assert balance_from([r], TODAY, 1, LONDON).total == 0


def test_least_attended_is_the_fewest_and_ties_follow_the_order_of_way() -> None:
    balance = WayBalance(
        {
            Way.FEELING: 4,
            Way.PERCEIVING: 1,
            Way.THINKING: 3,
            Way.RELATING: 1,
            Way.DOING: 2,
            Way.BEING: 5,
        },
        total=9,
    )
    assert balance.least_attended is Way.PERCEIVING
    assert WayBalance({}, total=0).least_attended is Way.FEELING
    assert WayBalance({Way.FEELING: 2}, total=2).least_attended is Way.PERCEIVING


def test_missing_ways_count_zero_and_bad_counts_are_refused() -> None:
    assert WayBalance({Way.BEING: 2}, 2).counts[Way.THINKING] == 0
    with pytest.raises(ValueError):
        WayBalance({Way.BEING: -1}, 0)
    with pytest.raises(ValueError):
        WayBalance({}, 0, days=0)


# --- the sentence -------------------------------------------------------------------------


def counts(**by_way: int) -> dict[Way, int]:
    return {Way(name): n for name, n in by_way.items()}


def test_the_sentence_names_the_least_attended_way_plainly() -> None:
    balance = WayBalance(
        counts(feeling=3, perceiving=2, thinking=4, relating=5, doing=6, being=1), total=12
    )
    assert balance.sentence == (
        "In the last 30 days, little of your writing touched ways of being: 1 of 12 reflections."
    )


def test_the_sentence_when_a_way_was_not_touched_at_all() -> None:
    balance = WayBalance(counts(feeling=3, perceiving=2, thinking=1, doing=1, being=1), total=5)
    assert balance.sentence == "In the last 30 days, none of your writing touched ways of relating."


def test_the_sentence_when_nothing_was_written() -> None:
    sentence = WayBalance({}, total=0).sentence
    assert sentence.startswith("In the last 30 days, you have not written a reflection.")
    assert "ways of feeling" in sentence


def test_the_sentence_when_no_way_was_marked_or_all_are_even() -> None:
    assert "none of your reflections was marked" in WayBalance({}, total=4).sentence
    even = WayBalance(dict.fromkeys(Way, 2), total=3)
    assert even.sentence == "In the last 30 days, your writing touched all six ways evenly."


def test_the_sentence_follows_the_window_and_the_singular() -> None:
    one = WayBalance(counts(feeling=1, perceiving=1, thinking=1, relating=1, doing=1), 1, days=1)
    assert one.sentence == ("In the last day, none of your writing touched ways of being.")
    week = WayBalance(
        counts(feeling=1, perceiving=1, thinking=1, relating=1, doing=1, being=2), 1, days=7
    )
    assert week.sentence == (
        "In the last 7 days, little of your writing touched ways of feeling: 1 of 1 reflection."
    )


# --- prompts ------------------------------------------------------------------------------


def test_one_short_distinct_question_for_every_way() -> None:
    assert set(PROMPTS) == set(Way)
    assert len(set(PROMPTS.values())) == len(Way)
    for way in Way:
        question = prompt_for(way)
        assert question.endswith("?")
        assert 20 < len(question) < 140
    balance = WayBalance(counts(feeling=1, perceiving=1, thinking=1, relating=1, doing=1), 1)
    assert balance.prompt == prompt_for(Way.BEING)


# --- on this day --------------------------------------------------------------------------


def test_on_this_day_is_the_same_day_in_each_earlier_month_newest_first() -> None:
    dates = on_this_day_dates(date(2026, 3, 14), years_back=1)
    assert dates[:3] == [date(2026, 2, 14), date(2026, 1, 14), date(2025, 12, 14)]
    assert dates[-1] == date(2025, 3, 14)
    assert len(dates) == 12
    assert date(2026, 3, 14) not in dates


def test_on_this_day_skips_months_without_the_day() -> None:
    dates = on_this_day_dates(date(2026, 3, 31), years_back=1)
    assert date(2026, 2, 28) not in dates
    assert {d.month for d in dates} == {1, 3, 5, 7, 8, 10, 12}
    assert all(d.day == 31 for d in dates)


def test_29_february_finds_only_leap_years_februaries() -> None:
    dates = on_this_day_dates(date(2028, 2, 29), years_back=5)
    februaries = [d for d in dates if d.month == 2]
    assert februaries == [date(2024, 2, 29)]
    assert len(dates) == 5 * 12 - 4  # 2027, 2026, 2025 and 2023 have no 29 February


def test_five_years_back_by_default() -> None:
    dates = on_this_day_dates(date(2026, 1, 10))
    assert len(dates) == 60
    assert dates[-1] == date(2021, 1, 10)


def test_priority_puts_anniversaries_first_then_the_nearest_months() -> None:
    today = date(2026, 3, 14)
    ordered = on_this_day_priority(today, on_this_day_dates(today, years_back=2))
    assert ordered[:4] == [
        date(2025, 3, 14),
        date(2024, 3, 14),
        date(2026, 2, 14),
        date(2026, 1, 14),
    ]


@pytest.mark.parametrize(
    ("earlier", "phrase"),
    [
        (date(2026, 2, 14), "a month ago"),
        (date(2025, 12, 14), "3 months ago"),
        (date(2025, 3, 14), "a year ago"),
        (date(2025, 1, 14), "a year and 2 months ago"),
        (date(2023, 2, 14), "3 years and a month ago"),
        (date(2026, 3, 14), "today"),
    ],
)
def test_how_long_ago_reads_plainly(earlier: date, phrase: str) -> None:
    assert ago(earlier, date(2026, 3, 14)) == phrase


def test_reflections_carry_aware_times() -> None:
    # The window compares aware moments; a reflection is always aware (model.validated).
    r = written(datetime(2026, 3, 31, 8, tzinfo=UTC))
    assert balance_from([r], TODAY, 30, LONDON).total == 1
