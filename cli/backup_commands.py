"""`reflect backup` and `reflect restore-backup`: encrypted backups (see storage.backup).

`restore` already brings reflections back from the trash, so restoring a whole
journal from a backup is `restore-backup`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cli.unlock import Secrets, ask, read_secret_file, unlock


def add_parsers(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    backup = commands.add_parser(
        "backup",
        parents=[common],
        help="make a verified encrypted backup and rotate old ones",
        description="Write an encrypted, verified copy of the journal to FOLDER "
        "(default: a '<data dir>-backups' folder beside the journal's folder), then keep "
        "the newest backup of each of the last 7 days and 8 weeks and delete the rest. "
        "With --if-due, only when the newest backup there is a day old or more (for cron, "
        "systemd timers or Task Scheduler).",
    )
    backup.add_argument("--to", type=Path, metavar="FOLDER", help="where backups are kept")
    which = backup.add_mutually_exclusive_group()
    which.add_argument(
        "--list", action="store_true", help="list the backups in FOLDER instead (no unlock)"
    )
    which.add_argument(
        "--if-due",
        action="store_true",
        help="back up only if FOLDER has no backup from the last 24 hours (no unlock otherwise)",
    )
    restore = commands.add_parser(
        "restore-backup",
        parents=[common],
        help="restore a journal from a backup, into a new folder or replacing this one",
        description="Restore BACKUP (a reflect-backup-... folder) into --into FOLDER "
        "(default: the journal's folder, which must then be empty or --replace given). "
        "Asks for the backup's passphrase, or use --passphrase-file / --recovery-key-file.",
    )
    restore.add_argument("backup", type=Path, metavar="BACKUP")
    restore.add_argument("--into", type=Path, metavar="FOLDER", help="the folder to restore into")
    restore.add_argument(
        "--replace",
        action="store_true",
        help="replace the journal there; it is first kept whole as a safety backup beside it",
    )


def _folder(args: argparse.Namespace, secrets: Secrets) -> Path:
    from storage.backup import default_backup_dir

    to: Path | None = args.to
    return to if to is not None else default_backup_dir(secrets.data_dir)


def run_backup(args: argparse.Namespace, secrets: Secrets) -> int:
    from storage import backup

    folder = _folder(args, secrets)
    if args.list:
        found = backup.list_backups(folder)
        for info in reversed(found):
            print(f"{info.made_at:%Y-%m-%d %H:%M:%S}  {info.path}")
        if not found:
            print(f"No backups in {folder}.", file=sys.stderr)
        return 0
    if args.if_due and not backup.backup_due(folder):
        newest = backup.list_backups(folder)[-1]
        print(
            f"No backup needed: the newest is from {newest.made_at:%Y-%m-%d %H:%M:%S} "
            f"({newest.path}).",
            file=sys.stderr,
        )
        return 0
    with unlock(secrets) as vault:
        made = backup.make_backup(vault, folder)
    print(made)
    print("Backup written and verified.", file=sys.stderr)
    for removed in backup.rotate(folder):
        print(f"Rotation removed {removed.name}.", file=sys.stderr)
    return 0


def run_restore(args: argparse.Namespace, secrets: Secrets) -> int:
    from storage import backup

    target: Path = args.into if args.into is not None else secrets.data_dir
    if secrets.recovery_key_file is not None:
        typed = read_secret_file(secrets.recovery_key_file, "recovery key")
        restored = backup.restore(args.backup, target, recovery_key=typed, replace=args.replace)
    else:
        if secrets.passphrase_file is not None:
            passphrase = read_secret_file(secrets.passphrase_file, "passphrase")
        else:
            passphrase = ask("The backup's passphrase: ")
        restored = backup.restore(args.backup, target, passphrase=passphrase, replace=args.replace)
    print(restored.journal)
    if restored.safety_backup is not None:
        print(
            f"The journal that was there is kept, whole, in {restored.safety_backup}.",
            file=sys.stderr,
        )
    print("Restored and verified; it opens with the backup's passphrase.", file=sys.stderr)
    return 0
