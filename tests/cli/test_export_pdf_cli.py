"""`reflect export --pdf FILE [--since DATE] [--until DATE]`, through the `reflect` launcher."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from reflect.model import NewReflection, Reflection, Section
from storage.vault import Vault
from tests.conftest import PASSPHRASE
from ui import reflections_pdf
from ui.launcher import main as launcher

TITLES = ("Early March", "Mid March <b>&</b>", "Late March", "Thrown away")


@pytest.fixture
def journal(journal_dir: Path, recovery_key: str) -> Path:
    with Vault.unlock(journal_dir, recovery_key=recovery_key) as vault:
        added = [
            vault.add(
                NewReflection(
                    sections=(Section(f"{title}: Llongyfarchiadau ŵ ŷ 🌱"),),
                    title=title,
                    happened_at=datetime(2026, 3, day, 12, tzinfo=UTC),
                )
            )
            for title, day in zip(TITLES, (2, 15, 28, 16), strict=True)
        ]
        vault.delete(added[-1].id)  # the trash is left out
    return journal_dir


@pytest.fixture
def written(monkeypatch: pytest.MonkeyPatch) -> list[tuple[list[str], str]]:
    """The titles and heading of each PDF the launcher's writer made (it still writes it)."""
    calls: list[tuple[list[str], str]] = []
    real = reflections_pdf.write_reflections_pdf

    def spy(reflections: Sequence[Reflection], path: Path, heading: str) -> None:
        calls.append(([r.title for r in reflections], heading))
        real(reflections, path, heading)

    monkeypatch.setattr(reflections_pdf, "write_reflections_pdf", spy)
    return calls


@pytest.fixture
def argv(
    qapp: QApplication, journal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> list[str]:
    monkeypatch.setattr("cli.unlock.has_terminal", lambda: False)
    secret = tmp_path / "passphrase.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return ["--data-dir", str(journal), "--passphrase-file", str(secret), "export"]


def pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", data))


def test_export_pdf_writes_every_live_reflection_oldest_first(
    argv: list[str],
    written: list[tuple[list[str], str]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "all.pdf"
    capsys.readouterr()
    assert launcher([*argv, "--pdf", str(out)]) == 0
    err = capsys.readouterr().err
    assert "PLAINTEXT" in err and f"Exported 3 reflection(s) to {out}." in err
    assert written == [(list(TITLES[:3]), "Reflections, 2 March 2026 to 28 March 2026")]
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and pages(data) == 3
    if os.name == "posix":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_since_and_until_choose_the_reflections_and_the_heading(
    argv: list[str],
    written: list[tuple[list[str], str]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "mid.pdf"
    code = launcher([*argv, "--pdf", str(out), "--since", "2026-03-10", "--until", "2026-03-28"])
    assert code == 0, capsys.readouterr().err
    assert written == [(list(TITLES[1:3]), "Reflections, 10 March 2026 to 28 March 2026")]
    assert pages(out.read_bytes()) == 2

    assert launcher([*argv, "--pdf", str(tmp_path / "to.pdf"), "--until", "2026-03-02"]) == 0
    assert written[-1] == ([TITLES[0]], "Reflections, 2 March 2026")

    capsys.readouterr()
    none = tmp_path / "none.pdf"
    assert launcher([*argv, "--pdf", str(none), "--since", "2027-01-01"]) == 1
    assert "No reflections match" in capsys.readouterr().err
    assert not none.exists()


def test_an_existing_file_needs_force(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "mine.pdf"
    out.write_bytes(b"keep me")
    capsys.readouterr()
    assert launcher([*argv, "--pdf", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("reflect: ") and "--force" in err and "Traceback" not in err
    assert "PLAINTEXT" not in err  # refused before anything else
    assert out.read_bytes() == b"keep me"
    assert launcher([*argv, "--pdf", str(out), "--force"]) == 0
    assert out.read_bytes().startswith(b"%PDF")


def test_bad_dates_and_misplaced_options_are_clear(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.pdf"
    capsys.readouterr()
    assert launcher([*argv, "--pdf", str(out), "--since", "March"]) == 1
    assert "since" in capsys.readouterr().err
    assert launcher([*argv, "--pdf", str(out), "--since", "2026-04-01", "--until", "2026-03-01"])
    assert "after its end" in capsys.readouterr().err
    assert launcher([*argv, "--out", str(tmp_path / "x.json"), "--since", "2026-03-01"]) == 1
    assert "--pdf" in capsys.readouterr().err
    assert not out.exists() and not (tmp_path / "x.json").exists()


def test_the_plain_command_line_cannot_draw_a_pdf(
    journal: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from cli import exchange_commands
    from cli.main import main as command_line

    monkeypatch.setattr(exchange_commands, "pdf_writer", None)  # the launcher sets it
    out = tmp_path / "x.pdf"
    assert command_line(["--data-dir", str(journal), "export", "--pdf", str(out)]) != 0
    assert "reflect` program" in capsys.readouterr().err
    assert not out.exists()
