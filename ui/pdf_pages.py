"""A4 PDFs drawn in memory, page by page, with a footer: the review and printed reflections.

Everything is laid out in logical pixels at 96 per inch and the PDF painter is
scaled, so what is measured on screen is what is printed. The PDF is made in a
QBuffer and only its bytes leave here: callers write them with
storage.atomic.write_atomically, so no page of it ever reaches a temporary file.
A QApplication must exist (`ensure_application` makes one for the command line).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)
from PySide6.QtWidgets import QApplication

LOGICAL_DPI = 96
MARGIN_MM = 18.0
FOOTER_PX = 28.0
FOOTER_FONT_PX = 10
INK = "#1f1f1f"
QUIET = "#5a5a5a"
ACCENT = "#2f6db5"

PagePainter = Callable[[QPainter], None]


class PdfPages:
    """An A4 PDF in memory: its drawable width and height, then `draw` its pages."""

    def __init__(self, title: str, margin_mm: float = MARGIN_MM) -> None:
        self._data = QByteArray()
        self._buffer = QBuffer(self._data)
        self._buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self.writer = QPdfWriter(self._buffer)
        self.writer.setTitle(title)
        self.writer.setCreator("Reflect")
        self.writer.setResolution(300)
        self.writer.setPageLayout(
            QPageLayout(
                QPageSize(QPageSize.PageSizeId.A4),
                QPageLayout.Orientation.Portrait,
                QMarginsF(margin_mm, margin_mm, margin_mm, margin_mm),
                QPageLayout.Unit.Millimeter,
            )
        )
        self.scale = self.writer.resolution() / LOGICAL_DPI
        area = self.writer.pageLayout().paintRectPixels(self.writer.resolution())
        self.width = area.width() / self.scale
        self.height = area.height() / self.scale
        self.body_height = self.height - FOOTER_PX  # above the footer

    def draw(
        self, pages: Sequence[PagePainter], footer_left: str, footer_on_first: bool = True
    ) -> bytes:
        """Paint each page, with `footer_left` and "Page N of M" below it; the PDF's bytes."""
        total = len(pages)
        footer_font = QFont()
        footer_font.setPixelSize(FOOTER_FONT_PX)
        painter = QPainter(self.writer)
        try:
            painter.scale(self.scale, self.scale)
            for number, page in enumerate(pages, start=1):
                if number > 1:
                    self.writer.newPage()
                painter.save()
                page(painter)
                painter.restore()
                if number > 1 or footer_on_first:
                    painter.setFont(footer_font)
                    painter.setPen(QColor(QUIET))
                    footer = QRectF(0, self.height - FOOTER_PX + 10, self.width, FOOTER_PX - 10)
                    painter.drawText(footer, Qt.AlignmentFlag.AlignLeft, footer_left)
                    painter.drawText(
                        footer, Qt.AlignmentFlag.AlignRight, f"Page {number} of {total}"
                    )
        finally:
            painter.end()
        self._buffer.close()
        return bytes(self._data.data())


def document_page(document: QTextDocument, index: int) -> PagePainter:
    """Page `index` of a document paginated with setPageSize: draws it at the top of the page."""
    page = document.pageSize()

    def paint(painter: QPainter) -> None:
        top = index * page.height()
        painter.translate(0, -top)
        document.drawContents(painter, QRectF(0, top, page.width(), page.height()))

    return paint


def ensure_application() -> None:
    """A QApplication for the command line: offscreen when there is no display."""
    if QApplication.instance() is None:
        no_display = not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
        if no_display and sys.platform.startswith("linux"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _APP.append(QApplication(["reflect"]))


_APP: list[QApplication] = []  # kept alive for the rest of the command
