"""Export to and import from the Reflect JSON format (reflect.export_format).

The export holds the whole journal: reflections with their history and trash,
and every other record (storage.export_tables). Import is one transaction: a
file that fails anywhere changes nothing. Ids are kept, so importing the same
file again adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reflect import export_format, export_records, timeutil
from reflect.errors import ValidationError
from reflect.export_format import ExportedReflection, JournalExport
from reflect.serialization import reflection_to_dict
from storage import contacts, export_tables
from storage import reflections as store
from storage.atomic import write_atomically
from storage.db import Db
from storage.errors import ImportFailed
from storage.vault import Vault


@dataclass(frozen=True, slots=True)
class ImportReport:
    added: int
    updated: int
    unchanged: int
    # Other records added, by list name ("meetings": 3); lists with none are left out.
    others: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        """One line for the user: reflections, then anything else that came in."""
        text = f"{self.added} added, {self.updated} updated, {self.unchanged} already there"
        if self.others:
            extra = ", ".join(export_format.counted(name, n) for name, n in self.others.items())
            text += f"; also added {extra}"
        return text


def exported_items(vault: Vault, with_history: bool = True) -> list[ExportedReflection]:
    with vault.reading() as conn:
        return _exported_items(conn, with_history)


def _exported_items(conn: Db, with_history: bool) -> list[ExportedReflection]:
    return [
        ExportedReflection(
            reflection=reflection,
            history=tuple(history),
            deleted_at=timeutil.from_text(deleted) if deleted else None,
        )
        for batch in store.export_batches(conn, with_history)
        for reflection, history, deleted in batch
    ]


def export_document(
    vault: Vault, with_history: bool = True, with_secrets: bool = False
) -> dict[str, Any]:
    """The whole journal as an export document (reflect.export_format).

    One read transaction, so a save made meanwhile (the app autosaves while an
    export runs in the background) cannot leave, say, a follow-up without its reflection.
    """
    with vault.reading() as conn:
        items = _exported_items(conn, with_history)
        records = export_tables.read_records(conn, export_records.names(with_secrets))
    return export_format.to_document(
        items, records=records, with_history=with_history, with_secrets=with_secrets
    )


def export_to_file(vault: Vault, path: Path, with_history: bool = True) -> int:
    """Write the whole journal to `path` as plaintext JSON; returns how many reflections."""
    document = export_document(vault, with_history)
    write_atomically(path, export_format.dumps(document).encode("utf-8"))
    return len(document["reflections"])


def is_reflect_export(head: bytes) -> bool:
    """Whether a file's first bytes look like a Reflect JSON export."""
    return f'"{export_format.FORMAT_NAME}"'.encode() in head[:4096]


def read_export_file(path: Path) -> JournalExport:
    """A Reflect JSON export, checked whole; ImportFailed names what is wrong."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFailed(f"Cannot read {path}: {exc.strerror or exc}.") from None
    try:
        return export_format.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ImportFailed(f"{path} is not a text file; nothing was imported.") from None
    except ValidationError as exc:
        raise ImportFailed(f"{path} cannot be imported ({exc}); nothing was imported.") from None


def import_file(vault: Vault, path: Path) -> ImportReport:
    return import_journal(vault, read_export_file(path))


def import_journal(vault: Vault, journal: JournalExport) -> ImportReport:
    added = updated = unchanged = 0
    with vault.writing() as conn:
        others = export_tables.write_records(conn, journal.records, before_reflections=True)
        for item in journal.reflections:
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
        others |= export_tables.write_records(conn, journal.records, before_reflections=False)
        contacts.sync_from_labels(conn)
    return ImportReport(added, updated, unchanged, {k: n for k, n in others.items() if n})
