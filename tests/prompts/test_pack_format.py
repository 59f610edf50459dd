"""Reading prompt packs: a good pack reads as written; each broken one is refused, clearly."""

from __future__ import annotations

import contextlib
import time

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prompts.pack_errors import PackError
from prompts.pack_format import MAX_PROMPTS, read_pack
from prompts.pack_writer import pack_to_toml
from reflect.frameworks import KolbStage, Lens, Way
from reflect.prompt_library import Every, Moment, Prompt, PromptPack, Schedule
from tests.prompts.packs import GOOD, replaced


def refused(text: str | bytes, name: str = "pack.toml") -> PackError:
    data = text.encode("utf-8") if isinstance(text, str) else text
    with pytest.raises(PackError) as caught:
        read_pack(data, name)
    assert "Traceback" not in str(caught.value)
    return caught.value


def test_a_pack_reads_as_its_author_wrote_it() -> None:
    pack = read_pack(GOOD.encode(), "first-month.toml").pack
    assert (pack.id, pack.title, pack.author, pack.version) == (
        "first-month",
        "The first month of the programme",
        "Sam Okafor",
        1,
    )
    assert pack.description == "Questions for the first weeks, one each Monday."
    assert [p.key for p in pack.prompts] == [
        "first-month/arrival",
        "first-month/the-knot",
        "first-month/one-step",
    ]
    knot = pack.prompts[1]
    # Names are forgiving about case, "ways of" and "the".
    assert knot.ways == (Way.THINKING,)
    assert knot.lenses == (Lens.SAGE,)
    assert knot.stage is KolbStage.CONCEPTUALISATION
    assert knot.moments == {Moment.WEEKLY, Moment.AFTER_MEETING}
    assert pack.schedule == Schedule(Every.MONDAY, ("arrival", "the-knot", "one-step"))
    assert pack.prompts[2].suits(Moment.YEARLY)  # no moments: any moment


def test_every_problem_is_listed_at_once_with_its_line_and_field() -> None:
    text = replaced("version = 1", 'version = "one"')
    text = replaced('ways = ["relating", "perceiving"]', 'ways = ["relatin"]', text)
    text = replaced('stage = "planning"', 'stage = "planing"\ncolour = "blue"', text)
    error = refused(text, "first-month.toml")
    lines = str(error).splitlines()
    assert lines[0] == "first-month.toml is not a valid prompt pack (4 problems):"
    assert lines[1:] == [
        "  line 6, version: should be a whole number",
        "  line 18, prompts 1, ways: unknown value 'relatin'; choose one of: feeling, "
        "perceiving, thinking, relating, doing, being",
        "  line 35, prompts 3, stage: unknown value 'planing'; choose one of: experience, "
        "observation, conceptualisation, planning",
        "  line 36, prompts 3, colour: is not part of the prompt pack format (check the spelling)",
    ]


# The corpus of broken packs: each is refused with a message of its own.
BROKEN = {
    "bad TOML": (replaced('title = "The first', "title = The first"), "is not valid TOML"),
    "unclosed string": (GOOD + 'text = "never ends\n', "is not valid TOML"),
    "wrong type": (replaced("version = 1", "version = 1.5"), "version: should be a whole number"),
    "list instead of text": (
        replaced('author = "Sam Okafor"', 'author = ["Sam", "Okafor"]'),
        "author: should be text in quotes",
    ),
    "unknown way": (replaced('ways = ["doing"]', 'ways = ["dancing"]'), "unknown value 'dancing'"),
    "unknown lens": (
        replaced('lenses = ["biographer"]', 'lenses = ["poet"]'),
        "unknown value 'poet'",
    ),
    "unknown moment": (
        replaced('moments = ["weekly"]', 'moments = ["fortnightly"]'),
        "unknown value 'fortnightly'",
    ),
    "missing title": (
        replaced('title = "The first month of the programme"\n', ""),
        "title: is missing",
    ),
    "future format": (replaced("format = 1", "format = 2"), "format: should be one of 1"),
    "empty question": (
        replaced(
            'text = "What is one small thing you could try before the next board?"', 'text = "   "'
        ),
        "prompts 3, text: is empty",
    ),
    "question too long": (
        replaced(
            '"What is one small thing you could try before the next board?"', f'"{"why " * 200}"'
        ),
        "prompts 3, text: is too long: at most 600 characters",
    ),
    "duplicate ids": (
        replaced('id = "one-step"', 'id = "arrival"'),
        "'arrival' is used by an earlier prompt",
    ),
    "bad id": (
        replaced('id = "first-month"', 'id = "First Month!"'),
        "id: should use only lower-case letters",
    ),
    "reserved id": (
        replaced('id = "first-month"', 'id = "reflect-six-ways"'),
        "kept for Reflect's own packs",
    ),
    "schedule names a missing prompt": (
        replaced('every = "monday"', 'every = "monday"\nprompts = ["arrival", "ghost"]'),
        "there is no prompt with id 'ghost'",
    ),
    "programme days without days": (
        replaced('every = "monday"', 'every = "programme-day"'),
        "no prompt has a day",
    ),
    "unknown weekday": (
        replaced('every = "monday"', 'every = "mondays"'),
        "schedule, every: should be one of",
    ),
    "no prompts": (GOOD.split("[[prompts]]")[0], "prompts: is missing"),
    "control character": (
        replaced("nobody owns yet?", "nobody owns yet?\\u0007"),
        "contains an invisible control character (U+0007)",
    ),
    "not UTF-8": ("version = 1\n".encode("utf-16"), "is not a text file in UTF-8"),
    "deeply nested": ("x = " + "[" * 100_000 + "]" * 100_000 + "\n", "nested too deeply"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_each_broken_pack_is_refused_with_its_own_message(case: str) -> None:
    text, expected = BROKEN[case]
    assert expected in str(refused(text))


def test_ten_megabytes_of_text_is_refused_before_it_is_read() -> None:
    huge = replaced('sources = ["', 'sources = ["' + "x" * 10_000_000)
    started = time.perf_counter()
    error = refused(huge)
    assert time.perf_counter() - started < 0.5
    assert "is 10.0 MB; a prompt pack may be at most 2.0 MB" in str(error)


def test_a_hundred_thousand_prompts_are_refused_by_count() -> None:
    prompts = ",".join('{id="a",text="b"}' for _ in range(100_000))
    head = GOOD.split("[schedule]")[0]
    error = refused(f"{head}prompts = [{prompts}]\n")
    assert f"has 100,000 prompts; a pack may hold at most {MAX_PROMPTS}" in str(error)


def test_one_bad_prompt_refuses_the_whole_pack() -> None:
    error = refused(replaced('stage = "planning"', 'stage = "later"'))
    assert len(error.problems) == 1 and "prompts 3" in str(error.problems[0])


# --- property-based: the parser never crashes, the writer round-trips ---------------


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2_000))
def test_any_bytes_are_read_or_refused_never_a_crash(data: bytes) -> None:
    with contextlib.suppress(PackError):
        read_pack(data)


