"""Share files: sign, encrypt (age v1, X25519) and write; open, check and record.

A share is signed with the sender's Ed25519 key (over reflect.sharing.signed_bytes)
and then encrypted to two age recipients: the buddy and the sender, so the
sender can reopen what they sent. Opening one refuses, with its own message and
nothing recorded: a file that is not age, is cut short or altered, is for
someone else, was re-addressed, is unsigned or wrongly signed, comes from an
unknown or changed key, or was already imported.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pyrage
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from pyrage import x25519

from reflect.errors import ReflectError
from reflect.model import Reflection
from reflect.sharing import (
    Party,
    ReplyTo,
    ShareFormatError,
    SharePayload,
    decode,
    encode,
    new_share,
    payload_to_dict,
    signed_bytes,
)
from storage import buddies as records
from storage.atomic import write_atomically
from storage.buddies import ShareRecord, SharingIdentity

if TYPE_CHECKING:
    from storage.vault import Vault

MAX_SHARE_BYTES = 50_000_000
AGE_BINARY = b"age-encryption.org/v1\n"
AGE_ARMOR = b"-----BEGIN AGE ENCRYPTED FILE-----"


class ShareRefused(ReflectError):
    """A share file that was not imported; the message says why. Nothing was changed."""


class NotAShare(ShareRefused): ...


class ShareDamaged(ShareRefused): ...


class NotForYou(ShareRefused): ...


class ReAddressed(ShareRefused): ...


class Unsigned(ShareRefused): ...


class BadSignature(ShareRefused): ...


class UnknownSender(ShareRefused): ...


class SenderKeyChanged(ShareRefused): ...


class AlreadyImported(ShareRefused): ...


class NoSharingIdentity(ReflectError):
    """Sharing needs this journal's keys, made on first use with a name."""


# --- this journal's keys ------------------------------------------------------------------


def new_identity(name: str) -> SharingIdentity:
    name = name.strip()
    if not name:
        raise ReflectError("Give the name your buddies know you by.")
    return SharingIdentity(
        name, str(x25519.Identity.generate()), Ed25519PrivateKey.generate().private_bytes_raw()
    )


def party_of(ident: SharingIdentity) -> Party:
    age = x25519.Identity.from_str(ident.age_identity).to_public()
    signing = Ed25519PrivateKey.from_private_bytes(ident.signing_private).public_key()
    return Party(ident.name, str(age), signing.public_bytes_raw())


def ensure_identity(vault: Vault, name: str | None = None) -> SharingIdentity:
    """This journal's sharing identity, made now if there is none (then `name` is needed)."""
    existing = vault.buddies.identity()
    if existing is not None:
        if name and name.strip() and name.strip() != existing.name:
            existing = SharingIdentity(
                name.strip(), existing.age_identity, existing.signing_private
            )
            vault.buddies.save_identity(existing)
        return existing
    if not name:
        raise NoSharingIdentity(
            "This journal has no buddy card yet: give the name your buddies know you by."
        )
    made = new_identity(name)
    vault.buddies.save_identity(made)
    return made


def my_party(vault: Vault) -> Party:
    ident = vault.buddies.identity()
    if ident is None:
        raise NoSharingIdentity("This journal has no buddy card yet.")
    return party_of(ident)


# --- sending ---------------------------------------------------------------------------------


def export_share(
    vault: Vault,
    buddy_id: uuid.UUID,
    reflections: Sequence[Reflection],
    out: Path,
    *,
    note: str = "",
    reply_by: date | None = None,
    in_reply_to: ReplyTo | None = None,
    now: datetime | None = None,
) -> SharePayload:
    """Sign, encrypt and write the share to `out` (atomically), and record it as sent."""
    ident = vault.buddies.identity()
    if ident is None:
        raise NoSharingIdentity("This journal has no buddy card yet.")
    buddy = vault.buddies.get(buddy_id)
    me = party_of(ident)
    payload = new_share(
        me,
        buddy.party,
        reflections,
        note=note,
        reply_by=reply_by,
        in_reply_to=in_reply_to,
        now=now,
    )
    content = payload_to_dict(payload)
    signature = Ed25519PrivateKey.from_private_bytes(ident.signing_private).sign(
        signed_bytes(content)
    )
    plaintext = encode(content, signature)
    ciphertext = encrypt_to(plaintext, buddy.party, me)
    with vault.writing() as conn:
        # Recorded in the same transaction as the file is written: if writing fails,
        # nothing says it was sent.
        records.record_share(conn, plaintext.decode("utf-8"), payload, "sent", buddy_id)
        try:
            write_atomically(out, ciphertext, mode=0o600)
        except OSError as exc:
            raise ReflectError(
                f"Cannot write {out}: {exc.strerror or exc}. Nothing was sent."
            ) from None
    return payload


