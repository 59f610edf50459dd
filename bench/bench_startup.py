"""How long does the desktop app take to start? Real windows, fresh processes.

Run from the repository root:

    .venv/bin/python -m bench.bench_startup [--runs 10] [--size 10000] [--out bench/results]

Without a DISPLAY it runs itself again under `xvfb-run -a` (one X server for the
whole benchmark); with one, the windows open on that display. It builds one
journal of `--size` reflections in a temp folder (deleted afterwards) and times
two start-ups, each as a fresh process running `bench.startup_probe` (the app's
real start-up plus a stopwatch), from just before the process is started to
the probe's READY line on stdout:

- launch to unlock screen: the journal is not remembered on this device, so
  the app shows the unlock page (and looks for a device key in the background);
- remembered-device launch to main window: the journal was remembered with
  `bench/throwaway_keyring.py`, so the app unlocks it in the background and
  shows the journal page, with the list holding rows and its first row painted.

The table goes to stdout as Markdown, progress to stderr. See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import queue
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import keyring
import PySide6

from bench.bench_journal import build_journal, log, percentile
from bench.corpus import Corpus
from bench.throwaway_keyring import FILE_ENV, ThrowawayKeyring
from storage.vault import Vault

REPO = Path(__file__).resolve().parent.parent
DEFAULT_RUNS = 10
DEFAULT_SIZE = 10_000
DEFAULT_SEED = 2025
TARGET_S = 1.0
CHILD_TIMEOUT_S = 60.0
UNDER_XVFB_ENV = "REFLECT_BENCH_UNDER_XVFB"
LAUNCHED_AT_ENV = "REFLECT_BENCH_LAUNCHED_AT"
# Probe marks, in the order they happen (a launch to the unlock screen has no
# "opened" or "listed").
STAGES = {
    "start": "Python running the probe",
    "imports": "Qt and ui.main_window imported",
    "shown": "window.show() returned",
    "opened": "device key unlocked the vault (background)",
    "listed": "journal page shown, list loaded",
    "painted": "awaited widget painting",
    "ready": "paint flushed (READY)",
}


@dataclass(frozen=True, slots=True)
class Scenario:
    mode: str  # the probe's mode
    label: str


UNLOCK = Scenario("unlock", "launch to unlock screen")
JOURNAL = Scenario("journal", "remembered-device launch to main window")


@dataclass(slots=True)
class Result:
    scenario: Scenario
    seconds: list[float] = field(default_factory=list)  # spawn to READY, seen by the parent
    marks: list[dict[str, float]] = field(default_factory=list)  # the probe's own clock
    warmup: list[float] = field(default_factory=list)


class ChildFailed(RuntimeError):
    pass


# --- one child ---------------------------------------------------------------------


def child_env(work: Path, keyring_file: Path, bytecode_cache: bool) -> dict[str, str]:
    config = work / "config"  # QSettings: default settings, never the user's own
    runtime = work / "runtime"
    for folder in (config, runtime):
        folder.mkdir(mode=0o700, exist_ok=True)
    env = dict(os.environ)
    if bytecode_cache:
        # As an installed app has: .pyc files, written by the warm-up run. In the
        # temp folder, so the venv and the repository are left as they were.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    return env | {
        "QT_QPA_PLATFORM": "xcb",
        "XDG_CONFIG_HOME": str(config),
        "XDG_RUNTIME_DIR": str(runtime),
        "PYTHON_KEYRING_BACKEND": "bench.throwaway_keyring.ThrowawayKeyring",
        FILE_ENV: str(keyring_file),
        "PYTHONPATH": str(REPO),
    }


def launch(
    scenario: Scenario, folder: Path, env: dict[str, str], python_flags: Sequence[str] = ()
) -> tuple[float, dict[str, float], str]:
    """Start one app process; return seconds to READY, the probe's marks and its stderr."""
    command = [
        sys.executable,
        *python_flags,
        "-m",
        "bench.startup_probe",
        scenario.mode,
        "--data-dir",
        str(folder),
    ]
    lines: queue.Queue[tuple[float, str]] = queue.Queue()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as errors:
        launched_at = time.time()
        start = time.perf_counter()
        child = subprocess.Popen(
            command,
            cwd=REPO,
            env=env | {LAUNCHED_AT_ENV: repr(launched_at)},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )
        assert child.stdout is not None
        reader = threading.Thread(target=_read_lines, args=(child.stdout, lines), daemon=True)
        reader.start()
        try:
            seconds, marks = _await_ready(lines, start)
            child.wait(timeout=CHILD_TIMEOUT_S)  # quitting locks the journal; not timed
        except BaseException as exc:  # never leave a window behind, even on Ctrl+C
            child.kill()
            child.wait()
            if not isinstance(exc, ChildFailed | subprocess.TimeoutExpired):
                raise
            errors.seek(0)
            raise ChildFailed(f"{scenario.label}: {exc}\n{errors.read()[-3000:]}") from None
        errors.seek(0)
        stderr = errors.read()
    if child.returncode != 0:
        raise ChildFailed(f"{scenario.label}: exited with {child.returncode}\n{stderr[-3000:]}")
    return seconds, marks, stderr


