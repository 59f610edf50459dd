"""Importing a share file a buddy sent: pick it, let storage check it, say what happened.

storage.share_files decides (is it age? for you? signed by a buddy? new?);
this reads the file and tells the leader. Dialogs that wait for a person are
module-level functions, so tests can replace them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from reflect.errors import ReflectError
from storage.buddies import ShareRecord
from storage.share_files import (
    NoSharingIdentity,
    ShareRefused,
    import_share,
    read_share_file,
)
from ui.session import Session
from ui.share_wording import reflections_text

TITLE = "Import a share"  # never the buddy's name: window titles reach the system
FILE_FILTER = "Reflect shares (*.age)"


def ask_share_path(parent: QWidget) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, TITLE, "", FILE_FILTER)
    return Path(name) if name else None


def tell_problem(parent: QWidget, message: str) -> None:
    QMessageBox.warning(parent, TITLE, message)


def tell_imported(parent: QWidget, record: ShareRecord) -> None:
    QMessageBox.information(parent, TITLE, imported_text(record))


def imported_text(record: ShareRecord) -> str:
    buddy = record.buddy
    what = "a reply" if record.payload.in_reply_to else "a share"
    count = reflections_text(len(record.payload.reflections))
    text = f"Imported {what} from {buddy.name}: {count}. It is in From my buddies."
    if not buddy.verified:
        text += (
            f"\n\n{buddy.name} is not verified yet: compare your safety number with them "
            "in person or by phone (Buddies page)."
        )
    return text


def import_share_record(
    parent: QWidget, session: Session, path: Path | None = None
) -> ShareRecord | None:
    """Import a share from `path` (or a file the leader picks); the record if it was kept."""
    if not session.is_unlocked:
        return None
    if path is None:
        path = ask_share_path(parent)
        if path is None:
            return None
    try:
        data = read_share_file(path)
    except OSError as exc:
        reason = exc.strerror or "it could not be opened"
        tell_problem(parent, f"Reflect could not read {path.name}: {reason}. Nothing was imported.")
        return None
    try:
        record = import_share(session.vault, data, path.name)
    except ShareRefused as exc:
        tell_problem(parent, str(exc))  # each already says that nothing was imported
        return None
    except NoSharingIdentity as exc:
        tell_problem(parent, f"{exc} Make it on the Buddies page first. Nothing was imported.")
        return None
    except ReflectError as exc:
        tell_problem(parent, f"{exc} Nothing was imported.")
        return None
    tell_imported(parent, record)
    return record


def import_share_file(parent: QWidget, session: Session, path: Path | None = None) -> bool:
    """Import a share from `path` (or a file the leader picks); True if it was kept."""
    return import_share_record(parent, session, path) is not None
