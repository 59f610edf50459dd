"""A question offered in the editor, with why it was chosen and what the leader can do with it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout

from reflect.prompt_library import Prompt
from reflect.prompt_suggest import Offer


def describe_tags(prompt: Prompt) -> str:
    """ "Ways of relating · Historian · Planning" for a line under the question."""
    parts = [f"Ways of {w.value}" for w in prompt.ways[:2]]
    parts += [lens.display_name for lens in prompt.lenses[:1]]
    if prompt.stage is not None:
        parts.append(prompt.stage.display_name)
    return " · ".join(parts)


class PromptCard(QFrame):
    answer = Signal()
    another = Signal()
    never_again = Signal()
    pin_toggled = Signal(bool)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("promptCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("A question for you")
        self.reason = QLabel()
        self.reason.setObjectName("hint")
        self.reason.setWordWrap(True)
        self.question = QLabel()
        self.question.setObjectName("promptQuestion")
        self.question.setWordWrap(True)
        self.question.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.question.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.question.setFont(font)
        self.tags = QLabel()
        self.tags.setObjectName("hint")
        self.write = QPushButton("Write about this")
        self.write.setAccessibleName("Write about this question")
        self.write.setToolTip("Add a part to this reflection that answers the question")
        self.next = QPushButton("Another")
        self.next.setAccessibleName("Another question")
        self.next.setToolTip("Offer a different question")
        self.pin = QToolButton()
        self.pin.setText("Pin")
        self.pin.setCheckable(True)
        self.pin.setAccessibleName("Pin this question")
        self.pin.setToolTip("Keep offering this question first until you unpin it")
        self.hide_button = QToolButton()
        self.hide_button.setText("Not this one again")
        self.hide_button.setAccessibleName("Do not offer this question again")
        self.hide_button.setToolTip("Never offer this question again (undo in the prompt library)")
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 4, 0, 0)
        buttons.addWidget(self.write)
        buttons.addWidget(self.next)
        buttons.addStretch()
        buttons.addWidget(self.pin)
        buttons.addWidget(self.hide_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(4)
        layout.addWidget(self.reason)
        layout.addWidget(self.question)
        layout.addWidget(self.tags)
        layout.addLayout(buttons)
        self.write.clicked.connect(self.answer)
        self.next.clicked.connect(self.another)
        self.hide_button.clicked.connect(self.never_again)
        self.pin.toggled.connect(self._pin_toggled)
        self._showing = False
        self.hide()

    def show_offer(self, offer: Offer | None, pinned: bool = False) -> None:
        if offer is None:
            self.clear()
            return
        self.reason.setText(offer.reason)
        self.question.setText(offer.prompt.text)
        self.question.setAccessibleName(offer.prompt.text)
        self.tags.setText(describe_tags(offer.prompt))
        self.tags.setVisible(bool(self.tags.text()))
        self._showing = True
        self.pin.setChecked(pinned)
        self._showing = False
        self.show()

    def clear(self) -> None:
        """Hide the card and forget its words (on lock, or when there is nothing to offer)."""
        for label in (self.reason, self.question, self.tags):
            label.clear()
        self.question.setAccessibleName("")
        self.hide()

    def _pin_toggled(self, on: bool) -> None:
        if not self._showing:
            self.pin_toggled.emit(on)
