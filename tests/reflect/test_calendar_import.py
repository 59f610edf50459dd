"""Reading calendar files as Outlook, Google and Apple export them, and refusing the rest."""

from __future__ import annotations

import time as clock
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar, Event

import reflect.calendar_import as calendar_import
from reflect.calendar_import import (
    UNTITLED,
    CalendarAttendee,
    CalendarError,
    CalendarEvent,
    CalendarFile,
    read_calendar,
)
from reflect.errors import ReflectError
from tests.reflect import ics_samples as samples

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
YEAR_START = datetime(2025, 1, 1, tzinfo=UTC)
YEAR_END = datetime(2026, 1, 1, tzinfo=UTC)


def read(
    data: bytes,
    zone: tzinfo = LONDON,
    start: datetime = YEAR_START,
    end: datetime = YEAR_END,
) -> CalendarFile:
    return read_calendar(data, window_start=start, window_end=end, zone=zone)


def utc(event: CalendarEvent) -> datetime:
    return event.starts_at.astimezone(UTC)


def titled(found: CalendarFile, title: str) -> list[CalendarEvent]:
    return [e for e in found.events if e.title == title]


def one(found: CalendarFile, title: str) -> CalendarEvent:
    (event,) = titled(found, title)
    return event


def minimal(*events: str, header: str = "") -> bytes:
    """A bare calendar around hand-written VEVENT bodies."""
    body = "".join(f"BEGIN:VEVENT\r\n{e.strip()}\r\nEND:VEVENT\r\n" for e in events)
    return (
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n{header}{body}END:VCALENDAR\r\n"
    ).encode()


# --- Outlook -----------------------------------------------------------------------------

OUTLOOK_SERIES = [
    date(2025, 1, 6),
    date(2025, 1, 21),  # moved from Monday 20th
    date(2025, 1, 27),
    *(date(2025, 2, d) for d in (3, 10, 17, 24)),
    *(date(2025, 3, d) for d in (3, 10, 17, 24, 31)),
]


def outlook_series(found: CalendarFile) -> list[CalendarEvent]:
    return [e for e in found.events if e.uid == samples.OUTLOOK_SERIES_UID]


def test_outlook_series_leaves_out_the_deleted_monday_and_shows_the_moved_one() -> None:
    series = outlook_series(read(samples.outlook()))
    assert [e.starts_at.date() for e in series] == OUTLOOK_SERIES
    moved = series[1]
    assert moved.starts_at == datetime(2025, 1, 21, 14, 0, tzinfo=LONDON)
    assert moved.ends_at == datetime(2025, 1, 21, 14, 30, tzinfo=LONDON)
    assert moved.title.endswith("– moved")
    assert moved.location == "Civic Centre, Room 2"


def test_outlook_windows_zone_names_follow_british_and_european_clocks() -> None:
    found = read(samples.outlook())
    assert utc(one(found, "Quarterly performance review")) == datetime(
        2025, 7, 15, 8, 30, tzinfo=UTC
    )
    series = outlook_series(found)
    assert utc(series[0]) == datetime(2025, 1, 6, 9, 30, tzinfo=UTC)
    # The last Monday is after the clocks went forward: still 09:30 on the wall.
    assert series[-1].starts_at == datetime(2025, 3, 31, 9, 30, tzinfo=LONDON)
    assert utc(series[-1]) == datetime(2025, 3, 31, 8, 30, tzinfo=UTC)
    berlin = one(found, "Eurocities social care working group")
    assert utc(berlin) == datetime(2025, 7, 10, 8, 0, tzinfo=UTC)


def test_outlook_title_folded_inside_a_character_reads_whole() -> None:
    raw = samples.outlook()
    # The sample really does split a character across a fold, as Outlook does.
    with pytest.raises(UnicodeDecodeError):
        for line in raw.split(b"\r\n"):
            line.decode("utf-8")
    series = outlook_series(read(raw))
    assert series[0].title == samples.OUTLOOK_SUMMARY


