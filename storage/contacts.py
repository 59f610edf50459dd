"""The directory of people and organisations, and trust and agreement ratings.

Reflections and meetings keep names as text labels. Each label's folded form
matches one directory entry (or one of its aliases). Renaming and merging
rewrite the labels too, so a name is spelt one way everywhere, and the old
spelling becomes an alias so that typing it later still finds the person.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from reflect import timeutil
from reflect.people import (
    Organisation,
    Person,
    clean_name,
    fold,
    validated_organisation,
    validated_person,
)
from reflect.trust import TrustRating, validated_rating
from storage import reflections as store
from storage.db import Db, Transactions
from storage.errors import NotFound, VaultError

Kind = Literal["person", "organisation"]


class NameTaken(VaultError):
    """Renaming onto a name another entry already has: merging is the way."""

    def __init__(self, name: str, other_id: uuid.UUID) -> None:
        super().__init__(
            f"“{name}” is already in your directory. Merge the two entries to make them one."
        )
        self.other_id = other_id


@dataclass(frozen=True, slots=True)
class PersonSummary:
    person: Person
    reflections: int
    meetings: int
    latest: TrustRating | None


# --- names on reflections and meetings ---------------------------------------------


def canonical_names(conn: Db, kind: Kind, names: Sequence[str]) -> tuple[str, ...]:
    """Names as the directory spells them: "amy shah" and an old alias become "Dr Amy Shah"."""
    if not names:
        return ()
    out: list[str] = []
    seen: set[str] = set()
    for name in names:
        row = conn.execute(
            "SELECT c.name FROM contact c WHERE c.kind = :kind AND c.folded = :folded "
            "UNION ALL SELECT c.name FROM contact_alias a JOIN contact c ON c.pk = a.contact_pk "
            "WHERE a.kind = :kind AND a.folded = :folded LIMIT 1",
            {"kind": kind, "folded": fold(name)},
        ).fetchone()
        spelt = row[0] if row else name
        if fold(spelt) not in seen:
            seen.add(fold(spelt))
            out.append(spelt)
    return tuple(out)


def ensure(conn: Db, kind: Kind, names: Iterable[str]) -> None:
    """Give every name a directory entry (names are mentioned first, described later)."""
    conn.executemany(
        "INSERT INTO contact (id, kind, name, folded) VALUES (:id, :kind, :name, :folded) "
        "ON CONFLICT (kind, folded) DO NOTHING",
        [
            {"id": str(uuid.uuid4()), "kind": kind, "name": name, "folded": fold(name)}
            for name in names
        ],
    )


def sync_from_labels(conn: Db) -> None:
    """Add an entry for every name on a reflection or meeting that has none (after imports)."""
    rows = conn.execute(
        "SELECT x.kind, min(x.value), x.folded FROM ("
        " SELECT kind, value, folded FROM label WHERE kind IN ('person', 'organisation')"
        " UNION ALL SELECT kind, value, folded FROM meeting_label) x "
        "WHERE NOT EXISTS (SELECT 1 FROM contact c WHERE c.kind = x.kind AND c.folded = x.folded)"
        " AND NOT EXISTS (SELECT 1 FROM contact_alias a"
        "  WHERE a.kind = x.kind AND a.folded = x.folded) "
        "GROUP BY x.kind, x.folded"
    ).fetchall()
    for kind, name, _ in rows:
        ensure(conn, kind, [name])


# --- the directory ----------------------------------------------------------------


_PERSON_COLUMNS = "c.id, c.name, c.role, c.organisation, c.email, c.notes"


def _person(row: Sequence[Any]) -> Person:
    return Person(uuid.UUID(row[0]), row[1], row[2], row[3], row[4], row[5])


def _pk(conn: Db, kind: Kind, entry_id: uuid.UUID) -> tuple[int, str]:
    row = conn.execute(
        "SELECT pk, folded FROM contact WHERE id = :id AND kind = :kind",
        {"id": str(entry_id), "kind": kind},
    ).fetchone()
    if row is None:
        raise NotFound(f"That {kind} is no longer in your directory.")
    return int(row[0]), str(row[1])


def people(conn: Db) -> list[PersonSummary]:
    """Everyone, by name, with how often they appear and where they stand now."""
    rows = conn.execute(
        f"SELECT {_PERSON_COLUMNS}, "
        " (SELECT count(*) FROM label l JOIN reflection r ON r.pk = l.reflection_pk"
        "  WHERE l.kind = 'person' AND l.folded = c.folded AND r.deleted_at IS NULL),"
        " (SELECT count(*) FROM meeting_label m WHERE m.kind = 'person' AND m.folded = c.folded)"
        " FROM contact c WHERE c.kind = 'person' ORDER BY c.folded"
    ).fetchall()
    latest = latest_ratings(conn)
    out = []
    for row in rows:
        person = _person(row)
        out.append(PersonSummary(person, int(row[6]), int(row[7]), latest.get(person.id)))
    return out


def get_person(conn: Db, person_id: uuid.UUID) -> Person:
    row = conn.execute(
        f"SELECT {_PERSON_COLUMNS} FROM contact c WHERE c.id = :id AND c.kind = 'person'",
        {"id": str(person_id)},
    ).fetchone()
    if row is None:
        raise NotFound("That person is no longer in your directory.")
    return _person(row)


def find_person(conn: Db, name: str) -> Person | None:
    row = conn.execute(
        f"SELECT {_PERSON_COLUMNS} FROM contact c WHERE c.kind = 'person' AND c.folded = :f "
        f"UNION ALL SELECT {_PERSON_COLUMNS} FROM contact_alias a "
        "JOIN contact c ON c.pk = a.contact_pk WHERE a.kind = 'person' AND a.folded = :f LIMIT 1",
        {"f": fold(name)},
    ).fetchone()
    return _person(row) if row else None


@dataclass(frozen=True, slots=True)
class OrganisationSummary:
    organisation: Organisation
    people: int
    reflections: int
    meetings: int


def organisation_summaries(conn: Db) -> list[OrganisationSummary]:
    """Every organisation, by name, with its people and how often it is mentioned."""
    staff: dict[str, int] = {}
    for (organisation,) in conn.execute(
        "SELECT organisation FROM contact WHERE kind = 'person' AND organisation <> ''"
    ):
        staff[fold(organisation)] = staff.get(fold(organisation), 0) + 1
    rows = conn.execute(
        "SELECT c.id, c.name, c.notes, c.folded,"
        " (SELECT count(*) FROM label l JOIN reflection r ON r.pk = l.reflection_pk"
        "  WHERE l.kind = 'organisation' AND l.folded = c.folded AND r.deleted_at IS NULL),"
        " (SELECT count(*) FROM meeting_label m WHERE m.kind = 'organisation'"
        "  AND m.folded = c.folded)"
        " FROM contact c WHERE c.kind = 'organisation' ORDER BY c.folded"
    ).fetchall()
    return [
        OrganisationSummary(
            Organisation(uuid.UUID(i), name, notes), staff.get(folded, 0), int(r), int(m)
        )
        for i, name, notes, folded, r, m in rows
    ]


def _working_at(conn: Db, organisation_folded: str) -> list[int]:
    """People whose organisation is this one, however its name was typed (case, spaces)."""
    rows = conn.execute(
        "SELECT pk, organisation FROM contact WHERE kind = 'person' AND organisation <> ''"
    ).fetchall()
    return [int(pk) for pk, organisation in rows if fold(organisation) == organisation_folded]


def people_of(conn: Db, organisation_name: str) -> list[Person]:
    pks = set(_working_at(conn, fold(organisation_name)))
    rows = conn.execute(
        f"SELECT c.pk, {_PERSON_COLUMNS} FROM contact c WHERE c.kind = 'person' ORDER BY c.folded"
    ).fetchall()
    return [_person(r[1:]) for r in rows if int(r[0]) in pks]


def organisations(conn: Db) -> list[Organisation]:
    rows = conn.execute(
        "SELECT id, name, notes FROM contact WHERE kind = 'organisation' ORDER BY folded"
    ).fetchall()
    return [Organisation(uuid.UUID(i), name, notes) for i, name, notes in rows]


def save_person(conn: Db, person: Person) -> Person:
    """Update a person's details (a new name goes through `rename`)."""
    person = validated_person(person)
    pk, folded = _pk(conn, "person", person.id)
    if fold(person.name) != folded:
        rename(conn, "person", person.id, person.name)
    conn.execute(
        "UPDATE contact SET name = :name, role = :role, organisation = :organisation, "
        "email = :email, notes = :notes WHERE pk = :pk",
        {
            "name": person.name,
            "role": person.role,
            "organisation": person.organisation,
            "email": person.email,
            "notes": person.notes,
            "pk": pk,
        },
    )
    if person.organisation:
        ensure(conn, "organisation", [person.organisation])
    return person


