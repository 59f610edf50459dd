"""How the stores reach the database: one small interface, two ways to provide it.

The stores speak plain SQLite SQL with named parameters through `Db`.
- `EngineBackend` runs it through a SQLAlchemy 2 engine (connection pool,
  thread safety, errors with parameters hidden): for long-lived processes such
  as the desktop app.
- `DirectBackend` runs it on one sqlcipher3 connection. Importing SQLAlchemy
  alone takes about half a second here, so the short-lived command line uses
  this to keep `reflect add` well under the issue's 0.35 s.
Both open connections through `storage.database.connect_raw`, so both get the
same key and the same checked settings.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

from storage.database import KeyHolder, connect_raw

Params = Mapping[str, Any] | Sequence[Any]


class Rows(Protocol):
    lastrowid: int | None
    rowcount: int

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Db(Protocol):
    """One open transaction."""

    def execute(self, sql: str, params: Params = ()) -> Rows: ...

    def executemany(self, sql: str, rows: Sequence[Params]) -> None: ...


class Transactions(Protocol):
    """What a store's façade needs from the vault: one transaction at a time."""

    def writing(self) -> contextlib.AbstractContextManager[Db]: ...

    def reading(self) -> contextlib.AbstractContextManager[Db]: ...


class Backend(Protocol):
    def writing(self) -> contextlib.AbstractContextManager[Db]: ...

    def reading(self) -> contextlib.AbstractContextManager[Db]: ...

    def raw_connection(self) -> contextlib.AbstractContextManager[Any]: ...

    def close(self) -> None: ...


class _RawDb:
    def __init__(self, conn: Any) -> None:
        self._conn = conn

    def execute(self, sql: str, params: Params = ()) -> Rows:
        cursor: Rows = self._conn.execute(sql, params)
        return cursor

    def executemany(self, sql: str, rows: Sequence[Params]) -> None:
        if rows:
            self._conn.executemany(sql, rows)


@contextlib.contextmanager
def _transaction(conn: Any, mode: str) -> Iterator[Db]:
    conn.execute(f"BEGIN {mode}")
    try:
        yield _RawDb(conn)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


class DirectBackend:
    """One sqlcipher3 connection, guarded by a lock; for short single-purpose processes."""

    def __init__(self, path: Path, keys: KeyHolder) -> None:
        self._path = path
        self._keys = keys
        self._conn: Any = None
        self._lock = threading.RLock()

    def _connection(self) -> Any:
        if self._conn is None:
            self._conn = connect_raw(self._path, self._keys)
        return self._conn

    @contextlib.contextmanager
    def writing(self) -> Iterator[Db]:
        with self._lock, _transaction(self._connection(), "IMMEDIATE") as db:
            yield db

    @contextlib.contextmanager
    def reading(self) -> Iterator[Db]:
        with self._lock, _transaction(self._connection(), "DEFERRED") as db:
            yield db

    @contextlib.contextmanager
    def raw_connection(self) -> Iterator[Any]:
        with self._lock:
            yield self._connection()

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


class _EngineDb:
    def __init__(self, conn: Any) -> None:
        self._conn = conn

    def execute(self, sql: str, params: Params = ()) -> Rows:
        result: Rows = self._conn.exec_driver_sql(sql, params)
        return result

    def executemany(self, sql: str, rows: Sequence[Params]) -> None:
        if rows:
            self._conn.exec_driver_sql(sql, list(rows))


class EngineBackend:
    """A SQLAlchemy 2 engine over sqlcipher3, for long-lived, multi-threaded processes."""

    def __init__(self, path: Path, keys: KeyHolder) -> None:
        from storage.database import create_vault_engine

        self.engine = create_vault_engine(path, keys)

    @contextlib.contextmanager
    def writing(self) -> Iterator[Db]:
        with (
            self.engine.connect().execution_options(reflect_begin="IMMEDIATE") as conn,
            conn.begin(),
        ):
            yield _EngineDb(conn)

    @contextlib.contextmanager
    def reading(self) -> Iterator[Db]:
        with self.engine.connect() as conn, conn.begin():
            yield _EngineDb(conn)

    @contextlib.contextmanager
    def raw_connection(self) -> Iterator[Any]:
        raw = self.engine.raw_connection()
        try:
            yield raw
        finally:
            raw.close()

    def close(self) -> None:
        self.engine.dispose()
