"""The buddy screens, on two real journals: make a card, add a buddy after comparing the
safety number, import a share and read it as a conversation, reply; every refusal is
shown and changes nothing; locking forgets every word shown."""

from __future__ import annotations

import stat
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from reflect.buddy_card import CardError, card_text, read_card, safety_number
from reflect.frameworks import Lens, Way
from reflect.model import NewReflection, Reflection, Section
from reflect.sharing import ReplyTo
from storage.share_files import ensure_identity, export_share, my_party
from storage.vault import Vault
from tests.storage.test_sharing import Leader, make_leader
from tests.ui.test_accessibility import unnamed_controls
from ui import add_buddy_dialog, buddy_card_panel, share_import
from ui.add_buddy_dialog import AddBuddyDialog
from ui.buddies_page import BuddiesPage
from ui.buddy_list_model import BuddyListModel
from ui.buddy_shares_page import BuddySharesPage
from ui.session import Session
from ui.share_reader import Action, Link, link_text, parse_link
from ui.share_thread_model import ThreadListModel, ThreadRow
from ui.two_line_delegate import Role

TODAY = date(2025, 12, 3)


@pytest.fixture
def session(vault: Vault, journal_dir: Path) -> Session:
    """Ben's journal, with no buddy card yet."""
    opened = Session(journal_dir)
    opened.adopt(vault)
    return opened


@pytest.fixture
def asha(tmp_path: Path) -> Iterator[Leader]:
    """Asha's journal, in a data directory of its own, with her buddy card made."""
    leader = make_leader(tmp_path / "asha", "Asha Patel")
    yield leader
    leader.vault.lock()


@pytest.fixture
def page(qtbot: QtBot, session: Session) -> BuddiesPage:
    shown = BuddiesPage(session)
    qtbot.addWidget(shown)
    shown.resize(1000, 700)
    shown.show()
    shown.refresh()
    return shown


@pytest.fixture
def shares_page(qtbot: QtBot, session: Session) -> BuddySharesPage:
    shown = BuddySharesPage(session, today=lambda: TODAY)
    qtbot.addWidget(shown)
    shown.resize(1000, 700)
    shown.show()
    return shown


@pytest.fixture
def paired(session: Session, asha: Leader) -> Leader:
    """Ben (the session) and Asha have each added the other's card."""
    ensure_identity(session.vault, "Ben Hughes")
    session.vault.buddies.add(read_card(asha.card()))
    asha.vault.buddies.add(read_card(card_text(my_party(session.vault))))
    return asha


def written(vault: Vault, title: str = "Board away day") -> Reflection:
    return vault.add(
        NewReflection(
            title=title,
            sections=(
                Section("Amy from the ICB pushed back hard on the discharge money."),
                Section("Ask before proposing; it changes the room.", Lens.SAGE),
            ),
            people=["Amy Clarke"],
            tags=["board"],
            ways=[Way.RELATING],
        )
    )


def share_from(asha: Leader, out: Path, reflection: Reflection | None = None, **kw: object) -> Path:
    [ben] = asha.vault.buddies.named("Ben Hughes")
    export_share(asha.vault, ben.id, [reflection or written(asha.vault)], out, **kw)  # type: ignore[arg-type]
    return out


def anchors(shares_page: BuddySharesPage) -> list[str]:
    """Every link in the reader, in order."""
    found = []
    block = shares_page.reader.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            href = it.fragment().charFormat().anchorHref()
            if href and href not in found:
                found.append(href)
            it += 1
        block = block.next()
    return found


def open_dialog(qtbot: QtBot, page: BuddiesPage) -> AddBuddyDialog:
    page.add_button.setFocus()
    qtbot.keyClick(page.add_button, Qt.Key.Key_Return)
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def make_my_card(qtbot: QtBot, page: BuddiesPage, name: str = "Ben Hughes") -> None:
    qtbot.keyClicks(page.card_panel.name, name)
    qtbot.keyClick(page.card_panel.name, Qt.Key.Key_Return)


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(("warn", text)))
    monkeypatch.setattr(
        QMessageBox, "information", lambda _p, _t, text: shown.append(("info", text))
    )
    return shown


# --- your buddy card -------------------------------------------------------------------------


