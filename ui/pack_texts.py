"""How prompt packs read to the leader: origins, schedules, counts and tags, in UK English.

Only wording lives here. What is due, what is next and who signed what are
decided by prompts/ and reflect/ (LibraryPack.due/.next, prompt_schedule.steps).
"""

from __future__ import annotations

from datetime import date

from prompts.library import LibraryPack, Origin
from reflect.prompt_library import Every, Moment, Prompt, PromptPack
from reflect.prompt_schedule import steps

WAITING = "A question is waiting"
FINISHED = "Finished"
NOT_STARTED = "Not started"


def count_text(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def long_day(day: date, today: date) -> str:
    """ "Monday 1 December"; the year only when it is not this year's."""
    text = f"{day:%A} {day.day} {day:%B}"
    return text if day.year == today.year else f"{text} {day.year}"


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def origin_text(lp: LibraryPack) -> str:
    """ "Built in", "Signed by Sam Okafor · K7QM-2XPA-9TDE-WB4N" or "Unsigned"."""
    signer = lp.pack.signer
    if lp.origin is Origin.SIGNED and signer is not None:
        return f"Signed by {signer.name} · {lp.fingerprint}"
    return lp.origin.value


def schedule_status(lp: LibraryPack, today: date) -> str:
    """Where the pack's schedule has got to; empty for a pack without one."""
    if lp.pack.schedule is None:
        return ""
    if lp.started_on is None:
        return NOT_STARTED
    if lp.due(today) is not None:
        return WAITING
    upcoming = lp.next(today)
    if upcoming is not None:
        return f"Next question {long_day(upcoming.on, today)}"
    return FINISHED


def schedule_phrase(pack: PromptPack) -> str:
    """What a schedule would do, for someone deciding whether to import the pack."""
    if pack.schedule is None:
        return "No schedule: its prompts are offered whenever they suit the moment."
    return f"{schedule_rhythm(pack)}, counting from the day you import it."


def schedule_progress(lp: LibraryPack, today: date) -> str:
    """ "One question each Monday (6 in all), started 24 November. Next question …"."""
    if lp.pack.schedule is None:
        return ""
    started = f", started {long_date(lp.started_on)}" if lp.started_on else ""
    return f"{schedule_rhythm(lp.pack)}{started}. {schedule_status(lp, today)}."


def schedule_rhythm(pack: PromptPack) -> str:
    """ "One question each Monday (3 in all)"; empty for a pack without a schedule."""
    schedule = pack.schedule
    if schedule is None:
        return ""
    # Counted from an arbitrary day: the number of steps does not depend on it.
    total = len(steps(pack, date(2000, 1, 3)))
    weekday = schedule.every.weekday
    if schedule.every is Every.DAY:
        rhythm = "One question a day"
    elif weekday is not None:
        rhythm = f"One question each {schedule.every.value.capitalize()}"
    else:
        rhythm = "Questions on set days of a programme"
    return f"{rhythm} ({total} in all)"


def prompt_tags(prompt: Prompt) -> str:
    """ "Day 3 · Ways of relating and thinking · Biographer · Concrete experience · Weekly"."""
    parts = []
    if prompt.day is not None:
        parts.append(f"Day {prompt.day}")
    if prompt.ways:
        parts.append(f"Ways of {_and([w.value for w in prompt.ways])}")
    parts += [lens.display_name for lens in prompt.lenses]
    if prompt.stage is not None:
        parts.append(prompt.stage.display_name)
    parts += [m.display_name for m in Moment if m in prompt.moments]
    return " · ".join(parts)


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
