"""Colours with a meaning: one calm hue for each of the six ways."""

from __future__ import annotations

from PySide6.QtGui import QColor

from reflect.frameworks import Way

WAY_COLOURS: dict[str, QColor] = {
    Way.FEELING.value: QColor("#c0616b"),
    Way.PERCEIVING.value: QColor("#c99332"),
    Way.THINKING.value: QColor("#4f7fb8"),
    Way.RELATING.value: QColor("#4f9a72"),
    Way.DOING.value: QColor("#8a6bb8"),
    Way.BEING.value: QColor("#3b959e"),
}
