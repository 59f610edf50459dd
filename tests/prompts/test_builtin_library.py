"""Acceptance 1: every built-in prompt validates, and the library covers the frameworks."""

from __future__ import annotations

from collections import Counter
from importlib import resources

import pytest

from prompts.builtin import builtin_packs
from prompts.pack_format import read_pack
from reflect.frameworks import KolbStage, Lens, Way
from reflect.prompt_library import BUILTIN_PREFIX, Moment

PACK_FILES = sorted(
    entry.name
    for entry in (resources.files("prompts") / "packs").iterdir()
    if entry.name.endswith(".toml")
)


@pytest.mark.parametrize("name", PACK_FILES)
def test_each_built_in_pack_validates_and_names_its_sources(name: str) -> None:
    data = (resources.files("prompts") / "packs" / name).read_bytes()
    pack = read_pack(data, name, builtin=True).pack
    assert pack.id == name.removesuffix(".toml")
    assert pack.id.startswith(BUILTIN_PREFIX)
    assert pack.sources, f"{name} names no sources"
    assert pack.description
    assert pack.signer is None and pack.schedule is None


def test_at_least_150_prompts_each_fully_tagged() -> None:
    prompts = [p for pack in builtin_packs() for p in pack.prompts]
    assert len(prompts) >= 150
    for p in prompts:
        assert p.ways and p.lenses and p.stage and p.moments, p.key
        assert len(p.text) <= 300, p.key  # short, as a colleague would ask


def test_every_way_at_every_kolb_stage_and_every_lens_has_three_prompts() -> None:
    prompts = [p for pack in builtin_packs() for p in pack.prompts]
    cells = Counter((way, p.stage) for p in prompts for way in p.ways)
    thin = [(w.value, s.value) for w in Way for s in KolbStage if cells[(w, s)] < 3]
    assert thin == []
    lenses = Counter(lens for p in prompts for lens in p.lenses)
    assert all(lenses[lens] >= 3 for lens in Lens), lenses


def test_every_moment_and_topic_is_covered() -> None:
    prompts = [p for pack in builtin_packs() for p in pack.prompts]
    moments = Counter(m for p in prompts for m in p.moments)
    assert all(moments[m] >= 10 for m in Moment), moments
    topics = {pack.id for pack in builtin_packs()}
    assert {
        "reflect-six-ways",
        "reflect-five-lenses",
        "reflect-ways-of-learning",
        "reflect-after-meeting",
        "reflect-before-meeting",
        "reflect-trust-and-agreement",
        "reflect-grow",
        "reflect-skilled-helper",
        "reflect-balcony",
        "reflect-three-beliefs",
        "reflect-light-bulbs-and-setbacks",
        "reflect-yearly-review",
    } <= topics


def test_no_question_is_asked_twice() -> None:
    texts = Counter(
        " ".join(p.text.casefold().split()) for pack in builtin_packs() for p in pack.prompts
    )
    assert [t for t, n in texts.items() if n > 1] == []
