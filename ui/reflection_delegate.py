"""Draws one row of the reflection list: title, date, the ways as small marks, an excerpt."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ui.palette import WAY_COLOURS
from ui.reflection_list_model import Role

PAD = 10
MARK = 8


class ReflectionDelegate(QStyledItemDelegate):
    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        line = QFontMetrics(option.font).height()  # type: ignore[attr-defined]
        return QSize(240, PAD * 2 + line * 3 + 4)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        painter.save()
        style = option.widget.style() if option.widget else None  # type: ignore[attr-defined]
        if style is not None:
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget
            )  # type: ignore[attr-defined]
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        palette: QPalette = option.palette  # type: ignore[attr-defined]
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        rect: QRect = option.rect.adjusted(PAD, PAD, -PAD, -PAD)  # type: ignore[attr-defined]
        base: QFont = option.font  # type: ignore[attr-defined]
        line = QFontMetrics(base).height()

        when: datetime | None = index.data(Role.WHEN)
        date_text = f"{when:%d %b %Y}" if when else ""
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() * 0.9)
        painter.setFont(small)
        painter.setPen(
            palette.color(QPalette.ColorGroup.Normal, QPalette.ColorRole.PlaceholderText)
            if not selected
            else palette.color(text_role)
        )
        date_width = QFontMetrics(small).horizontalAdvance(date_text)
        painter.drawText(
            QRect(rect.right() - date_width, rect.top(), date_width, line),
            Qt.AlignmentFlag.AlignRight,
            date_text,
        )

        title = QFont(base)
        title.setBold(True)
        painter.setFont(title)
        painter.setPen(palette.color(text_role))
        star = "★ " if index.data(Role.STARRED) else ""
        title_rect = QRect(rect.left(), rect.top(), rect.width() - date_width - PAD, line)
        elided = QFontMetrics(title).elidedText(
            star + str(index.data(Role.TITLE)), Qt.TextElideMode.ElideRight, title_rect.width()
        )
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignLeft, elided)

        x = rect.left()
        painter.setPen(Qt.PenStyle.NoPen)
        for way in index.data(Role.WAYS) or []:
            painter.setBrush(WAY_COLOURS[way])
            painter.drawEllipse(x, rect.top() + line + (line - MARK) // 2, MARK, MARK)
            x += MARK + 4

        painter.setPen(palette.color(text_role))
        excerpt_rect = QRect(rect.left(), rect.top() + line * 2, rect.width(), line + 4)
        parts = index.data(Role.SNIPPET) or [(str(index.data(Role.EXCERPT) or ""), False)]
        self._draw_snippet(painter, excerpt_rect, parts, small)
        painter.restore()

    @staticmethod
    def _draw_snippet(
        painter: QPainter, rect: QRect, parts: list[tuple[str, bool]], font: QFont
    ) -> None:
        """The excerpt on one line, matched words in bold, cut with an ellipsis at the edge."""
        bold = QFont(font)
        bold.setBold(True)
        x = rect.left()
        for text, highlighted in parts:
            face = bold if highlighted else font
            metrics = QFontMetrics(face)
            flat = " ".join(text.split()) if not highlighted else text
            if text[:1].isspace():
                flat = " " + flat
            if text[-1:].isspace():
                flat += " "
            room = rect.right() - x
            if room <= metrics.horizontalAdvance("…"):
                break
            shown = metrics.elidedText(flat, Qt.TextElideMode.ElideRight, room)
            painter.setFont(face)
            painter.drawText(
                QRect(x, rect.top(), room, rect.height()), Qt.AlignmentFlag.AlignLeft, shown
            )
            x += metrics.horizontalAdvance(shown)
            if shown != flat:
                break
