"""Which reader a file needs: Reflect's own JSON, jrnl, Day One or a Markdown folder.

Decided from the name and the first bytes, so the wrong reader never gets to
report confusing problems: a file that is none of them is refused by name.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, tzinfo

from reflect.importers import ImportFormatError, ImportPreview
from reflect.importers.dayone import read_dayone_json, read_dayone_zip
from reflect.importers.jrnl import read_jrnl_json, read_jrnl_text
from reflect.importers.markdown import read_markdown_files


def is_other_journal(name: str, head: bytes) -> bool:
    """Whether a file (its name and first bytes) comes from jrnl or Day One rather than Reflect.

    Anything else goes to Reflect's own importer, whose messages suit a Reflect export.
    """
    lower = name.casefold()
    if lower.endswith((".zip", ".txt", ".md")) or head[:4] == b"PK\x03\x04":
        return True
    if b'"reflect_json"' in head:
        return False
    return b'"entries"' in head


def read_file(name: str, data: bytes, zone: tzinfo) -> ImportPreview:
    """The entries of one exported file (not Reflect JSON, which has its own importer)."""
    lower = name.casefold()
    if lower.endswith(".zip") or data[:4] == b"PK\x03\x04":
        return read_dayone_zip(data, name)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFormatError(name, "is not UTF-8 text, a zip or a Reflect export") from None
    if lower.endswith(".json") or text.lstrip().startswith("{"):
        try:
            head = json.loads(text)
        except (json.JSONDecodeError, RecursionError) as exc:
            raise ImportFormatError(name, f"is not valid JSON ({exc})") from None
        entries = head.get("entries") if isinstance(head, dict) else None
        if isinstance(entries, list) and entries and isinstance(entries[0], dict):
            if "creationDate" in entries[0] or "uuid" in entries[0]:
                return read_dayone_json(text, name)
            return read_jrnl_json(text, name, zone)
        if isinstance(head, dict) and "metadata" in head:
            return read_dayone_json(text, name)
        return read_jrnl_json(text, name, zone)
    return read_jrnl_text(text, name, zone)


def read_folder(files: Sequence[tuple[str, bytes, datetime]], zone: tzinfo) -> ImportPreview:
    """A folder of Markdown notes (Obsidian style)."""
    return read_markdown_files(files, zone)
