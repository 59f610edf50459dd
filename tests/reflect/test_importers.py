"""Reading jrnl, Day One and Markdown exports, and refusing broken or foreign files."""

from __future__ import annotations

import contextlib
import io
import json
import zipfile
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reflect.frameworks import Lens, Way
from reflect.importers import (
    ImportedEntry,
    ImportFormatError,
    entry_id,
    to_new_reflection,
)
from reflect.importers.dayone import read_dayone_json, read_dayone_zip
from reflect.importers.jrnl import read_jrnl_json, read_jrnl_text
from reflect.importers.markdown import read_markdown_files

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
MTIME = datetime(2024, 6, 1, 8, 30, tzinfo=UTC)


# jrnl ----------------------------------------------------------------------

JRNL_JSON = {
    "tags": {"@gwaith": 1, "@feeling": 1},
    "entries": [
        {
            "title": "Cyfarfod â'r bwrdd.",
            "body": "Roedd y drafodaeth yn anodd 😬 ond yn onest. @gwaith @feeling",
            "date": "2024-03-31",
            "time": "09:15",
            "tags": ["@gwaith", "@feeling"],
            "starred": True,
        },
        {"title": "", "body": "  ", "date": "2024-04-01", "time": "10:00", "tags": []},
        {
            "title": "Café with Zoë",
            "body": "",
            "date": "2024-04-02",
            "time": "18:45",
            "tags": [],
            "starred": False,
        },
    ],
}


def test_jrnl_json_reads_entries_in_local_time() -> None:
    preview = read_jrnl_json(json.dumps(JRNL_JSON, ensure_ascii=False), "jrnl.json", LONDON)
    first, second = preview.entries
    assert first.title == "Cyfarfod â'r bwrdd."
    assert "😬" in first.body
    assert first.tags == ("gwaith", "feeling")
    assert first.starred and not second.starred
    # 31 March 2024 is the first day of British Summer Time.
    assert first.happened_at == datetime(2024, 3, 31, 8, 15, tzinfo=UTC)
    assert first.key.startswith("jrnl:")
    assert [p.where for p in preview.problems] == ["jrnl.json, entry 2"]
    assert "empty" in preview.problems[0].message
    assert preview.suggested_ways == {"feeling": Way.FEELING}
    assert preview.suggested_lenses == {}


JRNL_TEXT = """\
[2024-01-05 09:15] Away day with the partnership board. *
Long day. @partnership @Historian
The chair's opening set the tone.

[2024-01-05 17:40] Nodyn byr
Diolch i Siân am y cymorth. email me@example.com

[2024-01-06 07:05:30 PM] Evening walk
Thinking it over. @being

[2024-01-07 08:00]
"""


def test_jrnl_text_reads_headers_bodies_tags_and_stars() -> None:
    preview = read_jrnl_text(JRNL_TEXT, "journal.txt", NEW_YORK)
    board, note, walk = preview.entries
    assert board.title == "Away day with the partnership board."
    assert board.starred and not note.starred
    assert board.body.startswith("Long day.")
    assert board.tags == ("partnership", "Historian")
    assert board.happened_at == datetime(2024, 1, 5, 14, 15, tzinfo=UTC)
    assert note.title == "Nodyn byr" and "Siân" in note.body
    assert note.tags == ()  # an e-mail address is not a tag
    assert walk.happened_at == datetime(2024, 1, 6, 19, 5, 30, tzinfo=NEW_YORK)
    assert [p.where for p in preview.problems] == ["journal.txt, line 11"]
    assert preview.suggested_ways == {"being": Way.BEING}
    assert preview.suggested_lenses == {"Historian": Lens.HISTORIAN}


