"""Storylines: the reflections on one long-running issue, read as a history, oldest first."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from reflect import timeutil
from reflect.errors import ReflectError
from reflect.model import Reflection
from reflect.storylines import Storyline
from storage.storylines import StorylineSummary
from ui.follow_ups_page import first_words, keys_hint
from ui.master_detail import detail_stack, empty_state, list_and_detail, list_column
from ui.record_list_model import RecordListModel
from ui.session import Session
from ui.two_line_delegate import Role, TwoLineDelegate, draw_bold_line

Index = QModelIndex | QPersistentModelIndex
PAD = 8
EXCERPT = 120  # characters of a reflection's opening in the timeline
TITLE_WORDS = 60  # characters of an untitled reflection's first words
OPENING_LINES = 2

INTRO = (
    "A storyline gathers the reflections on one long-running issue, such as hospital "
    "discharge or a service redesign, so you can read them in order as its history."
)
NO_STORYLINES = (
    "Some issues run for years, and what you wrote about them is scattered through the "
    "journal. A storyline puts those reflections in date order, so you can read them the "
    "way Fillmore's historian lens asks: how did we get here, and what keeps coming back?\n\n"
    "Start one with New storyline…, then add reflections to it from the journal: "
    "Edit ▸ Add to storylines… (Ctrl+Shift+Y)."
)
NO_REFLECTIONS = (
    "No reflections in this storyline yet. Open a reflection in the journal and choose "
    "Edit ▸ Add to storylines… (Ctrl+Shift+Y)."
)


def long_date(r: Reflection) -> str:
    """ "Tue 4 March 2025": the day of the week helps memory more than the number does."""
    when = r.happened_at
    return f"{when:%a} {when.day} {when:%B %Y}"


def title_and_opening(r: Reflection) -> tuple[str, str]:
    """The title and the body's start; untitled, the first words stand in, not repeated."""
    flat = " ".join(r.body.split())
    if r.title:
        return r.title, first_words(flat, EXCERPT)
    title = first_words(flat, TITLE_WORDS)
    if not title.endswith("…"):
        return title or "Untitled", ""
    rest = flat[len(title) - 1 :].lstrip(" ,;:.–-")
    return title, "…" + first_words(rest, EXCERPT)


def wrapped(text: str, metrics: QFontMetrics, width: int, lines: int) -> list[str]:
    """Word-wrap into at most `lines` lines; the last is cut with "…" if text remains."""
    out: list[str] = []
    current = ""
    words = text.split()
    for i, word in enumerate(words):
        trial = f"{current} {word}" if current else word
        if not current or metrics.horizontalAdvance(trial) <= width:
            current = trial
        elif len(out) == lines - 1:
            current = " ".join([current, *words[i:]])
            break
        else:
            out.append(current)
            current = word
    if current:
        out.append(current)
    return [metrics.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in out]


def count_text(n: int) -> str:
    return "No reflections yet" if n == 0 else f"{n} reflection{'s' if n != 1 else ''}"


