"""Acceptance 2: after a meeting, from the shortcut to a saved, linked reflection, keyboard only."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from reflect import timeutil
from reflect.after_meeting import QUESTIONS
from reflect.followups import FollowUpStatus
from reflect.meetings import Meeting
from storage.vault import Vault
from tests.ui.test_app_flows import unlock
from ui.after_meeting_dialog import AfterMeetingDialog, QuestionStep
from ui.main_window import MainWindow

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier

# One line per question, as a leader writes them ten minutes after the meeting.
ANSWERS = [
    "We went round the discharge delays again; the council wants the money moved first.",
    "I held back from pushing our plan and asked what the council needed.",
    "Amy from the ICB backed the trusted assessor idea; the GP lead stayed quiet.",
    "Frustrated at first, then oddly hopeful and a bit anxious.",
    "Nobody named the workforce gap, which is the real problem.",
    "- Amy drafts the trusted assessor pilot\n- Ask the GP lead what worries them",
]


def activate(qtbot: QtBot, window: QWidget) -> None:
    """Offscreen, a request to activate can be lost while pages switch: ask until it holds."""

    def ready() -> bool:
        focus = QApplication.focusWidget()
        return (
            QApplication.activeWindow() is window and focus is not None and focus.window() is window
        )

    for _ in range(25):
        if ready():
            return
        window.activateWindow()
        qtbot.wait(200)
    assert ready()


def open_capture(qtbot: QtBot, window: MainWindow) -> AfterMeetingDialog:
    activate(qtbot, window)
    qtbot.keyClick(focused(), Qt.Key.Key_N, CTRL_SHIFT)
    qtbot.waitUntil(lambda: getattr(window, "capture_dialog", None) is not None, timeout=5_000)
    dialog = window.capture_dialog
    activate(qtbot, dialog)
    return dialog


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def type_answer(qtbot: QtBot, text: str) -> None:
    box = focused()
    assert isinstance(box, QPlainTextEdit)
    lines = text.split("\n")
    for i, line in enumerate(lines):
        qtbot.keyClicks(box, line)
        if i < len(lines) - 1:
            qtbot.keyClick(box, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(box, Qt.Key.Key_Return)


def test_after_a_meeting_keyboard_only(
    qtbot: QtBot, window: MainWindow, journal_dir: Path, recovery_key: str
) -> None:
    now = timeutil.now()
    with Vault.unlock(journal_dir, recovery_key=recovery_key) as vault:
        vault.meetings.save(Meeting.new("Team brief", now - timedelta(days=1)))
        huddle = vault.meetings.save(
            Meeting.new(
                "Discharge huddle",
                now - timedelta(hours=1),
                ends_at=now - timedelta(minutes=10),
                people=["Dr Amy Shah", "Cllr Ada Brook"],
                organisations=["Northshire ICB"],
            )
        )
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.session.is_unlocked, timeout=10_000)

    dialog = open_capture(qtbot, window)
    # The newest recent meeting is offered first; Enter takes it.
    assert dialog.meeting_step.list.hasFocus()
    assert dialog.meeting_step.model.records[0].id == huddle.id
    qtbot.keyClick(focused(), Qt.Key.Key_Return)

    assert len(QUESTIONS) == len(ANSWERS)
    for answer in ANSWERS:
        assert isinstance(dialog.pages.currentWidget(), QuestionStep)
        type_answer(qtbot, answer)

    # Ways and a lens are suggested already; the next steps are offered as follow-ups.
    assert dialog.pages.currentWidget() is dialog.confirm
    assert dialog.confirm.ways(), "some ways should be suggested from these answers"
    suggested = dialog.confirm.ways()
    assert [c.text() for c in dialog.confirm.step_checks] == [
        "Amy drafts the trusted assessor pilot",
        "Ask the GP lead what worries them",
    ]
    qtbot.keyClick(focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)

    vault = window.session.vault
    (saved_id,) = vault.meetings.reflection_ids(huddle.id)
    saved = vault.get(saved_id)
    assert saved.meeting_id == huddle.id
    assert saved.title == "After: Discharge huddle"
    assert [s.text for s in saved.sections] == ANSWERS
    assert [s.prompt_id for s in saved.sections] == [q.id for q in QUESTIONS]
    assert saved.ways == suggested
    assert saved.people == ("Dr Amy Shah", "Cllr Ada Brook")
    assert saved.organisations == ("Northshire ICB",)
    assert saved.happened_at == huddle.ends_at
    steps = vault.follow_ups.of_reflection(saved_id)
    assert [f.text for f in steps] == ANSWERS[-1].replace("- ", "").split("\n")
    assert all(f.status is FollowUpStatus.OPEN and f.revisit_on for f in steps)
    # The journal shows it, with its links, and the meeting no longer waits for a reflection.
    assert window.journal.current_reflection_id() == saved_id
    links = window.journal.editor.links.text()
    assert "After the meeting “Discharge huddle”" in links and "2 open follow-ups" in links
    waiting = vault.meetings.waiting(now - timedelta(days=7), now)
    assert [m.title for m in waiting] == ["Team brief"]


def test_a_meeting_typed_in_and_questions_skipped(qtbot: QtBot, window: MainWindow) -> None:
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.session.is_unlocked, timeout=10_000)
    dialog = open_capture(qtbot, window)
    qtbot.keyClicks(focused(), "Corridor chat with the chief nurse")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "Chief nurse")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    type_answer(qtbot, "She is worried about winter staffing.")
    for _ in QUESTIONS[1:]:
        qtbot.keyClick(focused(), Qt.Key.Key_Return)  # an empty answer is a skip
    qtbot.keyClick(focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)

    vault = window.session.vault
    saved = vault.get(window.journal.current_reflection_id())  # type: ignore[arg-type]
    assert [s.text for s in saved.sections] == ["She is worried about winter staffing."]
    assert saved.meeting_id is not None
    meeting = vault.meetings.get(saved.meeting_id)
    assert meeting.title == "Corridor chat with the chief nurse"
    assert meeting.people == ("Chief nurse",)


def test_nothing_written_saves_nothing(qtbot: QtBot, window: MainWindow) -> None:
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.session.is_unlocked, timeout=10_000)
    before = window.session.vault.count()
    dialog = open_capture(qtbot, window)
    qtbot.keyClick(focused(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible() and "at least one answer" in dialog.progress.text()
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    assert window.session.vault.count() == before
    assert (
        window.session.vault.meetings.between(
            timeutil.now() - timedelta(days=1), timeutil.now() + timedelta(days=1)
        )
        == []
    )
