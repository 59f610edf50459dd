"""A list row of two lines: a bold first line, then a grey line with an aside on the right."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

Index = QModelIndex | QPersistentModelIndex
PAD = 8


class Role(IntEnum):
    """What the two-line delegate draws besides DisplayRole (the bold first line)."""

    SECONDARY = Qt.ItemDataRole.UserRole + 1  # grey, left of the second line
    ASIDE = Qt.ItemDataRole.UserRole + 2  # right of the second line
    EMPHASIS = Qt.ItemDataRole.UserRole + 3  # True: the aside needs attention (due)


class TwoLineDelegate(QStyledItemDelegate):
    """A bold first line; a grey second line with an aside on the right."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        line = QFontMetrics(option.font).height()  # type: ignore[attr-defined]
        return QSize(200, PAD * 2 + line * 2 + 4)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        painter.save()
        widget = option.widget  # type: ignore[attr-defined]
        style = widget.style() if widget else None
        if style is not None:
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget
            )
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        palette: QPalette = option.palette  # type: ignore[attr-defined]
        strong = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        grey = strong if selected else palette.color(QPalette.ColorRole.PlaceholderText)
        rect: QRect = option.rect.adjusted(PAD + 2, PAD, -PAD - 2, -PAD)  # type: ignore[attr-defined]
        base: QFont = option.font  # type: ignore[attr-defined]
        line = QFontMetrics(base).height()

        bold = QFont(base)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(strong)
        first = QFontMetrics(bold).elidedText(
            str(index.data(Qt.ItemDataRole.DisplayRole) or ""),
            Qt.TextElideMode.ElideRight,
            rect.width(),
        )
        painter.drawText(QRect(rect.left(), rect.top(), rect.width(), line), 0, first)

        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() * 0.92)
        top = rect.top() + line + 4
        aside = str(index.data(Role.ASIDE) or "")
        aside_font = QFont(small)
        aside_font.setBold(bool(index.data(Role.EMPHASIS)))
        aside_width = QFontMetrics(aside_font).horizontalAdvance(aside)
        painter.setFont(aside_font)
        painter.setPen(strong if index.data(Role.EMPHASIS) else grey)
        painter.drawText(
            QRect(rect.right() - aside_width, top, aside_width, line),
            Qt.AlignmentFlag.AlignRight,
            aside,
        )
        painter.setFont(small)
        painter.setPen(grey)
        room = rect.width() - aside_width - (3 * PAD if aside else 0)
        second = QFontMetrics(small).elidedText(
            str(index.data(Role.SECONDARY) or ""), Qt.TextElideMode.ElideRight, room
        )
        painter.drawText(QRect(rect.left(), top, room, line), 0, second)
        painter.restore()


def two_line_list(model: QAbstractItemModel, accessible_name: str) -> QListView:
    """A list view over `model` drawn with the two-line delegate."""
    view = QListView()
    view.setModel(model)
    view.setItemDelegate(TwoLineDelegate(view))
    view.setAccessibleName(accessible_name)
    view.setUniformItemSizes(True)
    return view


def draw_bold_line(painter: QPainter, base: QFont, text: str, rect: QRect, pen: QColor) -> None:
    """One line of bold text, cut short with an ellipsis if it does not fit."""
    bold = QFont(base)
    bold.setBold(True)
    painter.setFont(bold)
    painter.setPen(pen)
    elided = QFontMetrics(bold).elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
    painter.drawText(rect, 0, elided)
