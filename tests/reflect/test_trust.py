"""Peter Block's trust and agreement model: stances, validation, latest ratings, paths."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reflect.errors import ValidationError
from reflect.trust import (
    MAX_ISSUE,
    MAX_NOTE,
    SCALE_MAX,
    SCALE_MIN,
    Stance,
    TrustRating,
    count_stances,
    describe_counts,
    describe_path,
    latest_by_person,
    month_year,
    movements,
    stance_of,
    validated_rating,
)

LONDON = ZoneInfo("Europe/London")
AMY = uuid.UUID(int=1)
PETER = uuid.UUID(int=2)

scores = st.integers(min_value=SCALE_MIN, max_value=SCALE_MAX)


def rating(
    trust: int,
    agreement: int | None,
    when: datetime = datetime(2026, 3, 14, 10, tzinfo=LONDON),
    person: uuid.UUID = AMY,
    **extra: str,
) -> TrustRating:
    return TrustRating(uuid.uuid4(), person, when, trust, agreement, **extra)


def month(n: int, year: int = 2026) -> datetime:
    return datetime(year, n, 10, 9, tzinfo=LONDON)


# --- stances ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("trust", "agreement", "stance"),
    [
        (9, 8, Stance.ALLY),
        (8, 2, Stance.OPPONENT),
        (2, 9, Stance.BEDFELLOW),
        (3, 3, Stance.ADVERSARY),
        (2, None, Stance.FENCE_SITTER),
        (9, None, Stance.FENCE_SITTER),
    ],
)
def test_each_quadrant_and_the_fence(trust: int, agreement: int | None, stance: Stance) -> None:
    assert stance_of(trust, agreement) is stance
    assert rating(trust, agreement).stance is stance


@pytest.mark.parametrize(
    ("trust", "agreement", "stance"),
    [
        (6, 6, Stance.ALLY),
        (5, 6, Stance.BEDFELLOW),
        (6, 5, Stance.OPPONENT),
        (5, 5, Stance.ADVERSARY),
        (SCALE_MIN, SCALE_MIN, Stance.ADVERSARY),
        (SCALE_MAX, SCALE_MAX, Stance.ALLY),
    ],
)
def test_six_is_high_and_five_is_low(trust: int, agreement: int, stance: Stance) -> None:
    assert stance_of(trust, agreement) is stance


@given(trust=scores, agreement=st.one_of(st.none(), scores))
def test_every_pair_of_scores_has_exactly_one_stance(trust: int, agreement: int | None) -> None:
    stance = stance_of(trust, agreement)
    assert isinstance(stance, Stance)
    if agreement is None:
        assert stance is Stance.FENCE_SITTER
    else:
        assert (stance in (Stance.ALLY, Stance.OPPONENT)) == (trust >= 6)
        assert (stance in (Stance.ALLY, Stance.BEDFELLOW)) == (agreement >= 6)


def test_every_stance_has_a_name_a_summary_and_advice() -> None:
    assert [s.display_name for s in Stance] == [
        "Ally", "Opponent", "Bedfellow", "Fence-sitter", "Adversary",
    ]  # fmt: skip
    assert [s.value for s in Stance] == [
        "ally", "opponent", "bedfellow", "fence-sitter", "adversary",
    ]  # fmt: skip
    for stance in Stance:
        for line in (stance.summary, stance.advice):
            assert 20 < len(line) < 100
            assert "\n" not in line
            assert line.endswith(".")
    assert [s.plural for s in Stance] == [
        "allies", "opponents", "bedfellows", "fence-sitters", "adversaries",
    ]  # fmt: skip


# --- validation ---------------------------------------------------------------------------


def test_a_valid_rating_comes_back_tidied() -> None:
    r = validated_rating(
        rating(7, None, issue="  moving   discharge money \n", note="  Fine.\n\n ")
    )
    assert r.issue == "moving discharge money"
    assert r.note == "Fine."
    assert r.agreement is None


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"trust": 0}, "trust"),
        ({"trust": 11}, "trust"),
        ({"trust": True}, "trust"),
        ({"trust": 5.5}, "trust"),
        ({"agreement": 0}, "agreement"),
        ({"agreement": 11}, "agreement"),
        ({"agreement": "7"}, "agreement"),
        ({"rated_at": datetime(2026, 3, 14, 10)}, "rated_at"),
        ({"issue": "x" * (MAX_ISSUE + 1)}, "issue"),
        ({"note": "x" * (MAX_NOTE + 1)}, "note"),
        ({"note": "bad \ud800 text"}, "note"),
    ],
)
def test_bad_ratings_are_refused_naming_the_field(changes: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        validated_rating(replace(rating(5, 5), **changes))  # type: ignore[arg-type]
    assert caught.value.field == field
    assert caught.value.message


def test_text_at_the_limits_is_accepted() -> None:
    r = validated_rating(rating(1, 10, issue="i" * MAX_ISSUE, note="n" * MAX_NOTE))
    assert len(r.issue) == MAX_ISSUE
    assert len(r.note) == MAX_NOTE


# --- latest and counts --------------------------------------------------------------------


def test_latest_by_person_keeps_each_persons_newest_rating() -> None:
    old_amy = rating(3, 3, month(1))
    new_amy = rating(8, 8, month(5))
    peter = rating(2, None, month(2), person=PETER)
    latest = latest_by_person([new_amy, peter, old_amy])
    assert latest == {AMY: new_amy, PETER: peter}
    assert latest_by_person([]) == {}


def test_latest_compares_moments_not_wall_clocks() -> None:
    london = rating(4, 4, datetime(2026, 6, 1, 12, tzinfo=LONDON))  # 11:00 UTC
    utc = rating(9, 9, datetime(2026, 6, 1, 11, 30, tzinfo=UTC))  # later, though "earlier"
    assert latest_by_person([utc, london])[AMY] is utc


def test_of_two_ratings_at_one_moment_the_later_given_wins() -> None:
    first, second = rating(2, 2), rating(9, 9)
    assert latest_by_person([first, second])[AMY] is second


def test_counts_name_nobody() -> None:
    stances = [Stance.ALLY] * 4 + [Stance.OPPONENT] * 2 + [Stance.FENCE_SITTER]
    assert count_stances(stances)[Stance.BEDFELLOW] == 0
    assert describe_counts(stances) == "7 people: 4 allies, 2 opponents, 1 fence-sitter."
    assert describe_counts([Stance.ADVERSARY]) == "1 person: 1 adversary."
    assert describe_counts([]) == "No one placed yet."


# --- paths --------------------------------------------------------------------------------


def test_no_ratings_yet() -> None:
    assert describe_path([]) == "No ratings yet."
    assert movements([]) == []


def test_one_stance_throughout() -> None:
    assert describe_path([rating(8, 8, month(3)), rating(9, 7, month(6))]) == (
        "Ally since March 2026."
    )


def test_a_fence_sitter_who_became_an_ally() -> None:
    path = [rating(8, 9, month(9)), rating(3, None, month(3))]  # any order
    assert describe_path(path) == "Fence-sitter in March 2026, ally since September 2026."


def test_a_stance_held_over_several_months_is_given_as_a_span() -> None:
    path = [
        rating(2, 2, month(11, 2025)),
        rating(3, 2, month(1)),
        rating(4, 7, month(2)),
        rating(3, 8, month(4)),
        rating(7, 8, month(6)),
    ]
    assert describe_path(path) == (
        "Adversary from November 2025 to January 2026, bedfellow from February to "
        "April 2026, ally since June 2026."
    )


def test_a_long_changeable_path_is_summarised() -> None:
    path = [rating(t, a, month(n)) for n, (t, a) in enumerate([(2, 2), (8, 8)] * 4, start=1)]
    sentence = describe_path(path)
    assert sentence == (
        "Adversary in January 2026, then 7 changes of position; ally since August 2026."
    )


def test_movements_list_each_change_of_stance() -> None:
    path = [rating(2, 2, month(3)), rating(3, 3, month(4)), rating(3, 8, month(6))]
    moves = movements(path)
    assert len(moves) == 1
    assert (moves[0].before, moves[0].after) == (Stance.ADVERSARY, Stance.BEDFELLOW)
    assert moves[0].since == month(6)
    assert moves[0].sentence == "Moved from adversary to bedfellow in June 2026."


def test_month_names_do_not_depend_on_the_locale() -> None:
    assert month_year(datetime(2026, 9, 1, tzinfo=UTC)) == "September 2026"


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.tuples(
            scores,
            st.one_of(st.none(), scores),
            st.integers(min_value=0, max_value=2000),
        ),
        max_size=12,
    )
)
def test_a_path_is_always_one_sentence_ending_with_the_latest_stance(
    raw: list[tuple[int, int | None, int]],
) -> None:
    start = datetime(2024, 1, 1, tzinfo=UTC)
    path = [rating(t, a, start + timedelta(days=d)) for t, a, d in raw]
    sentence = describe_path(path)
    assert sentence.endswith(".")
    assert sentence[0].isupper()
    assert "\n" not in sentence
    if path:
        newest = sorted(path, key=lambda r: r.rated_at)[-1]  # ties: the later given
        assert f"{newest.stance.value} since" in sentence.lower()
