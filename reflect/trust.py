"""Trust and agreement: Peter Block's map of the people a leader works with.

In *The Empowered Manager* (1987) Peter Block suggests asking two separate
questions about each key person: how far do we trust each other, and how far do
we agree on the issue in hand? The answers place them among five stances:

- allies: high trust, high agreement;
- opponents: high trust, low agreement (worth having: they tell you the truth);
- bedfellows: low trust, high agreement;
- fence-sitters: low trust, and no telling where they stand;
- adversaries: low trust, low agreement.

A leader who enables rather than controls uses the map to move adversarial
relationships towards shared purpose, so positions are rated again over time
and the path is worth seeing. Both questions are scored 1 to 10: 6 and above
counts as high, 5 and below as low. An agreement of None means "I don't know
where they stand", which Block's map reads as sitting on the fence.

Everything here is pure. Wording is Reflect's own.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from itertools import pairwise

from reflect.errors import ValidationError
from reflect.model import _require_encodable

SCALE_MIN, SCALE_MAX = 1, 10
HIGH_FROM = 6  # a score of 6..10 is high; 1..5 is low
MAX_ISSUE = 200
MAX_NOTE = 2000
MAX_RUNS_IN_FULL = 4  # describe_path names at most this many stances before summarising

_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class _StanceText:
    name: str
    plural: str
    summary: str
    advice: str


class Stance(StrEnum):
    """Where a person stands with the leader, on one issue, at one time."""

    ALLY = "ally"
    OPPONENT = "opponent"
    BEDFELLOW = "bedfellow"
    FENCE_SITTER = "fence-sitter"
    ADVERSARY = "adversary"

    @property
    def display_name(self) -> str:
        """The name to show: "Ally", "Fence-sitter", …"""
        return _STANCES[self].name

    @property
    def plural(self) -> str:
        """Lower case, for use inside a sentence: "allies", "fence-sitters", …"""
        return _STANCES[self].plural

    @property
    def summary(self) -> str:
        """One line on what the stance means."""
        return _STANCES[self].summary

    @property
    def advice(self) -> str:
        """One short line on what the stance usually asks of the leader."""
        return _STANCES[self].advice


_STANCES: dict[Stance, _StanceText] = {
    Stance.ALLY: _StanceText(
        "Ally",
        "allies",
        "You trust each other and see this issue the same way.",
        "Share your doubts early and ask them for honest challenge, not just support.",
    ),
    Stance.OPPONENT: _StanceText(
        "Opponent",
        "opponents",
        "You trust each other, but they see this issue differently: they will tell you so.",
        "Value the disagreement: hear their case out in full, then look for the shared aim.",
    ),
    Stance.BEDFELLOW: _StanceText(
        "Bedfellow",
        "bedfellows",
        "You want the same outcome, but trust between you is thin.",
        "Talk about the relationship itself: what each of you needs and what has been missing.",
    ),
    Stance.FENCE_SITTER: _StanceText(
        "Fence-sitter",
        "fence-sitters",
        "You cannot tell where they stand: they keep their position to themselves.",
        "Ask them plainly for their view, and say what their silence makes harder.",
    ),
    Stance.ADVERSARY: _StanceText(
        "Adversary",
        "adversaries",
        "Trust is low and you disagree on the issue.",
        "Say where you stand and how you understand their view, without blame, then let go.",
    ),
}


def is_high(score: int) -> bool:
    return score >= HIGH_FROM


def stance_of(trust: int, agreement: int | None) -> Stance:
    """The stance for two scores; an unknown agreement is always the fence."""
    if agreement is None:
        return Stance.FENCE_SITTER
    if is_high(trust):
        return Stance.ALLY if is_high(agreement) else Stance.OPPONENT
    return Stance.BEDFELLOW if is_high(agreement) else Stance.ADVERSARY


@dataclass(frozen=True, slots=True)
class TrustRating:
    """One judgement of one person's trust and agreement, at one moment."""

    id: uuid.UUID
    person_id: uuid.UUID
    rated_at: datetime  # aware
    trust: int  # SCALE_MIN..SCALE_MAX
    agreement: int | None  # SCALE_MIN..SCALE_MAX, or None: "I don't know where they stand"
    issue: str = ""  # the issue in hand, optional
    note: str = ""  # optional

    @property
    def stance(self) -> Stance:
        return stance_of(self.trust, self.agreement)


