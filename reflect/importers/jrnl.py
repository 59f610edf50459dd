"""jrnl (https://jrnl.sh): its JSON export and its plain-text journal file.

The JSON export is `{"tags": {"@work": 2}, "entries": [{"title", "body", "date":
"2024-01-05", "time": "09:15", "tags": ["@work"], "starred": false}]}`. The text
file has entries that start `[2024-01-05 09:15] Title`, with ` *` after a
starred title, and a body up to the next such line. Both hold local times with
no zone: they are read in `zone` (the machine's zone when not given).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from datetime import datetime, tzinfo

from reflect import timeutil
from reflect.importers import (
    Collector,
    ImportFormatError,
    ImportPreview,
    get_bool,
    get_str,
    get_str_list,
    json_entries,
    load_json,
    where,
)

_HEADER = re.compile(
    r"^\[(\d{4}-\d{2}-\d{2}) (\d{1,2}):(\d{2})(?::(\d{2}))?(?: ?([AaPp][Mm]))?\] ?(.*)$"
)
_TAG = re.compile(r"(?<![\w@.])@(\w[\w-]*)")


def jrnl_key(when: datetime, title: str, body: str) -> str:
    """The same entry gives the same key from the JSON export and from the text file."""
    source = f"{when:%Y-%m-%d %H:%M}\n{title.strip()}\n{body.strip()}"
    return "jrnl:" + hashlib.sha256(source.encode("utf-8", "replace")).hexdigest()


def text_tags(text: str) -> list[str]:
    return [match.rstrip("-") for match in _TAG.findall(text)]


def _local(date: str, time: str, at: str, zone: tzinfo) -> datetime:
    try:
        naive = datetime.strptime(f"{date} {time}", "%Y-%m-%d %H:%M:%S")
    except ValueError:
        raise ImportFormatError(at, f"{date} {time!r} is not a date and time") from None
    return naive.replace(tzinfo=zone)


def read_jrnl_json(text: str, name: str, zone: tzinfo | None = None) -> ImportPreview:
    zone = zone or timeutil.local_zone()
    found = Collector()
    for number, item in enumerate(json_entries(load_json(text, name), name, "jrnl"), 1):
        at = where(name, entry=number)
        if not isinstance(item, Mapping):
            raise ImportFormatError(at, "not an entry (expected an object)")
        date = get_str(item, "date", at, required=True)
        time = get_str(item, "time", at) or "00:00"
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            raise ImportFormatError(at, f"'date' {date!r} is not a date like 2024-01-05")
        if not re.fullmatch(r"\d{1,2}:\d{2}(:\d{2})?", time):
            raise ImportFormatError(at, f"'time' {time!r} is not a time like 09:15")
        when = _local(date, time if time.count(":") == 2 else f"{time}:00", at, zone)
        title = get_str(item, "title", at)
        body = get_str(item, "body", at)
        found.add(
            at,
            key=jrnl_key(when, title, body),
            happened_at=when,
            title=title,
            body=body,
            tags=get_str_list(item, "tags", at),
            starred=get_bool(item, "starred", at),
        )
    return found.preview()


def read_jrnl_text(text: str, name: str, zone: tzinfo) -> ImportPreview:
    found = Collector()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    starts = [i for i, line in enumerate(lines) if _HEADER.match(line)]
    if not starts:
        if text.strip():
            raise ImportFormatError(
                where(name, line=1),
                "not a jrnl journal: entries start with a line like '[2024-01-05 09:15] Title'",
            )
        found.problem(name, "the journal has no entries")
        return found.preview()
    if any(line.strip() for line in lines[: starts[0]]):
        found.problem(where(name, line=1), "text before the first entry; left out")
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(lines)
        at = where(name, line=start + 1)
        match = _HEADER.match(lines[start])
        assert match is not None
        date, hour, minute, second, half, title = match.groups()
        hours = int(hour)
        if half:
            if not 1 <= hours <= 12:
                raise ImportFormatError(at, f"{hour}:{minute} {half} is not a time")
            hours = hours % 12 + (12 if half.casefold() == "pm" else 0)
        when = _local(date, f"{hours:02d}:{minute}:{second or '00'}", at, zone)
        title = title.rstrip()
        starred = title == "*" or title.endswith(" *")
        if starred:
            title = title[:-1].rstrip()
        body = "\n".join(lines[start + 1 : end]).strip("\n")
        found.add(
            at,
            key=jrnl_key(when, title, body),
            happened_at=when,
            title=title,
            body=body,
            tags=text_tags(f"{title}\n{body}"),
            starred=starred,
        )
    return found.preview()
