"""The prompt library's Packs tab: every pack, whether it is offered, and what is in it.

Ticking a pack, pinning or setting aside a prompt, removing a pack and
restarting a schedule are each one call to the journal's `prompt_packs`;
the tab then reads back what was stored.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QModelIndex, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from prompts.library import LibraryPack, Origin, library
from reflect.errors import ReflectError
from reflect.prompt_library import Prompt
from ui import prompt_library_asks as asks
from ui.follow_ups_page import keys_hint
from ui.master_detail import detail_stack, list_and_detail, list_column
from ui.pack_import import import_pack_file
from ui.pack_texts import long_date, schedule_progress
from ui.prompt_library_delegates import PackDelegate, PromptDelegate
from ui.prompt_library_models import PackListModel, PromptListModel
from ui.session import Session

TITLE = "Prompt library"
ABOUT_MAX_HEIGHT = 150  # a long description scrolls rather than squeezing the prompts
PIN_HINT = "Pinned prompts are offered first, when they suit the moment."
BUILTIN_NOTE = (
    "Part of Reflect's own library. It cannot be removed, but you can turn it off: untick "
    "“Offer prompts from this pack”."
)


def button(text: str, what: str, slot: Callable[[], None]) -> QPushButton:
    made = QPushButton(text)
    made.setAccessibleName(text.replace("&", "").rstrip("…"))
    made.setToolTip(keys_hint(text, what))
    made.setAutoDefault(True)  # Enter presses a focused button, as Space does
    made.clicked.connect(slot)
    return made


def label(text: str = "", name: str = "") -> QLabel:
    made = QLabel(text)
    made.setWordWrap(True)
    made.setTextFormat(Qt.TextFormat.PlainText)  # pack text is the author's, never markup
    if name:
        made.setObjectName(name)
    return made


def origin_detail(lp: LibraryPack) -> str:
    signer = lp.pack.signer
    imported = f"; imported {long_date(lp.imported_at.date())}" if lp.imported_at else ""
    if lp.origin is Origin.SIGNED and signer is not None:
        return f"Signed by {signer.name}, fingerprint {lp.fingerprint}{imported}"
    if lp.origin is Origin.UNSIGNED:
        return f"Unsigned: nothing shows who wrote it or whether it was changed{imported}"
    return BUILTIN_NOTE


def about_html(lp: LibraryPack) -> str:
    """The description and sources, escaped: a pack's words are never taken as markup."""
    parts = [f"<p>{html.escape(lp.pack.description.strip())}</p>"] if lp.pack.description else []
    if lp.pack.sources:
        items = "".join(f"<li>{html.escape(s)}</li>" for s in lp.pack.sources)
        parts.append(
            f"<p style='margin-bottom:0'><b>Sources</b></p><ul style='margin-top:2px'>{items}</ul>"
        )
    return "".join(parts)