def test_jrnl_json_and_text_give_the_same_key() -> None:
    text = "[2024-03-31 09:15] Same entry\nSame body.\n"
    entry = {"title": "Same entry", "body": "Same body.", "date": "2024-03-31", "time": "09:15"}
    from_text = read_jrnl_text(text, "j.txt", LONDON).entries[0]
    from_json = read_jrnl_json(json.dumps({"entries": [entry]}), "j.json", LONDON).entries[0]
    assert from_text.key == from_json.key
    assert entry_id(from_text) == entry_id(from_json)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"entries": [{"title": "x"', "jrnl.json, line 1: not valid JSON"),
        ("[1, 2, 3]", "jrnl.json: not a jrnl export"),
        ('{"entries": [{"title": "x", "date": "5 Jan"}]}', "jrnl.json, entry 1: 'date'"),
        ('{"entries": [{"title": "x", "date": "2024-02-30"}]}', "jrnl.json, entry 1:"),
        ('{"entries": ["x"]}', "jrnl.json, entry 1: not an entry"),
        ('{"entries": [{"date": "2024-01-01", "tags": "@a"}]}', "entry 1: 'tags'"),
    ],
)
def test_broken_jrnl_json_names_file_and_place(text: str, message: str) -> None:
    with pytest.raises(ImportFormatError, match=message):
        read_jrnl_json(text, "jrnl.json", LONDON)


def test_foreign_text_is_not_a_jrnl_journal() -> None:
    with pytest.raises(ImportFormatError, match=r"notes.txt, line 1: not a jrnl journal"):
        read_jrnl_text("Dear diary,\nnothing here.\n", "notes.txt", LONDON)
    with pytest.raises(ImportFormatError, match=r"j.txt, line 2: .* is not a date"):
        read_jrnl_text("[2024-01-01 09:00] ok\n[2024-13-01 09:00] bad\n", "j.txt", LONDON)


# Day One -------------------------------------------------------------------


def dayone_entry(uuid: str, **fields: object) -> dict[str, object]:
    entry: dict[str, object] = {
        "uuid": uuid,
        "creationDate": "2023-01-05T09:15:00Z",
        "modifiedDate": "2023-01-05T10:00:00Z",
        "timeZone": "Europe/London",
        "text": "# Title\n\nBody.",
        "tags": [],
        "starred": False,
        "creationDevice": "iPhone",
        "duration": 0,
    }
    entry.update(fields)
    return entry


def dayone_json(*entries: dict[str, object]) -> str:
    return json.dumps({"metadata": {"version": "1.0"}, "entries": list(entries)})


def test_dayone_json_uses_the_entry_time_zone() -> None:
    text = dayone_json(
        dayone_entry(
            "A1B2",
            creationDate="2023-07-05T22:30:00Z",
            timeZone="Asia/Tokyo",
            text="# Réunion à Montréal ✈️\n\nNotes de la journée. ## Sage?",
            tags=["Travel", "relating", "Sage"],
            starred=True,
        ),
        dayone_entry("C3D4", text="Plain first line\nsecond line"),
        dayone_entry("E5F6", text="\n\n"),
    )
    preview = read_dayone_json(text, "Journal.json")
    tokyo, plain = preview.entries
    assert tokyo.key == "dayone:A1B2"
    assert tokyo.title == "Réunion à Montréal ✈️"
    assert tokyo.body.strip() == "Notes de la journée. ## Sage?"
    assert tokyo.happened_at.utcoffset() == timedelta(hours=9)
    assert tokyo.happened_at == datetime(2023, 7, 5, 22, 30, tzinfo=UTC)
    assert tokyo.happened_at.day == 6  # the next morning in Tokyo
    assert tokyo.starred and tokyo.tags == ("Travel", "relating", "Sage")
    assert plain.title == "Plain first line" and plain.body == "second line"
    assert [p.where for p in preview.problems] == ["Journal.json, entry 3"]
    assert preview.suggested_ways == {"relating": Way.RELATING}
    assert preview.suggested_lenses == {"Sage": Lens.SAGE}


