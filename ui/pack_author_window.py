"""Author a prompt pack: an enabler writes, checks, saves and signs a pack for leaders.

A window of its own (not modal), so the enabler can keep it open beside the
journal. The pack is kept as a `PackForm` (ui.pack_author_form), which also
says whether it is ready: shortly after each edit the pack is written as a
file and read back as a leader's Reflect would read it, and the problems are
listed. Files are only ever written whole, when the pack is ready.

The pack's own fields are a pane of their own (ui.pack_fields_pane); dialogs
that wait for a person are in ui.pack_author_asks, so tests can replace them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QMainWindow,
    QPushButton,
    QScrollArea,
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
from ui import pack_author_asks as asks
from ui.pack_author_asks import TITLE, Unsaved
from ui.pack_author_form import (
    Checked,
    PackForm,
    PromptForm,
    check,
    from_pack,
    new_prompt,
    number_days,
    slugify,
)
from ui.pack_fields_pane import PackFieldsPane
from ui.pack_prompt_editor import PromptEditor, PromptPreview
from ui.pack_prompt_list_model import PromptListModel
from ui.session import Session
from ui.two_line_delegate import TwoLineDelegate

CHECK_DELAY_MS = 300  # long enough not to check on every keystroke, short enough to feel live
SHOWN_PROBLEMS = 8  # more than this and the list says how many it left out
MAX_SIGNER = 120  # the format's limit on a signer's name


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
        """The pack's fields above the list of its prompts."""
        self.fields = f = PackFieldsPane()
        f.title_edit.textChanged.connect(self._title_changed)
        f.author_edit.textChanged.connect(self._pack_edited)
        f.id_edit.textEdited.connect(self._id_typed)
        f.id_edit.textChanged.connect(self._pack_edited)
        f.version.valueChanged.connect(self._pack_edited)
        f.description.textChanged.connect(self._pack_edited)
        f.sources.textChanged.connect(self._pack_edited)
        f.schedule.currentIndexChanged.connect(self._schedule_changed)
        f.stop_after.toggled.connect(self._pack_edited)
        f.count.valueChanged.connect(self._pack_edited)
        f.list_order_button.clicked.connect(self._use_list_order)

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
        layout.addWidget(self.fields)
        layout.addSpacing(6)
        layout.addWidget(_heading("Prompts"))
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
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
            self.fields.show_form(form)
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
        self.fields.show_schedule(every, self.form.schedule_order is not None)
        self.model.set_every(every)
        self.editor.show_schedule(every)

    # --- the pack's fields -------------------------------------------------------------------

    def _title_changed(self, title: str) -> None:
        if self._loading:
            return
        if self._id_follows_title:
            self.fields.id_edit.setText(slugify(title))  # _pack_edited stores it
        self._pack_edited()

    def _id_typed(self, text: str) -> None:
        # Typed ids are the enabler's own; clearing the box hands it back to the title.
        self._id_follows_title = not text

    def _pack_edited(self) -> None:
        if self._loading:
            return
        self.fields.write_to(self.form)
        self.fields.enable_count(self.form.every)
        self._changed()

    def _schedule_changed(self, _: int) -> None:
        if self._loading:
            return
        self.form.every = self.fields.every()
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
            self.fields.title_edit.setFocus()

    def open_file(self) -> None:
        path = asks.ask_open_path(self)
        if path is not None:
            self.open_path(path)

    def open_path(self, path: Path) -> bool:
        """Show the pack in `path`; a file that is not a valid pack changes nothing."""
        try:
            with path.open("rb") as handle:
                data = handle.read(MAX_BYTES + 1)  # never more: a pack is at most MAX_BYTES
        except OSError as exc:
            asks.warn(self, f"Cannot open {path.name}: {exc.strerror or exc}.")
            return False
        if len(data) > MAX_BYTES:
            asks.warn(
                self,
                f"{path.name} is larger than a prompt pack may be (1 MB), so it was not opened.",
            )
            return False
        try:
            read = read_pack(data, path.name)
        except PackError as exc:
            asks.warn(self, str(exc))
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
        path = path or asks.ask_save_path(self, self._suggested_name())
        if path is None or not self._write(path, checked.toml):
            return False
        self.statusBar().showMessage(f"Saved {path.name}.", 5000)
        return True

    def sign_and_save(self) -> bool:
        """Sign with the journal's identity (made on first use) and save; then the fingerprint."""
        if not self.session.is_unlocked:
            asks.warn(self, "Unlock your journal to sign: your signing identity is kept inside it.")
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
            asks.warn(self, str(exc))
            return False
        path = self.path or asks.ask_save_path(self, self._suggested_name())
        if path is None or not self._write(path, signed):
            return False
        asks.tell(
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
        name = asks.ask_signer_name(self, self.form.author.strip())
        if name is None:
            return None
        if len(name) > MAX_SIGNER:
            asks.warn(self, f"A signer's name may be at most {MAX_SIGNER} characters.")
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
        asks.warn(self, f"The pack cannot be {done} until these are fixed:\n\n{shown}")
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
            asks.warn(self, f"Cannot write {path.name}: {exc.strerror or exc}. Nothing was saved.")
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
        answer = asks.ask_unsaved(self)
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
