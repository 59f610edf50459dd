"""Follow-ups: what the leader wanted to happen next, and whether it did.

Due ones come first: the point of a follow-up is the second reflection it asks
for ("did it happen?"), which is where intentions turn into learning.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from enum import StrEnum

from PySide6.QtCore import (
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from reflect import timeutil
from reflect.errors import ReflectError
from reflect.followups import FollowUp, FollowUpStatus
from reflect.model import Reflection
from ui.master_detail import detail_stack
from ui.record_list_model import RecordListModel
from ui.session import Session
from ui.two_line_delegate import Role, TwoLineDelegate

Index = QModelIndex | QPersistentModelIndex
PAD = 8
RESCHEDULE_DAYS = 7  # how far ahead "Change date…" suggests, when the old date has passed


class Filter(StrEnum):
    DUE = "Due"
    OPEN = "Open"
    DONE = "Done"
    DROPPED = "Dropped"


EMPTY = {
    Filter.DUE: "Nothing is due. A follow-up comes back here on the date you chose, "
    "so you can ask whether it happened.",
    Filter.OPEN: "No open follow-ups. In a reflection, put the cursor on a line about what "
    "should happen next and choose Edit ▸ Make a follow-up from this line… (Ctrl+Shift+F).",
    Filter.DONE: "Nothing is marked done yet. Reflecting on a follow-up, or Mark done, "
    "puts it here.",
    Filter.DROPPED: "Nothing dropped. Drop a follow-up that no longer matters; "
    "you can reopen it later.",
}


def _today() -> date:
    return timeutil.now().date()


def day_month(d: date, today: date) -> str:
    """ "3 March", with the year only when it is not this one."""
    return f"{d.day} {d:%B}" if d.year == today.year else f"{d.day} {d:%B %Y}"


def status_text(f: FollowUp, today: date) -> str:
    if f.status is not FollowUpStatus.OPEN:
        verb = "Done" if f.status is FollowUpStatus.DONE else "Dropped"
        if f.closed_at is None:
            return verb
        return f"{verb} {day_month(f.closed_at.astimezone(timeutil.local_zone()).date(), today)}"
    if f.revisit_on is None:
        return "No date to revisit"
    if f.revisit_on == today:
        return "Due today"
    if f.revisit_on < today:
        return f"Due since {day_month(f.revisit_on, today)}"
    return f"Revisit on {day_month(f.revisit_on, today)}"


def first_words(text: str, limit: int) -> str:
    """At most `limit` characters of `text`, cut between words, with "…" when cut."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0] if " " in flat[: limit - 1] else flat[: limit - 1]
    return cut.rstrip(" ,;:.–-") + "…"


def source_text(r: Reflection | None) -> str:
    if r is None:
        return "From a reflection no longer in your journal"
    name = r.title or first_words(r.body, 40) or "Untitled"
    return f"From “{name}”, {r.happened_at.day} {r.happened_at:%B %Y}"


def matches(f: FollowUp, chosen: Filter, today: date) -> bool:
    if chosen is Filter.DUE:
        return f.is_due(today)
    return f.status.value == chosen.value.lower()


def keys_hint(text: str, what: str) -> str:
    """A tooltip naming the button's Alt shortcut, where the platform has one."""
    keys = QKeySequence.mnemonic(text).toString(QKeySequence.SequenceFormat.NativeText)
    return f"{what} ({keys})" if keys else what


