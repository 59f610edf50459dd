"""The review's numbers in plain UK English, for the Review page (no Qt here)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reflect.review import FollowUpCounts, Gap, Period, Review, TrustMove

# Spelt out, not calendar.month_name: Qt sets the C locale from the environment, and the
# interface is in English whatever it is.
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
TITLE_LIMIT = 90


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {many or word + 's'}"


def day_month(day: date, year: bool = True) -> str:
    """ "4 March 2025", or "4 March"."""
    return f"{day.day} {MONTHS[day.month - 1]}" + (f" {day.year}" if year else "")


def long_day(day: date, year: bool = True) -> str:
    """ "Tuesday 4 March 2025": the weekday helps memory more than the number."""
    return f"{WEEKDAYS[day.weekday()]} {day_month(day, year)}"


def month_year(day: date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


def in_period(period: Period) -> str:
    return f"in {period.label}" if period.is_calendar_year else "in this period"


def gap_words(gap: Gap) -> str:
    """ "23 days, from Monday 4 August to Tuesday 26 August 2025"."""
    same_year = gap.start.year == gap.end.year
    if gap.days == 1:
        return f"1 day, {long_day(gap.start)}"
    return f"{gap.days} days, from {long_day(gap.start, not same_year)} to {long_day(gap.end)}"


def gaps_sentence(gaps: Sequence[Gap]) -> str:
    if not gaps:
        return "There were no gaps: you reflected on every day there was to count."
    if len(gaps) == 1:
        return f"Your longest gap without a reflection: {gap_words(gaps[0])}."
    listed = "; ".join(gap_words(g) for g in gaps)
    return f"Your longest gaps without a reflection: {listed}."


def days_sentence(review: Review, today: date | None = None) -> str:
    """How many days had a reflection; of the days so far, when the period is not over."""
    period = review.period
    if today is not None and period.start <= today < period.end:
        so_far = (today - period.start).days + 1
        said = (
            f"You reflected on {plural(review.reflection_days, 'day')} "
            f"of the {so_far} so far {in_period(period)}."
        )
    else:
        said = (
            f"You reflected on {plural(review.reflection_days, 'day')} "
            f"of the {period.days} {in_period(period)}."
        )
    if review.busiest_month is not None and review.total:
        said += f" Your busiest month was {month_year(review.busiest_month)}."
    return said


def trust_move_words(move: TrustMove) -> str:
    """ "Sam Patel moved closer, from fence-sitter to ally: Fence-sitter in …"."""
    way = "moved closer" if move.closer else "drifted"
    return (
        f"{move.person} {way}, from {move.from_stance.value} to {move.to_stance.value}. "
        f"{move.description}"
    )


def trust_sentence(moves: Sequence[TrustMove]) -> str:
    if not moves:
        return "No one's place on your trust and agreement map changed in this period."
    closer = sum(1 for m in moves if m.closer)
    drifted = len(moves) - closer
    parts = []
    if closer:
        parts.append(f"{plural(closer, 'person', 'people')} moved closer")
    if drifted:
        parts.append(f"{plural(drifted, 'person', 'people')} drifted")
    return " and ".join(parts).capitalize() + "."


def follow_ups_sentence(counts: FollowUpCounts) -> str:
    if counts.made == 0:
        return "You made no follow-ups in this period."
    return (
        f"Of the {plural(counts.made, 'follow-up')} you made, {counts.done} "
        f"{'is' if counts.done == 1 else 'are'} done, {counts.dropped} dropped "
        f"and {counts.open} still open."
    )


def count_words(n: int) -> str:
    return plural(n, "reflection")


def shortened(text: str, limit: int = TITLE_LIMIT) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def button_text(text: str) -> str:
    """Text for a button: "&" would otherwise mark a shortcut key and vanish."""
    return text.replace("&", "&&")
