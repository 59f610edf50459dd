"""The vault: one encrypted journal on disk, created, unlocked, used and locked.

A Vault object exists only while the journal is unlocked; `lock()` wipes the
data key, closes every connection and makes the object unusable.
"""

from __future__ import annotations

import contextlib
import os
import platform
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reflect.drafts import Draft
from reflect.model import NewReflection, Reflection, validated
from reflect.query import Filters
from storage import contacts, crypto, database, device_keyring, keyfile, keys, migrations
from storage import drafts as draft_store
from storage import reflections as store
from storage.atomic import fsync_directory
from storage.buddies import Buddies
from storage.contacts import Directory
from storage.database import KeyHolder
from storage.db import Backend, Db, DirectBackend, EngineBackend
from storage.errors import (
    DatabaseDamaged,
    DeviceKeyUnavailable,
    ForeignDatabase,
    JournalExists,
    KeyFileDamaged,
    NoJournal,
    VaultLocked,
)
from storage.follow_ups import FollowUps
from storage.meetings import Meetings
from storage.passphrase_policy import check_strength
from storage.paths import JournalPaths
from storage.prompt_packs import PromptPacks
from storage.search import SearchHit, search
from storage.storylines import Storylines

SALT_BYTES = 16
CHECK_POLL_STEPS = 1000
PAGE_SIZE = 4096


@dataclass(frozen=True, slots=True)
class CheckReport:
    keyfile_ok: bool
    backup_ok: bool
    database_problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return self.keyfile_ok and self.backup_ok and not self.database_problems


