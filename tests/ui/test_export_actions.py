"""File ▸ Export on a real journal: a PDF, a Markdown folder, Reflect JSON, an encrypted copy.

The dialogs that ask where (and what) are module-level functions in
ui.export_actions, replaced here; the PDF dialog and the passphrase dialog are
also exercised as real widgets.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QAbstractButton, QDateEdit, QMenu, QWidget
from pytestqt.qtbot import QtBot

from reflect.model import NewReflection, Reflection, Section
from storage.encrypted_export import is_passphrase_age
from storage.vault import Vault
from tests.conftest import OTHER_PASSPHRASE
from tests.ui.test_app_flows import unlock
from ui import export_actions
from ui.export_actions import ExportActions
from ui.export_passphrase_dialog import ExportPassphraseDialog
from ui.main_window import MainWindow
from ui.pdf_export_dialog import PDF_WARNING, PdfChoice, PdfExportDialog, PdfOptions, Scope

TITLES = ("Budget with Asha", "Board <b>papers</b> & co", "Discharge with Tom")


def seed(journal_dir: Path, recovery_key: str) -> None:
    with Vault.unlock(journal_dir, recovery_key=recovery_key) as vault:
        for title, tag, day in zip(TITLES, ("money", "board", "board"), (3, 20, 21), strict=True):
            vault.add(
                NewReflection(
                    sections=(Section(f"{title.lower()}: what happened"),),
                    title=title,
                    tags=[tag],
                    happened_at=datetime(2026, 3, day, 12, tzinfo=UTC),
                )
            )


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Every question the actions ask, answered from this dict; what was asked, recorded."""
    answers: dict[str, Any] = {"confirm": True, "problems": [], "calls": []}

    def confirm(parent: QWidget, text: str) -> bool:
        answers["calls"].append("confirm")
        return bool(answers["confirm"])

    def choose(parent: QWidget, options: PdfOptions) -> PdfChoice | None:
        answers["calls"].append("pdf")
        answers["options"] = options
        return answers.get("choice")

    def save(parent: QWidget, caption: str, suggested: Path, kind: str) -> Path | None:
        answers["calls"].append("save")
        answers["suggested"] = suggested
        return answers.get("path")

    def folder(parent: QWidget, caption: str, start: Path) -> Path | None:
        answers["calls"].append("folder")
        return answers.get("folder")

    def passphrase(parent: QWidget, session: object) -> str | None:
        answers["calls"].append("passphrase")
        return answers.get("passphrase")

    monkeypatch.setattr(export_actions, "confirm_plaintext", confirm)
    monkeypatch.setattr(export_actions, "choose_pdf_contents", choose)
    monkeypatch.setattr(export_actions, "ask_save_path", save)
    monkeypatch.setattr(export_actions, "choose_folder", folder)
    monkeypatch.setattr(export_actions, "ask_export_passphrase", passphrase)
    monkeypatch.setattr(
        export_actions, "show_problem", lambda parent, text: answers["problems"].append(text)
    )
    return answers


@pytest.fixture
def exports(
    qtbot: QtBot, window: MainWindow, journal_dir: Path, recovery_key: str
) -> ExportActions:
    seed(journal_dir, recovery_key)
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.journal.model.rowCount() == 3, timeout=10_000)
    return window.exports


@pytest.fixture
def written(monkeypatch: pytest.MonkeyPatch) -> list[tuple[list[Reflection], str]]:
    """The reflections and heading of each PDF written (the real writer still writes it)."""
    calls: list[tuple[list[Reflection], str]] = []
    real = export_actions.write_reflections_pdf

    def spy(reflections: Sequence[Reflection], path: Path, heading: str) -> None:
        calls.append((list(reflections), heading))
        real(reflections, path, heading)

    monkeypatch.setattr(export_actions, "write_reflections_pdf", spy)
    return calls


def run(qtbot: QtBot, exports: ExportActions, trigger: Any) -> tuple[Path, int]:
    """Trigger an action and wait until it has exported (the file and count) or failed."""
    results: list[tuple[Any, Any]] = []
    exports.exported.connect(lambda path, count: results.append((path, count)))
    exports.failed.connect(lambda text: results.append(("failed", text)))
    trigger()
    qtbot.waitUntil(lambda: bool(results), timeout=20_000)
    assert results[0][0] != "failed", results[0][1]
    return results[0]


