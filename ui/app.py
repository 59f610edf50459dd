"""The desktop app's entry point: `reflect` with no command, or `reflect-desktop`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING


def parse(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="reflect", description="Open the Reflect desktop app.")
    parser.add_argument("--data-dir", type=Path, metavar="DIR", help="the journal's folder")
    parser.add_argument(
        "--demo", action="store_true", help="open a throwaway journal filled with examples"
    )
    return parser.parse_args(argv)


if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(list(sys.argv[1:] if argv is None else argv))
    from PySide6.QtWidgets import QApplication

    from storage.paths import default_data_dir
    from ui.main_window import MainWindow
    from ui.resources_loader import stylesheet
    from ui.session import Session

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Reflect")
    app.setApplicationDisplayName("Reflect")
    app.setStyleSheet(stylesheet())
    demo = None
    if args.demo:
        from ui.demo import DemoJournal

        demo = DemoJournal.create()
        folder = demo.folder
    else:
        folder = args.data_dir or default_data_dir()
    from ui import theme
    from ui.settings import Settings

    settings = Settings.load()
    theme.apply(app, settings.theme)
    theme.apply_text_size(app, settings.text_size)
    session = Session(folder)
    window = MainWindow(session, settings)
    window.show()
    from ui.tray import install_tray

    install_tray(window)  # parented to the window, so it lives as long as the app
    if demo is not None:
        session.adopt(demo.open())
        window.statusBar().showMessage(
            f"Demo journal (thrown away on quit). Its passphrase: {demo.passphrase}"
        )
    elif session.journal_exists():
        session.try_device_key()
    _quit_on_signals(app)
    try:
        return app.exec()
    finally:
        session.lock()  # saves what is being written; a no-op when already locked
        if demo is not None:
            demo.remove()


def _quit_on_signals(app: QApplication) -> None:
    """SIGTERM and Ctrl+C end the app as Quit does: drafts saved, keys dropped, demo removed."""
    import signal

    from PySide6.QtCore import QTimer

    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda *_: app.quit())
    # Python runs signal handlers only between bytecodes; an idle timer gives it the chance.
    ticker = QTimer(app)
    ticker.timeout.connect(lambda: None)
    ticker.start(250)
