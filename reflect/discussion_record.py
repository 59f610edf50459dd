"""A reflective discussion record: that two buddies met and which shares they talked about.

It holds no reflection text: the date, the two people (with their keys) and the
ids and dates of the shares discussed, so it can go in a professional portfolio.
Both sign the same bytes (a domain tag and the record as canonical JSON, without
the signatures); a record is complete when both signatures are on it.
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from reflect import timeutil
from reflect.errors import ReflectError
from reflect.sharing import Party

FORMAT = 1
DOMAIN_TAG = b"reflect discussion record v1\n"
MAX_DISCUSSED = 200


class RecordFormatError(ReflectError):
    """The contents are not a discussion record."""


@dataclass(frozen=True, slots=True)
class Discussed:
    share_id: uuid.UUID
    shared_on: date


@dataclass(frozen=True, slots=True)
class DiscussionRecord:
    id: uuid.UUID
    held_on: date
    created_at: datetime
    participants: tuple[Party, Party]  # the one who wrote it first
    discussed: tuple[Discussed, ...]
    signatures: Mapping[bytes, bytes] = field(default_factory=dict)  # signing key -> signature

    def signed_by(self, party: Party) -> bool:
        return party.signing_key in self.signatures

    @property
    def complete(self) -> bool:
        return all(self.signed_by(p) for p in self.participants)

    def other(self, me: Party) -> Party:
        first, second = self.participants
        return second if first.same_keys(me) else first

    def with_signature(self, signer: Party, signature: bytes) -> DiscussionRecord:
        return replace(self, signatures={**self.signatures, signer.signing_key: signature})


def new_record(
    me: Party,
    buddy: Party,
    held_on: date,
    discussed: Sequence[Discussed],
    now: datetime | None = None,
) -> DiscussionRecord:
    if held_on > (now or timeutil.now()).date():
        raise ReflectError("A discussion record is for a conversation that has happened.")
    if len(discussed) > MAX_DISCUSSED:
        raise ReflectError(f"A record can list at most {MAX_DISCUSSED} shares.")
    return DiscussionRecord(
        uuid.uuid4(), held_on, now or timeutil.now(), (me, buddy), tuple(discussed)
    )


def content(record: DiscussionRecord) -> dict[str, Any]:
    """The record as JSON-ready data, without signatures: what both sign."""
    return {
        "reflect_discussion_record": FORMAT,
        "id": str(record.id),
        "held_on": record.held_on.isoformat(),
        "created_at": timeutil.to_text(record.created_at),
        "participants": [
            {"name": p.name, "age_recipient": p.age_recipient, "signing_key": _b64(p.signing_key)}
            for p in record.participants
        ],
        "discussed": [
            {"share_id": str(d.share_id), "shared_on": d.shared_on.isoformat()}
            for d in record.discussed
        ],
    }


def signed_bytes(record: DiscussionRecord) -> bytes:
    text = json.dumps(content(record), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return DOMAIN_TAG + text.encode("utf-8")


def encode(record: DiscussionRecord) -> bytes:
    signatures = {_b64(k): _b64(v) for k, v in record.signatures.items()}
    return json.dumps({**content(record), "signatures": signatures}, ensure_ascii=False).encode()


def decode(data: bytes) -> DiscussionRecord:
    try:
        raw = json.loads(data.decode("utf-8"))
        if not isinstance(raw, dict) or raw.get("reflect_discussion_record") != FORMAT:
            raise ValueError("not a record")
        first, second = (_party(p) for p in raw["participants"])
        discussed = tuple(
            Discussed(uuid.UUID(d["share_id"]), date.fromisoformat(d["shared_on"]))
            for d in raw["discussed"][: MAX_DISCUSSED + 1]
        )
        if len(discussed) > MAX_DISCUSSED:
            raise ValueError("too many shares")
        signatures = {_unb64(k): _unb64(v) for k, v in dict(raw.get("signatures") or {}).items()}
        return DiscussionRecord(
            uuid.UUID(raw["id"]),
            date.fromisoformat(raw["held_on"]),
            timeutil.from_text(raw["created_at"]),
            (first, second),
            discussed,
            signatures,
        )
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError, RecursionError):
        raise RecordFormatError("its contents are not a discussion record.") from None


def _party(raw: Any) -> Party:
    key = _unb64(raw["signing_key"])
    if len(key) != 32 or not str(raw["age_recipient"]).startswith("age1"):
        raise ValueError("bad keys")
    return Party(str(raw["name"]), str(raw["age_recipient"]), key)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except binascii.Error:
        raise ValueError("not base64") from None