class FittedBrowser(QTextBrowser):
    """Read-only text as tall as it needs, up to a limit; beyond that it scrolls."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self._limit = limit
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.viewport().setAutoFillBackground(False)  # reads as part of the page, not a box
        self.document().setDocumentMargin(0)  # lines up with the labels above and below
        self.setOpenLinks(False)
        self.setTabChangesFocus(True)

    def set_html(self, text: str) -> None:
        self.setHtml(text)
        self.setVisible(bool(text))
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        self.document().setTextWidth(self.viewport().width())
        wanted = int(self.document().size().height()) + 2 * self.frameWidth() + 2
        height = min(wanted, self._limit)
        if height != self.height():
            self.setFixedHeight(height)


class PacksTab(QWidget):
    changed = Signal()  # packs or enablers changed: the other tabs re-read too

    def __init__(
        self, session: Session, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.today = today
        self.model = PackListModel(self)
        self.model.chosen_changed.connect(self._store_chosen)
        self.list = QListView()
        self.list.setModel(self.model)
        self.list.setItemDelegate(PackDelegate(self.list))
        self.list.setUniformItemSizes(True)
        self.list.setAccessibleName("Prompt packs")
        self.list.setAccessibleDescription(
            "Ticked packs have their prompts offered. Space ticks or unticks the chosen pack."
        )
        self.import_button = button(
            "&Import a pack…", "Add a prompt pack file (.toml) to your library", self.import_pack
        )
        self.remove_button = button(
            "&Remove…", "Remove the chosen pack; what you wrote stays", self.remove
        )
        left_buttons = QHBoxLayout()
        left_buttons.addWidget(self.import_button)
        left_buttons.addWidget(self.remove_button)
        left_buttons.addStretch(1)
        panes = list_and_detail(list_column(self.list, left_buttons), self._details(), 400, 580)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(panes)
        self.list.selectionModel().currentChanged.connect(self._pack_chosen)
        self.prompt_list.selectionModel().currentChanged.connect(
            lambda *_: self._show_prompt_buttons()
        )
        self._show_pack(None)

    def _details(self) -> QWidget:
        self.title = label(name="stepHeading")
        self.byline = label()
        self.origin = label(name="hint")
        self.about = FittedBrowser(ABOUT_MAX_HEIGHT)
        self.about.setAccessibleName("About this pack")
        self.offer = QCheckBox("O&ffer prompts from this pack")
        self.offer.setAccessibleName("Offer prompts from this pack")
        self.offer.setToolTip(keys_hint(self.offer.text(), "Untick to stop offering them"))
        self.offer.toggled.connect(self._offer_toggled)
        self.schedule = label()
        self.restart_button = button(
            "Start the sc&hedule again",
            "Offer the scheduled questions again from the first, counting from today",
            self.restart,
        )
        schedule_row = QHBoxLayout()
        schedule_row.addWidget(self.schedule, 1)
        schedule_row.addWidget(self.restart_button, 0, Qt.AlignmentFlag.AlignTop)
        self.prompts_heading = label(name="sectionHeading")
        self.prompt_model = PromptListModel(self)
        self.prompt_list = QListView()
        self.prompt_list.setModel(self.prompt_model)
        self.prompt_list.setItemDelegate(PromptDelegate(self.prompt_list))
        self.prompt_list.setUniformItemSizes(True)
        self.prompt_list.setAccessibleName("Prompts in this pack")
        self.pin_button = button("Pi&n", "Offer this prompt first when it suits", self.pin)
        self.hide_button = button(
            "&Don't offer again",
            "Never offer this prompt; you can undo this here",
            self.hide_prompt,
        )
        self.unhide_button = button(
            "&Offer again", "Offer this prompt again when it suits", self.unhide_prompt
        )
        prompt_buttons = QHBoxLayout()
        for b in (self.pin_button, self.hide_button, self.unhide_button):
            prompt_buttons.addWidget(b)
        prompt_buttons.addStretch(1)
        pin_hint = label(PIN_HINT, "hint")

        detail = QWidget()
        column = QVBoxLayout(detail)
        column.setContentsMargins(10, 0, 0, 0)
        column.setSpacing(6)
        for widget in (self.title, self.byline, self.origin):
            column.addWidget(widget)
        column.addSpacing(4)
        column.addWidget(self.about)
        column.addWidget(self.offer)
        column.addLayout(schedule_row)
        column.addWidget(self.prompts_heading)
        column.addWidget(self.prompt_list, 1)
        column.addLayout(prompt_buttons)
        column.addWidget(pin_hint)
        self.detail = detail
        self.nothing = label("Choose a pack to see its prompts.")
        self.nothing.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.right = detail_stack(detail, self.nothing)
        return self.right

    # --- what is shown -------------------------------------------------------------------

    def refresh(self, keep: str | None = None) -> None:
        """Re-read the library, keeping the chosen pack (or `keep`) and prompt chosen."""
        if not self.session.is_unlocked:
            return
        current = self.chosen()
        keep = keep or (current.pack.id if current else None)
        prompt_row = self.prompt_list.currentIndex().row()
        try:
            packs = library(self.session.vault.prompt_packs)
        except ReflectError as exc:
            asks.warn(self, TITLE, str(exc))
            return
        self.model.set_packs(packs, self.today())
        found = self.model.row_of(keep) if keep else None
        if packs:
            self.list.setCurrentIndex(self.model.index(found if found is not None else 0, 0))
        self._show_pack(self.chosen())
        if keep is not None and found is not None and prompt_row >= 0:
            row = min(prompt_row, self.prompt_model.rowCount() - 1)
            self.prompt_list.setCurrentIndex(self.prompt_model.index(row, 0))

    def wipe(self) -> None:
        self.model.set_packs([], date.min)
        self._show_pack(None)

    def chosen(self) -> LibraryPack | None:
        index = self.list.currentIndex()
        return self.model.pack_at(index.row()) if index.isValid() else None

    def chosen_prompt(self) -> Prompt | None:
        index = self.prompt_list.currentIndex()
        return self.prompt_model.record_at(index.row()) if index.isValid() else None

    def _pack_chosen(self, current: QModelIndex, _: QModelIndex) -> None:
        self._show_pack(self.model.pack_at(current.row()) if current.isValid() else None)

    def _show_pack(self, lp: LibraryPack | None) -> None:
        self.right.setCurrentWidget(self.detail if lp is not None else self.nothing)
        self.remove_button.setEnabled(lp is not None)
        pinned: tuple[str, ...] = ()
        hidden: frozenset[str] = frozenset()
        if lp is not None and self.session.is_unlocked:
            try:
                marks = self.session.vault.prompt_packs.marks()
            except ReflectError as exc:
                asks.warn(self, TITLE, str(exc))
            else:
                pinned, hidden = marks.pinned, marks.hidden
        self.prompt_model.set_prompts(lp.pack.prompts if lp else (), pinned, hidden)
        if lp is None:
            self._show_prompt_buttons()
            return
        pack = lp.pack
        self.title.setText(pack.title)
        self.byline.setText(f"By {pack.author} · version {pack.version}")
        self.origin.setText(origin_detail(lp))
        self.about.set_html(about_html(lp))
        with QSignalBlocker(self.offer):
            self.offer.setChecked(lp.chosen)
        self._show_schedule(lp)
        self.prompts_heading.setText(f"Prompts ({len(pack.prompts)})")
        if pack.prompts:
            self.prompt_list.setCurrentIndex(self.prompt_model.index(0, 0))
        self._show_prompt_buttons()

    def _show_schedule(self, lp: LibraryPack) -> None:
        has_schedule = lp.pack.schedule is not None
        self.schedule.setText(schedule_progress(lp, self.today()))
        self.schedule.setVisible(has_schedule)
        self.restart_button.setVisible(has_schedule)

    def _show_prompt_buttons(self) -> None:
        prompt = self.chosen_prompt()
        hidden = prompt is not None and prompt.key in self.prompt_model.hidden
        pinned = prompt is not None and prompt.key in self.prompt_model.pinned
        self.pin_button.setText("U&npin" if pinned else "Pi&n")
        self.pin_button.setAccessibleName("Unpin" if pinned else "Pin")
        self.pin_button.setEnabled(prompt is not None)
        refocus = self.hide_button.hasFocus() or self.unhide_button.hasFocus()
        self.hide_button.setVisible(not hidden)
        self.unhide_button.setVisible(hidden)
        self.hide_button.setEnabled(prompt is not None)
        self.unhide_button.setEnabled(prompt is not None)
        if refocus:  # the button pressed has just swapped for its opposite: stay on it
            (self.unhide_button if hidden else self.hide_button).setFocus()

    # --- what the leader does -------------------------------------------------------------

    def import_pack(self) -> None:
        before = {lp.pack.id: lp.imported_at for lp in self.model.records}
        if not import_pack_file(self, self.session):
            return
        self.refresh()
        # Choose the pack that just arrived (new, or newly replaced).
        fresh = [
            lp
            for lp in self.model.records
            if lp.imported_at is not None and before.get(lp.pack.id) != lp.imported_at
        ]
        if fresh:
            self.refresh(fresh[0].pack.id)
        self.changed.emit()
        self.list.setFocus()

    def remove(self) -> None:
        lp = self.chosen()
        if lp is None:
            return
        if lp.origin is Origin.BUILTIN:
            asks.tell(
                self,
                TITLE,
                f"“{lp.pack.title}” is part of Reflect's own library. "
                "It cannot be removed, but you can turn it off: untick “Offer prompts "
                "from this pack”.",
            )
            return
        question = (
            f"Remove “{lp.pack.title}” from your library?\n\n"
            "Its prompts will no longer be offered, and your pins in it go too. What you "
            "wrote in answer to its prompts stays in your journal."
        )
        if not asks.confirm(self, "Remove a prompt pack", question, "Remove"):
            return
        self._write(lambda: self.session.vault.prompt_packs.remove(lp.pack.id))
        self.refresh()
        self.changed.emit()
        self.list.setFocus()

    def restart(self) -> None:
        lp = self.chosen()
        if lp is None or lp.pack.schedule is None:
            return
        self._write(lambda: self.session.vault.prompt_packs.restart(lp.pack.id, self.today()))
        self.refresh()

    def pin(self) -> None:
        prompt = self.chosen_prompt()
        if prompt is not None:
            pinned = prompt.key in self.prompt_model.pinned
            self._mark(lambda: self.session.vault.prompt_packs.set_pinned(prompt.key, not pinned))

    def hide_prompt(self) -> None:
        prompt = self.chosen_prompt()
        if prompt is not None:
            self._mark(lambda: self.session.vault.prompt_packs.set_hidden(prompt.key, True))

    def unhide_prompt(self) -> None:
        prompt = self.chosen_prompt()
        if prompt is not None:
            self._mark(lambda: self.session.vault.prompt_packs.set_hidden(prompt.key, False))

    def _mark(self, change: Callable[[], object]) -> None:
        self._write(change)
        self.refresh()

    def _offer_toggled(self, on: bool) -> None:
        index = self.list.currentIndex()
        if index.isValid():
            check = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
            self.model.setData(index, check, Qt.ItemDataRole.CheckStateRole)

    def _store_chosen(self, pack_id: str, chosen: bool) -> None:
        """A tick in the list or the check box: store it; on failure, show what is stored."""
        if not self._write(lambda: self.session.vault.prompt_packs.set_chosen(pack_id, chosen)):
            self.refresh()
            return
        lp = self.chosen()
        if lp is not None and lp.pack.id == pack_id:
            with QSignalBlocker(self.offer):
                self.offer.setChecked(chosen)
            self._show_schedule(lp)  # a question waits only in a pack that is offered

    def _write(self, change: Callable[[], object]) -> bool:
        try:
            change()
        except ReflectError as exc:
            asks.warn(self, TITLE, str(exc))
            return False
        return True
