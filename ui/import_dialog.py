"""File ▸ Import from another journal: jrnl, Day One or a folder of Markdown notes (issue 8).

(A Reflect export, plain or encrypted, goes to ui.reflect_export_import instead.)

The file is read into a preview first (reflect.importers.detect); the dialog shows how
many entries, their dates, the first few and what was skipped. Nothing is written until
the user presses Import, and then everything goes in one transaction
(storage.entry_import). Way and lens tags become ways and lenses only if the user ticks
the box.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reflect import timeutil
from reflect.errors import ReflectError
from reflect.importers import ImportFormatError, ImportPreview
from storage.entry_import import EntryImportReport, import_entries
from storage.entry_import import read_source as read_entries
from ui.reflect_export_import import import_reflect_export, is_reflect_file
from ui.session import Session

SHOWN_ENTRIES = 50


# --- module-level so tests can replace them ---------------------------------------------


def ask_import_source(parent: QWidget) -> Path | None:
    """A file (jrnl, Day One) or, on request, a folder of Markdown notes."""
    box = QMessageBox(parent)
    box.setWindowTitle("Import from another journal")
    box.setText(
        "Import a file exported from Reflect (on another computer, say), jrnl or Day One, "
        "or a folder of Markdown notes?"
    )
    file_button = box.addButton("A &file…", QMessageBox.ButtonRole.AcceptRole)
    folder_button = box.addButton("A folder of &Markdown notes…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    if box.clickedButton() is folder_button:
        return ask_markdown_folder(parent)
    if box.clickedButton() is file_button:
        return ask_import_file(parent)
    return None


def ask_import_file(parent: QWidget) -> Path | None:
    path, _ = QFileDialog.getOpenFileName(
        parent,
        "Import from another journal",
        "",
        "Journal exports (*.json *.age *.txt *.zip);;All files (*)",
    )
    return Path(path) if path else None


def ask_markdown_folder(parent: QWidget) -> Path | None:
    chosen = QFileDialog.getExistingDirectory(parent, "A folder of Markdown notes")
    return Path(chosen) if chosen else None


def run_dialog(dialog: ImportDialog) -> bool:
    return dialog.exec() == QDialog.DialogCode.Accepted


def show_problem(parent: QWidget, text: str) -> None:
    QMessageBox.warning(parent, "Reflect", text)


def show_done(parent: QWidget, text: str) -> None:
    QMessageBox.information(parent, "Import finished", text)


# --- reading ------------------------------------------------------------------------------


def read_source(path: Path) -> ImportPreview:
    """The preview of a file or a folder's .md notes (storage.entry_import.read_source)."""
    return read_entries(path, timeutil.local_zone())


def mapping_text(preview: ImportPreview) -> str:
    pairs = [
        *(
            f"{tag} → the way of {way.info.name}"
            for tag, way in sorted(preview.suggested_ways.items())
        ),
        *(
            f"{tag} → the {lens.info.name} lens"
            for tag, lens in sorted(preview.suggested_lenses.items())
        ),
    ]
    return "Turn these tags into ways and lenses: " + ", ".join(pairs)


def describe(report: EntryImportReport) -> str:
    text = f"{report.added} added, {report.already_here} already there"
    if report.attachments:
        text += f", {report.attachments} photos kept encrypted"
    return text + "."


# --- the dialog ---------------------------------------------------------------------------


class ImportDialog(QDialog):
    def __init__(
        self,
        session: Session,
        preview: ImportPreview,
        source_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.preview = preview
        self.setWindowTitle(f"Import from {source_name}")
        layout = QVBoxLayout(self)
        entries = preview.entries
        self.summary = QLabel(self._summary(source_name))
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)

        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels(["Date", "Title", "Tags"])
        zone = timeutil.local_zone()
        for entry in entries[:SHOWN_ENTRIES]:
            when = entry.happened_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
            row = [
                QStandardItem(when),
                QStandardItem(entry.title),
                QStandardItem(", ".join(entry.tags)),
            ]
            for item in row:
                item.setEditable(False)
            self.model.appendRow(row)
        self.list = QTreeView()
        self.list.setRootIsDecorated(False)
        self.list.setModel(self.model)
        self.list.setAccessibleName("Entries to import")
        layout.addWidget(self.list)
        if len(entries) > SHOWN_ENTRIES:
            layout.addWidget(QLabel(f"…and {len(entries) - SHOWN_ENTRIES} more."))

        self.problems = QLabel(self._problems())
        self.problems.setWordWrap(True)
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problems.setVisible(bool(preview.problems))
        layout.addWidget(self.problems)

        self.map_tags = QCheckBox(mapping_text(preview))
        self.map_tags.setChecked(False)  # the user agrees, or tags stay tags
        self.map_tags.setVisible(bool(preview.suggested_ways or preview.suggested_lenses))
        layout.addWidget(self.map_tags)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = buttons.addButton("&Import", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(bool(entries))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _summary(self, source_name: str) -> str:
        entries = self.preview.entries
        if not entries:
            return f"No entries to import from {source_name}."
        zone = timeutil.local_zone()
        dates = sorted(e.happened_at.astimezone(zone).date() for e in entries)
        noun = "entry" if len(entries) == 1 else "entries"
        span = str(dates[0]) if dates[0] == dates[-1] else f"{dates[0]} to {dates[-1]}"
        return f"{len(entries)} {noun} to import from {source_name}, {span}."

    def _problems(self) -> str:
        lines = [f"{p.where}: {p.message}" for p in self.preview.problems]
        return "Skipped:\n" + "\n".join(lines) if lines else ""

    @property
    def wants_mapping(self) -> bool:
        """Ticked, and there was something to map."""
        offered = bool(self.preview.suggested_ways or self.preview.suggested_lenses)
        return offered and self.map_tags.isChecked()


def import_from_other_journal(parent: QWidget, session: Session) -> bool:
    """Ask for a file or folder, preview it, import on agreement; True if anything was added."""
    if not session.is_unlocked:
        return False
    path = ask_import_source(parent)
    if path is None:
        return False
    if path.is_file() and is_reflect_file(path):
        return import_reflect_export(parent, session, path)
    try:
        preview = read_source(path)
    except (ImportFormatError, ReflectError) as exc:
        show_problem(parent, f"{path.name} could not be imported: {exc}\n\nNothing was imported.")
        return False
    except OSError as exc:
        show_problem(
            parent, f"Cannot read {path.name} ({exc.strerror or exc}).\n\nNothing was imported."
        )
        return False
    dialog = ImportDialog(session, preview, path.name, parent)
    try:
        if not run_dialog(dialog):
            return False
        map_tags = dialog.wants_mapping
    finally:
        dialog.deleteLater()
    try:
        report = import_entries(session.vault, preview, map_tags)  # one transaction
    except ReflectError as exc:
        show_problem(parent, f"{exc}\n\nNothing was imported.")
        return False
    show_done(parent, f"Imported from {path.name}: {describe(report)}")
    return report.added > 0
