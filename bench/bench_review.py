"""How fast is the yearly review of a busy year?

Run from the repository root:

    .venv/bin/python -m bench.bench_review [--reflections 5000] [--previous 5000] [--runs 5]

Builds a journal in a temp folder (deleted afterwards): `--reflections`
reflections spread over 2026 and `--previous` over 2025 (bench/corpus.py text,
about 1.5 KB each), 1,500 meetings in 2026 (a third with a reflection, some
cancelled), 300 trust ratings of 60 people over the two years, 800 follow-ups in
various states and 12 storylines. Then times, for 2026: gathering the input
(storage.review_data.review_input), computing the review (build_review, and its
themes alone), writing the text for the screen (cli.review_commands.text), all
three together (the acceptance target: under 2 s), the same without a previous
year, the review to PDF (ui.review_export.pdf_bytes, offscreen Qt; target under
5 s) and the whole `reflect review --year 2026` command as a separate process.
Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import uuid
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from bench.corpus import LONDON, PEOPLE, Corpus
from bench.timing import row, timed
from cli.review_commands import text
from reflect.followups import FollowUp, FollowUpStatus
from reflect.meetings import Meeting
from reflect.review import Period, Review, build_review
from reflect.review_themes import extract_themes
from reflect.storylines import Storyline
from reflect.trust import TrustRating
from storage import contacts, crypto
from storage import follow_ups as follow_up_store
from storage import meetings as meeting_store
from storage import reflections as store
from storage import storylines as storyline_store
from storage.review_data import review_input
from storage.vault import Vault

PASSPHRASE = "lantern orchard mosaic tideway benchmark 41"  # noqa: S105
YEAR = Period.year(2026)
TARGET_MS = 2000
PDF_TARGET_MS = 5000


def moments(year: int, count: int, rng: random.Random) -> list[datetime]:
    """`count` working-day moments spread evenly over a year, in London time."""
    start = datetime(year, 1, 1, tzinfo=LONDON)
    step = timedelta(days=365) / max(count, 1)
    return [
        (start + step * i).replace(hour=rng.randint(8, 18), minute=rng.randint(0, 59))
        for i in range(count)
    ]


def build(vault: Vault, this_year: int, last_year: int, rng: random.Random) -> None:
    corpus = Corpus(seed=2026)
    meetings = [
        Meeting.new(f"Meeting {i}", when) for i, when in enumerate(moments(2026, 1500, rng))
    ]
    with vault.writing() as conn:
        for meeting in meetings:
            meeting_store.save(conn, meeting)
        conn.execute("UPDATE meeting SET cancelled = 1 WHERE pk % 20 = 0")
        ids: dict[int, list[uuid.UUID]] = {2025: [], 2026: []}
        for year, count in ((2025, last_year), (2026, this_year)):
            for i, when in enumerate(moments(year, count, rng)):
                new = corpus.new_reflection(happened_at=when)
                if year == 2026 and i % 10 == 0 and i // 10 < len(meetings):
                    new = replace(new, meeting_id=meetings[i // 10].id)  # 500 reflected on
                reflection = new.build(clock=when + timedelta(hours=2))
                store.add(conn, reflection)
                ids[year].append(reflection.id)
        contacts.sync_from_labels(conn)
        people = [p.person.id for p in contacts.people(conn)[:60]]
        for i in range(300):
            person = people[i % len(people)]
            when = datetime(2025, 1, 1, tzinfo=LONDON) + timedelta(days=rng.randrange(720))
            agreement = rng.choice([None, *range(1, 11)])
            contacts.add_rating(
                conn, TrustRating(uuid.uuid4(), person, when, rng.randint(1, 10), agreement)
            )
        states = list(FollowUpStatus)
        for i in range(800):
            year = 2026 if i % 4 else 2025
            source = rng.choice(ids[year]) if ids[year] else None
            if source is None:
                continue
            made = datetime(year, 1, 1, 9, tzinfo=LONDON) + timedelta(days=rng.randrange(364))
            added = follow_up_store.add(conn, FollowUp(uuid.uuid4(), source, f"Step {i}", made))
            if states[i % 3] is not FollowUpStatus.OPEN:
                follow_up_store.close(conn, added.id, states[i % 3])
        everyone = ids[2025] + ids[2026]
        for s in range(12):
            storyline = Storyline(
                uuid.uuid4(), f"Storyline {s}", datetime(2025, 1, 1, tzinfo=LONDON)
            )
            storyline_store.save(conn, storyline)
            for member in rng.sample(everyone, min(60, len(everyone))):
                storyline_store.set_member(conn, storyline.id, member, True)


def to_the_screen(vault: Vault) -> str:
    return text(build_review(review_input(vault, YEAR, zone=LONDON)))


def to_pdf(review: Review) -> bytes:
    """The review as PDF bytes (Qt is loaded, offscreen, only for this)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ui.review_export import pdf_bytes

    if QApplication.instance() is None:
        _QT.append(QApplication(["bench"]))  # kept alive for the whole run
    return pdf_bytes(review)


