"""Follow-ups come due and close with a linked reflection; storylines gather a timeline."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest

from reflect.followups import FollowUp, FollowUpStatus
from reflect.model import NewReflection, Section
from reflect.storylines import Storyline
from storage.errors import JournalExists, NotFound
from storage.vault import Vault

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def write(vault: Vault, text: str, days: int = 0) -> uuid.UUID:
    return vault.add(
        NewReflection(sections=(Section(text),), happened_at=NOW + timedelta(days=days))
    ).id


def follow_up(rid: uuid.UUID, text: str, on: date | None) -> FollowUp:
    return FollowUp(uuid.uuid4(), rid, text, NOW, on)


def test_a_follow_up_comes_due_on_its_date_and_closes_with_its_outcome(any_vault: Vault) -> None:
    rid = write(any_vault, "Agreed a discharge pilot.")
    item = any_vault.follow_ups.add(follow_up(rid, "  Pilot   starts ", date(2026, 3, 9)))
    undated = any_vault.follow_ups.add(follow_up(rid, "Thank the ward team", None))
    assert item.text == "Pilot starts"
    assert any_vault.follow_ups.due(date(2026, 3, 8)) == []
    assert [f.id for f in any_vault.follow_ups.due(date(2026, 3, 9))] == [item.id]

    outcome = write(any_vault, "The pilot started late.", days=8)
    any_vault.follow_ups.close(item.id, FollowUpStatus.DONE, outcome)
    closed = any_vault.follow_ups.get(item.id)
    assert closed.status is FollowUpStatus.DONE
    assert closed.outcome_reflection_id == outcome and closed.closed_at is not None
    assert any_vault.follow_ups.due(date(2026, 4, 1)) == []
    assert [f.id for f in any_vault.follow_ups.listed([FollowUpStatus.OPEN])] == [undated.id]
    any_vault.follow_ups.close(undated.id, FollowUpStatus.DROPPED)
    # Most recently closed first.
    assert [f.status for f in any_vault.follow_ups.listed()] == [
        FollowUpStatus.DROPPED,
        FollowUpStatus.DONE,
    ]
    assert [f.id for f in any_vault.follow_ups.of_reflection(rid)] == [item.id, undated.id]


def test_follow_ups_go_to_the_trash_with_their_reflection(any_vault: Vault) -> None:
    rid = write(any_vault, "x")
    item = any_vault.follow_ups.add(follow_up(rid, "Ring back", date(2026, 3, 3)))
    any_vault.delete(rid)
    assert any_vault.follow_ups.due(date(2026, 3, 9)) == []
    any_vault.restore(rid)
    assert [f.id for f in any_vault.follow_ups.due(date(2026, 3, 9))] == [item.id]
    any_vault.delete(rid)
    any_vault.empty_trash()
    with pytest.raises(NotFound):
        any_vault.follow_ups.get(item.id)


def test_a_follow_up_needs_a_saved_reflection_and_words(any_vault: Vault) -> None:
    with pytest.raises(NotFound, match="Save the reflection"):
        any_vault.follow_ups.add(follow_up(uuid.uuid4(), "x", None))
    rid = write(any_vault, "x")
    with pytest.raises(Exception, match="words"):
        any_vault.follow_ups.add(follow_up(rid, "   ", None))
    assert any_vault.follow_ups.listed() == []


def test_a_storyline_is_a_timeline_oldest_first(any_vault: Vault) -> None:
    late = write(any_vault, "Year two of discharge.", days=400)
    early = write(any_vault, "Discharge work begins.", days=0)
    other = write(any_vault, "Unrelated.", days=5)
    discharge = any_vault.storylines.save(Storyline(uuid.uuid4(), "Hospital discharge", NOW))
    dementia = any_vault.storylines.save(Storyline(uuid.uuid4(), "Dementia programme", NOW))
    for rid in (late, early):
        any_vault.storylines.set_member(discharge.id, rid, True)
    any_vault.storylines.set_member(dementia.id, early, True)
    any_vault.storylines.set_member(discharge.id, early, True)  # twice is once

    assert [r.id for r in any_vault.storylines.timeline(discharge.id)] == [early, late]
    assert [s.name for s in any_vault.storylines.of_reflection(early)] == [
        "Dementia programme",
        "Hospital discharge",
    ]
    assert {s.storyline.name: s.reflections for s in any_vault.storylines.listed()} == {
        "Dementia programme": 1,
        "Hospital discharge": 2,
    }
    any_vault.storylines.set_member(discharge.id, late, False)
    assert [r.id for r in any_vault.storylines.timeline(discharge.id)] == [early]
    any_vault.storylines.delete(dementia.id)
    assert any_vault.get(early).id == early and any_vault.get(other).id == other


def test_storyline_names_are_unique_ignoring_case(any_vault: Vault) -> None:
    any_vault.storylines.save(Storyline(uuid.uuid4(), "Hospital discharge", NOW))
    with pytest.raises(JournalExists, match="already a storyline"):
        any_vault.storylines.save(Storyline(uuid.uuid4(), "hospital  DISCHARGE", NOW))
    assert len(any_vault.storylines.listed()) == 1
