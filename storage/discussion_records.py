"""Discussion records: written and signed in one journal, countersigned in the buddy's.

The file travels like a share (age, to both buddies). Importing one checks that
it is for this journal, comes from a known buddy with unchanged keys, and that
every signature on it is good; then it adds the signatures to the copy kept here.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from reflect import timeutil
from reflect.discussion_record import (
    Discussed,
    DiscussionRecord,
    RecordFormatError,
    decode,
    encode,
    new_record,
    signed_bytes,
)
from reflect.errors import ReflectError
from storage.atomic import write_atomically
from storage.db import Db
from storage.errors import NotFound
from storage.share_files import (
    AlreadyImported,
    BadSignature,
    NoSharingIdentity,
    ReAddressed,
    ShareDamaged,
    Unsigned,
    check_envelope,
    decrypt,
    encrypt_to,
    known_sender,
    party_of,
)

if TYPE_CHECKING:
    from storage.vault import Vault


def records(vault: Vault) -> list[DiscussionRecord]:
    """Every discussion record, most recent conversation first."""
    with vault.reading() as conn:
        rows = conn.execute(
            "SELECT payload FROM discussion_record ORDER BY held_on DESC, updated_at DESC"
        ).fetchall()
    return [decode(r[0].encode("utf-8")) for r in rows]


def get(vault: Vault, record_id: uuid.UUID) -> DiscussionRecord:
    with vault.reading() as conn:
        found = _load(conn, record_id)
    if found is None:
        raise NotFound("That discussion record is no longer in your journal.")
    return found


def create(
    vault: Vault, buddy_id: uuid.UUID, held_on: date, share_ids: Sequence[uuid.UUID]
) -> DiscussionRecord:
    """Write a record of a conversation with a buddy about some of the shares exchanged, and
    sign it. The buddy countersigns it when they import it."""
    ident = vault.buddies.identity()
    if ident is None:
        raise NoSharingIdentity("This journal has no buddy card yet.")
    buddy = vault.buddies.get(buddy_id)
    exchanged = {r.share_id: r for r in vault.buddies.shares() if r.buddy.id == buddy_id}
    missing = [s for s in share_ids if s not in exchanged]
    if missing:
        raise ReflectError(f"Only shares exchanged with {buddy.name} can be listed.")
    discussed = [
        Discussed(s, exchanged[s].payload.created_at.astimezone(timeutil.local_zone()).date())
        for s in share_ids
    ]
    record = new_record(party_of(ident), buddy.party, held_on, discussed)
    return _store(vault, _signed(vault, record), buddy_id)


def sign(vault: Vault, record_id: uuid.UUID) -> DiscussionRecord:
    """Add this journal's signature (countersigning a buddy's record)."""
    record = get(vault, record_id)
    with vault.reading() as conn:
        buddy_id = _buddy_id(conn, record_id)
    return _store(vault, _signed(vault, record), buddy_id)


def export(vault: Vault, record_id: uuid.UUID, out: Path) -> None:
    record = get(vault, record_id)
    ident = vault.buddies.identity()
    if ident is None:
        raise NoSharingIdentity("This journal has no buddy card yet.")
    me = party_of(ident)
    data = encrypt_to(encode(record), record.other(me), me)
    try:
        write_atomically(out, data, mode=0o600)
    except OSError as exc:
        raise ReflectError(f"Cannot write {out}: {exc.strerror or exc}.") from None


def import_record(vault: Vault, data: bytes, name: str = "This file") -> DiscussionRecord:
    """Check and keep a buddy's record (or their countersigned copy of ours)."""
    ident = check_envelope(vault, data, name)
    me = party_of(ident)
    try:
        record = decode(decrypt(data, ident, name))
    except RecordFormatError as exc:
        raise ShareDamaged(f"{name} opened, but {exc} Nothing was imported.") from None
    if not any(p.same_keys(me) for p in record.participants):
        raise ReAddressed(
            f"{name} is a record between {record.participants[0].name} and "
            f"{record.participants[1].name}, not you. Nothing was imported."
        )
    other = record.other(me)
    buddy = known_sender(vault, other, name)
    keys = {p.signing_key for p in record.participants}
    for key, signature in record.signatures.items():
        if key not in keys:
            raise BadSignature(
                f"{name} carries a signature from someone else. Nothing was imported."
            )
        try:
            Ed25519PublicKey.from_public_bytes(key).verify(signature, signed_bytes(record))
        except InvalidSignature:
            raise BadSignature(
                f"{name} has a signature that does not match the record: it was altered. "
                "Nothing was imported."
            ) from None
    if not record.signed_by(other):
        raise Unsigned(f"{name} is not signed by {other.name}. Nothing was imported.")
    with vault.reading() as conn:
        kept = _load(conn, record.id)
    if kept is not None:
        if signed_bytes(kept) != signed_bytes(record):
            raise BadSignature(
                f"{name} differs from the record you already have. Nothing was imported."
            )
        if set(record.signatures) <= set(kept.signatures):
            raise AlreadyImported(f"{name} is already in your journal. Nothing changed.")
        record = DiscussionRecord(
            record.id,
            record.held_on,
            record.created_at,
            record.participants,
            record.discussed,
            {**kept.signatures, **record.signatures},
        )
    return _store(vault, record, buddy.id)


def _signed(vault: Vault, record: DiscussionRecord) -> DiscussionRecord:
    ident = vault.buddies.identity()
    if ident is None:
        raise NoSharingIdentity("This journal has no buddy card yet.")
    me = party_of(ident)
    signature = Ed25519PrivateKey.from_private_bytes(ident.signing_private).sign(
        signed_bytes(record)
    )
    return record.with_signature(me, signature)


def _store(vault: Vault, record: DiscussionRecord, buddy_id: uuid.UUID) -> DiscussionRecord:
    with vault.writing() as conn:
        pk = conn.execute("SELECT pk FROM buddy WHERE id = :id", {"id": str(buddy_id)}).fetchone()
        if pk is None:
            raise NotFound("That buddy is no longer in your journal.")
        conn.execute(
            "INSERT INTO discussion_record (id, buddy_pk, held_on, payload, updated_at)"
            " VALUES (:id, :b, :held, :p, :now) ON CONFLICT (id) DO UPDATE SET"
            " payload = excluded.payload, updated_at = excluded.updated_at",
            {
                "id": str(record.id),
                "b": int(pk[0]),
                "held": record.held_on.isoformat(),
                "p": encode(record).decode("utf-8"),
                "now": timeutil.to_text(timeutil.now()),
            },
        )
    return record


def _load(conn: Db, record_id: uuid.UUID) -> DiscussionRecord | None:
    row = conn.execute(
        "SELECT payload FROM discussion_record WHERE id = :id", {"id": str(record_id)}
    ).fetchone()
    return None if row is None else decode(row[0].encode("utf-8"))


def _buddy_id(conn: Db, record_id: uuid.UUID) -> uuid.UUID:
    row = conn.execute(
        "SELECT b.id FROM discussion_record d JOIN buddy b ON b.pk = d.buddy_pk WHERE d.id = :id",
        {"id": str(record_id)},
    ).fetchone()
    if row is None:
        raise NotFound("That discussion record is no longer in your journal.")
    return uuid.UUID(row[0])
