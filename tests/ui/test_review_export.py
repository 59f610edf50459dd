"""The review as a PDF and as one web page: from the Review page and from `reflect review`."""

from __future__ import annotations

import re
import stat
import uuid
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reflect.frameworks import Lens, Way
from reflect.review import Period, Review, build_review
from storage.review_data import review_input
from storage.vault import Vault
from tests.conftest import PASSPHRASE
from tests.ui.test_review_page import add, journal, page, session, wait_for_report
from ui import review_page
from ui.launcher import main as launcher
from ui.review_export import PLAINTEXT_WARNING, html_text, write_html, write_pdf
from ui.review_page import ReviewPage

__all__ = ["journal", "page", "session"]  # fixtures shared with the Review page's tests

SCRIPT_TITLE = "<script>alert('x')</script> & co"


@pytest.fixture
def review(qtbot: QtBot, vault: Vault, journal: dict[str, uuid.UUID]) -> Review:
    """2026 from the shared journal, plus a starred reflection whose title is markup."""
    add(
        vault,
        SCRIPT_TITLE,
        date(2026, 7, 1),
        "Neighbourhood teams and the <b>housing</b> association.",
        (Way.RELATING,),
        Lens.SAGE,
        starred=True,
        people=("Ann <i>Lee</i>",),
    )
    return build_review(review_input(vault, Period.year(2026)))


def pdf_pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", data))


def test_the_pdf_has_a_cover_and_numbered_pages(review: Review, tmp_path: Path) -> None:
    path = tmp_path / "review.pdf"
    write_pdf(review, path)
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    assert pdf_pages(data) >= 3
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not list(tmp_path.glob(".*.tmp"))  # written atomically: no temp file left


def test_the_web_page_is_self_contained_and_escaped(review: Review, tmp_path: Path) -> None:
    path = tmp_path / "review.html"
    write_html(review, path)
    page_text = path.read_text(encoding="utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "Looking back on 2026" in page_text
    assert page_text.count("src='data:image/png;base64,") == 5
    assert not re.search(r"https?://", page_text)
    assert "<script" not in page_text.lower()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; co" in page_text
    assert "Ann &lt;i&gt;Lee&lt;/i&gt;" in page_text
    assert "<link" not in page_text and "@import" not in page_text
    assert "not encrypted" in page_text


def test_the_web_page_compares_with_the_year_before(review: Review) -> None:
    assert "Compared with 2025" in html_text(review)


@pytest.mark.parametrize(("button", "suffix"), [("pdf_button", "pdf"), ("html_button", "html")])
def test_the_page_warns_then_asks_where_then_saves(
    qtbot: QtBot,
    page: ReviewPage,
    journal: dict[str, uuid.UUID],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    button: str,
    suffix: str,
) -> None:
    page.refresh()
    wait_for_report(qtbot, page, 2026)
    asked: list[str] = []
    target = tmp_path / f"mine.{suffix}"
    monkeypatch.setattr(
        review_page, "confirm_plaintext", lambda parent: asked.append("warn") or True
    )
    monkeypatch.setattr(
        review_page,
        f"ask_{suffix}_path",
        lambda parent, suggested: asked.append(suggested) or target,
    )
    pressed = getattr(page, button)
    assert pressed.isEnabled() and pressed.accessibleName()
    pressed.click()
    assert asked[0] == "warn" and asked[1].endswith(f"reflect-review-2026.{suffix}")
    assert target.read_bytes().startswith(b"%PDF" if suffix == "pdf" else b"<!DOCTYPE html>")
    assert target.name in page.status.text()


def test_declining_the_warning_saves_nothing(
    qtbot: QtBot,
    page: ReviewPage,
    journal: dict[str, uuid.UUID],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page.refresh()
    wait_for_report(qtbot, page, 2026)
    monkeypatch.setattr(review_page, "confirm_plaintext", lambda parent: False)
    monkeypatch.setattr(review_page, "ask_pdf_path", lambda *a: pytest.fail("asked anyway"))
    page.pdf_button.click()
    assert PLAINTEXT_WARNING.startswith("The file is not encrypted")


def test_the_buttons_wait_for_a_report(page: ReviewPage) -> None:
    assert not page.pdf_button.isEnabled() and not page.html_button.isEnabled()


def test_reflect_review_writes_both_files_and_refuses_to_overwrite(
    qtbot: QtBot,
    review: Review,
    journal_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from cli import review_commands

    monkeypatch.setattr("cli.unlock.has_terminal", lambda: False)
    monkeypatch.setattr(review_commands, "report_writer", None)  # the launcher sets it
    secret = tmp_path / "passphrase.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    pdf, web = tmp_path / "year.pdf", tmp_path / "year.html"
    argv = [
        "--data-dir", str(journal_dir), "--passphrase-file", str(secret),
        "review", "--year", "2026", "--pdf", str(pdf), "--html", str(web),
    ]  # fmt: skip
    capsys.readouterr()
    assert launcher(argv) == 0
    out, err = capsys.readouterr()
    assert PLAINTEXT_WARNING in err
    assert str(pdf) in out and str(web) in out
    assert pdf_pages(pdf.read_bytes()) >= 3
    assert "&lt;script&gt;" in web.read_text(encoding="utf-8")

    before = pdf.read_bytes()
    assert launcher(argv) != 0
    assert "--force" in capsys.readouterr().err
    assert pdf.read_bytes() == before
    assert launcher([*argv, "--force"]) == 0


def test_the_plain_command_line_cannot_draw_reports(
    journal_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    from cli import review_commands
    from cli.main import main as command_line

    monkeypatch.setattr(review_commands, "report_writer", None)
    code = command_line(
        ["--data-dir", str(journal_dir), "review", "--pdf", str(tmp_path / "x.pdf")]
    )
    assert code != 0
    assert "reflect` program" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
