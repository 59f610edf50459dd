"""Calendar files into meetings: whole files, folders, and files that are not calendars."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from storage.calendar_files import describe, import_calendar_file, import_calendar_folder
from storage.errors import ImportFailed
from storage.vault import Vault

NOW = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)

WEEKLY = "\r\n".join(
    [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
        "X-WR-CALNAME:jane.doe@example.org",
        "BEGIN:VEVENT",
        "UID:weekly-huddle@google.com",
        "DTSTART;TZID=Europe/London:20261102T090000",
        "DTEND;TZID=Europe/London:20261102T093000",
        "RRULE:FREQ=WEEKLY;COUNT=4",
        "SUMMARY:Discharge huddle",
        "ATTENDEE;CN=Dr Amy Shah:mailto:amy.shah@nhs.net",
        "ATTENDEE:mailto:jane.doe@example.org",
        "ATTENDEE:mailto:j.okafor@council.gov.uk",
        "END:VEVENT",
        "BEGIN:VEVENT",
        "UID:board-1@google.com",
        "DTSTART:20261119T140000Z",
        "DTEND:20261119T160000Z",
        "SUMMARY:Health and wellbeing board – Siân's papers",
        "LOCATION:Town hall",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ]
)


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def test_a_calendar_imports_once_however_often_it_is_read(tmp_path: Path, vault: Vault) -> None:
    path = write(tmp_path, "work.ics", WEEKLY)
    first = import_calendar_file(vault, path, NOW)
    assert (first.added, first.people_added) == (5, 2)  # four huddles and the board
    assert "5 new" in describe(first) and "2 new people" in describe(first)
    again = import_calendar_file(vault, path, NOW)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 5)
    titles = sorted(m.title for m in vault.meetings.between(datetime(2026, 1, 1, tzinfo=UTC), NOW))
    assert titles == ["Discharge huddle"] * 3 + ["Health and wellbeing board – Siân's papers"]
    # The owner of the calendar is the journal's user, not one of their people.
    assert sorted(s.person.name for s in vault.directory.people()) == ["Dr Amy Shah", "J Okafor"]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("photo.ics", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4),
        ("card.ics", "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Amy Shah\r\nEND:VCARD\r\n"),
        ("notes.ics", "Remember to book the room for Tuesday."),
        ("empty.ics", b""),
    ],
)
def test_a_file_that_is_not_a_calendar_is_refused_and_changes_nothing(
    tmp_path: Path, vault: Vault, name: str, content: str | bytes
) -> None:
    import_calendar_file(vault, write(tmp_path, "work.ics", WEEKLY), NOW)
    before = vault.meetings.between(datetime(2026, 1, 1, tzinfo=UTC), NOW)
    with pytest.raises(ImportFailed) as caught:
        import_calendar_file(vault, write(tmp_path, name, content), NOW)
    message = str(caught.value)
    assert message.startswith(name) and "nothing was imported" in message.lower()
    assert vault.meetings.between(datetime(2026, 1, 1, tzinfo=UTC), NOW) == before


def test_a_missing_file_is_a_clear_error(tmp_path: Path, vault: Vault) -> None:
    with pytest.raises(ImportFailed, match="Cannot read"):
        import_calendar_file(vault, tmp_path / "gone.ics", NOW)


def test_a_folder_imports_every_calendar_and_reports_bad_ones(tmp_path: Path, vault: Vault) -> None:
    write(tmp_path, "work.ics", WEEKLY)
    write(tmp_path, "broken.ICS", "BEGIN:VCARD\r\nEND:VCARD\r\n")
    write(tmp_path, "readme.txt", "not a calendar, and not .ics either")
    report = import_calendar_folder(vault, tmp_path, NOW)
    assert report.files == 2
    assert report.report.added == 5
    assert len(report.problems) == 1 and "broken.ICS" in report.problems[0]
