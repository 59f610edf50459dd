""" "After a meeting": pick the meeting, answer a few short questions, confirm, done.

Built for the ten minutes after a meeting and for the keyboard: Enter moves on,
Shift+Enter starts a new line, Ctrl+Enter saves from anywhere, Escape closes.
Every step can be skipped. The dialog only collects a Capture; what it becomes
is decided in reflect.meeting_capture and saved by storage.capture.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reflect import timeutil
from reflect.after_meeting import QUESTIONS, Question, follow_up_lines
from reflect.errors import ReflectError
from reflect.frameworks import Lens, Way
from reflect.meeting_capture import Capture, NextStep, default_revisit
from reflect.meetings import Meeting
from reflect.suggest import suggest
from ui.meeting_list_model import MeetingListModel
from ui.two_line_delegate import two_line_list
from ui.way_chip import way_chip

# Meetings offered first: those that started in the last day and a half, or start soon.
RECENT_BEFORE = timedelta(hours=36)
RECENT_AFTER = timedelta(hours=2)


class AnswerBox(QPlainTextEdit):
    """Enter moves to the next question; Shift+Enter is a new line."""

    submitted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain_enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers()
            & (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier)
        )
        if plain_enter:
            self.submitted.emit()
            return
        super().keyPressEvent(event)


class MeetingStep(QWidget):
    submitted = Signal()

    def __init__(self, recent: list[Meeting], chosen: Meeting | None) -> None:
        super().__init__()
        heading = QLabel("Which meeting was it?")
        heading.setObjectName("stepHeading")
        self.model = MeetingListModel(self)
        self.model.set_records(recent)
        self.list = two_line_list(self.model, "Recent meetings")
        self.list.setVisible(bool(recent))
        self.list.activated.connect(lambda _: self.submitted.emit())
        self.typed = QLineEdit()
        self.typed.setAccessibleName("Meeting name")
        self.typed.setPlaceholderText(
            "Or type it: e.g. Discharge huddle with the council"
            if recent
            else "Type it: e.g. Discharge huddle with the council"
        )
        self.typed.returnPressed.connect(self.submitted)
        self.typed.textEdited.connect(lambda _: self.list.clearSelection())
        self.people = QLineEdit()
        self.people.setAccessibleName("Who was there")
        self.people.setPlaceholderText("Who was there? Names, separated by commas (optional)")
        self.people.returnPressed.connect(self.submitted)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        if recent:
            layout.addWidget(QLabel("Recent meetings from your journal and calendar:"))
        layout.addWidget(self.list, 1)
        layout.addWidget(self.typed)
        layout.addWidget(self.people)
        if not recent:
            layout.addStretch(1)
        if chosen is not None:
            self._preselect(chosen)
        elif recent:
            self.list.setCurrentIndex(self.model.index(0, 0))

    def _preselect(self, chosen: Meeting) -> None:
        ids = [m.id for m in self.model.records]
        if chosen.id not in ids:
            self.model.set_records([chosen, *self.model.records])
            self.list.show()
            ids.insert(0, chosen.id)
        self.list.setCurrentIndex(self.model.index(ids.index(chosen.id), 0))

    def focus(self) -> None:
        (
            self.list
            if not self.list.isHidden() and self.list.currentIndex().isValid()
            else self.typed
        ).setFocus()

    def meeting(self, now: datetime) -> Meeting | None:
        """The chosen meeting; a typed one is new, held from an hour ago until now."""
        title = self.typed.text().strip()
        people = [p for p in (x.strip() for x in self.people.text().split(",")) if p]
        if title:
            return Meeting.new(title, now - timedelta(hours=1), ends_at=now, people=people)
        index = self.list.currentIndex()
        if index.isValid() and not self.list.isHidden():
            return self.model.records[index.row()]
        return None


class QuestionStep(QWidget):
    def __init__(self, question: Question) -> None:
        super().__init__()
        self.question = question
        prompt = QLabel(question.prompt)
        prompt.setObjectName("stepHeading")
        prompt.setWordWrap(True)
        self.answer = AnswerBox()
        self.answer.setAccessibleName(question.prompt)
        self.answer.setPlaceholderText(question.hint)
        self.answer.setTabChangesFocus(True)
        self.answer.setMinimumHeight(90)
        self.answer.setMaximumHeight(150)  # a line or two is the point; it scrolls beyond
        hint = QLabel("Enter: next question · Shift+Enter: new line · Ctrl+Enter: save now")
        hint.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addWidget(self.answer)
        layout.addWidget(hint)
        layout.addStretch(1)

    def focus(self) -> None:
        self.answer.setFocus()


class ConfirmStep(QWidget):
    """The suggested ways and lens, ticked already, and the next steps to revisit."""

    def __init__(self, today: date) -> None:
        super().__init__()
        heading = QLabel("Anything to change before saving?")
        heading.setObjectName("stepHeading")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.way_buttons: dict[Way, QToolButton] = {}
        ways_row = QHBoxLayout()
        for way in Way:
            button = way_chip(way)
            self.way_buttons[way] = button
            ways_row.addWidget(button)
        ways_row.addStretch(1)
        self.lens = QComboBox()
        self.lens.setAccessibleName("Lens")
        self.lens.addItem("No particular lens", None)
        for lens in Lens:
            self.lens.addItem(f"The {lens.display_name.lower()}", lens.value)
        self.steps_label = QLabel("Follow up on what you want to happen next:")
        self.steps_box = QVBoxLayout()
        self.step_checks: list[QCheckBox] = []
        self.revisit = QDateEdit()
        self.revisit.setAccessibleName("Revisit on")
        self.revisit.setCalendarPopup(True)
        self.revisit.setDisplayFormat("d MMM yyyy")
        revisit_day = default_revisit(today)
        self.revisit.setDate(QDate(revisit_day.year, revisit_day.month, revisit_day.day))
        revisit_row = QHBoxLayout()
        revisit_row.addWidget(QLabel("Ask me how it went on"))
        revisit_row.addWidget(self.revisit)
        revisit_row.addStretch(1)
        self.revisit_row = QWidget()
        self.revisit_row.setLayout(revisit_row)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel("Ways of systems leadership (Goss) this touched:"))
        layout.addLayout(ways_row)
        lens_row = QHBoxLayout()
        lens_row.addWidget(QLabel("Seen through the eyes of (Fillmore):"))
        lens_row.addWidget(self.lens)
        lens_row.addStretch(1)
        layout.addLayout(lens_row)
        layout.addWidget(self.steps_label)
        layout.addLayout(self.steps_box)
        layout.addWidget(self.revisit_row)
        layout.addStretch(1)

    def offer(self, text: str, answers: dict[str, str]) -> None:
        found = suggest(text, answers)
        for way, button in self.way_buttons.items():
            button.setChecked(way in found.ways)
            reasons = found.reasons.get(way, ())
            button.setToolTip(
                f"Suggested because you wrote: {', '.join(reasons)}" if reasons else way.summary
            )
        self.lens.setCurrentIndex(self.lens.findData(found.lens.value if found.lens else None))
        named = [w.display_name.lower() for w in found.ways]
        self.summary.setText(
            "Reflect suggests the ticked ways and the lens below from what you wrote. "
            "Change them if they are not right."
            if named
            else "Tick the ways this touched, if any, and choose a lens."
        )
        for check in self.step_checks:
            self.steps_box.removeWidget(check)
            check.deleteLater()
        self.step_checks = []
        for line in follow_up_lines(answers):
            check = QCheckBox(line)
            check.setChecked(True)
            check.setAccessibleName(f"Follow up: {line}")
            self.step_checks.append(check)
            self.steps_box.addWidget(check)
        for widget in (self.steps_label, self.revisit_row):
            widget.setVisible(bool(self.step_checks))

    def ways(self) -> frozenset[Way]:
        return frozenset(w for w, b in self.way_buttons.items() if b.isChecked())

    def lens_chosen(self) -> Lens | None:
        value = self.lens.currentData()
        return Lens(value) if value else None

    def next_steps(self) -> tuple[NextStep, ...]:
        revisit = self.revisit.date().toPython()
        assert isinstance(revisit, date)
        return tuple(NextStep(c.text(), revisit) for c in self.step_checks if c.isChecked())

    def focus(self) -> None:
        first = next(iter(self.way_buttons.values()))
        first.setFocus()


class AfterMeetingDialog(QDialog):
    """Emits `captured` with what was written; shows nothing of it anywhere else."""

    captured = Signal(object)  # a reflect.meeting_capture.Capture

    def __init__(
        self,
        recent: list[Meeting],
        chosen: Meeting | None = None,
        parent: QWidget | None = None,
        clock: Callable[[], datetime] = timeutil.now,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("After a meeting")
        self.setAccessibleName("After a meeting")
        self.resize(640, 460)
        self._clock = clock
        self.meeting_step = MeetingStep(recent, chosen)
        self.questions = [QuestionStep(q) for q in QUESTIONS]
        self.confirm = ConfirmStep(clock().date())
        self.pages = QStackedWidget()
        for page in (self.meeting_step, *self.questions, self.confirm):
            self.pages.addWidget(page)
        self.progress = QLabel()
        self.progress.setObjectName("hint")
        self.context = QLabel()
        self.context.setObjectName("hint")
        self.back = QPushButton("Back")
        self.skip = QPushButton("Skip")
        self.skip.setToolTip("Leave this one out")
        self.next = QPushButton("Next")
        self.save = QPushButton("Save reflection")
        self.save.setToolTip("Save now (Ctrl+Enter)")
        for button in (self.back, self.skip, self.next, self.save):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        for button in (self.back, self.skip, self.next, self.save):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.context)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self.back.clicked.connect(lambda: self._go(self.pages.currentIndex() - 1))
        self.skip.clicked.connect(self._skip)
        self.next.clicked.connect(self._advance)
        self.save.clicked.connect(self._finish)
        self.meeting_step.submitted.connect(self._advance)
        for step in self.questions:
            step.answer.submitted.connect(self._advance)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self._finish)
        self._go(0)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._focus_page()

    def _focus_page(self) -> None:
        page = self.pages.currentWidget()
        if isinstance(page, (MeetingStep, QuestionStep, ConfirmStep)):
            page.focus()

    def _go(self, index: int) -> None:
        index = max(0, min(index, self.pages.count() - 1))
        if self.pages.widget(index) is self.confirm:
            self.confirm.offer(self._text(), self._answers())
        self.pages.setCurrentIndex(index)
        last = index == self.pages.count() - 1
        self.back.setEnabled(index > 0)
        self.skip.setVisible(not last)
        self.next.setVisible(not last)
        self.save.setDefault(last)
        meeting = self._meeting_or_none() if index else None
        self.context.setText(f"After: {meeting.title}" if meeting else "")
        self.context.setVisible(meeting is not None)
        if index == 0:
            self.progress.setText("The meeting")
        elif last:
            self.progress.setText("Check and save")
        else:
            self.progress.setText(f"Question {index} of {len(self.questions)}")
        self._focus_page()

    def _advance(self) -> None:
        if self.pages.currentWidget() is self.confirm:
            self._finish()
        else:
            self._go(self.pages.currentIndex() + 1)

    def _skip(self) -> None:
        page = self.pages.currentWidget()
        if isinstance(page, QuestionStep):
            page.answer.clear()
        self._advance()

    def _answers(self) -> dict[str, str]:
        return {s.question.id: s.answer.toPlainText().strip() for s in self.questions}

    def _text(self) -> str:
        return "\n\n".join(a for a in self._answers().values() if a)

    def capture(self) -> Capture:
        if self.pages.currentWidget() is not self.confirm:
            self.confirm.offer(self._text(), self._answers())
        return Capture(
            meeting=self.meeting_step.meeting(self._clock()),
            answers=self._answers(),
            ways=self.confirm.ways(),
            lens=self.confirm.lens_chosen(),
            next_steps=self.confirm.next_steps(),
        )

    def _meeting_or_none(self) -> Meeting | None:
        try:
            return self.meeting_step.meeting(self._clock())
        except ReflectError:
            return None

    def _finish(self) -> None:
        try:
            capture = self.capture()
        except ReflectError as exc:  # e.g. a meeting name far too long
            self.progress.setText(str(exc))
            return
        if capture.is_empty():
            self.progress.setText("Write at least one answer to save a reflection.")
            return
        self.captured.emit(capture)
        self.accept()
