"""The pack author's "The pack" pane: the fields that describe the whole pack.

Title, author, id, version, description, sources and schedule. The pane only
shows a `PackForm` and writes its fields back into one; the window decides
when, and connects to the public widgets to hear of edits.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from prompts.pack_format import MAX_PROMPTS
from reflect.prompt_library import Every
from ui.pack_author_form import PackForm, sources_from_text

SCHEDULES: list[tuple[str, Every | None]] = [
    ("No schedule: offer them when they suit", None),
    ("Every day, in order", Every.DAY),
    *((f"Every {e.value.capitalize()}, in order", e) for e in list(Every)[1:8]),
    ("On days of a programme", Every.PROGRAMME_DAY),
]


class PackFieldsPane(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName("Pack title")
        self.title_edit.setPlaceholderText(
            "What leaders see, e.g. The first month of the programme"
        )
        self.author_edit = QLineEdit()
        self.author_edit.setAccessibleName("Author")
        self.author_edit.setPlaceholderText("Your name")
        self.id_edit = QLineEdit()
        self.id_edit.setAccessibleName("Pack id")
        self.id_edit.setPlaceholderText("Made from the title")
        self.id_edit.setToolTip(
            "A short name: lower-case letters, digits and dashes. A new version of the pack "
            "keeps it."
        )
        self.version = QSpinBox()
        _name_spin_box(self.version, "Version")
        self.version.setRange(1, 1_000_000)
        self.version.setToolTip(
            "Raise it each time you hand out a changed pack: Reflect replaces an older version "
            "and refuses to go backwards."
        )
        self.description = QPlainTextEdit()
        self.description.setAccessibleName("Description")
        self.description.setPlaceholderText("What the pack is for and when to use it (optional)")
        self.description.setTabChangesFocus(True)
        self.description.setMaximumHeight(92)
        self.sources = QPlainTextEdit()
        self.sources.setAccessibleName("Sources, one a line")
        self.sources.setPlaceholderText("Books, papers or people it draws on, one a line")
        self.sources.setTabChangesFocus(True)
        self.sources.setMaximumHeight(80)
        self.schedule = QComboBox()
        self.schedule.setAccessibleName("Schedule")
        for text, every in SCHEDULES:
            self.schedule.addItem(text, every.value if every else "")
        self.stop_after = QCheckBox("Stop after this many prompts:")
        self.stop_after.setAccessibleName("Stop the schedule after a number of prompts")
        self.count = QSpinBox()
        _name_spin_box(self.count, "Number of prompts before the schedule stops")
        self.count.setRange(1, MAX_PROMPTS)
        count_row = QHBoxLayout()
        count_row.setContentsMargins(0, 0, 0, 0)
        count_row.addWidget(self.stop_after)
        count_row.addWidget(self.count)
        count_row.addStretch(1)
        self.order_note = QLabel(
            "This pack's schedule lists its prompts in an order of its own; prompts added "
            "since are not in it."
        )
        self.order_note.setObjectName("hint")
        self.order_note.setWordWrap(True)
        self.list_order_button = QPushButton("Schedule in list order")
        self.list_order_button.setAccessibleName("Schedule the prompts in list order")
        order_row = QHBoxLayout()
        order_row.setContentsMargins(0, 0, 0, 0)
        order_row.addWidget(self.order_note, 1)
        order_row.addWidget(self.list_order_button)
        self.order_box = QWidget()
        self.order_box.setLayout(order_row)

        fields = QFormLayout()
        fields.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        fields.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        fields.addRow("Title", self.title_edit)
        fields.addRow("Author", self.author_edit)
        fields.addRow("Id", self.id_edit)
        version_row = QHBoxLayout()
        version_row.addWidget(self.version)
        version_row.addStretch(1)
        fields.addRow("Version", version_row)
        fields.addRow("Description", self.description)
        fields.addRow("Sources", self.sources)
        fields.addRow("Schedule", self.schedule)
        fields.addRow("", count_row)
        fields.addRow(self.order_box)

        heading = QLabel("The pack")
        heading.setObjectName("sectionHeading")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addLayout(fields)

    def show_form(self, form: PackForm) -> None:
        """Fill the fields from `form` (their signals fire: the window ignores them meanwhile)."""
        self.title_edit.setText(form.title)
        self.author_edit.setText(form.author)
        self.id_edit.setText(form.id)
        self.version.setValue(form.version)
        self.description.setPlainText(form.description)
        self.sources.setPlainText("\n".join(form.sources))
        self.schedule.setCurrentIndex(
            max(self.schedule.findData(form.every.value if form.every else ""), 0)
        )
        self.stop_after.setChecked(form.count is not None)
        self.count.setValue(form.count or max(len(form.prompts), 1))

    def write_to(self, form: PackForm) -> None:
        """Store the fields in `form`, all but the schedule (see `every`), which the window sets."""
        form.title = self.title_edit.text()
        form.author = self.author_edit.text()
        form.id = self.id_edit.text()
        form.version = self.version.value()
        form.description = self.description.toPlainText()
        form.sources = sources_from_text(self.sources.toPlainText())
        form.count = self.count.value() if self.stop_after.isChecked() else None

    def every(self) -> Every | None:
        """The schedule chosen."""
        value = self.schedule.currentData()
        return Every(value) if value else None

    def show_schedule(self, every: Every | None, own_order: bool) -> None:
        """Offer a count only with a schedule, and list order only for an order of its own."""
        self.stop_after.setEnabled(every is not None)
        self.enable_count(every)
        self.order_box.setVisible(every is not None and own_order)

    def enable_count(self, every: Every | None) -> None:
        self.count.setEnabled(every is not None and self.stop_after.isChecked())


def _name_spin_box(spin: QSpinBox, name: str) -> None:
    """Name the spin box and the text box inside it, which a screen reader reaches too."""
    spin.setAccessibleName(name)
    for part in spin.findChildren(QLineEdit):
        part.setAccessibleName(name)