def test_outlook_attendees_get_readable_names_and_rooms_are_left_out() -> None:
    first = outlook_series(read(samples.outlook()))[0]
    assert first.attendees == (
        CalendarAttendee("Amy Shah", "amy.shah@nhs.net"),
        CalendarAttendee("Okafor, Joseph", "j.okafor@council.gov.uk"),
        CalendarAttendee("Jane Doe", "jane.doe@council.gov.uk"),
    )
    assert first.organiser == CalendarAttendee("Jane Doe", "jane.doe@council.gov.uk")


def test_outlook_file_names_no_owner_so_nobody_is_left_out() -> None:
    found = read(samples.outlook())
    assert found.owner_email is None


def test_descriptions_are_never_read() -> None:
    for data in (samples.outlook(), samples.google(), samples.apple()):
        found = repr(read(data))
        for secret in ("Private", "Confidential", "restricted", "strike", "draft"):
            assert secret not in found


# --- Google ------------------------------------------------------------------------------


def test_google_owner_comes_from_the_calendar_name_and_is_never_an_attendee() -> None:
    found = read(samples.google())
    assert found.owner_email == "jane.doe@gmail.com"
    assert all(a.email != "jane.doe@gmail.com" for e in found.events for a in e.attendees)
    # Being the organiser is still worth knowing.
    call = one(found, "Call with Healthwatch")
    assert call.organiser is not None and call.organiser.email == "jane.doe@gmail.com"


def test_google_attendees_without_a_name_are_named_from_their_address() -> None:
    winter = one(read(samples.google()), "Winter pressures planning")
    assert winter.attendees == (
        CalendarAttendee("Priya Raman", "priya.raman@nhs.net"),
        CalendarAttendee("J Okafor", "j.okafor@council.gov.uk"),
        CalendarAttendee("Mary O Neill", "mary_o-neill@hscni.net"),
    )
    assert winter.location == "Trust HQ, Board Room"


def test_google_times_in_utc_and_in_london_land_on_the_london_clock() -> None:
    found = read(samples.google())
    assert one(found, "Call with Healthwatch").starts_at == datetime(
        2025, 7, 3, 9, 30, tzinfo=LONDON
    )
    winter = one(found, "Winter pressures planning")
    assert winter.starts_at == datetime(2025, 6, 12, 14, 0, tzinfo=LONDON)
    assert winter.ends_at == datetime(2025, 6, 12, 15, 30, tzinfo=LONDON)
    assert not winter.all_day


def test_google_all_day_event_runs_midnight_to_midnight() -> None:
    away = one(read(samples.google()), "Team away day")
    assert away.all_day
    assert away.starts_at == datetime(2025, 7, 18, tzinfo=LONDON)
    assert away.ends_at == datetime(2025, 7, 19, tzinfo=LONDON)


def test_google_cancelled_meetings_are_kept_and_marked() -> None:
    found = read(samples.google())
    assert one(found, "Budget review").cancelled
    assert not one(found, "Winter pressures planning").cancelled
    one_to_ones = titled(found, "Director 1:1")
    assert [e.starts_at.day for e in one_to_ones] == [2, 9, 16]
    assert [e.cancelled for e in one_to_ones] == [False, True, False]


@pytest.mark.parametrize(
    ("calendar_zone", "last_hour"),
    [("Europe/London", 9), ("GMT Standard Time", 9), ("Mars/Olympus_Mons", 10), ("", 10)],
)
def test_a_utc_series_follows_the_calendar_zone_named_by_x_wr_timezone(
    calendar_zone: str, last_hour: int
) -> None:
    # Some Google exports write a weekly 09:00 as 09:00Z; X-WR-TIMEZONE says whose 09:00.
    data = minimal(
        "UID:w\r\nSUMMARY:Weekly\r\nDTSTART:20250317T090000Z\r\nDTEND:20250317T093000Z\r\n"
        "RRULE:FREQ=WEEKLY;COUNT=3\r\nEXDATE:20250324T090000Z",
        header=f"X-WR-TIMEZONE:{calendar_zone}\r\n" if calendar_zone else "",
    )
    first, last = read(data).events
    assert first.starts_at == datetime(2025, 3, 17, 9, 0, tzinfo=LONDON)
    assert last.starts_at == datetime(2025, 3, 31, last_hour, 0, tzinfo=LONDON)


