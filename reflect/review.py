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
- Themes: see `extract_themes`.

Belief is not part of the review yet: the journal has no record of belief, so
there is nothing to count. It will join the review when it is recorded.
"""

from __future__ import annotations

import calendar
import math
import re
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from itertools import combinations
from typing import Any

from reflect.balance import day_bounds, local_date, reflections_phrase, way_phrase
from reflect.followups import FollowUp, FollowUpStatus
from reflect.frameworks import Lens, Way
from reflect.model import Reflection
from reflect.trust import Stance, TrustRating, describe_path, movements

TOP_PEOPLE = 10
TOP_ORGANISATIONS = 10
TOP_THEMES = 12
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
class Theme:
    """A phrase that kept coming back, with the reflections it came from (oldest first)."""

    phrase: str
    count: int  # reflections in the period using it: len(reflection_ids)
    reflection_ids: tuple[uuid.UUID, ...]
    previous: int = 0  # reflections in the previous period using it


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


# --- themes --------------------------------------------------------------------------

# Words that carry grammar, not meaning: a phrase never starts or ends with one
# (one may stand inside a three-word phrase, as in "discharge to assess").
# UK English forms included, and the pieces of contractions ("don|t", "we|ll").
STOP_WORDS = frozenset(
    """
    a about above across after afterwards again against ago all almost alone along already
    also although always am among amongst an and another any anybody anyone anything
    anyway anywhere are around as at away back be became because become becomes been
    before beforehand behind being below beside besides between beyond both but by can
    cannot could did do does doing done down during each either else elsewhere enough
    especially etc even ever every everybody everyone everything everywhere except far
    few for former formerly from further had has have having he hence her here hereby
    herein hers herself him himself his how however i if in indeed instead into is it
    its itself just least less like likely lot lots many may maybe me meanwhile might
    mine more moreover most mostly much must my myself near nearly neither never
    nevertheless next no nobody none noone nor not nothing now nowhere of off often on
    once only onto or other others otherwise ought our ours ourselves out over own
    per perhaps quite rather really same several shall she should since so some somebody
    someone something sometime sometimes somewhat somewhere still such than that the
    their theirs them themselves then thence there thereafter thereby therefore therein
    these they this those though through throughout thus till to together too toward
    towards under unless until up upon us very via was we were what whatever when
    whence whenever where whereas wherever whether which while whilst who whoever whole
    whom whose why will with within without would yet you your yours yourself
    yourselves ok okay yes yeah oh etc eg ie vs via re ca wo sha
    got get gets getting go goes going gone went come comes came coming make makes made
    making say says said saying let lets seem seems seemed seeming
    http https www com html
    ll re ve don didn doesn isn aren wasn weren hasn haven hadn couldn shouldn wouldn
    mustn needn shan won ain
    """.split()  # noqa: SIM905
)

# Everyday words that say little about a year on their own: a phrase made only of
# these (and stop words) is never a theme. This is the generic baseline.
GENERIC_WORDS = frozenset(
    """
    able actually added agreed answer asked ask asking bad began begin best better big bit
    call called case change changed clear conversation conversations day days deal did
    different difficult done easy end ended enough example fact feel feeling feelings felt
    fine first four full gave give given giving good great half happen happened happening
    hard help helped helpful hour hours idea ideas important issue issues keep kept kind
    knew know known last later left little long look looked looking lot made matter mean
    meant meeting meetings mind minute minutes moment month months morning new nice night
    number numbers old one ones open part people person place plan plans point points put
    question questions real really reason right room said saw see seeing seen sense set
    short side small sort start started stay step steps stop sure take taken taking talk
    talked talking tell thing things think thinking thought three time times today told
    tomorrow took tried true try trying turn turned two understand use used want wanted
    way ways week weeks went whole wish word words work worked working works wrong year
    years yesterday afternoon evening hundred thousand second third need needs needed
    follow followed following forty fifty sixty twenty thirty five six seven eight nine ten
    """.split()  # noqa: SIM905
)

# Characters that end a phrase: punctuation, digits, line breaks. An apostrophe
# too: the pieces of "don't", "we'll" or "Sam's" left on its right are stop words.
_BREAKS = re.compile(r"[.,;:!?()\[\]{}\"“”‘’'/\\|&*+=<>~^%$£€#@…•·–—\n\r\t0-9_]")
# The only stop words that may stand inside a phrase: "package of care", "discharge to assess".
LINKING_WORDS = frozenset(
    {"of", "to", "and", "for", "in", "on", "with", "at", "by", "from", "into"}
)
_BREAK = "|"
_BREAK_TOKENS = frozenset({_BREAK, "-", "--", "---"})
_NOT_CONTENT = STOP_WORDS | _BREAK_TOKENS | frozenset("abcdefghijklmnopqrstuvwxyz")
_LENGTH_WEIGHT = (1.0, 1.6, 2.0)  # longer phrases are more specific
ABSORB_SHARE = 0.5  # a sub-phrase mostly seen inside a longer one is merged into it
LIFT_RANGE = (0.5, 2.0)
MIN_PREVIOUS_FOR_LIFT = 30  # fewer reflections the period before say too little to compare
PREVIOUS_SAMPLE = 1000  # at most this many of the previous period's reflections set the lift
SURFACE_SAMPLE = 30  # reflections looked at to spell a theme as it is written


def tokens(text: str) -> list[str]:
    """Words as written (case kept), with `|` wherever a phrase must stop."""
    return _BREAKS.sub(" | ", text).split()


def _text_of(r: Reflection) -> str:
    # Sections on new lines, so that no phrase runs from one into the next.
    return r.title + "\n" + "\n".join(s.text for s in r.sections)


def _phrases(words: list[str]) -> set[str]:
    """Every distinct 1-3-word phrase: content words at both ends, no break inside.

    The middle word of three is a content word or a linking word. One plain loop:
    this is where the review spends most of its time.
    """
    content = set(words)
    content -= _NOT_CONTENT
    found = content.copy()
    add = found.add
    before_last = last = _BREAK
    for word in words:
        if word in content:
            if last in content:
                add(f"{last} {word}")
                if before_last in content:
                    add(f"{before_last} {last} {word}")
            elif before_last in content and last in LINKING_WORDS:
                add(f"{before_last} {last} {word}")
        before_last, last = last, word
    return found


def _document_frequency(texts: Iterable[str], joined: list[str] | None = None) -> Counter[str]:
    """In how many texts each phrase occurs; each text's words go to `joined` if given."""
    df: Counter[str] = Counter()
    for text in texts:
        words = tokens(text.casefold())
        df.update(_phrases(words))
        if joined is not None:
            joined.append(" " + " ".join(words) + " ")
    return df


