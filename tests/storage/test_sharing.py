"""Buddy pairs: two journals exchange a share and a reply through files only; every bad file
is refused with its own message and changes nothing."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyrage
import pytest
from pyrage import x25519

from reflect.buddy_card import card_text, read_card, safety_number
from reflect.frameworks import Lens
from reflect.model import NewReflection, Reflection, Section
from reflect.sharing import DOMAIN_TAG, FORMAT, ReplyTo, ShareKind, with_sections
from storage import crypto
from storage.buddies import BuddyKeyChanged
from storage.share_files import (
    AlreadyImported,
    BadSignature,
    NotAShare,
    NotForYou,
    ReAddressed,
    SenderKeyChanged,
    ShareDamaged,
    ShareRefused,
    UnknownSender,
    Unsigned,
    ensure_identity,
    export_share,
    import_share,
    my_party,
)
from storage.vault import Vault
from tests.conftest import PASSPHRASE


@dataclass
class Leader:
    vault: Vault
    folder: Path

    def card(self) -> str:
        return card_text(my_party(self.vault))


def make_leader(folder: Path, name: str) -> Leader:
    vault, _ = Vault.create(folder, PASSPHRASE, crypto.FLOOR_PARAMS)
    ensure_identity(vault, name)
    return Leader(vault, folder)


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Leader, Leader]]:
    """Asha and Ben, each in a data directory of their own, buddies by swapping cards."""
    asha = make_leader(tmp_path / "asha", "Asha Patel")
    ben = make_leader(tmp_path / "ben", "Ben Hughes")
    asha.vault.buddies.add(read_card(ben.card()))
    ben.vault.buddies.add(read_card(asha.card()))
    yield asha, ben
    asha.vault.lock()
    ben.vault.lock()


def buddy_id(leader: Leader, name: str) -> uuid.UUID:
    return leader.vault.buddies.named(name)[0].id


def written(vault: Vault) -> Reflection:
    return vault.add(
        NewReflection(
            title="Board away day",
            sections=(
                Section("Amy from the ICB pushed back hard on the discharge money."),
                Section("I stayed curious rather than defensive.", Lens.BIOGRAPHER),
                Section("Ask before proposing; it changes the room.", Lens.SAGE),
            ),
            people=["Amy Clarke"],
        )
    )


def journal_state(vault: Vault) -> tuple[object, ...]:
    return (
        [(r.payload.share_id, r.direction) for r in vault.buddies.shares()],
        [b.party for b in vault.buddies.listed()],
        vault.count(),
    )


# --- acceptance 1 and 3 ---------------------------------------------------------------------


def test_a_share_and_a_reply_travel_between_two_journals_as_files(
    pair: tuple[Leader, Leader], tmp_path: Path
) -> None:
    asha, ben = pair
    # The safety number is the same on both sides.
    assert safety_number(my_party(asha.vault), read_card(ben.card())) == safety_number(
        my_party(ben.vault), read_card(asha.card())
    )
    original = written(asha.vault)
    only_learning = with_sections(original, [Lens.SAGE])
    assert only_learning is not None
    out = tmp_path / "to-ben.age"
    sent = export_share(
        asha.vault,
        buddy_id(asha, "Ben Hughes"),
        [only_learning],
        out,
        note="The bit I most want your view on.",
        reply_by=date(2026, 12, 8),
    )
    assert out.read_bytes().startswith(b"age-encryption.org/v1\n")
    assert oct(out.stat().st_mode & 0o777) == "0o600"

    received = import_share(ben.vault, out.read_bytes(), out.name)
    assert received.buddy.name == "Asha Patel"
    assert received.payload.share_id == sent.share_id
    [shared] = received.payload.reflections
    assert [s.text for s in shared.sections] == ["Ask before proposing; it changes the room."]
    assert received.payload.note == "The bit I most want your view on."
    assert received.payload.reply_by == date(2026, 12, 8)
    assert ben.vault.count() == 0  # it sits in "From my buddies", not in Ben's own journal

    # Ben answers with a reflection of his own, linked to Asha's, and shares it back.
    answer = ben.vault.add(NewReflection(sections=(Section("Same for me with the council."),)))
    reply_to = ReplyTo(sent.share_id, shared.id)
    ben.vault.buddies.link_reply(answer.id, reply_to)
    back = tmp_path / "to-asha.age"
    export_share(
        ben.vault,
        buddy_id(ben, "Asha Patel"),
        [answer],
        back,
        in_reply_to=reply_to,
    )
    reply = import_share(asha.vault, back.read_bytes(), back.name)
    assert reply.payload.kind is ShareKind.REPLY
    assert reply.payload.in_reply_to == reply_to
    # Both journals hold the exchange: Asha's sent share and Ben's reply, and the reverse.
    assert [(r.direction, r.payload.kind) for r in asha.vault.buddies.shares()] == [
        ("received", ShareKind.REPLY),
        ("sent", ShareKind.SHARE),
    ]
    assert [(r.direction, r.payload.kind) for r in ben.vault.buddies.shares()] == [
        ("sent", ShareKind.REPLY),
        ("received", ShareKind.SHARE),
    ]
    assert ben.vault.buddies.replies_to(sent.share_id) == [(answer.id, reply_to)]
    assert asha.vault.get(original.id) == original  # sharing changed nothing of hers


def test_the_share_is_a_standard_age_file_with_the_documented_payload(
    pair: tuple[Leader, Leader], tmp_path: Path
) -> None:
    asha, ben = pair
    out = tmp_path / "to-ben.age"
    export_share(asha.vault, buddy_id(asha, "Ben Hughes"), [written(asha.vault)], out)
    ident = ben.vault.buddies.identity()
    assert ident is not None
    plaintext = pyrage.decrypt(out.read_bytes(), [x25519.Identity.from_str(ident.age_identity)])
    payload = json.loads(plaintext)
    assert set(payload) == {
        "reflect_share",
        "share_id",
        "kind",
        "created_at",
        "sender",
        "recipient",
        "note",
        "reply_by",
        "in_reply_to",
        "reflections",
        "signature",
    }
    assert payload["reflect_share"] == FORMAT and payload["kind"] == "share"
    assert payload["sender"]["name"] == "Asha Patel"
    assert payload["recipient"]["age_recipient"] == my_party(ben.vault).age_recipient
    assert payload["reflections"][0]["title"] == "Board away day"
    # The sender can reopen what she sent with her own key.
    own = asha.vault.buddies.identity()
    assert own is not None
    assert (
        pyrage.decrypt(out.read_bytes(), [x25519.Identity.from_str(own.age_identity)]) == plaintext
    )
    assert DOMAIN_TAG.startswith(b"reflect share")


# --- acceptance 2: each refusal, nothing changed ----------------------------------------------


@pytest.fixture
def sent(pair: tuple[Leader, Leader], tmp_path: Path) -> bytes:
    asha, _ = pair
    out = tmp_path / "share.age"
    export_share(asha.vault, buddy_id(asha, "Ben Hughes"), [written(asha.vault)], out)
    return out.read_bytes()


def refused(leader: Leader, data: bytes, kind: type[ShareRefused]) -> str:
    before = journal_state(leader.vault)
    with pytest.raises(kind) as caught:
        import_share(leader.vault, data, "share.age")
    assert journal_state(leader.vault) == before
    message = str(caught.value)
    assert "Nothing" in message and "Traceback" not in message
    return message


def test_a_file_that_is_not_age_is_refused(pair: tuple[Leader, Leader]) -> None:
    _, ben = pair
    assert "not an age-encrypted file" in refused(ben, b"Dear Ben, here it is", NotAShare)


def test_a_truncated_share_is_refused(pair: tuple[Leader, Leader], sent: bytes) -> None:
    _, ben = pair
    assert "damaged or was altered" in refused(ben, sent[: len(sent) // 2], ShareDamaged)


def test_an_altered_share_is_refused(pair: tuple[Leader, Leader], sent: bytes) -> None:
    _, ben = pair
    body = bytearray(sent)
    body[-20] ^= 0x01
    assert "damaged or was altered" in refused(ben, bytes(body), ShareDamaged)
    header = bytearray(sent)
    header[40] ^= 0x01
    refused(ben, bytes(header), ShareRefused)


def test_a_share_for_someone_else_is_refused(
    pair: tuple[Leader, Leader], sent: bytes, tmp_path: Path
) -> None:
    asha, _ = pair
    carol = make_leader(tmp_path / "carol", "Carol Jones")
    try:
        carol.vault.buddies.add(read_card(asha.card()))
        assert "encrypted for someone else" in refused(carol, sent, NotForYou)
    finally:
        carol.vault.lock()


def _resent(sent: bytes, ben: Leader, to: Leader, mutate: object = None) -> bytes:
    """Ben opens Asha's share and re-encrypts its plaintext (perhaps edited) to someone else."""
    ident = ben.vault.buddies.identity()
    assert ident is not None
    plaintext = pyrage.decrypt(sent, [x25519.Identity.from_str(ident.age_identity)])
    if callable(mutate):
        plaintext = mutate(plaintext)
    recipient = x25519.Recipient.from_str(my_party(to.vault).age_recipient)
    return pyrage.encrypt(plaintext, [recipient])