def test_a_cancellation_sent_by_email_marks_its_meeting_cancelled() -> None:
    notice = minimal(
        "UID:budget\r\nSUMMARY:Budget review\r\nDTSTART:20250801T130000Z\r\nSEQUENCE:2",
        header="METHOD:CANCEL\r\n",
    )
    assert [(e.key, e.cancelled) for e in read(notice).events] == [("budget", True)]


# --- Apple -------------------------------------------------------------------------------


def test_apple_weekly_count_gives_four_meetings_at_ten_across_the_clock_change() -> None:
    boards = titled(read(samples.apple()), "Safeguarding board")
    assert [e.starts_at for e in boards] == [
        datetime(2025, 3, 25, 10, 0, tzinfo=LONDON),
        datetime(2025, 4, 1, 10, 0, tzinfo=LONDON),
        datetime(2025, 4, 8, 10, 0, tzinfo=LONDON),
        datetime(2025, 4, 15, 10, 0, tzinfo=LONDON),
    ]
    assert [utc(e).hour for e in boards] == [10, 9, 9, 9]
    assert all(e.ends_at == e.starts_at + timedelta(hours=1, minutes=30) for e in boards)


def test_apple_welsh_and_turkish_names_and_places_read_correctly() -> None:
    board = titled(read(samples.apple()), "Safeguarding board")[0]
    assert board.location == "Canolfan Ddinesig, Stryd y Frân, Caernarfon"
    assert board.attendees == (
        CalendarAttendee("Siân Öztürk", "sian.ozturk@wales.nhs.uk"),
        CalendarAttendee("Dr Amy Shah", "amy.shah@nhs.net"),  # listed twice; once is enough
        CalendarAttendee("Okafor, Joseph", "j.okafor@council.gov.uk"),
        CalendarAttendee("Jane Doe", "jane.doe@icloud.com"),
    )
    assert board.organiser == CalendarAttendee("Jane Doe", "jane.doe@icloud.com")


def test_apple_two_day_event_ends_at_the_midnight_after_it() -> None:
    visit = one(read(samples.apple()), "Ymweliad Gweinidog – Minister's visit")
    assert visit.all_day
    assert (visit.starts_at, visit.ends_at) == (
        datetime(2025, 4, 8, tzinfo=LONDON),
        datetime(2025, 4, 10, tzinfo=LONDON),
    )


# --- text: line endings, encodings -------------------------------------------------------


def test_line_endings_and_a_byte_order_mark_make_no_difference() -> None:
    lf = read(samples.apple())
    assert read(samples.ics(samples.APPLE, newline="\r\n")) == lf
    assert read(b"\xef\xbb\xbf" + samples.apple()) == lf
    assert read(samples.APPLE.encode("utf-16")) == lf


def test_windows_1252_file_from_an_old_exporter_is_read() -> None:
    data = minimal("UID:1\r\nSUMMARY:Café with the Maire – 5 €\r\nDTSTART:20250301T100000Z")
    found = read(data.decode().encode("cp1252"))
    assert [e.title for e in found.events] == ["Café with the Maire – 5 €"]


def test_events_are_given_in_the_zone_asked_for() -> None:
    found = read(samples.google(), zone=NEW_YORK)
    call = one(found, "Call with Healthwatch")
    assert call.starts_at.utcoffset() == timedelta(hours=-4)
    assert utc(call) == datetime(2025, 7, 3, 8, 30, tzinfo=UTC)
    # A day is a day wherever you are: local midnight.
    assert one(found, "Team away day").starts_at == datetime(2025, 7, 18, tzinfo=NEW_YORK)


def test_floating_times_and_unknown_zones_are_taken_as_local_time() -> None:
    data = minimal(
        "UID:1\r\nSUMMARY:Floating\r\nDTSTART:20250301T100000",
        "UID:2\r\nSUMMARY:Nowhere\r\nDTSTART;TZID=Atlantis Standard Time:20250301T110000",
    )
    for zone in (LONDON, NEW_YORK):
        found = read(data, zone=zone)
        assert one(found, "Floating").starts_at == datetime(2025, 3, 1, 10, tzinfo=zone)
        assert one(found, "Nowhere").starts_at == datetime(2025, 3, 1, 11, tzinfo=zone)


