"""Asking which directory entry another one should be merged into, and confirming it."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from storage.contacts import NameTaken


def choose_target(
    parent: QWidget, candidates: Sequence[tuple[uuid.UUID, str]], question: str, nobody: str
) -> uuid.UUID | None:
    """The entry chosen from `candidates` (id, name), or None when cancelled or there is none."""
    if not candidates:
        QMessageBox.information(parent, "Reflect", nobody)
        return None
    names = [name for _, name in candidates]
    chosen, ok = QInputDialog.getItem(parent, "Merge into…", question, names, 0, False)
    return candidates[names.index(chosen)][0] if ok else None


def confirm_merge(parent: QWidget, clash: NameTaken, name: str, kept: str) -> bool:
    """A rename onto a name already taken: offer to merge instead."""
    answer = QMessageBox.question(
        parent,
        "Merge?",
        f"{clash}\n\nMerge “{name}” into the existing entry? {kept}",
    )
    return answer == QMessageBox.StandardButton.Yes
