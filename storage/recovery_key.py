"""The recovery key: 160 random bits shown once, in groups, with a typo check.

Written as nine groups of four characters (RFC 4648 base32): eight groups of key
and one of check characters, so a mistyped key is told apart from a wrong one.
"""

from __future__ import annotations

import base64
import hashlib

from storage.errors import MalformedRecoveryKey

KEY_BYTES = 20
GROUP = 4
_CONFUSABLE = str.maketrans({"0": "O", "1": "I", "8": "B"})


def _check_chars(key: bytes) -> str:
    return base64.b32encode(hashlib.sha256(b"reflect-recovery" + key).digest()[:5]).decode()[:GROUP]


def format_key(key: bytes) -> str:
    text = base64.b32encode(key).decode() + _check_chars(key)
    return "-".join(text[i : i + GROUP] for i in range(0, len(text), GROUP))


def parse_key(typed: str) -> bytes:
    """Read a recovery key however it was typed: any case, spaces or dashes, 0/O and 1/I."""
    cleaned = "".join(ch for ch in typed.upper() if ch.isalnum()).translate(_CONFUSABLE)
    expected = KEY_BYTES * 8 // 5 + GROUP
    if len(cleaned) != expected:
        raise MalformedRecoveryKey(
            f"A recovery key has {expected} letters and digits in {expected // GROUP} groups; "
            f"this one has {len(cleaned)}. Check it against your printed copy."
        )
    body, check = cleaned[:-GROUP], cleaned[-GROUP:]
    try:
        key = base64.b32decode(body)
    except ValueError:
        raise MalformedRecoveryKey(
            "That recovery key contains characters a recovery key never has. "
            "Check it against your printed copy."
        ) from None
    if _check_chars(key) != check:
        raise MalformedRecoveryKey(
            "That recovery key has a typing mistake (its last group does not match). "
            "Check each group against your printed copy."
        )
    return key
