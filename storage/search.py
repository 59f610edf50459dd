"""Full-text search with SQLite FTS5, inside the encrypted database.

Two steps keep it fast on large journals: rank the matching rows (FTS5 sorts
by bm25 itself and stops at the limit), then build snippets for only those.
"""

from __future__ import annotations

from dataclasses import dataclass

from reflect.model import Reflection
from reflect.query import Filters, fts_query
from storage.db import Db
from storage.filter_sql import where_clause
from storage.reflections import load_many

HIGHLIGHT_START = "\x02"
HIGHLIGHT_END = "\x03"
SNIPPET_WORDS = 18
BODY_COLUMN = 1


@dataclass(frozen=True, slots=True)
class SnippetPart:
    text: str
    highlighted: bool


@dataclass(frozen=True, slots=True)
class SearchHit:
    reflection: Reflection
    rank: float
    snippet: tuple[SnippetPart, ...]

    @property
    def snippet_text(self) -> str:
        return "".join(part.text for part in self.snippet)


# Snippets come from the body when it matches (it reads better than a list of names);
# otherwise from whichever column matched best (-1).
_SNIPPET = (
    "SELECT snippet(reflection_fts, :snippet_column, char(2), char(3), '…', :words) "
    "FROM reflection_fts WHERE reflection_fts MATCH :query AND rowid = :pk"
)


# Title words count most, then names and tags, then the body (title, body, labels).
BM25 = "bm25(reflection_fts, 4.0, 1.0, 2.0)"


def search(conn: Db, query: str, filters: Filters, limit: int = 20) -> list[SearchHit]:
    """The best `limit` matches, best first, each with a highlighted snippet.

    Measured at 100,000 reflections: ordering by bm25() here is about twice as
    fast as FTS5's configured `rank`, and CROSS JOIN keeps the full-text index
    as the outer loop, so filters are checked per match rather than turned
    into one index lookup per filtered reflection.
    """
    match = fts_query(query)
    if filters == Filters():
        # Trashed reflections are not in the index, so no join is needed.
        sql = (
            f"SELECT rowid, {BM25} AS score FROM reflection_fts "
            "WHERE reflection_fts MATCH :query ORDER BY score LIMIT :limit"
        )
        params: dict[str, object] = {}
    else:
        condition, params = where_clause(filters)
        sql = (
            f"SELECT f.rowid, {BM25} AS score FROM reflection_fts f "
            "CROSS JOIN reflection r ON r.pk = f.rowid "
            f"WHERE reflection_fts MATCH :query AND {condition} ORDER BY score LIMIT :limit"
        )
    ranked = conn.execute(sql, params | {"query": match, "limit": limit}).fetchall()
    loaded = load_many(conn, (int(pk) for pk, _ in ranked))
    hits = []
    for pk, rank in ranked:
        params = {"words": SNIPPET_WORDS, "query": match, "pk": pk, "snippet_column": BODY_COLUMN}
        raw = str(conn.execute(_SNIPPET, params).fetchone()[0])
        if HIGHLIGHT_START not in raw:
            raw = str(conn.execute(_SNIPPET, params | {"snippet_column": -1}).fetchone()[0])
        hits.append(SearchHit(loaded[int(pk)], float(rank), parse_snippet(raw)))
    return hits


def parse_snippet(raw: str) -> tuple[SnippetPart, ...]:
    """Split FTS5's marked-up snippet into plain and highlighted parts."""
    parts: list[SnippetPart] = []
    for i, chunk in enumerate(raw.split(HIGHLIGHT_START)):
        if i == 0:
            if chunk:
                parts.append(SnippetPart(chunk, False))
            continue
        marked, _, rest = chunk.partition(HIGHLIGHT_END)
        if marked:
            parts.append(SnippetPart(marked, True))
        if rest:
            parts.append(SnippetPart(rest, False))
    return tuple(parts)
