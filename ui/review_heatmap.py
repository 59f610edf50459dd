"""A calendar heatmap of reflection days: a column a week, a row a weekday (Monday first)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from datetime import date, timedelta

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.review_chart import MONTHS, Look, ReviewChart, Tip, plural
from ui.review_words import MONTHS as MONTH_NAMES

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
LABELLED_ROWS = (0, 2, 4, 6)  # Mon, Wed, Fri, Sun
LEVELS = 4
MIN_CELL, MAX_CELL = 7.0, 20.0
GAP = 0.16  # of a cell, between cells
NONE = "None"
FAINTEST = 0.25  # the lightest shade stays clear of an empty day, on dark palettes too


def long_day(day: date) -> str:
    return f"{WEEKDAY_NAMES[day.weekday()]} {day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def level_of(n: int, most: int) -> int:
    """0 for no reflections, else 1 to LEVELS by share of the busiest day."""
    return 0 if n <= 0 else max(1, math.ceil(LEVELS * n / max(most, 1)))


class CalendarHeatmap(ReviewChart):
    """Every day of the period as a square, darker the more reflections it had."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Reflection days", parent)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._start: date | None = None
        self._end: date | None = None
        self._days: dict[date, int] = {}
        self._today: date | None = None
        self.changed()

    def set_days(
        self, start: date, end: date, days: Mapping[date, int], today: date | None = None
    ) -> None:
        """The period, first and last day included, and the reflections on each day.

        Days after `today` are still to come: drawn as outlines, not as empty days.
        """
        self._start, self._end = start, max(start, end)
        self._days = {d: n for d, n in days.items() if n and start <= d <= self._end}
        self._today = today
        self.changed()

    def reset(self) -> None:
        self._start = self._end = None
        self._days = {}
        self._today = None

    def _to_come(self) -> int:
        """Days of the period after today."""
        if self._today is None or self._end is None or self._start is None:
            return 0
        if self._today >= self._end:
            return 0
        return (self._end - max(self._today, self._start - timedelta(days=1))).days

    def has_data(self) -> bool:
        return self._start is not None

    def days(self) -> dict[date, int]:
        return dict(self._days)

    # --- geometry --------------------------------------------------------------------

    def _first_monday(self) -> date:
        assert self._start is not None
        return self._start - timedelta(days=self._start.weekday())

    def _weeks(self) -> int:
        if self._start is None or self._end is None:
            return 53
        return (self._end - self._first_monday()).days // 7 + 1

    def _margins(self, look: Look) -> tuple[float, float, float]:
        """The weekday labels' width, the month labels' height and the legend's height."""
        small = look.metrics(look.small)
        left = max(small.horizontalAdvance(d) for d in WEEKDAYS) + 8
        return left, small.height() + 4, small.height() + 14

    def _cell(self, width: float, look: Look) -> float:
        left, _, _ = self._margins(look)
        return max(MIN_CELL, min(MAX_CELL, (width - left) / self._weeks()))

    def _height_for(self, width: float, look: Look) -> float:
        _, top, legend = self._margins(look)
        return top + 7 * self._cell(width, look) + legend

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return math.ceil(self._height_for(width - 4, Look.of(self.palette(), self.font())) + 4)

    def sizeHint(self) -> QSize:
        look = Look.of(self.palette(), self.font())
        left, _, _ = self._margins(look)
        width = math.ceil(left + self._weeks() * 15 + 4)
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        look = Look.of(self.palette(), self.font())
        left, _, _ = self._margins(look)
        width = math.ceil(left + self._weeks() * MIN_CELL + 4)
        return QSize(width, self.heightForWidth(width))

    # --- words -----------------------------------------------------------------------

    def describe(self) -> str:
        assert self._start is not None and self._end is not None
        span = (self._end - self._start).days + 1
        total = sum(self._days.values())
        to_come = self._to_come()
        still = f" ({to_come} still to come)" if to_come else ""
        said = (
            f"Reflection days from {long_day(self._start)} to {long_day(self._end)}: "
            f"reflected on {plural(len(self._days), 'day')} of {span}{still}, "
            f"{plural(total, 'reflection')} in all."
        )
        if not self._days:
            return said
        busiest = max(self._days.items(), key=lambda item: (item[1], -item[0].toordinal()))
        by_weekday = Counter(d.weekday() for d in self._days)
        by_month = Counter((d.year, d.month) for d in self._days)
        weekdays = ", ".join(f"{WEEKDAY_NAMES[i]} {by_weekday[i]}" for i in range(7))
        months = ", ".join(
            f"{MONTH_NAMES[m - 1]} {y} {by_month[(y, m)]}" for y, m in sorted(by_month)
        )
        return (
            f"{said} Busiest day: {long_day(busiest[0])}, "
            f"{plural(busiest[1], 'reflection')}. Days reflected on each weekday: {weekdays}. "
            f"Days reflected on each month: {months}."
        )

    # --- painting --------------------------------------------------------------------

    def draw(self, painter: QPainter, rect: QRectF, look: Look) -> list[Tip]:
        assert self._start is not None and self._end is not None
        left, top, _ = self._margins(look)
        cell = self._cell(rect.width(), look)
        gap = max(1.0, cell * GAP)
        most = max(self._days.values(), default=1)
        origin_x, origin_y = rect.left() + left, rect.top() + top
        first = self._first_monday()

        painter.setFont(look.small)
        painter.setPen(look.quiet)
        for row in LABELLED_ROWS:
            painter.drawText(
                QRectF(rect.left(), origin_y + row * cell, left - 6, cell),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                WEEKDAYS[row],
            )
        self._paint_months(painter, look, origin_x, rect.top(), cell)

        tips: list[Tip] = []
        by_level: list[list[QRectF]] = [[] for _ in range(LEVELS + 1)]
        to_come: list[QRectF] = []
        day = self._start
        while day <= self._end:
            offset = (day - first).days
            square = QRectF(
                origin_x + (offset // 7) * cell,
                origin_y + (offset % 7) * cell,
                cell - gap,
                cell - gap,
            )
            n = self._days.get(day, 0)
            if self._today is not None and day > self._today and not n:
                to_come.append(square)
                tips.append((square, f"{long_day(day)}: still to come"))
            else:
                by_level[level_of(n, most)].append(square)
                tips.append((square, f"{long_day(day)}: {plural(n, 'reflection')}"))
            day += timedelta(days=1)
        for level, squares in enumerate(by_level):
            if squares:  # one call a shade: a year is 365 squares
                self._paint_squares(painter, look, squares, level)
        if to_come:
            painter.setPen(QPen(look.faint(0.10), 1, Qt.PenStyle.DotLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRects(to_come)

        legend_y = origin_y + 7 * cell + 8
        self._paint_legend(painter, look, rect, legend_y, min(cell, 12.0), most)
        return tips

    def _paint_squares(
        self, painter: QPainter, look: Look, squares: list[QRectF], level: int
    ) -> None:
        if level:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(look.shade(FAINTEST + (1 - FAINTEST) * level / LEVELS))
        else:
            painter.setPen(QPen(look.faint(0.12), 1))
            painter.setBrush(look.faint(0.05))
        painter.drawRects(squares)

    def _paint_months(
        self, painter: QPainter, look: Look, origin_x: float, top: float, cell: float
    ) -> None:
        assert self._start is not None and self._end is not None
        small = look.metrics(look.small)
        first = self._first_monday()
        last_right = -math.inf
        month = date(self._start.year, self._start.month, 1)
        while month <= self._end:
            shown = max(month, self._start)
            x = origin_x + ((shown - first).days // 7) * cell
            name = MONTHS[month.month - 1]
            if month.month == 1 and month != date(self._start.year, 1, 1):
                name = f"{name} {month.year}"
            width = small.horizontalAdvance(name)
            if x >= last_right + 4:
                painter.drawText(
                    QRectF(x, top, width + 2, small.height()),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                    name,
                )
                last_right = x + width
            month = date(month.year + month.month // 12, month.month % 12 + 1, 1)

    def _paint_legend(
        self, painter: QPainter, look: Look, rect: QRectF, y: float, size: float, most: int
    ) -> None:
        small = look.metrics(look.small)
        most_text = f"{plural(most, 'reflection')} in a day" if self._days else ""
        gap = 4.0
        width = (
            small.horizontalAdvance(NONE)
            + 6
            + (LEVELS + 1) * (size + gap)
            + 6
            + small.horizontalAdvance(most_text)
        )
        x = rect.right() - width - 2
        middle = y + small.height() / 2
        painter.setFont(look.small)
        painter.setPen(look.quiet)
        painter.drawText(
            QRectF(x, y, small.horizontalAdvance(NONE) + 2, small.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            NONE,
        )
        x += small.horizontalAdvance(NONE) + 6
        for level in range(LEVELS + 1):
            self._paint_squares(painter, look, [QRectF(x, middle - size / 2, size, size)], level)
            x += size + gap
        painter.setPen(look.quiet)
        painter.drawText(
            QRectF(x + 2, y, small.horizontalAdvance(most_text) + 4, small.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            most_text,
        )
