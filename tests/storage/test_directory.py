"""The people and organisations directory: built from mentions, renamed and merged
everywhere, with trust and agreement history that survives both."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from reflect.meetings import Meeting
from reflect.model import NewReflection, Section
from reflect.query import Filters
from reflect.trust import Stance, TrustRating
from storage.contacts import NameTaken
from storage.vault import Vault

MARCH = datetime(2026, 3, 1, 10, 0, tzinfo=UTC)


def write(vault: Vault, text: str, people: list[str], organisations: list[str] = ()) -> uuid.UUID:
    return vault.add(
        NewReflection(sections=(Section(text),), people=people, organisations=list(organisations))
    ).id


def rating(person_id: uuid.UUID, days: int, trust: int, agreement: int | None) -> TrustRating:
    return TrustRating(uuid.uuid4(), person_id, MARCH + timedelta(days=days), trust, agreement)


def names(vault: Vault) -> list[str]:
    return [s.person.name for s in vault.directory.people()]


def test_people_enter_the_directory_when_first_mentioned(any_vault: Vault) -> None:
    write(any_vault, "Hard board.", ["Dr Amy Shah", "Cllr Peter Nkemelu"], ["Northshire ICB"])
    write(any_vault, "Follow-up chat.", ["dr amy  shah"])
    assert names(any_vault) == ["Cllr Peter Nkemelu", "Dr Amy Shah"]
    assert [o.name for o in any_vault.directory.organisations()] == ["Northshire ICB"]
    amy = next(s for s in any_vault.directory.people() if s.person.name == "Dr Amy Shah")
    assert amy.reflections == 2
    # The second reflection's spelling follows the directory's.
    assert any_vault.newest(limit=1)[0].people == ("Dr Amy Shah",)


def test_renaming_a_person_renames_them_everywhere(any_vault: Vault) -> None:
    rid = write(any_vault, "She held the room.", ["Amy"])
    meeting = any_vault.meetings.save(Meeting.new("Board", MARCH, people=["Amy", "Raj"]))
    amy = any_vault.directory.find_person("Amy")
    assert amy is not None
    any_vault.directory.rename("person", amy.id, "Dr Amy Shah")

    assert any_vault.get(rid).people == ("Dr Amy Shah",)
    assert any_vault.meetings.get(meeting.id).people == ("Dr Amy Shah", "Raj")
    assert any_vault.count(Filters(people=("Dr Amy Shah",))) == 1
    assert [h.reflection.id for h in any_vault.search("Shah")] == [rid]
    assert any_vault.search("Amy") != []  # still a word of the new name
    # Typing the old name later still lands on her.
    later = write(any_vault, "Again.", ["amy"])
    assert any_vault.get(later).people == ("Dr Amy Shah",)
    assert names(any_vault) == ["Dr Amy Shah", "Raj"]


def test_renaming_onto_another_persons_name_is_refused_and_changes_nothing(
    any_vault: Vault,
) -> None:
    rid = write(any_vault, "Two people.", ["Amy", "Raj"])
    amy = any_vault.directory.find_person("Amy")
    assert amy is not None
    with pytest.raises(NameTaken, match="Merge"):
        any_vault.directory.rename("person", amy.id, "RAJ")
    assert any_vault.get(rid).people == ("Amy", "Raj")
    assert names(any_vault) == ["Amy", "Raj"]


def test_merging_keeps_every_mention_rating_and_note(any_vault: Vault) -> None:
    both = write(any_vault, "Both spellings.", ["A. Shah", "Amy Shah"])
    only_short = write(any_vault, "Short spelling.", ["A. Shah"])
    meeting = any_vault.meetings.save(Meeting.new("Huddle", MARCH, people=["A. Shah"]))
    short = any_vault.directory.find_person("A. Shah")
    full = any_vault.directory.find_person("Amy Shah")
    assert short is not None and full is not None
    any_vault.directory.save_person(replace(short, role="Director of nursing", notes="Blunt."))
    any_vault.directory.save_person(replace(full, notes="Kind."))
    any_vault.directory.add_rating(rating(short.id, 0, 3, 2))
    any_vault.directory.add_rating(rating(full.id, 30, 6, 7))
    any_vault.directory.add_rating(rating(short.id, 60, 8, None))

    any_vault.directory.merge("person", short.id, full.id)

    assert names(any_vault) == ["Amy Shah"]
    merged = any_vault.directory.get_person(full.id)
    assert merged.role == "Director of nursing"
    assert "Kind." in merged.notes and "Blunt." in merged.notes
    path = any_vault.directory.ratings(full.id)
    assert [(r.trust, r.agreement) for r in path] == [(3, 2), (6, 7), (8, None)]
    assert [r.stance for r in path] == [Stance.ADVERSARY, Stance.ALLY, Stance.FENCE_SITTER]
    assert any_vault.get(both).people == ("Amy Shah",)
    assert any_vault.get(only_short).people == ("Amy Shah",)
    assert any_vault.meetings.get(meeting.id).people == ("Amy Shah",)
    assert any_vault.count(Filters(people=("Amy Shah",))) == 2
    assert any_vault.count(Filters(people=("A. Shah",))) == 0
    summary = any_vault.directory.people()[0]
    assert (summary.reflections, summary.meetings) == (2, 1)
    assert summary.latest is not None and summary.latest.trust == 8


def test_ratings_survive_edits_of_the_person(any_vault: Vault) -> None:
    write(any_vault, "x", ["Raj"])
    raj = any_vault.directory.find_person("Raj")
    assert raj is not None
    any_vault.directory.add_rating(rating(raj.id, 0, 2, 2))
    any_vault.directory.save_person(replace(raj, name="Raj Patel", role="Chief executive"))
    any_vault.directory.add_rating(rating(raj.id, 10, 7, 8))
    assert [r.trust for r in any_vault.directory.ratings(raj.id)] == [2, 7]
    assert any_vault.directory.latest_ratings()[raj.id].stance is Stance.ALLY


def test_a_bad_rating_is_refused_and_changes_nothing(any_vault: Vault) -> None:
    raj = any_vault.directory.add_person("Raj")
    with pytest.raises(Exception, match="trust"):
        any_vault.directory.add_rating(rating(raj.id, 0, 11, 3))
    assert any_vault.directory.ratings(raj.id) == []


def test_renaming_an_organisation_renames_it_on_people_too(any_vault: Vault) -> None:
    rid = write(any_vault, "x", ["Raj"], ["Northshire CCG"])
    raj = any_vault.directory.find_person("Raj")
    assert raj is not None
    any_vault.directory.save_person(replace(raj, organisation="Northshire CCG"))
    org = any_vault.directory.organisations()[0]
    any_vault.directory.rename("organisation", org.id, "Northshire ICB")
    assert any_vault.get(rid).organisations == ("Northshire ICB",)
    assert any_vault.directory.get_person(raj.id).organisation == "Northshire ICB"
    assert [o.name for o in any_vault.directory.organisations()] == ["Northshire ICB"]


def test_merging_organisations_moves_their_people_and_mentions(any_vault: Vault) -> None:
    old = write(any_vault, "x", ["Raj"], ["Northshire CCG"])
    new = write(any_vault, "y", ["Amy"], ["Northshire ICB"])
    for name, organisation in (("Raj", "northshire ccg"), ("Amy", "Northshire ICB")):
        person = any_vault.directory.find_person(name)
        assert person is not None
        any_vault.directory.save_person(replace(person, organisation=organisation))
    ccg, icb = any_vault.directory.organisations()
    assert ccg.name == "Northshire CCG"
    summaries = {s.organisation.name: s for s in any_vault.directory.organisation_summaries()}
    assert (summaries["Northshire CCG"].people, summaries["Northshire CCG"].reflections) == (1, 1)

    any_vault.directory.merge("organisation", ccg.id, icb.id)

    assert [o.name for o in any_vault.directory.organisations()] == ["Northshire ICB"]
    assert any_vault.get(old).organisations == ("Northshire ICB",)
    assert any_vault.get(new).organisations == ("Northshire ICB",)
    assert [p.name for p in any_vault.directory.people_of("northshire icb")] == ["Amy", "Raj"]
    (summary,) = any_vault.directory.organisation_summaries()
    assert (summary.people, summary.reflections) == (2, 2)
