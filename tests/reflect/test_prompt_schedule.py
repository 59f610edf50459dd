"""When an enabler's scheduled prompts fall due, counted from the day the leader started."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from reflect.prompt_library import Every, Prompt, PromptPack, Schedule
from reflect.prompt_schedule import Step, due_step, next_step, steps

WEDNESDAY = date(2026, 4, 1)
MONDAY = date(2026, 4, 6)


def prompt(id: str, day: int | None = None) -> Prompt:
    return Prompt(pack_id="first-month", id=id, text=f"Question {id}?", day=day)


def pack(
    prompts: list[Prompt],
    every: Every | None,
    prompt_ids: tuple[str, ...] | None = None,
    count: int | None = None,
) -> PromptPack:
    schedule = None
    if every is not None:
        ids = prompt_ids if prompt_ids is not None else tuple(p.id for p in prompts)
        schedule = Schedule(every, ids, count)
    return PromptPack(
        id="first-month",
        title="First month in post",
        author="Sam Okafor",
        version=1,
        prompts=tuple(prompts),
        schedule=schedule,
    )


def on_and_ids(found: list[Step]) -> list[tuple[date, str]]:
    return [(s.on, s.prompt.id) for s in found]


THREE = [prompt("a"), prompt("b"), prompt("c")]


# --- steps ---------------------------------------------------------------------------------


def test_every_monday_from_a_wednesday_starts_the_next_monday_then_weekly() -> None:
    found = steps(pack(THREE, Every.MONDAY), WEDNESDAY)

    assert on_and_ids(found) == [
        (date(2026, 4, 6), "a"),
        (date(2026, 4, 13), "b"),
        (date(2026, 4, 20), "c"),
    ]
    assert all(s.on.weekday() == 0 for s in found)
    assert [s.index for s in found] == [0, 1, 2]


def test_every_monday_from_a_monday_starts_that_day() -> None:
    found = steps(pack(THREE, Every.MONDAY), MONDAY)

    assert [s.on for s in found] == [MONDAY, MONDAY + timedelta(7), MONDAY + timedelta(14)]


def test_every_friday_from_a_wednesday_starts_that_friday() -> None:
    assert steps(pack(THREE, Every.FRIDAY), WEDNESDAY)[0].on == date(2026, 4, 3)


def test_a_count_larger_than_the_prompts_cycles_through_them() -> None:
    found = steps(pack(THREE, Every.MONDAY, count=7), MONDAY)

    assert [s.prompt.id for s in found] == ["a", "b", "c", "a", "b", "c", "a"]
    assert [s.index for s in found] == list(range(7))
    assert found[-1].on == MONDAY + timedelta(weeks=6)


def test_a_count_smaller_than_the_prompts_stops_early() -> None:
    found = steps(pack(THREE, Every.MONDAY, count=2), MONDAY)

    assert on_and_ids(found) == [(MONDAY, "a"), (MONDAY + timedelta(7), "b")]


def test_every_day_offers_one_prompt_a_day_from_the_start() -> None:
    found = steps(pack(THREE, Every.DAY), WEDNESDAY)

    assert on_and_ids(found) == [
        (WEDNESDAY, "a"),
        (WEDNESDAY + timedelta(1), "b"),
        (WEDNESDAY + timedelta(2), "c"),
    ]


def test_programme_days_count_day_one_as_the_start_date() -> None:
    prompts = [prompt("arrival", day=1), prompt("week-two", day=8), prompt("month", day=30)]

    found = steps(pack(prompts, Every.PROGRAMME_DAY), WEDNESDAY)

    assert on_and_ids(found) == [
        (WEDNESDAY, "arrival"),
        (WEDNESDAY + timedelta(7), "week-two"),
        (WEDNESDAY + timedelta(29), "month"),
    ]


def test_programme_days_are_offered_in_day_order_whatever_the_order_given() -> None:
    prompts = [prompt("month", day=30), prompt("arrival", day=1), prompt("week-two", day=8)]

    found = steps(pack(prompts, Every.PROGRAMME_DAY), WEDNESDAY)

    assert [s.prompt.id for s in found] == ["arrival", "week-two", "month"]
    assert [s.index for s in found] == [0, 1, 2]
    # So on day 31 the leader is offered the month question, not the first day's.
    late = due_step(pack(prompts, Every.PROGRAMME_DAY), WEDNESDAY, WEDNESDAY + timedelta(30), ())
    assert late is not None
    assert late.prompt.id == "month"


def test_a_programme_day_schedule_skips_prompts_without_a_day() -> None:
    prompts = [prompt("arrival", day=1), prompt("undated"), prompt("week-two", day=8)]

    found = steps(pack(prompts, Every.PROGRAMME_DAY), WEDNESDAY)

    assert [s.prompt.id for s in found] == ["arrival", "week-two"]


def test_an_explicit_order_of_prompts_is_followed() -> None:
    found = steps(pack(THREE, Every.DAY, prompt_ids=("c", "a")), WEDNESDAY)

    assert on_and_ids(found) == [(WEDNESDAY, "c"), (WEDNESDAY + timedelta(1), "a")]


def test_a_pack_without_a_schedule_has_no_steps() -> None:
    plain = pack(THREE, None)

    assert steps(plain, WEDNESDAY) == []
    assert due_step(plain, WEDNESDAY, WEDNESDAY + timedelta(30), ()) is None
    assert next_step(plain, WEDNESDAY, WEDNESDAY) is None


def test_a_schedule_naming_no_known_prompt_has_no_steps() -> None:
    assert steps(pack(THREE, Every.MONDAY, prompt_ids=("gone",)), MONDAY) == []


# --- due_step ------------------------------------------------------------------------------

WEEKLY = pack(THREE, Every.MONDAY)


def test_nothing_is_due_before_the_first_step() -> None:
    assert due_step(WEEKLY, WEDNESDAY, WEDNESDAY, ()) is None
    assert due_step(WEEKLY, WEDNESDAY, MONDAY - timedelta(1), ()) is None


def test_the_step_is_due_on_its_day_and_stays_due_until_the_next() -> None:
    for today in [MONDAY, MONDAY + timedelta(3), MONDAY + timedelta(6)]:
        step = due_step(WEEKLY, WEDNESDAY, today, ())
        assert step is not None
        assert (step.index, step.prompt.id) == (0, "a")


def test_a_done_step_is_no_longer_due() -> None:
    assert due_step(WEEKLY, WEDNESDAY, MONDAY + timedelta(2), {0}) is None


def test_a_newer_step_supersedes_an_older_one_left_undone() -> None:
    back_from_leave = MONDAY + timedelta(15)  # the third Monday has come

    step = due_step(WEEKLY, WEDNESDAY, back_from_leave, ())

    assert step is not None
    assert (step.index, step.prompt.id, step.on) == (2, "c", MONDAY + timedelta(14))


def test_the_newest_step_is_due_even_when_older_ones_were_done() -> None:
    step = due_step(WEEKLY, WEDNESDAY, MONDAY + timedelta(7), {0})

    assert step is not None
    assert step.index == 1


def test_nothing_is_due_once_the_last_step_is_done() -> None:
    long_after = MONDAY + timedelta(days=200)

    last = due_step(WEEKLY, WEDNESDAY, long_after, ())
    assert last is not None
    assert last.index == 2
    assert due_step(WEEKLY, WEDNESDAY, long_after, {2}) is None


# --- next_step -----------------------------------------------------------------------------


def test_the_next_step_is_the_first_after_today() -> None:
    before = next_step(WEEKLY, WEDNESDAY, WEDNESDAY)
    on_the_day = next_step(WEEKLY, WEDNESDAY, MONDAY)

    assert before is not None
    assert (before.index, before.on) == (0, MONDAY)
    assert on_the_day is not None
    assert (on_the_day.index, on_the_day.on) == (1, MONDAY + timedelta(7))


def test_there_is_no_next_step_after_the_last() -> None:
    assert next_step(WEEKLY, WEDNESDAY, MONDAY + timedelta(14)) is None


# --- properties ----------------------------------------------------------------------------

IDS = ["a", "b", "c", "d", "e"]


@st.composite
def packs(draw: st.DrawFn) -> PromptPack:
    chosen = draw(st.lists(st.sampled_from(IDS), unique=True, min_size=1))
    prompts = [prompt(i, draw(st.none() | st.integers(1, 366))) for i in chosen]
    every = draw(st.none() | st.sampled_from(list(Every)))
    prompt_ids = draw(st.none() | st.lists(st.sampled_from([*IDS, "gone"]), max_size=6).map(tuple))
    count = draw(st.none() | st.integers(1, 12))
    return pack(prompts, every, prompt_ids, count)


dates = st.dates(date(2020, 1, 1), date(2035, 12, 31))


@settings(max_examples=150, deadline=None, database=None)
@given(packs(), dates, dates, st.sets(st.integers(0, 12)))
def test_steps_are_in_date_order_and_due_and_next_agree_with_today(
    the_pack: PromptPack, started_on: date, today: date, done: set[int]
) -> None:
    found = steps(the_pack, started_on)

    assert [s.index for s in found] == list(range(len(found)))
    assert [s.on for s in found] == sorted(s.on for s in found)
    assert all(s.on >= started_on for s in found)
    assert all(s.prompt in the_pack.scheduled_prompts() for s in found)

    due = due_step(the_pack, started_on, today, done)
    arrived = [s for s in found if s.on <= today]
    if due is not None:
        assert due.on <= today
        assert due.index not in done
        assert due == arrived[-1]
    else:
        assert not arrived or arrived[-1].index in done

    upcoming = next_step(the_pack, started_on, today)
    if upcoming is not None:
        assert upcoming.on > today
        assert all(s.on <= today for s in found[: upcoming.index])
    else:
        assert all(s.on <= today for s in found)
