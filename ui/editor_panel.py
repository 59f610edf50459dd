"""The editor: title, when, the ways, a star, lens-bound sections, tags, people, organisations.

A view only: it shows an EditorState and reports edits; saving lives in EditorController.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reflect import timeutil
from reflect.editing import EditorState
from reflect.frameworks import Lens, Way
from reflect.model import Section
from reflect.prompt_library import Prompt
from ui.prompt_card import PromptCard
from ui.way_chip import way_chip

MIN_TEXT_HEIGHT = 160


class SectionEditor(QWidget):
    changed = Signal()

    def __init__(self, section: Section, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lens = QComboBox()
        self.lens.setAccessibleName("Lens for this part")
        self.lens.addItem("No particular lens", None)
        for lens in Lens:
            self.lens.addItem(f"Through the {lens.display_name.lower()}'s eyes", lens.value)
            self.lens.setItemData(self.lens.count() - 1, lens.summary, Qt.ItemDataRole.ToolTipRole)
        self.prompt = QLabel()
        self.prompt.setWordWrap(True)
        self.prompt.setObjectName("prompt")
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("Reflection text")
        self.text.setPlaceholderText("What happened, and what do you make of it?")
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(MIN_TEXT_HEIGHT)
        self.text.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # The part grows with what is written; the editor's page scrolls, not each box.
        self.text.document().documentLayout().documentSizeChanged.connect(self._fit_text)
        self.preview = QTextBrowser()
        self.preview.setAccessibleName("Formatted text")
        self.preview.setOpenLinks(False)  # a journal never fetches anything
        self.pages = QStackedWidget()
        self.pages.addWidget(self.text)
        self.pages.addWidget(self.preview)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.lens)
        layout.addWidget(self.prompt)
        layout.addWidget(self.pages)
        self._fit_text()
        self._prompt_id = section.prompt_id
        self.show_section(section)
        self.lens.currentIndexChanged.connect(self.changed)
        self.text.textChanged.connect(self.changed)

    def show_section(self, section: Section) -> None:
        self.lens.setCurrentIndex(self.lens.findData(section.lens.value if section.lens else None))
        self.prompt.setText(section.prompt or "")
        self.prompt.setVisible(bool(section.prompt))
        self._prompt_id = section.prompt_id
        self.text.setPlainText(section.text)

    def set_prompt(self, text: str, prompt_id: str) -> None:
        self.prompt.setText(text)
        self.prompt.setVisible(True)
        self._prompt_id = prompt_id

    def section(self) -> Section:
        lens = self.lens.currentData()
        return Section(
            self.text.toPlainText(),
            Lens(lens) if lens else None,
            self.prompt.text() or None,
            self._prompt_id,
        )

    def _fit_text(self) -> None:
        lines = self.text.document().documentLayout().documentSize().height()
        frame = 2 * self.text.frameWidth() + 12
        height = max(MIN_TEXT_HEIGHT, int(lines * self.text.fontMetrics().lineSpacing()) + frame)
        # Both faces of the part share the height, so the stack holding them adds no gap.
        for face in (self.text, self.preview, self.pages):
            face.setFixedHeight(height)

    def show_formatted(self, on: bool) -> None:
        """Markdown as it will read (headings, lists, emphasis), or the text to edit."""
        if on:
            self.preview.setMarkdown(self.text.toPlainText())
        else:
            self.preview.clear()
        self.pages.setCurrentWidget(self.preview if on else self.text)

    def wipe(self) -> None:
        """Clear the text and its undo history (on lock)."""
        self.text.document().clear()
        self.text.document().clearUndoRedoStacks()
        self.preview.clear()


class EditorPanel(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        self.title = QLineEdit()
        self.title.setAccessibleName("Title")
        self.title.setPlaceholderText("Title (optional)")
        self.title.setObjectName("title")
        self.star = QToolButton()
        self.star.setCheckable(True)
        self.star.setText("☆")
        self.star.setAccessibleName("Light bulb moment")
        self.star.setToolTip("Mark as a light bulb moment, to find again later")
        self.when = QDateTimeEdit()
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("d MMM yyyy, HH:mm")
        self.when.setAccessibleName("When it happened")
        self.way_buttons: dict[Way, QToolButton] = {}
        ways_row = QHBoxLayout()
        ways_row.setSpacing(6)
        for way in Way:
            button = way_chip(way)
            button.toggled.connect(self._edited)
            self.way_buttons[way] = button
            ways_row.addWidget(button)
        ways_row.addStretch()
        self.sections_box = QVBoxLayout()
        self.section_editors: list[SectionEditor] = []
        self.formatted = QToolButton()
        self.formatted.setText("Show formatted")
        self.formatted.setCheckable(True)
        self.formatted.setAccessibleName("Show the text formatted")
        self.formatted.setToolTip("See the Markdown formatted (Ctrl+Shift+M); click again to edit")
        self.formatted.setShortcut("Ctrl+Shift+M")
        self.formatted.toggled.connect(self.show_formatted)
        self.add_lens = QPushButton("Add a part through another lens")
        self.add_lens.setAccessibleName("Add a part through another lens")
        self.add_lens.clicked.connect(self.add_section)
        self.prompt_card = PromptCard()
        self.tags = QLineEdit()
        self.people = QLineEdit()
        self.organisations = QLineEdit()
        for field, name, hint in (
            (self.tags, "Tags", "board, discharge"),
            (self.people, "People", "names, separated by commas"),
            (self.organisations, "Organisations", "e.g. the council, the trust"),
        ):
            field.setAccessibleName(name)
            field.setPlaceholderText(hint)
            field.textEdited.connect(self._edited)

        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.formatted)
        header.addWidget(self.star)
        # Where this reflection is linked: its meeting, storylines and follow-ups.
        self.links = QLabel()
        self.links.setObjectName("hint")
        self.links.setWordWrap(True)
        self.links.setAccessibleName("Linked to")
        self.links.hide()
        details = QFormLayout()
        details.addRow("When", self.when)
        details.addRow("Ways", ways_row)
        body = QWidget()
        column = QVBoxLayout(body)
        column.addLayout(header)
        column.addWidget(self.links)
        column.addLayout(details)
        column.addLayout(self.sections_box)
        column.addWidget(self.add_lens, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.prompt_card)
        labels = QFormLayout()
        labels.addRow("Tags", self.tags)
        labels.addRow("People", self.people)
        labels.addRow("Organisations", self.organisations)
        column.addLayout(labels)
        column.addStretch()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # tabbing goes to the fields, not the frame
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.title.textEdited.connect(self._edited)
        self.star.toggled.connect(self._star_toggled)
        self.when.dateTimeChanged.connect(self._edited)

    # --- showing and reading ---------------------------------------------------------

    def show_state(self, state: EditorState) -> None:
        self._loading = True
        self.title.setText(state.title)
        self.star.setChecked(state.starred)
        when = state.happened_at or timeutil.now()
        self.when.setDateTime(QDateTime.fromSecsSinceEpoch(int(when.timestamp())))
        for way, button in self.way_buttons.items():
            button.setChecked(way in state.ways)
        for editor in self.section_editors:
            editor.setParent(None)  # out of the focus chain now, not at the next event loop
            editor.deleteLater()
        self.section_editors = []
        for section in state.sections or (Section(""),):
            self._append(section)
        self.formatted.setChecked(False)
        self.tags.setText(state.tags)
        self.people.setText(state.people)
        self.organisations.setText(state.organisations)
        self._loading = False

    def read_into(self, state: EditorState) -> EditorState:
        from dataclasses import replace
        from datetime import UTC, datetime

        moment = datetime.fromtimestamp(self.when.dateTime().toSecsSinceEpoch(), UTC)
        return replace(
            state,
            title=self.title.text(),
            happened_at=moment.astimezone(timeutil.local_zone()),
            sections=tuple(e.section() for e in self.section_editors),
            ways=frozenset(w for w, b in self.way_buttons.items() if b.isChecked()),
            tags=self.tags.text(),
            people=self.people.text(),
            organisations=self.organisations.text(),
            starred=self.star.isChecked(),
        )

    def show_formatted(self, on: bool) -> None:
        for editor in self.section_editors:
            editor.show_formatted(on)

    def add_section(self) -> None:
        used = {e.section().lens for e in self.section_editors}
        lens = next((lens for lens in Lens if lens not in used), None)
        editor = self._append(Section("", lens))
        editor.text.setFocus()
        self._edited()

    def answer_prompt(self, prompt: Prompt) -> None:
        """Put the question over an empty last part, or add a part for it; then write there."""
        lens = prompt.lenses[0] if prompt.lenses else None
        last = self.section_editors[-1] if self.section_editors else None
        if last is not None and not last.section().text.strip() and last.section().prompt is None:
            last.set_prompt(prompt.text, prompt.key)
            if lens is not None and last.section().lens is None:
                last.lens.setCurrentIndex(last.lens.findData(lens.value))
            editor = last
        else:
            editor = self._append(Section("", lens, prompt.text, prompt.key))
        editor.text.setFocus()
        self._edited()

    def current_line(self) -> str:
        """The line the cursor is on, in whichever part has focus (or was last edited)."""
        editors = [e for e in self.section_editors if e.text.hasFocus()] or self.section_editors[:1]
        if not editors:
            return ""
        return editors[0].text.textCursor().block().text()

    def focus_text(self) -> None:
        if self.section_editors:
            self.section_editors[0].text.setFocus()

    def show_links(self, text: str) -> None:
        self.links.setText(text)
        self.links.setVisible(bool(text))

    def wipe(self) -> None:
        """Remove every trace of the text shown, undo history included."""
        self.show_links("")
        self._loading = True
        for widget in (self.title, self.tags, self.people, self.organisations):
            widget.clear()
            widget.setModified(False)
        for editor in self.section_editors:
            editor.wipe()
        self.prompt_card.clear()
        self._loading = False

    def _append(self, section: Section) -> SectionEditor:
        editor = SectionEditor(section)
        editor.changed.connect(self._edited)
        self.section_editors.append(editor)
        self.sections_box.addWidget(editor)
        editor.show()  # at once, not at the next event loop as a layout would
        self._order_tabs()
        return editor

    def _order_tabs(self) -> None:
        """Tab goes down the page as it reads: header, ways, each part, then the labels."""
        chain: list[QWidget] = [self.title, self.formatted, self.star, self.when]
        chain += list(self.way_buttons.values())
        for editor in self.section_editors:
            chain += [editor.lens, editor.text]
        chain += [self.add_lens, *self._card_buttons(), self.tags, self.people, self.organisations]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _card_buttons(self) -> list[QWidget]:
        card = self.prompt_card
        return [card.write, card.next, card.pin, card.hide_button]

    def _star_toggled(self, on: bool) -> None:
        self.star.setText("★" if on else "☆")
        self._edited()

    def _edited(self, *_: object) -> None:
        if not self._loading:
            self.changed.emit()
