"""Autosave and save for the editor: drafts while typing, the reflection when leaving it.

What is typed reaches the encrypted database as a draft within AUTOSAVE_MS of
the last keystroke; the reflection itself (with a history version) is saved
when the user leaves it, asks to save, locks or quits. No "unsaved changes" trap.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import QObject, QTimer, Signal

from reflect.editing import EditorState
from reflect.errors import ReflectError
from reflect.model import Reflection
from ui.editor_panel import EditorPanel
from ui.session import Session

AUTOSAVE_MS = 1500


class EditorController(QObject):
    saved = Signal(object)  # the id of the reflection saved
    problem = Signal(str)
    shown = Signal()  # another reflection (or a blank one) is now in the editor

    def __init__(self, session: Session, panel: EditorPanel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.panel = panel
        self.state = EditorState()
        self._dirty = False
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_draft)
        panel.changed.connect(self._edited)

    def new(self, state: EditorState | None = None) -> None:
        """A blank reflection, or one started from `state` (a question, a way already marked)."""
        self.commit()
        self.state = state or EditorState()
        self.panel.show_state(self.state)
        self.panel.focus_text()
        self.shown.emit()

    def open(self, reflection: Reflection) -> None:
        if reflection.id == self.state.reflection_id:
            return
        self.commit()
        self.state = EditorState.of(reflection)
        self.panel.show_state(self.state)
        self.shown.emit()

    def resume(self, state: EditorState) -> None:
        """Show a recovered draft; it is saved like any other edit."""
        self.state = state
        self.panel.show_state(state)
        self._dirty = True
        self.shown.emit()

    def _edited(self) -> None:
        self._dirty = True
        self._autosave.start()

    def save_draft(self) -> None:
        if not self._dirty or not self.session.is_unlocked:
            return
        self.state = self.panel.read_into(self.state)
        if not self.state.is_blank():
            self.session.vault.save_draft(self.state.as_draft())

    def commit(self) -> uuid.UUID | None:
        """Save the reflection being edited, if it changed; then its draft is discarded."""
        self._autosave.stop()
        if not self._dirty or not self.session.is_unlocked:
            return None
        self.state = self.panel.read_into(self.state)
        vault = self.session.vault
        try:
            if self.state.is_blank():
                saved_id = None
            elif self.state.reflection_id is None:
                saved_id = vault.add(self.state.to_new()).id
            else:
                current = vault.get(self.state.reflection_id)
                vault.update(self.state.applied_to(current))
                saved_id = current.id
        except ReflectError as exc:
            self.save_draft()  # keep the words even when they cannot be saved as they are
            self.problem.emit(str(exc))
            return None
        vault.discard_draft(self.state.draft_id)
        self._dirty = False
        if saved_id is not None:
            from dataclasses import replace

            self.state = replace(self.state, reflection_id=saved_id)
            self.saved.emit(saved_id)
        return saved_id

    def forget(self) -> None:
        """Stop editing the current reflection (it was trashed or restored); nothing is saved."""
        self._autosave.stop()
        self._dirty = False
        self.state = EditorState()

    def wipe(self) -> None:
        self._autosave.stop()
        self._dirty = False
        self.state = EditorState()
        self.panel.wipe()
