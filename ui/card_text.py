"""A box for a buddy card: monospaced, no wrapping, exactly as wide as a card's lines."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QPlainTextEdit

COLUMNS = 68  # a card's longest line: "Age: " and a 62-character age recipient


class CardText(QPlainTextEdit):
    def __init__(self, read_only: bool, lines: int = 6) -> None:
        super().__init__()
        self._lines = lines
        self.setReadOnly(read_only)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        if read_only:  # sized to fit the card below, so nothing is ever out of sight
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        family = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()
        # The app's style sheet sizes every QPlainTextEdit for writing; a card is not prose.
        self.setStyleSheet(f'QPlainTextEdit {{ font-family: "{family}"; font-size: 10pt; }}')
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit()

    def _fit(self) -> None:
        metrics = QFontMetrics(self.font())
        margins = 2 * (self.frameWidth() + int(self.document().documentMargin())) + 4
        spare = metrics.lineSpacing() // 2  # room for the cursor and rounding
        self.setFixedHeight(metrics.lineSpacing() * self._lines + margins + spare)
        self.setMinimumWidth(metrics.horizontalAdvance("M" * COLUMNS) + margins + spare)
