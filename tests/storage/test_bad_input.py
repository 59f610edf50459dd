"""Acceptance 2: every kind of bad input gets its own clear error and changes no file.

Each case (a wrong or mistyped secret, a damaged key file, a damaged, foreign,
missing or too-new database) must raise its own exception class from
storage.errors with a message that says what is wrong, carries no traceback and
no journal text, and must leave every file in the journal's folder byte for byte
as it was, with no new file left behind. The same cases go through the `reflect`
command line, which must exit with the documented code and print one line.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from cli.main import main
from reflect.model import NewReflection, Section
from storage import crypto
from storage.database import KeyHolder, connect_raw
from storage.errors import (
    DatabaseDamaged,
    DatabaseTooNew,
    ForeignDatabase,
    KeyFileDamaged,
    MalformedRecoveryKey,
    NoJournal,
    VaultError,
    WrongPassphrase,
    WrongRecoveryKey,
)
from storage.recovery_key import parse_key
from storage.vault import PAGE_SIZE, Vault
from tests.conftest import OTHER_PASSPHRASE, PASSPHRASE

# A word that is only ever journal text: no error message may repeat it.
JOURNAL_WORD = "quillonwhisper"
REFLECTIONS = 50


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` (hidden and temporary ones too), by its SHA-256."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def fill(folder: Path, recovery: str, count: int, word: str) -> None:
    with Vault.unlock(folder, recovery_key=recovery, verify=False) as vault:
        for i in range(count):
            vault.add(
                NewReflection(
                    sections=(Section(f"{word} number {i}: what I noticed in the meeting. " * 8),),
                    title=f"{word} {i}",
                    tags=[word],
                    people=[f"{word.title()} Person"],
                )
            )


@pytest.fixture(scope="module")
def full_journal(
    tmp_path_factory: pytest.TempPathFactory, journal_template: tuple[Path, str]
) -> Path:
    """The test journal (passphrase PASSPHRASE) with 50 reflections, locked."""
    folder = tmp_path_factory.mktemp("full") / "journal"
    shutil.copytree(journal_template[0], folder)
    fill(folder, journal_template[1], REFLECTIONS, JOURNAL_WORD)
    return folder


@pytest.fixture(scope="module")
def other_journal(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A second, unrelated journal (passphrase OTHER_PASSPHRASE) and its recovery key."""
    folder = tmp_path_factory.mktemp("other") / "journal"
    vault, recovery = Vault.create(folder, OTHER_PASSPHRASE, crypto.FLOOR_PARAMS)
    vault.lock()
    fill(folder, recovery, 3, "elsewhere")
    return folder, recovery


@dataclass(frozen=True)
class Scene:
    folder: Path
    recovery_key: str
    other_folder: Path
    other_recovery_key: str


Secret = tuple[str, str]  # ("passphrase" | "recovery_key", the secret)


@dataclass(frozen=True)
class Case:
    name: str
    expected: type[VaultError]
    # Lower-case fragments the message must contain (each tuple: any one of them).
    says: tuple[tuple[str, ...], ...]
    exit_code: int
    damage: Callable[[Scene], None]
    secret: Callable[[Scene], Secret]


def right_passphrase(scene: Scene) -> Secret:
    return ("passphrase", PASSPHRASE)


def no_damage(scene: Scene) -> None:
    pass


# --- mistyped recovery keys -----------------------------------------------------------

BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def one_character_typo(key: str) -> str:
    """The key with one character of its first group changed so its typo check fails.

    A one-character change passes the 20-bit check about once in a million keys;
    the next candidate is taken then, so the case never depends on luck.
    """
    for position, letter in itertools.product(range(4), BASE32):
        if key[position] == letter:
            continue
        typed = key[:position] + letter + key[position + 1 :]
        try:
            parse_key(typed)
        except MalformedRecoveryKey:
            return typed
    raise AssertionError("no typo of the recovery key was detected")  # pragma: no cover


def missing_group(key: str) -> str:
    return key.rsplit("-", 2)[0] + "-" + key.rsplit("-", 1)[1]


def impossible_character(key: str) -> str:
    return "9" + key[1:]  # base32 has no 9, and 9 is not read as any letter


# --- damaged key files ----------------------------------------------------------------


def flip_keyfile_byte(locate: Callable[[bytes], int]) -> Callable[[Scene], None]:
    def damage(scene: Scene) -> None:
        path = scene.folder / "journal.keys"
        data = bytearray(path.read_bytes())
        offset = locate(bytes(data))
        assert 0 <= offset < len(data)
        data[offset] ^= 0x01
        path.write_bytes(bytes(data))

    return damage


def inside_value(field: str, skip: int, nth: int = 0) -> Callable[[bytes], int]:
    """The offset `skip` bytes into the nth string value of `field` in the key file."""

    def locate(data: bytes) -> int:
        needle = f'"{field}": "'.encode()
        start = -1
        for _ in range(nth + 1):
            start = data.index(needle, start + 1)
        return start + len(needle) + skip

    return locate


