"""Balance and memory: a quiet panel for the sidebar column.

Six thin bars show how many reflections touched each way in the last 30 days,
one plain sentence names the way that had least attention, with a button to
reflect on it, and "On this day" lists reflections from this date in earlier
months and years. `clear()` (on lock) leaves no reflection text behind.
"""

from __future__ import annotations

import uuid
from datetime import date, tzinfo

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QLabel,
    QListView,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from reflect import balance as pure
from reflect import timeutil
from reflect.frameworks import Way
from reflect.model import Reflection
from storage import insights
from storage.vault import Vault
from ui.palette import WAY_COLOURS

ID_ROLE = Qt.ItemDataRole.UserRole + 1
BAR_HEIGHT = 6
ON_THIS_DAY_LIMIT = 10
NOTHING_ON_THIS_DAY = "Nothing yet from this date in earlier months."


def _small(label: QLabel, scale: float = 0.9, bold: bool = False) -> QLabel:
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(bold)
    label.setFont(font)
    return label


class BalancePanel(QWidget):
    reflect_on = Signal(object, str)  # the Way, and the question to start from
    open_reflection = Signal(object)  # the uuid.UUID of a reflection to show

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("balancePanel")
        self.setAccessibleName("Balance and memory")
        self._balance: pure.WayBalance | None = None

        self.heading = _small(QLabel(f"Last {pure.DEFAULT_DAYS} days"), 0.85, bold=True)
        self.heading.setAccessibleName(f"Last {pure.DEFAULT_DAYS} days")
        bars = QGridLayout()
        bars.setContentsMargins(0, 0, 0, 0)
        bars.setHorizontalSpacing(6)
        bars.setVerticalSpacing(3)
        bars.setColumnStretch(1, 1)
        self.bars: dict[Way, QProgressBar] = {}
        self.counts: dict[Way, QLabel] = {}
        for row, way in enumerate(Way):
            name = _small(QLabel(way.display_name), 0.85)
            name.setAccessibleName(f"Ways of {way.value}")
            bar = QProgressBar()
            bar.setTextVisible(False)
            bar.setFixedHeight(BAR_HEIGHT)
            bar.setMinimumWidth(24)
            bar.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            bar.setRange(0, 1)
            bar.setValue(0)
            bar.setStyleSheet(
                # A translucent track reads on light and dark palettes alike.
                "QProgressBar { border: none; border-radius: 3px;"
                " background: rgba(128, 128, 128, 60); }"
                f"QProgressBar::chunk {{ border-radius: 3px; "
                f"background: {WAY_COLOURS[way.value].name()}; }}"
            )
            count = _small(QLabel(""), 0.85)
            count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            count.setMinimumWidth(count.fontMetrics().horizontalAdvance("000"))
            bars.addWidget(name, row, 0)
            bars.addWidget(bar, row, 1, Qt.AlignmentFlag.AlignVCenter)
            bars.addWidget(count, row, 2)
            self.bars[way] = bar
            self.counts[way] = count

        self.sentence = QLabel("")
        self.sentence.setWordWrap(True)
        self.sentence.setObjectName("balanceSentence")
        _small(self.sentence)
        self.reflect_button = QPushButton("Reflect on it")
        self.reflect_button.setAccessibleName("Reflect on it")
        self.reflect_button.setEnabled(False)
        self.reflect_button.clicked.connect(self._reflect_clicked)

        self.memory_heading = _small(QLabel("On this day"), 0.85, bold=True)
        self.memory_heading.setAccessibleName("On this day")
        self.memory_model = QStandardItemModel(self)
        self.memory = QListView()
        self.memory.setModel(self.memory_model)
        self.memory.setAccessibleName("On this day")
        self.memory.setWordWrap(False)  # two lines, each cut short with "…" when narrow
        self.memory.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.memory.setUniformItemSizes(True)
        self.memory.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.memory.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.memory.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
        self.memory.setMinimumHeight(60)
        self.memory.setSpacing(3)
        self.memory.setFrameShape(QFrame.Shape.NoFrame)
        self.memory.setAlternatingRowColors(True)
        self.memory.setFont(_small(QLabel()).font())
        self.memory.activated.connect(self._memory_chosen)
        self.memory.clicked.connect(self._memory_chosen)
        self.memory_empty = _small(QLabel(NOTHING_ON_THIS_DAY))
        self.memory_empty.setWordWrap(True)
        self.memory_empty.setAccessibleName(NOTHING_ON_THIS_DAY)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self.heading)
        layout.addLayout(bars)
        layout.addWidget(self.sentence)
        layout.addWidget(self.reflect_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addSpacing(6)
        layout.addWidget(self.memory_heading)
        layout.addWidget(self.memory_empty)
        layout.addWidget(self.memory, 1)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.clear()

    # --- showing ------------------------------------------------------------------------

    def refresh(self, vault: Vault, today: date | None = None, zone: tzinfo | None = None) -> None:
        """Read the balance and this day's memories in one snapshot, and show them."""
        zone = zone or timeutil.local_zone()
        today = today or timeutil.now().astimezone(zone).date()
        with vault.reading() as conn:
            balance = insights.balance(conn, today, zone=zone)
            memories = insights.on_this_day(conn, today, ON_THIS_DAY_LIMIT, zone=zone)
        self.show_balance(balance)
        self.show_memories(memories, today, zone)

    def show_balance(self, balance: pure.WayBalance) -> None:
        self._balance = balance
        scale = max(balance.most, 1)
        for way in Way:
            n = balance.count(way)
            bar = self.bars[way]
            bar.setRange(0, scale)  # never (0, 0): that would draw a busy indicator
            bar.setValue(n)
            described = f"Ways of {way.value}: {n} of {pure.reflections_phrase(balance.total)}"
            bar.setAccessibleName(f"Ways of {way.value}")
            bar.setAccessibleDescription(described)
            self.counts[way].setText(str(n))
            self.counts[way].setAccessibleName(described)
        self.sentence.setText(balance.sentence)
        self.sentence.setAccessibleName(balance.sentence)
        least = balance.least_attended
        self.reflect_button.setEnabled(True)
        self.reflect_button.setAccessibleName(f"Reflect on {pure.way_phrase(least)}")
        self.reflect_button.setToolTip(balance.prompt)

    def show_memories(
        self, reflections: list[Reflection], today: date, zone: tzinfo | None = None
    ) -> None:
        self.memory_model.clear()
        for r in reflections:
            day = pure.local_date(r.happened_at, zone)
            title = r.title or _first_words(r) or "Untitled"
            when = f"{day.day} {day:%b %Y} · {pure.ago(day, today)}"
            item = QStandardItem(f"{title}\n{when}")
            item.setEditable(False)
            item.setData(str(r.id), ID_ROLE)
            item.setData(f"{title}, {day.day} {day:%B %Y}", Qt.ItemDataRole.AccessibleTextRole)
            self.memory_model.appendRow(item)
        has_any = self.memory_model.rowCount() > 0
        self.memory.setVisible(has_any)
        self.memory_empty.setVisible(not has_any)

    def clear(self) -> None:
        """Forget everything shown (on lock): no reflection text stays in any widget or model."""
        self._balance = None
        for way in Way:
            self.bars[way].setRange(0, 1)
            self.bars[way].setValue(0)
            self.bars[way].setAccessibleDescription("")
            self.counts[way].setText("")
            self.counts[way].setAccessibleName(f"Ways of {way.value}")
        self.sentence.clear()
        self.sentence.setAccessibleName("Where attention went least")
        self.reflect_button.setEnabled(False)
        self.reflect_button.setAccessibleName("Reflect on it")
        self.reflect_button.setToolTip("")
        self.memory_model.clear()
        self.memory.clearSelection()
        self.memory.setVisible(False)
        self.memory_empty.setVisible(True)

    @property
    def balance(self) -> pure.WayBalance | None:
        return self._balance

    # --- reacting -----------------------------------------------------------------------

    def _reflect_clicked(self) -> None:
        if self._balance is not None:
            way = self._balance.least_attended
            self.reflect_on.emit(way, pure.prompt_for(way))

    def _memory_chosen(self, index: QModelIndex | QPersistentModelIndex) -> None:
        raw = index.data(ID_ROLE) if index.isValid() else None
        if raw:
            self.open_reflection.emit(uuid.UUID(str(raw)))


def _first_words(r: Reflection, limit: int = 40) -> str:
    flat = " ".join(r.body.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"
