"""The "Author a prompt pack" window: write a pack through its widgets, see it as a leader
will, refuse a pack with problems, save and sign it, and import it into another journal."""

from __future__ import annotations

import shutil
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from prompts.library import Origin, library
from prompts.pack_format import read_pack
from prompts.pack_writer import pack_to_toml
from prompts.signing import SigningIdentity, verify
from reflect.frameworks import KolbStage, Lens, Way
from reflect.prompt_library import Every, Moment
from storage.vault import Vault
from tests.ui.test_accessibility import unnamed_controls
from ui import pack_author_asks, pack_import
from ui.pack_author_asks import Unsaved
from ui.pack_author_form import (
    PackForm,
    PromptForm,
    check,
    from_pack,
    new_prompt,
    new_prompt_id,
    number_days,
    slugify,
    tags,
    to_pack,
)
from ui.pack_author_window import PackAuthorWindow, open_pack_author
from ui.pack_import_dialog import ImportConfirmDialog
from ui.pack_prompt_list_model import PromptListModel
from ui.session import Session
from ui.two_line_delegate import Role

FIRST = "Who did you meet this week that you had not worked with before?"
SECOND = "What is the knot at the centre of this work that nobody yet owns?"


@dataclass
class Dialogs:
    """Stands in for every dialog that would wait for a person."""

    save_path: Path | None = None
    open_path: Path | None = None
    signer_name: str | None = None
    unsaved: Unsaved = Unsaved.DISCARD
    asked: list[str] = field(default_factory=list)
    told: list[str] = field(default_factory=list)
    warned: list[str] = field(default_factory=list)


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    shown = Dialogs()

    def save_path(_parent: object, suggested: str = "") -> Path | None:
        shown.asked.append(f"save as {suggested}")
        return shown.save_path

    def open_path(_parent: object) -> Path | None:
        shown.asked.append("open")
        return shown.open_path

    def signer_name(_parent: object, suggested: str) -> str | None:
        shown.asked.append(f"name {suggested}")
        return shown.signer_name

    def unsaved(_parent: object) -> Unsaved:
        shown.asked.append("unsaved")
        return shown.unsaved

    monkeypatch.setattr(pack_author_asks, "ask_save_path", save_path)
    monkeypatch.setattr(pack_author_asks, "ask_open_path", open_path)
    monkeypatch.setattr(pack_author_asks, "ask_signer_name", signer_name)
    monkeypatch.setattr(pack_author_asks, "ask_unsaved", unsaved)
    monkeypatch.setattr(pack_author_asks, "tell", lambda _p, text: shown.told.append(text))
    monkeypatch.setattr(pack_author_asks, "warn", lambda _p, text: shown.warned.append(text))
    return shown


@pytest.fixture
def session(vault: Vault, journal_dir: Path) -> Session:
    opened = Session(journal_dir)
    opened.adopt(vault)
    return opened


@pytest.fixture
def window(qtbot: QtBot, session: Session, dialogs: Dialogs) -> Iterator[PackAuthorWindow]:
    shown = PackAuthorWindow(session)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    yield shown
    dialogs.unsaved = Unsaved.DISCARD
    shown.close()  # while the dialogs are still replaced


def click(qtbot: QtBot, widget: object) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def type_into(qtbot: QtBot, box: object, text: str) -> None:
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, text)


def ready(window: PackAuthorWindow) -> bool:
    return "Ready to save" in window.problems.text()


def author_pack(qtbot: QtBot, window: PackAuthorWindow) -> None:
    """Write a two-prompt weekly pack the way an enabler would: typing and clicking."""
    type_into(qtbot, window.fields.title_edit, "The first month")
    type_into(qtbot, window.fields.author_edit, "Sam Okafor")
    click(qtbot, window.add_button)
    qtbot.keyClicks(window.editor.text, FIRST)
    click(qtbot, window.editor.way_chips[Way.RELATING])
    click(qtbot, window.editor.lens_chips[Lens.HISTORIAN])
    window.editor.stage.setCurrentIndex(window.editor.stage.findData("experience"))
    click(qtbot, window.editor.moment_chips[Moment.WEEKLY])
    click(qtbot, window.add_button)
    qtbot.keyClicks(window.editor.text, SECOND)
    click(qtbot, window.editor.way_chips[Way.THINKING])
    click(qtbot, window.editor.way_chips[Way.BEING])
    window.fields.schedule.setCurrentIndex(window.fields.schedule.findData("monday"))


