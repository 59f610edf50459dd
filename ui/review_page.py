"""Your year: the yearly self-review, worked out on this computer and shown as a report.

Choosing a year (or a period of one's own) works the review out in the background,
showing "Working it out…" meanwhile; the report then reads section by section.
"Start the guided review" asks the journal to begin a reflection answering the
yearly prompts. The page holds no vault: it asks the session for one each time.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reflect import timeutil
from reflect.errors import ReflectError
from reflect.review import Period, Review, build_review
from storage.review_data import review_input, years_with_reflections
from ui.review_export import PLAINTEXT_WARNING, write_html, write_pdf
from ui.review_period import PeriodChooser
from ui.review_report import ReviewReport
from ui.session import Session

HEADING = "Your year"
INTRO = (
    "A picture of your reflections over a year, worked out on this computer only. "
    "Read it, then start the guided review to write down what you learned."
)
WORKING = "Working it out…"
UPDATING = "Bringing it up to date…"
NOTHING_YET = (
    "Nothing to review yet. Once you have written some reflections, this page draws "
    "a picture of your year: where your attention went, your rhythm, the people and "
    "themes that kept coming back."
)
GUIDED = "Start the guided review"
SAVE_PDF = "Save as PDF…"
SAVE_HTML = "Save as web page…"


# --- asking the leader (module level, so tests can answer in their place) ----------------


def confirm_plaintext(parent: QWidget) -> bool:
    """Warn that the saved file is not encrypted; True to go on."""
    answer = QMessageBox.warning(
        parent,
        "Save an unencrypted copy?",
        PLAINTEXT_WARNING,
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Save


def ask_pdf_path(parent: QWidget, suggested: str) -> Path | None:
    chosen, _ = QFileDialog.getSaveFileName(
        parent, "Save the review as PDF", suggested, "PDF (*.pdf)"
    )
    return Path(chosen) if chosen else None


def ask_html_path(parent: QWidget, suggested: str) -> Path | None:
    chosen, _ = QFileDialog.getSaveFileName(
        parent, "Save the review as a web page", suggested, "Web page (*.html)"
    )
    return Path(chosen) if chosen else None


class MessagePane(QWidget):
    """A sentence in place of the report: working, nothing yet, or what went wrong."""

    def __init__(self, text: str, busy: bool = False) -> None:
        super().__init__()
        self.message = QLabel(text)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 24, 24, 0)
        layout.addWidget(self.message)
        if busy:
            self.message.setObjectName("stepHeading")
            bar = QProgressBar()
            bar.setRange(0, 0)  # busy: how long is not known
            bar.setTextVisible(False)
            bar.setMaximumWidth(320)
            bar.setAccessibleName(text)
            layout.addWidget(bar)
        layout.addStretch(1)


class ReviewPage(QWidget):
    open_reflection = Signal(object)  # the uuid.UUID of a reflection to show
    guided_review_requested = Signal(int)  # the year to look back on

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setAccessibleName("Your year")
        self.report: ReviewReport | None = None
        self._asked = 0  # which request's answer is wanted; older answers are dropped
        self._computing: Period | None = None

        heading = QLabel(HEADING)
        heading.setObjectName("pageHeading")
        heading.setAccessibleName(HEADING)
        intro = QLabel(INTRO)
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        self.chooser = PeriodChooser()
        self.chooser.chosen.connect(self._period_chosen)
        chooser_label = QLabel("&Review")
        chooser_label.setBuddy(self.chooser)
        self.guided_button = QPushButton(GUIDED)
        self.guided_button.setObjectName("guidedReview")
        self.guided_button.setAccessibleName(GUIDED)
        self.guided_button.setToolTip(
            "Write a reflection answering the yearly questions, through the sage, "
            "the historian and the biographer"
        )
        self.guided_button.setAutoDefault(True)
        self.guided_button.setDefault(True)
        self.guided_button.setMinimumHeight(34)
        font = self.guided_button.font()
        font.setBold(True)
        self.guided_button.setFont(font)
        self.guided_button.clicked.connect(self._guided)
        self.pdf_button = QPushButton(SAVE_PDF)
        self.pdf_button.setAccessibleName("Save the review as PDF")
        self.pdf_button.setToolTip("A printable copy of this review; the file is not encrypted")
        self.pdf_button.clicked.connect(self.save_pdf)
        self.html_button = QPushButton(SAVE_HTML)
        self.html_button.setAccessibleName("Save the review as a web page")
        self.html_button.setToolTip("One HTML file with the charts inside; it is not encrypted")
        self.html_button.clicked.connect(self.save_html)
        self.status = QLabel("")
        self.status.setObjectName("hint")
        self.status.setAccessibleName("")

        top = QHBoxLayout()
        top.setSpacing(8)
        top.addWidget(heading)
        top.addSpacing(12)
        top.addWidget(chooser_label)
        top.addWidget(self.chooser)
        top.addWidget(self.status)
        top.addStretch(1)
        top.addWidget(self.pdf_button)
        top.addWidget(self.html_button)
        top.addWidget(self.guided_button)

        self.working = MessagePane(WORKING, busy=True)
        self.nothing = MessagePane(NOTHING_YET)
        self.problem = MessagePane("")
        self.report_area = QScrollArea()
        self.report_area.setWidgetResizable(True)
        self.report_area.setFrameShape(QFrame.Shape.NoFrame)
        self.report_area.setAccessibleName("Review report")
        self.report_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to what is inside
        self.stack = QStackedWidget()
        for pane in (self.working, self.nothing, self.problem, self.report_area):
            self.stack.addWidget(pane)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 0, 0)
        header = QVBoxLayout()
        header.setContentsMargins(0, 0, 16, 0)
        header.addLayout(top)
        header.addWidget(intro)
        layout.addLayout(header)
        layout.addSpacing(6)
        layout.addWidget(self.stack, 1)
        self._show_nothing()

    # --- the Page protocol -------------------------------------------------------------

    def refresh(self) -> None:
        """List the years again and work out the chosen one afresh (the journal may have grown)."""
        if not self.session.is_unlocked:
            return
        try:
            years = years_with_reflections(self.session.vault)
        except ReflectError as exc:
            self._show_problem(str(exc))
            return
        self.chooser.set_years(years)
        period = self.chooser.period()
        if period is None:
            self._show_nothing()
            return
        self._compute(period)

    def wipe(self) -> None:
        """Forget every year, number and word shown (on lock); late answers are dropped."""
        self._asked += 1
        self._computing = None
        self.chooser.forget()
        self._drop_report()
        self.problem.message.clear()
        self.status.clear()
        self._show_nothing()

    # --- working it out ----------------------------------------------------------------

    def period(self) -> Period | None:
        return self.chooser.period()

    def is_working(self) -> bool:
        return self._computing is not None

    def _period_chosen(self, period: object) -> None:
        if isinstance(period, Period) and self.session.is_unlocked:
            self._compute(period)

    def _compute(self, period: Period) -> None:
        self._asked += 1
        asked = self._asked
        self._computing = period
        vault = self.session.vault
        if self.report is not None and self.report.review.period == period:
            self.status.setText(UPDATING)  # keep the report on show while it is refreshed
        else:
            self.status.clear()
            self.stack.setCurrentWidget(self.working)
        self.guided_button.setEnabled(True)

        def work() -> Review:
            return build_review(review_input(vault, period))

        self.session.background.run(
            work,
            lambda review: self._answered(asked, review),
            lambda exc: self._failed(asked, exc),
        )

    def _answered(self, asked: int, review: object) -> None:
        if asked != self._asked or not self.session.is_unlocked:
            return  # a newer question, or the journal was locked meanwhile
        assert isinstance(review, Review)
        self._computing = None
        self.status.clear()
        self.show_review(review)

    def _failed(self, asked: int, exc: Exception) -> None:
        if asked != self._asked:
            return
        self._computing = None
        self.status.clear()
        if isinstance(exc, ReflectError):
            self._show_problem(str(exc))
        else:
            self._show_problem(
                f"The review could not be worked out ({type(exc).__name__}). "
                "Your journal is unchanged."
            )

    # --- showing -------------------------------------------------------------------------

    def show_review(self, review: Review) -> None:
        """Show this review's report (the page's own answer, or one worked out elsewhere)."""
        at = self.report_area.verticalScrollBar().value()
        same = self.report is not None and self.report.review.period == review.period
        self._drop_report()
        self.report = ReviewReport(review, today=timeutil.now().date())
        self.report.open_reflection.connect(self.open_reflection)
        self.report_area.setWidget(self.report)
        self.stack.setCurrentWidget(self.report_area)
        if same:
            self.report_area.verticalScrollBar().setValue(at)
        year = self._year_of(review.period)
        self.guided_button.setAccessibleName(f"{GUIDED} of {year}")
        self.guided_button.setEnabled(True)
        self._set_saving(True)

    def _drop_report(self) -> None:
        if self.report is None:
            return
        self.report.forget()
        taken = self.report_area.takeWidget()
        if taken is not None:
            taken.deleteLater()
        self.report = None

    def _set_saving(self, on: bool) -> None:
        self.pdf_button.setEnabled(on)
        self.html_button.setEnabled(on)

    def _show_nothing(self) -> None:
        self._set_saving(False)
        self.stack.setCurrentWidget(self.nothing)
        self.guided_button.setEnabled(False)
        self.guided_button.setAccessibleName(GUIDED)

    def _show_problem(self, text: str) -> None:
        self._drop_report()
        self._set_saving(False)
        self.problem.message.setText(text)
        self.stack.setCurrentWidget(self.problem)

    # --- the guided review -------------------------------------------------------------

    @staticmethod
    def _year_of(period: Period) -> int:
        """A calendar year is itself; another period is looked back on from its last year."""
        return period.end.year

    def _guided(self) -> None:
        period = self.chooser.period()
        if period is not None:
            self.guided_review_requested.emit(self._year_of(period))

    # --- saving a copy -----------------------------------------------------------------

    def save_pdf(self) -> None:
        # Looked up when pressed, so tests can stand in for the dialogs.
        self._save("pdf", lambda suggested: ask_pdf_path(self, suggested), write_pdf)

    def save_html(self) -> None:
        self._save("html", lambda suggested: ask_html_path(self, suggested), write_html)

    def _save(
        self,
        suffix: str,
        ask: Callable[[str], Path | None],
        write: Callable[[Review, Path], None],
    ) -> None:
        """Warn that the copy is not encrypted, ask where, then write it."""
        if self.report is None:
            return
        review = self.report.review
        if not confirm_plaintext(self):
            return
        label = review.period.label.replace(" ", "")
        path = ask(str(Path.home() / f"reflect-review-{label}.{suffix}"))
        if path is None:
            return
        try:
            write(review, path)
        except OSError as exc:
            self.status.setText(f"Could not save the review: {exc.strerror or exc}.")
            return
        self.status.setText(f"Saved to {path.name}.")
