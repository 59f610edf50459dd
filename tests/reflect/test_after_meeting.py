from __future__ import annotations

import re
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from reflect.after_meeting import QUESTIONS, follow_up_lines, sections_from_answers, title_for
from reflect.frameworks import Lens
from reflect.model import NewReflection

IDS = [q.id for q in QUESTIONS]
NEXT = "after-meeting/what-next"


def answers(*lines: str) -> dict[str, str]:
    """Answers in question order, as the capture dialog collects them."""
    return dict(zip(IDS, lines, strict=False))


def test_the_ids_are_the_stored_ones_and_never_change() -> None:
    # Ids are saved with every answer: renaming one would orphan old reflections.
    assert IDS == [
        "after-meeting/what-happened",
        "after-meeting/what-i-did",
        "after-meeting/what-others-did",
        "after-meeting/how-it-felt",
        "after-meeting/left-unsaid",
        "after-meeting/what-next",
    ]
    assert all(re.fullmatch(r"after-meeting/[a-z]+(-[a-z]+)*", i) for i in IDS)


def test_questions_are_few_short_and_each_has_a_one_line_hint() -> None:
    assert 5 <= len(QUESTIONS) <= 6
    for q in QUESTIONS:
        assert len(q.prompt.split()) < 15, q.prompt
        assert q.prompt[0].isupper() and "?" in q.prompt
        assert q.hint.strip() and "\n" not in q.hint
        assert len(q.hint) <= 80, q.hint
        assert q.hint not in q.prompt
    assert len({q.prompt for q in QUESTIONS}) == len(QUESTIONS)


def test_only_what_next_turns_into_follow_ups() -> None:
    assert [q.id for q in QUESTIONS if q.follow_up] == [NEXT]
    assert QUESTIONS[-1].follow_up


def test_each_answer_becomes_a_section_with_its_prompt_and_the_lens() -> None:
    written = answers(
        "Round in circles on discharge again.",
        "I asked what the council needed.",
        "",
        "  Flat, then a bit hopeful.\n",
        "   ",
        "- Ring Amy",
    )
    sections = sections_from_answers(written, Lens.HISTORIAN)
    assert [s.text for s in sections] == [
        "Round in circles on discharge again.",
        "I asked what the council needed.",
        "Flat, then a bit hopeful.",
        "- Ring Amy",
    ]
    assert [s.prompt_id for s in sections] == [IDS[0], IDS[1], IDS[3], IDS[5]]
    by_id = {q.id: q.prompt for q in QUESTIONS}
    assert all(s.prompt == by_id[s.prompt_id] for s in sections if s.prompt_id)
    assert {s.lens for s in sections} == {Lens.HISTORIAN}


def test_sections_follow_question_order_not_the_order_answers_arrive() -> None:
    written = {NEXT: "Ring Amy", IDS[0]: "Budget meeting", "someone-else/q": "ignored"}
    sections = sections_from_answers(written, None)
    assert [s.prompt_id for s in sections] == [IDS[0], NEXT]
    assert all(s.lens is None for s in sections)


def test_nothing_written_gives_no_sections() -> None:
    assert sections_from_answers({}, Lens.SAGE) == ()
    assert sections_from_answers(answers(" ", "", "\n\n", "\t"), Lens.SAGE) == ()


def test_the_sections_make_a_valid_reflection() -> None:
    written = answers("Tense ICS board.", "", "", "Angry.", "", "- Call Priya\n- Send the data")
    r = NewReflection(
        sections=sections_from_answers(written, Lens.AERIAL_PHOTOGRAPHER),
        title=title_for("ICS board", written),
    ).build(clock=datetime(2026, 3, 2, 17, 0, tzinfo=UTC))
    assert r.title == "After: ICS board"
    assert r.lenses == {Lens.AERIAL_PHOTOGRAPHER}
    assert r.body == "Tense ICS board.\n\nAngry.\n\n- Call Priya\n- Send the data"


def test_a_meeting_names_the_reflection() -> None:
    assert title_for("Discharge huddle", answers("Anything")) == "After: Discharge huddle"
    assert title_for("  Health and   wellbeing board ", {}) == "After: Health and wellbeing board"


def test_without_a_meeting_the_title_is_the_first_line_of_the_first_answer() -> None:
    written = answers("", "  I held back.\nThen I spoke up.", "They noticed.")
    assert title_for(None, written) == "I held back."
    assert title_for("   ", written) == "I held back."
    assert title_for(None, answers("", "", "", "", "", "- Ring Amy\n- Chase the data")) == (
        "Ring Amy"
    )


def test_a_long_first_line_is_cut_at_a_word_boundary() -> None:
    line = (
        "We went round the discharge delays yet again and the council still wants the money "
        "moved before anything else changes"
    )
    title = title_for(None, answers(line))
    assert len(title) <= 80
    assert line.startswith(title)
    assert line[len(title)] == " "  # a whole word was kept, not half of one
    assert title == ("We went round the discharge delays yet again and the council still wants the")


def test_a_single_enormous_word_is_cut_hard() -> None:
    assert title_for(None, answers("x" * 200)) == "x" * 80


def test_nothing_to_name_it_by_gives_an_empty_title() -> None:
    assert title_for(None, {}) == ""
    assert title_for("", answers(" ", "\n")) == ""


def test_follow_up_lines_drop_list_markers_and_blank_lines() -> None:
    written = answers(
        "- this is what happened, not a next step",
        "",
        "",
        "",
        "",
        "- Amy drafts the pilot\n\n* Ask the GP lead\n1. Book the room\n2) Send the data\n"
        "• Ring Sam\n- [ ] Check the figures\n   Plain line, indented   \n  -  \n",
    )
    assert follow_up_lines(written) == [
        "Amy drafts the pilot",
        "Ask the GP lead",
        "Book the room",
        "Send the data",
        "Ring Sam",
        "Check the figures",
        "Plain line, indented",
    ]


def test_follow_up_lines_keep_dashes_and_numbers_inside_the_text() -> None:
    written = {NEXT: "-5% delays by March - ask Sam\n2026 budget: agree the split"}
    assert follow_up_lines(written) == [
        "-5% delays by March - ask Sam",
        "2026 budget: agree the split",
    ]


def test_no_next_steps_no_follow_ups() -> None:
    assert follow_up_lines({}) == []
    assert follow_up_lines(answers("Lots happened", "I did things")) == []
    assert follow_up_lines({NEXT: " \n\n - \n"}) == []


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(max_size=40), min_size=len(IDS), max_size=len(IDS)), st.sampled_from(Lens))
def test_one_section_per_written_answer(lines: list[str], lens: Lens) -> None:
    written = answers(*lines)
    sections = sections_from_answers(written, lens)
    assert len(sections) == sum(1 for line in lines if line.strip())
    assert all(s.text == s.text.strip() and s.text for s in sections)
    assert len(title_for(None, written)) <= 80
    assert all(line and "\n" not in line for line in follow_up_lines(written))
