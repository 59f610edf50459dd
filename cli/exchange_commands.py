"""`reflect export|import|import-calendar`: moving reflections and meetings in and out.

Exports that are plaintext warn first; every import checks the whole file before
anything is written and writes it in one transaction. The PDF is drawn by the
desktop app's code (ui/reflections_pdf.py), which the command line may not import:
the `reflect` launcher (ui/launcher.py) hands it in as `pdf_writer`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from cli.output_files import check_new_file
from cli.unlock import Secrets, unlock
from reflect import timeutil
from reflect.errors import ReflectError, ValidationError

if TYPE_CHECKING:
    from reflect.export_format import JournalExport
    from reflect.model import Reflection

# Writes reflections (oldest first) as a PDF to the path, headed by the dates asked
# for (None: the reflections' own first or last day); set by the launcher.
PdfWriter = Callable[[Sequence["Reflection"], Path, date | None, date | None], None]
pdf_writer: PdfWriter | None = None


def cmd_export(args: argparse.Namespace, secrets: Secrets) -> int:
    from storage.exchange import export_to_file

    if args.pdf is None and (args.since is not None or args.until is not None):
        raise ValidationError("--since/--until", "choose which reflections go in a --pdf only")
    if args.pdf is not None:
        return _export_pdf(args, secrets)
    if args.markdown is not None:
        return _export_markdown(args, secrets)
    if args.encrypted is not None:
        return _export_encrypted(args, secrets)
    out: Path = args.out
    check_new_file(out, args.force)
    print(
        "WARNING: the export is PLAINTEXT. Anyone who gets the file can read every "
        "reflection. Keep it on an encrypted disk and delete it when done.",
        file=sys.stderr,
    )
    with unlock(secrets) as vault:
        try:
            count = export_to_file(vault, out, with_history=not args.no_history)
        except OSError as exc:
            raise ReflectError(f"Cannot write {out}: {exc.strerror or exc}.") from None
    print(f"Exported {count} reflection(s) to {out}.", file=sys.stderr)
    return 0


def _export_passphrase(args: argparse.Namespace, new: bool) -> str:
    from cli.unlock import ask, read_secret_file

    if args.export_passphrase_file is not None:
        return read_secret_file(args.export_passphrase_file, "export passphrase")
    hint = "No terminal to ask on: pass --export-passphrase-file FILE."
    first = ask("Passphrase for the encrypted export: ", without_terminal=hint)
    if new and ask("Type it again: ", without_terminal=hint) != first:
        raise ReflectError("The two passphrases differ; nothing was written.")
    return first


def _export_encrypted(args: argparse.Namespace, secrets: Secrets) -> int:
    from storage.encrypted_export import export_encrypted

    out: Path = args.encrypted
    check_new_file(out, args.force)
    passphrase = _export_passphrase(args, new=True)
    with unlock(secrets) as vault:
        count = export_encrypted(vault, out, passphrase)
    print(
        f"Exported {count} reflection(s) to {out}, encrypted. It opens only with that "
        "passphrase: `reflect import` on the new computer asks for it.",
        file=sys.stderr,
    )
    return 0


def _export_pdf(args: argparse.Namespace, secrets: Secrets) -> int:
    from reflect.query import Filters

    out: Path = args.pdf
    if pdf_writer is None:
        raise ValidationError("--pdf", "needs the `reflect` program, which can draw the pages")
    since = timeutil.parse_datetime(args.since, "since") if args.since else None
    until = timeutil.parse_range_end(args.until, "until") if args.until else None
    filters = Filters(since=since, until=until)
    check_new_file(out, args.force)
    print(
        "WARNING: the PDF is PLAINTEXT. Anyone who gets the file can read every "
        "reflection in it. Keep it somewhere private and delete it when done.",
        file=sys.stderr,
    )
    with unlock(secrets) as vault:
        total = vault.count(filters)
        reflections = list(reversed(vault.newest(filters, total))) if total else []
    if not reflections:
        raise ReflectError(
            "No reflections match those dates; no PDF was written."
            if since or until
            else "There are no reflections to export; no PDF was written."
        )
    try:
        pdf_writer(
            reflections,
            out,
            since.date() if since else None,
            until.date() if until else None,
        )
    except OSError as exc:
        raise ReflectError(f"Cannot write {out}: {exc.strerror or exc}.") from None
    print(f"Exported {len(reflections)} reflection(s) to {out}.", file=sys.stderr)
    return 0


def _export_markdown(args: argparse.Namespace, secrets: Secrets) -> int:
    from storage.markdown_export import export_markdown

    folder: Path = args.markdown
    if folder.exists() or folder.is_symlink():
        raise ReflectError(f"{folder} already exists; give the name of a new folder to create.")
    if not folder.parent.is_dir():
        raise ReflectError(f"Cannot write {folder}: the folder {folder.parent} does not exist.")
    print(
        "WARNING: the export is PLAINTEXT. Anyone who gets the files can read every "
        "reflection. Keep them on an encrypted disk and delete them when done.",
        file=sys.stderr,
    )
    with unlock(secrets) as vault:
        try:
            count = export_markdown(vault, folder)
        except OSError as exc:
            raise ReflectError(f"Cannot write {folder}: {exc.strerror or exc}.") from None
    print(f"Exported {count} reflection(s) to {folder}.", file=sys.stderr)
    return 0


def cmd_import(args: argparse.Namespace, secrets: Secrets) -> int:
    from reflect.importers.detect import is_other_journal

    path: Path = args.file
    if path.is_file() and _is_encrypted_export(path):
        from storage.encrypted_export import read_encrypted

        journal = read_encrypted(path, _export_passphrase(args, new=False))
        return _import_reflect_export(args, secrets, path, journal)
    if not path.is_dir() and not (path.is_file() and is_other_journal(path.name, _head(path))):
        from storage.exchange import read_export_file

        return _import_reflect_export(args, secrets, path, read_export_file(path))
    return _import_other(args, secrets, path)


def _import_reflect_export(
    args: argparse.Namespace, secrets: Secrets, path: Path, journal: JournalExport
) -> int:
    """A Reflect export, already read and checked whole; --dry-run only says what it holds."""
    from reflect.export_format import contents
    from storage.exchange import import_journal

    holds = "\n".join(f"  {line}" for line in contents(journal))
    print(f"{path.name} holds:\n{holds}", file=sys.stderr)
    if args.dry_run:
        print("Dry run: nothing was imported.", file=sys.stderr)
        return 0
    with unlock(secrets) as vault:
        report = import_journal(vault, journal)
    print(f"Imported: {report.summary()}.", file=sys.stderr)
    return 0


def _is_encrypted_export(path: Path) -> bool:
    from storage.encrypted_export import is_passphrase_age

    return is_passphrase_age(_head(path))


def _head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(4096)


def _import_other(args: argparse.Namespace, secrets: Secrets, path: Path) -> int:
    """jrnl, Day One or Markdown: a preview first, then everything in one transaction."""
    from storage.entry_import import import_entries, read_source

    preview = read_source(path, timeutil.local_zone())
    for problem in preview.problems:
        print(f"skipped: {problem.where}: {problem.message}", file=sys.stderr)
    mapped = {
        **{t: w.value for t, w in preview.suggested_ways.items()},
        **{t: lens.value for t, lens in preview.suggested_lenses.items()},
    }
    print(f"{len(preview.entries)} entries to import from {path.name}.", file=sys.stderr)
    if mapped and not args.map_tags:
        shown = ", ".join(f"{t} -> {v}" for t, v in sorted(mapped.items()))
        print(f"Tags that could become ways or lenses (add --map-tags): {shown}", file=sys.stderr)
    if args.dry_run:
        return 0
    with unlock(secrets) as vault:
        report = import_entries(vault, preview, args.map_tags)
    print(
        f"Imported: {report.added} added, {report.already_here} already there"
        + (f", {report.attachments} photos kept encrypted" if report.attachments else "")
        + ".",
        file=sys.stderr,
    )
    return 0


def cmd_import_calendar(args: argparse.Namespace, secrets: Secrets) -> int:
    """Each file is all or nothing; one bad file does not stop the others."""
    from storage.calendar_files import describe, import_calendar_file

    failed = 0
    with unlock(secrets) as vault:
        for path in args.files:
            try:
                report = import_calendar_file(vault, path)
            except ReflectError as exc:
                failed += 1
                print(f"reflect: {exc}", file=sys.stderr)
                continue
            print(f"{path.name}: {describe(report)}", file=sys.stderr)
    return 1 if failed else 0
