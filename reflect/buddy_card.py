"""Buddy cards and safety numbers: how two leaders swap public keys and check them.

A card is a short block of text that survives e-mail (quoting, wrapping,
indentation) and carries a checksum, so a mistyped or mangled card is refused
rather than quietly trusted. The safety number is the same on both sides: each
reads theirs aloud and they compare, as in Signal.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re

from reflect.errors import ReflectError
from reflect.sharing import Party

BEGIN = "-----BEGIN REFLECT BUDDY CARD-----"
END = "-----END REFLECT BUDDY CARD-----"
MAX_NAME = 120
_AGE_RECIPIENT = re.compile(r"^age1[02-9ac-hj-np-z]{58}$")


class CardError(ReflectError):
    """A card that cannot be read; nothing was added."""


def card_text(party: Party) -> str:
    body = [
        f"Name: {party.name}",
        f"Age: {party.age_recipient}",
        f"Signing: {base64.b64encode(party.signing_key).decode('ascii')}",
    ]
    return "\n".join([BEGIN, *body, f"Check: {_check(body)}", END]) + "\n"


def read_card(text: str) -> Party:
    """The party on a pasted card; CardError saying what is wrong with it."""
    lines = [_unquote(line) for line in text.splitlines()]
    try:
        start = lines.index(BEGIN)
        end = lines.index(END, start)
    except ValueError:
        raise CardError(
            "That is not a Reflect buddy card: it should start with "
            f"“{BEGIN}” and end with “{END}”."
        ) from None
    fields: dict[str, str] = {}
    for line in lines[start + 1 : end]:
        key, sep, value = line.partition(":")
        if sep and key.strip() in ("Name", "Age", "Signing", "Check"):
            fields[key.strip()] = value.strip()
    missing = [k for k in ("Name", "Age", "Signing", "Check") if not fields.get(k)]
    if missing:
        raise CardError(f"The buddy card is incomplete: it has no {', '.join(missing)} line.")
    body = [f"Name: {fields['Name']}", f"Age: {fields['Age']}", f"Signing: {fields['Signing']}"]
    if fields["Check"].upper() != _check(body):
        raise CardError(
            "The buddy card was changed or copied incompletely (its check does not match). "
            "Ask your buddy to send it again."
        )
    name = fields["Name"]
    if len(name) > MAX_NAME or any(ord(c) < 32 for c in name):
        raise CardError("The name on the buddy card is not usable.")
    if not _AGE_RECIPIENT.match(fields["Age"]):
        raise CardError("The buddy card's encryption key is not a valid age key.")
    try:
        signing = base64.b64decode(fields["Signing"], validate=True)
    except binascii.Error:
        signing = b""
    if len(signing) != 32:
        raise CardError("The buddy card's signing key is not valid.")
    return Party(name, fields["Age"], signing)


def safety_number(a: Party, b: Party) -> str:
    """Twenty digits in four groups, the same whichever side computes it."""
    parts = sorted(p.age_recipient.encode() + b"\n" + p.signing_key for p in (a, b))
    digest = hashlib.sha256(b"reflect safety number v1\n" + b"\n".join(parts)).digest()
    digits = str(int.from_bytes(digest[:16], "big")).zfill(39)[-20:]
    return " ".join(digits[i : i + 5] for i in range(0, 20, 5))


def _check(body: list[str]) -> str:
    digest = hashlib.sha256("\n".join(body).encode("utf-8")).digest()[:5]
    return base64.b32encode(digest).decode("ascii")


def _unquote(line: str) -> str:
    """Undo what e-mail does to pasted text: quote marks, indentation, trailing spaces."""
    return re.sub(r"^[\s>]*", "", line).rstrip()
