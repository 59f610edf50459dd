"""The Settings… action: opens the dialog, applies and saves what was chosen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.ui.test_app_flows import unlock
from ui.main_window import MainWindow
from ui.settings import Settings


def test_settings_are_applied_and_saved(
    qtbot: QtBot, window: MainWindow, qsettings_dir: Path
) -> None:
    assert not window.settings_action.isEnabled()  # locked: nothing to act on
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.journal, timeout=20_000)
    assert not window.settings_action.shortcut().isEmpty()
    window.settings_action.trigger()
    dialog = window.settings_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.auto_lock.setValue(3)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.text_size.setValue(17)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert window.settings == Settings(auto_lock_minutes=3, theme="dark", text_size=17)
    assert window.idle_lock.seconds == 180
    assert Settings.load() == window.settings
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert "font-size: 17pt" in app.styleSheet()
    window.apply_settings(Settings())  # put the app back as other tests expect it
    app.setStyleSheet("")