def _read_lines(stream: object, lines: queue.Queue[tuple[float, str]]) -> None:
    for line in stream:  # type: ignore[attr-defined]
        lines.put((time.perf_counter(), line))
    lines.put((time.perf_counter(), ""))  # end of output


def _await_ready(
    lines: queue.Queue[tuple[float, str]], start: float
) -> tuple[float, dict[str, float]]:
    deadline = start + CHILD_TIMEOUT_S
    while True:
        try:
            seen, line = lines.get(timeout=max(0.0, deadline - time.perf_counter()))
        except queue.Empty:
            raise ChildFailed(f"no READY within {CHILD_TIMEOUT_S:.0f} s") from None
        if not line:
            raise ChildFailed("the app ended without READY")
        word, _, rest = line.strip().partition(" ")
        if word == "READY":
            return seen - start, json.loads(rest)
        if word == "TIMEOUT":
            raise ChildFailed(f"the probe gave up waiting: {rest}")


def measure(
    scenario: Scenario, folder: Path, env: dict[str, str], runs: int, warmups: int
) -> Result:
    result = Result(scenario)
    for i in range(warmups + runs):
        seconds, marks, _ = launch(scenario, folder, env)
        if i < warmups:
            result.warmup.append(seconds)
            log(f"  {scenario.label}: warm-up {seconds:.3f} s (not counted)")
            continue
        result.seconds.append(seconds)
        result.marks.append(marks)
        stages = ", ".join(f"{k} {v:.3f}" for k, v in marks.items())
        log(f"  {scenario.label}: run {i - warmups + 1} of {runs}: {seconds:.3f} s ({stages})")
    return result


# --- profiling ---------------------------------------------------------------------


def profile(scenario: Scenario, folder: Path, env: dict[str, str], out: Path) -> None:
    """One run under `-X importtime` and one under cProfile, saved in `out`."""
    out.mkdir(parents=True, exist_ok=True)
    _, _, stderr = launch(scenario, folder, env, ["-X", "importtime"])
    importtime = out / f"importtime-{scenario.mode}.txt"
    importtime.write_text(stderr, encoding="utf-8")
    stats = out / f"cprofile-{scenario.mode}.prof"
    launch(scenario, folder, env, ["-m", "cProfile", "-o", str(stats)])
    log(f"  profiled {scenario.label}: {importtime} and {stats}")


# --- the table ----------------------------------------------------------------------


def _bytecode_note(as_is: bool) -> str:
    if not as_is:
        return "Bytecode cached (.pyc written by the warm-up run), as an installed app has it."
    dont = "set" if os.environ.get("PYTHONDONTWRITEBYTECODE") else "not set"
    return f"Bytecode settings as the environment has them (PYTHONDONTWRITEBYTECODE {dont})."


