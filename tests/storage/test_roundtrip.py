"""Acceptance 5: any valid reflection saved and loaded is equal."""

from __future__ import annotations

import uuid
from dataclasses import replace

from hypothesis import HealthCheck, given, settings

from reflect.model import Reflection
from storage.vault import Vault
from tests.strategies import reflections

FIXTURE_OK = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]


def same_but_for_name_spelling(a: Reflection, b: Reflection) -> bool:
    """Equal, except that names may be spelt as the directory already had them ("amy" as "Amy").

    The vault lives across examples, so an earlier example may have entered a name first.
    """

    def folded(r: Reflection) -> Reflection:
        return replace(
            r,
            people=tuple(p.casefold() for p in r.people),
            organisations=tuple(o.casefold() for o in r.organisations),
        )

    return folded(a) == folded(b)


@settings(max_examples=60, deadline=None, suppress_health_check=FIXTURE_OK)
@given(reflections())
def test_saved_and_loaded_is_equal(any_vault: Vault, reflection: Reflection) -> None:
    # The vault lives across examples; a fresh id keeps each example independent.
    reflection = replace(reflection, id=uuid.uuid4())
    saved = any_vault.add(reflection)
    loaded = any_vault.get(reflection.id)
    assert loaded == saved
    assert same_but_for_name_spelling(saved, reflection)
    # Field by field too: equal aware datetimes could still differ in zone.
    assert loaded.happened_at.tzinfo == reflection.happened_at.tzinfo or (
        loaded.happened_at.utcoffset() == reflection.happened_at.utcoffset()
    )
    assert loaded.sections == reflection.sections


@settings(max_examples=25, deadline=None, suppress_health_check=FIXTURE_OK)
@given(reflections(), reflections())
def test_an_edit_is_saved_and_the_old_version_kept(
    any_vault: Vault, first: Reflection, second: Reflection
) -> None:
    first = any_vault.add(replace(first, id=uuid.uuid4()))
    edited = replace(second, id=first.id, written_at=first.written_at)
    any_vault.update(edited)
    loaded = any_vault.get(first.id)
    assert same_but_for_name_spelling(replace(loaded, edited_at=edited.edited_at), edited)
    history = any_vault.history(first.id)
    if history:  # nothing is kept when the edit changed nothing
        assert history[-1].reflection == first
