"""Export to and import from the Reflect JSON format (reflect.export_format).

Import is one transaction: a file that fails anywhere changes nothing. Ids are
kept, so importing the same file again adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reflect import export_format, timeutil
from reflect.errors import ValidationError
from reflect.export_format import ExportedReflection
from reflect.serialization import reflection_to_dict
from storage import contacts
from storage import reflections as store
from storage.atomic import write_atomically
from storage.errors import ImportFailed
from storage.vault import Vault


@dataclass(frozen=True, slots=True)
class ImportReport:
    added: int
    updated: int
    unchanged: int


def exported_items(vault: Vault) -> list[ExportedReflection]:
    with vault.reading() as conn:
        return [
            ExportedReflection(
                reflection=reflection,
                history=tuple(history),
                deleted_at=timeutil.from_text(deleted) if deleted else None,
            )
            for batch in store.export_batches(conn)
            for reflection, history, deleted in batch
        ]


def export_to_file(vault: Vault, path: Path) -> int:
    """Write every reflection (with history and trash) to `path`; returns how many."""
    items = exported_items(vault)
    document = export_format.to_document(items)
    write_atomically(path, export_format.dumps(document).encode("utf-8"))
    return len(items)


def import_file(vault: Vault, path: Path) -> ImportReport:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFailed(f"Cannot read {path}: {exc.strerror or exc}.") from None
    try:
        items = export_format.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ImportFailed(f"{path} is not a text file; nothing was imported.") from None
    except ValidationError as exc:
        raise ImportFailed(f"{path} cannot be imported ({exc}); nothing was imported.") from None
    return import_items(vault, items)


def import_items(vault: Vault, items: list[ExportedReflection]) -> ImportReport:
    added = updated = unchanged = 0
    with vault.writing() as conn:
        for item in items:
            reflection = item.reflection
            if not store.exists(conn, reflection.id):
                store.add(
                    conn, reflection, revision=len(item.history) + 1, deleted_at=item.deleted_at
                )
                if item.history:
                    store.add_history(conn, reflection.id, item.history)
                added += 1
                continue
            current = store.get(conn, reflection.id)
            if reflection_to_dict(current) == reflection_to_dict(reflection):
                unchanged += 1
            elif reflection.edited_at > current.edited_at and store.update(conn, reflection):
                updated += 1
            else:
                unchanged += 1
        contacts.sync_from_labels(conn)
    return ImportReport(added, updated, unchanged)