def _is_generic(phrase: str) -> bool:
    return all(w in GENERIC_WORDS or w in STOP_WORDS for w in phrase.split(" "))


def _sub_phrases(words: Sequence[str]) -> list[str]:
    """The shorter phrases inside a phrase that could be phrases themselves."""
    out = []
    for size in range(1, len(words)):
        for i in range(len(words) - size + 1):
            part = words[i : i + size]
            if part[0] not in STOP_WORDS and part[-1] not in STOP_WORDS:
                out.append(" ".join(part))
    return out


def extract_themes(
    reflections: Sequence[Reflection],
    previous: Sequence[Reflection] = (),
    limit: int = TOP_THEMES,
) -> tuple[Theme, ...]:
    """The phrases of 1-3 words that kept coming back, each with its reflections.

    Deterministic and local. A phrase is words between punctuation, digits and
    line breaks; it starts and ends with a word that is not a stop word (one may
    stand in the middle: "discharge to assess"), and is counted once per
    reflection (title and text) that uses it. To be a theme it must recur in at
    least two reflections, must not be made only of everyday words
    (GENERIC_WORDS, the generic baseline), and must not be part of the name of a
    person or organisation labelled on the reflections when it is written as a
    name (those are counted under Relationships).

    Score: reflections using it x (1 + ln(share^-1)), so that a word in nearly
    every reflection (the job itself) does not crowd out the year's themes;
    x 1.6 for two words, x 2 for three; and, when the previous period has at
    least MIN_PREVIOUS_FOR_LIFT reflections, x the square root of how much more
    often it came up than then (clamped to 0.5..2; estimated from at most
    PREVIOUS_SAMPLE evenly spaced reflections of that period).
    A shorter phrase found mostly inside a longer one (in at least half of its
    reflections) is merged into it, as is a phrase that mostly continues a
    chosen one ("wellbeing board" after "health and wellbeing"); a plural
    after its singular (or the other way round) is left out. Ties go to the
    alphabetically first phrase.
    Counts and links are exact, oldest reflection first.
    """
    n = len(reflections)
    if n < 2:
        return ()
    texts = [_text_of(r) for r in reflections]
    lowered: list[str] = []
    df = _document_frequency(texts, lowered)
    previous_joined: list[str | None] = [None] * len(previous)
    lift = _lifter(previous, n, previous_joined)
    names = _name_phrases(reflections)

    scored: dict[str, float] = {}
    for phrase, count in df.items():
        if count < 2 or _is_generic(phrase):
            continue
        size = phrase.count(" ") + 1
        score = count * (1 + math.log(n / count)) * _LENGTH_WEIGHT[size - 1]
        scored[phrase] = score
    if lift is not None:
        scored = {p: s * lift(p, df[p]) for p, s in scored.items()}

    absorbed: set[str] = set()
    for phrase in scored:
        if " " in phrase:
            for part in _sub_phrases(phrase.split(" ")):
                if part in scored and df[phrase] >= ABSORB_SHARE * df[part]:
                    absorbed.add(part)

    chosen: list[tuple[str, list[int]]] = []
    taken: set[str] = set()
    for phrase in sorted(scored, key=lambda p: (-scored[p], p)):
        if len(chosen) >= limit:
            break
        if phrase in absorbed or _plural_twin(phrase) in taken:
            continue
        found = _containing(phrase, lowered)
        if len(found) < 2 or _continues(phrase, found, chosen, lowered):
            continue
        if phrase in names and _written_as_name(phrase, [texts[i] for i in found]):
            continue
        chosen.append((phrase, found))
        taken.add(phrase)

    previous_lowered = (
        [
            text if text is not None else _joined(_text_of(r).casefold())
            for r, text in zip(previous, previous_joined, strict=True)
        ]
        if chosen
        else []
    )
    return tuple(
        Theme(
            phrase=_surface(phrase, [texts[i] for i in found]),
            count=len(found),
            reflection_ids=tuple(reflections[i].id for i in found),
            previous=len(_containing(phrase, previous_lowered)),
        )
        for phrase, found in chosen
    )