class FollowUpListModel(RecordListModel[FollowUp]):
    """One follow-up a row: its words; then where it came from and when it is due."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._sources: dict[uuid.UUID, str] = {}
        self._today = date.min

    def set_follow_ups(
        self, follow_ups: list[FollowUp], sources: dict[uuid.UUID, str], today: date
    ) -> None:
        self._sources, self._today = sources, today
        self.set_records(follow_ups)

    def clear(self) -> None:
        self.set_follow_ups([], {}, date.min)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        f = self.record_at(index.row()) if index.isValid() else None
        if f is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return f.text
        if role == Role.SECONDARY:
            return self._sources.get(f.reflection_id, "")
        if role == Role.ASIDE:
            return status_text(f, self._today)
        if role == Role.EMPHASIS:
            return f.is_due(self._today)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            source = self._sources.get(f.reflection_id, "")
            return f"{f.text}. {source}. {status_text(f, self._today)}"
        return None

    def follow_up_at(self, row: int) -> FollowUp | None:
        return self.record_at(row)

    def row_of(self, follow_up_id: uuid.UUID) -> int | None:
        return self.row_where(lambda f: f.id == follow_up_id)


class ChangeDateDialog(QDialog):
    """When to ask again about a follow-up, or not at all."""

    def __init__(self, current: date | None, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Change date")  # never the follow-up's words
        explain = QLabel("When should Reflect ask you again whether this happened?")
        explain.setWordWrap(True)
        self.on_date = QRadioButton("Revisit on")
        self.on_date.setAccessibleName("Revisit on a date")
        self.no_date = QRadioButton("No date: keep it open, without a reminder")
        self.when = QDateEdit()
        self.when.setAccessibleName("Revisit on")
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("d MMMM yyyy")
        self.when.setMinimumDate(QDate(today.year, today.month, today.day))
        suggested = current if current and current > today else today + timedelta(RESCHEDULE_DAYS)
        self.when.setDate(QDate(suggested.year, suggested.month, suggested.day))
        self.on_date.toggled.connect(self.when.setEnabled)
        self.on_date.setChecked(True)
        self.no_date.setChecked(current is None)
        choices = QGridLayout()
        choices.addWidget(self.on_date, 0, 0)
        choices.addWidget(self.when, 0, 1)
        choices.addWidget(self.no_date, 1, 0, 1, 2)
        choices.setColumnStretch(2, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(choices)
        layout.addWidget(buttons)
        self.setMinimumWidth(380)
        (self.no_date if self.no_date.isChecked() else self.when).setFocus()

    def chosen(self) -> date | None:
        if self.no_date.isChecked():
            return None
        value = self.when.date().toPython()
        assert isinstance(value, date)
        return value


class FollowUpsPage(QWidget):
    open_reflection = Signal(object)  # uuid.UUID: where the follow-up came from, or its outcome
    reflect_on = Signal(object)  # a FollowUp: write the "did it happen?" reflection

    def __init__(
        self,
        session: Session,
        parent: QWidget | None = None,
        today: Callable[[], date] = _today,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self._today = today
        self._all: list[FollowUp] = []
        self._user_chose = False  # once the user picks a filter, refreshing keeps it
        self.date_dialog: ChangeDateDialog | None = None
        heading = QLabel("Follow-ups")
        heading.setObjectName("pageHeading")
        intro = QLabel(
            "What you wanted to happen next. When one comes due, write a few lines on "
            "whether it did: that second look is where the learning is."
        )
        intro.setWordWrap(True)
        intro.setObjectName("hint")
        self.filters = QTabBar()
        self.filters.setAccessibleName("Show follow-ups")
        self.filters.setToolTip("Left and Right arrows switch between these")
        self.filters.setDrawBase(False)
        self.filters.setExpanding(False)
        for chosen in Filter:
            self.filters.addTab(chosen.value)
        self.model = FollowUpListModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setItemDelegate(TwoLineDelegate(self.list))
        self.list.setAccessibleName("Follow-ups")
        self.list.setUniformItemSizes(True)
        self.list.activated.connect(self._activate)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setContentsMargins(4, 12, 4, 4)
        self.stack = detail_stack(self.list, self.empty)

        self.reflect_button = self._button(
            "&Reflect on it…", "Write a reflection on whether it happened (Enter)", self._reflect
        )
        self.done_button = self._button(
            "Mark &done", "It happened; no reflection needed", self._closer(FollowUpStatus.DONE)
        )
        self.drop_button = self._button(
            "Dro&p",
            "It no longer matters; you can reopen it later",
            self._closer(FollowUpStatus.DROPPED),
        )
        self.reopen_button = self._button(
            "Re&open", "Put it back among the open follow-ups", self._closer(FollowUpStatus.OPEN)
        )
        self.date_button = self._button(
            "Change d&ate…", "Choose when to be asked again, or no date", self.change_date
        )
        self.open_button = self._button(
            "Ope&n reflection", "The reflection this follow-up came from", self._open_source
        )
        self.outcome_button = self._button(
            "Open &what happened", "The reflection you wrote on how it went", self._open_outcome
        )
        buttons = QHBoxLayout()
        for button in (
            self.reflect_button,
            self.done_button,
            self.drop_button,
            self.reopen_button,
            self.date_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.outcome_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addSpacing(4)
        layout.addWidget(self.filters)
        layout.addWidget(self.stack, 1)
        layout.addLayout(buttons)
        self.filters.currentChanged.connect(self._filter_chosen)
        self.list.selectionModel().currentChanged.connect(self._update_buttons)
        self._show()

    def _button(self, text: str, what: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.setToolTip(keys_hint(text, what))
        button.setAutoDefault(True)  # Enter presses a focused button, as Space does
        button.clicked.connect(slot)
        return button

    # --- what is shown ---------------------------------------------------------------

    @property
    def current_filter(self) -> Filter:
        return list(Filter)[max(self.filters.currentIndex(), 0)]

    def refresh(self) -> None:
        """Reload; unless the user picked a filter, start on Due when any are due."""
        if not self.session.is_unlocked:
            return
        try:
            self._all = self.session.vault.follow_ups.listed()
        except ReflectError as exc:
            QMessageBox.warning(self, "Reflect", str(exc))
            return
        if not self._user_chose:
            today = self._today()
            due = any(f.is_due(today) for f in self._all)
            self._set_filter(Filter.DUE if due else Filter.OPEN)
        self._show()

    def wipe(self) -> None:
        """Forget every follow-up shown (on lock)."""
        if self.date_dialog is not None:
            self.date_dialog.reject()
        self._all = []
        self.model.clear()
        self._user_chose = False
        self._set_filter(Filter.DUE)
        self._show()

    def _set_filter(self, chosen: Filter) -> None:
        self.filters.blockSignals(True)  # a choice made for the user, not by them
        self.filters.setCurrentIndex(list(Filter).index(chosen))
        self.filters.blockSignals(False)

    def _filter_chosen(self, _: int) -> None:
        self._user_chose = True
        self._show()

    def _show(self, keep: uuid.UUID | None = None, row: int = 0) -> None:
        """List the chosen filter's follow-ups; select `keep`, or else the row at `row`."""
        today = self._today()
        for i, chosen in enumerate(Filter):
            count = sum(matches(f, chosen, today) for f in self._all)
            self.filters.setTabText(i, f"{chosen.value} ({count})")
        chosen = self.current_filter
        shown = [f for f in self._all if matches(f, chosen, today)]
        self.model.set_follow_ups(shown, self._sources(shown), today)
        self.empty.setText(EMPTY[chosen])
        self.stack.setCurrentWidget(self.list if shown else self.empty)
        open_view = chosen in (Filter.DUE, Filter.OPEN)
        for button in (self.reflect_button, self.done_button, self.drop_button, self.date_button):
            button.setVisible(open_view)
        self.reopen_button.setVisible(not open_view)
        self.outcome_button.setVisible(chosen is Filter.DONE)
        # Outside a dialog, the default look marks what Enter on a row does.
        self.reflect_button.setDefault(open_view)
        self.open_button.setDefault(not open_view)
        if shown:
            found = self.model.row_of(keep) if keep is not None else None
            self.list.setCurrentIndex(
                self.model.index(min(row, len(shown) - 1) if found is None else found, 0)
            )
        self._update_buttons()

    def _sources(self, shown: list[FollowUp]) -> dict[uuid.UUID, str]:
        found: dict[uuid.UUID, str] = {}
        for f in shown:
            if f.reflection_id not in found:
                reflection = None
                with contextlib.suppress(ReflectError):  # deleted meanwhile: say so
                    reflection = self.session.vault.get(f.reflection_id)
                found[f.reflection_id] = source_text(reflection)
        return found

    def _update_buttons(self, *_: object) -> None:
        f = self.chosen()
        is_open = f is not None and f.status is FollowUpStatus.OPEN
        for button in (self.reflect_button, self.done_button, self.drop_button, self.date_button):
            button.setEnabled(is_open)
        self.reopen_button.setEnabled(f is not None and not is_open)
        self.open_button.setEnabled(f is not None)
        self.outcome_button.setEnabled(f is not None and f.outcome_reflection_id is not None)

    def chosen(self) -> FollowUp | None:
        index = self.list.currentIndex()
        return self.model.follow_up_at(index.row()) if index.isValid() else None

    # --- what the user does ------------------------------------------------------------

    def _activate(self, index: QModelIndex) -> None:
        """Enter on a row: reflect on an open one; read where a closed one came from."""
        f = self.model.follow_up_at(index.row())
        if f is None:
            return
        if f.status is FollowUpStatus.OPEN:
            self.reflect_on.emit(f)
        else:
            self.open_reflection.emit(f.reflection_id)

    def _reflect(self) -> None:
        f = self.chosen()
        if f is not None and f.status is FollowUpStatus.OPEN:
            self.reflect_on.emit(f)

    def _open_source(self) -> None:
        f = self.chosen()
        if f is not None:
            self.open_reflection.emit(f.reflection_id)

    def _open_outcome(self) -> None:
        f = self.chosen()
        if f is not None and f.outcome_reflection_id is not None:
            self.open_reflection.emit(f.outcome_reflection_id)

    def _closer(self, status: FollowUpStatus) -> Callable[[], None]:
        def close() -> None:
            f = self.chosen()
            if f is not None:
                self._change(lambda: self.session.vault.follow_ups.close(f.id, status))

        return close

    def change_date(self) -> None:
        """Open the small date dialog (not modal to the app: `open`, so tests can drive it)."""
        f = self.chosen()
        if f is None or f.status is not FollowUpStatus.OPEN:
            return
        dialog = ChangeDateDialog(f.revisit_on, self._today(), self)
        dialog.accepted.connect(
            lambda: self._change(
                lambda: self.session.vault.follow_ups.reschedule(f.id, dialog.chosen()), f.id
            )
        )
        dialog.finished.connect(self._date_dialog_closed)
        self.date_dialog = dialog
        dialog.open()

    def _date_dialog_closed(self, _: int) -> None:
        if self.date_dialog is not None:
            self.date_dialog.deleteLater()
            self.date_dialog = None

    def _change(self, action: Callable[[], None], keep: uuid.UUID | None = None) -> None:
        """Do one change, then reload: the next row takes the place of one that moved away."""
        row = max(self.list.currentIndex().row(), 0)
        try:
            action()
        except ReflectError as exc:
            QMessageBox.warning(self, "Reflect", str(exc))
        if not self.session.is_unlocked:
            return
        with contextlib.suppress(ReflectError):
            self._all = self.session.vault.follow_ups.listed()
        self._show(keep, row)
        if self.stack.currentWidget() is self.list:
            self.list.setFocus()