def at_byte(offset: int) -> Callable[[bytes], int]:
    return lambda data: offset % len(data)


def first(char: bytes) -> Callable[[bytes], int]:
    return lambda data: data.index(char)


# --- damaged or wrong databases -------------------------------------------------------


def truncate_database(keep: Callable[[int], int]) -> Callable[[Scene], None]:
    def damage(scene: Scene) -> None:
        path = scene.folder / "journal.db"
        size = path.stat().st_size
        assert size % PAGE_SIZE == 0 and size >= 10 * PAGE_SIZE  # a locked, fully written file
        with path.open("r+b") as handle:
            handle.truncate(keep(size))

    return damage


def other_database(scene: Scene) -> None:
    shutil.copyfile(scene.other_folder / "journal.db", scene.folder / "journal.db")


def other_keyfile(scene: Scene) -> None:
    for name in ("journal.keys", "journal.keys.bak"):
        shutil.copyfile(scene.other_folder / name, scene.folder / name)


def missing_database(scene: Scene) -> None:
    (scene.folder / "journal.db").unlink()


def newer_schema(scene: Scene) -> None:
    with Vault.unlock(scene.folder, recovery_key=scene.recovery_key) as vault:
        key = bytes.fromhex(vault.raw_key_hex())
    holder = KeyHolder(key)
    conn = connect_raw(scene.folder / "journal.db", holder)
    try:
        conn.execute("PRAGMA user_version = 99")
    finally:
        conn.close()
        holder.wipe()


DAMAGED_KEYFILE = (("key file",), ("damaged", "not a reflect key file"))
DAMAGED_DATABASE = (("database",), ("damaged",), ("backup",))

CASES = (
    Case(
        "wrong passphrase",
        WrongPassphrase,
        (("passphrase",), ("does not unlock",)),
        3,
        no_damage,
        lambda s: ("passphrase", OTHER_PASSPHRASE),
    ),
    Case(
        "recovery key of another journal",
        WrongRecoveryKey,
        (("recovery key",), ("another journal",)),
        3,
        no_damage,
        lambda s: ("recovery_key", s.other_recovery_key),
    ),
    Case(
        "recovery key with a typo",
        MalformedRecoveryKey,
        (("recovery key",), ("typing mistake",)),
        3,
        no_damage,
        lambda s: ("recovery_key", one_character_typo(s.recovery_key)),
    ),
    Case(
        "recovery key missing a group",
        MalformedRecoveryKey,
        (("recovery key",), ("this one has 32",)),
        3,
        no_damage,
        lambda s: ("recovery_key", missing_group(s.recovery_key)),
    ),
    Case(
        "recovery key with an impossible character",
        MalformedRecoveryKey,
        (("recovery key",), ("characters a recovery key never has",)),
        3,
        no_damage,
        lambda s: ("recovery_key", impossible_character(s.recovery_key)),
    ),
    *(
        Case(f"key file flipped at {where}", KeyFileDamaged, DAMAGED_KEYFILE, 4, damage, secret)
        for where, damage, secret in (
            ("its opening brace", flip_keyfile_byte(at_byte(0)), right_passphrase),
            ("its last byte", flip_keyfile_byte(at_byte(-1)), right_passphrase),
            ("a colon", flip_keyfile_byte(first(b":")), right_passphrase),
            ("a comma", flip_keyfile_byte(first(b",")), right_passphrase),
            ("the database salt", flip_keyfile_byte(inside_value("db_salt", 5)), right_passphrase),
            ("the format name", flip_keyfile_byte(inside_value("format", 2)), right_passphrase),
            ("the checksum", flip_keyfile_byte(inside_value("checksum", 20)), right_passphrase),
            ("the vault id", flip_keyfile_byte(inside_value("vault_id", 3)), right_passphrase),
            ("a nonce", flip_keyfile_byte(inside_value("nonce", 4)), right_passphrase),
            ("a wrapped key", flip_keyfile_byte(inside_value("wrapped", 10)), right_passphrase),
            (
                "the other wrapped key",
                flip_keyfile_byte(inside_value("wrapped", 30, nth=1)),
                lambda s: ("recovery_key", s.recovery_key),
            ),
        )
    ),
    Case(
        "database cut mid-page",
        DatabaseDamaged,
        (*DAMAGED_DATABASE, ("cut short",)),
        4,
        truncate_database(lambda size: 2 * PAGE_SIZE + 1234),
        right_passphrase,
    ),
    Case(
        "database missing its last bytes",
        DatabaseDamaged,
        (*DAMAGED_DATABASE, ("cut short",)),
        4,
        truncate_database(lambda size: size - 100),
        right_passphrase,
    ),
    Case(
        "database cut to its first two pages",
        DatabaseDamaged,
        DAMAGED_DATABASE,
        4,
        truncate_database(lambda size: 2 * PAGE_SIZE),
        right_passphrase,
    ),
    Case(
        "database missing its last page",
        DatabaseDamaged,
        DAMAGED_DATABASE,
        4,
        truncate_database(lambda size: size - PAGE_SIZE),
        right_passphrase,
    ),
    Case(
        "database of another journal",
        ForeignDatabase,
        (("different journal",),),
        4,
        other_database,
        right_passphrase,
    ),
    Case(
        "key file of another journal",
        ForeignDatabase,
        (("different journal",),),
        4,
        other_keyfile,
        lambda s: ("passphrase", OTHER_PASSPHRASE),
    ),
    Case(
        "database missing",
        NoJournal,
        (("missing",), ("journal.db",)),
        5,
        missing_database,
        right_passphrase,
    ),
    Case(
        "database from a newer Reflect",
        DatabaseTooNew,
        (("newer reflect",), ("update reflect",)),
        4,
        newer_schema,
        right_passphrase,
    ),
)


