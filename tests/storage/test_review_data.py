"""What the yearly review gathers from a real journal: the right year, nothing from the trash."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from reflect.followups import FollowUp, FollowUpStatus
from reflect.frameworks import Way
from reflect.meetings import Meeting
from reflect.model import NewReflection, Section
from reflect.review import Period, build_review
from reflect.storylines import Storyline
from reflect.trust import Stance, TrustRating
from storage.review_data import review_input, years_with_reflections
from storage.vault import Vault

YEAR = Period.year(2026)
TODAY = date(2026, 6, 30)


def at(y: int, m: int, d: int, hour: int = 10) -> datetime:
    return datetime(y, m, d, hour, 0, tzinfo=UTC)


def write(vault: Vault, when: datetime, text: str, **kw: object) -> uuid.UUID:
    return vault.add(NewReflection(sections=(Section(text),), happened_at=when, **kw)).id  # type: ignore[arg-type]


def test_review_input_gathers_the_year_from_one_snapshot(vault: Vault) -> None:
    older = write(vault, at(2025, 11, 3), "The winter pressures began.", ways=[Way.RELATING])
    write(vault, at(2025, 12, 31, 23), "Last of the year.")
    first = write(vault, at(2026, 1, 1, 0), "Discharge to assess, first look.", people=["Amy Shah"])
    second = write(vault, at(2026, 3, 4), "Discharge to assess again.", starred=True)
    third = write(vault, at(2026, 12, 31, 23), "The winter pressures are back.")
    trashed = write(vault, at(2026, 5, 5), "Deleted thought.")
    vault.delete(trashed)
    write(vault, at(2027, 1, 2), "Next year already.")
    gone = write(vault, at(2024, 6, 1), "Only in the trash.")
    vault.delete(gone)

    # Meetings: two held (one reflected on), one cancelled, one still to come.
    held = vault.meetings.save(Meeting.new("Discharge huddle", at(2026, 2, 2)))
    vault.meetings.save(Meeting.new("Board", at(2026, 4, 1)))
    cancelled = vault.meetings.save(Meeting.new("Cancelled", at(2026, 4, 2)))
    vault.meetings.save(Meeting.new("Later", at(2026, 9, 1)))
    vault.meetings.save(Meeting.new("Last year", at(2025, 9, 1)))
    with vault.writing() as conn:
        conn.execute("UPDATE meeting SET cancelled = 1 WHERE id = :id", {"id": str(cancelled.id)})
    after = write(vault, at(2026, 2, 2, 12), "After the huddle.", meeting_id=held.id)

    # Ratings: Amy moved from adversary (last year) to ally (this year).
    amy = vault.directory.find_person("Amy Shah")
    assert amy is not None
    for when, trust, agreement in ((at(2025, 10, 1), 2, 2), (at(2026, 5, 1), 8, 9)):
        vault.directory.add_rating(TrustRating(uuid.uuid4(), amy.id, when, trust, agreement))
    vault.directory.add_rating(TrustRating(uuid.uuid4(), amy.id, at(2027, 2, 1), 1, 1))

    # Follow-ups: two made this year (one done), one made last year.
    made = [
        vault.follow_ups.add(FollowUp(uuid.uuid4(), first, "Ring Amy", at(2026, 1, 2))),
        vault.follow_ups.add(FollowUp(uuid.uuid4(), second, "Book a room", at(2026, 3, 5))),
        vault.follow_ups.add(FollowUp(uuid.uuid4(), older, "Old one", at(2025, 11, 4))),
    ]
    vault.follow_ups.close(made[1].id, FollowUpStatus.DONE)

    # Storylines: one running since last year, one with nothing this year.
    running = vault.storylines.save(Storyline(uuid.uuid4(), "Hospital discharge", at(2025, 1, 1)))
    quiet = vault.storylines.save(Storyline(uuid.uuid4(), "Quiet one", at(2025, 1, 1)))
    for member in (older, first, second):
        vault.storylines.set_member(running.id, member, True)
    vault.storylines.set_member(quiet.id, older, True)

    gathered = review_input(vault, YEAR, zone=UTC, today=TODAY)

    assert gathered.period == YEAR and gathered.zone is UTC and gathered.today == TODAY
    # Oldest first; not the trashed one, nor 2025's or 2027's.
    assert [r.id for r in gathered.reflections] == [first, after, second, third]
    assert [r.title or r.body for r in gathered.previous] == [
        "The winter pressures began.",
        "Last of the year.",
    ]
    assert [(name, r.stance) for name, r in gathered.ratings] == [
        ("Amy Shah", Stance.ADVERSARY),
        ("Amy Shah", Stance.ALLY),
    ]
    assert (gathered.meetings_held, gathered.meetings_reflected) == (2, 1)
    assert [f.text for f in gathered.follow_ups] == ["Ring Amy", "Book a room"]
    assert [(name, [r.id for r in rs]) for name, rs in gathered.storylines] == [
        ("Hospital discharge", [older, first, second])
    ]
    # The reflections of the period are shared, not read twice.
    assert gathered.storylines[0][1][1] is gathered.reflections[0]

    review = build_review(gathered)
    assert review.total == 4
    assert [t.phrase for t in review.themes] == ["discharge to assess"]
    assert review.trust_moves[0].person == "Amy Shah"
    assert review.trust_moves[0].to_stance is Stance.ALLY
    assert review.follow_ups.made == 2 and review.follow_ups.done == 1
    assert review.light_bulbs == ((second, "Discharge to assess again.", date(2026, 3, 4)),)
    assert review.compared is not None and review.compared.previous_total == 2
    assert review.storylines[0].before == 1 and review.storylines[0].in_period == 2
    # Days after "today" are not gaps.
    assert all(g.end <= TODAY for g in review.longest_gaps)

    assert years_with_reflections(vault, UTC) == [2025, 2026, 2027]


def test_an_empty_journal_has_no_years_and_an_empty_review(vault: Vault) -> None:
    assert years_with_reflections(vault) == []
    gathered = review_input(vault, YEAR, today=TODAY)
    assert (len(gathered.reflections), len(gathered.previous)) == (0, 0)
    assert (gathered.meetings_held, gathered.meetings_reflected) == (0, 0)
    review = build_review(gathered)
    assert review.total == 0 and review.compared is None


def test_a_future_year_counts_no_meeting_as_held(vault: Vault) -> None:
    vault.meetings.save(Meeting.new("Planned", at(2027, 3, 1)))
    gathered = review_input(vault, Period.year(2027), zone=UTC, today=TODAY)
    assert gathered.meetings_held == 0
