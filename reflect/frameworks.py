"""The frameworks a reflection is organised by, as typed values.

- The six ways of systems leadership (Sue Goss, *Systems Leadership: A view from
  the bridge*, OPM 2015, after the Virtual Staff College synthesis, 2013).
- Mary Fillmore's five reflective lenses, as cited by Goss.
- David Kolb's four-stage learning cycle, onto which Goss maps the six ways.

Display names and descriptions are Reflect's own words.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Self

from reflect.errors import ValidationError


@dataclass(frozen=True, slots=True)
class Description:
    name: str
    summary: str


class _Framework(StrEnum):
    """A StrEnum whose members carry a display name and a one-line summary."""

    @property
    def info(self) -> Description:
        raise NotImplementedError

    @property
    def display_name(self) -> str:
        return self.info.name

    @property
    def summary(self) -> str:
        return self.info.summary

    @classmethod
    def parse(cls, raw: str, field: str) -> Self:
        """Accept the stored value or the display name, in any case and spacing."""
        wanted = _fold(raw)
        for member in cls:
            if wanted in (_fold(member.value), _fold(member.display_name)):
                return member
        choices = ", ".join(m.value for m in cls)
        raise ValidationError(field, f"unknown value {raw!r}; choose one of: {choices}")


def _fold(text: str) -> str:
    folded = text.strip().casefold().replace("-", " ").replace("_", " ")
    for prefix in ("ways of ", "the "):
        folded = folded.removeprefix(prefix)
    return " ".join(folded.split())


class Way(_Framework):
    """Goss's six ways of systems leadership: all six are always in play."""

    FEELING = "feeling"
    PERCEIVING = "perceiving"
    THINKING = "thinking"
    RELATING = "relating"
    DOING = "doing"
    BEING = "being"

    @property
    def info(self) -> Description:
        return _WAYS[self]

    @property
    def bit(self) -> int:
        """A stable bit for compact storage; never reorder the members."""
        return 1 << list(Way).index(self)


_WAYS: dict[Way, Description] = {
    Way.FEELING: Description(
        "Feeling",
        "Values, conviction and emotion: what moved you, what you feared, where you found courage.",
    ),
    Way.PERCEIVING: Description(
        "Perceiving",
        "Seeing what is actually going on: listening, noticing, taking the view from the balcony.",
    ),
    Way.THINKING: Description(
        "Thinking", "Making sense of a complex picture well enough to act, while it keeps moving."
    ),
    Way.RELATING: Description(
        "Relating", "Networks and trust: building the conditions in which other people can lead."
    ),
    Way.DOING: Description(
        "Doing",
        "Acting in ways that shift things, including meetings that actually produce something.",
    ),
    Way.BEING: Description(
        "Being", "Who you are as you lead: self-awareness, keeping well, working alongside others."
    ),
}


class Lens(_Framework):
    """Mary Fillmore's reflective characters: one event, looked at in turn."""

    BIOGRAPHER = "biographer"
    HISTORIAN = "historian"
    AERIAL_PHOTOGRAPHER = "aerial-photographer"
    STORY_TELLER = "story-teller"
    SAGE = "sage"

    @property
    def info(self) -> Description:
        return _LENSES[self]


_LENSES: dict[Lens, Description] = {
    Lens.BIOGRAPHER: Description("Biographer", "What does this show me about myself?"),
    Lens.HISTORIAN: Description(
        "Historian", "Where did this begin, and how does it sit in the longer run of events?"
    ),
    Lens.AERIAL_PHOTOGRAPHER: Description(
        "Aerial photographer", "Seen from high above, how does this connect to the wider system?"
    ),
    Lens.STORY_TELLER: Description(
        "Story-teller", "What story is being told here, by me and by others?"
    ),
    Lens.SAGE: Description("Sage", "What is the lesson I want to carry forward?"),
}


class KolbStage(_Framework):
    """David Kolb's learning cycle, in the order it turns."""

    EXPERIENCE = "experience"
    OBSERVATION = "observation"
    CONCEPTUALISATION = "conceptualisation"
    PLANNING = "planning"

    @property
    def info(self) -> Description:
        return _STAGES[self]


_STAGES: dict[KolbStage, Description] = {
    KolbStage.EXPERIENCE: Description(
        "Concrete experience", "In the moment: what happened and what it was like to be there."
    ),
    KolbStage.OBSERVATION: Description(
        "Observation and reflection", "Stepping back to look again at what happened and why."
    ),
    KolbStage.CONCEPTUALISATION: Description(
        "Sense-making", "Drawing out patterns and ideas that explain what you saw."
    ),
    KolbStage.PLANNING: Description(
        "Planning", "Deciding what to try next, and how you will know whether it worked."
    ),
}


def ways_to_mask(ways: frozenset[Way]) -> int:
    mask = 0
    for way in ways:
        mask |= way.bit
    return mask


def ways_from_mask(mask: int) -> frozenset[Way]:
    return frozenset(w for w in Way if mask & w.bit)
