"""The leader's whole prompt library: built-in packs plus imported ones, with their choices.

A thin reader over the journal's records: it parses each imported pack's stored
source once per version and answers "which prompts are chosen", "which
scheduled steps are due" and "what is this prompt key".
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import Enum
from typing import Protocol

from prompts.builtin import builtin_packs
from prompts.importing import Stored
from prompts.pack_format import read_pack
from prompts.signing import fingerprint
from reflect.prompt_library import Prompt, PromptPack, Signer
from reflect.prompt_schedule import Step, due_step, next_step


class Origin(Enum):
    BUILTIN = "Built in"
    SIGNED = "Signed"
    UNSIGNED = "Unsigned"


class StoredSource(Stored, Protocol):
    """An imported pack as the journal keeps it (storage.prompt_packs.StoredPack)."""

    @property
    def id(self) -> str: ...

    @property
    def imported_at(self) -> datetime: ...


class Choice(Protocol):
    @property
    def chosen(self) -> bool: ...

    @property
    def started_on(self) -> date | None: ...

    @property
    def steps_done(self) -> frozenset[int]: ...


class LibraryStore(Protocol):
    def stored(self) -> Sequence[StoredSource]: ...

    def choices(self) -> Mapping[str, Choice]: ...


@dataclass(frozen=True, slots=True)
class LibraryPack:
    pack: PromptPack
    origin: Origin
    chosen: bool
    started_on: date | None = None
    steps_done: frozenset[int] = frozenset()
    imported_at: datetime | None = None

    @property
    def fingerprint(self) -> str | None:
        signer = self.pack.signer
        return fingerprint(signer.public_key) if signer else None

    def due(self, today: date) -> Step | None:
        if self.pack.schedule is None or self.started_on is None or not self.chosen:
            return None
        return due_step(self.pack, self.started_on, today, self.steps_done)

    def next(self, today: date) -> Step | None:
        if self.pack.schedule is None or self.started_on is None:
            return None
        return next_step(self.pack, self.started_on, today)


def _imported(stored: StoredSource) -> PromptPack:
    return _parsed(stored.id, stored.source, stored.signer)


@functools.lru_cache(maxsize=64)  # bounded: old versions and removed packs drop out
def _parsed(pack_id: str, source: str, signer: Signer | None) -> PromptPack:
    pack = read_pack(source.encode("utf-8"), pack_id).pack
    # The signature was checked when it was imported; the stored signer is that result.
    return replace(pack, signer=signer)


def library(store: LibraryStore) -> list[LibraryPack]:
    """Every pack the leader has: built-in first (by title), then imported (by title)."""
    choices = store.choices()
    packs: list[LibraryPack] = []
    for pack in builtin_packs():
        c = choices.get(pack.id)
        packs.append(LibraryPack(pack, Origin.BUILTIN, c.chosen if c else True))
    imported = []
    for stored in store.stored():
        pack = _imported(stored)
        c = choices.get(pack.id)
        imported.append(
            LibraryPack(
                pack,
                Origin.SIGNED if stored.signer else Origin.UNSIGNED,
                c.chosen if c else True,
                c.started_on if c else None,
                c.steps_done if c else frozenset(),
                stored.imported_at,
            )
        )
    return packs + sorted(imported, key=lambda p: p.pack.title.casefold())


def chosen_prompts(packs: Sequence[LibraryPack]) -> list[Prompt]:
    return [p for lp in packs if lp.chosen for p in lp.pack.prompts]


def due_steps(packs: Sequence[LibraryPack], today: date) -> list[tuple[str, Step]]:
    """(pack title, step) for each chosen pack with a scheduled step due today."""
    due = []
    for lp in packs:
        step = lp.due(today)
        if step is not None:
            due.append((lp.pack.title, step))
    return due


def find(packs: Sequence[LibraryPack], key: str) -> Prompt | None:
    for lp in packs:
        for p in lp.pack.prompts:
            if p.key == key:
                return p
    return None
