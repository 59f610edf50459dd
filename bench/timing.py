"""Timing helpers shared by the benchmarks: run a step, report milliseconds as a table row."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def timed(fn: Callable[[], object], runs: int = 1) -> list[float]:
    """Milliseconds taken by each of `runs` calls."""
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        out.append((time.perf_counter() - started) * 1000)
    return out


def row(name: str, times: list[float]) -> str:
    """A Markdown table row: name, runs, median and worst milliseconds."""
    return f"| {name} | {len(times)} | {statistics.median(times):,.1f} | {max(times):,.1f} |"
