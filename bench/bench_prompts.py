"""How fast are prompt packs and suggestions, and how quickly is a hostile pack refused?

Run from the repository root:

    .venv/bin/python -m bench.bench_prompts [--reflections 10000]

Times: reading the built-in library from its files; checking (validating and
verifying) a signed pack of 500 prompts; refusing a 10 MB file, a 1.9 MB file
of 100,000 prompts and a deeply nested file; choosing the editor's offer and
today's question on a journal of the given size with five imported packs; and
"which prompts led to the most writing". Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.timing import row, timed
from prompts import builtin
from prompts.importing import apply, check
from prompts.pack_errors import PackError
from prompts.pack_format import read_pack
from prompts.signing import SigningIdentity, sign_pack
from reflect.editing import EditorState
from reflect.frameworks import Way
from reflect.model import NewReflection, Section
from storage import crypto
from storage.vault import Vault
from ui.prompt_offers import PromptOffers, daily_prompt

PASSPHRASE = "lantern orchard mosaic tideway benchmark 41"  # noqa: S105
NOW = datetime(2026, 11, 24, 17, 0, tzinfo=UTC)
WAYS = list(Way)


def pack_text(pack_id: str, prompts: int) -> str:
    lines = [
        "format = 1",
        f'id = "{pack_id}"',
        f'title = "Bench pack {pack_id}"',
        'author = "Sam Okafor"',
        "version = 1",
        "[schedule]",
        'every = "day"',
    ]
    for i in range(prompts):
        lines += [
            "[[prompts]]",
            f'id = "q{i}"',
            f'text = "Question {i}: what did you notice about the partnership this week?"',
            f'ways = ["{WAYS[i % 6].value}"]',
            'lenses = ["historian"]',
            'stage = "observation"',
            'moments = ["weekly", "after-meeting"]',
        ]
    return "\n".join(lines) + "\n"


def refused(data: bytes) -> Callable[[], None]:
    def attempt() -> None:
        try:
            read_pack(data)
        except PackError:
            return
        raise AssertionError("a hostile pack was accepted")

    return attempt


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reflections", type=int, default=10_000)
    args = parser.parse_args()
    rows: list[str] = []

    def cold_library() -> None:
        builtin.builtin_packs.cache_clear()
        builtin.builtin_packs()

    rows.append(row("read the built-in library (13 packs, 303 prompts)", timed(cold_library, 5)))
    identity = SigningIdentity.create("Sam Okafor")
    big = sign_pack(pack_text("big-pack", 500).encode(), identity).encode()
    rows.append(row("read and verify a signed pack of 500 prompts", timed(refused_not(big), 5)))
    ten_mb = b'format = 1\ntitle = "' + b"x" * 10_000_000 + b'"\n'
    rows.append(row("refuse a 10 MB file", timed(refused(ten_mb), 5)))
    many = "format = 1\nprompts = [" + ",".join('{id="a",text="b"}' for _ in range(100_000))
    many_bytes = (many + "]\n").encode()
    rows.append(
        row(
            f"refuse 100,000 prompts ({len(many_bytes) / 1e6:.1f} MB)",
            timed(refused(many_bytes), 3),
        )
    )
    nested = ("x = " + "[" * 200_000 + "]" * 200_000 + "\n").encode()
    rows.append(row("refuse a file nested 200,000 deep", timed(refused(nested), 3)))

    folder = Path(tempfile.mkdtemp(prefix="reflect-bench-prompts-"))
    try:
        vault, _ = Vault.create(folder / "journal", PASSPHRASE, crypto.FLOOR_PARAMS)
        with vault:
            keys = [p.key for pack in builtin.builtin_packs() for p in pack.prompts]
            for i in range(args.reflections):
                sections = [Section(f"Reflection {i} about the work and the partnership.")]
                if i % 3 == 0:
                    sections.append(
                        Section("An answer " * (i % 40 + 1), prompt_id=keys[i % len(keys)])
                    )
                vault.add(
                    NewReflection(
                        sections=tuple(sections),
                        happened_at=NOW - timedelta(hours=9 * i),
                        ways=frozenset({WAYS[i % 5]}),
                    )
                )
            for n in range(5):
                data = sign_pack(pack_text(f"pack-{n}", 60).encode(), identity).encode()
                apply(
                    check(data, f"pack-{n}.toml", vault.prompt_packs),
                    vault.prompt_packs,
                    NOW.date(),
                )
            offers = PromptOffers()

            def offer() -> None:
                offers.forget()
                assert offers.offer_for(vault, EditorState(), NOW) is not None

            rows.append(
                row(
                    f"the editor's offer ({args.reflections:,} reflections, 603 prompts)",
                    timed(offer, 20),
                )
            )
            rows.append(row("today's question", timed(lambda: daily_prompt(vault, NOW.date()), 20)))
            rows.append(
                row(
                    "which prompts led to the most writing",
                    timed(vault.prompt_packs.writing_by_prompt, 5),
                )
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(
        f"\n{args.reflections:,} reflections\n\n"
        "| operation | runs | median ms | worst ms |\n| --- | ---: | ---: | ---: |"
    )
    print("\n".join(rows))


def refused_not(data: bytes) -> Callable[[], None]:
    """Reading a good pack, which must pass."""
    from prompts.signing import verify

    return lambda: verify(read_pack(data))


if __name__ == "__main__":
    main()
