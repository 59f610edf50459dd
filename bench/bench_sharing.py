"""How fast are sharing with a buddy and the privacy check?

Run from the repository root:

    .venv/bin/python -m bench.bench_sharing [--reflections 50] [--people 1000]

Two journals in temp folders (deleted afterwards) become buddies; times: the
privacy check over the given number of reflections against a directory of the
given size, redacting them, exporting (sign, encrypt, write) and importing
(decrypt, verify, record) a share of them. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from bench.corpus import Corpus
from bench.timing import row, timed
from reflect.buddy_card import card_text, read_card
from reflect.share_privacy import KnownName, find_names, redacted
from storage import crypto
from storage.share_files import ensure_identity, export_share, import_share, my_party
from storage.vault import Vault

PASSPHRASE = "lantern orchard mosaic tideway benchmark 41"  # noqa: S105


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reflections", type=int, default=50)
    parser.add_argument("--people", type=int, default=1_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="reflect-bench-sharing-"))
    rows: list[str] = []
    try:
        asha, _ = Vault.create(folder / "asha", PASSPHRASE, crypto.FLOOR_PARAMS)
        ben, _ = Vault.create(folder / "ben", PASSPHRASE, crypto.FLOOR_PARAMS)
        with asha, ben:
            ensure_identity(asha, "Asha Patel")
            ensure_identity(ben, "Ben Hughes")
            buddy = asha.buddies.add(read_card(card_text(my_party(ben))))
            ben.buddies.add(read_card(card_text(my_party(asha))))
            corpus = Corpus()
            chosen = [asha.add(corpus.new_reflection()) for _ in range(args.reflections)]
            known = [
                KnownName(f"Person {i:04d} Example", "person", "Director")
                for i in range(args.people)
            ]
            known += [KnownName(name, "person") for r in chosen for name in r.people]
            findings: list[object] = []
            rows.append(
                row(
                    f"privacy check ({args.reflections} reflections, {len(known):,} names)",
                    timed(lambda: findings.append(find_names(chosen, known)), 3),
                )
            )
            found = find_names(chosen, known)
            replacements = {f.name: f.suggestion for f in found}
            rows.append(
                row(
                    f"redact {len(replacements)} names",
                    timed(lambda: redacted(chosen, replacements), 3),
                )
            )
            shared = redacted(chosen, replacements)
            outs = [folder / f"share-{i}.age" for i in range(3)]
            rows.append(
                row(
                    f"export a share of {args.reflections} reflections",
                    timed(lambda: export_share(asha, buddy.id, shared, outs.pop()), 3),
                )
            )
            files = sorted(folder.glob("share-*.age"))
            size = files[0].stat().st_size
            rows.append(
                row(
                    f"import it ({size / 1000:,.0f} KB)",
                    timed(lambda: import_share(ben, files.pop().read_bytes(), "share.age"), 3),
                )
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print("\n| operation | runs | median ms | worst ms |\n| --- | ---: | ---: | ---: |")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
