"""The export holds the whole journal, not only reflections (issue 8, acceptance 1).

Export, import into an empty journal, export again: the two files are identical,
for hypothesis-generated journals with meetings, people, follow-ups, storylines,
prompt choices, buddies, shares and attachments.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from reflect import export_format, export_records
from reflect.export_format import JournalExport
from storage.encrypted_export import export_encrypted, import_encrypted
from storage.errors import ImportFailed
from storage.exchange import export_document, export_to_file, import_file, import_journal
from storage.vault import Vault
from tests.strategies import journal_exports

FIXTURE_OK = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
EXPORT_PASSPHRASE = "copper meadow lantern seventy 88"

SHARING_KEYS = {
    "name": "Ngozi",
    "age_identity": "AGE-SECRET-KEY-1EXAMPLE",
    "signing_private": export_records.encode(b"k" * 32),
    "created_at": "2026-01-05T09:00:00.000000+00:00",
}

EmptyJournal = Callable[[], contextlib.AbstractContextManager[Vault]]


@pytest.fixture
def empty_journal(tmp_path: Path, journal_template: tuple[Path, str]) -> EmptyJournal:
    """Opens a new empty journal each time it is entered, and removes it afterwards."""
    numbers = itertools.count()

    @contextlib.contextmanager
    def opened() -> Iterator[Vault]:
        target = tmp_path / f"journal-{next(numbers)}"
        shutil.copytree(journal_template[0], target)
        vault = Vault.unlock(target, recovery_key=journal_template[1])
        try:
            yield vault
        finally:
            vault.lock()
            shutil.rmtree(target)

    return opened


def without_time(path: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    del document["exported_at"]
    return document


@settings(max_examples=40, deadline=None, suppress_health_check=FIXTURE_OK)
@given(journal=journal_exports())
def test_export_import_export_gives_an_identical_file(
    empty_journal: EmptyJournal, tmp_path: Path, journal: JournalExport
) -> None:
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    with empty_journal() as original:
        import_journal(original, journal)
        export_to_file(original, first)
    with empty_journal() as copy:
        import_file(copy, first)
        export_to_file(copy, second)

    assert without_time(first) == without_time(second)
    written = without_time(first)
    for name in export_records.names(with_secrets=False):
        for record in journal.records[name]:
            assert record in written[name], f"{name} lost {record}"
    assert len(written["reflections"]) == len(journal.reflections)


@settings(max_examples=10, deadline=None, suppress_health_check=FIXTURE_OK)
@given(journal=journal_exports(with_secrets=True))
def test_a_document_with_the_journals_own_keys_round_trips(
    empty_journal: EmptyJournal, journal: JournalExport
) -> None:
    with empty_journal() as original:
        import_journal(original, journal)
        before = export_document(original, with_secrets=True)
    with empty_journal() as copy:
        import_journal(copy, export_format.loads(export_format.dumps(before)))
        after = export_document(copy, with_secrets=True)
    del before["exported_at"], after["exported_at"]
    assert after == before
    assert after["sharing_identity"] == journal.records["sharing_identity"]
    assert after["signing_identity"] == journal.records["signing_identity"]


def test_the_encrypted_export_carries_the_journals_own_keys_to_a_new_computer(
    empty_journal: EmptyJournal, tmp_path: Path
) -> None:
    sealed = tmp_path / "move.age"
    with empty_journal() as original:
        import_journal(original, _with(sharing_identity=[SHARING_KEYS], meetings=[_meeting()]))
        export_encrypted(original, sealed, EXPORT_PASSPHRASE)
    assert b"AGE-SECRET-KEY" not in sealed.read_bytes()
    with empty_journal() as copy:
        import_encrypted(copy, sealed, EXPORT_PASSPHRASE)
        moved = export_document(copy, with_secrets=True)
    assert moved["sharing_identity"] == [SHARING_KEYS]
    assert [m["title"] for m in moved["meetings"]] == ["Discharge huddle"]


def test_the_plaintext_export_never_holds_private_keys(
    empty_journal: EmptyJournal, tmp_path: Path
) -> None:
    journal = _with(sharing_identity=[SHARING_KEYS])
    out = tmp_path / "plain.json"
    with empty_journal() as vault:
        import_journal(vault, journal)
        export_to_file(vault, out)
    text = out.read_text(encoding="utf-8")
    assert "AGE-SECRET-KEY" not in text
    assert "sharing_identity" not in json.loads(text)


# --- merging into a journal that has things already -----------------------------------------


def _document(vault: Vault) -> dict[str, Any]:
    return export_document(vault)


def _meeting(**changes: Any) -> dict[str, Any]:
    return {
        "id": "7c1e5b2a-9f40-4d3b-8e6a-2b7d9c0f1e35",
        "title": "Discharge huddle",
        "starts_at": "2026-04-16T14:00:00.000000+01:00",
        "ends_at": None,
        "all_day": False,
        "location": "",
        "programme": "",
        "calendar_key": None,
        "cancelled": False,
        "dismissed": False,
        "updated_at": "2026-04-16T16:40:00.000000+00:00",
        "people": ["Amara Okafor"],
        "organisations": [],
    } | changes


def _person(**changes: Any) -> dict[str, Any]:
    return {
        "id": "3d2f8a61-0b7c-4e59-a1d4-6f8e2c9b7a10",
        "kind": "person",
        "name": "Amara Okafor",
        "role": "",
        "organisation": "",
        "email": "",
        "notes": "",
        "also_known_as": [],
        "ratings": [],
    } | changes


def _with(**lists: list[dict[str, Any]]) -> JournalExport:
    return JournalExport([], export_records.empty() | lists)


def test_a_newer_meeting_replaces_an_older_one_and_an_older_one_changes_nothing(
    empty_journal: EmptyJournal,
) -> None:
    with empty_journal() as vault:
        import_journal(vault, _with(meetings=[_meeting()]))
        newer = _meeting(title="Discharge huddle (moved)", updated_at="2026-04-17T09:00:00+00:00")
        import_journal(vault, _with(meetings=[newer]))
        assert _document(vault)["meetings"][0]["title"] == "Discharge huddle (moved)"
        import_journal(vault, _with(meetings=[_meeting(title="Stale copy")]))
        assert _document(vault)["meetings"][0]["title"] == "Discharge huddle (moved)"
        assert [m["people"] for m in _document(vault)["meetings"]] == [["Amara Okafor"]]


def test_a_person_already_in_the_directory_keeps_their_entry_and_gains_what_was_blank(
    empty_journal: EmptyJournal,
) -> None:
    with empty_journal() as vault:
        import_journal(vault, _with(contacts=[_person(role="Discharge lead")]))
        other_copy = _person(
            id="11111111-2222-4333-8444-555555555555",
            name="amara okafor",
            role="Someone else's guess",
            email="amara@example.org",
            ratings=[
                {
                    "id": "e4b7c2d9-5a61-4f08-9b3e-1c7d2a8f6e54",
                    "rated_at": "2026-04-16T16:45:00.000000+00:00",
                    "trust": 8,
                    "agreement": None,
                    "issue": "",
                    "note": "",
                }
            ],
        )
        report = import_journal(vault, _with(contacts=[other_copy]))
        (person,) = _document(vault)["contacts"]
    assert "contacts" not in report.others
    assert person["id"] == "3d2f8a61-0b7c-4e59-a1d4-6f8e2c9b7a10"
    assert person["role"] == "Discharge lead"  # the journal's own words win
    assert person["email"] == "amara@example.org"  # a blank is filled
    assert [r["trust"] for r in person["ratings"]] == [8]


def test_importing_the_same_whole_journal_twice_adds_nothing_the_second_time(
    empty_journal: EmptyJournal, tmp_path: Path
) -> None:
    example = Path(__file__).resolve().parents[2] / "docs" / "export-format.md"
    block = example.read_text(encoding="utf-8").split("```json\n", 1)[1].split("```", 1)[0]
    out = tmp_path / "example.json"
    out.write_text(block, encoding="utf-8")
    with empty_journal() as vault:
        first = import_file(vault, out)
        assert first.others["meetings"] == 1 and first.others["follow_ups"] == 1
        assert "also added 2 people and organisations, 1 meeting, 1 follow-up" in first.summary()
        second = import_file(vault, out)
        assert (second.added, second.others) == (0, {})


def test_a_follow_up_naming_a_missing_reflection_imports_nothing(
    empty_journal: EmptyJournal, tmp_path: Path
) -> None:
    document = export_format.to_document([], records={})
    document["meetings"] = [_meeting()]
    document["follow_ups"] = [
        {
            "id": "c8e1f3a7-6b2d-4c90-a5e4-3f7b1d9c2e08",
            "reflection_id": "0b6f3c52-8d1e-4f7a-9c2b-5e4d3a2f1b60",
            "text": "Ask again in May.",
            "created_at": "2026-04-16T16:50:00.000000+00:00",
            "revisit_on": None,
            "status": "open",
            "closed_at": None,
            "outcome_reflection_id": None,
        }
    ]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    with empty_journal() as vault:
        with pytest.raises(ImportFailed, match=r"follow_ups\[0\]\.reflection_id"):
            import_file(vault, bad)
        assert _document(vault)["meetings"] == []


def test_an_export_can_leave_out_history(empty_journal: EmptyJournal, tmp_path: Path) -> None:
    from reflect.model import NewReflection, Section

    out = tmp_path / "small.json"
    with empty_journal() as vault:
        r = vault.add(NewReflection(sections=(Section("first words"),)))
        vault.update(r.with_first_section_text("second thoughts"))
        export_to_file(vault, out, with_history=False)
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["with_history"] is False
    assert document["reflections"][0]["history"] == []
    assert "first words" not in out.read_text(encoding="utf-8")
