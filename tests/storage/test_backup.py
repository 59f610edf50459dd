"""Encrypted backups: made consistently, verified, rotated, and restored safely.

Acceptance 3: a backup made while another process writes holds every reflection
whose save had returned before the backup started, and passes integrity_check and
cipher_integrity_check.
"""

from __future__ import annotations

import subprocess
import sys
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from reflect.model import NewReflection, Section
from storage import backup, database, keyfile, keys
from storage.database import KeyHolder
from storage.errors import JournalExists, WrongPassphrase, WrongRecoveryKey
from storage.paths import JournalPaths
from storage.vault import Vault
from tests.conftest import OTHER_PASSPHRASE, PASSPHRASE
from tests.storage.test_crash_safety import Lines

REPO = Path(__file__).resolve().parents[2]
MAX_WAIT = 60.0  # generous on a loaded machine; a hang fails instead of waiting forever

WRITER = r"""
import sys
from pathlib import Path

from reflect.model import NewReflection, Section
from storage.vault import Vault

vault = Vault.unlock(Path(sys.argv[1]), recovery_key=sys.argv[2], direct=True)
for i in range(20_000):  # bounded, in case nobody stops it
    saved = vault.add(NewReflection(sections=(Section(f"entry {i} " * 50),), title=f"w{i}"))
    sys.stdout.write(f"{saved.id}\n")
    sys.stdout.flush()
"""


def _add(vault: Vault, title: str) -> uuid.UUID:
    return vault.add(NewReflection(sections=(Section(f"About {title}."),), title=title)).id


def _full_check(folder: Path, recovery_key: str) -> list[str]:
    kf = keyfile.read(JournalPaths(folder).keyfile)
    holder = KeyHolder(keys.open_with_recovery_key(kf, recovery_key))
    conn = database.connect_raw(JournalPaths(folder).database, holder)
    try:
        return database.full_check(conn)
    finally:
        conn.close()
        holder.wipe()


def test_a_backup_opens_with_the_same_secrets_and_holds_everything(
    vault: Vault, tmp_path: Path, recovery_key: str
) -> None:
    ids = {_add(vault, f"note {i}") for i in range(5)}
    made = backup.make_backup(vault, tmp_path / "backups", datetime(2026, 3, 1, 9, 30, 5))
    assert made.name == "reflect-backup-20260301-093005"
    assert sorted(p.name for p in made.iterdir()) == [
        "journal.db",
        "journal.keys",
        "journal.keys.bak",
    ]
    assert (made / "journal.db").stat().st_mode & 0o077 == 0
    assert _full_check(made, recovery_key) == []
    with Vault.unlock(made, recovery_key=recovery_key, direct=True) as copy:
        assert {r.id for r in copy.newest(limit=100)} == ids
        assert copy.check().ok
    with Vault.unlock(made, passphrase=PASSPHRASE, direct=True) as copy:
        assert copy.count() == 5
    # No temp folders are left behind.
    assert [p.name for p in (tmp_path / "backups").iterdir()] == [made.name]


def test_a_second_backup_in_the_same_second_gets_its_own_name(vault: Vault, tmp_path: Path) -> None:
    when = datetime(2026, 3, 1, 9, 30, 5)
    first = backup.make_backup(vault, tmp_path, when)
    second = backup.make_backup(vault, tmp_path, when)
    assert second.name == first.name + "-2"
    assert [b.path for b in backup.list_backups(tmp_path)] == [first, second]


def test_a_backup_that_fails_verification_is_removed(
    vault: Vault, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(backup, "verify", lambda *a: ["page 3 is wrong"])
    with pytest.raises(backup.BackupFailed, match="page 3 is wrong"):
        backup.make_backup(vault, tmp_path / "b")
    assert list((tmp_path / "b").iterdir()) == []


@pytest.mark.slow
def test_a_backup_taken_while_another_process_writes_has_every_saved_reflection(
    journal_dir: Path, recovery_key: str, tmp_path: Path
) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-W", "error", "-c", WRITER, str(journal_dir), recovery_key],
        cwd=REPO,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        bufsize=0,
    )
    assert proc.stdout is not None
    try:
        out = Lines(proc.stdout.fileno())
        assert out.read_until(lambda: len(out.lines) >= 20, time.monotonic() + MAX_WAIT), (
            "the writer never got going"
        )
        with Vault.unlock(journal_dir, recovery_key=recovery_key, verify=False) as vault:
            saved_before = {uuid.UUID(line) for line in out.lines}
            made = backup.make_backup(vault, tmp_path / "backups")
        # The writer is still writing: the backup was truly taken mid-stream.
        count_at_backup = len(out.lines)
        assert out.read_until(
            lambda: len(out.lines) >= count_at_backup + 5, time.monotonic() + MAX_WAIT
        )
        assert proc.poll() is None
    finally:
        proc.kill()
        proc.communicate(timeout=MAX_WAIT)
    assert _full_check(made, recovery_key) == []
    with Vault.unlock(made, recovery_key=recovery_key, direct=True) as copy:
        in_backup = {r.id for r in copy.newest(limit=100_000)}
    assert saved_before <= in_backup


