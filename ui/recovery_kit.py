"""The printable recovery kit, written only where the user chooses."""

from __future__ import annotations

import html

from PySide6.QtGui import QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QWidget


def kit_document(recovery_key: str) -> QTextDocument:
    document = QTextDocument()
    document.setHtml(
        "<h1>Reflect recovery kit</h1>"
        "<p>This key opens your Reflect journal if you forget your passphrase. "
        "Keep this page somewhere safe, away from your computer.</p>"
        f"<p style='font-size:20pt; font-family:monospace'>{html.escape(recovery_key)}</p>"
        "<p>To use it: on the unlock screen choose <i>Use the recovery key</i>, type these "
        "groups, then choose a new passphrase.</p>"
    )
    return document


def write_pdf(recovery_key: str, path: str) -> None:
    writer = QPdfWriter(path)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setTitle("Reflect recovery kit")
    kit_document(recovery_key).print_(writer)


def print_kit(recovery_key: str, parent: QWidget) -> None:
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter()
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() == QPrintDialog.DialogCode.Accepted:
        kit_document(recovery_key).print_(printer)


def save_kit_as_pdf(recovery_key: str, parent: QWidget) -> None:
    """Ask where, then write the kit there; nothing is written unless the user chooses."""
    from PySide6.QtWidgets import QFileDialog

    path, _ = QFileDialog.getSaveFileName(
        parent, "Save the recovery kit", "Reflect recovery kit.pdf", "PDF (*.pdf)"
    )
    if path:
        write_pdf(recovery_key, path)