def test_each_file_uses_its_own_definition_of_a_custom_zone() -> None:
    # icalendar caches VTIMEZONEs process-wide by name; Outlook reuses one name for any
    # zone a user defines, so the second file must not get the first file's offsets.
    plus_three = read(samples.custom_zone("+0300")).events[0]
    plus_five = read(samples.custom_zone("+0500")).events[0]
    assert utc(plus_three) == datetime(2025, 7, 15, 6, 30, tzinfo=UTC)
    assert utc(plus_five) == datetime(2025, 7, 15, 4, 30, tzinfo=UTC)


def test_vendor_prefixed_zone_names_are_understood_without_warnings() -> None:
    data = minimal(
        "UID:1\r\nSUMMARY:Evolution\r\n"
        "DTSTART;TZID=/freeassociation.sourceforge.net/Europe/London:20250701T090000"
    )
    assert utc(read(data).events[0]) == datetime(2025, 7, 1, 8, 0, tzinfo=UTC)


# --- odd but valid content ---------------------------------------------------------------


def test_calendar_without_events_is_empty_not_an_error() -> None:
    found = read(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nEND:VCALENDAR\r\n")
    assert found == CalendarFile(events=(), owner_email=None)


def test_only_events_overlapping_the_window_are_read() -> None:
    february = read(
        samples.outlook(),
        start=datetime(2025, 2, 1, tzinfo=LONDON),
        end=datetime(2025, 3, 1, tzinfo=LONDON),
    )
    assert [e.starts_at.day for e in february.events] == [3, 10, 17, 24]
    # A meeting already under way when the window opens is in it.
    during = read(
        samples.google(),
        start=datetime(2025, 6, 12, 15, 0, tzinfo=LONDON),
        end=datetime(2025, 6, 13, tzinfo=LONDON),
    )
    assert [e.title for e in during.events] == ["Winter pressures planning"]


def test_events_without_a_start_are_skipped_and_the_rest_kept() -> None:
    found = read(
        minimal("UID:1\r\nSUMMARY:No start", "UID:2\r\nSUMMARY:Fine\r\nDTSTART:20250301T100000Z")
    )
    assert [e.title for e in found.events] == ["Fine"]


def test_empty_title_and_messy_whitespace() -> None:
    found = read(
        minimal(
            "UID:1\r\nSUMMARY:\r\nDTSTART:20250301T100000Z",
            "UID:2\r\nSUMMARY:  Board\\n\\n  papers\t review \r\nDTSTART:20250302T100000Z",
            "UID:3\r\nDTSTART:20250303T100000Z",
        )
    )
    assert [e.title for e in found.events] == [UNTITLED, "Board papers review", UNTITLED]


def test_an_event_without_an_end_has_none_and_a_backwards_end_is_ignored() -> None:
    found = read(
        minimal(
            "UID:1\r\nSUMMARY:Open\r\nDTSTART:20250301T100000Z",
            "UID:2\r\nSUMMARY:Backwards\r\nDTSTART:20250302T100000Z\r\nDTEND:20250302T090000Z",
            "UID:3\r\nSUMMARY:Day\r\nDTSTART;VALUE=DATE:20250303",
            "UID:4\r\nSUMMARY:Lasting\r\nDTSTART:20250304T100000Z\r\nDURATION:PT45M",
        )
    )
    assert [e.ends_at for e in found.events[:3]] == [None, None, None]
    assert found.events[3].ends_at == datetime(2025, 3, 4, 10, 45, tzinfo=UTC)


@pytest.mark.parametrize("rule", ["FREQ=SECONDLY", "FREQ=DAILY;INTERVAL=0", "FREQ=HOURLY;COUNT=x"])
def test_a_rule_that_would_hang_or_flood_the_import_is_ignored(rule: str) -> None:
    data = minimal(f"UID:1\r\nSUMMARY:Spam\r\nDTSTART:20250101T000000Z\r\nRRULE:{rule}")
    started = clock.monotonic()
    found = read(data)
    assert clock.monotonic() - started < 5
    assert [e.starts_at for e in found.events] == [datetime(2025, 1, 1, tzinfo=UTC)]


def test_attendee_names_from_addresses() -> None:
    found = read(
        minimal(
            "UID:1\r\nDTSTART:20250301T100000Z\r\n"
            "ATTENDEE;CN=J.OKAFOR@COUNCIL.GOV.UK:MAILTO:J.Okafor@Council.gov.uk\r\n"
            "ATTENDEE:mailto:123@council.gov.uk\r\n"
            'ATTENDEE;CN="Rt Hon. Sir Keir":urn:uuid:0b6e1a3c\r\n'
            "ATTENDEE:urn:uuid:no-name-no-address\r\n"
            "ATTENDEE;CUTYPE=ROOM;CN=Room 1:mailto:room1@council.gov.uk\r\n"
            'ATTENDEE;CUTYPE=INDIVIDUAL;CN="":mailto:sam-lee_99@nhs.net'
        )
    )
    assert found.events[0].attendees == (
        CalendarAttendee("J Okafor", "j.okafor@council.gov.uk"),
        CalendarAttendee("123@council.gov.uk", "123@council.gov.uk"),
        CalendarAttendee("Rt Hon. Sir Keir", None),
        CalendarAttendee("Sam Lee 99", "sam-lee_99@nhs.net"),
    )


# --- keys: importing again updates instead of duplicating --------------------------------


def test_reading_the_same_file_twice_gives_the_same_keys() -> None:
    for data in (samples.outlook(), samples.google(), samples.apple()):
        assert [e.key for e in read(data).events] == [e.key for e in read(data).events]


def test_keys_are_unique_within_a_file() -> None:
    for data in (samples.outlook(), samples.google(), samples.apple()):
        keys = [e.key for e in read(data).events]
        assert len(keys) == len(set(keys))


def test_single_meeting_key_is_its_uid_and_occurrences_are_keyed_by_their_slot() -> None:
    found = read(samples.google())
    assert one(found, "Team away day").key == "7h8i9j0k1l2m3n4o5p6q7r8s9t@google.com"
    uid = "3c4d5e6f7g8h9i0j1k2l3m4n5o@google.com"
    assert [e.key for e in titled(found, "Director 1:1")] == [
        f"{uid}@20250902T080000Z",
        f"{uid}@20250909T080000Z",
        f"{uid}@20250916T080000Z",
    ]


def without_moved_meetings(text: str) -> str:
    head, *events = text.split("BEGIN:VEVENT\n")
    return "BEGIN:VEVENT\n".join([head, *(e for e in events if "RECURRENCE-ID" not in e)])


def test_moving_one_meeting_of_a_series_keeps_its_key() -> None:
    uid = samples.OUTLOOK_SERIES_UID
    before_the_move = samples.ics(without_moved_meetings(samples.OUTLOOK))
    unmoved = {e.key: e for e in read(before_the_move).events if e.uid == uid}
    moved = {e.key: e for e in outlook_series(read(samples.outlook()))}
    assert unmoved.keys() == moved.keys()
    slot = f"{uid}@20250120T093000Z"
    assert unmoved[slot].starts_at == datetime(2025, 1, 20, 9, 30, tzinfo=LONDON)
    assert moved[slot].starts_at == datetime(2025, 1, 21, 14, 0, tzinfo=LONDON)


def test_all_day_series_is_keyed_by_date() -> None:
    found = read(
        minimal(
            "UID:bins\r\nSUMMARY:Bin day\r\n"
            "DTSTART;VALUE=DATE:20250106\r\nRRULE:FREQ=WEEKLY;COUNT=2"
        )
    )
    assert [e.key for e in found.events] == ["bins@20250106", "bins@20250113"]


def test_events_without_a_uid_get_stable_distinct_keys() -> None:
    data = minimal(
        "SUMMARY:Drop-in\r\nDTSTART:20250301T100000Z",
        "SUMMARY:Drop-in\r\nDTSTART:20250308T100000Z",
    )
    first, second = read(data).events
    assert first.key != second.key
    assert [e.key for e in read(data).events] == [first.key, second.key]
    assert first.uid == first.key


def test_a_uid_reused_for_different_meetings_still_gives_unique_keys() -> None:
    found = read(
        minimal(
            "UID:same\r\nSUMMARY:One\r\nDTSTART:20250301T100000Z",
            "UID:same\r\nSUMMARY:Two\r\nDTSTART:20250302T100000Z",
        )
    )
    assert [e.title for e in found.events] == ["One", "Two"]
    assert len({e.key for e in found.events}) == 2
    swapped = read(
        minimal(
            "UID:same\r\nSUMMARY:Two\r\nDTSTART:20250302T100000Z",
            "UID:same\r\nSUMMARY:One\r\nDTSTART:20250301T100000Z",
        )
    )
    assert [e.key for e in swapped.events] == [e.key for e in found.events]


# --- files that are not calendars --------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00"
VCARD = b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Amy Shah\r\nEMAIL:amy.shah@nhs.net\r\nEND:VCARD\r\n"
LETTER = b"Dear Jane,\nPlease find the minutes attached.\nRegards, Amy\n"


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (PNG, ["not a calendar"]),
        (b"\x00\xff\xfe\x13garbage\x9d\x81" * 50, ["not a calendar"]),
        (VCARD, ["contact", "not a calendar"]),
        (LETTER, ["not a calendar"]),
        (b"<!DOCTYPE html><html><body>Sign in</body></html>", ["not a calendar"]),
        (b"", ["empty"]),
        (b"\r\n  \r\n", ["empty"]),
        (samples.outlook()[: len(samples.outlook()) // 2], ["damaged", "incomplete"]),
        (samples.google().replace(b"END:VCALENDAR", b""), ["incomplete"]),
        (samples.apple() + b"what is this line\n", ["damaged"]),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n\x81\x8d\x8f\x90\x9d\r\nEND:VCALENDAR\r\n", ["read"]),
    ],
    ids=[
        "png",
        "garbage",
        "vcard",
        "letter",
        "web-page",
        "empty",
        "blank",
        "truncated",
        "unfinished",
        "trailing-junk",
        "bad-encoding",
    ],
)
def test_files_that_are_not_readable_calendars_are_refused_in_plain_words(
    data: bytes, words: list[str]
) -> None:
    with pytest.raises(CalendarError) as refused:
        read(data)
    message = str(refused.value)
    assert isinstance(refused.value, ReflectError)
    assert any(word in message.lower() for word in words), message
    assert "Nothing was imported" in message
    assert "Traceback" not in message and "Error" not in message


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(calendar_import, "MAX_BYTES", 1024)
    padding = "".join(f"X-PAD-{i}:{'x' * 60}\n" for i in range(40))
    data = samples.ics(samples.APPLE.replace("CALSCALE:GREGORIAN", padding.strip()))
    with pytest.raises(CalendarError, match="too large"):
        read(data)
    assert read(samples.custom_zone("+0100")).events  # small files still read


def test_too_many_meetings_in_the_window_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(calendar_import, "MAX_OCCURRENCES", 10)
    with pytest.raises(CalendarError, match="too many"):
        read(samples.outlook())


def test_naive_window_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="aware"):
        read_calendar(
            samples.apple(), window_start=datetime(2025, 1, 1), window_end=YEAR_END, zone=LONDON
        )


