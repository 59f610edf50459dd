"""How fast is Reflect on large journals? Builds journals and prints one table.

Run from the repository root:

    .venv/bin/python -m bench.bench_journal [--sizes 1000,10000,100000] [--out bench/results]

Each size is built in its own temp folder (deleted afterwards). The table goes
to stdout as Markdown, progress to stderr. See bench/README.md for what each
row means.
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import keyring
import sqlcipher3

from bench.corpus import TAGS, Corpus
from bench.throwaway_keyring import FILE_ENV, ThrowawayKeyring
from reflect.frameworks import Way
from reflect.model import Reflection
from reflect.query import Filters
from storage import crypto
from storage import reflections as store
from storage.vault import Vault

REPO = Path(__file__).resolve().parent.parent
REFLECT_CLI = Path(sys.executable).with_name("reflect")
# Strong enough for Reflect's passphrase policy; the journal is thrown away.
PASSPHRASE = "lantern orchard mosaic tideway benchmark 41"  # noqa: S105
DEFAULT_SIZES = (1_000, 10_000, 100_000)
DEFAULT_SEED = 2025


@dataclass(frozen=True, slots=True)
class Spread:
    """Two percentiles of a set of timings, in seconds."""

    p50: float
    p95: float


@dataclass(slots=True)
class SizeResult:
    size: int
    bulk_load_s: float = math.nan
    wal_after_load_mb: float = math.nan
    add: Spread | None = None
    search: Spread | None = None
    newest: Spread | None = None
    unlock_verified: Spread | None = None
    unlock_unverified: Spread | None = None
    disk_mb: float = math.nan
    cli_add: Spread | None = None
    cli_search: Spread | None = None
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Settings:
    adds: int = 200
    queries: int = 100
    unlocks: int = 5
    cli_runs: int = 10
    seed: int = DEFAULT_SEED


# --- measuring -------------------------------------------------------------------


def percentile(samples: Sequence[float], share: float) -> float:
    """Nearest-rank percentile: the smallest sample with `share` of samples at or below it."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def spread(samples: Sequence[float]) -> Spread:
    return Spread(percentile(samples, 0.50), percentile(samples, 0.95))


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def log(message: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


# --- one journal -------------------------------------------------------------------


def build_journal(folder: Path, size: int, corpus: Corpus) -> tuple[Vault, str, float]:
    """Create a journal and load `size` reflections in one transaction.

    Returns the open vault, its recovery key and the load time in seconds,
    excluding the time spent generating text.
    """
    vault, recovery = Vault.create(folder, PASSPHRASE, crypto.FLOOR_PARAMS)
    generating = 0.0
    reflections: Iterator[Reflection] = corpus.reflections(size)
    start = time.perf_counter()
    with vault.writing() as conn:
        while True:
            before = time.perf_counter()
            reflection = next(reflections, None)
            generating += time.perf_counter() - before
            if reflection is None:
                break
            store.add(conn, reflection)
    total = time.perf_counter() - start
    log(f"  loaded {size:,} in {total:.1f} s ({generating:.1f} s of it generating text)")
    return vault, recovery, total - generating


def time_adds(vault: Vault, corpus: Corpus, count: int) -> Spread:
    """One reflection per call, each its own committed transaction."""
    samples = []
    for _ in range(count):
        new = corpus.new_reflection()  # generated outside the timing
        samples.append(timed(lambda: vault.add(new)))  # noqa: B023
    return spread(samples)


def time_searches(vault: Vault, corpus: Corpus, count: int) -> Spread:
    """Search with snippets, alternating a ways filter and a tag filter."""
    samples = []
    hits = 0
    for i, words in enumerate(corpus.search_words(count)):
        filters = (
            Filters(ways=frozenset({corpus.rng.choice(tuple(Way))}))
            if i % 2 == 0
            else Filters(tags=(corpus.rng.choice(TAGS[:10]),))
        )
        start = time.perf_counter()
        hits += len(vault.search(words, filters))
        samples.append(time.perf_counter() - start)
    log(f"  searches returned {hits / count:.1f} hits on average (limit 20)")
    return spread(samples)


def time_newest(vault: Vault, corpus: Corpus, count: int) -> Spread:
    """The newest 50 under a ways, tag (common or rare) or starred filter."""
    choices: tuple[Callable[[], Filters], ...] = (
        lambda: Filters(ways=frozenset({corpus.rng.choice(tuple(Way))})),
        lambda: Filters(tags=(corpus.rng.choice(TAGS),)),
        lambda: Filters(starred=True),
    )
    samples = []
    for i in range(count):
        filters = choices[i % len(choices)]()
        samples.append(timed(lambda: vault.newest(filters, limit=50)))  # noqa: B023
    return spread(samples)


def time_unlocks(folder: Path, recovery: str, verify: bool, count: int) -> Spread:
    """Unlock with the recovery key (HKDF, no Argon2), so SQLite's part is what shows."""
    samples = []
    for _ in range(count):
        start = time.perf_counter()
        vault = Vault.unlock(folder, recovery_key=recovery, verify=verify)
        samples.append(time.perf_counter() - start)
        vault.lock()
    return spread(samples)


def folder_mb(folder: Path) -> float:
    """Every file of the journal: journal.db, its -wal and -shm, the key file and its backup."""
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file()) / 1_000_000


