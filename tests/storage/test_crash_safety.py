"""Acceptance 3: killing Reflect while it writes loses nothing it said was saved.

A writer process unlocks the journal and adds reflections in a loop, printing
each one's id as soon as `vault.add` returns. The test kills it with SIGKILL at a
random moment, again and again on the same journal, alternating the SQLAlchemy
engine and the direct connection. Afterwards every reported reflection must be
there, whole, and SQLite's and SQLCipher's integrity checks must pass.

The kill points come from a seeded random generator, so a round can be replayed.
"""

from __future__ import annotations

import os
import random
import select
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from storage.errors import NotFound
from storage.vault import Vault

REPO = Path(__file__).resolve().parents[2]
SEED = 20240607
ROUNDS = 24
MAX_WAIT = 60.0  # seconds for any one round: generous when loaded, and a hang fails

CHILD_CODE = r"""
import sys
from pathlib import Path

from reflect.model import NewReflection, Section
from storage.vault import Vault

folder, recovery, backend, round_number = sys.argv[1:]
vault = Vault.unlock(Path(folder), recovery_key=recovery, direct=backend == "direct")
for i in range(100_000):  # bounded, in case nobody kills it
    body = f"Round {round_number}, entry {i}: what happened and what I made of it. " * 30
    reflection = vault.add(
        NewReflection(
            sections=(Section(body),),
            title=f"round {round_number} entry {i}",
            tags=[f"round-{round_number}"],
            people=["Sam"],
        )
    )
    sys.stdout.write(f"{reflection.id}\n")
    sys.stdout.flush()
"""


def body_of(round_number: int, entry: int) -> str:
    """The body the writer gives each entry (as in CHILD_CODE)."""
    return f"Round {round_number}, entry {entry}: what happened and what I made of it. " * 30


@dataclass
class Lines:
    """Complete lines read from a pipe, without ever blocking past a deadline."""

    fd: int
    lines: list[str] = field(default_factory=list)
    ended: bool = False
    _partial: bytes = b""

    def read_until(self, done: Callable[[], bool], deadline: float) -> bool:
        while not done() and not self.ended:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            ready, _, _ = select.select([self.fd], [], [], left)
            if not ready:
                continue
            chunk = os.read(self.fd, 65536)
            if not chunk:
                self.ended = True
                break
            *complete, self._partial = (self._partial + chunk).split(b"\n")
            self.lines += [line.decode() for line in complete]
        return done()


@dataclass(frozen=True)
class Saved:
    round_number: int
    entry: int
    id: uuid.UUID


def kill_a_writer(
    journal: Path,
    recovery_key: str,
    backend: str,
    round_number: int,
    at_least: int,
    pause: float,
    stderr_path: Path,
) -> list[Saved]:
    """Start a writer, kill it once it has reported `at_least` saves (and `pause` s more).

    Returns every save it reported, including those still in the pipe when it died.
    """
    with stderr_path.open("wb") as stderr:
        proc = subprocess.Popen(
            [sys.executable, "-W", "error", "-c", CHILD_CODE,
             str(journal), recovery_key, backend, str(round_number)],
            cwd=REPO, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=stderr, bufsize=0,
        )  # fmt: skip
    assert proc.stdout is not None
    deadline = time.monotonic() + MAX_WAIT
    try:
        out = Lines(proc.stdout.fileno())
        if not out.read_until(lambda: len(out.lines) >= at_least, deadline):
            proc.kill()
            proc.wait(10)
            pytest.fail(
                f"round {round_number} ({backend}): the writer reported {len(out.lines)} "
                f"saves, not {at_least} (exit {proc.returncode}):\n"
                + stderr_path.read_text(errors="replace")
            )
        if pause:
            time.sleep(pause)
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=MAX_WAIT) == -signal.SIGKILL, stderr_path.read_text()
        assert out.read_until(lambda: out.ended, deadline), "the pipe stayed open"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
        proc.stdout.close()
    return [Saved(round_number, i, uuid.UUID(line)) for i, line in enumerate(out.lines)]


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_killed_writer_loses_no_reflection_it_reported_saved(
    journal_dir: Path, recovery_key: str, tmp_path: Path
) -> None:
    rng = random.Random(SEED)
    saved: list[Saved] = []
    for round_number in range(ROUNDS):
        backend = "engine" if round_number % 2 == 0 else "direct"
        at_least = rng.randint(1, 40)
        pause = rng.choice([0.0, rng.uniform(0.0005, 0.005)])
        reported = kill_a_writer(
            journal_dir, recovery_key, backend, round_number, at_least, pause,
            tmp_path / f"stderr-{round_number}.txt",
        )  # fmt: skip
        assert len(reported) >= at_least
        saved += reported

    assert len({s.id for s in saved}) == len(saved)
    with Vault.unlock(journal_dir, recovery_key=recovery_key) as vault:
        lost = []
        for s in saved:
            try:
                reflection = vault.get(s.id)
            except NotFound:
                lost.append(s)
                continue
            # Whole, not half-written.
            assert reflection.title == f"round {s.round_number} entry {s.entry}"
            assert reflection.body == body_of(s.round_number, s.entry)
        assert lost == [], f"{len(lost)} of {len(saved)} reported saves are missing"
        # Saves the writer made but was killed before reporting may be there too.
        assert vault.count() >= len(saved)
        report = vault.check()

    assert report.database_problems == ()
    assert report.ok
