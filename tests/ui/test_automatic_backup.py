"""Automatic backups: after unlocking and hourly while unlocked, quietly, on a real journal.

The delay after unlocking is 0 here (`automatic_delay_ms`), so the first check runs on
the next turn of the event loop; tests wait for its `checked` or `failed` signal.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from storage import backup, keyfile, keys
from storage.database import KeyHolder
from storage.paths import JournalPaths
from tests.ui.test_app_flows import seed, unlock
from tests.ui.test_backup_restore import titles
from ui import backup_actions
from ui.main_window import MainWindow
from ui.session import Session
from ui.settings import Settings
from ui.settings_dialog import SettingsDialog

SLOW = 20_000  # a real backup: SQLCipher writes and checks it


class Automatic:
    """The `backups/automatic` setting as the code under test sees it."""

    def __init__(self) -> None:
        self.on = True


@pytest.fixture
def automatic(monkeypatch: pytest.MonkeyPatch) -> Automatic:
    setting = Automatic()
    monkeypatch.setattr(backup_actions, "saved_automatic", lambda: setting.on)
    return setting


@pytest.fixture
def problems(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What would have gone into a modal message box: automatic backups show none."""
    texts: list[str] = []
    monkeypatch.setattr(backup_actions, "show_problem", lambda parent, text: texts.append(text))
    return texts


@pytest.fixture
def quick(window: MainWindow, automatic: Automatic) -> MainWindow:
    window.backups.automatic_delay_ms = 0
    return window


def open_unlocked(qtbot: QtBot, window: MainWindow) -> None:
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.journal, timeout=10_000)


def verified(made: Path, recovery_key: str) -> list[str]:
    kf = keyfile.read(JournalPaths(made).keyfile)
    holder = KeyHolder(keys.open_with_recovery_key(kf, recovery_key))
    try:
        return backup.verify(made, holder, kf)
    finally:
        holder.wipe()


def test_after_unlocking_a_verified_backup_is_made_quietly(
    qtbot: QtBot,
    quick: MainWindow,
    journal_dir: Path,
    recovery_key: str,
    backups_dir: Path,
    problems: list[str],
) -> None:
    seed(journal_dir, recovery_key)
    with qtbot.waitSignal(quick.backups.checked, timeout=SLOW) as checked:
        open_unlocked(qtbot, quick)
    made = checked.args[0]
    assert isinstance(made, Path) and made.parent == backups_dir
    assert [b.path for b in backup.list_backups(backups_dir)] == [made]
    assert verified(made, recovery_key) == []
    assert titles(made) == {"Call", "Walk"}
    assert quick.statusBar().currentMessage().startswith("Backed up automatically: ")
    assert made.name in quick.statusBar().currentMessage()
    assert not problems and QApplication.activeModalWidget() is None
    assert quick.backups.backup_action.isEnabled() and not quick.backups.busy
    # Checked hourly while unlocked; a backup that is not due yet is not made again.
    assert quick.backups.hourly_timer.isActive()
    assert quick.backups.hourly_timer.interval() == 60 * 60 * 1000
    with qtbot.waitSignal(quick.backups.checked, timeout=SLOW) as again:
        quick.backups.hourly_timer.timeout.emit()
    assert again.args == [None]
    assert len(backup.list_backups(backups_dir)) == 1


def test_a_backup_from_an_hour_ago_is_enough(
    qtbot: QtBot, quick: MainWindow, backups_dir: Path, problems: list[str]
) -> None:
    recent = backups_dir / f"reflect-backup-{datetime.now() - timedelta(hours=1):%Y%m%d-%H%M%S}"
    recent.mkdir(parents=True)
    with qtbot.waitSignal(quick.backups.checked, timeout=SLOW) as checked:
        open_unlocked(qtbot, quick)
    assert checked.args == [None]
    assert [b.path for b in backup.list_backups(backups_dir)] == [recent]
    assert quick.statusBar().currentMessage() == ""
    assert not problems


