"""Balance and memory: where attention went across the six ways, and "on this day".

Goss's six ways are all always in play, so the useful thing to show is where
attention did *not* go. Everything here is pure: the storage layer counts and
finds reflections, and this module decides the windows, the wording and the
prompts. All wording is Reflect's own.

Definitions, so that the storage queries and these functions always agree:

- The window of "the last N days" is the N local calendar days ending with
  today, today included: from midnight at the start of (today - N + 1) up to,
  but not including, midnight at the start of tomorrow.
- "On this day" dates are the same day of the month in each earlier month, back
  `years_back` years; months without that day (30 February, 31 April) are
  skipped. Today itself is never one of them.
- A reflection belongs to a day by its happened time seen in the given zone
  (normally the machine's zone now), not in the zone it was written in.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

from reflect.frameworks import Way
from reflect.model import Reflection

DEFAULT_DAYS = 30
DEFAULT_YEARS_BACK = 5

# One gentle question per way, for "reflect on it": short, open, in our words.
PROMPTS: dict[Way, str] = {
    Way.FEELING: "What have you felt strongly in your work lately, and what does it say "
    "about what matters to you?",
    Way.PERCEIVING: "Step back onto the balcony: what is really going on around you that "
    "nobody is saying out loud?",
    Way.THINKING: "Which tangle are you carrying at the moment, and what would be clear "
    "enough, for now, to act on?",
    Way.RELATING: "Whose trust matters most to the work just now, and how has it moved "
    "in recent weeks?",
    Way.DOING: "What did you do recently that actually shifted something, and what made "
    "the difference?",
    Way.BEING: "How are you, really? What are you noticing about yourself as you lead, "
    "and how are you keeping well?",
}


def prompt_for(way: Way) -> str:
    """The question offered when the leader chooses to reflect on this way."""
    return PROMPTS[way]


def prompt_id_for(way: Way) -> str:
    """A stable id for the question, stored with the section it was answered in."""
    return f"balance-{way.value}"


def way_phrase(way: Way) -> str:
    """The way as it reads inside a sentence: 'ways of being'."""
    return f"ways of {way.value}"


@dataclass(frozen=True, slots=True)
class WayBalance:
    """How many reflections touched each way over a window of days.

    `total` counts every live reflection in the window, including those marked
    with no way; one reflection marked with two ways counts once for each.
    """

    counts: Mapping[Way, int] = field(default_factory=dict)
    total: int = 0
    days: int = DEFAULT_DAYS

    def __post_init__(self) -> None:
        if self.days < 1:
            raise ValueError("a balance needs a window of at least one day")
        if self.total < 0 or any(n < 0 for n in self.counts.values()):
            raise ValueError("counts cannot be negative")
        # Every way is present, in Way's order, whatever the caller passed.
        object.__setattr__(self, "counts", {w: int(self.counts.get(w, 0)) for w in Way})

    def count(self, way: Way) -> int:
        return self.counts[way]

    @property
    def least_attended(self) -> Way:
        """The way with the fewest reflections; a tie goes to the first in Way's order."""
        return min(Way, key=lambda w: self.counts[w])

    @property
    def most(self) -> int:
        """The largest count of any way (for scaling bars); 0 when nothing was marked."""
        return max(self.counts.values())

    @property
    def is_even(self) -> bool:
        """Every way has the same count: no way stands out as neglected."""
        return len(set(self.counts.values())) == 1

    @property
    def period(self) -> str:
        return "In the last day" if self.days == 1 else f"In the last {self.days} days"

    @property
    def sentence(self) -> str:
        """One plain line naming where attention went least, without judgement."""
        period = self.period
        least = self.least_attended
        if self.total == 0:
            return (
                f"{period}, you have not written a reflection. "
                f"Perhaps begin with {way_phrase(least)}."
            )
        if self.most == 0:
            return f"{period}, none of your reflections was marked with any of the six ways."
        if self.is_even:
            return f"{period}, your writing touched all six ways evenly."
        n = self.counts[least]
        if n == 0:
            return f"{period}, none of your writing touched {way_phrase(least)}."
        return (
            f"{period}, little of your writing touched {way_phrase(least)}: "
            f"{n} of {reflections_phrase(self.total)}."
        )

    @property
    def prompt(self) -> str:
        """The question for the least-attended way."""
        return prompt_for(self.least_attended)


def reflections_phrase(n: int) -> str:
    """'1 reflection', '12 reflections'."""
    return "1 reflection" if n == 1 else f"{n} reflections"


def window(
    today: date, days: int = DEFAULT_DAYS, zone: tzinfo | None = None
) -> tuple[datetime, datetime]:
    """The last `days` local days ending with today, as [start, end): aware date-times."""
    if days < 1:
        raise ValueError("a window needs at least one day")
    start, _ = day_bounds(today - timedelta(days=days - 1), zone)
    _, end = day_bounds(today, zone)
    return start, end


def day_bounds(day: date, zone: tzinfo | None = None) -> tuple[datetime, datetime]:
    """Local midnight at the start of `day` and of the next day, as [start, end).

    Without a zone, the machine's local zone is used (as `datetime.astimezone`
    understands it).
    """
    start = datetime.combine(day, time(0), tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
    if zone is None:
        start, end = start.astimezone(), end.astimezone()
    return start, end


def local_date(moment: datetime, zone: tzinfo | None = None) -> date:
    """The calendar date of an aware moment as seen in `zone` (local time without one)."""
    return moment.astimezone(zone).date()


def balance_from(
    reflections: Iterable[Reflection],
    today: date,
    days: int = DEFAULT_DAYS,
    zone: tzinfo | None = None,
) -> WayBalance:
    """Count, for the last `days` days ending with today, the reflections touching each way.

    The reference for storage.insights.ways_in_window, which does the same in SQL.
    """
    start, end = window(today, days, zone)
    counts = dict.fromkeys(Way, 0)
    total = 0
    for r in reflections:
        if not start <= r.happened_at < end:
            continue
        total += 1
        for way in r.ways:
            counts[way] += 1
    return WayBalance(counts, total, days)


def on_this_day_dates(today: date, years_back: int = DEFAULT_YEARS_BACK) -> list[date]:
    """The same day of the month in each earlier month, back `years_back` years, newest first.

    Months that lack the day are skipped: on the 31st, only months with 31 days
    appear; on 29 February, other Februaries appear only in leap years.
    """
    found: list[date] = []
    for months_ago in range(1, 12 * years_back + 1):
        year, month = _months_before(today.year, today.month, months_ago)
        if year < 1:
            break
        if today.day <= calendar.monthrange(year, month)[1]:
            found.append(date(year, month, today.day))
    return found


def on_this_day_priority(today: date, dates: Iterable[date]) -> list[date]:
    """Which dates to look at first when there is room for only a few reflections.

    The same date in earlier years (anniversaries) first, a year ago before two
    years ago; then the earlier months, newest first.
    """
    return sorted(dates, key=lambda d: (d.month != today.month, -d.toordinal()))


def months_between(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def ago(earlier: date, today: date) -> str:
    """How long ago, in whole months and years: 'a month ago', 'a year and 2 months ago'."""
    months = months_between(earlier, today)
    if months <= 0:
        return "today" if earlier == today else "earlier this month"
    years, rest = divmod(months, 12)
    parts = []
    if years:
        parts.append("a year" if years == 1 else f"{years} years")
    if rest:
        parts.append("a month" if rest == 1 else f"{rest} months")
    return " and ".join(parts) + " ago"


def _months_before(year: int, month: int, months_ago: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) - months_ago
    return index // 12, index % 12 + 1
