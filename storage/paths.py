"""Where a journal's files live."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DATA_DIR_ENV = "REFLECT_DATA_DIR"


def default_data_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("Reflect", appauthor=False, roaming=True))


@dataclass(frozen=True, slots=True)
class JournalPaths:
    folder: Path

    @property
    def database(self) -> Path:
        return self.folder / "journal.db"

    @property
    def keyfile(self) -> Path:
        return self.folder / "journal.keys"

    @property
    def creating(self) -> Path:
        """The database's name while `init` builds it, so a crash leaves no half journal."""
        return self.folder / "journal.db.creating"

    def sidecars(self) -> tuple[Path, ...]:
        db = self.database
        return (db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm"))
