"""Which stretch of time the review covers: a year from the list, or a period of one's own."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from reflect.review import Period

CHOOSE = "Choose a period…"
CHOOSE_ROLE = "choose"


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class PeriodDialog(QDialog):
    """Two dates, first and last day included."""

    def __init__(self, start: date, end: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Choose a period")
        self.setAccessibleName("Choose a period")
        intro = QLabel("Review any stretch of time: the first and last days are included.")
        intro.setWordWrap(True)
        self.start = self._date_edit("First day", start)
        self.end = self._date_edit("Last day", end)
        self.problem = QLabel("")
        self.problem.setObjectName("error")
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&First day", self.start)
        form.addRow("&Last day", self.end)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Review this period")
        ok.setAccessibleName("Review this period")
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Cancel")
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    @staticmethod
    def _date_edit(name: str, day: date) -> QDateEdit:
        edit = QDateEdit(qdate(day))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMMM yyyy")
        edit.setAccessibleName(name)
        return edit

    def period(self) -> Period:
        return Period(pydate(self.start.date()), pydate(self.end.date()))

    def _accept(self) -> None:
        if self.end.date() < self.start.date():
            self.problem.setText("The last day comes before the first. Choose again.")
            self.end.setFocus()
            return
        self.accept()


class PeriodChooser(QComboBox):
    """Years with reflections, newest first, then "Choose a period…"; says which was chosen."""

    chosen = Signal(object)  # the Period to review

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Period to review")
        self.setToolTip("The year to review, or choose a period of your own")
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.dialog: PeriodDialog | None = None
        self._shown: Period | None = None  # what the page is reviewing now
        self._setting = False
        self.activated.connect(self._activated)

    def set_years(self, years: Sequence[int]) -> None:
        """List these years newest first; keep what was chosen, or choose the newest."""
        keep = self._shown
        custom = keep if keep is not None and not keep.is_calendar_year else None
        self._setting = True
        try:
            self.clear()
            for year in sorted(set(years), reverse=True):
                self.addItem(str(year), Period.year(year))
            if custom is not None:
                self.addItem(custom.label, custom)
            if self.count():
                self.insertSeparator(self.count())
            self.addItem(CHOOSE, CHOOSE_ROLE)
            at = self._index_of(keep) if keep is not None else None
            if at is None and years:
                at = 0
            if at is not None:
                self.setCurrentIndex(at)
                self._shown = self.itemData(at)
            else:
                self.setCurrentIndex(-1)
                self._shown = None
        finally:
            self._setting = False

    def period(self) -> Period | None:
        return self._shown

    def choose(self, period: Period) -> None:
        """Review `period`: a listed year, or a period added to the list."""
        at = self._index_of(period)
        if at is None:
            self._drop_custom()
            separator = self.findData(CHOOSE_ROLE) - 1
            at = max(separator, 0) if self.count() > 1 else 0
            self.insertItem(at, period.label, period)
        self._setting = True
        self.setCurrentIndex(at)
        self._setting = False
        self._shown = period
        self.chosen.emit(period)

    def forget(self) -> None:
        """On lock: no years, no periods."""
        if self.dialog is not None:
            self.dialog.reject()
        self._setting = True
        self.clear()
        self._setting = False
        self._shown = None

    # --- inside ------------------------------------------------------------------------

    def _index_of(self, period: Period) -> int | None:
        for i in range(self.count()):
            data = self.itemData(i)
            if isinstance(data, Period) and data == period:
                return i
        return None

    def _drop_custom(self) -> None:
        for i in reversed(range(self.count())):
            data = self.itemData(i)
            if isinstance(data, Period) and not data.is_calendar_year:
                self.removeItem(i)

    def _activated(self, index: int) -> None:
        if self._setting:
            return
        data = self.itemData(index)
        if data == CHOOSE_ROLE:
            self._ask()
        elif isinstance(data, Period) and data != self._shown:
            self._shown = data
            self.chosen.emit(data)

    def _ask(self) -> None:
        """The dates dialog, opened without blocking (`open`), so it can be driven by keys."""
        shown = self._shown or Period.year(date.today().year)
        dialog = PeriodDialog(shown.start, shown.end, self)
        dialog.finished.connect(self._answered)
        self.dialog = dialog
        dialog.open()

    def _answered(self, result: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is None:
            return
        dialog.deleteLater()
        if result == QDialog.DialogCode.Accepted:
            self.choose(dialog.period())
        else:  # back to what was shown
            at = self._index_of(self._shown) if self._shown is not None else None
            self._setting = True
            self.setCurrentIndex(at if at is not None else -1)
            self._setting = False
        self.setFocus(Qt.FocusReason.OtherFocusReason)
