"""Says that follow-ups are due, never which: their words stay on the Follow-ups page."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class FollowUpBanner(QFrame):
    review_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("draftBanner")  # the same quiet frame as the draft banner
        self.message = QLabel()
        self.review = QPushButton("Review")
        self.review.setAccessibleName("Review follow-ups that are due")
        self.review.clicked.connect(self.review_requested)
        layout = QHBoxLayout(self)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.review)
        self.hide()

    def show_count(self, count: int) -> None:
        if count <= 0:
            self.clear()
            return
        self.message.setText(
            "A follow-up is due: time to ask how it went."
            if count == 1
            else f"{count} follow-ups are due: time to ask how they went."
        )
        self.show()

    def clear(self) -> None:
        self.message.clear()
        self.hide()
