"""The prompt library window and pack import, on a real unlocked journal: import signed and
unsigned packs (or refuse them), tick packs, pin and set aside prompts, forget an enabler,
and see what prompts led to."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QStyleOptionViewItem, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from prompts.builtin import builtin_packs
from prompts.importing import apply, check
from prompts.signing import SigningIdentity, sign_pack
from reflect.balance import prompt_for
from reflect.frameworks import Way
from reflect.model import NewReflection, Section
from storage.vault import Vault
from tests.prompts.packs import GOOD, replaced
from tests.ui.test_accessibility import unnamed_controls
from ui import pack_import
from ui import prompt_library_asks as asks
from ui.pack_import_dialog import ImportConfirmDialog
from ui.prompt_library_delegates import PackDelegate
from ui.prompt_library_models import (
    EnablerListModel,
    PackListModel,
    PromptListModel,
    WritingTableModel,
)
from ui.prompt_library_window import PromptLibraryWindow, open_prompt_library
from ui.session import Session
from ui.two_line_delegate import Role

TODAY = date(2026, 11, 24)  # a Tuesday: the first Monday question comes on 30 November
GROW = "reflect-grow"
GROW_PROMPT = f"{GROW}/grow-goal-what-for"
# Bringing the window forward is a no-op the offscreen platform warns about.
OFFSCREEN_RAISE = pytest.mark.qt_log_ignore("This plugin does not support raise")


@pytest.fixture
def session(vault: Vault, journal_dir: Path) -> Session:
    opened = Session(journal_dir)
    opened.adopt(vault)
    return opened


@pytest.fixture
def sam() -> SigningIdentity:
    return SigningIdentity.create("Sam Okafor")


@pytest.fixture
def window(qtbot: QtBot, session: Session) -> PromptLibraryWindow:
    shown = PromptLibraryWindow(session, today=lambda: TODAY)
    qtbot.addWidget(shown)
    shown.show()
    shown.refresh()
    return shown


def pack_file(tmp_path: Path, text: str, name: str = "first-month.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def signed(identity: SigningIdentity, text: str = GOOD) -> str:
    return sign_pack(text.encode("utf-8"), identity, "first-month.toml")


class Dialogs:
    """Stands in for the import confirmation: records each dialog, then answers as told."""

    def __init__(self, answer: Callable[[ImportConfirmDialog], None]) -> None:
        self.answer = answer
        self.shown: list[ImportConfirmDialog] = []

    def exec(self, dialog: ImportConfirmDialog) -> int:
        self.shown.append(dialog)
        self.answer(dialog)
        return dialog.result()


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Dialogs]:
    def install(answer: Callable[[ImportConfirmDialog], None]) -> Dialogs:
        made = Dialogs(answer)
        monkeypatch.setattr(ImportConfirmDialog, "exec", lambda dialog: made.exec(dialog))
        return made

    return install


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    said: list[str] = []

    def warning(parent: QWidget, title: str, text: str, *args: object) -> None:
        said.append(text)

    monkeypatch.setattr(QMessageBox, "warning", warning)
    return said


def click_import(dialog: ImportConfirmDialog) -> None:
    dialog.import_button.click()


def click_cancel(dialog: ImportConfirmDialog) -> None:
    dialog.cancel_button.click()


def imported_ids(vault: Vault) -> list[str]:
    return [p.id for p in vault.prompt_packs.stored()]


def import_quietly(vault: Vault, text: str) -> None:
    apply(check(text.encode(), "first-month.toml", vault.prompt_packs), vault.prompt_packs, TODAY)


def choose_pack(window: PromptLibraryWindow, pack_id: str) -> None:
    row = window.packs.model.row_of(pack_id)
    assert row is not None
    window.packs.list.setCurrentIndex(window.packs.model.index(row, 0))


# --- importing ------------------------------------------------------------------------------


def test_a_signed_pack_is_imported_once_its_fingerprint_is_compared(
    qtbot: QtBot,
    window: PromptLibraryWindow,
    vault: Vault,
    sam: SigningIdentity,
    tmp_path: Path,
    dialogs: Callable[..., Dialogs],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = pack_file(tmp_path, signed(sam))
    monkeypatch.setattr(pack_import, "ask_pack_path", lambda parent: path)
    shown = dialogs(click_import)

    qtbot.mouseClick(window.packs.import_button, Qt.MouseButton.LeftButton)

    [dialog] = shown.shown
    assert dialog.signed_by is not None and dialog.signed_by.text() == "Signed by Sam Okafor"
    assert dialog.fingerprint is not None and dialog.fingerprint.text() == sam.fingerprint
    assert dialog.fingerprint.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert dialog.compare is not None and dialog.compare.text() == (
        "Compare this with the fingerprint Sam Okafor gave you in person or by phone. "
        "If they differ, do not import it."
    )
    texts = "\n".join(dialog.texts())
    assert "“The first month of the programme”" in texts
    assert "By Sam Okafor · version 1 · 3 prompts" in texts
    assert "One question each Monday (3 in all)" in texts
    assert dialog.trust is None and dialog.warning is None
    assert dialog.cancel_button.isDefault() and not dialog.import_button.isDefault()
    assert dialog.windowTitle() == "Import a prompt pack"  # never the pack's title

    assert imported_ids(vault) == ["first-month"]
    lp = window.packs.chosen()
    assert lp is not None and lp.pack.id == "first-month"
    index = window.packs.model.index(window.packs.model.row_of("first-month") or 0, 0)
    assert index.data() == "The first month of the programme"
    assert index.data(Role.SECONDARY) == f"Signed by Sam Okafor · {sam.fingerprint} · 3 prompts"
    assert f"fingerprint {sam.fingerprint}" in window.packs.origin.text()
    assert [e.name for e in vault.prompt_packs.enablers()] == ["Sam Okafor"]
    assert window.enablers.model.index(0, 0).data() == "Sam Okafor"


def test_cancel_imports_nothing(
    window: PromptLibraryWindow,
    session: Session,
    vault: Vault,
    sam: SigningIdentity,
    tmp_path: Path,
    dialogs: Callable[..., Dialogs],
) -> None:
    shown = dialogs(click_cancel)
    path = pack_file(tmp_path, signed(sam))
    assert not pack_import.import_pack_file(window, session, path)
    assert len(shown.shown) == 1
    assert imported_ids(vault) == []
    assert vault.prompt_packs.enablers() == []


def test_a_pack_changed_after_signing_is_refused_with_the_reason(
    window: PromptLibraryWindow,
    session: Session,
    vault: Vault,
    sam: SigningIdentity,
    tmp_path: Path,
    dialogs: Callable[..., Dialogs],
    warnings: list[str],
) -> None:
    shown = dialogs(click_import)
    tampered = signed(sam).replace("nobody owns yet", "everybody owns")
    path = pack_file(tmp_path, tampered)
    assert not pack_import.import_pack_file(window, session, path)
    [message] = warnings
    assert message.startswith("first-month.toml claims to be signed by Sam Okafor")
    assert "changed after signing" in message and "Nothing was imported" in message
    assert shown.shown == []
    assert imported_ids(vault) == []
    assert vault.prompt_packs.enablers() == []


def test_an_unreadable_file_says_so(
    window: PromptLibraryWindow, session: Session, tmp_path: Path, warnings: list[str]
) -> None:
    assert not pack_import.import_pack_file(window, session, tmp_path / "missing.toml")
    [message] = warnings
    assert message.startswith("Reflect could not read missing.toml")
    assert message.endswith("Nothing was imported.")


def test_an_oversized_file_is_refused_without_reading_it_all(
    window: PromptLibraryWindow, session: Session, tmp_path: Path, warnings: list[str]
) -> None:
    path = pack_file(tmp_path, GOOD + "#" * 3_000_000)
    assert len(pack_import.read_pack_file(path)) == pack_import.MAX_BYTES + 1
    assert not pack_import.import_pack_file(window, session, path)
    assert "a prompt pack may be at most" in warnings[0]


def test_an_unsigned_pack_needs_a_tick_before_import_is_enabled(
    window: PromptLibraryWindow,
    session: Session,
    vault: Vault,
    tmp_path: Path,
    dialogs: Callable[..., Dialogs],
) -> None:
    def answer(dialog: ImportConfirmDialog) -> None:
        assert dialog.trust is not None and dialog.warning is not None
        assert not dialog.import_button.isEnabled()
        dialog.accept()  # Enter or a stray accept cannot import before the tick
        assert dialog.result() != QDialog.DialogCode.Accepted
        dialog.trust.setChecked(True)
        assert dialog.import_button.isEnabled()
        dialog.import_button.click()

    shown = dialogs(answer)
    assert pack_import.import_pack_file(window, session, pack_file(tmp_path, GOOD))
    [dialog] = shown.shown
    assert dialog.warning is not None
    assert "Nothing shows who wrote it or whether it was changed" in dialog.warning.text()
    assert "It says it is by Sam Okafor" in dialog.warning.text()
    assert dialog.trust is not None and dialog.trust.text() == "I &trust where this file came from"
    assert dialog.fingerprint is None
    assert imported_ids(vault) == ["first-month"]
    window.refresh()
    choose_pack(window, "first-month")
    assert window.packs.list.currentIndex().data(Role.SECONDARY) == "Unsigned · 3 prompts"


def test_a_newer_version_from_a_known_enabler_imports_without_asking(
    window: PromptLibraryWindow,
    session: Session,
    vault: Vault,
    sam: SigningIdentity,
    tmp_path: Path,
    dialogs: Callable[..., Dialogs],
) -> None:
    import_quietly(vault, signed(sam))
    shown = dialogs(click_cancel)
    newer = signed(sam, replaced("version = 1", "version = 2"))
    assert pack_import.import_pack_file(window, session, pack_file(tmp_path, newer))
    assert shown.shown == []
    assert [p.version for p in vault.prompt_packs.stored()] == [2]


def test_locking_while_the_leader_decides_imports_nothing(
    window: PromptLibraryWindow,
    session: Session,
    journal_dir: Path,
    recovery_key: str,
    sam: SigningIdentity,
    tmp_path: Path,
    dialogs: Callable[..., Dialogs],
) -> None:
    shown = dialogs(lambda dialog: session.lock())
    assert not pack_import.import_pack_file(window, session, pack_file(tmp_path, signed(sam)))
    assert shown.shown[0].result() == QDialog.DialogCode.Rejected
    with Vault.unlock(journal_dir, recovery_key=recovery_key) as reopened:
        assert imported_ids(reopened) == []


def test_no_file_chosen_does_nothing(
    window: PromptLibraryWindow, session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pack_import, "ask_pack_path", lambda parent: None)
    assert not pack_import.import_pack_file(window, session)


# --- the packs tab -----------------------------------------------------------------------------


def test_unticking_a_pack_stops_its_prompts_being_offered(
    qtbot: QtBot, window: PromptLibraryWindow, vault: Vault
) -> None:
    choose_pack(window, GROW)
    window.packs.list.setFocus()
    qtbot.keyClick(window.packs.list, Qt.Key.Key_Space)
    assert vault.prompt_packs.choices()[GROW].chosen is False
    assert not window.packs.offer.isChecked()
    state = window.packs.list.currentIndex().data(Qt.ItemDataRole.CheckStateRole)
    assert state in (Qt.CheckState.Unchecked, Qt.CheckState.Unchecked.value)
    # The check box in the details says the same, and ticks it back.
    window.packs.offer.setChecked(True)
    assert vault.prompt_packs.choices()[GROW].chosen is True
    window.refresh()
    assert window.packs.chosen() is not None and window.packs.chosen().chosen  # type: ignore[union-attr]


def test_a_click_on_the_tick_box_unticks_the_pack(
    qtbot: QtBot, window: PromptLibraryWindow, vault: Vault
) -> None:
    choose_pack(window, GROW)
    view = window.packs.list
    index = view.currentIndex()
    view.scrollTo(index)
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = view.visualRect(index)
    option.widget = view  # type: ignore[attr-defined]
    delegate = view.itemDelegate()
    assert isinstance(delegate, PackDelegate)
    box = delegate.check_rect(option, index)
    assert view.visualRect(index).contains(box)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=box.center())
    assert vault.prompt_packs.choices()[GROW].chosen is False
    assert not window.packs.offer.isChecked()


def test_pinning_and_setting_aside_a_prompt_are_stored(
    qtbot: QtBot, window: PromptLibraryWindow, vault: Vault
) -> None:
    choose_pack(window, GROW)
    packs = window.packs
    packs.prompt_list.setCurrentIndex(packs.prompt_model.index(0, 0))
    assert packs.chosen_prompt() is not None and packs.chosen_prompt().key == GROW_PROMPT  # type: ignore[union-attr]
    assert packs.pin_button.text() == "Pi&n"

    qtbot.mouseClick(packs.pin_button, Qt.MouseButton.LeftButton)
    assert vault.prompt_packs.marks().pinned == (GROW_PROMPT,)
    assert packs.pin_button.text() == "U&npin"
    assert packs.prompt_model.index(0, 0).data(Role.ASIDE) == "Pinned"
    assert packs.chosen_prompt().key == GROW_PROMPT  # type: ignore[union-attr]

    qtbot.mouseClick(packs.hide_button, Qt.MouseButton.LeftButton)
    marks = vault.prompt_packs.marks()
    assert GROW_PROMPT in marks.hidden and marks.pinned == ()
    assert packs.prompt_model.index(0, 0).data(Role.ASIDE) == "Not offered"
    assert packs.unhide_button.isVisible() and not packs.hide_button.isVisible()

    qtbot.mouseClick(packs.unhide_button, Qt.MouseButton.LeftButton)
    assert GROW_PROMPT not in vault.prompt_packs.marks().hidden
    assert packs.hide_button.isVisible() and not packs.unhide_button.isVisible()
    assert packs.prompt_model.index(0, 0).data(Role.ASIDE) == ""


def test_the_schedule_says_when_the_next_question_comes(
    session: Session, vault: Vault, sam: SigningIdentity, qtbot: QtBot
) -> None:
    import_quietly(vault, signed(sam))

    def status_on(day: date) -> str:
        shown = PromptLibraryWindow(session, today=lambda: day)
        qtbot.addWidget(shown)
        shown.refresh()
        choose_pack(shown, "first-month")
        return str(shown.packs.list.currentIndex().data(Role.ASIDE))

    assert status_on(TODAY) == "Next question Monday 30 November"
    assert status_on(date(2026, 11, 30)) == "A question is waiting"
    # The last question waits until it is answered; then the schedule is over.
    assert status_on(date(2027, 3, 1)) == "A question is waiting"
    vault.prompt_packs.mark_step_done("first-month", 2)
    assert status_on(date(2027, 3, 1)) == "Finished"


def test_start_the_schedule_again_counts_from_today(
    window: PromptLibraryWindow, vault: Vault, sam: SigningIdentity, monkeypatch
) -> None:
    import_quietly(vault, signed(sam))
    vault.prompt_packs.mark_step_done("first-month", 0)
    window.refresh()
    choose_pack(window, "first-month")
    assert window.packs.restart_button.isVisibleTo(window)
    window.packs.restart_button.click()
    choice = vault.prompt_packs.choices()["first-month"]
    assert choice.started_on == TODAY and choice.steps_done == frozenset()
    choose_pack(window, GROW)
    assert not window.packs.restart_button.isVisibleTo(window)  # no schedule, nothing to restart


def test_an_imported_pack_is_removed_after_confirming(
    window: PromptLibraryWindow, vault: Vault, sam: SigningIdentity, monkeypatch
) -> None:
    import_quietly(vault, signed(sam))
    window.refresh()
    asked: list[str] = []
    monkeypatch.setattr(asks, "confirm", lambda p, t, text, a: asked.append(text) or True)
    choose_pack(window, "first-month")
    window.packs.remove_button.click()
    assert "stays in your journal" in asked[0]
    assert imported_ids(vault) == []
    assert window.packs.model.row_of("first-month") is None
    assert [e.name for e in vault.prompt_packs.enablers()] == ["Sam Okafor"]


def test_a_built_in_pack_can_only_be_turned_off(
    window: PromptLibraryWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    told: list[str] = []
    monkeypatch.setattr(asks, "tell", lambda p, t, text: told.append(text))
    monkeypatch.setattr(asks, "confirm", lambda *a: pytest.fail("asked to remove a built-in"))
    choose_pack(window, GROW)
    window.packs.remove_button.click()
    assert "cannot be removed" in told[0] and "untick" in told[0]
    assert window.packs.model.row_of(GROW) is not None
    assert "cannot be removed" in window.packs.origin.text()


# --- enablers --------------------------------------------------------------------------------


def test_forgetting_an_enabler_keeps_their_packs(
    window: PromptLibraryWindow, vault: Vault, sam: SigningIdentity, monkeypatch
) -> None:
    import_quietly(vault, signed(sam))
    window.refresh()
    window.tabs.setCurrentWidget(window.enablers)
    row = window.enablers.model.index(0, 0)
    assert row.data(Role.SECONDARY).startswith(f"{sam.fingerprint} · First seen ")
    assert row.data(Role.ASIDE) == "1 pack"
    asked: list[str] = []
    monkeypatch.setattr(asks, "confirm", lambda p, t, text, a: asked.append(text) or True)
    window.enablers.forget_button.click()
    assert "stay in your library" in asked[0] and "compare its fingerprint again" in asked[0]
    assert vault.prompt_packs.enablers() == []
    assert imported_ids(vault) == ["first-month"]
    assert window.enablers.model.rowCount() == 0
    assert window.enablers.stack.currentWidget() is window.enablers.empty
    assert not window.enablers.forget_button.isEnabled()


def test_declining_to_forget_keeps_the_key(
    window: PromptLibraryWindow, vault: Vault, sam: SigningIdentity, monkeypatch
) -> None:
    import_quietly(vault, signed(sam))
    window.refresh()
    monkeypatch.setattr(asks, "confirm", lambda *a: False)
    window.enablers.forget_button.click()
    assert [e.name for e in vault.prompt_packs.enablers()] == ["Sam Okafor"]


# --- what prompts led to ---------------------------------------------------------------------


def answered(vault: Vault, prompt_id: str, words: int) -> None:
    text = " ".join(["word"] * words)
    vault.add(NewReflection(sections=(Section(text, prompt_id=prompt_id),), title="Answer"))


def test_what_prompts_led_to_ranks_by_words_and_names_each_prompt(
    window: PromptLibraryWindow, vault: Vault
) -> None:
    answered(vault, GROW_PROMPT, 5)
    answered(vault, GROW_PROMPT, 7)
    answered(vault, "balance-feeling", 30)
    answered(vault, "gone-pack/some-question", 3)
    window.refresh()
    model = window.writing.model

    def row(n: int) -> list[str]:
        return [str(model.index(n, c).data()) for c in range(model.columnCount())]

    grow = next(p for p in builtin_packs() if p.id == GROW)
    assert model.rowCount() == 3
    assert row(0) == [prompt_for(Way.FEELING), "The balance of the six ways", "1", "30"]
    assert row(1) == [grow.prompts[0].text, grow.title, "2", "12"]
    assert row(2) == ["gone-pack/some-question", "No longer in your library", "1", "3"]
    assert window.writing.stack.currentWidget() is window.writing.table
    # Sorting by another column and back again keeps the ranking.
    window.writing.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    window.writing.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    assert [model.index(n, 3).data() for n in range(3)] == ["30", "12", "3"]


def test_with_nothing_answered_the_tab_says_so(window: PromptLibraryWindow) -> None:
    assert window.writing.stack.currentWidget() is window.writing.empty


# --- the window --------------------------------------------------------------------------------


def test_every_control_has_a_name(window: PromptLibraryWindow) -> None:
    for tab in range(window.tabs.count()):
        window.tabs.setCurrentIndex(tab)
        assert unnamed_controls(window) == []


@OFFSCREEN_RAISE
def test_locking_empties_and_closes_the_window(
    qtbot: QtBot, session: Session, vault: Vault
) -> None:
    answered(vault, GROW_PROMPT, 5)
    shown = open_prompt_library(session)
    qtbot.addWidget(shown)
    shown.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)  # so the test can look
    assert shown.isVisible() and shown.writing.model.rowCount() == 1
    session.lock()
    assert not shown.isVisible()
    assert shown.packs.model.rowCount() == 0 and shown.writing.model.rowCount() == 0


@OFFSCREEN_RAISE
def test_opening_it_twice_brings_the_same_window_forward(qtbot: QtBot, session: Session) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    first = open_prompt_library(session, parent)
    assert open_prompt_library(session, parent) is first
    first.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)


@pytest.fixture
def filled(window: PromptLibraryWindow, vault: Vault, sam: SigningIdentity) -> Iterator[None]:
    import_quietly(vault, signed(sam))
    answered(vault, GROW_PROMPT, 5)
    answered(vault, "balance-doing", 8)
    window.refresh()
    choose_pack(window, GROW)
    yield


def test_the_models_pass_qts_model_tester(
    qtmodeltester: ModelTester, window: PromptLibraryWindow, filled: None
) -> None:
    models = (
        window.packs.model,
        window.packs.prompt_model,
        window.enablers.model,
        window.writing.model,
    )
    assert isinstance(models[0], PackListModel) and isinstance(models[1], PromptListModel)
    assert isinstance(models[2], EnablerListModel) and isinstance(models[3], WritingTableModel)
    for model in models:
        assert model.rowCount() > 0
        qtmodeltester.check(model, force_py=True)