_QT: list[object] = []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reflections", type=int, default=5_000)
    parser.add_argument("--previous", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(2026)
    folder = Path(tempfile.mkdtemp(prefix="reflect-bench-review-"))
    rows: list[str] = []
    try:
        journal = folder / "journal"
        vault, _ = Vault.create(journal, PASSPHRASE, crypto.FLOOR_PARAMS)
        with vault:
            print("building the journal…", file=sys.stderr)
            build(vault, args.reflections, args.previous, rng)
            gathered = review_input(vault, YEAR, zone=LONDON)  # warm the page cache once
            review = build_review(gathered)
            runs = args.runs
            rows.append(
                row(
                    f"gather: review_input ({len(gathered.reflections):,} + "
                    f"{len(gathered.previous):,} the year before)",
                    timed(lambda: review_input(vault, YEAR, zone=LONDON), runs),
                )
            )
            rows.append(row("compute: build_review", timed(lambda: build_review(gathered), runs)))
            rows.append(
                row(
                    f"  of which themes ({len(review.themes)} found)",
                    timed(lambda: extract_themes(gathered.reflections, gathered.previous), runs),
                )
            )
            rows.append(row("text for the screen", timed(lambda: text(review), runs)))
            total = timed(lambda: to_the_screen(vault), runs)
            rows.append(row("**gather + compute + text (target < 2 s)**", total))
            alone = replace(gathered, previous=())
            rows.append(
                row(
                    "compute with no year before",
                    timed(lambda: build_review(alone), runs),
                )
            )
            to_pdf(review)  # start Qt once, outside the timing
            pdf = timed(lambda: to_pdf(review), runs)
            rows.append(row(f"**to PDF (target < {PDF_TARGET_MS // 1000} s)**", pdf))
        passphrase = folder / "passphrase.txt"
        passphrase.write_text(PASSPHRASE + "\n", encoding="utf-8")
        command = [
            sys.executable, "-m", "cli.main", "--data-dir", str(journal),
            "--passphrase-file", str(passphrase), "review", "--year", "2026",
        ]  # fmt: skip
        env = os.environ | {"TZ": "Europe/London"}
        rows.append(
            row(
                "`reflect review --year 2026` process (start-up and unlock included)",
                timed(
                    lambda: subprocess.run(
                        command, check=True, capture_output=True, env=env, timeout=120
                    ),
                    3,
                ),
            )
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    median = statistics.median(total)
    verdict = "pass" if max(total) < TARGET_MS else "FAIL"
    print(
        f"\n{args.reflections:,} reflections in 2026, {args.previous:,} in 2025; "
        f"{runs} runs each (3 for the process); people from a directory of {len(PEOPLE)}\n\n"
        "| operation | runs | median ms | worst ms |\n| --- | ---: | ---: | ---: |"
    )
    print("\n".join(rows))
    print(f"\nTo the screen: median {median:,.0f} ms, worst {max(total):,.0f} ms: {verdict}.")
    pdf_verdict = "pass" if max(pdf) < PDF_TARGET_MS else "FAIL"
    print(
        f"To PDF: median {statistics.median(pdf):,.0f} ms, worst {max(pdf):,.0f} ms: {pdf_verdict}."
    )


if __name__ == "__main__":
    main()
