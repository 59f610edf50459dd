"""Today's question, in the side column: one prompt a day from the leader's chosen packs."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from reflect.prompt_library import Prompt
from ui.prompt_offers import DailyPrompt


class DailyPromptPanel(QFrame):
    write_requested = Signal(object)  # the Prompt to start a reflection from

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("dailyPrompt")
        self.setAccessibleName("Today's question")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.heading = QLabel("Today’s question")
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.source = QLabel()
        self.source.setObjectName("hint")
        self.source.setWordWrap(True)
        self.write = QPushButton("Write about it")
        self.write.setAccessibleName("Write about today's question")
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch()
        top.addWidget(self.write)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 8)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.question)
        layout.addWidget(self.source)
        self._prompt: Prompt | None = None
        self.write.clicked.connect(self._write)
        self.hide()

    def show_prompt(self, daily: DailyPrompt | None) -> None:
        if daily is None:
            self.clear()
            return
        self._prompt = daily.prompt
        self.question.setText(daily.prompt.text)
        self.question.setAccessibleName(daily.prompt.text)
        self.source.setText(f"From “{daily.pack_title}”")
        self.show()

    def clear(self) -> None:
        self._prompt = None
        self.question.clear()
        self.question.setAccessibleName("")
        self.source.clear()
        self.hide()

    def _write(self) -> None:
        if self._prompt is not None:
            self.write_requested.emit(self._prompt)
