"""The journal's tables as the export's record lists (reflect.export_records), and back.

Reading turns internal keys into the public ids the file uses; writing turns
them back and merges into what the journal holds. Nothing already in the
journal is overwritten with something older: a record that is there already is
kept, except a meeting, prompt pack or discussion record that the file holds
in a newer version. Each writer returns how many records it added.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Mapping
from typing import Any

from reflect import timeutil
from reflect.export_records import Record, decode, encode
from reflect.people import fold
from storage.db import Db
from storage.errors import ImportFailed


def _blob(value: bytes | None) -> str | None:
    return encode(bytes(value)) if value is not None else None


def _grouped(rows: Any) -> dict[int, list[Any]]:
    out: dict[int, list[Any]] = defaultdict(list)
    for owner, *rest in rows:
        out[int(owner)].append(rest[0] if len(rest) == 1 else tuple(rest))
    return out


def _reflection_pk(conn: Db, reflection_id: str, where: str) -> int:
    row = conn.execute("SELECT pk FROM reflection WHERE id = :id", {"id": reflection_id}).fetchone()
    if row is None:  # reflect.export_records checks references; this is the safety net
        raise ImportFailed(f"{where} names a reflection that is not in the journal.")
    return int(row[0])


def _newer(file_text: str, journal_text: str) -> bool:
    return timeutil.to_micros(timeutil.from_text(file_text)) > timeutil.to_micros(
        timeutil.from_text(journal_text)
    )


# --- attachments -----------------------------------------------------------------------


def read_attachments(conn: Db) -> list[Record]:
    rows = conn.execute(
        "SELECT r.id, a.name, a.media_type, a.data FROM attachment a"
        " JOIN reflection r ON r.pk = a.reflection_pk ORDER BY r.id, a.name"
    )
    return [
        {"reflection_id": r, "name": n, "media_type": m, "data": encode(bytes(d))}
        for r, n, m, d in rows
    ]


def write_attachments(conn: Db, records: list[Record], ids: _Ids) -> int:
    added = 0
    for i, a in enumerate(records):
        added += conn.execute(
            "INSERT OR IGNORE INTO attachment (reflection_pk, name, media_type, data)"
            " VALUES (:pk, :name, :media_type, :data)",
            {
                "pk": _reflection_pk(conn, a["reflection_id"], f"attachments[{i}]"),
                "name": a["name"],
                "media_type": a["media_type"],
                "data": decode(a["data"]),
            },
        ).rowcount
    return added


# --- meetings --------------------------------------------------------------------------

_MEETING = (
    "title, starts_at, ends_at, all_day, location, programme, calendar_key, cancelled,"
    " dismissed, updated_at"
)


def read_meetings(conn: Db) -> list[Record]:
    labels = _grouped(
        conn.execute(
            "SELECT meeting_pk, kind, value FROM meeting_label ORDER BY meeting_pk, kind, position"
        )
    )
    out = []
    for pk, meeting_id, *values in conn.execute(
        f"SELECT pk, id, {_MEETING} FROM meeting ORDER BY id"
    ):
        title, starts, ends, all_day, location, programme, key, cancelled, dismissed, updated = (
            values
        )
        names = labels.get(int(pk), [])
        out.append(
            {
                "id": meeting_id,
                "title": title,
                "starts_at": starts,
                "ends_at": ends,
                "all_day": bool(all_day),
                "location": location,
                "programme": programme,
                "calendar_key": key,
                "cancelled": bool(cancelled),
                "dismissed": bool(dismissed),
                "updated_at": updated,
                "people": [v for kind, v in names if kind == "person"],
                "organisations": [v for kind, v in names if kind == "organisation"],
            }
        )
    return out


def write_meetings(conn: Db, records: list[Record], ids: _Ids) -> int:
    added = 0
    for m in records:
        values = {
            **{k: m[k] for k in ("id", "title", "starts_at", "ends_at", "location", "programme")},
            "calendar_key": m["calendar_key"],
            "all_day": int(m["all_day"]),
            "cancelled": int(m["cancelled"]),
            "dismissed": int(m["dismissed"]),
            "updated_at": m["updated_at"],
            "starts_us": timeutil.to_micros(timeutil.from_text(m["starts_at"])),
        }
        row = conn.execute("SELECT pk, updated_at FROM meeting WHERE id = :id", values).fetchone()
        if row is None:
            # OR IGNORE: the same calendar event imported separately into both journals
            cursor = conn.execute(
                f"INSERT OR IGNORE INTO meeting (id, starts_us, {_MEETING}) VALUES (:id,"
                " :starts_us, :title, :starts_at, :ends_at, :all_day, :location, :programme,"
                " :calendar_key, :cancelled, :dismissed, :updated_at)",
                values,
            )
            if not cursor.rowcount:
                continue
            pk = int(cursor.lastrowid or 0)
            added += 1
        elif _newer(m["updated_at"], row[1]):
            pk = int(row[0])
            conn.execute(
                "UPDATE OR IGNORE meeting SET title = :title, starts_at = :starts_at,"
                " starts_us = :starts_us, ends_at = :ends_at, all_day = :all_day,"
                " location = :location, programme = :programme, calendar_key = :calendar_key,"
                " cancelled = :cancelled, dismissed = :dismissed, updated_at = :updated_at"
                " WHERE pk = :pk",
                {**values, "pk": pk},
            )
            conn.execute("DELETE FROM meeting_label WHERE meeting_pk = :pk", {"pk": pk})
        else:
            continue
        conn.executemany(
            "INSERT INTO meeting_label (meeting_pk, kind, position, value, folded)"
            " VALUES (:pk, :kind, :position, :value, :folded)",
            [
                {"pk": pk, "kind": kind, "position": i, "value": name, "folded": fold(name)}
                for kind, field in (("person", "people"), ("organisation", "organisations"))
                for i, name in enumerate(m[field])
            ],
        )
    return added


# --- the people and organisations directory ----------------------------------------------

_CONTACT_TEXTS = ("role", "organisation", "email", "notes")


def read_contacts(conn: Db) -> list[Record]:
    aliases = _grouped(
        conn.execute("SELECT contact_pk, folded FROM contact_alias ORDER BY contact_pk, folded")
    )
    ratings = _grouped(
        conn.execute(
            "SELECT contact_pk, id, rated_at, trust, agreement, issue, note FROM trust_rating"
            " ORDER BY contact_pk, rated_us, id"
        )
    )
    rows = conn.execute(
        "SELECT pk, id, kind, name, role, organisation, email, notes FROM contact ORDER BY id"
    )
    return [
        {
            "id": contact_id,
            "kind": kind,
            "name": name,
            "role": role,
            "organisation": organisation,
            "email": email,
            "notes": notes,
            "also_known_as": aliases.get(int(pk), []),
            "ratings": [
                {
                    "id": rid,
                    "rated_at": at,
                    "trust": trust,
                    "agreement": agreement,
                    "issue": issue,
                    "note": note,
                }
                for rid, at, trust, agreement, issue, note in ratings.get(int(pk), [])
            ],
        }
        for pk, contact_id, kind, name, role, organisation, email, notes in rows
    ]


def write_contacts(conn: Db, records: list[Record], ids: _Ids) -> int:
    added = 0
    for c in records:
        row = conn.execute(
            "SELECT pk FROM contact WHERE id = :id OR (kind = :kind AND folded = :f)"
            " ORDER BY id = :id DESC LIMIT 1",
            {"id": c["id"], "kind": c["kind"], "f": fold(c["name"])},
        ).fetchone()
        if row is None:
            cursor = conn.execute(
                "INSERT INTO contact (id, kind, name, folded, role, organisation, email, notes)"
                " VALUES (:id, :kind, :name, :f, :role, :organisation, :email, :notes)",
                {
                    **{k: c[k] for k in ("id", "kind", "name", *_CONTACT_TEXTS)},
                    "f": fold(c["name"]),
                },
            )
            pk = int(cursor.lastrowid or 0)
            added += 1
        else:
            pk = int(row[0])
            for column in _CONTACT_TEXTS:  # fill in what the journal left blank
                conn.execute(
                    f"UPDATE contact SET {column} = :v WHERE pk = :pk AND {column} = ''",
                    {"v": c[column], "pk": pk},
                )
        conn.executemany(
            "INSERT OR IGNORE INTO contact_alias (kind, folded, contact_pk) VALUES (:k, :f, :pk)",
            [{"k": c["kind"], "f": alias, "pk": pk} for alias in c["also_known_as"]],
        )
        conn.executemany(
            "INSERT OR IGNORE INTO trust_rating (id, contact_pk, rated_at, rated_us, trust,"
            " agreement, issue, note) VALUES (:id, :pk, :rated_at, :us, :trust, :agreement,"
            " :issue, :note)",
            [
                {**r, "pk": pk, "us": timeutil.to_micros(timeutil.from_text(r["rated_at"]))}
                for r in c["ratings"]
            ],
        )
    return added


# --- follow-ups and storylines -----------------------------------------------------------


def read_follow_ups(conn: Db) -> list[Record]:
    rows = conn.execute(
        "SELECT f.id, r.id, f.text, f.created_at, f.revisit_on, f.status, f.closed_at,"
        " f.outcome_reflection_id FROM follow_up f JOIN reflection r ON r.pk = f.reflection_pk"
        " ORDER BY f.id"
    )
    keys = (
        "id",
        "reflection_id",
        "text",
        "created_at",
        "revisit_on",
        "status",
        "closed_at",
        "outcome_reflection_id",
    )
    return [dict(zip(keys, row, strict=True)) for row in rows]


def write_follow_ups(conn: Db, records: list[Record], ids: _Ids) -> int:
    added = 0
    for i, f in enumerate(records):
        added += conn.execute(
            "INSERT OR IGNORE INTO follow_up (id, reflection_pk, text, created_at, revisit_on,"
            " status, closed_at, outcome_reflection_id) VALUES (:id, :pk, :text, :created_at,"
            " :revisit_on, :status, :closed_at, :outcome_reflection_id)",
            {**f, "pk": _reflection_pk(conn, f["reflection_id"], f"follow_ups[{i}]")},
        ).rowcount
    return added


def read_storylines(conn: Db) -> list[Record]:
    members = _grouped(
        conn.execute(
            "SELECT m.storyline_pk, r.id FROM storyline_member m"
            " JOIN reflection r ON r.pk = m.reflection_pk ORDER BY m.storyline_pk, r.id"
        )
    )
    rows = conn.execute("SELECT pk, id, name, description, created_at FROM storyline ORDER BY id")
    return [
        {
            "id": storyline_id,
            "name": name,
            "description": description,
            "created_at": created,
            "reflection_ids": members.get(int(pk), []),
        }
        for pk, storyline_id, name, description, created in rows
    ]


def write_storylines(conn: Db, records: list[Record], ids: _Ids) -> int:
    added = 0
    for i, s in enumerate(records):
        row = conn.execute(
            "SELECT pk FROM storyline WHERE id = :id OR folded = :f ORDER BY id = :id DESC LIMIT 1",
            {"id": s["id"], "f": fold(s["name"])},
        ).fetchone()
        if row is None:
            cursor = conn.execute(
                "INSERT INTO storyline (id, name, folded, description, created_at)"
                " VALUES (:id, :name, :f, :description, :created_at)",
                {
                    **{k: s[k] for k in ("id", "name", "description", "created_at")},
                    "f": fold(s["name"]),
                },
            )
            pk = int(cursor.lastrowid or 0)
            added += 1
        else:
            pk = int(row[0])
        conn.executemany(
            "INSERT OR IGNORE INTO storyline_member (storyline_pk, reflection_pk) VALUES (:s, :r)",
            [
                {"s": pk, "r": _reflection_pk(conn, rid, f"storylines[{i}]")}
                for rid in s["reflection_ids"]
            ],
        )
    return added


# --- prompt packs, the leader's choices and marks, enablers ------------------------------


def read_prompt_packs(conn: Db) -> list[Record]:
    rows = conn.execute(
        "SELECT id, version, source, signer_name, signer_key, imported_at FROM prompt_pack"
        " ORDER BY id"
    )
    return [
        {
            "id": pack_id,
            "version": version,
            "source": source,
            "signer_name": signer,
            "signer_key": _blob(key),
            "imported_at": imported,
        }
        for pack_id, version, source, signer, key, imported in rows
    ]


def write_prompt_packs(conn: Db, records: list[Record], ids: _Ids) -> int:
    added = 0
    for p in records:
        key = p["signer_key"]
        values = {**p, "signer_key": decode(key) if key is not None else None}
        row = conn.execute("SELECT version FROM prompt_pack WHERE id = :id", p).fetchone()
        if row is None:
            added += 1
        elif int(row[0]) >= p["version"]:
            continue
        conn.execute(
            "INSERT OR REPLACE INTO prompt_pack (id, version, source, signer_name, signer_key,"
            " imported_at) VALUES (:id, :version, :source, :signer_name, :signer_key,"
            " :imported_at)",
            values,
        )
    return added


def read_prompt_pack_choices(conn: Db) -> list[Record]:
    rows = conn.execute(
        "SELECT pack_id, chosen, started_on, steps_done FROM prompt_pack_choice ORDER BY pack_id"
    )
    return [
        {"pack_id": p, "chosen": bool(c), "started_on": s, "steps_done": json.loads(d)}
        for p, c, s, d in rows
    ]


def write_prompt_pack_choices(conn: Db, records: list[Record], ids: _Ids) -> int:
    return _insert_new(
        conn,
        "INSERT OR IGNORE INTO prompt_pack_choice (pack_id, chosen, started_on, steps_done)"
        " VALUES (:pack_id, :chosen, :started_on, :steps_done)",
        [
            {**c, "chosen": int(c["chosen"]), "steps_done": json.dumps(c["steps_done"])}
            for c in records
        ],
    )


def read_prompt_marks(conn: Db) -> list[Record]:
    rows = conn.execute(
        "SELECT prompt_key, pinned_at, hidden, offered_at FROM prompt_mark ORDER BY prompt_key"
    )
    return [
        {"prompt_key": k, "pinned_at": p, "hidden": bool(h), "offered_at": o} for k, p, h, o in rows
    ]


def write_prompt_marks(conn: Db, records: list[Record], ids: _Ids) -> int:
    return _insert_new(
        conn,
        "INSERT OR IGNORE INTO prompt_mark (prompt_key, pinned_at, hidden, offered_at)"
        " VALUES (:prompt_key, :pinned_at, :hidden, :offered_at)",
        [{**m, "hidden": int(m["hidden"])} for m in records],
    )


def read_enablers(conn: Db) -> list[Record]:
    rows = conn.execute("SELECT public_key, name, first_seen FROM enabler ORDER BY public_key")
    return [{"public_key": encode(bytes(k)), "name": n, "first_seen": f} for k, n, f in rows]


def write_enablers(conn: Db, records: list[Record], ids: _Ids) -> int:
    return _insert_new(
        conn,
        "INSERT OR IGNORE INTO enabler (public_key, name, folded, first_seen)"
        " VALUES (:k, :name, :f, :first_seen)",
        [{**e, "k": decode(e["public_key"]), "f": fold(e["name"])} for e in records],
    )


# --- buddies, shares, discussion records --------------------------------------------------


def read_buddies(conn: Db) -> list[Record]:
    rows = conn.execute(
        "SELECT id, name, age_recipient, signing_key, added_at, verified_at FROM buddy ORDER BY id"
    )
    return [
        {
            "id": buddy_id,
            "name": name,
            "age_recipient": recipient,
            "signing_key": encode(bytes(key)),
            "added_at": added,
            "verified_at": verified,
        }
        for buddy_id, name, recipient, key, added, verified in rows
    ]


def write_buddies(conn: Db, records: list[Record], ids: _Ids) -> int:
    added = 0
    for b in records:
        key = decode(b["signing_key"])
        row = conn.execute(
            "SELECT pk FROM buddy WHERE id = :id OR signing_key = :k"
            " ORDER BY id = :id DESC LIMIT 1",
            {"id": b["id"], "k": key},
        ).fetchone()
        if row is None:
            cursor = conn.execute(
                "INSERT INTO buddy (id, name, folded, age_recipient, signing_key, added_at,"
                " verified_at) VALUES (:id, :name, :f, :age_recipient, :k, :added_at,"
                " :verified_at)",
                {**b, "f": fold(b["name"]), "k": key},
            )
            row = (cursor.lastrowid,)
            added += 1
        ids.buddies[b["id"]] = int(row[0])
    return added


def read_shares(conn: Db) -> list[Record]:
    rows = conn.execute(
        "SELECT s.share_id, s.direction, b.id, s.kind, s.created_at, s.recorded_at,"
        " s.in_reply_to, s.payload FROM share s JOIN buddy b ON b.pk = s.buddy_pk"
        " ORDER BY s.share_id"
    )
    keys = (
        "share_id",
        "direction",
        "buddy_id",
        "kind",
        "created_at",
        "recorded_at",
        "in_reply_to",
        "payload",
    )
    return [dict(zip(keys, row, strict=True)) for row in rows]


def write_shares(conn: Db, records: list[Record], ids: _Ids) -> int:
    return _insert_new(
        conn,
        "INSERT OR IGNORE INTO share (share_id, direction, buddy_pk, kind, created_at,"
        " recorded_at, in_reply_to, payload) VALUES (:share_id, :direction, :b, :kind,"
        " :created_at, :recorded_at, :in_reply_to, :payload)",
        [{**s, "b": ids.buddies[s["buddy_id"]]} for s in records],
    )


def read_discussion_records(conn: Db) -> list[Record]:
    rows = conn.execute(
        "SELECT d.id, b.id, d.held_on, d.payload, d.updated_at FROM discussion_record d"
        " JOIN buddy b ON b.pk = d.buddy_pk ORDER BY d.id"
    )
    keys = ("id", "buddy_id", "held_on", "payload", "updated_at")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def write_discussion_records(conn: Db, records: list[Record], ids: _Ids) -> int:
    added = 0
    for d in records:
        values = {**d, "b": ids.buddies[d["buddy_id"]]}
        row = conn.execute(
            "SELECT updated_at FROM discussion_record WHERE id = :id", values
        ).fetchone()
        if row is not None and not _newer(d["updated_at"], row[0]):
            continue
        added += row is None
        conn.execute(
            "INSERT OR REPLACE INTO discussion_record (id, buddy_pk, held_on, payload, updated_at)"
            " VALUES (:id, :b, :held_on, :payload, :updated_at)",
            values,
        )
    return added


def read_reply_links(conn: Db) -> list[Record]:
    rows = conn.execute(
        "SELECT reflection_id, share_id, shared_reflection_id FROM reply_link"
        " ORDER BY reflection_id"
    )
    return [{"reflection_id": r, "share_id": s, "shared_reflection_id": x} for r, s, x in rows]


def write_reply_links(conn: Db, records: list[Record], ids: _Ids) -> int:
    return _insert_new(
        conn,
        "INSERT OR IGNORE INTO reply_link (reflection_id, share_id, shared_reflection_id)"
        " VALUES (:reflection_id, :share_id, :shared_reflection_id)",
        records,
    )


# --- this journal's own keys (only in the encrypted export) ------------------------------


def read_sharing_identity(conn: Db) -> list[Record]:
    rows = conn.execute(
        "SELECT name, age_identity, signing_private, created_at FROM sharing_identity"
    )
    return [
        {"name": n, "age_identity": a, "signing_private": encode(bytes(s)), "created_at": c}
        for n, a, s, c in rows
    ]


def write_sharing_identity(conn: Db, records: list[Record], ids: _Ids) -> int:
    # A journal that already has its own keys keeps them: its buddies know those.
    return _insert_new(
        conn,
        "INSERT OR IGNORE INTO sharing_identity (id, name, age_identity, signing_private,"
        " created_at) VALUES (1, :name, :age_identity, :s, :created_at)",
        [{**r, "s": decode(r["signing_private"])} for r in records],
    )


def read_signing_identity(conn: Db) -> list[Record]:
    rows = conn.execute("SELECT name, private_key, created_at FROM signing_identity")
    return [{"name": n, "private_key": encode(bytes(k)), "created_at": c} for n, k, c in rows]


def write_signing_identity(conn: Db, records: list[Record], ids: _Ids) -> int:
    return _insert_new(
        conn,
        "INSERT OR IGNORE INTO signing_identity (id, name, private_key, created_at)"
        " VALUES (1, :name, :k, :created_at)",
        [{**r, "k": decode(r["private_key"])} for r in records],
    )


# --- the lists in order ---------------------------------------------------------------------


class _Ids:
    """Public ids in the file mapped to this journal's internal keys, filled as lists load."""

    def __init__(self) -> None:
        self.buddies: dict[str, int] = {}