def files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --- the menu ---------------------------------------------------------------------------


def test_the_export_menu_follows_the_lock(qtbot: QtBot, window: MainWindow) -> None:
    (file_menu,) = (m for m in window.menuBar().findChildren(QMenu) if m.title() == "&File")
    texts = [a.text() for a in file_menu.actions()]
    assert texts[texts.index("Backups &folder…") + 1] == "E&xport"
    assert [a.text() for a in window.exports.menu.actions()] == [
        "As &PDF…",
        "As &Markdown folder…",
        "Reflect &JSON…",
        "&Encrypted copy for another computer…",
    ]
    assert all(not act.isEnabled() for act in window.exports.actions)
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.session.is_unlocked, timeout=10_000)
    qtbot.waitUntil(lambda: all(a.isEnabled() for a in window.exports.actions), timeout=5_000)
    window.session.lock()
    assert all(not act.isEnabled() for act in window.exports.actions)


# --- PDF --------------------------------------------------------------------------------


def test_pdf_of_the_listed_reflections_honours_the_filter(
    qtbot: QtBot,
    window: MainWindow,
    exports: ExportActions,
    asked: dict[str, Any],
    written: list[tuple[list[Reflection], str]],
    tmp_path: Path,
) -> None:
    page = window.journal
    page.filter_toggle.click()
    with qtbot.waitSignal(page.filter_bar.changed, timeout=2_000):
        page.filter_bar.tags.setText("board")
    assert page.model.rowCount() == 2
    target = tmp_path / "listed.pdf"
    asked.update(path=target, choice=PdfChoice(Scope.LISTED, date(2026, 1, 1), date(2026, 1, 1)))
    path, count = run(qtbot, exports, exports.pdf_action.trigger)
    assert (path, count) == (target, 2)
    assert asked["options"].listed == 2
    assert asked["suggested"].name == f"reflections-{date.today().isoformat()}.pdf"
    (reflections, heading), *_ = written
    assert [r.title for r in reflections] == [TITLES[1], TITLES[2]]  # oldest first
    assert heading == "Reflections, 20 March 2026 to 21 March 2026"
    assert target.read_bytes().startswith(b"%PDF")
    message = window.statusBar().currentMessage()
    assert "listed.pdf" in message and "2 reflections" in message
    assert not asked["problems"]


def test_pdf_of_this_reflection_saves_what_is_being_typed_first(
    qtbot: QtBot,
    window: MainWindow,
    exports: ExportActions,
    asked: dict[str, Any],
    written: list[tuple[list[Reflection], str]],
    tmp_path: Path,
) -> None:
    window.new_action.trigger()
    editor = window.journal.editor
    qtbot.keyClicks(editor.title, "Typed just now")
    qtbot.keyClicks(editor.section_editors[0].text, "not yet saved")
    asked.update(
        path=tmp_path / "one.pdf", choice=PdfChoice(Scope.CURRENT, date.today(), date.today())
    )
    _, count = run(qtbot, exports, exports.pdf_action.trigger)
    assert count == 1
    assert asked["options"].current_title == "Typed just now"
    assert asked["options"].listed == 4  # the list reloaded with it
    ((only,), heading), *_ = written
    assert only.title == "Typed just now" and only.body == "not yet saved"
    assert heading.startswith("Reflection, ")


def test_pdf_between_two_dates(
    qtbot: QtBot,
    exports: ExportActions,
    asked: dict[str, Any],
    written: list[tuple[list[Reflection], str]],
    tmp_path: Path,
) -> None:
    asked.update(
        path=tmp_path / "march.pdf",
        choice=PdfChoice(Scope.DATES, date(2026, 3, 1), date(2026, 3, 20)),
    )
    _, count = run(qtbot, exports, exports.pdf_action.trigger)
    assert count == 2
    (reflections, heading), *_ = written
    assert [r.title for r in reflections] == [TITLES[0], TITLES[1]]
    assert heading == "Reflections, 1 March 2026 to 20 March 2026"


