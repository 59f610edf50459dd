"""Acceptance 4: open the review from the window, switch years, start the guided review and
save it as a reflection like any other."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from reflect.frameworks import Lens, Way
from reflect.model import NewReflection, Section
from tests.ui.test_app_flows import unlock
from tests.ui.test_review_page import wait_for_report
from ui.main_window import MainWindow


def test_the_review_leads_to_a_saved_guided_review(qtbot: QtBot, window: MainWindow) -> None:
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.journal, timeout=10_000)
    vault = window.session.vault
    for year, text in ((2025, "The discharge hub opened."), (2026, "Winter pressures again.")):
        for month in (2, 5, 9):
            vault.add(
                NewReflection(
                    sections=(Section(text, Lens.HISTORIAN),),
                    happened_at=datetime(year, month, 10, 9, tzinfo=UTC),
                    ways=frozenset({Way.RELATING}),
                )
            )
    journal = window.journal
    journal.show_page("Your year")
    page = journal.review_page
    assert journal.content.currentWidget() is page
    wait_for_report(qtbot, page, 2026)
    page.chooser.setFocus()
    qtbot.keyClick(page.chooser, Qt.Key.Key_Down)
    wait_for_report(qtbot, page, 2025)
    assert page.report is not None and page.report.review.total == 3

    page.guided_button.click()
    assert journal.content.currentWidget() is journal.journal_panes
    editor = journal.editor
    assert editor.title.text() == "Looking back on 2025"
    lenses = [e.section().lens for e in editor.section_editors]
    assert {Lens.SAGE, Lens.HISTORIAN, Lens.BIOGRAPHER} <= set(lenses)
    qtbot.keyClicks(editor.section_editors[0].text, "The hub worked because we built trust first.")
    journal.controller.commit()
    saved = vault.newest(limit=1)[0]
    assert saved.title == "Looking back on 2025"
    assert "yearly-review-2025" in saved.tags
    assert all(
        s.prompt_id and s.prompt_id.startswith("reflect-yearly-review/") for s in saved.sections
    )
