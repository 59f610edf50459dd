"""`reflect`: the command line. Parses arguments, runs one command, maps errors to exit codes.

Imports of the storage layer happen inside commands so that `reflect --help`
and `reflect add` start quickly.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_WRONG_SECRET = 3
EXIT_DAMAGED = 4
EXIT_NOT_FOUND = 5
EXIT_INTERRUPTED = 130


def _add_filters(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("filters (all must hold; repeat an option for either value)")
    group.add_argument(
        "--way",
        action="append",
        default=[],
        metavar="WAY",
        help="feeling, perceiving, thinking, relating, doing or being",
    )
    group.add_argument(
        "--lens",
        action="append",
        default=[],
        metavar="LENS",
        help="biographer, historian, aerial-photographer, story-teller or sage",
    )
    group.add_argument("--tag", action="append", default=[], metavar="TAG")
    group.add_argument("--person", action="append", default=[], metavar="NAME")
    group.add_argument("--org", action="append", default=[], metavar="NAME")
    group.add_argument("--starred", action="store_true", help="only light bulb moments")
    group.add_argument("--since", metavar="DATE", help="on or after (ISO 8601)")
    group.add_argument("--until", metavar="DATE", help="on or before (ISO 8601)")


def _add_global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        help="the journal's folder (default: $REFLECT_DATA_DIR or your data folder)",
    )
    parser.add_argument(
        "--passphrase-file",
        type=Path,
        metavar="FILE",
        help="read the passphrase from the first line of FILE",
    )
    parser.add_argument(
        "--recovery-key-file",
        type=Path,
        metavar="FILE",
        help="unlock with the recovery key in FILE instead",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reflect",
        description="Reflect: a private, encrypted journal for reflective practice.",
        epilog="Every command but init needs the journal unlocked: with --passphrase-file, "
        "with this device's key (see `reflect remember`), or by typing the passphrase. "
        "`reflect` with no command (or `python -m ui`) opens the desktop app.",
    )
    _add_global_options(parser)
    # The same options after the command name too (`reflect list --data-dir D`);
    # SUPPRESS keeps a value given before the command when none is given after.
    common = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    _add_global_options(common)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    init = commands.add_parser(
        "init", parents=[common], help="create a journal; shows the recovery key once"
    )
    init.add_argument(
        "--new-passphrase-file",
        type=Path,
        metavar="FILE",
        help="the new journal's passphrase (default: --passphrase-file, or ask)",
    )

    add = commands.add_parser(
        "add", parents=[common], help="write a reflection (body from --file or stdin)"
    )
    add.add_argument("--title", default="")
    add.add_argument("--way", action="append", default=[], metavar="WAY")
    add.add_argument(
        "--lens",
        action="append",
        default=[],
        metavar="LENS",
        help="the lens the text is written through (or start parts with headings "
        "such as '## Historian')",
    )
    add.add_argument("--tag", action="append", default=[])
    add.add_argument("--person", action="append", default=[])
    add.add_argument("--org", action="append", default=[])
    add.add_argument("--at", metavar="ISO-8601", help="when it happened (default: now)")
    add.add_argument("--star", action="store_true", help="mark as a light bulb moment")
    add.add_argument("--file", type=Path, help="read the body from FILE (default: stdin)")

    listing = commands.add_parser("list", parents=[common], help="the newest reflections")
    listing.add_argument("--limit", type=int, default=20)
    listing.add_argument("--trash", action="store_true", help="list the trash instead")
    listing.add_argument("--json", action="store_true")
    _add_filters(listing)

    show = commands.add_parser("show", parents=[common], help="one reflection in full")
    show.add_argument("id")
    show.add_argument("--json", action="store_true")

    edit = commands.add_parser(
        "edit", parents=[common], help="new body for the first section (keeps history)"
    )
    edit.add_argument("id")
    edit.add_argument("--file", type=Path, help="read the new body from FILE (default: stdin)")

    for name, text in (
        ("delete", "move a reflection to the trash"),
        ("history", "earlier versions of a reflection"),
    ):
        sub = commands.add_parser(name, parents=[common], help=text)
        sub.add_argument("id")
    restore = commands.add_parser(
        "restore",
        parents=[common],
        help="bring back from the trash, or an earlier version; or a whole journal from a backup",
        description="`reflect restore ID` brings a reflection back from the trash (or, with "
        "--version, an earlier version of it). `reflect restore BACKUP` restores the whole "
        "journal from a backup folder, like `reflect restore-backup`.",
    )
    restore.add_argument("id", metavar="ID|BACKUP")
    restore.add_argument("--version", type=int, metavar="N", help="make version N current again")
    restore.add_argument(
        "--into", type=Path, metavar="FOLDER", help="BACKUP only: restore into this folder"
    )
    restore.add_argument(
        "--replace",
        action="store_true",
        help="BACKUP only: replace the journal, keeping it whole as a safety backup first",
    )
    empty = commands.add_parser(
        "empty-trash", parents=[common], help="delete everything in the trash for good"
    )
    empty.add_argument("--yes", action="store_true", help="do not ask to confirm")

    search = commands.add_parser(
        "search", parents=[common], help="full-text search, best matches first"
    )
    search.add_argument("query")
    search.add_argument("--limit", type=int, default=20)
    search.add_argument("--json", action="store_true")
    _add_filters(search)

    passwd = commands.add_parser("passwd", parents=[common], help="change the passphrase")
    passwd.add_argument(
        "--recovery-key",
        action="store_true",
        help="prove it is you with the recovery key instead of the passphrase",
    )
    passwd.add_argument("--new-passphrase-file", type=Path, metavar="FILE")
    commands.add_parser(
        "new-recovery-key",
        parents=[common],
        help="replace the recovery key (the old one stops working)",
    )
    commands.add_parser(
        "remember",
        parents=[common],
        help="unlock on this device without the passphrase (OS keychain)",
    )
    commands.add_parser(
        "forget", parents=[common], help="stop remembering the journal on this device"
    )
    check = commands.add_parser(
        "check", parents=[common], help="check the key file and the database for damage"
    )
    check.add_argument(
        "--repair", action="store_true", help="rewrite a damaged key file from its intact backup"
    )

    export = commands.add_parser(
        "export",
        parents=[common],
        help="write everything to a PLAINTEXT Reflect JSON file or a new Markdown folder, "
        "or reflections to a print-ready PDF",
    )
    target = export.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", type=Path, metavar="FILE")
    target.add_argument(
        "--markdown",
        type=Path,
        metavar="FOLDER",
        help="one Markdown file per reflection, in a new folder",
    )
    target.add_argument(
        "--encrypted",
        type=Path,
        metavar="FILE",
        help="everything, encrypted with a passphrase of its own (for a new computer)",
    )
    target.add_argument(
        "--pdf",
        type=Path,
        metavar="FILE",
        help="the reflections (not the trash) as a print-ready A4 PDF, oldest first; NOT encrypted",
    )
    export.add_argument(
        "--since", metavar="DATE", help="with --pdf: reflections on or after (ISO 8601)"
    )
    export.add_argument(
        "--until", metavar="DATE", help="with --pdf: reflections on or before (ISO 8601)"
    )
    export.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    export.add_argument(
        "--no-history",
        action="store_true",
        help="--out only: leave out earlier versions of reflections (a smaller file)",
    )
    export.add_argument(
        "--export-passphrase-file",
        type=Path,
        metavar="FILE",
        help="the encrypted export's passphrase (default: asked for)",
    )
    imp = commands.add_parser(
        "import",
        parents=[common],
        help="add reflections from Reflect JSON, jrnl, Day One or a folder of Markdown notes",
    )
    imp.add_argument("file", type=Path, help="a file, or a folder of Markdown notes")
    imp.add_argument(
        "--export-passphrase-file",
        type=Path,
        metavar="FILE",
        help="the passphrase of an encrypted export (default: asked for)",
    )
    imp.add_argument(
        "--map-tags",
        action="store_true",
        help="tags that name one of the six ways or five lenses become ways and lenses",
    )
    imp.add_argument(
        "--dry-run", action="store_true", help="show what would come in; change nothing"
    )
    calendar = commands.add_parser(
        "import-calendar",
        parents=[common],
        help="add meetings from .ics calendar files (again is safe: no duplicates)",
    )
    calendar.add_argument("files", type=Path, nargs="+", metavar="FILE")
    commands.add_parser(
        "export-key", parents=[common], help="print the raw database key (see docs/recovery.md)"
    )
    from cli import backup_commands, buddy_commands, prompt_commands, review_commands

    backup_commands.add_parsers(commands, common)
    prompt_commands.add_parser(commands, common)
    buddy_commands.add_parsers(commands, common)
    review_commands.add_parser(commands, common)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_OK
    from reflect.errors import ReflectError

    try:
        from cli import commands

        return commands.run(args)
    except ReflectError as exc:
        print(f"reflect: {exc}", file=sys.stderr)
        return exit_code_for(exc)
    except KeyboardInterrupt:
        print("reflect: interrupted; nothing was saved by this command.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # the last line of defence: never a traceback with journal text
        if os.environ.get("REFLECT_DEBUG"):
            raise
        print(_unexpected(exc), file=sys.stderr)
        return EXIT_ERROR


def _unexpected(exc: Exception) -> str:
    from sqlalchemy.exc import OperationalError

    if isinstance(exc, OperationalError) and "locked" in str(exc.orig):
        return "reflect: the journal is busy in another program; try again in a moment."
    if isinstance(exc, OSError):
        return f"reflect: {exc.strerror or 'a file operation failed'} ({type(exc).__name__})."
    return (
        f"reflect: an unexpected error stopped this command ({type(exc).__name__}). "
        "Your journal was not changed by it. Set REFLECT_DEBUG=1 to see details."
    )


def exit_code_for(exc: Exception) -> int:
    from storage import errors

    if isinstance(
        exc,
        errors.WrongPassphrase
        | errors.WrongRecoveryKey
        | errors.WrongDeviceKey
        | errors.MalformedRecoveryKey,
    ):
        return EXIT_WRONG_SECRET
    if isinstance(
        exc,
        errors.KeyFileDamaged
        | errors.DatabaseDamaged
        | errors.ForeignDatabase
        | errors.DatabaseTooNew,
    ):
        return EXIT_DAMAGED
    if isinstance(exc, errors.NotFound | errors.NoJournal):
        return EXIT_NOT_FOUND
    return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