def _insert_new(conn: Db, sql: str, rows: list[Record]) -> int:
    return sum(conn.execute(sql, row).rowcount for row in rows)


Reader = Callable[[Db], list[Record]]
Writer = Callable[[Db, list[Record], _Ids], int]

# Contacts first, so reflections' names land on the file's directory entries;
# buddies before the shares and records that name them.
TABLES: Mapping[str, tuple[Reader, Writer]] = {
    "contacts": (read_contacts, write_contacts),
    "attachments": (read_attachments, write_attachments),
    "meetings": (read_meetings, write_meetings),
    "follow_ups": (read_follow_ups, write_follow_ups),
    "storylines": (read_storylines, write_storylines),
    "prompt_packs": (read_prompt_packs, write_prompt_packs),
    "prompt_pack_choices": (read_prompt_pack_choices, write_prompt_pack_choices),
    "prompt_marks": (read_prompt_marks, write_prompt_marks),
    "enablers": (read_enablers, write_enablers),
    "buddies": (read_buddies, write_buddies),
    "shares": (read_shares, write_shares),
    "discussion_records": (read_discussion_records, write_discussion_records),
    "reply_links": (read_reply_links, write_reply_links),
    "sharing_identity": (read_sharing_identity, write_sharing_identity),
    "signing_identity": (read_signing_identity, write_signing_identity),
}


def read_records(conn: Db, names: list[str]) -> dict[str, list[Record]]:
    return {name: TABLES[name][0](conn) for name in names}


def write_records(
    conn: Db, records: Mapping[str, list[Record]], before_reflections: bool
) -> dict[str, int]:
    """Write the lists that go before (contacts) or after the reflections; counts added."""
    ids = _Ids()
    ids.buddies = {bid: int(pk) for pk, bid in conn.execute("SELECT pk, id FROM buddy")}
    added: dict[str, int] = {}
    for name, (_, write) in TABLES.items():
        if (name == "contacts") != before_reflections:
            continue
        added[name] = write(conn, list(records.get(name, [])), ids)
    return added
