"""Reading calendar (.ics) files: the meetings in a window of time, ready to import.

Pure: bytes in, plain values out. Outlook, Google and Apple all write RFC 5545 but each
in its own accent (Windows zone names, X-WR- properties, folding mid-character), so the
parsing is icalendar's and the judgement about zones, people and identity is ours.

Descriptions are never read: we do not keep a calendar's notes (privacy).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo, available_timezones

import recurring_ical_events  # type: ignore[import-untyped]
from icalendar import Calendar, Component, Timezone
from icalendar.error import GloballyUniqueTZIDGuessed
from icalendar.prop import vDDDLists, vDDDTypes, vRecur
from icalendar.timezone import tzp
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from reflect.errors import ReflectError

MAX_BYTES = 50 * 1024 * 1024
# Far more meetings than anyone has in any window: a sanity limit, not a quota.
MAX_OCCURRENCES = 50_000
UNTITLED = "(untitled meeting)"

_NOTHING_CHANGED = "Nothing was imported and your journal has not been changed."
_NOT_A_CALENDAR = (
    "This file is not a calendar (.ics) file, so it could not be imported. "
    "Export your calendar as an .ics file and try again. " + _NOTHING_CHANGED
)
_CONTACT_CARD = (
    "This file holds contact details (a vCard), not a calendar, so it could not be imported. "
    "Export your calendar as an .ics file and try again. " + _NOTHING_CHANGED
)
_EMPTY = "This file is empty, so there was nothing to import. " + _NOTHING_CHANGED
_DAMAGED = (
    "This calendar file is damaged or incomplete, so it could not be read. "
    "Try exporting it from your calendar again. " + _NOTHING_CHANGED
)
_BAD_TEXT = (
    "This calendar file uses a text encoding Reflect cannot read. "
    "Try exporting it from your calendar again. " + _NOTHING_CHANGED
)
_TOO_MANY = (
    "This calendar has too many meetings in the chosen period to import at once. "
    "Choose a shorter period and try again. " + _NOTHING_CHANGED
)

# Marks an event the file gave no end, so the default end the expansion invents is ignored.
_OPEN_END = "X-REFLECT-OPEN-END"
_DATE_PROPERTIES = ("DTSTART", "DTEND", "RECURRENCE-ID", "RDATE", "EXDATE")
_ADDRESS = re.compile(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+")
_NAME_PARTS = re.compile(r"[._\-+]+")
_FOLD = re.compile(rb"\r?\n[ \t]")


class CalendarError(ReflectError):
    """A calendar file that cannot be read; the message says why and that nothing changed."""


@dataclass(frozen=True, slots=True)
class CalendarAttendee:
    name: str
    email: str | None


@dataclass(frozen=True, slots=True)
class CalendarEvent:
    key: str
    uid: str
    title: str
    starts_at: datetime
    ends_at: datetime | None
    all_day: bool
    location: str
    attendees: tuple[CalendarAttendee, ...]
    organiser: CalendarAttendee | None
    cancelled: bool


@dataclass(frozen=True, slots=True)
class CalendarFile:
    events: tuple[CalendarEvent, ...]
    owner_email: str | None


def read_calendar(
    data: bytes, *, window_start: datetime, window_end: datetime, zone: tzinfo
) -> CalendarFile:
    """The events of a calendar file that overlap [window_start, window_end), in `zone`.

    Raises CalendarError for anything that is not a readable calendar. A calendar with
    no events in the window is not an error: it gives an empty CalendarFile.
    """
    if window_start.tzinfo is None or window_end.tzinfo is None:
        raise ValueError("the import window must be aware date-times")
    calendars = _parse(_decode(data))
    owner = _owner(calendars)
    start, end = window_start.astimezone(zone), window_end.astimezone(zone)
    events: list[CalendarEvent] = []
    for calendar in calendars:
        _prepare(calendar, zone)
        series = _series_uids(calendar)
        cancelled_all = _text(calendar, "METHOD").upper() == "CANCEL"
        for occurrence in _expand(calendar, start, end):
            event = _event(occurrence, zone, owner, series)
            if event is not None and _overlaps(occurrence, event, start, end):
                events.append(replace(event, cancelled=True) if cancelled_all else event)
        if len(events) > MAX_OCCURRENCES:
            raise CalendarError(_TOO_MANY)
    unique = _unique_keys(sorted(events, key=lambda e: (e.starts_at, e.key)))
    return CalendarFile(events=tuple(unique), owner_email=owner)


# --- bytes to calendars ------------------------------------------------------------------


def _decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise CalendarError(
            f"This calendar file is too large to import (the limit is "
            f"{MAX_BYTES // (1024 * 1024)} MB). Export a shorter period and try again. "
            + _NOTHING_CHANGED
        )
    if not data.strip():
        raise CalendarError(_EMPTY)
    text = _text_of(data)
    first = next((line for line in _lines(text) if line), "")
    if first.upper() != "BEGIN:VCALENDAR":
        raise CalendarError(_CONTACT_CARD if first.upper() == "BEGIN:VCARD" else _NOT_A_CALENDAR)
    return text


def _text_of(data: bytes) -> str:
    # Windows tools sometimes save UTF-16 with a byte-order mark.
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise CalendarError(_BAD_TEXT) from None
    # Folding is by octet, and Outlook folds inside multi-byte characters: join before decoding.
    data = _FOLD.sub(b"", data)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # Old exporters write Windows-1252; guess that only for what is plainly a calendar.
    if not data.removeprefix(b"\xef\xbb\xbf").lstrip()[:15].upper() == b"BEGIN:VCALENDAR":
        raise CalendarError(_NOT_A_CALENDAR)
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise CalendarError(_BAD_TEXT) from None


def _parse(text: str) -> list[Calendar]:
    try:
        with warnings.catch_warnings():
            # Vendor-prefixed TZIDs make icalendar warn that it guessed; we resolve them anew.
            warnings.simplefilter("ignore", GloballyUniqueTZIDGuessed)
            found = Calendar.from_ical(text, multiple=True)
    except Exception as error:  # the parser's failures on bad input are not enumerated
        raise CalendarError(_DAMAGED) from error
    calendars = [c for c in found if c.name == "VCALENDAR"]
    # The parser silently drops a calendar that never ends: a truncated file.
    begun = sum(1 for line in _lines(text) if line.upper() == "BEGIN:VCALENDAR")
    if not calendars or len(calendars) < begun:
        raise CalendarError(_DAMAGED)
    return calendars


def _lines(text: str) -> Iterator[str]:
    # Content lines end in CRLF or LF only; a title may hold other Unicode line breaks.
    return (line.strip() for line in text.split("\n"))


def _owner(calendars: Iterable[Calendar]) -> str | None:
    # Google names an exported calendar after its owner's address.
    for calendar in calendars:
        address = _address(_text(calendar, "X-WR-CALNAME"))
        if address:
            return address
    return None


# --- preparing a calendar for expansion --------------------------------------------------


def _prepare(calendar: Calendar, zone: tzinfo) -> None:
    """Make each event self-consistent in place, so expansion neither fails nor guesses."""
    zones = _Zones(calendar)
    _prepare_events_in(calendar, zones, zone)
    _separate_reused_uids(calendar.walk("VEVENT"))
    _prepare_x_wr_timezone(calendar, zones)


def _prepare_events_in(component: Component, zones: _Zones, zone: tzinfo) -> None:
    # The expansion finds events at any depth, so a damaged file's nested ones count too.
    component.subcomponents = [
        c for c in component.subcomponents if c.name != "VEVENT" or _prepare_event(c, zones, zone)
    ]
    for child in component.subcomponents:
        _prepare_events_in(child, zones, zone)


def _prepare_event(event: Component, zones: _Zones, zone: tzinfo) -> bool:
    """Fix one event in place; False if it cannot be placed in time at all."""
    if _when(event, "DTSTART") is None:
        return False
    if "RECURRENCE-ID" in event and _when(event, "RECURRENCE-ID") is None:
        return False  # a moved occurrence we cannot match to its slot
    if not _text(event, "UID"):
        event["UID"] = _derived_uid(event)
    for name in ("DTEND", "DURATION", "RDATE", "EXDATE"):
        if name in event and not _all_valid(event[name]):
            del event[name]
    if "RRULE" in event and not all(_usable_rule(r) for r in _props(event["RRULE"])):
        del event["RRULE"]  # the first occurrence still stands
    for name in _DATE_PROPERTIES:
        for prop in _props(event.get(name)):
            _place(prop, zones, zone)
    _tidy_end(event)
    return True


def _separate_reused_uids(events: list[Component]) -> None:
    """Give each of several meetings sharing a UID (against the RFC) a UID of its own.

    The expansion would merge them into one. The new UID names the start, not the order in
    the file, so a later export listing them differently keeps each meeting's identity.
    """
    originals = [e for e in events if "RECURRENCE-ID" not in e]
    counts = Counter(_text(e, "UID") for e in originals)
    for event in originals:
        uid, start = _text(event, "UID"), _when(event, "DTSTART")
        if counts[uid] > 1 and start is not None:
            event["UID"] = f"{uid}@{_stamp(start)}"


def _usable_rule(rule: Any) -> bool:
    """A readable rule that repeats at most daily and moves forward.

    No calendar program offers meetings more frequent than daily; a rule repeating every
    second would take minutes and gigabytes to expand before any limit could stop it, and
    INTERVAL=0 never moves on at all (the expansion would loop forever).
    """
    if not isinstance(rule, vRecur):
        return False
    frequencies = {str(f).upper() for f in rule.get("FREQ", [])}
    if frequencies & {"SECONDLY", "MINUTELY", "HOURLY"}:
        return False
    per_day = 1
    for part in ("BYHOUR", "BYMINUTE", "BYSECOND"):
        per_day *= max(1, len(rule.get(part, [])))
    counts = [_number(v) for part in ("INTERVAL", "COUNT") for v in rule.get(part, [])]
    return per_day <= 24 and all(n is not None and n >= 1 for n in counts)


def _number(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _derived_uid(event: Component) -> str:
    """Some exporters leave out UID; title and start as written identify the event instead."""
    start = _when(event, "DTSTART")
    tzid = getattr(event.get("DTSTART"), "params", {}).get("TZID", "")
    # The wall time as written: the zone icalendar attached may vary (its cache is global).
    written = start.replace(tzinfo=None) if isinstance(start, datetime) else start
    utc = isinstance(start, datetime) and start.tzinfo is not None and not tzid
    seed = "\x1f".join((_text(event, "SUMMARY"), str(tzid), f"{written}{'Z' if utc else ''}"))
    return "reflect-" + hashlib.sha256(seed.encode()).hexdigest()[:32]


def _place(prop: vDDDTypes | vDDDLists, zones: _Zones, zone: tzinfo) -> None:
    """Attach the zone we resolved (wall time as written), or `zone` for floating times."""
    tzid = prop.params.get("TZID")
    named = (zones.resolve(str(tzid)) or zone) if tzid else None
    for value in getattr(prop, "dts", [prop]):
        value.dt = _placed(value.dt, named, zone)


def _placed(value: Any, named: tzinfo | None, zone: tzinfo) -> Any:
    if isinstance(value, tuple):  # an RDATE period
        return tuple(_placed(v, named, zone) for v in value)
    if not isinstance(value, datetime):
        return value
    if named is not None:
        return value.replace(tzinfo=named)
    return value if value.tzinfo is not None else value.replace(tzinfo=zone)


def _tidy_end(event: Component) -> None:
    """Drop an end that contradicts the start, and mark events that have none."""
    start, end = _when(event, "DTSTART"), _when(event, "DTEND")
    if "DTEND" in event and (
        start is None or end is None or _is_all_day(start) != _is_all_day(end) or end <= start
    ):
        del event["DTEND"]
    length = getattr(event.get("DURATION"), "dt", None)
    if "DURATION" in event and (not isinstance(length, timedelta) or length <= timedelta(0)):
        del event["DURATION"]
    if "DTEND" not in event and "DURATION" not in event:
        event[_OPEN_END] = "TRUE"


def _prepare_x_wr_timezone(calendar: Calendar, zones: _Zones) -> None:
    # The expansion moves UTC times into X-WR-TIMEZONE so weekly rules follow local clocks;
    # it needs an IANA name there, and fails on anything else.
    if "X-WR-TIMEZONE" not in calendar:
        return
    resolved = zones.resolve(_text(calendar, "X-WR-TIMEZONE"))
    if isinstance(resolved, ZoneInfo):
        calendar["X-WR-TIMEZONE"] = resolved.key
    else:
        del calendar["X-WR-TIMEZONE"]


class _Zones:
    """Time zones by TZID for one file.

    icalendar keeps the zones it builds from VTIMEZONE blocks in a process-wide cache keyed
    by TZID alone, so a second file defining "Customized Time Zone" differently would get
    the first file's offsets. We resolve every TZID here instead, per file.
    """

    def __init__(self, calendar: Calendar) -> None:
        self._blocks = {_text(c, "TZID"): c for c in calendar.walk("VTIMEZONE")}
        self._found: dict[str, tzinfo | None] = {}

    def resolve(self, tzid: str) -> tzinfo | None:
        if tzid not in self._found:
            self._found[tzid] = self._lookup(tzid)
        return self._found[tzid]

    def _lookup(self, tzid: str) -> tzinfo | None:
        cleaned = tzid.strip().strip('"').strip("/")
        # A vendor prefix, as libical writes: /freeassociation.sourceforge.net/Europe/London
        parts = cleaned.split("/")
        names = [cleaned, WINDOWS_TO_OLSON.get(cleaned, "")]
        names += ["/".join(parts[i:]) for i in range(1, len(parts))]
        for name in names:
            if name in _iana_names():
                return ZoneInfo(name)
        return self._from_block(tzid)

    def _from_block(self, tzid: str) -> tzinfo | None:
        block = self._blocks.get(tzid)
        if not isinstance(block, Timezone):
            return None
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # a malformed block is simply not used
                return tzp.create_timezone(block)
        except Exception:  # a malformed block: its times are taken as floating
            return None


@cache
def _iana_names() -> frozenset[str]:
    return frozenset(available_timezones())


# --- expansion ---------------------------------------------------------------------------


def _series_uids(calendar: Calendar) -> set[str]:
    """UIDs of events that repeat, so each occurrence needs a key of its own."""
    return {
        _text(e, "UID")
        for e in calendar.walk("VEVENT")
        if {"RRULE", "RDATE", "RECURRENCE-ID"} & set(e.keys())
    }


def _expand(calendar: Calendar, start: datetime, end: datetime) -> list[Component]:
    """Every occurrence overlapping the window; a series that will not expand is skipped."""
    try:
        query = recurring_ical_events.of(calendar, skip_bad_series=True)
        return list(query.between(start, end))
    except Exception as error:  # the expansion's failures on bad rules are not enumerated
        raise CalendarError(_DAMAGED) from error


def _overlaps(occurrence: Component, event: CalendarEvent, start: datetime, end: datetime) -> bool:
    # The expansion's own end (a day for an undated all-day event) decides overlap.
    ending = _when(occurrence, "DTEND")
    until = event.starts_at if ending is None else _as_moment(ending, event.starts_at.tzinfo)
    return event.starts_at < end and (until > start or event.starts_at >= start)


# --- one occurrence to one event ---------------------------------------------------------


def _event(
    occurrence: Component, zone: tzinfo, owner: str | None, series: set[str]
) -> CalendarEvent | None:
    uid = _text(occurrence, "UID")
    start = _when(occurrence, "DTSTART")
    if start is None:
        return None
    slot = _when(occurrence, "RECURRENCE-ID") or start
    starts_at, ends_at = _as_moment(start, zone), _end(occurrence, zone)
    attendees = _people(_props(occurrence.get("ATTENDEE")))
    organisers = _people(_props(occurrence.get("ORGANIZER")))
    return CalendarEvent(
        key=f"{uid}@{_stamp(slot)}" if uid in series else uid,
        uid=uid,
        title=_clean(_text(occurrence, "SUMMARY")) or UNTITLED,
        starts_at=starts_at,
        ends_at=ends_at if ends_at is not None and ends_at > starts_at else None,
        all_day=_is_all_day(start),
        location=_clean(_text(occurrence, "LOCATION")),
        attendees=tuple(a for a in attendees if owner is None or a.email != owner),
        organiser=organisers[0] if organisers else None,
        cancelled=_text(occurrence, "STATUS").strip().upper() == "CANCELLED",
    )


def _end(occurrence: Component, zone: tzinfo) -> datetime | None:
    end = None if _OPEN_END in occurrence else _when(occurrence, "DTEND")
    return None if end is None else _as_moment(end, zone)


def _stamp(slot: date) -> str:
    """The original slot of an occurrence, as it is written in UTC (or a date, all day)."""
    if isinstance(slot, datetime):
        return slot.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return slot.strftime("%Y%m%d")


def _unique_keys(events: list[CalendarEvent]) -> list[CalendarEvent]:
    """Drop exact repeats; keys stay unique whatever the file holds."""
    seen: set[str] = set()
    unique: list[CalendarEvent] = []
    for event in events:
        key = event.key
        if key in seen:
            key = f"{event.key}@{_stamp(event.starts_at)}"
            if key in seen:
                continue
            event = replace(event, key=key)
        seen.add(key)
        unique.append(event)
    return unique


# --- people ------------------------------------------------------------------------------


def _people(props: Iterable[Any]) -> list[CalendarAttendee]:
    """Readable, de-duplicated people; rooms and equipment are not people."""
    people: list[CalendarAttendee] = []
    seen: set[str] = set()
    for prop in props:
        params = getattr(prop, "params", {})
        if str(params.get("CUTYPE", "")).upper() in {"ROOM", "RESOURCE"}:
            continue
        person = _person(str(prop), _clean(str(params.get("CN", ""))))
        identity = person.email if person.email else person.name.casefold()
        if person.name and identity not in seen:
            seen.add(identity)
            people.append(person)
    return people


def _person(value: str, cn: str) -> CalendarAttendee:
    email = _address(value)
    if cn and not _address(cn):
        return CalendarAttendee(name=cn, email=email)
    # Outlook repeats the address as the name: read a name from the address instead.
    address = email or _address(cn)
    return CalendarAttendee(name=_name_from(address) if address else "", email=email)


def _address(value: str) -> str | None:
    text = value.strip()
    if text[:7].lower() == "mailto:":
        text = text[7:].strip()
    return text.lower() if _ADDRESS.fullmatch(text) else None


def _name_from(address: str) -> str:
    """j.okafor@council.gov.uk -> J Okafor; the address itself when that says nothing."""
    words = [w for w in _NAME_PARTS.split(address.split("@")[0]) if w]
    if not any(c.isalpha() for w in words for c in w):
        return address
    return " ".join(w.capitalize() for w in words)


# --- small readers -----------------------------------------------------------------------


def _text(component: Component, name: str) -> str:
    value = component.get(name)
    if isinstance(value, list):  # a property given twice: the first one counts
        value = value[0] if value else None
    return "" if value is None else str(value)


def _clean(text: str) -> str:
    """One line, single spaces, no control characters."""
    visible = "".join(" " if unicodedata.category(c) == "Cc" else c for c in text)
    return " ".join(visible.split())


def _props(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _when(component: Component, name: str) -> date | None:
    """A date or date-time property's value; None if it is missing or unreadable."""
    prop = component.get(name)
    if isinstance(prop, vDDDTypes) and isinstance(prop.dt, date):
        return prop.dt
    return None


def _all_valid(value: Any) -> bool:
    return all(isinstance(p, vDDDTypes | vDDDLists) for p in _props(value))


def _is_all_day(value: date) -> bool:
    return not isinstance(value, datetime)


def _as_moment(value: date, zone: tzinfo | None) -> datetime:
    """A date is local midnight in `zone`; a date-time is the same instant seen in `zone`."""
    if isinstance(value, datetime):
        return value.astimezone(zone)
    return datetime.combine(value, time(), tzinfo=zone)
