"""The File menu's backups: back up now, restore from a backup, and where backups are kept;
and automatic backups.

Backups are storage.backup's verified, encrypted snapshots. The chosen folder is a
path, kept in QSettings like the calendar folder; without one it is the default
beside the journal's folder (as `reflect backup` uses).

Automatic backups (on unless turned off in Settings, QSettings `backups/automatic`):
a while after the journal is shown, and then every hour while it stays unlocked, a
backup is made when storage.backup.backup_due says so. They are quiet: a status-bar
message, and on failure a notice that neither blocks nor takes the keyboard. A failed
automatic backup is not retried until the next hourly check or the next unlock.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QWidget

from reflect.errors import ReflectError
from storage import backup
from ui.restore_dialog import RestoreDialog
from ui.session import Session

FOLDER_KEY = "backups/folder"
AUTOMATIC_KEY = "backups/automatic"
AUTOMATIC_DELAY_MS = 30_000  # after the journal is shown: unlocking stays quick
CHECK_EVERY_MS = 60 * 60 * 1000  # while unlocked, is a backup due?
NOTICE_NAME = "automatic-backup-notice"


# --- module-level so tests can replace them ---------------------------------------------


def saved_backups_folder() -> str:
    return str(QSettings("Reflect", "Reflect").value(FOLDER_KEY, "") or "")


def save_backups_folder(folder: str) -> None:
    QSettings("Reflect", "Reflect").setValue(FOLDER_KEY, folder)


def saved_automatic() -> bool:
    return bool(QSettings("Reflect", "Reflect").value(AUTOMATIC_KEY, True, type=bool))


def save_automatic(on: bool) -> None:
    QSettings("Reflect", "Reflect").setValue(AUTOMATIC_KEY, on)


def backups_folder(journal_folder: Path) -> Path:
    """The chosen backups folder, or the default beside the journal's folder."""
    saved = saved_backups_folder().strip()
    return Path(saved) if saved else backup.default_backup_dir(journal_folder)


def choose_backups_folder(parent: QWidget, start: Path) -> Path | None:
    chosen = QFileDialog.getExistingDirectory(parent, "Where backups are kept", str(start))
    return Path(chosen) if chosen else None


def show_problem(parent: QWidget, text: str) -> None:
    QMessageBox.warning(parent, "Reflect", text)


def show_notice(parent: QWidget, text: str) -> None:
    """A warning that neither blocks nor takes the keyboard (the user may be writing).

    One at a time: a newer notice replaces the text of one still open.
    """
    box = parent.findChild(QMessageBox, NOTICE_NAME)
    if box is None:
        box = QMessageBox(parent)
        box.setObjectName(NOTICE_NAME)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Reflect")
        box.setAccessibleName("Automatic backup failed")
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setText(text)
    box.show()


# --- the actions ------------------------------------------------------------------------


def _problem(exc: Exception) -> str:
    if isinstance(exc, ReflectError):
        return str(exc)
    if isinstance(exc, OSError):
        return f"The backup could not be written ({exc.strerror or exc}). Nothing was kept."
    return f"The backup failed ({type(exc).__name__}). Nothing was kept."


class BackupActions(QObject):
    backed_up = Signal(object)  # the new backup's Path
    failed = Signal(str)
    checked = Signal(object)  # after each automatic check: the new backup's Path, or None

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
        # Automatic backups: tests set the delay to 0 before the journal is shown.
        self.automatic_delay_ms = AUTOMATIC_DELAY_MS
        self.automatic_failed = False  # until the next unlock or hourly check
        self.first_timer = QTimer(self)
        self.first_timer.setSingleShot(True)
        self.first_timer.timeout.connect(self.back_up_if_due)
        self.hourly_timer = QTimer(self)
        self.hourly_timer.setInterval(CHECK_EVERY_MS)
        self.hourly_timer.timeout.connect(self._hourly_check)
        session.locked.connect(self._stop_automatic)

    @property
    def actions(self) -> tuple[QAction, ...]:
        return (self.backup_action, self.restore_action, self.folder_action)

    def _action(self, text: str, slot: Callable[[], None]) -> QAction:
        act = QAction(text, self.window)
        act.triggered.connect(lambda _=False: slot())
        return act

    def folder(self) -> Path:
        return backups_folder(self.session.folder)

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
        self.automatic_failed = False
        self.window.statusBar().showMessage(
            f"Backed up and verified: {made.name} in {made.parent}.", 15_000
        )
        self.backed_up.emit(made)

    def _backup_failed(self, exc: Exception) -> None:
        self._finish()
        self.window.statusBar().clearMessage()
        text = _problem(exc)
        self.failed.emit(text)
        show_problem(self.window, text)

    # --- automatic backups ---------------------------------------------------------------

    def journal_shown(self) -> None:
        """The journal is on screen: check in a while (not on unlock's path), then hourly."""
        self.automatic_failed = False
        self.first_timer.start(max(0, self.automatic_delay_ms))
        self.hourly_timer.start()

    def _stop_automatic(self) -> None:
        self.first_timer.stop()
        self.hourly_timer.stop()

    def _hourly_check(self) -> None:
        self.automatic_failed = False  # an hour on, a failed one may be tried again
        self.back_up_if_due()

    def back_up_if_due(self) -> None:
        """Start a quiet background backup if automatic backups are on and one is due.

        Listing the folder to see whether one is due happens off the interface thread
        too: the folder may be on a slow or sleeping drive. What is being written is
        not saved first (its autosaved draft is in the journal): a backup must not
        turn a half-written reflection into a saved one.
        """
        if (
            self.busy
            or self.automatic_failed
            or not self.session.is_unlocked
            or not saved_automatic()
        ):
            return
        vault = self.session.vault
        folder = self.folder()

        def work() -> Path | None:
            if not backup.backup_due(folder):
                return None
            made = backup.make_backup(vault, folder)
            backup.rotate(folder)
            return made

        self.busy = True
        self.backup_action.setEnabled(False)
        self.session.background.run(
            work, self._automatic_done, lambda exc: self._automatic_failed(exc, folder)
        )

    def _automatic_done(self, made: Path | None) -> None:
        self._finish()
        if made is not None:
            self.window.statusBar().showMessage(
                f"Backed up automatically: {made.name} in {made.parent}.", 15_000
            )
            self.backed_up.emit(made)
        self.checked.emit(made)

    def _automatic_failed(self, exc: Exception, folder: Path) -> None:
        self._finish()
        self.automatic_failed = True
        text = f"The automatic backup to {folder} failed. {_problem(exc)}"
        self.window.statusBar().showMessage(text)
        self.failed.emit(text)
        show_notice(
            self.window,
            f"{text}\n\nReflect will try again in an hour, or choose another folder with "
            "File ▸ Backups folder… and use File ▸ Back up now.",
        )
        self.checked.emit(None)

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
