"""Threads: a share and its replies read as one conversation, newest conversation first."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, date, datetime

from reflect.model import NewReflection, Section
from reflect.share_threads import RECEIVED, SENT, threads
from reflect.sharing import Party, ReplyTo, SharePayload, new_share

ASHA = Party("Asha Patel", "age1" + "q" * 58, b"a" * 32)
BEN = Party("Ben Hughes", "age1" + "p" * 58, b"b" * 32)
CAROL = Party("Carol Ede", "age1" + "z" * 58, b"c" * 32)
REFLECTION = NewReflection(title="Board away day", sections=(Section("I stayed curious."),)).build()


def at(day: int, hour: int = 9) -> datetime:
    return datetime(2025, 12, day, hour, tzinfo=UTC)


def share(
    sender: Party,
    recipient: Party,
    day: int,
    *,
    answers: SharePayload | None = None,
    reply_by: date | None = None,
) -> SharePayload:
    reply = ReplyTo(answers.share_id, answers.reflections[0].id) if answers else None
    return new_share(
        sender, recipient, [REFLECTION], in_reply_to=reply, reply_by=reply_by, now=at(day)
    )


def test_no_shares_no_threads() -> None:
    assert threads([]) == []


def test_a_share_and_its_replies_are_one_thread_oldest_first() -> None:
    first = share(ASHA, BEN, 2, reply_by=date(2025, 12, 8))
    answer = share(BEN, ASHA, 4, answers=first)
    again = share(ASHA, BEN, 5, answers=answer)
    # Given in any order, as the database lists them (newest first).
    [thread] = threads([(again, RECEIVED), (answer, SENT), (first, RECEIVED)])
    assert thread.root == first
    assert [i.payload for i in thread.items] == [first, answer, again]
    assert [i.sent for i in thread.items] == [False, True, False]
    assert thread.buddy == "Asha Patel"
    assert thread.latest == at(5)
    assert thread.replies == 2
    assert thread.share_ids == {first.share_id, answer.share_id, again.share_id}


def test_the_buddy_is_the_other_party_whichever_way_the_first_share_went() -> None:
    mine = share(BEN, ASHA, 1)
    [thread] = threads([(mine, SENT)])
    assert thread.buddy == "Asha Patel"
    theirs = share(CAROL, BEN, 1)
    [thread] = threads([(theirs, RECEIVED)])
    assert thread.buddy == "Carol Ede"


def test_threads_come_newest_activity_first() -> None:
    old = share(ASHA, BEN, 1)
    newer = share(CAROL, BEN, 3)
    late_reply = share(BEN, ASHA, 6, answers=old)
    found = threads([(old, RECEIVED), (newer, RECEIVED), (late_reply, SENT)])
    assert [t.root for t in found] == [old, newer]
    assert [t.latest for t in found] == [at(6), at(3)]


def test_a_reply_whose_share_is_unknown_starts_its_own_thread() -> None:
    missing = share(BEN, ASHA, 1)  # sent from another computer, say: not in this journal
    reply = share(ASHA, BEN, 2, answers=missing)
    reply_to_reply = share(BEN, ASHA, 3, answers=reply)
    [thread] = threads([(reply, RECEIVED), (reply_to_reply, SENT)])
    assert thread.root == reply
    assert thread.replies == 1


def test_replies_to_replies_reach_the_first_share() -> None:
    chain = [share(ASHA, BEN, 1)]
    for day in range(2, 12):
        sender, recipient = (BEN, ASHA) if day % 2 == 0 else (ASHA, BEN)
        chain.append(share(sender, recipient, day, answers=chain[-1]))
    items = [(p, SENT if p.sender == BEN else RECEIVED) for p in reversed(chain)]
    [thread] = threads(items)
    assert [i.payload for i in thread.items] == chain


def test_a_loop_of_replies_is_one_thread_and_ends() -> None:
    """Only forged shares could answer each other in a circle; they must not hang the app."""
    a = share(ASHA, BEN, 1)
    b = share(ASHA, BEN, 2, answers=a)
    a_looped = replace(a, in_reply_to=ReplyTo(b.share_id, uuid.uuid4()))
    tail = share(ASHA, BEN, 3, answers=b)
    for order in ([a_looped, b, tail], [tail, b, a_looped], [b, tail, a_looped]):
        [thread] = threads([(p, RECEIVED) for p in order])
        assert thread.root == a_looped  # the oldest of the loop
        assert [i.payload for i in thread.items] == [a_looped, b, tail]


def test_a_share_listed_twice_counts_once() -> None:
    first = share(ASHA, BEN, 1)
    [thread] = threads([(first, RECEIVED), (first, RECEIVED)])
    assert thread.items[0].payload == first and thread.replies == 0


def test_reply_by_stands_until_something_is_sent_back() -> None:
    first = share(ASHA, BEN, 1, reply_by=date(2025, 12, 8))
    [thread] = threads([(first, RECEIVED)])
    assert thread.reply_by == date(2025, 12, 8)
    answer = share(BEN, ASHA, 3, answers=first)
    [thread] = threads([(first, RECEIVED), (answer, SENT)])
    assert thread.reply_by is None
    asks_again = share(ASHA, BEN, 4, answers=answer, reply_by=date(2025, 12, 20))
    [thread] = threads([(first, RECEIVED), (answer, SENT), (asks_again, RECEIVED)])
    assert thread.reply_by == date(2025, 12, 20)
    [thread] = threads([(share(ASHA, BEN, 1), RECEIVED)])
    assert thread.reply_by is None


def test_what_you_asked_of_your_buddy_is_not_a_date_for_you() -> None:
    mine = share(BEN, ASHA, 1, reply_by=date(2025, 12, 8))
    [thread] = threads([(mine, SENT)])
    assert thread.reply_by is None
