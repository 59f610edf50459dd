"""The Reflect JSON export: a lossless, documented plaintext copy of a journal.

See docs/export-format.md and docs/export-format.schema.json. The reader is
strict and names the first field at fault, so an import either takes the whole
file or changes nothing. Version 1 held reflections only; version 2 adds the
rest of the journal (reflect.export_records), and may leave out history.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from reflect import export_records, timeutil
from reflect.errors import ValidationError
from reflect.model import Reflection
from reflect.serialization import reflection_from_dict, reflection_to_dict

FORMAT_NAME = "reflect-journal-export"
FORMAT_VERSION = 2


@dataclass(frozen=True, slots=True)
class ExportedReflection:
    """A reflection with its earlier versions (oldest first) and trash state."""

    reflection: Reflection
    history: tuple[Reflection, ...] = ()
    deleted_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class JournalExport:
    """A whole export as read: the reflections and every other record list."""

    reflections: list[ExportedReflection]
    records: dict[str, list[export_records.Record]] = field(default_factory=export_records.empty)
    with_history: bool = True


def to_document(
    items: Iterable[ExportedReflection],
    exported_at: datetime | None = None,
    records: Mapping[str, list[export_records.Record]] | None = None,
    with_history: bool = True,
    with_secrets: bool = False,
) -> dict[str, Any]:
    """The document to write. `records` are as storage reads them (already tidy).

    Private keys (the "secret" record lists) go in only `with_secrets`, which is
    for the passphrase-encrypted export.
    """
    given = records or {}
    document: dict[str, Any] = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": timeutil.to_text((exported_at or datetime.now(UTC)).astimezone(UTC)),
        "with_history": with_history,
        "reflections": [_item_to_dict(item, with_history) for item in items],
    }
    for name in export_records.names(with_secrets):
        document[name] = list(given.get(name, []))
    return document


def _item_to_dict(item: ExportedReflection, with_history: bool) -> dict[str, Any]:
    data = reflection_to_dict(item.reflection)
    data["deleted_at"] = timeutil.to_text(item.deleted_at) if item.deleted_at else None
    data["history"] = [reflection_to_dict(old) for old in item.history] if with_history else []
    return data


def dumps(document: Mapping[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def loads(text: str) -> JournalExport:
    """Parse an export file's text; raise ValidationError for anything off."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError("file", f"is not valid JSON (line {exc.lineno})") from None
    return from_document(document)


def from_document(document: Any) -> JournalExport:
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise ValidationError("format", "this is not a Reflect journal export")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ValidationError("version", "is missing or not a version number")
    if version > FORMAT_VERSION:
        raise ValidationError(
            "version",
            f"the file is format {version}; this Reflect reads up to {FORMAT_VERSION}. "
            "Update Reflect to import it.",
        )
    items = document.get("reflections")
    if not isinstance(items, list):
        raise ValidationError("reflections", "is missing or not a list")
    out: list[ExportedReflection] = []
    seen: set[str] = set()
    for index, raw in enumerate(items):
        where = f"reflections[{index}]"
        item = _item_from_dict(raw, where)
        key = str(item.reflection.id)
        if key in seen:
            raise ValidationError(f"{where}.id", "appears twice in the file")
        seen.add(key)
        out.append(item)
    with_history = document.get("with_history", True)
    if not isinstance(with_history, bool):
        raise ValidationError("with_history", "must be true or false")
    return JournalExport(out, export_records.read_all(document, seen), with_history)


def _item_from_dict(raw: Any, where: str) -> ExportedReflection:
    reflection = reflection_from_dict(raw, where)
    deleted_raw = raw.get("deleted_at")
    if deleted_raw is not None and not isinstance(deleted_raw, str):
        raise ValidationError(f"{where}.deleted_at", "must be a date or null")
    history_raw = raw.get("history", [])
    if not isinstance(history_raw, list):
        raise ValidationError(f"{where}.history", "must be a list")
    history = tuple(
        reflection_from_dict(old, f"{where}.history[{i}]") for i, old in enumerate(history_raw)
    )
    for i, old in enumerate(history):
        if old.id != reflection.id:
            raise ValidationError(f"{where}.history[{i}].id", "must be the id of its reflection")
    return ExportedReflection(
        reflection=reflection,
        history=history,
        deleted_at=timeutil.parse_datetime(deleted_raw, f"{where}.deleted_at")
        if deleted_raw
        else None,
    )


def contents(journal: JournalExport) -> list[str]:
    """What an export holds, in words, for a preview: "12 reflections (2 in the trash)"."""
    trashed = sum(1 for item in journal.reflections if item.deleted_at is not None)
    count = len(journal.reflections)
    lines = [f"{count} reflection{'' if count == 1 else 's'}"]
    if trashed:
        lines[0] += f" ({trashed} in the trash)"
    for name in _NOUNS:
        if name.endswith("_identity"):
            continue  # said in words below
        n = len(journal.records.get(name, []))
        if n:
            lines.append(counted(name, n))
    if journal.records.get("sharing_identity") or journal.records.get("signing_identity"):
        lines.append("this journal's own sharing and signing keys")
    return lines


def counted(list_name: str, n: int) -> str:
    """ "3 meetings", "1 follow-up": a count of one record list's records, in words."""
    one, many = _NOUNS.get(list_name, (list_name.replace("_", " "),) * 2)
    return f"{n} {one if n == 1 else many}"


_NOUNS = {
    "meetings": ("meeting", "meetings"),
    "contacts": ("person or organisation", "people and organisations"),
    "follow_ups": ("follow-up", "follow-ups"),
    "storylines": ("storyline", "storylines"),
    "attachments": ("photo or attachment", "photos and attachments"),
    "prompt_packs": ("prompt pack", "prompt packs"),
    "buddies": ("buddy", "buddies"),
    "shares": ("share with a buddy", "shares with buddies"),
    "discussion_records": ("discussion record", "discussion records"),
    "prompt_pack_choices": ("choice of prompt pack", "choices of prompt packs"),
    "prompt_marks": ("pinned, hidden or offered prompt", "pinned, hidden or offered prompts"),
    "enablers": ("trusted enabler", "trusted enablers"),
    "reply_links": ("reply to a buddy", "replies to buddies"),
    "sharing_identity": ("set of sharing keys", "sets of sharing keys"),
    "signing_identity": ("signing key", "signing keys"),
}
