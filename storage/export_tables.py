"""The journal's tables as the export's record lists (reflect.export_records), and back.

Reading turns internal keys into the public ids the file uses; writing turns
them back and merges into what the journal holds. Nothing already in the
journal is overwritten with something older: a record that is there already is
kept, except a meeting, prompt pack or discussion record that the file holds
in a newer version. Each writer returns how many records it added.
"""

from __future__ import annotations

from collections.abc import Mapping

from reflect.export_records import Record
from storage.db import Db
from storage.export_buddy_tables import (
    read_buddies,
    read_discussion_records,
    read_reply_links,
    read_shares,
    read_sharing_identity,
    read_signing_identity,
    write_buddies,
    write_discussion_records,
    write_reply_links,
    write_shares,
    write_sharing_identity,
    write_signing_identity,
)
from storage.export_journal_tables import (
    read_attachments,
    read_contacts,
    read_follow_ups,
    read_meetings,
    read_storylines,
    write_attachments,
    write_contacts,
    write_follow_ups,
    write_meetings,
    write_storylines,
)
from storage.export_prompt_tables import (
    read_enablers,
    read_prompt_marks,
    read_prompt_pack_choices,
    read_prompt_packs,
    write_enablers,
    write_prompt_marks,
    write_prompt_pack_choices,
    write_prompt_packs,
)
from storage.export_rows import Ids, Reader, Writer

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
    ids = Ids(conn)
    added: dict[str, int] = {}
    for name, (_, write) in TABLES.items():
        if (name == "contacts") != before_reflections:
            continue
        added[name] = write(conn, list(records.get(name, [])), ids)
    return added
