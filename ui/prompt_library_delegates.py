"""How the prompt library's rows are drawn: a pack with its tick box; a prompt, wrapped.

PackDelegate puts the check box exactly where Qt's own delegate looks for it,
so a click on it, or Space on the row, ticks and unticks through the base
class's editorEvent and the model's setData.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ui.prompt_library_models import is_checked
from ui.storylines_page import wrapped
from ui.two_line_delegate import Role, draw_bold_line

Index = QModelIndex | QPersistentModelIndex
PAD = 8
QUESTION_LINES = 2


def _small(base: QFont) -> QFont:
    small = QFont(base)
    small.setPointSizeF(base.pointSizeF() * 0.92)
    return small


def _colours(option: QStyleOptionViewItem) -> tuple[QPalette, bool]:
    selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
    return option.palette, selected  # type: ignore[attr-defined]


def _pens(palette: QPalette, selected: bool) -> tuple[QColor, QColor]:
    strong = palette.color(
        QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
    )
    grey = strong if selected else palette.color(QPalette.ColorRole.PlaceholderText)
    return strong, grey


def _panel(painter: QPainter, option: QStyleOptionViewItem) -> None:
    widget: QWidget | None = option.widget  # type: ignore[attr-defined]
    if widget is not None:
        widget.style().drawPrimitive(
            QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget
        )


class PackDelegate(QStyledItemDelegate):
    """A tick box, then three lines: the title; origin and size; the schedule's state."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        base: QFont = option.font  # type: ignore[attr-defined]
        line = QFontMetrics(base).height()
        small = QFontMetrics(_small(base)).height()
        return QSize(240, PAD * 2 + line + 2 * (small + 3))

    def check_rect(self, option: QStyleOptionViewItem, index: Index) -> QRect:
        """Where the tick box is: the rectangle the base class tests clicks against."""
        view = QStyleOptionViewItem(option)
        self.initStyleOption(view, index)
        widget: QWidget | None = option.widget  # type: ignore[attr-defined]
        style = widget.style() if widget is not None else None
        if style is None:
            return QRect()
        return style.subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator, view, widget)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        painter.save()
        _panel(painter, option)
        widget: QWidget | None = option.widget  # type: ignore[attr-defined]
        box = self.check_rect(option, index)
        if widget is not None:
            tick = QStyleOptionViewItem(option)
            tick.rect = box  # type: ignore[attr-defined]
            tick.state = option.state & ~QStyle.StateFlag.State_HasFocus  # type: ignore[attr-defined]
            checked = is_checked(index.data(Qt.ItemDataRole.CheckStateRole))
            tick.state |= QStyle.StateFlag.State_On if checked else QStyle.StateFlag.State_Off  # type: ignore[attr-defined]
            widget.style().drawPrimitive(
                QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck, tick, painter, widget
            )
        palette, selected = _colours(option)
        strong, grey = _pens(palette, selected)
        rect: QRect = option.rect.adjusted(PAD, PAD, -PAD - 2, -PAD)  # type: ignore[attr-defined]
        left = max(box.right() + PAD + 4, rect.left())
        width = rect.right() - left
        base: QFont = option.font  # type: ignore[attr-defined]
        line = QFontMetrics(base).height()
        draw_bold_line(
            painter, base, str(index.data() or ""), QRect(left, rect.top(), width, line), strong
        )
        small = _small(base)
        small_line = QFontMetrics(small).height()
        top = rect.top() + line + 3
        painter.setFont(small)
        painter.setPen(grey)
        second = QFontMetrics(small).elidedText(
            str(index.data(Role.SECONDARY) or ""), Qt.TextElideMode.ElideRight, width
        )
        painter.drawText(QRect(left, top, width, small_line), 0, second)
        status = str(index.data(Role.ASIDE) or "")
        if status:
            emphasis = QFont(small)
            emphasis.setBold(bool(index.data(Role.EMPHASIS)))
            painter.setFont(emphasis)
            painter.setPen(strong if index.data(Role.EMPHASIS) else grey)
            third = QFontMetrics(emphasis).elidedText(status, Qt.TextElideMode.ElideRight, width)
            painter.drawText(QRect(left, top + small_line + 3, width, small_line), 0, third)
        painter.restore()


class PromptDelegate(QStyledItemDelegate):
    """The question over up to two lines; then its tags, with "Pinned" or "Not offered"."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        base: QFont = option.font  # type: ignore[attr-defined]
        line = QFontMetrics(base).height()
        small = QFontMetrics(_small(base)).height()
        return QSize(240, PAD * 2 + line * QUESTION_LINES + 4 + small)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        painter.save()
        _panel(painter, option)
        palette, selected = _colours(option)
        strong, grey = _pens(palette, selected)
        hidden = bool(index.data(Role.ASIDE)) and not index.data(Role.EMPHASIS)
        rect: QRect = option.rect.adjusted(PAD + 2, PAD, -PAD - 2, -PAD)  # type: ignore[attr-defined]
        base: QFont = option.font  # type: ignore[attr-defined]
        metrics = QFontMetrics(base)
        line = metrics.height()
        painter.setFont(base)
        painter.setPen(grey if hidden else strong)  # a prompt not offered reads as set aside
        question = wrapped(str(index.data() or ""), metrics, rect.width(), QUESTION_LINES)
        for n, text in enumerate(question):
            painter.drawText(QRect(rect.left(), rect.top() + n * line, rect.width(), line), 0, text)
        small = _small(base)
        small_metrics = QFontMetrics(small)
        top = rect.top() + line * max(len(question), 1) + 4  # tags sit under the last line
        aside = str(index.data(Role.ASIDE) or "")
        aside_font = QFont(small)
        aside_font.setBold(bool(aside))
        aside_width = QFontMetrics(aside_font).horizontalAdvance(aside)
        painter.setFont(aside_font)
        painter.setPen(strong)
        painter.drawText(
            QRect(rect.right() - aside_width, top, aside_width, small_metrics.height()),
            Qt.AlignmentFlag.AlignRight,
            aside,
        )
        room = rect.width() - aside_width - (3 * PAD if aside else 0)
        painter.setFont(small)
        painter.setPen(grey)
        tags = small_metrics.elidedText(
            str(index.data(Role.SECONDARY) or ""), Qt.TextElideMode.ElideRight, room
        )
        painter.drawText(QRect(rect.left(), top, room, small_metrics.height()), 0, tags)
        painter.restore()
