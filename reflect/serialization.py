"""Reflections to and from plain JSON-ready dicts.

One format serves the export file, the edit history and (later) shares. Reading
is strict: a missing or malformed field raises ValidationError naming it.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from reflect import timeutil
from reflect.errors import ValidationError
from reflect.frameworks import Lens, Way
from reflect.model import Reflection, Section, validated


def reflection_to_dict(r: Reflection) -> dict[str, Any]:
    return {
        "id": str(r.id),
        "happened_at": timeutil.to_text(r.happened_at),
        "time_zone": timeutil.zone_key(r.happened_at),
        "written_at": timeutil.to_text(r.written_at),
        "edited_at": timeutil.to_text(r.edited_at),
        "title": r.title,
        "sections": [section_to_dict(s) for s in r.sections],
        "ways": sorted(w.value for w in r.ways),
        "tags": list(r.tags),
        "starred": r.starred,
        "people": list(r.people),
        "organisations": list(r.organisations),
        "meeting_id": str(r.meeting_id) if r.meeting_id else None,
    }


def section_to_dict(s: Section) -> dict[str, Any]:
    return {
        "text": s.text,
        "lens": s.lens.value if s.lens else None,
        "prompt": s.prompt,
        "prompt_id": s.prompt_id,
    }


def reflection_from_dict(data: Mapping[str, Any], where: str = "reflection") -> Reflection:
    if not isinstance(data, Mapping):
        raise ValidationError(where, "must be an object")
    zone = _optional_str(data, "time_zone", where)
    sections_raw = _require(data, "sections", list, where)
    sections = tuple(
        section_from_dict(item, f"{where}.sections[{i}]") for i, item in enumerate(sections_raw)
    )
    try:
        return _validated_fields(data, where, zone, sections)
    except ValidationError as exc:
        if exc.field.startswith(where):
            raise
        raise ValidationError(f"{where}.{exc.field}", exc.message) from None


def _validated_fields(
    data: Mapping[str, Any], where: str, zone: str | None, sections: tuple[Section, ...]
) -> Reflection:
    return validated(
        Reflection(
            id=_uuid(_require(data, "id", str, where), f"{where}.id"),
            happened_at=_when(data, "happened_at", where, zone),
            written_at=_when(data, "written_at", where),
            edited_at=_when(data, "edited_at", where),
            title=_require(data, "title", str, where),
            sections=sections,
            ways=frozenset(
                Way.parse(_str_item(v, f"{where}.ways"), f"{where}.ways")
                for v in _require(data, "ways", list, where)
            ),
            tags=_str_list(data, "tags", where),
            starred=_require(data, "starred", bool, where),
            people=_str_list(data, "people", where),
            organisations=_str_list(data, "organisations", where),
            meeting_id=_optional_uuid(data, "meeting_id", where),
        )
    )


def section_from_dict(data: Any, where: str) -> Section:
    if not isinstance(data, Mapping):
        raise ValidationError(where, "must be an object")
    lens_raw = _optional_str(data, "lens", where)
    return Section(
        text=_require(data, "text", str, where),
        lens=Lens.parse(lens_raw, f"{where}.lens") if lens_raw is not None else None,
        prompt=_optional_str(data, "prompt", where),
        prompt_id=_optional_str(data, "prompt_id", where),
    )


def _require(data: Mapping[str, Any], key: str, kind: type, where: str) -> Any:
    if key not in data:
        raise ValidationError(f"{where}.{key}", "is missing")
    value = data[key]
    if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
        raise ValidationError(f"{where}.{key}", f"must be {_kind_name(kind)}")
    return value


def _optional_str(data: Mapping[str, Any], key: str, where: str) -> str | None:
    value = data.get(key)
    if value is not None and not isinstance(value, str):
        raise ValidationError(f"{where}.{key}", "must be text or null")
    return value


def _str_item(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise ValidationError(where, "must be a list of text")
    return value


def _str_list(data: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    return tuple(_str_item(v, f"{where}.{key}") for v in _require(data, key, list, where))


def _uuid(raw: str, where: str) -> uuid.UUID:
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise ValidationError(where, f"{raw!r} is not a valid id") from None


def _optional_uuid(data: Mapping[str, Any], key: str, where: str) -> uuid.UUID | None:
    raw = _optional_str(data, key, where)
    return _uuid(raw, f"{where}.{key}") if raw else None


def _when(data: Mapping[str, Any], key: str, where: str, zone: str | None = None) -> Any:
    raw = _require(data, key, str, where)
    value = timeutil.parse_datetime(raw, f"{where}.{key}")
    if zone:
        try:
            value = timeutil.from_text(timeutil.to_text(value), zone)
        except (ValueError, KeyError):
            raise ValidationError(f"{where}.time_zone", f"unknown time zone {zone!r}") from None
    return value


def _kind_name(kind: type) -> str:
    names: dict[type, str] = {str: "text", list: "a list", bool: "true or false"}
    return names.get(kind, kind.__name__)
