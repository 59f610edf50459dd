"""Follow-ups: a line of a reflection the leader wants to come back to.

A follow-up belongs to the reflection it was written in. It may have a revisit
date; from that date on it is "due" until the leader closes it as done or
dropped, usually by writing a new reflection on it, which is linked back.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum

from reflect.errors import ValidationError
from reflect.model import _require_encodable

MAX_FOLLOW_UP = 1000


class FollowUpStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


@dataclass(frozen=True, slots=True)
class FollowUp:
    id: uuid.UUID
    reflection_id: uuid.UUID
    text: str
    created_at: datetime
    revisit_on: date | None = None
    status: FollowUpStatus = FollowUpStatus.OPEN
    closed_at: datetime | None = None
    outcome_reflection_id: uuid.UUID | None = None

    def is_due(self, today: date) -> bool:
        return (
            self.status is FollowUpStatus.OPEN
            and self.revisit_on is not None
            and self.revisit_on <= today
        )


def validated_follow_up(f: FollowUp) -> FollowUp:
    text = " ".join(f.text.split())
    if not text:
        raise ValidationError("text", "a follow-up needs some words")
    if len(text) > MAX_FOLLOW_UP:
        raise ValidationError("text", f"is longer than {MAX_FOLLOW_UP} characters")
    _require_encodable(text, "text")
    if f.created_at.tzinfo is None:
        raise ValidationError("created_at", "needs a time zone")
    return replace(f, text=text)


def outcome_prompts(f: FollowUp) -> tuple[str, str]:
    """The two questions a follow-up reflection opens with, in our words."""
    return (
        f"You wanted this to happen next: “{f.text}”. Did it happen? What actually happened?",
        "What did you learn from how it went, and what will you do now?",
    )
