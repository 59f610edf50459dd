"""The Reflect JSON export: a lossless, documented plaintext copy of a journal.

See docs/export-format.md and docs/export-format.schema.json. The reader is
strict and names the first field at fault, so an import either takes the whole
file or changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from reflect import timeutil
from reflect.errors import ValidationError
from reflect.model import Reflection
from reflect.serialization import reflection_from_dict, reflection_to_dict

FORMAT_NAME = "reflect-journal-export"
FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True)
class ExportedReflection:
    """A reflection with its earlier versions (oldest first) and trash state."""

    reflection: Reflection
    history: tuple[Reflection, ...] = ()
    deleted_at: datetime | None = None


def to_document(
    items: Iterable[ExportedReflection], exported_at: datetime | None = None
) -> dict[str, Any]:
    return {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": timeutil.to_text((exported_at or datetime.now(UTC)).astimezone(UTC)),
        "reflections": [_item_to_dict(item) for item in items],
    }


def _item_to_dict(item: ExportedReflection) -> dict[str, Any]:
    data = reflection_to_dict(item.reflection)
    data["deleted_at"] = timeutil.to_text(item.deleted_at) if item.deleted_at else None
    data["history"] = [reflection_to_dict(old) for old in item.history]
    return data


def dumps(document: Mapping[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def loads(text: str) -> list[ExportedReflection]:
    """Parse an export file's text; raise ValidationError for anything off."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError("file", f"is not valid JSON (line {exc.lineno})") from None
    return from_document(document)


def from_document(document: Any) -> list[ExportedReflection]:
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
    return out


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
