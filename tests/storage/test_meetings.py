"""Meetings: typed in or imported from a calendar, waiting for a reflection until one links."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from reflect.calendar_import import CalendarAttendee, CalendarEvent
from reflect.errors import ValidationError
from reflect.meetings import Meeting
from reflect.model import NewReflection, Section
from storage.vault import Vault

MONDAY = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)
WEEK = (MONDAY - timedelta(days=1), MONDAY + timedelta(days=7))


def event(key: str, hours: int, title: str = "Discharge huddle", **kw: object) -> CalendarEvent:
    values: dict[str, object] = {
        "key": key,
        "uid": key.split("@")[0],
        "title": title,
        "starts_at": MONDAY + timedelta(hours=hours),
        "ends_at": MONDAY + timedelta(hours=hours + 1),
        "all_day": False,
        "location": "Ward 7",
        "attendees": (
            CalendarAttendee("Dr Amy Shah", "amy.shah@nhs.net"),
            CalendarAttendee("J Okafor", "j.okafor@council.gov.uk"),
        ),
        "organiser": None,
        "cancelled": False,
    }
    values.update(kw)
    return CalendarEvent(**values)  # type: ignore[arg-type]


def test_a_typed_meeting_round_trips_and_names_join_the_directory(any_vault: Vault) -> None:
    saved = any_vault.meetings.save(
        Meeting.new(
            "  Health and wellbeing   board ",
            MONDAY,
            ends_at=MONDAY + timedelta(hours=2),
            people=["Cllr Ada Brook", "cllr ada brook", "Raj"],
            organisations=["Northshire Council"],
            location="Town hall",
            programme="Better Care Fund",
        )
    )
    assert saved.title == "Health and wellbeing board"
    assert saved.people == ("Cllr Ada Brook", "Raj")
    assert any_vault.meetings.get(saved.id) == saved
    assert {s.person.name for s in any_vault.directory.people()} == {"Cllr Ada Brook", "Raj"}
    assert [m.id for m in any_vault.meetings.with_person("raj")] == [saved.id]


def test_a_meeting_that_ends_before_it_starts_is_refused(any_vault: Vault) -> None:
    with pytest.raises(ValidationError, match="ends before"):
        any_vault.meetings.save(Meeting.new("x", MONDAY, ends_at=MONDAY - timedelta(hours=1)))
    assert any_vault.meetings.between(*WEEK) == []


def test_a_meeting_waits_for_a_reflection_until_one_links_to_it(any_vault: Vault) -> None:
    board = any_vault.meetings.save(Meeting.new("Board", MONDAY))
    huddle = any_vault.meetings.save(Meeting.new("Huddle", MONDAY + timedelta(hours=3)))
    any_vault.meetings.save(Meeting.new("Old", MONDAY - timedelta(days=30)))
    assert [m.title for m in any_vault.meetings.waiting(*WEEK)] == ["Huddle", "Board"]

    rid = any_vault.add(NewReflection(sections=(Section("It went well."),), meeting_id=board.id)).id
    any_vault.meetings.dismiss(huddle.id)
    assert any_vault.meetings.waiting(*WEEK) == []
    assert any_vault.meetings.reflection_ids(board.id) == [rid]
    any_vault.delete(rid)  # its reflection in the trash: waiting again
    assert [m.title for m in any_vault.meetings.waiting(*WEEK)] == ["Board"]


def test_importing_the_same_calendar_twice_adds_nothing(any_vault: Vault) -> None:
    events = [event("a", 0), event("b@20261116T130000Z", 4), event("b@20261123T130000Z", 172)]
    first = any_vault.meetings.import_events(events)
    assert (first.added, first.updated, first.unchanged, first.people_added) == (3, 0, 0, 2)
    again = any_vault.meetings.import_events(events)
    assert (again.added, again.updated, again.unchanged, again.people_added) == (0, 0, 3, 0)
    assert len(any_vault.meetings.between(MONDAY, MONDAY + timedelta(days=14))) == 3
    assert len(any_vault.directory.people()) == 2


def test_a_moved_or_cancelled_occurrence_updates_its_meeting(any_vault: Vault) -> None:
    any_vault.meetings.import_events([event("a", 0), event("b", 4)])
    rid = uuid.uuid4()
    meeting = any_vault.meetings.between(*WEEK)[1]
    any_vault.add(NewReflection(sections=(Section("x"),), meeting_id=meeting.id, id=rid))

    moved = event("a", 2, title="Discharge huddle (moved)")
    report = any_vault.meetings.import_events([moved, event("b", 4, cancelled=True)])
    assert (report.added, report.updated) == (0, 2)
    listed = any_vault.meetings.between(*WEEK)
    assert [(m.title, m.starts_at) for m in listed] == [
        ("Discharge huddle (moved)", MONDAY + timedelta(hours=2))
    ]
    assert listed[0].id == meeting.id  # the reflection still points at its meeting
    assert any_vault.get(rid).meeting_id == meeting.id


def test_attendees_are_matched_by_address_after_a_rename(any_vault: Vault) -> None:
    any_vault.meetings.import_events([event("a", 0)])
    person = any_vault.directory.find_person("J Okafor")
    assert person is not None and person.email == "j.okafor@council.gov.uk"
    any_vault.directory.save_person(replace(person, name="Joy Okafor"))
    any_vault.meetings.import_events([event("c", 5)])
    assert any_vault.meetings.between(*WEEK)[0].people == ("Dr Amy Shah", "Joy Okafor")
    assert sorted(s.person.name for s in any_vault.directory.people()) == [
        "Dr Amy Shah",
        "Joy Okafor",
    ]


def test_calendar_slips_are_mended_not_fatal(any_vault: Vault) -> None:
    odd = event("a", 3, title="x" * 400, ends_at=MONDAY)
    any_vault.meetings.import_events([odd])
    (meeting,) = any_vault.meetings.between(*WEEK)
    assert len(meeting.title) == 300 and meeting.ends_at is None


def test_a_failed_import_changes_nothing(any_vault: Vault) -> None:
    bad = event("z", 1, starts_at=datetime(2026, 11, 16, 9, 0))  # no zone: refused
    with pytest.raises(ValidationError):
        any_vault.meetings.import_events([event("a", 0), bad])
    assert any_vault.meetings.between(*WEEK) == []
    assert any_vault.directory.people() == []
