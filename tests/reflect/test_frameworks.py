from __future__ import annotations

import pytest

from reflect.errors import ValidationError
from reflect.frameworks import KolbStage, Lens, Way, ways_from_mask, ways_to_mask


def test_the_six_ways_five_lenses_and_four_stages_are_all_there() -> None:
    assert [w.value for w in Way] == [
        "feeling", "perceiving", "thinking", "relating", "doing", "being",
    ]  # fmt: skip
    assert [lens.display_name for lens in Lens] == [
        "Biographer", "Historian", "Aerial photographer", "Story-teller", "Sage",
    ]  # fmt: skip
    assert len(KolbStage) == 4


@pytest.mark.parametrize("framework", [Way, Lens, KolbStage])
def test_every_value_has_a_name_and_a_one_line_description(framework: type) -> None:
    for member in framework:
        assert member.display_name
        assert 10 < len(member.summary) < 120
        assert "\n" not in member.summary


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("feeling", Way.FEELING),
        ("Ways of Feeling", Way.FEELING),
        ("  DOING ", Way.DOING),
        ("aerial photographer", Lens.AERIAL_PHOTOGRAPHER),
        ("The Story_teller", Lens.STORY_TELLER),
    ],
)
def test_values_parse_from_what_people_type(typed: str, expected: Way | Lens) -> None:
    assert type(expected).parse(typed, "field") is expected


def test_an_unknown_value_names_the_field_and_the_choices() -> None:
    with pytest.raises(ValidationError) as caught:
        Way.parse("hoping", "way")
    assert caught.value.field == "way"
    assert "feeling" in caught.value.message and "being" in caught.value.message


def test_ways_pack_into_a_mask_and_back() -> None:
    chosen = frozenset({Way.FEELING, Way.BEING})
    assert ways_from_mask(ways_to_mask(chosen)) == chosen
    assert ways_to_mask(frozenset()) == 0
