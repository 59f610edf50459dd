"""The commands behind `reflect COMMAND`. Each unlocks, does one thing, and locks."""

from __future__ import annotations

import argparse
import sys
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from cli import (
    backup_commands,
    buddy_commands,
    exchange_commands,
    prompt_commands,
    render,
    review_commands,
)
from cli.unlock import Secrets, ask_new_passphrase, unlock
from cli.unlock import unlock_with_recovery_prompt as unlock_for_reset
from reflect import timeutil
from reflect.drafts import Draft
from reflect.errors import ReflectError, ValidationError
from reflect.frameworks import Lens, Way
from reflect.model import NewReflection, Reflection, Section
from reflect.query import Filters
from reflect.sections_text import split_sections, take_title
from storage.paths import default_data_dir
from storage.vault import Vault

Command = Callable[[argparse.Namespace, Secrets], int]


def run(args: argparse.Namespace) -> int:
    secrets = Secrets(
        data_dir=args.data_dir or default_data_dir(),
        passphrase_file=args.passphrase_file,
        recovery_key_file=args.recovery_key_file,
    )
    return COMMANDS[args.command](args, secrets)


def _read_body(file: Path | None) -> str:
    if file is not None:
        try:
            return file.read_text(encoding="utf-8")
        except OSError as exc:
            raise ReflectError(f"Cannot read {file}: {exc.strerror or exc}.") from None
        except UnicodeDecodeError:
            raise ReflectError(f"{file} is not UTF-8 text.") from None
    if sys.stdin.isatty():
        print("Write your reflection; end with Ctrl-D on a line of its own.", file=sys.stderr)
    return sys.stdin.read()


def _filters(args: argparse.Namespace) -> Filters:
    return Filters(
        ways=frozenset(Way.parse(w, "way") for w in args.way),
        lenses=frozenset(Lens.parse(lens, "lens") for lens in args.lens),
        tags=tuple(args.tag),
        people=tuple(args.person),
        organisations=tuple(args.org),
        starred=True if args.starred else None,
        since=timeutil.parse_datetime(args.since, "since") if args.since else None,
        until=timeutil.parse_range_end(args.until, "until") if args.until else None,
    )


def _positive(value: int, field: str) -> int:
    if value < 1:
        raise ValidationError(field, "must be 1 or more")
    return value


# --- creating and key management ---------------------------------------------------


def cmd_init(args: argparse.Namespace, secrets: Secrets) -> int:
    from storage.errors import JournalExists
    from storage.passphrase_policy import check_strength
    from storage.paths import JournalPaths

    folder = secrets.data_dir
    if JournalPaths(folder).keyfile.exists():
        raise JournalExists(f"There is already a journal in {folder}.")
    passphrase = ask_new_passphrase(args.new_passphrase_file or secrets.passphrase_file)
    check_strength(passphrase)  # refuse before announcing anything
    print(
        "Creating your journal (deriving a key from the passphrase takes a moment)…",
        file=sys.stderr,
    )
    vault, recovery = Vault.create(folder, passphrase)
    vault.lock()
    print(f"Created a journal in {folder}.\n")
    show_recovery_key(
        recovery, "Your RECOVERY KEY (shown this once, never stored in readable form):"
    )
    return 0


def show_recovery_key(key: str, heading: str) -> None:
    print(heading + "\n")
    print(f"    {key}\n")
    print("Write it down or print it, and keep it somewhere safe away from this computer.")
    print("If you forget your passphrase, it is the only way back into your journal:")
    print("nobody, including Reflect's makers, can open the journal without one of them.")


def cmd_passwd(args: argparse.Namespace, secrets: Secrets) -> int:
    vault = unlock_for_reset(secrets) if args.recovery_key else unlock(secrets, allow_device=False)
    with vault:
        vault.change_passphrase(ask_new_passphrase(args.new_passphrase_file))
    print(
        "Passphrase changed. The old one no longer opens this journal; "
        "your recovery key still does.",
        file=sys.stderr,
    )
    return 0


def cmd_new_recovery_key(args: argparse.Namespace, secrets: Secrets) -> int:
    with unlock(secrets, allow_device=False) as vault:
        shown = vault.replace_recovery_key()
    show_recovery_key(shown, "Your NEW recovery key (shown this once; the old one stops working):")
    return 0


def cmd_remember(args: argparse.Namespace, secrets: Secrets) -> int:
    with unlock(secrets, allow_device=False) as vault:
        vault.remember_on_device()
    print(
        "This device will now unlock the journal without the passphrase, from your "
        "system keychain. `reflect forget` undoes it.",
        file=sys.stderr,
    )
    return 0


