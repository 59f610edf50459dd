"""Choose the storylines a reflection belongs to: tick, untick, or start a new one.

Nothing is written until OK, and then all at once: Cancel leaves the journal as it was,
including storylines named here but not yet saved.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reflect import timeutil
from reflect.errors import ReflectError
from reflect.people import fold
from reflect.storylines import Storyline, validated_storyline
from storage import storylines as storyline_store
from ui.session import Session

Index = QModelIndex | QPersistentModelIndex


class CheckableStorylineModel(QAbstractListModel):
    """Every storyline with a tick for "this reflection belongs to it"."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.storylines: list[Storyline] = []
        self._ticked: set[uuid.UUID] = set()

    def set_storylines(self, storylines: list[Storyline], ticked: set[uuid.UUID]) -> None:
        self.beginResetModel()
        self.storylines, self._ticked = list(storylines), set(ticked)
        self.endResetModel()

    def append(self, storyline: Storyline) -> int:
        row = len(self.storylines)
        self.beginInsertRows(QModelIndex(), row, row)
        self.storylines.append(storyline)
        self._ticked.add(storyline.id)
        self.endInsertRows()
        return row

    def tick(self, row: int) -> None:
        self.setData(self.index(row, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)

    def ticked(self) -> set[uuid.UUID]:
        return set(self._ticked)

    def row_named(self, name: str) -> int | None:
        return next((i for i, s in enumerate(self.storylines) if fold(s.name) == fold(name)), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.storylines)

    def flags(self, index: Index) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsUserCheckable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.storylines):
            return None
        storyline = self.storylines[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return storyline.name
        if role == Qt.ItemDataRole.SizeHintRole:
            return QSize(0, 26)  # room to aim at the box, as in the sidebar
        if role == Qt.ItemDataRole.CheckStateRole:
            ticked = storyline.id in self._ticked
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        return None

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        storyline_id = self.storylines[index.row()].id
        state = value if isinstance(value, Qt.CheckState) else Qt.CheckState(int(value))  # type: ignore[call-overload]
        if state == Qt.CheckState.Checked:
            self._ticked.add(storyline_id)
        else:
            self._ticked.discard(storyline_id)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True


class StorylinePicker(QDialog):
    def __init__(
        self, session: Session, reflection_id: uuid.UUID, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Storylines")  # never the reflection's title
        self.session = session
        self.reflection_id = reflection_id
        storylines = [s.storyline for s in session.vault.storylines.listed()]
        self._members = {s.id for s in session.vault.storylines.of_reflection(reflection_id)}
        self._saved = {s.id for s in storylines}  # the rest are new, named in this dialog
        explain = QLabel(
            "Tick the storylines this reflection belongs to: each gathers the reflections "
            "on one long-running issue, to read as a history. Space ticks the chosen one."
        )
        explain.setWordWrap(True)
        self.model = CheckableStorylineModel(self)
        self.model.set_storylines(storylines, self._members)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setAccessibleName("Storylines")
        self.none_yet = QLabel("You have no storylines yet: name the first one below.")
        self.none_yet.setObjectName("hint")
        self.none_yet.setVisible(not storylines)
        self.new_name = QLineEdit()
        self.new_name.setAccessibleName("New storyline name")
        self.new_name.setPlaceholderText("New storyline, e.g. Hospital discharge")
        self.new_name.installEventFilter(self)
        self.add_button = QPushButton("Add")
        self.add_button.setAccessibleName("Add storyline")
        self.add_button.setToolTip("Start this storyline and tick it (Enter in the name field)")
        self.add_button.setAutoDefault(False)  # Enter in the dialog means OK, not Add
        self.add_button.clicked.connect(self.add)
        self.add_button.setEnabled(False)
        self.new_name.textChanged.connect(lambda t: self.add_button.setEnabled(bool(t.strip())))
        self.problem = QLabel()
        self.problem.setObjectName("error")
        self.problem.setWordWrap(True)
        self.problem.hide()
        adding = QHBoxLayout()
        adding.addWidget(self.new_name, 1)
        adding.addWidget(self.add_button)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.none_yet)
        layout.addLayout(adding)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.resize(460, 420)
        if storylines:
            self.list.setCurrentIndex(self.model.index(0, 0))
            self.list.setFocus()
        else:
            self.new_name.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter in the name field adds the storyline, and goes no further: OK is for OK."""
        if (
            watched is self.new_name
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.add()
            return True
        return super().eventFilter(watched, event)

    def add(self) -> None:
        """Tick a storyline by name, starting it when it is new (saved only on OK)."""
        name = self.new_name.text()
        if not name.strip():
            return
        row = self.model.row_named(name)
        if row is None:
            try:
                storyline = validated_storyline(Storyline(uuid.uuid4(), name, timeutil.now()))
            except ReflectError as exc:
                self._say(str(exc))
                return
            row = self.model.append(storyline)
        else:
            self.model.tick(row)
        self.list.setCurrentIndex(self.model.index(row, 0))
        self.list.scrollTo(self.model.index(row, 0))
        self.none_yet.hide()
        self.new_name.clear()
        self._say("")

    def _say(self, problem: str) -> None:
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))

    def accept(self) -> None:
        """Write the differences in one transaction: all of them, or none."""
        ticked = self.model.ticked()
        new = [s for s in self.model.storylines if s.id not in self._saved and s.id in ticked]
        changes = [
            (s.id, s.id in ticked)
            for s in self.model.storylines
            if (s.id in ticked) != (s.id in self._members) and (s.id in self._saved or s in new)
        ]
        if not new and not changes:
            super().accept()
            return
        try:
            with self.session.vault.writing() as conn:
                for storyline in new:
                    storyline_store.save(conn, storyline)
                for storyline_id, member in changes:
                    storyline_store.set_member(conn, storyline_id, self.reflection_id, member)
        except ReflectError as exc:
            self._say(str(exc))
            return
        super().accept()