def test_dayone_unknown_zone_is_a_problem_not_a_failure() -> None:
    preview = read_dayone_json(dayone_json(dayone_entry("X", timeZone="Mars/Olympus")), "j.json")
    assert preview.entries[0].happened_at.utcoffset() == timedelta(0)
    assert "Mars/Olympus" in preview.problems[0].message


def test_dayone_json_without_zip_reports_missing_photos() -> None:
    photo = {"md5": "abc123", "type": "jpeg", "identifier": "ID1"}
    preview = read_dayone_json(dayone_json(dayone_entry("P", photos=[photo])), "Journal.json")
    assert preview.entries[0].attachments == ()
    assert "zip" in preview.problems[-1].message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"metadata": {}, "entries": [', "Journal.json, line 1: not valid JSON"),
        ('"entries"', "Journal.json: not a Day One export"),
        (dayone_json(dayone_entry("A"), dayone_entry("B", creationDate="soon")), "entry 2: "),
        (dayone_json(dayone_entry("A", creationDate=12)), "entry 1: 'creationDate'"),
        (dayone_json({"text": "no uuid"}), "entry 1: 'uuid'"),
    ],
)
def test_broken_dayone_json_names_file_and_entry(text: str, message: str) -> None:
    with pytest.raises(ImportFormatError, match=message):
        read_dayone_json(text, "Journal.json")


def test_dayone_error_reads_like_the_issue() -> None:
    entries = [dayone_entry(f"U{i}") for i in range(1, 12)]
    entries.append(dayone_entry("U12", creationDate="yesterday"))
    with pytest.raises(ImportFormatError) as caught:
        read_dayone_json(dayone_json(*entries), "journal.json")
    assert str(caught.value) == "journal.json, entry 12: 'creationDate' is not a date"


def make_zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_dayone_zip_brings_photos_as_attachments() -> None:
    photos = [
        {"md5": "d41d8cd98f00b204", "type": "jpeg", "identifier": "P1"},
        {"md5": "0cc175b9c0f1b6a8", "type": "png", "identifier": "P2"},
    ]
    journal = dayone_json(dayone_entry("Z1", text="# Llun\n![](dayone-moment://P1)", photos=photos))
    data = make_zip(
        {
            "Journal.json": journal.encode(),
            "photos/d41d8cd98f00b204.jpeg": b"\xff\xd8\xff jpeg",
            "Work.json": dayone_json(dayone_entry("Z2", text="Work note")).encode(),
        }
    )
    preview = read_dayone_zip(data, "export.zip")
    assert [e.key for e in preview.entries] == ["dayone:Z1", "dayone:Z2"]
    (photo,) = preview.entries[0].attachments
    assert photo.name == "d41d8cd98f00b204.jpeg"
    assert photo.media_type == "image/jpeg" and photo.data.startswith(b"\xff\xd8")
    assert preview.problems[0].where == "Journal.json in export.zip, entry 1"
    assert "0cc175b9c0f1b6a8.png" in preview.problems[0].message


@pytest.mark.parametrize(
    ("members", "message"),
    [
        ({"photos/a.jpeg": b"x", "notes/Journal.json": b"{}"}, "no Journal.json"),
        ({"Journal.json": b"{}", "../evil.jpeg": b"x"}, "unsafe path"),
        ({"Journal.json": b"{}", "/etc/passwd": b"x"}, "unsafe path"),
        ({"Journal.json": b'{"entries": [}'}, "Journal.json in export.zip, line 1"),
        ({"Journal.json": b"\xff\xfe{}"}, "Journal.json in export.zip, line 1: not UTF-8"),
    ],
)
def test_broken_dayone_zip_is_refused(members: dict[str, bytes], message: str) -> None:
    with pytest.raises(ImportFormatError, match=message):
        read_dayone_zip(make_zip(members), "export.zip")


