"""The File menu's backups: back up now, restore from a backup, and where backups are kept.

Backups are storage.backup's verified, encrypted snapshots. The chosen folder is a
path, kept in QSettings like the calendar folder; without one it is the default
beside the journal's folder (as `reflect backup` uses).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QWidget

from reflect.errors import ReflectError
from storage import backup
from ui.restore_dialog import RestoreDialog
from ui.session import Session

FOLDER_KEY = "backups/folder"


# --- module-level so tests can replace them ---------------------------------------------


def saved_backups_folder() -> str:
    return str(QSettings("Reflect", "Reflect").value(FOLDER_KEY, "") or "")


def save_backups_folder(folder: str) -> None:
    QSettings("Reflect", "Reflect").setValue(FOLDER_KEY, folder)


def choose_backups_folder(parent: QWidget, start: Path) -> Path | None:
    chosen = QFileDialog.getExistingDirectory(parent, "Where backups are kept", str(start))
    return Path(chosen) if chosen else None


def show_problem(parent: QWidget, text: str) -> None:
    QMessageBox.warning(parent, "Reflect", text)


# --- the actions ------------------------------------------------------------------------


class BackupActions(QObject):
    backed_up = Signal(object)  # the new backup's Path
    failed = Signal(str)

    def __init__(
        self,
        window: QMainWindow,
        session: Session,
        before_backup: Callable[[], object] | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.session = session
        self._before_backup = before_backup
        self.busy = False
        self.restore_dialog: RestoreDialog | None = None
        self.backup_action = self._action("&Back up now", self.back_up)
        self.restore_action = self._action("Restore from a bac&kup…", self.open_restore)
        self.folder_action = self._action("Backups &folder…", self.choose_folder)

    @property
    def actions(self) -> tuple[QAction, ...]:
        return (self.backup_action, self.restore_action, self.folder_action)

    def _action(self, text: str, slot: Callable[[], None]) -> QAction:
        act = QAction(text, self.window)
        act.triggered.connect(lambda _=False: slot())
        return act

    def folder(self) -> Path:
        saved = saved_backups_folder().strip()
        return Path(saved) if saved else backup.default_backup_dir(self.session.folder)

    def choose_folder(self) -> None:
        chosen = choose_backups_folder(self.window, self.folder())
        if chosen is not None:
            save_backups_folder(str(chosen))
            self.window.statusBar().showMessage(f"Backups will be kept in {chosen}.", 8000)

    # --- backing up ----------------------------------------------------------------------

    def back_up(self) -> None:
        if not self.session.is_unlocked or self.busy:
            return
        if self._before_backup is not None:
            self._before_backup()  # what is being written goes into the backup
        vault = self.session.vault
        folder = self.folder()

        def work() -> Path:
            made = backup.make_backup(vault, folder)
            backup.rotate(folder)
            return made

        self.busy = True
        self.backup_action.setEnabled(False)
        self.window.statusBar().showMessage(f"Backing up to {folder}…")
        self.session.background.run(work, self._backed_up, self._backup_failed)

    def _finish(self) -> None:
        self.busy = False
        self.backup_action.setEnabled(self.session.is_unlocked)

    def _backed_up(self, made: Path) -> None:
        self._finish()
        self.window.statusBar().showMessage(
            f"Backed up and verified: {made.name} in {made.parent}.", 15_000
        )
        self.backed_up.emit(made)

    def _backup_failed(self, exc: Exception) -> None:
        self._finish()
        self.window.statusBar().clearMessage()
        if isinstance(exc, ReflectError):
            text = str(exc)
        elif isinstance(exc, OSError):
            text = f"The backup could not be written ({exc.strerror or exc}). Nothing was kept."
        else:
            text = f"The backup failed ({type(exc).__name__}). Nothing was kept."
        self.failed.emit(text)
        show_problem(self.window, text)

    # --- restoring -------------------------------------------------------------------------

    def open_restore(self) -> None:
        folder = self.folder()
        found = backup.list_backups(folder)
        if not found:
            show_problem(
                self.window,
                f"There are no backups in {folder}. Choose another folder with "
                "File ▸ Backups folder…",
            )
            return
        dialog = RestoreDialog(self.session, found, self.window)
        dialog.finished.connect(dialog.deleteLater)  # the typed secret leaves with it
        dialog.restored.connect(self._restored)
        self.restore_dialog = dialog
        dialog.open()

    def _restored(self, restored: backup.Restored) -> None:
        if restored.safety_backup is None:
            text = f"Restored a journal into {restored.journal}."
        else:
            text = "Restored. Unlock with the backup's passphrase or recovery key."
        self.window.statusBar().showMessage(text, 15_000)