def save_organisation(conn: Db, organisation: Organisation) -> Organisation:
    organisation = validated_organisation(organisation)
    pk, folded = _pk(conn, "organisation", organisation.id)
    if fold(organisation.name) != folded:
        rename(conn, "organisation", organisation.id, organisation.name)
    conn.execute(
        "UPDATE contact SET name = :name, notes = :notes WHERE pk = :pk",
        {"name": organisation.name, "notes": organisation.notes, "pk": pk},
    )
    return organisation


def add_person(conn: Db, name: str) -> Person:
    name = clean_name(name)
    existing = find_person(conn, name)
    if existing is not None:
        return existing
    ensure(conn, "person", [name])
    found = find_person(conn, name)
    assert found is not None
    return found


def rename(conn: Db, kind: Kind, entry_id: uuid.UUID, new_name: str) -> list[int]:
    """Rename an entry and every label that names it; returns the reflections touched."""
    new_name = clean_name(new_name)
    pk, old_folded = _pk(conn, kind, entry_id)
    new_folded = fold(new_name)
    clash = conn.execute(
        "SELECT id FROM contact WHERE kind = :kind AND folded = :f AND pk <> :pk",
        {"kind": kind, "f": new_folded, "pk": pk},
    ).fetchone()
    if clash is not None:
        raise NameTaken(new_name, uuid.UUID(clash[0]))
    touched = _relabel(conn, kind, old_folded, new_name)
    conn.execute(
        "UPDATE contact SET name = :name, folded = :f WHERE pk = :pk",
        {"name": new_name, "f": new_folded, "pk": pk},
    )
    if kind == "organisation":
        conn.executemany(
            "UPDATE contact SET organisation = :new WHERE pk = :pk",
            [{"new": new_name, "pk": pk} for pk in _working_at(conn, old_folded)],
        )
    conn.execute(
        "DELETE FROM contact_alias WHERE kind = :kind AND folded = :f",
        {"kind": kind, "f": new_folded},
    )
    if old_folded != new_folded:
        _add_alias(conn, kind, old_folded, pk)
    return touched


