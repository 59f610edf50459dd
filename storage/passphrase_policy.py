"""Refuse weak passphrases at creation and change, with a reason the user can act on."""

from __future__ import annotations

from dataclasses import dataclass

from storage.errors import WeakPassphrase

MIN_LENGTH = 12
MIN_SCORE = 3  # zxcvbn's scale runs 0 to 4


@dataclass(frozen=True, slots=True)
class Assessment:
    """How strong a passphrase is, for live feedback while it is typed."""

    score: int  # 0 to 4
    acceptable: bool
    reason: str  # why it is refused, or a word of encouragement


def assess(passphrase: str) -> Assessment:
    try:
        check_strength(passphrase)
    except WeakPassphrase as exc:
        score = 0 if len(passphrase) < MIN_LENGTH else _score(passphrase)
        return Assessment(score, False, str(exc))
    return Assessment(_score(passphrase), True, "Strong enough. Make sure you will remember it.")


def _score(passphrase: str) -> int:
    from zxcvbn import zxcvbn

    return int(zxcvbn(passphrase[:100])["score"])


def check_strength(passphrase: str, context: tuple[str, ...] = ()) -> None:
    if len(passphrase) < MIN_LENGTH:
        raise WeakPassphrase(
            f"The passphrase is {len(passphrase)} characters; use at least {MIN_LENGTH}. "
            "Four or five unrelated words make a strong one that is easy to remember."
        )
    from zxcvbn import zxcvbn

    result = zxcvbn(passphrase[:100], user_inputs=list(context))
    if int(result["score"]) < MIN_SCORE:
        feedback = result.get("feedback") or {}
        reasons = [feedback.get("warning") or "It would be too easy to guess."]
        reasons += list(feedback.get("suggestions") or [])
        detail = " ".join(r.rstrip(".") + "." for r in reasons if r)
        raise WeakPassphrase(f"That passphrase is too easy to guess. {detail}")
