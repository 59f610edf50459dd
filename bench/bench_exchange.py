"""How fast are export and import of a large journal?

Run from the repository root:

    .venv/bin/python -m bench.bench_exchange [--reflections 10000]

In temp folders (deleted afterwards): a journal with the given number of corpus
reflections; times Reflect JSON export, importing that file into an empty
journal, the Markdown folder export, and reading plus importing a jrnl text
journal of as many entries (read_jrnl_text + import_entries). Prints a
Markdown table. Acceptance: each export and import of 10,000 under 10 s.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from bench.corpus import LONDON, Corpus
from bench.timing import row, timed
from reflect.importers.jrnl import read_jrnl_text
from reflect.model import Reflection
from storage import crypto
from storage.entry_import import import_entries
from storage.exchange import export_to_file, import_file
from storage.markdown_export import export_markdown
from storage.vault import Vault

PASSPHRASE = "lantern orchard mosaic tideway benchmark 41"  # noqa: S105
LIMIT_MS = 10_000


def jrnl_text(reflections: list[Reflection]) -> str:
    """A jrnl plain-text journal: `[YYYY-MM-DD HH:MM] Title` then the body."""
    parts = []
    for r in reflections:
        when = r.happened_at.astimezone(LONDON)
        star = " *" if r.starred else ""
        tags = " ".join("@" + "-".join(t.split()) for t in r.tags)
        parts.append(f"[{when:%Y-%m-%d %H:%M}] {r.title or 'Untitled'}{star}\n{r.body}\n{tags}\n")
    return "\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reflections", type=int, default=10_000)
    args = parser.parse_args()
    n = args.reflections
    folder = Path(tempfile.mkdtemp(prefix="reflect-bench-exchange-"))
    rows: list[str] = []
    worst: list[float] = []

    def record(name: str, times: list[float]) -> None:
        rows.append(row(name, times))
        worst.append(max(times))

    try:
        reflections = list(Corpus().reflections(n))
        source, _ = Vault.create(folder / "source", PASSPHRASE, crypto.FLOOR_PARAMS)
        target, _ = Vault.create(folder / "target", PASSPHRASE, crypto.FLOOR_PARAMS)
        jrnl, _ = Vault.create(folder / "jrnl", PASSPHRASE, crypto.FLOOR_PARAMS)
        with source, target, jrnl:
            with source.writing() as conn:
                for r in reflections:
                    source.add_in(conn, r)
            out = folder / "export.json"
            record(f"Reflect JSON export ({n:,})", timed(lambda: export_to_file(source, out)))
            size = out.stat().st_size / 1_000_000
            record(
                f"Reflect JSON import into an empty journal ({n:,}, {size:,.1f} MB)",
                timed(lambda: import_file(target, out)),
            )
            assert target.count() == n
            record(
                f"Markdown folder export ({n:,} files)",
                timed(lambda: export_markdown(source, folder / "markdown")),
            )
            text = jrnl_text(reflections)

            def jrnl_import() -> None:
                preview = read_jrnl_text(text, "journal.txt", LONDON)
                report = import_entries(jrnl, preview, map_tags=False)
                assert report.added == n, report

            record(f"jrnl text read + import ({n:,} entries)", timed(jrnl_import))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print("\n| operation | runs | median ms | worst ms |\n| --- | ---: | ---: | ---: |")
    print("\n".join(rows))
    verdict = "PASS" if max(worst) < LIMIT_MS else "FAIL"
    print(f"\nAcceptance (each under {LIMIT_MS / 1000:.0f} s): {verdict}")


if __name__ == "__main__":
    main()
