"""The desktop app's real start-up, with a stopwatch: run by bench.bench_startup.

    python -m bench.startup_probe {unlock|journal} --data-dir DIR

Starts Reflect exactly as `reflect --data-dir DIR` does (`ui.launcher.main`,
which calls `ui.app.main`), having first hooked three things that do not change
what the app does:

- `MainWindow.show`, to learn the window and watch it be painted;
- `Session._unlocked`, to note when the background unlock has opened the vault;
- a paint watcher: in `unlock` mode, on the unlock page's passphrase field; in
  `journal` mode, on the reflection list's viewport, counting only a paint that
  covers the first row while the journal page is showing and the list holds rows.

When that paint has happened, a zero-delay timer (which runs once the paint
and the window's flush are done) prints one line to stdout,

    READY {"start": 0.08, "imports": 0.31, ...}

seconds since `REFLECT_BENCH_LAUNCHED_AT` (the parent's `time.time()` just before
it started this process), then quits the app as SIGTERM does (`app.quit()`: the
journal is locked on the way out). If nothing is ready within
`REFLECT_BENCH_PROBE_TIMEOUT` seconds (default 60) it prints `TIMEOUT {...}` and
exits with status 3.
"""

from __future__ import annotations

import time

_LAUNCHED_AT: float | None = None
_MARKS: dict[str, float] = {}


def mark(name: str) -> None:
    if name not in _MARKS:
        _MARKS[name] = time.time() - (_LAUNCHED_AT or 0.0)


def _launched_at() -> float:
    import os

    raw = os.environ.get("REFLECT_BENCH_LAUNCHED_AT")
    return float(raw) if raw else time.time()


_LAUNCHED_AT = _launched_at()
mark("start")  # the interpreter is up and running this module

# Only modules that ui.app.main imports anyway: importing them first moves
# their cost earlier, but adds nothing.
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from collections.abc import Sequence  # noqa: E402

from PySide6.QtCore import QEvent, QObject, QRect, QTimer  # noqa: E402
from PySide6.QtGui import QPaintEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from ui import launcher  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.session import Session  # noqa: E402

mark("imports")

MODES = ("unlock", "journal")
TIMEOUT_ENV = "REFLECT_BENCH_PROBE_TIMEOUT"


class PaintWatcher(QObject):
    """Reports once, after the first paint that shows what `mode` waits for."""

    def __init__(self, window: MainWindow, mode: str) -> None:
        super().__init__(window)
        self.window = window
        self.mode = mode
        self.done = False
        self.target: QWidget = (
            window.unlock.secret if mode == "unlock" else window.journal.list.viewport()
        )
        self.target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            not self.done
            and watched is self.target
            and event.type() == QEvent.Type.Paint
            and isinstance(event, QPaintEvent)
            and self._awaited(event.rect())
        ):
            self.done = True
            mark("painted")
            QTimer.singleShot(0, self._report)  # runs after this paint and its flush
        return False  # the widget paints as usual

    def _awaited(self, painted: QRect) -> bool:
        pages = self.window.pages
        if self.mode == "unlock":
            return pages.currentWidget() is self.window.unlock and self.target.isVisible()
        journal = self.window.journal
        if pages.currentWidget() is not journal or journal.model.rowCount() == 0:
            return False
        first = journal.list.visualRect(journal.model.index(0, 0))
        return first.isValid() and painted.intersects(first)

    def _report(self) -> None:
        mark("ready")
        finish("READY", 0)


def finish(word: str, status: int) -> None:
    print(f"{word} {json.dumps({k: round(v, 4) for k, v in _MARKS.items()})}", flush=True)
    app = QApplication.instance()
    if status == 0 and app is not None:
        app.quit()  # as SIGTERM does: ui.app.main then locks the journal
    else:
        os._exit(status)  # stuck: do not wait for a clean shutdown


def install(mode: str) -> None:
    original_show = MainWindow.show
    original_unlocked = Session._unlocked

    def show(window: MainWindow) -> None:
        PaintWatcher(window, mode)
        window.session.unlocked.connect(lambda: mark("listed"))  # after the window's own slot
        limit = float(os.environ.get(TIMEOUT_ENV, "60"))
        QTimer.singleShot(round(limit * 1000), lambda: finish("TIMEOUT", 3))
        original_show(window)
        mark("shown")

    def unlocked(session: Session, vault: object) -> None:
        mark("opened")
        original_unlocked(session, vault)  # type: ignore[arg-type]

    MainWindow.show = show  # type: ignore[method-assign]
    Session._unlocked = unlocked  # type: ignore[method-assign]


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] not in MODES:
        print(f"usage: python -m bench.startup_probe {{{'|'.join(MODES)}}} --data-dir DIR")
        return 2
    install(args[0])
    return launcher.main(args[1:])


if __name__ == "__main__":
    sys.exit(main())
