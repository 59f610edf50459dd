"""Re-reads the calendar folder chosen in Settings after each unlock, off the interface's thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from storage.calendar_files import FolderReport, describe, import_calendar_folder
from ui.session import Session


class CalendarFolder(QObject):
    imported = Signal(str)  # a status line for the user

    def __init__(
        self, session: Session, folder: Callable[[], str], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self._folder = folder

    def read_in_background(self) -> None:
        folder = self._folder().strip()
        if not folder or not self.session.is_unlocked:
            return
        path = Path(folder)
        if not path.is_dir():
            self.imported.emit(f"The calendar folder {folder} is not there; nothing was read.")
            return
        vault = self.session.vault
        self.session.background.run(
            lambda: import_calendar_folder(vault, path), self._done, self._failed
        )

    def _done(self, report: FolderReport) -> None:
        if not report.files:
            return
        message = describe(report.report) if report.report.added or report.report.updated else ""
        if report.problems:
            message = (
                f"{message} {len(report.problems)} calendar file(s) could not be read.".strip()
            )
        if message:
            self.imported.emit(message)

    def _failed(self, exc: Exception) -> None:
        self.imported.emit(f"The calendar folder could not be read ({type(exc).__name__}).")
