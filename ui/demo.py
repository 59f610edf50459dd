"""`reflect --demo`: a throwaway journal of invented reflections, to try everything at once."""

from __future__ import annotations

import secrets
import shutil
import tempfile
import uuid
from dataclasses import dataclass, replace
from pathlib import Path

from reflect import timeutil
from reflect.demo_journal import DemoExtras, demo_extras, demo_reflections
from reflect.followups import FollowUp
from reflect.model import Reflection
from reflect.storylines import Storyline
from reflect.trust import TrustRating
from storage import crypto
from storage.vault import Vault

WORDS = ("amber", "harbour", "lantern", "meadow", "orbit", "quartz", "willow", "tide", "ember")


@dataclass
class DemoJournal:
    folder: Path
    passphrase: str

    @staticmethod
    def create() -> DemoJournal:
        # Invented content only, in a folder of its own that is removed on quit.
        folder = Path(tempfile.mkdtemp(prefix="reflect-demo-")) / "journal"
        passphrase = (
            " ".join(secrets.choice(WORDS) for _ in range(4)) + f" {secrets.randbelow(90) + 10}"
        )
        vault, _ = Vault.create(folder, passphrase, crypto.FLOOR_PARAMS)

        now = timeutil.now()
        by_title = {r.title: r for r in (vault.add(new) for new in demo_reflections(now))}
        _add_extras(vault, demo_extras(now), by_title)
        vault.lock()
        return DemoJournal(folder, passphrase)

    def open(self) -> Vault:
        return Vault.unlock(self.folder, passphrase=self.passphrase, verify=False)

    def remove(self) -> None:
        shutil.rmtree(self.folder.parent, ignore_errors=True)


def _add_extras(vault: Vault, extras: DemoExtras, by_title: dict[str, Reflection]) -> None:
    for entry in extras.directory:
        person = vault.directory.add_person(entry.name)
        vault.directory.save_person(
            replace(person, role=entry.role, organisation=entry.organisation)
        )
    for meeting in extras.meetings:
        vault.meetings.save(meeting)
    for rating in extras.ratings:
        person = vault.directory.add_person(rating.person)
        vault.directory.add_rating(
            TrustRating(
                uuid.uuid4(),
                person.id,
                rating.rated_at,
                rating.trust,
                rating.agreement,
                rating.issue,
            )
        )
    for line in extras.storylines:
        storyline = vault.storylines.save(
            Storyline(uuid.uuid4(), line.name, timeutil.now(), line.description)
        )
        for title in line.reflection_titles:
            vault.storylines.set_member(storyline.id, by_title[title].id, True)
    for item in extras.follow_ups:
        source = by_title[item.reflection_title]
        vault.follow_ups.add(
            FollowUp(uuid.uuid4(), source.id, item.text, source.written_at, item.revisit_on)
        )