def test_each_kind_of_problem_has_its_own_error_class() -> None:
    """With the exact-type checks below, this means the user is told each one apart."""
    kinds = {case.expected for case in CASES}
    assert len(kinds) == 8
    for a, b in itertools.permutations(kinds, 2):
        assert not issubclass(a, b), f"{a.__name__} is a kind of {b.__name__}"


@pytest.fixture
def scene(
    tmp_path: Path,
    full_journal: Path,
    journal_template: tuple[Path, str],
    other_journal: tuple[Path, str],
) -> Scene:
    folder = tmp_path / "journal"
    shutil.copytree(full_journal, folder)
    return Scene(folder, journal_template[1], *other_journal)


def check_message(message: str, case: Case) -> None:
    lowered = message.lower()
    for alternatives in case.says:
        assert any(a in lowered for a in alternatives), (
            f"{case.name}: {message!r} does not say {' or '.join(alternatives)!r}"
        )
    assert "\n" not in message
    assert "traceback" not in lowered
    assert 'file "' not in lowered  # a traceback frame
    assert JOURNAL_WORD not in lowered
    assert "sqlcipher" not in lowered and "sqlalchemy" not in lowered
    assert "(background on this error" not in lowered


@pytest.mark.parametrize("backend", ["engine", "direct"])
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_input_is_refused_clearly_and_changes_nothing(
    scene: Scene, case: Case, backend: str
) -> None:
    case.damage(scene)
    kind, secret = case.secret(scene)
    before = snapshot(scene.folder)

    with pytest.raises(VaultError) as caught:
        Vault.unlock(scene.folder, direct=backend == "direct", **{kind: secret})

    assert type(caught.value) is case.expected, f"{case.name}: {caught.value!r}"
    check_message(str(caught.value), case)
    assert snapshot(scene.folder) == before


@pytest.mark.parametrize("command", ["add", "check"])
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_the_command_line_reports_bad_input_in_one_line(
    scene: Scene,
    case: Case,
    command: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    case.damage(scene)
    kind, secret = case.secret(scene)
    secret_file = tmp_path / "secret.txt"
    secret_file.write_text(secret + "\n", encoding="utf-8")
    option = "--passphrase-file" if kind == "passphrase" else "--recovery-key-file"
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"A {JOURNAL_WORD} moment at work.\n"))
    monkeypatch.delenv("REFLECT_DEBUG", raising=False)
    before = snapshot(scene.folder)

    code = main(["--data-dir", str(scene.folder), option, str(secret_file), command])

    out, err = capsys.readouterr()
    assert code == case.exit_code, (out, err)
    if command == "check" and case.expected is KeyFileDamaged:
        # `reflect check` is where a user finds out: it opens the journal through the
        # key file's backup and reports, but without --repair it rewrites nothing.
        assert "key file:        DAMAGED" in out and "key file backup: intact" in out, out
        assert "check --repair" in out
        assert "database:        intact" in out
        assert err == ""
    else:
        assert out == ""
        lines = err.splitlines()
        assert len(lines) == 1 and err.endswith("\n"), err
        assert lines[0].startswith("reflect: ")
        check_message(lines[0].removeprefix("reflect: "), case)
    assert snapshot(scene.folder) == before


@pytest.mark.parametrize("mask", [0x01, 0x80])
def test_any_single_damaged_byte_in_the_key_file_is_reported_as_damage(
    journal_dir: Path, mask: int
) -> None:
    """Not as a wrong passphrase, and before any key derivation: every byte, two ways."""
    keys = journal_dir / "journal.keys"
    original = keys.read_bytes()
    before = snapshot(journal_dir)
    fd = os.open(keys, os.O_RDWR)  # one byte rewritten in place: opening a file is slow here
    try:
        for offset in range(len(original)):
            os.pwrite(fd, bytes([original[offset] ^ mask]), offset)
            with pytest.raises(KeyFileDamaged) as caught:
                Vault.unlock(journal_dir, passphrase=PASSPHRASE)
            assert "key file" in str(caught.value).lower(), f"offset {offset}: {caught.value}"
            assert keys.read_bytes()[offset] == original[offset] ^ mask, f"offset {offset}"
            os.pwrite(fd, original[offset : offset + 1], offset)
    finally:
        os.close(fd)
    assert snapshot(journal_dir) == before