def merge(conn: Db, kind: Kind, source_id: uuid.UUID, target_id: uuid.UUID) -> list[int]:
    """Make `source` part of `target`: its labels, meetings, ratings, notes and aliases move."""
    source_pk, source_folded = _pk(conn, kind, source_id)
    target_pk, target_folded = _pk(conn, kind, target_id)
    if source_pk == target_pk:
        return []
    target_name = conn.execute(
        "SELECT name FROM contact WHERE pk = :pk", {"pk": target_pk}
    ).fetchone()[0]
    # A reflection naming both keeps one label: drop the source's where the target's is there.
    for table, owner in (("label", "reflection_pk"), ("meeting_label", "meeting_pk")):
        conn.execute(
            f"DELETE FROM {table} WHERE kind = :kind AND folded = :source AND {owner} IN "
            f"(SELECT {owner} FROM {table} WHERE kind = :kind AND folded = :target)",
            {"kind": kind, "source": source_folded, "target": target_folded},
        )
    touched = _relabel(conn, kind, source_folded, target_name)
    if kind == "organisation":
        conn.executemany(
            "UPDATE contact SET organisation = :name WHERE pk = :pk",
            [{"name": target_name, "pk": pk} for pk in _working_at(conn, source_folded)],
        )
    conn.execute(
        "UPDATE trust_rating SET contact_pk = :target WHERE contact_pk = :source",
        {"target": target_pk, "source": source_pk},
    )
    _merge_details(conn, source_pk, target_pk)
    conn.execute(
        "UPDATE contact_alias SET contact_pk = :target WHERE contact_pk = :source",
        {"target": target_pk, "source": source_pk},
    )
    conn.execute("DELETE FROM contact WHERE pk = :pk", {"pk": source_pk})
    _add_alias(conn, kind, source_folded, target_pk)
    return touched


