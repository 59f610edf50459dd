"""The Qt binding itself: PySide6 6.12.0 on Python 3.11 dropped a reference to None on every
call that returns nothing, so a long session crashed ("none_dealloc"). pyproject.toml keeps
us below it; this test fails if a binding with that fault comes back."""

from __future__ import annotations

import sys

from PySide6.QtGui import QFont
from pytestqt.qtbot import QtBot


def test_qt_calls_keep_pythons_none_alive(qtbot: QtBot) -> None:
    font = QFont()
    before = sys.getrefcount(None)
    for _ in range(2_000):
        font.setBold(True)
    assert sys.getrefcount(None) >= before - 10
