"""The leader's prompt records: packs kept, choices, pins and hides, what prompts led to."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reflect.model import NewReflection, Section
from reflect.prompt_library import Signer
from storage.vault import Vault
from tests.conftest import PASSPHRASE

TODAY = date(2026, 11, 24)
SAM = Signer("Sam Okafor", bytes(range(32)))


def test_an_imported_pack_is_kept_as_written_with_its_signer(vault: Vault) -> None:
    vault.prompt_packs.save("first-month", 2, "the pack's text", SAM, TODAY)
    [stored] = vault.prompt_packs.stored()
    assert (stored.id, stored.version, stored.source, stored.signer) == (
        "first-month",
        2,
        "the pack's text",
        SAM,
    )
    [known] = vault.prompt_packs.enablers_named("SAM OKAFOR")
    assert known.public_key == SAM.public_key
    assert vault.prompt_packs.choices()["first-month"].started_on == TODAY


def test_a_new_version_restarts_the_schedule(vault: Vault) -> None:
    packs = vault.prompt_packs
    packs.save("first-month", 1, "v1", SAM, date(2026, 10, 1))
    packs.mark_step_done("first-month", 0)
    packs.mark_step_done("first-month", 2)
    assert packs.choices()["first-month"].steps_done == {0, 2}
    packs.save("first-month", 2, "v2", SAM, TODAY)
    choice = packs.choices()["first-month"]
    assert (choice.started_on, choice.steps_done) == (TODAY, frozenset())


def test_pins_and_hides_exclude_each_other_and_remember_the_last_offer(vault: Vault) -> None:
    packs = vault.prompt_packs
    packs.set_pinned("a/one", True)
    packs.set_pinned("a/two", True)
    packs.set_hidden("a/three", True)
    packs.note_offered("a/two")
    marks = packs.marks()
    assert marks.pinned == ("a/one", "a/two")
    assert marks.hidden == {"a/three"}
    assert marks.last_offered == "a/two"
    packs.set_hidden("a/one", True)  # "not this one again" also unpins
    packs.set_pinned("a/three", True)  # pinning brings a hidden prompt back
    marks = packs.marks()
    assert marks.pinned == ("a/two", "a/three") and marks.hidden == {"a/one"}


def test_removing_a_pack_keeps_what_was_written_in_answer(vault: Vault) -> None:
    packs = vault.prompt_packs
    packs.save("first-month", 1, "v1", SAM, TODAY)
    packs.set_pinned("first-month/arrival", True)
    packs.set_pinned("other/keep", True)
    vault.add(
        NewReflection(
            sections=(Section("Three new people at the board.", prompt_id="first-month/arrival"),)
        )
    )
    assert packs.remove("first-month")
    assert not packs.remove("first-month")
    assert packs.stored() == [] and "first-month" not in packs.choices()
    assert packs.marks().pinned == ("other/keep",)
    assert [(w.prompt_key, w.sections, w.words) for w in packs.writing_by_prompt()] == [
        ("first-month/arrival", 1, 6)
    ]
    # Forgetting an enabler's key leaves their packs alone.
    packs.save("first-month", 1, "v1", SAM, TODAY)
    packs.forget_enabler(SAM.public_key)
    assert packs.enablers() == [] and len(packs.stored()) == 1


def test_writing_by_prompt_ranks_by_words_and_leaves_out_the_trash(vault: Vault) -> None:
    def answer(key: str, text: str) -> NewReflection:
        return NewReflection(sections=(Section(text, prompt_id=key), Section("no prompt here")))

    vault.add(answer("p/short", "one two"))
    vault.add(answer("p/long", "one two three four five six"))
    vault.add(answer("p/short", "three four five"))
    binned = vault.add(answer("p/binned", "a great many words " * 20))
    vault.delete(binned.id)
    assert [
        (w.prompt_key, w.sections, w.words) for w in vault.prompt_packs.writing_by_prompt()
    ] == [
        ("p/long", 1, 6),
        ("p/short", 2, 5),
    ]


def test_the_signing_identity_lives_in_the_journal(journal_dir: Path, vault: Vault) -> None:
    vault.prompt_packs.save_identity("Sam Okafor", b"k" * 32)
    vault.lock()
    with Vault.unlock(journal_dir, passphrase=PASSPHRASE) as again:
        identity = again.prompt_packs.identity()
    assert identity is not None and (identity.name, identity.private_key) == (
        "Sam Okafor",
        b"k" * 32,
    )
    assert "private_key" not in repr(identity) or b"k" * 32 not in repr(identity).encode()