# --- properties --------------------------------------------------------------------------

ZONES = [LONDON, NEW_YORK, ZoneInfo("Europe/Berlin"), ZoneInfo("Asia/Kolkata"), UTC, None]
word = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Z")), min_size=1, max_size=12
)
titles = st.lists(word, min_size=1, max_size=25).map(" ".join)
names = (
    st.lists(
        st.text(alphabet=st.characters(categories=["L"]) | st.sampled_from(",.'-"), min_size=1),
        min_size=1,
        max_size=4,
    )
    .map(" ".join)
    .filter(lambda n: any(c.isalpha() for c in n))
)
addresses = st.builds(
    "{}@{}".format,
    st.from_regex(r"[a-z][a-z0-9]{0,8}([._-][a-z0-9]{1,8}){0,2}", fullmatch=True),
    st.sampled_from(["nhs.net", "council.gov.uk", "wales.nhs.uk", "gmail.com"]),
)


@dataclass(frozen=True)
class Meeting:
    title: str
    start: datetime  # naive for a floating time
    length: timedelta
    people: list[tuple[str, str]]


@st.composite
def meetings(draw: st.DrawFn) -> Meeting:
    zone = draw(st.sampled_from(ZONES))
    naive = draw(st.datetimes(min_value=datetime(2025, 1, 2), max_value=datetime(2025, 12, 30)))
    return Meeting(
        title=draw(titles),
        start=naive.replace(second=0, microsecond=0, tzinfo=zone),
        length=timedelta(minutes=draw(st.integers(15, 480))),
        people=draw(st.lists(st.tuples(names, addresses), max_size=6, unique_by=lambda p: p[1])),
    )


