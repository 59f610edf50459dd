"""A follow-up from a line of a reflection comes due, is announced without its words, and
writing "did it happen?" closes it, linked to both reflections."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from reflect import timeutil
from reflect.followups import FollowUp, FollowUpStatus
from reflect.model import NewReflection, Section
from storage.vault import Vault
from tests.ui.test_app_flows import unlock
from ui.follow_up_dialog import FollowUpDialog
from ui.follow_up_reminder import NOTICE
from ui.main_window import MainWindow

SECRET_STEP = "Ring Keith about the pooled budget"


def test_a_due_follow_up_is_announced_and_answered(
    qtbot: QtBot, window: MainWindow, journal_dir: Path, recovery_key: str
) -> None:
    yesterday = timeutil.now().date() - timedelta(days=1)
    with Vault.unlock(journal_dir, recovery_key=recovery_key) as vault:
        source = vault.add(NewReflection(sections=(Section("Board went well."),), title="Board"))
        vault.follow_ups.add(
            FollowUp(uuid.uuid4(), source.id, SECRET_STEP, timeutil.now(), yesterday)
        )
    notices: list[str] = []
    window.reminder.notify.connect(notices.append)
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.journal.follow_up_banner.isVisible(), timeout=10_000)
    banner = window.journal.follow_up_banner.message.text()
    assert notices == [NOTICE] and SECRET_STEP not in banner and "due" in banner

    qtbot.mouseClick(window.journal.follow_up_banner.review, Qt.MouseButton.LeftButton)
    page = window.journal.follow_ups_page
    assert window.journal.content.currentWidget() is page
    page.list.setFocus()
    qtbot.keyClick(page.list, Qt.Key.Key_Return)  # "Reflect on it…"
    editor = window.journal.editor
    assert "Did it happen" in editor.section_editors[0].prompt.text()
    assert SECRET_STEP in editor.section_editors[0].prompt.text()
    qtbot.keyClicks(editor.section_editors[0].text, "It happened a week late.")
    window.save_action.trigger()

    vault = window.session.vault
    (item,) = vault.follow_ups.listed()
    assert item.status is FollowUpStatus.DONE and item.outcome_reflection_id is not None
    outcome = vault.get(item.outcome_reflection_id)
    assert outcome.sections[0].text == "It happened a week late."
    assert outcome.sections[0].prompt_id == "follow-up/did-it-happen"
    assert item.reflection_id == source.id
    assert not window.journal.follow_up_banner.isVisible()


def test_a_line_of_a_reflection_becomes_a_follow_up(
    qtbot: QtBot, window: MainWindow, monkeypatch
) -> None:
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.session.is_unlocked, timeout=10_000)
    window.new_action.trigger()
    text = window.journal.editor.section_editors[0].text
    text.setFocus()
    qtbot.keyClicks(text, "Good meeting.")
    qtbot.keyClick(text, Qt.Key.Key_Return)
    qtbot.keyClicks(text, f"- {SECRET_STEP}")
    chosen: list[FollowUpDialog] = []

    def accept(dialog: FollowUpDialog) -> int:
        chosen.append(dialog)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(FollowUpDialog, "exec", accept)
    window.follow_up_action.trigger()
    (dialog,) = chosen
    assert dialog.text.text() == SECRET_STEP  # the bullet is left out
    revisit = dialog.when.date().toPython()
    assert isinstance(revisit, date) and revisit > timeutil.now().date()

    vault = window.session.vault
    (item,) = vault.follow_ups.listed()
    assert item.text == SECRET_STEP and item.revisit_on == revisit
    assert vault.get(item.reflection_id).body.endswith(SECRET_STEP)
    assert "1 open follow-up" in window.journal.editor.links.text()