@settings(max_examples=200)
@given(st.data())
def test_a_damaged_good_pack_is_read_or_refused_never_a_crash(data: st.DataObject) -> None:
    text = GOOD
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 12))
        insert = data.draw(st.text(alphabet='[]{}="\\#\n ,.abc1', max_size=6))
        text = text[:at] + insert + text[at + cut :]
    with contextlib.suppress(PackError):
        read_pack(text.encode("utf-8"))


toml_values = st.recursive(
    st.none().map(lambda _: "")
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(["id", "text", "ways", "x"]), children, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=200)
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "format",
                "id",
                "title",
                "author",
                "version",
                "prompts",
                "schedule",
                "signature",
                "extra",
            ]
        ),
        toml_values,
        max_size=8,
    )
)
def test_any_well_formed_toml_is_read_or_refused_never_a_crash(doc: dict[str, object]) -> None:
    try:
        read_pack(tomli_w.dumps(doc).encode("utf-8"))
    except PackError as exc:
        assert exc.problems or exc.summary


words = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=40
).filter(lambda s: s.strip() == s and s != "")
slugs = st.from_regex(r"[a-z0-9][a-z0-9-]{1,20}", fullmatch=True).filter(
    lambda s: not s.startswith("reflect-")
)


@st.composite
def packs(draw: st.DrawFn) -> PromptPack:
    pack_id = draw(slugs)
    ids = draw(
        st.lists(
            st.from_regex(r"[a-z0-9][a-z0-9-]{0,10}", fullmatch=True),
            min_size=1,
            max_size=6,
            unique=True,
        )
    )
    days = draw(st.booleans())
    prompts = tuple(
        Prompt(
            pack_id,
            i,
            draw(
                st.text(
                    alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.just("\n"),
                    min_size=1,
                    max_size=80,
                ).filter(lambda s: s.strip() == s and s)
            ),
            tuple(draw(st.lists(st.sampled_from(list(Way)), unique=True, max_size=3))),
            tuple(draw(st.lists(st.sampled_from(list(Lens)), unique=True, max_size=2))),
            draw(st.none() | st.sampled_from(list(KolbStage))),
            frozenset(draw(st.sets(st.sampled_from(list(Moment))))),
            draw(st.integers(1, 366)) if days else None,
        )
        for i in ids
    )
    schedule = None
    if draw(st.booleans()):
        every = (
            Every.PROGRAMME_DAY
            if days
            else draw(st.sampled_from([e for e in Every if e is not Every.PROGRAMME_DAY]))
        )
        order = tuple(draw(st.permutations(ids)))
        schedule = Schedule(every, order, draw(st.none() | st.integers(1, 20)))
    return PromptPack(
        pack_id,
        draw(words),
        draw(words),
        draw(st.integers(1, 1000)),
        prompts,
        description=draw(st.text(alphabet="abc \n\"'\\é", max_size=60)).strip(),
        sources=tuple(draw(st.lists(words, max_size=3))),
        schedule=schedule,
    )


@settings(max_examples=150)
@given(packs())
def test_written_packs_read_back_the_same(pack: PromptPack) -> None:
    assert read_pack(pack_to_toml(pack).encode("utf-8")).pack == pack
