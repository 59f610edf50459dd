"""A year of invented reflections for the throwaway demo journal (`reflect --demo`).

A newcomer opens the demo to see what a lived-in journal looks like before
trusting Reflect with their own. The writer is a fictional director of adult
social care at a fictional county council, leading on hospital discharge across
the local system. Every person, organisation and event is made up, and every
sentence is Reflect's own. The text lives in demo_journal.json beside this module.

Entries are dated relative to `today`, so the "on this day", "recent" and
balance views always have something to show: some fall a number of days before
today, three on today's day of the month in earlier months. Nothing is random;
ids are left for `NewReflection.build` to assign.
"""

from __future__ import annotations

import calendar
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from reflect import timeutil
from reflect.frameworks import Lens, Way
from reflect.meetings import Meeting
from reflect.model import NewReflection, Section


@dataclass(frozen=True, slots=True)
class DemoRating:
    person: str
    rated_at: datetime
    trust: int
    agreement: int | None
    issue: str


@dataclass(frozen=True, slots=True)
class DemoStoryline:
    name: str
    description: str
    reflection_titles: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DemoFollowUp:
    reflection_title: str
    text: str
    revisit_on: date | None


@dataclass(frozen=True, slots=True)
class DemoPerson:
    name: str
    role: str
    organisation: str


@dataclass(frozen=True, slots=True)
class DemoExtras:
    """Meetings, trust ratings, storylines and follow-ups that go with the reflections."""

    directory: tuple[DemoPerson, ...]
    meetings: tuple[Meeting, ...]
    ratings: tuple[DemoRating, ...]
    storylines: tuple[DemoStoryline, ...]
    follow_ups: tuple[DemoFollowUp, ...]


def demo_reflections(today: datetime) -> list[NewReflection]:
    """About thirty reflections from the fourteen months before `today`, oldest first.

    A naive `today` is taken as UK time. Every `happened_at` is aware, in
    Europe/London, and strictly before `today`.
    """
    zone = _london()
    now = today.replace(tzinfo=zone) if today.tzinfo is None else today.astimezone(zone)
    raw = resources.files("reflect").joinpath("demo_journal.json").read_text(encoding="utf-8")
    entries = [_entry(item, now.date(), zone) for item in json.loads(raw)["reflections"]]
    return sorted(entries, key=lambda r: r.happened_at or now)


def demo_extras(today: datetime) -> DemoExtras:
    """The rest of the demo journal, dated relative to `today` like the reflections."""
    zone = _london()
    now = today.replace(tzinfo=zone) if today.tzinfo is None else today.astimezone(zone)
    raw = resources.files("reflect").joinpath("demo_journal.json").read_text(encoding="utf-8")
    data = json.loads(raw)

    def moment(days_ago: int, hour: int = 12, minute: int = 0) -> datetime:
        day = now.date() - timedelta(days=days_ago)
        return datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)

    meetings = tuple(
        Meeting.new(
            m["title"],
            moment(m["days_ago"], m["hour"], m["minute"]),
            ends_at=moment(m["days_ago"], m["hour"], m["minute"])
            + timedelta(minutes=m["length_minutes"]),
            people=m["people"],
            organisations=m["organisations"],
            location=m["location"],
            programme=m["programme"],
        )
        for m in data["meetings"]
    )
    ratings = tuple(
        DemoRating(r["person"], moment(r["days_ago"]), r["trust"], r["agreement"], r["issue"])
        for r in data["ratings"]
    )
    storylines = tuple(
        DemoStoryline(s["name"], s["description"], tuple(s["reflections"]))
        for s in data["storylines"]
    )
    follow_ups = tuple(
        DemoFollowUp(
            f["reflection"],
            f["text"],
            None if f["revisit_days"] is None else now.date() + timedelta(days=f["revisit_days"]),
        )
        for f in data["follow_ups"]
    )
    directory = tuple(
        DemoPerson(p["name"], p["role"], p["organisation"]) for p in data["directory"]
    )
    return DemoExtras(directory, meetings, ratings, storylines, follow_ups)


def _entry(item: dict[str, Any], base: date, zone: tzinfo) -> NewReflection:
    when = item["when"]
    if "days_ago" in when:
        day = base - timedelta(days=when["days_ago"])
    else:
        day = _same_day_months_back(base, when["months_back_same_day"])
    return NewReflection(
        title=item["title"],
        happened_at=datetime(
            day.year, day.month, day.day, when["hour"], when["minute"], tzinfo=zone
        ),
        sections=tuple(
            Section(s["text"], Lens(s["lens"]) if s.get("lens") else None, s.get("prompt"))
            for s in item["sections"]
        ),
        ways=tuple(Way(w) for w in item.get("ways", ())),
        tags=tuple(item.get("tags", ())),
        people=tuple(item.get("people", ())),
        organisations=tuple(item.get("organisations", ())),
        starred=bool(item.get("starred", False)),
    )


def _london() -> tzinfo:
    """UK time; the machine's own zone if the time zone database is missing."""
    try:
        return ZoneInfo("Europe/London")
    except ZoneInfoNotFoundError:
        return timeutil.local_zone()


def _same_day_months_back(base: date, months: int) -> date:
    """`base`'s day of the month, `months` (or, if that month is too short, a few more) back."""
    for back in range(months, months + 4):
        year, index = divmod(base.year * 12 + base.month - 1 - back, 12)
        if base.day <= calendar.monthrange(year, index + 1)[1]:
            return date(year, index + 1, base.day)
    raise ValueError(f"no month near {months} months before {base} has day {base.day}")
