"""Passphrase, recovery key and device key: what each opens, and what changing them does."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import keyring
import pytest
from keyring.backends.fail import Keyring as FailKeyring
from keyrings.alt.file import PlaintextKeyring

from reflect.model import NewReflection, Section
from storage import crypto, keyfile
from storage.errors import (
    DeviceKeyUnavailable,
    MalformedRecoveryKey,
    WeakPassphrase,
    WrongPassphrase,
    WrongRecoveryKey,
)
from storage.recovery_key import format_key, parse_key
from storage.vault import Vault
from tests.conftest import OTHER_PASSPHRASE, PASSPHRASE, MemoryKeyring


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_passphrase_and_the_recovery_key_both_open_the_journal(
    journal_dir: Path, recovery_key: str
) -> None:
    with Vault.unlock(journal_dir, passphrase=PASSPHRASE) as vault:
        rid = vault.add(NewReflection(sections=(Section("between rooms"),))).id
    with Vault.unlock(journal_dir, recovery_key=recovery_key) as vault:
        assert vault.get(rid).body == "between rooms"


def test_changing_the_passphrase_rewrites_only_the_key_file(
    journal_dir: Path, recovery_key: str
) -> None:
    vault = Vault.unlock(journal_dir, passphrase=PASSPHRASE)
    vault.add(NewReflection(sections=(Section("before the change"),)))
    vault.lock()
    db_before = digest(journal_dir / "journal.db")
    with Vault.unlock(journal_dir, passphrase=PASSPHRASE) as vault:
        vault.change_passphrase(OTHER_PASSPHRASE, crypto.FLOOR_PARAMS)
    assert digest(journal_dir / "journal.db") == db_before
    with pytest.raises(WrongPassphrase):
        Vault.unlock(journal_dir, passphrase=PASSPHRASE)
    with Vault.unlock(journal_dir, passphrase=OTHER_PASSPHRASE) as vault:
        assert vault.count() == 1
    Vault.unlock(journal_dir, recovery_key=recovery_key).lock()


def test_the_recovery_key_lets_a_forgetful_user_set_a_new_passphrase(
    journal_dir: Path, recovery_key: str
) -> None:
    with Vault.unlock(journal_dir, recovery_key=recovery_key) as vault:
        vault.change_passphrase(OTHER_PASSPHRASE, crypto.FLOOR_PARAMS)
    Vault.unlock(journal_dir, passphrase=OTHER_PASSPHRASE).lock()


def test_a_new_recovery_key_replaces_the_old_one(journal_dir: Path, recovery_key: str) -> None:
    with Vault.unlock(journal_dir, recovery_key=recovery_key) as vault:
        fresh = vault.replace_recovery_key()
    with pytest.raises(WrongRecoveryKey):
        Vault.unlock(journal_dir, recovery_key=recovery_key)
    Vault.unlock(journal_dir, recovery_key=fresh).lock()


def test_the_key_file_backup_is_kept_identical(journal_dir: Path) -> None:
    with Vault.unlock(journal_dir, passphrase=PASSPHRASE) as vault:
        vault.change_passphrase(OTHER_PASSPHRASE, crypto.FLOOR_PARAMS)
    keys = journal_dir / "journal.keys"
    assert keyfile.backup_path(keys).read_bytes() == keys.read_bytes()


def test_the_key_file_never_holds_a_secret_in_the_clear(
    journal_dir: Path, recovery_key: str
) -> None:
    with Vault.unlock(journal_dir, recovery_key=recovery_key) as vault:
        raw_key = vault.raw_key_hex()
    text = (journal_dir / "journal.keys").read_text()
    assert PASSPHRASE not in text
    assert raw_key not in text.lower()
    assert recovery_key.replace("-", "") not in text.replace("-", "")
    slots = json.loads(text)["slots"]
    assert {s["kind"] for s in slots} == {"passphrase", "recovery"}
    kdf = next(s["kdf"] for s in slots if s["kind"] == "passphrase")
    assert kdf["name"] == "argon2id" and kdf["memory_kib"] >= 65536 and kdf["time_cost"] >= 3


@pytest.mark.parametrize(
    ("weak", "reason"),
    [("short one", "at least 12"), ("password1234", "guess"), ("aaaaaaaaaaaaaaaa", "guess")],
)
def test_weak_passphrases_are_refused_with_a_reason(tmp_path: Path, weak: str, reason: str) -> None:
    with pytest.raises(WeakPassphrase, match=reason):
        Vault.create(tmp_path / "j", weak, crypto.FLOOR_PARAMS)
    assert not (tmp_path / "j" / "journal.keys").exists()


def test_a_weak_new_passphrase_is_refused_and_the_old_one_still_works(journal_dir: Path) -> None:
    with Vault.unlock(journal_dir, passphrase=PASSPHRASE) as vault, pytest.raises(WeakPassphrase):
        vault.change_passphrase("letmein", crypto.FLOOR_PARAMS)
    Vault.unlock(journal_dir, passphrase=PASSPHRASE).lock()


def test_recovery_keys_survive_sloppy_typing_and_catch_typos() -> None:
    secret = bytes(range(20))
    shown = format_key(secret)
    assert len(shown.split("-")) == 9
    assert parse_key(shown.lower().replace("-", " ")) == secret
    typo = shown[:-1] + ("A" if shown[-1] != "A" else "B")
    with pytest.raises(MalformedRecoveryKey, match="typing mistake"):
        parse_key(typo)
    with pytest.raises(MalformedRecoveryKey, match="groups"):
        parse_key(shown[:20])


def test_calibration_never_goes_below_the_floor() -> None:
    params = crypto.calibrate_argon2(target_seconds=0.0001)
    assert params == crypto.FLOOR_PARAMS
    assert crypto.calibrate_argon2(target_seconds=0.3).memory_kib >= crypto.MIN_MEMORY_KIB


# --- remember on this device ---------------------------------------------------------


def test_a_remembered_device_unlocks_without_the_passphrase(
    journal_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    with Vault.unlock(journal_dir, passphrase=PASSPHRASE) as vault:
        vault.remember_on_device()
    (stored,) = memory_keyring.secrets.values()
    assert PASSPHRASE not in stored
    Vault.unlock(journal_dir, use_device_key=True).lock()
    with Vault.unlock(journal_dir, use_device_key=True) as vault:
        vault.forget_on_device()
    assert memory_keyring.secrets == {}
    with pytest.raises(DeviceKeyUnavailable):
        Vault.unlock(journal_dir, use_device_key=True)


def test_the_keyring_never_holds_the_data_key(
    journal_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    with Vault.unlock(journal_dir, passphrase=PASSPHRASE) as vault:
        vault.remember_on_device()
        data_key = bytes.fromhex(vault.raw_key_hex())
    import base64

    (stored,) = memory_keyring.secrets.values()
    assert base64.b64decode(stored) != data_key


@pytest.mark.parametrize("backend", [FailKeyring, PlaintextKeyring])
def test_remembering_is_refused_where_the_keyring_is_not_safe(
    journal_dir: Path, tmp_path: Path, backend: type
) -> None:
    unsafe = backend()
    if isinstance(unsafe, PlaintextKeyring):
        unsafe.file_path = str(tmp_path / "plaintext-keyring.cfg")  # type: ignore[misc]
    keyring.set_keyring(unsafe)
    keys_before = (journal_dir / "journal.keys").read_bytes()
    with (
        Vault.unlock(journal_dir, passphrase=PASSPHRASE) as vault,
        pytest.raises(DeviceKeyUnavailable, match="no secure keychain"),
    ):
        vault.remember_on_device()
    assert (journal_dir / "journal.keys").read_bytes() == keys_before
    assert not (tmp_path / "plaintext-keyring.cfg").exists()
