"""The authoring window's state, without widgets: a form in, a `PromptPack` and its problems out.

The window only copies what is typed into a `PackForm`; everything that decides
something (the id a title suggests, a new prompt's id, what a leader would see,
whether the pack would be accepted) lives here, so a test can reach it without
a screen. A pack is "ready" exactly when the file we would write reads back
with `read_pack`: the same check a leader's Reflect makes on import.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar

from prompts.pack_errors import PackError
from prompts.pack_format import read_pack
from prompts.pack_writer import pack_to_toml
from reflect.frameworks import KolbStage, Lens, Way
from reflect.prompt_library import Every, Moment, Prompt, PromptPack, Schedule

MAX_ID = 60  # the format's longest pack or prompt id
READY = "Ready to save"

_T = TypeVar("_T")


@dataclass(eq=True)
class PromptForm:
    """One prompt as it is being written; ways and lenses keep the order they were ticked."""

    id: str
    text: str = ""
    ways: tuple[Way, ...] = ()
    lenses: tuple[Lens, ...] = ()
    stage: KolbStage | None = None
    moments: frozenset[Moment] = frozenset()
    day: int | None = None  # only written when the schedule is by day of the programme


@dataclass(eq=True)
class PackForm:
    title: str = ""
    author: str = ""
    id: str = ""
    version: int = 1
    description: str = ""
    sources: tuple[str, ...] = ()
    every: Every | None = None
    count: int | None = None
    prompts: list[PromptForm] = field(default_factory=list)
    # An opened pack whose schedule names its own order of prompts keeps it; None: list order.
    schedule_order: tuple[str, ...] | None = None

    def copy(self) -> PackForm:
        """A snapshot that later edits cannot reach (prompts are mutable)."""
        return PackForm(
            self.title,
            self.author,
            self.id,
            self.version,
            self.description,
            self.sources,
            self.every,
            self.count,
            [replace(p) for p in self.prompts],
            self.schedule_order,
        )


# --- ids ----------------------------------------------------------------------------


def slugify(title: str) -> str:
    """ "The first month!" -> "the-first-month": the pack id a title suggests."""
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.casefold()).strip("-")
    return slug[:MAX_ID].rstrip("-")


def new_prompt_id(taken: Iterable[str]) -> str:
    """ "prompt-N", counting on from the number of prompts, skipping any id already used."""
    used = set(taken)
    n = len(used) + 1
    while f"prompt-{n}" in used:
        n += 1
    return f"prompt-{n}"


def new_prompt(form: PackForm) -> PromptForm:
    """An empty prompt with a unique id; by day of the programme, the day after the last."""
    prompt = PromptForm(new_prompt_id(p.id for p in form.prompts))
    if form.every is Every.PROGRAMME_DAY:
        prompt.day = min(max((p.day or 0 for p in form.prompts), default=0) + 1, 366)
    return prompt


def number_days(form: PackForm) -> None:
    """Number the prompts 1, 2, 3 … when none has a day, so a programme schedule offers them."""
    if any(p.day is not None for p in form.prompts):
        return
    for n, prompt in enumerate(form.prompts[:366], start=1):
        prompt.day = n


def rename_prompt(form: PackForm, prompt: PromptForm, new_id: str) -> None:
    """Change a prompt's id, and keep a schedule's own order pointing at it."""
    if form.schedule_order is not None:
        form.schedule_order = tuple(new_id if i == prompt.id else i for i in form.schedule_order)
    prompt.id = new_id


def toggled(items: tuple[_T, ...], item: _T, on: bool) -> tuple[_T, ...]:
    """`items` with `item` added at the end or taken out; the rest keep their order."""
    kept = tuple(x for x in items if x != item)
    return (*kept, item) if on else kept


# --- to and from a pack ---------------------------------------------------------------


def to_pack(form: PackForm) -> PromptPack:
    """The pack the form describes, tidied as the format tidies it; not yet checked."""
    pack_id = form.id.strip()
    by_day = form.every is Every.PROGRAMME_DAY
    prompts = tuple(
        Prompt(
            pack_id=pack_id,
            id=p.id.strip(),
            text=p.text.strip(),
            ways=tuple(dict.fromkeys(p.ways)),
            lenses=tuple(dict.fromkeys(p.lenses)),
            stage=p.stage,
            moments=frozenset(p.moments),
            day=p.day if by_day else None,
        )
        for p in form.prompts
    )
    schedule = None
    if form.every is not None:
        ids = {p.id for p in prompts}
        order = (
            tuple(i for i in form.schedule_order if i in ids)
            if form.schedule_order is not None
            else default_order(prompts, form.every)
        )
        schedule = Schedule(form.every, order, form.count)
    return PromptPack(
        id=pack_id,
        title=form.title.strip(),
        author=form.author.strip(),
        version=form.version,
        prompts=prompts,
        description=form.description.strip(),
        sources=tuple(s.strip() for s in form.sources if s.strip()),
        schedule=schedule,
    )


def default_order(prompts: Sequence[Prompt], every: Every) -> tuple[str, ...]:
    """The order the format assumes when a schedule names none (docs/prompt-packs.md)."""
    if every is Every.PROGRAMME_DAY:
        dated = sorted((p for p in prompts if p.day is not None), key=lambda p: p.day or 0)
        return tuple(p.id for p in dated)
    return tuple(p.id for p in prompts)


def from_pack(pack: PromptPack) -> PackForm:
    schedule = pack.schedule
    order = None
    if schedule is not None and schedule.prompt_ids != default_order(pack.prompts, schedule.every):
        order = schedule.prompt_ids
    return PackForm(
        title=pack.title,
        author=pack.author,
        id=pack.id,
        version=pack.version,
        description=pack.description,
        sources=pack.sources,
        every=schedule.every if schedule else None,
        count=schedule.count if schedule else None,
        prompts=[
            PromptForm(p.id, p.text, p.ways, p.lenses, p.stage, p.moments, p.day)
            for p in pack.prompts
        ],
        schedule_order=order,
    )


def sources_from_text(text: str) -> tuple[str, ...]:
    """One source a line, blank lines left out."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


