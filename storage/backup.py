"""Encrypted backups of a journal, their rotation, and restoring from them.

A backup is a folder `reflect-backup-YYYYMMDD-HHMMSS/` (local time) holding
`journal.db` and `journal.keys` (+ `.bak`). The database is written by SQLCipher's
`VACUUM INTO` from an open connection: a consistent snapshot, encrypted with the
same key and salt, never a copy of the live WAL file. The key file is copied, so
the backup opens with the same passphrase and recovery key. Each backup is built
under a hidden temp name, verified (integrity_check and cipher_integrity_check),
fsynced and only then renamed into place.

Restoring copies a backup into a temp folder beside the target, verifies it and
renames it into place. Replacing a journal first renames the current journal's
folder aside to `<name>.safety-backup-YYYYMMDD-HHMMSS` (whole, with its WAL), so
nothing is ever half-restored and the old journal is kept.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storage import database, keyfile, keys
from storage.atomic import fsync_directory
from storage.database import KeyHolder
from storage.errors import JournalExists, NoJournal, VaultError
from storage.paths import JournalPaths

if TYPE_CHECKING:
    from storage.vault import Vault

PREFIX = "reflect-backup-"
STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(rf"^{PREFIX}(\d{{8}}-\d{{6}})(?:-(\d+))?$")
DAILY_DAYS = 7
WEEKLY_WEEKS = 8
SALT_BYTES = 16
DUE_EVERY = timedelta(hours=24)  # automatic backups: once a day


class BackupFailed(VaultError):
    """A backup could not be made or did not verify; nothing was left behind."""


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    made_at: datetime  # local wall-clock time, naive, as in the folder's name


def default_backup_dir(data_dir: Path) -> Path:
    """`<data dir>-backups` beside the journal's folder (never inside it: a restore
    swaps the journal's whole folder)."""
    return data_dir.parent / f"{data_dir.name}-backups"


def _local(now: datetime | None) -> datetime:
    """Naive local wall-clock time; an aware `now` is converted to local time."""
    if now is None:
        return datetime.now()
    return now.astimezone().replace(tzinfo=None) if now.tzinfo else now


# --- making backups -------------------------------------------------------------


def make_backup(vault: Vault, folder: Path, now: datetime | None = None) -> Path:
    """Write a verified encrypted backup of the unlocked `vault` into `folder`."""
    made_at = _local(now)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    final = _free_name(folder, PREFIX + made_at.strftime(STAMP))
    temp = folder / f".{final.name}.{secrets.token_hex(6)}.partial"
    temp.mkdir(mode=0o700)
    try:
        kf = keyfile.read(vault.paths.keyfile)
        if kf.vault_id != vault.vault_id:
            raise BackupFailed("The journal's key file changed while backing up; try again.")
        paths = JournalPaths(temp)
        _create_private(paths.database)
        holder = KeyHolder(bytes.fromhex(vault.raw_key_hex()))
        try:
            try:
                with vault.backend.raw_connection() as raw:
                    raw.execute("VACUUM INTO ?", (str(paths.database),))
            except Exception as exc:
                if type(exc).__module__.startswith(("sqlcipher3", "sqlalchemy")):
                    raise BackupFailed(
                        f"The backup could not be written ({exc}). Nothing was kept."
                    ) from None
                raise
            _fsync_file(paths.database)
            keyfile.write(paths.keyfile, kf)
            problems = verify(temp, holder, kf)
        finally:
            holder.wipe()
        if problems:
            raise BackupFailed(
                f"The new backup failed its check ({problems[0]}), so it was removed. "
                "Run `reflect check` on the journal."
            )
        fsync_directory(temp)
        temp.rename(final)
        fsync_directory(folder)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return final


def _free_name(folder: Path, base: str) -> Path:
    candidate = folder / base
    n = 2
    while candidate.exists():
        candidate = folder / f"{base}-{n}"
        n += 1
    return candidate


def _create_private(path: Path) -> None:
    # VACUUM INTO accepts an empty file; SQLite gives -wal/-shm the same permissions.
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def verify(folder: Path, holder: KeyHolder, kf: keyfile.KeyFile) -> list[str]:
    """Problems found opening the journal in `folder` with the key; [] when it is sound.

    Checks the salt against the key file, the vault id, SQLite's integrity_check
    and SQLCipher's cipher_integrity_check. Leaves no -wal/-shm behind.
    """
    paths = JournalPaths(folder)
    try:
        with paths.database.open("rb") as handle:
            if handle.read(SALT_BYTES) != kf.db_salt:
                return ["the database does not belong to the key file"]
    except OSError as exc:
        return [f"the database cannot be read: {exc.strerror or exc}"]
    conn: Any = None
    try:
        conn = database.connect_raw(paths.database, holder)
        problems = database.full_check(conn)
        row = conn.execute("SELECT value FROM meta WHERE key = 'vault_id'").fetchone()
        if row is None or row[0] != kf.vault_id:
            problems.append("the database belongs to a different journal")
        return problems
    except Exception as exc:
        if type(exc).__module__.startswith("sqlcipher3") or isinstance(exc, VaultError):
            return [f"it cannot be opened ({exc})"]
        raise
    finally:
        if conn is not None:
            conn.close()


# --- listing and rotation ---------------------------------------------------------


