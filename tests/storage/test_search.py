from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reflect.errors import ValidationError
from reflect.frameworks import Way
from reflect.model import NewReflection, Section
from reflect.query import Filters
from storage.vault import Vault


def test_title_matches_rank_above_body_matches(any_vault: Vault) -> None:
    body_only = any_vault.add(
        NewReflection(sections=(Section("We spoke briefly about discharge at the end."),))
    )
    titled = any_vault.add(
        NewReflection(sections=(Section("Long meeting."),), title="Discharge delays")
    )
    hits = any_vault.search("discharge")
    assert [h.reflection.id for h in hits] == [titled.id, body_only.id]


def test_snippets_highlight_the_matched_words(any_vault: Vault) -> None:
    any_vault.add(
        NewReflection(
            sections=(Section("The councillors kept circling back to the budget gap again."),)
        )
    )
    (hit,) = any_vault.search("budget")
    highlighted = [p.text for p in hit.snippet if p.highlighted]
    assert highlighted == ["budget"]
    assert "budget gap" in hit.snippet_text


def test_stemming_finds_other_forms_of_a_word(any_vault: Vault) -> None:
    any_vault.add(NewReflection(sections=(Section("Partners were listening closely."),)))
    assert len(any_vault.search("listen")) == 1


def test_names_and_tags_are_searchable(any_vault: Vault) -> None:
    any_vault.add(
        NewReflection(sections=(Section("x"),), people=["Amara Okafor"], tags=["dementia"])
    )
    assert len(any_vault.search("okafor")) == 1
    assert len(any_vault.search("dementia")) == 1


def test_search_combines_with_filters(any_vault: Vault) -> None:
    feel = any_vault.add(
        NewReflection(sections=(Section("trust is thin"),), ways=[Way.FEELING], starred=True)
    )
    any_vault.add(NewReflection(sections=(Section("trust is growing"),), ways=[Way.DOING]))
    hits = any_vault.search("trust", Filters(ways=frozenset({Way.FEELING})))
    assert [h.reflection.id for h in hits] == [feel.id]
    assert [h.reflection.id for h in any_vault.search("trust", Filters(starred=True))] == [feel.id]


def test_search_respects_the_limit(any_vault: Vault) -> None:
    for i in range(5):
        any_vault.add(NewReflection(sections=(Section(f"agenda item {i}"),)))
    assert len(any_vault.search("agenda", limit=3)) == 3


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=30))
def test_any_typed_query_searches_or_says_why_not(any_vault: Vault, typed: str) -> None:
    try:
        any_vault.search(typed)
    except ValidationError as exc:
        assert exc.field == "query"
