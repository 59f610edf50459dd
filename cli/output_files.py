"""The checks every command that writes a file makes before it unlocks anything."""

from __future__ import annotations

from pathlib import Path

from reflect.errors import ReflectError


def check_new_file(out: Path, force: bool) -> None:
    """`out` can be written: not a folder, in a folder that exists, new unless --force."""
    if out.is_dir():
        raise ReflectError(f"{out} is a folder; give the name of the file to write.")
    if not out.parent.is_dir():
        raise ReflectError(f"Cannot write {out}: the folder {out.parent} does not exist.")
    if out.exists() and not force:
        raise ReflectError(f"{out} already exists; choose another name or add --force.")
