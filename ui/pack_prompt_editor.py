"""One prompt of a pack being authored: its editor, and a card showing it as a leader will.

Both work on a `PromptForm` from ui.pack_author_form; the editor writes each
change straight into it and says so with `edited`, and the window decides what
follows (the list, the preview, the check).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reflect.frameworks import KolbStage, Lens, Way
from reflect.prompt_library import Every, Moment
from ui.pack_author_form import PackForm, PromptForm, attribution, rename_prompt, tags, toggled
from ui.way_chip import way_chip

NO_STAGE = "—"


def tag_chip(text: str, name: str, tip: str) -> QToolButton:
    """A checkable chip like way_chip, in the palette's own colours (lenses and moments)."""
    button = QToolButton()
    button.setCheckable(True)
    button.setText(text)
    button.setToolTip(tip)
    button.setAccessibleName(name)
    button.setStyleSheet(
        "QToolButton { border: 1px solid palette(placeholder-text); border-radius: 10px;"
        " padding: 2px 10px; }"
        "QToolButton:checked { background: palette(highlight); color: palette(highlighted-text);"
        " border-color: palette(highlight); }"
    )
    return button


def chip_row(chips: list[QToolButton]) -> QHBoxLayout:
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(6)
    for chip in chips:
        row.addWidget(chip)
    row.addStretch(1)
    return row


