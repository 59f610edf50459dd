"""Live feedback while a new passphrase is typed twice (first run, encrypted export)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLineEdit

from storage.passphrase_policy import Assessment, assess

DEFAULT_ADVICE = "Four or five unrelated words make a strong passphrase."


def after_typing_pauses(owner: QObject, slot: Callable[[], object], *fields: QLineEdit) -> QTimer:
    """Run `slot` once typing in `fields` pauses: zxcvbn takes a moment on long input."""
    timer = QTimer(owner)
    timer.setSingleShot(True)
    timer.setInterval(150)
    timer.timeout.connect(slot)
    for field in fields:
        field.textChanged.connect(timer.start)
    return timer


def new_passphrase_advice(
    typed: str, again: str, differ: str = "The two passphrases differ."
) -> tuple[Assessment | None, str, bool]:
    """The assessment, the advice to show, and whether it is strong and typed the same twice."""
    verdict = assess(typed) if typed else None
    matching = typed == again
    if verdict is None:
        advice = DEFAULT_ADVICE
    elif verdict.acceptable and again and not matching:
        advice = differ
    else:
        advice = verdict.reason
    return verdict, advice, bool(verdict and verdict.acceptable and matching)
