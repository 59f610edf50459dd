"""`reflect backup --if-due`: a backup only when the newest is a day old, for cron and timers."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from storage import backup
from tests.cli.test_cli import Cli, _argon2_once


@pytest.fixture
def cli(
    journal_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> Cli:
    """As in test_cli.py: a fresh journal whose passphrase is in a file, never a terminal."""
    monkeypatch.setattr("cli.unlock.has_terminal", lambda: False)
    monkeypatch.setattr("storage.crypto.argon2id", _argon2_once)
    monkeypatch.delenv("REFLECT_DATA_DIR", raising=False)
    monkeypatch.delenv("REFLECT_DEBUG", raising=False)
    return Cli(journal_dir, tmp_path, capsys, monkeypatch)


def test_if_due_backs_up_only_when_due(cli: Cli, tmp_path: Path) -> None:
    cli.add("Before the backup.", "--title", "kept")
    backups = tmp_path / "backups"
    made = cli("backup", "--if-due", "--to", str(backups))
    assert made.code == 0, made.err
    first = Path(made.out.strip())
    assert first.parent == backups and "verified" in made.err
    assert [b.path for b in backup.list_backups(backups)] == [first]

    # Not due: nothing written, and no secret needed to find that out.
    skipped = cli("backup", "--if-due", "--to", str(backups), unlock=[])
    assert skipped.code == 0, skipped.err
    assert skipped.out == ""
    assert skipped.err.startswith("No backup needed: the newest is from ")
    assert str(first) in skipped.err
    assert [b.path for b in backup.list_backups(backups)] == [first]


def test_if_due_after_a_day_backs_up_again(cli: Cli, tmp_path: Path) -> None:
    backups = tmp_path / "backups"
    old = backups / f"reflect-backup-{datetime.now() - timedelta(hours=25):%Y%m%d-%H%M%S}"
    old.mkdir(parents=True)
    made = cli("backup", "--if-due", "--to", str(backups))
    assert made.code == 0, made.err
    assert [b.path for b in backup.list_backups(backups)] == [old, Path(made.out.strip())]


def test_if_due_goes_to_the_default_folder_and_not_with_list(cli: Cli) -> None:
    made = cli("backup", "--if-due")
    assert made.code == 0, made.err
    assert Path(made.out.strip()).parent == cli.data_dir.parent / "journal-backups"
    assert "No backup needed" in cli("backup", "--if-due", unlock=[]).err
    both = cli("backup", "--if-due", "--list")
    assert both.code == 2 and "not allowed with argument" in both.err
    assert "--if-due" in cli("backup", "--help").out
