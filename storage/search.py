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


_SNIPPET = (
    "SELECT snippet(reflection_fts, -1, char(2), char(3), '…', :words) FROM reflection_fts "
    "WHERE reflection_fts MATCH :query AND rowid = :pk"
)


def search(conn: Db, query: str, filters: Filters, limit: int = 20) -> list[SearchHit]:
    match = fts_query(query)
    condition, params = where_clause(filters)
    ranked = conn.execute(
        (
            "SELECT rowid, rank FROM reflection_fts WHERE reflection_fts MATCH :query "
            f"AND rowid IN (SELECT r.pk FROM reflection r WHERE {condition}) "
            "ORDER BY rank LIMIT :limit"
        ),
        params | {"query": match, "limit": limit},
    ).fetchall()
    loaded = load_many(conn, (int(pk) for pk, _ in ranked))
    hits = []
    for pk, rank in ranked:
        raw = conn.execute(_SNIPPET, {"words": SNIPPET_WORDS, "query": match, "pk": pk}).fetchone()[
            0
        ]
        hits.append(SearchHit(loaded[int(pk)], float(rank), parse_snippet(str(raw))))
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
