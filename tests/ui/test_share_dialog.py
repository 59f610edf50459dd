"""The share dialog: choose parts, pick a buddy, check the names, save the file; the buddy's
journal opens it. Names are replaced in the shared copy only; cancelling writes nothing."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from reflect import timeutil
from reflect.buddy_card import read_card
from reflect.frameworks import Lens
from reflect.model import NewReflection, Reflection, Section
from reflect.sharing import ReplyTo, ShareKind
from storage.share_files import export_share, import_share
from storage.vault import Vault
from tests.storage.test_sharing import Leader, make_leader
from tests.ui.test_accessibility import unnamed_controls
from ui import share_add, share_dialog
from ui.session import Session
from ui.share_add import AddReflectionDialog
from ui.share_dialog import ShareDialog
from ui.share_models import Column
from ui.share_steps import NO_BUDDIES, NO_CARD

CHECK = Qt.ItemDataRole.CheckStateRole
SAGE_TEXT = "Next time I will ask Amy Clarke before proposing anything; it changes the room."


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Leader, Leader]]:
    """Asha and Ben, each with a journal of their own, buddies by swapping cards."""
    asha = make_leader(tmp_path / "asha", "Asha Patel")
    ben = make_leader(tmp_path / "ben", "Ben Hughes")
    asha.vault.buddies.add(read_card(ben.card()))
    ben.vault.buddies.add(read_card(asha.card()))
    yield asha, ben
    asha.vault.lock()
    ben.vault.lock()


@pytest.fixture
def asha_session(pair: tuple[Leader, Leader]) -> Session:
    session = Session(pair[0].folder)
    session.adopt(pair[0].vault)
    return session


def written(vault: Vault) -> Reflection:
    """Amy Clarke is in the directory (a label) and named in the sage's part."""
    return vault.add(
        NewReflection(
            title="Board away day",
            sections=(
                Section("Amy from the ICB pushed back hard on the discharge money."),
                Section("I stayed curious rather than defensive.", Lens.BIOGRAPHER),
                Section(SAGE_TEXT, Lens.SAGE),
            ),
            people=["Amy Clarke"],
        )
    )


def open_dialog(qtbot: QtBot, session: Session, ids: list[uuid.UUID]) -> ShareDialog:
    dialog = ShareDialog(session, ids)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def only_the_sage(qtbot: QtBot, dialog: ShareDialog) -> None:
    """Untick every part but the sage's, by keyboard: arrows to the part, Space to untick."""
    model, tree = dialog.what.model, dialog.what.tree
    top = model.index(0, 0)
    for row in range(model.rowCount(top)):
        part = model.index(row, 0, top)
        if "sage" not in part.data():
            tree.setCurrentIndex(part)
            qtbot.keyClick(tree, Qt.Key.Key_Space)


