"""Asking the leader before a pack joins their journal: whose it is, and whether to trust it.

A signed pack from an enabler seen for the first time shows the fingerprint to
compare with the one the enabler gave in person. An unsigned pack says plainly
that nothing vouches for it, and needs a tick before Import is enabled. The
labels, check box and buttons are attributes, so tests can read and drive them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from prompts.importing import ImportPlan
from ui.pack_texts import count_text, schedule_phrase

TITLE = "Import a prompt pack"  # never the pack's own title: window titles reach the system
TRUST = "I &trust where this file came from"
WIDTH = 560


def _label(text: str, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # pack text is the author's, never markup
    if name:
        label.setObjectName(name)
    return label


class ImportConfirmDialog(QDialog):
    def __init__(self, plan: ImportPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        pack = plan.pack
        self.setWindowTitle(TITLE)
        self.setAccessibleName(TITLE)
        self.heading = _label(f"“{pack.title}”", "stepHeading")
        self.summary = _label(
            f"By {pack.author} · version {pack.version} · {count_text(len(pack.prompts), 'prompt')}"
        )
        self.schedule = _label(schedule_phrase(pack))
        self.replaces = _label(
            f"It replaces version {plan.replaces_version} of this pack in your library, "
            "and its schedule starts again."
            if plan.replaces_version is not None
            else ""
        )
        self.replaces.setVisible(plan.replaces_version is not None)

        self.signed_by: QLabel | None = None
        self.fingerprint: QLabel | None = None
        self.compare: QLabel | None = None
        self.first_time: QLabel | None = None
        self.warning: QLabel | None = None
        self.trust: QCheckBox | None = None

        self.import_button = QPushButton("&Import")
        self.import_button.setAccessibleName("Import the pack")
        self.import_button.setAutoDefault(False)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel, import nothing")
        # Enter must never import by accident: Cancel is the default.
        self.cancel_button.setDefault(True)
        self.import_button.clicked.connect(self.accept)
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.schedule)
        layout.addWidget(self.replaces)
        layout.addSpacing(8)
        if plan.signer is not None:
            self._signed(layout, plan.signer.name, plan.fingerprint or "")
        else:
            self._unsigned(layout, pack.author)
        layout.addSpacing(8)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)
        self.setMinimumWidth(520)
        # Wrapped labels know their height only for a width: ask for exactly that.
        self.resize(WIDTH, max(self.heightForWidth(WIDTH), self.minimumSizeHint().height()))
        self.cancel_button.setFocus()

    def _signed(self, layout: QVBoxLayout, signer: str, fingerprint: str) -> None:
        self.signed_by = _label(f"Signed by {signer}", "sectionHeading")
        self.fingerprint = QLabel(fingerprint)
        self.fingerprint.setObjectName("fingerprint")
        self.fingerprint.setAccessibleName(f"Fingerprint of {signer}'s key")
        self.fingerprint.setAccessibleDescription(" ".join(fingerprint))  # read letter by letter
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), 10) * 1.8)
        font.setWeight(QFont.Weight.DemiBold)
        self.fingerprint.setFont(font)
        self.fingerprint.setContentsMargins(0, 6, 0, 6)
        self.fingerprint.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.compare = _label(
            f"Compare this with the fingerprint {signer} gave you in person or by phone. "
            "If they differ, do not import it."
        )
        self.first_time = _label(
            f"This is the first pack from {signer} in your journal. Once you import it, "
            f"Reflect remembers their key and checks later packs from {signer} against it.",
            "hint",
        )
        for widget in (self.signed_by, self.fingerprint, self.compare, self.first_time):
            layout.addWidget(widget)

    def _unsigned(self, layout: QVBoxLayout, author: str) -> None:
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        heading = _label("This pack is not signed", "sectionHeading")
        self.warning = _label(
            "Nothing shows who wrote it or whether it was changed on the way to you. "
            f"It says it is by {author}, but anyone can write that. Import it only if you "
            "know where the file came from, for example because its author handed it to you."
        )
        words = QVBoxLayout()
        words.setContentsMargins(0, 0, 0, 0)
        words.addWidget(heading)
        words.addWidget(self.warning)
        row = QHBoxLayout()
        row.addWidget(icon)
        row.addLayout(words, 1)
        layout.addLayout(row)
        self.trust = QCheckBox(TRUST)
        self.trust.setAccessibleName(TRUST.replace("&", ""))
        self.trust.toggled.connect(self.import_button.setEnabled)
        self.import_button.setEnabled(False)
        layout.addWidget(self.trust)

    def accept(self) -> None:
        if not self.import_button.isEnabled():
            return  # an unsigned pack, not yet trusted: Import is not on offer
        super().accept()

    def texts(self) -> list[str]:
        """Every sentence shown, in order, for tests and for reading aloud."""
        labels = [self.heading, self.summary, self.schedule, self.replaces]
        labels += [self.signed_by, self.fingerprint, self.compare, self.warning]
        return [w.text() for w in labels if w is not None and w.text()]
