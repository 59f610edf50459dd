from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from reflect.demo_journal import demo_reflections
from reflect.frameworks import Lens, Way
from reflect.model import Reflection

LONDON = ZoneInfo("Europe/London")

TODAYS = [
    datetime(2026, 3, 14, 9, 30, tzinfo=UTC),
    datetime(2024, 2, 29, 23, 50, tzinfo=UTC),  # late on a leap day
    datetime(2025, 10, 31, 0, 5, tzinfo=LONDON),  # a 31st, just after midnight
    datetime(2026, 3, 29, 0, 30, tzinfo=UTC),  # the morning the clocks go forward
    datetime(2025, 7, 1, 6, 0, tzinfo=ZoneInfo("America/New_York")),
]


def built(today: datetime) -> list[Reflection]:
    return [n.build(clock=today) for n in demo_reflections(today)]


@pytest.fixture(params=TODAYS, ids=lambda d: d.isoformat())
def today(request: pytest.FixtureRequest) -> datetime:
    value: datetime = request.param
    return value


def test_every_demo_reflection_builds_and_there_are_about_thirty(today: datetime) -> None:
    reflections = built(today)
    assert 25 <= len(reflections) <= 35
    assert all(r.title for r in reflections)


def test_dates_are_aware_in_the_past_within_fifteen_months_and_in_order(today: datetime) -> None:
    reflections = built(today)
    whens = [r.happened_at for r in reflections]
    assert all(w.utcoffset() is not None for w in whens)
    assert all(today - timedelta(days=460) < w < today for w in whens)
    assert whens == sorted(whens)
    assert sum(w > today - timedelta(days=30) for w in whens) >= 3


def test_some_fall_on_this_day_in_earlier_months(today: datetime) -> None:
    local_today = today.astimezone(LONDON).date()
    same_day = [
        r
        for r in built(today)
        if (d := r.happened_at.astimezone(LONDON).date()).day == local_today.day and d < local_today
    ]
    assert len(same_day) >= 2


def test_all_six_ways_appear_but_attention_is_uneven() -> None:
    counts = Counter(w for r in built(TODAYS[0]) for w in r.ways)
    assert set(counts) == set(Way)
    assert min(counts.values()) * 3 <= max(counts.values())
    assert counts[Way.BEING] == min(counts.values())
    assert counts.most_common(2)[0][0] in {Way.DOING, Way.THINKING}


def test_all_five_lenses_and_some_prompts_appear() -> None:
    reflections = built(TODAYS[0])
    assert set().union(*(r.lenses for r in reflections)) == set(Lens)
    assert sum(any(s.prompt for s in r.sections) for r in reflections) >= 4
    assert {len(r.sections) for r in reflections} == {1, 2, 3}


def test_several_are_starred() -> None:
    assert sum(r.starred for r in built(TODAYS[0])) >= 4


def test_the_cast_recurs_and_the_labels_stay_a_small_consistent_set() -> None:
    reflections = built(TODAYS[0])
    people = Counter(p for r in reflections for p in r.people)
    assert sum(n >= 2 for n in people.values()) >= 4
    organisations = Counter(o for r in reflections for o in r.organisations)
    assert sum(n >= 2 for n in organisations.values()) >= 4
    for labels in (people, organisations):
        folded = Counter(" ".join(name.casefold().split()) for name in labels)
        assert all(n == 1 for n in folded.values()), "one spelling per name"
    tags = {t for r in reflections for t in r.tags}
    assert len(tags) <= 16
    assert all(t == t.lower() and " " not in t for t in tags)


def test_no_two_bodies_or_titles_are_the_same() -> None:
    reflections = built(TODAYS[0])
    assert len({r.body for r in reflections}) == len(reflections)
    assert len({r.title for r in reflections}) == len(reflections)
    assert all(len(r.body.split()) <= 320 for r in reflections)


def test_the_demo_is_deterministic_and_leaves_ids_to_build() -> None:
    first, second = demo_reflections(TODAYS[0]), demo_reflections(TODAYS[0])
    assert first == second
    assert all(n.id is None for n in first)


def test_a_naive_today_is_taken_as_uk_time() -> None:
    naive = datetime(2026, 3, 14, 9, 30)
    assert demo_reflections(naive) == demo_reflections(naive.replace(tzinfo=LONDON))


def test_the_demo_extras_point_at_demo_reflections_and_people() -> None:
    from datetime import UTC, datetime

    from reflect.demo_journal import demo_extras, demo_reflections

    today = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
    reflections = demo_reflections(today)
    titles = {r.title for r in reflections}
    people = {p for r in reflections for p in r.people}
    extras = demo_extras(today)
    assert {t for s in extras.storylines for t in s.reflection_titles} <= titles
    assert {f.reflection_title for f in extras.follow_ups} <= titles
    assert {r.person for r in extras.ratings} <= people
    assert {p.name for p in extras.directory} == people
    # One follow-up is due and one meeting from the past week waits, so the demo shows both.
    assert any(f.revisit_on and f.revisit_on <= today.date() for f in extras.follow_ups)
    assert any(m.starts_at < today for m in extras.meetings)