class PromptEditor(QWidget):
    """Text, id, ways, lenses, stage, moments and day of the chosen prompt."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._form: PackForm | None = None
        self._prompt: PromptForm | None = None
        self._loading = False

        self.text = QPlainTextEdit()
        self.text.setAccessibleName("Question")
        self.text.setPlaceholderText(
            "The question, as the leader will read it. Short, open and concrete reads best."
        )
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(80)
        self.text.setMaximumHeight(120)
        self.id = QLineEdit()
        self.id.setAccessibleName("Prompt id")
        self.id.setToolTip(
            "Lower-case letters, digits and dashes. Keep it when you reword the question, "
            "so what leaders wrote in answer stays linked to it."
        )
        self.way_chips = {way: way_chip(way) for way in Way}
        self.lens_chips = {
            lens: tag_chip(lens.display_name, f"Lens: {lens.display_name}", lens.summary)
            for lens in Lens
        }
        self.stage = QComboBox()
        self.stage.setAccessibleName("Stage of Kolb's learning cycle")
        self.stage.addItem(NO_STAGE, None)
        for stage in KolbStage:
            self.stage.addItem(stage.display_name, stage.value)
            self.stage.setItemData(
                self.stage.count() - 1, stage.summary, Qt.ItemDataRole.ToolTipRole
            )
        self.moment_chips = {
            moment: tag_chip(
                moment.display_name,
                f"Suits: {moment.display_name.lower()}",
                f"Offer it {_moment_phrase(moment)}; with none ticked it suits any moment",
            )
            for moment in Moment
        }
        self.day = QSpinBox()
        self.day.setAccessibleName("Day of the programme")
        for part in self.day.findChildren(QLineEdit):  # a screen reader reaches it too
            part.setAccessibleName("Day of the programme")
        self.day.setRange(0, 366)
        self.day.setPrefix("Day ")
        self.day.setSpecialValueText("Not scheduled")  # 0: the schedule leaves it out
        self.day.setToolTip("The day of the programme on which to offer it; 1 is the first day")

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow("Question", self.text)
        form.addRow("Prompt id", self.id)
        form.addRow("Ways (Goss)", chip_row(list(self.way_chips.values())))
        form.addRow("Lenses (Fillmore)", chip_row(list(self.lens_chips.values())))
        stage_row = QHBoxLayout()
        stage_row.addWidget(self.stage)
        stage_row.addStretch(1)
        form.addRow("Stage (Kolb)", stage_row)
        form.addRow("Suits", chip_row(list(self.moment_chips.values())))
        form.addRow("Programme day", self.day)
        self._form_layout = form

        self.text.textChanged.connect(self._text_changed)
        self.id.textChanged.connect(self._id_changed)
        for way, chip in self.way_chips.items():
            chip.toggled.connect(lambda on, w=way: self._way(w, on))
        for lens, chip in self.lens_chips.items():
            chip.toggled.connect(lambda on, x=lens: self._lens(x, on))
        for moment, chip in self.moment_chips.items():
            chip.toggled.connect(lambda on, m=moment: self._moment(m, on))
        self.stage.currentIndexChanged.connect(self._stage_changed)
        self.day.valueChanged.connect(self._day_changed)
        self.show_prompt(None, None)

    # --- showing -------------------------------------------------------------------

    def show_prompt(self, form: PackForm | None, prompt: PromptForm | None) -> None:
        self._form, self._prompt = form, prompt
        self._loading = True
        try:
            self.text.setPlainText(prompt.text if prompt else "")
            self.id.setText(prompt.id if prompt else "")
            for way, chip in self.way_chips.items():
                chip.setChecked(bool(prompt and way in prompt.ways))
            for lens, chip in self.lens_chips.items():
                chip.setChecked(bool(prompt and lens in prompt.lenses))
            for moment, chip in self.moment_chips.items():
                chip.setChecked(bool(prompt and moment in prompt.moments))
            stage = prompt.stage.value if prompt and prompt.stage else None
            self.stage.setCurrentIndex(max(self.stage.findData(stage), 0))
            self.day.setValue((prompt.day or 0) if prompt else 0)
        finally:
            self._loading = False
        self.setEnabled(prompt is not None)
        self.show_schedule(form.every if form else None)

    def show_schedule(self, every: Every | None) -> None:
        """The day is asked for only when the schedule goes by day of the programme."""
        self._form_layout.setRowVisible(self.day, every is Every.PROGRAMME_DAY)
        if self._prompt is not None:
            self._loading = True
            self.day.setValue(self._prompt.day or 0)
            self._loading = False

    # --- editing -------------------------------------------------------------------

    def _editing(self) -> PromptForm | None:
        return None if self._loading else self._prompt

    def _text_changed(self) -> None:
        if (p := self._editing()) is not None:
            p.text = self.text.toPlainText()
            self.edited.emit()

    def _id_changed(self, text: str) -> None:
        if (p := self._editing()) is not None and self._form is not None:
            rename_prompt(self._form, p, text)
            self.edited.emit()

    def _way(self, way: Way, on: bool) -> None:
        if (p := self._editing()) is not None:
            p.ways = toggled(p.ways, way, on)
            self.edited.emit()

    def _lens(self, lens: Lens, on: bool) -> None:
        if (p := self._editing()) is not None:
            p.lenses = toggled(p.lenses, lens, on)
            self.edited.emit()

    def _moment(self, moment: Moment, on: bool) -> None:
        if (p := self._editing()) is not None:
            p.moments = p.moments | {moment} if on else p.moments - {moment}
            self.edited.emit()

    def _stage_changed(self, _: int) -> None:
        if (p := self._editing()) is not None:
            value = self.stage.currentData()
            p.stage = KolbStage(value) if value else None
            self.edited.emit()

    def _day_changed(self, value: int) -> None:
        if (p := self._editing()) is not None:
            p.day = value or None
            self.edited.emit()


def _moment_phrase(moment: Moment) -> str:
    return {
        Moment.AFTER_MEETING: "after a meeting",
        Moment.BEFORE_MEETING: "before a meeting",
        Moment.WEEKLY: "in a weekly reflection",
        Moment.YEARLY: "in a yearly review",
    }[moment]


class PromptPreview(QFrame):
    """A card: the question large, then who it is from, then its tags, quietly."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("previewCard")
        self.setAccessibleName("Preview of the prompt as a leader will see it")
        # Framed like a card on the page, in the palette's colours (light or dark).
        self.setStyleSheet(
            "QFrame#previewCard { border: 1px solid palette(placeholder-text); border-radius: 10px;"
            " background: palette(base); }"
        )
        self.question = QLabel()
        self.question.setWordWrap(True)
        self.question.setTextFormat(Qt.TextFormat.PlainText)
        big = QFont(self.question.font())
        big.setPointSizeF(big.pointSizeF() * 1.4)
        self.question.setFont(big)
        self.question.setAccessibleName("Question")
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.source.setTextFormat(Qt.TextFormat.PlainText)
        self.source.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.source.setAccessibleName("From")
        self.tags = QLabel()
        self.tags.setWordWrap(True)
        self.tags.setTextFormat(Qt.TextFormat.PlainText)
        self.tags.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        small = QFont(self.tags.font())
        small.setPointSizeF(small.pointSizeF() * 0.9)
        self.tags.setFont(small)
        self.tags.setAccessibleName("Tags")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.setSpacing(6)
        layout.addWidget(self.question)
        layout.addWidget(self.source)
        layout.addWidget(self.tags)

    def show_prompt(self, form: PackForm, prompt: PromptForm | None) -> None:
        if prompt is None:
            self.question.setText("Add a prompt to see it here as a leader will.")
            self.question.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            self.source.setText(attribution(form))
            self.tags.clear()
            self.tags.hide()
            return
        text = prompt.text.strip()
        self.question.setForegroundRole(
            QPalette.ColorRole.WindowText if text else QPalette.ColorRole.PlaceholderText
        )
        self.question.setText(text or "The question you write appears here.")
        self.source.setText(attribution(form))
        shown = tags(prompt, form.every)
        self.tags.setText(shown)
        self.tags.setVisible(bool(shown))