def test_not_a_zip_and_too_many_members_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ImportFormatError, match=r"export\.zip: not a readable zip"):
        read_dayone_zip(b"PK\x03\x04 truncated", "export.zip")
    import reflect.importers.dayone as dayone

    monkeypatch.setattr(dayone, "MAX_MEMBERS", 2)
    data = make_zip({"Journal.json": dayone_json().encode(), "a": b"", "b": b""})
    with pytest.raises(ImportFormatError, match="more than 2 files"):
        read_dayone_zip(data, "export.zip")
    monkeypatch.setattr(dayone, "MAX_MEMBERS", 10_000)
    monkeypatch.setattr(dayone, "MAX_UNCOMPRESSED", 1000)
    data = make_zip({"Journal.json": dayone_json().encode(), "photos/x.jpeg": b"0" * 5000})
    with pytest.raises(ImportFormatError, match="500 MB"):
        read_dayone_zip(data, "export.zip")


# Markdown ------------------------------------------------------------------

FRONT_MATTER_NOTE = """\
---
title: "Sgwrs gyda'r tîm"
date: 2024-10-27 01:30
tags: [leadership, "Being"]
aliases:
  - Team talk
---
# Heading kept

Talked about #wellbeing and #Historian matters. Not #1, not `#code`.

```
#not-a-tag
```
"""


def test_markdown_front_matter_gives_title_date_and_tags() -> None:
    preview = read_markdown_files([("Daily/team.md", FRONT_MATTER_NOTE.encode(), MTIME)], LONDON)
    (entry,) = preview.entries
    assert entry.title == "Sgwrs gyda'r tîm"
    assert entry.body.startswith("# Heading kept")
    # 01:30 on 27 October 2024 happens twice in London; the first (summer time) is taken.
    assert entry.happened_at.astimezone(UTC) == datetime(2024, 10, 27, 0, 30, tzinfo=UTC)
    assert entry.tags == ("leadership", "Being", "wellbeing", "Historian")
    assert preview.suggested_ways == {"Being": Way.BEING}
    assert preview.suggested_lenses == {"Historian": Lens.HISTORIAN}


def test_markdown_date_from_name_else_file_time_and_title_from_heading() -> None:
    files = [
        ("2024-02-29 Leap day.md", "# Diwrnod naid 🐸\nA rare day.".encode(), MTIME),
        ("Ideas.md", b"No heading, just a thought.\r\n", MTIME),
        ("Empty.md", b"", MTIME),
        ("blank 2024-01-01.md", b"---\ntags: a, b\n---\n\n", MTIME),
    ]
    preview = read_markdown_files(files, LONDON)
    leap, ideas = preview.entries
    assert leap.title == "Diwrnod naid 🐸" and leap.body == "A rare day."
    assert leap.happened_at == datetime(2024, 2, 29, tzinfo=LONDON)
    assert ideas.title == "Ideas" and ideas.body == "No heading, just a thought."
    assert ideas.happened_at == MTIME and ideas.happened_at.tzinfo is LONDON
    assert [p.where for p in preview.problems] == ["Empty.md", "blank 2024-01-01.md"]


def test_markdown_front_matter_date_with_offset_and_list_tags() -> None:
    note = b"---\ncreated: '2024-05-01T09:00:00+02:00'\ntags:\n  - '#one'\n  - two\n---\nText"
    (entry,) = read_markdown_files([("n.md", note, MTIME)], LONDON).entries
    assert entry.happened_at == datetime(2024, 5, 1, 7, tzinfo=UTC)
    assert entry.tags == ("one", "two")
    assert entry.title == "n"


def test_markdown_bad_date_and_bad_encoding_name_the_file() -> None:
    with pytest.raises(ImportFormatError, match=r"a.md, line 3: 'date' 'tomorrow'"):
        read_markdown_files([("a.md", b"---\ntitle: x\ndate: tomorrow\n---\n", MTIME)], LONDON)
    with pytest.raises(ImportFormatError, match=r"b.md, line 2: not UTF-8"):
        read_markdown_files([("b.md", b"ok\n\xff\xfe", MTIME)], LONDON)


