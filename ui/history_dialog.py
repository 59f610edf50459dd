"""A reflection's earlier versions: read any of them, and make one current again."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from storage.reflections import Revision
from storage.vault import Vault


class HistoryDialog(QDialog):
    def __init__(
        self, vault: Vault, reflection_id: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Version history")  # never the reflection's own title
        self.resize(760, 460)
        self.vault = vault
        self.reflection_id = reflection_id
        self.versions: list[Revision] = vault.history(reflection_id)
        self.model = QStandardItemModel(self)
        for version in reversed(self.versions):  # newest first
            saved = version.saved_at.astimezone().strftime("%d %b %Y, %H:%M")
            item = QStandardItem(f"Version {version.number}, saved {saved}")
            item.setData(version.number, Qt.ItemDataRole.UserRole)
            item.setEditable(False)
            self.model.appendRow(item)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setAccessibleName("Earlier versions")
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName("The chosen version's text")
        explain = QLabel(
            "Each time you change a reflection, Reflect keeps the version before. "
            "Restoring one keeps the current text as a version too."
            if self.versions
            else "This reflection has not been changed since it was first saved."
        )
        explain.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = self.buttons.addButton(
            "Restore this version", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.restore_button.setEnabled(False)
        self.buttons.rejected.connect(self.reject)
        self.buttons.accepted.connect(self._restore)
        panes = QHBoxLayout()
        panes.addWidget(self.list, 1)
        panes.addWidget(self.preview, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(panes)
        layout.addWidget(self.buttons)
        self.list.selectionModel().currentChanged.connect(self._chosen)
        if self.versions:
            self.list.setCurrentIndex(self.model.index(0, 0))

    def _chosen(self, current: QModelIndex, _: QModelIndex) -> None:
        number = current.data(Qt.ItemDataRole.UserRole)
        version = next(v for v in self.versions if v.number == number)
        r = version.reflection
        self.preview.setPlainText(f"{r.title}\n\n{r.body}" if r.title else r.body)
        self.restore_button.setEnabled(True)

    def chosen_number(self) -> int | None:
        index = self.list.currentIndex()
        return int(index.data(Qt.ItemDataRole.UserRole)) if index.isValid() else None

    def _restore(self) -> None:
        number = self.chosen_number()
        if number is not None:
            self.vault.restore_revision(self.reflection_id, number)
            self.accept()

    def done(self, result: int) -> None:
        self.preview.document().clear()  # no copy of the text outlives the dialog
        super().done(result)
