"""`reflect buddy …` and `reflect share …`: buddy cards, safety numbers and share files.

A buddy pair swaps cards (public keys), compares a safety number in person or by
phone, and then sends reflections to each other as encrypted, signed files. The
formats are in docs/sharing.md; the checks live in storage.share_files.
"""

from __future__ import annotations

import argparse
import sys
import uuid
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from cli.output_files import check_new_file
from cli.unlock import Secrets, unlock
from reflect.errors import ReflectError, ValidationError

if TYPE_CHECKING:
    from reflect.frameworks import Lens
    from reflect.model import Reflection
    from reflect.sharing import Party, ReplyTo
    from storage.buddies import Buddy
    from storage.vault import Vault

TITLES_WIDTH = 60


def add_parsers(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    buddy = commands.add_parser(
        "buddy",
        parents=[common],
        help="buddy pairs: card, add, list, verify",
        description="Swap buddy cards and check safety numbers (see docs/sharing.md).",
    )
    sub = buddy.add_subparsers(dest="buddy_command", metavar="ACTION", required=True)
    card = sub.add_parser("card", parents=[common], help="print this journal's buddy card")
    card.add_argument(
        "--name", metavar="NAME", help="the name your buddies know you by (needed the first time)"
    )
    card.add_argument("--out", type=Path, metavar="FILE", help="write the card to FILE instead")
    add = sub.add_parser("add", parents=[common], help="add a buddy from their card")
    add.add_argument("card", metavar="CARD", help="a card file, the card's text, or - for stdin")
    sub.add_parser("list", parents=[common], help="your buddies and their safety numbers")
    verify = sub.add_parser(
        "verify", parents=[common], help="mark a buddy as verified after comparing numbers"
    )
    verify.add_argument("name", metavar="NAME")
    verify.add_argument("--no", action="store_true", help="mark them as not verified instead")

    share = commands.add_parser(
        "share",
        parents=[common],
        help="share reflections with a buddy: export, import, list",
        description="Send and receive encrypted, signed share files (see docs/sharing.md).",
    )
    sub = share.add_subparsers(dest="share_command", metavar="ACTION", required=True)
    export = sub.add_parser(
        "export", parents=[common], help="write reflections to a share file for a buddy"
    )
    export.add_argument("ids", nargs="+", metavar="ID", help="reflection ids (or their start)")
    export.add_argument("--to", required=True, metavar="NAME", help="the buddy it is for")
    export.add_argument("--out", type=Path, required=True, metavar="FILE")
    export.add_argument(
        "--sections",
        action="extend",
        nargs="+",
        metavar="LENS",
        help="only the parts written through these lenses ('none': parts without a lens)",
    )
    export.add_argument("--note", default="", metavar="TEXT", help="a note for your buddy")
    export.add_argument("--reply-by", metavar="DATE", help="when you would like a reply")
    export.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    imp = sub.add_parser("import", parents=[common], help="open a share file from a buddy")
    imp.add_argument("file", type=Path, metavar="FILE")
    sub.add_parser("list", parents=[common], help="every share sent and received")


def run_buddy(args: argparse.Namespace, secrets: Secrets) -> int:
    actions = {"card": _card, "add": _add, "list": _list_buddies, "verify": _verify}
    return actions[args.buddy_command](args, secrets)


def run_share(args: argparse.Namespace, secrets: Secrets) -> int:
    actions = {"export": _export, "import": _import, "list": _list_shares}
    return actions[args.share_command](args, secrets)


# --- helpers ---------------------------------------------------------------------------------


def _plain(text: str) -> str:
    """Text from a card or a buddy's share, safe to print on one line of a terminal."""
    cleaned = "".join(" " if ord(c) < 32 or 127 <= ord(c) < 160 else c for c in text)
    return " ".join(cleaned.split())


def _quoted(name: str) -> str:
    """A name as it would be typed on the command line."""
    return f'"{name}"' if any(c in name for c in " '\"$`\\") else name


def _me(vault: Vault) -> Party:
    from storage.share_files import my_party

    if vault.buddies.identity() is None:
        raise ReflectError(
            "This journal has no buddy card yet. Make yours first: "
            'reflect buddy card --name "Your Name"'
        )
    return my_party(vault)


def _buddy_named(vault: Vault, name: str) -> Buddy:
    found = vault.buddies.named(name)
    if not found:
        raise ReflectError(
            f"You have no buddy called {name}. `reflect buddy list` shows your buddies."
        )
    return found[0]


def _write_file(path: Path, data: bytes, mode: int) -> None:
    from storage.atomic import write_atomically

    if path.is_dir():
        raise ReflectError(f"{path} is a folder; give the name of the file to write.")
    try:
        write_atomically(path, data, mode=mode)
    except OSError as exc:
        raise ReflectError(f"Cannot write {path}: {exc.strerror or exc}.") from None


def _reflections(count: int) -> str:
    return f"{count} reflection{'' if count == 1 else 's'}"


# --- buddy -----------------------------------------------------------------------------------


def _card(args: argparse.Namespace, secrets: Secrets) -> int:
    from reflect.buddy_card import MAX_NAME, card_text
    from storage.share_files import ensure_identity, my_party

    name: str | None = args.name.strip() if args.name else None
    if name is not None and (
        not name or len(name) > MAX_NAME or any(ord(c) < 32 or ord(c) == 127 for c in name)
    ):
        raise ValidationError("name", f"give a name of 1 to {MAX_NAME} characters, on one line")
    with unlock(secrets) as vault:
        before = vault.buddies.identity()
        if before is None and name is None:
            raise ReflectError(
                "This journal has no buddy card yet. Give the name your buddies know you by: "
                'reflect buddy card --name "Your Name"'
            )
        ensure_identity(vault, name)
        me = my_party(vault)
    if before is None:
        print(
            f"Created your buddy card as {me.name}. Its private keys are kept only inside "
            "this encrypted journal.",
            file=sys.stderr,
        )
    elif before.name != me.name:
        print(
            f"Renamed your buddy card from {before.name} to {me.name}; the keys are the same.",
            file=sys.stderr,
        )
    text = card_text(me)
    if args.out is None:
        print(text, end="")
        return 0
    _write_file(args.out, text.encode("utf-8"), 0o644)
    print(
        f"Wrote your buddy card to {args.out}. It holds no secrets: send it to your buddy "
        "in any way you like.",
        file=sys.stderr,
    )
    return 0


def _card_text(source: str) -> str:
    from reflect.buddy_card import BEGIN

    if source == "-":
        return sys.stdin.read()
    if BEGIN in source:
        return source
    path = Path(source)
    try:
        is_file = path.is_file()
    except (OSError, ValueError):  # not a possible file name: take it as the card's text
        is_file = False
    if not is_file:
        return source
    try:
        with path.open(encoding="utf-8") as handle:
            return handle.read(100_000)
    except OSError as exc:
        raise ReflectError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    except UnicodeDecodeError:
        raise ReflectError(f"{path} is not a buddy card (it is not text).") from None


def _add(args: argparse.Namespace, secrets: Secrets) -> int:
    from reflect.buddy_card import read_card, safety_number

    party = read_card(_card_text(args.card))  # checked before unlocking
    with unlock(secrets) as vault:
        me = _me(vault)
        if party.same_keys(me):
            raise ReflectError("That is your own buddy card; add your buddy's card instead.")
        known = any(b.party.same_keys(party) for b in vault.buddies.listed())
        buddy = vault.buddies.add(party)
    name = _plain(buddy.name)
    if known:
        print(f"{name} is already your buddy; nothing was changed.")
    else:
        print(f"Added {name} as your buddy.")
    print(f"Safety number: {safety_number(me, buddy.party)}")
    if not buddy.verified:
        print(
            f"Compare this number with {name} in person or by phone (not by e-mail or message)."
            f" If it is the same on both sides, run: reflect buddy verify {_quoted(name)}"
        )
    return 0


def _list_buddies(args: argparse.Namespace, secrets: Secrets) -> int:
    from reflect.buddy_card import safety_number

    with unlock(secrets) as vault:
        listed = vault.buddies.listed()
        me = _me(vault) if listed else None
    if me is None:
        print("You have no buddies yet. `reflect buddy add CARD` adds one.", file=sys.stderr)
        return 0
    for b in listed:
        print(
            "\t".join(
                (
                    _plain(b.name),
                    "verified" if b.verified else "not verified",
                    safety_number(me, b.party),
                    b.added_at.astimezone().date().isoformat(),
                )
            )
        )
    return 0


def _verify(args: argparse.Namespace, secrets: Secrets) -> int:
    from reflect.buddy_card import safety_number

    with unlock(secrets) as vault:
        me = _me(vault)
        buddy = _buddy_named(vault, args.name)
        vault.buddies.set_verified(buddy.id, not args.no)
    name = _plain(buddy.name)
    print(f"Safety number: {safety_number(me, buddy.party)}")
    if args.no:
        print(f"{name} is marked as not verified.")
    else:
        print(f"{name} is marked as verified. Their shares will say so when you import them.")
    return 0


# --- share -----------------------------------------------------------------------------------


def _lenses(raw: list[str]) -> list[Lens | None]:
    from reflect.frameworks import Lens

    return [
        None if item.strip().casefold() == "none" else Lens.parse(item, "sections") for item in raw
    ]


def _reply_by(raw: str | None) -> date | None:
    if raw is None:
        return None
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        raise ValidationError(
            "reply-by", f"cannot read {raw!r} as a date; use ISO 8601, e.g. 2026-12-08"
        ) from None


def _reply_for(vault: Vault, ids: list[uuid.UUID]) -> ReplyTo | None:
    replies = {r for i in ids if (r := vault.buddies.reply_to(i)) is not None}
    if len(replies) > 1:
        raise ReflectError(
            "These reflections answer different shares; send each reply in a share of its own."
        )
    return next(iter(replies), None)


def _export(args: argparse.Namespace, secrets: Secrets) -> int:
    from reflect.sharing import with_sections
    from storage.share_files import export_share

    lenses = _lenses(args.sections) if args.sections else None
    reply_by = _reply_by(args.reply_by)
    out: Path = args.out
    check_new_file(out, args.force)
    with unlock(secrets) as vault:
        _me(vault)
        buddy = _buddy_named(vault, args.to)
        ids = list(dict.fromkeys(vault.resolve_id(typed) for typed in args.ids))
        chosen: list[Reflection] = []
        left_out: list[str] = []
        for reflection_id in ids:
            if vault.is_trashed(reflection_id):
                raise ReflectError(
                    f"{reflection_id} is in the trash; restore it first if you mean to share it."
                )
            reflection = vault.get(reflection_id)
            kept = reflection if lenses is None else with_sections(reflection, lenses)
            if kept is None or not any(s.text.strip() for s in kept.sections):
                left_out.append(_plain(reflection.title) or str(reflection_id)[:8])
            else:
                chosen.append(kept)
        if not chosen:
            raise ReflectError(
                "None of those reflections has parts written through those lenses; "
                "nothing was written."
            )
        for title in left_out:
            print(
                f"Left out “{title}”: it has no parts written through those lenses.",
                file=sys.stderr,
            )
        reply = _reply_for(vault, [r.id for r in chosen])
        print(
            "WARNING: once you send this file it cannot be taken back: your buddy keeps "
            "whatever they import.",
            file=sys.stderr,
        )
        export_share(
            vault,
            buddy.id,
            chosen,
            out,
            note=args.note,
            reply_by=reply_by,
            in_reply_to=reply,
        )
    name = _plain(buddy.name)
    kind = "a reply" if reply else "a share"
    print(
        f"Wrote {kind} of {_reflections(len(chosen))} to {out}. Only {name} and you can open it.",
        file=sys.stderr,
    )
    if not buddy.verified:
        print(
            f"You have not yet compared your safety number with {name}: "
            f"`reflect buddy list` shows it.",
            file=sys.stderr,
        )
    return 0


def _import(args: argparse.Namespace, secrets: Secrets) -> int:
    from storage.errors import NotFound
    from storage.share_files import import_share, read_share_file

    path: Path = args.file
    try:
        data = read_share_file(path)
    except OSError as exc:
        raise ReflectError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    answered = ""
    with unlock(secrets) as vault:
        record = import_share(vault, data, path.name)
        payload = record.payload
        if payload.in_reply_to is not None:
            try:
                title = vault.get(payload.in_reply_to.reflection_id).title
            except NotFound:
                title = ""
            answered = f" It answers your “{_plain(title)}”." if title else ""
    name = _plain(record.buddy.name)
    trust = "verified" if record.buddy.verified else "NOT verified — compare your safety number"
    kind = "a reply" if payload.in_reply_to is not None else "a share"
    print(
        f"Imported {kind} from {name} ({trust}): {_reflections(len(payload.reflections))}."
        + answered,
        file=sys.stderr,
    )
    if payload.note:
        print(f"Their note: {_plain(payload.note)}", file=sys.stderr)
    if payload.reply_by is not None:
        print(
            f"They would like a reply by {payload.reply_by.isoformat()}.",
            file=sys.stderr,
        )
    return 0


def _titles(reflections: tuple[Reflection, ...]) -> str:
    text = "; ".join(_plain(r.title) or "(no title)" for r in reflections)
    return text if len(text) <= TITLES_WIDTH else text[: TITLES_WIDTH - 1] + "…"


def _list_shares(args: argparse.Namespace, secrets: Secrets) -> int:
    with unlock(secrets) as vault:
        records = vault.buddies.shares()
    if not records:
        print("No shares sent or received yet.", file=sys.stderr)
        return 0
    for record in records:
        payload = record.payload
        print(
            "\t".join(
                (
                    payload.created_at.astimezone().date().isoformat(),
                    record.direction,
                    _plain(record.buddy.name),
                    payload.kind.value,
                    _reflections(len(payload.reflections)),
                    _titles(payload.reflections),
                    str(payload.share_id),
                )
            )
        )
    return 0
