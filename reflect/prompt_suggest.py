"""Which prompt to offer now, and why: pure rules over the leader's chosen prompts.

In order of precedence:

1. A scheduled step from an enabler's pack that is due today.
2. Prompts the leader pinned (that suit the moment).
3. Every other prompt that suits the moment, scored by:
   - made for this moment (after a meeting, yearly review…) rather than any moment;
   - invites a way the leader has given least attention over the last 30 days;
   - takes a lens not yet used on this reflection.
   Ties are broken by a shuffle seeded with the date, so the order changes day
   to day but not while the leader looks at it. The reason shown is the
   strongest that applies; a neglected first way is named over the moment.

Never offered: hidden prompts, prompts the leader skipped with "another" in
this sitting, and the prompt offered just before (never twice in a row).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from reflect.balance import way_phrase
from reflect.frameworks import Lens, Way
from reflect.prompt_library import Moment, Prompt
from reflect.prompt_schedule import Step


class Why(Enum):
    SCHEDULED = "scheduled"
    PINNED = "pinned"
    MOMENT = "moment"
    NEGLECTED_WAY = "neglected-way"
    UNUSED_LENS = "unused-lens"
    ANY = "any"


@dataclass(frozen=True, slots=True)
class Offer:
    prompt: Prompt
    why: Why
    reason: str


@dataclass(frozen=True, slots=True)
class Situation:
    """What the engine knows about the moment. Every field has a quiet default."""

    today: date
    moment: Moment | None = None
    way_counts: Mapping[Way, int] = field(default_factory=dict)
    lenses_used: frozenset[Lens] = frozenset()
    due: Sequence[tuple[str, Step]] = ()  # (pack title, step) for each pack with a step due
    pinned: Sequence[str] = ()  # prompt keys, in the order they were pinned
    hidden: frozenset[str] = frozenset()
    skipped: frozenset[str] = frozenset()
    last_offered: str | None = None


def neglected_ways(way_counts: Mapping[Way, int]) -> frozenset[Way]:
    """The ways with the fewest reflections; none while nothing has been written."""
    counts = {w: way_counts.get(w, 0) for w in Way}
    if not any(counts.values()):
        return frozenset()
    least = min(counts.values())
    return frozenset(w for w, n in counts.items() if n == least)


def offers(prompts: Iterable[Prompt], situation: Situation) -> list[Offer]:
    """Every prompt worth offering, best first."""
    by_key = {p.key: p for p in prompts}
    blocked = situation.hidden | situation.skipped
    if situation.last_offered is not None:
        blocked = blocked | {situation.last_offered}
    ranked: list[Offer] = []
    seen: set[str] = set()

    def add(offer: Offer) -> None:
        if offer.prompt.key not in seen and offer.prompt.key not in blocked:
            seen.add(offer.prompt.key)
            ranked.append(offer)

    for title, step in situation.due:
        add(Offer(step.prompt, Why.SCHEDULED, f"The next question in “{title}”."))
    for key in situation.pinned:
        pinned = by_key.get(key)
        if pinned is not None and pinned.suits(situation.moment):
            add(Offer(pinned, Why.PINNED, "You pinned this question."))
    scored = [
        (_score(p, situation), _shuffle(p.key, situation.today), p)
        for p in by_key.values()
        if p.suits(situation.moment) and p.key not in blocked and p.key not in seen
    ]
    scored.sort(key=lambda t: (-t[0][0], t[1]))
    for (_, why, reason), _, prompt in scored:
        add(Offer(prompt, why, reason))
    return ranked


def best(prompts: Iterable[Prompt], situation: Situation) -> Offer | None:
    ranked = offers(prompts, situation)
    return ranked[0] if ranked else None


def _score(prompt: Prompt, s: Situation) -> tuple[int, Why, str]:
    points = 0
    reasons: list[tuple[int, Why, str]] = []
    if s.moment is not None and s.moment in prompt.moments:
        points += 3
        reasons.append((3, Why.MOMENT, _moment_reason(s.moment)))
    neglected = neglected_ways(s.way_counts)
    hit = [w for w in prompt.ways if w in neglected]
    if hit:
        weight = 2 if prompt.ways[0] in neglected else 1
        points += weight
        reasons.append(
            (
                weight + 1,  # what the leader has neglected says more than the moment
                Why.NEGLECTED_WAY,
                f"You have written least about {way_phrase(hit[0])} in the last 30 days.",
            )
        )
    if s.lenses_used:
        fresh = [lens for lens in prompt.lenses if lens not in s.lenses_used]
        if fresh:
            points += 1
            reasons.append(
                (
                    1,
                    Why.UNUSED_LENS,
                    f"A lens you have not used on this reflection yet: "
                    f"the {fresh[0].display_name.lower()}.",
                )
            )
    if not reasons:
        return points, Why.ANY, "A question from your prompt library."
    # On a tie, the neglected way is the reason given (see its weight above).
    _, why, reason = max(reasons, key=lambda r: (r[0], r[1] is Why.NEGLECTED_WAY))
    return points, why, reason


def _moment_reason(moment: Moment) -> str:
    return {
        Moment.AFTER_MEETING: "A question for just after a meeting.",
        Moment.BEFORE_MEETING: "A question for before a meeting.",
        Moment.WEEKLY: "A question for looking back over the week.",
        Moment.YEARLY: "A question for the yearly review.",
    }[moment]


def _shuffle(key: str, today: date) -> bytes:
    return hashlib.blake2b(f"{today.isoformat()}/{key}".encode(), digest_size=8).digest()


def prompt_of_the_day(
    prompts: Iterable[Prompt], today: date, hidden: frozenset[str]
) -> Prompt | None:
    """One question for the whole day, the same each time the window opens that day."""
    candidates = [p for p in prompts if p.key not in hidden and p.suits(Moment.WEEKLY)]
    if not candidates:
        return None
    return min(candidates, key=lambda p: _shuffle(p.key, today))
