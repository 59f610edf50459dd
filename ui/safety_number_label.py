"""The safety number, large and monospaced, read aloud digit by digit by a screen reader."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QLabel


class SafetyNumberLabel(QLabel):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("safetyNumber")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), 10) * 1.8)
        font.setWeight(QFont.Weight.DemiBold)
        self.setFont(font)
        self.setContentsMargins(0, 6, 0, 6)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setAccessibleName("Safety number")

    def show_number(self, number: str) -> None:
        self.setText(number)
        # Groups of five, then each digit apart, so it is read as digits, not as a sum.
        self.setAccessibleDescription(", ".join(" ".join(group) for group in number.split()))

    def clear(self) -> None:
        super().clear()
        self.setAccessibleDescription("")