def cmd_forget(args: argparse.Namespace, secrets: Secrets) -> int:
    with unlock(secrets) as vault:
        vault.forget_on_device()
    print("Forgotten: this device needs the passphrase again.", file=sys.stderr)
    return 0


def cmd_check(args: argparse.Namespace, secrets: Secrets) -> int:
    from storage.errors import KeyFileDamaged

    try:
        vault = unlock(secrets)
    except KeyFileDamaged:
        # The backup copy exists for exactly this; it holds the same slots.
        vault = unlock(secrets, from_backup_keyfile=True)
    with vault:
        report = vault.check()
        repaired = args.repair and not (report.keyfile_ok and report.backup_ok)
        if repaired:
            vault.repair_keyfile()
    print(f"key file:        {'intact' if report.keyfile_ok else 'DAMAGED'}")
    print(f"key file backup: {'intact' if report.backup_ok else 'DAMAGED or missing'}")
    if repaired:
        print("                 repaired: both copies rewritten from the intact one")
    elif not (report.keyfile_ok and report.backup_ok):
        print("                 run `reflect check --repair` to rewrite it from the intact copy")
    if report.database_problems:
        print(f"database:        {len(report.database_problems)} problem(s)")
        for problem in report.database_problems[:20]:
            print(f"  - {problem}")
    else:
        print("database:        intact (integrity and cipher checks passed)")
    keys_ok = (report.keyfile_ok and report.backup_ok) or repaired
    return 0 if keys_ok and not report.database_problems else 4


def cmd_export_key(args: argparse.Namespace, secrets: Secrets) -> int:
    with unlock(secrets, allow_device=False) as vault:
        key = vault.raw_key_hex()
    print(
        "WARNING: this key opens your whole journal without a passphrase. Do not store it "
        "in a file or share it; see docs/recovery.md for how to use it.",
        file=sys.stderr,
    )
    print(key)
    return 0


# --- writing and reading ------------------------------------------------------------


def cmd_add(args: argparse.Namespace, secrets: Secrets) -> int:
    # Options are checked before anything is typed or unlocked.
    lenses = [Lens.parse(lens, "lens") for lens in args.lens]
    options = NewReflection(
        sections=(),
        title=args.title,
        happened_at=timeutil.parse_datetime(args.at, "at") if args.at else None,
        ways=[Way.parse(w, "way") for w in args.way],
        tags=args.tag,
        starred=args.star,
        people=args.person,
        organisations=args.org,
    )
    if args.file is None and sys.stdin.isatty():
        # Unlock first, so a mistyped passphrase never costs what the user just wrote.
        with unlock(secrets) as vault:
            body = _read_body(None)
            try:
                reflection = _new_reflection(options, body, lenses)
            except ValidationError:
                _keep_as_draft(vault, options.title, body)
                raise
            vault.add(reflection)
    else:
        reflection = _new_reflection(options, _read_body(args.file), lenses)
        with unlock(secrets) as vault:
            vault.add(reflection)
    print(reflection.id)
    return 0


def _new_reflection(options: NewReflection, body: str, lenses: list[Lens]) -> Reflection:
    title = options.title
    if not title:
        title, body = take_title(body)
    return replace(options, title=title, sections=split_sections(body, lenses)).build()


def _keep_as_draft(vault: Vault, title: str, body: str) -> None:
    """Typed text that cannot be saved as it is goes to the encrypted drafts, not away."""
    if not (title.strip() or body.strip()):
        return
    vault.save_draft(Draft(uuid.uuid4(), title, (Section(body),), datetime.now(UTC)))
    print(
        "reflect: what you typed is kept, encrypted, as a draft; the desktop app offers it back.",
        file=sys.stderr,
    )


def cmd_list(args: argparse.Namespace, secrets: Secrets) -> int:
    limit = _positive(args.limit, "limit")
    filters = _filters(args)
    with unlock(secrets) as vault:
        if args.trash:
            items = [(t.reflection, True) for t in vault.trash(filters)[:limit]]
        else:
            items = [(r, False) for r in vault.newest(filters, limit)]
    if args.json:
        render.emit_json({"reflections": [render.reflection_json(r, t) for r, t in items]})
    else:
        for reflection, in_trash in items:
            print(render.summary_line(reflection, in_trash))
        if not items:
            print(
                "No reflections match." if not args.trash else "The trash is empty.",
                file=sys.stderr,
            )
    return 0