def written(meetings: list[Meeting]) -> str:
    """The file icalendar's writer makes, with VTIMEZONE blocks as Apple would add them."""
    calendar = Calendar()
    calendar.add("prodid", "-//Reflect tests//EN")
    calendar.add("version", "2.0")
    for number, meeting in enumerate(meetings):
        event = Event()
        event.add("uid", f"meeting-{number}@reflect.test")
        event.add("summary", meeting.title)
        event.add("dtstart", meeting.start)
        event.add("dtend", meeting.start + meeting.length)
        for name, address in meeting.people:
            event.add("attendee", f"mailto:{address}", parameters={"CN": name})
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return str(calendar.to_ical().decode())


@given(
    events=st.lists(meetings(), min_size=1, max_size=4),
    reader_zone=st.sampled_from([LONDON, NEW_YORK, timezone(timedelta(hours=5, minutes=30))]),
    outlook_folding=st.booleans(),
)
@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_what_a_calendar_program_writes_reads_back_the_same(
    events: list[Meeting], reader_zone: tzinfo, outlook_folding: bool
) -> None:
    # Refold as the exporter would: by character, or by octet as Outlook does.
    text = written(events).replace("\r\n ", "").replace("\r\n", "\n")
    found = read(samples.ics(text, split_characters=outlook_folding), zone=reader_zone)
    assert len(found.events) == len(events)
    by_key = {e.key: e for e in found.events}
    for number, meeting in enumerate(events):
        got = by_key[f"meeting-{number}@reflect.test"]
        start, end = meeting.start, meeting.start + meeting.length
        if start.tzinfo is None:  # floating: the reader's own clock
            start, end = start.replace(tzinfo=reader_zone), end.replace(tzinfo=reader_zone)
        assert got.title == meeting.title
        assert got.starts_at.astimezone(UTC) == start.astimezone(UTC)
        assert got.starts_at.utcoffset() == start.astimezone(reader_zone).utcoffset()
        assert got.ends_at is not None
        assert got.ends_at.astimezone(UTC) == end.astimezone(UTC)
        assert got.attendees == tuple(CalendarAttendee(n, a) for n, a in meeting.people)


@given(
    cut=st.integers(0, 10_000),
    length=st.integers(1, 400),
    junk=st.binary(max_size=40),
    sample=st.sampled_from([samples.outlook(), samples.google(), samples.apple()]),
)
@settings(max_examples=60, deadline=None)
def test_a_damaged_file_is_read_or_refused_but_never_crashes(
    cut: int, length: int, junk: bytes, sample: bytes
) -> None:
    at = cut % len(sample)
    damaged = sample[:at] + junk + sample[at + length :]
    try:
        found = read(damaged)
    except CalendarError:
        return
    # Whatever survives is something the journal can store.
    assert len({e.key for e in found.events}) == len(found.events)
    for event in found.events:
        assert event.starts_at.tzinfo is not None and event.title
        assert event.ends_at is None or event.ends_at > event.starts_at
