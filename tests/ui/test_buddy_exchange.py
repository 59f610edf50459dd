"""Acceptance 5: two leaders' apps exchange a share and a reply through files, by the menus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from reflect.buddy_card import card_text, read_card
from reflect.frameworks import Lens
from reflect.model import NewReflection, Section
from storage import crypto
from storage.share_files import ensure_identity, my_party
from storage.vault import Vault
from tests.conftest import PASSPHRASE
from ui import share_dialog, share_import
from ui.main_window import MainWindow
from ui.session import Session
from ui.share_reader import Action, Link, link_text


def app_for(qtbot: QtBot, folder: Path, name: str) -> MainWindow:
    vault, _ = Vault.create(folder, PASSPHRASE, crypto.FLOOR_PARAMS)
    ensure_identity(vault, name)
    session = Session(folder)
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    session.adopt(vault)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.journal, timeout=10_000)
    return window


@pytest.fixture
def apps(qtbot: QtBot, tmp_path: Path) -> Iterator[tuple[MainWindow, MainWindow]]:
    asha = app_for(qtbot, tmp_path / "asha", "Asha Patel")
    ben = app_for(qtbot, tmp_path / "ben", "Ben Hughes")
    a, b = asha.session.vault, ben.session.vault
    a.buddies.set_verified(a.buddies.add(read_card(card_text(my_party(b)))).id)
    b.buddies.set_verified(b.buddies.add(read_card(card_text(my_party(a)))).id)
    yield asha, ben
    for window in (asha, ben):
        window.session.lock()
        window.session.background.wait()


def send_through_dialog(
    qtbot: QtBot, window: MainWindow, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(share_dialog, "ask_share_path", lambda parent, name: out)
    monkeypatch.setattr(share_dialog, "tell_sent", lambda parent, text: None)
    dialog = window.buddy_menu.dialog
    assert dialog is not None
    dialog.next.click()  # what to share -> privacy check
    dialog.next.click()  # privacy check -> send
    dialog.sending.save.click()
    assert out.exists()


def import_through_menu(window: MainWindow, path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(share_import, "ask_share_path", lambda parent: path)
    monkeypatch.setattr(share_import, "tell_imported", lambda parent, record: None)
    monkeypatch.setattr(share_import, "tell_problem", lambda parent, text: pytest.fail(text))
    window.buddy_menu.import_action.trigger()


def test_a_share_and_a_reply_go_both_ways_through_the_apps(
    qtbot: QtBot,
    apps: tuple[MainWindow, MainWindow],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asha, ben = apps
    mine = asha.session.vault.add(
        NewReflection(
            title="Discharge fund",
            sections=(Section("Ask before proposing; it changes the room.", Lens.SAGE),),
        )
    )
    asha.journal.open_in_journal(mine.id)
    asha.buddy_menu.share_action.trigger()
    to_ben = tmp_path / "to-ben.age"
    send_through_dialog(qtbot, asha, to_ben, monkeypatch)

    import_through_menu(ben, to_ben, monkeypatch)
    page = ben.journal.buddy_shares_page
    assert ben.journal.content.currentWidget() is page
    assert "Ask before proposing" in page.reader.toPlainText()
    assert ben.session.vault.count() == 0  # a buddy's words stay in From my buddies

    # Ben replies: the Reply link starts his own reflection, linked when saved.
    [received] = ben.session.vault.buddies.shares("received")
    shared = received.payload.reflections[0]
    page.reader.anchorClicked.emit(
        QUrl(link_text(Link(Action.REPLY, shared.id, received.share_id)))
    )
    editor = ben.journal.editor
    assert editor.title.text() == "Reply to: Discharge fund"
    qtbot.keyClicks(editor.section_editors[0].text, "The same happened to me at the council.")
    ben.journal.controller.commit()
    [answer] = ben.session.vault.newest()
    assert ben.session.vault.buddies.reply_to(answer.id) is not None

    ben.journal.buddy_shares_page.share_reply_requested.emit(answer.id)
    dialog = ben.buddy_menu.dialog
    assert dialog is not None and dialog.what.buddy.currentText().startswith("Asha Patel")
    to_asha = tmp_path / "to-asha.age"
    send_through_dialog(qtbot, ben, to_asha, monkeypatch)

    import_through_menu(asha, to_asha, monkeypatch)
    text = asha.journal.buddy_shares_page.reader.toPlainText()
    assert "The same happened to me at the council." in text
    kinds = [(r.direction, r.payload.kind.value) for r in asha.session.vault.buddies.shares()]
    assert kinds == [("received", "reply"), ("sent", "share")]
    assert asha.session.vault.get(mine.id) == mine
