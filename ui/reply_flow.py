"""Answering a buddy's shared reflection with a reflection of one's own, linked to theirs."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QObject, Signal

from reflect.editing import EditorState
from reflect.errors import ReflectError
from reflect.sharing import ReplyTo
from ui.editor_controller import EditorController
from ui.session import Session


class ReplyFlow(QObject):
    linked = Signal(object)  # the id of the reflection now linked as a reply

    def __init__(self, session: Session, editor: EditorController, parent: QObject) -> None:
        super().__init__(parent)
        self.session = session
        self.editor = editor
        self.pending: ReplyTo | None = None
        editor.shown.connect(self._another_shown)
        editor.saved.connect(self._saved)

    def start(self, reply_to: object, title: str) -> None:
        """A new reflection titled as a reply; the link is made when it is first saved."""
        assert isinstance(reply_to, ReplyTo)
        self.editor.new(EditorState(title=f"Reply to: {title}"))
        self.pending = reply_to  # after new(): showing it clears any earlier pending reply

    def _another_shown(self) -> None:
        self.pending = None

    def _saved(self, reflection_id: object) -> None:
        if self.pending is None or not isinstance(reflection_id, uuid.UUID):
            return
        reply, self.pending = self.pending, None
        try:
            self.session.vault.buddies.link_reply(reflection_id, reply)
        except ReflectError:
            return
        self.linked.emit(reflection_id)
