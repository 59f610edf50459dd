"""From my buddies: what buddies shared with you and your replies, read as conversations.

Shares stay here, apart from your own journal. Replying starts a reflection of
your own (the journal does that, on `reply_requested`), which you can then
share back (`share_reply_requested`).
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QModelIndex, QUrl, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reflect import timeutil
from reflect.errors import ReflectError
from reflect.share_threads import Thread, threads
from reflect.sharing import ReplyTo
from storage.buddies import ShareRecord
from ui.follow_ups_page import keys_hint
from ui.master_detail import detail_stack, empty_state, list_and_detail, list_column
from ui.session import Session
from ui.share_import import import_share_record
from ui.share_reader import Action, OwnReply, parse_link, thread_html
from ui.share_thread_model import ThreadListModel, ThreadRow
from ui.share_wording import reflection_title
from ui.two_line_delegate import two_line_list

INTRO = (
    "What your buddies shared with you, and your replies, as conversations. Shares stay "
    "here, apart from your own journal; a reply is a reflection of your own."
)
NOTHING = (
    "Nothing from your buddies yet.\n\n"
    "When a buddy sends you a share (a file ending .age, by e-mail or on a memory stick), "
    "choose Import a share… and pick the file. Reflect checks that it comes from one of "
    "your buddies and was not changed on the way.\n\n"
    "What you share with a buddy, and their replies, appear here too."
)
READER_HINT = "In the conversation, Tab moves between Reply…, Open and Share; Enter chooses."


def _today() -> date:
    return timeutil.now().date()


class BuddySharesPage(QWidget):
    open_reflection = Signal(object)  # uuid.UUID: one of your own replies
    reply_requested = Signal(object, str)  # ReplyTo, the buddy's reflection's title
    share_reply_requested = Signal(object)  # uuid.UUID: your reply, to share with the buddy

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        today: Callable[[], date] = _today,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self._today = today
        self._records: dict[uuid.UUID, ShareRecord] = {}
        heading = QLabel("From my buddies")
        heading.setObjectName("pageHeading")
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        intro.setObjectName("hint")

        self.model = ThreadListModel(self)
        self.list = two_line_list(self.model, "Conversations with your buddies")
        self.list.setToolTip("Enter moves to the chosen conversation")
        self.import_button = QPushButton("&Import a share…")
        self.import_button.setAccessibleName("Import a share")
        self.import_button.setToolTip(
            keys_hint("&Import a share…", "Open a share file a buddy sent you")
        )
        self.import_button.setAutoDefault(True)
        self.import_button.clicked.connect(self.import_share)
        left_buttons = QHBoxLayout()
        left_buttons.addWidget(self.import_button)
        left_buttons.addStretch(1)
        left = list_column(self.list, left_buttons)

        self.reader = QTextBrowser()
        self.reader.setAccessibleName("The chosen conversation")
        self.reader.setOpenLinks(False)
        self.reader.setOpenExternalLinks(False)
        self.reader.document().setUndoRedoEnabled(False)
        self.reader.anchorClicked.connect(self._link)
        hint = QLabel(READER_HINT)
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.conversation = QWidget()
        conversation_layout = QVBoxLayout(self.conversation)
        conversation_layout.setContentsMargins(6, 0, 0, 0)
        conversation_layout.addWidget(self.reader, 1)
        conversation_layout.addWidget(hint)
        self.nothing, self.nothing_text = empty_state(NOTHING)
        self.right = detail_stack(self.conversation, self.nothing)

        panes = list_and_detail(left, self.right, 380)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addSpacing(4)
        layout.addWidget(panes, 1)
        self.list.activated.connect(lambda _: self.reader.setFocus())
        self.list.selectionModel().currentChanged.connect(self._chosen)
        self._show_thread(None)

    # --- what is shown ---------------------------------------------------------------

    def refresh(self, keep: uuid.UUID | None = None) -> None:
        """Reload; keep the chosen conversation (or the one holding share `keep`) chosen."""
        if not self.session.is_unlocked:
            return
        current = self.chosen()
        keep = keep or (current.thread.root.share_id if current else None)
        row = max(self.list.currentIndex().row(), 0)
        try:
            records = self.session.vault.buddies.shares()
        except ReflectError as exc:
            QMessageBox.warning(self, "Reflect", str(exc))
            return
        self._records = {r.share_id: r for r in records}
        found = threads([(r.payload, r.direction) for r in records])
        rows = [ThreadRow(t, self._records[t.root.share_id].buddy) for t in found]
        scroll = self.reader.verticalScrollBar().value()
        self.model.set_rows(rows, self._today())  # resets the selection: shown again below
        at = self.model.row_with(keep) if keep is not None else None
        if rows:
            self.list.setCurrentIndex(
                self.model.index(min(row, len(rows) - 1) if at is None else at, 0)
            )
        self._show_thread(self.chosen())
        if current is not None and self.chosen() is not None and at is not None:
            self.reader.verticalScrollBar().setValue(scroll)  # the same conversation, reread

    def wipe(self) -> None:
        """Forget every conversation shown (on lock)."""
        self._records = {}
        self.model.clear()
        self._show_thread(None)

    def chosen(self) -> ThreadRow | None:
        index = self.list.currentIndex()
        return self.model.record_at(index.row()) if index.isValid() else None

    def _chosen(self, current: QModelIndex, _: QModelIndex) -> None:
        self._show_thread(self.model.record_at(current.row()) if current.isValid() else None)

    def _show_thread(self, row: ThreadRow | None) -> None:
        self.right.setCurrentWidget(self.conversation if self.model.rowCount() else self.nothing)
        if row is None:
            self.reader.clear()
            return
        thread = row.thread
        names = {
            share_id: record.buddy.name
            for share_id, record in self._records.items()
            if share_id in thread.share_ids
        }
        html = thread_html(thread, row.buddy.name, row.buddy.verified, names, self._replies(thread))
        self.reader.setHtml(html)

    def _replies(self, thread: Thread) -> dict[ReplyTo, list[OwnReply]]:
        """Your own reflections written in answer to the buddy's shares in this thread."""
        sent = {r.id for item in thread.items if item.sent for r in item.payload.reflections}
        found: dict[ReplyTo, list[OwnReply]] = {}
        if not self.session.is_unlocked:
            return found
        for item in thread.items:
            if item.sent:
                continue
            with contextlib.suppress(ReflectError):
                for reflection_id, reply_to in self.session.vault.buddies.replies_to(
                    item.payload.share_id
                ):
                    try:
                        mine = self.session.vault.get(reflection_id)
                    except ReflectError:
                        continue  # deleted since: nothing to open or share
                    found.setdefault(reply_to, []).append(
                        OwnReply(reflection_id, reflection_title(mine), reflection_id in sent)
                    )
        return found

    # --- what the user does ------------------------------------------------------------

    def _link(self, url: QUrl) -> None:
        link = parse_link(url.toString())
        if link is None:
            return
        if link.action is Action.OPEN:
            self.open_reflection.emit(link.reflection_id)
        elif link.action is Action.SHARE:
            self.share_reply_requested.emit(link.reflection_id)
        elif link.reply_to is not None:
            self.reply_requested.emit(link.reply_to, self._title_of(link.reply_to))

    def _title_of(self, reply_to: ReplyTo) -> str:
        record = self._records.get(reply_to.share_id)
        if record is not None:
            for r in record.payload.reflections:
                if r.id == reply_to.reflection_id:
                    return reflection_title(r)
        return ""

    def import_share(self) -> None:
        record = import_share_record(self, self.session)
        if record is not None:
            self.refresh(record.share_id)
            self.list.setFocus()
