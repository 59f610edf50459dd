"""A discussion record: written and signed by one buddy, countersigned by the other."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from reflect.discussion_record import encode
from storage import discussion_records as records
from storage.share_files import (
    AlreadyImported,
    BadSignature,
    ReAddressed,
    ShareRefused,
    encrypt_to,
    export_share,
    import_share,
    my_party,
)
from tests.storage.test_sharing import Leader, buddy_id, make_leader, pair, written

__all__ = ["pair"]  # the fixture, shared with the share tests


def test_both_buddies_sign_one_record_of_their_conversation(
    pair: tuple[Leader, Leader], tmp_path: Path
) -> None:
    asha, ben = pair
    out = tmp_path / "share.age"
    sent = export_share(asha.vault, buddy_id(asha, "Ben Hughes"), [written(asha.vault)], out)
    import_share(ben.vault, out.read_bytes(), out.name)

    record = records.create(
        asha.vault, buddy_id(asha, "Ben Hughes"), date(2026, 11, 20), [sent.share_id]
    )
    assert record.signed_by(my_party(asha.vault)) and not record.complete
    assert b"Board away day" not in encode(record)  # no content, only which share

    to_ben = tmp_path / "record.age"
    records.export(asha.vault, record.id, to_ben)
    at_ben = records.import_record(ben.vault, to_ben.read_bytes(), to_ben.name)
    assert not at_ben.signed_by(my_party(ben.vault))
    countersigned = records.sign(ben.vault, record.id)
    assert countersigned.complete
    back = tmp_path / "record-back.age"
    records.export(ben.vault, record.id, back)
    final = records.import_record(asha.vault, back.read_bytes(), back.name)
    assert final.complete and records.records(asha.vault) == [final]
    assert [d.share_id for d in final.discussed] == [sent.share_id]
    with pytest.raises(AlreadyImported):
        records.import_record(asha.vault, back.read_bytes(), back.name)


def test_a_tampered_or_misaddressed_record_is_refused(
    pair: tuple[Leader, Leader], tmp_path: Path
) -> None:
    asha, ben = pair
    out = tmp_path / "share.age"
    sent = export_share(asha.vault, buddy_id(asha, "Ben Hughes"), [written(asha.vault)], out)
    record = records.create(
        asha.vault, buddy_id(asha, "Ben Hughes"), date(2026, 11, 20), [sent.share_id]
    )
    moved = encode(record).replace(b"2026-11-20", b"2026-11-21")
    forged = encrypt_to(moved, my_party(ben.vault))
    with pytest.raises(BadSignature):
        records.import_record(ben.vault, forged, "record.age")
    carol = make_leader(tmp_path / "carol", "Carol Jones")
    try:
        carol.vault.buddies.add(my_party(asha.vault))
        with pytest.raises(ReAddressed):
            records.import_record(
                carol.vault, encrypt_to(encode(record), my_party(carol.vault)), "r.age"
            )
        with pytest.raises(ShareRefused):
            records.import_record(carol.vault, b"not a record", "r.age")
    finally:
        carol.vault.lock()
    assert records.records(ben.vault) == []
