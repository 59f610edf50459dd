"""Qt tests: real widgets, offscreen (set in tests/conftest.py); Qt warnings fail a test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths
from pytestqt.qtbot import QtBot

from storage.vault import Vault
from ui import backup_actions
from ui.main_window import MainWindow
from ui.session import Session


@pytest.fixture
def window(qtbot: QtBot, journal_dir: Path) -> Iterator[MainWindow]:
    """The app on the copied journal, showing its unlock screen."""
    session = Session(journal_dir)
    main = MainWindow(session)
    qtbot.addWidget(main)
    main.show()
    yield main
    session.lock()
    session.background.wait()


@pytest.fixture
def fresh_window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    """The app on a folder with no journal yet: the first run."""
    session = Session(tmp_path / "new-journal")
    main = MainWindow(session)
    qtbot.addWidget(main)
    main.show()
    yield main
    session.lock()
    session.background.wait()


@pytest.fixture
def session(qtbot: QtBot, journal_dir: Path, recovery_key: str) -> Iterator[Session]:
    """An unlocked session on the copied journal, without a window."""
    opened = Session(journal_dir)
    opened.adopt(Vault.unlock(journal_dir, recovery_key=recovery_key))
    yield opened
    opened.lock()
    opened.background.wait()


@pytest.fixture(autouse=True)
def qsettings_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """QSettings go to an INI file in a temp folder, never the user's own settings (every test).

    Outside tmp_path, which some tests check is left empty.
    """
    folder = tmp_path_factory.mktemp("qsettings")
    formats = (QSettings.Format.NativeFormat, QSettings.Format.IniFormat)
    for form in formats:
        QSettings.setPath(form, QSettings.Scope.UserScope, str(folder))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    yield folder
    QSettings.setDefaultFormat(QSettings.Format.NativeFormat)
    home = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    for form in formats:
        QSettings.setPath(form, QSettings.Scope.UserScope, home)


@pytest.fixture
def backups_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """File ▸ Backups folder… as if the user had chosen a temp folder."""
    folder = tmp_path / "backups"
    monkeypatch.setattr(backup_actions, "saved_backups_folder", lambda: str(folder))
    return folder
