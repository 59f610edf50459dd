"""A dialog that handles a secret: it forgets it and closes the moment the journal locks."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from ui.session import Session


class SecretDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._busy = False
        self._gone = False  # closed because the journal locked: late results are ignored
        session.locking.connect(self._close_for_lock)

    def _wipe(self) -> None:
        """Clear every field and label that holds a secret."""
        raise NotImplementedError

    def _close_for_lock(self) -> None:
        """The journal is locking: forget everything typed or shown, and close."""
        self._gone = True
        self._busy = False
        self._wipe()
        if self.isVisible():
            QDialog.reject(self)
