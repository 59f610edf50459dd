"""How fast are meetings, the people directory and follow-ups on a busy leader's journal?

Run from the repository root:

    .venv/bin/python -m bench.bench_meetings [--reflections 10000] [--people 1000]

Builds a journal in a temp folder (deleted afterwards) with the given number of
reflections naming people from a directory of the given size, then times:
importing a year of calendar (a generated .ics with weekly series and one-off
meetings) and importing it again; listing meetings waiting for a reflection;
listing the directory; a person's page (their reflections and meetings); renaming
and merging a person named in many reflections; due follow-ups; saving an
after-meeting capture. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bench.timing import row, timed
from reflect.followups import FollowUp
from reflect.meeting_capture import Capture, NextStep
from reflect.model import NewReflection, Section
from reflect.query import Filters
from storage import crypto
from storage.calendar_files import import_calendar_file
from storage.capture import save_capture
from storage.vault import Vault

PASSPHRASE = "lantern orchard mosaic tideway benchmark 41"  # noqa: S105
NOW = datetime(2026, 11, 24, 17, 0, tzinfo=UTC)


def person(i: int) -> str:
    return f"Person {i:04d} Example"


def calendar_text(series: int, one_offs: int, people: int, rng: random.Random) -> str:
    """A year of meetings as an exporter writes them: weekly series and one-off events."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Reflect bench//EN"]

    def attendees() -> list[str]:
        return [
            f"ATTENDEE;CN={person(p)}:mailto:person{p}@example.org"
            for p in rng.sample(range(people), 4)
        ]

    start = NOW - timedelta(days=360)
    for s in range(series):
        first = start + timedelta(days=rng.randrange(7), hours=8 + rng.randrange(9))
        lines += [
            "BEGIN:VEVENT",
            f"UID:series-{s}@bench",
            f"DTSTART:{first:%Y%m%dT%H%M%SZ}",
            f"DTEND:{first + timedelta(hours=1):%Y%m%dT%H%M%SZ}",
            "RRULE:FREQ=WEEKLY;COUNT=52",
            f"SUMMARY:Weekly meeting {s}",
            *attendees(),
            "END:VEVENT",
        ]
    for o in range(one_offs):
        when = start + timedelta(days=rng.randrange(365), hours=8 + rng.randrange(9))
        lines += [
            "BEGIN:VEVENT",
            f"UID:one-off-{o}@bench",
            f"DTSTART:{when:%Y%m%dT%H%M%SZ}",
            f"DTEND:{when + timedelta(minutes=45):%Y%m%dT%H%M%SZ}",
            f"SUMMARY:One-off meeting {o}",
            *attendees(),
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reflections", type=int, default=10_000)
    parser.add_argument("--people", type=int, default=1_000)
    parser.add_argument("--series", type=int, default=40)
    parser.add_argument("--one-offs", type=int, default=1_000)
    args = parser.parse_args()
    rng = random.Random(2026)
    folder = Path(tempfile.mkdtemp(prefix="reflect-bench-meetings-"))
    rows: list[str] = []
    try:
        vault, _ = Vault.create(folder / "journal", PASSPHRASE, crypto.FLOOR_PARAMS)
        with vault:
            for i in range(args.reflections):
                vault.add(
                    NewReflection(
                        sections=(Section(f"Reflection {i} about the work."),),
                        happened_at=NOW - timedelta(minutes=37 * i),
                        people=[person(p) for p in rng.sample(range(args.people), 3)],
                    )
                )
            ics = folder / "calendar.ics"
            ics.write_text(
                calendar_text(args.series, args.one_offs, args.people, rng), encoding="utf-8"
            )
            reports = []
            first = timed(lambda: reports.append(import_calendar_file(vault, ics, NOW)))
            total = reports[0].total
            rows.append(row(f"import a year's calendar ({total:,} meetings)", first))
            rows.append(
                row(
                    "import the same calendar again",
                    timed(lambda: import_calendar_file(vault, ics, NOW), 3),
                )
            )
            week = (NOW - timedelta(days=7), NOW)
            rows.append(
                row(
                    "meetings waiting for a reflection (past week)",
                    timed(lambda: vault.meetings.waiting(*week), 20),
                )
            )
            rows.append(
                row(
                    f"list the directory ({args.people:,} people)", timed(vault.directory.people, 5)
                )
            )
            name = person(7)
            rows.append(
                row(
                    "a person's page (reflections, meetings, ratings)",
                    timed(
                        lambda: (
                            vault.newest(Filters(people=(name,)), limit=200),
                            vault.meetings.with_person(name),
                            vault.directory.find_person(name),
                        ),
                        20,
                    ),
                )
            )
            named = vault.count(Filters(people=(name,)))
            target = vault.directory.find_person(name)
            assert target is not None
            rows.append(
                row(
                    f"rename a person named in {named} reflections",
                    timed(lambda: vault.directory.rename("person", target.id, name + " Renamed")),
                )
            )
            source = vault.directory.find_person(person(8))
            assert source is not None
            merged = vault.count(Filters(people=(person(8),)))
            rows.append(
                row(
                    f"merge a person named in {merged} reflections",
                    timed(lambda: vault.directory.merge("person", source.id, target.id)),
                )
            )
            some = [r.id for r in vault.newest(limit=500)]
            for i, rid in enumerate(some):
                vault.follow_ups.add(
                    FollowUp(uuid.uuid4(), rid, f"Step {i}", NOW, date(2026, 11, 1 + i % 28))
                )
            rows.append(
                row(
                    "due follow-ups (500 open)", timed(lambda: vault.follow_ups.due(NOW.date()), 20)
                )
            )
            meeting = vault.meetings.waiting(*week)[0]
            capture = Capture(
                meeting=meeting,
                answers={
                    "after-meeting/what-happened": "It went well.",
                    "after-meeting/what-next": "Call Sam",
                },
                next_steps=(NextStep("Call Sam", date(2026, 12, 8)),),
            )
            rows.append(
                row(
                    "save an after-meeting capture",
                    timed(lambda: save_capture(vault, capture, NOW), 10),
                )
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(
        f"\n{args.reflections:,} reflections, {args.people:,} people in the directory\n\n"
        "| operation | runs | median ms | worst ms |\n| --- | ---: | ---: | ---: |"
    )
    print("\n".join(rows))


if __name__ == "__main__":
    main()