def wal_mb(folder: Path) -> float:
    wal = folder / "journal.db-wal"
    return wal.stat().st_size / 1_000_000 if wal.exists() else 0.0


# --- the command line, as a separate process ----------------------------------------------


def cli_unavailable_reason() -> str | None:
    if not REFLECT_CLI.exists():
        return f"{REFLECT_CLI} is not installed"
    if importlib.util.find_spec("cli.main") is None:
        return "cli/main.py does not exist yet"
    return None


def cli_env(keyring_file: Path) -> dict[str, str]:
    """The child uses the throwaway keyring, so the device key opens the journal."""
    return os.environ | {
        "PYTHON_KEYRING_BACKEND": "bench.throwaway_keyring.ThrowawayKeyring",
        "PYTHONPATH": str(REPO),
        FILE_ENV: str(keyring_file),
    }


def run_cli(args: Sequence[str], env: dict[str, str], stdin: str | None = None) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        [str(REFLECT_CLI), *args], input=stdin, env=env, capture_output=True, text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(
            f"`reflect {' '.join(args[:3])}` exited with {done.returncode}: {done.stderr.strip()}"
        )
    return seconds


def time_cli_add(folder: Path, env: dict[str, str], corpus: Corpus, count: int) -> Spread:
    samples = []
    for _ in range(count):
        new = corpus.new_reflection().build()
        way = next(iter(new.ways), Way.FEELING)
        args = ["--data-dir", str(folder), "add", "--title", new.title or "Untitled",
                "--way", way.value]
        samples.append(run_cli(args, env, stdin=new.body))
    return spread(samples)


def time_cli_search(folder: Path, env: dict[str, str], corpus: Corpus, count: int) -> Spread:
    words = corpus.search_words(count)
    return spread([run_cli(["--data-dir", str(folder), "search", w], env) for w in words])


# --- one size, start to finish ----------------------------------------------------


def measure_size(size: int, settings: Settings, work_root: Path | None) -> SizeResult:
    result = SizeResult(size)
    work = Path(tempfile.mkdtemp(prefix=f"reflect-bench-{size}-", dir=work_root))
    folder = work / "journal"
    keyring_file = work / "keyring.json"
    os.environ[FILE_ENV] = str(keyring_file)
    keyring.set_keyring(ThrowawayKeyring())  # type: ignore[no-untyped-call]
    corpus = Corpus(settings.seed)
    vault: Vault | None = None
    try:
        log(f"{size:,} reflections: building in {work}")
        vault, recovery, result.bulk_load_s = build_journal(folder, size, corpus)
        result.wal_after_load_mb = wal_mb(folder)
        vault.remember_on_device()
        log("  timing adds, searches and lists")
        result.add = time_adds(vault, corpus, settings.adds)
        result.search = time_searches(vault, corpus, settings.queries)
        result.newest = time_newest(vault, corpus, settings.queries)
        vault.lock()  # closing the last connection checkpoints the WAL
        log("  timing unlocks")
        result.unlock_verified = time_unlocks(folder, recovery, True, settings.unlocks)
        result.unlock_unverified = time_unlocks(folder, recovery, False, settings.unlocks)
        measure_cli(result, folder, keyring_file, corpus, settings)
        result.disk_mb = folder_mb(folder)
    finally:
        if vault is not None:
            vault.lock()
        os.environ.pop(FILE_ENV, None)
        shutil.rmtree(work, ignore_errors=True)
    return result


def measure_cli(
    result: SizeResult, folder: Path, keyring_file: Path, corpus: Corpus, settings: Settings
) -> None:
    reason = cli_unavailable_reason()
    if reason:
        result.notes.append(f"`reflect` not timed: {reason}")
        log(f"  skipping the command line: {reason}")
        return
    log("  timing the command line")
    env = cli_env(keyring_file)
    result.cli_add = time_cli_add(folder, env, corpus, settings.cli_runs)
    result.cli_search = time_cli_search(folder, env, corpus, settings.cli_runs)


# --- the table --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Target:
    limit: float  # in the row's unit
    size: int | None  # None: must hold at every size
    text: str


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    value: Callable[[SizeResult], float | None]
    digits: int
    target: Target | None = None


def _stat(
    pick: Callable[[SizeResult], Spread | None], p95: bool, scale: float = 1.0
) -> Callable[[SizeResult], float | None]:
    """A row's value: one percentile of one measurement, times `scale` (1000 for ms)."""

    def value(r: SizeResult) -> float | None:
        s = pick(r)
        return None if s is None else scale * (s.p95 if p95 else s.p50)

    return value


