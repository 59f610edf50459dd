"""Settings: locking, appearance, backups, this device, and the passphrase and recovery key.

The dialog edits a copy of the typed Settings; `settings()` hands it back and the
caller saves it. Automatic backups are the backups' own setting (ui.backup_actions):
OK saves it there, if it changed. Remembering on this device, changing the passphrase
and making a new recovery key act on the open journal at once (they cannot wait for
OK), and none of them puts anything in QSettings.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reflect.errors import ReflectError
from storage import device_keyring, keyfile
from storage.paths import JournalPaths
from ui import backup_actions
from ui.change_passphrase_dialog import ChangePassphraseDialog
from ui.recovery_key_dialog import RecoveryKeyDialog
from ui.session import Session
from ui.settings import Settings

MIN_AUTO_LOCK, MAX_AUTO_LOCK = 1, 120  # always locks: a private journal has no "never"
MIN_TEXT_SIZE, MAX_TEXT_SIZE = 9, 24
THEMES = (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark"))

LOCK_NOW = QKeySequence("Ctrl+L").toString(QKeySequence.SequenceFormat.NativeText)
REMEMBER_EXPLAINED = (
    "Your journal opens without the passphrase while you are logged in to this computer: "
    "its keychain keeps a key for it. Anyone who can use your account here could read it."
)


def _note(text: str = "", accessible_name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if accessible_name:
        label.setAccessibleName(accessible_name)
    return label


def _row(form: QFormLayout, text: str, field: QWidget) -> None:
    label = QLabel(text)
    label.setBuddy(field)
    form.addRow(label, field)


WIDTH = 580


class SettingsDialog(QDialog):
    def __init__(self, session: Session, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._original = settings
        self._busy = False  # a keychain change is under way
        self._gone = False  # closed because the journal locked
        self.change_dialog: ChangePassphraseDialog | None = None
        self.recovery_dialog: RecoveryKeyDialog | None = None
        self.setWindowTitle("Settings")
        self.setAccessibleName("Settings")
        layout = QVBoxLayout(self)
        # The sections scroll, so the dialog fits a small or zoomed screen; OK stays in view.
        sections = QWidget()
        inner = QVBoxLayout(sections)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self._locking(settings))
        inner.addWidget(self._appearance(settings))
        inner.addWidget(self._calendar(settings))
        inner.addWidget(self._backups())
        inner.addWidget(self._device())
        inner.addWidget(self._keys())
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(sections)
        layout.addWidget(self.scroll)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setAccessibleName("Keep these settings")
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAccessibleName("Cancel the changes to locking and appearance")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        # Wrapped explanations need their full height at this width: open at that size
        # when the screen has room, else as tall as it allows (the sections then scroll).
        self.setMinimumWidth(WIDTH)
        margins = layout.contentsMargins()
        wanted = (
            inner.totalHeightForWidth(WIDTH - margins.left() - margins.right())
            + layout.spacing()
            + self.buttons.sizeHint().height()
            + margins.top()
            + margins.bottom()
        )
        screen = self.screen().availableGeometry().height() if self.screen() else wanted
        self.resize(WIDTH, min(wanted, int(screen * 0.9)))
        order = (
            self.auto_lock,
            self.theme,
            self.text_size,
            self.calendar_folder,
            self.calendar_browse,
            self.automatic_backups,
            self.remember,
            self.change_button,
            self.recovery_button,
            self.ok_button,
            self.cancel_button,
        )
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)
        session.locking.connect(self._close_for_lock)
        self.auto_lock.setFocus()

    # --- sections ---------------------------------------------------------------------------

    def _locking(self, settings: Settings) -> QGroupBox:
        box = QGroupBox("Locking")
        self.auto_lock = QSpinBox()
        self.auto_lock.setRange(MIN_AUTO_LOCK, MAX_AUTO_LOCK)
        self.auto_lock.setSuffix(" minutes")
        self.auto_lock.setValue(settings.auto_lock_minutes)
        self.auto_lock.setAccessibleName("Minutes without activity before the journal locks")
        form = QFormLayout(box)
        _row(form, "&Lock after", self.auto_lock)
        form.addRow(
            _note(
                "Reflect saves what you are writing and locks the journal after this long "
                f"without typing or using the mouse ({MIN_AUTO_LOCK} to {MAX_AUTO_LOCK} "
                f"minutes). {LOCK_NOW} locks it at once."
            )
        )
        return box

    def _appearance(self, settings: Settings) -> QGroupBox:
        box = QGroupBox("Appearance")
        self.theme = QComboBox()
        for value, label in THEMES:
            self.theme.addItem(label, value)
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))
        self.theme.setAccessibleName("Theme")
        self.text_size = QSpinBox()
        self.text_size.setRange(MIN_TEXT_SIZE, MAX_TEXT_SIZE)
        self.text_size.setSuffix(" pt")
        self.text_size.setValue(settings.text_size)
        self.text_size.setAccessibleName("Size of the text you write, in points")
        form = QFormLayout(box)
        _row(form, "&Theme", self.theme)
        _row(form, "Te&xt size", self.text_size)
        return box

    def _calendar(self, settings: Settings) -> QGroupBox:
        box = QGroupBox("Calendar")
        self.calendar_folder = QLineEdit(settings.calendar_folder)
        self.calendar_folder.setAccessibleName("Calendar folder")
        self.calendar_folder.setPlaceholderText("No folder: import files from the File menu")
        self.calendar_browse = QPushButton("&Choose…")
        self.calendar_browse.setAccessibleName("Choose the calendar folder")
        self.calendar_browse.clicked.connect(self._choose_calendar_folder)
        row = QHBoxLayout()
        row.addWidget(self.calendar_folder, 1)
        row.addWidget(self.calendar_browse)
        form = QFormLayout(box)
        label = QLabel("Calendar &folder")
        label.setBuddy(self.calendar_folder)
        form.addRow(label, row)
        form.addRow(
            _note(
                "Each time the journal opens, Reflect reads the .ics files in this folder and "
                "adds their meetings, so the ones you have not reflected on yet wait for you."
            )
        )
        return box

    def _choose_calendar_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, "Calendar folder", self.calendar_folder.text()
        )
        if chosen:
            self.calendar_folder.setText(chosen)

    def _backups(self) -> QGroupBox:
        box = QGroupBox("Backups")
        self._automatic_was = backup_actions.saved_automatic()
        self.automatic_backups = QCheckBox("Back up &automatically once a day")
        self.automatic_backups.setAccessibleName("Back up automatically once a day")
        self.automatic_backups.setChecked(self._automatic_was)
        folder = backup_actions.backups_folder(self.session.folder)
        menu = "File\u00a0▸\u00a0Backups\u00a0folder…"  # kept on one line
        self.backups_note = _note(
            f"Shortly after you unlock, into {folder}. To choose another folder: {menu}",
            "About automatic backups",
        )
        column = QVBoxLayout(box)
        for widget in (self.automatic_backups, self.backups_note):
            column.addWidget(widget)
        return box

    def _device(self) -> QGroupBox:
        box = QGroupBox("This device")
        self.remember = QCheckBox("&Remember on this device")
        self.remember.setAccessibleName("Remember on this device")
        self.remember_note = _note(REMEMBER_EXPLAINED, "About remembering on this device")
        self.device_status = _note("", "Remember on this device: status")
        reason = device_keyring.unavailable_reason()
        if reason is None:
            self.remember.setChecked(self._is_remembered())
        else:
            self.remember.setEnabled(False)
            self.device_status.setText(f"Not available: {reason}.")
        self.remember.toggled.connect(self._remember_toggled)
        column = QVBoxLayout(box)
        for widget in (self.remember, self.remember_note, self.device_status):
            column.addWidget(widget)
        return box

    def _keys(self) -> QGroupBox:
        box = QGroupBox("Passphrase and recovery key")
        self.change_button = QPushButton("Change &passphrase…")
        self.change_button.setAccessibleName("Change passphrase")
        self.recovery_button = QPushButton("&New recovery key…")
        self.recovery_button.setAccessibleName("Make a new recovery key")
        recovery_note = _note(
            "Reflect cannot show your recovery key again: it never keeps it in a form it can "
            "read. It can make a new one after you confirm your passphrase; the old one then "
            "stops working.",
            "About the recovery key",
        )
        self.keys_status = _note("", "Passphrase and recovery key: status")
        self.change_button.clicked.connect(self.open_change_passphrase)
        self.recovery_button.clicked.connect(self.open_new_recovery_key)
        column = QVBoxLayout(box)
        for widget in (self.change_button, self.recovery_button, recovery_note, self.keys_status):
            column.addWidget(widget)
        return box

    # --- the edited settings ------------------------------------------------------------------

    def settings(self) -> Settings:
        return replace(
            self._original,
            auto_lock_minutes=self.auto_lock.value(),
            theme=str(self.theme.currentData()),
            text_size=self.text_size.value(),
            calendar_folder=self.calendar_folder.text().strip(),
        )

    # --- this device --------------------------------------------------------------------------

    def _is_remembered(self) -> bool:
        """A device slot in the key file and its key in this computer's keychain."""
        try:
            kf = keyfile.read(JournalPaths(self.session.folder).keyfile)
        except ReflectError:
            return False
        return bool(kf.slots_of("device")) and device_keyring.load(kf.vault_id) is not None

    def _remember_toggled(self, on: bool) -> None:
        vault = self.session.vault
        work = vault.remember_on_device if on else vault.forget_on_device
        self._set_busy(True)
        self.device_status.setText("Remembering…" if on else "Forgetting…")

        def done(_result: object) -> None:
            if self._gone:
                return
            self._set_busy(False)
            self.device_status.setText(
                "Remembered: this journal now opens on this device without the passphrase."
                if on
                else "Forgotten: this journal now needs the passphrase to open on this device."
            )

        def failed(exc: Exception) -> None:
            if self._gone:
                return
            self._set_busy(False)
            self.remember.blockSignals(True)
            self.remember.setChecked(not on)
            self.remember.blockSignals(False)
            if isinstance(exc, ReflectError):
                self.device_status.setText(str(exc))
            else:
                self.device_status.setText(
                    f"The keychain did not respond as expected ({type(exc).__name__})."
                )

        self.session.background.run(work, done, failed)

    def _set_busy(self, busy: bool) -> None:
        """One change to the key file at a time; closing waits for it (it is quick)."""
        self._busy = busy
        self.remember.setEnabled(not busy and device_keyring.unavailable_reason() is None)
        for button in (
            self.change_button,
            self.recovery_button,
            self.ok_button,
            self.cancel_button,
        ):
            button.setEnabled(not busy)

    # --- passphrase and recovery key ------------------------------------------------------------

    def open_change_passphrase(self) -> None:
        if self.change_dialog is not None:
            self.change_dialog.deleteLater()
        self.keys_status.clear()
        self.change_dialog = ChangePassphraseDialog(self.session, self)
        self.change_dialog.accepted.connect(
            lambda: self.keys_status.setText(
                "Passphrase changed. Use the new one from now on; your recovery key still works."
            )
        )
        self.change_dialog.open()

    def open_new_recovery_key(self) -> None:
        if self.recovery_dialog is not None:
            self.recovery_dialog.deleteLater()
        self.keys_status.clear()
        self.recovery_dialog = RecoveryKeyDialog(self.session, self)
        self.recovery_dialog.accepted.connect(
            lambda: self.keys_status.setText(
                "New recovery key made. The old one no longer opens this journal."
            )
        )
        self.recovery_dialog.open()

    # --- closing --------------------------------------------------------------------------------

    def done(self, result: int) -> None:
        if self._busy and not self._gone:
            return
        automatic = self.automatic_backups.isChecked()
        if result == QDialog.DialogCode.Accepted and automatic != self._automatic_was:
            backup_actions.save_automatic(automatic)
        super().done(result)

    def _close_for_lock(self) -> None:
        self._gone = True
        if self.isVisible():
            self.reject()
