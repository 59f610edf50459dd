"""Reflections as a print-ready PDF: valid, one reflection a page, every word escaped."""

from __future__ import annotations

import os
import re
import stat
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QSizeF
from pytestqt.qtbot import QtBot

from reflect.frameworks import Lens, Way
from reflect.model import NewReflection, Reflection, Section
from ui.reflections_pdf import (
    heading_for,
    heading_of,
    reflections_document,
    reflections_html,
    render_reflections_pdf,
    when_words,
    write_reflections_pdf,
)

MARKUP_TITLE = "Board <b>papers</b> & the <script>"
WELSH = "Llongyfarchiadau ŵ ŷ"


def pdf_page_count(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", data))


@pytest.fixture
def three() -> list[Reflection]:
    london = ZoneInfo("Europe/London")
    return [
        NewReflection(
            sections=(
                Section(f"{WELSH}, meddai hi.\nA second line.\n\nA new paragraph.", Lens.HISTORIAN),
            ),
            title="Diolch",
            happened_at=datetime(2026, 3, 3, 9, 30, tzinfo=london),
            ways=[Way.RELATING, Way.FEELING],
            tags=["cymraeg"],
            people=["Siân Lloyd"],
            organisations=["Cyngor"],
        ).build(),
        NewReflection(
            sections=(Section("The team laughed 😄🌱 at last.", prompt="What went well?"),),
            happened_at=datetime(2026, 3, 20, 17, 5, tzinfo=timezone(timedelta(hours=-5))),
            starred=True,
        ).build(),
        NewReflection(
            sections=(
                Section("Ann <i>Lee</i> & co said <br> nothing.", Lens.SAGE, "<What> & why?"),
            ),
            title=MARKUP_TITLE,
            happened_at=datetime(2026, 4, 9, 12, 0, tzinfo=UTC),
        ).build(),
    ]


def test_the_pdf_is_valid_with_a_page_for_each_reflection(
    qtbot: QtBot, three: list[Reflection]
) -> None:
    data = render_reflections_pdf(three, heading_of(three), made=date(2026, 4, 10))
    assert data.startswith(b"%PDF")
    assert data.rstrip().endswith(b"%%EOF")
    assert pdf_page_count(data) == 3  # each reflection starts a page


def test_every_word_is_escaped_and_kept(qtbot: QtBot, three: list[Reflection]) -> None:
    heading = heading_of(three)
    assert heading == "Reflections, 3 March 2026 to 9 April 2026"
    made = date(2026, 4, 10)
    markup = reflections_html(three, heading, made)
    assert "Board &lt;b&gt;papers&lt;/b&gt; &amp; the &lt;script&gt;" in markup
    assert "&lt;What&gt; &amp; why?" in markup
    assert "Ann &lt;i&gt;Lee&lt;/i&gt; &amp; co said &lt;br&gt; nothing." in markup
    assert "<script" not in markup and "<b>papers" not in markup

    text = reflections_document(three, heading, made, QSizeF(600, 900)).toPlainText()
    assert MARKUP_TITLE in text  # printed literally
    assert "Ann <i>Lee</i> & co said <br> nothing." in text
    assert WELSH in text and "😄🌱" in text
    assert "Untitled" in text  # the second has no title
    for words in (
        "Made on 10 April 2026",
        "not encrypted",
        "Ways of leadership",
        "Feeling, Relating",  # in the frameworks' order, with their display names
        "Lens: Historian",
        "Lens: Sage",
        "Siân Lloyd",
        "Cyngor",
        "cymraeg",
        "What went well?",
        "Light-bulb moment",
        "Tuesday 3 March 2026 at 09:30 GMT",
        "Friday 20 March 2026 at 17:05 UTC-05:00",
    ):
        assert words in text, words
    # A line break stays a line break; a blank line starts a new paragraph.
    assert f"{WELSH}, meddai hi.\nA second line.\nA new paragraph." in text
    assert f"{WELSH}, meddai hi.<br>A second line.</p><p class='body'>A new paragraph." in markup


def test_the_written_file_is_owner_only_and_atomic(
    qtbot: QtBot, three: list[Reflection], tmp_path: Path
) -> None:
    path = tmp_path / "out.pdf"
    path.write_bytes(b"old")
    write_reflections_pdf(three, path, "My reflections")
    assert path.read_bytes().startswith(b"%PDF")
    assert not list(tmp_path.glob(".*.tmp"))
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_headings_and_times() -> None:
    assert heading_for(date(2026, 3, 3), date(2026, 3, 3)) == "Reflections, 3 March 2026"
    assert heading_for(date(2026, 3, 3), date(2026, 4, 9)) == (
        "Reflections, 3 March 2026 to 9 April 2026"
    )
    summer = datetime(2026, 7, 1, 8, 0, tzinfo=ZoneInfo("Europe/London"))
    assert when_words(summer) == "Wednesday 1 July 2026 at 08:00 BST"


def test_markdown_emphasis_prints_as_emphasis_not_as_marks() -> None:
    r = NewReflection(
        title="Emphasis",
        sections=(Section("She asked *me*, and **only** me.\nsnake_case_stays, 2 * 3 * 4."),),
    ).build()
    markup = reflections_html([r], "Reflections", date(2026, 4, 10))
    assert "She asked <i>me</i>, and <b>only</b> me." in markup
    assert "snake_case_stays, 2 * 3 * 4." in markup
    text = reflections_document([r], "Reflections", date(2026, 4, 10), QSizeF(600, 900))
    assert "She asked me, and only me." in text.toPlainText()
