"""File ▸ Import from another journal: preview, agree, import once, on a real journal."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reflect.frameworks import Lens, Way
from storage.vault import Vault
from tests.conftest import PASSPHRASE
from tests.ui.test_backup_restore import open_unlocked
from ui import import_dialog
from ui.import_dialog import ImportDialog
from ui.main_window import MainWindow

JRNL = (
    "[2025-03-04 09:15] Board meeting *\nThe discharge item again. @relating\n\n"
    "[2025-03-05 17:40] Walk home\nWhat I carry forward from today. @sage\n"
)


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    texts: dict[str, list[str]] = {"problem": [], "done": []}
    monkeypatch.setattr(import_dialog, "show_problem", lambda p, t: texts["problem"].append(t))
    monkeypatch.setattr(import_dialog, "show_done", lambda p, t: texts["done"].append(t))
    return texts


def choose(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(import_dialog, "ask_import_source", lambda parent: path)


def answer(monkeypatch: pytest.MonkeyPatch, tick: bool, accept: bool) -> list[ImportDialog]:
    seen: list[ImportDialog] = []

    def run(dialog: ImportDialog) -> bool:
        seen.append(dialog)
        dialog.map_tags.setChecked(tick)
        return accept

    monkeypatch.setattr(import_dialog, "run_dialog", run)
    return seen


def imported(journal_dir: Path) -> dict[str, object]:
    with Vault.unlock(journal_dir, passphrase=PASSPHRASE) as vault:
        return {r.title: r for r in vault.newest() if r.title in ("Board meeting", "Walk home")}


@pytest.fixture
def jrnl(tmp_path: Path) -> Path:
    path = tmp_path / "journal.txt"
    path.write_text(JRNL, encoding="utf-8")
    return path


def test_preview_shows_entries_and_mapping(qtbot: QtBot, window: MainWindow, jrnl: Path) -> None:
    open_unlocked(qtbot, window)
    preview = import_dialog.read_source(jrnl)
    dialog = ImportDialog(window.session, preview, jrnl.name, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "2 entries to import from journal.txt" in dialog.summary.text()
    assert "2025-03-04 to 2025-03-05" in dialog.summary.text()
    assert dialog.model.rowCount() == 2
    assert dialog.model.item(0, 1).text() == "Board meeting"
    assert dialog.map_tags.isVisible() and not dialog.map_tags.isChecked()
    assert "relating → the way of Relating" in dialog.map_tags.text()
    assert "sage → the Sage lens" in dialog.map_tags.text()


def test_accept_with_mapping_then_again_is_already_there(
    qtbot: QtBot,
    window: MainWindow,
    journal_dir: Path,
    jrnl: Path,
    monkeypatch: pytest.MonkeyPatch,
    shown: dict[str, list[str]],
) -> None:
    open_unlocked(qtbot, window)
    choose(monkeypatch, jrnl)
    seen = answer(monkeypatch, tick=True, accept=True)
    window.import_journal_action.trigger()
    assert len(seen) == 1 and shown["done"] == [
        "Imported from journal.txt: 2 added, 0 already there."
    ]
    window.import_journal_action.trigger()
    assert shown["done"][-1] == "Imported from journal.txt: 0 added, 2 already there."
    assert shown["problem"] == []
    window.session.lock()
    window.session.background.wait()
    found = imported(journal_dir)
    assert Way.RELATING in found["Board meeting"].ways  # type: ignore[attr-defined]
    assert found["Walk home"].sections[0].lens is Lens.SAGE  # type: ignore[attr-defined]


def test_cancel_imports_nothing(
    qtbot: QtBot,
    window: MainWindow,
    journal_dir: Path,
    jrnl: Path,
    monkeypatch: pytest.MonkeyPatch,
    shown: dict[str, list[str]],
) -> None:
    open_unlocked(qtbot, window)
    choose(monkeypatch, jrnl)
    seen = answer(monkeypatch, tick=True, accept=False)
    window.import_journal_action.trigger()
    assert len(seen) == 1 and shown == {"problem": [], "done": []}
    window.session.lock()
    window.session.background.wait()
    assert imported(journal_dir) == {}


def test_broken_file_warns_and_imports_nothing(
    qtbot: QtBot,
    window: MainWindow,
    journal_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    shown: dict[str, list[str]],
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    open_unlocked(qtbot, window)
    choose(monkeypatch, broken)
    seen = answer(monkeypatch, tick=False, accept=True)
    window.import_journal_action.trigger()
    assert seen == [] and shown["done"] == []
    assert len(shown["problem"]) == 1 and "broken.json" in shown["problem"][0]
    assert "Nothing was imported" in shown["problem"][0]
    window.session.lock()
    window.session.background.wait()
    assert imported(journal_dir) == {}
