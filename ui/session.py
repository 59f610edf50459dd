"""The open journal, as the desktop app sees it: unlocking, creating, locking.

The one object in ui/ that holds a Vault. Views ask it to do things and listen
to its signals; they never keep a Vault of their own.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from reflect.errors import ReflectError
from storage.paths import JournalPaths
from storage.vault import Vault
from ui.background import Background


class Session(QObject):
    unlocked = Signal()
    locking = Signal()  # views save and clear what they show before the keys go
    locked = Signal()
    created = Signal(str)  # the recovery key, to show once
    failed = Signal(str)  # a message fit for the user
    busy = Signal(bool)
    damaged = Signal(str)  # the background check found a problem after unlocking

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self._vault: Vault | None = None
        self.background = Background(self)

    @property
    def vault(self) -> Vault:
        if self._vault is None:
            raise ReflectError("The journal is locked.")
        return self._vault

    @property
    def is_unlocked(self) -> bool:
        return self._vault is not None

    def journal_exists(self) -> bool:
        return JournalPaths(self.folder).keyfile.exists()

    # --- opening ---------------------------------------------------------------

    def unlock_with_passphrase(self, passphrase: str) -> None:
        self._open(lambda: Vault.unlock(self.folder, passphrase=passphrase, verify=False))

    def unlock_with_recovery_key(self, typed: str) -> None:
        self._open(lambda: Vault.unlock(self.folder, recovery_key=typed, verify=False))

    def try_device_key(self) -> None:
        """Open with this device's key if it has one; otherwise quietly leave it locked."""

        def work() -> Vault | None:
            try:
                return Vault.unlock(self.folder, use_device_key=True, verify=False)
            except ReflectError:
                return None

        def done(vault: Vault | None) -> None:
            self.busy.emit(False)
            if vault is not None:
                self._unlocked(vault)

        self.busy.emit(True)
        self.background.run(work, done, lambda exc: self.busy.emit(False))

    def create(self, passphrase: str) -> None:
        def work() -> tuple[Vault, str]:
            return Vault.create(self.folder, passphrase)

        def done(result: tuple[Vault, str]) -> None:
            self._vault = result[0]
            self.busy.emit(False)
            self.created.emit(result[1])

        self.busy.emit(True)
        self.background.run(work, done, self._fail)

    def adopt(self, vault: Vault) -> None:
        """Use a vault opened elsewhere (the demo journal, tests)."""
        self._vault = vault
        self.unlocked.emit()

    def _open(self, opening: Callable[[], Vault]) -> None:
        def done(vault: Vault) -> None:
            self.busy.emit(False)
            self._unlocked(vault)

        self.busy.emit(True)
        self.background.run(opening, done, self._fail)

    def _unlocked(self, vault: Vault) -> None:
        self._vault = vault
        self.unlocked.emit()
        self._check_in_background(vault)

    def _check_in_background(self, vault: Vault) -> None:
        """quick_check reads every page (seconds on a large journal): never on unlock's path."""

        def report(problems: tuple[str, ...]) -> None:
            if problems:
                self.damaged.emit(
                    f"Reflect found {len(problems)} problem(s) in the journal database. "
                    "Export what you can and see docs/recovery.md."
                )

        self.background.run(vault.quick_check, report, lambda exc: None)

    def _fail(self, exc: Exception) -> None:
        self.busy.emit(False)
        if isinstance(exc, ReflectError):
            self.failed.emit(str(exc))
        else:
            self.failed.emit(f"Something went wrong ({type(exc).__name__}); nothing was changed.")

    # --- closing ----------------------------------------------------------------

    def lock(self) -> None:
        if self._vault is None:
            return
        self.locking.emit()
        self._vault.stop_checks()  # a background check must not hold up locking
        self.background.wait()
        self._vault.lock()
        self._vault = None
        self.locked.emit()
