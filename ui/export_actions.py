"""The File menu's Export submenu: a PDF, a Markdown folder, Reflect JSON, an encrypted copy.

Three of the four are plaintext, so each says so before anything is chosen; the
encrypted copy asks for a passphrase of its own instead. What is being typed is
saved first, so it goes out too. The writing runs off the interface thread;
a problem becomes a message box and nothing is kept (every file is written
atomically), and success is a line in the status bar naming the file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QModelIndex, QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QWidget,
)

from reflect import timeutil
from reflect.errors import ReflectError
from reflect.model import Reflection
from reflect.query import Filters
from storage.vault import Vault
from ui.export_passphrase_dialog import ExportPassphraseDialog
from ui.journal_page import JournalPage
from ui.pdf_export_dialog import PdfChoice, PdfExportDialog, PdfOptions, Scope
from ui.reflections_pdf import day_words, heading_for, heading_of, write_reflections_pdf
from ui.session import Session

MARKDOWN_WARNING = (
    "The Markdown files are not encrypted: anyone who opens them can read every "
    "reflection. Keep them on an encrypted disk and delete them when done."
)
JSON_WARNING = (
    "The Reflect JSON file is not encrypted: anyone who opens it can read every "
    "reflection, with its earlier versions and the trash. Keep it on an encrypted "
    "disk and delete it when done."
)
DEFAULT_DAYS = 30  # "between two dates" starts as the last month


# --- module-level so tests can replace them ---------------------------------------------


def confirm_plaintext(parent: QWidget, text: str) -> bool:
    """Warn that what is about to be written is not encrypted; True to go on."""
    answer = QMessageBox.warning(
        parent,
        "Export an unencrypted copy?",
        text,
        QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Ok


def choose_pdf_contents(parent: QWidget, options: PdfOptions) -> PdfChoice | None:
    dialog = PdfExportDialog(options, parent)
    try:
        return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def ask_save_path(parent: QWidget, caption: str, suggested: Path, kind: str) -> Path | None:
    """A save dialog (it asks before replacing a file); `kind` is like "PDF (*.pdf)"."""
    chosen, _ = QFileDialog.getSaveFileName(parent, caption, str(suggested), kind)
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix else path.with_suffix(suggested.suffix)


def choose_folder(parent: QWidget, caption: str, start: Path) -> Path | None:
    chosen = QFileDialog.getExistingDirectory(parent, caption, str(start))
    return Path(chosen) if chosen else None


def ask_export_passphrase(parent: QWidget, session: Session) -> str | None:
    dialog = ExportPassphraseDialog(session, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.passphrase()
    finally:
        dialog._wipe()
        dialog.deleteLater()


def show_problem(parent: QWidget, text: str) -> None:
    QMessageBox.warning(parent, "Reflect", text)


# --- the actions ------------------------------------------------------------------------


def listed_reflections(journal: JournalPage) -> list[Reflection]:
    """Everything the journal list shows, loading the pages it has not fetched yet."""
    model = journal.model
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    return [model.reflection_at(row) for row in range(model.rowCount())]


def days_filter(first: date, last: date) -> Filters:
    """From the start of `first` to the end of `last`, here."""
    zone = timeutil.local_zone()
    return Filters(
        since=datetime.combine(first, time.min, zone), until=datetime.combine(last, time.max, zone)
    )


def between(vault: Vault, first: date, last: date) -> list[Reflection]:
    """The reflections (not the trash) in those days, oldest first."""
    filters = days_filter(first, last)
    total = vault.count(filters)
    return list(reversed(vault.newest(filters, total))) if total else []


def none_between(first: date, last: date) -> str:
    return (
        f"There are no reflections between {day_words(first)} and {day_words(last)}. "
        "No PDF was saved."
    )


def _plural(n: int, word: str) -> str:
    return f"1 {word}" if n == 1 else f"{n} {word}s"


class ExportActions(QObject):
    exported = Signal(object, int)  # the file or folder written, and how many reflections
    failed = Signal(str)

    def __init__(self, window: QMainWindow, session: Session, journal: JournalPage) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self.journal = journal
        self.busy = False
        self.pdf_action = self._action("As &PDF…", self.export_pdf)
        self.markdown_action = self._action("As &Markdown folder…", self.export_markdown)
        self.json_action = self._action("Reflect &JSON…", self.export_json)
        self.encrypted_action = self._action(
            "&Encrypted copy for another computer…", self.export_encrypted
        )
        self.pdf_action.setToolTip("A print-ready PDF of one reflection, the list, or two dates")
        self.encrypted_action.setToolTip("Everything, locked by a passphrase of its own")
        self.menu = QMenu("E&xport", window)
        self.menu.setAccessibleName("Export")
        for act in self.actions:
            self.menu.addAction(act)

    @property
    def actions(self) -> tuple[QAction, ...]:
        return (self.pdf_action, self.markdown_action, self.json_action, self.encrypted_action)

    def _action(self, text: str, slot: Callable[[], None]) -> QAction:
        act = QAction(text, self.window)
        act.triggered.connect(lambda _=False: slot())
        return act

    def _ready(self) -> bool:
        """Unlocked and idle; what is being typed is saved, so it is exported too."""
        if not self.session.is_unlocked or self.busy:
            return False
        self.journal.controller.commit()
        return True

    @staticmethod
    def _today() -> str:
        return timeutil.now().date().isoformat()

    # --- PDF ------------------------------------------------------------------------------

    def export_pdf(self) -> None:
        if not self._ready():
            return
        vault = self.session.vault
        current: Reflection | None = None
        reflection_id = self.journal.current_reflection_id()
        if reflection_id is not None:
            try:
                current = vault.get(reflection_id)
            except ReflectError:
                current = None
        listed = listed_reflections(self.journal)
        today = timeutil.now().date()
        options = PdfOptions(
            current_title=current.title if current is not None else None,
            listed=len(listed),
            first=today - timedelta(days=DEFAULT_DAYS),
            last=today,
        )
        choice = choose_pdf_contents(self.window, options)
        if choice is None:
            return
        first, last = choice.first, choice.last
        if choice.scope is Scope.DATES and not vault.count(days_filter(first, last)):
            show_problem(self.window, none_between(first, last))
            return
        path = ask_save_path(
            self.window,
            "Save reflections as a PDF",
            Path.home() / f"reflections-{today.isoformat()}.pdf",
            "PDF (*.pdf)",
        )
        if path is None:
            return
        if choice.scope is Scope.CURRENT and current is not None:
            chosen: Sequence[Reflection] | None = [current]
        elif choice.scope is Scope.LISTED:
            chosen = sorted(listed, key=lambda r: r.happened_at)
        else:
            chosen = None  # read in the background

        def work() -> int:
            reflections = chosen if chosen is not None else between(vault, first, last)
            if not reflections:
                raise ReflectError(none_between(first, last))
            heading = heading_of(reflections) if chosen is not None else heading_for(first, last)
            write_reflections_pdf(reflections, path, heading)
            return len(reflections)

        self._run(work, path, "a PDF")

    # --- Markdown -------------------------------------------------------------------------

    def export_markdown(self) -> None:
        from storage.markdown_export import export_markdown

        if not self._ready() or not confirm_plaintext(self.window, MARKDOWN_WARNING):
            return
        folder = choose_folder(
            self.window, "Choose an empty or new folder for the Markdown files", Path.home()
        )
        if folder is None:
            return
        if folder.is_dir() and not folder.is_symlink() and any(folder.iterdir()):
            show_problem(
                self.window,
                f"{folder} already has files in it. Choose an empty or new folder: the "
                "Markdown export never adds to or replaces files. Nothing was saved.",
            )
            return
        vault = self.session.vault

        def work() -> int:
            if folder.is_dir() and not folder.is_symlink() and not any(folder.iterdir()):
                folder.rmdir()  # the export makes the folder itself, readable only by you
            return export_markdown(vault, folder)

        self._run(work, folder, "Markdown files")

    # --- Reflect JSON ---------------------------------------------------------------------

    def export_json(self) -> None:
        from storage.exchange import export_to_file

        if not self._ready() or not confirm_plaintext(self.window, JSON_WARNING):
            return
        path = ask_save_path(
            self.window,
            "Export everything as Reflect JSON",
            Path.home() / f"reflect-export-{self._today()}.json",
            "Reflect JSON (*.json)",
        )
        if path is None:
            return
        vault = self.session.vault
        self._run(lambda: export_to_file(vault, path), path, "Reflect JSON")

    # --- encrypted copy -------------------------------------------------------------------

    def export_encrypted(self) -> None:
        from storage.encrypted_export import export_encrypted

        if not self._ready():
            return
        passphrase = ask_export_passphrase(self.window, self.session)
        if not passphrase:
            return
        path = ask_save_path(
            self.window,
            "Save the encrypted copy",
            Path.home() / f"reflect-export-{self._today()}.age",
            "Encrypted Reflect export (*.age)",
        )
        if path is None:
            return
        vault = self.session.vault
        self._run(lambda: export_encrypted(vault, path, passphrase), path, "an encrypted copy")

    # --- running and reporting ------------------------------------------------------------

    def _run(self, work: Callable[[], int], target: Path, what: str) -> None:
        self.busy = True
        self.window.statusBar().showMessage(f"Exporting to {target.name}…")
        self.session.background.run(
            work,
            lambda count: self._done(target, count, what),
            lambda exc: self._failed(target, exc),
        )

    def _done(self, target: Path, count: int, what: str) -> None:
        self.busy = False
        self.window.statusBar().showMessage(
            f"Exported {_plural(count, 'reflection')} as {what}: {target.name} in {target.parent}.",
            15_000,
        )
        self.exported.emit(target, count)

    def _failed(self, target: Path, exc: Exception) -> None:
        self.busy = False
        self.window.statusBar().clearMessage()
        if isinstance(exc, ReflectError):
            text = str(exc)
        elif isinstance(exc, OSError):
            text = f"{target.name} could not be written ({exc.strerror or exc}). Nothing was saved."
        else:
            text = f"The export failed ({type(exc).__name__}). Nothing was saved."
        self.failed.emit(text)
        show_problem(self.window, text)
