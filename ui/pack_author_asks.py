"""The pack author's questions and notices that wait for a person (tests replace these).

Callers use them through the module (`asks.warn(...)`), so replacing one here
replaces it everywhere.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

TITLE = "Author a prompt pack"
FILE_FILTER = "Prompt packs (*.toml)"


class Unsaved(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_open_path(parent: QWidget) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "Open a prompt pack", "", FILE_FILTER)
    return Path(name) if name else None


def ask_save_path(parent: QWidget, suggested: str = "pack.toml") -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, "Save the prompt pack", suggested, FILE_FILTER)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".toml" else path.with_name(f"{path.name}.toml")


def ask_signer_name(parent: QWidget, suggested: str) -> str | None:
    name, ok = QInputDialog.getText(
        parent,
        "Your signing identity",
        "You have no signing identity yet. Reflect will make one and keep its private key "
        "inside your encrypted journal.\n\nThe name leaders know you by:",
        QLineEdit.EchoMode.Normal,
        suggested,
    )
    return name.strip() if ok and name.strip() else None


def ask_unsaved(parent: QWidget) -> Unsaved:
    answer = QMessageBox.question(
        parent,
        TITLE,
        "This pack has changes that are not saved. Save them?",
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Save,
    )
    if answer == QMessageBox.StandardButton.Save:
        return Unsaved.SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return Unsaved.DISCARD
    return Unsaved.CANCEL


def tell(parent: QWidget, text: str) -> None:
    QMessageBox.information(parent, TITLE, text)


def warn(parent: QWidget, text: str) -> None:
    QMessageBox.warning(parent, TITLE, text)
