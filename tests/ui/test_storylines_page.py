"""The Storylines page and picker: start, rename and delete storylines; read one as a
timeline, oldest first; tick the storylines a reflection belongs to, or cancel."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from reflect import timeutil
from reflect.model import NewReflection, Section
from reflect.storylines import Storyline
from storage.vault import Vault
from ui.follow_ups_page import Role
from ui.session import Session
from ui.storyline_picker import StorylinePicker
from ui.storylines_page import StorylinesPage, TimelineModel


@pytest.fixture
def session(vault: Vault, journal_dir: Path) -> Session:
    opened = Session(journal_dir)
    opened.adopt(vault)
    return opened


@pytest.fixture
def page(qtbot: QtBot, session: Session) -> StorylinesPage:
    shown = StorylinesPage(session)
    qtbot.addWidget(shown)
    shown.resize(1000, 650)
    shown.show()
    return shown


def reflection(vault: Vault, title: str, year: int, month: int, day: int) -> uuid.UUID:
    when = datetime(year, month, day, 9, 30, tzinfo=UTC)
    text = f"What happened at {title.lower()}, and what I made of it."
    return vault.add(NewReflection(sections=(Section(text),), title=title, happened_at=when)).id


def storyline(
    vault: Vault, name: str, members: tuple[uuid.UUID, ...] | list[uuid.UUID] = ()
) -> Storyline:
    saved = vault.storylines.save(Storyline(uuid.uuid4(), name, timeutil.now()))
    for rid in members:
        vault.storylines.set_member(saved.id, rid, True)
    return saved


def names(vault: Vault) -> list[str]:
    return [s.storyline.name for s in vault.storylines.listed()]


def test_a_new_storyline_is_named_by_keyboard_and_chosen(
    qtbot: QtBot, page: StorylinesPage, vault
) -> None:
    page.refresh()
    assert page.right.currentWidget() is page.nothing
    assert "Fillmore" in page.nothing_text.text()
    page.new_button.setFocus()
    qtbot.keyClick(page.new_button, Qt.Key.Key_Return)
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.name, "Hospital discharge")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.description, "Getting people home sooner")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.dialog is None)
    assert names(vault) == ["Hospital discharge"]
    assert vault.storylines.listed()[0].storyline.description == "Getting people home sooner"
    assert page.right.currentWidget() is page.detail
    assert page.chosen() is not None and page.chosen().name == "Hospital discharge"
    assert page.model.index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole) == (
        "Hospital discharge, no reflections yet"
    )
    assert page.timeline_stack.currentWidget() is page.timeline_empty


def test_a_taken_name_keeps_the_dialog_open_and_says_why(
    qtbot: QtBot, page: StorylinesPage, vault
) -> None:
    storyline(vault, "Hospital discharge")
    page.refresh()
    page.new()
    dialog = page.dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.name, "hospital  DISCHARGE")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert "already a storyline" in dialog.problem.text()
    qtbot.keyClick(dialog.name, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.dialog is None)
    assert names(vault) == ["Hospital discharge"]


def test_the_timeline_reads_oldest_first_under_year_headings(page: StorylinesPage, vault) -> None:
    late = reflection(vault, "Winter pressures", 2024, 12, 3)
    first = reflection(vault, "Pilot starts", 2023, 5, 2)
    middle = reflection(vault, "Pilot review", 2024, 3, 4)
    storyline(vault, "Hospital discharge", [late, first, middle])
    page.refresh()
    rows = [page.timeline_model.index(i, 0) for i in range(page.timeline_model.rowCount())]
    assert [i.data() for i in rows] == [
        "2023",
        "Pilot starts",
        "2024",
        "Pilot review",
        "Winter pressures",
    ]
    assert [bool(i.data(TimelineModel.HEADER)) for i in rows] == [True, False, True, False, False]
    assert rows[1].data(TimelineModel.DATE) == "Tue 2 May 2023"
    assert page.model.index(0, 0).data() == "Hospital discharge"
    assert page.timeline.currentIndex().row() == 1  # the oldest reflection, not a heading


def test_enter_in_the_timeline_opens_a_reflection_passing_over_year_headings(
    qtbot: QtBot, page: StorylinesPage, vault
) -> None:
    first = reflection(vault, "Pilot starts", 2023, 5, 2)
    second = reflection(vault, "Pilot review", 2024, 3, 4)
    storyline(vault, "Hospital discharge", [first, second])
    page.refresh()
    page.list.setFocus()
    qtbot.keyClick(page.list, Qt.Key.Key_Return)  # from the storyline to its timeline
    assert page.timeline.hasFocus()
    with qtbot.waitSignal(page.open_reflection) as signal:
        qtbot.keyClick(page.timeline, Qt.Key.Key_Return)
    assert signal.args == [first]
    qtbot.keyClick(page.timeline, Qt.Key.Key_Down)
    assert page.timeline.currentIndex().row() == 3
    with qtbot.waitSignal(page.open_reflection) as signal:
        qtbot.keyClick(page.timeline, Qt.Key.Key_Return)
    assert signal.args == [second]


def test_rename_and_delete_leave_the_reflections_in_the_journal(
    qtbot: QtBot, page: StorylinesPage, vault, monkeypatch
) -> None:
    rid = reflection(vault, "Pilot starts", 2023, 5, 2)
    storyline(vault, "Discharge", [rid])
    storyline(vault, "Workforce")
    page.refresh()
    assert page.chosen().name == "Discharge"
    page.rename()
    dialog = page.dialog
    assert dialog is not None
    dialog.name.selectAll()
    qtbot.keyClicks(dialog.name, "Hospital discharge")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.dialog is None)
    assert names(vault) == ["Hospital discharge", "Workforce"]
    assert page.chosen().name == "Hospital discharge"
    asked: list[str] = []

    def answer(parent, title, text, *args):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert "stay in your journal" in asked[0]
    assert names(vault) == ["Workforce"]
    assert vault.get(rid).title == "Pilot starts"
    assert page.chosen().name == "Workforce"


def test_wipe_forgets_storylines_and_timeline(page: StorylinesPage, vault) -> None:
    rid = reflection(vault, "Pilot starts", 2023, 5, 2)
    storyline(vault, "Hospital discharge", [rid])
    page.refresh()
    assert page.timeline_model.rowCount() == 2
    page.wipe()
    assert page.model.rowCount() == 0 and page.model.records == []
    assert page.timeline_model.rowCount() == 0
    assert page.name.text() == "" and page.description.text() == ""


# --- the picker ------------------------------------------------------------------------


def ticked(picker: StorylinePicker) -> dict[str, bool]:
    model = picker.model
    return {
        model.index(i, 0).data(): model.index(i, 0).data(Qt.ItemDataRole.CheckStateRole)
        == Qt.CheckState.Checked
        for i in range(model.rowCount())
    }


def member_of(vault: Vault, rid: uuid.UUID) -> list[str]:
    return [s.name for s in vault.storylines.of_reflection(rid)]


@pytest.fixture
def picked(qtbot: QtBot, session: Session, vault) -> tuple[StorylinePicker, uuid.UUID]:
    rid = reflection(vault, "Pilot starts", 2023, 5, 2)
    storyline(vault, "Discharge", [rid])
    storyline(vault, "Workforce")
    picker = StorylinePicker(session, rid)
    qtbot.addWidget(picker)
    picker.open()
    return picker, rid


def test_the_picker_ticks_and_unticks_and_adds_a_storyline(
    qtbot: QtBot, picked: tuple[StorylinePicker, uuid.UUID], vault
) -> None:
    picker, rid = picked
    assert ticked(picker) == {"Discharge": True, "Workforce": False}
    assert picker.list.hasFocus()
    qtbot.keyClick(picker.list, Qt.Key.Key_Space)  # Discharge off
    qtbot.keyClick(picker.list, Qt.Key.Key_Down)
    qtbot.keyClick(picker.list, Qt.Key.Key_Space)  # Workforce on
    picker.new_name.setFocus()
    qtbot.keyClicks(picker.new_name, "Care homes")
    qtbot.keyClick(picker.new_name, Qt.Key.Key_Return)
    assert picker.isVisible()  # Enter in the name field adds; it does not accept
    assert ticked(picker) == {"Discharge": False, "Workforce": True, "Care homes": True}
    assert picker.new_name.text() == ""
    assert names(vault) == ["Discharge", "Workforce"]  # nothing written before OK
    with qtbot.waitSignal(picker.accepted):
        qtbot.keyClick(picker.list, Qt.Key.Key_Return)
    assert member_of(vault, rid) == ["Care homes", "Workforce"]
    assert names(vault) == ["Care homes", "Discharge", "Workforce"]


def test_typing_an_existing_name_ticks_it_rather_than_making_another(
    qtbot: QtBot, picked: tuple[StorylinePicker, uuid.UUID], vault
) -> None:
    picker, rid = picked
    qtbot.keyClicks(picker.new_name, "workforce")
    qtbot.mouseClick(picker.add_button, Qt.MouseButton.LeftButton)
    assert ticked(picker) == {"Discharge": True, "Workforce": True}
    picker.accept()
    assert member_of(vault, rid) == ["Discharge", "Workforce"]


def test_cancel_changes_nothing(
    qtbot: QtBot, picked: tuple[StorylinePicker, uuid.UUID], vault
) -> None:
    picker, rid = picked
    qtbot.keyClick(picker.list, Qt.Key.Key_Space)
    qtbot.keyClicks(picker.new_name, "Care homes")
    qtbot.keyClick(picker.new_name, Qt.Key.Key_Return)
    with qtbot.waitSignal(picker.rejected):
        qtbot.keyClick(picker.list, Qt.Key.Key_Escape)
    assert member_of(vault, rid) == ["Discharge"]
    assert names(vault) == ["Discharge", "Workforce"]


def test_every_control_is_named(
    qtbot: QtBot, page: StorylinesPage, picked: tuple[StorylinePicker, uuid.UUID]
) -> None:
    from tests.ui.test_accessibility import unnamed_controls

    page.refresh()
    assert unnamed_controls(page) == []
    page.new()
    assert page.dialog is not None
    assert unnamed_controls(page.dialog) == []
    page.dialog.reject()
    assert unnamed_controls(picked[0]) == []


def test_an_untitled_reflection_is_named_by_its_first_words_not_repeated(
    page: StorylinesPage, vault
) -> None:
    text = (
        "Winter came early this year. Discharges before noon fell to a third, and by the "
        "Friday we were back to corridor care on two wards."
    )
    when = datetime(2023, 11, 20, 9, tzinfo=UTC)
    rid = vault.add(NewReflection(sections=(Section(text),), happened_at=when)).id
    storyline(vault, "Hospital discharge", [rid])
    page.refresh()
    row = page.timeline_model.index(1, 0)
    assert row.data() == "Winter came early this year. Discharges before noon fell…"
    assert (
        row.data(Role.SECONDARY)
        == "…to a third, and by the Friday we were back to corridor care on two wards."
    )
