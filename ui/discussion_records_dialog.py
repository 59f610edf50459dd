"""Discussion records: write one after talking with a buddy, sign, send, countersign, print.

The record says only when two buddies met and which shares they discussed; the
decisions (who may sign, what a file may hold) are in storage.discussion_records.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reflect import timeutil
from reflect.discussion_record import DiscussionRecord
from reflect.errors import ReflectError
from storage import discussion_records as records
from storage.buddies import ShareRecord
from storage.share_files import my_party, read_share_file
from ui.discussion_record_pdf import write_pdf
from ui.record_list_model import ModelIndex, RecordListModel
from ui.session import Session
from ui.two_line_delegate import Role, two_line_list

TITLE = "Discussion records"


def ask_path(
    parent: QWidget, caption: str, suggested: str, pattern: str, save: bool
) -> Path | None:
    """A file dialog; one function so tests can stand in for the person choosing."""
    if save:
        chosen, _ = QFileDialog.getSaveFileName(parent, caption, suggested, pattern)
    else:
        chosen, _ = QFileDialog.getOpenFileName(parent, caption, "", pattern)
    return Path(chosen) if chosen else None


def tell(parent: QWidget, text: str, problem: bool = False) -> None:
    box = QMessageBox.warning if problem else QMessageBox.information
    box(parent, TITLE, text)


class RecordsModel(RecordListModel[DiscussionRecord]):
    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        record = self.record_at(index.row())
        if record is None or not self.session.is_unlocked:
            return None
        me = my_party(self.session.vault)
        other = record.other(me)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{record.held_on:%-d %B %Y} with {other.name}"
        if role == Role.SECONDARY:
            count = len(record.discussed)
            return f"{count} shared reflection{'s' if count != 1 else ''} discussed"
        if role == Role.ASIDE:
            if record.complete:
                return "Signed by you both"
            if not record.signed_by(me):
                return "Needs your signature"
            return f"Waiting for {other.name}"
        if role == Role.EMPHASIS:
            return not record.signed_by(me)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{self.data(index)}; {self.data(index, Role.ASIDE)}"
        return None


class NewRecordDialog(QDialog):
    """Which buddy, when, and which of the shares exchanged with them were discussed."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("A new discussion record")
        self.session = session
        self.buddy = QComboBox()
        self.buddy.setAccessibleName("Buddy")
        for b in session.vault.buddies.listed():
            self.buddy.addItem(b.name, b.id)
        self.held_on = QDateEdit(QDate.currentDate())
        self.held_on.setCalendarPopup(True)
        self.held_on.setMaximumDate(QDate.currentDate())
        self.held_on.setAccessibleName("When you talked")
        self.shares = QStandardItemModel(self)
        self.share_list = QListView()
        self.share_list.setModel(self.shares)
        self.share_list.setAccessibleName("Shared reflections you discussed")
        hint = QLabel(
            "The record says only when you talked and which shares you discussed, never what "
            "they say. You sign it now; your buddy countersigns it when you send it to them."
        )
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Sign the record")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Buddy", self.buddy)
        form.addRow("When you talked", self.held_on)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("Which shared reflections did you discuss?"))
        layout.addWidget(self.share_list)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.buddy.currentIndexChanged.connect(self._list_shares)
        self.shares.itemChanged.connect(self._enable)
        self._list_shares()
        self.resize(520, 440)

    def _list_shares(self, *_: object) -> None:
        self.shares.clear()
        chosen = self.buddy.currentData()
        for record in self.session.vault.buddies.shares():
            if record.buddy.id != chosen:
                continue
            item = QStandardItem(_describe(record))
            item.setCheckable(True)
            item.setEditable(False)
            item.setData(record.share_id, Qt.ItemDataRole.UserRole)
            self.shares.appendRow(item)
        self._enable()

    def _enable(self, *_: object) -> None:
        self.ok.setEnabled(bool(self.chosen_shares()) and self.buddy.currentData() is not None)

    def chosen_shares(self) -> list[uuid.UUID]:
        return [
            self.shares.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.shares.rowCount())
            if self.shares.item(row).checkState() == Qt.CheckState.Checked
        ]

    def create(self) -> DiscussionRecord:
        held = self.held_on.date().toPython()
        return records.create(
            self.session.vault, self.buddy.currentData(), held, self.chosen_shares()
        )


def _describe(record: ShareRecord) -> str:
    when = record.payload.created_at.astimezone(timeutil.local_zone())
    who = "You shared" if record.direction == "sent" else f"{record.buddy.name} shared"
    titles = ", ".join(r.title or "Untitled" for r in record.payload.reflections[:2])
    return f"{who} on {when:%-d %b %Y}: {titles}"


class DiscussionRecordsDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.session = session
        self.model = RecordsModel(session)
        self.list = two_line_list(self.model, "Discussion records")
        self.new_button = QPushButton("New record…")
        self.sign_button = QPushButton("Sign")
        self.send_button = QPushButton("Send to buddy…")
        self.import_button = QPushButton("Import a record…")
        self.pdf_button = QPushButton("Save as PDF…")
        for button, name in (
            (self.new_button, "New discussion record"),
            (self.sign_button, "Sign this record"),
            (self.send_button, "Send this record to your buddy"),
            (self.import_button, "Import a discussion record"),
            (self.pdf_button, "Save this record as PDF"),
        ):
            button.setAccessibleName(name)
        intro = QLabel(
            "After you and a buddy talk through what you shared, a record you both sign shows "
            "that the conversation happened (for a professional portfolio). It holds no "
            "reflection text."
        )
        intro.setWordWrap(True)
        row = QHBoxLayout()
        for button in (self.new_button, self.sign_button, self.send_button, self.pdf_button):
            row.addWidget(button)
        row.addStretch()
        row.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        self.new_button.clicked.connect(self.new_record)
        self.sign_button.clicked.connect(self.sign)
        self.send_button.clicked.connect(self.send)
        self.import_button.clicked.connect(self.import_record)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.list.selectionModel().currentChanged.connect(self._enable)
        session.locking.connect(self.close)
        self.resize(720, 460)
        self.refresh()

    def refresh(self, select: uuid.UUID | None = None) -> None:
        self.model.set_records(records.records(self.session.vault))
        row = self.model.row_where(lambda r: r.id == select) if select else None
        if row is None and self.model.rowCount():
            row = 0
        if row is not None:
            self.list.setCurrentIndex(self.model.index(row, 0))
        self._enable()

    def chosen(self) -> DiscussionRecord | None:
        index = self.list.currentIndex()
        return self.model.record_at(index.row()) if index.isValid() else None

    def _enable(self, *_: object) -> None:
        record = self.chosen()
        me = my_party(self.session.vault) if self.session.is_unlocked else None
        self.sign_button.setEnabled(
            record is not None and me is not None and not record.signed_by(me)
        )
        self.send_button.setEnabled(record is not None)
        self.pdf_button.setEnabled(record is not None)
        self.new_button.setEnabled(bool(self.session.vault.buddies.listed()))

    def new_record(self) -> None:
        dialog = NewRecordDialog(self.session, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            made = dialog.create()
        except ReflectError as exc:
            tell(self, str(exc), problem=True)
            return
        self.refresh(made.id)
        self.send()

    def sign(self) -> None:
        record = self.chosen()
        if record is not None:
            self._act(lambda: records.sign(self.session.vault, record.id), record.id)
            self.send()

    def send(self) -> None:
        record = self.chosen()
        if record is None:
            return
        other = record.other(my_party(self.session.vault))
        suggested = f"discussion-record-{record.held_on.isoformat()}.age"
        path = ask_path(
            self, f"Send the record to {other.name}", suggested, "Reflect records (*.age)", True
        )
        if path is None:
            return
        if self._act(lambda: records.export(self.session.vault, record.id, path), record.id):
            tell(
                self,
                f"Saved {path.name}. Send it to {other.name}; only you two can open it. "
                + ("" if record.complete else "When they import it, they can countersign it."),
            )

    def import_record(self) -> None:
        path = ask_path(self, "Import a discussion record", "", "Reflect records (*.age)", False)
        if path is None:
            return
        try:
            record = records.import_record(self.session.vault, read_share_file(path), path.name)
        except (ReflectError, OSError) as exc:
            tell(self, str(exc), problem=True)
            return
        self.refresh(record.id)

    def save_pdf(self) -> None:
        record = self.chosen()
        if record is None:
            return
        path = ask_path(
            self,
            "Save the record as PDF (not encrypted: it names you, your buddy and the dates)",
            f"discussion-record-{record.held_on.isoformat()}.pdf",
            "PDF (*.pdf)",
            True,
        )
        if path is not None:
            write_pdf(record, path)

    def _act(self, action: Callable[[], object], select: uuid.UUID) -> bool:
        try:
            action()
        except ReflectError as exc:
            tell(self, str(exc), problem=True)
            return False
        self.refresh(select)
        return True


def open_discussion_records(
    session: Session, parent: QWidget | None = None
) -> DiscussionRecordsDialog:
    dialog = DiscussionRecordsDialog(session, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
