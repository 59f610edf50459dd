"""Saving an "after a meeting" capture: the meeting (if typed in), the reflection and
its follow-ups in one transaction, so a failure leaves none of them behind."""

from __future__ import annotations

from datetime import datetime

from reflect.meeting_capture import Capture, to_follow_ups, to_reflection
from reflect.model import Reflection
from storage import follow_ups, meetings
from storage.vault import Vault


def save_capture(vault: Vault, capture: Capture, now: datetime) -> Reflection:
    reflection = to_reflection(capture, now).build(now)
    with vault.writing() as conn:
        if capture.meeting is not None and meetings.find(conn, capture.meeting.id) is None:
            meetings.save(conn, capture.meeting)  # typed in during the capture
        reflection = vault.add_in(conn, reflection)
        for item in to_follow_ups(capture, reflection.id, now):
            follow_ups.add(conn, item)
    return reflection
