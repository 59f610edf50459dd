"""The few cryptographic operations Reflect needs, all from well-kept libraries.

- AES-256-GCM (`cryptography`) wraps the data key in each key-file slot.
- Argon2id (`argon2-cffi`) turns a passphrase into a wrapping key.
- HKDF-SHA256 (`cryptography`) turns a high-entropy recovery or device key into one.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import asdict, dataclass

KEY_BYTES = 32
NONCE_BYTES = 12

# Never derive a passphrase key with less than this (the floor).
MIN_MEMORY_KIB = 64 * 1024
MIN_TIME_COST = 3
PARALLELISM = 4
MAX_MEMORY_KIB = 1024 * 1024
TARGET_SECONDS = 0.7


class AuthenticationFailed(Exception):
    """The ciphertext, its nonce, its associated data or the key is not the one sealed."""


@dataclass(frozen=True, slots=True)
class Argon2Params:
    time_cost: int
    memory_kib: int
    parallelism: int

    def as_dict(self) -> dict[str, int]:
        return asdict(self)

    def is_strong_enough(self) -> bool:
        return (
            self.time_cost >= MIN_TIME_COST
            and self.memory_kib >= MIN_MEMORY_KIB
            and self.parallelism >= 1
        )


FLOOR_PARAMS = Argon2Params(MIN_TIME_COST, MIN_MEMORY_KIB, PARALLELISM)


def random_bytes(count: int = KEY_BYTES) -> bytes:
    return secrets.token_bytes(count)


def seal(key: bytes, plaintext: bytes, associated: bytes) -> tuple[bytes, bytes]:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = random_bytes(NONCE_BYTES)
    return nonce, AESGCM(key).encrypt(nonce, plaintext, associated)


def open_sealed(key: bytes, nonce: bytes, ciphertext: bytes, associated: bytes) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(key).decrypt(nonce, ciphertext, associated)
    except (InvalidTag, ValueError):
        raise AuthenticationFailed from None


def argon2id(secret: bytes, salt: bytes, params: Argon2Params) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(
        secret=secret,
        salt=salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def hkdf(secret: bytes, salt: bytes, info: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=info).derive(secret)


def calibrate_argon2(target_seconds: float = TARGET_SECONDS) -> Argon2Params:
    """Pick the memory cost that takes about `target_seconds` here, never below the floor.

    Time grows roughly, not exactly, with memory: one run at the floor gives a
    first estimate, one run at that estimate corrects it. The result is clamped
    to [64 MiB, 1 GiB], with t=3 and p=4 as the issue sets them.
    """
    memory = _scaled(MIN_MEMORY_KIB, _time_one(MIN_MEMORY_KIB), target_seconds)
    if memory > MIN_MEMORY_KIB:
        memory = _scaled(memory, _time_one(memory), target_seconds)
    return Argon2Params(MIN_TIME_COST, memory, PARALLELISM)


def _time_one(memory_kib: int) -> float:
    started = time.perf_counter()
    argon2id(b"calibration", random_bytes(16), Argon2Params(MIN_TIME_COST, memory_kib, PARALLELISM))
    return max(time.perf_counter() - started, 1e-3)


def _scaled(memory_kib: int, seconds: float, target_seconds: float) -> int:
    scaled = int(memory_kib * target_seconds / seconds)
    return max(MIN_MEMORY_KIB, min(MAX_MEMORY_KIB, scaled // 1024 * 1024))


KDF_PROFILE_ENV = "REFLECT_KDF_PROFILE"


def params_for_new_passphrase() -> Argon2Params:
    """Calibrated settings, or the floor when REFLECT_KDF_PROFILE=floor (tests, slow machines).

    The floor is still within policy (64 MiB, t=3, p=4); it only skips calibration.
    """
    import os

    if os.environ.get(KDF_PROFILE_ENV, "").strip().lower() == "floor":
        return FLOOR_PARAMS
    return calibrate_argon2()
