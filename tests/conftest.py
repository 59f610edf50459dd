"""Hermetic test set-up: offscreen Qt, an in-memory keyring, journals in temp folders."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("REFLECT_KDF_PROFILE", "floor")

import shutil
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from storage import crypto
from storage.vault import Vault

PASSPHRASE = "plum orbit lantern quietly 1987"
OTHER_PASSPHRASE = "violet harbour ginger tempest 42"


class MemoryKeyring(KeyringBackend):
    """A real keyring backend that keeps secrets in this process's memory only."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if self.secrets.pop((service, username), None) is None:
            raise PasswordDeleteError("not found")


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(scope="session")
def journal_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """One empty journal made once (key derivation is slow by design), copied per test."""
    folder = tmp_path_factory.mktemp("template") / "journal"
    vault, recovery = Vault.create(folder, PASSPHRASE, crypto.FLOOR_PARAMS)
    vault.lock()
    return folder, recovery


@pytest.fixture
def journal_dir(tmp_path: Path, journal_template: tuple[Path, str]) -> Path:
    """A fresh copy of an empty journal, locked. Its passphrase is PASSPHRASE."""
    target = tmp_path / "journal"
    shutil.copytree(journal_template[0], target)
    return target


@pytest.fixture
def recovery_key(journal_template: tuple[Path, str]) -> str:
    return journal_template[1]


@pytest.fixture
def vault(journal_dir: Path, recovery_key: str) -> Iterator[Vault]:
    """The copied journal, unlocked (through the fast recovery slot)."""
    opened = Vault.unlock(journal_dir, recovery_key=recovery_key)
    yield opened
    opened.lock()
