"""What the "after a meeting" capture saves: a reflection linked to its meeting,
and a follow-up for each next step the leader kept.

The dialog collects a `Capture`; these functions decide what it becomes, so the
rules live here and not in the interface.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from reflect.after_meeting import sections_from_answers, title_for
from reflect.followups import FollowUp
from reflect.frameworks import Lens, Way
from reflect.meetings import Meeting
from reflect.model import NewReflection

# Two weeks is long enough for most "what I want to happen next" to have happened.
DEFAULT_REVISIT_DAYS = 14


@dataclass(frozen=True, slots=True)
class NextStep:
    text: str
    revisit_on: date | None


@dataclass(frozen=True, slots=True)
class Capture:
    meeting: Meeting | None
    answers: Mapping[str, str]
    ways: frozenset[Way] = frozenset()
    lens: Lens | None = None
    next_steps: tuple[NextStep, ...] = field(default=())

    def is_empty(self) -> bool:
        return not any(a.strip() for a in self.answers.values())


def default_revisit(today: date) -> date:
    return today + timedelta(days=DEFAULT_REVISIT_DAYS)


def to_reflection(capture: Capture, now: datetime) -> NewReflection:
    """The reflection: one section per answer, happened when the meeting ended (or now)."""
    meeting = capture.meeting
    happened = now
    if meeting is not None and not meeting.all_day:
        ended = meeting.ends_at or meeting.starts_at
        happened = min(ended, now)
    return NewReflection(
        sections=sections_from_answers(capture.answers, capture.lens),
        title=title_for(meeting.title if meeting else None, capture.answers),
        happened_at=happened,
        ways=capture.ways,
        people=meeting.people if meeting else (),
        organisations=meeting.organisations if meeting else (),
        meeting_id=meeting.id if meeting else None,
    )


def to_follow_ups(capture: Capture, reflection_id: uuid.UUID, now: datetime) -> list[FollowUp]:
    return [
        FollowUp(uuid.uuid4(), reflection_id, step.text, now, step.revisit_on)
        for step in capture.next_steps
        if step.text.strip()
    ]
