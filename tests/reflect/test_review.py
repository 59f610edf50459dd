"""The yearly review on a hand-built journal whose right answers are counted by hand.

The journal of 2026 (10:00 UTC each; the review is in UTC unless a test says so).
Ways: F feeling, P perceiving, T thinking, R relating, D doing, B being.

| # | day    | ways | lenses              | people                 | orgs               | star |
|---|--------|------|---------------------|------------------------|--------------------|------|
| 1 | 5 Jan  | T D  | historian           | Asha Patel             | Northshire Council |      |
| 2 | 20 Jan | R    | sage, biographer    | Asha Patel, Ben Hughes |                    | yes  |
| 3 | 3 Feb  | D    |                     | Ben Hughes             | NHS Trust          |      |
| 4 | 4 Feb  | T    | historian           |                        |                    |      |
| 5 | 10 Mar | R F  | story-teller        | Asha Patel             | Northshire Council | yes  |
| 6 | 11 Mar | D    | sage                | Cara Lund              |                    |      |
| 7 | 12 Mar | T F  | aerial-photographer |                        |                    |      |
| 8 | 2 May  | R    | historian, sage     | Asha Patel             | NHS Trust          |      |
| 9 | 1 Jul  | D P  |                     |                        |                    | yes  |
|10 | 2 Jul  | T P  | biographer          | Ben Hughes             |                    |      |
|11 | 30 Oct | R B  | sage                | Asha Patel             |                    |      |
|12 | 30 Dec | D T  | historian           |                        |                    |      |

Planted phrases: "discharge to assess" in 1, 3 and 6; "winter pressures" in 2 (its
title), 4, 5 and 8. Every reflection also carries filler made of stop words and
everyday words, which must never become a theme.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from reflect.followups import FollowUp, FollowUpStatus
from reflect.frameworks import Lens, Way
from reflect.model import Reflection, Section
from reflect.review import (
    Comparison,
    FollowUpCounts,
    Gap,
    Period,
    ReviewInput,
    StorylineMove,
    build_review,
    review_to_dict,
)
from reflect.review_themes import GENERIC_WORDS, STOP_WORDS, extract_themes
from reflect.trust import Stance, TrustRating

F, P, T, R, D, B = Way.FEELING, Way.PERCEIVING, Way.THINKING, Way.RELATING, Way.DOING, Way.BEING
BIO, HIST, AIR, STORY, SAGE = (
    Lens.BIOGRAPHER,
    Lens.HISTORIAN,
    Lens.AERIAL_PHOTOGRAPHER,
    Lens.STORY_TELLER,
    Lens.SAGE,
)
YEAR = Period.year(2026)
FILLER = "It was what it was, and we were all there for it. Long meeting today."


def make(
    n: int,
    day: date,
    text: str,
    *,
    ways: tuple[Way, ...] = (),
    lenses: tuple[Lens, ...] = (),
    people: tuple[str, ...] = (),
    orgs: tuple[str, ...] = (),
    starred: bool = False,
    title: str = "",
    at: datetime | None = None,
) -> Reflection:
    when = at or datetime(day.year, day.month, day.day, 10, 0, tzinfo=UTC)
    body = f"{text} {FILLER}"
    sections = (
        tuple(Section(body if i == 0 else FILLER, lens) for i, lens in enumerate(lenses))
        if lenses
        else (Section(body),)
    )
    return Reflection(
        id=uuid.UUID(int=n),
        happened_at=when,
        written_at=when,
        edited_at=when,
        title=title,
        sections=sections,
        ways=frozenset(ways),
        people=people,
        organisations=orgs,
        starred=starred,
    )


ASHA, BEN, CARA = "Asha Patel", "Ben Hughes", "Cara Lund"
COUNCIL, TRUST = "Northshire Council", "NHS Trust"

JOURNAL = (
    make(1, date(2026, 1, 5), "The board agreed to pilot discharge to assess. Asha Patel pushed.",
         ways=(T, D), lenses=(HIST,), people=(ASHA,), orgs=(COUNCIL,)),
    make(2, date(2026, 1, 20), "Everyone braced for the weeks ahead.", title="Winter pressures",
         ways=(R,), lenses=(SAGE, BIO), people=(ASHA, BEN), starred=True),
    make(3, date(2026, 2, 3), "Ward staff doubted that discharge to assess would hold.",
         ways=(D,), people=(BEN,), orgs=(TRUST,)),
    make(4, date(2026, 2, 4), "The winter pressures showed in every corridor.",
         ways=(T,), lenses=(HIST,)),
    make(5, date(2026, 3, 10), "Asha Patel named the winter pressures plainly to the council.",
         ways=(R, F), lenses=(STORY,), people=(ASHA,), orgs=(COUNCIL,), starred=True,
         title="The council listens"),
    make(6, date(2026, 3, 11), "Cara asked how discharge to assess treats carers.",
         ways=(D,), lenses=(SAGE,), people=(CARA,)),
    make(7, date(2026, 3, 12), "Saw the whole system from above for once.",
         ways=(T, F), lenses=(AIR,)),
    make(8, date(2026, 5, 2), "Looking back, the winter pressures never really eased.",
         ways=(R,), lenses=(HIST, SAGE), people=(ASHA,), orgs=(TRUST,)),
    make(9, date(2026, 7, 1), "A quiet realisation about my own impatience.",
         ways=(D, P), starred=True),
    make(10, date(2026, 7, 2), "Noticed how often I speak first.",
         ways=(T, P), lenses=(BIO,), people=(BEN,)),
    make(11, date(2026, 10, 30), "Rested properly for the first time in months.",
         ways=(R, B), lenses=(SAGE,), people=(ASHA,)),
    make(12, date(2026, 12, 30), "The year closed with a mental health crisis pathway review.",
         ways=(D, T), lenses=(HIST,)),
)  # fmt: skip
ID = {n: uuid.UUID(int=n) for n in range(1, 13)}

# 2025: eight reflections, mostly relating and being, one saying "winter pressures".
PREVIOUS = tuple(
    make(100 + i, date(2025, 3 + i, 1), text, ways=ways)
    for i, (text, ways) in enumerate(
        [
            ("The winter pressures were talked about.", (R, B)),
            ("A slow start with partners.", (R, B)),
            ("Trust takes time.", (R, B)),
            ("Sat with the discomfort.", (R,)),
            ("Listened more than spoke.", (R, T)),
            ("Another round of budget talks.", (R, D)),
            ("A long walk to think.", (F,)),
            ("Watched the room closely.", (P,)),
        ]
    )
)


def rating(person: uuid.UUID, when: date, trust: int, agreement: int | None) -> TrustRating:
    at = datetime(when.year, when.month, when.day, 12, 0, tzinfo=UTC)
    return TrustRating(uuid.uuid4(), person, at, trust, agreement)


DEV, ERIN, FINN, GUS, HANA = (uuid.UUID(int=1000 + i) for i in range(5))
RATINGS = (
    ("Dev Shah", rating(DEV, date(2025, 11, 1), 2, 2)),  # adversary ...
    ("Dev Shah", rating(DEV, date(2026, 3, 15), 8, 8)),  # ... became an ally
    ("Erin Moss", rating(ERIN, date(2026, 2, 1), 8, 8)),  # ally, and still an ally
    ("Erin Moss", rating(ERIN, date(2026, 9, 1), 9, 7)),
    ("Erin Moss", rating(ERIN, date(2027, 1, 5), 2, 2)),  # after the period: ignored
    ("Finn Ode", rating(FINN, date(2026, 1, 10), 7, 7)),  # ally ...
    ("Finn Ode", rating(FINN, date(2026, 6, 10), 3, None)),  # ... drifted to the fence
    ("Gus Bell", rating(GUS, date(2025, 5, 1), 2, 2)),  # no rating this year
    ("Hana Ito", rating(HANA, date(2025, 12, 1), 8, 8)),  # ally, adversary, ally again
    ("Hana Ito", rating(HANA, date(2026, 4, 1), 2, 2)),
    ("Hana Ito", rating(HANA, date(2026, 8, 1), 8, 8)),
)


def follow_up(made: date, status: FollowUpStatus) -> FollowUp:
    at = datetime(made.year, made.month, made.day, 9, 0, tzinfo=UTC)
    return FollowUp(uuid.uuid4(), ID[1], "Ring back", at, None, status)


FOLLOW_UPS = (
    follow_up(date(2025, 12, 31), FollowUpStatus.DONE),  # made last year: not counted
    follow_up(date(2026, 1, 6), FollowUpStatus.OPEN),
    follow_up(date(2026, 2, 1), FollowUpStatus.OPEN),
    follow_up(date(2026, 3, 1), FollowUpStatus.OPEN),
    follow_up(date(2026, 4, 1), FollowUpStatus.DONE),
    follow_up(date(2026, 5, 1), FollowUpStatus.DONE),
    follow_up(date(2026, 6, 1), FollowUpStatus.DROPPED),
)

STORYLINES = (
    ("Hospital discharge", (PREVIOUS[0], JOURNAL[0], JOURNAL[2], JOURNAL[5])),
    ("Dormant programme", (PREVIOUS[1],)),
    ("Winter", (JOURNAL[3], JOURNAL[7])),
)


def full_input(**changes: object) -> ReviewInput:
    values: dict[str, object] = {
        "period": YEAR,
        "reflections": JOURNAL,
        "previous": PREVIOUS,
        "ratings": RATINGS,
        "meetings_held": 30,
        "meetings_reflected": 12,
        "follow_ups": FOLLOW_UPS,
        "storylines": STORYLINES,
        "zone": UTC,
    }
    values.update(changes)
    return ReviewInput(**values)  # type: ignore[arg-type]


# --- the period ----------------------------------------------------------------------


def test_a_calendar_year_and_any_other_period_are_labelled_and_go_back_in_step() -> None:
    assert Period(date(2026, 1, 1), date(2026, 12, 31)) == YEAR
    assert YEAR.label == "2026"
    assert YEAR.previous() == Period.year(2025)
    assert Period.year(2025).previous() == Period.year(2024)  # 2024 has 366 days
    march = Period(date(2026, 3, 1), date(2027, 2, 28))
    assert march.label == "1 Mar 2026 – 28 Feb 2027"
    assert march.previous() == Period(date(2025, 3, 1), date(2026, 2, 28))
    assert Period(date(2026, 3, 1), date(2026, 3, 31)).previous() == Period(
        date(2026, 2, 1), date(2026, 2, 28)
    )
    ten_days = Period(date(2026, 3, 10), date(2026, 3, 19))
    assert ten_days.previous() == Period(date(2026, 2, 28), date(2026, 3, 9))
    assert ten_days.days == 10
    with pytest.raises(ValueError, match="cannot end before"):
        Period(date(2026, 3, 2), date(2026, 3, 1))


# --- where attention went ------------------------------------------------------------


def test_counts_per_month_every_month_of_the_period_zeros_included() -> None:
    r = build_review(full_input())
    assert r.total == 12
    assert r.per_month == tuple(
        (date(2026, m, 1), n) for m, n in enumerate([2, 2, 3, 0, 1, 0, 2, 0, 0, 1, 0, 1], start=1)
    )
    assert r.busiest_month == date(2026, 3, 1)
    assert r.reflection_days == 12


def test_the_ways_and_the_least_attended_named_plainly() -> None:
    r = build_review(full_input())
    assert dict(r.ways) == {F: 2, P: 2, T: 5, R: 4, D: 5, B: 1}
    assert list(r.ways) == list(Way)
    assert r.least_attended == (B,)
    assert r.attention_sentence == "Ways of being had least of your attention: 1 of 12 reflections."


def test_ties_zeros_evenness_and_an_empty_year_are_worded_plainly() -> None:
    day = date(2026, 4, 1)
    tied = [make(1, day, "x", ways=(T, R, D)), make(2, day, "y", ways=(T, R, D, F, P, B))]
    r = build_review(ReviewInput(YEAR, tied, zone=UTC))
    assert r.least_attended == (F, P, B)
    assert r.attention_sentence == (
        "Ways of feeling, ways of perceiving and ways of being each had least of your "
        "attention: 1 of 2 reflections."
    )
    none = build_review(ReviewInput(YEAR, [make(1, day, "x", ways=(T,))], zone=UTC))
    assert none.least_attended == (F, P, R, D, B)
    assert none.attention_sentence.endswith(
        "each had least of your attention: none of 1 reflection."
    )
    even = build_review(ReviewInput(YEAR, [make(1, day, "x", ways=tuple(Way))], zone=UTC))
    assert even.least_attended == ()
    assert even.attention_sentence == "Your reflections in 2026 touched all six ways evenly."
    unmarked = build_review(ReviewInput(YEAR, [make(1, day, "x")], zone=UTC))
    assert unmarked.least_attended == ()
    assert unmarked.attention_sentence == (
        "None of your reflections in 2026 was marked with any of the six ways."
    )
    empty = build_review(ReviewInput(YEAR, [], zone=UTC))
    assert (empty.total, empty.least_attended, empty.themes) == (0, (), ())
    assert empty.attention_sentence == "You wrote no reflections in 2026."
    assert empty.longest_gaps == ()  # nothing before it either: not a gap in the practice


def test_lenses_count_reflections_and_the_grid_crosses_them_with_the_ways() -> None:
    r = build_review(full_input())
    assert dict(r.lenses) == {BIO: 2, HIST: 4, AIR: 1, STORY: 1, SAGE: 4}
    assert len(r.grid) == 30
    assert sum(r.grid.values()) == 18
    expected = {
        (T, HIST): 3,  # 1, 4, 12
        (D, HIST): 2,  # 1, 12
        (R, SAGE): 3,  # 2, 8, 11
        (R, BIO): 1,
        (R, STORY): 1,
        (F, STORY): 1,
        (D, SAGE): 1,
        (T, AIR): 1,
        (F, AIR): 1,
        (R, HIST): 1,
        (T, BIO): 1,
        (P, BIO): 1,
        (B, SAGE): 1,
    }
    assert {k: v for k, v in r.grid.items() if v} == expected


# --- rhythm ---------------------------------------------------------------------------


def test_the_heatmap_has_every_day_and_the_longest_gaps_are_found() -> None:
    r = build_review(full_input())
    assert len(r.days) == 365
    assert sorted(d for d, n in r.days.items() if n) == sorted(
        x.happened_at.date() for x in JOURNAL
    )
    assert set(r.days.values()) == {0, 1}
    assert r.longest_gaps == (
        Gap(date(2026, 7, 3), date(2026, 10, 29), 119),
        Gap(date(2026, 10, 31), date(2026, 12, 29), 60),
        Gap(date(2026, 5, 3), date(2026, 6, 30), 59),
    )


def test_days_after_today_are_not_a_gap() -> None:
    r = build_review(full_input(today=date(2026, 8, 15)))
    assert r.longest_gaps == (
        Gap(date(2026, 5, 3), date(2026, 6, 30), 59),
        Gap(date(2026, 3, 13), date(2026, 5, 1), 50),
        Gap(date(2026, 7, 3), date(2026, 8, 15), 44),
    )


def test_before_the_first_reflection_is_a_gap_only_when_the_journal_is_older() -> None:
    late_start = [make(1, date(2026, 11, 1), "x"), make(2, date(2026, 11, 3), "y")]
    alone = build_review(ReviewInput(YEAR, late_start, zone=UTC))
    assert alone.longest_gaps == (
        Gap(date(2026, 11, 4), date(2026, 12, 31), 58),
        Gap(date(2026, 11, 2), date(2026, 11, 2), 1),
    )
    older = build_review(ReviewInput(YEAR, late_start, previous=PREVIOUS[:1], zone=UTC))
    assert older.longest_gaps[0] == Gap(date(2026, 1, 1), date(2026, 10, 31), 304)


def test_a_reflection_belongs_to_its_local_day() -> None:
    london = ZoneInfo("Europe/London")
    late = make(1, date(2026, 6, 30), "x", at=datetime(2026, 6, 30, 23, 30, tzinfo=UTC))
    new_year = make(2, date(2026, 12, 31), "y", at=datetime(2026, 12, 31, 23, 30, tzinfo=UTC))
    r = build_review(ReviewInput(YEAR, [late, new_year], zone=london))
    assert r.days[date(2026, 7, 1)] == 1  # 00:30 BST
    assert r.days[date(2026, 12, 31)] == 1  # GMT is UTC in winter
    assert dict(r.per_month)[date(2026, 7, 1)] == 1
    in_utc = build_review(ReviewInput(YEAR, [late], zone=UTC))
    assert in_utc.days[date(2026, 6, 30)] == 1


def test_a_period_that_is_not_a_year_has_its_own_months() -> None:
    march = Period(date(2026, 3, 1), date(2027, 2, 28))
    r = build_review(ReviewInput(march, JOURNAL, zone=UTC))
    months = [m for m, _ in r.per_month]
    assert (months[0], months[-1]) == (date(2026, 3, 1), date(2027, 2, 1))
    assert len(r.per_month) == 12
    assert r.total == 8  # January and February 2026 fall outside it
    assert r.attention_sentence.endswith("of 8 reflections.")


# --- relationships ---------------------------------------------------------------------


def test_people_and_organisations_most_reflected_on() -> None:
    r = build_review(full_input())
    assert r.people == ((ASHA, 5), (BEN, 3), (CARA, 1))
    assert r.organisations == ((TRUST, 2), (COUNCIL, 2))  # a tie goes by name
    assert (r.meetings_held, r.meetings_reflected) == (30, 12)
    assert r.meetings_sentence == "You reflected on 12 of the 30 meetings you held."


def test_only_the_top_ten_people_are_listed() -> None:
    day = date(2026, 5, 5)
    many = [make(i, day, "x", people=tuple(f"P{j:02d}" for j in range(i))) for i in range(1, 13)]
    r = build_review(ReviewInput(YEAR, many, zone=UTC))
    assert len(r.people) == 10
    assert r.people[0] == ("P00", 12) and r.people[-1] == ("P09", 3)


def test_trust_moves_who_became_an_ally_and_who_drifted() -> None:
    r = build_review(full_input())
    assert [(m.person, m.from_stance, m.to_stance, m.since, m.closer) for m in r.trust_moves] == [
        ("Dev Shah", Stance.ADVERSARY, Stance.ALLY, date(2026, 3, 15), True),
        ("Finn Ode", Stance.ALLY, Stance.FENCE_SITTER, date(2026, 6, 10), False),
    ]
    dev, finn = r.trust_moves
    assert dev.description == "Adversary in November 2025, ally since March 2026."
    assert finn.description == "Ally in January 2026, fence-sitter since June 2026."
    # Erin stayed an ally (a later rating is after the period), Gus was not rated this
    # year, and Hana went and came back: none of them moved.
    assert {m.person for m in r.trust_moves}.isdisjoint({"Erin Moss", "Gus Bell", "Hana Ito"})


# --- what kept repeating -------------------------------------------------------------


def test_planted_phrases_are_the_themes_linked_to_the_right_reflections() -> None:
    r = build_review(full_input())
    by_phrase = {t.phrase: t for t in r.themes}
    assert r.themes[0].phrase == "discharge to assess"  # three words outweigh one more use
    assert r.themes[1].phrase == "winter pressures"
    assert by_phrase["discharge to assess"].reflection_ids == (ID[1], ID[3], ID[6])
    assert by_phrase["discharge to assess"].count == 3
    assert by_phrase["winter pressures"].reflection_ids == (ID[2], ID[4], ID[5], ID[8])
    assert by_phrase["winter pressures"].count == 4
    assert by_phrase["winter pressures"].previous == 1
    assert by_phrase["discharge to assess"].previous == 0
    # Their words were merged into them, names are Relationships, one-offs are not themes.
    for absent in ("winter", "pressures", "discharge", "assess", "asha", "patel", "asha patel"):
        assert absent not in {p.casefold() for p in by_phrase}
    assert not any("crisis" in p for p in by_phrase)  # in one reflection only


def test_stop_words_and_everyday_words_are_never_themes() -> None:
    r = build_review(full_input())
    assert r.themes
    for theme in r.themes:
        words = theme.phrase.casefold().split()
        assert words[0] not in STOP_WORDS and words[-1] not in STOP_WORDS, theme
        assert not all(w in STOP_WORDS | GENERIC_WORDS for w in words), theme
        assert 1 <= len(words) <= 3
        assert theme.count == len(theme.reflection_ids) >= 2


def test_themes_are_spelt_as_written_and_deterministic() -> None:
    day = date(2026, 6, 1)
    texts = [
        "We met the NHS England regional team about virtual wards.",
        "NHS England asked again about virtual wards; nobody had numbers.",
        "Virtual wards came up with NHS England for the third time.",
    ]
    reflections = [make(i + 1, day, text) for i, text in enumerate(texts)]
    themes = extract_themes(reflections)
    assert [t.phrase for t in themes][:2] == ["NHS England", "virtual wards"]
    assert extract_themes(list(reversed(reflections)))[:2] == tuple(
        t.__class__(t.phrase, t.count, tuple(reversed(t.reflection_ids)), t.previous)
        for t in themes[:2]
    )
    assert extract_themes(reflections[:1]) == ()


def test_contractions_and_punctuation_do_not_make_phrases() -> None:
    day = date(2026, 6, 1)
    texts = ["I don't know. Budget gap, again!", "We'll see: budget gap (again).", "Sam's plan."]
    themes = {t.phrase for t in extract_themes([make(i, day, t) for i, t in enumerate(texts)])}
    assert "budget gap" in themes
    assert not themes & {"don", "ll", "gap again", "budget gap again", "sam plan"}


def test_storylines_with_reflections_in_the_period_and_how_they_moved() -> None:
    r = build_review(full_input())
    assert r.storylines == (
        StorylineMove("Hospital discharge", 3, date(2026, 1, 5), date(2026, 3, 11), 1),
        StorylineMove("Winter", 2, date(2026, 2, 4), date(2026, 5, 2), 0),
    )
    assert r.storylines[0].sentence == "3 reflections, from January to March 2026; 1 before."
    assert (
        r.storylines[1].sentence == "2 reflections, from February to May 2026; new in this period."
    )


# --- intentions, light bulbs, comparison -------------------------------------------------


def test_follow_ups_made_in_the_period_by_state() -> None:
    r = build_review(full_input())
    assert r.follow_ups == FollowUpCounts(made=6, done=2, dropped=1, open=3)


def test_light_bulbs_are_the_starred_reflections_in_order() -> None:
    r = build_review(full_input(reflections=tuple(reversed(JOURNAL))))
    assert r.light_bulbs == (
        (ID[2], "Winter pressures", date(2026, 1, 20)),
        (ID[5], "The council listens", date(2026, 3, 10)),
        (ID[9], "A quiet realisation about my own impatience. " + FILLER[:34] + "…",
         date(2026, 7, 1)),
    )  # fmt: skip


def test_compared_with_last_year() -> None:
    r = build_review(full_input())
    compared = r.compared
    assert isinstance(compared, Comparison)
    assert compared.previous == Period.year(2025)
    assert compared.previous_total == 8
    assert dict(compared.ways) == {F: 1, P: 1, T: 4, R: -2, D: 4, B: -2}
    assert compared.sentences == (
        "You wrote 12 reflections in 2026, 4 more than in 2025 (8).",
        "Ways of thinking took a larger share of your reflections than in 2025 (42%, from 13%);"
        " ways of relating a smaller one (33%, from 75%).",
    )


def test_no_comparison_without_a_previous_year_and_steady_years_say_so() -> None:
    assert build_review(full_input(previous=())).compared is None
    same = build_review(ReviewInput(YEAR, JOURNAL, previous=JOURNAL, zone=UTC)).compared
    assert same is not None
    assert same.sentences == (
        "You wrote 12 reflections in 2026, as many as in 2025.",
        "The balance of the six ways was much as it was in 2025.",
    )
    quiet = build_review(ReviewInput(YEAR, (), previous=PREVIOUS, zone=UTC)).compared
    assert quiet is not None
    assert quiet.sentences == (
        "You wrote no reflections in 2026; in 2025 you wrote 8 reflections.",
    )


def test_belief_is_said_to_be_missing_and_the_review_is_json_ready() -> None:
    r = build_review(full_input())
    assert any("Belief is not recorded" in note for note in r.notes)
    data = json.loads(json.dumps(review_to_dict(r)))
    assert data["period"] == {"start": "2026-01-01", "end": "2026-12-31", "label": "2026"}
    assert data["total"] == 12
    assert data["per_month"][2] == {"month": "2026-03", "reflections": 3}
    assert data["ways"]["being"] == 1 and data["least_attended"] == ["being"]
    assert data["grid"]["relating"]["sage"] == 3
    assert len(data["days"]) == 12  # only days with reflections
    assert data["longest_gaps"][0] == {"start": "2026-07-03", "end": "2026-10-29", "days": 119}
    assert data["people"][0] == {"name": ASHA, "reflections": 5}
    assert data["trust_moves"][0]["from"] == "adversary" and data["trust_moves"][0]["closer"]
    assert data["themes"][0]["reflection_ids"] == [str(ID[n]) for n in (1, 3, 6)]
    assert data["follow_ups"] == {"made": 6, "done": 2, "dropped": 1, "open": 3}
    assert data["light_bulbs"][0] == {
        "id": str(ID[2]),
        "title": "Winter pressures",
        "date": "2026-01-20",
    }
    assert data["compared"]["total"] == 8
    assert data["compared"]["ways_change"]["thinking"] == 4
    assert build_review(full_input(previous=())).compared is None


def test_reflections_outside_the_period_are_left_out() -> None:
    stray = make(99, date(2027, 1, 1), "discharge to assess")
    r = build_review(full_input(reflections=(*JOURNAL, stray)))
    assert r.total == 12
    assert stray.id not in {i for t in r.themes for i in t.reflection_ids}


def test_a_big_year_takes_moments() -> None:
    """A quick guard; bench/bench_review.py measures 5,000 reflections properly."""
    base = datetime(2026, 1, 1, 9, tzinfo=UTC)
    sentences = (
        "Discharge to assess stalled on the ward.",
        "The winter pressures are back.",
        "Budget talks with the council.",
        "Quiet day, mostly reading.",
    )
    many = [
        make(i, date(2026, 1, 1), f"{sentences[i % 4]} {sentences[i % 3]} Note {i}.",
             ways=(list(Way)[i % 6],), at=base + timedelta(hours=7 * i))
        for i in range(1, 1200)
    ]  # fmt: skip
    r = build_review(ReviewInput(YEAR, many, previous=PREVIOUS, zone=UTC))
    assert r.total == 1199
    assert {t.phrase for t in r.themes} >= {"discharge to assess", "winter pressures"}


def test_a_phrase_that_came_up_as_often_last_year_gives_way_to_a_new_one() -> None:
    day = date(2026, 9, 1)
    now = [make(i, day, "Board papers!") for i in range(1, 6)] + [
        make(i, day, "Virtual wards!") for i in range(6, 10)
    ]
    alone = extract_themes(now)
    assert [t.phrase for t in alone][:2] == ["board papers", "virtual wards"]
    last_year = [make(100 + i, date(2025, 9, 1), "Board papers, again.") for i in range(40)]
    compared = extract_themes(now, last_year)
    assert [t.phrase for t in compared][:2] == ["virtual wards", "board papers"]
    assert [t.previous for t in compared][:2] == [0, 40]
    # A handful of reflections the year before is too few to compare with.
    assert [t.phrase for t in extract_themes(now, last_year[:5])][:2] == [
        "board papers",
        "virtual wards",
    ]
