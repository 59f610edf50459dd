"""Vault errors. Every message is written for the user and carries no journal text."""

from __future__ import annotations

from reflect.errors import ReflectError


class VaultError(ReflectError):
    """Something about the journal's files or keys; nothing was changed."""


class NoJournal(VaultError):
    pass


class JournalExists(VaultError):
    pass


class WrongPassphrase(VaultError):
    pass


class WrongRecoveryKey(VaultError):
    pass


class MalformedRecoveryKey(VaultError):
    pass


class WrongDeviceKey(VaultError):
    pass


class KeyFileDamaged(VaultError):
    pass


class DatabaseDamaged(VaultError):
    pass


class ForeignDatabase(VaultError):
    pass


class DatabaseTooNew(VaultError):
    pass


class WeakPassphrase(VaultError):
    pass


class DeviceKeyUnavailable(VaultError):
    pass


class NotFound(VaultError):
    pass


class VaultLocked(VaultError):
    pass


class ImportFailed(VaultError):
    pass