class StorylineListModel(RecordListModel[StorylineSummary]):
    """A storyline a row: its name, then how many reflections it gathers."""

    def clear(self) -> None:
        self.set_records([])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.records):
            return None
        summary = self.records[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return summary.storyline.name
        if role == Role.SECONDARY:
            return count_text(summary.reflections)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{summary.storyline.name}, {count_text(summary.reflections).lower()}"
        return None

    def storyline_at(self, row: int) -> Storyline | None:
        return self.records[row].storyline if 0 <= row < len(self.records) else None

    def row_of(self, storyline_id: uuid.UUID) -> int | None:
        return next((i for i, s in enumerate(self.records) if s.storyline.id == storyline_id), None)


class TimelineModel(QAbstractListModel):
    """The storyline's reflections oldest first, with a heading row where each year begins."""

    HEADER = Qt.ItemDataRole.UserRole + 10  # True on a year's heading row
    DATE = Qt.ItemDataRole.UserRole + 11

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[int | Reflection] = []  # a year, or a reflection in it

    def set_reflections(self, reflections: list[Reflection]) -> None:
        self.beginResetModel()
        self.rows = []
        for r in reflections:
            if not self.rows or self._year_of_last() != r.happened_at.year:
                self.rows.append(r.happened_at.year)
            self.rows.append(r)
        self.endResetModel()

    def _year_of_last(self) -> int:
        last = self.rows[-1]
        return last if isinstance(last, int) else last.happened_at.year

    def clear(self) -> None:
        self.set_reflections([])

    def reflections(self) -> list[Reflection]:
        return [r for r in self.rows if isinstance(r, Reflection)]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if index.isValid() and isinstance(self.rows[index.row()], int):
            return Qt.ItemFlag.NoItemFlags  # a heading: keyboard and mouse pass over it
        return super().flags(index)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if isinstance(row, int):
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return str(row)
            return True if role == self.HEADER else None
        if role == Qt.ItemDataRole.DisplayRole:
            return title_and_opening(row)[0]
        if role == self.DATE:
            return long_date(row)
        if role == Role.SECONDARY:
            return title_and_opening(row)[1]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{long_date(row)}: {title_and_opening(row)[0]}"
        return None

    def reflection_at(self, row: int) -> Reflection | None:
        found = self.rows[row] if 0 <= row < len(self.rows) else None
        return found if isinstance(found, Reflection) else None

    def first_reflection_row(self) -> int | None:
        return next((i for i, r in enumerate(self.rows) if isinstance(r, Reflection)), None)


class TimelineDelegate(QStyledItemDelegate):
    """A year as a heading; a reflection as its date in a column, title, then its opening."""

    def _date_width(self, font: QFont) -> int:
        return QFontMetrics(font).horizontalAdvance("Wed 30 September 2025") + 2 * PAD

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        line = QFontMetrics(option.font).height()  # type: ignore[attr-defined]
        if index.data(TimelineModel.HEADER):
            return QSize(200, line * 2 + PAD)
        small = QFont(option.font)  # type: ignore[attr-defined]
        small.setPointSizeF(small.pointSizeF() * 0.92)
        return QSize(200, PAD * 2 + line + 4 + QFontMetrics(small).height() * OPENING_LINES)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        painter.save()
        palette: QPalette = option.palette  # type: ignore[attr-defined]
        base: QFont = option.font  # type: ignore[attr-defined]
        line = QFontMetrics(base).height()
        rect: QRect = option.rect.adjusted(PAD + 2, PAD, -PAD - 2, -PAD)  # type: ignore[attr-defined]
        if index.data(TimelineModel.HEADER):
            year = QFont(base)
            year.setBold(True)
            year.setPointSizeF(base.pointSizeF() * 1.15)
            painter.setFont(year)
            # The heading is not selectable, so its palette is the disabled one: ask for normal.
            painter.setPen(palette.color(QPalette.ColorGroup.Normal, QPalette.ColorRole.Text))
            box = QRect(rect.left(), rect.bottom() - line - 2, rect.width(), line + 4)
            painter.drawText(
                box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, str(index.data())
            )
            painter.setPen(palette.color(QPalette.ColorRole.Mid))
            painter.drawLine(rect.left(), option.rect.bottom(), rect.right(), option.rect.bottom())  # type: ignore[attr-defined]
            painter.restore()
            return
        widget = option.widget  # type: ignore[attr-defined]
        if widget is not None:
            widget.style().drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget
            )
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        strong = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        grey = strong if selected else palette.color(QPalette.ColorRole.PlaceholderText)
        small = QFont(base)
        small.setPointSizeF(base.pointSizeF() * 0.92)
        date_width = self._date_width(small)
        painter.setFont(small)
        painter.setPen(grey)
        painter.drawText(
            QRect(rect.left(), rect.top() + 1, date_width, line),
            0,
            str(index.data(TimelineModel.DATE) or ""),
        )
        left = rect.left() + date_width
        width = rect.right() - left
        draw_bold_line(
            painter, base, str(index.data() or ""), QRect(left, rect.top(), width, line), strong
        )
        painter.setFont(small)
        painter.setPen(grey)
        metrics = QFontMetrics(small)
        opening = str(index.data(Role.SECONDARY) or "")
        for n, text in enumerate(wrapped(opening, metrics, width, OPENING_LINES)):
            top = rect.top() + line + 4 + n * metrics.height()
            painter.drawText(QRect(left, top, width, metrics.height()), 0, text)
        painter.restore()


