"""The key file: the journal's data key, stored only wrapped, in slots.

The file is JSON. Each slot wraps the same random 32-byte data key with
AES-256-GCM under a key derived from one secret: a passphrase (Argon2id), the
recovery key (HKDF) or a device key kept in the OS keyring (HKDF). Each slot's
associated data binds the vault id, the slot's kind and id and its KDF
parameters, so no slot can be moved to another journal or weakened unnoticed.
A SHA-256 checksum over the rest tells accidental damage from a wrong secret.
"""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from storage import crypto
from storage.atomic import write_atomically
from storage.errors import KeyFileDamaged, NoJournal

FORMAT_NAME = "reflect-keyfile"
FORMAT_VERSION = 1
SlotKind = Literal["passphrase", "recovery", "device"]


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


@dataclass(frozen=True, slots=True)
class Slot:
    kind: SlotKind
    slot_id: str
    kdf: dict[str, Any]
    nonce: bytes
    wrapped: bytes
    created_at: str
    label: str = ""

    def associated_data(self, vault_id: str) -> bytes:
        bound = {
            "format": FORMAT_NAME,
            "vault_id": vault_id,
            "kind": self.kind,
            "slot_id": self.slot_id,
            "kdf": self.kdf,
        }
        return json.dumps(bound, sort_keys=True, separators=(",", ":")).encode()

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "slot_id": self.slot_id,
            "kdf": self.kdf,
            "aead": "aes-256-gcm",
            "nonce": _b64(self.nonce),
            "wrapped": _b64(self.wrapped),
            "created_at": self.created_at,
            "label": self.label,
        }

    @staticmethod
    def from_dict(data: dict[str, Any]) -> Slot:
        if data.get("aead") != "aes-256-gcm" or data.get("kind") not in (
            "passphrase",
            "recovery",
            "device",
        ):
            raise ValueError("unknown slot")
        return Slot(
            kind=data["kind"],
            slot_id=str(data["slot_id"]),
            kdf=dict(data["kdf"]),
            nonce=_unb64(data["nonce"]),
            wrapped=_unb64(data["wrapped"]),
            created_at=str(data["created_at"]),
            label=str(data.get("label", "")),
        )


@dataclass(frozen=True, slots=True)
class KeyFile:
    vault_id: str
    db_salt: bytes
    slots: tuple[Slot, ...]

    def slots_of(self, kind: SlotKind) -> tuple[Slot, ...]:
        return tuple(s for s in self.slots if s.kind == kind)

    def without(self, kind: SlotKind, slot_id: str | None = None) -> KeyFile:
        kept = tuple(
            s
            for s in self.slots
            if not (s.kind == kind and (slot_id is None or s.slot_id == slot_id))
        )
        return replace(self, slots=kept)

    def with_slot(self, slot: Slot) -> KeyFile:
        return replace(self, slots=(*self.slots, slot))

    def to_bytes(self) -> bytes:
        body = {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "vault_id": self.vault_id,
            "db_salt": self.db_salt.hex(),
            "slots": [s.to_dict() for s in self.slots],
        }
        document = {**body, "checksum": _checksum(body)}
        return (json.dumps(document, indent=2, sort_keys=True) + "\n").encode()

    @staticmethod
    def from_bytes(raw: bytes, where: Path) -> KeyFile:
        damaged = KeyFileDamaged(
            f"The key file {where} is damaged, so the journal cannot be unlocked from it. "
            f"Reflect keeps an identical backup beside it ({backup_path(where).name}): "
            "`reflect check --repair` restores the key file from it if the backup is intact."
        )
        try:
            document = json.loads(raw.decode("utf-8"))
            if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
                raise KeyFileDamaged(
                    f"{where} is not a Reflect key file, or it is damaged. "
                    f"If {backup_path(where).name} is beside it, "
                    "`reflect check --repair` restores the key file from that backup."
                )
            checksum = document.pop("checksum", None)
            if checksum != _checksum(document):
                raise damaged
            if document.get("version") != FORMAT_VERSION:
                raise KeyFileDamaged(
                    f"The key file {where} was written by a newer Reflect; "
                    "update Reflect to open it."
                )
            return KeyFile(
                vault_id=str(uuid.UUID(document["vault_id"])),
                db_salt=bytes.fromhex(document["db_salt"]),
                slots=tuple(Slot.from_dict(s) for s in document["slots"]),
            )
        except KeyFileDamaged:
            raise
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            raise damaged from None


def _checksum(body: dict[str, Any]) -> str:
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
    return "sha256:" + hashlib.sha256(canonical).hexdigest()


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def read(path: Path) -> KeyFile:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise NoJournal(
            f"There is no journal in {path.parent}. Create one with `reflect init`."
        ) from None
    return KeyFile.from_bytes(raw, path)


def write(path: Path, keyfile: KeyFile) -> None:
    """Write the key file and then its identical backup, each atomically."""
    data = keyfile.to_bytes()
    write_atomically(path, data)
    write_atomically(backup_path(path), data)


def now_text() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# --- sealing and opening slots -------------------------------------------------


def seal_slot(
    vault_id: str,
    kind: SlotKind,
    kdf: dict[str, Any],
    wrapping_key: bytes,
    data_key: bytes,
    label: str = "",
) -> Slot:
    draft = Slot(kind, str(uuid.uuid4()), kdf, b"", b"", now_text(), label)
    nonce, wrapped = crypto.seal(wrapping_key, data_key, draft.associated_data(vault_id))
    return replace(draft, nonce=nonce, wrapped=wrapped)


def open_slot(vault_id: str, slot: Slot, wrapping_key: bytes) -> bytes:
    """The data key; raises crypto.AuthenticationFailed for a wrong secret."""
    return crypto.open_sealed(
        wrapping_key, slot.nonce, slot.wrapped, slot.associated_data(vault_id)
    )


def passphrase_kdf(params: crypto.Argon2Params) -> dict[str, Any]:
    return {"name": "argon2id", **params.as_dict(), "salt": _b64(crypto.random_bytes(16))}


def derive_from_passphrase(passphrase: str, kdf: dict[str, Any]) -> bytes:
    params = crypto.Argon2Params(
        time_cost=int(kdf["time_cost"]),
        memory_kib=int(kdf["memory_kib"]),
        parallelism=int(kdf["parallelism"]),
    )
    if kdf.get("name") != "argon2id" or not params.is_strong_enough():
        raise ValueError("passphrase slot parameters are below Reflect's floor")
    return crypto.argon2id(passphrase.encode("utf-8"), _unb64(kdf["salt"]), params)


def secret_kdf(purpose: str) -> dict[str, Any]:
    return {
        "name": "hkdf-sha256",
        "info": f"reflect {purpose} slot",
        "salt": _b64(crypto.random_bytes(16)),
    }


def derive_from_secret(secret: bytes, kdf: dict[str, Any]) -> bytes:
    if kdf.get("name") != "hkdf-sha256":
        raise ValueError("unknown key derivation")
    return crypto.hkdf(secret, _unb64(kdf["salt"]), str(kdf["info"]).encode())
