"""The share payload (format 1): what a buddy receives once the age file is opened.

Documented for people in docs/sharing.md; keep the two in step. This module
only builds, writes and reads the JSON and says which bytes the signature
covers. Keys, signing and encryption live in storage/ (storage.share_crypto).
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from reflect import timeutil
from reflect.errors import ReflectError, ValidationError
from reflect.frameworks import Lens
from reflect.model import Reflection
from reflect.serialization import reflection_from_dict, reflection_to_dict

FORMAT = 1
DOMAIN_TAG = b"reflect share v1\n"
MAX_NOTE = 2_000
MAX_REFLECTIONS = 200


class ShareKind(StrEnum):
    SHARE = "share"
    REPLY = "reply"


class ShareFormatError(ReflectError):
    """The decrypted contents are not a valid share payload."""


@dataclass(frozen=True, slots=True)
class Party:
    """Someone in a buddy pair: their name and public keys, as their buddy card gives them."""

    name: str
    age_recipient: str  # "age1…", X25519
    signing_key: bytes  # Ed25519 public key, 32 bytes

    def same_keys(self, other: Party) -> bool:
        return self.age_recipient == other.age_recipient and self.signing_key == other.signing_key


@dataclass(frozen=True, slots=True)
class ReplyTo:
    share_id: uuid.UUID
    reflection_id: uuid.UUID


@dataclass(frozen=True, slots=True)
class SharePayload:
    share_id: uuid.UUID
    kind: ShareKind
    created_at: datetime
    sender: Party
    recipient: Party
    reflections: tuple[Reflection, ...]
    note: str = ""
    reply_by: date | None = None
    in_reply_to: ReplyTo | None = None


def new_share(
    sender: Party,
    recipient: Party,
    reflections: Sequence[Reflection],
    *,
    note: str = "",
    reply_by: date | None = None,
    in_reply_to: ReplyTo | None = None,
    now: datetime | None = None,
) -> SharePayload:
    if not reflections:
        raise ValidationError("reflections", "choose at least one reflection to share")
    if len(reflections) > MAX_REFLECTIONS:
        raise ValidationError("reflections", f"at most {MAX_REFLECTIONS} in one share")
    if len(note) > MAX_NOTE:
        raise ValidationError("note", f"at most {MAX_NOTE} characters")
    return SharePayload(
        share_id=uuid.uuid4(),
        kind=ShareKind.REPLY if in_reply_to else ShareKind.SHARE,
        created_at=now or timeutil.now(),
        sender=sender,
        recipient=recipient,
        reflections=tuple(reflections),
        note=note.strip(),
        reply_by=reply_by,
        in_reply_to=in_reply_to,
    )


def with_sections(reflection: Reflection, lenses: Iterable[Lens | None]) -> Reflection | None:
    """Only the parts written through these lenses (None: parts with no lens); None if none."""
    wanted = set(lenses)
    kept = tuple(s for s in reflection.sections if s.lens in wanted)
    return replace(reflection, sections=kept) if kept else None


# --- to and from JSON ---------------------------------------------------------------------


def _party_dict(p: Party) -> dict[str, str]:
    return {"name": p.name, "age_recipient": p.age_recipient, "signing_key": _b64(p.signing_key)}


def payload_to_dict(p: SharePayload) -> dict[str, Any]:
    return {
        "reflect_share": FORMAT,
        "share_id": str(p.share_id),
        "kind": p.kind.value,
        "created_at": timeutil.to_text(p.created_at),
        "sender": _party_dict(p.sender),
        "recipient": _party_dict(p.recipient),
        "note": p.note,
        "reply_by": p.reply_by.isoformat() if p.reply_by else None,
        "in_reply_to": (
            {
                "share_id": str(p.in_reply_to.share_id),
                "reflection_id": str(p.in_reply_to.reflection_id),
            }
            if p.in_reply_to
            else None
        ),
        "reflections": [reflection_to_dict(r) for r in p.reflections],
    }


def signed_bytes(content: Mapping[str, Any]) -> bytes:
    """What the sender's signature covers: a domain tag, then the payload as canonical JSON.

    The payload holds both parties' keys, the share id, the time and the content,
    so none of them can be changed, and a signature from another kind of Reflect
    file can never be passed off as a share's.
    """
    body = {k: v for k, v in content.items() if k != "signature"}
    text = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return DOMAIN_TAG + text.encode("utf-8")


def encode(content: Mapping[str, Any], signature: bytes) -> bytes:
    """The plaintext that goes inside the age file."""
    return json.dumps({**content, "signature": _b64(signature)}, ensure_ascii=False).encode()


def decode(plaintext: bytes) -> tuple[dict[str, Any], SharePayload, bytes | None]:
    """(raw dict, payload, signature or None); ShareFormatError if it is not a share."""
    try:
        raw = json.loads(plaintext.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise ShareFormatError("its contents are not a Reflect share.") from None
    if not isinstance(raw, dict) or raw.get("reflect_share") != FORMAT:
        raise ShareFormatError("its contents are not a Reflect share this version can read.")
    try:
        payload = _payload(raw)
    except (ValidationError, KeyError, TypeError, ValueError) as exc:
        raise ShareFormatError(f"its contents are damaged ({exc}).") from None
    signature = raw.get("signature")
    if signature is None:
        return raw, payload, None
    if not isinstance(signature, str):
        raise ShareFormatError("its signature is not readable.")
    try:
        return raw, payload, _unb64(signature)
    except ValueError:
        raise ShareFormatError("its signature is not readable.") from None


def _payload(raw: Mapping[str, Any]) -> SharePayload:
    reply = raw.get("in_reply_to")
    reflections = raw["reflections"]
    if not isinstance(reflections, list) or not 0 < len(reflections) <= MAX_REFLECTIONS:
        raise ValidationError("reflections", f"must hold 1 to {MAX_REFLECTIONS} reflections")
    note = raw.get("note") or ""
    if not isinstance(note, str) or len(note) > MAX_NOTE:
        raise ValidationError("note", "must be text")
    reply_by = raw.get("reply_by")
    return SharePayload(
        share_id=uuid.UUID(_text(raw, "share_id")),
        kind=ShareKind(_text(raw, "kind")),
        created_at=timeutil.from_text(_text(raw, "created_at")),
        sender=_party(raw["sender"], "sender"),
        recipient=_party(raw["recipient"], "recipient"),
        reflections=tuple(
            reflection_from_dict(r, f"reflections[{i}]") for i, r in enumerate(reflections)
        ),
        note=note,
        reply_by=date.fromisoformat(reply_by) if isinstance(reply_by, str) else None,
        in_reply_to=(
            ReplyTo(uuid.UUID(_text(reply, "share_id")), uuid.UUID(_text(reply, "reflection_id")))
            if isinstance(reply, dict)
            else None
        ),
    )


def _party(raw: Any, where: str) -> Party:
    if not isinstance(raw, dict):
        raise ValidationError(where, "must be an object")
    key = _unb64(_text(raw, "signing_key"))
    recipient = _text(raw, "age_recipient")
    if len(key) != 32 or not recipient.startswith("age1"):
        raise ValidationError(where, "keys are not valid")
    return Party(_text(raw, "name"), recipient, key)


def _text(raw: Mapping[str, Any], key: str) -> str:
    value = raw[key]
    if not isinstance(value, str):
        raise ValidationError(key, "must be text")
    return value


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except binascii.Error:
        raise ValueError("not base64") from None