def test_a_buddy_card_is_made_by_keyboard_then_copied_and_saved(
    qtbot: QtBot,
    page: BuddiesPage,
    session: Session,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    panel = page.card_panel
    assert panel.showing() is panel.make_page
    assert not page.add_button.isEnabled() and page.needs_card.isVisibleTo(page)
    assert not panel.make_button.isEnabled()
    make_my_card(qtbot, page)
    identity = session.vault.buddies.identity()
    assert identity is not None and identity.name == "Ben Hughes"
    assert panel.showing() is panel.card_page
    assert panel.card_text == card_text(my_party(session.vault))
    assert panel.card.toPlainText() == panel.card_text.rstrip("\n")
    assert panel.card.isReadOnly()
    assert page.add_button.isEnabled() and not page.needs_card.isVisibleTo(page)

    qtbot.keyClick(panel.copy_button, Qt.Key.Key_Space)
    assert QGuiApplication.clipboard().text() == panel.card_text
    out = tmp_path / "card.txt"
    monkeypatch.setattr(buddy_card_panel, "ask_save_path", lambda parent: out)
    panel.save_button.click()
    assert out.read_text(encoding="utf-8") == panel.card_text
    assert stat.S_IMODE(out.stat().st_mode) == 0o644
    assert read_card(out.read_text(encoding="utf-8")) == my_party(session.vault)


def test_saving_the_card_can_be_cancelled(
    page: BuddiesPage, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    make_my_card(qtbot, page)
    monkeypatch.setattr(buddy_card_panel, "ask_save_path", lambda parent: None)
    page.card_panel.save_button.click()
    assert list(tmp_path.glob("*.txt")) == []


# --- adding a buddy ----------------------------------------------------------------------------


def test_adding_a_buddy_shows_the_safety_number_and_the_tick_marks_them_verified(
    qtbot: QtBot, page: BuddiesPage, session: Session, asha: Leader
) -> None:
    make_my_card(qtbot, page)
    dialog = open_dialog(qtbot, page)
    assert not dialog.add_button.isEnabled()
    dialog.card.setPlainText(asha.card())
    expected = safety_number(my_party(session.vault), my_party(asha.vault))
    assert dialog.found.isVisibleTo(dialog)
    assert dialog.buddy_name.text() == "Asha Patel"
    assert dialog.number.text() == expected
    assert "Compare this with Asha Patel in person or by phone" in dialog.compare.text()
    assert not dialog.problem.isVisibleTo(dialog)
    dialog.verified.setFocus()
    qtbot.keyClick(dialog.verified, Qt.Key.Key_Space)
    assert dialog.verified.isChecked()
    qtbot.keyClick(dialog.verified, Qt.Key.Key_Return)  # the default button: Add buddy
    qtbot.waitUntil(lambda: page.dialog is None)
    [buddy] = session.vault.buddies.listed()
    assert buddy.party == my_party(asha.vault) and buddy.verified
    # The page shows the same number for the chosen buddy.
    assert page.chosen() == buddy
    assert page.number.text() == expected
    assert page.name.text() == "Asha Patel"
    assert page.status.text().startswith("Verified on")
    assert page.verify_button.text().replace("&", "") == "Mark as not verified"
    index = page.model.index(0, 0)
    assert index.data(Role.ASIDE) == "Verified"
    assert index.data(Qt.ItemDataRole.AccessibleTextRole).startswith("Asha Patel, verified")


def test_a_buddy_added_unticked_is_not_verified_until_marked(
    qtbot: QtBot, page: BuddiesPage, session: Session, asha: Leader
) -> None:
    make_my_card(qtbot, page)
    dialog = open_dialog(qtbot, page)
    dialog.card.setPlainText(asha.card())
    dialog.add_button.click()
    qtbot.waitUntil(lambda: page.dialog is None)
    [buddy] = session.vault.buddies.listed()
    assert not buddy.verified
    assert page.status.text().startswith("Not verified")
    assert page.model.index(0, 0).data(Role.ASIDE) == "Not verified"
    page.verify_button.click()
    assert session.vault.buddies.listed()[0].verified
    assert page.verify_button.text().replace("&", "") == "Mark as not verified"
    page.verify_button.click()
    assert not session.vault.buddies.listed()[0].verified
    assert page.verify_button.text().replace("&", "") == "Mark as verified"


def test_a_card_in_a_file_quoted_in_an_email_is_read(
    qtbot: QtBot,
    page: BuddiesPage,
    asha: Leader,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    make_my_card(qtbot, page)
    quoted = "Hi Ben, here it is.\n\n" + "".join(
        f">  {line}\n" for line in asha.card().splitlines()
    )
    card_file = tmp_path / "asha-card.txt"
    card_file.write_text(quoted, encoding="utf-8")
    monkeypatch.setattr(add_buddy_dialog, "ask_card_path", lambda parent: card_file)
    dialog = open_dialog(qtbot, page)
    dialog.open_button.click()
    assert dialog.buddy_name.text() == "Asha Patel"
    assert dialog.add_button.isEnabled()
    dialog.reject()


@pytest.mark.parametrize(
    "mangle",
    [
        lambda card: "Dear Ben, my card is attached.",
        lambda card: card.replace("Signing: ", "Signing: X"),
        lambda card: "\n".join(line for line in card.splitlines() if not line.startswith("Age")),
    ],
    ids=["not a card", "altered", "incomplete"],
)
def test_a_bad_card_shows_what_is_wrong_and_adds_nothing(
    qtbot: QtBot, page: BuddiesPage, session: Session, asha: Leader, mangle: object
) -> None:
    make_my_card(qtbot, page)
    dialog = open_dialog(qtbot, page)
    bad = mangle(asha.card())  # type: ignore[operator]
    with pytest.raises(CardError) as refused:
        read_card(bad)
    dialog.card.setPlainText(bad)
    assert dialog.problem.isVisibleTo(dialog)
    assert dialog.problem.text() == str(refused.value)
    assert not dialog.found.isVisibleTo(dialog)
    assert dialog.number.text() == ""
    assert not dialog.add_button.isEnabled()
    dialog.accept()  # Enter, say: nothing to add
    assert dialog.isVisible()
    dialog.reject()
    qtbot.waitUntil(lambda: page.dialog is None)
    assert session.vault.buddies.listed() == []


def test_your_own_card_and_a_buddy_you_have_are_not_added_again(
    qtbot: QtBot, page: BuddiesPage, session: Session, asha: Leader
) -> None:
    make_my_card(qtbot, page)
    dialog = open_dialog(qtbot, page)
    dialog.card.setPlainText(page.card_panel.card.toPlainText())
    assert "your own buddy card" in dialog.problem.text()
    assert not dialog.add_button.isEnabled()
    dialog.reject()
    session.vault.buddies.add(read_card(asha.card()))
    page.refresh()
    dialog = open_dialog(qtbot, page)
    dialog.card.setPlainText(asha.card())
    assert dialog.problem.text() == "Asha Patel is already your buddy, with this card."
    dialog.reject()


def test_a_new_card_under_a_known_name_is_refused_with_the_reason(
    qtbot: QtBot, page: BuddiesPage, session: Session, asha: Leader, tmp_path: Path
) -> None:
    make_my_card(qtbot, page)
    session.vault.buddies.add(read_card(asha.card()))
    page.refresh()
    impostor = make_leader(tmp_path / "impostor", "Asha Patel")
    try:
        dialog = open_dialog(qtbot, page)
        dialog.card.setPlainText(impostor.card())
        assert dialog.add_button.isEnabled()  # the card itself is fine
        dialog.verified.setChecked(True)
        dialog.add_button.click()
        assert dialog.isVisible()
        assert "You already have a buddy called Asha Patel" in dialog.problem.text()
        assert [b.party for b in session.vault.buddies.listed()] == [my_party(asha.vault)]
        assert not session.vault.buddies.listed()[0].verified
        dialog.reject()
    finally:
        impostor.vault.lock()


def test_a_buddy_is_removed_only_while_nothing_was_exchanged(
    qtbot: QtBot,
    page: BuddiesPage,
    session: Session,
    paired: Leader,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    messages: list[tuple[str, str]],
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    share_import.import_share_file(page, session, share_from(paired, tmp_path / "s.age"))
    messages.clear()
    page.refresh()
    page.remove_button.click()
    [(kind, text)] = messages
    assert kind == "warn" and "exchanged shares with this buddy" in text
    assert len(session.vault.buddies.listed()) == 1

    other = make_leader(tmp_path / "carol", "Carol Ede")
    try:
        session.vault.buddies.add(read_card(other.card()))
    finally:
        other.vault.lock()
    page.refresh()
    page.list.setCurrentIndex(
        page.model.index(page.model.row_where(lambda b: b.name == "Carol Ede") or 0, 0)
    )
    chosen = page.chosen()
    assert chosen is not None and chosen.name == "Carol Ede"
    page.remove_button.click()
    assert [b.name for b in session.vault.buddies.listed()] == ["Asha Patel"]
    assert page.model.rowCount() == 1


# --- importing and reading shares --------------------------------------------------------------


def test_an_imported_share_is_listed_as_a_conversation_and_read(
    qtbot: QtBot,
    shares_page: BuddySharesPage,
    session: Session,
    paired: Leader,
    tmp_path: Path,
    messages: list[tuple[str, str]],
) -> None:
    shares_page.refresh()
    assert shares_page.right.currentWidget() is shares_page.nothing
    out = share_from(
        paired,
        tmp_path / "to-ben.age",
        note="The bit I most want your view on.",
        reply_by=date(2025, 12, 8),
        now=datetime(2025, 12, 2, 12, 0, tzinfo=UTC),
    )
    assert share_import.import_share_file(shares_page, session, out) is True
    [(kind, text)] = messages
    assert kind == "info"
    assert "from Asha Patel: 1 reflection" in text and "not verified" in text

    shares_page.refresh()
    assert shares_page.right.currentWidget() is shares_page.conversation
    assert shares_page.model.rowCount() == 1
    index = shares_page.model.index(0, 0)
    assert index.data() == "Asha Patel · not verified"
    assert index.data(Role.SECONDARY) == "2 Dec · Board away day"
    assert index.data(Role.ASIDE) == "Reply by 8 Dec"
    assert index.data(Role.EMPHASIS) is True
    shown = shares_page.reader.toPlainText()
    for words in (
        "With Asha Patel",
        "Not verified",
        "Asha Patel shared",
        "The bit I most want your view on.",
        "Asks for a reply by Mon 8 December 2025",
        "Board away day",
        "Amy from the ICB pushed back hard on the discharge money.",
        "Sage",
        "Ask before proposing; it changes the room.",
        "People: Amy Clarke",
        "Tags: board",
        "Ways: Relating",
        "Reply…",
    ):
        assert words in shown, words
    assert shares_page.reader.openLinks() is False


def test_the_import_button_asks_for_the_file_and_shows_the_new_conversation(
    qtbot: QtBot,
    shares_page: BuddySharesPage,
    session: Session,
    paired: Leader,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    messages: list[tuple[str, str]],
) -> None:
    first = share_from(paired, tmp_path / "one.age", written(paired.vault, "Older"))
    share_import.import_share_file(shares_page, session, first)
    second = share_from(paired, tmp_path / "two.age", written(paired.vault, "Newer"))
    shares_page.refresh()
    shares_page.list.setCurrentIndex(shares_page.model.index(0, 0))
    monkeypatch.setattr(share_import, "ask_share_path", lambda parent: second)
    qtbot.keyClick(shares_page.import_button, Qt.Key.Key_Space)
    assert shares_page.model.rowCount() == 2
    assert "Newer" in shares_page.reader.toPlainText()
    monkeypatch.setattr(share_import, "ask_share_path", lambda parent: None)
    shares_page.import_button.click()  # cancelled: nothing asked, nothing changed
    assert shares_page.model.rowCount() == 2


@pytest.mark.parametrize(
    "contents",
    [b"garbage bytes, not a share", b"age-encryption.org/v1\n-> X25519 cut short"],
    ids=["not age", "damaged"],
)
def test_a_refused_file_is_explained_and_changes_nothing(
    shares_page: BuddySharesPage,
    session: Session,
    paired: Leader,
    tmp_path: Path,
    messages: list[tuple[str, str]],
    contents: bytes,
) -> None:
    bad = tmp_path / "bad.age"
    bad.write_bytes(contents)
    before = session.vault.buddies.shares()
    assert share_import.import_share_file(shares_page, session, bad) is False
    [(kind, text)] = messages
    assert kind == "warn" and "bad.age" in text and "Nothing was imported" in text
    assert session.vault.buddies.shares() == before
    shares_page.refresh()
    assert shares_page.model.rowCount() == 0


def test_a_share_imported_twice_or_unreadable_is_refused(
    shares_page: BuddySharesPage,
    session: Session,
    paired: Leader,
    tmp_path: Path,
    messages: list[tuple[str, str]],
) -> None:
    out = share_from(paired, tmp_path / "to-ben.age")
    assert share_import.import_share_file(shares_page, session, out)
    assert not share_import.import_share_file(shares_page, session, out)
    assert "already in your journal" in messages[-1][1]
    assert not share_import.import_share_file(shares_page, session, tmp_path / "missing.age")
    assert messages[-1] == (
        "warn",
        "Reflect could not read missing.age: No such file or directory. Nothing was imported.",
    )
    assert len(session.vault.buddies.shares()) == 1


def test_without_a_card_a_share_cannot_be_for_you(
    shares_page: BuddySharesPage,
    session: Session,
    asha: Leader,
    tmp_path: Path,
    messages: list[tuple[str, str]],
) -> None:
    other = make_leader(tmp_path / "ben-elsewhere", "Ben Hughes")
    try:
        asha.vault.buddies.add(read_card(other.card()))
        out = share_from(asha, tmp_path / "s.age")
    finally:
        other.vault.lock()
    assert not share_import.import_share_file(shares_page, session, out)
    assert "no buddy card yet" in messages[-1][1]


# --- replying ------------------------------------------------------------------------------------


def test_reply_then_open_and_share_the_reply_by_keyboard(
    qtbot: QtBot,
    shares_page: BuddySharesPage,
    session: Session,
    paired: Leader,
    tmp_path: Path,
    messages: list[tuple[str, str]],
) -> None:
    original = written(paired.vault)
    share_import.import_share_file(
        shares_page, session, share_from(paired, tmp_path / "s.age", original)
    )
    shares_page.refresh()
    [received] = session.vault.buddies.shares("received")
    expected = ReplyTo(received.share_id, original.id)
    reader = shares_page.reader
    reader.setFocus()
    with qtbot.waitSignal(shares_page.reply_requested) as asked:
        qtbot.keyClick(reader, Qt.Key.Key_Tab)
        qtbot.keyClick(reader, Qt.Key.Key_Return)
    assert asked.args == [expected, "Board away day"]

    # The journal writes the reply and links it; the conversation then shows it.
    answer = session.vault.add(
        NewReflection(title="Same with the council", sections=(Section("It was."),))
    )
    session.vault.buddies.link_reply(answer.id, expected)
    shares_page.refresh()
    assert "Your reply: Same with the council" in reader.toPlainText()
    reader.setFocus()
    qtbot.keyClick(reader, Qt.Key.Key_Tab)  # Reply…
    with qtbot.waitSignal(shares_page.open_reflection) as opened:
        qtbot.keyClick(reader, Qt.Key.Key_Tab)  # Open
        qtbot.keyClick(reader, Qt.Key.Key_Return)
    assert opened.args == [answer.id]
    with qtbot.waitSignal(shares_page.share_reply_requested) as sharing:
        qtbot.keyClick(reader, Qt.Key.Key_Tab)  # Share this reply…
        qtbot.keyClick(reader, Qt.Key.Key_Return)
    assert sharing.args == [answer.id]

    # Shared back, it joins the conversation as "You replied".
    [asha_buddy] = session.vault.buddies.named("Asha Patel")
    export_share(
        session.vault, asha_buddy.id, [answer], tmp_path / "back.age", in_reply_to=expected
    )
    shares_page.refresh()
    assert shares_page.model.rowCount() == 1
    assert shares_page.model.index(0, 0).data(Role.ASIDE) == "1 reply"
    text = reader.toPlainText()
    assert "You replied" in text and "(shared with your buddy)" in text


def test_buddy_text_is_shown_as_text_never_as_markup(
    shares_page: BuddySharesPage,
    session: Session,
    paired: Leader,
    tmp_path: Path,
    messages: list[tuple[str, str]],
) -> None:
    sneaky = paired.vault.add(
        NewReflection(
            title="<b>Bold</b> & <img src='file:///etc/passwd'>",
            sections=(Section("<a href='reflect-open:" + str(uuid.uuid4()) + "'>click</a>"),),
        )
    )
    out = share_from(paired, tmp_path / "s.age", sneaky, note="<script>x</script>")
    share_import.import_share_file(shares_page, session, out)
    shares_page.refresh()
    shown = shares_page.reader.toPlainText()
    assert "<b>Bold</b> & <img src='file:///etc/passwd'>" in shown
    assert "<a href='reflect-open:" in shown and "<script>x</script>" in shown
    html = shares_page.reader.toHtml()
    assert "<img" not in html and "<script" not in html
    assert [parse_link(a) for a in anchors(shares_page)] == [  # the buddy's "link" is text
        Link(Action.REPLY, sneaky.id, session.vault.buddies.shares()[0].share_id)
    ]


def test_only_reflects_own_links_do_anything() -> None:
    share, reflection = uuid.uuid4(), uuid.uuid4()
    reply = Link(Action.REPLY, reflection, share)
    assert parse_link(link_text(reply)) == reply
    assert parse_link(QUrl(link_text(reply)).toString()) == reply
    assert parse_link(link_text(Link(Action.OPEN, reflection))) == Link(Action.OPEN, reflection)
    for other in ("https://example.org", "reflect-open:not-a-uuid", "file:///etc/passwd", ""):
        assert parse_link(other) is None


# --- locking and accessibility -------------------------------------------------------------------


def test_wipe_forgets_every_word_shown(
    qtbot: QtBot,
    page: BuddiesPage,
    shares_page: BuddySharesPage,
    session: Session,
    paired: Leader,
    tmp_path: Path,
    messages: list[tuple[str, str]],
) -> None:
    share_import.import_share_file(shares_page, session, share_from(paired, tmp_path / "s.age"))
    shares_page.refresh()
    page.refresh()
    assert shares_page.reader.toPlainText() and page.number.text()
    dialog = open_dialog(qtbot, page)
    dialog.card.setPlainText(paired.card())
    shares_page.wipe()
    page.wipe()
    assert shares_page.reader.toPlainText() == ""
    assert shares_page.model.rowCount() == 0
    assert page.model.rowCount() == 0
    assert page.dialog is None or not dialog.isVisible()
    assert dialog.card.toPlainText() == "" and dialog.number.text() == ""
    for label in (page.name, page.number, page.status, page.compare):
        assert label.text() == ""
    assert page.card_panel.card.toPlainText() == page.card_panel.card_text == ""
    assert page.card_panel.name.text() == ""


def test_every_control_has_a_name(
    qtbot: QtBot,
    page: BuddiesPage,
    shares_page: BuddySharesPage,
    session: Session,
    paired: Leader,
    tmp_path: Path,
    messages: list[tuple[str, str]],
) -> None:
    assert unnamed_controls(page) == []
    page.refresh()
    assert unnamed_controls(page) == []
    dialog = open_dialog(qtbot, page)
    dialog.card.setPlainText(paired.card())
    assert unnamed_controls(dialog) == []
    dialog.reject()
    share_import.import_share_file(shares_page, session, share_from(paired, tmp_path / "s.age"))
    shares_page.refresh()
    assert unnamed_controls(shares_page) == []


def test_the_models_pass_qts_model_tester(
    qtmodeltester: ModelTester,
    session: Session,
    paired: Leader,
    tmp_path: Path,
    messages: list[tuple[str, str]],
) -> None:
    buddies = BuddyListModel()
    buddies.set_buddies(session.vault.buddies.listed(), TODAY)
    qtmodeltester.check(buddies, force_py=True)

    from reflect.share_threads import threads

    share_import.import_share_file(None, session, share_from(paired, tmp_path / "s.age"))  # type: ignore[arg-type]
    records = session.vault.buddies.shares()
    rows = [
        ThreadRow(t, records[0].buddy) for t in threads([(r.payload, r.direction) for r in records])
    ]
    model = ThreadListModel()
    model.set_rows(rows, TODAY)
    qtmodeltester.check(model, force_py=True)
    model.clear()  # the tester watches the reset
    buddies.clear()
    assert model.rowCount() == buddies.rowCount() == 0
