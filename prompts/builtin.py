"""Reflect's own prompt library: the packs shipped in prompts/packs/, read once."""

from __future__ import annotations

import functools
from importlib import resources

from prompts.pack_format import read_pack
from reflect.prompt_library import PromptPack


@functools.cache
def builtin_packs() -> tuple[PromptPack, ...]:
    """Every built-in pack, by title. A broken built-in pack is a bug: it raises."""
    folder = resources.files("prompts") / "packs"
    packs = [
        read_pack(entry.read_bytes(), entry.name, builtin=True).pack
        for entry in folder.iterdir()
        if entry.name.endswith(".toml")
    ]
    return tuple(sorted(packs, key=lambda p: p.title.casefold()))
