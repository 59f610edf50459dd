"""The guided yearly review: a new reflection whose parts ask the yearly prompts.

The questions come from the built-in pack "The yearly self-review", taken through
Fillmore's sage, historian and biographer in turn, two through each lens. The
reflection is saved like any other; its tag links it to the year it looks back on.
"""

from __future__ import annotations

from prompts.builtin import builtin_packs
from reflect.editing import EditorState
from reflect.frameworks import Lens
from reflect.model import Section
from reflect.prompt_library import Prompt, PromptPack

PACK_ID = "reflect-yearly-review"
LENSES = (Lens.SAGE, Lens.HISTORIAN, Lens.BIOGRAPHER)
PER_LENS = 2

# The questions chosen for each lens, in order; any missing from the pack are made up
# from the pack's other questions through that lens.
CHOSEN: dict[Lens, tuple[str, ...]] = {
    Lens.SAGE: ("yr-attention-least-and-the-cost", "yr-carry-forward"),
    Lens.HISTORIAN: ("yr-same-situation-new-clothes", "yr-intended-versus-happened"),
    Lens.BIOGRAPHER: ("yr-proud-of-unrecorded", "yr-learned-about-yourself"),
}


def review_title(year: int) -> str:
    return f"Looking back on {year}"


def review_tag(year: int) -> str:
    return f"yearly-review-{year}"


def yearly_pack() -> PromptPack:
    return next(pack for pack in builtin_packs() if pack.id == PACK_ID)


def guided_prompts(pack: PromptPack) -> list[tuple[Lens, Prompt]]:
    """Up to PER_LENS questions through each lens in LENSES, never one question twice."""
    chosen: list[tuple[Lens, Prompt]] = []
    used: set[str] = set()
    for lens in LENSES:
        named = [p for key in CHOSEN[lens] if (p := pack.prompt(key)) is not None]
        others = [p for p in pack.prompts if lens in p.lenses]
        taken = 0
        for prompt in [*named, *others]:
            if taken == PER_LENS:
                break
            if prompt.id in used or lens not in prompt.lenses:
                continue
            chosen.append((lens, prompt))
            used.add(prompt.id)
            taken += 1
    return chosen


def guided_review_state(year: int) -> EditorState:
    """A new reflection answering the yearly prompts about `year`, ready for the editor."""
    sections = tuple(
        Section("", lens=lens, prompt=prompt.text, prompt_id=prompt.key)
        for lens, prompt in guided_prompts(yearly_pack())
    )
    return EditorState(title=review_title(year), sections=sections, tags=review_tag(year))
