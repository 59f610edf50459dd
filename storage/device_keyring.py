"""The one place Reflect talks to the OS keyring (for "remember on this device").

The keyring only ever holds a random device key that opens the device slot of
the key file, never the passphrase or the data key. Backends that would keep
it in a plain file, or that cannot keep it at all, are refused.
"""

from __future__ import annotations

import base64
import binascii
import contextlib

from storage.errors import DeviceKeyUnavailable

SERVICE = "Reflect journal"

# Modules whose backends store secrets in files protected by nothing we trust.
_UNSAFE_MODULE_PREFIXES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")


def _account(vault_id: str) -> str:
    return f"device-key:{vault_id}"


def _backends() -> list[object]:
    import keyring

    backend = keyring.get_keyring()
    inner = getattr(backend, "backends", None)
    return list(inner) if inner is not None else [backend]


def unavailable_reason() -> str | None:
    """Why the keyring cannot be trusted here, or None when it can."""
    backends = _backends()
    if not backends:
        return "this computer has no secure keychain available to Reflect"
    for backend in backends:
        module = type(backend).__module__
        if module.startswith(_UNSAFE_MODULE_PREFIXES):
            name = type(backend).__name__
            return (
                "this computer has no secure keychain available to Reflect "
                f"(its keyring backend is {module}.{name}, which would not keep a key safe)"
            )
    return None


def store(vault_id: str, device_key: bytes) -> None:
    reason = unavailable_reason()
    if reason:
        raise DeviceKeyUnavailable(f"Cannot remember this journal on this device: {reason}.")
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(SERVICE, _account(vault_id), base64.b64encode(device_key).decode())
    except KeyringError as exc:
        raise DeviceKeyUnavailable(
            f"The keychain refused to store the device key ({type(exc).__name__})."
        ) from None


def load(vault_id: str) -> bytes | None:
    """The device key for this journal, or None when none is kept or it is unreadable."""
    if unavailable_reason():
        return None
    import keyring
    from keyring.errors import KeyringError

    try:
        stored = keyring.get_password(SERVICE, _account(vault_id))
    except KeyringError:
        return None
    if not stored:
        return None
    try:
        return base64.b64decode(stored, validate=True)
    except (binascii.Error, ValueError):
        return None


def delete(vault_id: str) -> None:
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    if unavailable_reason():
        return
    with contextlib.suppress(PasswordDeleteError, KeyringError):
        keyring.delete_password(SERVICE, _account(vault_id))
