"""How the command line shows reflections: readable text, or stable JSON (docs/cli.md)."""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

from reflect.model import Reflection
from reflect.serialization import reflection_to_dict
from storage.reflections import Revision
from storage.search import SearchHit

JSON_VERSION = 1


def emit_json(payload: dict[str, Any], out: TextIO | None = None) -> None:
    stream = out or sys.stdout
    stream.write(
        json.dumps({"reflect_json": JSON_VERSION, **payload}, ensure_ascii=False, indent=2)
    )
    stream.write("\n")


def summary_line(r: Reflection, in_trash: bool = False) -> str:
    when = r.happened_at.strftime("%Y-%m-%d %H:%M")
    star = "*" if r.starred else " "
    title = r.title or _first_words(r.body)
    extras = []
    if r.ways:
        extras.append("[" + ", ".join(sorted(w.value for w in r.ways)) + "]")
    extras += [f"#{t}" for t in r.tags]
    extras += [f"@{p}" for p in r.people]
    trash = " (in trash)" if in_trash else ""
    return f"{when}  {str(r.id)[:8]} {star} {title}{trash}  {' '.join(extras)}".rstrip()


def _first_words(body: str, limit: int = 60) -> str:
    flat = " ".join(body.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def full_text(r: Reflection, in_trash: bool = False) -> str:
    lines = [
        f"# {r.title}" if r.title else "# (untitled)",
        f"id:        {r.id}",
        f"happened:  {r.happened_at.isoformat(timespec='minutes')}",
        f"written:   {r.written_at.isoformat(timespec='seconds')}",
        f"edited:    {r.edited_at.isoformat(timespec='seconds')}",
    ]
    if in_trash:
        lines.append("status:    in the trash (`reflect restore` brings it back)")
    for label, values in (
        ("ways", sorted(w.display_name for w in r.ways)),
        ("tags", list(r.tags)),
        ("people", list(r.people)),
        ("orgs", list(r.organisations)),
    ):
        if values:
            lines.append(f"{label + ':':<10} {', '.join(values)}")
    if r.starred:
        lines.append("starred:   light bulb moment")
    for section in r.sections:
        lines.append("")
        heading = []
        if section.lens:
            heading.append(f"Lens: {section.lens.display_name}")
        if section.prompt:
            heading.append(f"Prompt: {section.prompt}")
        if heading:
            lines.append("## " + " · ".join(heading))
        lines.append(section.text)
    return "\n".join(lines)


def reflection_json(r: Reflection, in_trash: bool = False) -> dict[str, Any]:
    return {**reflection_to_dict(r), "in_trash": in_trash}


def hit_json(hit: SearchHit) -> dict[str, Any]:
    highlights = []
    position = 0
    for part in hit.snippet:
        if part.highlighted:
            highlights.append([position, position + len(part.text)])
        position += len(part.text)
    return {
        "reflection": reflection_json(hit.reflection),
        "rank": hit.rank,
        "snippet": hit.snippet_text,
        "highlights": highlights,
    }


def hit_text(hit: SearchHit, emphasise: bool) -> str:
    marked = "".join(
        (f"\x1b[1m{p.text}\x1b[0m" if emphasise else f"[{p.text}]") if p.highlighted else p.text
        for p in hit.snippet
    )
    return summary_line(hit.reflection) + "\n    " + " ".join(marked.split())


def revision_line(rev: Revision) -> str:
    r = rev.reflection
    saved = rev.saved_at.isoformat(timespec="seconds")
    return f"version {rev.number}  saved {saved}  {r.title or _first_words(r.body)}"
