"""Importing calendar files (.ics) into the journal's meetings.

Occurrences from a year back to two months ahead are imported: enough for
"waiting for a reflection" and for linking old reflections, without expanding
a weekly series forever. A file is imported whole or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from reflect import timeutil
from reflect.calendar_import import CalendarError, read_calendar
from storage.errors import ImportFailed
from storage.meetings import CalendarImportReport
from storage.vault import Vault

LOOK_BACK = timedelta(days=365)
LOOK_AHEAD = timedelta(days=60)
MAX_FILE_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class FolderReport:
    files: int
    report: CalendarImportReport
    problems: tuple[str, ...]  # one line per file that could not be imported


def import_calendar_file(
    vault: Vault, path: Path, now: datetime | None = None
) -> CalendarImportReport:
    now = now or timeutil.now()
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ImportFailed(f"{path.name} is too large to be a calendar; nothing was imported.")
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFailed(f"Cannot read {path.name}: {exc.strerror or exc}.") from None
    try:
        calendar = read_calendar(
            data,
            window_start=now - LOOK_BACK,
            window_end=now + LOOK_AHEAD,
            zone=now.tzinfo or timeutil.local_zone(),
        )
    except CalendarError as exc:
        raise ImportFailed(f"{path.name}: {exc}") from None
    return vault.meetings.import_events(calendar.events)


def import_calendar_folder(vault: Vault, folder: Path, now: datetime | None = None) -> FolderReport:
    """Every .ics file in a folder (not its subfolders); a bad file is reported, not fatal."""
    total = CalendarImportReport(0, 0, 0, 0)
    problems: list[str] = []
    files = sorted(p for p in folder.glob("*") if p.suffix.lower() == ".ics" and p.is_file())
    for path in files:
        try:
            report = import_calendar_file(vault, path, now)
        except ImportFailed as exc:
            problems.append(str(exc))
            continue
        total = CalendarImportReport(
            total.added + report.added,
            total.updated + report.updated,
            total.unchanged + report.unchanged,
            total.people_added + report.people_added,
        )
    return FolderReport(len(files), total, tuple(problems))


def describe(report: CalendarImportReport) -> str:
    """A sentence for the user about what an import did."""
    if report.total == 0:
        return "The calendar had no meetings in the past year or the next two months."
    parts = [f"{report.added} new"] if report.added else []
    if report.updated:
        parts.append(f"{report.updated} updated")
    if report.unchanged:
        parts.append(f"{report.unchanged} already here")
    people = (
        f" {report.people_added} new {'person' if report.people_added == 1 else 'people'} "
        "joined your directory."
        if report.people_added
        else ""
    )
    return f"Imported {report.total} meetings ({', '.join(parts)}).{people}"
