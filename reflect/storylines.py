"""Storylines: the reflections on one long-running issue, as a timeline.

"Hospital discharge" or "the dementia programme" run for years; a storyline
gathers the reflections about one of them so the historian's lens (Fillmore)
has its material. A reflection can belong to several storylines.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import datetime

from reflect.errors import ValidationError
from reflect.model import _require_encodable
from reflect.people import clean_name

MAX_DESCRIPTION = 2000


@dataclass(frozen=True, slots=True)
class Storyline:
    id: uuid.UUID
    name: str
    created_at: datetime
    description: str = ""


def validated_storyline(s: Storyline) -> Storyline:
    description = s.description.strip()
    if len(description) > MAX_DESCRIPTION:
        raise ValidationError("description", f"is longer than {MAX_DESCRIPTION} characters")
    _require_encodable(description, "description")
    return replace(s, name=clean_name(s.name), description=description)
