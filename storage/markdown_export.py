"""Export live reflections to a new folder of Markdown files, one per reflection.

Each file is `YYYY-MM-DD-<slug>.md` (the slug from the title, else the first
words; names made unique), with YAML front matter (id, date, title, ways,
lenses, tags, people, organisations, starred) whose strings are JSON-style
double-quoted, then the sections: a lens section under `## <Lens name>`, its
prompt as a `> ` line. The folder must not exist yet, so nothing is overwritten;
it appears whole, files with mode 0o600, or not at all. The files are PLAINTEXT.
reflect.importers.markdown reads such a folder back (titles, dates, tags).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from reflect import timeutil
from reflect.errors import ReflectError
from reflect.model import Reflection
from storage import reflections as store
from storage.atomic import fsync_directory
from storage.vault import Vault

SLUG_WORDS = 8
SLUG_CHARS = 60


class ExportFolderExists(ReflectError):
    """The chosen folder is already there; a Markdown export only makes new folders."""


def export_markdown(vault: Vault, folder: Path) -> int:
    """Write every live (not trashed) reflection into the new `folder`; returns how many."""
    if folder.exists() or folder.is_symlink():
        raise ExportFolderExists(
            f"{folder} already exists; choose a new folder name for the Markdown export."
        )
    with vault.reading() as conn:
        rows = conn.execute(
            "SELECT pk FROM reflection WHERE deleted_at IS NULL ORDER BY happened_us, pk"
        ).fetchall()
        pks = [int(row[0]) for row in rows]
        loaded = store.load_many(conn, pks)
    # Written into a hidden folder beside it and renamed once at the end: the export
    # appears whole or not at all, and each file needs one fsync instead of two.
    partial = Path(
        tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".partial", dir=folder.parent)
    )
    try:
        names = unique_names(loaded[pk] for pk in pks)
        for pk, name in zip(pks, names, strict=True):
            _write_new(partial / name, to_markdown(loaded[pk]).encode("utf-8"))
        fsync_directory(partial)
        partial.rename(folder)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    fsync_directory(folder.parent)
    return len(pks)


def _write_new(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def unique_names(reflections: Iterable[Reflection]) -> list[str]:
    """`YYYY-MM-DD-slug.md` for each, with `-2`, `-3`… where names would repeat."""
    taken: set[str] = set()
    out: list[str] = []
    for r in reflections:
        stem = f"{r.happened_at:%Y-%m-%d}-{slug(r.title or r.body)}"
        name, number = f"{stem}.md", 1
        while name.casefold() in taken:
            number += 1
            name = f"{stem}-{number}.md"
        taken.add(name.casefold())
        out.append(name)
    return out


def slug(text: str) -> str:
    """Lower-case words joined by `-`; accents dropped, other scripts kept."""
    plain = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
    words = re.findall(r"[^\W_]+", plain.casefold())[:SLUG_WORDS]
    joined = "-".join(words)[:SLUG_CHARS].strip("-")
    return joined or "reflection"


def to_markdown(r: Reflection) -> str:
    lenses = sorted({s.lens for s in r.sections if s.lens is not None})
    lines = [
        "---",
        f"id: {_quoted(str(r.id))}",
        f"date: {_quoted(timeutil.to_text(r.happened_at))}",
        f"title: {_quoted(r.title)}",
        *_block_list("ways", sorted(w.display_name for w in r.ways)),
        *_block_list("lenses", [lens.display_name for lens in lenses]),
        *_block_list("tags", r.tags),
        *_block_list("people", r.people),
        *_block_list("organisations", r.organisations),
        f"starred: {'true' if r.starred else 'false'}",
        "---",
        "",
    ]
    for section in r.sections:
        if section.lens is not None:
            lines += [f"## {section.lens.display_name}", ""]
        if section.prompt:
            lines += [f"> {' '.join(section.prompt.split())}", ""]
        if section.text.strip():
            lines += [section.text.strip("\n"), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _quoted(text: str) -> str:
    """A safe YAML scalar: JSON-style double quotes (JSON's escaping is valid YAML).

    Text that would need escapes there (a `"` or `\\`) is single-quoted instead
    (`'` doubled), which needs none for them, so simple front-matter readers that
    only strip the outer quotes still read it back unchanged.
    """
    if '"' in text or "\\" in text:
        return "'" + text.replace("'", "''") + "'"
    return json.dumps(text, ensure_ascii=False)


def _block_list(key: str, values: Iterable[str]) -> list[str]:
    items = [f"  - {_quoted(v)}" for v in values]
    return [f"{key}:", *items] if items else [f"{key}: []"]


__all__ = ["ExportFolderExists", "export_markdown", "slug", "to_markdown", "unique_names"]
