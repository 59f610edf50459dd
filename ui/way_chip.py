"""A way of systems leadership as a checkable chip in its own colour (filled when on)."""

from __future__ import annotations

from PySide6.QtWidgets import QToolButton

from reflect.frameworks import Way
from ui.palette import WAY_COLOURS


def way_chip(way: Way) -> QToolButton:
    button = QToolButton()
    button.setCheckable(True)
    button.setText(way.display_name)
    button.setToolTip(f"Ways of {way.value}: {way.summary}")
    button.setAccessibleName(f"Ways of {way.value}")
    colour = WAY_COLOURS[way.value].name()
    button.setStyleSheet(
        f"QToolButton {{ border: 1px solid {colour}; border-radius: 10px; padding: 2px 10px; }}"
        f"QToolButton:checked {{ background: {colour}; color: white; }}"
    )
    return button
