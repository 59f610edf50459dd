"""The window: a frame holding the first-run, unlock and journal pages, with menus."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from reflect import timeutil
from reflect.errors import ReflectError
from reflect.meeting_capture import Capture
from reflect.meetings import Meeting
from storage.calendar_files import describe as describe_import
from storage.calendar_files import import_calendar_file
from storage.capture import save_capture
from storage.meetings import CalendarImportReport
from ui import theme
from ui.after_meeting_dialog import RECENT_AFTER, RECENT_BEFORE, AfterMeetingDialog
from ui.backup_actions import BackupActions
from ui.buddy_menu import BuddyMenu
from ui.calendar_folder import CalendarFolder
from ui.change_passphrase_dialog import ChangePassphraseDialog
from ui.export_actions import ExportActions
from ui.first_run_page import FirstRunPage
from ui.follow_up_dialog import FollowUpDialog
from ui.follow_up_reminder import FollowUpReminder
from ui.history_dialog import HistoryDialog
from ui.idle_lock import IdleLock
from ui.import_dialog import import_from_other_journal
from ui.journal_page import PAGES, JournalPage
from ui.prompt_menu import PromptMenu
from ui.session import Session
from ui.settings import Settings
from ui.settings_dialog import SettingsDialog
from ui.storyline_picker import StorylinePicker
from ui.unlock_page import UnlockPage


class MainWindow(QMainWindow):
    def __init__(
        self, session: Session, settings: Settings | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.settings = settings or Settings()
        self.idle_lock = IdleLock(session, self.settings.auto_lock_minutes, parent=self)
        self.setWindowTitle("Reflect")  # never a reflection's title: others may see it
        self.resize(1180, 760)
        self.first_run = FirstRunPage(session)
        self.unlock = UnlockPage(session)
        self.journal = JournalPage(session)
        self.pages = QStackedWidget()
        for page in (self.first_run, self.unlock, self.journal):
            self.pages.addWidget(page)
        self.setCentralWidget(self.pages)
        self._build_menus()
        session.unlocked.connect(self._unlocked)
        session.locking.connect(self.journal.wipe)
        session.locked.connect(self._locked)
        session.damaged.connect(lambda text: QMessageBox.warning(self, "Reflect", text))
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.applicationStateChanged.connect(self._application_state)
        self.journal.controller.problem.connect(self.statusBar().showMessage)
        self.reminder = FollowUpReminder(session, self)
        self.reminder.due.connect(self.journal.show_due)
        self.calendar_folder = CalendarFolder(session, lambda: self.settings.calendar_folder, self)
        self.calendar_folder.imported.connect(self._calendar_read)
        self.journal.capture_requested.connect(self.after_meeting)
        self.journal.import_requested.connect(self.import_calendar)
        self.first_run.finished.connect(self._first_run_done)
        self.pages.setCurrentWidget(self.unlock if session.journal_exists() else self.first_run)

    def _build_menus(self) -> None:
        def action(text: str, keys: QKeySequence | str, slot: object) -> QAction:
            act = QAction(text, self)
            act.setShortcut(QKeySequence(keys))
            act.triggered.connect(slot)
            return act

        self.new_action = action("&New reflection", QKeySequence.StandardKey.New, self._new)
        self.save_action = action("&Save", QKeySequence.StandardKey.Save, self._save)
        self.lock_action = action("&Lock", "Ctrl+L", self.session.lock)
        self.find_action = action("&Find", QKeySequence.StandardKey.Find, self.journal.find)
        self.trash_action = action(
            "Move to &trash", QKeySequence.StandardKey.Delete, self.journal.move_to_trash
        )
        self.restore_action = action(
            "&Restore from trash", "Ctrl+Shift+R", self.journal.restore_from_trash
        )
        self.history_action = action("Version &history…", "Ctrl+Shift+H", self._history)
        self.after_meeting_action = action(
            "&After a meeting…", "Ctrl+Shift+N", lambda: self.after_meeting()
        )
        self.after_meeting_action.setToolTip(
            "Reflect on a meeting you have just left: a few short questions (Ctrl+Shift+N)"
        )
        self.import_calendar_action = action("Import &calendar file…", "", self.import_calendar)
        self.import_journal_action = action(
            "Import from &another journal…", "", self.import_other_journal
        )
        self.follow_up_action = action(
            "Make a &follow-up from this line…", "Ctrl+Shift+F", self._follow_up_from_line
        )
        self.storylines_action = action("Add to &storylines…", "Ctrl+Shift+Y", self._storylines)
        self.settings_action = action(
            "Se&ttings…", QKeySequence.StandardKey.Preferences, self.open_settings
        )
        if not QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences):
            self.settings_action.setShortcut(QKeySequence("Ctrl+,"))  # Windows, GNOME: none
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)  # macOS app menu
        self.settings_dialog: SettingsDialog | None = None
        quit_action = action("&Quit", QKeySequence.StandardKey.Quit, self.close)
        file_menu = self.menuBar().addMenu("&File")
        for act in (self.new_action, self.after_meeting_action, self.save_action):
            file_menu.addAction(act)
        file_menu.addSeparator()
        # Before the calendar import: the backups must follow it directly (tests pin it).
        file_menu.addAction(self.import_journal_action)
        file_menu.addAction(self.import_calendar_action)
        file_menu.addSeparator()
        self.backups = BackupActions(self, self.session, self.journal.controller.commit)
        for act in self.backups.actions:
            file_menu.addAction(act)
        self.exports = ExportActions(self, self.session, self.journal)
        file_menu.addMenu(self.exports.menu)
        file_menu.addSeparator()
        file_menu.addAction(self.lock_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        edit_menu = self.menuBar().addMenu("&Edit")
        edit_menu.addAction(self.find_action)
        edit_menu.addSeparator()
        for act in (self.follow_up_action, self.storylines_action):
            edit_menu.addAction(act)
        edit_menu.addSeparator()
        for act in (self.history_action, self.trash_action, self.restore_action):
            edit_menu.addAction(act)
        edit_menu.addSeparator()
        edit_menu.addAction(self.settings_action)
        view_menu = self.menuBar().addMenu("&View")
        for number, name in enumerate(("Journal", *PAGES), start=1):
            view_menu.addAction(
                action(f"&{name}", f"Ctrl+{number}", lambda _=False, n=name: self._show_view(n))
            )
        self._journal_actions_extra = view_menu.actions()
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("mainToolbar")  # so Qt can restore its place
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addAction(self.new_action)
        toolbar.addAction(self.after_meeting_action)
        self.toolbar = toolbar
        self.prompt_menu = PromptMenu(self, self.session, self.journal)
        self.menuBar().addMenu(self.prompt_menu.menu)
        self.buddy_menu = BuddyMenu(self, self.session, self.journal)
        self.menuBar().addMenu(self.buddy_menu.menu)
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(action("&About Reflect", "", self._about))
        self._journal_actions = (
            self.new_action,
            self.save_action,
            self.lock_action,
            self.find_action,
            self.trash_action,
            self.restore_action,
            self.history_action,
            self.after_meeting_action,
            self.import_calendar_action,
            self.import_journal_action,
            *self.backups.actions,
            *self.exports.actions,
            self.follow_up_action,
            self.storylines_action,
            *self._journal_actions_extra,
            *self.prompt_menu.actions,
            *self.buddy_menu.actions,
            self.settings_action,  # it acts on the open journal's keys, so only when unlocked
        )
        self._set_journal_actions(False)

    def _set_journal_actions(self, enabled: bool) -> None:
        for act in self._journal_actions:
            act.setEnabled(enabled)
        self.toolbar.setVisible(enabled)

    def _unlocked(self) -> None:
        if self.pages.currentWidget() is self.first_run:
            return  # the recovery kit comes first
        recovered = self.unlock.using_recovery_key
        self._show_journal()
        if recovered:
            # Opened with the recovery key: most likely the passphrase is forgotten.
            dialog = ChangePassphraseDialog(self.session, self, recovering=True)
            dialog.finished.connect(dialog.deleteLater)
            self.recovery_dialog = dialog
            dialog.open()

    def _first_run_done(self, remember: bool) -> None:
        if remember:
            try:
                self.session.vault.remember_on_device()
            except Exception as exc:  # a refusal is shown, never fatal
                QMessageBox.information(self, "Reflect", str(exc))
        self.first_run.wipe()
        self._show_journal()

    def _show_journal(self) -> None:
        self.pages.setCurrentWidget(self.journal)
        self._set_journal_actions(True)
        self.journal.show_journal()
        self.reminder.check()
        self.calendar_folder.read_in_background()
        self.backups.journal_shown()  # an automatic backup a while later, if one is due

    def _locked(self) -> None:
        self.reminder.reset()
        self._set_journal_actions(False)
        self.unlock.reset()
        self.pages.setCurrentWidget(self.unlock)

    def _new(self) -> None:
        self.journal.new_reflection()

    def _save(self) -> None:
        self.journal.controller.commit()

    def _show_view(self, name: str) -> None:
        if name == "Journal":
            self.journal.open_journal_view()
        else:
            self.journal.show_page(name)

    def after_meeting(self, meeting: object = None) -> None:
        """The after-meeting capture; `meeting` fills in its first step."""
        if not self.session.is_unlocked:
            return
        self.journal.controller.commit()
        now = timeutil.now()
        recent = self.session.vault.meetings.between(now - RECENT_BEFORE, now + RECENT_AFTER)
        chosen = meeting if isinstance(meeting, Meeting) else None
        dialog = AfterMeetingDialog(recent, chosen, self)
        dialog.captured.connect(self._save_capture)
        dialog.finished.connect(dialog.deleteLater)  # its answers leave memory with it
        self.capture_dialog = dialog
        dialog.open()

    def _save_capture(self, capture: object) -> None:
        assert isinstance(capture, Capture)
        try:
            saved = save_capture(self.session.vault, capture, timeutil.now())
        except ReflectError as exc:
            QMessageBox.warning(self, "Reflect", f"{exc}\n\nNothing was saved.")
            return
        self.journal.open_in_journal(saved.id)
        self.journal.meetings_page.refresh()
        self.reminder.check()
        self.statusBar().showMessage("Saved your reflection on the meeting.", 5000)

    def import_calendar(self) -> None:
        if not self.session.is_unlocked:
            return
        path, _ = QFileDialog.getOpenFileName(
            self, "Import a calendar file", "", "Calendar files (*.ics);;All files (*)"
        )
        if not path:
            return
        vault = self.session.vault
        self.statusBar().showMessage("Reading the calendar…")
        # A year of a busy calendar takes a second or two: keep the window responsive.
        self.session.background.run(
            lambda: import_calendar_file(vault, Path(path)),
            self._calendar_imported,
            self._calendar_failed,
        )

    def import_other_journal(self) -> None:
        if not self.session.is_unlocked:
            return
        self.journal.controller.commit()  # what is being written is saved before the list reloads
        if import_from_other_journal(self, self.session):
            self.journal.show_journal()

    def _calendar_imported(self, report: CalendarImportReport) -> None:
        self.statusBar().clearMessage()
        QMessageBox.information(self, "Calendar imported", describe_import(report))
        self.journal.show_page("Meetings")
        self.journal.meetings_page.refresh()

    def _calendar_failed(self, exc: Exception) -> None:
        self.statusBar().clearMessage()
        message = (
            str(exc)
            if isinstance(exc, ReflectError)
            else (
                f"The calendar could not be imported ({type(exc).__name__}); nothing was changed."
            )
        )
        QMessageBox.warning(self, "Reflect", message)

    def _calendar_read(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)
        self.journal.meetings_page.refresh()

    def _follow_up_from_line(self) -> None:
        journal = self.journal
        line = journal.editor.current_line()
        reflection_id = journal.controller.commit() or journal.current_reflection_id()
        if reflection_id is None:
            self.statusBar().showMessage(
                "Write something first: a follow-up belongs to a reflection.", 5000
            )
            return
        dialog = FollowUpDialog(line, self)
        if dialog.exec() != FollowUpDialog.DialogCode.Accepted:
            return
        try:
            self.session.vault.follow_ups.add(dialog.follow_up(reflection_id))
        except ReflectError as exc:
            QMessageBox.warning(self, "Reflect", str(exc))
            return
        self.reminder.check()
        journal.refresh_links()
        self.statusBar().showMessage("Follow-up added. Find it under Follow-ups.", 5000)

    def _storylines(self) -> None:
        journal = self.journal
        reflection_id = journal.controller.commit() or journal.current_reflection_id()
        if reflection_id is None:
            self.statusBar().showMessage(
                "Write something first: storylines gather reflections.", 5000
            )
            return
        StorylinePicker(self.session, reflection_id, self).exec()
        journal.refresh_links()

    def _history(self) -> None:
        journal = self.journal
        journal.controller.commit()
        reflection_id = journal.current_reflection_id()
        if reflection_id is None:
            return
        dialog = HistoryDialog(self.session.vault, reflection_id, self)
        if dialog.exec() == HistoryDialog.DialogCode.Accepted:
            journal.controller.forget()
            journal.model.reload()
            journal.show_reflection(reflection_id)

    def open_settings(self) -> None:
        """Non-blocking (open, not exec), so tests and the idle lock can reach it."""
        dialog = SettingsDialog(self.session, self.settings, self)
        dialog.accepted.connect(lambda: self.apply_settings(dialog.settings(), save=True))
        dialog.finished.connect(dialog.deleteLater)
        self.settings_dialog = dialog
        dialog.open()

    def apply_settings(self, settings: Settings, save: bool = False) -> None:
        self.settings = settings
        self.idle_lock.seconds = settings.auto_lock_minutes * 60
        self.idle_lock.touch()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply(app, settings.theme)
            theme.apply_text_size(app, settings.text_size)
        if save:
            settings.save()

    def _application_state(self, state: Qt.ApplicationState) -> None:
        """Lock when the platform says the app is suspended (the system is going to sleep)."""
        if state == Qt.ApplicationState.ApplicationSuspended:
            self.session.lock()

    def _about(self) -> None:
        QMessageBox.about(
            self,
            "About Reflect",
            "Reflect: a private, encrypted journal for systems leaders.\n\n"
            "Organised by Sue Goss's six ways of systems leadership and "
            "Mary Fillmore's five lenses.",
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        self.session.lock()  # saves what is being written, then drops the keys
        super().closeEvent(event)
