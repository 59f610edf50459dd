"""Meetings: those waiting for a reflection, the recent and coming ones, calendar import."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reflect import timeutil
from reflect.meetings import Meeting
from ui.meeting_list_model import MeetingListModel
from ui.session import Session
from ui.two_line_delegate import two_line_list

WAITING_DAYS = 7
RECENT_DAYS = 30
AHEAD_DAYS = 14


class MeetingsPage(QWidget):
    reflect_on = Signal(object)  # a Meeting: start the after-meeting capture with it
    open_reflection = Signal(object)  # uuid.UUID
    import_requested = Signal()

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        clock: Callable[[], datetime] = timeutil.now,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self._clock = clock
        heading = QLabel("Meetings")
        heading.setObjectName("pageHeading")
        intro = QLabel(
            "Meetings from the past week that you have not reflected on yet wait here. "
            "Import your calendar to fill this in, or use After a meeting (Ctrl+Shift+N)."
        )
        intro.setWordWrap(True)
        intro.setObjectName("hint")
        self.waiting_label = QLabel()
        self.waiting_label.setObjectName("sectionHeading")
        self.waiting = MeetingListModel(parent=self)
        self.waiting_list = two_line_list(self.waiting, "Meetings waiting for a reflection")
        self.waiting_list.activated.connect(self._reflect_on_waiting)
        self.reflect_button = QPushButton("Reflect on it…")
        self.reflect_button.setToolTip("Write about the chosen meeting (Enter)")
        self.reflect_button.clicked.connect(
            lambda: self._reflect_on_waiting(self.waiting_list.currentIndex())
        )
        self.dismiss_button = QPushButton("No reflection needed")
        self.dismiss_button.setToolTip("Stop listing this meeting here; it stays in your journal")
        self.dismiss_button.clicked.connect(self._dismiss)
        self.import_button = QPushButton("Import calendar file…")
        self.import_button.setToolTip(
            "Read an .ics file exported from Outlook, Google or Apple Calendar"
        )
        self.import_button.clicked.connect(self.import_requested)
        waiting_buttons = QHBoxLayout()
        for button in (self.reflect_button, self.dismiss_button):
            waiting_buttons.addWidget(button)
        waiting_buttons.addStretch(1)
        waiting_buttons.addWidget(self.import_button)
        recent_label = QLabel("Recent and coming up")
        recent_label.setObjectName("sectionHeading")
        self.recent = MeetingListModel(parent=self)
        self.recent_list = two_line_list(self.recent, "Recent and coming meetings")
        self.recent_list.activated.connect(self._open_recent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.waiting_label)
        layout.addWidget(self.waiting_list, 1)
        layout.addLayout(waiting_buttons)
        layout.addWidget(recent_label)
        layout.addWidget(self.recent_list, 1)
        self.waiting_list.selectionModel().currentChanged.connect(self._update_buttons)
        self._update_buttons()

    def refresh(self) -> None:
        if not self.session.is_unlocked:
            return
        now = self._clock()
        meetings = self.session.vault.meetings
        waiting = meetings.waiting(now - timedelta(days=WAITING_DAYS), now)
        self.waiting.set_records(waiting)
        self.recent.set_records(
            meetings.between(now - timedelta(days=RECENT_DAYS), now + timedelta(days=AHEAD_DAYS))
        )
        self.waiting_label.setText(
            f"Waiting for a reflection ({len(waiting)})" if waiting else "Nothing is waiting"
        )
        self.waiting_list.setVisible(bool(waiting))
        if waiting:
            self.waiting_list.setCurrentIndex(self.waiting.index(0, 0))
        self._update_buttons()

    def wipe(self) -> None:
        self.waiting.set_records([])
        self.recent.set_records([])

    def focus(self) -> None:
        (self.waiting_list if self.waiting.rowCount() else self.recent_list).setFocus()

    def _update_buttons(self, *_: object) -> None:
        chosen = self.waiting_list.currentIndex().isValid() and self.waiting.rowCount() > 0
        self.reflect_button.setEnabled(chosen)
        self.dismiss_button.setEnabled(chosen)

    def _chosen(self, index: QModelIndex, model: MeetingListModel) -> Meeting | None:
        return model.records[index.row()] if index.isValid() else None

    def _reflect_on_waiting(self, index: QModelIndex) -> None:
        meeting = self._chosen(index, self.waiting)
        if meeting is not None:
            self.reflect_on.emit(meeting)

    def _open_recent(self, index: QModelIndex) -> None:
        """A meeting with a reflection opens it; one without starts the capture."""
        meeting = self._chosen(index, self.recent)
        if meeting is None:
            return
        written: list[uuid.UUID] = self.session.vault.meetings.reflection_ids(meeting.id)
        if written:
            self.open_reflection.emit(written[-1])
        else:
            self.reflect_on.emit(meeting)

    def _dismiss(self) -> None:
        meeting = self._chosen(self.waiting_list.currentIndex(), self.waiting)
        if meeting is not None:
            self.session.vault.meetings.dismiss(meeting.id)
            self.refresh()
