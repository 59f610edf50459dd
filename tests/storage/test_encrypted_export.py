"""The encrypted export moves a journal to a new computer; without its passphrase it is noise."""

from __future__ import annotations

from pathlib import Path

import pytest

from reflect.errors import ReflectError
from reflect.model import NewReflection, Section
from storage import crypto
from storage.encrypted_export import export_encrypted, import_encrypted
from storage.vault import Vault
from tests.conftest import PASSPHRASE

MOVING = "copper lantern orchard tideway"


def test_a_journal_moves_to_a_new_computer_and_nothing_is_readable_on_the_way(
    vault: Vault, tmp_path: Path
) -> None:
    written = vault.add(NewReflection(sections=(Section("The zqmoving secret board."),)))
    out = tmp_path / "journal.reflect.age"
    assert export_encrypted(vault, out, MOVING) == 1
    assert b"zqmoving" not in out.read_bytes()
    new, _ = Vault.create(tmp_path / "new", PASSPHRASE, crypto.FLOOR_PARAMS)
    with new:
        with pytest.raises(ReflectError, match="passphrase is wrong"):
            import_encrypted(new, out, "not the passphrase at all")
        assert new.count() == 0
        report = import_encrypted(new, out, MOVING)
        assert report.added == 1 and new.get(written.id) == written
        assert import_encrypted(new, out, MOVING).added == 0


def test_a_weak_passphrase_or_a_foreign_file_is_refused(vault: Vault, tmp_path: Path) -> None:
    with pytest.raises(ReflectError):
        export_encrypted(vault, tmp_path / "weak.age", "password")
    assert not (tmp_path / "weak.age").exists()
    foreign = tmp_path / "notes.age"
    foreign.write_bytes(b"hello")
    with pytest.raises(ReflectError, match="not an encrypted Reflect export"):
        import_encrypted(vault, foreign, MOVING)
