"""Offers back writing that was not saved (after a crash or a kill), without interrupting."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from reflect.drafts import Draft


class DraftBanner(QFrame):
    open_requested = Signal(object)  # the Draft
    discard_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("draftBanner")
        self._drafts: list[Draft] = []
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.open_button = QPushButton("Open it")
        self.discard_button = QPushButton("Discard")
        self.open_button.setAccessibleName("Open the unsaved writing")
        self.discard_button.setAccessibleName("Discard the unsaved writing")
        layout = QHBoxLayout(self)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.open_button)
        layout.addWidget(self.discard_button)
        self.open_button.clicked.connect(lambda: self._act(self.open_requested))
        self.discard_button.clicked.connect(lambda: self._act(self.discard_requested))
        self.hide()

    def offer(self, drafts: list[Draft]) -> None:
        self._drafts = list(drafts)
        self._show_next()

    def _show_next(self) -> None:
        if not self._drafts:
            self.hide()
            return
        draft = self._drafts[0]
        when = draft.updated_at.astimezone().strftime("%d %b at %H:%M")
        more = f" ({len(self._drafts) - 1} more after this)" if len(self._drafts) > 1 else ""
        # Never the draft's words here: only when it was written.
        self.message.setText(f"Reflect kept some writing from {when} that was not saved.{more}")
        self.show()

    def _act(self, signal: Signal) -> None:
        if self._drafts:
            signal.emit(self._drafts.pop(0))  # type: ignore[attr-defined]
        self._show_next()

    def clear(self) -> None:
        self._drafts = []
        self.message.clear()
        self.hide()
