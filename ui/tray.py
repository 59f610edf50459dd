"""Quick capture from the system tray, where the platform has one. Never shows journal text."""

from __future__ import annotations

from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QMenu, QStyle, QSystemTrayIcon, QWidget

from ui.main_window import MainWindow


def install_tray(window: MainWindow) -> QSystemTrayIcon | None:
    if not QSystemTrayIcon.isSystemTrayAvailable():
        return None
    icon: QIcon = window.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView)
    tray = QSystemTrayIcon(icon, window)
    tray.setToolTip("Reflect")
    menu = QMenu(window)
    new = QAction("New reflection", menu)
    new.triggered.connect(lambda: _new_reflection(window))
    after = QAction("After a meeting…", menu)
    after.triggered.connect(lambda: _after_meeting(window))
    show = QAction("Show Reflect", menu)
    show.triggered.connect(lambda: _raise(window))
    menu.addAction(new)
    menu.addAction(after)
    menu.addAction(show)
    tray.setContextMenu(menu)
    tray.activated.connect(lambda *_: _raise(window))
    # Only ever "A follow-up is due": never its words.
    window.reminder.notify.connect(lambda text: tray.showMessage("Reflect", text))
    tray.show()
    return tray


def _raise(window: QWidget) -> None:
    window.showNormal()
    window.raise_()
    window.activateWindow()


def _new_reflection(window: MainWindow) -> None:
    _raise(window)
    if window.session.is_unlocked:
        window.new_action.trigger()
    # Locked: the unlock screen shows; after unlocking, Ctrl+N starts one.


def _after_meeting(window: MainWindow) -> None:
    _raise(window)
    if window.session.is_unlocked:
        window.after_meeting_action.trigger()
