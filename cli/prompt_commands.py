"""`reflect prompts …`: write, check, sign, import and remove prompt packs.

`new` and `validate` work on files alone, so an enabler can draft a pack before
they have a journal; `sign`, `list`, `import` and `remove` open the journal.
"""

from __future__ import annotations

import argparse
import re
import sys
from importlib import resources
from pathlib import Path

from cli.output_files import check_new_file
from cli.unlock import Secrets, has_terminal, unlock
from reflect import timeutil
from reflect.errors import ReflectError


def add_parser(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    prompts = commands.add_parser(
        "prompts",
        parents=[common],
        help="prompt packs: new, validate, sign, list, import, remove",
        description="Write, check, sign and import prompt packs (see docs/prompt-packs.md).",
    )
    sub = prompts.add_subparsers(dest="prompts_command", metavar="ACTION", required=True)
    new = sub.add_parser("new", parents=[common], help="start a pack from a commented template")
    new.add_argument("file", type=Path, metavar="FILE")
    new.add_argument("--title", default=None)
    new.add_argument("--author", default=None)
    new.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    validate = sub.add_parser(
        "validate", parents=[common], help="check packs and list every problem"
    )
    validate.add_argument("files", type=Path, nargs="+", metavar="FILE")
    sign = sub.add_parser("sign", parents=[common], help="sign a pack as yourself")
    sign.add_argument("file", type=Path, metavar="FILE")
    sign.add_argument(
        "--as", dest="signer", metavar="NAME", help="your name as leaders know it (first time)"
    )
    sign.add_argument("--out", type=Path, metavar="FILE", help="write here (default: in place)")
    sub.add_parser("list", parents=[common], help="the packs in your journal")
    imp = sub.add_parser("import", parents=[common], help="add a pack to your journal")
    imp.add_argument("file", type=Path, metavar="FILE")
    imp.add_argument(
        "--yes",
        action="store_true",
        help="import without asking (after you have compared the fingerprint)",
    )
    remove = sub.add_parser("remove", parents=[common], help="remove an imported pack")
    remove.add_argument("pack_id", nargs="?", metavar="ID")
    remove.add_argument(
        "--enabler", metavar="NAME", help="forget an enabler's key instead (to accept a new one)"
    )


def run(args: argparse.Namespace, secrets: Secrets) -> int:
    action = args.prompts_command
    if action == "new":
        return _new(args)
    if action == "validate":
        return _validate(args)
    return {"sign": _sign, "list": _list, "import": _import, "remove": _remove}[action](
        args, secrets
    )


def _read(path: Path) -> bytes:
    from prompts.pack_format import MAX_BYTES

    try:
        with path.open("rb") as handle:
            return handle.read(MAX_BYTES + 1)  # enough to know it is too big
    except OSError as exc:
        raise ReflectError(f"Cannot read {path}: {exc.strerror or exc}.") from None


def _new(args: argparse.Namespace) -> int:
    from storage.atomic import write_atomically

    path: Path = args.file
    check_new_file(path, args.force)
    text = (resources.files("prompts") / "template.toml").read_text(encoding="utf-8")
    slug = re.sub(r"[^a-z0-9]+", "-", path.stem.casefold()).strip("-")[:60] or "my-pack"
    text = text.replace('id = "my-pack"', f'id = "{slug if len(slug) > 1 else "my-pack"}"')
    if args.title:
        text = text.replace('"A title leaders will recognise"', _quoted(args.title))
    if args.author:
        text = text.replace('author = "Your name"', f"author = {_quoted(args.author)}")
    try:
        write_atomically(path, text.encode("utf-8"), mode=0o644)
    except OSError as exc:
        raise ReflectError(f"Cannot write {path}: {exc.strerror or exc}.") from None
    print(f"Wrote {path}. Edit it, then check it with: reflect prompts validate {path}")
    return 0


def _quoted(text: str) -> str:
    import json

    return json.dumps(text.strip(), ensure_ascii=False)


def _validate(args: argparse.Namespace) -> int:
    from prompts.pack_errors import PackError
    from prompts.pack_format import read_pack
    from prompts.signing import fingerprint, verify

    failed = 0
    for path in args.files:
        try:
            read = read_pack(_read(path), path.name)
            signer = verify(read, path.name)
        except (PackError, ReflectError) as exc:
            failed += 1
            print(f"reflect: {exc}", file=sys.stderr)
            continue
        pack = read.pack
        signed = (
            f"signed by {signer.name} ({fingerprint(signer.public_key)})" if signer else "unsigned"
        )
        print(
            f"{path.name}: valid. “{pack.title}” version {pack.version}, "
            f"{len(pack.prompts)} prompt{'s' if len(pack.prompts) != 1 else ''}, {signed}."
        )
    return 1 if failed else 0


def _sign(args: argparse.Namespace, secrets: Secrets) -> int:
    from prompts.signing import SigningIdentity, sign_pack
    from storage.atomic import write_atomically

    data = _read(args.file)
    out: Path = args.out or args.file
    with unlock(secrets) as vault:
        store = vault.prompt_packs
        stored = store.identity()
        if stored is None:
            if not args.signer or not args.signer.strip():
                raise ReflectError(
                    "You have no signing identity yet. Give the name leaders know you by: "
                    f'reflect prompts sign {args.file} --as "Your Name"'
                )
            identity = SigningIdentity.create(args.signer)
            store.save_identity(identity.name, identity.private_key)
            print(
                f"Created your signing identity as {identity.name}. Its private key is kept "
                "only inside this encrypted journal.",
                file=sys.stderr,
            )
        else:
            identity = SigningIdentity(stored.name, stored.private_key)
            if args.signer and args.signer.strip() != stored.name:
                identity = SigningIdentity(args.signer.strip(), stored.private_key)
                store.save_identity(identity.name, identity.private_key)
        signed = sign_pack(data, identity, args.file.name)
    try:
        write_atomically(out, signed.encode("utf-8"), mode=0o644)
    except OSError as exc:
        raise ReflectError(f"Cannot write {out}: {exc.strerror or exc}.") from None
    print(f"Signed {out} as {identity.name}.")
    print(f"Fingerprint: {identity.fingerprint}")
    print("Tell leaders this fingerprint yourself (in person or by phone), not with the pack.")
    return 0


def _list(args: argparse.Namespace, secrets: Secrets) -> int:
    from prompts.library import Origin, library

    with unlock(secrets) as vault:
        packs = library(vault.prompt_packs)
    for lp in packs:
        pack = lp.pack
        if lp.origin is Origin.SIGNED and pack.signer is not None:
            origin = f"signed by {pack.signer.name} ({lp.fingerprint})"
        else:
            origin = lp.origin.value.lower()
        off = "" if lp.chosen else ", turned off"
        print(
            f"{pack.id}\t{pack.title}\tversion {pack.version}, {len(pack.prompts)} prompts, "
            f"{origin}{off}"
        )
    return 0


def _import(args: argparse.Namespace, secrets: Secrets) -> int:
    from prompts.importing import apply, check

    data = _read(args.file)
    with unlock(secrets) as vault:
        plan = check(data, args.file.name, vault.prompt_packs)
        pack = plan.pack
        if plan.signer is not None:
            print(
                f"“{pack.title}” (version {pack.version}, {len(pack.prompts)} prompts) is "
                f"signed by {plan.signer.name}.\nFingerprint: {plan.fingerprint}",
                file=sys.stderr,
            )
        else:
            print(
                f"“{pack.title}” (version {pack.version}, {len(pack.prompts)} prompts) is NOT "
                f"signed: nothing shows who wrote it or whether it was changed. It says it is "
                f"by {pack.author}.",
                file=sys.stderr,
            )
        if plan.needs_confirmation and not args.yes and not _confirmed(plan.signer is None):
            raise ReflectError(
                "Nothing was imported. Compare the fingerprint with the one your enabler gave "
                "you, then run the command again with --yes."
                if plan.signer is not None
                else "Nothing was imported. If you trust where this file came from, run the "
                "command again with --yes."
            )
        apply(plan, vault.prompt_packs, timeutil.now().date())
    replaced = f" (replacing version {plan.replaces_version})" if plan.replaces_version else ""
    print(f"Imported “{pack.title}”{replaced}.", file=sys.stderr)
    return 0


def _confirmed(unsigned: bool) -> bool:
    if not has_terminal():
        return False
    question = (
        "Import it anyway? [y/N] "
        if unsigned
        else "Does the fingerprint match the one your enabler gave you? [y/N] "
    )
    print(question, end="", file=sys.stderr, flush=True)
    return sys.stdin.readline().strip().casefold() in ("y", "yes")


def _remove(args: argparse.Namespace, secrets: Secrets) -> int:
    from reflect.prompt_library import BUILTIN_PREFIX

    if bool(args.pack_id) == bool(args.enabler):
        raise ReflectError("Give a pack's id, or --enabler NAME, but not both.")
    with unlock(secrets) as vault:
        store = vault.prompt_packs
        if args.enabler:
            known = store.enablers_named(args.enabler)
            if not known:
                raise ReflectError(f"You have no enabler called {args.enabler}.")
            for enabler in known:
                store.forget_enabler(enabler.public_key)
            print(
                f"Forgot {known[0].name}'s key. Their packs stay; the next pack you import from "
                "them asks you to check its fingerprint again.",
                file=sys.stderr,
            )
            return 0
        if args.pack_id.startswith(BUILTIN_PREFIX):
            raise ReflectError(
                f"{args.pack_id} is one of Reflect's own packs and cannot be removed; "
                "turn it off in the prompt library instead."
            )
        if not store.remove(args.pack_id):
            raise ReflectError(f"You have no imported pack with the id {args.pack_id}.")
    print(
        f"Removed {args.pack_id}. What you wrote in answer to its prompts stays in your journal.",
        file=sys.stderr,
    )
    return 0
