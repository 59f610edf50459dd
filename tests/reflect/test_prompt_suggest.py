"""The prompt suggestion engine: which question to offer now, and why."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from reflect.frameworks import Lens, Way
from reflect.prompt_library import Moment, Prompt
from reflect.prompt_schedule import Step
from reflect.prompt_suggest import (
    Offer,
    Situation,
    Why,
    best,
    neglected_ways,
    offers,
    prompt_of_the_day,
)

TODAY = date(2026, 3, 31)
DAYS = [TODAY + timedelta(days=n) for n in range(30)]


def prompt(
    id: str,
    *,
    ways: tuple[Way, ...] = (),
    lenses: tuple[Lens, ...] = (),
    moments: tuple[Moment, ...] = (),
    pack: str = "pack",
) -> Prompt:
    return Prompt(
        pack_id=pack,
        id=id,
        text=f"Question {id}?",
        ways=ways,
        lenses=lenses,
        moments=frozenset(moments),
    )


def generic(n: int, pack: str = "pack") -> list[Prompt]:
    return [prompt(f"g{i}", pack=pack) for i in range(n)]


def keys(ranked: list[Offer]) -> list[str]:
    return [o.prompt.key for o in ranked]


def counts(**by_way: int) -> dict[Way, int]:
    """Reflections per way; every way not named was written about five times."""
    return {w: by_way.get(w.value, 5) for w in Way}


# --- a due scheduled step ------------------------------------------------------------------


def test_a_due_scheduled_step_comes_first_with_the_pack_title() -> None:
    scheduled = prompt("arrival", pack="first-month")
    pinned = prompt("pinned")
    meeting = prompt("meeting", moments=(Moment.AFTER_MEETING,))
    situation = Situation(
        today=TODAY,
        moment=Moment.AFTER_MEETING,
        way_counts=counts(being=0),
        due=(("First month in post", Step(0, TODAY, scheduled)),),
        pinned=(pinned.key,),
    )

    first = best([pinned, meeting, *generic(5)], situation)

    assert first is not None
    assert first.prompt == scheduled
    assert first.why is Why.SCHEDULED
    assert "First month in post" in first.reason


def test_a_due_step_already_in_the_library_is_offered_once() -> None:
    scheduled = prompt("arrival", pack="first-month")
    situation = Situation(TODAY, due=(("First month", Step(2, TODAY, scheduled)),))

    ranked = offers([scheduled, *generic(3)], situation)

    assert keys(ranked).count(scheduled.key) == 1
    assert ranked[0].why is Why.SCHEDULED


# --- pinned prompts ------------------------------------------------------------------------


def test_pinned_prompts_come_next_in_the_order_they_were_pinned() -> None:
    a, b, c = prompt("a"), prompt("b"), prompt("c")
    scheduled = prompt("arrival", pack="first-month")
    situation = Situation(
        TODAY, due=(("First month", Step(0, TODAY, scheduled)),), pinned=(c.key, a.key)
    )

    ranked = offers([a, b, c, *generic(6)], situation)

    assert keys(ranked)[:3] == [scheduled.key, c.key, a.key]
    assert [o.why for o in ranked[1:3]] == [Why.PINNED, Why.PINNED]
    assert "pinned" in ranked[1].reason


def test_a_pinned_prompt_that_does_not_suit_the_moment_is_not_offered() -> None:
    yearly = prompt("yearly", moments=(Moment.YEARLY,))
    anytime = prompt("anytime")
    situation = Situation(TODAY, moment=Moment.AFTER_MEETING, pinned=(yearly.key, anytime.key))

    ranked = offers([yearly, anytime, *generic(4)], situation)

    assert yearly.key not in keys(ranked)
    assert ranked[0].prompt == anytime
    assert ranked[0].why is Why.PINNED


def test_a_pinned_prompt_is_offered_when_its_moment_comes() -> None:
    yearly = prompt("yearly", moments=(Moment.YEARLY,))
    situation = Situation(TODAY, moment=Moment.YEARLY, pinned=(yearly.key,))

    first = best([yearly, *generic(4)], situation)

    assert first is not None
    assert (first.prompt, first.why) == (yearly, Why.PINNED)


# --- the moment ----------------------------------------------------------------------------


def test_after_a_meeting_prompts_made_for_it_rank_above_generic_ones() -> None:
    meeting = [prompt(f"m{i}", moments=(Moment.AFTER_MEETING,)) for i in range(3)]
    before_or_after = prompt("either", moments=(Moment.BEFORE_MEETING, Moment.AFTER_MEETING))
    made_for_it = {p.key for p in [*meeting, before_or_after]}
    everything = [*generic(8), *meeting, before_or_after]

    for day in DAYS:
        ranked = offers(everything, Situation(day, moment=Moment.AFTER_MEETING))
        assert set(keys(ranked)[:4]) == made_for_it
        assert all(o.why is Why.MOMENT for o in ranked[:4])
        assert ranked[0].reason == "A question for just after a meeting."
        assert len(ranked) == len(everything)


def test_prompts_only_for_other_moments_are_never_offered_after_a_meeting() -> None:
    yearly = prompt("yearly", moments=(Moment.YEARLY,))
    weekly = prompt("weekly", moments=(Moment.WEEKLY,))
    before = prompt("before", moments=(Moment.BEFORE_MEETING,))

    for day in DAYS:
        ranked = offers(
            [yearly, weekly, before, *generic(3)], Situation(day, moment=Moment.AFTER_MEETING)
        )
        assert not {yearly.key, weekly.key, before.key} & set(keys(ranked))
        assert len(ranked) == 3


def test_the_moment_outweighs_a_neglected_way_in_the_ranking() -> None:
    meeting = prompt("meeting", moments=(Moment.AFTER_MEETING,))
    neglected = [prompt(f"n{i}", ways=(Way.BEING,)) for i in range(6)]
    situation_on = [
        Situation(day, moment=Moment.AFTER_MEETING, way_counts=counts(being=0)) for day in DAYS
    ]

    for situation in situation_on:
        assert keys(offers([*neglected, meeting], situation))[0] == meeting.key


def test_an_untagged_prompt_suits_every_moment() -> None:
    untagged = prompt("untagged")

    for moment in [None, *Moment]:
        assert keys(offers([untagged], Situation(TODAY, moment=moment))) == [untagged.key]


def test_without_a_moment_every_prompt_can_be_offered() -> None:
    tagged = [prompt(m.value, moments=(m,)) for m in Moment]

    assert set(keys(offers(tagged, Situation(TODAY)))) == {p.key for p in tagged}


# --- neglected ways ------------------------------------------------------------------------


def test_neglected_ways_are_none_while_nothing_has_been_written() -> None:
    assert neglected_ways({}) == frozenset()
    assert neglected_ways(dict.fromkeys(Way, 0)) == frozenset()


def test_neglected_ways_are_the_least_written_including_ties() -> None:
    assert neglected_ways(counts(being=1)) == {Way.BEING}
    assert neglected_ways(counts(being=1, relating=1, doing=2)) == {Way.BEING, Way.RELATING}


def test_a_way_never_written_about_counts_as_neglected() -> None:
    assert neglected_ways({Way.THINKING: 4, Way.DOING: 2}) == set(Way) - {
        Way.THINKING,
        Way.DOING,
    }


def test_prompts_on_the_least_attended_way_are_preferred_and_say_so() -> None:
    being = [prompt(f"b{i}", ways=(Way.BEING,)) for i in range(2)]
    others = [prompt(f"o{i}", ways=(Way.THINKING,)) for i in range(6)] + generic(4)

    for day in DAYS:
        ranked = offers([*others, *being], Situation(day, way_counts=counts(being=1)))
        assert set(keys(ranked)[:2]) == {p.key for p in being}
        assert ranked[0].why is Why.NEGLECTED_WAY
        assert "least about ways of being" in ranked[0].reason
        assert "30 days" in ranked[0].reason


def test_a_prompt_led_by_the_neglected_way_ranks_above_one_that_only_touches_it() -> None:
    leads = prompt("leads", ways=(Way.RELATING, Way.DOING))
    touches = prompt("touches", ways=(Way.DOING, Way.RELATING))

    for day in DAYS:
        ranked = offers([touches, leads], Situation(day, way_counts=counts(relating=0)))
        assert keys(ranked) == [leads.key, touches.key]
        assert all("least about ways of relating" in o.reason for o in ranked)


def test_the_reason_names_the_neglected_way_even_after_a_meeting() -> None:
    meeting_on_being = prompt("m", ways=(Way.BEING,), moments=(Moment.AFTER_MEETING,))
    situation = Situation(TODAY, moment=Moment.AFTER_MEETING, way_counts=counts(being=0))

    first = best([meeting_on_being, *generic(3)], situation)

    assert first is not None
    assert first.prompt == meeting_on_being
    assert first.why is Why.NEGLECTED_WAY
    assert "least about ways of being" in first.reason


def test_nothing_is_called_neglected_before_anything_is_written() -> None:
    ranked = offers([prompt("b", ways=(Way.BEING,)), *generic(3)], Situation(TODAY))

    assert {o.why for o in ranked} == {Why.ANY}
    assert ranked[0].reason == "A question from your prompt library."


# --- lenses --------------------------------------------------------------------------------


def test_a_lens_not_yet_used_on_this_reflection_is_preferred_and_named() -> None:
    sage = prompt("sage", lenses=(Lens.BIOGRAPHER, Lens.AERIAL_PHOTOGRAPHER))
    used = [prompt(f"bio{i}", lenses=(Lens.BIOGRAPHER,)) for i in range(4)]

    for day in DAYS:
        ranked = offers(
            [*used, sage, *generic(4)],
            Situation(day, lenses_used=frozenset({Lens.BIOGRAPHER})),
        )
        assert ranked[0].prompt == sage
        assert ranked[0].why is Why.UNUSED_LENS
        assert "the aerial photographer" in ranked[0].reason


def test_no_lens_is_preferred_before_any_lens_has_been_used() -> None:
    with_lens = prompt("sage", lenses=(Lens.SAGE,))

    ranked = offers([with_lens, *generic(3)], Situation(TODAY))

    assert {o.why for o in ranked} == {Why.ANY}


# --- never offered -------------------------------------------------------------------------


def test_hidden_prompts_are_never_offered_even_when_pinned_or_due() -> None:
    hidden_pinned = prompt("pinned")
    hidden_due = prompt("arrival", pack="first-month")
    shown = generic(3)
    situation = Situation(
        TODAY,
        due=(("First month", Step(0, TODAY, hidden_due)),),
        pinned=(hidden_pinned.key,),
        hidden=frozenset({hidden_pinned.key, hidden_due.key}),
    )

    ranked = offers([hidden_pinned, hidden_due, *shown], situation)

    assert set(keys(ranked)) == {p.key for p in shown}


def test_skipped_prompts_are_not_offered_again_in_the_sitting() -> None:
    prompts = generic(5)
    skipped = frozenset(p.key for p in prompts[:3])

    ranked = offers(prompts, Situation(TODAY, skipped=skipped))

    assert set(keys(ranked)) == {p.key for p in prompts[3:]}


def test_the_prompt_offered_last_is_never_offered_twice_in_a_row() -> None:
    prompts = generic(6)
    first = best(prompts, Situation(TODAY))
    assert first is not None

    again = offers(prompts, Situation(TODAY, last_offered=first.prompt.key))

    assert first.prompt.key not in keys(again)
    assert len(again) == len(prompts) - 1


def test_the_last_offered_prompt_is_not_repeated_even_when_pinned_or_due() -> None:
    special = prompt("special", moments=(Moment.AFTER_MEETING,))
    situation = Situation(
        TODAY,
        moment=Moment.AFTER_MEETING,
        due=(("Pack", Step(0, TODAY, special)),),
        pinned=(special.key,),
        last_offered=special.key,
    )

    ranked = offers([special, *generic(2)], situation)

    assert special.key not in keys(ranked)
    assert {o.why for o in ranked} == {Why.ANY}


def test_with_only_the_last_offered_prompt_left_there_is_nothing_to_offer() -> None:
    only = prompt("only")
    skipped = prompt("skipped")
    situation = Situation(TODAY, last_offered=only.key, skipped=frozenset({skipped.key}))

    assert offers([only, skipped], situation) == []
    assert best([only, skipped], situation) is None


def test_nothing_to_offer_from_an_empty_library() -> None:
    assert best([], Situation(TODAY)) is None


# --- the daily shuffle ---------------------------------------------------------------------


def test_the_order_is_the_same_for_the_same_day_and_input() -> None:
    prompts = [
        *generic(10),
        prompt("w", ways=(Way.FEELING,)),
        prompt("l", lenses=(Lens.SAGE,)),
        prompt("m", moments=(Moment.WEEKLY,)),
    ]
    situation = Situation(
        TODAY,
        moment=Moment.WEEKLY,
        way_counts=counts(feeling=0),
        lenses_used=frozenset({Lens.HISTORIAN}),
    )

    first_look = offers(prompts, situation)

    assert offers(prompts, situation) == first_look
    assert offers(list(reversed(prompts)), situation) == first_look


def test_the_order_changes_from_day_to_day() -> None:
    prompts = generic(12)

    firsts = {keys(offers(prompts, Situation(day)))[0] for day in DAYS}
    orders = {tuple(keys(offers(prompts, Situation(day)))) for day in DAYS}

    assert len(firsts) >= 2
    assert len(orders) >= 2


# --- "Another" -----------------------------------------------------------------------------


def test_another_walks_through_every_eligible_prompt_once_then_runs_out() -> None:
    scheduled = prompt("arrival", pack="first-month")
    pinned = prompt("pinned")
    hidden = prompt("hidden")
    yearly = prompt("yearly", moments=(Moment.YEARLY,))
    library = [
        pinned,
        hidden,
        yearly,
        prompt("meeting", moments=(Moment.AFTER_MEETING,)),
        prompt("being", ways=(Way.BEING,)),
        *generic(6),
    ]
    eligible = {p.key for p in library} - {hidden.key, yearly.key} | {scheduled.key}
    situation = Situation(
        TODAY,
        moment=Moment.AFTER_MEETING,
        way_counts=counts(being=0),
        due=(("First month", Step(0, TODAY, scheduled)),),
        pinned=(pinned.key,),
        hidden=frozenset({hidden.key}),
    )

    shown: list[str] = []
    while (offer := best(library, situation)) is not None:
        key = offer.prompt.key
        shown.append(key)
        situation = Situation(
            situation.today,
            moment=situation.moment,
            way_counts=situation.way_counts,
            due=situation.due,
            pinned=situation.pinned,
            hidden=situation.hidden,
            skipped=situation.skipped | {key},
            last_offered=key,
        )
        assert len(shown) <= len(eligible), "offered more prompts than there are"

    assert shown[:2] == [scheduled.key, pinned.key]
    assert len(shown) == len(set(shown))
    assert set(shown) == eligible


# --- prompt of the day ---------------------------------------------------------------------


def test_the_prompt_of_the_day_is_the_same_all_day() -> None:
    prompts = generic(12)

    for day in DAYS:
        morning = prompt_of_the_day(prompts, day, frozenset())
        assert morning is not None
        assert prompt_of_the_day(prompts, day, frozenset()) == morning
        assert prompt_of_the_day(list(reversed(prompts)), day, frozenset()) == morning


def test_the_prompt_of_the_day_changes_over_a_month() -> None:
    prompts = generic(12)

    assert len({prompt_of_the_day(prompts, day, frozenset()) for day in DAYS}) >= 2


def test_the_prompt_of_the_day_is_never_a_hidden_one() -> None:
    prompts = generic(4)
    hidden = frozenset(p.key for p in prompts[:3])

    for day in DAYS:
        assert prompt_of_the_day(prompts, day, hidden) == prompts[3]
    assert prompt_of_the_day(prompts, TODAY, frozenset(p.key for p in prompts)) is None


def test_the_prompt_of_the_day_is_a_weekly_or_any_moment_prompt() -> None:
    weekly = prompt("weekly", moments=(Moment.WEEKLY,))
    anytime = prompt("anytime")
    others = [
        prompt("after", moments=(Moment.AFTER_MEETING,)),
        prompt("before", moments=(Moment.BEFORE_MEETING,)),
        prompt("yearly", moments=(Moment.YEARLY,)),
    ]

    chosen = {prompt_of_the_day([*others, weekly, anytime], day, frozenset()) for day in DAYS}

    assert chosen == {weekly, anytime}
    assert prompt_of_the_day(others, TODAY, frozenset()) is None


# --- properties ----------------------------------------------------------------------------

IDS = [f"p{i}" for i in range(8)]
KEYS = [f"pack/{i}" for i in IDS]
moments = st.none() | st.sampled_from(list(Moment))


@st.composite
def libraries(draw: st.DrawFn) -> list[Prompt]:
    chosen = draw(st.lists(st.sampled_from(IDS), unique=True, max_size=len(IDS)))
    return [
        prompt(
            i,
            ways=tuple(draw(st.lists(st.sampled_from(list(Way)), unique=True, max_size=3))),
            lenses=tuple(draw(st.lists(st.sampled_from(list(Lens)), unique=True, max_size=2))),
            moments=tuple(draw(st.sets(st.sampled_from(list(Moment)), max_size=2))),
        )
        for i in chosen
    ]


@st.composite
def situations(draw: st.DrawFn, library: list[Prompt]) -> Situation:
    some_keys = st.sets(st.sampled_from(KEYS), max_size=4).map(frozenset)
    due_from = st.sampled_from(library) if library else st.nothing()
    due = draw(st.lists(due_from, max_size=2)) if library else []
    return Situation(
        today=draw(st.dates(date(2020, 1, 1), date(2035, 12, 31))),
        moment=draw(moments),
        way_counts=draw(st.dictionaries(st.sampled_from(list(Way)), st.integers(0, 5))),
        lenses_used=draw(st.sets(st.sampled_from(list(Lens)), max_size=3).map(frozenset)),
        due=tuple((f"Pack {n}", Step(n, TODAY, p)) for n, p in enumerate(due)),
        pinned=tuple(draw(st.lists(st.sampled_from(KEYS), unique=True, max_size=3))),
        hidden=draw(some_keys),
        skipped=draw(some_keys),
        last_offered=draw(st.none() | st.sampled_from(KEYS)),
    )


@settings(max_examples=100, deadline=None, database=None)
@given(st.data())
def test_offers_keep_every_rule_for_any_library_and_situation(data: st.DataObject) -> None:
    library = data.draw(libraries())
    situation = data.draw(situations(library))

    ranked = offers(library, situation)
    offered = keys(ranked)

    assert len(offered) == len(set(offered))
    assert not set(offered) & situation.hidden
    assert not set(offered) & situation.skipped
    assert situation.last_offered not in offered
    for offer in ranked:
        assert offer.why is Why.SCHEDULED or offer.prompt.suits(situation.moment)
    # Scheduled steps first, then pinned prompts, then the rest.
    order = [{Why.SCHEDULED: 0, Why.PINNED: 1}.get(o.why, 2) for o in ranked]
    assert order == sorted(order)
    # Nothing worth offering is left out.
    blocked = situation.hidden | situation.skipped | {situation.last_offered}
    eligible = {p.key for p in library if p.suits(situation.moment)} - blocked
    assert eligible <= set(offered)
    assert best(library, situation) == (ranked[0] if ranked else None)