def _check_score(value: object, field: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(field, f"must be a whole number from {SCALE_MIN} to {SCALE_MAX}")
    if not SCALE_MIN <= value <= SCALE_MAX:
        raise ValidationError(field, f"is {value}; it must be from {SCALE_MIN} to {SCALE_MAX}")


def validated_rating(r: TrustRating) -> TrustRating:
    """Check a rating and return it tidied (issue on one line, note trimmed)."""
    _check_score(r.trust, "trust")
    if r.agreement is not None:
        _check_score(r.agreement, "agreement")
    if not isinstance(r.rated_at, datetime):
        raise ValidationError("rated_at", "must be a date and time")
    if r.rated_at.tzinfo is None or r.rated_at.utcoffset() is None:
        raise ValidationError("rated_at", "needs a time zone")
    if not isinstance(r.issue, str):
        raise ValidationError("issue", "must be text")
    if not isinstance(r.note, str):
        raise ValidationError("note", "must be text")
    issue = " ".join(r.issue.split())
    note = r.note.strip()
    if len(issue) > MAX_ISSUE:
        raise ValidationError("issue", f"is {len(issue)} characters; the limit is {MAX_ISSUE}")
    if len(note) > MAX_NOTE:
        raise ValidationError("note", f"is {len(note)} characters; the limit is {MAX_NOTE}")
    _require_encodable(issue, "issue")
    _require_encodable(note, "note")
    return replace(r, issue=issue, note=note)


def latest_by_person(ratings: Iterable[TrustRating]) -> dict[uuid.UUID, TrustRating]:
    """Each person's newest rating; of two rated at the same moment, the later one given wins."""
    latest: dict[uuid.UUID, TrustRating] = {}
    for rating in ratings:
        held = latest.get(rating.person_id)
        if held is None or rating.rated_at >= held.rated_at:
            latest[rating.person_id] = rating
    return latest


def count_stances(stances: Iterable[Stance]) -> dict[Stance, int]:
    """How many of each stance, every stance present (zero when none), in map order."""
    counted = Counter(stances)
    return {stance: counted.get(stance, 0) for stance in Stance}


def describe_counts(stances: Iterable[Stance]) -> str:
    """One sentence naming nobody, such as "12 people: 4 allies, 2 opponents, …"."""
    counts = count_stances(stances)
    total = sum(counts.values())
    if total == 0:
        return "No one placed yet."
    parts = [
        f"{n} {stance.value if n == 1 else stance.plural}" for stance, n in counts.items() if n
    ]
    people = "1 person" if total == 1 else f"{total} people"
    return f"{people}: {', '.join(parts)}."


@dataclass(frozen=True, slots=True)
class Movement:
    """A change of stance: `before` until `since`, when a rating first put them at `after`."""

    person_id: uuid.UUID
    before: Stance
    after: Stance
    since: datetime

    @property
    def sentence(self) -> str:
        """Such as "Moved from adversary to bedfellow in March 2026."."""
        return f"Moved from {self.before.value} to {self.after.value} in {month_year(self.since)}."


def movements(ratings: Sequence[TrustRating]) -> list[Movement]:
    """Every change of stance in one person's ratings, oldest first."""
    runs = _runs(ratings)
    return [
        Movement(current[0].person_id, previous[0].stance, current[0].stance, current[0].rated_at)
        for previous, current in pairwise(runs)
    ]


def month_year(when: datetime) -> str:
    """The month and year in English, whatever the locale: "March 2026"."""
    return f"{_MONTHS[when.month - 1]} {when.year}"


def _runs(ratings: Sequence[TrustRating]) -> list[list[TrustRating]]:
    """Ratings oldest first, grouped into unbroken runs of one stance."""
    runs: list[list[TrustRating]] = []
    for rating in sorted(ratings, key=lambda r: r.rated_at):
        if runs and runs[-1][-1].stance is rating.stance:
            runs[-1].append(rating)
        else:
            runs.append([rating])
    return runs


def _span(run: list[TrustRating]) -> str:
    first, last = run[0].rated_at, run[-1].rated_at
    if (first.year, first.month) == (last.year, last.month):
        return f"in {month_year(first)}"
    if first.year == last.year:
        return f"from {_MONTHS[first.month - 1]} to {month_year(last)}"
    return f"from {month_year(first)} to {month_year(last)}"


def describe_path(ratings: Sequence[TrustRating]) -> str:
    """One plain sentence on how a person's stance has moved, oldest first.

    "Fence-sitter in March 2026, ally since September 2026."
    """
    runs = _runs(ratings)
    if not runs:
        return "No ratings yet."
    last = runs[-1]
    latest = f"{last[0].stance.value} since {month_year(last[0].rated_at)}"
    if len(runs) == 1:
        return _capitalised(latest) + "."
    if len(runs) <= MAX_RUNS_IN_FULL:
        earlier = [f"{run[0].stance.value} {_span(run)}" for run in runs[:-1]]
        return _capitalised(", ".join([*earlier, latest])) + "."
    first = runs[0]
    changes = len(runs) - 1
    return _capitalised(
        f"{first[0].stance.value} {_span(first)}, then {changes} changes of position; {latest}."
    )


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
