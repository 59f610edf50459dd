"""Turn reflect.query.Filters into a SQL condition on `reflection r` with bound values."""

from __future__ import annotations

from typing import Any

from reflect import timeutil
from reflect.frameworks import ways_to_mask
from reflect.query import Filters

LABEL_KINDS = {"tags": "tag", "people": "person", "organisations": "organisation"}


def where_clause(
    filters: Filters, in_trash: bool = False, labels_as_sets: bool = True
) -> tuple[str, dict[str, Any]]:
    """A condition (never empty) keeping live (or trashed) reflections that match every filter.

    Label filters come in two forms with the same meaning. As sets (`pk IN (...)`)
    SQLite collects the matching reflections once: best when few match, and for
    search, which looks at every match anyway. As per-row probes (`EXISTS`) a
    newest-first scan stops as soon as it has enough: best when many match.
    """
    clauses = ["r.deleted_at IS NOT NULL" if in_trash else "r.deleted_at IS NULL"]
    params: dict[str, Any] = {}
    if filters.ways:
        clauses.append("(r.ways & :ways_mask) != 0")
        params["ways_mask"] = ways_to_mask(filters.ways)
    if filters.lenses:
        names = _bind(params, "lens", sorted(lens.value for lens in filters.lenses))
        clauses.append(
            f"EXISTS (SELECT 1 FROM section s WHERE s.reflection_pk = r.pk AND s.lens IN ({names}))"
        )
    for attribute, kind in LABEL_KINDS.items():
        values: tuple[str, ...] = getattr(filters, attribute)
        if values:
            names = _bind(params, kind, sorted({v.strip().casefold() for v in values}))
            if labels_as_sets:
                clauses.append(
                    "r.pk IN (SELECT reflection_pk FROM label "
                    f"WHERE kind = '{kind}' AND folded IN ({names}))"
                )
            else:
                clauses.append(
                    "EXISTS (SELECT 1 FROM label l WHERE l.reflection_pk = r.pk "
                    f"AND l.kind = '{kind}' AND l.folded IN ({names}))"
                )
    if filters.starred is not None:
        clauses.append("r.starred = :starred")
        params["starred"] = int(filters.starred)
    if filters.since is not None:
        clauses.append("r.happened_us >= :since_us")
        params["since_us"] = timeutil.to_micros(filters.since)
    if filters.until is not None:
        clauses.append("r.happened_us <= :until_us")
        params["until_us"] = timeutil.to_micros(filters.until)
    return " AND ".join(clauses), params


def _bind(params: dict[str, Any], prefix: str, values: list[str]) -> str:
    names = []
    for index, value in enumerate(values):
        name = f"{prefix}_{index}"
        params[name] = value
        names.append(f":{name}")
    return ", ".join(names)


def rarest_label_count(filters: Filters) -> tuple[str, dict[str, Any]] | None:
    """A query counting label rows of the rarest-looking label filter, or None without one."""
    selects = []
    params: dict[str, Any] = {}
    for attribute, kind in LABEL_KINDS.items():
        values: tuple[str, ...] = getattr(filters, attribute)
        if values:
            names = _bind(params, f"n_{kind}", sorted({v.strip().casefold() for v in values}))
            selects.append(
                f"(SELECT count(*) FROM label WHERE kind = '{kind}' AND folded IN ({names}))"
            )
    if not selects:
        return None
    # min() with several arguments is the scalar minimum; with one it would aggregate.
    smallest = selects[0] if len(selects) == 1 else "min(" + ", ".join(selects) + ")"
    return f"SELECT {smallest}", params
