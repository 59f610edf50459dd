"""Bringing entries read from another journal (jrnl, Day One, Markdown) into the vault.

One transaction: all of a preview's entries go in, or none do. Each entry's id is
derived from its source (reflect.importers.entry_id), so importing the same file
again adds nothing twice. Photos are kept in the encrypted database with the
reflection they came with.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from reflect.importers import ImportPreview, entry_id, to_new_reflection
from storage import contacts
from storage import reflections as store

if TYPE_CHECKING:
    from storage.vault import Vault


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