# --- receiving -------------------------------------------------------------------------------


def read_share_file(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(MAX_SHARE_BYTES + 1)


def import_share(vault: Vault, data: bytes, name: str = "This file") -> ShareRecord:
    """Open, check and keep a share; ShareRefused (with nothing changed) if any check fails."""
    ident = check_envelope(vault, data, name)
    me = party_of(ident)
    plaintext = decrypt(data, ident, name)
    try:
        raw, payload, signature = decode(plaintext)
    except ShareFormatError as exc:
        raise ShareDamaged(f"{name} opened, but {exc} Nothing was imported.") from None
    if signature is None:
        raise Unsigned(
            f"{name} is not signed, so nothing shows who wrote it. Nothing was imported."
        )
    try:
        Ed25519PublicKey.from_public_bytes(payload.sender.signing_key).verify(
            signature, signed_bytes(raw)
        )
    except InvalidSignature:
        raise BadSignature(
            f"{name} has a signature that does not match its contents: it was altered or "
            "forged. Nothing was imported."
        ) from None
    if payload.sender.same_keys(me):
        raise AlreadyImported(
            f"{name} is a share you sent to {payload.recipient.name}; it is already in your "
            "journal. Nothing changed."
        )
    sender = known_sender(vault, payload.sender, name)
    if not payload.recipient.same_keys(me):
        raise ReAddressed(
            f"{name} was written for {payload.recipient.name}, not for you, and has been "
            "re-sent. Nothing was imported."
        )
    with vault.writing() as conn:
        if records.has_share(conn, payload.share_id):
            raise AlreadyImported(
                f"{name} is already in your journal (the same share). Nothing changed."
            )
        records.record_share(conn, plaintext.decode("utf-8"), payload, "received", sender.id)
    return ShareRecord(payload, "received", sender, payload.created_at)


def check_envelope(vault: Vault, data: bytes, name: str) -> SharingIdentity:
    """Refuse what cannot be a file for this journal before trying to open it."""
    if len(data) > MAX_SHARE_BYTES:
        raise NotAShare(f"{name} is too large to be a Reflect share. Nothing was imported.")
    if not (data.startswith(AGE_BINARY) or data.lstrip().startswith(AGE_ARMOR)):
        raise NotAShare(
            f"{name} is not a Reflect share (it is not an age-encrypted file). "
            "Nothing was imported."
        )
    ident = vault.buddies.identity()
    if ident is None:
        raise NotForYou(
            f"{name} cannot be for this journal: it has no buddy card yet, so nobody could "
            "have encrypted anything to it. Nothing was imported."
        )
    return ident


def encrypt_to(plaintext: bytes, *parties: Party) -> bytes:
    return bytes(
        pyrage.encrypt(plaintext, [x25519.Recipient.from_str(p.age_recipient) for p in parties])
    )


def decrypt(data: bytes, ident: SharingIdentity, name: str) -> bytes:
    """The plaintext of an age file for this journal; NotForYou or ShareDamaged otherwise."""
    try:
        return bytes(pyrage.decrypt(data, [x25519.Identity.from_str(ident.age_identity)]))
    except pyrage.DecryptError as exc:
        if "no matching keys" in str(exc).casefold():
            raise NotForYou(
                f"{name} was encrypted for someone else: your keys cannot open it. "
                "Nothing was imported."
            ) from None
        raise ShareDamaged(
            f"{name} is damaged or was altered after it was sent (it may be cut short). "
            "Ask your buddy to send it again. Nothing was imported."
        ) from None


def known_sender(vault: Vault, sender: Party, name: str) -> records.Buddy:
    """The buddy whose keys these are; UnknownSender or SenderKeyChanged otherwise."""
    with vault.reading() as conn:
        known = records.buddy_with_key(conn, sender.signing_key)
        same_name = records.buddies_named(conn, sender.name)
    if known is not None and known.party.age_recipient == sender.age_recipient:
        return known
    if known is not None or same_name:
        who = (known or same_name[0]).name
        raise SenderKeyChanged(
            f"{name} says it is from {sender.name}, but its keys are not the ones you have for "
            f"{who}. It may not be from them. Nothing was imported; check with {who} and, if "
            "they have new keys, add their new buddy card."
        )
    raise UnknownSender(
        f"{name} is from {sender.name}, who is not one of your buddies. Add their buddy card "
        "and compare the safety number first. Nothing was imported."
    )
