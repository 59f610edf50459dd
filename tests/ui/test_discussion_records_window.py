"""Discussion records through the window: written and signed by one buddy, countersigned by the
other, and saved as a PDF."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from storage.share_files import export_share, import_share
from tests.storage.test_sharing import Leader, buddy_id, pair, written
from ui import discussion_records_dialog as ui_records
from ui.discussion_records_dialog import DiscussionRecordsDialog, NewRecordDialog
from ui.session import Session

__all__ = ["pair"]


def session_of(leader: Leader) -> Session:
    session = Session(leader.folder)
    session.adopt(leader.vault)
    return session


@pytest.fixture
def paths(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[list[Path]]:
    """The files the person picks, in order; and no message box ever blocks."""
    queue: list[Path] = []
    monkeypatch.setattr(ui_records, "ask_path", lambda *a, **k: queue.pop(0) if queue else None)
    monkeypatch.setattr(ui_records, "tell", lambda *a, **k: None)
    yield queue


def test_a_record_is_signed_by_both_buddies_and_saved_as_pdf(
    qtbot: QtBot,
    pair: tuple[Leader, Leader],
    tmp_path: Path,
    paths: list[Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asha, ben = pair
    shared = tmp_path / "share.age"
    export_share(asha.vault, buddy_id(asha, "Ben Hughes"), [written(asha.vault)], shared)
    import_share(ben.vault, shared.read_bytes(), shared.name)

    def tick_and_sign(dialog: NewRecordDialog) -> int:
        assert dialog.buddy.currentText() == "Ben Hughes"
        dialog.shares.item(0).setCheckState(Qt.CheckState.Checked)
        assert "Board away day" in dialog.shares.item(0).text()  # shown here, never recorded
        assert dialog.ok.isEnabled()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(NewRecordDialog, "exec", tick_and_sign)
    to_ben = tmp_path / "record.age"
    paths.append(to_ben)
    window = DiscussionRecordsDialog(session_of(asha))
    qtbot.addWidget(window)
    window.new_button.click()
    assert to_ben.exists()
    assert (
        window.model.data(window.model.index(0, 0), ui_records.Role.ASIDE)
        == "Waiting for Ben Hughes"
    )

    back = tmp_path / "record-back.age"
    paths.extend([to_ben, back])
    at_ben = DiscussionRecordsDialog(session_of(ben))
    qtbot.addWidget(at_ben)
    at_ben.import_button.click()
    assert (
        at_ben.model.data(at_ben.model.index(0, 0), ui_records.Role.ASIDE) == "Needs your signature"
    )
    assert at_ben.sign_button.isEnabled()
    at_ben.sign_button.click()
    assert back.exists() and not at_ben.sign_button.isEnabled()

    paths.append(back)
    window.import_button.click()
    assert (
        window.model.data(window.model.index(0, 0), ui_records.Role.ASIDE) == "Signed by you both"
    )
    pdf = tmp_path / "record.pdf"
    paths.append(pdf)
    window.pdf_button.click()
    assert pdf.read_bytes().startswith(b"%PDF")
