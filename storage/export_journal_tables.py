"""The export's journal lists: attachments, meetings, the directory, follow-ups, storylines."""

from __future__ import annotations

from reflect import timeutil
from reflect.export_records import Record, decode, encode
from reflect.people import fold
from storage.db import Db
from storage.export_rows import Ids, grouped, newer
from storage.meetings import replace_labels

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


def write_attachments(conn: Db, records: list[Record], ids: Ids) -> int:
    added = 0
    for i, a in enumerate(records):
        added += conn.execute(
            "INSERT OR IGNORE INTO attachment (reflection_pk, name, media_type, data)"
            " VALUES (:pk, :name, :media_type, :data)",
            {
                "pk": ids.reflection(a["reflection_id"], f"attachments[{i}]"),
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
    labels = grouped(
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


def write_meetings(conn: Db, records: list[Record], ids: Ids) -> int:
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
        elif newer(m["updated_at"], row[1]):
            pk = int(row[0])
            conn.execute(
                "UPDATE OR IGNORE meeting SET title = :title, starts_at = :starts_at,"
                " starts_us = :starts_us, ends_at = :ends_at, all_day = :all_day,"
                " location = :location, programme = :programme, calendar_key = :calendar_key,"
                " cancelled = :cancelled, dismissed = :dismissed, updated_at = :updated_at"
                " WHERE pk = :pk",
                {**values, "pk": pk},
            )
        else:
            continue
        replace_labels(conn, pk, m["people"], m["organisations"])
    return added


# --- the people and organisations directory ----------------------------------------------

_CONTACT_TEXTS = ("role", "organisation", "email", "notes")


def read_contacts(conn: Db) -> list[Record]:
    aliases = grouped(
        conn.execute("SELECT contact_pk, folded FROM contact_alias ORDER BY contact_pk, folded")
    )
    ratings = grouped(
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


def write_contacts(conn: Db, records: list[Record], ids: Ids) -> int:
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
            conn.execute(  # fill in what the journal left blank; keep what it says
                "UPDATE contact SET "
                + ", ".join(
                    f"{col} = CASE WHEN {col} = '' THEN :{col} ELSE {col} END"
                    for col in _CONTACT_TEXTS
                )
                + " WHERE pk = :pk",
                {**{col: c[col] for col in _CONTACT_TEXTS}, "pk": pk},
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


def write_follow_ups(conn: Db, records: list[Record], ids: Ids) -> int:
    added = 0
    for i, f in enumerate(records):
        added += conn.execute(
            "INSERT OR IGNORE INTO follow_up (id, reflection_pk, text, created_at, revisit_on,"
            " status, closed_at, outcome_reflection_id) VALUES (:id, :pk, :text, :created_at,"
            " :revisit_on, :status, :closed_at, :outcome_reflection_id)",
            {**f, "pk": ids.reflection(f["reflection_id"], f"follow_ups[{i}]")},
        ).rowcount
    return added


def read_storylines(conn: Db) -> list[Record]:
    members = grouped(
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


def write_storylines(conn: Db, records: list[Record], ids: Ids) -> int:
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
                {"s": pk, "r": ids.reflection(rid, f"storylines[{i}]")}
                for rid in s["reflection_ids"]
            ],
        )
    return added