# --- rotation -------------------------------------------------------------------------


def _fake_backups(folder: Path, times: list[datetime]) -> None:
    for when in times:
        (folder / f"reflect-backup-{when:%Y%m%d-%H%M%S}").mkdir(parents=True)


def test_rotation_keeps_daily_for_a_week_and_weekly_for_eight_weeks(tmp_path: Path) -> None:
    now = datetime(2026, 3, 18, 12, 0)  # a Wednesday
    times = [now - timedelta(hours=6 * i) for i in range(4 * 120)]  # 4 a day, 120 days
    _fake_backups(tmp_path, times)
    (tmp_path / "notes.txt").write_text("not a backup")
    removed = backup.rotate(tmp_path, now)
    kept = backup.list_backups(tmp_path)
    kept_times = [b.made_at for b in kept]
    assert len(removed) + len(kept) == len(times)
    assert (tmp_path / "notes.txt").exists()
    # The newest of each of the last 7 days.
    for day in range(7):
        newest_that_day = max(t for t in times if t.date() == (now - timedelta(days=day)).date())
        assert newest_that_day in kept_times
    # One per ISO week for the last 8 weeks, the newest of each; nothing older.
    weeks = {t.isocalendar()[:2] for t in kept_times}
    assert len(weeks) == 8
    for week in weeks:
        assert max(t for t in times if t.isocalendar()[:2] == week) in kept_times
    assert min(kept_times).date() >= (now - timedelta(weeks=8)).date()
    # 7 days (12-18 March: this week's and last week's newest are among them), 6 older weeks.
    assert len(kept) == 7 + 6
    assert backup.rotate(tmp_path, now) == []


def test_rotation_always_keeps_the_newest_even_when_old(tmp_path: Path) -> None:
    old = [datetime(2020, 1, 1, 8), datetime(2020, 1, 2, 8)]
    _fake_backups(tmp_path, old)
    removed = backup.rotate(tmp_path, datetime(2026, 1, 1))
    assert [p.name for p in removed] == ["reflect-backup-20200101-080000"]
    assert [b.made_at for b in backup.list_backups(tmp_path)] == [old[1]]


# --- is a backup due? ------------------------------------------------------------------


def test_a_backup_is_due_without_one_or_a_folder(tmp_path: Path) -> None:
    assert backup.backup_due(tmp_path / "never made")
    assert backup.backup_due(tmp_path)  # empty
    (tmp_path / "notes.txt").write_text("not a backup")
    (tmp_path / ".reflect-backup-20260318-110000.abc.partial").mkdir()  # unfinished
    assert backup.backup_due(tmp_path, datetime(2026, 3, 18, 12))


def test_a_backup_is_due_when_the_newest_is_a_day_old(tmp_path: Path) -> None:
    now = datetime(2026, 3, 18, 12, 0)
    _fake_backups(tmp_path, [now - timedelta(days=3), now - timedelta(hours=23, minutes=59)])
    assert not backup.backup_due(tmp_path, now)
    assert backup.backup_due(tmp_path, now + timedelta(minutes=1))
    assert backup.backup_due(tmp_path, now, every=timedelta(hours=1))
    assert not backup.backup_due(tmp_path, now, every=timedelta(days=2))


def test_an_aware_now_is_compared_in_local_time(tmp_path: Path) -> None:
    now = datetime.now().astimezone()
    _fake_backups(tmp_path, [now.replace(tzinfo=None) - timedelta(hours=1)])
    assert not backup.backup_due(tmp_path, now)
    assert backup.backup_due(tmp_path, now + timedelta(days=2))