def _lifter(
    previous: Sequence[Reflection], n: int, joined: list[str | None]
) -> Callable[[str, int], float] | None:
    """How much more often each phrase came up than in the previous period, or None.

    The words of the sampled reflections are kept in `joined`, by position.
    """
    if len(previous) < MIN_PREVIOUS_FOR_LIFT:
        return None
    step = max(1, math.ceil(len(previous) / PREVIOUS_SAMPLE))
    sampled = range(0, len(previous), step)
    words: list[str] = []
    before = _document_frequency((_text_of(previous[i]) for i in sampled), words)
    for i, text in zip(sampled, words, strict=True):
        joined[i] = text
    low, high = LIFT_RANGE
    m = len(sampled)

    def lift(phrase: str, count: int) -> float:
        ratio = ((count + 1) / (n + 2)) / ((before.get(phrase, 0) + 1) / (m + 2))
        return min(high, max(low, math.sqrt(ratio)))

    return lift


def _plural_twin(phrase: str) -> str:
    """'virtual ward' for 'virtual wards' and the other way round (English plurals in -s)."""
    return phrase[:-1] if phrase.endswith("s") else phrase + "s"


def _joined(text: str) -> str:
    """The words of a text between spaces, so a phrase is found as ' word word '."""
    return " " + " ".join(tokens(text)) + " "


