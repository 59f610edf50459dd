"""Colours with a meaning: one calm hue for each of the six ways."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from reflect.frameworks import Way

WAY_COLOURS: dict[str, QColor] = {
    Way.FEELING.value: QColor("#c0616b"),
    Way.PERCEIVING.value: QColor("#c99332"),
    Way.THINKING.value: QColor("#4f7fb8"),
    Way.RELATING.value: QColor("#4f9a72"),
    Way.DOING.value: QColor("#8a6bb8"),
    Way.BEING.value: QColor("#3b959e"),
}


def way_dot(way: str, size: int = 10) -> QIcon:
    """A small round mark in a way's colour, as the list draws them."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(WAY_COLOURS[way])
    painter.drawEllipse(0, 0, size, size)
    painter.end()
    return QIcon(pixmap)
