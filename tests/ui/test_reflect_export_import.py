"""File ▸ Import from another journal, given a Reflect export: plain JSON or encrypted (.age)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyrage import passphrase as age_passphrase
from pytestqt.qtbot import QtBot

from storage.exchange import export_document
from storage.vault import Vault
from tests.conftest import PASSPHRASE
from tests.ui.test_backup_restore import open_unlocked
from ui import import_dialog, reflect_export_import
from ui.main_window import MainWindow

DOCS = Path(__file__).resolve().parents[2] / "docs" / "export-format.md"
MOVE_PASSPHRASE = "copper meadow lantern seventy 88"


def example_export() -> bytes:
    return DOCS.read_text(encoding="utf-8").split("```json\n", 1)[1].split("```", 1)[0].encode()


class Answers:
    def __init__(self, monkeypatch: pytest.MonkeyPatch, path: Path, agree: bool) -> None:
        self.previews: list[list[str]] = []
        self.problems: list[str] = []
        self.done: list[str] = []
        self.asked = 0
        self.passphrase: str | None = None
        monkeypatch.setattr(import_dialog, "ask_import_source", lambda parent: path)
        monkeypatch.setattr(reflect_export_import, "ask_passphrase", self._ask)
        monkeypatch.setattr(
            reflect_export_import, "confirm_import", lambda p, n, holds: self._confirm(holds, agree)
        )
        monkeypatch.setattr(
            reflect_export_import, "show_problem", lambda p, t: self.problems.append(t)
        )
        monkeypatch.setattr(reflect_export_import, "show_done", lambda p, t: self.done.append(t))

    def _ask(self, parent: object, name: str) -> str | None:
        self.asked += 1
        return self.passphrase

    def _confirm(self, holds: list[str], agree: bool) -> bool:
        self.previews.append(holds)
        return agree


def contents(journal_dir: Path) -> dict[str, list[str]]:
    with Vault.unlock(journal_dir, passphrase=PASSPHRASE) as vault:
        document = export_document(vault)
    return {
        "titles": [r["title"] for r in document["reflections"]],
        "meetings": [m["title"] for m in document["meetings"]],
        "storylines": [s["name"] for s in document["storylines"]],
    }


def test_a_plain_export_is_previewed_then_imported_whole(
    qtbot: QtBot,
    window: MainWindow,
    journal_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = tmp_path / "from-my-laptop.json"
    source.write_bytes(example_export())
    answers = Answers(monkeypatch, source, agree=True)
    open_unlocked(qtbot, window)

    assert import_dialog.import_from_other_journal(window, window.session)

    assert answers.asked == 0  # plain JSON needs no passphrase
    assert answers.previews == [
        [
            "2 reflections (1 in the trash)",
            "1 meeting",
            "2 people and organisations",
            "1 follow-up",
            "1 storyline",
            "1 choice of prompt pack",
            "1 pinned, hidden or offered prompt",
        ]
    ]
    assert answers.problems == []
    assert "2 added" in answers.done[0] and "1 meeting" in answers.done[0]
    window.session.lock()
    found = contents(journal_dir)
    assert "Discharge huddle with the council" in found["titles"]
    assert found["meetings"] == ["Discharge huddle"]
    assert found["storylines"] == ["Home first"]


def test_saying_no_at_the_preview_imports_nothing(
    qtbot: QtBot,
    window: MainWindow,
    journal_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = tmp_path / "export.json"
    source.write_bytes(example_export())
    answers = Answers(monkeypatch, source, agree=False)
    open_unlocked(qtbot, window)

    assert not import_dialog.import_from_other_journal(window, window.session)

    assert len(answers.previews) == 1 and answers.done == []
    window.session.lock()
    assert contents(journal_dir)["meetings"] == []


def test_an_encrypted_export_asks_for_its_passphrase_and_a_wrong_one_changes_nothing(
    qtbot: QtBot,
    window: MainWindow,
    journal_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sealed = tmp_path / "reflect-export.age"
    sealed.write_bytes(bytes(age_passphrase.encrypt(example_export(), MOVE_PASSPHRASE)))
    answers = Answers(monkeypatch, sealed, agree=True)
    open_unlocked(qtbot, window)

    answers.passphrase = "not the passphrase at all"
    assert not import_dialog.import_from_other_journal(window, window.session)
    assert "passphrase is wrong" in answers.problems[0]
    assert answers.previews == []

    answers.passphrase = None  # cancelled
    assert not import_dialog.import_from_other_journal(window, window.session)
    assert answers.previews == [] and len(answers.problems) == 1

    answers.passphrase = MOVE_PASSPHRASE
    assert import_dialog.import_from_other_journal(window, window.session)
    assert answers.asked == 3 and len(answers.previews) == 1
    window.session.lock()
    assert contents(journal_dir)["meetings"] == ["Discharge huddle"]


def test_a_damaged_reflect_export_is_refused_naming_the_field(
    qtbot: QtBot,
    window: MainWindow,
    journal_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    source = tmp_path / "export.json"
    source.write_bytes(example_export().replace(b'"status": "open"', b'"status": "maybe"'))
    answers = Answers(monkeypatch, source, agree=True)
    open_unlocked(qtbot, window)

    assert not import_dialog.import_from_other_journal(window, window.session)

    assert "follow_ups[0].status" in answers.problems[0]
    assert answers.previews == []
    window.session.lock()
    assert contents(journal_dir)["meetings"] == []
