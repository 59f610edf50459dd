"""Checks for due follow-ups at unlock and every few minutes while the journal is open.

A notification says only that something is due, never what: the words stay in
the journal. It is shown at most once a day.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QObject, QTimer, Signal

from reflect import timeutil
from ui.session import Session

CHECK_EVERY_MS = 10 * 60 * 1000
NOTICE = "A follow-up is due"


class FollowUpReminder(QObject):
    due = Signal(int)  # how many are due now
    notify = Signal(str)  # a notification text that never holds journal content

    def __init__(
        self,
        session: Session,
        parent: QObject | None = None,
        clock: Callable[[], datetime] = timeutil.now,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self._clock = clock
        self._notified_on: date | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self.check)

    def check(self) -> int:
        if not self.session.is_unlocked:
            return 0
        self._timer.start()
        today = self._clock().date()
        count = len(self.session.vault.follow_ups.due(today))
        self.due.emit(count)
        if count and self._notified_on != today:
            self._notified_on = today
            self.notify.emit(NOTICE)
        return count

    def reset(self) -> None:
        self._timer.stop()
        self.due.emit(0)