def test_no_reflections_between_the_dates_is_a_message_not_a_file(
    qtbot: QtBot, exports: ExportActions, asked: dict[str, Any], tmp_path: Path
) -> None:
    asked.update(
        path=tmp_path / "empty.pdf",
        choice=PdfChoice(Scope.DATES, date(2020, 1, 1), date(2020, 2, 1)),
    )
    exports.pdf_action.trigger()
    assert asked["calls"] == ["pdf"]  # told before being asked where
    (problem,) = asked["problems"]
    assert "no reflections between 1 January 2020 and 1 February 2020" in problem
    assert files(tmp_path) == ["journal"]
    assert not exports.busy


@pytest.mark.parametrize("cancel_at", ["pdf", "save"])
def test_cancelling_the_pdf_writes_nothing(
    qtbot: QtBot,
    exports: ExportActions,
    asked: dict[str, Any],
    tmp_path: Path,
    cancel_at: str,
) -> None:
    if cancel_at == "save":
        asked["choice"] = PdfChoice(Scope.LISTED, date.today(), date.today())
    exports.pdf_action.trigger()
    qtbot.wait(50)
    assert asked["calls"][-1] == cancel_at
    assert files(tmp_path) == ["journal"]
    assert not exports.busy and not asked["problems"]


# --- Markdown ---------------------------------------------------------------------------


def test_markdown_into_a_new_or_empty_folder(
    qtbot: QtBot, exports: ExportActions, asked: dict[str, Any], tmp_path: Path
) -> None:
    empty = tmp_path / "notes"
    empty.mkdir()
    asked["folder"] = empty
    path, count = run(qtbot, exports, exports.markdown_action.trigger)
    assert (path, count) == (empty, 3)
    assert asked["calls"][:2] == ["confirm", "folder"]  # warned before anything else
    assert len(files(empty)) == 3 and all(n.endswith(".md") for n in files(empty))
    assert "Budget with Asha" in (empty / files(empty)[0]).read_text(encoding="utf-8")

    asked["folder"] = tmp_path / "new"
    _, count = run(qtbot, exports, exports.markdown_action.trigger)
    assert count == 3 and len(files(tmp_path / "new")) == 3


def test_markdown_into_a_folder_with_files_is_refused(
    qtbot: QtBot, exports: ExportActions, asked: dict[str, Any], tmp_path: Path
) -> None:
    full = tmp_path / "full"
    full.mkdir()
    (full / "mine.txt").write_text("keep me", encoding="utf-8")
    asked["folder"] = full
    exports.markdown_action.trigger()
    qtbot.wait(50)
    (problem,) = asked["problems"]
    assert str(full) in problem and "empty or new folder" in problem
    assert files(full) == ["mine.txt"]
    assert not exports.busy


def test_declining_the_warning_asks_nothing_more(
    qtbot: QtBot, exports: ExportActions, asked: dict[str, Any], tmp_path: Path
) -> None:
    asked["confirm"] = False
    exports.markdown_action.trigger()
    exports.json_action.trigger()
    assert asked["calls"] == ["confirm", "confirm"]
    assert files(tmp_path) == ["journal"]


# --- Reflect JSON -----------------------------------------------------------------------


def test_reflect_json(
    qtbot: QtBot, window: MainWindow, exports: ExportActions, asked: dict[str, Any], tmp_path: Path
) -> None:
    target = tmp_path / "everything.json"
    asked["path"] = target
    path, count = run(qtbot, exports, exports.json_action.trigger)
    assert (path, count) == (target, 3)
    assert asked["suggested"].name.startswith("reflect-export-")
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["format"] == "reflect-journal-export"
    assert "everything.json" in window.statusBar().currentMessage()


