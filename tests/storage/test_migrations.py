"""Every old schema's fixture journal upgrades to the current one with nothing lost."""

from __future__ import annotations

import json
import shutil
import uuid
from pathlib import Path

import pytest

from reflect.serialization import reflection_from_dict
from storage import migrations
from storage.errors import DatabaseTooNew
from storage.vault import Vault
from tests.fixtures.make_fixtures import FIXTURE_PASSPHRASE

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_every_earlier_schema_has_a_fixture() -> None:
    for version in range(1, migrations.SCHEMA_VERSION):
        assert (FIXTURES / f"schema-{version}" / "journal.db").exists(), version


@pytest.mark.parametrize("version", range(1, migrations.SCHEMA_VERSION))
def test_an_old_journal_upgrades_with_nothing_lost(tmp_path: Path, version: int) -> None:
    folder = tmp_path / "journal"
    shutil.copytree(FIXTURES / f"schema-{version}", folder)
    expected = json.loads((folder / "expected.json").read_text())
    with Vault.unlock(folder, passphrase=FIXTURE_PASSPHRASE, verify=True) as vault:
        with vault.backend.raw_connection() as raw:
            assert migrations.current_version(raw) == migrations.SCHEMA_VERSION
        live = [reflection_from_dict(d) for d in expected["live"]]
        for reflection in live:
            assert vault.get(reflection.id) == reflection
        assert {r.id for r in vault.newest()} == {r.id for r in live}
        for rid, versions in expected["history"].items():
            got = [v.reflection for v in vault.history(uuid.UUID(rid))]
            assert got == [reflection_from_dict(v) for v in versions]
        assert [str(t.reflection.id) for t in vault.trash()] == expected["trashed"]
        # Schema 2's search index was built from the old rows, trash left out.
        assert [h.reflection.id for h in vault.search("circles")] == [live[0].id]
        assert [h.reflection.id for h in vault.search("Brook")] == [live[0].id]
        assert vault.search("Thrown") == []
        assert vault.check().database_problems == ()
        # Drafts written before the upgrade are still offered.
        assert [str(d.id) for d in vault.pending_drafts()] == expected.get("drafts", [])
        # Schema 3 built the directory from the names already written.
        assert [p.person.name for p in vault.directory.people()] == ["Cllr Ada Brook"]
        assert [o.name for o in vault.directory.organisations()] == ["Northshire Council"]
        # A reflection pointing at a meeting from before meetings were stored still opens.
        assert vault.meetings.find(live[1].meeting_id) is None  # type: ignore[arg-type]
        # Schema 4: the prompt a section answered counts towards "which prompts led to writing".
        assert [(w.prompt_key, w.sections) for w in vault.prompt_packs.writing_by_prompt()] == [
            ("fixture-1", 1)
        ]
        assert vault.prompt_packs.stored() == [] and vault.prompt_packs.identity() is None
        if version == 4:  # a pin made at schema 4 is kept
            assert vault.prompt_packs.marks().pinned == ("reflect-grow/goal-1",)
        # Schema 5: no buddies yet, and no sharing keys until first use.
        assert vault.buddies.listed() == [] and vault.buddies.identity() is None


def test_upgrading_twice_changes_nothing_more(tmp_path: Path) -> None:
    folder = tmp_path / "journal"
    shutil.copytree(FIXTURES / "schema-1", folder)
    Vault.unlock(folder, passphrase=FIXTURE_PASSPHRASE).lock()
    before = (folder / "journal.db").read_bytes()
    Vault.unlock(folder, passphrase=FIXTURE_PASSPHRASE).lock()
    assert (folder / "journal.db").read_bytes() == before


def test_a_journal_from_a_newer_reflect_is_refused(vault: Vault) -> None:
    with vault.backend.raw_connection() as raw:
        raw.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION + 1}")
        with pytest.raises(DatabaseTooNew, match="newer Reflect"):
            migrations.migrate(raw)
