"""The private directory of people and organisations a leader works with.

Reflections and meetings name people and organisations as text labels; the
directory holds one entry per name (matched without regard to case), built as
names are mentioned. Renaming an entry renames it everywhere; merging two
entries keeps everything of both, including trust and agreement history.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace

from reflect.errors import ValidationError
from reflect.model import MAX_LABEL, _require_encodable

MAX_NOTES = 20_000


@dataclass(frozen=True, slots=True)
class Person:
    id: uuid.UUID
    name: str
    role: str = ""
    organisation: str = ""
    email: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Organisation:
    id: uuid.UUID
    name: str
    notes: str = ""


def clean_name(raw: str, field_name: str = "name") -> str:
    name = " ".join(raw.split())
    if not name:
        raise ValidationError(field_name, "a name is required")
    if len(name) > MAX_LABEL:
        raise ValidationError(field_name, f"is longer than {MAX_LABEL} characters")
    _require_encodable(name, field_name)
    return name


def fold(name: str) -> str:
    """The key two spellings of one name share ("Dr  Amy Shah" and "dr amy shah")."""
    return " ".join(name.split()).casefold()


def validated_person(p: Person) -> Person:
    if len(p.notes) > MAX_NOTES:
        raise ValidationError("notes", f"is longer than {MAX_NOTES} characters")
    _require_encodable(p.notes, "notes")
    return replace(
        p,
        name=clean_name(p.name),
        role=" ".join(p.role.split())[:MAX_LABEL],
        organisation=" ".join(p.organisation.split())[:MAX_LABEL],
        email=p.email.strip().lower()[:MAX_LABEL],
    )


def validated_organisation(o: Organisation) -> Organisation:
    if len(o.notes) > MAX_NOTES:
        raise ValidationError("notes", f"is longer than {MAX_NOTES} characters")
    _require_encodable(o.notes, "notes")
    return replace(o, name=clean_name(o.name))
