"""A keyring backend for the benchmark only: entries in a JSON file in a temp folder.

The benchmark needs "remember on this device" to work in a child process
(`reflect add` with the device key) on machines with no desktop keychain. This
backend keeps entries in the file named by REFLECT_BENCH_KEYRING_FILE, which
the benchmark creates inside its temp folder and deletes afterwards. It is not
safe for real keys, so it is only viable when that variable is set.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from jaraco.classes import properties
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

FILE_ENV = "REFLECT_BENCH_KEYRING_FILE"

Entries = dict[str, dict[str, str]]


class ThrowawayKeyring(KeyringBackend):
    """service -> account -> secret, in one JSON file."""

    @properties.classproperty
    def priority(cls) -> float:
        # Never chosen by accident: without the variable keyring sees it as unusable.
        if not os.environ.get(FILE_ENV):
            raise RuntimeError(f"{FILE_ENV} is not set")
        return 0.1

    @property
    def path(self) -> Path:
        return Path(os.environ[FILE_ENV])

    def get_password(self, service: str, username: str) -> str | None:
        return self._read().get(service, {}).get(username)

    def set_password(self, service: str, username: str, password: str) -> None:
        entries = self._read()
        entries.setdefault(service, {})[username] = password
        self._write(entries)

    def delete_password(self, service: str, username: str) -> None:
        entries = self._read()
        if username not in entries.get(service, {}):
            raise PasswordDeleteError("no such entry")
        del entries[service][username]
        self._write(entries)

    def _read(self) -> Entries:
        try:
            data: Entries = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        return data

    def _write(self, entries: Entries) -> None:
        # Replace the whole file at once so a reader never sees half of it.
        temporary = self.path.with_name(self.path.name + ".tmp")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(entries, handle)
        temporary.replace(self.path)
