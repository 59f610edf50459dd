"""The list-and-detail layout the pages share: a list on the left, the chosen item on the right.

When there is nothing to choose, the right side shows an empty state instead: a
few wrapped lines saying what goes here and how to add the first one.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLayout, QSplitter, QStackedWidget, QVBoxLayout, QWidget


def list_column(view: QWidget, buttons: QLayout, *below: QWidget) -> QWidget:
    """The left column: the list, taking the height, then its buttons and anything `below`."""
    column = QWidget()
    layout = QVBoxLayout(column)
    layout.setContentsMargins(0, 0, 6, 0)
    layout.addWidget(view, 1)
    layout.addLayout(buttons)
    for widget in below:
        layout.addWidget(widget)
    return column


def empty_state(text: str, heading: QLabel | None = None) -> tuple[QWidget, QLabel]:
    """What the right side shows when the list is empty, and the label holding `text`."""
    label = QLabel(text)
    label.setWordWrap(True)
    empty = QWidget()
    layout = QVBoxLayout(empty)
    layout.setContentsMargins(12, 0, 24, 0)
    if heading is not None:
        layout.addWidget(heading)
    layout.addWidget(label)
    layout.addStretch(1)
    return empty, label


def detail_stack(detail: QWidget, empty: QWidget) -> QStackedWidget:
    """`detail` and, in its place when there is nothing to show, `empty`."""
    stack = QStackedWidget()
    stack.addWidget(detail)
    stack.addWidget(empty)
    return stack


def list_and_detail(
    left: QWidget, right: QWidget, left_width: int, right_width: int = 600
) -> QSplitter:
    """Side by side; the right side takes any extra width, and neither can be squeezed away."""
    panes = QSplitter()
    panes.addWidget(left)
    panes.addWidget(right)
    panes.setStretchFactor(0, 0)
    panes.setStretchFactor(1, 1)
    panes.setSizes([left_width, right_width])
    panes.setChildrenCollapsible(False)
    return panes
