"""Bringing entries read from another journal (jrnl, Day One, Markdown) into the vault.

One transaction: all of a preview's entries go in, or none do. Each entry's id is
derived from its source (reflect.importers.entry_id), so importing the same file
again adds nothing twice. Photos are kept in the encrypted database with the
reflection they came with.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

from reflect.errors import ReflectError
from reflect.importers import ImportPreview, entry_id, to_new_reflection
from reflect.importers.detect import read_file, read_folder
from storage import contacts
from storage import reflections as store

if TYPE_CHECKING:
    from storage.vault import Vault


MAX_IMPORT_BYTES = 500_000_000


def read_source(path: Path, zone: tzinfo) -> ImportPreview:
    """The preview of an exported file, or of a folder's Markdown notes (read recursively).

    One place for the command line and the app; a file that cannot be read raises
    ReflectError naming it, and a foreign file ImportFormatError.
    """
    try:
        if path.is_dir():
            notes = sorted(p for p in path.rglob("*.md") if p.is_file())
            files = [
                (
                    str(p.relative_to(path)),
                    p.read_bytes(),
                    datetime.fromtimestamp(p.stat().st_mtime, UTC),
                )
                for p in notes
            ]
            return read_folder(files, zone)
        if path.stat().st_size > MAX_IMPORT_BYTES:
            raise ReflectError(f"{path.name} is too large to import. Nothing was imported.")
        return read_file(path.name, path.read_bytes(), zone)
    except OSError as exc:
        raise ReflectError(f"Cannot read {path}: {exc.strerror or exc}.") from None


@dataclass(frozen=True, slots=True)
class EntryImportReport:
    added: int
    already_here: int
    attachments: int


def import_entries(vault: Vault, preview: ImportPreview, map_tags: bool) -> EntryImportReport:
    added = already = photos = 0
    with vault.writing() as conn:
        for entry in preview.entries:
            reflection_id = entry_id(entry)
            if store.exists(conn, reflection_id):
                already += 1
                continue
            reflection = replace(to_new_reflection(entry, map_tags).build(), id=reflection_id)
            vault.add_in(conn, reflection)
            pk = conn.execute(
                "SELECT pk FROM reflection WHERE id = :id", {"id": str(reflection_id)}
            ).fetchone()[0]
            for attachment in entry.attachments:
                conn.execute(
                    "INSERT OR IGNORE INTO attachment (reflection_pk, name, media_type, data)"
                    " VALUES (:pk, :name, :type, :data)",
                    {
                        "pk": pk,
                        "name": attachment.name,
                        "type": attachment.media_type,
                        "data": attachment.data,
                    },
                )
                photos += 1
            added += 1
        contacts.sync_from_labels(conn)
    return EntryImportReport(added, already, photos)


def attachments_of(vault: Vault, reflection_id: object) -> list[tuple[str, str, bytes]]:
    """(name, media type, bytes) of a reflection's attachments."""
    with vault.reading() as conn:
        rows = conn.execute(
            "SELECT a.name, a.media_type, a.data FROM attachment a"
            " JOIN reflection r ON r.pk = a.reflection_pk WHERE r.id = :id ORDER BY a.name",
            {"id": str(reflection_id)},
        ).fetchall()
    return [(r[0], r[1], bytes(r[2])) for r in rows]