def files_in(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.age"))


# --- acceptance: the share flow in the UI -----------------------------------------------------


def test_sharing_only_the_sages_part_with_a_name_replaced_in_the_copy_only(
    qtbot: QtBot,
    pair: tuple[Leader, Leader],
    asha_session: Session,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asha, ben = pair
    original = written(asha.vault)
    dialog = open_dialog(qtbot, asha_session, [original.id])
    what = dialog.what
    assert dialog.pages.currentWidget() is what
    top = what.model.index(0, 0)
    assert top.data().startswith("Board away day · ")
    labels = [what.model.index(r, 0, top).data() for r in range(what.model.rowCount(top))]
    assert labels[0].startswith("No particular lens: “Amy from the ICB")
    assert labels[1].startswith("The biographer's portrait")
    assert labels[2].startswith("The sage's learning: “Next time I will ask")

    only_the_sage(qtbot, dialog)
    assert top.data(CHECK) == Qt.CheckState.PartiallyChecked
    assert [s.lens for r in dialog.selection.outgoing() for s in r.sections] == [Lens.SAGE]

    assert what.buddy.isEnabled() and what.no_buddies.isHidden()
    what.buddy.setCurrentIndex(what.buddy.findText("Ben Hughes (not verified)"))
    qtbot.keyClicks(what.note, "The bit I most want your view on.")
    what.wants_reply.setChecked(True)
    assert what.reply_by.isEnabled()
    what.reply_by.setDate(QDate(2026, 12, 8))
    qtbot.mouseClick(dialog.next, Qt.MouseButton.LeftButton)

    # The privacy check: Amy Clarke, from the directory, ticked with the suggested label.
    privacy = dialog.privacy
    assert dialog.pages.currentWidget() is privacy
    [amy] = privacy.model.choices
    assert (amy.finding.name, amy.finding.kind, amy.replace) == ("Amy Clarke", "person", True)
    assert amy.label == amy.finding.suggestion == "a colleague"
    assert privacy.model.index(0, Column.KIND).data() == "person in your directory"
    assert privacy.model.index(0, Column.REPLACE).data(CHECK) == Qt.CheckState.Checked
    preview = privacy.preview.toPlainText()
    assert "ask a colleague before proposing" in preview
    assert "Amy Clarke" not in preview
    assert "The bit I most want your view on." in preview  # the note goes too, as written
    assert privacy.promise.isVisible() and privacy.promise.text() == (
        "Replacements change only the copy your buddy receives; your reflection stays as it is."
    )

    # The leader chooses words of their own for her.
    assert privacy.model.setData(privacy.model.index(0, Column.LABEL), "a partner")
    assert "ask a partner before proposing" in privacy.preview.toPlainText()
    qtbot.mouseClick(dialog.next, Qt.MouseButton.LeftButton)

    sending = dialog.sending
    assert dialog.pages.currentWidget() is sending
    assert sending.warning.text() == (
        "Once you send the file you cannot take it back. Only Ben Hughes and you can open it."
    )
    assert "1 reflection (1 of its 3 parts) with Ben Hughes" in sending.summary.text()
    assert "reply by 8 December 2026" in sending.summary.text()
    out = tmp_path / "outbox" / "share.age"
    out.parent.mkdir()
    asked: list[str] = []
    told: list[str] = []
    monkeypatch.setattr(
        share_dialog, "ask_share_path", lambda _parent, name: asked.append(name) or out
    )
    monkeypatch.setattr(share_dialog, "tell_sent", lambda _parent, text: told.append(text))
    with qtbot.waitSignal(dialog.shared) as signal:
        qtbot.mouseClick(sending.save, Qt.MouseButton.LeftButton)
    assert asked == [f"reflect-share-ben-{timeutil.now().date().isoformat()}.age"]
    assert out.exists()
    assert told and "share.age" in told[0] and "Ben Hughes" in told[0]
    assert dialog.result() == QDialog.DialogCode.Accepted
    [record] = asha.vault.buddies.shares("sent")
    assert record.share_id == signal.args[0]

    # Ben's journal opens it: only the sage's part, her name replaced everywhere.
    received = import_share(ben.vault, out.read_bytes(), out.name)
    assert received.buddy.name == "Asha Patel"
    [shared] = received.payload.reflections
    assert [s.lens for s in shared.sections] == [Lens.SAGE]
    assert shared.sections[0].text == SAGE_TEXT.replace("Amy Clarke", "a partner")
    assert "Amy Clarke" not in repr(shared)
    assert shared.people == ("a partner",)
    assert received.payload.note == "The bit I most want your view on."
    assert received.payload.reply_by == date(2026, 12, 8)
    assert received.payload.kind is ShareKind.SHARE

    # ... and Asha's own reflection is as she wrote it.
    assert asha.vault.get(original.id) == original


def test_with_no_buddies_the_share_step_is_closed_and_says_why(
    qtbot: QtBot, tmp_path: Path
) -> None:
    alone = make_leader(tmp_path / "alone", "Asha Patel")
    session = Session(alone.folder)
    session.adopt(alone.vault)
    try:
        dialog = open_dialog(qtbot, session, [written(alone.vault).id])
        what = dialog.what
        assert what.no_buddies.isVisible() and what.no_buddies.text() == NO_BUDDIES
        assert "Buddies page" in NO_BUDDIES
        assert not what.buddy.isEnabled()
        assert not dialog.next.isEnabled()
        assert not dialog.sending.save.isEnabled()
        dialog.advance()
        assert dialog.pages.currentWidget() is what
        dialog.save()  # even if reached somehow, nothing is asked or written
        assert alone.vault.buddies.shares() == []
    finally:
        alone.vault.lock()


def test_a_journal_without_a_buddy_card_is_sent_to_the_buddies_page(
    qtbot: QtBot, vault: Vault, journal_dir: Path
) -> None:
    session = Session(journal_dir)
    session.adopt(vault)
    dialog = open_dialog(qtbot, session, [written(vault).id])
    assert dialog.what.no_buddies.text() == NO_CARD
    assert not dialog.next.isEnabled()


def test_cancelling_writes_nothing(
    qtbot: QtBot,
    pair: tuple[Leader, Leader],
    asha_session: Session,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asha, _ = pair
    original = written(asha.vault)
    dialog = open_dialog(qtbot, asha_session, [original.id])
    qtbot.keyClicks(dialog.what.note, "Private thoughts about Amy Clarke.")
    dialog.advance()
    dialog.advance()
    assert dialog.pages.currentWidget() is dialog.sending
    # Cancelling the file dialog leaves the share unsent and the dialog open.
    monkeypatch.setattr(share_dialog, "ask_share_path", lambda _parent, _name: None)
    qtbot.mouseClick(dialog.sending.save, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    qtbot.mouseClick(dialog.cancel, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert files_in(tmp_path) == []
    assert asha.vault.buddies.shares() == []
    assert asha.vault.get(original.id) == original


def test_escape_cancels(qtbot: QtBot, pair: tuple[Leader, Leader], asha_session: Session) -> None:
    dialog = open_dialog(qtbot, asha_session, [written(pair[0].vault).id])
    dialog.advance()
    qtbot.keyClick(dialog.privacy.preview, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert pair[0].vault.buddies.shares() == []


def test_a_file_that_cannot_be_written_is_reported_and_nothing_is_recorded(
    qtbot: QtBot,
    pair: tuple[Leader, Leader],
    asha_session: Session,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asha, _ = pair
    dialog = open_dialog(qtbot, asha_session, [written(asha.vault).id])
    dialog.advance()
    dialog.advance()
    warned: list[str] = []
    monkeypatch.setattr(
        share_dialog, "ask_share_path", lambda _p, _n: tmp_path / "no-such-folder" / "x.age"
    )
    monkeypatch.setattr(share_dialog, "tell_not_sent", lambda _p, text: warned.append(text))
    monkeypatch.setattr(share_dialog, "tell_sent", lambda _p, _t: pytest.fail("not sent"))
    dialog.save()
    assert warned and warned[0].startswith("The share was not sent.")
    assert "Nothing was sent" in warned[0]
    assert asha.vault.buddies.shares() == []
    assert dialog.isVisible()


def test_nothing_ticked_cannot_go_on(
    qtbot: QtBot, pair: tuple[Leader, Leader], asha_session: Session
) -> None:
    dialog = open_dialog(qtbot, asha_session, [written(pair[0].vault).id])
    top = dialog.what.model.index(0, 0)
    dialog.what.model.setData(top, Qt.CheckState.Unchecked, CHECK)
    assert not dialog.next.isEnabled()
    dialog.advance()
    assert dialog.pages.currentWidget() is dialog.what
    assert dialog.what.problem.text() == "Tick at least one part to share."
    dialog.what.model.setData(top, Qt.CheckState.Checked, CHECK)
    assert dialog.next.isEnabled() and dialog.what.problem.isHidden()


def test_ctrl_enter_moves_on_and_back_goes_back(
    qtbot: QtBot, pair: tuple[Leader, Leader], asha_session: Session
) -> None:
    dialog = open_dialog(qtbot, asha_session, [written(pair[0].vault).id])
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.isActiveWindow())
    qtbot.keyClick(dialog.what.tree, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.pages.currentWidget() is dialog.privacy
    qtbot.keyClick(dialog.privacy.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.pages.currentWidget() is dialog.sending
    assert dialog.next.isHidden()
    qtbot.mouseClick(dialog.back, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentWidget() is dialog.privacy


def test_unknown_names_are_offered_unticked_and_choices_survive_going_back(
    qtbot: QtBot, pair: tuple[Leader, Leader], asha_session: Session
) -> None:
    asha, _ = pair
    reflection = asha.vault.add(
        NewReflection(
            title="Partnership board",
            sections=(Section("Later I met Priya Raman and Amy Clarke about the bid."),),
            people=["Amy Clarke"],
        )
    )
    dialog = open_dialog(qtbot, asha_session, [reflection.id])
    dialog.advance()
    model = dialog.privacy.model
    ticked = {c.finding.name: (c.finding.kind, c.replace) for c in model.choices}
    assert ticked == {"Amy Clarke": ("person", True), "Priya Raman": ("unknown", False)}
    row = next(i for i, c in enumerate(model.choices) if c.finding.name == "Priya Raman")
    assert model.index(row, Column.KIND).data() == "a name in the text"
    assert "Priya Raman" in dialog.privacy.preview.toPlainText()
    model.setData(model.index(row, Column.REPLACE), Qt.CheckState.Checked, CHECK)
    assert "Priya Raman" not in dialog.privacy.preview.toPlainText()
    qtbot.mouseClick(dialog.back, Qt.MouseButton.LeftButton)
    dialog.advance()
    assert {c.finding.name: c.replace for c in dialog.privacy.model.choices} == {
        "Amy Clarke": True,
        "Priya Raman": True,
    }


def test_a_note_that_names_someone_being_replaced_is_pointed_out(
    qtbot: QtBot, pair: tuple[Leader, Leader], asha_session: Session
) -> None:
    dialog = open_dialog(qtbot, asha_session, [written(pair[0].vault).id])
    dialog.what.note.setPlainText("What would you have said to amy clarke?")
    dialog.advance()
    assert dialog.privacy.in_note.isVisible()
    assert "Your note names Amy Clarke" in dialog.privacy.in_note.text()


def test_a_single_reply_goes_as_a_reply(
    qtbot: QtBot,
    pair: tuple[Leader, Leader],
    asha_session: Session,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asha, ben = pair
    theirs = ben.vault.add(NewReflection(sections=(Section("How do you handle the ICB?"),)))
    inbound = tmp_path / "from-ben.age"
    asha_id = ben.vault.buddies.named("Asha Patel")[0].id
    first = export_share(ben.vault, asha_id, [theirs], inbound)
    import_share(asha.vault, inbound.read_bytes())
    answer = asha.vault.add(NewReflection(sections=(Section("I ask before I propose."),)))
    link = ReplyTo(first.share_id, theirs.id)
    asha.vault.buddies.link_reply(answer.id, link)

    dialog = open_dialog(qtbot, asha_session, [answer.id])
    dialog.advance()
    dialog.advance()
    out = tmp_path / "reply.age"
    monkeypatch.setattr(share_dialog, "ask_share_path", lambda _p, _n: out)
    monkeypatch.setattr(share_dialog, "tell_sent", lambda _p, _t: None)
    dialog.save()
    received = import_share(ben.vault, out.read_bytes())
    assert received.payload.kind is ShareKind.REPLY
    assert received.payload.in_reply_to == link


def test_another_reflection_can_be_added(
    qtbot: QtBot,
    pair: tuple[Leader, Leader],
    asha_session: Session,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asha, _ = pair
    first = written(asha.vault)
    second = asha.vault.add(
        NewReflection(title="Team huddle", sections=(Section("Short and kind.", Lens.SAGE),))
    )
    offered: list[list[uuid.UUID]] = []

    def choose(_parent: object, candidates: list[Reflection]) -> Reflection:
        offered.append([r.id for r in candidates])
        return second

    monkeypatch.setattr(share_add, "choose_reflection", choose)
    dialog = open_dialog(qtbot, asha_session, [first.id])
    qtbot.mouseClick(dialog.what.add_button, Qt.MouseButton.LeftButton)
    assert offered == [[second.id]]  # the one already in the share is not offered again
    assert dialog.what.model.rowCount() == 2
    assert [r.id for r in dialog.selection.outgoing()] == [first.id, second.id]
    assert dialog.what.tree.isExpanded(dialog.what.model.index(1, 0))


def test_the_add_reflection_list_narrows_as_you_type(qtbot: QtBot) -> None:
    def made(title: str, text: str) -> Reflection:
        return NewReflection(title=title, sections=(Section(text),)).build()

    candidates = [made("Board away day", "Budgets."), made("Team huddle", "Rota and budgets.")]
    picker = AddReflectionDialog(candidates)
    qtbot.addWidget(picker)
    picker.show()
    assert picker.model.rowCount() == 2
    qtbot.keyClicks(picker.search, "budgets")
    assert picker.model.rowCount() == 2
    qtbot.keyClick(picker.search, Qt.Key.Key_Down)
    chosen = picker.chosen()
    assert chosen is not None and chosen.title == "Team huddle"
    picker.search.setText("huddle")
    assert [r.title for r in picker.model.records] == ["Team huddle"]
    picker.search.setText("nothing like this")
    assert picker.model.rowCount() == 0 and not picker.add_button.isEnabled()
    assert picker.empty.isVisible()
    assert unnamed_controls(picker) == []


def test_locking_closes_the_dialog_and_clears_what_it_showed(
    qtbot: QtBot, pair: tuple[Leader, Leader], asha_session: Session
) -> None:
    dialog = open_dialog(qtbot, asha_session, [written(pair[0].vault).id])
    dialog.advance()
    asha_session.locking.emit()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.privacy.preview.toPlainText() == ""
    assert dialog.privacy.model.rowCount() == 0


def test_the_reply_date_starts_two_weeks_ahead_and_is_off(
    qtbot: QtBot, pair: tuple[Leader, Leader], asha_session: Session
) -> None:
    dialog = open_dialog(qtbot, asha_session, [written(pair[0].vault).id])
    expected = timeutil.now().date() + timedelta(days=14)
    assert dialog.what.reply_by.date().toPython() == expected
    assert not dialog.what.wants_reply.isChecked() and dialog.what.reply_date() is None


# --- accessibility and models -------------------------------------------------------------------


def test_every_control_on_every_step_has_a_name(
    qtbot: QtBot, pair: tuple[Leader, Leader], asha_session: Session
) -> None:
    dialog = open_dialog(qtbot, asha_session, [written(pair[0].vault).id])
    for step in (dialog.what, dialog.privacy, dialog.sending):
        assert dialog.pages.currentWidget() is step
        assert unnamed_controls(dialog) == []
        if step is not dialog.sending:
            dialog.advance()


def test_the_models_pass_qts_model_tester(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    pair: tuple[Leader, Leader],
    asha_session: Session,
) -> None:
    dialog = open_dialog(qtbot, asha_session, [written(pair[0].vault).id])
    qtmodeltester.check(dialog.what.model, force_py=True)
    dialog.advance()
    assert dialog.privacy.model.rowCount() >= 1
    qtmodeltester.check(dialog.privacy.model, force_py=True)


def test_an_unverified_buddy_is_flagged_and_a_verified_one_is_not(
    qtbot: QtBot, pair: tuple[Leader, Leader], asha_session: Session
) -> None:
    asha, _ = pair
    reflection_id = written(asha.vault).id
    dialog = open_dialog(qtbot, asha_session, [reflection_id])
    assert dialog.what.buddy.currentText() == "Ben Hughes (not verified)"
    assert dialog.what.unverified.isVisible()
    asha.vault.buddies.set_verified(asha.vault.buddies.named("Ben Hughes")[0].id)
    again = open_dialog(qtbot, asha_session, [reflection_id])
    assert again.what.buddy.currentText() == "Ben Hughes"
    assert again.what.unverified.isHidden()


def test_a_note_over_the_limit_holds_the_share_back(
    qtbot: QtBot, pair: tuple[Leader, Leader], asha_session: Session
) -> None:
    dialog = open_dialog(qtbot, asha_session, [written(pair[0].vault).id])
    dialog.what.note.setPlainText("x" * 2_001)
    assert dialog.what.note_count.text() == "2,001 of 2,000 characters"
    assert not dialog.next.isEnabled()
    dialog.advance()
    assert dialog.pages.currentWidget() is dialog.what
    assert "limit is 2,000" in dialog.what.problem.text()
    dialog.what.note.setPlainText("Short now.")
    assert dialog.next.isEnabled()
