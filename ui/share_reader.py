"""A share thread as a read-only document: who shared or replied, when, and what.

Everything a buddy wrote is escaped: a share is someone else's text and must
never become markup, a link or an image. The only links are Reflect's own
actions (reply, open, share a reply), which the reader turns into signals.
"""

from __future__ import annotations

import html
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from reflect.model import Reflection, Section
from reflect.share_threads import Thread, ThreadItem
from reflect.sharing import ReplyTo
from ui.share_wording import (
    local_day,
    long_day,
    long_moment,
    reflection_title,
    reflections_text,
    who_did,
)


class Action(StrEnum):
    REPLY = "reflect-reply"  # reply to a buddy's reflection: share id / reflection id
    OPEN = "reflect-open"  # open one of your own reflections in the journal
    SHARE = "reflect-share"  # share one of your replies with the buddy


@dataclass(frozen=True, slots=True)
class OwnReply:
    """A reflection of yours written in answer to one of a buddy's."""

    reflection_id: uuid.UUID
    title: str
    shared: bool  # already sent back in this thread


@dataclass(frozen=True, slots=True)
class Link:
    action: Action
    reflection_id: uuid.UUID  # yours (OPEN, SHARE) or the buddy's (REPLY)
    share_id: uuid.UUID | None = None  # REPLY only

    @property
    def reply_to(self) -> ReplyTo | None:
        return None if self.share_id is None else ReplyTo(self.share_id, self.reflection_id)


def link_text(link: Link) -> str:
    if link.share_id is not None:
        return f"{link.action.value}:{link.share_id}/{link.reflection_id}"
    return f"{link.action.value}:{link.reflection_id}"


def parse_link(text: str) -> Link | None:
    """The action a link in the reader stands for; None for anything else."""
    scheme, sep, rest = text.partition(":")
    if not sep or scheme not in {a.value for a in Action}:
        return None
    action = Action(scheme)
    try:
        if action is Action.REPLY:
            share, _, reflection = rest.partition("/")
            return Link(action, uuid.UUID(reflection), uuid.UUID(share))
        return Link(action, uuid.UUID(rest))
    except ValueError:
        return None


def _text(value: str) -> str:
    return html.escape(value, quote=True)


def _paragraphs(text: str) -> str:
    """Plain text as paragraphs: a blank line starts one, a single line break stays."""
    blocks = [b.strip("\n") for b in text.replace("\r\n", "\n").split("\n\n")]
    return "".join(
        f"<p>{'<br>'.join(_text(line) for line in block.split(chr(10)))}</p>"
        for block in blocks
        if block.strip()
    )


def _button(link: Link, label: str) -> str:
    return (
        "<td style='border: 1px solid #8d9096; padding: 3px 10px;'>"
        f"<a href='{_text(link_text(link))}' style='text-decoration: none;'>{label}</a></td>"
    )


def _buttons(*cells: str) -> str:
    gaps = "<td width='8'></td>".join(cells)
    return f"<table cellspacing='0' cellpadding='0' style='margin: 6px 0;'><tr>{gaps}</tr></table>"


def _section(section: Section) -> str:
    out = ""
    if section.lens is not None:
        out += f"<h4 style='margin-bottom: 2px;'>{_text(section.lens.display_name)}</h4>"
    if section.prompt:
        out += f"<p><i>{_text(section.prompt)}</i></p>"
    return out + _paragraphs(section.text)


def _labels(r: Reflection) -> str:
    rows = [
        ("Ways", sorted(w.display_name for w in r.ways)),
        ("Tags", list(r.tags)),
        ("People", list(r.people)),
        ("Organisations", list(r.organisations)),
    ]
    lines = [f"{name}: {_text(', '.join(values))}" for name, values in rows if values]
    return f"<p><small>{'<br>'.join(lines)}</small></p>" if lines else ""


def _replies(replies: Sequence[OwnReply]) -> str:
    out = ""
    for reply in replies:
        shared = " <small>(shared with your buddy)</small>" if reply.shared else ""
        out += f"<p>Your reply: <b>{_text(reply.title)}</b>{shared}</p>" + _buttons(
            _button(Link(Action.OPEN, reply.reflection_id), "Open"),
            _button(Link(Action.SHARE, reply.reflection_id), "Share this reply…"),
        )
    return out


def _reflection(
    item: ThreadItem, r: Reflection, replies: Mapping[ReplyTo, Sequence[OwnReply]]
) -> str:
    out = f"<h3 style='margin-bottom: 2px;'>{_text(reflection_title(r))}</h3>"
    out += f"<p><small>Happened {long_day(local_day(r.happened_at))}</small></p>"
    out += "".join(_section(s) for s in r.sections) + _labels(r)
    if not item.sent:
        reply_to = ReplyTo(item.payload.share_id, r.id)
        out += _buttons(_button(Link(Action.REPLY, r.id, item.payload.share_id), "Reply…"))
        out += _replies(replies.get(reply_to, ()))
    return out


def _item(item: ThreadItem, name: str, replies: Mapping[ReplyTo, Sequence[OwnReply]]) -> str:
    p = item.payload
    count = len(p.reflections)
    head = f"<b>{_text(who_did(item, name))}</b> · {long_moment(p.created_at)}"
    if count > 1:
        head += f" · {reflections_text(count)}"
    out = f"<p style='margin-top: 10px;'>{head}</p>"
    if p.reply_by is not None:
        asked = "You asked" if item.sent else "Asks"
        out += f"<p><b>{asked} for a reply by {long_day(p.reply_by)}</b></p>"
    if p.note:
        out += f"<blockquote><i>{_paragraphs(p.note)}</i></blockquote>"
    return out + "".join(_reflection(item, r, replies) for r in p.reflections)


def thread_html(
    thread: Thread,
    buddy_name: str,
    verified: bool,
    names: Mapping[uuid.UUID, str],
    replies: Mapping[ReplyTo, Sequence[OwnReply]],
) -> str:
    """The whole thread, oldest first. `names`: share id → the buddy's name as you know it;
    `replies`: your own reflections written in answer to each of the buddy's."""
    heading = f"<h2>With {_text(buddy_name)}</h2>"
    if not verified:
        heading += (
            "<p><small>Not verified: you have not compared the safety number with "
            f"{_text(buddy_name)}. Do that on the Buddies page.</small></p>"
        )
    items = [
        _item(i, names.get(i.payload.share_id, i.other_party_name), replies) for i in thread.items
    ]
    return heading + "<hr>".join(items)
