"""When an enabler's scheduled prompts fall due, counted from the day the leader started.

A step is one offer of one prompt on one day. A step stays due until the leader
answers it or moves on, or until the next step's day arrives: the newer step
then takes its place, so a leader back from leave sees this week's question,
not a queue of old ones.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta

from reflect.prompt_library import Every, Prompt, PromptPack


@dataclass(frozen=True, slots=True)
class Step:
    index: int  # position in the schedule, from 0; what "done" is recorded against
    on: date
    prompt: Prompt


def steps(pack: PromptPack, started_on: date) -> list[Step]:
    """Every step of the pack's schedule, in date order; empty for a pack without one.

    A programme-day schedule takes its prompts in day order, whatever order it names them in.
    """
    schedule = pack.schedule
    chosen = list(pack.scheduled_prompts())
    if schedule is None or not chosen:
        return []
    if schedule.every is Every.PROGRAMME_DAY:
        dated = sorted((p for p in chosen if p.day is not None), key=lambda p: p.day or 0)
        return [
            Step(i, started_on + timedelta(days=(p.day or 1) - 1), p) for i, p in enumerate(dated)
        ]
    count = schedule.count or len(chosen)
    first = started_on
    gap = 1
    weekday = schedule.every.weekday
    if weekday is not None:
        first = started_on + timedelta(days=(weekday - started_on.weekday()) % 7)
        gap = 7
    return [Step(i, first + timedelta(days=i * gap), chosen[i % len(chosen)]) for i in range(count)]


def due_step(pack: PromptPack, started_on: date, today: date, done: Collection[int]) -> Step | None:
    """The step to offer today: the latest whose day has come, unless it is done."""
    arrived = [s for s in steps(pack, started_on) if s.on <= today]
    if not arrived or arrived[-1].index in done:
        return None
    return arrived[-1]


def next_step(pack: PromptPack, started_on: date, today: date) -> Step | None:
    """The first step still to come after today, to say when the next question arrives."""
    return next((s for s in steps(pack, started_on) if s.on > today), None)
