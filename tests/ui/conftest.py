"""Qt tests: real widgets, offscreen (set in tests/conftest.py); Qt warnings fail a test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

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
