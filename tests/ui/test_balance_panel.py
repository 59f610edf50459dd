"""The balance and memory panel, as a real widget, offscreen."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from reflect.balance import prompt_for
from reflect.frameworks import Way
from reflect.model import NewReflection, Section
from storage.vault import Vault
from ui.balance_panel import ID_ROLE, NOTHING_ON_THIS_DAY, BalancePanel

LONDON = ZoneInfo("Europe/London")
TODAY = date(2026, 3, 14)
SECRET = "what I really think of the chief executive"


def at(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)


def add(vault: Vault, day: date, *ways: Way, title: str = "") -> uuid.UUID:
    new = NewReflection(sections=(Section(SECRET),), title=title, happened_at=at(day), ways=ways)
    return vault.add(new).id


@pytest.fixture
def panel(qtbot: QtBot) -> BalancePanel:
    widget = BalancePanel()
    qtbot.addWidget(widget)
    widget.resize(200, 480)
    widget.show()
    return widget


@pytest.fixture
def filled(vault: Vault) -> dict[str, uuid.UUID]:
    ids = {}
    for days_ago, ways in (
        (0, (Way.FEELING, Way.DOING)),
        (2, (Way.DOING, Way.RELATING)),
        (5, (Way.THINKING,)),
        (9, (Way.PERCEIVING, Way.FEELING)),
        (40, (Way.BEING,)),  # outside the 30 days
    ):
        add(vault, TODAY - timedelta(days=days_ago), *ways)
    ids["month"] = add(vault, date(2026, 2, 14), title="Board, after the vote")
    ids["year"] = add(vault, date(2025, 3, 14), title="")
    return ids


def texts_everywhere(widget: QWidget) -> list[str]:
    """Every string a widget tree shows or tells assistive technology, models included."""
    found = []
    for child in [widget, *widget.findChildren(QWidget)]:
        found += [child.accessibleName(), child.accessibleDescription(), child.toolTip()]
        found += [child.windowTitle(), child.statusTip(), child.whatsThis()]
        if isinstance(child, QLabel):
            found.append(child.text())
        text = getattr(child, "text", None)
        if callable(text):
            found.append(str(text()))
    model = widget.findChild(BalancePanel) or widget
    assert isinstance(model, BalancePanel)
    m = model.memory_model
    for row in range(m.rowCount()):
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole, ID_ROLE):
            found.append(str(m.index(row, 0).data(role)))
    return found


def test_shows_the_counts_and_names_the_least_attended_way(
    panel: BalancePanel, vault: Vault, filled: dict[str, uuid.UUID]
) -> None:
    panel.refresh(vault, TODAY, LONDON)
    shown = {way: panel.counts[way].text() for way in Way}
    assert shown == {
        Way.FEELING: "2",
        Way.PERCEIVING: "1",
        Way.THINKING: "1",
        Way.RELATING: "1",
        Way.DOING: "2",
        Way.BEING: "0",
    }
    assert panel.bars[Way.FEELING].value() == panel.bars[Way.FEELING].maximum() == 2
    assert panel.bars[Way.BEING].value() == 0
    assert panel.sentence.text() == (
        "In the last 30 days, none of your writing touched ways of being."
    )
    assert panel.reflect_button.isEnabled()
    assert panel.reflect_button.text() == "Reflect on it"
    assert panel.reflect_button.accessibleName() == "Reflect on ways of being"
    # Five in the window: the four marked above and the one from 14 February.
    assert panel.bars[Way.DOING].accessibleDescription() == "Ways of doing: 2 of 5 reflections"


def test_reflect_on_it_emits_the_way_and_its_question(
    qtbot: QtBot, panel: BalancePanel, vault: Vault, filled: dict[str, uuid.UUID]
) -> None:
    panel.refresh(vault, TODAY, LONDON)
    with qtbot.waitSignal(panel.reflect_on, timeout=1000) as signal:
        qtbot.mouseClick(panel.reflect_button, Qt.MouseButton.LeftButton)
    assert signal.args == [Way.BEING, prompt_for(Way.BEING)]


def test_on_this_day_lists_earlier_dates_and_opens_one(
    qtbot: QtBot, panel: BalancePanel, vault: Vault, filled: dict[str, uuid.UUID]
) -> None:
    panel.refresh(vault, TODAY, LONDON)
    model = panel.memory_model
    assert model.rowCount() == 2
    first, second = model.index(0, 0), model.index(1, 0)
    assert first.data() == "Board, after the vote\n14 Feb 2026 · a month ago"
    assert second.data().startswith(SECRET[:30])  # no title: the first words stand in
    assert second.data().endswith("14 Mar 2025 · a year ago")
    assert panel.memory.isVisibleTo(panel) and not panel.memory_empty.isVisibleTo(panel)
    with qtbot.waitSignal(panel.open_reflection, timeout=1000) as signal:
        panel.memory.activated.emit(second)
    assert signal.args == [filled["year"]]
    rect = panel.memory.visualRect(first)
    with qtbot.waitSignal(panel.open_reflection, timeout=1000) as signal:
        qtbot.mouseClick(panel.memory.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == [filled["month"]]
    with qtbot.assertNotEmitted(panel.open_reflection):
        panel._memory_chosen(QModelIndex())


def test_an_empty_journal_is_shown_calmly(panel: BalancePanel, vault: Vault) -> None:
    panel.refresh(vault, TODAY, LONDON)
    assert all(panel.counts[w].text() == "0" for w in Way)
    assert all(panel.bars[w].maximum() == 1 for w in Way)  # a (0, 0) range would look busy
    assert "you have not written a reflection" in panel.sentence.text()
    assert panel.memory_model.rowCount() == 0
    assert panel.memory_empty.isVisibleTo(panel) and not panel.memory.isVisibleTo(panel)
    assert panel.memory_empty.text() == NOTHING_ON_THIS_DAY


def test_clear_leaves_nothing_behind(
    qtbot: QtBot, panel: BalancePanel, vault: Vault, filled: dict[str, uuid.UUID]
) -> None:
    panel.refresh(vault, TODAY, LONDON)
    assert any("Board" in t for t in texts_everywhere(panel))
    panel.clear()
    shown = texts_everywhere(panel)
    for private in (SECRET, "Board", "after the vote", str(filled["month"]), "2026", "2 of"):
        assert not any(private in t for t in shown), private
    assert panel.memory_model.rowCount() == 0
    assert panel.sentence.text() == ""
    assert all(panel.counts[w].text() == "" and panel.bars[w].value() == 0 for w in Way)
    assert not panel.reflect_button.isEnabled()
    with qtbot.assertNotEmitted(panel.reflect_on):
        panel.reflect_button.click()


def test_every_control_has_an_accessible_name(
    panel: BalancePanel, vault: Vault, filled: dict[str, uuid.UUID]
) -> None:
    panel.refresh(vault, TODAY, LONDON)
    controls = [panel.reflect_button, panel.memory, *panel.bars.values(), *panel.counts.values()]
    assert all(c.accessibleName() for c in controls)
    assert panel.accessibleName() == "Balance and memory"


def test_fits_a_narrow_sidebar_column(
    panel: BalancePanel, vault: Vault, filled: dict[str, uuid.UUID]
) -> None:
    panel.refresh(vault, TODAY, LONDON)
    assert panel.minimumSizeHint().width() <= 200
    assert panel.sentence.wordWrap()
    assert panel.width() == 200
    assert panel.sentence.width() <= 200


def test_refresh_defaults_to_today_in_the_local_zone(panel: BalancePanel, vault: Vault) -> None:
    vault.add(NewReflection(sections=(Section("just now"),), ways=[Way.RELATING]))
    panel.refresh(vault)
    assert panel.counts[Way.RELATING].text() == "1"
    assert panel.balance is not None and panel.balance.total == 1
