"""The one place that opens the encrypted database.

SQLCipher is keyed with the raw 32-byte data key, so its own passphrase KDF is
skipped. Every connection is checked for the settings Reflect relies on; a
connection that does not have them is refused rather than used.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlcipher3

if TYPE_CHECKING:
    from sqlalchemy import Engine

from storage.errors import DatabaseDamaged, VaultLocked

# PRAGMA name -> the value it must read back as. SQLCipher does not read back
# cipher_compatibility itself, so version 4's defaults are checked one by one.
REQUIRED_SETTINGS: dict[str, object] = {
    "cipher_page_size": 4096,
    "cipher_hmac_algorithm": "hmac_sha512",
    "cipher_kdf_algorithm": "pbkdf2_hmac_sha512",
    "kdf_iter": 256000,
    "cipher_use_hmac": 1,
    "cipher_plaintext_header_size": 0,
    "journal_mode": "wal",
    "synchronous": 2,  # FULL
    "temp_store": 2,  # MEMORY
    "secure_delete": 1,
    "foreign_keys": 1,
}
BUSY_TIMEOUT_MS = 10_000
CACHE_KIB = 64 * 1024
WAL_LIMIT_BYTES = 64 * 1024 * 1024


class KeyHolder:
    """Holds the data key in a mutable buffer so lock can overwrite it.

    Python may keep transient copies (the hex text handed to SQLCipher); wiping
    the buffer and dropping every reference is the most this language allows.
    """

    def __init__(self, key: bytes) -> None:
        self._key: bytearray | None = bytearray(key)

    def hex(self) -> str:
        if self._key is None:
            raise VaultLocked("The journal is locked.")
        return self._key.hex()

    def raw(self) -> bytes:
        if self._key is None:
            raise VaultLocked("The journal is locked.")
        return bytes(self._key)

    def wipe(self) -> None:
        if self._key is not None:
            for i in range(len(self._key)):
                self._key[i] = 0
            self._key = None


def connect_raw(path: Path, keys: KeyHolder) -> Any:
    """A keyed sqlcipher3 connection in autocommit mode (transactions are explicit)."""
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{keys.hex()}'\"")
        conn.execute("PRAGMA cipher_compatibility = 4")
        # The first read is where a wrong key or a damaged file shows.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
        if str(mode).lower() != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        for pragma in (
            # A larger page cache spares re-decrypting pages; memory is used only as needed.
            f"cache_size = -{CACHE_KIB}",
            # Without a limit the -wal file keeps its largest size (a whole import) for good.
            f"journal_size_limit = {WAL_LIMIT_BYTES}",
            "synchronous = FULL",
            "temp_store = MEMORY",
            "secure_delete = ON",
            "foreign_keys = ON",
        ):
            conn.execute(f"PRAGMA {pragma}")
        verify_settings(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def verify_settings(conn: Any) -> None:
    for name, wanted in REQUIRED_SETTINGS.items():
        row = conn.execute(f"PRAGMA {name}").fetchone()
        if row is None or str(row[0]).lower() != str(wanted):
            raise DatabaseDamaged(
                f"The journal database refused a required setting ({name}); it was not opened."
            )


def create_vault_engine(path: Path, keys: KeyHolder) -> Engine:
    from sqlalchemy import Connection, create_engine, event
    from sqlalchemy.pool import QueuePool

    creator: Callable[[], Any] = lambda: connect_raw(path, keys)  # noqa: E731
    engine = create_engine(
        "sqlite://",
        module=sqlcipher3.dbapi2,
        creator=creator,
        poolclass=QueuePool,
        pool_size=1,
        max_overflow=4,
        hide_parameters=True,
        echo=False,
    )

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get("reflect_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def quick_check(conn: Any) -> list[str]:
    rows = conn.execute("PRAGMA quick_check").fetchall()
    problems = [str(r[0]) for r in rows]
    return [] if problems == ["ok"] else problems


def full_check(conn: Any) -> list[str]:
    problems = [str(r[0]) for r in conn.execute("PRAGMA integrity_check").fetchall()]
    problems = [] if problems == ["ok"] else problems
    problems += [str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check").fetchall()]
    return problems