def test_turned_off_nothing_is_made_and_the_folder_is_not_even_listed(
    qtbot: QtBot,
    quick: MainWindow,
    automatic: Automatic,
    backups_dir: Path,
    problems: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    automatic.on = False
    listed: list[Path] = []
    real_due = backup.backup_due
    monkeypatch.setattr(
        backup, "backup_due", lambda folder: listed.append(folder) or real_due(folder)
    )
    open_unlocked(qtbot, quick)
    qtbot.waitUntil(lambda: not quick.backups.first_timer.isActive(), timeout=5_000)
    quick.backups.hourly_timer.timeout.emit()
    assert not quick.backups.busy and listed == []
    assert not backups_dir.exists() and not problems
    # Turned on again: the next hourly check backs up.
    automatic.on = True
    with qtbot.waitSignal(quick.backups.checked, timeout=SLOW) as checked:
        quick.backups.hourly_timer.timeout.emit()
    assert isinstance(checked.args[0], Path) and listed == [backups_dir]


def test_a_failing_folder_is_reported_quietly_and_not_retried_in_a_loop(
    qtbot: QtBot,
    quick: MainWindow,
    tmp_path: Path,
    problems: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    a_file = tmp_path / "not a folder"
    a_file.write_text("a regular file")
    folder = a_file / "backups"
    monkeypatch.setattr(backup_actions, "saved_backups_folder", lambda: str(folder))
    failures: list[str] = []
    quick.backups.failed.connect(failures.append)
    with qtbot.waitSignal(quick.backups.failed, timeout=SLOW):
        open_unlocked(qtbot, quick)
    (text,) = failures
    assert str(folder) in text and "Not a directory" in text
    assert quick.statusBar().currentMessage() == text
    # A notice, not a modal dialog: writing carries on.
    notice = quick.findChild(QMessageBox, backup_actions.NOTICE_NAME)
    assert isinstance(notice, QMessageBox) and notice.isVisible()
    assert not notice.isModal() and notice.windowModality() == Qt.WindowModality.NonModal
    assert text in notice.text() and notice.accessibleName()
    assert QApplication.activeModalWidget() is None and not problems
    assert quick.session.is_unlocked and quick.pages.currentWidget() is quick.journal
    # Remembered: asking again starts nothing until the hourly check.
    for _ in range(5):
        quick.backups.back_up_if_due()
        assert not quick.backups.busy
    assert len(failures) == 1
    with qtbot.waitSignal(quick.backups.failed, timeout=SLOW):
        quick.backups.hourly_timer.timeout.emit()
    assert len(failures) == 2
    assert quick.findChildren(QMessageBox) == [notice]  # the same notice, not a pile of them
    quick.backups.back_up_if_due()
    assert not quick.backups.busy
    notice.close()
    # Locking stops the checks; the next unlock tries once more.
    quick.session.lock()
    assert not quick.backups.hourly_timer.isActive()
    assert not quick.backups.first_timer.isActive()
    with qtbot.waitSignal(quick.backups.failed, timeout=SLOW):
        open_unlocked(qtbot, quick)
    assert len(failures) == 3 and not problems


def test_back_up_now_still_works_after_an_automatic_failure(
    qtbot: QtBot,
    quick: MainWindow,
    tmp_path: Path,
    problems: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "backups"
    folder.write_text("a file where the folder should be")
    monkeypatch.setattr(backup_actions, "saved_backups_folder", lambda: str(folder))
    monkeypatch.setattr(backup_actions, "show_notice", lambda parent, text: None)
    with qtbot.waitSignal(quick.backups.failed, timeout=SLOW):
        open_unlocked(qtbot, quick)
    assert quick.backups.automatic_failed
    folder.unlink()
    with qtbot.waitSignal(quick.backups.backed_up, timeout=SLOW):
        quick.backups.backup_action.trigger()
    assert not quick.backups.automatic_failed and len(backup.list_backups(folder)) == 1


# --- the setting ----------------------------------------------------------------------------


def settings_dialog(qtbot: QtBot, session: Session) -> SettingsDialog:
    dialog = SettingsDialog(session, Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_settings_checkbox_round_trips(
    qtbot: QtBot, session: Session, journal_dir: Path, qsettings_dir: Path
) -> None:
    assert backup_actions.saved_automatic()  # on by default
    dialog = settings_dialog(qtbot, session)
    box = dialog.automatic_backups
    assert box.isChecked() and box.accessibleName() == "Back up automatically once a day"
    assert str(backup.default_backup_dir(journal_dir)) in dialog.backups_note.text()
    assert dialog.backups_note.accessibleName()
    qtbot.keyClick(box, Qt.Key.Key_Space)  # a keyboard user's way
    assert not box.isChecked()
    assert backup_actions.saved_automatic()  # nothing saved before OK
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert not backup_actions.saved_automatic()
    assert QSettings("Reflect", "Reflect").value("backups/automatic", type=bool) is False

    again = settings_dialog(qtbot, session)
    assert not again.automatic_backups.isChecked()
    qtbot.keyClick(again.automatic_backups, Qt.Key.Key_Space)
    qtbot.mouseClick(again.cancel_button, Qt.MouseButton.LeftButton)  # Cancel keeps it off
    assert not backup_actions.saved_automatic()

    third = settings_dialog(qtbot, session)
    assert not third.automatic_backups.isChecked()
    qtbot.keyClick(third.automatic_backups, Qt.Key.Key_Space)
    qtbot.mouseClick(third.ok_button, Qt.MouseButton.LeftButton)
    assert backup_actions.saved_automatic()


def test_the_settings_note_names_the_chosen_folder(
    qtbot: QtBot, session: Session, qsettings_dir: Path, tmp_path: Path
) -> None:
    backup_actions.save_backups_folder(str(tmp_path / "Synced" / "Reflect"))
    dialog = settings_dialog(qtbot, session)
    assert str(tmp_path / "Synced" / "Reflect") in dialog.backups_note.text()
    dialog.calendar_browse.setFocus()
    qtbot.keyClick(dialog.calendar_browse, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.automatic_backups
