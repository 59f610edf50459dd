"""Author a prompt pack: an enabler writes, checks, saves and signs a pack for leaders.

A window of its own (not modal), so the enabler can keep it open beside the
journal. The pack is kept as a `PackForm` (ui.pack_author_form), which also
says whether it is ready: shortly after each edit the pack is written as a
file and read back as a leader's Reflect would read it, and the problems are
listed. Files are only ever written whole, when the pack is ready.

Dialogs that wait for a person are module-level functions, so tests can
replace them.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from prompts.pack_errors import PackError
from prompts.pack_format import MAX_BYTES, MAX_PROMPTS, read_pack
from prompts.signing import SigningIdentity, sign_pack
from reflect.errors import ReflectError
from reflect.prompt_library import Every
from storage.atomic import write_atomically
from ui.pack_author_form import (
    Checked,
    PackForm,
    PromptForm,
    check,
    from_pack,
    list_label,
    new_prompt,
    number_days,
    slugify,
    sources_from_text,
)
from ui.pack_prompt_editor import PromptEditor, PromptPreview
from ui.record_list_model import ModelIndex, RecordListModel
from ui.session import Session
from ui.two_line_delegate import Role, TwoLineDelegate

TITLE = "Author a prompt pack"
CHECK_DELAY_MS = 300  # long enough not to check on every keystroke, short enough to feel live
FILE_FILTER = "Prompt packs (*.toml)"
SHOWN_PROBLEMS = 8  # more than this and the list says how many it left out
MAX_SIGNER = 120  # the format's limit on a signer's name

SCHEDULES: list[tuple[str, Every | None]] = [
    ("No schedule: offer them when they suit", None),
    ("Every day, in order", Every.DAY),
    *((f"Every {e.value.capitalize()}, in order", e) for e in list(Every)[1:8]),
    ("On days of a programme", Every.PROGRAMME_DAY),
]


class Unsaved(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


# --- dialogs that wait for a person (tests replace these) ------------------------------


def ask_open_path(parent: QWidget) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "Open a prompt pack", "", FILE_FILTER)
    return Path(name) if name else None


def ask_save_path(parent: QWidget, suggested: str = "pack.toml") -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, "Save the prompt pack", suggested, FILE_FILTER)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".toml" else path.with_name(f"{path.name}.toml")


def ask_signer_name(parent: QWidget, suggested: str) -> str | None:
    name, ok = QInputDialog.getText(
        parent,
        "Your signing identity",
        "You have no signing identity yet. Reflect will make one and keep its private key "
        "inside your encrypted journal.\n\nThe name leaders know you by:",
        QLineEdit.EchoMode.Normal,
        suggested,
    )
    return name.strip() if ok and name.strip() else None


def ask_unsaved(parent: QWidget) -> Unsaved:
    answer = QMessageBox.question(
        parent,
        TITLE,
        "This pack has changes that are not saved. Save them?",
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Save,
    )
    if answer == QMessageBox.StandardButton.Save:
        return Unsaved.SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return Unsaved.DISCARD
    return Unsaved.CANCEL


def tell(parent: QWidget, text: str) -> None:
    QMessageBox.information(parent, TITLE, text)


def warn(parent: QWidget, text: str) -> None:
    QMessageBox.warning(parent, TITLE, text)


# --- the list of prompts ------------------------------------------------------------------


class PromptListModel(RecordListModel[PromptForm]):
    """The pack's prompts, in order; its records *are* the form's list, so edits are shared."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.every: Every | None = None

    def show(self, prompts: list[PromptForm], every: Every | None) -> None:
        self.beginResetModel()
        self.records = prompts
        self.every = every
        self.endResetModel()

    def set_every(self, every: Every | None) -> None:
        self.every = every
        self._all_changed()

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        p = self.record_at(index.row()) if index.isValid() else None
        if p is None:
            return None
        by_day = self.every is Every.PROGRAMME_DAY
        day = (f"Day {p.day}" if p.day else "No day") if by_day else ""
        if role == Qt.ItemDataRole.DisplayRole:
            return list_label(p)
        if role == Role.SECONDARY:
            return p.id
        if role == Role.ASIDE:
            return day
        if role == Qt.ItemDataRole.ToolTipRole:
            return p.text.strip() or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return ", ".join(x for x in (list_label(p), f"id {p.id}", day) if x)
        return None

    def insert(self, row: int, prompt: PromptForm) -> None:
        self.beginInsertRows(QModelIndex(), row, row)
        self.records.insert(row, prompt)
        self.endInsertRows()

    def remove(self, row: int) -> None:
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.records[row]
        self.endRemoveRows()

    def move(self, row: int, to: int) -> None:
        """Move one row to `to` (a neighbour); Qt counts the destination before the move."""
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), to + 1 if to > row else to)
        self.records.insert(to, self.records.pop(row))
        self.endMoveRows()

    def changed(self, row: int) -> None:
        index = self.index(row, 0)
        self.dataChanged.emit(index, index)

    def _all_changed(self) -> None:
        if self.records:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.records) - 1, 0))


