"""Deciding whether a pack file may join a journal, and what the leader must be told first.

`check` reads, validates and verifies the file and compares it with what the
journal already holds; it changes nothing. The interface shows the resulting
`ImportPlan` (who it is from, the fingerprint, "unsigned") and, once the
leader agrees, `apply` stores it in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from prompts.pack_errors import PackError
from prompts.pack_format import read_pack
from prompts.signing import fingerprint, verify
from reflect.prompt_library import PromptPack, Signer


class KnownKey(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def public_key(self) -> bytes: ...

    @property
    def first_seen(self) -> datetime: ...


class Stored(Protocol):
    @property
    def version(self) -> int: ...

    @property
    def source(self) -> str: ...

    @property
    def signer(self) -> Signer | None: ...


class PackStore(Protocol):
    """What importing needs from the journal (storage.prompt_packs.PromptPacks provides it)."""

    def get(self, pack_id: str) -> Stored | None: ...

    def enablers_named(self, name: str) -> Sequence[KnownKey]: ...

    def save(
        self, pack_id: str, version: int, source: str, signer: Signer | None, today: date
    ) -> None: ...


@dataclass(frozen=True, slots=True)
class ImportPlan:
    pack: PromptPack
    source: str
    signer: Signer | None
    known_enabler: bool  # this key was accepted before
    replaces_version: int | None

    @property
    def fingerprint(self) -> str | None:
        return fingerprint(self.signer.public_key) if self.signer else None

    @property
    def needs_confirmation(self) -> bool:
        """Unsigned packs, and first packs from an enabler, ask the leader first."""
        return self.signer is None or not self.known_enabler


def check(data: bytes, name: str, store: PackStore) -> ImportPlan:
    """What importing `data` would do, or PackError saying why it is refused."""
    read = read_pack(data, name)
    signer = verify(read, name)
    pack = read.pack
    known = False
    if signer is not None:
        known = _check_key(signer, store, name)
    existing = store.get(pack.id)
    if existing is not None:
        _check_replacement(pack, signer, existing, name)
    return ImportPlan(
        pack=pack,
        source=read.text,
        signer=signer,
        known_enabler=known,
        replaces_version=existing.version if existing else None,
    )


def apply(plan: ImportPlan, store: PackStore, today: date) -> None:
    store.save(plan.pack.id, plan.pack.version, plan.source, plan.signer, today)


def _check_key(signer: Signer, store: PackStore, name: str) -> bool:
    same_name = store.enablers_named(signer.name)
    if any(k.public_key == signer.public_key for k in same_name):
        return True
    if same_name:
        first = same_name[0]
        raise PackError(
            name,
            f"says it is from {signer.name}, but it is signed with a different key from the "
            f"one you accepted for them on {first.first_seen:%-d %B %Y}. It may not be from "
            f"them, so nothing was imported. If {first.name} has really made a new key, "
            "remove their old one under Enablers in the prompt library, then import again.",
        )
    return False


def _check_replacement(
    pack: PromptPack, signer: Signer | None, existing: Stored, name: str
) -> None:
    old = existing.signer
    if old is not None and (signer is None or signer.public_key != old.public_key):
        who = "is not signed" if signer is None else f"is signed by {signer.name}"
        raise PackError(
            name,
            f"would replace the pack “{pack.title}” you have from {old.name}, but it {who}. "
            "Nothing was imported. Remove the old pack first if you mean to replace it.",
        )
    if pack.version < existing.version:
        raise PackError(
            name,
            f"is version {pack.version} of “{pack.title}”, older than the version "
            f"{existing.version} you have. Nothing was imported.",
        )
    if pack.version == existing.version:
        if pack == read_pack(existing.source.encode("utf-8"), name).pack:
            raise PackError(
                name,
                f"is already in your library (“{pack.title}”, version {pack.version}). "
                "Nothing changed.",
            )
        raise PackError(
            name,
            f"has the same version number ({pack.version}) as the “{pack.title}” you have, "
            "but different contents. Ask its author to raise the version and send it again.",
        )
