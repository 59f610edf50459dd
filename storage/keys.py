"""Opening and changing the key file's slots. Knows nothing of the database."""

from __future__ import annotations

from storage import crypto, keyfile, recovery_key
from storage.errors import (
    DeviceKeyUnavailable,
    KeyFileDamaged,
    WrongDeviceKey,
    WrongPassphrase,
    WrongRecoveryKey,
)
from storage.keyfile import KeyFile, Slot


def passphrase_slot(
    vault_id: str, passphrase: str, data_key: bytes, params: crypto.Argon2Params
) -> Slot:
    kdf = keyfile.passphrase_kdf(params)
    wrapping = keyfile.derive_from_passphrase(passphrase, kdf)
    return keyfile.seal_slot(vault_id, "passphrase", kdf, wrapping, data_key)


def recovery_slot(vault_id: str, data_key: bytes) -> tuple[Slot, str]:
    """A new recovery slot and its key, formatted for the user to write down."""
    secret = crypto.random_bytes(recovery_key.KEY_BYTES)
    kdf = keyfile.secret_kdf("recovery")
    slot = keyfile.seal_slot(
        vault_id, "recovery", kdf, keyfile.derive_from_secret(secret, kdf), data_key
    )
    return slot, recovery_key.format_key(secret)


def device_slot(vault_id: str, data_key: bytes, label: str) -> tuple[Slot, bytes]:
    secret = crypto.random_bytes()
    kdf = keyfile.secret_kdf("device")
    slot = keyfile.seal_slot(
        vault_id, "device", kdf, keyfile.derive_from_secret(secret, kdf), data_key, label
    )
    return slot, secret


def open_with_passphrase(kf: KeyFile, passphrase: str) -> bytes:
    slots = kf.slots_of("passphrase")
    if not slots:
        raise KeyFileDamaged("The key file has no passphrase slot; unlock with your recovery key.")
    for slot in slots:
        try:
            wrapping = keyfile.derive_from_passphrase(passphrase, slot.kdf)
        except (ValueError, KeyError, TypeError):
            raise KeyFileDamaged(
                "The key file's passphrase settings are invalid or weaker than Reflect allows."
            ) from None
        try:
            return keyfile.open_slot(kf.vault_id, slot, wrapping)
        except crypto.AuthenticationFailed:
            continue
    raise WrongPassphrase("That passphrase does not unlock this journal. Nothing was changed.")


def open_with_recovery_key(kf: KeyFile, typed: str) -> bytes:
    secret = recovery_key.parse_key(typed)
    for slot in kf.slots_of("recovery"):
        try:
            return keyfile.open_slot(
                kf.vault_id, slot, keyfile.derive_from_secret(secret, slot.kdf)
            )
        except crypto.AuthenticationFailed:
            continue
        except (ValueError, KeyError, TypeError):
            raise KeyFileDamaged("The key file's recovery slot is invalid.") from None
    raise WrongRecoveryKey(
        "That recovery key is well formed but belongs to another journal (or an older, "
        "replaced recovery key). Nothing was changed."
    )


def open_with_device_key(kf: KeyFile, secret: bytes) -> bytes:
    slots = kf.slots_of("device")
    if not slots:
        raise DeviceKeyUnavailable("This journal is not remembered on this device.")
    for slot in slots:
        try:
            return keyfile.open_slot(
                kf.vault_id, slot, keyfile.derive_from_secret(secret, slot.kdf)
            )
        except crypto.AuthenticationFailed:
            continue
        except (ValueError, KeyError, TypeError):
            raise KeyFileDamaged("The key file's device slot is invalid.") from None
    raise WrongDeviceKey(
        "The key remembered on this device no longer opens this journal; "
        "unlock with your passphrase and run `reflect remember` again."
    )