def test_backups_dated_in_the_future_do_not_put_off_the_next(tmp_path: Path) -> None:
    now = datetime(2026, 3, 18, 12, 0)  # the clock was put back a month
    _fake_backups(tmp_path, [now + timedelta(days=30)])
    assert backup.backup_due(tmp_path, now)
    _fake_backups(tmp_path, [now - timedelta(minutes=5)])
    assert not backup.backup_due(tmp_path, now)


def test_a_folder_that_cannot_be_listed_is_due(tmp_path: Path) -> None:
    a_file = tmp_path / "a file"
    a_file.write_text("not a folder")
    assert backup.list_backups(a_file / "backups") == []
    assert backup.backup_due(a_file / "backups")
    assert backup.backup_due(a_file)


# --- restoring ------------------------------------------------------------------------


@pytest.fixture
def one_backup(vault: Vault, tmp_path: Path) -> tuple[Path, set[uuid.UUID]]:
    ids = {_add(vault, "before the backup"), _add(vault, "also before")}
    return backup.make_backup(vault, tmp_path / "backups"), ids


def test_restore_into_a_new_folder(
    one_backup: tuple[Path, set[uuid.UUID]], tmp_path: Path, recovery_key: str
) -> None:
    made, ids = one_backup
    restored = backup.restore(made, tmp_path / "new" / "journal", passphrase=PASSPHRASE)
    assert restored.safety_backup is None
    assert [p.name for p in (tmp_path / "new").iterdir()] == ["journal"]
    with Vault.unlock(restored.journal, recovery_key=recovery_key, verify=True) as copy:
        assert {r.id for r in copy.newest()} == ids


def test_restore_replacing_keeps_the_old_journal_as_a_safety_backup(
    one_backup: tuple[Path, set[uuid.UUID]], vault: Vault, journal_dir: Path, recovery_key: str
) -> None:
    made, ids = one_backup
    later = _add(vault, "written after the backup")
    vault.lock()
    with pytest.raises(JournalExists):
        backup.restore(made, journal_dir, recovery_key=recovery_key)
    restored = backup.restore(made, journal_dir, recovery_key=recovery_key, replace=True)
    assert restored.journal == journal_dir.absolute()
    safety = restored.safety_backup
    assert safety is not None and safety.parent == journal_dir.parent
    assert safety.name.startswith("journal.safety-backup-")
    with Vault.unlock(journal_dir, passphrase=PASSPHRASE) as current:
        assert {r.id for r in current.newest()} == ids
    with Vault.unlock(safety, recovery_key=recovery_key) as old:
        assert {r.id for r in old.newest()} == ids | {later}
    assert not [p for p in journal_dir.parent.iterdir() if ".restoring-" in p.name]


def test_a_wrong_secret_changes_nothing(
    one_backup: tuple[Path, set[uuid.UUID]], vault: Vault, journal_dir: Path, tmp_path: Path
) -> None:
    made, _ = one_backup
    vault.lock()
    before = sorted(p.name for p in journal_dir.parent.iterdir())
    db_bytes = JournalPaths(journal_dir).database.read_bytes()
    wrong_key = keys.recovery_slot(str(uuid.uuid4()), bytes(32))[1]  # well formed, not ours
    with pytest.raises(WrongRecoveryKey):
        backup.restore(made, journal_dir, recovery_key=wrong_key, replace=True)
    with pytest.raises(WrongPassphrase):
        backup.restore(made, tmp_path / "elsewhere", passphrase=OTHER_PASSPHRASE)
    assert sorted(p.name for p in journal_dir.parent.iterdir()) == before
    assert JournalPaths(journal_dir).database.read_bytes() == db_bytes
    assert not (tmp_path / "elsewhere").exists()


def test_a_damaged_backup_is_refused_and_nothing_is_changed(
    one_backup: tuple[Path, set[uuid.UUID]], tmp_path: Path
) -> None:
    made, _ = one_backup
    db = JournalPaths(made).database
    data = bytearray(db.read_bytes())
    data[5000] ^= 0xFF
    db.write_bytes(bytes(data))
    with pytest.raises(backup.BackupFailed, match="damaged"):
        backup.restore(made, tmp_path / "restored", passphrase=PASSPHRASE)
    assert not (tmp_path / "restored").exists()
    assert not [p for p in tmp_path.iterdir() if ".restoring-" in p.name]