def _merge_details(conn: Db, source_pk: int, target_pk: int) -> None:
    """Blank fields of the target take the source's; both sets of notes are kept."""
    source = conn.execute(
        "SELECT role, organisation, email, notes FROM contact WHERE pk = :pk", {"pk": source_pk}
    ).fetchone()
    target = conn.execute(
        "SELECT role, organisation, email, notes FROM contact WHERE pk = :pk", {"pk": target_pk}
    ).fetchone()
    role, organisation, email = (t or s for s, t in zip(source[:3], target[:3], strict=True))
    notes = "\n\n".join(n for n in (target[3], source[3]) if n.strip())
    if source[3].strip() and source[3].strip() in target[3]:
        notes = target[3]
    conn.execute(
        "UPDATE contact SET role = :role, organisation = :org, email = :email, notes = :notes "
        "WHERE pk = :pk",
        {"role": role, "org": organisation, "email": email, "notes": notes, "pk": target_pk},
    )


def _relabel(conn: Db, kind: Kind, old_folded: str, new_name: str) -> list[int]:
    touched = [
        int(r[0])
        for r in conn.execute(
            "SELECT reflection_pk FROM label WHERE kind = :kind AND folded = :old",
            {"kind": kind, "old": old_folded},
        ).fetchall()
    ]
    for table in ("label", "meeting_label"):
        conn.execute(
            f"UPDATE {table} SET value = :name, folded = :new WHERE kind = :kind AND folded = :old",
            {"name": new_name, "new": fold(new_name), "kind": kind, "old": old_folded},
        )
    return touched


def _add_alias(conn: Db, kind: Kind, folded: str, contact_pk: int) -> None:
    conn.execute(
        "INSERT INTO contact_alias (kind, folded, contact_pk) VALUES (:kind, :f, :pk) "
        "ON CONFLICT (kind, folded) DO UPDATE SET contact_pk = excluded.contact_pk",
        {"kind": kind, "f": folded, "pk": contact_pk},
    )


# --- trust and agreement ------------------------------------------------------------


_RATING_COLUMNS = "t.id, c.id, t.rated_at, t.trust, t.agreement, t.issue, t.note"


def _rating(row: Sequence[Any]) -> TrustRating:
    return TrustRating(
        id=uuid.UUID(row[0]),
        person_id=uuid.UUID(row[1]),
        rated_at=timeutil.from_text(row[2]),
        trust=int(row[3]),
        agreement=None if row[4] is None else int(row[4]),
        issue=row[5],
        note=row[6],
    )


def add_rating(conn: Db, rating: TrustRating) -> TrustRating:
    rating = validated_rating(rating)
    pk, _ = _pk(conn, "person", rating.person_id)
    conn.execute(
        "INSERT INTO trust_rating (id, contact_pk, rated_at, rated_us, trust, agreement, "
        "issue, note) VALUES (:id, :pk, :at, :us, :trust, :agreement, :issue, :note)",
        {
            "id": str(rating.id),
            "pk": pk,
            "at": timeutil.to_text(rating.rated_at),
            "us": timeutil.to_micros(rating.rated_at),
            "trust": rating.trust,
            "agreement": rating.agreement,
            "issue": rating.issue,
            "note": rating.note,
        },
    )
    return rating


def delete_rating(conn: Db, rating_id: uuid.UUID) -> None:
    conn.execute("DELETE FROM trust_rating WHERE id = :id", {"id": str(rating_id)})


def ratings(conn: Db, person_id: uuid.UUID) -> list[TrustRating]:
    """One person's ratings, oldest first: their path over time."""
    rows = conn.execute(
        f"SELECT {_RATING_COLUMNS} FROM trust_rating t JOIN contact c ON c.pk = t.contact_pk "
        "WHERE c.id = :id ORDER BY t.rated_us, t.pk",
        {"id": str(person_id)},
    ).fetchall()
    return [_rating(r) for r in rows]


