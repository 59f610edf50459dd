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

from bench.corpus import PEOPLE, TAGS, Corpus
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
# A slow series stops early rather than running for hours; the table marks it.
DEFAULT_BUDGET_S = 120.0


@dataclass(frozen=True, slots=True)
class Settings:
    adds: int = 200
    queries: int = 100
    unlocks: int = 5
    cli_runs: int = 10
    seed: int = DEFAULT_SEED
    budget_s: float = DEFAULT_BUDGET_S
    cli_timeout_s: float = 60.0


@dataclass(frozen=True, slots=True)
class Spread:
    """Two percentiles of a series of timings, in seconds."""

    p50: float
    p95: float


@dataclass(slots=True)
class SizeResult:
    size: int
    bulk_load: float = math.nan
    wal_after_load: float = math.nan
    disk: float = math.nan
    spreads: dict[str, Spread] = field(default_factory=dict)
    partial: set[str] = field(default_factory=set)  # series cut short by the budget
    notes: list[str] = field(default_factory=list)


class TooSlow(Exception):
    """One run went past its time limit; `seconds` is the limit it was stopped at."""

    def __init__(self, seconds: float, what: str) -> None:
        super().__init__(f"{what} took longer than {seconds:.0f} s")
        self.seconds = seconds


# --- measuring -------------------------------------------------------------------


def percentile(samples: Sequence[float], share: float) -> float:
    """Nearest-rank percentile: the smallest sample with `share` of samples at or below it."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def log(message: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


@dataclass(slots=True)
class Series:
    """Runs one measurement `count` times, within the time budget, into a result."""

    result: SizeResult
    settings: Settings

    def run(self, name: str, count: int, one: Callable[[int], float]) -> None:
        samples: list[float] = []
        start = time.perf_counter()
        for i in range(count):
            try:
                samples.append(one(i))
            except TooSlow as exc:
                samples.append(exc.seconds)  # counted at the limit, so it still shows
                self._cut(name, f"{exc}; stopped after {i + 1} of {count} runs")
                break
            if time.perf_counter() - start > self.settings.budget_s and i + 1 < count:
                self._cut(
                    name,
                    f"over the {self.settings.budget_s:.0f} s budget; "
                    f"stopped after {i + 1} of {count} runs",
                )
                break
        p50, p95 = percentile(samples, 0.50), percentile(samples, 0.95)
        self.result.spreads[name] = Spread(p50, p95)

    def _cut(self, name: str, why: str) -> None:
        self.result.partial.add(name)
        self.result.notes.append(f"{self.result.size:,}, {name}: {why}.")
        log(f"  {name}: {why}")


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


def measure_vault(series: Series, vault: Vault, corpus: Corpus) -> None:
    settings = series.settings

    def add(_: int) -> float:
        new = corpus.new_reflection()  # generated outside the timing
        return timed(lambda: vault.add(new))

    # Search with snippets: common and rarer words, alternating a ways and a tag filter.
    words = corpus.search_words(settings.queries)
    search_filters = [
        Filters(ways=frozenset({corpus.rng.choice(tuple(Way))}))
        if i % 2 == 0
        else Filters(tags=(corpus.rng.choice(TAGS[:10]),))
        for i in range(settings.queries)
    ]
    # The newest 50 under a ways filter, any tag or person (often or rarely used), or starred.
    list_filters = [
        (
            Filters(ways=frozenset({corpus.rng.choice(tuple(Way))})),
            Filters(tags=(corpus.rng.choice(TAGS),)),
            Filters(people=(corpus.rng.choice(PEOPLE),)),
            Filters(starred=True),
        )[i % 4]
        for i in range(settings.queries)
    ]
    series.run("add", settings.adds, add)
    series.run(
        "search",
        settings.queries,
        lambda i: timed(lambda: vault.search(words[i], search_filters[i])),
    )
    series.run(
        "newest", settings.queries, lambda i: timed(lambda: vault.newest(list_filters[i], limit=50))
    )


def measure_unlocks(series: Series, folder: Path, recovery: str) -> None:
    """Unlock with the recovery key (HKDF, no Argon2), so SQLite's part is what shows."""

    def unlock(verify: bool) -> float:
        start = time.perf_counter()
        vault = Vault.unlock(folder, recovery_key=recovery, verify=verify)
        seconds = time.perf_counter() - start
        vault.lock()
        return seconds

    series.run("unlock_checked", series.settings.unlocks, lambda _: unlock(True))
    series.run("unlock_unchecked", series.settings.unlocks, lambda _: unlock(False))


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


