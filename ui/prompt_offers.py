"""Gathering what the suggestion engine needs, and recording what the leader did with an offer.

The rules live in reflect.prompt_suggest; this only reads the journal (the
chosen packs, the last 30 days' balance, pins and hides, due schedule steps)
and writes the leader's answers back. One instance serves the editor; it
remembers the prompts skipped with "Another" until another reflection opens.
"""

from __future__ import annotations

import contextlib
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from prompts.library import LibraryPack, chosen_prompts, due_steps, library
from reflect import timeutil
from reflect.editing import EditorState
from reflect.errors import ReflectError
from reflect.prompt_library import Moment, Prompt
from reflect.prompt_suggest import Offer, Situation, Why, best, prompt_of_the_day
from storage import insights
from storage.vault import Vault

# A meeting that ended this recently, with nothing written about it yet, makes "now"
# the moment after a meeting.
RECENT_MEETING = timedelta(hours=3)


@dataclass(frozen=True, slots=True)
class DailyPrompt:
    prompt: Prompt
    pack_title: str


class PromptOffers:
    def __init__(self) -> None:
        self._skipped: set[str] = set()
        self._sitting: uuid.UUID | None = None
        self.current: Offer | None = None
        # What was last shown, kept here: browsing reflections should not write to the
        # journal each time. It is saved when the leader acts on an offer.
        self._last_shown: str | None = None

    # --- the editor's offer ----------------------------------------------------------

    def offer_for(
        self, vault: Vault, state: EditorState, now: datetime | None = None
    ) -> Offer | None:
        """The offer for the reflection in the editor; the same one until the leader acts."""
        if state.draft_id != self._sitting:
            self._sitting = state.draft_id
            self._skipped.clear()
            self.current = None
        if self.current is None:
            self.current = self._next(vault, state, now or timeutil.now())
        return self.current

    def another(self, vault: Vault, state: EditorState) -> Offer | None:
        if self.current is not None:
            self._skipped.add(self.current.prompt.key)
            vault.prompt_packs.note_offered(self.current.prompt.key)
        self.current = self._next(vault, state, timeutil.now())
        return self.current

    def never_again(self, vault: Vault, state: EditorState) -> Offer | None:
        if self.current is not None:
            vault.prompt_packs.set_hidden(self.current.prompt.key, True)
            self._done_with_step(vault, self.current)
        return self.another(vault, state)

    def set_pinned(self, vault: Vault, pinned: bool) -> None:
        if self.current is not None:
            vault.prompt_packs.set_pinned(self.current.prompt.key, pinned)

    def is_pinned(self, vault: Vault) -> bool:
        return (
            self.current is not None
            and self.current.prompt.key in vault.prompt_packs.marks().pinned
        )

    def answered(self, vault: Vault) -> Prompt | None:
        """The leader is writing an answer: a scheduled step is done; offer something else next."""
        offer, self.current = self.current, None
        if offer is None:
            return None
        self._skipped.add(offer.prompt.key)
        vault.prompt_packs.note_offered(offer.prompt.key)
        self._done_with_step(vault, offer)
        return offer.prompt

    def forget(self) -> None:
        self._last_shown = None
        self._skipped.clear()
        self._sitting = None
        self.current = None

    def _next(self, vault: Vault, state: EditorState, now: datetime) -> Offer | None:
        packs = library(vault.prompt_packs)
        offer = best(chosen_prompts(packs), self._situation(vault, packs, state, now))
        if offer is not None:
            self._last_shown = offer.prompt.key
        return offer

    def _situation(
        self, vault: Vault, packs: list[LibraryPack], state: EditorState, now: datetime
    ) -> Situation:
        today = now.astimezone(timeutil.local_zone()).date()
        marks = vault.prompt_packs.marks()
        with vault.reading() as conn:
            counts = insights.balance(conn, today).counts
        return Situation(
            today=today,
            moment=_moment(vault, state, now),
            way_counts=counts,
            lenses_used=frozenset(s.lens for s in state.sections if s.lens is not None),
            due=due_steps(packs, today),
            pinned=marks.pinned,
            hidden=marks.hidden,
            skipped=frozenset(self._skipped),
            last_offered=self._last_shown or marks.last_offered,
        )

    @staticmethod
    def _done_with_step(vault: Vault, offer: Offer) -> None:
        if offer.why is not Why.SCHEDULED:
            return
        today = timeutil.now().astimezone(timeutil.local_zone()).date()
        for lp in library(vault.prompt_packs):
            step = lp.due(today)
            if step is not None and step.prompt.key == offer.prompt.key:
                vault.prompt_packs.mark_step_done(lp.pack.id, step.index)


def _moment(vault: Vault, state: EditorState, now: datetime) -> Moment:
    if state.reflection_id is not None:
        with contextlib.suppress(ReflectError):
            if vault.get(state.reflection_id).meeting_id is not None:
                return Moment.AFTER_MEETING
    if vault.meetings.waiting(now - RECENT_MEETING, now):
        return Moment.AFTER_MEETING
    return Moment.WEEKLY


def daily_prompt(vault: Vault, today: date) -> DailyPrompt | None:
    """Today's question for the main window: a due scheduled step first, else the day's pick."""
    packs = library(vault.prompt_packs)
    titles = {p.key: lp.pack.title for lp in packs for p in lp.pack.prompts}
    due = due_steps(packs, today)
    hidden = vault.prompt_packs.marks().hidden
    due = [(title, step) for title, step in due if step.prompt.key not in hidden]
    if due:
        title, step = due[0]
        return DailyPrompt(step.prompt, title)
    prompt = prompt_of_the_day(chosen_prompts(packs), today, hidden)
    return DailyPrompt(prompt, titles[prompt.key]) if prompt else None
