"""Everything in a Reflect JSON export besides the reflections (format version 2).

Meetings, the people directory, follow-ups, storylines, prompt packs and the
leader's marks on prompts, buddies with the shares and discussion records, and
attachments. Each is a list of flat records described by a small table of
fields, so one reader checks and tidies every value the same way and names the
field at fault, and a test holds the JSON Schema to the same table.
"""

from __future__ import annotations

import base64
import binascii
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from reflect import timeutil
from reflect.errors import ValidationError

Record = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Field:
    """One field of a record.

    `kind` is text, int, bool, moment (a date-time), date, uuid, base64; texts, uuids or
    ints for a list of those; or records for a list of nested records described by `of`.
    """

    name: str
    kind: str
    nullable: bool = False
    choices: tuple[str, ...] = ()
    low: int | None = None
    high: int | None = None
    of: tuple[Field, ...] = ()


@dataclass(frozen=True, slots=True)
class RecordList:
    """A top-level list of the export, such as "meetings"."""

    name: str
    fields: tuple[Field, ...]
    key: tuple[str, ...]
    # field -> the list whose records it must name ("reflections" or another RecordList)
    refers: tuple[tuple[str, str], ...] = ()
    # Private keys: written only into the passphrase-encrypted export, never the plaintext one.
    secret: bool = False
    most: int | None = None


def _f(name: str, kind: str = "text", **options: Any) -> Field:
    return Field(name, kind, **options)


_RATING = (
    _f("id", "uuid"),
    _f("rated_at", "moment"),
    _f("trust", "int", low=1, high=10),
    _f("agreement", "int", nullable=True, low=1, high=10),
    _f("issue"),
    _f("note"),
)

RECORD_LISTS: tuple[RecordList, ...] = (
    RecordList(
        "attachments",
        (_f("reflection_id", "uuid"), _f("name"), _f("media_type"), _f("data", "base64")),
        key=("reflection_id", "name"),
        refers=(("reflection_id", "reflections"),),
    ),
    RecordList(
        "meetings",
        (
            _f("id", "uuid"),
            _f("title"),
            _f("starts_at", "moment"),
            _f("ends_at", "moment", nullable=True),
            _f("all_day", "bool"),
            _f("location"),
            _f("programme"),
            _f("calendar_key", nullable=True),
            _f("cancelled", "bool"),
            _f("dismissed", "bool"),
            _f("updated_at", "moment"),
            _f("people", "texts"),
            _f("organisations", "texts"),
        ),
        key=("id",),
    ),
    RecordList(
        "contacts",
        (
            _f("id", "uuid"),
            _f("kind", choices=("person", "organisation")),
            _f("name"),
            _f("role"),
            _f("organisation"),
            _f("email"),
            _f("notes"),
            _f("also_known_as", "texts"),
            Field("ratings", "records", of=_RATING),
        ),
        key=("id",),
    ),
    RecordList(
        "follow_ups",
        (
            _f("id", "uuid"),
            _f("reflection_id", "uuid"),
            _f("text"),
            _f("created_at", "moment"),
            _f("revisit_on", "date", nullable=True),
            _f("status", choices=("open", "done", "dropped")),
            _f("closed_at", "moment", nullable=True),
            _f("outcome_reflection_id", "uuid", nullable=True),
        ),
        key=("id",),
        refers=(("reflection_id", "reflections"),),
    ),
    RecordList(
        "storylines",
        (
            _f("id", "uuid"),
            _f("name"),
            _f("description"),
            _f("created_at", "moment"),
            _f("reflection_ids", "uuids"),
        ),
        key=("id",),
        refers=(("reflection_ids", "reflections"),),
    ),
    RecordList(
        "prompt_packs",
        (
            _f("id"),
            _f("version", "int", low=1),
            _f("source"),
            _f("signer_name", nullable=True),
            _f("signer_key", "base64", nullable=True),
            _f("imported_at", "moment"),
        ),
        key=("id",),
    ),
    RecordList(
        "prompt_pack_choices",
        (
            _f("pack_id"),
            _f("chosen", "bool"),
            _f("started_on", "date", nullable=True),
            _f("steps_done", "ints"),
        ),
        key=("pack_id",),
    ),
    RecordList(
        "prompt_marks",
        (
            _f("prompt_key"),
            _f("pinned_at", "moment", nullable=True),
            _f("hidden", "bool"),
            _f("offered_at", "moment", nullable=True),
        ),
        key=("prompt_key",),
    ),
    RecordList(
        "enablers",
        (_f("public_key", "base64"), _f("name"), _f("first_seen", "moment")),
        key=("public_key",),
    ),
    RecordList(
        "buddies",
        (
            _f("id", "uuid"),
            _f("name"),
            _f("age_recipient"),
            _f("signing_key", "base64"),
            _f("added_at", "moment"),
            _f("verified_at", "moment", nullable=True),
        ),
        key=("id",),
    ),
    RecordList(
        "shares",
        (
            _f("share_id", "uuid"),
            _f("direction", choices=("sent", "received")),
            _f("buddy_id", "uuid"),
            _f("kind"),
            _f("created_at", "moment"),
            _f("recorded_at", "moment"),
            _f("in_reply_to", "uuid", nullable=True),
            _f("payload"),
        ),
        key=("share_id",),
        refers=(("buddy_id", "buddies"),),
    ),
    RecordList(
        "discussion_records",
        (
            _f("id", "uuid"),
            _f("buddy_id", "uuid"),
            _f("held_on", "date"),
            _f("payload"),
            _f("updated_at", "moment"),
        ),
        key=("id",),
        refers=(("buddy_id", "buddies"),),
    ),
    RecordList(
        "reply_links",
        (_f("reflection_id", "uuid"), _f("share_id", "uuid"), _f("shared_reflection_id", "uuid")),
        key=("reflection_id",),
    ),
    RecordList(
        "sharing_identity",
        (
            _f("name"),
            _f("age_identity"),
            _f("signing_private", "base64"),
            _f("created_at", "moment"),
        ),
        key=(),
        secret=True,
        most=1,
    ),
    RecordList(
        "signing_identity",
        (_f("name"), _f("private_key", "base64"), _f("created_at", "moment")),
        key=(),
        secret=True,
        most=1,
    ),
)

