"""Signed packs: signed on one journal, verified on another; every forgery refused whole."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prompts.importing import ImportPlan, apply, check
from prompts.library import Origin, library
from prompts.pack_errors import PackError
from prompts.pack_format import read_pack
from prompts.signing import SigningIdentity, fingerprint, sign_pack, verify
from storage import crypto
from storage.vault import Vault
from tests.conftest import PASSPHRASE
from tests.prompts.packs import GOOD, replaced

TODAY = date(2026, 11, 24)


@pytest.fixture
def enabler(vault: Vault) -> SigningIdentity:
    """Sam, an enabler, whose signing identity lives in their own journal (`vault`)."""
    identity = SigningIdentity.create("Sam Okafor")
    vault.prompt_packs.save_identity(identity.name, identity.private_key)
    return identity


@pytest.fixture
def leader(tmp_path: Path) -> Iterator[Vault]:
    """A leader's journal in a data directory of its own, with its own keys."""
    opened, _ = Vault.create(tmp_path / "leader", PASSPHRASE, crypto.FLOOR_PARAMS)
    yield opened
    opened.lock()


def signed_by(identity: SigningIdentity, text: str = GOOD) -> bytes:
    return sign_pack(text.encode("utf-8"), identity, "first-month.toml").encode("utf-8")


def imported(leader: Vault, data: bytes) -> ImportPlan:
    plan = check(data, "first-month.toml", leader.prompt_packs)
    apply(plan, leader.prompt_packs, TODAY)
    return plan


def refused(leader: Vault, data: bytes) -> str:
    before = [(p.id, p.version) for p in leader.prompt_packs.stored()]
    enablers = leader.prompt_packs.enablers()
    with pytest.raises(PackError) as caught:
        check(data, "first-month.toml", leader.prompt_packs)
    assert [(p.id, p.version) for p in leader.prompt_packs.stored()] == before
    assert leader.prompt_packs.enablers() == enablers
    return str(caught.value)


def test_a_pack_signed_on_one_journal_verifies_on_another(
    vault: Vault, enabler: SigningIdentity, leader: Vault
) -> None:
    # The enabler's key comes back out of their encrypted journal to sign.
    stored = vault.prompt_packs.identity()
    assert stored is not None
    data = signed_by(SigningIdentity(stored.name, stored.private_key))

    plan = check(data, "first-month.toml", leader.prompt_packs)
    assert plan.signer is not None and plan.signer.name == "Sam Okafor"
    assert plan.fingerprint == enabler.fingerprint
    assert plan.needs_confirmation  # the first pack from Sam: compare the fingerprint
    apply(plan, leader.prompt_packs, TODAY)

    [pack] = [p for p in library(leader.prompt_packs) if p.origin is not Origin.BUILTIN]
    assert pack.origin is Origin.SIGNED
    assert pack.fingerprint == enabler.fingerprint
    assert pack.started_on == TODAY
    assert next(p.key for p in pack.pack.prompts) == "first-month/arrival"
    # The second pack from a known enabler needs no second look at the fingerprint.
    newer = signed_by(enabler, replaced("version = 1", "version = 2"))
    assert not check(newer, "first-month.toml", leader.prompt_packs).needs_confirmation


def test_the_fingerprint_is_short_and_stable(enabler: SigningIdentity) -> None:
    assert fingerprint(enabler.public_key) == enabler.fingerprint
    assert len(enabler.fingerprint) == 19 and enabler.fingerprint.count("-") == 3
    assert "private" not in repr(enabler) and str(enabler.private_key) not in repr(enabler)


def test_a_forged_signature_is_refused(enabler: SigningIdentity, leader: Vault) -> None:
    text = signed_by(enabler).decode()
    value = text.rsplit('value = "', 1)[1].split('"')[0]
    forged = text.replace(value, base64.b64encode(bytes(64)).decode())
    message = refused(leader, forged.encode())
    assert "signature does not match the pack" in message


def test_a_pack_changed_after_signing_is_refused(enabler: SigningIdentity, leader: Vault) -> None:
    text = signed_by(enabler).decode().replace("nobody owns yet", "everybody owns")
    assert "changed after signing" in refused(leader, text.encode())


def test_a_signature_copied_from_another_pack_is_refused(
    enabler: SigningIdentity, leader: Vault
) -> None:
    renamed = replaced('title = "The first month', 'title = "Before the board')
    other = signed_by(enabler, renamed).decode()
    block = other[other.index("[signature]") :]
    grafted = GOOD + "\n" + block
    assert "does not match the pack" in refused(leader, grafted.encode())