def latest_ratings(conn: Db) -> dict[uuid.UUID, TrustRating]:
    rows = conn.execute(
        f"SELECT {_RATING_COLUMNS} FROM trust_rating t JOIN contact c ON c.pk = t.contact_pk "
        "ORDER BY t.rated_us, t.pk"
    ).fetchall()
    return {r.person_id: r for r in map(_rating, rows)}


def aliases(conn: Db) -> dict[uuid.UUID, tuple[str, ...]]:
    """Each entry's old spellings (folded), kept when it was renamed or merged."""
    out: dict[uuid.UUID, tuple[str, ...]] = {}
    rows = conn.execute(
        "SELECT c.id, a.folded FROM contact_alias a JOIN contact c ON c.pk = a.contact_pk"
        " ORDER BY a.folded"
    )
    for contact_id, folded in rows:
        key = uuid.UUID(contact_id)
        out[key] = (*out.get(key, ()), folded)
    return out


class Directory:
    """The vault's people and organisations, each call one transaction."""

    def __init__(self, tx: Transactions) -> None:
        self._tx = tx

    def aliases(self) -> dict[uuid.UUID, tuple[str, ...]]:
        with self._tx.reading() as conn:
            return aliases(conn)

    def people(self) -> list[PersonSummary]:
        with self._tx.reading() as conn:
            return people(conn)

    def organisations(self) -> list[Organisation]:
        with self._tx.reading() as conn:
            return organisations(conn)

    def get_person(self, person_id: uuid.UUID) -> Person:
        with self._tx.reading() as conn:
            return get_person(conn, person_id)

    def organisation_summaries(self) -> list[OrganisationSummary]:
        with self._tx.reading() as conn:
            return organisation_summaries(conn)

    def people_of(self, organisation_name: str) -> list[Person]:
        with self._tx.reading() as conn:
            return people_of(conn, organisation_name)

    def find_person(self, name: str) -> Person | None:
        with self._tx.reading() as conn:
            return find_person(conn, name)

    def add_person(self, name: str) -> Person:
        with self._tx.writing() as conn:
            return add_person(conn, name)

    def save_person(self, person: Person) -> Person:
        """Save details; a changed name renames the person everywhere."""
        with self._tx.writing() as conn:
            old = get_person(conn, person.id)
            saved = save_person(conn, person)
            if old.name != saved.name:
                store.reindex(conn, _labelled(conn, "person", saved.name))
            return saved

    def save_organisation(self, organisation: Organisation) -> Organisation:
        with self._tx.writing() as conn:
            saved = save_organisation(conn, organisation)
            store.reindex(conn, _labelled(conn, "organisation", saved.name))
            return saved

    def rename(self, kind: Kind, entry_id: uuid.UUID, new_name: str) -> None:
        with self._tx.writing() as conn:
            store.reindex(conn, rename(conn, kind, entry_id, new_name))

    def merge(self, kind: Kind, source_id: uuid.UUID, target_id: uuid.UUID) -> None:
        with self._tx.writing() as conn:
            store.reindex(conn, merge(conn, kind, source_id, target_id))

    def add_rating(self, rating: TrustRating) -> TrustRating:
        with self._tx.writing() as conn:
            return add_rating(conn, rating)

    def delete_rating(self, rating_id: uuid.UUID) -> None:
        with self._tx.writing() as conn:
            delete_rating(conn, rating_id)

    def ratings(self, person_id: uuid.UUID) -> list[TrustRating]:
        with self._tx.reading() as conn:
            return ratings(conn, person_id)

    def latest_ratings(self) -> dict[uuid.UUID, TrustRating]:
        with self._tx.reading() as conn:
            return latest_ratings(conn)


def _labelled(conn: Db, kind: Kind, name: str) -> list[int]:
    rows = conn.execute(
        "SELECT reflection_pk FROM label WHERE kind = :kind AND folded = :f",
        {"kind": kind, "f": fold(name)},
    ).fetchall()
    return [int(r[0]) for r in rows]
