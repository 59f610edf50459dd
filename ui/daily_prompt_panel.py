"""Today's question, in the side column: one prompt a day from the leader's chosen packs."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout

from reflect.prompt_library import Prompt
from ui.prompt_offers import DailyPrompt


class DailyPromptPanel(QFrame):
    write_requested = Signal(object)  # the Prompt to start a reflection from

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("dailyPrompt")
        self.setAccessibleName("Today's question")
        self.heading = QLabel("Today’s question")
        self.heading.setObjectName("sectionHeading")
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.source = QLabel()
        self.source.setObjectName("hint")
        self.source.setWordWrap(True)
        self.write = QPushButton("Write about it")
        self.write.setAccessibleName("Write about today's question")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        layout.addWidget(self.heading)
        layout.addWidget(self.question)
        layout.addWidget(self.source)
        layout.addWidget(self.write)
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
