"""What every chart of the yearly review shares, drawn with QPainter.

A chart paints into any rectangle with `paint_into(painter, rect)`, on screen or
(later) on a PDF page, so its sizes are logical pixels and its fonts are set in
pixels: scale the painter and the whole chart scales with it. Colours come from
the palette given (the widget's own by default), never fixed black or white, so
the charts read on light and dark themes alike.

Each chart keeps a text alternative, its numbers in words, as the accessible
description; it takes the keyboard focus (Tab) so a screen reader reaches it,
and shows a tooltip for the bar, cell or day under the pointer. `clear()`
forgets every number shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QColor,
    QFont,
    QFontInfo,
    QFontMetricsF,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
NOTHING = "Nothing to show for this period."

Tip = tuple[QRectF, str]  # an area of the chart, and what the tooltip over it says


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def luminance(colour: QColor) -> float:
    """Relative luminance, as WCAG defines it."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * linear(colour.redF())
        + 0.7152 * linear(colour.greenF())
        + 0.0722 * linear(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio of two colours, 1 to 21."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5


@dataclass(frozen=True)
class Look:
    """The colours and fonts one painting uses, taken from a palette and a font."""

    palette: QPalette
    font: QFont  # in pixels, so painter scaling scales the writing too
    small: QFont
    bold: QFont

    @staticmethod
    def of(palette: QPalette, font: QFont) -> Look:
        pixels = QFontInfo(font).pixelSize() or 13

        def sized(scale: float, bold: bool = False) -> QFont:
            made = QFont(font)
            made.setPixelSize(max(round(pixels * scale), 8))
            made.setBold(bold)
            return made

        return Look(palette, sized(1.0), sized(0.85), sized(1.0, bold=True))

    @property
    def dark(self) -> bool:
        return is_dark(self.palette)

    @property
    def text(self) -> QColor:
        return self.palette.color(QPalette.ColorRole.WindowText)

    @property
    def quiet(self) -> QColor:
        """Secondary writing: axis labels, notes."""
        colour = QColor(self.palette.color(QPalette.ColorRole.WindowText))
        colour.setAlphaF(0.68)
        return colour

    @property
    def base(self) -> QColor:
        return self.palette.color(QPalette.ColorRole.Base)

    @property
    def accent(self) -> QColor:
        colour = QColor(self.palette.color(QPalette.ColorRole.Highlight))
        return colour.lighter(135) if self.dark else colour

    def faint(self, alpha: float) -> QColor:
        """The text colour, see-through: tracks, gridlines, empty cells."""
        colour = QColor(self.palette.color(QPalette.ColorRole.WindowText))
        colour.setAlphaF(alpha)
        return colour

    def shade(self, level: float) -> QColor:
        """The accent at `level` (0 to 1) of its strength over the base."""
        colour = QColor(self.accent)
        colour.setAlphaF(0.18 + 0.82 * max(0.0, min(level, 1.0)))
        return colour

    def on_shade(self, level: float) -> QColor:
        """Writing that reads on a cell shaded at `level`: the text or base colour,
        whichever contrasts more with the shade as it shows over the base."""
        shade = self.shade(level)
        alpha = shade.alphaF()
        base = self.base
        shown = QColor.fromRgbF(
            shade.redF() * alpha + base.redF() * (1 - alpha),
            shade.greenF() * alpha + base.greenF() * (1 - alpha),
            shade.blueF() * alpha + base.blueF() * (1 - alpha),
        )
        return max((self.text, base), key=lambda colour: contrast(colour, shown))

    def metrics(self, font: QFont | None = None) -> QFontMetricsF:
        return QFontMetricsF(font or self.font)


class ReviewChart(QWidget):
    """A chart of the review: subclasses draw, describe and size themselves."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._tips: list[Tip] = []
        # The last painting, kept until the data, size, palette or font change: repaints
        # (scrolling, focus, tooltips) then cost one pixmap copy, not hundreds of shapes.
        self._cache: QPixmap | None = None
        self._cache_key: tuple[object, ...] = ()

    # --- for subclasses ----------------------------------------------------------------

    def draw(self, painter: QPainter, rect: QRectF, look: Look) -> list[Tip]:
        """Paint the chart into `rect`; return the areas that have a tooltip."""
        raise NotImplementedError

    def describe(self) -> str:
        """The chart's numbers in words: its text alternative."""
        raise NotImplementedError

    def has_data(self) -> bool:
        raise NotImplementedError

    def reset(self) -> None:
        """Forget the data (called by clear)."""
        raise NotImplementedError

    # --- the public face ---------------------------------------------------------------

    def paint_into(
        self, painter: QPainter, rect: QRectF, palette: QPalette | None = None
    ) -> list[Tip]:
        """Draw the chart in `rect` (logical pixels) with any painter: screen, image or PDF."""
        look = Look.of(palette or self.palette(), self.font())
        painter.save()
        try:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            if self.has_data():
                return self.draw(painter, QRectF(rect), look)
            painter.setFont(look.font)
            painter.setPen(look.quiet)
            painter.drawText(QRectF(rect), Qt.AlignmentFlag.AlignCenter, NOTHING)
            return []
        finally:
            painter.restore()

    def text_alternative(self) -> str:
        return self.describe() if self.has_data() else NOTHING

    def clear(self) -> None:
        """Forget every number shown (on lock)."""
        QToolTip.hideText()
        self.reset()
        self.changed()

    def changed(self) -> None:
        """The data changed: describe it again, resize and repaint."""
        self._tips = []
        self._cache = None
        text = self.text_alternative()
        if text != self.accessibleDescription():
            self.setAccessibleDescription(text)
            if QAccessible.isActive():
                QAccessible.updateAccessibility(
                    QAccessibleEvent(self, QAccessible.Event.DescriptionChanged)
                )
        self.updateGeometry()
        self.update()

    def minimumSizeHint(self) -> QSize:
        hint = self.sizeHint()
        return QSize(min(hint.width(), 320), hint.height())

    # --- Qt ------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.drawPixmap(0, 0, self._painting())
            if self.hasFocus():
                self._paint_focus(painter)
        finally:
            painter.end()

    def _painting(self) -> QPixmap:
        ratio = self.devicePixelRatioF()
        key = (self.size(), ratio, self.palette().cacheKey(), self.font().key())
        if self._cache is None or key != self._cache_key:
            pixmap = QPixmap(self.size() * ratio)
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            try:
                inner = QRectF(self.rect()).adjusted(2, 2, -2, -2)
                self._tips = self.paint_into(painter, inner)
            finally:
                painter.end()
            self._cache, self._cache_key = pixmap, key
        return self._cache

    def _paint_focus(self, painter: QPainter) -> None:
        colour = QColor(self.palette().color(QPalette.ColorRole.Highlight))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(colour, 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 4, 4)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self.tip_at(QPointF(event.pos()))
            if tip:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    def tip_at(self, point: QPointF) -> str:
        return next((text for area, text in self._tips if area.contains(point)), "")
