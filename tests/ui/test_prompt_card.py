"""The editor offers a question for the moment; the leader answers, skips, pins or hides it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from prompts.builtin import builtin_packs
from prompts.importing import apply, check
from prompts.library import find, library
from prompts.signing import SigningIdentity, sign_pack
from reflect import timeutil
from reflect.frameworks import Way
from reflect.meetings import Meeting
from reflect.model import NewReflection, Section
from tests.prompts.packs import GOOD, replaced
from tests.ui.test_app_flows import unlock
from ui import pack_import
from ui.main_window import MainWindow
from ui.pack_import_dialog import ImportConfirmDialog
from ui.prompt_library_window import PromptLibraryWindow


@pytest.fixture
def journal(qtbot: QtBot, window: MainWindow) -> MainWindow:
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.journal, timeout=10_000)
    return window


def card_question(window: MainWindow) -> str:
    card = window.journal.editor.prompt_card
    assert card.isVisible()
    return card.question.text()


def test_a_blank_reflection_offers_a_question_that_becomes_its_first_part(
    qtbot: QtBot, journal: MainWindow
) -> None:
    page = journal.journal
    page.new_reflection()
    question = card_question(journal)
    offered = page.prompt_card.offers.current
    assert offered is not None and offered.prompt.text == question
    assert page.prompt_card.offers.current.reason  # it says why this one

    qtbot.mouseClick(page.editor.prompt_card.write, Qt.MouseButton.LeftButton)
    part = page.editor.section_editors[0]
    assert part.prompt.text() == question
    assert journal.focusWidget() is part.text  # ready to type the answer
    qtbot.keyClicks(part.text, "Two partners left before the decision.")
    page.controller.commit()

    saved = journal.session.vault.newest(limit=1)[0]
    assert saved.sections[0].prompt == question
    assert saved.sections[0].prompt_id == offered.prompt.key
    # The journal counts what each prompt led to.
    [writing] = journal.session.vault.prompt_packs.writing_by_prompt()
    assert (writing.prompt_key, writing.words) == (offered.prompt.key, 6)
    # The card now offers something else for a further part.
    assert card_question(journal) != question


def test_another_never_repeats_and_hide_and_pin_are_remembered(
    qtbot: QtBot, journal: MainWindow
) -> None:
    page = journal.journal
    page.new_reflection()
    card = page.editor.prompt_card
    seen = [card.question.text()]
    for _ in range(5):
        card.next.click()
        seen.append(card.question.text())
    assert len(set(seen)) == 6  # "Another" walks on; never the same one twice

    hidden = page.prompt_card.offers.current
    assert hidden is not None
    card.hide_button.click()
    assert card.question.text() != hidden.prompt.text
    pinned = page.prompt_card.offers.current
    assert pinned is not None
    card.pin.click()
    marks = journal.session.vault.prompt_packs.marks()
    assert hidden.prompt.key in marks.hidden and marks.pinned == (pinned.prompt.key,)

    # In the next reflection the pinned question comes first, except that it was the last
    # one offered, and no question is offered twice in a row: it comes straight after.
    page.controller.forget()
    page.new_reflection()
    offers = page.prompt_card.offers
    assert offers.current is not None and offers.current.prompt.key != pinned.prompt.key
    card.next.click()
    assert offers.current is not None and offers.current.prompt.key == pinned.prompt.key
    assert card.pin.isChecked() and card.reason.text() == "You pinned this question."
    keys = set()
    for _ in range(40):
        card.next.click()
        if offers.current is None:
            break
        keys.add(offers.current.prompt.key)
    assert len(keys) == 40 and hidden.prompt.key not in keys


def test_after_a_meeting_the_question_suits_the_moment(qtbot: QtBot, journal: MainWindow) -> None:
    vault = journal.session.vault
    ended = timeutil.now() - timedelta(minutes=40)
    vault.meetings.save(Meeting.new("Discharge huddle", ended - timedelta(hours=1)))
    page = journal.journal
    page.new_reflection()
    offer = page.prompt_card.offers.current
    assert offer is not None
    assert "after-meeting" in {m.value for m in offer.prompt.moments}
    assert card_question(journal) == offer.prompt.text


def test_the_least_attended_way_is_offered_with_its_reason(
    qtbot: QtBot, journal: MainWindow
) -> None:
    vault = journal.session.vault
    for way in Way:
        if way is not Way.BEING:
            vault.add(NewReflection(sections=(Section("Busy week."),), ways=frozenset({way})))
    page = journal.journal
    page.new_reflection()
    offer = page.prompt_card.offers.current
    assert offer is not None and Way.BEING in offer.prompt.ways
    assert "least about ways of being" in page.editor.prompt_card.reason.text()


def test_an_enablers_scheduled_question_comes_first_and_is_done_once_answered(
    qtbot: QtBot, journal: MainWindow
) -> None:
    vault = journal.session.vault
    daily = replaced('every = "monday"', 'every = "day"')
    apply(
        check(daily.encode(), "first-month.toml", vault.prompt_packs),
        vault.prompt_packs,
        timeutil.now().date(),
    )
    page = journal.journal
    page.new_reflection()
    offer = page.prompt_card.offers.current
    assert offer is not None and offer.prompt.key == "first-month/arrival"
    assert "The first month of the programme" in page.editor.prompt_card.reason.text()
    page.editor.prompt_card.write.click()
    [lp] = [p for p in library(vault.prompt_packs) if p.pack.id == "first-month"]
    assert lp.steps_done == {0}
    assert lp.due(timeutil.now().date()) is None
    # Today's question in the side column no longer offers it either.
    page.refresh_daily_prompt()
    assert page.daily_prompt.question.text() != offer.prompt.text


def test_todays_question_starts_a_reflection(qtbot: QtBot, journal: MainWindow) -> None:
    page = journal.journal
    panel = page.daily_prompt
    assert panel.isVisible() and panel.question.text()
    question = panel.question.text()
    panel.write.click()
    first = page.editor.section_editors[0]
    assert first.prompt.text() == question
    packs = library(journal.session.vault.prompt_packs)
    prompt_id = first.section().prompt_id
    assert prompt_id is not None and find(packs, prompt_id) is not None
    assert len(builtin_packs()) > 10


def test_locking_clears_every_offered_word(
    qtbot: QtBot, journal: MainWindow, journal_dir: Path
) -> None:
    page = journal.journal
    page.new_reflection()
    assert card_question(journal)
    journal.session.lock()
    qtbot.waitUntil(lambda: journal.pages.currentWidget() is journal.unlock, timeout=10_000)
    assert page.editor.prompt_card.question.text() == ""
    assert page.daily_prompt.question.text() == ""


def test_the_prompts_menu_imports_a_pack_and_writes_about_the_offer(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    menu = window.prompt_menu
    assert [a.text() for a in menu.actions] == [
        "&Write about the question offered",
        "Offer a&nother question",
        "Write about &today's question",
        "Prompt &library…",
        "&Import a prompt pack…",
        "&Author a prompt pack…",
    ]
    assert not any(a.isEnabled() for a in menu.actions)  # locked: nothing to act on
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.journal, timeout=10_000)
    assert all(a.isEnabled() for a in menu.actions)

    signed = sign_pack(GOOD.encode(), SigningIdentity.create("Sam Okafor"))
    path = tmp_path / "first-month.toml"
    path.write_text(signed, encoding="utf-8")
    monkeypatch.setattr(pack_import, "ask_pack_path", lambda parent: path)

    def accept(dialog: ImportConfirmDialog) -> int:
        dialog.import_button.click()
        return dialog.result()

    monkeypatch.setattr(ImportConfirmDialog, "exec", accept)
    menu.import_action.trigger()
    library_window = window.findChild(PromptLibraryWindow)
    assert library_window is not None and library_window.isVisible()
    stored = window.session.vault.prompt_packs.stored()
    assert [p.id for p in stored] == ["first-month"]
    library_window.close()

    page = window.journal
    page.new_reflection()
    offered = page.prompt_card.offers.current
    assert offered is not None
    window.activateWindow()
    menu.write_action.trigger()
    assert page.editor.section_editors[0].prompt.text() == offered.prompt.text
