"""Lock the journal after a while with no keyboard or mouse activity."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from ui.session import Session

CHECK_EVERY_MS = 15_000
_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}


class IdleLock(QObject):
    """Watches the whole app's input; `clock` is injectable so tests need not wait."""

    def __init__(
        self,
        session: Session,
        minutes: int,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.clock = clock
        self.seconds = minutes * 60
        self.last_activity = clock()
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        session.unlocked.connect(self.touch)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self.last_activity = self.clock()
        return False

    def touch(self) -> None:
        self.last_activity = self.clock()

    def check(self) -> None:
        idle = self.clock() - self.last_activity
        if self.seconds > 0 and self.session.is_unlocked and idle >= self.seconds:
            self.session.lock()
