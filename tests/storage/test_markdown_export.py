"""The Markdown folder export, read back by the Markdown importer."""

from __future__ import annotations

import stat
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from reflect.frameworks import Lens, Way
from reflect.importers.markdown import read_markdown_files
from reflect.model import NewReflection, Reflection, Section
from storage import reflections as store
from storage.markdown_export import ExportFolderExists, export_markdown, slug
from storage.vault import Vault

LONDON = ZoneInfo("Europe/London")
TOKYO = ZoneInfo("Asia/Tokyo")


def _read_back(folder: Path) -> dict[str, tuple[datetime, str, tuple[str, ...]]]:
    files = [
        (p.name, p.read_bytes(), datetime.fromtimestamp(p.stat().st_mtime, LONDON))
        for p in sorted(folder.iterdir())
    ]
    preview = read_markdown_files(files, LONDON)
    assert not preview.problems
    return {e.title: (e.happened_at, e.title, e.tags) for e in preview.entries}


def _live(vault: Vault) -> list[Reflection]:
    with vault.reading() as conn:
        pks = [
            int(r[0])
            for r in conn.execute("SELECT pk FROM reflection WHERE deleted_at IS NULL").fetchall()
        ]
        return list(store.load_many(conn, pks).values())


def test_export_then_read_back_gives_the_same_titles_dates_and_tags(
    vault: Vault, tmp_path: Path
) -> None:
    added = vault.add(
        NewReflection(
            title='Board "away day", part 2',
            happened_at=datetime(2024, 3, 31, 10, 30, tzinfo=LONDON),
            sections=(
                Section("Opening thoughts."),
                Section("What happened before.", lens=Lens.HISTORIAN, prompt="What led here?"),
            ),
            ways=[Way.RELATING, Way.BEING],
            tags=["board, governance", "trust"],
            people=["Asha Patel"],
            organisations=["Riverside Council"],
            starred=True,
        )
    )
    trashed = vault.add(NewReflection(title="Gone", sections=(Section("bin me"),)))
    vault.delete(trashed.id)
    folder = tmp_path / "notes"

    count = export_markdown(vault, folder)

    live = [r for r in _live(vault) if r.title]
    assert count == len(_live(vault))
    assert count == len(list(folder.iterdir()))
    back = _read_back(folder)
    assert "Gone" not in back
    for r in live:
        when, _, tags = back[r.title]
        assert when == r.happened_at
        assert [t.casefold() for t in tags] == [t.casefold() for t in r.tags]
    for path in folder.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = next(folder.glob("2024-03-31-board-away-day-part-2.md")).read_text("utf-8")
    assert "## Historian" in text
    assert "> What led here?" in text
    assert "starred: true" in text
    assert '  - "Asha Patel"' in text
    assert back[added.title][0].utcoffset() == added.happened_at.utcoffset()


def test_refuses_a_folder_that_already_exists(vault: Vault, tmp_path: Path) -> None:
    folder = tmp_path / "existing"
    folder.mkdir()
    (folder / "keep.md").write_text("mine", "utf-8")
    with pytest.raises(ExportFolderExists, match="already exists"):
        export_markdown(vault, folder)
    assert [p.name for p in folder.iterdir()] == ["keep.md"]


def test_non_ascii_titles_round_trip_and_names_are_unique(vault: Vault, tmp_path: Path) -> None:
    when = datetime(2025, 1, 6, 9, 15, tzinfo=TOKYO)
    titles = ["Sgwrs gyda'r tîm", "Café für Ärzte", "振り返り：会議", "Café fur Arzte"]
    for title in titles:
        vault.add(NewReflection(title=title, happened_at=when, sections=(Section("Text."),)))
    folder = tmp_path / "out"

    export_markdown(vault, folder)

    back = _read_back(folder)
    for title in titles:
        assert back[title][0] == when
        assert back[title][0].utcoffset() == when.utcoffset()
    names = sorted(p.name for p in folder.glob("2025-01-06-*"))
    assert len(names) == len(set(names)) == 4
    assert "2025-01-06-cafe-fur-arzte.md" in names
    assert "2025-01-06-cafe-fur-arzte-2.md" in names
    assert slug("振り返り：会議") == "振り返り-会議"
    assert slug("!!!") == "reflection"


def test_an_untitled_reflection_reads_back_untitled_with_its_words(
    vault: Vault, tmp_path: Path
) -> None:
    vault.add(NewReflection(sections=(Section("Only a few words, no title."),)))
    out = tmp_path / "notes"
    export_markdown(vault, out)
    (note,) = out.iterdir()
    preview = read_markdown_files([(note.name, note.read_bytes(), datetime.now(LONDON))], LONDON)
    (entry,) = preview.entries
    assert entry.title == ""
    assert "Only a few words, no title." in entry.body


def test_the_folder_appears_whole_and_leaves_nothing_half_written_beside_it(
    vault: Vault, tmp_path: Path
) -> None:
    for i in range(5):
        vault.add(NewReflection(title=f"Note {i}", sections=(Section("Text."),)))
    (tmp_path / "exports").mkdir()
    out = tmp_path / "exports" / "notes"
    export_markdown(vault, out)
    assert sorted(p.name for p in out.parent.iterdir()) == ["notes"]
    assert len(list(out.iterdir())) == 5
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
