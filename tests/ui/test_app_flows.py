"""The desktop app driven through its real widgets, offscreen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reflect.frameworks import Lens, Way
from reflect.model import NewReflection, Section
from storage.vault import Vault
from tests.conftest import PASSPHRASE
from ui.editor_controller import AUTOSAVE_MS
from ui.main_window import MainWindow


def unlock(qtbot: QtBot, window: MainWindow, passphrase: str = PASSPHRASE) -> None:
    window.unlock.secret.setText(passphrase)
    qtbot.keyClick(window.unlock.secret, Qt.Key.Key_Return)


def test_wrong_then_right_passphrase(qtbot: QtBot, window: MainWindow) -> None:
    assert window.pages.currentWidget() is window.unlock
    unlock(qtbot, window, "not my passphrase at all")
    qtbot.waitUntil(lambda: "does not unlock" in window.unlock.error.text(), timeout=10_000)
    assert window.pages.currentWidget() is window.unlock
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.journal, timeout=10_000)
    assert window.unlock.error.text() == ""


def test_recovery_key_unlocks(qtbot: QtBot, window: MainWindow, recovery_key: str) -> None:
    qtbot.mouseClick(window.unlock.switch, Qt.MouseButton.LeftButton)
    assert window.unlock.using_recovery_key
    window.unlock.secret.setText(recovery_key)
    qtbot.mouseClick(window.unlock.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.journal, timeout=10_000)


def test_first_run_to_a_saved_reflection(qtbot: QtBot, fresh_window: MainWindow) -> None:
    window = fresh_window
    page = window.first_run
    assert window.pages.currentWidget() is page
    page.passphrase.setText("short")
    page._assess()
    assert not page.create.isEnabled()
    assert "at least 12" in page.advice.text()
    page.passphrase.setText(PASSPHRASE)
    page.again.setText(PASSPHRASE)
    page._assess()
    assert page.create.isEnabled()
    qtbot.mouseClick(page.create, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.steps.currentIndex() == 1, timeout=20_000)
    key = page.key.text()
    assert len(key.split("-")) == 9
    assert not page.done.isEnabled()
    page.confirm.setText(key.rsplit("-", 1)[-1].lower())
    assert page.done.isEnabled()
    qtbot.mouseClick(page.done, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.journal
    assert page.key.text() == ""  # the key is not left in a hidden widget

    editor = window.journal.editor
    editor.title.setText("Board, first go")
    editor.section_editors[0].text.setPlainText("The discharge item went round in circles.")
    editor.way_buttons[Way.PERCEIVING].setChecked(True)
    window.save_action.trigger()
    (saved,) = window.session.vault.newest()
    assert (saved.title, saved.body, saved.ways) == (
        "Board, first go",
        "The discharge item went round in circles.",
        frozenset({Way.PERCEIVING}),
    )
    assert window.journal.model.rowCount() == 1


def seed(journal_dir: Path, recovery_key: str) -> None:
    with Vault.unlock(journal_dir, recovery_key=recovery_key) as vault:
        vault.add(NewReflection(sections=(Section("trust is thin with the trust"),), title="Call"))
        vault.add(
            NewReflection(
                sections=(Section("a quiet walk after the board", Lens.BIOGRAPHER),),
                title="Walk",
                starred=True,
            )
        )


def test_search_and_views_filter_the_list(
    qtbot: QtBot, window: MainWindow, journal_dir: Path, recovery_key: str
) -> None:
    seed(journal_dir, recovery_key)
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.journal.model.rowCount() == 2, timeout=10_000)
    window.find_action.trigger()
    qtbot.keyClicks(window.journal.search, "walk")
    qtbot.waitUntil(lambda: window.journal.model.rowCount() == 1, timeout=5_000)
    index = window.journal.model.index(0, 0)
    assert index.data() == "Walk"
    window.journal.search.clear()
    qtbot.waitUntil(lambda: window.journal.model.rowCount() == 2, timeout=5_000)
    starred_row = [view.label for view in window.journal.entries].index("Light bulb moments")
    window.journal.sidebar.setCurrentIndex(window.journal.sidebar_model.index(starred_row, 0))
    assert window.journal.model.rowCount() == 1


def test_autosave_then_a_crash_keeps_the_words_as_a_draft(
    qtbot: QtBot, window: MainWindow, journal_dir: Path, recovery_key: str
) -> None:
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.journal, timeout=10_000)
    window.new_action.trigger()
    qtbot.keyClicks(window.journal.editor.section_editors[0].text, "words I must not lose")
    qtbot.wait(AUTOSAVE_MS + 500)
    # A crash: nothing more runs in this app; another process opens the journal.
    with Vault.unlock(journal_dir, recovery_key=recovery_key) as other:
        (draft,) = other.pending_drafts()
    assert draft.sections[0].text == "words I must not lose"


def test_locking_saves_then_leaves_no_text_in_any_widget(
    qtbot: QtBot, window: MainWindow, journal_dir: Path, recovery_key: str
) -> None:
    seed(journal_dir, recovery_key)
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.journal.model.rowCount() == 2, timeout=10_000)
    editor = window.journal.editor
    text = editor.section_editors[0].text
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5_000)
    text.setFocus()
    qtbot.keyClicks(text, " secret addition")
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.unlock
    assert not window.session.is_unlocked
    assert window.journal.model.rowCount() == 0
    assert text.toPlainText() == "" and not text.document().isUndoAvailable()
    assert editor.title.text() == ""
    with Vault.unlock(journal_dir, recovery_key=recovery_key) as vault:
        assert any("secret addition" in r.body for r in vault.newest())
        assert vault.pending_drafts() == []


def test_idle_time_locks_the_journal_and_clears_the_screen(
    qtbot: QtBot, window: MainWindow, journal_dir: Path, recovery_key: str
) -> None:
    seed(journal_dir, recovery_key)
    now = [1000.0]
    window.idle_lock.clock = lambda: now[0]
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.journal.model.rowCount() == 2, timeout=10_000)
    window.idle_lock.touch()
    now[0] += 9 * 60
    window.idle_lock.check()
    assert window.session.is_unlocked  # nine quiet minutes: still open
    qtbot.keyClick(window.journal.search, Qt.Key.Key_Shift)  # activity resets the count
    now[0] += 9 * 60
    window.idle_lock.check()
    assert window.session.is_unlocked
    now[0] += 10 * 60
    window.idle_lock.check()
    assert not window.session.is_unlocked
    assert window.pages.currentWidget() is window.unlock
    assert window.journal.model.rowCount() == 0
    assert all(e.text.toPlainText() == "" for e in window.journal.editor.section_editors)


def test_the_window_title_never_shows_journal_text(
    qtbot: QtBot, window: MainWindow, journal_dir: Path, recovery_key: str
) -> None:
    seed(journal_dir, recovery_key)
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.journal.model.rowCount() == 2, timeout=10_000)
    window.journal.list.setCurrentIndex(window.journal.model.index(1, 0))
    assert window.windowTitle() == "Reflect"


def test_after_a_crash_the_draft_is_offered_back_and_saved(
    qtbot: QtBot, window: MainWindow, journal_dir: Path, recovery_key: str
) -> None:
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.journal, timeout=10_000)
    window.new_action.trigger()
    qtbot.keyClicks(window.journal.editor.section_editors[0].text, "half a thought")
    qtbot.wait(AUTOSAVE_MS + 500)
    # The crash: the window goes without saving or locking; its keys go with it.
    window.journal.controller._dirty = False
    window.session._vault.lock()  # type: ignore[union-attr]
    window.session._vault = None

    from ui.main_window import MainWindow as Restarted
    from ui.session import Session

    again = Restarted(Session(journal_dir))
    qtbot.addWidget(again)
    again.show()
    unlock(qtbot, again)
    qtbot.waitUntil(lambda: again.pages.currentWidget() is again.journal, timeout=10_000)
    banner = again.journal.draft_banner
    assert banner.isVisible()
    assert "half a thought" not in banner.message.text()  # when, never what
    qtbot.mouseClick(banner.open_button, Qt.MouseButton.LeftButton)
    assert again.journal.editor.section_editors[0].text.toPlainText() == "half a thought"
    again.save_action.trigger()
    assert [r.body for r in again.session.vault.newest()] == ["half a thought"]
    assert again.session.vault.pending_drafts() == []
    again.session.lock()


def choose_view(window: MainWindow, label: str) -> None:
    row = [view.label for view in window.journal.entries].index(label)
    window.journal.sidebar.setCurrentIndex(window.journal.sidebar_model.index(row, 0))


def test_trash_and_restore(
    qtbot: QtBot, window: MainWindow, journal_dir: Path, recovery_key: str
) -> None:
    seed(journal_dir, recovery_key)
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.journal.model.rowCount() == 2, timeout=10_000)
    first = window.journal.model.index(0, 0).data()
    window.trash_action.trigger()
    assert window.journal.model.rowCount() == 1
    assert [r.title for r in window.session.vault.newest()] != [first, first]
    choose_view(window, "Trash")
    assert window.journal.model.rowCount() == 1
    assert window.journal.model.index(0, 0).data() == first
    window.restore_action.trigger()
    assert window.journal.model.rowCount() == 0
    choose_view(window, "Journal")
    assert window.journal.model.rowCount() == 2


def test_an_earlier_version_can_be_seen_and_restored(
    qtbot: QtBot, window: MainWindow, journal_dir: Path, recovery_key: str
) -> None:
    from PySide6.QtWidgets import QDialog

    from ui.history_dialog import HistoryDialog

    seed(journal_dir, recovery_key)
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.journal.model.rowCount() == 2, timeout=10_000)
    text = window.journal.editor.section_editors[0].text
    original = text.toPlainText()
    text.setPlainText("rewritten completely")
    window.save_action.trigger()
    reflection_id = window.journal.current_reflection_id()
    assert reflection_id is not None
    dialog = HistoryDialog(window.session.vault, reflection_id, window)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 1
    assert dialog.preview.toPlainText().endswith(original)
    dialog.restore_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert window.session.vault.get(reflection_id).body == original
    assert dialog.preview.toPlainText() == ""


def test_markdown_can_be_seen_formatted_and_edited_again(
    qtbot: QtBot, window: MainWindow, journal_dir: Path, recovery_key: str
) -> None:
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.journal, timeout=10_000)
    window.new_action.trigger()
    part = window.journal.editor.section_editors[0]
    part.text.setPlainText("# Heading\n\n- **bold** point")
    window.journal.editor.formatted.click()
    assert part.pages.currentWidget() is part.preview
    assert "bold point" in part.preview.toPlainText()
    assert "**" not in part.preview.toPlainText()
    window.journal.editor.formatted.click()
    assert part.pages.currentWidget() is part.text
    assert part.text.toPlainText() == "# Heading\n\n- **bold** point"


def test_the_balance_panel_names_the_neglected_way_and_starts_a_reflection_on_it(
    qtbot: QtBot, window: MainWindow, journal_dir: Path, recovery_key: str
) -> None:
    from reflect.balance import prompt_for

    with Vault.unlock(journal_dir, recovery_key=recovery_key) as vault:
        for way in (Way.FEELING, Way.PERCEIVING, Way.THINKING, Way.RELATING, Way.DOING):
            vault.add(NewReflection(sections=(Section(f"secret {way}"),), ways=[way]))
    unlock(qtbot, window)
    page = window.journal
    qtbot.waitUntil(lambda: page.model.rowCount() == 5, timeout=10_000)
    panel = page.balance
    assert panel.counts[Way.BEING].text() == "0"
    assert "ways of being" in panel.sentence.text()
    qtbot.mouseClick(panel.reflect_button, Qt.MouseButton.LeftButton)
    editor = page.editor
    assert editor.section_editors[0].prompt.text() == prompt_for(Way.BEING)
    assert editor.way_buttons[Way.BEING].isChecked()
    qtbot.keyClicks(editor.section_editors[0].text, "keeping well, barely")
    window.save_action.trigger()
    assert panel.counts[Way.BEING].text() == "1"
    (saved,) = [r for r in window.session.vault.newest() if Way.BEING in r.ways]
    assert saved.sections[0].prompt_id == "balance-being"
    window.lock_action.trigger()
    assert panel.memory_model.rowCount() == 0 and panel.sentence.text() == ""


def test_recovery_key_unlock_leads_to_a_new_passphrase(
    qtbot: QtBot, window: MainWindow, journal_dir: Path, recovery_key: str
) -> None:
    from tests.conftest import OTHER_PASSPHRASE

    qtbot.mouseClick(window.unlock.switch, Qt.MouseButton.LeftButton)
    window.unlock.secret.setText(recovery_key)
    qtbot.mouseClick(window.unlock.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.journal, timeout=10_000)
    dialog = window.recovery_dialog
    assert dialog.current.isHidden()
    dialog.new.setText(OTHER_PASSPHRASE)
    dialog.again.setText(OTHER_PASSPHRASE)
    assert dialog.assess()
    with qtbot.waitSignal(dialog.finished, timeout=20_000):
        dialog.submit()
    Vault.unlock(journal_dir, passphrase=OTHER_PASSPHRASE).lock()


def test_filters_combine_with_the_view_and_the_search(
    qtbot: QtBot, window: MainWindow, journal_dir: Path, recovery_key: str
) -> None:
    from datetime import UTC, datetime

    from PySide6.QtCore import QDate

    with Vault.unlock(journal_dir, recovery_key=recovery_key) as vault:
        for title, person, day in (
            ("Budget with Asha", "Asha Patel", 3),
            ("Discharge with Asha", "Asha Patel", 20),
            ("Discharge with Tom", "Tom Reed", 21),
        ):
            vault.add(
                NewReflection(
                    sections=(Section(f"{title.lower()} notes"),),
                    title=title,
                    people=[person],
                    happened_at=datetime(2026, 3, day, 12, tzinfo=UTC),
                )
            )
    unlock(qtbot, window)
    page = window.journal
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=10_000)

    def titles() -> list[str]:
        return sorted(page.model.index(r, 0).data() for r in range(page.model.rowCount()))

    qtbot.mouseClick(page.filter_toggle, Qt.MouseButton.LeftButton)
    assert page.filter_bar.isVisible()
    with qtbot.waitSignal(page.filter_bar.changed, timeout=2_000):
        page.filter_bar.people.setText("asha patel")
    assert titles() == ["Budget with Asha", "Discharge with Asha"]
    with qtbot.waitSignal(page.filter_bar.changed, timeout=2_000):
        page.filter_bar.since.setDate(QDate(2026, 3, 10))
    assert titles() == ["Discharge with Asha"]
    page.filter_bar.reset()
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=2_000)
    page.search.setText("discharge")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=2_000)
    with qtbot.waitSignal(page.filter_bar.changed, timeout=2_000):
        page.filter_bar.people.setText("Tom Reed")
    assert titles() == ["Discharge with Tom"]


def test_suspending_locks_the_journal(qtbot: QtBot, window: MainWindow) -> None:
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.session.is_unlocked, timeout=10_000)
    window._application_state(Qt.ApplicationState.ApplicationInactive)
    assert window.session.is_unlocked  # merely switching to another app does not lock
    window._application_state(Qt.ApplicationState.ApplicationSuspended)
    assert not window.session.is_unlocked
    assert window.pages.currentWidget() is window.unlock


def test_a_part_grows_with_its_text_instead_of_scrolling(qtbot: QtBot, window: MainWindow) -> None:
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.journal, timeout=10_000)
    window.new_action.trigger()
    text = window.journal.editor.section_editors[0].text
    short = text.height()
    text.setPlainText("\n".join(f"line {i}" for i in range(40)))
    qtbot.waitUntil(lambda: text.height() > short * 2, timeout=2_000)
    assert text.verticalScrollBar().maximum() == 0  # everything shows; nothing hides inside
