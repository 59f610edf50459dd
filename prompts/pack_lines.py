"""Finding the line of a field in a pack's TOML text, so errors can say where to look.

tomllib gives values but not positions, so this reads the text the way a person
would: it follows `[table]` and `[[prompts]]` headers and notes where each key
is set. It only has to be right for packs written the documented way; for
anything else it returns the nearest line it knows, or None.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\"' -]+?)\s*(\]\]?)\s*(#.*)?$")
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*=""")

Loc = tuple[int | str, ...]


class LineFinder:
    def __init__(self, text: str) -> None:
        # (table path) -> line of its header; (table path, key) -> line of the key.
        self._tables: dict[tuple[int | str, ...], int] = {(): 1}
        self._keys: dict[tuple[tuple[int | str, ...], str], int] = {}
        table: tuple[int | str, ...] = ()
        arrays: dict[str, int] = {}
        in_multiline = False
        for number, line in enumerate(text.splitlines(), start=1):
            # Skip the inside of multi-line strings: a line there is text, not a key.
            if in_multiline:
                if line.count('"""') % 2 == 1 or line.count("'''") % 2 == 1:
                    in_multiline = False
                continue
            header = _HEADER.match(line)
            if header:
                name = header.group(2).strip().strip("\"'")
                if header.group(1) == "[[":
                    index = arrays.get(name, -1) + 1
                    arrays[name] = index
                    table = (name, index)
                else:
                    table = tuple(name.split("."))
                self._tables.setdefault(table, number)
                continue
            key = _KEY.match(line)
            if key:
                self._keys.setdefault((table, key.group(1).strip("\"'")), number)
                after = line.split("=", 1)[1]
                if after.count('"""') == 1 or after.count("'''") == 1:
                    in_multiline = True

    def line_of(self, loc: Loc) -> int | None:
        """The line that sets the field at pydantic location `loc`, or the closest one known."""
        path = tuple(loc)
        # Try the longest table prefix first: ("prompts", 3, "ways", 0) is key "ways" in
        # table ("prompts", 3); ("schedule", "every") is key "every" in table ("schedule",).
        for cut in range(len(path), -1, -1):
            table, rest = path[:cut], path[cut:]
            if table not in self._tables:
                continue
            if rest and isinstance(rest[0], str) and (table, rest[0]) in self._keys:
                return self._keys[(table, rest[0])]
            if table:
                return self._tables[table]
            if rest and isinstance(rest[0], str):
                return None
        return None


def describe_loc(loc: Loc) -> str:
    """("prompts", 2, "ways", 0) -> "prompts 3, ways": counted from one, as people count."""
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            if parts and parts[-1] in ("prompts", "sources"):
                parts[-1] = f"{parts[-1]} {item + 1}"
            continue
        parts.append(str(item))
    return ", ".join(parts)
