"""A folder of Markdown notes, Obsidian style.

Each file is one entry. Optional YAML front matter between `---` lines may give
`date` (or `created`), `title` and `tags` (a list or a comma-separated string);
only that small subset of YAML is read, and other keys are ignored. Without a
date in the front matter, a YYYY-MM-DD in the file name is used, else the
file's modification time. The title is the front matter's, else the first `# `
heading, else the file name. `#hashtags` in the text become tags.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from datetime import date, datetime, time, tzinfo
from pathlib import PurePosixPath

from reflect.importers import Collector, ImportFormatError, ImportPreview, decode, where

_FILE_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$")
_HASHTAG = re.compile(r"(?<![\w#&/])#(\w[\w/-]*)")
_FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
_INLINE_CODE = re.compile(r"`[^`\n]*`")


def read_markdown_files(
    files: Sequence[tuple[str, bytes, datetime]], zone: tzinfo
) -> ImportPreview:
    found = Collector()
    for name, content, modified in files:
        _read_file(name, decode(content, name), modified, zone, found)
    return found.preview()


def _read_file(name: str, text: str, modified: datetime, zone: tzinfo, found: Collector) -> None:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    meta, body = _front_matter(text)
    when = _meta_date(meta, name, zone) or _name_date(name, zone)
    if when is None:
        when = modified if modified.tzinfo is not None else modified.replace(tzinfo=zone)
        when = when.astimezone(zone)
    title = _unquote(meta["title"][1]) if "title" in meta else ""
    if "title" not in meta:  # an explicit empty title (Reflect writes `title: ""`) stays empty
        title, body = _heading_title(body)
        if not title and body.strip():
            title = PurePosixPath(name.replace("\\", "/")).stem
    tags = _meta_tags(meta) + hashtags(body)
    source = name.encode("utf-8", "replace") + b"\0" + text.encode("utf-8", "replace")
    found.add(
        name,
        key="markdown:" + hashlib.sha256(source).hexdigest(),
        happened_at=when,
        title=title,
        body=body,
        tags=tags,
        starred=False,
    )


def hashtags(text: str) -> list[str]:
    """Obsidian tags in the text, outside code; numbers alone (#1) are not tags."""
    text = _INLINE_CODE.sub("", _FENCE.sub("", text))
    tags = (tag.rstrip("/-") for tag in _HASHTAG.findall(text))
    return [tag for tag in tags if tag and not tag.isdigit()]


_Meta = dict[str, tuple[int, str | list[str]]]


def _front_matter(text: str) -> tuple[_Meta, str]:
    """Front matter keys (with their line numbers) and the body."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return {}, text
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        return {}, text
    meta: _Meta = {}
    current: str | None = None
    for number in range(1, end):
        line = lines[number].rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        key = _KEY.match(line)
        if key:
            current = key.group(1).casefold()
            value = key.group(2).strip()
            if value.startswith("[") and value.endswith("]"):
                items = [_unquote(v) for v in value[1:-1].split(",")]
                meta[current] = (number + 1, [v for v in items if v])
            else:
                meta[current] = (number + 1, value if value else [])
        elif line.lstrip().startswith("- ") and current is not None:
            at, value = meta[current]
            if isinstance(value, list):
                value.append(_unquote(line.lstrip()[2:]))
                meta[current] = (at, value)
    return meta, "\n".join(lines[end + 1 :])


def _unquote(value: str | list[str]) -> str:
    if isinstance(value, list):
        return ", ".join(value)
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    return value


def _meta_date(meta: _Meta, name: str, zone: tzinfo) -> datetime | None:
    for key in ("date", "created"):
        if key not in meta:
            continue
        line, raw = meta[key]
        text = _unquote(raw)
        if not text:
            continue
        try:
            value = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)
        except ValueError:
            raise ImportFormatError(
                where(name, line=line), f"{key!r} {text!r} is not a date like 2024-01-05"
            ) from None
        return value if value.tzinfo is not None else value.replace(tzinfo=zone)
    return None


def _name_date(name: str, zone: tzinfo) -> datetime | None:
    for match in _FILE_DATE.finditer(name):
        year, month, day = (int(part) for part in match.groups())
        try:
            return datetime.combine(date(year, month, day), time(), zone)
        except ValueError:
            continue
    return None


def _meta_tags(meta: _Meta) -> list[str]:
    if "tags" not in meta:
        return []
    value = meta["tags"][1]
    items = value if isinstance(value, list) else value.split(",")
    return [_unquote(item).lstrip("#") for item in items]


def _heading_title(body: str) -> tuple[str, str]:
    """The first `# ` heading; taken out of the body when it opens the note."""
    lines = body.split("\n")
    for index, line in enumerate(lines):
        if line.startswith("# ") and line[2:].strip():
            title = line[2:].strip().rstrip("#").strip()
            if not any(previous.strip() for previous in lines[:index]):
                return title, "\n".join(lines[index + 1 :])
            return title, body
    return "", body