MS = 1000.0  # seconds to milliseconds
ROWS = (
    Row("bulk load, one transaction (s)", lambda r: r.bulk_load_s, 1),
    Row("add one, own commit: p50 (ms)", _stat(lambda r: r.add, False, MS), 2),
    Row("add one, own commit: p95 (ms)", _stat(lambda r: r.add, True, MS), 2,
        Target(5, 100_000, "< 5 ms at 100,000")),
    Row("search + snippets + filter: p50 (ms)", _stat(lambda r: r.search, False, MS), 1),
    Row("search + snippets + filter: p95 (ms)", _stat(lambda r: r.search, True, MS), 1,
        Target(50, 100_000, "< 50 ms at 100,000")),
    Row("newest 50 + filter: p50 (ms)", _stat(lambda r: r.newest, False, MS), 2),
    Row("newest 50 + filter: p95 (ms)", _stat(lambda r: r.newest, True, MS), 2,
        Target(10, 100_000, "< 10 ms at 100,000")),
    Row("unlock without KDF, quick_check: p50 (ms)",
        _stat(lambda r: r.unlock_verified, False, MS), 1),
    Row("unlock without KDF, no check: p50 (ms)",
        _stat(lambda r: r.unlock_unverified, False, MS), 1),
    Row("size on disk (MB)", lambda r: r.disk_mb, 1),
    Row("-wal right after bulk load (MB)", lambda r: r.wal_after_load_mb, 1),
    Row("`reflect add` process: p50 (s)", _stat(lambda r: r.cli_add, False), 3),
    Row("`reflect add` process: p95 (s)", _stat(lambda r: r.cli_add, True), 3,
        Target(0.35, None, "< 0.35 s at every size")),
    Row("`reflect search` process: p50 (s)", _stat(lambda r: r.cli_search, False), 3),
    Row("`reflect search` process: p95 (s)", _stat(lambda r: r.cli_search, True), 3),
)


def verdict(row: Row, results: Sequence[SizeResult]) -> str:
    target = row.target
    if target is None:
        return ""
    judged = [r for r in results if target.size is None or r.size == target.size]
    values = [row.value(r) for r in judged]
    measured = [v for v in values if v is not None and not math.isnan(v)]
    if not judged or len(measured) < len(values):
        return "not measured"
    return "pass" if max(measured) < target.limit else "**FAIL**"


def _cell(value: float | None, digits: int) -> str:
    return "–" if value is None or math.isnan(value) else f"{value:,.{digits}f}"


def render_table(results: Sequence[SizeResult], settings: Settings) -> str:
    header = ["measure", *(f"{r.size:,}" for r in results), "target", "result"]
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join(["---", *("---:" for _ in results), "---", "---"]) + "|",
    ]
    for row in ROWS:
        cells = [row.label, *(_cell(row.value(r), row.digits) for r in results)]
        cells += [row.target.text if row.target else "", verdict(row, results)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join([_preamble(settings), "", *lines, *_notes(results)]) + "\n"


def _preamble(settings: Settings) -> str:
    return (
        f"Reflect benchmark, {datetime.now():%Y-%m-%d %H:%M}. "
        f"Python {platform.python_version()}, SQLCipher's SQLite {sqlcipher3.sqlite_version}, "
        f"{os.cpu_count()} CPUs, {platform.system()} {platform.machine()}. "
        f"Samples: {settings.adds} adds, {settings.queries} searches and lists, "
        f"{settings.unlocks} unlocks, {settings.cli_runs} command-line runs per size."
    )


def _notes(results: Sequence[SizeResult]) -> list[str]:
    notes = sorted({note for r in results for note in r.notes})
    return ["", *(f"Note: {n}" for n in notes)] if notes else []


# --- entry point --------------------------------------------------------------------


def parse_sizes(raw: str) -> tuple[int, ...]:
    sizes = tuple(int(part.replace("_", "")) for part in raw.split(",") if part.strip())
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes are positive whole numbers, e.g. 1000,10000")
    return sizes


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_journal", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=parse_sizes, default=DEFAULT_SIZES,
                        help="comma-separated journal sizes (default 1000,10000,100000)")
    parser.add_argument("--out", type=Path, help="also write the table to DIR/bench_<time>.md")
    parser.add_argument("--tmp", type=Path, help="where to build journals (default: system temp)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="corpus seed")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    settings = Settings(seed=args.seed)
    results = [measure_size(size, settings, args.tmp) for size in args.sizes]
    table = render_table(results, settings)
    print(table)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        path = args.out / f"bench_{datetime.now():%Y%m%d-%H%M%S}.md"
        path.write_text(table, encoding="utf-8")
        log(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
