#!/usr/bin/env python3
"""Set up and run Reflect from a fresh clone, with nothing but Python 3.11+.

    python3 run.py            open Reflect on your default journal
    python3 run.py test       run the whole test suite
    python3 run.py reflect …  run the command line (e.g. `python3 run.py reflect --help`)

It installs uv (pinned) into .tools/, then lets uv install exactly what uv.lock
names into .venv/, using this Python (uv is told never to download one).
Standard library only, so it works before anything is installed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TOOLS = ROOT / ".tools"
UV_VERSION = "0.13.9"
MIN_PYTHON = (3, 11)


def _bin(folder: Path, name: str) -> Path:
    scripts = "Scripts" if os.name == "nt" else "bin"
    suffix = ".exe" if os.name == "nt" else ""
    return folder / scripts / f"{name}{suffix}"


def ensure_uv() -> Path:
    uv = _bin(TOOLS, "uv")
    if uv.exists():
        return uv
    print(f"Setting up uv {UV_VERSION} in .tools/ (once)…", file=sys.stderr)
    venv.EnvBuilder(with_pip=True, clear=True).create(TOOLS)
    subprocess.run(
        [
            str(_bin(TOOLS, "python")),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            f"uv=={UV_VERSION}",
        ],
        check=True,
    )
    return uv


def uv_env() -> dict[str, str]:
    env = dict(os.environ)
    env["UV_PYTHON_DOWNLOADS"] = "never"
    env.setdefault("UV_PROJECT_ENVIRONMENT", str(ROOT / ".venv"))
    return env


def main(argv: list[str]) -> int:
    if sys.version_info < MIN_PYTHON:
        print("Reflect needs Python 3.11 or newer.", file=sys.stderr)
        return 1
    uv = str(ensure_uv())
    env = uv_env()
    subprocess.run(
        # Compiled bytecode: without it every launch recompiles SQLAlchemy (about 0.3 s here).
        [uv, "sync", "--frozen", "--quiet", "--compile-bytecode", "--python", sys.executable],
        cwd=ROOT,
        env=env,
        check=True,
    )
    action, rest = (argv[0], argv[1:]) if argv else ("app", [])
    if action == "test":
        command = ["pytest", *rest]
    elif action == "app":
        command = ["reflect-desktop", *rest]
    elif action == "reflect":
        command = ["reflect", *rest]
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return subprocess.run(
        [uv, "run", "--frozen", "--no-sync", *command], cwd=ROOT, env=env, check=False
    ).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
