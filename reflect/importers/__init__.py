"""Reading other journals' exports into entries Reflect can import (issue 8).

Each reader turns one file (or folder) from jrnl, Day One or a Markdown vault
into an `ImportPreview`: the entries it found, the problems it skipped over and
the tags that look like one of the six ways or five lenses. Nothing is written
here; storage imports a preview in one transaction once the user agrees.

A file that is not what it claims to be raises `ImportFormatError`, naming the
file and the line or entry at fault. Empty entries are problems, not failures.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from reflect.errors import ReflectError, ValidationError
from reflect.frameworks import Lens, Way, _fold
from reflect.model import MAX_LABEL, MAX_TITLE, NewReflection, Section
from reflect.sections_text import split_sections

# Ids of imported reflections derive from their source key, so importing the
# same entry twice gives the same id and storage can skip it.
IMPORT_NAMESPACE = uuid.UUID("5d0b7c52-4a4e-5c1e-9f6a-8f1d2b3c4e5f")


class ImportFormatError(ReflectError):
    """A file that cannot be imported; names the file and the line or entry."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message


@dataclass(frozen=True, slots=True)
class Attachment:
    name: str
    data: bytes
    media_type: str


@dataclass(frozen=True, slots=True)
class ImportedEntry:
    key: str
    happened_at: datetime
    title: str
    body: str
    tags: tuple[str, ...]
    starred: bool
    attachments: tuple[Attachment, ...] = ()


@dataclass(frozen=True, slots=True)
class ImportProblem:
    where: str
    message: str


@dataclass(frozen=True, slots=True)
class ImportPreview:
    entries: tuple[ImportedEntry, ...]
    problems: tuple[ImportProblem, ...]
    suggested_ways: Mapping[str, Way] = field(default_factory=dict)
    suggested_lenses: Mapping[str, Lens] = field(default_factory=dict)


# Conservative: the names themselves and a few plain variants, nothing looser.
_WAY_WORDS: dict[str, Way] = {
    "feeling": Way.FEELING,
    "feelings": Way.FEELING,
    "perceiving": Way.PERCEIVING,
    "perception": Way.PERCEIVING,
    "thinking": Way.THINKING,
    "relating": Way.RELATING,
    "relationships": Way.RELATING,
    "doing": Way.DOING,
    "being": Way.BEING,
}
_LENS_EXTRA: dict[str, Lens] = {"storyteller": Lens.STORY_TELLER}


def way_of_tag(tag: str) -> Way | None:
    """The way a tag names, if it plainly names one."""
    return _WAY_WORDS.get(_fold(tag.lstrip("#@")))


def lens_of_tag(tag: str) -> Lens | None:
    """The lens a tag names, if it plainly names one."""
    raw = tag.lstrip("#@")
    try:
        return Lens.parse(raw, "tag")
    except ValidationError:
        return _LENS_EXTRA.get(_fold(raw))


def entry_id(entry: ImportedEntry) -> uuid.UUID:
    """A stable id for an imported entry: the same source entry always gets the same id."""
    return uuid.uuid5(IMPORT_NAMESPACE, entry.key)


def to_new_reflection(entry: ImportedEntry, map_tags: bool) -> NewReflection:
    """The reflection an entry becomes; with `map_tags`, way and lens tags become ways and lenses.

    A lens tag marks the whole body as written through that lens, unless the body
    already has lens headings (`## Historian`), which then split it into sections.
    Lens tags that cannot be placed, and every other tag, stay tags.
    """
    if not map_tags:
        return _new(entry, (Section(entry.body),), (), entry.tags)
    ways: list[Way] = []
    lens_tags: list[tuple[str, Lens]] = []
    tags: list[str] = []
    for tag in entry.tags:
        way = way_of_tag(tag)
        lens = lens_of_tag(tag)
        if way is not None:
            ways.append(way)
        elif lens is not None:
            lens_tags.append((tag, lens))
        else:
            tags.append(tag)
    sections = split_sections(entry.body, [])
    if any(s.lens is not None for s in sections):
        placed = {s.lens for s in sections}
        tags += [tag for tag, lens in lens_tags if lens not in placed]
    elif len(lens_tags) == 1:
        sections = (Section(entry.body.strip("\n"), lens_tags[0][1]),)
    else:
        tags += [tag for tag, _ in lens_tags]
    return _new(entry, sections, ways, tags)


def _new(
    entry: ImportedEntry, sections: tuple[Section, ...], ways: Iterable[Way], tags: Iterable[str]
) -> NewReflection:
    return NewReflection(
        sections=sections,
        title=entry.title,
        happened_at=entry.happened_at,
        ways=tuple(ways),
        tags=tuple(tags),
        starred=entry.starred,
        id=entry_id(entry),
    )


