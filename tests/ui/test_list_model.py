"""The reflection list model: Qt's model tester, lazy pages, search and filters."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from reflect.frameworks import Way
from reflect.model import NewReflection, Section
from reflect.query import Filters
from storage import reflections as store
from storage.vault import Vault
from ui.reflection_list_model import PAGE, ReflectionListModel, Role


@pytest.fixture
def filled(vault: Vault) -> Iterator[Vault]:
    with vault.writing() as db:
        for i in range(PAGE * 2 + 30):
            store.add(
                db,
                NewReflection(
                    sections=(Section(f"entry {i} about the board" if i % 3 else f"entry {i}"),),
                    title=f"Entry {i}",
                    ways=[Way.DOING] if i % 2 else [Way.BEING],
                ).build(),
            )
    yield vault


def test_the_model_passes_qts_model_tester(qtmodeltester: ModelTester, filled: Vault) -> None:
    model = ReflectionListModel()
    model.attach(filled)
    qtmodeltester.check(model, force_py=True)
    model.set_query("board")
    qtmodeltester.check(model, force_py=True)


def test_pages_load_only_as_they_are_needed(filled: Vault) -> None:
    model = ReflectionListModel()
    model.attach(filled)
    assert model.rowCount() == PAGE
    assert model.canFetchMore(model.index(-1, 0).parent())
    model.fetchMore(model.index(-1, 0).parent())
    model.fetchMore(model.index(-1, 0).parent())
    assert model.rowCount() == PAGE * 2 + 30
    assert not model.canFetchMore(model.index(-1, 0).parent())


def test_filters_and_search_change_what_is_listed(qtbot: QtBot, filled: Vault) -> None:
    model = ReflectionListModel()
    model.attach(filled)
    model.set_filters(Filters(ways=frozenset({Way.BEING})))
    model.fetchMore(model.index(-1, 0).parent())
    assert all(model.index(r, 0).data(Role.WAYS) == ["being"] for r in range(model.rowCount()))
    model.set_query("board")
    snippet = model.index(0, 0).data(Role.SNIPPET)
    assert ("board", True) in snippet
    model.clear()
    assert model.rowCount() == 0
