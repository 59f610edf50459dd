"""What a user asks for when listing or searching: filters and a safe search query."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from reflect.errors import ValidationError
from reflect.frameworks import Lens, Way


@dataclass(frozen=True, slots=True)
class Filters:
    """All given filters must hold; within one kind, any listed value matches."""

    ways: frozenset[Way] = frozenset()
    lenses: frozenset[Lens] = frozenset()
    tags: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    starred: bool | None = None
    since: datetime | None = None
    until: datetime | None = None

    def __post_init__(self) -> None:
        if self.since and self.until and self.since > self.until:
            raise ValidationError("since", "the start of the date range is after its end")


_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_WORD_CHARS = re.compile(r"[\w']+", re.UNICODE)


def fts_query(text: str) -> str:
    """Turn what a user typed into an FTS5 query that can never be a syntax error.

    Words must all match (in any order); "quoted words" match as a phrase; a
    trailing * matches any ending; OR between words matches either side.
    Everything else the user types is treated as plain text.
    """
    parts: list[str] = []
    for match in _TOKEN.finditer(text):
        phrase, word = match.group(1), match.group(2)
        if phrase is not None:
            words = _WORD_CHARS.findall(phrase)
            if words:
                parts.append('"' + " ".join(words) + '"')
            continue
        if word == "OR":
            if parts and parts[-1] != "OR":
                parts.append("OR")
            continue
        prefix = word.endswith("*")
        for piece in _WORD_CHARS.findall(word):
            parts.append(f'"{piece}"' + ("*" if prefix else ""))
    while parts and parts[-1] == "OR":
        parts.pop()
    if not parts:
        raise ValidationError("query", "type at least one word to search for")
    return " ".join(parts)