BY_NAME: Mapping[str, RecordList] = {spec.name: spec for spec in RECORD_LISTS}


def empty() -> dict[str, list[Record]]:
    return {spec.name: [] for spec in RECORD_LISTS}


def names(with_secrets: bool) -> list[str]:
    return [spec.name for spec in RECORD_LISTS if with_secrets or not spec.secret]


# --- reading ---------------------------------------------------------------------------


def read_all(document: Mapping[str, Any], reflection_ids: Iterable[str]) -> dict[str, list[Record]]:
    """Every record list of a document, checked and tidied; an absent list is empty."""
    out = empty()
    known: dict[str, set[str]] = {"reflections": set(reflection_ids)}
    for spec in RECORD_LISTS:
        raw = document.get(spec.name, [])
        if not isinstance(raw, list):
            raise ValidationError(spec.name, "must be a list")
        if spec.most is not None and len(raw) > spec.most:
            raise ValidationError(spec.name, f"may hold at most {spec.most} record")
        records = [_record(spec.fields, item, f"{spec.name}[{i}]") for i, item in enumerate(raw)]
        _check_unique(spec, records)
        out[spec.name] = records
        if spec.key == ("id",):
            known[spec.name] = {r["id"] for r in records}
    for spec in RECORD_LISTS:
        for field, target in spec.refers:
            for i, record in enumerate(out[spec.name]):
                value = record[field]
                for one in value if isinstance(value, list) else [value]:
                    if one not in known[target]:
                        raise ValidationError(
                            f"{spec.name}[{i}].{field}", f"names {one}, which is not in {target}"
                        )
    return out


def _check_unique(spec: RecordList, records: list[Record]) -> None:
    if not spec.key:
        return
    seen: set[tuple[Any, ...]] = set()
    for i, record in enumerate(records):
        key = tuple(record[name] for name in spec.key)
        if key in seen:
            raise ValidationError(f"{spec.name}[{i}].{spec.key[-1]}", "appears twice in the file")
        seen.add(key)


def _record(fields: tuple[Field, ...], raw: Any, where: str) -> Record:
    if not isinstance(raw, dict):
        raise ValidationError(where, "must be an object")
    out: Record = {}
    for field in fields:
        at = f"{where}.{field.name}"
        if field.name not in raw:
            raise ValidationError(at, "is missing")
        value = raw[field.name]
        if value is None:
            if not field.nullable:
                raise ValidationError(at, "must not be null")
            out[field.name] = None
            continue
        if field.kind == "records":
            if not isinstance(value, list):
                raise ValidationError(at, "must be a list")
            out[field.name] = [_record(field.of, v, f"{at}[{i}]") for i, v in enumerate(value)]
        else:
            out[field.name] = _value(field, value, at)
    return out


def _value(field: Field, value: Any, at: str) -> Any:
    kind = field.kind
    if kind in ("texts", "uuids", "ints"):
        if not isinstance(value, list):
            raise ValidationError(at, "must be a list")
        one = Field(field.name, kind[:-1])
        return [_value(one, v, f"{at}[{i}]") for i, v in enumerate(value)]
    if kind == "bool":
        if not isinstance(value, bool):
            raise ValidationError(at, "must be true or false")
        return value
    if kind == "int":
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValidationError(at, "must be a whole number")
        if field.low is not None and value < field.low:
            raise ValidationError(at, f"must be at least {field.low}")
        if field.high is not None and value > field.high:
            raise ValidationError(at, f"must be at most {field.high}")
        return value
    if not isinstance(value, str):
        raise ValidationError(at, "must be text")
    if "\x00" in value:
        raise ValidationError(at, "must not hold a NUL character")
    if field.choices and value not in field.choices:
        raise ValidationError(at, f"must be one of {', '.join(field.choices)}")
    if kind == "moment":
        return timeutil.to_text(timeutil.parse_datetime(value, at))
    if kind == "date":
        try:
            return date.fromisoformat(value).isoformat()
        except ValueError:
            raise ValidationError(at, f"cannot read {value!r} as a date like 2026-03-14") from None
    if kind == "uuid":
        try:
            return str(uuid.UUID(value))
        except ValueError:
            raise ValidationError(at, "is not a valid id (a UUID)") from None
    if kind == "base64":
        try:
            return encode(base64.b64decode(value, validate=True))
        except (binascii.Error, ValueError):
            raise ValidationError(at, "is not valid base64") from None
    return value


# --- writing ---------------------------------------------------------------------------


def encode(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def decode(text: str) -> bytes:
    return base64.b64decode(text)
