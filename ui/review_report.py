"""The review of one period as a report: charts and plain words, section by section.

Built fresh from a `Review` each time; it holds no vault and reads nothing.
Titles and themes that lead back to reflections are buttons styled as links,
so Tab reaches them and Enter or Space opens the reflection. `forget()` blanks
every word and number before the report is thrown away (on lock).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from reflect.frameworks import Way
from reflect.review import Review
from ui.review_bars import LensesChart, MonthChart, WaysChart
from ui.review_chart import ReviewChart
from ui.review_grid import WaysLensesGrid
from ui.review_heatmap import CalendarHeatmap
from ui.review_words import (
    button_text,
    count_words,
    day_month,
    days_sentence,
    follow_ups_sentence,
    gap_words,
    gaps_sentence,
    month_year,
    plural,
    shortened,
    trust_move_words,
    trust_sentence,
)

MAX_WIDTH = 920
STYLE = """
QPushButton#reviewLink {
    border: 1px solid transparent; border-radius: 3px; padding: 2px 4px;
    text-align: left; background: transparent; color: palette(link);
}
QPushButton#reviewLink:hover { text-decoration: underline; }
QPushButton#reviewLink:focus { border-color: palette(highlight); }
QFrame#reviewTile {
    border: 1px solid palette(mid); border-radius: 6px; background: palette(base);
}
QLabel#tileNumber { font-size: 20pt; font-weight: 600; }
"""

ATTENTION = "Where my attention went"
RHYTHM = "Rhythm"
RELATIONSHIPS = "Relationships"
REPEATING = "What kept repeating"
STORYLINES = "Storylines"
INTENTIONS = "Intentions"
LIGHT_BULBS = "Light-bulb moments"
COMPARED = "Compared with the year before"


def label(text: str = "", name: str = "", wrap: bool = True) -> QLabel:
    """Plain text always: what the leader wrote is never read as markup."""
    shown = QLabel(text)
    shown.setTextFormat(Qt.TextFormat.PlainText)
    shown.setWordWrap(wrap)
    if name:
        shown.setObjectName(name)
    return shown


def bold(text: str, wrap: bool = True) -> QLabel:
    shown = label(text, wrap=wrap)
    font = shown.font()
    font.setBold(True)
    shown.setFont(font)
    return shown


def heading(text: str, name: str = "stepHeading") -> QLabel:
    shown = label(text, name)
    shown.setIndent(0)  # the style sheet's margin would otherwise indent it
    shown.setAccessibleName(text)
    return shown


class LinkButton(QPushButton):
    """A title or phrase that opens a reflection: looks like a link, works like a button."""

    def __init__(self, text: str, spoken: str, reflection_id: uuid.UUID) -> None:
        super().__init__(button_text(text))
        self.reflection_id = reflection_id
        self.setObjectName("reviewLink")
        self.setAccessibleName(spoken)
        self.setCursor(QCursor(Qt.CursorShape.PointingHandCursor))
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.setAutoDefault(True)  # Enter presses it when focused, as Space does


class Tile(QFrame):
    """A number in large type over what it counts."""

    def __init__(self, number: str, caption: str) -> None:
        super().__init__()
        self.setObjectName("reviewTile")
        self.number = label(number, "tileNumber", wrap=False)
        self.caption = label(caption, "hint")
        self.setAccessibleName(f"{caption}: {number}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 10)
        layout.setSpacing(0)
        layout.addWidget(self.number)
        layout.addWidget(self.caption)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)


class ReviewReport(QWidget):
    open_reflection = Signal(object)  # the uuid.UUID of a reflection to show

    def __init__(
        self, review: Review, today: date | None = None, parent: QWidget | None = None
    ) -> None:
        """`today` marks the months and days of a period still in progress as to come."""
        super().__init__(parent)
        self.today = today
        self.setObjectName("reviewReport")
        self.setAccessibleName(f"Review of {review.period.label}")
        self.setStyleSheet(STYLE)
        self.review = review
        self.links: list[LinkButton] = []
        self.tiles: dict[str, Tile] = {}
        self.body = QWidget()
        self.body.setMaximumWidth(MAX_WIDTH)
        self.column = QVBoxLayout(self.body)
        self.column.setContentsMargins(0, 4, 0, 24)
        self.column.setSpacing(8)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 16, 0)
        outer.addWidget(self.body, 1)
        outer.addStretch(0)

        self.month_chart = MonthChart()
        self.ways_chart = WaysChart()
        self.lenses_chart = LensesChart()
        self.grid_chart = WaysLensesGrid()
        self.heatmap = CalendarHeatmap()
        self._summary(review)
        self._attention(review)
        self._rhythm(review)
        self._relationships(review)
        self._repeating(review)
        self._storylines(review)
        self._intentions(review)
        self._light_bulbs(review)
        self._compared(review)
        self.column.addSpacing(12)
        for note in review.notes:
            self.column.addWidget(label(note, "hint"))
        self.column.addStretch(1)

    # --- the whole, and forgetting it ---------------------------------------------------

    def charts(self) -> list[ReviewChart]:
        return [self.month_chart, self.ways_chart, self.lenses_chart, self.grid_chart, self.heatmap]

    def forget(self) -> None:
        """Blank every word, name and number shown, before the report goes (on lock)."""
        for widget in self.findChildren(QWidget):
            widget.setAccessibleName("")
            widget.setToolTip("")
        for shown in self.findChildren(QLabel):
            shown.clear()
        for button in self.findChildren(QAbstractButton):
            button.setText("")
        for chart in self.charts():
            chart.clear()
        self.links = []
        self.tiles = {}
        self.setAccessibleName("")

    def texts(self) -> list[str]:
        """Every word on show (for tests): text, names, tips and the charts' descriptions."""
        words = [w.text() for w in self.findChildren(QLabel) if w.text()]
        words += [b.text() for b in self.findChildren(QAbstractButton) if b.text()]
        for widget in self.findChildren(QWidget):
            words += [t for t in (widget.accessibleName(), widget.toolTip()) if t]
        words += [c.accessibleDescription() for c in self.charts() if c.has_data()]
        return words

    # --- building blocks ----------------------------------------------------------------

    def _section(self, title: str) -> None:
        self.column.addSpacing(14)
        self.column.addWidget(heading(title))

    def _sub(self, title: str) -> None:
        self.column.addWidget(heading(title, "sectionHeading"))

    def _say(self, text: str, name: str = "") -> QLabel:
        shown = label(text, name)
        self.column.addWidget(shown)
        return shown

    def _link(self, text: str, spoken: str, reflection_id: uuid.UUID, tip: str) -> LinkButton:
        link = LinkButton(text, spoken, reflection_id)
        link.setToolTip(tip)
        link.clicked.connect(lambda: self.open_reflection.emit(link.reflection_id))
        self.links.append(link)
        return link

    # --- the sections ------------------------------------------------------------------

    def _tile(self, number: str, caption: str) -> Tile:
        tile = Tile(number, caption)
        self.tiles[caption] = tile
        return tile

    def _summary(self, review: Review) -> None:
        tiles = QHBoxLayout()
        tiles.setSpacing(10)
        busiest = month_year(review.busiest_month) if review.busiest_month else "–"
        for number, caption in (
            (str(review.total), "Reflections"),
            (str(review.reflection_days), "Days you reflected"),
            (busiest, "Busiest month"),
            (str(len(review.light_bulbs)), "Light-bulb moments"),
        ):
            tiles.addWidget(self._tile(number, caption))
        self.column.addLayout(tiles)

    def _attention(self, review: Review) -> None:
        self._section(ATTENTION)
        self._sub("Reflections each month")
        self.month_chart.set_months(review.per_month, self.today)
        self.column.addWidget(self.month_chart)
        self._sub("The six ways")
        self.ways_chart.set_ways(review.ways, review.least_attended)
        self.column.addWidget(self.ways_chart)
        self.attention = self._say(review.attention_sentence)
        self.attention.setAccessibleName(review.attention_sentence)
        if review.total and review.reflections_with_ways < review.total:
            unmarked = review.total - review.reflections_with_ways
            self._say(f"{plural(unmarked, 'reflection')} had no way marked.", "hint")
        self._sub("The five lenses")
        self.lenses_chart.set_lenses(review.lenses)
        self.column.addWidget(self.lenses_chart)
        self._sub("Ways and lenses together")
        self._say("How often a reflection marked with each way looked through each lens.", "hint")
        self.grid_chart.set_grid(review.grid)
        self.column.addWidget(self.grid_chart)

    def _rhythm(self, review: Review) -> None:
        self._section(RHYTHM)
        self.heatmap.set_days(review.period.start, review.period.end, review.days, self.today)
        self.column.addWidget(self.heatmap)
        self._say(days_sentence(review, self.today))
        gaps = review.longest_gaps
        if len(gaps) > 1:
            self._say("Your longest gaps without a reflection:")
            for gap in gaps:
                self._say(f"•  {gap_words(gap)}")
        else:
            self._say(gaps_sentence(gaps))

    def _relationships(self, review: Review) -> None:
        self._section(RELATIONSHIPS)
        lists = QHBoxLayout()
        lists.setSpacing(24)
        lists.addLayout(
            self._ranked(
                "People you reflected on most", review.people, "No one was named in this period."
            ),
            1,
        )
        lists.addLayout(
            self._ranked(
                "Organisations you reflected on most",
                review.organisations,
                "No organisation was named in this period.",
            ),
            1,
        )
        self.column.addLayout(lists)
        self._sub("Trust and agreement")
        self._say(trust_sentence(review.trust_moves))
        for move in review.trust_moves:
            self._say(f"•  {trust_move_words(move)}")
        self._sub("Meetings")
        self.meetings = self._say(review.meetings_sentence)

    def _ranked(self, title: str, ranked: Sequence[tuple[str, int]], empty: str) -> QVBoxLayout:
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addWidget(heading(title, "sectionHeading"))
        if not ranked:
            box.addWidget(
                label(
                    "No one labelled in this period."
                    if "People" in title
                    else "No organisations labelled in this period.",
                    "hint",
                )
            )
        rows = QGridLayout()
        rows.setHorizontalSpacing(12)
        rows.setVerticalSpacing(2)
        rows.setColumnStretch(0, 1)
        for row, (name, n) in enumerate(ranked):
            who = label(name)
            count = label(count_words(n), "hint", wrap=False)
            count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            rows.addWidget(who, row, 0)
            rows.addWidget(count, row, 1)
        box.addLayout(rows)
        box.addStretch(1)
        return box

    def _repeating(self, review: Review) -> None:
        self._section(REPEATING)
        if not review.themes:
            self._say("No phrase came back often enough to count as a theme.")
            return
        self._say(
            "Phrases that kept coming back in your reflections. Each opens the first "
            "reflection it came from.",
            "hint",
        )
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(2)
        columns = 2
        for i, theme in enumerate(review.themes):
            words = count_words(theme.count)
            link = self._link(
                f"{theme.phrase} · {theme.count}",
                f"{theme.phrase}, {words}: open the first",
                theme.reflection_ids[0],
                f"In {words}; opens the first of them",
            )
            grid.addWidget(link, i // columns, i % columns, Qt.AlignmentFlag.AlignLeft)
        for c in range(columns):
            grid.setColumnStretch(c, 1)
        self.column.addLayout(grid)

    def _storylines(self, review: Review) -> None:
        self._section(STORYLINES)
        if not review.storylines:
            self._say("No storyline gathered reflections from this period.")
            return
        rows = QGridLayout()
        rows.setHorizontalSpacing(16)
        rows.setVerticalSpacing(6)
        rows.setColumnStretch(1, 1)
        rows.setColumnMinimumWidth(0, 200)
        for row, line in enumerate(review.storylines):
            name = bold(line.name)
            name.setMaximumWidth(320)
            rows.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop)
            rows.addWidget(label(line.sentence), row, 1, Qt.AlignmentFlag.AlignTop)
        self.column.addLayout(rows)

    def _intentions(self, review: Review) -> None:
        self._section(INTENTIONS)
        counts = review.follow_ups
        tiles = QHBoxLayout()
        tiles.setSpacing(10)
        for number, caption in (
            (counts.made, "Follow-ups made"),
            (counts.done, "Done"),
            (counts.dropped, "Dropped"),
            (counts.open, "Still open"),
        ):
            tiles.addWidget(self._tile(str(number), caption))
        self.column.addLayout(tiles)
        self.follow_ups = self._say(follow_ups_sentence(counts))

    def _light_bulbs(self, review: Review) -> None:
        self._section(LIGHT_BULBS)
        if not review.light_bulbs:
            self._say("You starred no reflections as light-bulb moments in this period.")
            return
        self._say("The reflections you starred, in order. Each opens in the journal.", "hint")
        rows = QGridLayout()
        rows.setHorizontalSpacing(12)
        rows.setVerticalSpacing(0)
        rows.setColumnStretch(1, 1)
        for row, (rid, title, day) in enumerate(review.light_bulbs):
            when = label(day_month(day, year=not review.period.is_calendar_year), "hint", False)
            title = shortened(title) or "Untitled"
            link = self._link(title, f"{title}, {day_month(day)}: open", rid, "Open in the journal")
            rows.addWidget(when, row, 0)
            rows.addWidget(link, row, 1, Qt.AlignmentFlag.AlignLeft)
        self.column.addLayout(rows)

    def _compared(self, review: Review) -> None:
        compared = review.compared
        before = compared.previous.label if compared else ""
        title = (
            f"Compared with {before}"
            if compared and compared.previous.is_calendar_year
            else COMPARED
            if review.period.is_calendar_year
            else "Compared with the period before"
        )
        self._section(title)
        if compared is None:
            self._say("There are no reflections from the period before to compare with.")
            return
        for sentence in compared.sentences:
            self._say(sentence)
        table = QGridLayout()
        table.setContentsMargins(0, 6, 0, 0)
        table.setHorizontalSpacing(24)
        table.setVerticalSpacing(4)
        this_label = review.period.label if review.period.is_calendar_year else "This period"
        that_label = before if compared.previous.is_calendar_year else "The period before"
        for col, text in enumerate(("", that_label, this_label, "Change")):
            head = bold(text, wrap=False)
            if col:
                head.setAlignment(Qt.AlignmentFlag.AlignRight)
            table.addWidget(head, 0, col)
        for row, way in enumerate(Way, start=1):
            then = compared.previous_ways.get(way, 0)
            change = compared.ways.get(way, 0)
            now = then + change
            cells = (way.display_name, str(then), str(now), f"{change:+d}" if change else "–")
            for col, text in enumerate(cells):
                cell = label(text, wrap=False)
                if col:
                    cell.setAlignment(Qt.AlignmentFlag.AlignRight)
                table.addWidget(cell, row, col)
        total_row = len(Way) + 1
        change = review.total - compared.previous_total
        for col, text in enumerate(
            (
                "All reflections",
                str(compared.previous_total),
                str(review.total),
                f"{change:+d}" if change else "–",
            )
        ):
            cell = bold(text, wrap=False)
            if col:
                cell.setAlignment(Qt.AlignmentFlag.AlignRight)
            table.addWidget(cell, total_row, col)
        table.setColumnStretch(4, 1)
        self.column.addLayout(table)