# --- the window ---------------------------------------------------------------------------


class PackAuthorWindow(QMainWindow):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.path: Path | None = None
        self.form = PackForm()
        self.saved = self.form.copy()
        self.checked: Checked = check(self.form)
        self._loading = False
        self._id_follows_title = True  # until the enabler types an id of their own
        self.setAccessibleName(TITLE)
        self.resize(1200, 760)

        self.check_timer = QTimer(self)
        self.check_timer.setSingleShot(True)
        self.check_timer.setInterval(CHECK_DELAY_MS)
        self.check_timer.timeout.connect(self.check_now)

        self._build_actions()
        left = self._build_pack_pane()
        right = self._build_prompt_pane()
        panes = QSplitter()
        panes.addWidget(left)
        panes.addWidget(right)
        panes.setStretchFactor(0, 0)
        panes.setStretchFactor(1, 1)
        panes.setSizes([430, 770])
        panes.setChildrenCollapsible(False)
        self.setCentralWidget(panes)
        self._load(PackForm(), None)

    # --- building ------------------------------------------------------------------

    def _build_actions(self) -> None:
        def action(
            text: str, keys: QKeySequence | str, tip: str, slot: Callable[[], object]
        ) -> QAction:
            act = QAction(text, self)
            act.setShortcut(QKeySequence(keys))
            shortcut = act.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            act.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
            act.triggered.connect(lambda _=False: slot())
            return act

        self.new_action = action("&New", "Ctrl+N", "Start a new pack", self.new)
        self.open_action = action("&Open…", "Ctrl+O", "Open a pack file", self.open_file)
        self.save_action = action("&Save", "Ctrl+S", "Save the pack", self.save)
        self.save_as_action = action(
            "Save &As…", "", "Save the pack under a new name", self.save_as
        )
        self.sign_action = action(
            "S&ign and save…",
            "Ctrl+Shift+S",
            "Sign the pack with your signing identity, so leaders know it is from you, and save it",
            self.sign_and_save,
        )
        self.close_action = action("&Close", "Ctrl+W", "Close this window", self.close)
        self.add_action = action(
            "&Add prompt", "Ctrl+Shift+A", "Add a prompt after the chosen one", self.add_prompt
        )
        self.remove_action = action(
            "&Remove prompt", "Delete", "Remove the chosen prompt", self.remove_prompt
        )
        self.up_action = action(
            "Move &up", "Ctrl+Shift+Up", "Move the chosen prompt up", lambda: self.move_prompt(-1)
        )
        self.down_action = action(
            "Move &down",
            "Ctrl+Shift+Down",
            "Move the chosen prompt down",
            lambda: self.move_prompt(1),
        )
        file_menu = self.menuBar().addMenu("&File")
        for act in (self.new_action, self.open_action):
            file_menu.addAction(act)
        file_menu.addSeparator()
        for act in (self.save_action, self.save_as_action, self.sign_action):
            file_menu.addAction(act)
        file_menu.addSeparator()
        file_menu.addAction(self.close_action)
        prompt_menu = self.menuBar().addMenu("&Prompt")
        for act in (self.add_action, self.remove_action, self.up_action, self.down_action):
            prompt_menu.addAction(act)
        toolbar = self.addToolBar("Pack")
        toolbar.setObjectName("packAuthorToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for act in (self.new_action, self.open_action, self.save_action, self.sign_action):
            toolbar.addAction(act)

    def _build_pack_pane(self) -> QWidget:
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
        self.list_order_button.clicked.connect(self._use_list_order)
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

        self.model = PromptListModel(self)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setItemDelegate(TwoLineDelegate(self.list))
        self.list.setAccessibleName("Prompts")
        self.list.setUniformItemSizes(True)
        self.list.setToolTip("Delete removes a prompt; Ctrl+Shift+Up and Down move it")
        # Delete and moving belong to the list: in a text box those keys edit the text.
        for act in (self.remove_action, self.up_action, self.down_action):
            act.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.list.addAction(act)
        self.list.selectionModel().currentChanged.connect(self._chosen)
        self.add_button = self._button(self.add_action, "Add")
        self.remove_button = self._button(self.remove_action, "Remove")
        self.up_button = self._button(self.up_action, "Up")
        self.down_button = self._button(self.down_action, "Down")
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)

        pane = QWidget()
        layout = QVBoxLayout(pane)
        layout.setContentsMargins(14, 10, 8, 10)
        layout.addWidget(_heading("The pack"))
        layout.addLayout(fields)
        layout.addSpacing(6)
        layout.addWidget(_heading("Prompts"))
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

        self.title_edit.textChanged.connect(self._title_changed)
        self.author_edit.textChanged.connect(self._pack_edited)
        self.id_edit.textEdited.connect(self._id_typed)
        self.id_edit.textChanged.connect(self._pack_edited)
        self.version.valueChanged.connect(self._pack_edited)
        self.description.textChanged.connect(self._pack_edited)
        self.sources.textChanged.connect(self._pack_edited)
        self.schedule.currentIndexChanged.connect(self._schedule_changed)
        self.stop_after.toggled.connect(self._pack_edited)
        self.count.valueChanged.connect(self._pack_edited)
        return pane

    def _button(self, act: QAction, text: str) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(act.text().replace("&", ""))
        button.setToolTip(act.toolTip())
        button.setAutoDefault(True)  # Enter presses a focused button, as Space does
        button.clicked.connect(act.trigger)
        act.enabledChanged.connect(button.setEnabled)
        return button

    def _build_prompt_pane(self) -> QWidget:
        self.editor = PromptEditor()
        self.editor.edited.connect(self._prompt_edited)
        no_prompts = QLabel(
            "No prompts yet. Add one with Add (Ctrl+Shift+A): each prompt is one question "
            "for the leader."
        )
        no_prompts.setWordWrap(True)
        no_prompts.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.editor_stack = QStackedWidget()
        self.editor_stack.addWidget(self.editor)
        self.editor_stack.addWidget(no_prompts)
        self.no_prompts = no_prompts
        self.preview = PromptPreview()
        self.problems = QLabel()
        self.problems.setAccessibleName("Problems")
        self.problems.setWordWrap(True)
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems.setAlignment(Qt.AlignmentFlag.AlignTop)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.addWidget(_heading("The chosen prompt"))
        layout.addWidget(self.editor_stack)
        layout.addSpacing(8)
        layout.addWidget(_heading("As a leader will see it"))
        layout.addWidget(self.preview)
        layout.addSpacing(8)
        layout.addWidget(_heading("Check"))
        layout.addWidget(self.problems)
        layout.addStretch(1)
        scroll = QScrollArea()  # a small screen scrolls rather than squashing the editor
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        return scroll

    # --- the state shown ---------------------------------------------------------------

    @property
    def is_changed(self) -> bool:
        return self.form != self.saved

    def _load(self, form: PackForm, path: Path | None) -> None:
        """Show `form` as the whole pack, saved as `path` (None: never saved)."""
        self._loading = True
        try:
            self.form = form
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
            self.model.show(form.prompts, form.every)
        finally:
            self._loading = False
        self._id_follows_title = form.id == slugify(form.title)
        self.path = path
        self.saved = form.copy()
        self._show_schedule()
        self._choose(0)
        self._changed()
        self.check_now()

    def _changed(self) -> None:
        """After any edit: title, preview and buttons now; the check once typing pauses."""
        changed = "*" if self.is_changed else ""
        self.setWindowTitle(f"{self._file_name()}{changed} – {TITLE}")
        prompt = self.current_prompt()
        self.preview.show_prompt(self.form, prompt)
        row = self.current_row()
        count = len(self.form.prompts)
        self.remove_action.setEnabled(row is not None)
        self.up_action.setEnabled(row is not None and row > 0)
        self.down_action.setEnabled(row is not None and row < count - 1)
        self.add_action.setEnabled(count < MAX_PROMPTS)
        self.editor_stack.setCurrentWidget(self.editor if count else self.no_prompts)
        self.check_timer.start()

    def check_now(self) -> Checked:
        """Write the pack and read it back now; show "Ready to save" or what is wrong."""
        self.check_timer.stop()
        self.checked = check(self.form, self._file_name())
        problems = self.checked.problems
        if not problems:
            text = f"✓ {self.checked.summary()}"
        else:
            noun = "problem" if len(problems) == 1 else "problems"
            lines = [f"• {p}" for p in problems[:SHOWN_PROBLEMS]]
            if len(problems) > SHOWN_PROBLEMS:
                lines.append(f"…and {len(problems) - SHOWN_PROBLEMS} more")
            text = f"{len(problems)} {noun} to fix before saving:\n" + "\n".join(lines)
        self.problems.setText(text)
        self.problems.setObjectName("" if self.checked.ready else "error")
        self.problems.style().unpolish(self.problems)  # the colour follows the object name
        self.problems.style().polish(self.problems)
        return self.checked

    def _file_name(self) -> str:
        return self.path.name if self.path else "Untitled pack"

    def _show_schedule(self) -> None:
        every = self.form.every
        self.stop_after.setEnabled(every is not None)
        self.count.setEnabled(every is not None and self.stop_after.isChecked())
        self.order_box.setVisible(every is not None and self.form.schedule_order is not None)
        self.model.set_every(every)
        self.editor.show_schedule(every)

    # --- the pack's fields -------------------------------------------------------------------

    def _title_changed(self, title: str) -> None:
        if self._loading:
            return
        if self._id_follows_title:
            self.id_edit.setText(slugify(title))  # _pack_edited stores it
        self._pack_edited()

    def _id_typed(self, text: str) -> None:
        # Typed ids are the enabler's own; clearing the box hands it back to the title.
        self._id_follows_title = not text

    def _pack_edited(self) -> None:
        if self._loading:
            return
        f = self.form
        f.title = self.title_edit.text()
        f.author = self.author_edit.text()
        f.id = self.id_edit.text()
        f.version = self.version.value()
        f.description = self.description.toPlainText()
        f.sources = sources_from_text(self.sources.toPlainText())
        f.count = self.count.value() if self.stop_after.isChecked() else None
        self.count.setEnabled(f.every is not None and self.stop_after.isChecked())
        self._changed()

    def _schedule_changed(self, _: int) -> None:
        if self._loading:
            return
        value = self.schedule.currentData()
        self.form.every = Every(value) if value else None
        if self.form.every is Every.PROGRAMME_DAY:
            number_days(self.form)
        self._show_schedule()
        self._pack_edited()

    def _use_list_order(self) -> None:
        self.form.schedule_order = None
        self._show_schedule()
        self._changed()

    # --- the prompts ---------------------------------------------------------------------

    def current_row(self) -> int | None:
        index = self.list.currentIndex()
        return index.row() if index.isValid() else None

    def current_prompt(self) -> PromptForm | None:
        row = self.current_row()
        return self.model.record_at(row) if row is not None else None

    def _choose(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(row, 0))
        else:
            self._show_prompt()

    def _chosen(self, current: QModelIndex | QPersistentModelIndex, _: object) -> None:
        self._show_prompt()

    def _show_prompt(self) -> None:
        self.editor.show_prompt(self.form, self.current_prompt())
        self._changed()

    def _prompt_edited(self) -> None:
        row = self.current_row()
        if row is not None:
            self.model.changed(row)
        self._changed()

    def add_prompt(self) -> None:
        if len(self.form.prompts) >= MAX_PROMPTS:
            return
        row = self.current_row()
        at = len(self.form.prompts) if row is None else row + 1
        self.model.insert(at, new_prompt(self.form))
        self._choose(at)
        self.editor.text.setFocus()

    def remove_prompt(self) -> None:
        row = self.current_row()
        if row is None:
            return
        self.model.remove(row)
        self._choose(min(row, len(self.form.prompts) - 1))
        self._changed()

    def move_prompt(self, step: int) -> None:
        row = self.current_row()
        if row is None or not 0 <= row + step < len(self.form.prompts):
            return
        self.model.move(row, row + step)
        self._choose(row + step)
        self._changed()

    # --- files ------------------------------------------------------------------------

    def new(self) -> None:
        if self._may_discard():
            self._load(PackForm(), None)
            self.title_edit.setFocus()

    def open_file(self) -> None:
        path = ask_open_path(self)
        if path is not None:
            self.open_path(path)

    def open_path(self, path: Path) -> bool:
        """Show the pack in `path`; a file that is not a valid pack changes nothing."""
        try:
            with path.open("rb") as handle:
                data = handle.read(MAX_BYTES + 1)  # never more: a pack is at most MAX_BYTES
        except OSError as exc:
            warn(self, f"Cannot open {path.name}: {exc.strerror or exc}.")
            return False
        if len(data) > MAX_BYTES:
            warn(
                self,
                f"{path.name} is larger than a prompt pack may be (1 MB), so it was not opened.",
            )
            return False
        try:
            read = read_pack(data, path.name)
        except PackError as exc:
            warn(self, str(exc))
            return False
        if not self._may_discard():
            return False
        self._load(from_pack(read.pack), path)
        if read.signature is not None:
            self.statusBar().showMessage(
                f"Signed by {read.signature.signer}. Save writes it unsigned; "
                "Sign and save signs it again.",
                10_000,
            )
        return True

    def save(self) -> bool:
        return self._save_to(self.path)

    def save_as(self) -> bool:
        return self._save_to(None)

    def _save_to(self, path: Path | None) -> bool:
        checked = self._ready_or_refuse("saved")
        if checked is None:
            return False
        path = path or ask_save_path(self, self._suggested_name())
        if path is None or not self._write(path, checked.toml):
            return False
        self.statusBar().showMessage(f"Saved {path.name}.", 5000)
        return True

    def sign_and_save(self) -> bool:
        """Sign with the journal's identity (made on first use) and save; then the fingerprint."""
        if not self.session.is_unlocked:
            warn(self, "Unlock your journal to sign: your signing identity is kept inside it.")
            return False
        checked = self._ready_or_refuse("signed")
        if checked is None:
            return False
        try:
            identity = self._identity()
            if identity is None:
                return False
            signed = sign_pack(checked.toml.encode("utf-8"), identity, self._file_name())
        except ReflectError as exc:  # PackError included: never hand out a pack that fails
            warn(self, str(exc))
            return False
        path = self.path or ask_save_path(self, self._suggested_name())
        if path is None or not self._write(path, signed):
            return False
        tell(
            self,
            f"Signed {path.name} as {identity.name} and saved it.\n\n"
            f"Fingerprint: {identity.fingerprint}\n\n"
            "Tell leaders this fingerprint yourself, in person or by phone, not with the pack. "
            "When they import it, Reflect shows them the fingerprint to compare, so they know "
            "it came from you and was not changed on the way.",
        )
        return True

    def _identity(self) -> SigningIdentity | None:
        """The journal's signing identity; the first time, made under a name the enabler gives."""
        store = self.session.vault.prompt_packs
        stored = store.identity()
        if stored is not None:
            return SigningIdentity(stored.name, stored.private_key)
        name = ask_signer_name(self, self.form.author.strip())
        if name is None:
            return None
        if len(name) > MAX_SIGNER:
            warn(self, f"A signer's name may be at most {MAX_SIGNER} characters.")
            return None
        identity = SigningIdentity.create(name)
        store.save_identity(identity.name, identity.private_key)
        self.statusBar().showMessage(
            f"Made your signing identity as {identity.name}; its private key stays in your "
            "journal.",
            10_000,
        )
        return identity

    def _ready_or_refuse(self, done: str) -> Checked | None:
        checked = self.check_now()
        if checked.ready:
            return checked
        shown = "\n".join(f"• {p}" for p in checked.problems[:SHOWN_PROBLEMS])
        more = len(checked.problems) - SHOWN_PROBLEMS
        if more > 0:
            shown += f"\n…and {more} more"
        warn(self, f"The pack cannot be {done} until these are fixed:\n\n{shown}")
        return None

    def _suggested_name(self) -> str:
        """The pack's id as a file name, in the folder it was last saved in."""
        name = f"{slugify(self.form.id) or 'pack'}.toml"
        return str(self.path.with_name(name)) if self.path else name

    def _write(self, path: Path, text: str) -> bool:
        """Replace `path` whole (readable by others: a pack is for handing out)."""
        try:
            write_atomically(path, text.encode("utf-8"), mode=0o644)
        except OSError as exc:
            warn(self, f"Cannot write {path.name}: {exc.strerror or exc}. Nothing was saved.")
            return False
        self.path = path
        self.saved = self.form.copy()
        self._changed()
        return True

    # --- closing --------------------------------------------------------------------------

    def _may_discard(self) -> bool:
        """Whether the pack shown may be replaced: saved, or the enabler says so."""
        if not self.is_changed:
            return True
        answer = ask_unsaved(self)
        if answer is Unsaved.SAVE:
            return self.save()
        if answer is Unsaved.DISCARD:
            self.saved = self.form.copy()  # asked once: a second close does not ask again
            return True
        return False

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._may_discard():
            self.check_timer.stop()
            event.accept()
        else:
            event.ignore()


def _name_spin_box(spin: QSpinBox, name: str) -> None:
    """Name the spin box and the text box inside it, which a screen reader reaches too."""
    spin.setAccessibleName(name)
    for part in spin.findChildren(QLineEdit):
        part.setAccessibleName(name)


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionHeading")
    return label


def open_pack_author(session: Session, parent: QWidget | None = None) -> PackAuthorWindow:
    """Open a new authoring window beside the app; it is deleted when closed."""
    window = PackAuthorWindow(session, parent)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.show()
    window.activateWindow()
    return window
