"""Shares grouped into conversations: a share and the replies that answer it.

A thread starts at a share that answers nothing. A reply joins the thread of the
share it answers (following `in_reply_to` back, reply by reply); a reply whose
share is not in this journal starts a thread of its own, so nothing is hidden.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from reflect.sharing import SharePayload

SENT = "sent"
RECEIVED = "received"


@dataclass(frozen=True, slots=True)
class ThreadItem:
    """One share in a thread, and which way it went."""

    payload: SharePayload
    direction: str  # SENT or RECEIVED

    @property
    def sent(self) -> bool:
        return self.direction == SENT

    @property
    def other_party_name(self) -> str:
        """The buddy at the other end: the recipient of what was sent, else the sender."""
        return self.payload.recipient.name if self.sent else self.payload.sender.name


@dataclass(frozen=True, slots=True)
class Thread:
    """A share and every reply that follows from it, oldest first (the root first)."""

    items: tuple[ThreadItem, ...]

    @property
    def root(self) -> SharePayload:
        return self.items[0].payload

    @property
    def buddy(self) -> str:
        """The buddy's name as the thread's first share gives it."""
        return self.items[0].other_party_name

    @property
    def latest(self) -> datetime:
        """When anything last happened in the thread."""
        return max(item.payload.created_at for item in self.items)

    @property
    def replies(self) -> int:
        return len(self.items) - 1

    @property
    def share_ids(self) -> frozenset[uuid.UUID]:
        return frozenset(item.payload.share_id for item in self.items)

    @property
    def reply_by(self) -> date | None:
        """The date a buddy asked for a reply by, while nothing has been sent back since."""
        for item in reversed(self.items):
            if item.sent:
                return None
            if item.payload.reply_by is not None:
                return item.payload.reply_by
        return None


def threads(items: Sequence[tuple[SharePayload, str]]) -> list[Thread]:
    """Group shares (with "sent" or "received") into threads, newest activity first."""
    by_id: dict[uuid.UUID, ThreadItem] = {}
    for payload, direction in items:
        by_id.setdefault(payload.share_id, ThreadItem(payload, direction))
    groups: dict[uuid.UUID, list[ThreadItem]] = {}
    for share_id, item in by_id.items():
        groups.setdefault(_root_of(share_id, by_id), []).append(item)
    found = [Thread(tuple(sorted(group, key=_age))) for group in groups.values()]
    found.sort(key=lambda t: (t.latest, str(t.root.share_id)), reverse=True)
    return found


def _age(item: ThreadItem) -> tuple[datetime, str]:
    return item.payload.created_at, str(item.payload.share_id)


def _root_of(share_id: uuid.UUID, by_id: Mapping[uuid.UUID, ThreadItem]) -> uuid.UUID:
    """Follow replies back to the share that started them, or to the first one not here.

    A loop of replies (only a forged set of shares could make one) is one thread,
    rooted at its oldest share, whichever of its shares the walk starts from.
    """
    path: list[uuid.UUID] = []
    seen: set[uuid.UUID] = set()
    current = share_id
    while current not in seen:
        path.append(current)
        seen.add(current)
        parent = by_id[current].payload.in_reply_to
        if parent is None or parent.share_id not in by_id:
            return current
        current = parent.share_id
    loop = path[path.index(current) :]
    return min(loop, key=lambda i: _age(by_id[i]))
