"""Turn one typed Markdown body into sections, split at headings that name a lens.

A leader writing in a plain editor can look at one event through several
lenses by starting each part with a heading such as `## Historian` or
`## The aerial photographer`. Text before the first such heading is a section
without a lens. Other headings stay inside the text.
"""

from __future__ import annotations

import re

from reflect.errors import ValidationError
from reflect.frameworks import Lens
from reflect.model import Section

_HEADING = re.compile(r"^#{1,3}\s+(.+?)\s*#*\s*$")


def _lens_of_heading(line: str) -> Lens | None:
    match = _HEADING.match(line)
    if not match:
        return None
    try:
        return Lens.parse(match.group(1).removeprefix("Lens:").strip(), "lens")
    except ValidationError:
        return None


def split_sections(body: str, lenses: list[Lens]) -> tuple[Section, ...]:
    """Sections from `body`; `lenses` (from --lens) apply when the body has no lens headings."""
    parts: list[tuple[Lens | None, list[str]]] = [(None, [])]
    for line in body.splitlines():
        lens = _lens_of_heading(line)
        if lens is not None:
            parts.append((lens, []))
        else:
            parts[-1][1].append(line)
    sections = [
        Section("\n".join(lines).strip("\n"), lens)
        for lens, lines in parts
        if lens is not None or "".join(lines).strip()
    ]
    if len(parts) > 1:
        if lenses:
            raise ValidationError(
                "lens", "give lenses either as headings in the text or with --lens, not both"
            )
        return tuple(sections) or (Section(""),)
    if len(lenses) > 1:
        raise ValidationError(
            "lens",
            "several lenses need several parts: start each part with a heading naming its lens, "
            "for example '## Historian'",
        )
    text = body.strip("\n")
    return (Section(text, lenses[0] if lenses else None),)


def take_title(body: str) -> tuple[str, str]:
    """Use a first line `# Title` as the title, and return it with the rest of the body.

    Titles typed as command-line options end up in the shell's history file in
    plain text; a title inside the body (from a file or stdin) never does. A
    first heading that names a lens stays a lens heading.
    """
    lines = body.lstrip("\n").splitlines()
    if not lines or not lines[0].startswith("# ") or _lens_of_heading(lines[0]) is not None:
        return "", body
    return lines[0][2:].strip(), "\n".join(lines[1:])
