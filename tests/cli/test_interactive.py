"""Typing at a terminal: unlock comes before writing, and a typo never costs the text."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from cli import unlock as cli_unlock
from cli.main import EXIT_WRONG_SECRET, main
from storage.vault import Vault
from tests.conftest import PASSPHRASE


class TerminalInput(io.StringIO):
    """Text arriving from a person at a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """What the person types at each hidden prompt, in order; the order is checked too."""
    queue: list[str] = []
    monkeypatch.setattr(cli_unlock, "has_terminal", lambda: True)

    def prompt(text: str = "") -> str:
        assert queue, f"unexpected prompt: {text!r}"
        return queue.pop(0)

    monkeypatch.setattr(cli_unlock.getpass, "getpass", prompt)
    yield queue
    assert queue == [], "not every answer was asked for"


def typing(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", TerminalInput(text))


def test_a_mistyped_passphrase_can_be_retyped_before_writing(
    journal_dir: Path, recovery_key: str, answers: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    answers += ["not it at all", PASSPHRASE]
    typing(monkeypatch, "# Call with the CCG\nI held my ground.\n")
    assert main(["--data-dir", str(journal_dir), "add"]) == 0
    with Vault.unlock(journal_dir, recovery_key=recovery_key) as vault:
        (saved,) = vault.newest()
    assert (saved.title, saved.body) == ("Call with the CCG", "I held my ground.")


def test_three_wrong_passphrases_end_the_command_before_anything_is_typed(
    journal_dir: Path, answers: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    answers += ["wrong one", "wrong two", "wrong three"]
    stdin = TerminalInput("words that must not be read yet\n")
    monkeypatch.setattr("sys.stdin", stdin)
    assert main(["--data-dir", str(journal_dir), "add"]) == EXIT_WRONG_SECRET
    assert stdin.tell() == 0  # the person was never asked to write


def test_typed_text_that_cannot_be_saved_is_kept_as_a_draft(
    journal_dir: Path,
    recovery_key: str,
    answers: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    answers.append(PASSPHRASE)
    typing(monkeypatch, "one part, but two lenses asked for\n")
    code = main(["--data-dir", str(journal_dir), "add", "--lens", "sage", "--lens", "historian"])
    assert code == 1
    assert "kept, encrypted, as a draft" in capsys.readouterr().err
    with Vault.unlock(journal_dir, recovery_key=recovery_key) as vault:
        (draft,) = vault.pending_drafts()
        assert vault.count() == 0
    assert draft.sections[0].text == "one part, but two lenses asked for\n"


def test_editing_at_a_terminal_also_unlocks_first(
    journal_dir: Path, recovery_key: str, answers: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with Vault.unlock(journal_dir, recovery_key=recovery_key) as vault:
        from reflect.model import NewReflection, Section

        rid = vault.add(NewReflection(sections=(Section("first go"),))).id
    answers.append(PASSPHRASE)
    typing(monkeypatch, "second go\n")
    assert main(["--data-dir", str(journal_dir), "edit", str(rid)[:8]]) == 0
    with Vault.unlock(journal_dir, recovery_key=recovery_key) as vault:
        assert vault.get(rid).body == "second go"
        assert [v.reflection.body for v in vault.history(rid)] == ["first go"]
