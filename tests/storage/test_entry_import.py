"""Entries from other journals come in whole or not at all, never twice, photos encrypted."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import UTC, datetime

import pytest

from reflect.errors import ReflectError
from reflect.frameworks import Lens, Way
from reflect.importers import ImportedEntry, ImportPreview
from reflect.importers.dayone import read_dayone_zip
from storage.entry_import import attachments_of, import_entries
from storage.vault import Vault

PHOTO = b"\x89PNG\r\n\x1a\n" + b"not really a picture" * 10


def day_one_zip() -> bytes:
    journal = {
        "metadata": {"version": "1.0"},
        "entries": [
            {
                "uuid": "A1B2C3D4E5F60718293A4B5C6D7E8F90",
                "creationDate": "2025-03-30T08:30:00Z",
                "timeZone": "Europe/London",
                "text": "# Board away day\n\nCroeso: the Welsh partners came. ☕\n\n"
                "## Sage\n\nAsk first.",
                "tags": ["relating", "sage", "board"],
                "starred": True,
                "photos": [
                    {"md5": "d41d8cd98f00b204e9800998ecf8427e", "type": "png", "identifier": "P1"}
                ],
            },
            {
                "uuid": "0F1E2D3C4B5A69788796A5B4C3D2E1F0",
                "creationDate": "2025-04-02T17:00:00Z",
                "timeZone": "Europe/London",
                "text": "Quiet week.",
                "tags": [],
                "starred": False,
            },
        ],
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("Journal.json", json.dumps(journal))
        archive.writestr("photos/d41d8cd98f00b204e9800998ecf8427e.png", PHOTO)
    return buffer.getvalue()


def test_a_day_one_export_comes_in_once_with_its_photo(vault: Vault) -> None:
    preview = read_dayone_zip(day_one_zip(), "Day One.zip")
    first = import_entries(vault, preview, map_tags=True)
    assert (first.added, first.already_here, first.attachments) == (2, 0, 1)
    again = import_entries(vault, read_dayone_zip(day_one_zip(), "Day One.zip"), map_tags=True)
    assert (again.added, again.already_here) == (0, 2)
    assert vault.count() == 2
    board = next(r for r in vault.newest() if r.title == "Board away day")
    assert board.starred and Way.RELATING in board.ways
    assert any(s.lens is Lens.SAGE for s in board.sections)
    assert "board" in board.tags
    assert attachments_of(vault, board.id) == [
        ("d41d8cd98f00b204e9800998ecf8427e.png", "image/png", PHOTO)
    ]


def test_one_bad_entry_imports_nothing(vault: Vault) -> None:
    good = ImportedEntry("test:1", datetime(2025, 1, 2, tzinfo=UTC), "Fine", "Body.", (), False)
    bad = ImportedEntry("test:2", datetime(2025, 1, 3, tzinfo=UTC), "x" * 5000, "Body.", (), False)
    with pytest.raises(ReflectError):
        import_entries(vault, ImportPreview((good, bad), ()), map_tags=False)
    assert vault.count() == 0
