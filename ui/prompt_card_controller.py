"""Keeps the editor's prompt card in step with the reflection shown, and carries out its buttons."""

from __future__ import annotations

from PySide6.QtCore import QObject

from reflect.editing import EditorState
from reflect.errors import ReflectError
from ui.editor_controller import EditorController
from ui.editor_panel import EditorPanel
from ui.prompt_offers import PromptOffers
from ui.session import Session


class PromptCardController(QObject):
    def __init__(
        self, session: Session, panel: EditorPanel, editor: EditorController, parent: QObject
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.panel = panel
        self.editor = editor
        self.offers = PromptOffers()
        self.enabled = True
        card = panel.prompt_card
        editor.shown.connect(self.refresh)
        card.answer.connect(self.answer)
        card.another.connect(self.another)
        card.never_again.connect(self.never_again)
        card.pin_toggled.connect(self.pin)

    def refresh(self) -> None:
        """Show the offer for the reflection in the editor (the same one until the leader acts)."""
        if not self.enabled or not self.session.is_unlocked:
            self.panel.prompt_card.clear()
            return
        vault = self.session.vault
        try:
            offer = self.offers.offer_for(vault, self._state())
            self.panel.prompt_card.show_offer(offer, self.offers.is_pinned(vault))
        except ReflectError:
            self.panel.prompt_card.clear()  # a suggestion is never worth an error box

    def answer(self) -> None:
        prompt = self.offers.answered(self.session.vault)
        if prompt is not None:
            self.panel.answer_prompt(prompt)
        self.refresh()

    def another(self) -> None:
        vault = self.session.vault
        self.panel.prompt_card.show_offer(
            self.offers.another(vault, self._state()), self.offers.is_pinned(vault)
        )

    def never_again(self) -> None:
        vault = self.session.vault
        self.panel.prompt_card.show_offer(
            self.offers.never_again(vault, self._state()), self.offers.is_pinned(vault)
        )

    def pin(self, on: bool) -> None:
        self.offers.set_pinned(self.session.vault, on)

    def forget(self) -> None:
        self.offers.forget()
        self.panel.prompt_card.clear()

    def _state(self) -> EditorState:
        # What is on screen now, including lenses chosen since the last save.
        return self.panel.read_into(self.editor.state)
