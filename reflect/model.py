"""The reflection: Reflect's central record.

A reflection is what a leader writes about one event. It is made of one or more
sections, each optionally written through one of Fillmore's lenses and in answer
to a prompt. Meetings, follow-ups, belief scores and shares are separate records
that point at a reflection by its stable id, so they can arrive without a
redesign; `meeting_id` is the one link a reflection holds itself.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from reflect import timeutil
from reflect.errors import ValidationError
from reflect.frameworks import Lens, Way

MAX_TITLE = 300
MAX_LABEL = 120


@dataclass(frozen=True, slots=True)
class Section:
    """A piece of Markdown, perhaps through a lens and in answer to a prompt."""

    text: str
    lens: Lens | None = None
    prompt: str | None = None
    prompt_id: str | None = None


@dataclass(frozen=True, slots=True)
class Reflection:
    id: uuid.UUID
    happened_at: datetime
    written_at: datetime
    edited_at: datetime
    title: str
    sections: tuple[Section, ...]
    ways: frozenset[Way] = frozenset()
    tags: tuple[str, ...] = ()
    starred: bool = False
    people: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    meeting_id: uuid.UUID | None = None

    @property
    def body(self) -> str:
        """All section text, in order, as one Markdown document."""
        return "\n\n".join(s.text for s in self.sections if s.text)

    @property
    def lenses(self) -> frozenset[Lens]:
        return frozenset(s.lens for s in self.sections if s.lens is not None)

    def with_first_section_text(self, text: str, edited_at: datetime | None = None) -> Reflection:
        first = replace(self.sections[0], text=text) if self.sections else Section(text)
        return validated(
            replace(
                self,
                sections=(first, *self.sections[1:]),
                edited_at=edited_at or datetime.now(UTC),
            )
        )


@dataclass(frozen=True, slots=True)
class NewReflection:
    """What a user supplies; `build` turns it into a validated Reflection."""

    sections: tuple[Section, ...]
    title: str = ""
    happened_at: datetime | None = None
    ways: Iterable[Way] = ()
    tags: Iterable[str] = ()
    starred: bool = False
    people: Iterable[str] = ()
    organisations: Iterable[str] = ()
    meeting_id: uuid.UUID | None = None
    id: uuid.UUID | None = None

    def build(self, clock: datetime | None = None) -> Reflection:
        written = (clock or datetime.now(UTC)).astimezone(UTC)
        return validated(
            Reflection(
                id=self.id or uuid.uuid4(),
                happened_at=self.happened_at or timeutil.now(),
                written_at=written,
                edited_at=written,
                title=self.title,
                sections=tuple(self.sections),
                ways=frozenset(self.ways),
                tags=tuple(self.tags),
                starred=self.starred,
                people=tuple(self.people),
                organisations=tuple(self.organisations),
                meeting_id=self.meeting_id,
            )
        )


def validated(r: Reflection) -> Reflection:
    """Check a reflection and return it normalised (trimmed title, de-duplicated labels)."""
    title = " ".join(r.title.split())
    if len(title) > MAX_TITLE:
        raise ValidationError("title", f"is {len(title)} characters; the limit is {MAX_TITLE}")
    if not r.sections:
        raise ValidationError("sections", "a reflection needs at least one section")
    if not title and not any(s.text.strip() for s in r.sections):
        raise ValidationError("body", "the reflection is empty: write something or give it a title")
    for index, section in enumerate(r.sections):
        if not isinstance(section.text, str):
            raise ValidationError(f"sections[{index}].text", "must be text")
        _require_encodable(section.text, f"sections[{index}].text")
        if section.lens is not None and not isinstance(section.lens, Lens):
            raise ValidationError(f"sections[{index}].lens", f"unknown lens {section.lens!r}")
    for way in r.ways:
        if not isinstance(way, Way):
            raise ValidationError("ways", f"unknown way {way!r}")
    for name, when in (
        ("happened_at", r.happened_at),
        ("written_at", r.written_at),
        ("edited_at", r.edited_at),
    ):
        if when.tzinfo is None or when.utcoffset() is None:
            raise ValidationError(name, "needs a time zone")
    _require_encodable(title, "title")
    return replace(
        r,
        title=title,
        tags=normalise_labels(r.tags, "tags"),
        people=normalise_labels(r.people, "people"),
        organisations=normalise_labels(r.organisations, "organisations"),
    )


def normalise_labels(values: Iterable[str], field_name: str) -> tuple[str, ...]:
    """Trim, collapse spaces, drop blanks and case-insensitive repeats; keep order."""
    seen: set[str] = set()
    out: list[str] = []
    for raw in values:
        label = " ".join(str(raw).split())
        if not label:
            continue
        _require_encodable(label, field_name)
        if len(label) > MAX_LABEL:
            raise ValidationError(
                field_name, f"{label[:20]!r}… is longer than {MAX_LABEL} characters"
            )
        if label.casefold() not in seen:
            seen.add(label.casefold())
            out.append(label)
    return tuple(out)


def _require_encodable(text: str, field_name: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValidationError(field_name, "contains characters that are not valid text") from None