def run_cli(args: Sequence[str], env: dict[str, str], timeout: float, stdin: str = "") -> float:
    what = f"`reflect {args[2]}`"
    start = time.perf_counter()
    try:
        done = subprocess.run(
            [str(REFLECT_CLI), *args],
            input=stdin,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise TooSlow(timeout, what) from None
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{what} exited with {done.returncode}: {done.stderr.strip()}")
    return seconds


def measure_cli(series: Series, folder: Path, keyring_file: Path, corpus: Corpus) -> None:
    reason = cli_unavailable_reason()
    if reason:
        series.result.notes.append(f"`reflect` not timed: {reason}.")
        log(f"  skipping the command line: {reason}")
        return
    settings = series.settings
    env = cli_env(keyring_file)
    base = ["--data-dir", str(folder)]

    def add(_: int) -> float:
        new = corpus.new_reflection().build()
        way = next(iter(sorted(new.ways)), Way.FEELING)
        args = [*base, "add", "--title", new.title or "Untitled", "--way", way.value]
        return run_cli(args, env, settings.cli_timeout_s, stdin=new.body)

    words = corpus.search_words(settings.cli_runs)
    series.run("cli_add", settings.cli_runs, add)
    series.run(
        "cli_search",
        settings.cli_runs,
        lambda i: run_cli([*base, "search", words[i]], env, settings.cli_timeout_s),
    )


# --- one size, start to finish ----------------------------------------------------


def measure_size(size: int, settings: Settings, work_root: Path | None) -> SizeResult:
    result = SizeResult(size)
    series = Series(result, settings)
    work = Path(tempfile.mkdtemp(prefix=f"reflect-bench-{size}-", dir=work_root))
    folder = work / "journal"
    keyring_file = work / "keyring.json"
    os.environ[FILE_ENV] = str(keyring_file)
    keyring.set_keyring(ThrowawayKeyring())  # type: ignore[no-untyped-call]
    corpus = Corpus(settings.seed)
    vault: Vault | None = None
    try:
        log(f"{size:,} reflections: building in {work}")
        vault, recovery, result.bulk_load = build_journal(folder, size, corpus)
        result.wal_after_load = wal_mb(folder)
        vault.remember_on_device()
        log("  timing adds, searches and lists")
        measure_vault(series, vault, corpus)
        vault.lock()  # closing the last connection checkpoints and removes the WAL
        log("  timing unlocks")
        measure_unlocks(series, folder, recovery)
        log("  timing the command line")
        measure_cli(series, folder, keyring_file, corpus)
        result.disk = folder_mb(folder)
    finally:
        if vault is not None:
            vault.lock()
        os.environ.pop(FILE_ENV, None)
        shutil.rmtree(work, ignore_errors=True)
    return result


# --- the table --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Target:
    limit: float  # in the row's unit
    size: int | None  # None: must hold at every size
    text: str


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    source: str  # a SizeResult attribute, or "<series>.p50" / "<series>.p95"
    digits: int
    scale: float = 1.0
    target: Target | None = None

    def value(self, r: SizeResult) -> float:
        name, _, stat = self.source.partition(".")
        if not stat:
            return float(getattr(r, name))
        spread = r.spreads.get(name)
        return math.nan if spread is None else self.scale * getattr(spread, stat)

    def cell(self, r: SizeResult) -> str:
        value = self.value(r)
        if math.isnan(value):
            return "–"
        mark = "*" if self.source.partition(".")[0] in r.partial else ""
        return f"{value:,.{self.digits}f}{mark}"


MS = 1000.0  # seconds to milliseconds
ROWS = (
    Row("bulk load, one transaction (s)", "bulk_load", 1),
    Row("add one, own commit: p50 (ms)", "add.p50", 2, MS),
    Row("add one, own commit: p95 (ms)", "add.p95", 2, MS, Target(5, 100_000, "< 5 ms at 100,000")),
    Row("search + snippets + filter: p50 (ms)", "search.p50", 1, MS),
    Row(
        "search + snippets + filter: p95 (ms)",
        "search.p95",
        1,
        MS,
        Target(50, 100_000, "< 50 ms at 100,000"),
    ),
    Row("newest 50 + filter: p50 (ms)", "newest.p50", 2, MS),
    Row(
        "newest 50 + filter: p95 (ms)",
        "newest.p95",
        2,
        MS,
        Target(10, 100_000, "< 10 ms at 100,000"),
    ),
    Row("unlock without KDF, quick_check: p50 (ms)", "unlock_checked.p50", 1, MS),
    Row("unlock without KDF, no check: p50 (ms)", "unlock_unchecked.p50", 1, MS),
    Row("size on disk (MB)", "disk", 1),
    Row("-wal right after bulk load (MB)", "wal_after_load", 1),
    Row("`reflect add` process: p50 (s)", "cli_add.p50", 3),
    Row(
        "`reflect add` process: p95 (s)",
        "cli_add.p95",
        3,
        target=Target(0.35, None, "< 0.35 s at every size"),
    ),
    Row("`reflect search` process: p50 (s)", "cli_search.p50", 3),
    Row("`reflect search` process: p95 (s)", "cli_search.p95", 3),
)


def verdict(row: Row, results: Sequence[SizeResult]) -> str:
    target = row.target
    if target is None:
        return ""
    values = [row.value(r) for r in results if target.size in (None, r.size)]
    if not values or any(math.isnan(v) for v in values):
        return "not measured"
    return "pass" if max(values) < target.limit else "**FAIL**"


def render_table(results: Sequence[SizeResult], settings: Settings) -> str:
    header = ["measure", *(f"{r.size:,}" for r in results), "target", "result"]
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join(["---", *("---:" for _ in results), "---", "---"]) + "|",
    ]
    for row in ROWS:
        cells = [row.label, *(row.cell(r) for r in results)]
        cells += [row.target.text if row.target else "", verdict(row, results)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join([_preamble(settings), "", *lines, *_notes(results)]) + "\n"


def _preamble(settings: Settings) -> str:
    return (
        f"Reflect benchmark, {datetime.now():%Y-%m-%d %H:%M}. "
        f"Python {platform.python_version()}, SQLCipher's SQLite {sqlcipher3.sqlite_version}, "
        f"{os.cpu_count()} CPUs, {platform.system()} {platform.machine()}. "
        f"Runs per size: {settings.adds} adds, {settings.queries} searches and lists, "
        f"{settings.unlocks} unlocks of each kind, {settings.cli_runs} of each command."
    )


def _notes(results: Sequence[SizeResult]) -> list[str]:
    notes = [note for r in results for note in r.notes]
    if any(r.partial for r in results):
        notes.insert(0, "\\* fewer runs than planned: the series was stopped early (below).")
    return ["", *(f"- {n}" for n in notes)] if notes else []


# --- entry point --------------------------------------------------------------------


def parse_sizes(raw: str) -> tuple[int, ...]:
    try:
        sizes = tuple(int(part.replace("_", "")) for part in raw.split(",") if part.strip())
    except ValueError:
        sizes = ()
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes are positive whole numbers, e.g. 1000,10000")
    return sizes


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.bench_journal",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--sizes",
        type=parse_sizes,
        default=DEFAULT_SIZES,
        help="comma-separated journal sizes (default 1000,10000,100000)",
    )
    parser.add_argument("--out", type=Path, help="also write the table to DIR/bench_<time>.md")
    parser.add_argument("--tmp", type=Path, help="where to build journals (default: system temp)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="corpus seed")
    parser.add_argument(
        "--budget",
        type=float,
        default=DEFAULT_BUDGET_S,
        metavar="SECONDS",
        help="stop a series of runs after this long (default %(default)s)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    settings = Settings(seed=args.seed, budget_s=args.budget)
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