class StorylineDialog(QDialog):
    """Name and describe a storyline. `save` is tried on OK; a problem keeps the dialog open."""

    def __init__(
        self,
        heading: str,
        save: Callable[[str, str], None],
        storyline: Storyline | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(heading)
        self._save = save
        self.name = QLineEdit(storyline.name if storyline else "")
        self.name.setAccessibleName("Storyline name")
        self.name.setPlaceholderText("e.g. Hospital discharge")
        self.description = QPlainTextEdit(storyline.description if storyline else "")
        self.description.setAccessibleName("Description (optional)")
        self.description.setPlaceholderText("What the issue is, and why you are following it")
        self.description.setTabChangesFocus(True)
        self.description.setMaximumHeight(100)
        self.problem = QLabel()
        self.problem.setObjectName("error")
        self.problem.setWordWrap(True)
        self.problem.hide()
        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("Description", self.description)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Save")
        self.ok.setDefault(True)  # Enter in the name field saves
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.name.textChanged.connect(lambda text: self.ok.setEnabled(bool(text.strip())))
        self.ok.setEnabled(bool(self.name.text().strip()))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(440, self.sizeHint().height())
        self.name.setFocus()

    def accept(self) -> None:
        if not self.name.text().strip():
            return
        try:
            self._save(self.name.text(), self.description.toPlainText())
        except ReflectError as exc:
            self.problem.setText(str(exc))
            self.problem.show()
            self.name.setFocus()
            return
        super().accept()


class StorylinesPage(QWidget):
    open_reflection = Signal(object)  # uuid.UUID

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.dialog: StorylineDialog | None = None
        heading = QLabel("Storylines")
        heading.setObjectName("pageHeading")
        intro = QLabel(INTRO)
        intro.setWordWrap(True)
        intro.setObjectName("hint")

        self.model = StorylineListModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setItemDelegate(TwoLineDelegate(self.list))
        self.list.setAccessibleName("Storylines")
        self.list.setUniformItemSizes(True)
        self.list.setToolTip("Enter moves to the chosen storyline's timeline")
        self.list.activated.connect(lambda _: self._focus_timeline())
        self.new_button = self._button("&New storyline…", "Name a long-running issue", self.new)
        self.rename_button = self._button(
            "Rena&me…", "Change the storyline's name or description", self.rename
        )
        self.delete_button = self._button(
            "De&lete…", "Remove the storyline; its reflections stay in the journal", self.delete
        )
        left_buttons = QHBoxLayout()
        for button in (self.new_button, self.rename_button, self.delete_button):
            left_buttons.addWidget(button)
        left_buttons.addStretch(1)
        left = list_column(self.list, left_buttons)

        self.name = QLabel()
        self.name.setObjectName("stepHeading")
        self.name.setWordWrap(True)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setTextFormat(Qt.TextFormat.PlainText)
        self.timeline_model = TimelineModel(self)
        self.timeline = QListView()
        self.timeline.setModel(self.timeline_model)
        self.timeline.setItemDelegate(TimelineDelegate(self.timeline))
        self.timeline.setAccessibleName("Timeline, oldest first")
        self.timeline.setToolTip("Enter or double-click opens the reflection in the journal")
        self.timeline.activated.connect(self._open)
        self.timeline_empty = QLabel(NO_REFLECTIONS)
        self.timeline_empty.setWordWrap(True)
        self.timeline_empty.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.timeline_empty.setContentsMargins(4, 12, 4, 4)
        self.timeline_stack = detail_stack(self.timeline, self.timeline_empty)
        hint = QLabel("Oldest first. Enter or double-click opens a reflection in the journal.")
        hint.setObjectName("hint")
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.setContentsMargins(6, 0, 0, 0)
        detail_layout.addWidget(self.name)
        detail_layout.addWidget(self.description)
        detail_layout.addWidget(self.timeline_stack, 1)
        detail_layout.addWidget(hint)
        nothing_heading = QLabel("No storylines yet")
        nothing_heading.setObjectName("stepHeading")
        self.nothing, self.nothing_text = empty_state(NO_STORYLINES, nothing_heading)
        self.right = detail_stack(detail, self.nothing)
        self.detail = detail

        panes = list_and_detail(left, self.right, 280, 700)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addSpacing(4)
        layout.addWidget(panes, 1)
        self.list.selectionModel().currentChanged.connect(self._chosen)
        self._show_storyline(None)

    def _button(self, text: str, what: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.setToolTip(keys_hint(text, what))
        button.setAutoDefault(True)  # Enter presses a focused button, as Space does
        button.clicked.connect(slot)
        return button

    # --- what is shown ---------------------------------------------------------------

    def refresh(self, keep: uuid.UUID | None = None) -> None:
        """Reload the storylines, keeping the chosen one (or `keep`) chosen."""
        if not self.session.is_unlocked:
            return
        current = self.chosen()
        keep = keep or (current.id if current else None)
        row = max(self.list.currentIndex().row(), 0)
        try:
            summaries = self.session.vault.storylines.listed()
        except ReflectError as exc:
            QMessageBox.warning(self, "Reflect", str(exc))
            return
        self.model.set_records(summaries)  # resets the selection: shown again below
        found = self.model.row_of(keep) if keep is not None else None
        if summaries:
            chosen = found if found is not None else min(row, len(summaries) - 1)
            self.list.setCurrentIndex(self.model.index(chosen, 0))
        self._show_storyline(self.chosen())

    def wipe(self) -> None:
        """Forget every storyline and reflection shown (on lock)."""
        if self.dialog is not None:
            self.dialog.reject()
        self.model.clear()
        self._show_storyline(None)

    def chosen(self) -> Storyline | None:
        index = self.list.currentIndex()
        return self.model.storyline_at(index.row()) if index.isValid() else None

    def _chosen(self, current: QModelIndex, _: QModelIndex) -> None:
        self._show_storyline(self.model.storyline_at(current.row()) if current.isValid() else None)

    def _show_storyline(self, storyline: Storyline | None) -> None:
        self.right.setCurrentWidget(self.detail if self.model.rowCount() else self.nothing)
        self.rename_button.setEnabled(storyline is not None)
        self.delete_button.setEnabled(storyline is not None)
        reflections: list[Reflection] = []
        if storyline is not None and self.session.is_unlocked:
            try:
                reflections = self.session.vault.storylines.timeline(storyline.id)
            except ReflectError as exc:
                self.timeline_empty.setText(str(exc))
            else:
                self.timeline_empty.setText(NO_REFLECTIONS)
        self.name.setText(storyline.name if storyline else "")
        self.description.setText(storyline.description if storyline else "")
        self.description.setVisible(bool(storyline and storyline.description))
        self.timeline_model.set_reflections(reflections)
        self.timeline_stack.setCurrentWidget(self.timeline if reflections else self.timeline_empty)
        first = self.timeline_model.first_reflection_row()
        if first is not None:
            self.timeline.setCurrentIndex(self.timeline_model.index(first, 0))

    def _focus_timeline(self) -> None:
        if self.timeline_model.rowCount():
            self.timeline.setFocus()

    def _open(self, index: QModelIndex) -> None:
        r = self.timeline_model.reflection_at(index.row())
        if r is not None:
            self.open_reflection.emit(r.id)

    # --- what the user does ------------------------------------------------------------

    def new(self) -> None:
        self._ask("New storyline", None)

    def rename(self) -> None:
        storyline = self.chosen()
        if storyline is not None:
            self._ask("Rename storyline", storyline)

    def _ask(self, heading: str, storyline: Storyline | None) -> None:
        """The name dialog, opened without blocking (`open`), so it can be driven by keys."""

        def save(name: str, description: str) -> None:
            if storyline is None:
                made = Storyline(uuid.uuid4(), name, timeutil.now(), description)
            else:
                made = replace(storyline, name=name, description=description)
            saved = self.session.vault.storylines.save(made)
            self.refresh(saved.id)

        dialog = StorylineDialog(heading, save, storyline, self)
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.open()

    def _dialog_closed(self, _: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None
            self.list.setFocus()

    def delete(self) -> None:
        storyline = self.chosen()
        if storyline is None:
            return
        count = self.model.records[self.list.currentIndex().row()].reflections
        kept = (
            "Its reflections stay in your journal; only this way of gathering them goes."
            if count
            else "It has no reflections."
        )
        answer = QMessageBox.question(
            self,
            "Delete storyline",  # never the storyline's name: window titles reach the system
            f"Delete the storyline “{storyline.name}”?\n\n{kept}",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.session.vault.storylines.delete(storyline.id)
        except ReflectError as exc:
            QMessageBox.warning(self, "Reflect", str(exc))
        self.refresh()
