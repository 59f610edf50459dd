"""The desktop app's real start-up, with a stopwatch: run by bench.bench_startup.

    python -m bench.startup_probe {unlock|journal} --data-dir DIR

Starts Reflect exactly as `reflect --data-dir DIR` does (`ui.launcher.main`,
which calls `ui.app.main`). It imports nothing of Qt or the app itself, so the
app's imports happen where and when they always do; instead, an import hook
waits for `ui.main_window` to be loaded and then patches, without changing
what they do:

- `MainWindow.show`, to learn the window and watch it be painted;
- `Session._unlocked`, to note when the background unlock has opened the vault;
- a paint watcher: in `unlock` mode, on the unlock page's passphrase field; in
  `journal` mode, on the reflection list's viewport, counting only a paint that
  covers the first row while the journal page is showing and the list holds rows.

When that paint has happened, a zero-delay timer (which runs once the paint
and the window's flush are done) prints one line to stdout,

    READY {"start": 0.012, "imports": 0.17, ...}

seconds since `REFLECT_BENCH_LAUNCHED_AT` (the parent's `time.time()` just before
it started this process), then quits the app as SIGTERM does (`app.quit()`: the
journal is locked on the way out). If nothing is ready within
`REFLECT_BENCH_PROBE_TIMEOUT` seconds (default 60) it prints `TIMEOUT {...}` and
exits with status 3.
"""

from __future__ import annotations

import time

_MARKS: dict[str, float] = {}


def _launched_at() -> float:
    import os

    raw = os.environ.get("REFLECT_BENCH_LAUNCHED_AT")
    return float(raw) if raw else time.time()


_LAUNCHED_AT = _launched_at()


def mark(name: str) -> None:
    if name not in _MARKS:
        _MARKS[name] = time.time() - _LAUNCHED_AT


mark("start")  # the interpreter is up and running this module

# Small standard modules only: Qt and the app are imported by the app itself.
import importlib.abc  # noqa: E402
import importlib.util  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from importlib.machinery import ModuleSpec  # noqa: E402
from types import ModuleType  # noqa: E402
from typing import TYPE_CHECKING, Any  # noqa: E402

if TYPE_CHECKING:
    from ui.main_window import MainWindow

MODES = ("unlock", "journal")
TIMEOUT_ENV = "REFLECT_BENCH_PROBE_TIMEOUT"


class AfterImport(importlib.abc.MetaPathFinder):
    """Calls `then(module)` once the module named `name` has been loaded, wherever that is."""

    def __init__(self, name: str, then: Callable[[ModuleType], None]) -> None:
        self.name = name
        self.then = then

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> ModuleSpec | None:
        if fullname != self.name:
            return None
        sys.meta_path.remove(self)  # once only; the real finders do the finding
        spec = importlib.util.find_spec(fullname)
        if spec is None or spec.loader is None:
            return spec
        loader: Any = spec.loader
        load = loader.exec_module

        def exec_module(module: ModuleType) -> None:
            load(module)
            self.then(module)

        loader.exec_module = exec_module
        return spec


def finish(word: str, status: int) -> None:
    print(f"{word} {json.dumps({k: round(v, 4) for k, v in _MARKS.items()})}", flush=True)
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if status == 0 and app is not None:
        app.quit()  # as SIGTERM does: ui.app.main then locks the journal
    else:
        os._exit(status)  # stuck: do not wait for a clean shutdown


def watch_paint(window: MainWindow, mode: str) -> None:
    """Report once, after the first paint that shows what `mode` waits for."""
    from PySide6.QtCore import QEvent, QObject, QRect, QTimer
    from PySide6.QtGui import QPaintEvent

    target = window.unlock.secret if mode == "unlock" else window.journal.list.viewport()

    def awaited(painted: QRect) -> bool:
        pages = window.pages
        if mode == "unlock":
            return pages.currentWidget() is window.unlock and target.isVisible()
        journal = window.journal
        if pages.currentWidget() is not journal or journal.model.rowCount() == 0:
            return False
        first = journal.list.visualRect(journal.model.index(0, 0))
        return first.isValid() and painted.intersects(first)

    def report() -> None:
        mark("ready")
        finish("READY", 0)

    class PaintWatcher(QObject):
        done = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if (
                not self.done
                and watched is target
                and event.type() == QEvent.Type.Paint
                and isinstance(event, QPaintEvent)
                and awaited(event.rect())
            ):
                self.done = True
                mark("painted")
                QTimer.singleShot(0, report)  # runs after this paint and its flush
            return False  # the widget paints as usual

    target.installEventFilter(PaintWatcher(window))


def hook(mode: str, main_window: ModuleType) -> None:
    """Patch the freshly loaded ui.main_window (and ui.session, loaded by then)."""
    mark("imports")
    from PySide6.QtCore import QTimer

    window_class = main_window.MainWindow
    session_class = sys.modules["ui.session"].Session
    original_show = window_class.show
    original_unlocked = session_class._unlocked

    def show(window: MainWindow) -> None:
        watch_paint(window, mode)
        window.session.unlocked.connect(lambda: mark("listed"))  # after the window's own slot
        limit = float(os.environ.get(TIMEOUT_ENV, "60"))
        QTimer.singleShot(round(limit * 1000), lambda: finish("TIMEOUT", 3))
        original_show(window)
        mark("shown")

    def unlocked(session: Any, vault: Any) -> None:
        mark("opened")
        original_unlocked(session, vault)

    window_class.show = show
    session_class._unlocked = unlocked


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] not in MODES:
        print(f"usage: python -m bench.startup_probe {{{'|'.join(MODES)}}} --data-dir DIR")
        return 2
    mode = args[0]
    sys.meta_path.insert(0, AfterImport("ui.main_window", lambda module: hook(mode, module)))
    from ui import launcher  # as the `reflect` script does

    return launcher.main(args[1:])


if __name__ == "__main__":
    sys.exit(main())
