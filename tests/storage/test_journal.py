"""Writing, editing with history, the trash and drafts, as a user meets them."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest

from reflect.drafts import Draft
from reflect.frameworks import Lens, Way
from reflect.model import NewReflection, Section
from reflect.query import Filters
from storage.errors import JournalExists, NotFound
from storage.vault import Vault


def write(vault: Vault, text: str, **fields: object) -> uuid.UUID:
    return vault.add(NewReflection(sections=(Section(text),), **fields)).id  # type: ignore[arg-type]


def test_an_edit_keeps_every_earlier_version_in_order(any_vault: Vault) -> None:
    rid = write(any_vault, "first thoughts")
    for text in ("second thoughts", "third thoughts"):
        assert any_vault.update(any_vault.get(rid).with_first_section_text(text))
    assert [v.reflection.body for v in any_vault.history(rid)] == [
        "first thoughts",
        "second thoughts",
    ]
    assert any_vault.get(rid).body == "third thoughts"


def test_saving_unchanged_text_adds_no_version(any_vault: Vault) -> None:
    rid = write(any_vault, "same")
    assert not any_vault.update(any_vault.get(rid))
    assert any_vault.history(rid) == []


def test_an_earlier_version_can_be_made_current_without_losing_the_latest(any_vault: Vault) -> None:
    rid = write(any_vault, "original")
    any_vault.update(any_vault.get(rid).with_first_section_text("rewritten"))
    any_vault.restore_revision(rid, 1)
    assert any_vault.get(rid).body == "original"
    assert [v.reflection.body for v in any_vault.history(rid)] == ["original", "rewritten"]
    assert any_vault.search("rewritten") == []
    assert [h.reflection.id for h in any_vault.search("original")] == [rid]


def test_delete_goes_to_the_trash_and_restore_brings_it_back(any_vault: Vault) -> None:
    rid = write(any_vault, "a candid note about the partnership")
    any_vault.delete(rid)
    assert any_vault.newest() == []
    assert any_vault.search("partnership") == []
    assert [t.reflection.id for t in any_vault.trash()] == [rid]
    any_vault.restore(rid)
    assert [r.id for r in any_vault.newest()] == [rid]
    assert [h.reflection.id for h in any_vault.search("partnership")] == [rid]
    assert any_vault.trash() == []


def test_emptying_the_trash_deletes_for_good(any_vault: Vault) -> None:
    keep, gone = write(any_vault, "keep this"), write(any_vault, "lose this")
    any_vault.delete(gone)
    assert any_vault.empty_trash() == 1
    with pytest.raises(NotFound):
        any_vault.get(gone)
    assert any_vault.get(keep).body == "keep this"


def test_the_same_id_cannot_be_added_twice(any_vault: Vault) -> None:
    r = NewReflection(sections=(Section("once"),)).build()
    any_vault.add(r)
    with pytest.raises(JournalExists):
        any_vault.add(r)
    assert any_vault.count() == 1


def test_ids_resolve_from_a_unique_prefix(any_vault: Vault) -> None:
    rid = write(any_vault, "x")
    assert any_vault.resolve_id(str(rid)[:8]) == rid
    assert any_vault.resolve_id(str(rid).upper()) == rid
    with pytest.raises(NotFound):
        any_vault.resolve_id("zzzz")
    with pytest.raises(NotFound):
        any_vault.resolve_id("ab")


def test_newest_first_with_every_filter(any_vault: Vault) -> None:
    day = datetime(2026, 5, 1, 9, tzinfo=UTC)
    a = write(any_vault, "a", happened_at=day, ways=[Way.FEELING], tags=["Board"], starred=True)
    b = write(any_vault, "b", happened_at=day + timedelta(days=1), people=["Sam Ode"])
    c = any_vault.add(
        NewReflection(
            sections=(Section("c", Lens.HISTORIAN),),
            happened_at=day + timedelta(days=2),
            organisations=["County Council"],
        )
    ).id
    assert [r.id for r in any_vault.newest()] == [c, b, a]

    def ids(**kw: object) -> list[uuid.UUID]:
        return [r.id for r in any_vault.newest(Filters(**kw))]  # type: ignore[arg-type]

    assert ids(ways=frozenset({Way.FEELING})) == [a]
    assert ids(tags=("board",)) == [a]
    assert ids(people=("sam ode",)) == [b]
    assert ids(organisations=("County Council",)) == [c]
    assert ids(lenses=frozenset({Lens.HISTORIAN})) == [c]
    assert ids(starred=True) == [a]
    assert ids(since=day + timedelta(hours=1)) == [c, b]
    assert ids(until=day + timedelta(days=1)) == [b, a]
    assert ids(ways=frozenset({Way.FEELING}), people=("Sam Ode",)) == []
    assert [r.id for r in any_vault.newest(limit=1, offset=1)] == [b]
    assert any_vault.count(Filters(starred=False)) == 2


def test_drafts_are_kept_until_discarded(any_vault: Vault) -> None:
    draft = Draft(
        id=uuid.uuid4(),
        title="Half a thought",
        sections=(Section("I wanted to say", Lens.BIOGRAPHER),),
        updated_at=datetime.now(UTC),
    )
    any_vault.save_draft(draft)
    later = Draft(draft.id, draft.title, (Section("I wanted to say more"),), datetime.now(UTC))
    any_vault.save_draft(later)
    assert [(d.id, d.sections) for d in any_vault.pending_drafts()] == [(draft.id, later.sections)]
    any_vault.discard_draft(draft.id)
    assert any_vault.pending_drafts() == []


def test_a_draft_survives_locking_and_unlocking(journal_dir: object, recovery_key: str) -> None:
    from pathlib import Path

    folder = Path(str(journal_dir))
    with Vault.unlock(folder, recovery_key=recovery_key) as vault:
        vault.save_draft(Draft(uuid.uuid4(), "t", (Section("unsaved words"),), datetime.now(UTC)))
    with Vault.unlock(folder, recovery_key=recovery_key) as vault:
        assert vault.pending_drafts()[0].sections[0].text == "unsaved words"


def test_a_closing_vault_stops_its_integrity_check(any_vault: Vault) -> None:
    """Locking must not wait for a whole-file check (seconds on a large journal)."""
    for i in range(20):
        any_vault.add(NewReflection(sections=(Section(f"page filler {i} " * 40),)))
    assert any_vault.quick_check() == ()
    any_vault.stop_checks()
    with pytest.raises(Exception, match="interrupted"):
        any_vault.quick_check()
    any_vault.lock()
    assert any_vault.is_locked
