"""Drafts: unsaved writing, kept so that a crash or a kill loses at most a second or two."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from reflect import timeutil
from reflect.model import Section
from reflect.serialization import section_from_dict, section_to_dict


@dataclass(frozen=True, slots=True)
class Draft:
    """What was on screen: may be empty or half-written, so it is not validated."""

    id: uuid.UUID
    title: str
    sections: tuple[Section, ...]
    updated_at: datetime
    reflection_id: uuid.UUID | None = None  # set when the draft edits a saved reflection

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "sections": [section_to_dict(s) for s in self.sections]}

    @staticmethod
    def from_row(
        draft_id: str, reflection_id: str | None, updated_at: str, payload: dict[str, Any]
    ) -> Draft:
        return Draft(
            id=uuid.UUID(draft_id),
            title=str(payload.get("title", "")),
            sections=tuple(
                section_from_dict(s, f"draft.sections[{i}]")
                for i, s in enumerate(payload.get("sections", []))
            ),
            updated_at=timeutil.from_text(updated_at),
            reflection_id=uuid.UUID(reflection_id) if reflection_id else None,
        )
