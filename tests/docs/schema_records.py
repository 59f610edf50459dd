"""The JSON Schema of the export's record lists, derived from reflect.export_records.

The committed docs/export-format.schema.json must hold exactly this (a test checks);
after changing the record lists, run `python -m tests.docs.schema_records` to rewrite it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from reflect.export_records import RECORD_LISTS, Field

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "docs" / "export-format.schema.json"
DATE = {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
BASE64 = {
    "type": "string",
    "contentEncoding": "base64",
    "pattern": "^[A-Za-z0-9+/]*={0,2}$",
}


def def_name(list_name: str) -> str:
    head, *rest = list_name.split("_")
    return head + "".join(part.title() for part in rest) + "Record"


def field_schema(field: Field) -> dict[str, Any]:
    kind = field.kind
    schema: dict[str, Any]
    if kind == "records":
        schema = {"type": "array", "items": record_schema(field.of)}
    elif kind in ("texts", "uuids", "ints"):
        schema = {"type": "array", "items": field_schema(Field(field.name, kind[:-1]))}
    elif kind == "text":
        schema = {"enum": list(field.choices)} if field.choices else {"type": "string"}
    elif kind == "int":
        schema = {"type": "integer"}
        if field.low is not None:
            schema["minimum"] = field.low
        if field.high is not None:
            schema["maximum"] = field.high
    elif kind == "bool":
        schema = {"type": "boolean"}
    elif kind == "moment":
        schema = {"$ref": "#/$defs/dateTime"}
    elif kind == "uuid":
        schema = {"$ref": "#/$defs/uuid"}
    elif kind == "date":
        schema = dict(DATE)
    elif kind == "base64":
        schema = dict(BASE64)
    else:  # pragma: no cover - a new kind needs a schema here
        raise AssertionError(f"no schema for kind {kind}")
    if field.nullable:
        return {"anyOf": [schema, {"type": "null"}]}
    return schema


def record_schema(fields: tuple[Field, ...]) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [f.name for f in fields],
        "properties": {f.name: field_schema(f) for f in fields},
    }


def list_properties() -> dict[str, Any]:
    out: dict[str, Any] = {}
    for spec in RECORD_LISTS:
        prop: dict[str, Any] = {
            "type": "array",
            "items": {"$ref": f"#/$defs/{def_name(spec.name)}"},
        }
        if spec.most is not None:
            prop["maxItems"] = spec.most
        out[spec.name] = prop
    return out


def record_defs() -> dict[str, Any]:
    return {def_name(spec.name): record_schema(spec.fields) for spec in RECORD_LISTS}


HEAD = ("format", "version", "exported_at", "with_history", "reflections")


def required_lists() -> list[str]:
    return [spec.name for spec in RECORD_LISTS if not spec.secret]


def rewrite(schema: dict[str, Any]) -> dict[str, Any]:
    """`schema` with its record-list parts replaced by what the code says."""
    properties = {
        k: v for k, v in schema["properties"].items() if k not in {s.name for s in RECORD_LISTS}
    }
    for name, prop in list_properties().items():
        described = schema["properties"].get(name, {}).get("description")
        properties[name] = {"description": described, **prop} if described else prop
    defs = {k: v for k, v in schema["$defs"].items() if not k.endswith("Record")}
    return {
        **schema,
        "required": [*HEAD, *required_lists()],
        "properties": properties,
        "$defs": {**defs, **record_defs()},
    }


if __name__ == "__main__":
    current = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    SCHEMA_PATH.write_text(json.dumps(rewrite(current), indent=2, ensure_ascii=False) + "\n")
