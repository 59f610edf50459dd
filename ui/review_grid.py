"""The ways × lenses grid: how often each way was looked at through each lens, shaded by count."""

from __future__ import annotations

import math
from collections.abc import Mapping

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QWidget

from reflect.frameworks import Lens, Way
from ui.palette import WAY_COLOURS
from ui.review_chart import Look, ReviewChart, Tip, plural

DOT = 8.0


class WaysLensesGrid(ReviewChart):
    """A table: a row for each way, a column for each lens, the count in each cell."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Ways by lenses", parent)
        self._grid: dict[tuple[Way, Lens], int] = {}
        self.changed()

    def set_grid(self, grid: Mapping[tuple[Way, Lens], int]) -> None:
        self._grid = {key: n for key, n in grid.items() if n}
        self.changed()

    def count(self, way: Way, lens: Lens) -> int:
        return self._grid.get((way, lens), 0)

    def reset(self) -> None:
        self._grid = {}

    def has_data(self) -> bool:
        return bool(self._grid)

    def _sizes(self, look: Look) -> tuple[float, float, float]:
        """The row labels' width, the header's height and a row's height."""
        fm = look.metrics()
        small = look.metrics(look.small)
        label_w = max(fm.horizontalAdvance(w.display_name) for w in Way) + DOT + 22
        return label_w, small.height() * 2 + 10, max(fm.height() + 14, 30.0)

    def sizeHint(self) -> QSize:
        look = Look.of(self.palette(), self.font())
        label_w, header_h, row_h = self._sizes(look)
        return QSize(math.ceil(label_w + 5 * 96), math.ceil(header_h + len(Way) * row_h + 2))

    def describe(self) -> str:
        cells = [
            f"{way.display_name.lower()} through the {lens.display_name.lower()} {n}"
            for way in Way
            for lens in Lens
            if (n := self.count(way, lens))
        ]
        empty = len(Way) * len(Lens) - len(cells)
        said = "Ways by lenses, reflections in each pairing: " + "; ".join(cells) + "."
        if empty:
            said += f" The other {plural(empty, 'pairing')} had none."
        return said

    def draw(self, painter: QPainter, rect: QRectF, look: Look) -> list[Tip]:
        label_w, header_h, row_h = self._sizes(look)
        col_w = (rect.width() - label_w) / len(Lens)
        most = max(self._grid.values())
        tips: list[Tip] = []

        painter.setFont(look.small)
        painter.setPen(look.quiet)
        for c, lens in enumerate(Lens):
            header = QRectF(rect.left() + label_w + c * col_w, rect.top(), col_w, header_h - 4)
            painter.drawText(
                header.adjusted(3, 0, -3, 0),
                Qt.AlignmentFlag.AlignHCenter
                | Qt.AlignmentFlag.AlignBottom
                | Qt.TextFlag.TextWordWrap,
                lens.display_name,
            )
        for r, way in enumerate(Way):
            top = rect.top() + header_h + r * row_h
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(WAY_COLOURS[way.value])
            painter.drawEllipse(QRectF(rect.left() + 2, top + (row_h - DOT) / 2, DOT, DOT))
            painter.setFont(look.font)
            painter.setPen(look.text)
            painter.drawText(
                QRectF(rect.left() + DOT + 10, top, label_w - DOT - 10, row_h),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                way.display_name,
            )
            for c, lens in enumerate(Lens):
                n = self.count(way, lens)
                cell = QRectF(rect.left() + label_w + c * col_w, top, col_w, row_h)
                inner = cell.adjusted(1.5, 1.5, -1.5, -1.5)
                level = n / most
                if n:
                    painter.setPen(Qt.PenStyle.NoPen)
                    painter.setBrush(look.shade(level))
                else:
                    painter.setPen(QPen(look.faint(0.12), 1))
                    painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(inner, 3, 3)
                painter.setPen(look.on_shade(level) if n else look.quiet)
                painter.drawText(inner, Qt.AlignmentFlag.AlignCenter, str(n) if n else "–")
                tips.append(
                    (
                        cell,
                        f"{way.display_name} through the {lens.display_name.lower()}: "
                        f"{plural(n, 'reflection')}",
                    )
                )
        return tips