def test_an_unwritable_place_is_a_message_and_nothing_is_kept(
    qtbot: QtBot, exports: ExportActions, asked: dict[str, Any], tmp_path: Path
) -> None:
    asked["path"] = tmp_path / "no such folder" / "everything.json"
    with qtbot.waitSignal(exports.failed, timeout=20_000) as blocker:
        exports.json_action.trigger()
    assert "everything.json could not be written" in blocker.args[0]
    assert "Traceback" not in blocker.args[0]
    assert asked["problems"] == [blocker.args[0]]
    assert files(tmp_path) == ["journal"]
    assert not exports.busy


# --- the encrypted copy -----------------------------------------------------------------


def test_encrypted_copy(
    qtbot: QtBot, exports: ExportActions, asked: dict[str, Any], tmp_path: Path
) -> None:
    target = tmp_path / "moving.age"
    asked.update(path=target, passphrase=OTHER_PASSPHRASE)
    path, count = run(qtbot, exports, exports.encrypted_action.trigger)
    assert (path, count) == (target, 3)
    assert asked["calls"] == ["passphrase", "save"]
    assert asked["suggested"].name == f"reflect-export-{date.today().isoformat()}.age"
    assert is_passphrase_age(target.read_bytes())
    assert b"Budget" not in target.read_bytes()


def test_no_passphrase_no_copy(
    qtbot: QtBot, exports: ExportActions, asked: dict[str, Any], tmp_path: Path
) -> None:
    exports.encrypted_action.trigger()
    assert asked["calls"] == ["passphrase"]
    assert files(tmp_path) == ["journal"]


# --- the dialogs themselves -------------------------------------------------------------


def named(widget: QWidget) -> None:
    for child in widget.findChildren(QAbstractButton) + widget.findChildren(QDateEdit):
        if child.isVisibleTo(widget):
            assert child.accessibleName(), child


def test_the_pdf_dialog_offers_what_there_is(qtbot: QtBot) -> None:
    options = PdfOptions("A & B", 0, date(2026, 3, 1), date(2026, 3, 31))
    dialog = PdfExportDialog(options)
    qtbot.addWidget(dialog)
    dialog.show()
    named(dialog)
    assert dialog.warning.accessibleDescription() == PDF_WARNING
    assert "<b>A PDF is not encrypted:</b>" in dialog.warning.text()
    assert dialog.current.isChecked() and "A && B" in dialog.current.text()
    assert not dialog.listed.isEnabled()
    assert not dialog.first.isEnabled()
    assert dialog.choice() == PdfChoice(Scope.CURRENT, date(2026, 3, 1), date(2026, 3, 31))
    dialog.dates.setChecked(True)
    assert dialog.first.isEnabled() and dialog.last.isEnabled()
    dialog.first.setFocus()
    dialog.last.setDate(QDate(2026, 2, 1))  # backwards still means that range
    assert dialog.choice() == PdfChoice(Scope.DATES, date(2026, 2, 1), date(2026, 3, 1))
    qtbot.keyClick(dialog.save_button, Qt.Key.Key_Space)
    assert dialog.result() == PdfExportDialog.DialogCode.Accepted


def test_the_pdf_dialog_without_an_open_reflection(qtbot: QtBot) -> None:
    dialog = PdfExportDialog(PdfOptions(None, 1, date(2026, 3, 1), date(2026, 3, 31)))
    qtbot.addWidget(dialog)
    assert not dialog.current.isEnabled()
    assert dialog.listed.isChecked() and dialog.listed.text() == "The 1 reflection in the &list"


def test_the_passphrase_dialog_wants_two_matching_strong_ones(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = ExportPassphraseDialog(window.session, window)
    qtbot.addWidget(dialog)
    dialog.show()
    named(dialog)
    qtbot.keyClicks(dialog.new, "short")
    assert not dialog.assess()
    dialog.new.setText(OTHER_PASSPHRASE)
    dialog.again.setText(OTHER_PASSPHRASE + "x")
    assert not dialog.assess() and "differ" in dialog.advice.text()
    dialog.again.setText(OTHER_PASSPHRASE)
    assert dialog.assess() and dialog.ok_button.isEnabled()
    qtbot.keyClick(dialog.again, Qt.Key.Key_Return)
    assert dialog.result() == ExportPassphraseDialog.DialogCode.Accepted
    assert dialog.passphrase() == OTHER_PASSPHRASE
