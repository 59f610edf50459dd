"""Back up now and restore from a backup, through the File menu's actions, on a real journal."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from reflect.model import NewReflection, Section
from storage import backup
from storage.vault import Vault
from tests.conftest import PASSPHRASE
from tests.ui.test_app_flows import seed, unlock
from ui import backup_actions, restore_dialog
from ui.main_window import MainWindow
from ui.restore_dialog import RECOVERY_KEY, RestoreDialog


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What would have gone into message boxes."""
    texts: list[str] = []
    monkeypatch.setattr(restore_dialog, "show_restored", lambda parent, text: texts.append(text))
    monkeypatch.setattr(restore_dialog, "show_problem", lambda parent, text: texts.append(text))
    monkeypatch.setattr(backup_actions, "show_problem", lambda parent, text: texts.append(text))
    return texts


def titles(folder: Path, passphrase: str = PASSPHRASE) -> set[str]:
    with Vault.unlock(folder, passphrase=passphrase) as vault:
        return {r.title for r in vault.newest()}


def open_unlocked(qtbot: QtBot, window: MainWindow) -> None:
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.journal, timeout=10_000)


def backed_up(journal_dir: Path, recovery_key: str, folder: Path) -> Path:
    seed(journal_dir, recovery_key)
    with Vault.unlock(journal_dir, recovery_key=recovery_key) as vault:
        return backup.make_backup(vault, folder)


def start_restore(window: MainWindow) -> RestoreDialog:
    window.backups.restore_action.trigger()
    dialog = window.backups.restore_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_backup_actions_follow_the_lock(window: MainWindow) -> None:
    assert all(not act.isEnabled() for act in window.backups.actions)
    (file_menu,) = (m for m in window.menuBar().findChildren(QMenu) if m.title() == "&File")
    texts = [a.text() for a in file_menu.actions()]
    at = texts.index("Import &calendar file…")
    assert texts[at + 2 : at + 5] == [
        "&Back up now",
        "Restore from a bac&kup…",
        "Backups &folder…",
    ]


def test_back_up_now_writes_a_verified_backup(
    qtbot: QtBot,
    window: MainWindow,
    journal_dir: Path,
    recovery_key: str,
    backups_dir: Path,
    shown: list[str],
) -> None:
    seed(journal_dir, recovery_key)
    open_unlocked(qtbot, window)
    made: list[Path] = []
    window.backups.backed_up.connect(made.append)
    window.backups.backup_action.trigger()
    qtbot.waitUntil(lambda: bool(made), timeout=20_000)
    assert not shown
    (info,) = backup.list_backups(backups_dir)
    assert info.path == made[0]
    message = window.statusBar().currentMessage()
    assert made[0].name in message and str(backups_dir) in message
    assert titles(made[0]) == {"Call", "Walk"}
    assert window.backups.backup_action.isEnabled()


def test_a_wrong_recovery_key_changes_nothing(
    qtbot: QtBot,
    window: MainWindow,
    journal_dir: Path,
    recovery_key: str,
    backups_dir: Path,
    shown: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    backed_up(journal_dir, recovery_key, backups_dir)
    monkeypatch.setattr(restore_dialog, "confirm_replace", lambda parent, journal: True)
    before = sorted(p.name for p in journal_dir.parent.iterdir())
    open_unlocked(qtbot, window)
    dialog = start_restore(window)
    dialog.kind.setCurrentIndex(RECOVERY_KEY)
    wrong = recovery_key.split("-")
    wrong[0], wrong[1] = wrong[1], wrong[0]
    dialog.secret.setText("-".join(wrong))
    dialog.replace.setChecked(True)
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: dialog.restore_button.isEnabled(), timeout=20_000)
    assert "recovery key" in dialog.error.text().lower()
    assert dialog.isVisible() and window.session.is_unlocked
    assert window.pages.currentWidget() is window.journal
    assert sorted(p.name for p in journal_dir.parent.iterdir()) == before
    assert not shown


def test_restore_as_a_new_journal(
    qtbot: QtBot,
    window: MainWindow,
    journal_dir: Path,
    recovery_key: str,
    backups_dir: Path,
    shown: list[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    older = backed_up(journal_dir, recovery_key, backups_dir)
    with Vault.unlock(journal_dir, recovery_key=recovery_key) as vault:
        vault.add(NewReflection(sections=(Section("later words"),), title="Later"))
        newest = backup.make_backup(vault, backups_dir)
    target = tmp_path / "elsewhere"
    monkeypatch.setattr(restore_dialog, "choose_restore_folder", lambda parent, start: target)
    open_unlocked(qtbot, window)
    dialog = start_restore(window)
    listed = [
        dialog.backups.item(i).data(Qt.ItemDataRole.UserRole).path
        for i in range(dialog.backups.count())
    ]
    assert listed == [newest, older]  # newest first
    dialog.backups.setCurrentRow(1)
    dialog.secret.setText(PASSPHRASE)
    closed: list[int] = []
    dialog.finished.connect(closed.append)
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    assert str(target) in shown[0]
    assert closed == [RestoreDialog.DialogCode.Accepted.value]
    assert titles(target) == {"Call", "Walk"}
    assert window.session.is_unlocked  # the open journal is untouched
    assert {r.title for r in window.session.vault.newest()} == {"Call", "Walk", "Later"}


def test_replacing_keeps_a_safety_backup_and_returns_to_unlock(
    qtbot: QtBot,
    window: MainWindow,
    journal_dir: Path,
    recovery_key: str,
    backups_dir: Path,
    shown: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    backed_up(journal_dir, recovery_key, backups_dir)
    asked: list[Path] = []

    def confirm(parent: object, journal: Path) -> bool:
        asked.append(journal)
        return True

    monkeypatch.setattr(restore_dialog, "confirm_replace", confirm)
    open_unlocked(qtbot, window)
    window.session.vault.add(NewReflection(sections=(Section("written since"),), title="Since"))
    dialog = start_restore(window)
    dialog.secret.setText(PASSPHRASE)
    dialog.replace.setChecked(True)
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    assert asked == [journal_dir]
    (safety,) = journal_dir.parent.glob("journal.safety-backup-*")
    assert str(safety) in shown[0]
    assert window.pages.currentWidget() is window.unlock
    assert not window.session.is_unlocked
    assert titles(safety) == {"Call", "Walk", "Since"}
    open_unlocked(qtbot, window)
    assert {r.title for r in window.session.vault.newest()} == {"Call", "Walk"}