def render(results: Sequence[Result], args: argparse.Namespace, bytecode: str) -> str:
    size, runs, warmups = args.size, args.runs, args.warmup
    lines = [
        f"Reflect desktop start-up, {datetime.now():%Y-%m-%d %H:%M}. "
        f"Python {platform.python_version()}, PySide6 {PySide6.__version__}, "
        f"{os.cpu_count()} CPUs, {platform.system()} {platform.machine()}, "
        f"display {_display()}. Journal of {size:,} reflections; {runs} runs of each "
        f"after {warmups} warm-up run(s), each a fresh process, timed from spawn to the "
        f"awaited screen painted. {bytecode}",
        "",
        "| measure | median (s) | p90 (s) | min (s) | max (s) | target | result |",
        "|---|---:|---:|---:|---:|---|---|",
    ]
    for r in results:
        label = r.scenario.label + (f", {size:,} listed" if r.scenario is JOURNAL else "")
        s = r.seconds
        p90 = percentile(s, 0.90)
        lines.append(
            f"| {label} | {statistics.median(s):.3f} | {p90:.3f} | {min(s):.3f} | "
            f"{max(s):.3f} | < {TARGET_S:.1f} s | {'pass' if p90 < TARGET_S else '**FAIL**'} |"
        )
    if warmups:
        seen = "; ".join(f"{r.scenario.label} {_seconds(r.warmup)}" for r in results)
        filling = " (they also wrote the bytecode cache)" if not args.no_bytecode_cache else ""
        lines += ["", f"Warm-up runs, not counted{filling}: {seen}."]
    lines += [
        "",
        "Where the time goes (median of each run's probe marks, seconds since spawn):",
        "",
        "| stage | " + " | ".join(r.scenario.label for r in results) + " |",
        "|---|" + "---:|" * len(results),
    ]
    for key, text in STAGES.items():
        cells = [_median_mark(r, key) for r in results]
        lines.append(f"| {text} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _seconds(values: Sequence[float]) -> str:
    return ", ".join(f"{v:.3f}" for v in values) + " s"


def _median_mark(result: Result, key: str) -> str:
    values = [m[key] for m in result.marks if key in m]
    return f"{statistics.median(values):.3f}" if values else "–"


def _display() -> str:
    return "Xvfb" if os.environ.get(UNDER_XVFB_ENV) else os.environ.get("DISPLAY", "?")


# --- entry point --------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.bench_startup",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--runs", type=int, default=DEFAULT_RUNS, help="timed runs of each")
    parser.add_argument(
        "--warmup", type=int, default=1, help="untimed runs first, to warm the caches"
    )
    parser.add_argument("--size", type=int, default=DEFAULT_SIZE, help="reflections listed")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="corpus seed")
    parser.add_argument("--tmp", type=Path, help="where to build the journal")
    parser.add_argument("--out", type=Path, help="also write the table to DIR/startup_<time>.md")
    parser.add_argument(
        "--no-bytecode-cache",
        action="store_true",
        help="leave Python's bytecode settings as the environment has them, instead of "
        "giving the app a .pyc cache (in the temp folder) that the warm-up run fills",
    )
    parser.add_argument(
        "--profile",
        type=Path,
        metavar="DIR",
        help="also save one -X importtime log and one cProfile of each start-up in DIR",
    )
    args = parser.parse_args(argv)
    if args.runs < 1 or args.size < 1 or args.warmup < 0:
        parser.error("--runs and --size must be at least 1, --warmup at least 0")
    return args


def under_display(argv: Sequence[str]) -> None:
    """With no X display, run this benchmark again inside `xvfb-run -a`, then exit."""
    if os.environ.get("DISPLAY") or os.environ.get(UNDER_XVFB_ENV):
        return
    if shutil.which("xvfb-run") is None:
        sys.exit("No DISPLAY and no xvfb-run: install xvfb or run on a desktop.")
    log("no DISPLAY: running again under xvfb-run -a")
    command = ["xvfb-run", "-a", "-s", "-screen 0 1920x1080x24"]
    done = subprocess.run(
        [*command, sys.executable, "-m", "bench.bench_startup", *argv],
        env=os.environ | {UNDER_XVFB_ENV: "1"},
        check=False,
    )
    sys.exit(done.returncode)


def main(argv: Sequence[str] | None = None) -> int:
    raw = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(raw)
    under_display(raw)
    work = Path(tempfile.mkdtemp(prefix="reflect-bench-startup-", dir=args.tmp))
    folder = work / "journal"
    keyring_file = work / "keyring.json"
    os.environ[FILE_ENV] = str(keyring_file)
    keyring.set_keyring(ThrowawayKeyring())  # type: ignore[no-untyped-call]
    env = child_env(work, keyring_file, not args.no_bytecode_cache)
    results: list[Result] = []
    try:
        log(f"building a journal of {args.size:,} reflections in {work}")
        vault, recovery, _ = build_journal(folder, args.size, Corpus(args.seed))
        vault.lock()  # as a closed journal is: checkpointed, no -wal
        results.append(measure(UNLOCK, folder, env, args.runs, args.warmup))
        if args.profile:
            profile(UNLOCK, folder, env, args.profile)
        vault = Vault.unlock(folder, recovery_key=recovery, verify=False)
        vault.remember_on_device()
        vault.lock()
        results.append(measure(JOURNAL, folder, env, args.runs, args.warmup))
        if args.profile:
            profile(JOURNAL, folder, env, args.profile)
    except ChildFailed as exc:
        log(f"a start-up failed: {exc}")
        return 1
    finally:
        os.environ.pop(FILE_ENV, None)
        shutil.rmtree(work, ignore_errors=True)
    table = render(results, args, _bytecode_note(args.no_bytecode_cache))
    print(table)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        path = args.out / f"startup_{datetime.now():%Y%m%d-%H%M%S}.md"
        path.write_text(table, encoding="utf-8")
        log(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
