"""Restore from a backup: as a new journal in a chosen folder, or replacing this one.

The backup's secret is checked before anything changes: a wrong one shows the
message and nothing is touched. Replacing locks the journal first; storage.backup
then keeps the current journal whole as a safety backup beside it, and the window
is left on the unlock screen, which opens the restored journal.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from reflect.errors import ReflectError
from storage import backup, keyfile, keys
from storage.backup import BackupInfo
from storage.paths import JournalPaths
from ui.secret_dialog import SecretDialog
from ui.session import Session

PASSPHRASE, RECOVERY_KEY = 0, 1


# --- module-level so tests can replace them ---------------------------------------------


def choose_restore_folder(parent: QWidget, start: Path) -> Path | None:
    chosen = QFileDialog.getExistingDirectory(parent, "Restore as a new journal in…", str(start))
    return Path(chosen) if chosen else None


def confirm_replace(parent: QWidget, journal: Path) -> bool:
    answer = QMessageBox.question(
        parent,
        "Replace your journal?",
        "Replace your current journal with this backup?\n\n"
        "Reflect locks the journal first. Your current journal is not deleted: it is kept, "
        f"whole, as a safety backup beside {journal}. Afterwards, unlock with the "
        "backup's passphrase or recovery key.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


def show_restored(parent: QWidget | None, text: str) -> None:
    QMessageBox.information(parent, "Restored", text)


def show_problem(parent: QWidget | None, text: str) -> None:
    QMessageBox.warning(parent, "Reflect", text)


def check_secret(path: Path, passphrase: str | None, recovery_key: str | None) -> None:
    """Raise what unlocking raises if the secret does not open the backup's key file."""
    kf = keyfile.read(JournalPaths(path).keyfile)
    if recovery_key is not None:
        keys.open_with_recovery_key(kf, recovery_key)
    else:
        keys.open_with_passphrase(kf, passphrase or "")


def new_journal_folder(chosen: Path, made_at: datetime) -> Path:
    """`chosen` when it is empty, else a fresh folder inside it."""
    if not chosen.exists() or (chosen.is_dir() and not any(chosen.iterdir())):
        return chosen
    base = f"Reflect journal restored from {made_at:%Y-%m-%d %H%M}"
    candidate, n = chosen / base, 2
    while candidate.exists():
        candidate, n = chosen / f"{base} ({n})", n + 1
    return candidate


def _message(exc: Exception) -> str:
    if isinstance(exc, ReflectError):
        return str(exc)
    if isinstance(exc, OSError):
        return f"The backup could not be restored ({exc.strerror or exc}); nothing was changed."
    return f"The backup could not be restored ({type(exc).__name__}); nothing was changed."


class RestoreDialog(SecretDialog):
    restored = Signal(object)  # storage.backup.Restored

    def __init__(
        self, session: Session, backups: list[BackupInfo], parent: QWidget | None = None
    ) -> None:
        super().__init__(session, parent)
        self.setWindowTitle("Restore from a backup")
        self._replacing = False
        self.backups = QListWidget()
        self.backups.setAccessibleName("Backups, newest first")
        for info in reversed(backups):  # as list_backups gives them, oldest first
            item = QListWidgetItem(f"{info.made_at:%A %d %B %Y, %H:%M:%S}")
            item.setData(Qt.ItemDataRole.UserRole, info)
            item.setToolTip(str(info.path))
            self.backups.addItem(item)
        self.backups.setCurrentRow(0)
        self.kind = QComboBox()
        self.kind.addItems(["The backup's passphrase", "The backup's recovery key"])
        self.kind.setAccessibleName("Which secret")
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.setAccessibleName("The backup's passphrase or recovery key")
        self.as_new = QRadioButton("Restore as a &new journal in…")
        self.replace = QRadioButton("&Replace my current journal (it is kept as a safety backup)")
        self.as_new.setChecked(True)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = QPushButton("Restore")
        self.restore_button.setDefault(True)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Opened &with:", self.kind)
        label = QLabel("&Secret:")
        label.setBuddy(self.secret)
        form.addRow(label, self.secret)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Choose a backup:"))
        layout.addWidget(self.backups)
        layout.addLayout(form)
        layout.addWidget(self.as_new)
        layout.addWidget(self.replace)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    # --- SecretDialog ----------------------------------------------------------------------

    def _wipe(self) -> None:
        self.secret.clear()

    def _close_for_lock(self) -> None:
        if not self._replacing:  # our own lock, before replacing: stay to report
            super()._close_for_lock()

    def reject(self) -> None:
        if self._busy:
            return
        self._wipe()
        super().reject()

    # --- restoring ---------------------------------------------------------------------------

    def accept(self) -> None:
        """Restore, never closing until it is done (or refused)."""
        if self._busy:
            return
        if self.backups.currentRow() < 0:
            self.error.setText("Choose a backup to restore.")
            return
        info: BackupInfo = self.backups.currentItem().data(Qt.ItemDataRole.UserRole)
        secret = self.secret.text()
        if not secret.strip():
            self.error.setText("Type the backup's passphrase or recovery key.")
            self.secret.setFocus()
            return
        use_key = self.kind.currentIndex() == RECOVERY_KEY
        passphrase = None if use_key else secret
        recovery_key = secret if use_key else None
        self.error.clear()
        if self.as_new.isChecked():
            chosen = choose_restore_folder(self, self.session.folder.parent)
            if chosen is None:
                return
            target = new_journal_folder(chosen, info.made_at)
            self._run(
                lambda: backup.restore(info.path, target, passphrase, recovery_key),
                self._done,
            )
        else:
            if not confirm_replace(self, self.session.folder):
                return
            self._run(
                lambda: check_secret(info.path, passphrase, recovery_key),
                lambda _: self._replace(info.path, passphrase, recovery_key),
            )

    def _run(self, work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        self._busy = True
        self.restore_button.setEnabled(False)
        self.error.setText("Checking the backup…")
        self.session.background.run(work, done, self._failed)

    def _replace(self, path: Path, passphrase: str | None, recovery_key: str | None) -> None:
        if self._gone:
            return
        self._replacing = True
        self.error.setText("Locking the journal and restoring…")
        self.session.lock()  # saves what is being written and releases the journal's files
        self.session.busy.emit(True)  # the unlock screen waits for the swap
        target = self.session.folder
        self.session.background.run(
            lambda: backup.restore(path, target, passphrase, recovery_key, replace=True),
            self._done,
            self._failed,
        )

    def _done(self, restored: backup.Restored) -> None:
        if self._replacing:
            self.session.busy.emit(False)
        elif self._gone:
            return
        self._busy = False
        parent = self.parentWidget()
        self._wipe()
        self.restored.emit(restored)
        super().accept()
        if restored.safety_backup is not None:
            show_restored(
                parent,
                "Restored. Your previous journal is kept, whole, in "
                f"{restored.safety_backup}.\n\nUnlock with the backup's passphrase "
                "or recovery key.",
            )
        else:
            show_restored(
                parent,
                f"Restored as a new journal in {restored.journal}. It opens with the "
                "backup's passphrase and recovery key.",
            )

    def _failed(self, exc: Exception) -> None:
        text = _message(exc)
        if self._replacing:
            self.session.busy.emit(False)
            self._busy = False
            parent = self.parentWidget()
            self._wipe()
            super().reject()
            show_problem(parent, f"{text}\n\nYour journal was not replaced.")
            return
        if self._gone:
            return
        self._busy = False
        self.restore_button.setEnabled(True)
        self.error.setText(text)