def test_a_new_key_for_a_known_enabler_is_refused_until_the_old_one_is_forgotten(
    enabler: SigningIdentity, leader: Vault
) -> None:
    imported(leader, signed_by(enabler))
    impostor = SigningIdentity.create("sam okafor")  # the same name, any case: another key
    pack = signed_by(impostor, replaced('id = "first-month"', 'id = "board-prep"'))
    message = refused(leader, pack)
    assert "signed with a different key" in message
    assert "remove their old one" in message
    # If Sam really made a new key, the leader forgets the old one and checks the new one.
    leader.prompt_packs.forget_enabler(enabler.public_key)
    plan = imported(leader, pack)
    assert plan.needs_confirmation and plan.fingerprint == impostor.fingerprint


def test_a_damaged_signature_block_is_refused(enabler: SigningIdentity, leader: Vault) -> None:
    text = signed_by(enabler).decode()
    key = text.rsplit('public_key = "', 1)[1].split('"')[0]
    assert "damaged signature block" in refused(leader, text.replace(key, "not base64!").encode())


def test_an_unsigned_pack_imports_only_when_confirmed_and_is_marked(leader: Vault) -> None:
    plan = check(GOOD.encode(), "first-month.toml", leader.prompt_packs)
    assert plan.signer is None and plan.needs_confirmation
    assert leader.prompt_packs.stored() == []  # checking changed nothing
    apply(plan, leader.prompt_packs, TODAY)
    [pack] = [p for p in library(leader.prompt_packs) if p.origin is not Origin.BUILTIN]
    assert pack.origin is Origin.UNSIGNED and pack.fingerprint is None


def test_versions_move_forwards_only(enabler: SigningIdentity, leader: Vault) -> None:
    imported(leader, signed_by(enabler, replaced("version = 1", "version = 3")))
    assert "older than the version 3" in refused(leader, signed_by(enabler))
    assert "already in your library" in refused(
        leader, signed_by(enabler, replaced("version = 1", "version = 3"))
    )
    changed = replaced("version = 1", "version = 3", replaced("nobody owns", "no one owns"))
    assert "raise the version" in refused(leader, signed_by(enabler, changed))
    plan = imported(leader, signed_by(enabler, replaced("version = 1", "version = 4")))
    assert plan.replaces_version == 3


def test_a_signed_pack_cannot_be_replaced_by_someone_else(
    enabler: SigningIdentity, leader: Vault
) -> None:
    imported(leader, signed_by(enabler))
    newer_unsigned = replaced("version = 1", "version = 2").encode()
    assert "but it is not signed" in refused(leader, newer_unsigned)
    stranger = signed_by(
        SigningIdentity.create("Pat Jones"), replaced("version = 1", "version = 2")
    )
    assert "but it is signed by Pat Jones" in refused(leader, stranger)


def test_built_in_pack_ids_cannot_be_taken(leader: Vault) -> None:
    fake = replaced('id = "first-month"', 'id = "reflect-six-ways"').encode()
    assert "kept for Reflect's own packs" in refused(leader, fake)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["title", "author", "version", "text", "ways", "every", "signer"]))
def test_any_change_to_a_signed_field_breaks_the_signature(field: str) -> None:
    identity = SigningIdentity.create("Sam Okafor")
    text = sign_pack(GOOD.encode(), identity).replace(
        "# The first month, for", "# Comments may change, for"
    )
    assert verify(read_pack(text.encode())) is not None  # comments are not signed
    changes = {
        "title": ('title = "The first month', 'title = "The last month'),
        "author": ('author = "Sam Okafor"', 'author = "Sam Okafor Jr"'),
        "version": ("version = 1", "version = 2"),
        "text": ("small thing", "large thing"),
        "ways": ('ways = ["doing"]', 'ways = ["being"]'),
        "every": ('every = "monday"', 'every = "friday"'),
        "signer": ('signer = "Sam Okafor"', 'signer = "Pat Jones"'),
    }
    old, new = changes[field]
    with pytest.raises(PackError, match="does not match the pack"):
        verify(read_pack(text.replace(old, new, 1).encode()))


def test_every_broken_pack_in_the_corpus_imports_nothing(vault: Vault) -> None:
    from tests.prompts.test_pack_format import BROKEN

    for case, (text, expected) in BROKEN.items():
        data = text.encode("utf-8") if isinstance(text, str) else text
        with pytest.raises(PackError, match=re.escape(expected)):
            check(data, f"{case}.toml", vault.prompt_packs)
    assert vault.prompt_packs.stored() == [] and vault.prompt_packs.enablers() == []
