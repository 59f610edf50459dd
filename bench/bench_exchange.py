"""How fast are export and import of a large journal?

Run from the repository root:

    .venv/bin/python -m bench.bench_exchange [--reflections 10000]

In temp folders (deleted afterwards): a journal with the given number of corpus
reflections and what surrounds them (a meeting for every fifth, a follow-up for
every fourth, 300 rated people, 40 storylines); times Reflect JSON export,
importing that file into an empty journal, the Markdown folder export, and
reading plus importing a jrnl text journal of as many entries (read_jrnl_text +
import_entries). Prints a Markdown table. Acceptance: each export and import of 10,000 under 10 s.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import uuid
from pathlib import Path

from bench.corpus import LONDON, Corpus
from bench.timing import row, timed
from reflect import export_records, timeutil
from reflect.export_format import JournalExport
from reflect.export_records import Record
from reflect.importers.jrnl import read_jrnl_text
from reflect.model import Reflection
from storage import crypto
from storage.entry_import import import_entries
from storage.exchange import export_to_file, import_file, import_journal
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


def around(reflections: list[Reflection]) -> dict[str, list[Record]]:
    """What a busy journal holds besides reflections: a meeting for every fifth,
    a follow-up for every fourth, 300 people with three ratings each, 40 storylines."""
    records = export_records.empty()
    for i, r in enumerate(reflections):
        when = timeutil.to_text(r.happened_at)
        if i % 5 == 0:
            records["meetings"].append(
                {
                    "id": str(uuid.UUID(int=i + 1)),
                    "title": f"Meeting {i}",
                    "starts_at": when,
                    "ends_at": None,
                    "all_day": False,
                    "location": "Town hall",
                    "programme": "Home first",
                    "calendar_key": None,
                    "cancelled": False,
                    "dismissed": False,
                    "updated_at": when,
                    "people": list(r.people),
                    "organisations": list(r.organisations),
                }
            )
        if i % 4 == 0:
            records["follow_ups"].append(
                {
                    "id": str(uuid.UUID(int=10**9 + i)),
                    "reflection_id": str(r.id),
                    "text": f"Come back to this ({i}).",
                    "created_at": when,
                    "revisit_on": r.happened_at.date().isoformat(),
                    "status": "open",
                    "closed_at": None,
                    "outcome_reflection_id": None,
                }
            )
    for p in range(300):
        ratings = [
            {
                "id": str(uuid.UUID(int=2 * 10**9 + p * 10 + k)),
                "rated_at": timeutil.to_text(
                    reflections[(p * 7 + k) % len(reflections)].happened_at
                ),
                "trust": 1 + (p + k) % 10,
                "agreement": None,
                "issue": "",
                "note": "",
            }
            for k in range(3)
        ]
        records["contacts"].append(
            {
                "id": str(uuid.UUID(int=3 * 10**9 + p)),
                "kind": "person",
                "name": f"Bench Person {p}",
                "role": "Director",
                "organisation": "",
                "email": "",
                "notes": "",
                "also_known_as": [],
                "ratings": sorted(
                    ratings,
                    key=lambda x: (timeutil.to_micros(timeutil.from_text(x["rated_at"])), x["id"]),
                ),
            }
        )
    for s in range(40):
        members = sorted(
            {str(reflections[(s * 31 + k * 17) % len(reflections)].id) for k in range(25)}
        )
        records["storylines"].append(
            {
                "id": str(uuid.UUID(int=4 * 10**9 + s)),
                "name": f"Storyline {s}",
                "description": "",
                "created_at": timeutil.to_text(reflections[0].written_at),
                "reflection_ids": members,
            }
        )
    return records


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
            import_journal(source, JournalExport([], around(reflections)))
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
