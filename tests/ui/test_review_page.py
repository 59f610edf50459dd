"""The Review page ("Your year"): open it on the newest year, switch years, read the charts
and links, start the guided review, and forget everything on lock."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QAbstractButton, QLabel
from pytestqt.qtbot import QtBot

from prompts.builtin import builtin_packs
from reflect.frameworks import Lens, Way
from reflect.model import NewReflection, Section
from reflect.review import Period
from storage.vault import Vault
from tests.ui.test_accessibility import unnamed_controls
from ui.guided_review import PACK_ID, guided_review_state
from ui.review_bars import MonthChart, WaysChart
from ui.review_chart import NOTHING
from ui.review_grid import WaysLensesGrid
from ui.review_heatmap import CalendarHeatmap
from ui.review_page import ReviewPage
from ui.review_period import CHOOSE
from ui.session import Session

WAIT_MS = 10_000


@pytest.fixture
def session(vault: Vault, journal_dir: Path) -> Session:
    opened = Session(journal_dir)
    opened.adopt(vault)
    return opened


@pytest.fixture
def page(qtbot: QtBot, session: Session) -> Iterator[ReviewPage]:
    shown = ReviewPage(session)
    qtbot.addWidget(shown)
    shown.resize(1000, 760)
    shown.show()
    yield shown
    session.background.wait()


def add(
    vault: Vault,
    title: str,
    on: date,
    text: str,
    ways: tuple[Way, ...] = (),
    lens: Lens | None = None,
    starred: bool = False,
    people: tuple[str, ...] = (),
) -> uuid.UUID:
    when = datetime(on.year, on.month, on.day, 12, 0, tzinfo=UTC)
    new = NewReflection(
        sections=(Section(text, lens=lens),),
        title=title,
        happened_at=when,
        ways=ways,
        starred=starred,
        people=people,
    )
    return vault.add(new).id


@pytest.fixture
def journal(vault: Vault) -> dict[str, uuid.UUID]:
    """Three reflections in 2025 and five in 2026, with a theme and a light-bulb moment."""
    ids = {
        "first discharge": add(
            vault,
            "Discharge huddle",
            date(2025, 3, 4),
            "The hospital discharge delays again; the wards were full.",
            (Way.FEELING,),
            Lens.HISTORIAN,
            people=("Priya Shah",),
        ),
        "second discharge": add(
            vault,
            "Board on discharge",
            date(2025, 3, 20),
            "We argued about hospital discharge and who owns the delays.",
            (Way.FEELING, Way.RELATING),
            Lens.SAGE,
            starred=True,
            people=("Priya Shah",),
        ),
        "autumn": add(vault, "Autumn walk", date(2025, 10, 9), "Quiet.", (Way.BEING,)),
    }
    for month in (1, 2, 4, 6, 9):
        ids[f"2026-{month}"] = add(
            vault,
            f"Neighbourhood teams {month}",
            date(2026, month, 12),
            "Neighbourhood teams met the housing association again.",
            (Way.DOING, Way.THINKING),
            Lens.AERIAL_PHOTOGRAPHER,
            starred=month == 4,
            people=("Gareth Lloyd",),
        )
    return ids


def wait_for_report(qtbot: QtBot, page: ReviewPage, year: int) -> None:
    qtbot.waitUntil(
        lambda: (
            page.report is not None
            and not page.is_working()
            and page.report.review.period == Period.year(year)
        ),
        timeout=WAIT_MS,
    )


def words_on(page: ReviewPage) -> str:
    labels = [w.text() for w in page.findChildren(QLabel)]
    buttons = [b.text() for b in page.findChildren(QAbstractButton)]
    descriptions = [w.accessibleDescription() for w in page.findChildren(WaysChart)]
    return "\n".join(labels + buttons + descriptions)


# --- opening and switching -------------------------------------------------------------


def test_opening_the_review_shows_the_newest_years_numbers(
    qtbot: QtBot, page: ReviewPage, journal: dict[str, uuid.UUID]
) -> None:
    page.refresh()
    assert page.stack.currentWidget() is page.working  # worked out in the background
    wait_for_report(qtbot, page, 2026)
    assert page.stack.currentWidget() is page.report_area
    assert [page.chooser.itemText(i) for i in range(page.chooser.count())] == [
        "2026",
        "2025",
        "",  # the separator
        CHOOSE,
    ]
    report = page.report
    assert report is not None
    assert report.tiles["Reflections"].number.text() == "5"
    assert report.tiles["Days you reflected"].number.text() == "5"
    assert sum(n for _, n in report.month_chart.months()) == 5
    assert [b.value for b in report.ways_chart.bars()] == [0, 0, 5, 0, 5, 0]
    assert report.grid_chart.count(Way.DOING, Lens.AERIAL_PHOTOGRAPHER) == 5
    assert sum(report.heatmap.days().values()) == 5
    assert "Gareth Lloyd" in words_on(page)
    assert "Priya Shah" not in words_on(page)  # 2025's people are not in 2026's review


def test_switching_years_updates_the_numbers(
    qtbot: QtBot, page: ReviewPage, journal: dict[str, uuid.UUID]
) -> None:
    page.refresh()
    wait_for_report(qtbot, page, 2026)
    page.chooser.setFocus()
    qtbot.keyClick(page.chooser, Qt.Key.Key_Down)  # the keyboard chooses 2025
    wait_for_report(qtbot, page, 2025)
    report = page.report
    assert report is not None
    assert report.tiles["Reflections"].number.text() == "3"
    assert report.tiles["Busiest month"].number.text() == "March 2025"
    assert dict(report.month_chart.months())[date(2025, 3, 1)] == 2
    ways = {bar.label: bar for bar in report.ways_chart.bars()}
    assert ways["Feeling"].value == 2 and ways["Relating"].value == 1
    assert ways["Perceiving"].note == "least attention"
    assert "perceiving" in report.attention.text().lower()
    assert "Priya Shah" in words_on(page)
    assert "Compared with 2024" not in words_on(page)
    # And back: 2026 compares itself with 2025.
    qtbot.keyClick(page.chooser, Qt.Key.Key_Up)
    wait_for_report(qtbot, page, 2026)
    assert "Compared with 2025" in words_on(page)


def test_refreshing_keeps_the_chosen_year_and_its_report_on_show(
    qtbot: QtBot, page: ReviewPage, journal: dict[str, uuid.UUID], vault: Vault
) -> None:
    page.refresh()
    wait_for_report(qtbot, page, 2026)
    page.chooser.setFocus()
    qtbot.keyClick(page.chooser, Qt.Key.Key_Down)
    wait_for_report(qtbot, page, 2025)
    add(vault, "Late entry", date(2025, 12, 1), "Written later.", (Way.BEING,))
    page.refresh()
    assert page.stack.currentWidget() is page.report_area  # no flash of "Working it out…"
    qtbot.waitUntil(
        lambda: page.report is not None and page.report.review.total == 4, timeout=WAIT_MS
    )
    assert page.chooser.currentText() == "2025"


def test_a_period_of_ones_own_is_chosen_with_two_dates(
    qtbot: QtBot, page: ReviewPage, journal: dict[str, uuid.UUID]
) -> None:
    page.refresh()
    wait_for_report(qtbot, page, 2026)
    page.chooser.setCurrentIndex(page.chooser.findText(CHOOSE))
    page.chooser.activated.emit(page.chooser.currentIndex())
    dialog = page.chooser.dialog
    assert dialog is not None and dialog.isVisible()
    assert unnamed_controls(dialog) == []
    dialog.start.setDate(dialog.start.date().fromString("2025-03-01", "yyyy-MM-dd"))
    dialog.end.setDate(dialog.end.date().fromString("2025-03-31", "yyyy-MM-dd"))
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(
        lambda: (
            page.report is not None
            and page.report.review.period == Period(date(2025, 3, 1), date(2025, 3, 31))
        ),
        timeout=WAIT_MS,
    )
    assert page.report is not None and page.report.review.total == 2
    assert page.chooser.currentText() == "1 Mar 2025 – 31 Mar 2025"


def test_a_period_whose_last_day_comes_first_is_refused(
    qtbot: QtBot, page: ReviewPage, journal: dict[str, uuid.UUID]
) -> None:
    page.refresh()
    wait_for_report(qtbot, page, 2026)
    page.chooser.setCurrentIndex(page.chooser.findText(CHOOSE))
    page.chooser.activated.emit(page.chooser.currentIndex())
    dialog = page.chooser.dialog
    assert dialog is not None
    dialog.end.setDate(dialog.start.date().addDays(-1))
    dialog.buttons.accepted.emit()
    assert dialog.isVisible() and "before the first" in dialog.problem.text()
    dialog.reject()
    qtbot.waitUntil(lambda: page.chooser.dialog is None)
    assert page.chooser.currentText() == "2026"  # back to what was on show


def test_an_empty_journal_says_there_is_nothing_yet(page: ReviewPage) -> None:
    page.refresh()
    assert page.stack.currentWidget() is page.nothing
    assert not page.guided_button.isEnabled()
    assert page.chooser.currentText() == ""


# --- links, the guided review --------------------------------------------------------------


def test_themes_and_light_bulbs_open_their_reflections(
    qtbot: QtBot, page: ReviewPage, journal: dict[str, uuid.UUID]
) -> None:
    page.refresh()
    wait_for_report(qtbot, page, 2026)
    page.chooser.setFocus()
    qtbot.keyClick(page.chooser, Qt.Key.Key_Down)
    wait_for_report(qtbot, page, 2025)
    report = page.report
    assert report is not None
    themes = [link for link in report.links if "hospital discharge" in link.text()]
    assert themes, [link.text() for link in report.links]
    with qtbot.waitSignal(page.open_reflection) as opened:
        qtbot.mouseClick(themes[0], Qt.MouseButton.LeftButton)
    assert opened.args == [journal["first discharge"]]  # the first reflection it came from
    bulb = next(link for link in report.links if link.text() == "Board on discharge")
    bulb.setFocus()
    with qtbot.waitSignal(page.open_reflection) as opened:
        qtbot.keyClick(bulb, Qt.Key.Key_Space)
    assert opened.args == [journal["second discharge"]]


def test_the_guided_review_button_asks_for_the_year_on_show(
    qtbot: QtBot, page: ReviewPage, journal: dict[str, uuid.UUID]
) -> None:
    page.refresh()
    wait_for_report(qtbot, page, 2026)
    assert page.guided_button.isEnabled()
    assert page.guided_button.accessibleName() == "Start the guided review of 2026"
    with qtbot.waitSignal(page.guided_review_requested) as asked:
        qtbot.mouseClick(page.guided_button, Qt.MouseButton.LeftButton)
    assert asked.args == [2026]


def test_the_guided_review_asks_the_yearly_questions_through_three_lenses() -> None:
    state = guided_review_state(2025)
    assert state.title == "Looking back on 2025"
    assert state.tags == "yearly-review-2025"
    assert state.reflection_id is None  # a new reflection
    assert all(not s.text for s in state.sections)  # the answers are the leader's to write
    lenses = [s.lens for s in state.sections]
    assert lenses == [Lens.SAGE] * 2 + [Lens.HISTORIAN] * 2 + [Lens.BIOGRAPHER] * 2
    pack = next(p for p in builtin_packs() if p.id == PACK_ID)
    by_key = {p.key: p for p in pack.prompts}
    for section in state.sections:
        assert section.prompt_id in by_key
        prompt = by_key[section.prompt_id]
        assert section.prompt == prompt.text
        assert section.lens in prompt.lenses
    assert len({s.prompt_id for s in state.sections}) == len(state.sections)


# --- forgetting, charts, names -------------------------------------------------------------


def test_wipe_forgets_every_word_and_number(
    qtbot: QtBot, page: ReviewPage, journal: dict[str, uuid.UUID]
) -> None:
    page.refresh()
    wait_for_report(qtbot, page, 2026)
    report = page.report
    assert report is not None and report.texts()
    page.wipe()
    assert report.texts() == []  # blanked before it is thrown away
    assert all(not chart.has_data() for chart in report.charts())
    assert page.report is None
    assert page.chooser.count() == 0
    shown = words_on(page)
    for secret in ("Gareth Lloyd", "Neighbourhood", "2026", "5 reflections"):
        assert secret not in shown
    assert page.stack.currentWidget() is page.nothing


def test_an_answer_arriving_after_wipe_is_dropped(
    qtbot: QtBot, page: ReviewPage, journal: dict[str, uuid.UUID], session: Session
) -> None:
    page.refresh()
    page.wipe()
    session.background.wait()
    qtbot.wait(50)  # let the answer's signal arrive
    assert page.report is None
    assert "Gareth Lloyd" not in words_on(page)


def test_charts_paint_and_describe_their_numbers(
    qtbot: QtBot, page: ReviewPage, journal: dict[str, uuid.UUID]
) -> None:
    page.refresh()
    wait_for_report(qtbot, page, 2026)
    report = page.report
    assert report is not None
    for chart in report.charts():
        assert chart.accessibleName()
        assert chart.focusPolicy() != Qt.FocusPolicy.NoFocus  # Tab reaches it
        assert not chart.grab().isNull()
        assert chart.sizeHint().isValid()
    assert "doing 5" in report.ways_chart.accessibleDescription()
    assert "January 2026 1" in report.month_chart.accessibleDescription()
    assert "doing through the aerial photographer 5" in report.grid_chart.accessibleDescription()
    assert "reflected on 5 days of 365" in report.heatmap.accessibleDescription()


def test_charts_paint_into_any_painter_and_say_when_empty(qtbot: QtBot) -> None:
    month, ways, grid, heat = MonthChart(), WaysChart(), WaysLensesGrid(), CalendarHeatmap()
    for chart in (month, ways, grid, heat):
        qtbot.addWidget(chart)
        assert chart.accessibleDescription() == NOTHING
    month.set_months([(date(2025, m, 1), m % 4) for m in range(1, 13)])
    ways.set_ways({Way.FEELING: 3, Way.BEING: 1}, (Way.PERCEIVING,))
    grid.set_grid({(Way.FEELING, Lens.SAGE): 2})
    heat.set_days(date(2025, 1, 1), date(2025, 12, 31), {date(2025, 5, 5): 2})
    blank = QImage(900, 300, QImage.Format.Format_ARGB32)
    blank.fill(0)
    tips: dict[str, list[str]] = {}
    for chart in (month, ways, grid, heat):
        image = QImage(blank)
        painter = QPainter(image)
        tips[chart.accessibleName()] = [
            text for _, text in chart.paint_into(painter, QRectF(0, 0, 900, 300))
        ]
        painter.end()
        assert image != blank
    assert "Monday 5 May 2025: 2 reflections" in tips["Reflection days"]
    assert "May 2025: 1 reflection" in tips["Reflections per month"]
    assert "Least attention: perceiving." in ways.accessibleDescription()
    assert "feeling through the sage 2" in grid.accessibleDescription()
    assert "29 pairings had none" in grid.accessibleDescription()
    assert "Busiest day: Monday 5 May 2025, 2 reflections" in heat.accessibleDescription()
    heat.clear()
    assert heat.accessibleDescription() == NOTHING and not heat.days()


def test_every_control_on_the_review_is_named(
    qtbot: QtBot, page: ReviewPage, journal: dict[str, uuid.UUID]
) -> None:
    assert unnamed_controls(page) == []  # before anything is shown
    page.refresh()
    wait_for_report(qtbot, page, 2026)
    page.chooser.setFocus()
    qtbot.keyClick(page.chooser, Qt.Key.Key_Down)
    wait_for_report(qtbot, page, 2025)  # 2025 has a theme and a light-bulb moment as links
    assert page.report is not None and page.report.links
    assert unnamed_controls(page) == []


def test_a_year_in_progress_marks_what_is_still_to_come(qtbot: QtBot) -> None:
    month, heat = MonthChart(), CalendarHeatmap()
    qtbot.addWidget(month)
    qtbot.addWidget(heat)
    today = date(2025, 10, 15)
    month.set_months([(date(2025, m, 1), 1 if m < 10 else 0) for m in range(1, 13)], today)
    heat.set_days(date(2025, 1, 1), date(2025, 12, 31), {date(2025, 5, 5): 1}, today)
    assert "2 months still to come" in month.accessibleDescription()
    assert "fewest in" in month.accessibleDescription()
    assert "November" not in month.accessibleDescription()
    assert "of 365 (77 still to come)" in heat.accessibleDescription()
    image = QImage(900, 300, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    tips = [text for _, text in heat.paint_into(painter, QRectF(0, 0, 900, 300))]
    tips += [text for _, text in month.paint_into(painter, QRectF(0, 0, 900, 300))]
    painter.end()
    assert "Thursday 16 October 2025: still to come" in tips
    assert "Wednesday 15 October 2025: 0 reflections" in tips
    assert "December 2025: still to come" in tips


def test_the_keyboard_reads_the_report_from_chart_to_chart(
    qtbot: QtBot, page: ReviewPage, journal: dict[str, uuid.UUID]
) -> None:
    page.refresh()
    wait_for_report(qtbot, page, 2026)
    report = page.report
    assert report is not None
    page.guided_button.setFocus()
    qtbot.keyClick(page.guided_button, Qt.Key.Key_Tab)
    assert page.focusWidget() is report.month_chart  # into the report, first chart first
    bar = page.report_area.verticalScrollBar()
    before = bar.value()
    qtbot.keyClick(report.month_chart, Qt.Key.Key_PageDown)  # the report scrolls
    assert bar.value() > before
    bar.setValue(0)
    report.grid_chart.setFocus()
    qtbot.keyClick(report.grid_chart, Qt.Key.Key_Tab)
    assert page.focusWidget() is report.heatmap
    assert bar.value() > 0  # scrolled to show it
    assert not report.heatmap.visibleRegion().isEmpty()