def list_backups(folder: Path) -> list[BackupInfo]:
    """The backups in `folder`, oldest first (temp folders and other names are ignored)."""
    found: list[BackupInfo] = []
    try:
        entries = list(folder.iterdir())
    except (FileNotFoundError, NotADirectoryError):
        return []
    for entry in entries:
        match = _NAME.match(entry.name)
        if not match or not entry.is_dir():
            continue
        try:
            made_at = datetime.strptime(match.group(1), STAMP)
        except ValueError:
            continue
        found.append(BackupInfo(entry, made_at))
    found.sort(key=lambda b: (b.made_at, _suffix(b.path.name)))
    return found


def backup_due(folder: Path, now: datetime | None = None, every: timedelta = DUE_EVERY) -> bool:
    """Whether `folder` needs a new backup: it holds none, or its newest is `every` old.

    Only lists the folder (no unlocking, no reading backups). A folder that does not
    exist, or cannot be listed, is due: trying to back up there reports why it fails.
    Backups dated after `now` (the clock was put back) are ignored, so they cannot
    put off backing up until the clock catches up with them.
    """
    now = _local(now)
    try:
        made = [b.made_at for b in list_backups(folder) if b.made_at <= now]
    except OSError:
        return True
    return not made or now - max(made) >= every


def _suffix(name: str) -> int:
    match = _NAME.match(name)
    return int(match.group(2)) if match and match.group(2) else 1


def to_keep(backups: list[BackupInfo], now: datetime | None = None) -> set[Path]:
    """The newest backup of each of the last 7 days and of each of the last 8 ISO
    weeks, and always the newest of all."""
    today = _local(now).date()
    newest_first = sorted(backups, key=lambda b: (b.made_at, _suffix(b.path.name)), reverse=True)
    keep: set[Path] = {newest_first[0].path} if newest_first else set()
    days: set[date] = set()
    weeks: set[tuple[int, int]] = set()
    first_week = today - timedelta(days=today.weekday() + 7 * (WEEKLY_WEEKS - 1))
    for backup in newest_first:
        day = backup.made_at.date()
        if today - day < timedelta(days=DAILY_DAYS) and day not in days:
            days.add(day)
            keep.add(backup.path)
        week = day.isocalendar()
        if day >= first_week and (week.year, week.week) not in weeks:
            weeks.add((week.year, week.week))
            keep.add(backup.path)
    return keep


def rotate(folder: Path, now: datetime | None = None) -> list[Path]:
    """Delete the backups `to_keep` does not keep; returns those removed, oldest first."""
    backups = list_backups(folder)
    keep = to_keep(backups, now)
    removed: list[Path] = []
    for backup in backups:
        if backup.path not in keep:
            shutil.rmtree(backup.path)
            removed.append(backup.path)
    if removed:
        fsync_directory(folder)
    return removed


# --- restoring -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Restored:
    journal: Path
    safety_backup: Path | None


def restore(
    backup: Path,
    target: Path,
    passphrase: str | None = None,
    recovery_key: str | None = None,
    replace: bool = False,
    now: datetime | None = None,
) -> Restored:
    """Make `target` a journal restored from `backup`, opened with one of its secrets.

    A wrong secret raises what unlocking raises and changes nothing. `target` must
    not hold a journal unless `replace`; then the current journal's folder is renamed
    to `<target>.safety-backup-<time>` beside it, whole, just before the swap.
    """
    backup_paths = JournalPaths(backup)
    if not backup_paths.database.is_file():
        raise NoJournal(f"{backup} is not a Reflect backup: it has no journal.db.")
    kf = keyfile.read(backup_paths.keyfile)
    if passphrase is not None:
        data_key = keys.open_with_passphrase(kf, passphrase)
    elif recovery_key is not None:
        data_key = keys.open_with_recovery_key(kf, recovery_key)
    else:
        raise ValueError("restore needs the backup's passphrase or recovery key")
    target = target.absolute()
    has_journal = _holds_journal(target)
    if has_journal and not replace:
        raise JournalExists(
            f"There is already a journal in {target}; nothing was changed. "
            "Restore into a new folder, or replace it (a safety backup is kept)."
        )
    if not has_journal and target.exists() and any(target.iterdir()):
        raise JournalExists(f"{target} is not empty and holds no journal; nothing was changed.")
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    staging = target.parent / f".{target.name}.restoring-{secrets.token_hex(6)}"
    staging.mkdir(mode=0o700)
    holder = KeyHolder(data_key)
    try:
        staged = JournalPaths(staging)
        _create_private(staged.database)
        shutil.copyfile(backup_paths.database, staged.database)
        _fsync_file(staged.database)
        keyfile.write(staged.keyfile, kf)
        problems = verify(staging, holder, kf)
        if problems:
            raise BackupFailed(
                f"The backup {backup.name} is damaged ({problems[0]}); nothing was changed."
            )
        fsync_directory(staging)
        safety: Path | None = None
        if has_journal:
            stamp = _local(now).strftime(STAMP)
            safety = _free_name(target.parent, f"{target.name}.safety-backup-{stamp}")
            target.rename(safety)
        elif target.exists():
            target.rmdir()
        staging.rename(target)
        fsync_directory(target.parent)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        holder.wipe()
    return Restored(target, safety)


def _holds_journal(folder: Path) -> bool:
    paths = JournalPaths(folder)
    return any(
        p.exists() for p in (paths.database, paths.keyfile, keyfile.backup_path(paths.keyfile))
    )
