"""The "after a meeting" questions and what their answers become.

Six short questions for the ten minutes after a hard meeting: one line each,
every one of them skippable. The wording is Reflect's own. A question's `id` is
stored with its answer for good, so ids never change; prompts and hints may be
reworded freely.

The answers become one section each (all through the lens the leader chose, if
any), a title, and the lines of "what next" that the leader may keep as
follow-ups.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from reflect.frameworks import Lens
from reflect.model import Section

TITLE_LIMIT = 80
MEETING_TITLE_PREFIX = "After: "


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    prompt: str
    hint: str
    follow_up: bool = False


QUESTIONS: tuple[Question, ...] = (
    Question(
        "after-meeting/what-happened",
        "In a line or two, what went on?",
        "We went round the discharge figures again and settled nothing.",
    ),
    Question(
        "after-meeting/what-i-did",
        "What was your part in it: what did you say or do?",
        "I pushed for a pilot, then eased off when the council bristled.",
    ),
    Question(
        "after-meeting/what-others-did",
        "How did the others in the room act and respond?",
        "The finance director dug in; the GP lead hardly spoke.",
    ),
    Question(
        "after-meeting/how-it-felt",
        "How did it feel, in the room and now?",
        "Tense and flat at the time; oddly relieved to be out.",
    ),
    Question(
        "after-meeting/left-unsaid",
        "What was skirted round, or left unsaid?",
        "Nobody mentioned the overspend in adult social care.",
    ),
    Question(
        "after-meeting/what-next",
        "What would you like to happen next? One step to a line.",
        "Ring the finance director before Thursday's board.",
        follow_up=True,
    ),
)

# A list marker at the start of a line: "- ", "* ", "• ", "1. ", "2) ", and a
# Markdown task box after it ("- [ ] ").
_BULLET = re.compile(r"^(?:[-*+•–]|\d{1,3}[.)])(?:\s+|$)(?:\[[ xX]\](?:\s+|$))?")
_HEADING = re.compile(r"^#{1,6}\s+")


def sections_from_answers(answers: Mapping[str, str], lens: Lens | None) -> tuple[Section, ...]:
    """One section per answered question, in question order, all through `lens`."""
    sections: list[Section] = []
    for question in QUESTIONS:
        text = answers.get(question.id, "").strip()
        if text:
            sections.append(Section(text, lens, question.prompt, question.id))
    return tuple(sections)


def title_for(meeting_title: str | None, answers: Mapping[str, str]) -> str:
    """The title: "After: <meeting>", else the start of the first answer, else empty."""
    meeting = " ".join((meeting_title or "").split())
    if meeting:
        return MEETING_TITLE_PREFIX + meeting
    for question in QUESTIONS:
        for raw in answers.get(question.id, "").splitlines():
            line = _plain_line(_HEADING.sub("", raw.strip()))
            if line:
                return _cut(line, TITLE_LIMIT)
    return ""


def follow_up_lines(answers: Mapping[str, str]) -> list[str]:
    """The written lines of the follow-up questions' answers, without list markers."""
    lines: list[str] = []
    for question in QUESTIONS:
        if not question.follow_up:
            continue
        for raw in answers.get(question.id, "").splitlines():
            line = _plain_line(raw)
            if line:
                lines.append(line)
    return lines


def _plain_line(raw: str) -> str:
    """A line with its list marker taken off and its spacing tidied."""
    return " ".join(_BULLET.sub("", raw.strip()).split())


def _cut(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters."""
    if len(text) <= limit:
        return text
    head = text[: limit + 1]
    space = head.rfind(" ")
    cut = head[:space] if space > 0 else text[:limit]
    return cut.rstrip(" ,;:–—-") or text[:limit]