def cmd_show(args: argparse.Namespace, secrets: Secrets) -> int:
    with unlock(secrets) as vault:
        reflection_id = vault.resolve_id(args.id)
        reflection = vault.get(reflection_id)
        in_trash = vault.is_trashed(reflection_id)
    if args.json:
        render.emit_json({"reflection": render.reflection_json(reflection, in_trash)})
    else:
        print(render.full_text(reflection, in_trash))
    return 0


def cmd_edit(args: argparse.Namespace, secrets: Secrets) -> int:
    typing = args.file is None and sys.stdin.isatty()
    body = "" if typing else _read_body(args.file)
    with unlock(secrets) as vault:
        reflection = vault.get(vault.resolve_id(args.id))
        if typing:  # unlocked first, as in `add`
            body = _read_body(None)
        if not body.strip():
            raise ValidationError("body", "the new text is empty; nothing was changed")
        changed = vault.update(reflection.with_first_section_text(body.strip("\n")))
    print(
        "Saved; the previous version is in its history." if changed else "No change.",
        file=sys.stderr,
    )
    return 0


def cmd_delete(args: argparse.Namespace, secrets: Secrets) -> int:
    with unlock(secrets) as vault:
        vault.delete(vault.resolve_id(args.id))
    print("Moved to the trash. `reflect restore ID` brings it back.", file=sys.stderr)
    return 0


def cmd_restore(args: argparse.Namespace, secrets: Secrets) -> int:
    if Path(args.id).is_dir():  # a backup folder: ids never name one
        if args.version is not None:
            raise ReflectError("--version is for a reflection's id, not a backup folder.")
        args.backup = Path(args.id)
        return backup_commands.run_restore(args, secrets)
    if args.into is not None or args.replace:
        raise ReflectError("--into and --replace are for restoring a backup folder.")
    with unlock(secrets) as vault:
        reflection_id = vault.resolve_id(args.id)
        if args.version is None:
            was_in_trash = vault.restore(reflection_id)
            message = "Restored from the trash." if was_in_trash else "It was not in the trash."
            print(message, file=sys.stderr)
        else:
            vault.restore_revision(reflection_id, args.version)
            print(
                f"Version {args.version} is current again; what it replaced is in the history.",
                file=sys.stderr,
            )
    return 0


def cmd_empty_trash(args: argparse.Namespace, secrets: Secrets) -> int:
    if not args.yes:
        from cli.unlock import ask

        answer = ask(
            "Delete everything in the trash for good? Type 'yes': ",
            without_terminal="To empty the trash without a terminal to confirm on, add --yes.",
        )
        if answer.strip().lower() != "yes":
            print("Nothing deleted.", file=sys.stderr)
            return 0
    with unlock(secrets) as vault:
        removed = vault.empty_trash()
    print(f"Deleted {removed} reflection(s) for good.", file=sys.stderr)
    return 0


def cmd_history(args: argparse.Namespace, secrets: Secrets) -> int:
    with unlock(secrets) as vault:
        reflection_id = vault.resolve_id(args.id)
        versions = vault.history(reflection_id)
        current = vault.get(reflection_id)
    for revision in versions:
        print(render.revision_line(revision))
    print(f"current    edited {current.edited_at.isoformat(timespec='seconds')}  {current.title}")
    return 0


def cmd_search(args: argparse.Namespace, secrets: Secrets) -> int:
    limit = _positive(args.limit, "limit")
    filters = _filters(args)
    with unlock(secrets) as vault:
        hits = vault.search(args.query, filters, limit)
    if args.json:
        render.emit_json({"query": args.query, "hits": [render.hit_json(h) for h in hits]})
    else:
        emphasise = sys.stdout.isatty()
        for hit in hits:
            print(render.hit_text(hit, emphasise))
        if not hits:
            print("Nothing matches.", file=sys.stderr)
    return 0


COMMANDS: dict[str, Command] = {
    "init": cmd_init,
    "add": cmd_add,
    "list": cmd_list,
    "show": cmd_show,
    "edit": cmd_edit,
    "delete": cmd_delete,
    "restore": cmd_restore,
    "empty-trash": cmd_empty_trash,
    "history": cmd_history,
    "search": cmd_search,
    "passwd": cmd_passwd,
    "new-recovery-key": cmd_new_recovery_key,
    "remember": cmd_remember,
    "forget": cmd_forget,
    "check": cmd_check,
    "export": exchange_commands.cmd_export,
    "import": exchange_commands.cmd_import,
    "import-calendar": exchange_commands.cmd_import_calendar,
    "export-key": cmd_export_key,
    "backup": backup_commands.run_backup,
    "restore-backup": backup_commands.run_restore,
    "prompts": prompt_commands.run,
    "buddy": buddy_commands.run_buddy,
    "share": buddy_commands.run_share,
    "review": review_commands.run,
}