def _containing(phrase: str, joined_texts: Sequence[str]) -> list[int]:
    needle = " " + phrase + " "
    return [i for i, text in enumerate(joined_texts) if needle in text]


def _continues(
    phrase: str,
    found: Sequence[int],
    chosen: Sequence[tuple[str, list[int]]],
    joined: Sequence[str],
) -> bool:
    """The phrase mostly carries on a chosen one, overlapping it at one end.

    "wellbeing board" after "health and wellbeing", when most reflections using
    it say "health and wellbeing board".
    """
    words = phrase.split(" ")
    for other, _ in chosen:
        theirs = other.split(" ")
        for k in range(1, min(len(words), len(theirs))):
            if theirs[-k:] == words[:k]:
                joint = " " + " ".join(theirs + words[k:]) + " "
            elif words[-k:] == theirs[:k]:
                joint = " " + " ".join(words + theirs[k:]) + " "
            else:
                continue
            together = sum(1 for i in found if joint in joined[i])
            if together >= ABSORB_SHARE * len(found):
                return True
    return False


def _name_phrases(reflections: Sequence[Reflection]) -> set[str]:
    """Every phrase made of words of a labelled name, in order ("cllr doyle"), folded."""
    out: set[str] = set()
    seen: set[str] = set()
    for r in reflections:
        for name in (*r.people, *r.organisations):
            if name in seen:
                continue
            seen.add(name)
            words = [w for w in tokens(name.casefold()) if w not in _BREAK_TOKENS]
            out.add(" ".join(words))
            for size in range(1, min(3, len(words)) + 1):
                out.update(" ".join(part) for part in combinations(words, size))
    return out


_SENTENCE_ENDS = re.compile(r"[.!?\n]+")


def _written_forms(texts: Sequence[str]) -> tuple[Counter[str], Counter[str]]:
    """Words as written in a sample of texts: inside sentences, and starting one.

    A capital at the start of a sentence says nothing about the word; inside one
    it does, unless the same word is also found there in lower case.
    """
    inside: Counter[str] = Counter()
    initial: Counter[str] = Counter()
    for text in texts[:SURFACE_SAMPLE]:
        for sentence in _SENTENCE_ENDS.split(text):
            written = [w for w in tokens(sentence) if w not in _BREAK_TOKENS]
            if written:
                initial[written[0]] += 1
                inside.update(written[1:])
    return inside, initial


def _capitalised_as(
    word: str, inside: Counter[str], initial: Counter[str], unsure: bool
) -> str | None:
    """How a word is written when it is only ever written with capitals ("NHS"), else None.

    A word seen only at the start of sentences is taken as capitalised when `unsure`,
    and otherwise only when it is in capitals throughout (an acronym).
    """
    if word in inside:
        return None
    forms = [w for w in inside if w.casefold() == word]
    if forms:
        return min(forms, key=lambda w: (-inside[w], w))
    forms = [w for w in initial if w.casefold() == word and (unsure or w.isupper())]
    if forms and word not in initial:
        return min(forms, key=lambda w: (-initial[w], w))
    return None


def _surface(phrase: str, texts: Sequence[str]) -> str:
    """Lower case, but words only ever written with capitals keep them ('NHS', 'Ashcombe')."""
    inside, initial = _written_forms(texts)
    return " ".join(
        _capitalised_as(w, inside, initial, unsure=False) or w for w in phrase.split(" ")
    )


def _written_as_name(phrase: str, texts: Sequence[str]) -> bool:
    """Every word (but linking words) is only ever written with a capital: part of a name."""
    inside, initial = _written_forms(texts)
    return all(
        _capitalised_as(w, inside, initial, unsure=True) is not None
        for w in phrase.split(" ")
        if w not in STOP_WORDS
    )


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