def test_a_re_addressed_share_is_refused(
    pair: tuple[Leader, Leader], sent: bytes, tmp_path: Path
) -> None:
    asha, ben = pair
    carol = make_leader(tmp_path / "carol", "Carol Jones")
    try:
        carol.vault.buddies.add(read_card(asha.card()))  # Carol knows Asha too
        message = refused(carol, _resent(sent, ben, carol), ReAddressed)
        assert "written for Ben Hughes, not for you" in message
    finally:
        carol.vault.lock()


def test_an_unsigned_share_is_refused(pair: tuple[Leader, Leader], sent: bytes) -> None:
    _, ben = pair

    def unsign(plaintext: bytes) -> bytes:
        payload = json.loads(plaintext)
        del payload["signature"]
        return json.dumps(payload).encode()

    assert "is not signed" in refused(ben, _resent(sent, ben, ben, unsign), Unsigned)


def test_a_share_with_a_wrong_signature_is_refused(
    pair: tuple[Leader, Leader], sent: bytes
) -> None:
    _, ben = pair

    def edit(plaintext: bytes) -> bytes:
        return plaintext.replace(b"pushed back hard", b"agreed warmly")

    assert "does not match its contents" in refused(
        ben, _resent(sent, ben, ben, edit), BadSignature
    )


