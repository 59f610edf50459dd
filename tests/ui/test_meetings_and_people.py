"""The Meetings and People pages: waiting meetings start a capture; people are renamed,
merged and rated, and the map shows them."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reflect import timeutil
from reflect.meetings import Meeting
from reflect.model import NewReflection, Section
from reflect.trust import Stance
from storage.vault import Vault
from tests.ui.test_app_flows import unlock
from ui.main_window import MainWindow


def seed(journal_dir: Path, recovery_key: str) -> None:
    now = timeutil.now()
    with Vault.unlock(journal_dir, recovery_key=recovery_key) as vault:
        vault.meetings.save(
            Meeting.new("Discharge huddle", now - timedelta(hours=3), people=["Dr Amy Shah"])
        )
        vault.add(
            NewReflection(sections=(Section("She backed the pilot."),), people=["Dr Amy Shah"])
        )
        vault.add(NewReflection(sections=(Section("Short chat."),), people=["A. Shah"]))


def open_page(qtbot: QtBot, window: MainWindow, name: str) -> None:
    window.journal.show_page(name)
    qtbot.waitUntil(lambda: window.journal.content.currentWidget() is window.journal.pages[name])


def test_a_waiting_meeting_opens_the_capture_with_it(
    qtbot: QtBot, window: MainWindow, journal_dir: Path, recovery_key: str
) -> None:
    seed(journal_dir, recovery_key)
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.session.is_unlocked, timeout=10_000)
    open_page(qtbot, window, "Meetings")
    page = window.journal.meetings_page
    assert page.waiting.rowCount() == 1
    page.waiting_list.setFocus()
    qtbot.keyClick(page.waiting_list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: getattr(window, "capture_dialog", None) is not None)
    chosen = window.capture_dialog.meeting_step.meeting(timeutil.now())
    assert chosen is not None and chosen.title == "Discharge huddle"
    window.capture_dialog.reject()


def test_dismissing_a_meeting_stops_it_waiting(
    qtbot: QtBot, window: MainWindow, journal_dir: Path, recovery_key: str
) -> None:
    seed(journal_dir, recovery_key)
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.session.is_unlocked, timeout=10_000)
    open_page(qtbot, window, "Meetings")
    page = window.journal.meetings_page
    qtbot.mouseClick(page.dismiss_button, Qt.MouseButton.LeftButton)
    assert page.waiting.rowCount() == 0
    assert page.recent.rowCount() == 1  # still in the journal


def test_renaming_onto_another_person_offers_a_merge_that_keeps_everything(
    qtbot: QtBot, window: MainWindow, journal_dir: Path, recovery_key: str, monkeypatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    seed(journal_dir, recovery_key)
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.session.is_unlocked, timeout=10_000)
    open_page(qtbot, window, "People")
    page = window.journal.people_page
    names = [s.person.name for s in page.model.records]
    assert names == ["A. Shah", "Dr Amy Shah"]
    panel = page.panel
    assert panel.person is not None and panel.person.name == "A. Shah"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    panel.name.setText("dr amy shah")
    panel.save_button.click()
    assert [s.person.name for s in page.model.records] == ["Dr Amy Shah"]
    assert page.model.records[0].reflections == 2
    assert panel.appears_model.rowCount() == 2


def test_people_on_the_map_after_rating(
    qtbot: QtBot, window: MainWindow, journal_dir: Path, recovery_key: str
) -> None:
    seed(journal_dir, recovery_key)
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.session.is_unlocked, timeout=10_000)
    open_page(qtbot, window, "People")
    page = window.journal.people_page
    vault = window.session.vault
    import uuid

    from reflect.trust import TrustRating

    amy = vault.directory.find_person("Dr Amy Shah")
    assert amy is not None
    vault.directory.add_rating(TrustRating(uuid.uuid4(), amy.id, timeutil.now(), 8, 9))
    page.refresh()
    assert [s.latest.stance for s in page.model.records if s.latest] == [Stance.ALLY]
    assert [p.name for p in page.map.people()] == ["Dr Amy Shah"]
    page.show_person(amy.id)
    assert "Ally" in page.panel.stance.text()
    window.session.lock()
    assert page.model.rowCount() == 0 and page.map.people() == []
    assert page.panel.person is None and page.panel.name.text() == ""


def test_the_calendar_folder_is_read_after_unlocking(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    from dataclasses import replace

    from tests.storage.test_calendar_files import WEEKLY

    folder = tmp_path / "calendars"
    folder.mkdir()
    (folder / "work.ics").write_text(WEEKLY, encoding="utf-8")
    window.apply_settings(replace(window.settings, calendar_folder=str(folder)))
    unlock(qtbot, window)
    qtbot.waitUntil(
        lambda: "Imported 5 meetings" in window.statusBar().currentMessage(), timeout=10_000
    )
    vault = window.session.vault
    assert {s.person.name for s in vault.directory.people()} == {"Dr Amy Shah", "J Okafor"}


def test_importing_a_calendar_from_the_file_menu(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from tests.storage.test_calendar_files import WEEKLY

    good = tmp_path / "work.ics"
    good.write_text(WEEKLY, encoding="utf-8")
    bad = tmp_path / "photo.ics"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: shown.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.session.is_unlocked, timeout=10_000)

    chosen = [str(bad), str(good)]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (chosen.pop(0), ""))
    window.import_calendar_action.trigger()
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=10_000)
    assert shown[0].startswith("photo.ics") and "nothing was imported" in shown[0].lower()
    assert window.session.vault.directory.people() == []

    window.import_calendar_action.trigger()
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=10_000)
    assert shown[1].startswith("Imported 5 meetings")
    assert window.journal.content.currentWidget() is window.journal.meetings_page


def test_organisations_are_renamed_everywhere_and_open_their_people(
    qtbot: QtBot, window: MainWindow, journal_dir: Path, recovery_key: str
) -> None:
    with Vault.unlock(journal_dir, recovery_key=recovery_key) as vault:
        rid = vault.add(
            NewReflection(sections=(Section("Budget talk."),), organisations=["Northshire CCG"])
        ).id
        raj = vault.directory.add_person("Raj Bedi")
        from dataclasses import replace

        vault.directory.save_person(replace(raj, organisation="Northshire CCG"))
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.session.is_unlocked, timeout=10_000)
    window.journal.show_page("Organisations")
    page = window.journal.organisations_page
    assert page.model.rowCount() == 1 and page.name.text() == "Northshire CCG"
    assert page.people_model.rowCount() == 1 and page.mentions_model.rowCount() == 1
    page.name.setText("Northshire ICB")
    page.save_button.click()
    vault = window.session.vault
    assert vault.get(rid).organisations == ("Northshire ICB",)
    assert vault.directory.get_person(raj.id).organisation == "Northshire ICB"
    page.people_list.setFocus()
    page.people_list.setCurrentIndex(page.people_model.index(0, 0))
    qtbot.keyClick(page.people_list, Qt.Key.Key_Return)
    assert window.journal.content.currentWidget() is window.journal.people_page
    assert window.journal.people_page.panel.person is not None
    assert window.journal.people_page.panel.person.id == raj.id
    window.session.lock()
    assert page.model.rowCount() == 0 and page.name.text() == ""
