from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings

from reflect.errors import ValidationError
from reflect.frameworks import Lens, Way
from reflect.model import NewReflection, Section
from reflect.sections_text import split_sections, take_title
from reflect.serialization import reflection_from_dict, reflection_to_dict
from reflect.timeutil import parse_datetime
from tests.strategies import reflections


def test_a_new_reflection_gets_an_id_times_and_tidy_labels() -> None:
    r = NewReflection(
        sections=(Section("The board went well.", Lens.SAGE),),
        title="  Health and wellbeing   board ",
        ways=[Way.RELATING],
        tags=["board", "Board", " ", "discharge"],
        people=["Priya Shah", "priya shah"],
    ).build(clock=datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
    assert isinstance(r.id, uuid.UUID)
    assert r.title == "Health and wellbeing board"
    assert r.tags == ("board", "discharge")
    assert r.people == ("Priya Shah",)
    assert r.written_at == r.edited_at == datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    assert r.lenses == {Lens.SAGE}


def test_an_empty_reflection_is_refused_naming_the_body() -> None:
    with pytest.raises(ValidationError) as caught:
        NewReflection(sections=(Section("  \n "),)).build()
    assert caught.value.field == "body"


def test_a_title_alone_is_enough() -> None:
    assert NewReflection(sections=(Section(""),), title="Call with Sam").build().title


def test_a_date_that_cannot_be_read_names_the_field() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_datetime("2026-13-01", "at")
    assert caught.value.field == "at"
    assert "ISO 8601" in caught.value.message


def test_a_date_without_offset_is_local_and_aware() -> None:
    assert parse_datetime("2026-03-14T09:30", "at").tzinfo is not None


def test_lone_surrogates_are_refused_not_stored_broken() -> None:
    with pytest.raises(ValidationError) as caught:
        NewReflection(sections=(Section("bad \ud800 text"),)).build()
    assert caught.value.field == "sections[0].text"


def test_serialised_fields_name_what_is_wrong() -> None:
    good = reflection_to_dict(NewReflection(sections=(Section("x"),)).build())
    for key, bad, field in [
        ("title", None, "reflection.title"),
        ("ways", ["hoping"], "reflection.ways"),
        ("happened_at", "yesterday", "reflection.happened_at"),
        ("id", "not-a-uuid", "reflection.id"),
        ("starred", "yes", "reflection.starred"),
    ]:
        with pytest.raises(ValidationError) as caught:
            reflection_from_dict({**good, key: bad})
        assert caught.value.field == field


@settings(max_examples=150, deadline=None)
@given(reflections())
def test_any_valid_reflection_survives_the_dict_round_trip(r: object) -> None:
    assert reflection_from_dict(reflection_to_dict(r)) == r  # type: ignore[arg-type]


def test_lens_headings_split_a_body_into_sections() -> None:
    body = "What happened first.\n\n## Historian\nIt began in 2019.\n\n## The sage\nLesson."
    sections = split_sections(body, [])
    assert [(s.lens, s.text) for s in sections] == [
        (None, "What happened first."),
        (Lens.HISTORIAN, "It began in 2019."),
        (Lens.SAGE, "Lesson."),
    ]


def test_other_headings_stay_in_the_text() -> None:
    sections = split_sections("## Actions\n- ring Sam", [Lens.BIOGRAPHER])
    assert sections == (Section("## Actions\n- ring Sam", Lens.BIOGRAPHER),)


def test_several_lenses_without_headings_are_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        split_sections("one part only", [Lens.SAGE, Lens.HISTORIAN])
    assert caught.value.field == "lens"


def test_a_first_line_heading_becomes_the_title() -> None:
    assert take_title("# Board, March\nIt went well.") == ("Board, March", "It went well.")
    assert take_title("No heading here") == ("", "No heading here")
    assert take_title("## Smaller heading\ntext")[0] == ""
    assert take_title("# Sage\nthe lesson")[0] == ""  # a lens heading stays a lens
