"""The export's prompt lists: imported packs, the leader's choices and marks, trusted enablers."""

from __future__ import annotations

import json

from reflect.export_records import Record, decode, encode
from reflect.people import fold
from storage.db import Db
from storage.export_rows import Ids, blob, insert_new

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
            "signer_key": blob(key),
            "imported_at": imported,
        }
        for pack_id, version, source, signer, key, imported in rows
    ]


def write_prompt_packs(conn: Db, records: list[Record], ids: Ids) -> int:
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


def write_prompt_pack_choices(conn: Db, records: list[Record], ids: Ids) -> int:
    return insert_new(
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


def write_prompt_marks(conn: Db, records: list[Record], ids: Ids) -> int:
    return insert_new(
        conn,
        "INSERT OR IGNORE INTO prompt_mark (prompt_key, pinned_at, hidden, offered_at)"
        " VALUES (:prompt_key, :pinned_at, :hidden, :offered_at)",
        [{**m, "hidden": int(m["hidden"])} for m in records],
    )


def read_enablers(conn: Db) -> list[Record]:
    rows = conn.execute("SELECT public_key, name, first_seen FROM enabler ORDER BY public_key")
    return [{"public_key": encode(bytes(k)), "name": n, "first_seen": f} for k, n, f in rows]


def write_enablers(conn: Db, records: list[Record], ids: Ids) -> int:
    return insert_new(
        conn,
        "INSERT OR IGNORE INTO enabler (public_key, name, folded, first_seen)"
        " VALUES (:k, :name, :f, :first_seen)",
        [{**e, "k": decode(e["public_key"]), "f": fold(e["name"])} for e in records],
    )
