"""The yearly self-review: a year of reflections turned into a picture.

Everything here is pure and runs on this computer only: the storage layer
gathers a ReviewInput (storage/review_data.py) and `build_review` computes the
Review that the app, the command line and the reports show. Wording is
Reflect's own and follows reflect.balance.

Definitions, so that every screen agrees:

- A period is a run of whole local calendar days, both ends included. A
  reflection belongs to the day on which it happened, seen in the review's zone
  (the machine's zone when none is given), as in reflect.balance.
- The previous period is the same length just before: the previous calendar
  year for a year, the same number of whole months for a run of whole months,
  otherwise the same number of days.
- Ways and lenses count reflections: a reflection marked with two ways counts
  once for each; a reflection with two sections through one lens counts once.
  The grid counts reflections marked with the way that have a section through
  the lens.
- A gap is a run of days without a reflection. Days after `today` are not
  counted (the period may not be over), and neither is the run before the
  first reflection of the period unless the previous period had reflections
  (before the journal began is not a gap in the practice).
- Trust moves compare each person's last rating before the period (or, without
  one, their first in it) with their last rating in it; only a changed stance
  is a move. Issues are not told apart, as on the trust map.
- Follow-ups are those made in the period, counted by their state now.
- Themes: see reflect.review_themes.

Belief is not part of the review yet: the journal has no record of belief, so
there is nothing to count. It will join the review when it is recorded.
"""

from __future__ import annotations

import calendar
import math
import uuid
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any

from reflect.balance import day_bounds, local_date, reflections_phrase, way_phrase
from reflect.followups import FollowUp, FollowUpStatus
from reflect.frameworks import Lens, Way
from reflect.model import Reflection
from reflect.review_themes import Theme, extract_themes
from reflect.trust import Stance, TrustRating, describe_path, movements

TOP_PEOPLE = 10
TOP_ORGANISATIONS = 10
LONGEST_GAPS = 3
# A change in a way's share of reflections smaller than this is "much as it was".
NOTABLE_SHARE_CHANGE = 0.05

_MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


