"""Bar charts of the review: reflections per month, and the ways and lenses over the period."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QLineF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QWidget

from reflect.frameworks import Lens, Way
from ui.palette import WAY_COLOURS
from ui.review_chart import MONTHS, Look, ReviewChart, Tip, plural
from ui.review_words import MONTHS as MONTH_NAMES

LEAST = "least attention"
SIZING = tuple(w.display_name for w in Way) + tuple(lens.display_name for lens in Lens)


def month_label(month: date) -> str:
    return f"{MONTH_NAMES[month.month - 1]} {month.year}"


class MonthChart(ReviewChart):
    """Upright bars, one a month, each with its count above and its month below."""

    BAR_AREA = 150  # the bars' height at the size hint

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Reflections per month", parent)
        self._months: tuple[tuple[date, int], ...] = ()
        self._today: date | None = None
        self.changed()

    def set_months(self, months: Sequence[tuple[date, int]], today: date | None = None) -> None:
        """A count for the first day of each month; months after `today` are not yet."""
        self._months = tuple((date(m.year, m.month, 1), n) for m, n in months)
        self._today = today
        self.changed()

    def _not_yet(self, month: date) -> bool:
        return self._today is not None and month > self._today

    def months(self) -> tuple[tuple[date, int], ...]:
        return self._months

    def reset(self) -> None:
        self._months = ()
        self._today = None

    def has_data(self) -> bool:
        return bool(self._months)

    def _spans_years(self) -> bool:
        return len({m.year for m, _ in self._months}) > 1

    def sizeHint(self) -> QSize:
        look = Look.of(self.palette(), self.font())
        lines = 2 if self._spans_years() else 1
        below = look.metrics(look.small).height() * lines + 8
        above = look.metrics(look.small).height() + 6
        return QSize(max(48 * len(self._months), 480), math.ceil(self.BAR_AREA + above + below))

    def describe(self) -> str:
        total = sum(n for _, n in self._months)
        so_far = [(m, n) for m, n in self._months if not self._not_yet(m)] or list(self._months)
        parts = ", ".join(f"{month_label(m)} {n}" for m, n in so_far)
        busiest = max(so_far, key=lambda item: item[1])
        quietest = min(so_far, key=lambda item: item[1])
        said = (
            f"{plural(total, 'reflection')} over {plural(len(so_far), 'month')}: {parts}. "
            f"Most in {month_label(busiest[0])} ({busiest[1]}), "
            f"fewest in {month_label(quietest[0])} ({quietest[1]})."
        )
        if len(so_far) < len(self._months):
            said += f" {plural(len(self._months) - len(so_far), 'month')} still to come."
        return said

    def draw(self, painter: QPainter, rect: QRectF, look: Look) -> list[Tip]:
        small = look.metrics(look.small)
        years = self._spans_years()
        below = small.height() * (2 if years else 1) + 8
        above = small.height() + 6
        plot = rect.adjusted(4, above, -4, -below)
        count = len(self._months)
        slot = plot.width() / count
        bar_w = min(slot * 0.64, 44.0)
        most = max(max(n for _, n in self._months), 1)
        base_y = plot.bottom()

        painter.setPen(QPen(look.faint(0.35), 1))
        painter.drawLine(QLineF(plot.left(), base_y + 0.5, plot.right(), base_y + 0.5))
        painter.setFont(look.small)
        short = any(small.horizontalAdvance(name) > slot - 2 for name in MONTHS)
        tips: list[Tip] = []
        for i, (month, n) in enumerate(self._months):
            centre = plot.left() + slot * (i + 0.5)
            height = plot.height() * n / most
            bar = QRectF(centre - bar_w / 2, base_y - height, bar_w, height)
            if n:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(look.accent)
                painter.drawRoundedRect(bar, 2, 2)
            not_yet = self._not_yet(month) and not n
            painter.setPen(look.text if n else look.quiet)
            number = QRectF(centre - slot / 2, bar.top() - small.height() - 3, slot, small.height())
            painter.drawText(number, Qt.AlignmentFlag.AlignCenter, "" if not_yet else str(n))
            name = MONTHS[month.month - 1]
            label = QRectF(centre - slot / 2, base_y + 4, slot, small.height())
            painter.setPen(look.quiet)
            painter.drawText(label, Qt.AlignmentFlag.AlignCenter, name[0] if short else name)
            if years and (i == 0 or month.month == 1):
                year = QRectF(centre - 30, label.bottom(), 60, small.height())
                painter.drawText(year, Qt.AlignmentFlag.AlignCenter, str(month.year))
            column = QRectF(centre - slot / 2, plot.top() - above, slot, rect.height())
            said = "still to come" if not_yet else plural(n, "reflection")
            tips.append((column, f"{month_label(month)}: {said}"))
        return tips


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    colour: QColor | None = None  # None: the palette's accent
    note: str = ""  # said after the count, quietly: "least attention"


class BarChart(ReviewChart):
    """Level bars, one a row: a name, the bar, its count and any note."""

    def __init__(
        self, name: str, sizing: Sequence[str] = (), parent: QWidget | None = None
    ) -> None:
        super().__init__(name, parent)
        # Names the label column is made wide enough for, so charts shown one above
        # the other line their bars up.
        self.sizing = tuple(sizing)
        self._bars: tuple[Bar, ...] = ()
        self.changed()

    def set_bars(self, bars: Sequence[Bar]) -> None:
        self._bars = tuple(bars)
        self.changed()

    def bars(self) -> tuple[Bar, ...]:
        return self._bars

    def reset(self) -> None:
        self._bars = ()

    def has_data(self) -> bool:
        return bool(self._bars)

    def _row_height(self, look: Look) -> float:
        return max(look.metrics().height() + 10, 24.0)

    def sizeHint(self) -> QSize:
        look = Look.of(self.palette(), self.font())
        rows = max(len(self._bars), 1)
        return QSize(480, math.ceil(rows * self._row_height(look) + 4))

    def describe(self) -> str:
        parts = "; ".join(
            f"{bar.label}: {bar.value}" + (f" ({bar.note})" if bar.note else "")
            for bar in self._bars
        )
        return f"{self.accessibleName()}. {parts}."

    def draw(self, painter: QPainter, rect: QRectF, look: Look) -> list[Tip]:
        fm = look.metrics()
        small = look.metrics(look.small)
        row_h = self._row_height(look)
        names = [b.label for b in self._bars] + list(self.sizing)
        label_w = max(look.metrics(look.bold).horizontalAdvance(n) for n in names) + 12
        widest_count = max(fm.horizontalAdvance(str(b.value)) for b in self._bars)
        widest_count = max(widest_count, fm.horizontalAdvance("0000"))
        notes = [b.note for b in self._bars if b.note] + [LEAST]
        widest_note = max(small.horizontalAdvance(n) + 8 for n in notes)
        track_left = rect.left() + label_w
        track_w = max(rect.width() - label_w - widest_count - widest_note - 10, 20.0)
        most = max(max(b.value for b in self._bars), 1)
        thickness = max(row_h * 0.5, 8.0)
        tips: list[Tip] = []
        for i, bar in enumerate(self._bars):
            top = rect.top() + i * row_h
            row = QRectF(rect.left(), top, rect.width(), row_h)
            middle = row.center().y()
            painter.setFont(look.bold if bar.note else look.font)
            painter.setPen(look.text)
            painter.drawText(
                QRectF(rect.left(), top, label_w - 8, row_h),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                bar.label,
            )
            track = QRectF(track_left, middle - thickness / 2, track_w, thickness)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(look.faint(0.08))
            painter.drawRoundedRect(track, thickness / 3, thickness / 3)
            length = track_w * bar.value / most
            if bar.value:
                painter.setBrush(bar.colour or look.accent)
                painter.drawRoundedRect(
                    QRectF(track.left(), track.top(), length, thickness),
                    thickness / 3,
                    thickness / 3,
                )
            painter.setFont(look.font)
            painter.setPen(look.text)
            after = track.left() + length + 6
            count_rect = QRectF(after, top, widest_count + 2, row_h)
            painter.drawText(
                count_rect,
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                str(bar.value),
            )
            if bar.note:
                painter.setFont(look.small)
                painter.setPen(look.quiet)
                note_left = after + fm.horizontalAdvance(str(bar.value)) + 8
                painter.drawText(
                    QRectF(note_left, top, rect.right() - note_left, row_h),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    bar.note,
                )
            tips.append((row, f"{bar.label}: {bar.value}" + (f", {bar.note}" if bar.note else "")))
        return tips


class WaysChart(BarChart):
    """The six ways in their colours, the least attended named in words as well."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("The six ways", SIZING, parent)

    def set_ways(self, ways: Mapping[Way, int], least: Sequence[Way] = ()) -> None:
        self.set_bars(
            [
                Bar(
                    way.display_name,
                    ways.get(way, 0),
                    WAY_COLOURS[way.value],
                    LEAST if way in least else "",
                )
                for way in Way
            ]
        )

    def describe(self) -> str:
        parts = ", ".join(f"{bar.label.lower()} {bar.value}" for bar in self._bars)
        least = [bar.label.lower() for bar in self._bars if bar.note]
        said = f"Reflections touching each of the six ways: {parts}."
        if least:
            said += f" Least attention: {' and '.join(least)}."
        return said


class LensesChart(BarChart):
    """Fillmore's five lenses, as often as a reflection looked through each."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("The five lenses", SIZING, parent)

    def set_lenses(self, lenses: Mapping[Lens, int]) -> None:
        self.set_bars([Bar(lens.display_name, lenses.get(lens, 0)) for lens in Lens])

    def describe(self) -> str:
        parts = ", ".join(f"{bar.label.lower()} {bar.value}" for bar in self._bars)
        return f"Reflections looking through each of the five lenses: {parts}."
