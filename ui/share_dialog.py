"""Share reflections with a buddy: choose what, check the names in it, save the file.

Three steps, for the keyboard as much as the mouse: Ctrl+Enter moves on (and on
the last step saves), Escape cancels. Nothing is written until the leader saves
the share file; then storage.share_files.export_share writes and records it in
one go, or neither. The leader's own reflections are never changed: names are
replaced in new copies only (ui.share_plan).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reflect import timeutil
from reflect.errors import ReflectError
from reflect.model import Reflection
from reflect.people import fold
from reflect.share_privacy import KnownName
from ui import share_add
from ui.session import Session
from ui.share_plan import (
    NameChoice,
    Selection,
    ShareRequest,
    check_names,
    day_text,
    known_names,
    names_in_note,
    preview_html,
    replaced_text,
    reply_link,
    send,
    send_warning,
    shared_copy,
    suggested_file_name,
)
from ui.share_steps import PrivacyStep, SendStep, WhatStep

TITLE = "Share with a buddy"
FILE_FILTER = "Reflect shares (*.age)"
STEPS = ("What to share", "Privacy check", "Send")


def ask_share_path(parent: QWidget | None, suggested_name: str) -> Path | None:
    """Where to save the share file; None if the leader cancels (tests replace this)."""
    start = str(Path.home() / suggested_name)
    name, _ = QFileDialog.getSaveFileName(parent, "Save share file", start, FILE_FILTER)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".age" else path.with_name(f"{path.name}.age")


def tell_sent(parent: QWidget | None, text: str) -> None:
    QMessageBox.information(parent, TITLE, text)


def tell_not_sent(parent: QWidget | None, text: str) -> None:
    QMessageBox.warning(parent, TITLE, text)


class ShareDialog(QDialog):
    """Emits `shared` with the new share's id once the file is saved (and recorded)."""

    shared = Signal(object)  # uuid.UUID of the share sent

    def __init__(
        self,
        session: Session,
        reflection_ids: Sequence[uuid.UUID],
        parent: QWidget | None = None,
        today: Callable[[], date] = lambda: timeutil.now().date(),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)  # never a reflection's title
        self.setAccessibleName(TITLE)
        self.session = session
        self._today = today
        vault = session.vault
        self.buddies = vault.buddies.listed()
        self.selection = Selection(_loaded(session, reflection_ids))
        self.known: list[KnownName] = known_names(
            (s.person for s in vault.directory.people()),
            vault.directory.organisations(),
            vault.directory.aliases(),
        )
        self._chosen: dict[str, NameChoice] = {}  # every name's choice, kept across steps

        self.what = WhatStep(
            self.selection, self.buddies, vault.buddies.identity() is not None, today()
        )
        self.privacy = PrivacyStep()
        self.sending = SendStep()
        self.pages = QStackedWidget()
        for page in (self.what, self.privacy, self.sending):
            self.pages.addWidget(page)
        self.progress = QLabel()
        self.progress.setObjectName("hint")
        self.back = QPushButton("Back")
        self.next = QPushButton("Next")
        self.next.setToolTip("Next step (Ctrl+Enter)")
        self.cancel = QPushButton("Cancel")
        self.cancel.setToolTip("Close without sharing anything (Esc)")
        for button in (self.back, self.next, self.cancel):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        for button in (self.back, self.next, self.cancel):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self.resize(860, 620)

        self.back.clicked.connect(lambda: self._go(self.pages.currentIndex() - 1))
        self.next.clicked.connect(self.advance)
        self.cancel.clicked.connect(self.reject)
        self.what.add_button.clicked.connect(self.add_reflection)
        self.what.model.dataChanged.connect(self._what_changed)
        self.what.model.rowsInserted.connect(self._what_changed)
        self.what.note.textChanged.connect(self._what_changed)
        self.privacy.model.dataChanged.connect(self._names_changed)
        self.sending.save.clicked.connect(self.save)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.advance)
        session.locking.connect(self._forget)
        self._go(0)

    # --- moving between steps ---------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._focus_page()

    def _focus_page(self) -> None:
        page = self.pages.currentWidget()
        if isinstance(page, (WhatStep, PrivacyStep, SendStep)):
            page.focus()

    @property
    def can_share(self) -> bool:
        return bool(self.buddies) and self.what.buddy_id() is not None

    def _go(self, index: int) -> None:
        index = max(0, min(index, self.pages.count() - 1))
        if index > 0:
            problem = self.what.problem_text()
            if problem or not self.can_share:
                self.what.say(problem)
                index = 0
        if index == 1:
            self._check_names()
        if index == 2:
            self._ready_to_send()
        self.pages.setCurrentIndex(index)
        self.back.setEnabled(index > 0)
        self.next.setVisible(index < self.pages.count() - 1)
        self.progress.setText(f"Step {index + 1} of {len(STEPS)}: {STEPS[index]}")
        self._what_changed()
        self._focus_page()

    def advance(self) -> None:
        """Next step; on the last, save the file (Ctrl+Enter)."""
        if self.pages.currentWidget() is self.sending:
            self.save()
        else:
            self._go(self.pages.currentIndex() + 1)

    def _what_changed(self) -> None:
        """Next is open once something is ticked and there is someone to share it with."""
        problem = self.what.problem_text()
        if self.pages.currentIndex() == 0:
            self.next.setEnabled(self.can_share and problem is None)
            if problem is None:
                self.what.say(None)
        self.sending.save.setEnabled(self.can_share and problem is None)

    # --- step 1 ---------------------------------------------------------------------------

    def add_reflection(self) -> None:
        offered = {r.id for r in self.selection.reflections}
        try:
            recent = self.session.vault.newest(limit=share_add.RECENT)
        except ReflectError as exc:
            tell_not_sent(self, str(exc))
            return
        chosen = share_add.choose_reflection(self, [r for r in recent if r.id not in offered])
        if chosen is not None:
            self.what.model.add(chosen)
        self.what.tree.setFocus()

    # --- step 2 ---------------------------------------------------------------------------

    def _outgoing(self) -> list[Reflection]:
        return self.selection.outgoing()

    def _check_names(self) -> None:
        remembered = list(self._chosen.values())
        self.privacy.model.set_choices(check_names(self._outgoing(), self.known, remembered))
        self._names_changed()

    def _names_changed(self) -> None:
        choices = self.privacy.model.choices
        self._chosen.update({fold(c.finding.name): c for c in choices})
        self.privacy.show_found(names_in_note(self.what.note_text(), choices))
        outgoing = self._outgoing()
        shared = shared_copy(outgoing, choices)
        self.privacy.show_copy(preview_html(shared, self.what.note_text(), outgoing))

    def shared_copy(self) -> list[Reflection]:
        """What the buddy would receive now: the ticked parts, with names replaced."""
        return shared_copy(self._outgoing(), self.privacy.model.choices)

    # --- step 3 ---------------------------------------------------------------------------

    def _ready_to_send(self) -> None:
        name = self.what.buddy_name()
        reply_by = self.what.reply_date()
        extras = []
        if self.what.note_text():
            extras.append("your note")
        if reply_by is not None:
            extras.append(f"a request to reply by {day_text(reply_by)}")
        also = f", with {' and '.join(extras)}" if extras else ""
        what = self.selection.summary()
        self.sending.summary.setText(f"You are sharing {what} with {name}{also}.")
        self.sending.replaced.setText(replaced_text(self.privacy.model.choices))
        self.sending.warning.setText(send_warning(name))

    def request(self) -> ShareRequest:
        buddy_id = self.what.buddy_id()
        if buddy_id is None:
            raise ReflectError("Choose a buddy to share with.")
        outgoing = self._outgoing()
        return ShareRequest(
            buddy_id,
            tuple(shared_copy(outgoing, self.privacy.model.choices)),
            note=self.what.note_text(),
            reply_by=self.what.reply_date(),
            in_reply_to=reply_link(outgoing, self.session.vault.buddies.reply_to),
        )

    def save(self) -> None:
        """Ask where, then sign, encrypt, write and record; or say why not (nothing sent)."""
        if not self.sending.save.isEnabled():
            return
        self._check_names()  # on exactly what leaves now, keeping the leader's choices
        name = self.what.buddy_name()
        path = ask_share_path(self, suggested_file_name(name, self._today()))
        if path is None:
            return
        try:
            payload = send(self.session.vault, self.request(), path)
        except ReflectError as exc:
            tell_not_sent(self, f"The share was not sent. {exc}")
            return
        tell_sent(
            self,
            f"Saved {path.name} for {name}. Send them the file: only {name} and you can open it.",
        )
        self.shared.emit(payload.share_id)
        self.accept()

    # --- locking ----------------------------------------------------------------------------

    def _forget(self) -> None:
        """The journal is locking: show nothing of it, and close without sharing."""
        self.privacy.preview.clear()
        self.privacy.model.set_choices([])
        self._chosen.clear()
        self.what.note.clear()
        self.reject()


def _loaded(session: Session, ids: Sequence[uuid.UUID]) -> list[Reflection]:
    out = []
    for reflection_id in dict.fromkeys(ids):
        try:
            out.append(session.vault.get(reflection_id))
        except ReflectError:
            continue  # deleted since it was chosen: nothing to share
    return out