def test_a_share_from_someone_unknown_is_refused(
    pair: tuple[Leader, Leader], tmp_path: Path
) -> None:
    _, ben = pair
    stranger = make_leader(tmp_path / "dan", "Dan Smith")
    try:
        stranger.vault.buddies.add(read_card(ben.card()))
        out = tmp_path / "from-dan.age"
        export_share(
            stranger.vault, buddy_id(stranger, "Ben Hughes"), [written(stranger.vault)], out
        )
        assert "not one of your buddies" in refused(ben, out.read_bytes(), UnknownSender)
    finally:
        stranger.vault.lock()


def test_a_share_from_a_changed_key_is_refused(pair: tuple[Leader, Leader], tmp_path: Path) -> None:
    _, ben = pair
    impostor = make_leader(tmp_path / "fake-asha", "Asha Patel")  # same name, new keys
    try:
        impostor.vault.buddies.add(read_card(ben.card()))
        out = tmp_path / "fake.age"
        export_share(
            impostor.vault, buddy_id(impostor, "Ben Hughes"), [written(impostor.vault)], out
        )
        assert "not the ones you have for Asha Patel" in refused(
            ben, out.read_bytes(), SenderKeyChanged
        )
        # And her new card is not accepted silently either.
        with pytest.raises(BuddyKeyChanged, match="already have a buddy called Asha Patel"):
            ben.vault.buddies.add(read_card(impostor.card()))
    finally:
        impostor.vault.lock()


def test_a_share_already_imported_is_refused(pair: tuple[Leader, Leader], sent: bytes) -> None:
    _, ben = pair
    import_share(ben.vault, sent, "share.age")
    assert "already in your journal" in refused(ben, sent, AlreadyImported)


def test_the_sender_cannot_import_her_own_share(pair: tuple[Leader, Leader], sent: bytes) -> None:
    asha, _ = pair
    # She can open it (she is a recipient), and it is already hers as sent.
    assert "a share you sent to Ben Hughes" in refused(asha, sent, AlreadyImported)
