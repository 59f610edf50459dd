"""Every control a person can reach has a name a screen reader can say."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QLineEdit,
    QPlainTextEdit,
    QTextBrowser,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.ui.test_app_flows import unlock
from ui.main_window import MainWindow

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QPlainTextEdit,
    QTextBrowser,
    QComboBox,
    QDateTimeEdit,
    QAbstractItemView,
)


def unnamed_controls(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or widget.focusPolicy() == 0:
            continue
        if widget.window() is not root.window():
            continue  # a popup (a combo box's list, a calendar): named by its owner
        if type(widget).__module__.startswith("PySide6") and widget.parent() is not None:
            owner = widget.parent()
            if isinstance(owner, QComboBox | QDateTimeEdit):
                continue  # parts of a composite control, named by their owner
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        if not (widget.accessibleName() or text.strip("&")):
            missing.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return missing


def test_first_run_controls_are_named(fresh_window: MainWindow) -> None:
    assert unnamed_controls(fresh_window.first_run) == []


def test_unlock_controls_are_named(window: MainWindow) -> None:
    assert unnamed_controls(window.unlock) == []


def test_journal_controls_are_named(qtbot: QtBot, window: MainWindow) -> None:
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.journal, timeout=10_000)
    window.journal.editor.add_section()
    assert unnamed_controls(window.journal) == []


def test_tab_reaches_every_field_of_the_journal_in_reading_order(
    qtbot: QtBot, window: MainWindow
) -> None:
    unlock(qtbot, window)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.journal, timeout=10_000)
    journal = window.journal
    editor = journal.editor
    # The order Tab follows, from the sidebar once round (what focusNextChild walks).
    order: list[QWidget] = []
    widget = journal.sidebar.nextInFocusChain()
    while widget is not journal.sidebar and len(order) < 500:
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(window):
            order.append(widget)
        widget = widget.nextInFocusChain()
    wanted = [
        journal.search,
        journal.list,
        editor.title,
        editor.when,
        editor.section_editors[0].lens,
        editor.section_editors[0].text,
        editor.tags,
        editor.people,
        editor.organisations,
    ]
    positions = [order.index(w) for w in wanted]
    assert positions == sorted(positions)