# --- (1) authoring through the widgets, previewing and saving ----------------------------


def test_a_pack_authored_in_the_window_is_previewed_and_saved(
    qtbot: QtBot, window: PackAuthorWindow, dialogs: Dialogs, tmp_path: Path
) -> None:
    assert window.windowTitle() == "Untitled pack – Author a prompt pack"
    author_pack(qtbot, window)
    assert window.fields.id_edit.text() == "the-first-month"  # made from the title
    assert window.model.rowCount() == 2
    assert window.editor.id.text() == "prompt-2"
    assert window.preview.question.text() == SECOND
    assert window.preview.tags.text() == "Ways of thinking and being"
    window.list.setCurrentIndex(window.model.index(0, 0))
    assert window.preview.question.text() == FIRST
    assert window.preview.source.text() == "From “The first month” by Sam Okafor"
    assert (
        window.preview.tags.text() == "Ways of relating · Historian · Concrete experience · Weekly"
    )
    assert window.windowTitle().startswith("Untitled pack*")
    qtbot.waitUntil(lambda: ready(window), timeout=3000)  # the debounced check

    target = tmp_path / "packs" / "first-month.toml"
    target.parent.mkdir()
    dialogs.save_path = target
    window.save_action.trigger()
    assert dialogs.warned == []
    assert dialogs.asked == ["save as the-first-month.toml"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert window.windowTitle() == "first-month.toml – Author a prompt pack"
    pack = read_pack(target.read_bytes()).pack
    assert (pack.id, pack.title, pack.author, pack.version) == (
        "the-first-month",
        "The first month",
        "Sam Okafor",
        1,
    )
    assert pack.schedule is not None and pack.schedule.every is Every.MONDAY
    assert pack.schedule.prompt_ids == ("prompt-1", "prompt-2")
    first, second = pack.prompts
    assert (first.id, first.text, first.ways, first.lenses, first.stage, first.moments) == (
        "prompt-1",
        FIRST,
        (Way.RELATING,),
        (Lens.HISTORIAN,),
        KolbStage.EXPERIENCE,
        frozenset({Moment.WEEKLY}),
    )
    assert (second.text, second.ways, second.stage) == (SECOND, (Way.THINKING, Way.BEING), None)
    assert sorted(p.name for p in target.parent.iterdir()) == ["first-month.toml"]  # no leftovers

    # Saving again goes to the same file without asking; a change shows "*" until then.
    type_into(qtbot, window.fields.description, "One question each Monday.")
    assert window.windowTitle().startswith("first-month.toml*")
    window.save_action.trigger()
    assert dialogs.asked == ["save as the-first-month.toml"]
    assert read_pack(target.read_bytes()).pack.description == "One question each Monday."
    assert not window.is_changed


def test_the_id_follows_the_title_until_it_is_typed(qtbot: QtBot, window: PackAuthorWindow) -> None:
    type_into(qtbot, window.fields.title_edit, "Before a Difficult Board")
    assert window.fields.id_edit.text() == "before-a-difficult-board"
    type_into(qtbot, window.fields.id_edit, "board")
    type_into(qtbot, window.fields.title_edit, "Before the board")
    assert window.fields.id_edit.text() == "board"
    assert window.form.id == "board"


def test_programme_days_are_asked_for_only_with_that_schedule(
    qtbot: QtBot, window: PackAuthorWindow
) -> None:
    for _ in range(3):
        click(qtbot, window.add_button)
    assert window.editor.day.isHidden()
    window.fields.schedule.setCurrentIndex(window.fields.schedule.findData("programme-day"))
    assert not window.editor.day.isHidden()
    assert [p.day for p in window.form.prompts] == [1, 2, 3]  # numbered, so it offers them
    assert window.model.index(2, 0).data(Role.ASIDE) == "Day 3"
    assert window.preview.tags.text() == "Day 3"
    window.fields.schedule.setCurrentIndex(window.fields.schedule.findData("day"))
    assert window.editor.day.isHidden()
    assert all(p.day is None for p in to_pack(window.form).prompts)


def test_prompts_move_and_go_by_keyboard_from_the_list(
    qtbot: QtBot, window: PackAuthorWindow
) -> None:
    for text in ("one", "two", "three"):
        click(qtbot, window.add_button)
        qtbot.keyClicks(window.editor.text, text)
    window.activateWindow()
    window.list.setFocus()
    window.list.setCurrentIndex(window.model.index(2, 0))
    qtbot.keyClick(
        window.list,
        Qt.Key.Key_Up,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert [p.text for p in window.form.prompts] == ["one", "three", "two"]
    assert window.current_row() == 1
    qtbot.keyClick(
        window.list,
        Qt.Key.Key_Down,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert [p.text for p in window.form.prompts] == ["one", "two", "three"]
    qtbot.keyClick(window.list, Qt.Key.Key_Delete)
    assert [p.text for p in window.form.prompts] == ["one", "two"]
    assert window.editor.text.toPlainText() == "two"
    # In the question box, Delete edits the text and leaves the prompts alone.
    window.editor.text.setFocus()
    window.editor.text.moveCursor(window.editor.text.textCursor().MoveOperation.Start)
    qtbot.keyClick(window.editor.text, Qt.Key.Key_Delete)
    assert [p.text for p in window.form.prompts] == ["one", "wo"]
    click(qtbot, window.add_button)
    assert window.editor.id.text() == "prompt-3"  # unique among the prompts there are


def test_the_prompt_list_passes_qts_model_tester(qtmodeltester: ModelTester) -> None:
    model = PromptListModel()
    prompts = [PromptForm("a", "One?", day=2), PromptForm("b", ""), PromptForm("c", "Three?")]
    model.show(prompts, Every.PROGRAMME_DAY)
    qtmodeltester.check(model, force_py=True)
    model.move(0, 1)
    model.insert(3, PromptForm("d", "Four?"))
    model.remove(0)
    qtmodeltester.check(model, force_py=True)
    assert [p.id for p in prompts] == ["a", "c", "d"]  # the form's own list, edited in place
    assert model.index(0, 0).data(Qt.ItemDataRole.AccessibleTextRole) == "One?, id a, Day 2"


# --- (2) a pack with problems is shown and refused ---------------------------------------


def test_problems_are_listed_and_save_refuses(
    qtbot: QtBot, window: PackAuthorWindow, dialogs: Dialogs, tmp_path: Path
) -> None:
    author_pack(qtbot, window)
    click(qtbot, window.add_button)  # a third prompt, with no question
    qtbot.waitUntil(lambda: "1 problem to fix" in window.problems.text(), timeout=3000)
    assert "prompts 3, text: is empty" in window.problems.text()
    qtbot.keyClicks(window.editor.text, "And then?")
    window.list.setCurrentIndex(window.model.index(1, 0))
    type_into(qtbot, window.editor.id, "prompt-1")  # the second prompt takes the first's id
    qtbot.waitUntil(lambda: "is used by an earlier" in window.problems.text(), timeout=3000)
    shown = window.problems.text()
    assert "prompts 2, id: 'prompt-1' is used by an earlier prompt" in shown
    assert "Traceback" not in shown
    assert window.problems.objectName() == "error"

    dialogs.save_path = tmp_path / "bad.toml"
    window.save_action.trigger()
    window.sign_action.trigger()
    assert len(dialogs.warned) == 2
    assert "cannot be saved until these are fixed" in dialogs.warned[0]
    assert "'prompt-1' is used by an earlier prompt" in dialogs.warned[0]
    assert dialogs.asked == []  # refused before any file or name was asked for
    assert list(tmp_path.iterdir()) == [tmp_path / "journal"]  # nothing written
    assert window.is_changed


# --- (3) signing on an unlocked journal ----------------------------------------------------


def test_sign_and_save_makes_the_identity_once_and_signs(
    qtbot: QtBot, window: PackAuthorWindow, dialogs: Dialogs, vault: Vault, tmp_path: Path
) -> None:
    assert vault.prompt_packs.identity() is None
    author_pack(qtbot, window)
    dialogs.signer_name = "Sam Okafor"
    dialogs.save_path = tmp_path / "first-month.toml"
    window.sign_action.trigger()
    assert dialogs.asked == ["name Sam Okafor", "save as the-first-month.toml"]
    stored = vault.prompt_packs.identity()
    assert stored is not None and stored.name == "Sam Okafor"
    identity = SigningIdentity(stored.name, stored.private_key)
    signer = verify(read_pack(dialogs.save_path.read_bytes()))
    assert signer is not None
    assert (signer.name, signer.public_key) == ("Sam Okafor", identity.public_key)
    (message,) = dialogs.told
    assert identity.fingerprint in message
    assert "Tell leaders this fingerprint yourself" in message
    assert not window.is_changed

    # A second signing uses the same identity and the same file, without asking.
    click(qtbot, window.editor.way_chips[Way.DOING])
    window.sign_action.trigger()
    assert dialogs.asked == ["name Sam Okafor", "save as the-first-month.toml"]
    again = verify(read_pack(dialogs.save_path.read_bytes()))
    assert again is not None and again.public_key == identity.public_key
    assert Way.DOING in read_pack(dialogs.save_path.read_bytes()).pack.prompts[1].ways


def test_signing_needs_an_unlocked_journal_and_a_name(
    qtbot: QtBot, dialogs: Dialogs, journal_dir: Path, tmp_path: Path, vault: Vault
) -> None:
    locked = PackAuthorWindow(Session(journal_dir))
    qtbot.addWidget(locked)
    author_pack(qtbot, locked)
    locked.sign_action.trigger()
    assert "Unlock your journal" in dialogs.warned[-1]
    locked.close()

    opened = Session(journal_dir)
    opened.adopt(vault)
    unlocked = PackAuthorWindow(opened)
    qtbot.addWidget(unlocked)
    author_pack(qtbot, unlocked)
    dialogs.signer_name = None  # the enabler cancels the name
    dialogs.save_path = tmp_path / "never.toml"
    unlocked.sign_action.trigger()
    assert vault.prompt_packs.identity() is None
    assert not dialogs.save_path.exists()
    unlocked.close()


# --- (4) acceptance: authored and signed in journal A, imported into journal B --------------


def test_a_pack_signed_in_one_journal_imports_as_signed_into_another(
    qtbot: QtBot,
    window: PackAuthorWindow,
    dialogs: Dialogs,
    vault: Vault,
    tmp_path: Path,
    journal_template: tuple[Path, str],
    recovery_key: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    author_pack(qtbot, window)
    type_into(qtbot, window.fields.description, "Two questions for the first weeks.")
    exported = tmp_path / "handed-over" / "first-month.toml"
    exported.parent.mkdir()
    dialogs.signer_name = "Sam Okafor"
    dialogs.save_path = exported
    window.sign_action.trigger()
    stored = vault.prompt_packs.identity()
    assert stored is not None
    fingerprint_a = SigningIdentity(stored.name, stored.private_key).fingerprint

    folder_b = tmp_path / "journal-b"
    shutil.copytree(journal_template[0], folder_b)
    vault_b = Vault.unlock(folder_b, recovery_key=recovery_key)
    session_b = Session(folder_b)
    session_b.adopt(vault_b)
    shown: list[ImportConfirmDialog] = []

    def compare_and_accept(dialog: ImportConfirmDialog) -> int:
        # The leader reads who signed it and the fingerprint, then imports.
        shown.append(dialog)
        dialog.import_button.click()
        return dialog.result()

    monkeypatch.setattr(ImportConfirmDialog, "exec", compare_and_accept)
    try:
        # Journal B imports the file through the app, as a leader would.
        assert pack_import.import_pack_file(window, session_b, exported)
        [dialog] = shown
        assert fingerprint_a in dialog.fingerprint.text()
        assert "Sam Okafor" in dialog.signed_by.text()
        (imported,) = [
            lp for lp in library(vault_b.prompt_packs) if lp.origin is not Origin.BUILTIN
        ]
        assert imported.origin is Origin.SIGNED
        assert imported.fingerprint == fingerprint_a
        assert imported.pack.id == "the-first-month"
        assert [p.text for p in imported.pack.prompts] == [FIRST, SECOND]
        assert imported.pack.description == "Two questions for the first weeks."
        assert vault.prompt_packs.stored() == []  # journal A only signed it
    finally:
        session_b.lock()


# --- opening files, and closing with changes -----------------------------------------------


def test_opening_a_bad_file_changes_nothing_and_a_good_one_loads(
    qtbot: QtBot, window: PackAuthorWindow, dialogs: Dialogs, tmp_path: Path
) -> None:
    author_pack(qtbot, window)
    before = window.form.copy()
    bad = tmp_path / "bad.toml"
    bad.write_text('format = 1\nid = "x"\ntitle = ""\n', encoding="utf-8")
    dialogs.open_path = bad
    window.open_action.trigger()
    (message,) = dialogs.warned
    assert message.startswith("bad.toml is not a valid prompt pack")
    assert window.form == before and window.fields.title_edit.text() == "The first month"

    good = tmp_path / "first-month.toml"
    good.write_text(
        (Path(__file__).parents[2] / "docs" / "prompt-packs.md")
        .read_text(encoding="utf-8")
        .split("```toml\n", 1)[1]
        .split("```", 1)[0],
        encoding="utf-8",
    )
    dialogs.open_path = good
    dialogs.unsaved = Unsaved.CANCEL
    window.open_action.trigger()
    assert dialogs.asked == ["open", "open", "unsaved"]
    assert window.form == before  # cancelled: the unsaved pack stays
    dialogs.unsaved = Unsaved.DISCARD
    window.open_action.trigger()
    assert window.fields.title_edit.text() == "The first month of the programme"
    assert window.fields.id_edit.text() == "first-month"
    assert window.fields.schedule.currentData() == "monday"
    assert window.model.rowCount() == 2
    assert window.editor.text.toPlainText().startswith("Who did you meet this week")
    assert window.editor.way_chips[Way.RELATING].isChecked()
    assert window.windowTitle() == "first-month.toml – Author a prompt pack"
    assert not window.is_changed
    qtbot.waitUntil(lambda: ready(window), timeout=3000)


def test_closing_with_changes_asks_and_cancel_keeps_the_window(
    qtbot: QtBot, window: PackAuthorWindow, dialogs: Dialogs, tmp_path: Path
) -> None:
    author_pack(qtbot, window)
    dialogs.unsaved = Unsaved.CANCEL
    assert not window.close()
    assert window.isVisible()
    dialogs.unsaved = Unsaved.SAVE
    dialogs.save_path = tmp_path / "kept.toml"
    assert window.close()
    assert read_pack(dialogs.save_path.read_bytes()).pack.title == "The first month"
    assert dialogs.asked == ["unsaved", "unsaved", "save as the-first-month.toml"]


def test_open_pack_author_shows_a_named_window(
    qtbot: QtBot, session: Session, dialogs: Dialogs
) -> None:
    shown = open_pack_author(session)
    try:
        qtbot.waitExposed(shown)
        assert shown.isVisible()
        assert unnamed_controls(shown) == []
        click(qtbot, shown.add_button)
        assert unnamed_controls(shown) == []
    finally:
        shown.close()  # deleted on close, as from the app's menu


# --- (5) the form, without a screen ----------------------------------------------------------


def test_slugs_from_titles() -> None:
    assert slugify("The First Month — of the Programme!") == "the-first-month-of-the-programme"
    assert slugify("  Café Élan: été 2026 ") == "cafe-elan-ete-2026"
    assert slugify("") == ""
    long = slugify("word " * 40)
    assert len(long) <= 60 and not long.endswith("-")


def test_new_prompt_ids_are_unique() -> None:
    assert new_prompt_id([]) == "prompt-1"
    assert new_prompt_id(["arrival", "the-knot"]) == "prompt-3"
    assert new_prompt_id(["prompt-1", "prompt-3"]) == "prompt-4"
    form = PackForm(prompts=[PromptForm("prompt-2"), PromptForm("prompt-3")])
    assert new_prompt(form).id == "prompt-4"
    form.every = Every.PROGRAMME_DAY
    number_days(form)
    assert [p.day for p in form.prompts] == [1, 2]
    assert new_prompt(form).day == 3


def round_trip(form: PackForm) -> PackForm:
    checked = check(form)
    assert checked.ready, checked.problems
    assert checked.toml == pack_to_toml(to_pack(form))
    return from_pack(read_pack(checked.toml.encode("utf-8")).pack)


def test_form_to_pack_to_form_round_trips() -> None:
    form = PackForm(
        title="Before a difficult board",
        author="Sam Okafor",
        id="difficult-board",
        version=3,
        description="For the week before a board that could go badly.\n\nUse it twice.",
        sources=("Sue Goss, Systems Leadership (OPM, 2015)", "Mary Fillmore"),
        every=Every.PROGRAMME_DAY,
        count=2,
        prompts=[
            PromptForm(
                "fear",
                "What are you afraid will happen?",
                (Way.FEELING, Way.BEING),
                (Lens.BIOGRAPHER,),
                KolbStage.EXPERIENCE,
                frozenset({Moment.BEFORE_MEETING}),
                day=2,
            ),
            PromptForm("allies", "Who will speak up with you?", (Way.RELATING,), day=1),
            PromptForm("after", "What would you do differently?", lenses=(Lens.SAGE,)),
        ],
    )
    assert round_trip(form) == form
    form.every, form.count = Every.SUNDAY, None
    for p in form.prompts:
        p.day = None
    assert round_trip(form) == form
    form.every = None
    assert round_trip(form) == form


def test_a_schedules_own_order_is_kept_and_follows_renames() -> None:
    text = (
        'format = 1\nid = "ordered"\ntitle = "Ordered"\nauthor = "Sam"\nversion = 1\n'
        '[schedule]\nevery = "day"\nprompts = ["b", "a"]\n'
        '[[prompts]]\nid = "a"\ntext = "A?"\n[[prompts]]\nid = "b"\ntext = "B?"\n'
    )
    form = from_pack(read_pack(text.encode()).pack)
    assert form.schedule_order == ("b", "a")
    assert round_trip(form) == form
    from ui.pack_author_form import rename_prompt

    rename_prompt(form, form.prompts[1], "bee")
    assert form.schedule_order == ("bee", "a")
    assert round_trip(form) == form


def test_problems_come_from_reading_the_pack_back() -> None:
    form = PackForm(
        title="T",
        author="A",
        id="tt",
        prompts=[PromptForm("same", "One?"), PromptForm("same", "   ")],
    )
    # One problem at a time where read_pack stops early, each named by the prompt's place.
    (problem,) = check(form).problems
    assert problem.endswith("prompts 2, text: is empty")
    form.prompts[1].text = "Two?"
    (problem,) = check(form).problems
    assert problem.endswith("prompts 2, id: 'same' is used by an earlier prompt")
    assert check(
        PackForm(title="T", author="A", id="reflect-x", prompts=[PromptForm("a", "?")])
    ).problems


def test_tags_read_as_the_leader_sees_them() -> None:
    prompt = PromptForm(
        "p",
        "?",
        (Way.RELATING, Way.FEELING, Way.DOING),
        (Lens.HISTORIAN,),
        KolbStage.PLANNING,
        frozenset({Moment.YEARLY, Moment.WEEKLY}),
        day=4,
    )
    assert tags(prompt, Every.PROGRAMME_DAY) == (
        "Day 4 · Ways of relating, feeling and doing · Historian · Planning · Weekly"
        " · Yearly review"
    )
    assert tags(PromptForm("p", "?"), None) == ""
