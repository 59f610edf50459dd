"""Importing a prompt pack file into the open journal, asking the leader where it matters.

prompts.importing decides (valid? signed? a key we know? newer?); this reads
the file, shows the decision and stores the pack once the leader agrees.
Dialogs that wait for a person are module-level functions, so tests can
replace them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from prompts.importing import ImportPlan, apply, check
from prompts.pack_errors import PackError
from prompts.pack_format import MAX_BYTES
from reflect import timeutil
from reflect.errors import ReflectError
from ui.pack_import_dialog import TITLE, ImportConfirmDialog
from ui.session import Session

FILE_FILTER = "Prompt packs (*.toml)"


def ask_pack_path(parent: QWidget) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, TITLE, "", FILE_FILTER)
    return Path(name) if name else None


def confirm_import(parent: QWidget, plan: ImportPlan, session: Session) -> bool:
    dialog = ImportConfirmDialog(plan, parent)
    session.locking.connect(dialog.reject)  # the journal locking mid-question means no
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        session.locking.disconnect(dialog.reject)
        dialog.deleteLater()


def tell_problem(parent: QWidget, message: str) -> None:
    QMessageBox.warning(parent, TITLE, message)


def read_pack_file(path: Path) -> bytes:
    """At most one byte more than a pack may hold, so an oversized file is refused, not read."""
    with path.open("rb") as file:
        return file.read(MAX_BYTES + 1)


def import_pack_file(parent: QWidget, session: Session, path: Path | None = None) -> bool:
    """Import a pack from `path` (or a file the leader picks); True if it joined the journal."""
    if path is None:
        path = ask_pack_path(parent)
        if path is None:
            return False
    try:
        data = read_pack_file(path)
    except OSError as exc:
        reason = exc.strerror or "it could not be opened"
        tell_problem(parent, f"Reflect could not read {path.name}: {reason}. Nothing was imported.")
        return False
    try:
        store = session.vault.prompt_packs
        plan = check(data, path.name, store)
    except PackError as exc:
        tell_problem(parent, str(exc))  # it already says that nothing was imported
        return False
    except ReflectError as exc:
        tell_problem(parent, f"{exc} Nothing was imported.")
        return False
    if plan.needs_confirmation and not confirm_import(parent, plan, session):
        return False
    if not session.is_unlocked:
        return False  # it locked while the leader was deciding: nothing is stored
    try:
        apply(plan, store, timeutil.now().date())
    except ReflectError as exc:
        tell_problem(parent, f"{exc} Nothing was imported.")
        return False
    return True
