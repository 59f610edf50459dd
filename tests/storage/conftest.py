from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from storage.vault import Vault


@pytest.fixture(params=["engine", "direct"])
def any_vault(
    request: pytest.FixtureRequest, journal_dir: Path, recovery_key: str
) -> Iterator[Vault]:
    """The copied journal unlocked through each backend in turn (see storage/db.py)."""
    opened = Vault.unlock(journal_dir, recovery_key=recovery_key, direct=request.param == "direct")
    yield opened
    opened.lock()
