"""Signing prompt packs with Ed25519 (the `cryptography` library), and checking them.

What is signed is the pack's *content*, not its bytes: the parsed TOML, with the
signature's own `value` left out, written as canonical JSON after a fixed
label. Comments and spacing may change; any change to a field, including the
signer's name and key, breaks the signature.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from prompts.pack_errors import PackError
from prompts.pack_format import ReadPack, read_pack
from reflect.prompt_library import Signer

_LABEL = b"reflect prompt pack signature v1\n"
_SIGNATURE_HEADER = re.compile(r"^\s*\[\s*signature\s*\]\s*(#.*)?$")
_ANY_HEADER = re.compile(r"^\s*\[")


@dataclass(frozen=True, slots=True)
class SigningIdentity:
    """An enabler's key pair. The private half never leaves their encrypted journal."""

    name: str
    private_key: bytes

    @classmethod
    def create(cls, name: str) -> SigningIdentity:
        key = Ed25519PrivateKey.generate()
        return cls(name.strip(), key.private_bytes_raw())

    @property
    def public_key(self) -> bytes:
        return (
            Ed25519PrivateKey.from_private_bytes(self.private_key).public_key().public_bytes_raw()
        )

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    def __repr__(self) -> str:  # never print the private key
        return f"SigningIdentity(name={self.name!r}, fingerprint={self.fingerprint!r})"


def fingerprint(public_key: bytes) -> str:
    """Sixteen letters and digits in four groups, easy to read out over the phone."""
    digest = hashlib.sha256(b"reflect enabler key\n" + public_key).digest()[:10]
    letters = base64.b32encode(digest).decode("ascii")
    return "-".join(letters[i : i + 4] for i in range(0, 16, 4))


def signed_content(raw: dict[str, Any]) -> bytes:
    """The exact bytes a signature covers."""
    content = dict(raw)
    signature = content.get("signature")
    if isinstance(signature, dict):
        content["signature"] = {k: v for k, v in signature.items() if k != "value"}
    body = json.dumps(
        content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
    )
    return _LABEL + body.encode("utf-8")


def without_signature(text: str) -> str:
    """The pack's text with any `[signature]` table removed (it is rewritten on signing)."""
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    skipping = False
    for line in lines:
        if _SIGNATURE_HEADER.match(line):
            skipping = True
            continue
        if skipping and _ANY_HEADER.match(line):
            skipping = False
        if not skipping:
            out.append(line)
    return "".join(out).rstrip() + "\n"


def sign_pack(data: bytes, identity: SigningIdentity, name: str = "This file") -> str:
    """The pack's text with a fresh signature by `identity`; PackError if the pack is invalid."""
    text = without_signature(read_pack(data, name).text)
    raw = read_pack(text.encode("utf-8"), name).raw
    raw["signature"] = {"signer": identity.name, "public_key": _b64(identity.public_key)}
    block = (
        "\n[signature]\n"
        f"signer = {_toml_string(identity.name)}\n"
        f'public_key = "{raw["signature"]["public_key"]}"\n'
    )
    private = Ed25519PrivateKey.from_private_bytes(identity.private_key)
    value = private.sign(signed_content(raw))
    signed = text + block + f'value = "{_b64(value)}"\n'
    verify(read_pack(signed.encode("utf-8"), name), name)  # never hand out a pack that fails
    return signed


def verify(read: ReadPack, name: str = "This file") -> Signer | None:
    """The pack's signer if its signature holds, None if unsigned, else PackError."""
    sig = read.signature
    if sig is None:
        return None
    try:
        public_key = base64.b64decode(sig.public_key, validate=True)
        value = base64.b64decode(sig.value, validate=True)
        key = Ed25519PublicKey.from_public_bytes(public_key)
    except (binascii.Error, ValueError):
        raise PackError(
            name, "has a damaged signature block: its key or signature is not readable."
        ) from None
    try:
        key.verify(value, signed_content(read.raw))
    except InvalidSignature:
        raise PackError(
            name,
            f"claims to be signed by {sig.signer}, but the signature does not match the pack. "
            "It was changed after signing, or the signature belongs to another pack. "
            "Nothing was imported; ask the enabler for a fresh copy.",
        ) from None
    return Signer(sig.signer.strip(), public_key)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid TOML basic string
