"""The Follow-ups page: due ones first, with counts; done, dropped, reopened, rescheduled;
Enter on a due one starts the "did it happen?" reflection."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from reflect import timeutil
from reflect.followups import FollowUp, FollowUpStatus
from reflect.model import NewReflection, Section
from storage.vault import Vault
from ui.follow_ups_page import Filter, FollowUpsPage, Role
from ui.session import Session

TODAY = date(2025, 3, 10)


class Seeded:
    """A reflection with two due follow-ups, one later, one undated, one done, one dropped."""

    def __init__(self, vault: Vault) -> None:
        self.reflection = vault.add(
            NewReflection(sections=(Section("We agreed a discharge pilot."),), title="Huddle")
        ).id

        def add(text: str, revisit: date | None) -> FollowUp:
            f = FollowUp(uuid.uuid4(), self.reflection, text, timeutil.now(), revisit)
            return vault.follow_ups.add(f)

        self.overdue = add("Amy names a lead for the pilot", TODAY - timedelta(days=3))
        self.today = add("The weekend rota goes out", TODAY)
        self.later = add("Bed-state figures reviewed", TODAY + timedelta(days=10))
        self.undated = add("Thank the ward sisters", None)
        self.done = add("Pharmacy joins the huddle", TODAY - timedelta(days=20))
        vault.follow_ups.close(self.done.id, FollowUpStatus.DONE)
        self.dropped = add("Ask for a second social worker", TODAY - timedelta(days=30))
        vault.follow_ups.close(self.dropped.id, FollowUpStatus.DROPPED)


@pytest.fixture
def session(vault: Vault, journal_dir: Path) -> Session:
    opened = Session(journal_dir)
    opened.adopt(vault)
    return opened


@pytest.fixture
def page(qtbot: QtBot, session: Session) -> FollowUpsPage:
    shown = FollowUpsPage(session, today=lambda: TODAY)
    qtbot.addWidget(shown)
    shown.resize(1000, 650)
    shown.show()
    return shown


def texts(page: FollowUpsPage) -> list[str]:
    return [f.text for f in page.model.records]


def labels(page: FollowUpsPage) -> list[str]:
    return [page.filters.tabText(i) for i in range(page.filters.count())]


def choose(page: FollowUpsPage, chosen: Filter) -> None:
    page.filters.setCurrentIndex(list(Filter).index(chosen))


def test_due_ones_come_first_with_a_count_on_every_filter(page: FollowUpsPage, vault) -> None:
    Seeded(vault)
    page.refresh()
    assert page.current_filter is Filter.DUE
    assert labels(page) == ["Due (2)", "Open (4)", "Done (1)", "Dropped (1)"]
    assert texts(page) == ["Amy names a lead for the pilot", "The weekend rota goes out"]
    first = page.model.index(0, 0)
    assert first.data(Role.ASIDE) == "Due since 7 March"
    assert first.data(Role.EMPHASIS) is True
    assert first.data(Role.SECONDARY) == "From “Huddle”, " + timeutil.now().strftime("%-d %B %Y")
    assert page.model.index(1, 0).data(Role.ASIDE) == "Due today"
    assert page.reflect_button.isEnabled() and page.reflect_button.isVisible()
    assert not page.reopen_button.isVisible()


def test_with_nothing_due_it_opens_on_open_and_due_says_so(page: FollowUpsPage, vault) -> None:
    rid = vault.add(NewReflection(sections=(Section("Notes"),))).id
    vault.follow_ups.add(FollowUp(uuid.uuid4(), rid, "Later", timeutil.now(), date(2025, 4, 3)))
    page.refresh()
    assert page.current_filter is Filter.OPEN
    assert page.model.index(0, 0).data(Role.ASIDE) == "Revisit on 3 April"
    choose(page, Filter.DUE)
    assert page.model.rowCount() == 0
    assert page.stack.currentWidget() is page.empty
    assert page.empty.text().startswith("Nothing is due.")
    assert not page.reflect_button.isEnabled()
    page.refresh()  # the user's choice of filter survives a refresh
    assert page.current_filter is Filter.DUE


def test_mark_done_moves_a_follow_up_from_due_to_done(
    qtbot: QtBot, page: FollowUpsPage, vault
) -> None:
    seeded = Seeded(vault)
    page.refresh()
    assert page.chosen() == seeded.overdue
    qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
    assert labels(page) == ["Due (1)", "Open (3)", "Done (2)", "Dropped (1)"]
    assert texts(page) == ["The weekend rota goes out"]
    assert page.chosen() == vault.follow_ups.get(seeded.today.id)  # the next one is chosen
    assert vault.follow_ups.get(seeded.overdue.id).status is FollowUpStatus.DONE
    choose(page, Filter.DONE)
    assert "Amy names a lead for the pilot" in texts(page)
    assert page.model.index(0, 0).data(Role.ASIDE).startswith("Done ")
    assert page.reopen_button.isVisible() and not page.done_button.isVisible()


def test_reopen_puts_a_dropped_follow_up_back_among_the_open(
    qtbot: QtBot, page: FollowUpsPage, vault
) -> None:
    seeded = Seeded(vault)
    page.refresh()
    choose(page, Filter.DROPPED)
    assert texts(page) == ["Ask for a second social worker"]
    assert page.model.index(0, 0).data(Role.ASIDE).startswith("Dropped ")
    qtbot.mouseClick(page.reopen_button, Qt.MouseButton.LeftButton)
    assert page.stack.currentWidget() is page.empty
    assert labels(page) == ["Due (3)", "Open (5)", "Done (1)", "Dropped (0)"]
    assert vault.follow_ups.get(seeded.dropped.id).status is FollowUpStatus.OPEN


def test_change_date_moves_a_due_follow_up_later(qtbot: QtBot, page: FollowUpsPage, vault) -> None:
    seeded = Seeded(vault)
    page.refresh()
    qtbot.mouseClick(page.date_button, Qt.MouseButton.LeftButton)
    dialog = page.date_dialog
    assert dialog is not None
    assert dialog.chosen() == TODAY + timedelta(days=7)  # the old date has passed
    dialog.when.setDate(QDate(2025, 3, 24))
    qtbot.keyClick(dialog.when, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.date_dialog is None)
    assert vault.follow_ups.get(seeded.overdue.id).revisit_on == date(2025, 3, 24)
    assert labels(page)[0] == "Due (1)"


def test_change_date_to_no_date_keeps_it_open_without_a_reminder(
    qtbot: QtBot, page: FollowUpsPage, vault
) -> None:
    seeded = Seeded(vault)
    page.refresh()
    page.change_date()
    dialog = page.date_dialog
    assert dialog is not None
    qtbot.mouseClick(dialog.no_date, Qt.MouseButton.LeftButton)
    assert not dialog.when.isEnabled()
    dialog.accept()
    changed = vault.follow_ups.get(seeded.overdue.id)
    assert changed.revisit_on is None and changed.status is FollowUpStatus.OPEN
    choose(page, Filter.OPEN)
    row = page.model.row_of(seeded.overdue.id)
    assert row is not None
    assert page.model.index(row, 0).data(Role.ASIDE) == "No date to revisit"


def test_enter_on_a_due_row_asks_to_reflect_on_that_follow_up(
    qtbot: QtBot, page: FollowUpsPage, vault
) -> None:
    seeded = Seeded(vault)
    page.refresh()
    page.list.setFocus()
    qtbot.keyClick(page.list, Qt.Key.Key_Down)
    with qtbot.waitSignal(page.reflect_on) as signal:
        qtbot.keyClick(page.list, Qt.Key.Key_Return)
    assert signal.args[0].id == seeded.today.id


def test_enter_on_a_done_row_opens_the_reflection_it_came_from(
    qtbot: QtBot, page: FollowUpsPage, vault
) -> None:
    seeded = Seeded(vault)
    page.refresh()
    choose(page, Filter.DONE)
    page.list.setFocus()
    with qtbot.waitSignal(page.open_reflection) as signal:
        qtbot.keyClick(page.list, Qt.Key.Key_Return)
    assert signal.args == [seeded.reflection]


def test_wipe_forgets_every_follow_up(page: FollowUpsPage, vault) -> None:
    Seeded(vault)
    page.refresh()
    page.wipe()
    assert page.model.rowCount() == 0
    assert page.model.records == []
    assert labels(page) == ["Due (0)", "Open (0)", "Done (0)", "Dropped (0)"]


def test_every_control_is_named_and_tab_follows_reading_order(
    qtbot: QtBot, page: FollowUpsPage, vault
) -> None:
    from tests.ui.test_accessibility import unnamed_controls

    Seeded(vault)
    page.refresh()
    assert unnamed_controls(page) == []
    page.change_date()
    assert page.date_dialog is not None
    assert unnamed_controls(page.date_dialog) == []
    page.date_dialog.reject()
    order = [page.filters]
    while len(order) < 20 and order[-1].nextInFocusChain() is not page.filters:
        order.append(order[-1].nextInFocusChain())
    wanted = [page.filters, page.list, page.reflect_button, page.done_button, page.open_button]
    positions = [order.index(w) for w in wanted]
    assert positions == sorted(positions)
