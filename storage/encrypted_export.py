"""The whole journal as Reflect JSON inside an age file locked by a passphrase (age's scrypt).

For moving to a new computer: the file is useless without the passphrase, unlike
the plaintext export. A wrong passphrase or a damaged file imports nothing.
"""

from __future__ import annotations

from pathlib import Path

import pyrage
from pyrage import passphrase as age_passphrase

from reflect import export_format
from reflect.errors import ReflectError, ValidationError
from reflect.export_format import JournalExport
from storage.atomic import write_atomically
from storage.exchange import ImportReport, export_document, import_journal
from storage.passphrase_policy import check_strength
from storage.vault import Vault

AGE_HEADER = b"age-encryption.org/v1\n-> scrypt "
MAX_BYTES = 2_000_000_000


def is_passphrase_age(head: bytes) -> bool:
    return head.startswith(AGE_HEADER)


def export_encrypted(vault: Vault, path: Path, passphrase: str) -> int:
    """Write the whole journal, encrypted; returns how many reflections.

    Unlike the plaintext export it carries the journal's own sharing and signing
    keys, so buddies and enablers still recognise the leader on the new computer.
    """
    check_strength(passphrase)
    document = export_document(vault, with_secrets=True)
    plaintext = export_format.dumps(document).encode("utf-8")
    write_atomically(path, bytes(age_passphrase.encrypt(plaintext, passphrase)))
    return len(document["reflections"])


def read_encrypted(path: Path, passphrase: str) -> JournalExport:
    """Open and check an encrypted export without importing it (for a preview)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReflectError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    if len(data) > MAX_BYTES or not is_passphrase_age(data):
        raise ReflectError(f"{path.name} is not an encrypted Reflect export. Nothing was imported.")
    try:
        plaintext = bytes(age_passphrase.decrypt(data, passphrase))
    except pyrage.DecryptError:
        raise ReflectError(
            f"{path.name} did not open: the passphrase is wrong or the file is damaged. "
            "Nothing was imported."
        ) from None
    try:
        return export_format.loads(plaintext.decode("utf-8"))
    except (UnicodeDecodeError, ValidationError) as exc:
        raise ReflectError(
            f"{path.name} opened, but its contents are damaged ({exc}). Nothing was imported."
        ) from None


def import_encrypted(vault: Vault, path: Path, passphrase: str) -> ImportReport:
    return import_journal(vault, read_encrypted(path, passphrase))
