"""The settings dialog and its passphrase and recovery key dialogs, driven through real widgets."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QSpinBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from reflect.model import NewReflection, Section
from storage import device_keyring, keyfile
from storage.errors import WrongPassphrase, WrongRecoveryKey
from storage.paths import JournalPaths
from storage.vault import Vault
from tests.conftest import OTHER_PASSPHRASE, PASSPHRASE, MemoryKeyring
from ui.change_passphrase_dialog import WRONG_CURRENT, ChangePassphraseDialog
from ui.recovery_key_dialog import RecoveryKeyDialog
from ui.session import Session
from ui.settings import Settings
from ui.settings_dialog import SettingsDialog

SLOW = 20_000  # Argon2 runs at its floor in tests, but CI machines can be slow
SECRET_TITLE = "Board away day"
SECRET_BODY = "the chief executive and I do not trust each other yet"


@pytest.fixture
def dialog(qtbot: QtBot, session: Session, qsettings_dir: Path) -> SettingsDialog:
    shown = SettingsDialog(session, Settings())
    qtbot.addWidget(shown)
    shown.show()
    return shown


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def press_space(qtbot: QtBot, button: QAbstractButton) -> None:
    """Keyboard, as a keyboard-only user would (a mouse click in a wide check box's
    middle misses its label)."""
    assert button.isEnabled()
    qtbot.keyClick(button, Qt.Key.Key_Space)


def open_change(qtbot: QtBot, dialog: SettingsDialog) -> ChangePassphraseDialog:
    click(qtbot, dialog.change_button)
    assert dialog.change_dialog is not None and dialog.change_dialog.isVisible()
    return dialog.change_dialog


def fill(change: ChangePassphraseDialog, current: str, new: str, again: str | None = None) -> None:
    change.current.setText(current)
    change.new.setText(new)
    change.again.setText(new if again is None else again)
    change.assess()


def opens_with(journal_dir: Path, passphrase: str) -> bool:
    try:
        Vault.unlock(journal_dir, passphrase=passphrase, verify=False).lock()
    except WrongPassphrase:
        return False
    return True


def keyfile_bytes(journal_dir: Path) -> bytes:
    return JournalPaths(journal_dir).keyfile.read_bytes()


# --- changing the passphrase ------------------------------------------------------------------


def test_a_wrong_current_passphrase_is_refused_and_changes_nothing(
    qtbot: QtBot, dialog: SettingsDialog, journal_dir: Path
) -> None:
    before = keyfile_bytes(journal_dir)
    change = open_change(qtbot, dialog)
    fill(change, "not my passphrase at all, sorry", OTHER_PASSPHRASE)
    click(qtbot, change.change_button)
    qtbot.waitUntil(lambda: change.problem.text() == WRONG_CURRENT, timeout=SLOW)
    assert change.isVisible()
    assert not change.progress.isVisible()
    assert change.current.isEnabled() and change.change_button.isEnabled()
    assert keyfile_bytes(journal_dir) == before
    assert opens_with(journal_dir, PASSPHRASE)
    assert not opens_with(journal_dir, OTHER_PASSPHRASE)
    assert dialog.keys_status.text() == ""


def test_the_right_current_passphrase_changes_it(
    qtbot: QtBot, dialog: SettingsDialog, journal_dir: Path, recovery_key: str
) -> None:
    change = open_change(qtbot, dialog)
    fill(change, PASSPHRASE, OTHER_PASSPHRASE)
    click(qtbot, change.change_button)
    assert change.progress.isVisible()  # busy while Argon2 runs off the interface thread
    assert not change.current.isEnabled()
    qtbot.waitUntil(lambda: not change.isVisible(), timeout=SLOW)
    assert "Passphrase changed" in dialog.keys_status.text()
    assert (change.current.text(), change.new.text(), change.again.text()) == ("", "", "")
    assert not opens_with(journal_dir, PASSPHRASE)
    assert opens_with(journal_dir, OTHER_PASSPHRASE)
    Vault.unlock(journal_dir, recovery_key=recovery_key, verify=False).lock()  # still works


def test_the_new_passphrase_must_be_strong_matching_and_different(
    qtbot: QtBot, dialog: SettingsDialog
) -> None:
    change = open_change(qtbot, dialog)
    fill(change, PASSPHRASE, "short")
    assert not change.change_button.isEnabled()
    assert "at least 12" in change.advice.text()
    fill(change, PASSPHRASE, OTHER_PASSPHRASE, OTHER_PASSPHRASE + "x")
    assert not change.change_button.isEnabled()
    assert "differ" in change.advice.text()
    fill(change, PASSPHRASE, PASSPHRASE)
    assert not change.change_button.isEnabled()
    assert "passphrase you have now" in change.advice.text()
    fill(change, "", OTHER_PASSPHRASE)
    assert not change.change_button.isEnabled()
    fill(change, PASSPHRASE, OTHER_PASSPHRASE)
    assert change.change_button.isEnabled()
    qtbot.keyClick(change, Qt.Key.Key_Escape)
    assert not change.isVisible()
    assert change.current.text() == "" and change.new.text() == ""


# --- a new recovery key -----------------------------------------------------------------------


def open_recovery(qtbot: QtBot, dialog: SettingsDialog) -> RecoveryKeyDialog:
    click(qtbot, dialog.recovery_button)
    assert dialog.recovery_dialog is not None and dialog.recovery_dialog.isVisible()
    return dialog.recovery_dialog


def test_a_new_recovery_key_is_shown_once_and_the_old_one_stops_working(
    qtbot: QtBot, dialog: SettingsDialog, journal_dir: Path, recovery_key: str
) -> None:
    made = open_recovery(qtbot, dialog)
    assert made.pages.currentIndex() == 0
    assert not made.make_button.isEnabled()
    made.current.setText(PASSPHRASE)
    click(qtbot, made.make_button)
    qtbot.waitUntil(lambda: made.pages.currentIndex() == 1, timeout=SLOW)
    new_key = made.key.text()
    assert len(new_key.split("-")) == 9
    assert new_key != recovery_key
    assert made.current.text() == ""
    with pytest.raises(WrongRecoveryKey):
        Vault.unlock(journal_dir, recovery_key=recovery_key, verify=False)
    Vault.unlock(journal_dir, recovery_key=new_key, verify=False).lock()
    assert opens_with(journal_dir, PASSPHRASE)  # the passphrase is untouched

    qtbot.keyClick(made, Qt.Key.Key_Escape)  # not before the key is shown to be kept
    assert made.isVisible()
    assert "last group" in made.hint.text()
    assert not made.done_button.isEnabled()
    made.confirm.setText(new_key.rsplit("-", 1)[-1].lower())
    click(qtbot, made.done_button)
    assert not made.isVisible()
    assert made.key.text() == ""  # the key is not left in a hidden widget
    assert "old one no longer" in dialog.keys_status.text()


def test_a_new_recovery_key_needs_the_right_passphrase(
    qtbot: QtBot, dialog: SettingsDialog, journal_dir: Path, recovery_key: str
) -> None:
    before = keyfile_bytes(journal_dir)
    made = open_recovery(qtbot, dialog)
    made.current.setText(OTHER_PASSPHRASE)
    qtbot.keyClick(made.current, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: made.problem.text() == WRONG_CURRENT, timeout=SLOW)
    assert made.pages.currentIndex() == 0
    assert made.key.text() == ""
    assert keyfile_bytes(journal_dir) == before
    Vault.unlock(journal_dir, recovery_key=recovery_key, verify=False).lock()
    click(qtbot, made.cancel_button)
    assert not made.isVisible()


def test_locking_closes_the_dialogs_and_forgets_the_new_key(
    qtbot: QtBot, dialog: SettingsDialog, session: Session
) -> None:
    made = open_recovery(qtbot, dialog)
    made.current.setText(PASSPHRASE)
    click(qtbot, made.make_button)
    qtbot.waitUntil(lambda: made.pages.currentIndex() == 1, timeout=SLOW)
    session.lock()
    assert not made.isVisible() and not dialog.isVisible()
    assert made.key.text() == ""


# --- remembering on this device ---------------------------------------------------------------


def device_slots(journal_dir: Path) -> int:
    return len(keyfile.read(JournalPaths(journal_dir).keyfile).slots_of("device"))


def test_remember_on_this_device_stores_and_removes_the_keychain_entry(
    qtbot: QtBot,
    dialog: SettingsDialog,
    session: Session,
    journal_dir: Path,
    memory_keyring: MemoryKeyring,
) -> None:
    entry = (device_keyring.SERVICE, f"device-key:{session.vault.vault_id}")
    assert dialog.remember.isEnabled() and not dialog.remember.isChecked()
    assert dialog.device_status.text() == ""
    press_space(qtbot, dialog.remember)
    qtbot.waitUntil(lambda: "Remembered" in dialog.device_status.text(), timeout=SLOW)
    assert entry in memory_keyring.secrets
    assert device_slots(journal_dir) == 1
    Vault.unlock(journal_dir, use_device_key=True, verify=False).lock()

    again = SettingsDialog(session, Settings())  # a second look agrees it is remembered
    qtbot.addWidget(again)
    assert again.remember.isChecked()

    press_space(qtbot, dialog.remember)
    qtbot.waitUntil(lambda: "Forgotten" in dialog.device_status.text(), timeout=SLOW)
    assert entry not in memory_keyring.secrets
    assert device_slots(journal_dir) == 0
    assert dialog.remember.isEnabled() and dialog.change_button.isEnabled()


def test_remember_is_disabled_with_the_reason_when_no_keychain_is_safe(
    qtbot: QtBot, session: Session, qsettings_dir: Path
) -> None:
    keyring.set_keyring(fail.Keyring())  # the autouse fixture puts the previous one back
    shown = SettingsDialog(session, Settings())
    qtbot.addWidget(shown)
    assert not shown.remember.isEnabled()
    assert not shown.remember.isChecked()
    assert shown.device_status.text().startswith("Not available: ")
    assert "no secure keychain" in shown.device_status.text()


# --- preferences ------------------------------------------------------------------------------


def test_edits_come_back_from_settings(qtbot: QtBot, session: Session) -> None:
    start = Settings(auto_lock_minutes=5, theme="dark", text_size=14)
    shown = SettingsDialog(session, start)
    qtbot.addWidget(shown)
    assert shown.settings() == start
    assert shown.theme.currentText() == "Dark"
    shown.auto_lock.setValue(30)
    shown.theme.setCurrentIndex(shown.theme.findData("light"))
    shown.text_size.setValue(18)
    assert shown.settings() == Settings(auto_lock_minutes=30, theme="light", text_size=18)
    shown.theme.setCurrentIndex(0)
    assert shown.settings().theme == "system"
    shown.auto_lock.setValue(0)  # out of range: clamped, never "never"
    shown.text_size.setValue(99)
    assert (shown.settings().auto_lock_minutes, shown.settings().text_size) == (1, 24)


def test_unknown_stored_values_fall_back_within_range(qtbot: QtBot, session: Session) -> None:
    shown = SettingsDialog(session, Settings(auto_lock_minutes=500, theme="purple", text_size=3))
    qtbot.addWidget(shown)
    assert shown.settings() == Settings(auto_lock_minutes=120, theme="system", text_size=9)


def test_settings_and_qsettings_hold_no_journal_text(
    qtbot: QtBot, dialog: SettingsDialog, session: Session, qsettings_dir: Path
) -> None:
    session.vault.add(NewReflection(sections=(Section(SECRET_BODY),), title=SECRET_TITLE))
    press_space(qtbot, dialog.remember)
    qtbot.waitUntil(lambda: "Remembered" in dialog.device_status.text(), timeout=SLOW)
    change = open_change(qtbot, dialog)
    fill(change, PASSPHRASE, OTHER_PASSPHRASE)
    click(qtbot, change.change_button)
    qtbot.waitUntil(lambda: not change.isVisible(), timeout=SLOW)
    assert list(qsettings_dir.rglob("*")) == []  # the dialog itself stores nothing

    dialog.text_size.setValue(16)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()
    dialog.settings().save()  # as the main window does, to the default QSettings
    explicit = QSettings(str(qsettings_dir / "explicit.ini"), QSettings.Format.IniFormat)
    dialog.settings().save(explicit)
    explicit.sync()
    assert Settings.load() == dialog.settings() == Settings.load(explicit)
    assert set(explicit.allKeys()) == {
        "settings/auto_lock_minutes",
        "settings/theme",
        "settings/text_size",
        "settings/calendar_folder",  # a folder's path, chosen by the user; never journal text
    }
    written = sorted(p.name.lower() for p in qsettings_dir.rglob("*") if p.is_file())
    assert written[0] == "explicit.ini" and written[1].startswith("reflect.")
    assert not (Path.home() / ".config" / "Reflect").exists()
    for path in (p for p in qsettings_dir.rglob("*") if p.is_file()):
        text = path.read_text(encoding="utf-8")
        for secret in (SECRET_TITLE, SECRET_BODY, PASSPHRASE, OTHER_PASSPHRASE):
            assert secret not in text
        assert session.vault.vault_id not in text


# --- keyboard and screen readers --------------------------------------------------------------


CONTROLS = (QAbstractButton, QComboBox, QLineEdit, QSpinBox)


def unnamed_controls(window: QWidget) -> list[QWidget]:
    """Controls in `window` with no accessible name (a spin box's own line edit excepted)."""
    return [
        widget
        for widget in window.findChildren(QWidget)
        if isinstance(widget, CONTROLS)
        and widget.window() is window
        and not isinstance(widget.parentWidget(), QAbstractSpinBox | QComboBox)
        and not widget.accessibleName()
    ]


def tab_chain(start: QWidget) -> list[QWidget]:
    """The enabled, visible widgets Tab reaches, in order, from `start` round to it again."""
    chain, widget = [start], start.nextInFocusChain()
    while widget is not None and widget is not start:
        policy = widget.focusPolicy()
        if widget.isVisible() and widget.isEnabled() and policy & Qt.FocusPolicy.TabFocus:
            chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


def test_every_control_is_named_and_tab_goes_top_to_bottom(
    qtbot: QtBot, dialog: SettingsDialog
) -> None:
    assert unnamed_controls(dialog) == []
    order = [
        dialog.auto_lock,
        dialog.theme,
        dialog.text_size,
        dialog.remember,
        dialog.change_button,
        dialog.recovery_button,
    ]
    chain = tab_chain(dialog.auto_lock)
    reached = [w for w in chain if w in (*order, dialog.ok_button, dialog.cancel_button)]
    assert reached[: len(order)] == order
    assert set(reached[len(order) :]) == {dialog.ok_button, dialog.cancel_button}

    change = open_change(qtbot, dialog)
    assert unnamed_controls(change) == []
    chain = tab_chain(change.current)
    assert chain[:3] == [change.current, change.new, change.again]
    qtbot.keyClick(change, Qt.Key.Key_Escape)

    made = open_recovery(qtbot, dialog)
    assert unnamed_controls(made) == []
    qtbot.keyClick(made, Qt.Key.Key_Escape)
    assert not made.isVisible()


def test_the_dialog_fits_the_screen_and_its_sections_scroll(dialog: SettingsDialog) -> None:
    screen = dialog.screen().availableGeometry().height()
    assert dialog.height() <= screen * 0.9
    assert dialog.ok_button.isVisible() and dialog.cancel_button.isVisible()
    sections = dialog.scroll.widget()
    assert sections.isAncestorOf(dialog.recovery_button)  # the last section scrolls into view
    dialog.scroll.ensureWidgetVisible(dialog.recovery_button)
    assert dialog.recovery_button.visibleRegion().boundingRect().height() > 0
