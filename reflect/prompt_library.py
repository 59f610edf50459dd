"""Prompts and prompt packs as typed values: what a pack holds once it has been read.

Reading a pack file (TOML) and checking its signature live in `prompts/`; this
module only says what a valid pack *is*, so the suggestion engine, storage and
the interface can all share it without knowing the file format.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from reflect.frameworks import KolbStage, Lens, Way

BUILTIN_PREFIX = "reflect-"


class Moment(StrEnum):
    """When a prompt suits; a prompt with none suits any moment."""

    AFTER_MEETING = "after-meeting"
    BEFORE_MEETING = "before-meeting"
    WEEKLY = "weekly"
    YEARLY = "yearly"

    @property
    def display_name(self) -> str:
        return _MOMENT_NAMES[self]


_MOMENT_NAMES = {
    Moment.AFTER_MEETING: "After a meeting",
    Moment.BEFORE_MEETING: "Before a meeting",
    Moment.WEEKLY: "Weekly",
    Moment.YEARLY: "Yearly review",
}


class Every(StrEnum):
    """How a pack's schedule repeats."""

    DAY = "day"
    MONDAY = "monday"
    TUESDAY = "tuesday"
    WEDNESDAY = "wednesday"
    THURSDAY = "thursday"
    FRIDAY = "friday"
    SATURDAY = "saturday"
    SUNDAY = "sunday"
    PROGRAMME_DAY = "programme-day"

    @property
    def weekday(self) -> int | None:
        """Monday is 0, as `date.weekday()` counts; None when not a day of the week."""
        names = list(Every)[1:8]
        return names.index(self) if self in names else None


@dataclass(frozen=True, slots=True)
class Prompt:
    """One question. `key` is unique across every pack: "<pack id>/<prompt id>"."""

    pack_id: str
    id: str
    text: str
    ways: tuple[Way, ...] = ()
    lenses: tuple[Lens, ...] = ()
    stage: KolbStage | None = None
    moments: frozenset[Moment] = frozenset()
    day: int | None = None

    @property
    def key(self) -> str:
        return f"{self.pack_id}/{self.id}"

    def suits(self, moment: Moment | None) -> bool:
        return moment is None or not self.moments or moment in self.moments


@dataclass(frozen=True, slots=True)
class Schedule:
    """Which prompts to offer on which days, counted from the day the pack was started."""

    every: Every
    prompt_ids: tuple[str, ...]
    count: int | None = None


@dataclass(frozen=True, slots=True)
class Signer:
    """Who signed a pack: the name they gave and their Ed25519 public key (32 bytes)."""

    name: str
    public_key: bytes


@dataclass(frozen=True, slots=True)
class PromptPack:
    id: str
    title: str
    author: str
    version: int
    prompts: tuple[Prompt, ...]
    description: str = ""
    sources: tuple[str, ...] = ()
    schedule: Schedule | None = None
    signer: Signer | None = None

    @property
    def is_builtin(self) -> bool:
        """Reflect's own library: only packs shipped with the app may use this prefix."""
        return self.id.startswith(BUILTIN_PREFIX)

    def prompt(self, prompt_id: str) -> Prompt | None:
        return next((p for p in self.prompts if p.id == prompt_id), None)

    def scheduled_prompts(self) -> Sequence[Prompt]:
        if self.schedule is None:
            return ()
        by_id = {p.id: p for p in self.prompts}
        return tuple(by_id[i] for i in self.schedule.prompt_ids if i in by_id)


def split_key(key: str) -> tuple[str, str]:
    """("pack id", "prompt id") from a prompt key; ValueError if it is not one."""
    pack_id, sep, prompt_id = key.partition("/")
    if not sep or not pack_id or not prompt_id:
        raise ValueError(f"not a prompt key: {key!r}")
    return pack_id, prompt_id
