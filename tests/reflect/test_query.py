from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reflect.errors import ValidationError
from reflect.query import fts_query


@pytest.fixture(scope="module")
def fts() -> sqlite3.Connection:
    # The standard library's SQLite has FTS5 too: enough to prove the syntax is valid.
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='porter unicode61')")
    conn.execute("INSERT INTO t VALUES ('the discharge meeting went round in circles')")
    return conn


def test_words_phrases_prefixes_and_or() -> None:
    assert fts_query('discharge "round in" circ* OR loops') == (
        '"discharge" "round in" "circ"* OR "loops"'
    )


@pytest.mark.parametrize("typed", ['"unbalanced', "AND OR NOT", "foo:bar", "-x", "a OR", "(x"])
def test_hostile_input_becomes_a_valid_query(fts: sqlite3.Connection, typed: str) -> None:
    fts.execute("SELECT count(*) FROM t WHERE t MATCH ?", (fts_query(typed),)).fetchall()


@pytest.mark.parametrize("typed", ["", "   ", "***", '""', "OR"])
def test_nothing_to_search_for_is_a_clear_error(typed: str) -> None:
    with pytest.raises(ValidationError) as caught:
        fts_query(typed)
    assert caught.value.field == "query"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_no_typed_text_is_ever_an_fts_syntax_error(fts: sqlite3.Connection, typed: str) -> None:
    try:
        query = fts_query(typed)
    except ValidationError:
        return
    fts.execute("SELECT count(*) FROM t WHERE t MATCH ?", (query,)).fetchall()
