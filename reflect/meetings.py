"""Meetings: the events reflections are so often about.

A meeting is a separate record; a reflection points at it by `meeting_id`.
Meetings typed in by the user have no calendar key; those imported from a
calendar file carry one (`calendar_key`), so importing the same file again
updates them instead of adding copies.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from reflect.errors import ValidationError
from reflect.model import _require_encodable, normalise_labels

MAX_MEETING_TITLE = 300
MAX_MEETING_TEXT = 500


@dataclass(frozen=True, slots=True)
class Meeting:
    id: uuid.UUID
    title: str
    starts_at: datetime
    ends_at: datetime | None = None
    all_day: bool = False
    location: str = ""
    people: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    programme: str = ""
    calendar_key: str | None = None

    @classmethod
    def new(
        cls,
        title: str,
        starts_at: datetime,
        *,
        ends_at: datetime | None = None,
        people: Iterable[str] = (),
        organisations: Iterable[str] = (),
        location: str = "",
        programme: str = "",
    ) -> Meeting:
        return validated_meeting(
            cls(
                id=uuid.uuid4(),
                title=title,
                starts_at=starts_at,
                ends_at=ends_at,
                location=location,
                people=tuple(people),
                organisations=tuple(organisations),
                programme=programme,
            )
        )


def validated_meeting(m: Meeting) -> Meeting:
    """Check a meeting and return it normalised (trimmed text, de-duplicated names)."""
    title = " ".join(m.title.split())
    if not title:
        raise ValidationError("title", "a meeting needs a title")
    if len(title) > MAX_MEETING_TITLE:
        raise ValidationError(
            "title", f"is {len(title)} characters; the limit is {MAX_MEETING_TITLE}"
        )
    for name, when in (("starts_at", m.starts_at), ("ends_at", m.ends_at)):
        if when is not None and (when.tzinfo is None or when.utcoffset() is None):
            raise ValidationError(name, "needs a time zone")
    if m.ends_at is not None and m.ends_at < m.starts_at:
        raise ValidationError("ends_at", "the meeting ends before it starts")
    location = " ".join(m.location.split())[:MAX_MEETING_TEXT]
    programme = " ".join(m.programme.split())[:MAX_MEETING_TEXT]
    for field_name, text in (("title", title), ("location", location), ("programme", programme)):
        _require_encodable(text, field_name)
    return replace(
        m,
        title=title,
        location=location,
        programme=programme,
        people=normalise_labels(m.people, "people"),
        organisations=normalise_labels(m.organisations, "organisations"),
    )