# Shared by the readers ------------------------------------------------------

_SURROGATES = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Text safe to store: lone surrogates (possible in JSON) replaced, newlines unified."""
    text = _SURROGATES.sub("\ufffd", text)
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


class Collector:
    """Gathers entries and problems for one import, and builds the preview."""

    def __init__(self) -> None:
        self.entries: list[ImportedEntry] = []
        self.problems: list[ImportProblem] = []
        self._keys: set[str] = set()

    def problem(self, where: str, message: str) -> None:
        self.problems.append(ImportProblem(where, message))

    def add(
        self,
        where: str,
        *,
        key: str,
        happened_at: datetime,
        title: str,
        body: str,
        tags: Iterable[str],
        starred: bool,
        attachments: tuple[Attachment, ...] = (),
    ) -> None:
        """Add an entry unless it is empty or a repeat; either is reported as a problem."""
        title = " ".join(clean_text(title).split())
        body = clean_text(body).strip("\n")
        if not title and not body.strip() and not attachments:
            self.problem(where, "the entry is empty; skipped")
            return
        if key in self._keys:
            self.problem(where, "the same entry appears earlier in the file; skipped")
            return
        self._keys.add(key)
        if len(title) > MAX_TITLE:
            body = f"{title}\n\n{body}" if body else title
            title = title[: MAX_TITLE - 1].rstrip() + "…"
        self.entries.append(
            ImportedEntry(
                key=key,
                happened_at=happened_at,
                title=title,
                body=body,
                tags=self._tags(where, tags),
                starred=starred,
                attachments=attachments,
            )
        )

    def _tags(self, where: str, raw: Iterable[str]) -> tuple[str, ...]:
        seen: set[str] = set()
        out: list[str] = []
        for value in raw:
            tag = " ".join(clean_text(value).lstrip("#@").split())
            if not tag or tag.casefold() in seen:
                continue
            if len(tag) > MAX_LABEL:
                self.problem(where, f"the tag {tag[:20]!r}… is too long; left out")
                continue
            seen.add(tag.casefold())
            out.append(tag)
        return tuple(out)

    def preview(self) -> ImportPreview:
        ways: dict[str, Way] = {}
        lenses: dict[str, Lens] = {}
        for entry in self.entries:
            for tag in entry.tags:
                way = way_of_tag(tag)
                lens = lens_of_tag(tag)
                if way is not None:
                    ways[tag] = way
                elif lens is not None:
                    lenses[tag] = lens
        return ImportPreview(tuple(self.entries), tuple(self.problems), ways, lenses)


def where(name: str, *, entry: int | None = None, line: int | None = None) -> str:
    """'journal.json, entry 12' or 'journal.txt, line 3'."""
    if entry is not None:
        return f"{name}, entry {entry}"
    if line is not None:
        return f"{name}, line {line}"
    return name


def load_json(text: str, name: str) -> object:
    """Parse JSON, turning every failure into an ImportFormatError naming the line."""
    import json

    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFormatError(
            where(name, line=error.lineno), f"not valid JSON ({error.msg})"
        ) from None
    except (ValueError, RecursionError):
        raise ImportFormatError(name, "not valid JSON (too deeply nested or too large)") from None


def decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFormatError(where(name, line=line), "not UTF-8 text") from None


def json_entries(data: object, name: str, kind: str) -> list[object]:
    """The 'entries' list of a jrnl or Day One export, or an error saying what the file is not."""
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise ImportFormatError(name, f"not a {kind} export: expected an object with 'entries'")
    entries: list[object] = data["entries"]
    return entries


def get_str(item: Mapping[str, object], key: str, at: str, *, required: bool = False) -> str:
    value = item.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise ImportFormatError(at, f"{key!r} is missing or not text")
    return value


def get_bool(item: Mapping[str, object], key: str, at: str) -> bool:
    value = item.get(key, False)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise ImportFormatError(at, f"{key!r} is not true or false")
    return value


def get_str_list(item: Mapping[str, object], key: str, at: str) -> list[str]:
    value = item.get(key)
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ImportFormatError(at, f"{key!r} is not a list of text")
    return list(value)


__all__ = [
    "Attachment",
    "ImportFormatError",
    "ImportPreview",
    "ImportProblem",
    "ImportedEntry",
    "entry_id",
    "lens_of_tag",
    "to_new_reflection",
    "way_of_tag",
]
