"""Importing a Reflect export in the app: the JSON file, or the encrypted one from another computer.

File ▸ Import from another journal hands such files here. The file is opened and
checked whole first (an encrypted one after asking for its passphrase), the user
sees what it holds, and only then is it written, in one transaction
(storage.exchange.import_journal).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from reflect import export_format
from reflect.errors import ReflectError
from reflect.export_format import JournalExport
from storage.encrypted_export import is_passphrase_age, read_encrypted
from storage.exchange import import_journal, is_reflect_export, read_export_file
from ui.session import Session

# --- module-level so tests can replace them ---------------------------------------------


def ask_passphrase(parent: QWidget, name: str) -> str | None:
    text, ok = QInputDialog.getText(
        parent,
        "Open an encrypted export",
        f"{name} is an encrypted Reflect export.\n"
        "Type the passphrase that was chosen when it was made:",
        QLineEdit.EchoMode.Password,
    )
    return text if ok and text else None


def confirm_import(parent: QWidget, name: str, holds: list[str]) -> bool:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(f"Import {name}")
    box.setText(f"{name} holds:\n\n• " + "\n• ".join(holds))
    box.setInformativeText(
        "What is already in this journal stays: only what is new or newer is added, "
        "and an edited reflection keeps its earlier version in its history."
    )
    box.addButton("&Import", QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is not cancel


def show_problem(parent: QWidget, text: str) -> None:
    QMessageBox.warning(parent, "Reflect", text)


def show_done(parent: QWidget, text: str) -> None:
    QMessageBox.information(parent, "Import finished", text)


# --- the flow -----------------------------------------------------------------------------


def _head(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(4096)
    except OSError:
        return b""


def is_reflect_file(path: Path) -> bool:
    """A Reflect JSON export or an encrypted one, judged by the first bytes."""
    head = _head(path)
    return is_passphrase_age(head) or is_reflect_export(head)


def _read(parent: QWidget, path: Path) -> JournalExport | None:
    encrypted = is_passphrase_age(_head(path))
    passphrase = ask_passphrase(parent, path.name) if encrypted else None
    if encrypted and passphrase is None:
        return None
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # scrypt takes a moment
    try:
        if passphrase is not None:
            return read_encrypted(path, passphrase)
        return read_export_file(path)
    finally:
        QGuiApplication.restoreOverrideCursor()


def import_reflect_export(parent: QWidget, session: Session, path: Path) -> bool:
    """Preview, then import; True if any reflection was added or updated."""
    try:
        journal = _read(parent, path)
    except (ReflectError, OSError) as exc:
        show_problem(parent, str(exc) if isinstance(exc, ReflectError) else f"Cannot read {path}.")
        return False
    if journal is None or not confirm_import(parent, path.name, export_format.contents(journal)):
        return False
    try:
        report = import_journal(session.vault, journal)  # one transaction
    except ReflectError as exc:
        show_problem(parent, f"{exc}\n\nNothing was imported.")
        return False
    show_done(parent, f"Imported from {path.name}: {report.summary()}.")
    return bool(report.added or report.updated)
