"""docs/recovery.md works: its script reads a real journal with sqlcipher3 alone."""

from __future__ import annotations

import ast
import os
import re
import secrets
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from reflect.frameworks import Lens, Way
from reflect.model import NewReflection, Section
from storage.vault import Vault

RECOVERY_DOC = Path(__file__).resolve().parents[2] / "docs" / "recovery.md"
REFLECT_PACKAGES = {"reflect", "storage", "cli", "ui", "prompts", "bench"}


def recovery_script() -> str:
    text = RECOVERY_DOC.read_text(encoding="utf-8")
    blocks = re.findall(r"^```python\n(.*?)^```$", text, flags=re.DOTALL | re.MULTILINE)
    assert len(blocks) == 1, "recovery.md should hold exactly one ```python script"
    block: str = blocks[0]
    return block


def clean_env() -> dict[str, str]:
    """The environment without anything that points Python at this repository."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONSAFEPATH"] = "1"
    env["PYTHONIOENCODING"] = "utf-8"
    return env


def run_script(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    script = tmp_path / "read_journal.py"
    script.write_text(recovery_script(), encoding="utf-8")
    return subprocess.run(
        [sys.executable, str(script), *args],
        cwd=tmp_path,
        env=clean_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


@pytest.fixture
def locked_journal(vault: Vault) -> tuple[Path, str, str]:
    """A journal with two live reflections and one in the trash, locked; its key and marker."""
    marker = f"kingfisher{secrets.token_hex(4)}"
    # Written first, but happened later: 08:30 at UTC-5 is 13:30 UTC.
    vault.add(
        NewReflection(
            sections=(Section("Handover went smoothly."),),
            title="Later: the provider forum",
            happened_at=datetime(2026, 3, 1, 8, 30, tzinfo=timezone(timedelta(hours=-5))),
        )
    )
    vault.add(
        NewReflection(
            sections=(
                Section(f"The {marker} moment: Amara's question changed the room."),
                Section(""),
                Section(
                    "I had stopped listening by then.", Lens.BIOGRAPHER, "What did this show you?"
                ),
            ),
            title="Earlier: café débrief 🌱",
            happened_at=datetime(2026, 3, 1, 9, 0, tzinfo=ZoneInfo("Europe/London")),
            ways=[Way.RELATING],
            tags=["winter pressures"],
        )
    )
    trashed = vault.add(
        NewReflection(sections=(Section("gone-to-the-trash"),), title="Binned thought")
    )
    vault.delete(trashed.id)
    key = vault.raw_key_hex()
    db_path = vault.paths.database
    vault.lock()
    return db_path, key, marker


def test_the_documented_script_prints_the_journal_without_reflect(
    tmp_path: Path, locked_journal: tuple[Path, str, str]
) -> None:
    db_path, key, marker = locked_journal

    result = run_script(tmp_path, str(db_path), key)

    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert marker in out
    assert "Earlier: café débrief 🌱" in out
    assert "Later: the provider forum" in out
    assert "[biographer]" in out
    assert "I had stopped listening by then." in out
    # Ordered by the moment each event happened, not by its local clock time.
    assert out.index("Earlier: café débrief") < out.index("Later: the provider forum")
    # The trash is left out.
    assert "Binned thought" not in out
    assert "gone-to-the-trash" not in out


def test_the_script_accepts_the_key_as_db_browser_writes_it(
    tmp_path: Path, locked_journal: tuple[Path, str, str]
) -> None:
    db_path, key, marker = locked_journal
    result = run_script(tmp_path, str(db_path), "0x" + key.upper())
    assert result.returncode == 0, result.stderr
    assert marker in result.stdout


def test_a_wrong_key_makes_the_script_fail(
    tmp_path: Path, locked_journal: tuple[Path, str, str]
) -> None:
    db_path, key, marker = locked_journal
    wrong = secrets.token_hex(32)
    assert wrong != key

    result = run_script(tmp_path, str(db_path), wrong)

    assert result.returncode != 0
    assert marker not in result.stdout
    assert "Check the key" in result.stderr


def test_a_malformed_key_or_missing_file_makes_the_script_fail(
    tmp_path: Path, locked_journal: tuple[Path, str, str]
) -> None:
    db_path, key, _ = locked_journal
    assert run_script(tmp_path, str(db_path), key[:-1]).returncode != 0
    assert run_script(tmp_path, str(db_path), key[:-2] + "zz").returncode != 0
    missing = tmp_path / "nowhere" / "journal.db"
    assert run_script(tmp_path, str(missing), key).returncode != 0
    assert not missing.exists(), "the script must not create an empty database"


def test_the_script_imports_only_the_standard_library_and_sqlcipher3() -> None:
    tree = ast.parse(recovery_script())
    imported: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0 and node.module
            imported.add(node.module.split(".")[0])
    assert imported - set(sys.stdlib_module_names) == {"sqlcipher3"}
    assert not imported & REFLECT_PACKAGES


def test_running_the_script_loads_none_of_reflects_code(
    tmp_path: Path, locked_journal: tuple[Path, str, str]
) -> None:
    # This virtual environment can import Reflect (an editable install), so
    # check what the script actually loaded rather than what it could have.
    db_path, key, marker = locked_journal
    script = tmp_path / "read_journal.py"
    script.write_text(recovery_script(), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-X", "importtime", str(script), str(db_path), key],
        cwd=tmp_path,
        env=clean_env(),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert marker in result.stdout
    loaded = {
        line.rsplit("|", 1)[-1].strip().split(".")[0]
        for line in result.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert "sqlcipher3" in loaded
    assert not loaded & REFLECT_PACKAGES
