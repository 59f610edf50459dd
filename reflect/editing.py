"""What the editor holds, and how it becomes a reflection or a draft (no Qt here)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

from reflect.drafts import Draft
from reflect.frameworks import Way
from reflect.model import NewReflection, Reflection, Section, validated


def split_labels(text: str) -> tuple[str, ...]:
    """People, organisations and tags are typed comma-separated."""
    return tuple(part.strip() for part in text.split(",") if part.strip())


def join_labels(labels: tuple[str, ...]) -> str:
    return ", ".join(labels)


@dataclass(frozen=True, slots=True)
class EditorState:
    """Everything on the editor's screen, as typed."""

    title: str = ""
    happened_at: datetime | None = None
    sections: tuple[Section, ...] = (Section(""),)
    ways: frozenset[Way] = frozenset()
    tags: str = ""
    people: str = ""
    organisations: str = ""
    starred: bool = False
    reflection_id: uuid.UUID | None = None  # None until first saved
    draft_id: uuid.UUID = field(default_factory=uuid.uuid4)

    @staticmethod
    def of(r: Reflection) -> EditorState:
        return EditorState(
            title=r.title,
            happened_at=r.happened_at,
            sections=r.sections,
            ways=r.ways,
            tags=join_labels(r.tags),
            people=join_labels(r.people),
            organisations=join_labels(r.organisations),
            starred=r.starred,
            reflection_id=r.id,
        )

    @staticmethod
    def from_draft(draft: Draft, saved: Reflection | None) -> EditorState:
        """Writing recovered after a crash, on top of the reflection it was editing, if any."""
        base = EditorState.of(saved) if saved is not None else EditorState()
        return replace(base, title=draft.title, sections=draft.sections, draft_id=draft.id)

    def is_blank(self) -> bool:
        return not self.title.strip() and not any(s.text.strip() for s in self.sections)

    def as_draft(self) -> Draft:
        return Draft(
            id=self.draft_id,
            title=self.title,
            sections=self.sections,
            updated_at=datetime.now(UTC),
            reflection_id=self.reflection_id,
        )

    def to_new(self) -> NewReflection:
        return NewReflection(
            id=self.reflection_id,
            sections=self.sections,
            title=self.title,
            happened_at=self.happened_at,
            ways=self.ways,
            tags=split_labels(self.tags),
            starred=self.starred,
            people=split_labels(self.people),
            organisations=split_labels(self.organisations),
        )

    def applied_to(self, saved: Reflection) -> Reflection:
        """The saved reflection with this screen's content (times of writing kept)."""
        fresh = self.to_new()
        return validated(
            replace(
                saved,
                title=fresh.title,
                happened_at=self.happened_at or saved.happened_at,
                sections=fresh.sections,
                ways=frozenset(fresh.ways),
                tags=tuple(fresh.tags),
                starred=fresh.starred,
                people=tuple(fresh.people),
                organisations=tuple(fresh.organisations),
            )
        )