class Vault:
    def __init__(
        self, paths: JournalPaths, kf: keyfile.KeyFile, data_key: bytes, direct: bool = False
    ) -> None:
        self.paths = paths
        self._keyfile = kf
        self._keys: KeyHolder | None = KeyHolder(data_key)
        backend = DirectBackend if direct else EngineBackend
        self._backend: Backend | None = backend(paths.database, self._keys)
        self._stopping = threading.Event()
        self.meetings = Meetings(self)
        self.directory = Directory(self)
        self.follow_ups = FollowUps(self)
        self.storylines = Storylines(self)
        self.prompt_packs = PromptPacks(self)
        self.buddies = Buddies(self)

    # --- creating and unlocking ---------------------------------------------

    @classmethod
    def create(
        cls, folder: Path, passphrase: str, kdf: crypto.Argon2Params | None = None
    ) -> tuple[Vault, str]:
        """Make a new journal; returns it unlocked with its recovery key (show it once)."""
        paths = JournalPaths(folder)
        if paths.keyfile.exists() or paths.database.exists():
            raise JournalExists(f"There is already a journal in {folder}.")
        check_strength(passphrase)
        params = kdf or crypto.params_for_new_passphrase()
        if not params.is_strong_enough():
            raise ValueError("key derivation settings below Reflect's floor")
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        vault_id = str(uuid.uuid4())
        data_key = crypto.random_bytes()
        _build_database(paths.creating, data_key, vault_id)
        salt = _read_salt(paths.creating)
        recovery, recovery_text = keys.recovery_slot(vault_id, data_key)
        kf = keyfile.KeyFile(
            vault_id=vault_id,
            db_salt=salt,
            slots=(keys.passphrase_slot(vault_id, passphrase, data_key, params), recovery),
        )
        keyfile.write(paths.keyfile, kf)
        paths.creating.replace(paths.database)
        fsync_directory(paths.folder)
        return cls._open(paths, kf, data_key, verify=False), recovery_text

    @classmethod
    def unlock(
        cls,
        folder: Path,
        *,
        passphrase: str | None = None,
        recovery_key: str | None = None,
        use_device_key: bool = False,
        verify: bool = True,
        direct: bool = False,
        from_backup_keyfile: bool = False,
    ) -> Vault:
        """Open the journal with one secret.

        `verify` runs SQLite's quick_check, which reads every page. `direct` uses one
        plain connection instead of a SQLAlchemy engine (see storage.db).
        `from_backup_keyfile` reads the key file's backup copy (for repairs).
        """
        paths = JournalPaths(folder)
        source = keyfile.backup_path(paths.keyfile) if from_backup_keyfile else paths.keyfile
        kf = keyfile.read(source)
        if passphrase is not None:
            data_key = keys.open_with_passphrase(kf, passphrase)
        elif recovery_key is not None:
            data_key = keys.open_with_recovery_key(kf, recovery_key)
        elif use_device_key:
            secret = device_keyring.load(kf.vault_id)
            if secret is None:
                raise DeviceKeyUnavailable("This journal is not remembered on this device.")
            data_key = keys.open_with_device_key(kf, secret)
        else:
            raise ValueError("unlock needs a passphrase, a recovery key or the device key")
        return cls._open(paths, kf, data_key, verify=verify, direct=direct)

    @classmethod
    def _open(
        cls,
        paths: JournalPaths,
        kf: keyfile.KeyFile,
        data_key: bytes,
        verify: bool,
        direct: bool = False,
    ) -> Vault:
        _precheck_database_file(paths, kf)
        vault = cls(paths, kf, data_key, direct)
        try:
            vault._verify_and_migrate(kf.vault_id, verify)
        except BaseException:
            vault.lock()
            raise
        return vault

    def _verify_and_migrate(self, vault_id: str, quick_check: bool) -> None:
        try:
            with self.backend.raw_connection() as raw:
                self._verify_open_connection(raw, vault_id, quick_check)
        except Exception as exc:
            if _is_database_error(exc):
                raise _damaged("it cannot be read, though the key is right") from None
            raise

    @staticmethod
    def _verify_open_connection(raw: Any, vault_id: str, quick_check: bool) -> None:
        if quick_check and (problems := database.quick_check(raw)):
            raise _damaged(f"SQLite's check found {len(problems)} problem(s)")
        stored = raw.execute("SELECT value FROM meta WHERE key = 'vault_id'").fetchone()
        if stored is None or stored[0] != vault_id:
            raise ForeignDatabase(
                "The database and the key file belong to different journals. Nothing was changed."
            )
        migrations.migrate(raw)

    # --- locking ----------------------------------------------------------------

    @property
    def is_locked(self) -> bool:
        return self._backend is None

    @property
    def backend(self) -> Backend:
        if self._backend is None:
            raise VaultLocked("The journal is locked.")
        return self._backend

    @property
    def vault_id(self) -> str:
        return self._keyfile.vault_id

    def lock(self) -> None:
        """Close the database and wipe the data key. Safe to call twice."""
        self.stop_checks()
        if self._backend is not None:
            self._backend.close()
            self._backend = None
        if self._keys is not None:
            self._keys.wipe()
            self._keys = None

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.lock()

    @contextlib.contextmanager
    def writing(self) -> Iterator[Db]:
        """One write transaction: all of it is saved, or none of it."""
        with self.backend.writing() as db:
            yield db

    @contextlib.contextmanager
    def reading(self) -> Iterator[Db]:
        """One consistent snapshot for every query inside."""
        with self.backend.reading() as db:
            yield db

    # --- reflections ----------------------------------------------------------------

    def add(self, new: NewReflection | Reflection) -> Reflection:
        """Save a new reflection; names come back spelt as the directory has them."""
        reflection = new.build() if isinstance(new, NewReflection) else validated(new)
        with self.writing() as conn:
            return self.add_in(conn, reflection)

    @staticmethod
    def add_in(conn: Db, reflection: Reflection) -> Reflection:
        """`add` inside a transaction the caller holds (a capture saving several records)."""
        if store.exists(conn, reflection.id):
            raise JournalExists(f"A reflection with the id {reflection.id} already exists.")
        reflection = _with_directory_names(conn, reflection)
        store.add(conn, reflection)
        return reflection

    def resolve_id(self, typed: str) -> uuid.UUID:
        with self.reading() as conn:
            return store.resolve_id(conn, typed)

    def get(self, reflection_id: uuid.UUID) -> Reflection:
        with self.reading() as conn:
            return store.get(conn, reflection_id)

    def is_trashed(self, reflection_id: uuid.UUID) -> bool:
        with self.reading() as conn:
            return store.deleted_at(conn, reflection_id) is not None

    def update(self, reflection: Reflection) -> bool:
        """Save a changed reflection; the previous version goes to its history."""
        changed = replace(validated(reflection), edited_at=datetime.now(UTC))
        with self.writing() as conn:
            return store.update(conn, _with_directory_names(conn, changed))

    def delete(self, reflection_id: uuid.UUID) -> None:
        with self.writing() as conn:
            store.delete(conn, reflection_id)

    def restore(self, reflection_id: uuid.UUID) -> bool:
        """Bring back from the trash; False when it was not in the trash."""
        with self.writing() as conn:
            return store.restore(conn, reflection_id)

    def trash(self, filters: Filters | None = None) -> list[store.Trashed]:
        with self.reading() as conn:
            return store.trash(conn, filters)

    def empty_trash(self) -> int:
        with self.writing() as conn:
            return store.empty_trash(conn)

    def history(self, reflection_id: uuid.UUID) -> list[store.Revision]:
        with self.reading() as conn:
            return store.history(conn, reflection_id)

    def restore_revision(self, reflection_id: uuid.UUID, number: int) -> Reflection:
        with self.writing() as conn:
            restored = store.restore_revision(conn, reflection_id, number)
            contacts.sync_from_labels(conn)  # an old version may name someone since removed
            return restored

    def newest(
        self, filters: Filters | None = None, limit: int = 50, offset: int = 0
    ) -> list[Reflection]:
        with self.reading() as conn:
            return store.newest(conn, filters or Filters(), limit, offset)

    def count(self, filters: Filters | None = None) -> int:
        with self.reading() as conn:
            return store.count(conn, filters or Filters())

    def search(
        self, query: str, filters: Filters | None = None, limit: int = 20
    ) -> list[SearchHit]:
        with self.reading() as conn:
            return search(conn, query, filters or Filters(), limit)

    # --- drafts -----------------------------------------------------------------------

    def save_draft(self, draft: Draft) -> None:
        with self.writing() as conn:
            draft_store.save(conn, draft)

    def pending_drafts(self) -> list[Draft]:
        with self.reading() as conn:
            return draft_store.pending(conn)

    def discard_draft(self, draft_id: uuid.UUID) -> None:
        with self.writing() as conn:
            draft_store.discard(conn, draft_id)

    # --- keys ------------------------------------------------------------------------

    def _data_key(self) -> bytes:
        if self._keys is None:
            raise VaultLocked("The journal is locked.")
        return self._keys.raw()

    def change_passphrase(
        self, new_passphrase: str, kdf: crypto.Argon2Params | None = None
    ) -> None:
        """Replace the passphrase slot. The database's bytes do not change."""
        check_strength(new_passphrase)
        slot = keys.passphrase_slot(
            self.vault_id,
            new_passphrase,
            self._data_key(),
            kdf or crypto.params_for_new_passphrase(),
        )
        self._write_keyfile(self._keyfile.without("passphrase").with_slot(slot))

    def replace_recovery_key(self) -> str:
        """A new recovery key; the old one stops working. Returns it to show once."""
        slot, shown = keys.recovery_slot(self.vault_id, self._data_key())
        self._write_keyfile(self._keyfile.without("recovery").with_slot(slot))
        return shown

    def remember_on_device(self) -> None:
        reason = device_keyring.unavailable_reason()
        if reason:
            raise DeviceKeyUnavailable(f"Cannot remember this journal on this device: {reason}.")
        slot, secret = keys.device_slot(self.vault_id, self._data_key(), platform.node()[:60])
        device_keyring.store(self.vault_id, secret)
        self._write_keyfile(self._keyfile.without("device").with_slot(slot))

    def forget_on_device(self) -> None:
        device_keyring.delete(self.vault_id)
        if self._keyfile.slots_of("device"):
            self._write_keyfile(self._keyfile.without("device"))

    def _write_keyfile(self, kf: keyfile.KeyFile) -> None:
        keyfile.write(self.paths.keyfile, kf)
        self._keyfile = kf

    def repair_keyfile(self) -> None:
        """Rewrite the key file and its backup from the slots this vault was opened with."""
        self._write_keyfile(self._keyfile)

    def raw_key_hex(self) -> str:
        """The SQLCipher raw key: with it, standard SQLCipher 4 tools open the database."""
        return self._data_key().hex()

    # --- checking -------------------------------------------------------------------

    def quick_check(self) -> tuple[str, ...]:
        """SQLite's quick_check: reads every page; run it off the interface's thread.

        Once `stop_checks()` has been called (`lock()` calls it), a running check
        aborts within a few thousand SQLite steps and a new one aborts at once,
        raising sqlcipher3's OperationalError ("interrupted").
        """
        with self.backend.raw_connection() as raw:
            # Polled by SQLite itself, so a stop can never arrive "too early" to count.
            raw.set_progress_handler(self._stopping.is_set, CHECK_POLL_STEPS)
            try:
                return tuple(database.quick_check(raw))
            finally:
                raw.set_progress_handler(None, 0)

    def stop_checks(self) -> None:
        """The vault is closing: stop any quick_check now and refuse new ones (any thread)."""
        self._stopping.set()

    def check(self) -> CheckReport:
        with self.backend.raw_connection() as raw:
            problems = database.full_check(raw)
        return CheckReport(
            keyfile_ok=_keyfile_intact(self.paths.keyfile),
            backup_ok=_keyfile_intact(keyfile.backup_path(self.paths.keyfile)),
            database_problems=tuple(problems),
        )


