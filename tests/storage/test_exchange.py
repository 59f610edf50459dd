"""Export and import through the storage layer: lossless, idempotent, all or nothing."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from reflect.model import NewReflection, Section
from storage.errors import ImportFailed
from storage.exchange import export_to_file, exported_items, import_file
from storage.vault import Vault


def fill(vault: Vault, count: int) -> None:
    """`count` reflections in one transaction, every 7th edited, every 11th trashed."""
    from storage import reflections as store

    with vault.writing() as db:
        for i in range(count):
            r = NewReflection(sections=(Section(f"note {i}"),), tags=[f"t{i % 5}"]).build()
            store.add(db, r)
            if i % 7 == 0:
                store.update(db, r.with_first_section_text(f"note {i}, revised"))
            if i % 11 == 0:
                store.delete(db, r.id)


@pytest.fixture
def second_vault(tmp_path: Path, journal_template: tuple[Path, str]) -> Vault:
    target = tmp_path / "second"
    shutil.copytree(journal_template[0], target)
    return Vault.unlock(target, recovery_key=journal_template[1])


def test_a_journal_moves_whole_through_an_export(
    vault: Vault, second_vault: Vault, tmp_path: Path
) -> None:
    fill(vault, 1200)  # more than one export batch
    out = tmp_path / "export.json"
    assert export_to_file(vault, out) == 1200
    report = import_file(second_vault, out)
    assert (report.added, report.updated, report.unchanged) == (1200, 0, 0)
    assert exported_items(second_vault) == exported_items(vault)
    assert second_vault.count() == vault.count()
    assert len(second_vault.trash()) == len(vault.trash())
    second_vault.lock()


def test_importing_the_same_file_again_adds_nothing(vault: Vault, tmp_path: Path) -> None:
    fill(vault, 30)
    out = tmp_path / "export.json"
    export_to_file(vault, out)
    report = import_file(vault, out)
    assert (report.added, report.updated, report.unchanged) == (0, 0, 30)
    assert len(exported_items(vault)) == 30


def test_a_newer_edit_in_the_file_replaces_the_journal_copy_and_keeps_history(
    vault: Vault, tmp_path: Path
) -> None:
    r = vault.add(NewReflection(sections=(Section("original"),)))
    out = tmp_path / "export.json"
    export_to_file(vault, out)
    document = json.loads(out.read_text())
    document["reflections"][0]["sections"][0]["text"] = "edited elsewhere"
    document["reflections"][0]["edited_at"] = "2099-01-01T00:00:00.000000+00:00"
    out.write_text(json.dumps(document))
    assert import_file(vault, out).updated == 1
    assert vault.get(r.id).body == "edited elsewhere"
    assert [v.reflection.body for v in vault.history(r.id)] == ["original"]


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"\xff\xfe not text", "not a text file"),
        (b"{not json", "not valid JSON"),
        (b'{"format": "something-else"}', "not a Reflect journal export"),
        (b'{"format": "reflect-journal-export", "version": 99, "reflections": []}', "Update"),
    ],
)
def test_an_unreadable_file_is_refused_and_changes_nothing(
    vault: Vault, tmp_path: Path, content: bytes, says: str
) -> None:
    vault.add(NewReflection(sections=(Section("already here"),)))
    before = exported_items(vault)
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    with pytest.raises(ImportFailed, match=says):
        import_file(vault, bad)
    assert exported_items(vault) == before


def test_one_bad_reflection_anywhere_imports_nothing(vault: Vault, tmp_path: Path) -> None:
    fill(vault, 5)
    out = tmp_path / "export.json"
    export_to_file(vault, out)
    document = json.loads(out.read_text())
    for item in document["reflections"]:
        item["id"] = item["id"][:-4] + "beef"  # all new ids, so all would be added
        for old in item["history"]:
            old["id"] = item["id"]
    document["reflections"][-1]["ways"] = ["hoping"]
    out.write_text(json.dumps(document))
    with pytest.raises(ImportFailed, match=r"reflections\[4\]\.ways"):
        import_file(vault, out)
    assert vault.count() + len(vault.trash()) == 5


def test_the_export_file_is_private_to_the_user(vault: Vault, tmp_path: Path) -> None:
    vault.add(NewReflection(sections=(Section("x"),)))
    out = tmp_path / "export.json"
    export_to_file(vault, out)
    assert out.stat().st_mode & 0o077 == 0
    assert hashlib.sha256(out.read_bytes()).hexdigest()
