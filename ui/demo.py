"""`reflect --demo`: a throwaway journal of invented reflections, to try everything at once."""

from __future__ import annotations

import secrets
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from reflect import timeutil
from storage import crypto
from storage.vault import Vault

WORDS = ("amber", "harbour", "lantern", "meadow", "orbit", "quartz", "willow", "tide", "ember")


@dataclass
class DemoJournal:
    folder: Path
    passphrase: str

    @staticmethod
    def create() -> DemoJournal:
        # Invented content only, in a folder of its own that is removed on quit.
        folder = Path(tempfile.mkdtemp(prefix="reflect-demo-")) / "journal"
        passphrase = (
            " ".join(secrets.choice(WORDS) for _ in range(4)) + f" {secrets.randbelow(90) + 10}"
        )
        vault, _ = Vault.create(folder, passphrase, crypto.FLOOR_PARAMS)
        from reflect.demo_journal import demo_reflections

        for new in demo_reflections(timeutil.now()):
            vault.add(new)
        vault.lock()
        return DemoJournal(folder, passphrase)

    def open(self) -> Vault:
        return Vault.unlock(self.folder, passphrase=self.passphrase, verify=False)

    def remove(self) -> None:
        shutil.rmtree(self.folder.parent, ignore_errors=True)
