"""What goes into a PDF: the reflection in the editor, the ones listed, or those between two dates.

The dialog only chooses; ui/export_actions.py gathers the reflections and writes
the file. It says plainly that the PDF will not be encrypted before anything is saved.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date
from enum import Enum

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

PDF_WARNING = (
    "A PDF is not encrypted: anyone who opens it can read these reflections. "
    "Save it only somewhere private, and delete it when you no longer need it."
)
TITLE_CHARS = 50


class Scope(Enum):
    CURRENT = "current"  # the reflection open in the editor
    LISTED = "listed"  # what the journal list shows, search and filters applied
    DATES = "dates"  # every reflection between two dates


@dataclass(frozen=True, slots=True)
class PdfOptions:
    """What the dialog can offer."""

    current_title: str | None  # None: no reflection is open in the editor
    listed: int
    first: date  # the dates offered for "between two dates"
    last: date


@dataclass(frozen=True, slots=True)
class PdfChoice:
    scope: Scope
    first: date
    last: date


def _short(title: str) -> str:
    title = title or "Untitled"
    return title if len(title) <= TITLE_CHARS else title[: TITLE_CHARS - 1].rstrip() + "…"


def _date_edit(day: date, name: str) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d MMM yyyy")
    edit.setAccessibleName(name)
    return edit


class PdfExportDialog(QDialog):
    def __init__(self, options: PdfOptions, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export as PDF")
        self.setAccessibleName("Export reflections as a PDF")
        intro = QLabel("Make a print-ready PDF of:")
        intro.setAccessibleName("Make a print-ready PDF of")

        current = options.current_title
        self.current = QRadioButton(
            "&This reflection: “" + _short(current).replace("&", "&&") + "”"
            if current is not None
            else "&This reflection (none is open)"
        )
        self.current.setAccessibleName("This reflection")
        self.current.setEnabled(current is not None)
        noun = "reflection" if options.listed == 1 else "reflections"
        self.listed = QRadioButton(f"The {options.listed} {noun} in the &list")
        self.listed.setAccessibleName(f"The {options.listed} {noun} in the list")
        self.listed.setToolTip("What the journal list shows now, with its search and filters")
        self.listed.setEnabled(options.listed > 0)
        self.dates = QRadioButton("&Between two dates")
        self.dates.setAccessibleName("Between two dates")
        self.group = QButtonGroup(self)
        for button in (self.current, self.listed, self.dates):
            self.group.addButton(button)

        self.first = _date_edit(options.first, "From this date")
        self.last = _date_edit(options.last, "Up to this date")
        from_label = QLabel("&From")
        from_label.setBuddy(self.first)
        to_label = QLabel("&up to")
        to_label.setBuddy(self.last)
        dates_row = QHBoxLayout()
        dates_row.setContentsMargins(24, 0, 0, 0)
        for widget in (from_label, self.first, to_label, self.last):
            dates_row.addWidget(widget)
        dates_row.addStretch(1)
        self.dates.toggled.connect(self._dates_toggled)

        head, rest = PDF_WARNING.split(":", 1)
        self.warning = QLabel(f"<b>{html.escape(head)}:</b>{html.escape(rest)}")
        self.warning.setWordWrap(True)
        self.warning.setObjectName("warning")
        self.warning.setTextFormat(Qt.TextFormat.RichText)
        self.warning.setAccessibleName("Warning")
        self.warning.setAccessibleDescription(PDF_WARNING)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = QPushButton("&Save PDF…")
        self.save_button.setAccessibleName("Save the PDF")
        self.save_button.setDefault(True)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAccessibleName("Cancel, save nothing")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        for button in (self.current, self.listed, self.dates):
            layout.addWidget(button)
        layout.addLayout(dates_row)
        layout.addSpacing(8)
        layout.addWidget(self.warning)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

        chosen = next(b for b in (self.current, self.listed, self.dates) if b.isEnabled())
        chosen.setChecked(True)
        self._dates_toggled(chosen is self.dates)
        chosen.setFocus()
        QWidget.setTabOrder(self.dates, self.first)
        QWidget.setTabOrder(self.first, self.last)
        QWidget.setTabOrder(self.last, self.save_button)
        QWidget.setTabOrder(self.save_button, self.cancel_button)

    def _dates_toggled(self, on: bool) -> None:
        self.first.setEnabled(on)
        self.last.setEnabled(on)

    def choice(self) -> PdfChoice:
        """What was chosen; two dates typed the wrong way round still mean that range."""
        scope = (
            Scope.CURRENT
            if self.current.isChecked()
            else Scope.LISTED
            if self.listed.isChecked()
            else Scope.DATES
        )
        first, last = self.first.date().toPython(), self.last.date().toPython()
        assert isinstance(first, date) and isinstance(last, date)
        return PdfChoice(scope, min(first, last), max(first, last))
