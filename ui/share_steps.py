"""The share dialog's three steps: what to share, the privacy check, and sending.

Each step shows and collects; what leaves, and how names are replaced, is
decided in ui.share_plan.
"""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reflect.sharing import MAX_NOTE
from storage.buddies import Buddy
from ui.share_models import Column, NamesModel, PartsModel
from ui.share_plan import PRIVACY_NOTE, Selection, buddy_label, default_reply_by, note_problem

NO_BUDDIES = (
    "You have no buddies yet, so there is no one to share with. Open the Buddies page to "
    "add one: you swap buddy cards and compare safety numbers. Then share from here."
)
NO_CARD = (
    "This journal has no buddy card yet. Open the Buddies page to make yours and add a "
    "buddy. Then share from here."
)


def _label(text: str = "", name: str = "", wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(wrap)
    if name:
        label.setObjectName(name)
    return label


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class WhatStep(QWidget):
    """The reflections and their parts, the buddy, a note and a date to reply by."""

    def __init__(
        self, selection: Selection, buddies: list[Buddy], has_card: bool, today: date
    ) -> None:
        super().__init__()
        self.model = PartsModel(selection, self)
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setAccessibleName("Reflections and parts to share")
        self.tree.setHeaderHidden(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.expandAll()
        self.model.rowsInserted.connect(lambda parent, first, _: self._expand(first))
        self.add_button = QPushButton("Add another reflection…")
        self.add_button.setAutoDefault(False)
        self.buddy = QComboBox()
        self.buddy.setAccessibleName("Buddy to share with")
        for b in buddies:
            self.buddy.addItem(buddy_label(b), str(b.id))
            if not b.verified:
                self.buddy.setItemData(
                    self.buddy.count() - 1,
                    "You have not yet compared safety numbers with this buddy.",
                    Qt.ItemDataRole.ToolTipRole,
                )
        self.buddy.setEnabled(bool(buddies))
        self._verified = {str(b.id): b.verified for b in buddies}
        self.unverified = _label(
            "Not verified yet: compare safety numbers on the Buddies page before you share "
            "anything sensitive.",
            "hint",
        )
        self.buddy.currentIndexChanged.connect(self._show_verified)
        self.no_buddies = _label(NO_BUDDIES if has_card else NO_CARD, "error")
        self.no_buddies.setVisible(not buddies)
        self.note = QPlainTextEdit()
        self.note.setAccessibleName("Note for your buddy")
        self.note.setPlaceholderText("Optional, e.g. The part I would most like your view on.")
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.note.fontMetrics().lineSpacing() * 3 + 16)
        self.note_count = _label(name="hint", wrap=False)
        self.wants_reply = QCheckBox("Please reply by")
        self.wants_reply.setAccessibleName("Ask for a reply by a date")
        self.reply_by = QDateEdit()
        self.reply_by.setAccessibleName("Reply by")
        self.reply_by.setCalendarPopup(True)
        self.reply_by.setDisplayFormat("d MMM yyyy")
        self.reply_by.setMinimumDate(_qdate(today))
        self.reply_by.setDate(_qdate(default_reply_by(today)))
        self.reply_by.setEnabled(False)
        self.wants_reply.toggled.connect(self.reply_by.setEnabled)
        self.problem = _label(name="error")
        self.problem.hide()

        with_label = _label("Share with:", wrap=False)
        with_label.setBuddy(self.buddy)
        note_label = _label("Note:", wrap=False)
        note_label.setBuddy(self.note)
        form = QGridLayout()
        form.setColumnStretch(1, 1)
        form.addWidget(with_label, 0, 0)
        buddy_row = QHBoxLayout()
        buddy_row.addWidget(self.buddy)
        buddy_row.addWidget(self.unverified, 1)
        form.addLayout(buddy_row, 0, 1)
        form.addWidget(self.no_buddies, 1, 0, 1, 2)
        form.addWidget(note_label, 2, 0, Qt.AlignmentFlag.AlignTop)
        form.addWidget(self.note, 2, 1)
        form.addWidget(self.note_count, 3, 1, Qt.AlignmentFlag.AlignRight)
        reply_row = QHBoxLayout()
        reply_row.addWidget(self.wants_reply)
        reply_row.addWidget(self.reply_by)
        reply_row.addStretch(1)
        form.addLayout(reply_row, 4, 1)
        tree_row = QHBoxLayout()
        tree_row.addStretch(1)
        tree_row.addWidget(self.add_button)

        layout = QVBoxLayout(self)
        layout.addWidget(_label("What to share", "stepHeading"))
        layout.addWidget(
            _label(
                "Untick any part you would rather keep to yourself: only the ticked parts "
                "leave. Space ticks or unticks the chosen line."
            )
        )
        layout.addWidget(self.tree, 1)
        layout.addLayout(tree_row)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        self.note.textChanged.connect(self._count_note)
        self._count_note()
        self._show_verified()
        if self.model.rowCount():
            self.tree.setCurrentIndex(self.model.index(0, 0))

    def _expand(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.tree.expand(index)
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)

    def _show_verified(self) -> None:
        chosen = self.buddy.currentData()
        self.unverified.setVisible(chosen is not None and not self._verified.get(chosen, False))

    def _count_note(self) -> None:
        length = len(self.note.toPlainText())
        self.note_count.setText(f"{length:,} of {MAX_NOTE:,} characters")
        self.note_count.setObjectName("error" if length > MAX_NOTE else "hint")
        self.note_count.style().unpolish(self.note_count)
        self.note_count.style().polish(self.note_count)

    def buddy_id(self) -> uuid.UUID | None:
        value = self.buddy.currentData()
        return uuid.UUID(value) if value else None

    def buddy_name(self) -> str:
        text = self.buddy.currentText()
        return text.removesuffix(" (not verified)")

    def note_text(self) -> str:
        return self.note.toPlainText().strip()

    def reply_date(self) -> date | None:
        if not self.wants_reply.isChecked():
            return None
        day = self.reply_by.date().toPython()
        assert isinstance(day, date)
        return day

    def problem_text(self) -> str | None:
        """Why the share cannot go on yet, or None."""
        if not self.model.selection.outgoing():
            return "Tick at least one part to share."
        return note_problem(self.note_text())

    def say(self, problem: str | None) -> None:
        self.problem.setText(problem or "")
        self.problem.setVisible(bool(problem))

    def focus(self) -> None:
        self.tree.setFocus()


class PrivacyStep(QWidget):
    """The names found in what would leave, what replaces them, and the copy as it will read."""

    def __init__(self) -> None:
        super().__init__()
        self.model = NamesModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Names found")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move within it
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.LABEL, QHeaderView.ResizeMode.Stretch)
        self.none_found = _label(
            "Reflect found no names in what you are sharing. Read the copy all the same: "
            "no check catches everything.",
            "hint",
        )
        self.none_found.hide()
        self.in_note = _label(name="error")
        self.in_note.hide()
        self.preview = QTextBrowser()
        self.preview.setAccessibleName("The copy your buddy receives")
        self.preview.setOpenLinks(False)
        self.preview.setOpenExternalLinks(False)

        names = QWidget()
        names_layout = QVBoxLayout(names)
        names_layout.setContentsMargins(0, 0, 0, 0)
        names_layout.addWidget(_label("Names found", "sectionHeading", wrap=False))
        names_layout.addWidget(self.table, 1)
        names_layout.addWidget(self.none_found)
        names_layout.addWidget(self.in_note)
        copy = QWidget()
        copy_layout = QVBoxLayout(copy)
        copy_layout.setContentsMargins(0, 0, 0, 0)
        copy_label = _label("What your buddy receives", "sectionHeading", wrap=False)
        copy_label.setBuddy(self.preview)
        copy_row = QHBoxLayout()
        copy_row.addWidget(copy_label)
        copy_row.addWidget(
            _label("Highlighted words stand in for names.", "hint"), 1, Qt.AlignmentFlag.AlignBottom
        )
        copy_layout.addLayout(copy_row)
        copy_layout.addWidget(self.preview, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(names)
        self.splitter.addWidget(copy)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)

        explain = _label(
            "Reflect looked for names in exactly what would leave. Ticked names are replaced; "
            "double-click a replacement (or press F2) to change it."
        )
        self.promise = _label(PRIVACY_NOTE)
        bold = QFont(self.promise.font())
        bold.setBold(True)
        self.promise.setFont(bold)
        layout = QVBoxLayout(self)
        layout.addWidget(_label("Privacy check", "stepHeading"))
        layout.addWidget(explain)
        layout.addWidget(self.promise)
        layout.addWidget(self.splitter, 1)

    def show_found(self, note_names: list[str]) -> None:
        found = bool(self.model.rowCount())
        self.table.setVisible(found)
        self.none_found.setVisible(not found)
        if found and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, Column.REPLACE))
        self.in_note.setText(
            f"Your note names {', '.join(note_names)}, and goes as you wrote it: go back to "
            "change it if you would rather not."
            if note_names
            else ""
        )
        self.in_note.setVisible(bool(note_names))

    def show_copy(self, html: str) -> None:
        bar = self.preview.verticalScrollBar()
        at = bar.value()
        self.preview.setHtml(html)
        bar.setValue(at)

    def focus(self) -> None:
        (self.table if self.table.isVisible() else self.preview).setFocus()


class SendStep(QWidget):
    """A plain warning, then the one button that writes the file."""

    def __init__(self) -> None:
        super().__init__()
        self.summary = _label()
        self.replaced = _label()
        self.warning = _label()
        bold = QFont(self.warning.font())
        bold.setBold(True)
        self.warning.setFont(bold)
        self.how = _label(
            "Reflect saves the share as an encrypted file. Send it to your buddy however "
            "suits you both (email, a shared drive, a memory stick); they open it in their "
            "own Reflect."
        )
        self.save = QPushButton("Save share file…")
        self.save.setAccessibleName("Save share file")
        self.save.setToolTip("Choose where to save the encrypted file (Ctrl+Enter)")
        self.save.setAutoDefault(False)
        self.save.setDefault(True)
        row = QHBoxLayout()
        row.addWidget(self.save)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(_label("Send", "stepHeading"))
        layout.addWidget(self.summary)
        layout.addWidget(self.replaced)
        layout.addWidget(self.warning)
        layout.addWidget(self.how)
        layout.addLayout(row)
        layout.addStretch(1)

    def focus(self) -> None:
        self.save.setFocus()