# --- checking -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Checked:
    """The file that would be written, or why it would be refused."""

    toml: str
    problems: tuple[str, ...]

    @property
    def ready(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        return READY if self.ready else "\n".join(self.problems)


def check(form: PackForm, name: str = "This pack") -> Checked:
    """Write the pack as a file and read it back as a leader's Reflect would."""
    try:
        text = pack_to_toml(to_pack(form))
    except (ValueError, TypeError) as exc:  # tomli_w refusing a value: never a traceback
        return Checked("", (f"The pack cannot be written as a file: {exc}",))
    try:
        read_pack(text.encode("utf-8"), name)
    except PackError as exc:
        # The author never sees the generated file, so its line numbers would only mislead.
        found = tuple(f"{p.where}: {p.message}" if p.where else p.message for p in exc.problems)
        return Checked(text, found or (f"{name} {exc.summary}",))
    return Checked(text, ())


# --- what the leader sees -------------------------------------------------------------


def attribution(form: PackForm) -> str:
    title = form.title.strip() or "Untitled pack"
    author = form.author.strip()
    return f"From “{title}” by {author}" if author else f"From “{title}”"


def tags(prompt: PromptForm, every: Every | None) -> str:
    """ "Day 3 · Ways of relating and thinking · Historian · Concrete experience · Weekly"."""
    parts = []
    if every is Every.PROGRAMME_DAY and prompt.day is not None:
        parts.append(f"Day {prompt.day}")
    if prompt.ways:
        parts.append(f"Ways of {_and([w.value for w in dict.fromkeys(prompt.ways)])}")
    parts += [lens.display_name for lens in dict.fromkeys(prompt.lenses)]
    if prompt.stage is not None:
        parts.append(prompt.stage.display_name)
    parts += [m.display_name for m in Moment if m in prompt.moments]
    return " · ".join(parts)


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def list_label(prompt: PromptForm) -> str:
    """A prompt's first line of text, for the list of prompts."""
    first = next((line.strip() for line in prompt.text.splitlines() if line.strip()), "")
    return first or "No question yet"
