"""Writing a `PromptPack` as a pack file (format 1), for the authoring window.

The output is what a person would write by hand: fields in the documented
order, empty ones left out, so an enabler can open it in a text editor later.
Reading it back with `read_pack` gives the same pack (a tested round trip).
"""

from __future__ import annotations

from collections.abc import Iterable

import tomli_w

from prompts.pack_format import FORMAT
from reflect.prompt_library import Every, Moment, Prompt, PromptPack


def pack_to_toml(pack: PromptPack) -> str:
    lines = [
        "# A Reflect prompt pack (docs/prompt-packs.md).",
        "",
        f"format = {FORMAT}",
        f"id = {_string(pack.id)}",
        f"title = {_string(pack.title)}",
        f"author = {_string(pack.author)}",
        f"version = {pack.version}",
    ]
    if pack.description:
        lines.append(f"description = {_string(pack.description, multiline=True)}")
    if pack.sources:
        lines.append("sources = [")
        lines += [f"    {_string(source)}," for source in pack.sources]
        lines.append("]")
    if pack.schedule is not None:
        lines += ["", "[schedule]", f"every = {_string(pack.schedule.every.value)}"]
        if pack.schedule.count is not None:
            lines.append(f"count = {pack.schedule.count}")
        if _custom_order(pack):
            lines.append(f"prompts = {_strings(pack.schedule.prompt_ids)}")
    for p in pack.prompts:
        lines += ["", "[[prompts]]", *_prompt(p)]
    return "\n".join(lines) + "\n"


def _string(text: str, multiline: bool = False) -> str:
    """A TOML string literal, escaped by tomli_w (one key, then the key cut off)."""
    return tomli_w.dumps({"k": text}, multiline_strings=multiline)[len("k = ") :].rstrip("\n")


def _strings(items: Iterable[str]) -> str:
    return "[" + ", ".join(_string(x) for x in items) + "]"


def _prompt(p: Prompt) -> list[str]:
    out = [f"id = {_string(p.id)}", f"text = {_string(p.text, multiline=True)}"]
    if p.ways:
        out.append(f"ways = {_strings(w.value for w in p.ways)}")
    if p.lenses:
        out.append(f"lenses = {_strings(lens.value for lens in p.lenses)}")
    if p.stage is not None:
        out.append(f"stage = {_string(p.stage.value)}")
    if p.moments:
        out.append(f"moments = {_strings(m.value for m in Moment if m in p.moments)}")
    if p.day is not None:
        out.append(f"day = {p.day}")
    return out


def _custom_order(pack: PromptPack) -> bool:
    """Whether the schedule's order differs from the one the format would assume."""
    assert pack.schedule is not None
    if pack.schedule.every is Every.PROGRAMME_DAY:
        dated = sorted((p for p in pack.prompts if p.day is not None), key=lambda p: p.day or 0)
        return pack.schedule.prompt_ids != tuple(p.id for p in dated)
    return pack.schedule.prompt_ids != tuple(p.id for p in pack.prompts)