# Mapping to reflections ----------------------------------------------------


def entry(body: str, tags: tuple[str, ...]) -> ImportedEntry:
    when = datetime(2024, 1, 1, 9, tzinfo=LONDON)
    return ImportedEntry("test:1", when, "A title", body, tags, starred=True)


def test_to_new_reflection_maps_ways_and_a_single_lens_tag() -> None:
    built = to_new_reflection(entry("Body.", ("feeling", "Sage", "work")), map_tags=True).build()
    assert built.ways == {Way.FEELING}
    assert built.lenses == {Lens.SAGE}
    assert built.tags == ("work",)
    assert built.starred and built.id == entry_id(entry("", ()))


def test_to_new_reflection_splits_at_lens_headings() -> None:
    body = "Intro.\n\n## Historian\nIt began in 2019.\n\n## Sage\nListen first."
    built = to_new_reflection(entry(body, ("historian", "biographer")), map_tags=True).build()
    assert [s.lens for s in built.sections] == [None, Lens.HISTORIAN, Lens.SAGE]
    assert built.tags == ("biographer",)


def test_to_new_reflection_without_mapping_keeps_everything_as_tags() -> None:
    body = "## Historian\nText."
    built = to_new_reflection(entry(body, ("feeling", "Sage")), map_tags=False).build()
    assert built.ways == frozenset() and built.lenses == frozenset()
    assert built.tags == ("feeling", "Sage")
    assert built.sections[0].text == body


def test_long_titles_and_tags_are_kept_valid() -> None:
    title = "Word " * 100
    text = json.dumps({"entries": [{"title": title, "date": "2024-01-01", "tags": ["x" * 200]}]})
    preview = read_jrnl_json(text, "j.json", UTC)
    (long,) = preview.entries
    assert len(long.title) <= 300 and long.body.startswith("Word Word")
    assert long.tags == ()
    assert "too long" in preview.problems[0].message
    to_new_reflection(long, map_tags=True).build()


# Robustness ----------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "entries",
                    "uuid",
                    "creationDate",
                    "timeZone",
                    "text",
                    "title",
                    "body",
                    "date",
                    "time",
                    "tags",
                    "starred",
                    "photos",
                    "md5",
                    "type",
                ]
            ),
            children,
            max_size=6,
        )
    ),
    max_leaves=20,
)


def _check(preview_entries: tuple[ImportedEntry, ...]) -> None:
    for item in preview_entries:
        to_new_reflection(item, map_tags=True).build()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=200), json_values.map(json.dumps)))
def test_text_readers_raise_only_import_format_errors(text: str) -> None:
    for read in (
        lambda: read_jrnl_json(text, "j.json", LONDON),
        lambda: read_jrnl_text(text, "j.txt", LONDON),
        lambda: read_jrnl_text(f"[2024-01-01 09:00] t\n{text}", "j.txt", LONDON),
        lambda: read_dayone_json(text, "d.json"),
        lambda: read_markdown_files([("2024-01-01.md", text.encode(), MTIME)], LONDON),
        lambda: read_markdown_files([("n.md", f"---\n{text}\n---\n".encode(), MTIME)], LONDON),
    ):
        with contextlib.suppress(ImportFormatError):
            _check(read().entries)


@settings(max_examples=40, deadline=None)
@given(
    st.binary(max_size=100),
    # zipfile cuts a member name at a NUL, so names hold none (a real zip cannot either).
    st.dictionaries(
        st.text(
            st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
            min_size=1,
            max_size=12,
        ),
        st.binary(max_size=20),
        max_size=4,
    ),
    json_values.map(json.dumps),
)
def test_zip_reader_raises_only_import_format_errors(
    data: bytes, members: dict[str, bytes], journal: str
) -> None:
    for blob in (data, make_zip({**members, "Journal.json": journal.encode()})):
        with contextlib.suppress(ImportFormatError):
            _check(read_dayone_zip(blob, "z.zip").entries)
