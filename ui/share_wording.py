"""The words the buddy screens share: dates, titles, who did what, verified or not."""

from __future__ import annotations

from datetime import date, datetime

from reflect import timeutil
from reflect.model import Reflection
from reflect.share_threads import ThreadItem
from reflect.sharing import ShareKind
from storage.buddies import Buddy
from ui.follow_ups_page import first_words

TITLE_CHARS = 60


def local_day(when: datetime) -> date:
    return when.astimezone(timeutil.local_zone()).date()


def short_day(d: date, today: date) -> str:
    """ "8 Dec", with the year only when it is not this one."""
    return f"{d.day} {d:%b}" if d.year == today.year else f"{d.day} {d:%b %Y}"


def long_day(d: date) -> str:
    """ "Mon 8 December 2025"."""
    return f"{d:%a} {d.day} {d:%B %Y}"


def long_moment(when: datetime) -> str:
    """ "Tue 2 December 2025 at 09:14", in this computer's time zone."""
    local = when.astimezone(timeutil.local_zone())
    return f"{long_day(local.date())} at {local:%H:%M}"


def reflection_title(r: Reflection) -> str:
    """The title; untitled, its first words."""
    return r.title or first_words(r.body, TITLE_CHARS) or "Untitled"


def titles_text(reflections: tuple[Reflection, ...]) -> str:
    """ "Board away day", or "Board away day and 2 more"."""
    if not reflections:
        return ""
    first = reflection_title(reflections[0])
    more = len(reflections) - 1
    return f"{first} and {more} more" if more else first


def who_did(item: ThreadItem, buddy_name: str) -> str:
    """ "Asha Patel shared", "You replied"."""
    verb = "replied" if item.payload.kind is ShareKind.REPLY else "shared"
    return f"You {verb}" if item.sent else f"{buddy_name} {verb}"


def verified_text(buddy: Buddy) -> str:
    return "verified" if buddy.verified else "not verified"


def verified_sentence(buddy: Buddy) -> str:
    if buddy.verified_at is None:
        return "Not verified: you have not yet compared the safety number."
    return f"Verified on {long_day(local_day(buddy.verified_at))}."


def replies_text(n: int) -> str:
    return "No replies" if n == 0 else f"{n} repl{'y' if n == 1 else 'ies'}"


def reflections_text(n: int) -> str:
    return f"{n} reflection{'' if n == 1 else 's'}"
