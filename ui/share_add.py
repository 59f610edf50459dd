"""Add another reflection to a share: a searchable list of recent reflections."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from reflect.model import Reflection
from ui.record_list_model import RecordListModel
from ui.reflection_list_model import excerpt
from ui.share_plan import day_text, matches
from ui.two_line_delegate import Role, two_line_list

ModelIndex = QModelIndex | QPersistentModelIndex
RECENT = 200


class RecentReflectionsModel(RecordListModel[Reflection]):
    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.records):
            return None
        reflection = self.records[index.row()]
        title = reflection.title or "Untitled"
        if role == Qt.ItemDataRole.DisplayRole:
            return title
        if role == Role.SECONDARY:
            return excerpt(reflection, 100)
        if role == Role.ASIDE:
            return day_text(reflection.happened_at)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{title}, {day_text(reflection.happened_at)}"
        return None


class AddReflectionDialog(QDialog):
    """Type to narrow the list, arrows to choose, Enter to add."""

    def __init__(self, candidates: Sequence[Reflection], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Add another reflection")
        self.candidates = list(candidates)
        self.search = QLineEdit()
        self.search.setAccessibleName("Search recent reflections")
        self.search.setPlaceholderText("Search your recent reflections")
        self.search.setClearButtonEnabled(True)
        self.search.installEventFilter(self)
        self.model = RecentReflectionsModel(self)
        self.list = two_line_list(self.model, "Recent reflections")
        self.list.activated.connect(lambda _: self.accept())
        self.empty = QLabel()
        self.empty.setObjectName("hint")
        self.empty.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.add_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.add_button.setText("Add")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.buttons)
        self.resize(520, 440)
        self.search.textChanged.connect(self.narrow)
        self.narrow("")

    def narrow(self, query: str) -> None:
        self.model.set_records([r for r in self.candidates if matches(r, query)])
        found = bool(self.model.records)
        if found:
            self.list.setCurrentIndex(self.model.index(0, 0))
        self.add_button.setEnabled(found)
        self.empty.setText(
            ""
            if found
            else "No recent reflection matches that."
            if self.candidates
            else "Every recent reflection is in this share already."
        )
        self.empty.setVisible(not found)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up and Down in the search box move through the list, so the mouse is never needed."""
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)
            and self.model.records
        ):
            row = self.list.currentIndex().row() + (1 if event.key() == Qt.Key.Key_Down else -1)
            row = max(0, min(row, len(self.model.records) - 1))
            self.list.setCurrentIndex(self.model.index(row, 0))
            return True
        return super().eventFilter(watched, event)

    def chosen(self) -> Reflection | None:
        index = self.list.currentIndex()
        return self.model.record_at(index.row()) if index.isValid() else None


def choose_reflection(parent: QWidget, candidates: Sequence[Reflection]) -> Reflection | None:
    """Ask which reflection to add (tests replace this)."""
    dialog = AddReflectionDialog(candidates, parent)
    try:
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