def _with_directory_names(conn: Db, r: Reflection) -> Reflection:
    """Spell names as the directory does, and enter new ones in it."""
    people = contacts.canonical_names(conn, "person", r.people)
    organisations = contacts.canonical_names(conn, "organisation", r.organisations)
    contacts.ensure(conn, "person", people)
    contacts.ensure(conn, "organisation", organisations)
    return replace(r, people=people, organisations=organisations)


def _keyfile_intact(path: Path) -> bool:
    try:
        keyfile.read(path)
    except (NoJournal, KeyFileDamaged):
        return False
    return True


def _is_database_error(exc: Exception) -> bool:
    """sqlcipher3's own errors, or SQLAlchemy's wrappers of them."""
    return any(
        type(e).__module__.startswith(("sqlcipher3", "sqlalchemy.exc"))
        for e in (exc, exc.__cause__, exc.__context__)
        if e is not None
    )


def _damaged(why: str) -> DatabaseDamaged:
    return DatabaseDamaged(
        f"The journal database is damaged: {why}. Nothing was changed. "
        "Restore it from a backup, or see docs/recovery.md."
    )


def _build_database(path: Path, data_key: bytes, vault_id: str) -> None:
    sidecars = (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"))
    for leftover in (path, *sidecars):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()
    # SQLite gives the -wal and -shm files the database's own permissions.
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    holder = KeyHolder(data_key)
    conn: Any = database.connect_raw(path, holder)
    try:
        migrations.migrate(conn)
        conn.execute("INSERT INTO meta (key, value) VALUES ('vault_id', ?)", (vault_id,))
    finally:
        conn.close()
        holder.wipe()
    for sidecar in sidecars:
        with contextlib.suppress(FileNotFoundError):
            sidecar.unlink()


def _read_salt(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(SALT_BYTES)


def _precheck_database_file(paths: JournalPaths, kf: keyfile.KeyFile) -> None:
    """Tell a missing, truncated or foreign database apart before SQLCipher touches it."""
    db = paths.database
    try:
        size = db.stat().st_size
    except FileNotFoundError:
        raise NoJournal(
            f"The journal database is missing from {paths.folder} (its key file is there). "
            "Restore journal.db from a backup."
        ) from None
    if size < PAGE_SIZE or size % PAGE_SIZE:
        raise _damaged(f"the file is cut short ({size} bytes, not whole pages)")
    if _read_salt(db) != kf.db_salt:
        raise ForeignDatabase(
            "This database belongs to a different journal than its key file. "
            "Put each journal's journal.db and journal.keys together. Nothing was changed."
        )