# --- the period --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Period:
    """Whole local days from `start` to `end`, both included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("a period cannot end before it starts")

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31))

    @property
    def is_calendar_year(self) -> bool:
        return (
            self.start.year == self.end.year
            and (self.start.month, self.start.day) == (1, 1)
            and (self.end.month, self.end.day) == (12, 31)
        )

    @property
    def label(self) -> str:
        """'2026' for a calendar year, otherwise '1 Mar 2026 – 28 Feb 2027'."""
        if self.is_calendar_year:
            return str(self.start.year)
        return f"{short_date(self.start)} – {short_date(self.end)}"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def is_whole_months(self) -> bool:
        return self.start.day == 1 and self.end.day == _month_length(self.end)

    def previous(self) -> Period:
        """The same length, just before: a year, whole months, or days."""
        if self.is_whole_months:
            months = _month_index(self.end) - _month_index(self.start) + 1
            return Period(_add_months(self.start, -months), self.start - timedelta(days=1))
        end = self.start - timedelta(days=1)
        return Period(end - timedelta(days=self.days - 1), end)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def months(self) -> tuple[date, ...]:
        """The first day of every month the period touches, in order."""
        first = _month_index(self.start)
        return tuple(_from_month_index(i) for i in range(first, _month_index(self.end) + 1))

    def each_day(self) -> tuple[date, ...]:
        return tuple(self.start + timedelta(days=i) for i in range(self.days))

    def bounds(self, zone: tzinfo | None = None) -> tuple[datetime, datetime]:
        """Local midnight at the start of the first day and after the last, as [since, until)."""
        since, _ = day_bounds(self.start, zone)
        _, until = day_bounds(self.end, zone)
        return since, until


def short_date(day: date) -> str:
    """'1 Mar 2026', in English whatever the locale."""
    return f"{day.day} {_MONTH_ABBR[day.month - 1]} {day.year}"


def _month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def _from_month_index(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


def _month_length(day: date) -> int:
    return calendar.monthrange(day.year, day.month)[1]


def _add_months(first_of_month: date, months: int) -> date:
    return _from_month_index(_month_index(first_of_month) + months)


# --- what the review is built from and what it shows ---------------------------------


@dataclass(frozen=True, slots=True)
class ReviewInput:
    period: Period
    reflections: Sequence[Reflection]  # live, happened in the period (local dates)
    previous: Sequence[Reflection] = ()  # the previous period's, for comparison
    ratings: Sequence[tuple[str, TrustRating]] = ()  # (name, rating), every one up to period end
    meetings_held: int = 0
    meetings_reflected: int = 0
    follow_ups: Sequence[FollowUp] = ()  # made in the period
    storylines: Sequence[tuple[str, Sequence[Reflection]]] = ()  # (name, its reflections)
    zone: tzinfo | None = None
    today: date | None = None  # days after it are not gaps; None: the period is over


@dataclass(frozen=True, slots=True)
class Gap:
    """A run of days, both ends included, without a reflection."""

    start: date
    end: date
    days: int


@dataclass(frozen=True, slots=True)
class TrustMove:
    person: str
    from_stance: Stance
    to_stance: Stance
    description: str  # "Adversary in November 2025, ally since March 2026."
    since: date  # the day of the first rating at the new stance

    @property
    def closer(self) -> bool:
        """Towards alliance (more trust first, then more agreement); False: they drifted."""
        return _WARMTH[self.to_stance] > _WARMTH[self.from_stance]


_WARMTH = {
    Stance.ADVERSARY: 0,
    Stance.FENCE_SITTER: 1,
    Stance.BEDFELLOW: 2,
    Stance.OPPONENT: 3,
    Stance.ALLY: 4,
}


@dataclass(frozen=True, slots=True)
class StorylineMove:
    name: str
    in_period: int
    first: date  # the first and last reflection of the storyline in the period
    last: date
    before: int = 0  # its reflections from before the period

    @property
    def sentence(self) -> str:
        """Such as '12 reflections, from March to November; 4 before.'"""
        if self.first.replace(day=1) == self.last.replace(day=1):
            span = f"in {_month_year(self.first)}"
        elif self.first.year == self.last.year:
            span = f"from {_MONTH_NAMES[self.first.month - 1]} to {_month_year(self.last)}"
        else:
            span = f"from {_month_year(self.first)} to {_month_year(self.last)}"
        earlier = "new in this period" if self.before == 0 else f"{self.before} before"
        return f"{reflections_phrase(self.in_period)}, {span}; {earlier}."


@dataclass(frozen=True, slots=True)
class FollowUpCounts:
    made: int = 0
    done: int = 0
    dropped: int = 0
    open: int = 0


@dataclass(frozen=True, slots=True)
class Comparison:
    previous: Period
    previous_total: int
    ways: Mapping[Way, int]  # this period's count minus the previous period's, per way
    previous_ways: Mapping[Way, int]
    sentences: tuple[str, ...]

    @property
    def sentence(self) -> str:
        return " ".join(self.sentences)


@dataclass(frozen=True, slots=True)
class Review:
    period: Period
    total: int
    per_month: tuple[tuple[date, int], ...]  # first of each month, every month of the period
    ways: Mapping[Way, int]  # every way, in Way's order
    least_attended: tuple[Way, ...]  # fewest reflections; () when even or nothing marked
    attention_sentence: str
    lenses: Mapping[Lens, int]  # every lens, in Lens's order
    grid: Mapping[tuple[Way, Lens], int]  # every pair
    days: Mapping[date, int]  # every day of the period, zeros included
    longest_gaps: tuple[Gap, ...]
    people: tuple[tuple[str, int], ...]
    organisations: tuple[tuple[str, int], ...]
    trust_moves: tuple[TrustMove, ...]
    meetings_held: int
    meetings_reflected: int
    themes: tuple[Theme, ...]
    storylines: tuple[StorylineMove, ...]
    follow_ups: FollowUpCounts
    light_bulbs: tuple[tuple[uuid.UUID, str, date], ...]  # starred, oldest first
    compared: Comparison | None
    reflections_with_ways: int = 0
    busiest_month: date | None = None
    reflection_days: int = 0  # days with at least one reflection
    notes: tuple[str, ...] = ()

    @property
    def meetings_sentence(self) -> str:
        if self.meetings_held == 0:
            return "No meetings from your calendars fell in this period."
        return (
            f"You reflected on {self.meetings_reflected} of the "
            f"{_plural(self.meetings_held, 'meeting')} you held."
        )


BELIEF_NOTE = "Belief is not recorded in the journal yet, so it is not part of the review."


# --- building the review -----------------------------------------------------------


def build_review(inp: ReviewInput) -> Review:
    period, zone = inp.period, inp.zone
    dated = sorted(
        ((local_date(r.happened_at, zone), r) for r in inp.reflections),
        key=lambda pair: pair[1].happened_at,
    )
    dated = [(day, r) for day, r in dated if period.contains(day)]
    reflections = [r for _, r in dated]
    total = len(reflections)

    days = dict.fromkeys(period.each_day(), 0)
    months = dict.fromkeys(period.months(), 0)
    for day, _ in dated:
        days[day] += 1
        months[day.replace(day=1)] += 1

    ways = dict.fromkeys(Way, 0)
    lenses = dict.fromkeys(Lens, 0)
    grid = {(w, lens): 0 for w in Way for lens in Lens}
    with_ways = 0
    for r in reflections:
        used = r.lenses
        with_ways += bool(r.ways)
        for way in r.ways:
            ways[way] += 1
            for lens in used:
                grid[(way, lens)] += 1
        for lens in used:
            lenses[lens] += 1

    least = least_attended(ways, total)
    busiest = max(months, key=lambda m: (months[m], -m.toordinal())) if total else None
    return Review(
        period=period,
        total=total,
        per_month=tuple(months.items()),
        ways=ways,
        least_attended=least,
        attention_sentence=attention_sentence(ways, total, period),
        lenses=lenses,
        grid=grid,
        days=days,
        longest_gaps=longest_gaps(days, inp.today, count_leading=bool(inp.previous)),
        people=_top_names(r.people for r in reflections),
        organisations=_top_names((r.organisations for r in reflections), TOP_ORGANISATIONS),
        trust_moves=trust_moves(inp.ratings, period, zone),
        meetings_held=inp.meetings_held,
        meetings_reflected=inp.meetings_reflected,
        themes=extract_themes(reflections, inp.previous),
        storylines=storyline_moves(inp.storylines, period, zone),
        follow_ups=follow_up_counts(inp.follow_ups, period, zone),
        light_bulbs=tuple((r.id, headline(r), day) for day, r in dated if r.starred),
        compared=compare(period, ways, total, inp.previous),
        reflections_with_ways=with_ways,
        busiest_month=busiest,
        reflection_days=sum(1 for n in days.values() if n),
        notes=(BELIEF_NOTE,),
    )


def least_attended(ways: Mapping[Way, int], total: int) -> tuple[Way, ...]:
    """The ways with the fewest reflections, in Way's order.

    Empty when there is nothing to single out: no reflections, none marked with
    any way, or every way with the same count.
    """
    counts = [ways.get(w, 0) for w in Way]
    if total == 0 or max(counts) == 0 or len(set(counts)) == 1:
        return ()
    fewest = min(counts)
    return tuple(w for w in Way if ways.get(w, 0) == fewest)


def attention_sentence(ways: Mapping[Way, int], total: int, period: Period) -> str:
    """One plain line naming the ways that had least attention, without judgement."""
    when = _in_period(period)
    if total == 0:
        return f"You wrote no reflections {when}."
    if max(ways.get(w, 0) for w in Way) == 0:
        return f"None of your reflections {when} was marked with any of the six ways."
    least = least_attended(ways, total)
    if not least:
        return f"Your reflections {when} touched all six ways evenly."
    n = ways.get(least[0], 0)
    named = _capitalised(_and_list([way_phrase(w) for w in least]))
    verb = "had" if len(least) == 1 else "each had"
    share = "none" if n == 0 else str(n)
    return f"{named} {verb} least of your attention: {share} of {reflections_phrase(total)}."


def longest_gaps(
    days: Mapping[date, int],
    today: date | None = None,
    count_leading: bool = True,
    limit: int = LONGEST_GAPS,
) -> tuple[Gap, ...]:
    """The longest runs of days without a reflection, longest first (earlier first on a tie)."""
    ordered = sorted(day for day in days if today is None or day <= today)
    gaps: list[Gap] = []
    run_start: date | None = None
    seen_reflection = count_leading
    previous_day: date | None = None
    for day in ordered:
        if days[day]:
            if run_start is not None and previous_day is not None and seen_reflection:
                gaps.append(_gap(run_start, previous_day))
            run_start = None
            seen_reflection = True
        elif run_start is None:
            run_start = day
        previous_day = day
    if run_start is not None and previous_day is not None and seen_reflection:
        gaps.append(_gap(run_start, previous_day))
    gaps.sort(key=lambda g: (-g.days, g.start))
    return tuple(gaps[:limit])


def _gap(start: date, end: date) -> Gap:
    return Gap(start, end, (end - start).days + 1)


def _top_names(
    labels: Iterable[Sequence[str]], limit: int = TOP_PEOPLE
) -> tuple[tuple[str, int], ...]:
    """Names by how many reflections carry them (ignoring case), most first, then by name."""
    counts: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for names in labels:
        for name in names:
            key = name.casefold()
            spelling.setdefault(key, name)
            counts[key] += 1
    ranked = sorted(counts, key=lambda k: (-counts[k], k))
    return tuple((spelling[k], counts[k]) for k in ranked[:limit])


def trust_moves(
    ratings: Sequence[tuple[str, TrustRating]], period: Period, zone: tzinfo | None = None
) -> tuple[TrustMove, ...]:
    """Everyone whose stance changed over the period, in the order the changes landed."""
    since, until = period.bounds(zone)
    by_person: dict[uuid.UUID, list[tuple[str, TrustRating]]] = {}
    for name, rating in ratings:
        by_person.setdefault(rating.person_id, []).append((name, rating))
    moves = []
    for rated in by_person.values():
        rated.sort(key=lambda pair: pair[1].rated_at)
        before = [r for _, r in rated if r.rated_at < since]
        within = [r for _, r in rated if since <= r.rated_at < until]
        if not within:
            continue
        start = before[-1] if before else within[0]
        last = within[-1]
        if start.stance is last.stance:
            continue
        path = [start, *(r for r in within if r is not start)]
        landed = movements(path)[-1].since
        name = next(n for n, r in reversed(rated) if r.rated_at < until)
        moves.append(
            TrustMove(
                person=name,
                from_stance=start.stance,
                to_stance=last.stance,
                description=describe_path(path),
                since=local_date(landed, zone),
            )
        )
    moves.sort(key=lambda m: (m.since, m.person.casefold()))
    return tuple(moves)


def storyline_moves(
    storylines: Sequence[tuple[str, Sequence[Reflection]]],
    period: Period,
    zone: tzinfo | None = None,
) -> tuple[StorylineMove, ...]:
    """Storylines with reflections in the period, busiest first (then by name)."""
    out = []
    for name, members in storylines:
        days = sorted(local_date(r.happened_at, zone) for r in members)
        inside = [d for d in days if period.contains(d)]
        if not inside:
            continue
        before = sum(1 for d in days if d < period.start)
        out.append(StorylineMove(name, len(inside), inside[0], inside[-1], before))
    out.sort(key=lambda s: (-s.in_period, s.name.casefold()))
    return tuple(out)


def follow_up_counts(
    follow_ups: Sequence[FollowUp], period: Period, zone: tzinfo | None = None
) -> FollowUpCounts:
    made = [f for f in follow_ups if period.contains(local_date(f.created_at, zone))]
    states = Counter(f.status for f in made)
    return FollowUpCounts(
        made=len(made),
        done=states[FollowUpStatus.DONE],
        dropped=states[FollowUpStatus.DROPPED],
        open=states[FollowUpStatus.OPEN],
    )


def headline(r: Reflection, limit: int = 80) -> str:
    """The title, or the first words of the text when there is none."""
    if r.title:
        return r.title
    flat = " ".join(r.body.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def compare(
    period: Period, ways: Mapping[Way, int], total: int, previous: Sequence[Reflection]
) -> Comparison | None:
    """This period against the one before; None when the one before has no reflections."""
    if not previous:
        return None
    before = period.previous()
    previous_ways = dict.fromkeys(Way, 0)
    for r in previous:
        for way in r.ways:
            previous_ways[way] += 1
    prev_total = len(previous)
    deltas = {w: ways.get(w, 0) - previous_ways[w] for w in Way}
    now, then = _in_period(period), _in_period(before, previous=True)
    if total == 0:
        nothing = (
            f"You wrote no reflections {now}; {then} you wrote {reflections_phrase(prev_total)}."
        )
        return Comparison(before, prev_total, deltas, previous_ways, (nothing,))
    change = total - prev_total
    if change > 0:
        first = f"{change} more than {then} ({prev_total})"
    elif change < 0:
        first = f"{-change} fewer than {then} ({prev_total})"
    else:
        first = f"as many as {then}"
    sentences = (
        f"You wrote {reflections_phrase(total)} {now}, {first}.",
        _share_sentence(ways, total, previous_ways, prev_total, then),
    )
    return Comparison(before, prev_total, deltas, previous_ways, sentences)


def _share_sentence(
    ways: Mapping[Way, int],
    total: int,
    previous_ways: Mapping[Way, int],
    prev_total: int,
    then: str,
) -> str:
    now_share = {w: ways.get(w, 0) / total for w in Way}
    then_share = {w: previous_ways[w] / prev_total for w in Way}
    change = {w: now_share[w] - then_share[w] for w in Way}
    rise = max(Way, key=lambda w: change[w])
    fall = min(Way, key=lambda w: change[w])
    parts = []
    if change[rise] >= NOTABLE_SHARE_CHANGE:
        parts.append(
            f"{way_phrase(rise)} took a larger share of your reflections than {then} "
            f"({_percent(now_share[rise])}, from {_percent(then_share[rise])})"
        )
    if change[fall] <= -NOTABLE_SHARE_CHANGE:
        smaller = (
            f"{way_phrase(fall)} a smaller one"
            if parts
            else f"{way_phrase(fall)} took a smaller share of your reflections than {then}"
        )
        parts.append(f"{smaller} ({_percent(now_share[fall])}, from {_percent(then_share[fall])})")
    if not parts:
        return f"The balance of the six ways was much as it was {then}."
    return _capitalised("; ".join(parts)) + "."


def _percent(share: float) -> str:
    return f"{math.floor(share * 100 + 0.5)}%"  # halves up, as people round


def _in_period(period: Period, previous: bool = False) -> str:
    if period.is_calendar_year:
        return f"in {period.start.year}"
    return "in the period before" if previous else "in this period"


def _month_year(day: date) -> str:
    return f"{_MONTH_NAMES[day.month - 1]} {day.year}"


def _plural(n: int, word: str) -> str:
    return f"1 {word}" if n == 1 else f"{n} {word}s"


def _and_list(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- JSON ----------------------------------------------------------------------------


def review_to_dict(review: Review) -> dict[str, Any]:
    """The review as plain JSON-ready data (the shape is documented in docs/cli.md)."""
    compared = review.compared
    return {
        "period": _period_dict(review.period),
        "total": review.total,
        "per_month": [
            {"month": f"{m.year:04d}-{m.month:02d}", "reflections": n} for m, n in review.per_month
        ],
        "ways": {w.value: n for w, n in review.ways.items()},
        "least_attended": [w.value for w in review.least_attended],
        "attention_sentence": review.attention_sentence,
        "lenses": {lens.value: n for lens, n in review.lenses.items()},
        "grid": {w.value: {lens.value: review.grid[(w, lens)] for lens in Lens} for w in Way},
        "days": {d.isoformat(): n for d, n in review.days.items() if n},
        "longest_gaps": [
            {"start": g.start.isoformat(), "end": g.end.isoformat(), "days": g.days}
            for g in review.longest_gaps
        ],
        "people": [{"name": name, "reflections": n} for name, n in review.people],
        "organisations": [{"name": name, "reflections": n} for name, n in review.organisations],
        "trust_moves": [
            {
                "person": m.person,
                "from": m.from_stance.value,
                "to": m.to_stance.value,
                "closer": m.closer,
                "since": m.since.isoformat(),
                "description": m.description,
            }
            for m in review.trust_moves
        ],
        "meetings": {"held": review.meetings_held, "reflected": review.meetings_reflected},
        "themes": [
            {
                "phrase": t.phrase,
                "reflections": t.count,
                "previous": t.previous,
                "reflection_ids": [str(i) for i in t.reflection_ids],
            }
            for t in review.themes
        ],
        "storylines": [
            {
                "name": s.name,
                "reflections": s.in_period,
                "before": s.before,
                "first": s.first.isoformat(),
                "last": s.last.isoformat(),
            }
            for s in review.storylines
        ],
        "follow_ups": {
            "made": review.follow_ups.made,
            "done": review.follow_ups.done,
            "dropped": review.follow_ups.dropped,
            "open": review.follow_ups.open,
        },
        "light_bulbs": [
            {"id": str(rid), "title": title, "date": day.isoformat()}
            for rid, title, day in review.light_bulbs
        ],
        "compared": None
        if compared is None
        else {
            "period": _period_dict(compared.previous),
            "total": compared.previous_total,
            "ways": {w.value: n for w, n in compared.previous_ways.items()},
            "ways_change": {w.value: n for w, n in compared.ways.items()},
            "sentences": list(compared.sentences),
        },
        "notes": list(review.notes),
    }


def _period_dict(period: Period) -> dict[str, str]:
    return {
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "label": period.label,
    }
