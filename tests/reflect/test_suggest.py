from __future__ import annotations

import random
import time
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reflect.after_meeting import QUESTIONS
from reflect.frameworks import Lens, Way
from reflect.suggest import Suggestion, suggest

IDS = [q.id for q in QUESTIONS]
FELT = "after-meeting/how-it-felt"


def answers(*lines: str) -> dict[str, str]:
    return dict(zip(IDS, lines, strict=False))


def run(written: dict[str, str]) -> Suggestion:
    """What the capture dialog does: all the answers as one text, and the answers by question."""
    return suggest("\n\n".join(a for a in written.values() if a.strip()), written)


@dataclass(frozen=True)
class Capture:
    name: str
    lines: tuple[str, ...]
    includes: frozenset[Way]
    lens: Lens | None
    first: Way | None = None
    excludes: frozenset[Way] = frozenset()


# One line per question, as leaders write them in the ten minutes after a meeting:
# what happened, what I did, what others did, how it felt, what was avoided, what next.
CAPTURES = [
    Capture(
        "discharge huddle",
        (
            "Another discharge huddle going round in circles; forty patients fit and still stuck.",
            "I pushed for a decision on the trusted assessor pilot; we agreed to start in March.",
            "The council's head of adult social care was defensive; the ward manager backed me.",
            "Frustrated, then relieved we finally decided something.",
            "Nobody mentioned that home care providers can't recruit.",
            "- Draft the pilot terms with the council\n- Chase the workforce data",
        ),
        frozenset({Way.DOING, Way.FEELING}),
        None,
    ),
    Capture(
        "council budget meeting",
        (
            "Council budget scrutiny: a £14m gap and adult social care took the biggest cut.",
            "I set out the evidence on prevention and asked them to model the knock-on costs.",
            "The finance director questioned the figures; two councillors seemed to be listening.",
            "Tense but clear-headed.",
            "Nobody asked what happens upstream if early help goes.",
            "Get the analysts to model the knock-on effect across the system before cabinet.",
        ),
        frozenset({Way.THINKING, Way.PERCEIVING}),
        Lens.AERIAL_PHOTOGRAPHER,
        first=Way.THINKING,
        excludes=frozenset({Way.BEING}),
    ),
    Capture(
        "tense ICS board",
        (
            "ICS board on the urgent care plan; it got heated over who owns the overspend.",
            "I held my tongue when the acute trust blamed primary care, then named it calmly.",
            "Partners retreated into their own organisations; nobody trusted the numbers.",
            "Angry, and anxious that the relationships we built last year are fraying.",
            "The elephant in the room: the system can't afford four hospitals.",
            "Ring Priya to rebuild trust before the next board.",
        ),
        frozenset({Way.RELATING, Way.FEELING}),
        Lens.AERIAL_PHOTOGRAPHER,
        first=Way.RELATING,
    ),
    Capture(
        "a good conversation with the GP federation lead",
        (
            "Coffee with Sam, the GP federation lead, to talk about frailty.",
            "Mostly I listened and asked what would make the work easier for her practices.",
            "She opened up about how stretched her colleagues are, and offered to co-host.",
            "Warm and hopeful, for once.",
            "We didn't get to money, which will matter later.",
            "Invite Sam to co-design the frailty workshop",
        ),
        frozenset({Way.RELATING, Way.PERCEIVING, Way.FEELING}),
        None,
        first=Way.RELATING,
        excludes=frozenset({Way.BEING}),
    ),
    Capture(
        "running on empty",
        (
            "Fourth back-to-back board this week; I barely followed the finance paper.",
            "I said yes to chairing another task and finish group when I should have said no.",
            "People were kind but I could see they noticed I was flat.",
            "Exhausted. I'm running on empty and sleeping badly.",
            "That I always say yes; it says something about me I need to face.",
            "Block Friday afternoon; talk to my coach about saying no.",
        ),
        frozenset({Way.BEING, Way.FEELING}),
        Lens.BIOGRAPHER,
        first=Way.BEING,
        excludes=frozenset({Way.THINKING}),
    ),
    Capture(
        "safeguarding partnership review",
        (
            "Safeguarding partnership review of the latest case.",
            "I asked us to look back at how the same issues came up in the 2019 review.",
            "Police and health colleagues were candid about what got lost when the CCGs merged.",
            "Sad; this has a long history.",
            "We keep avoiding the question of who owns the front door.",
            "Pull together the history of the three previous reviews",
        ),
        frozenset({Way.RELATING, Way.PERCEIVING}),
        Lens.HISTORIAN,
    ),
    Capture(
        "stroke services consultation",
        (
            "Consultation briefing on moving stroke services out of the district hospital.",
            "I tried to tell the story from patients' point of view, not the estate's.",
            "The MP's office has already settled on a narrative: the NHS is closing our hospital.",
            "Nervous about the headlines.",
            "We haven't said plainly that the current service isn't safe.",
            "Work with comms on a story local people will recognise.",
        ),
        frozenset({Way.FEELING}),
        Lens.STORY_TELLER,
    ),
    Capture(
        "a pilot that did not deliver",
        (
            "Closing review of the social prescribing pilot; it didn't deliver the savings.",
            "I presented the results honestly rather than dressing them up.",
            "The board were more generous than I expected.",
            "Disappointed, but calm.",
            "Whether we set the pilot up to fail by measuring the wrong thing.",
            "Next time I will agree the measures with partners at the start.\n"
            "Write up the lessons for the programme.",
        ),
        frozenset({Way.DOING, Way.FEELING}),
        Lens.SAGE,
        first=Way.DOING,
    ),
    Capture(
        "watching the dementia programme board",
        (
            "Programme board on the dementia pathway.",
            "I stepped back and watched rather than chairing hard.",
            "The voluntary sector reps went quiet whenever the budget came up; I noticed it.",
            "Curious more than anxious.",
            "What's really going on is that the charities fear losing their grants.",
            "Ask the Age UK lead for a one-to-one.",
        ),
        frozenset({Way.PERCEIVING}),
        None,
        first=Way.PERCEIVING,
    ),
    Capture(
        "making sense of rising A&E attendances",
        (
            "Workshop to map why A&E attendances keep rising.",
            "I tried to make sense of the data and sketched the causes on the whiteboard.",
            "The public health consultant questioned my assumptions about frequent attenders.",
            "Engaged, if a bit lost in the analysis.",
            "Whether this is a wicked problem we keep treating as a tame one.",
            "Agree two hypotheses we can test by June.",
        ),
        frozenset({Way.THINKING}),
        None,
        first=Way.THINKING,
        excludes=frozenset({Way.FEELING, Way.BEING}),
    ),
    Capture(
        "the whole system on one page",
        (
            "Place-based partnership meeting on hospital discharge flow.",
            "I drew the whole system on one page: wards, social care, care homes, community teams.",
            "Each organisation was optimising its own part; the bigger picture got lost.",
            "Oddly calm, watching from the balcony.",
            "The silos are the problem, not any one partner.",
            "Share the map with all partners before the next meeting",
        ),
        frozenset({Way.PERCEIVING, Way.RELATING}),
        Lens.AERIAL_PHOTOGRAPHER,
    ),
    Capture(
        "telling my own story at the away day",
        (
            "Leadership away day; we each told how we came into public service.",
            "I talked about my mum being a home carer and why that still drives me.",
            "A director I find hard said it changed how she sees me.",
            "Exposed, then strangely lighter.",
            "How much of my career I have spent proving something to myself.",
            "",
        ),
        frozenset({Way.FEELING}),
        Lens.BIOGRAPHER,
        first=Way.FEELING,
        excludes=frozenset({Way.THINKING, Way.RELATING}),
    ),
]


@pytest.mark.parametrize("capture", CAPTURES, ids=[c.name for c in CAPTURES])
def test_realistic_captures(capture: Capture) -> None:
    found = run(answers(*capture.lines))
    assert capture.includes <= set(found.ways), found
    assert not capture.excludes & set(found.ways), found
    assert found.lens is capture.lens, found
    if capture.first is not None:
        assert found.ways[0] is capture.first, found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I felt anxious.", Way.FEELING),
        ("I noticed it.", Way.PERCEIVING),
        ("It is complex.", Way.THINKING),
        ("I trust them.", Way.RELATING),
        ("We agreed to do it.", Way.DOING),
        ("I'm exhausted.", Way.BEING),
        ("It says a lot about me.", Lens.BIOGRAPHER),
        ("Looking back, yes.", Lens.HISTORIAN),
        ("The bigger picture.", Lens.AERIAL_PHOTOGRAPHER),
        ("The story we tell.", Lens.STORY_TELLER),
        ("The lesson here.", Lens.SAGE),
    ],
)
def test_one_clear_cue_is_enough(text: str, expected: Way | Lens) -> None:
    found = suggest(text)
    if isinstance(expected, Way):
        assert found.ways == (expected,)
    else:
        assert found.lens is expected and found.ways == ()


def test_one_weak_word_is_not_enough() -> None:
    for text in ("I think so.", "We met the council.", "It was fine.", "Still the same."):
        assert suggest(text) == Suggestion((), None, {}), text


def test_empty_text_suggests_nothing() -> None:
    for text in ("", "   \n\n\t", "— … !!! 123", "The meeting was on Tuesday at 10."):
        assert suggest(text) == Suggestion((), None, {}), text
    assert run(answers("", "", "", "")) == Suggestion((), None, {})


def test_reasons_name_the_words_as_written() -> None:
    found = suggest("Honestly? I felt Anxious all day and I'm so tired.")
    assert Way.FEELING in found.ways
    assert {"felt", "Anxious"} <= set(found.reasons[Way.FEELING])
    assert "tired" in found.reasons[Way.BEING]


def test_reasons_cover_exactly_what_was_suggested() -> None:
    found = suggest(
        "Looking back over the years, trust between the partners has grown; I noticed "
        "how much calmer the council was. We agreed to pilot it."
    )
    assert found.lens is Lens.HISTORIAN
    assert set(found.reasons) == {*found.ways, Lens.HISTORIAN}
    assert found.reasons[Lens.HISTORIAN][:2] == ("Looking back", "over the years")
    assert {"trust", "partners"} <= set(found.reasons[Way.RELATING])
    assert all(found.reasons[key] for key in found.reasons)


def test_phrases_are_reported_whole() -> None:
    found = suggest("The story we tell about this place is changing.")
    assert found.lens is Lens.STORY_TELLER
    assert found.reasons[Lens.STORY_TELLER] == ("The story we tell",)
    found = suggest("Nobody mentioned the elephant in the room.")
    assert found.ways == (Way.PERCEIVING,)
    assert found.reasons[Way.PERCEIVING] == ("Nobody mentioned", "elephant in the room")


def test_at_most_three_ways_strongest_first() -> None:
    found = suggest(
        "I felt anxious and afraid and upset. I noticed the silence and listened. "
        "The data is complex. Trust between partners is low. We agreed to act and decided. "
        "I'm exhausted and sleeping badly."
    )
    assert len(found.ways) == 3
    assert len(set(found.ways)) == 3
    assert found.ways[0] is Way.FEELING  # the most evidence
    assert set(found.reasons) <= {*found.ways, *Lens}


def test_matching_ignores_case_and_curly_apostrophes() -> None:
    assert suggest("ANXIOUS").ways == suggest("anxious").ways == (Way.FEELING,)
    curly, straight = (
        suggest("I’m exhausted; the council’s partners"),
        suggest("I'm exhausted; the council's partners"),
    )
    assert (
        (curly.ways, curly.lens)
        == (straight.ways, straight.lens)
        == ((Way.RELATING, Way.BEING), None)
    )
    assert curly.reasons[Way.RELATING] == ("partners", "council’s")  # as written


@pytest.mark.parametrize("word", ["frustrated", "frustrating", "frustration", "Frustrations"])
def test_inflections_count(word: str) -> None:
    assert suggest(f"A lot of {word} today.").ways == (Way.FEELING,)


def test_whole_words_only() -> None:
    assert suggest("I entrusted the paperwork to the panel.").ways == ()
    assert suggest("The partnerships team").ways == suggest("The partnership team").ways
    assert suggest("Unnoticed and unobserved").ways == ()


def test_negation_still_counts_as_writing_about_it() -> None:
    assert suggest("I was not anxious, not worried and not upset.").ways == (Way.FEELING,)


def test_the_trust_as_an_organisation_is_not_trust_the_feeling() -> None:
    assert Way.RELATING in suggest("I trust her now, after that conversation.").ways
    assert suggest("The trust's board signed nothing.").ways == ()
    assert suggest("We set up a trusted assessor scheme at the acute trust.").reasons == {}


def test_a_one_word_feeling_does_not_outweigh_a_paragraph_about_partners() -> None:
    written = {
        IDS[0]: (
            "Long session with partners from the council, the trust and the voluntary sector "
            "on rebuilding trust after the winter: we talked about the relationships, who we can "
            "rely on, and how to work together as allies rather than rivals."
        ),
        FELT: "fine",
    }
    found = run(written)
    assert found.ways[0] is Way.RELATING
    assert Way.FEELING not in found.ways


def test_a_substantial_feelings_answer_tips_a_faint_feeling() -> None:
    text = "Tense all the way through, and it stayed with me on the train home."
    assert Way.FEELING not in suggest(text).ways
    assert Way.FEELING not in suggest(text, {FELT: "tense"}).ways
    found = suggest(text, {FELT: text})
    assert Way.FEELING in found.ways
    assert found.reasons[Way.FEELING] == ("Tense",)


def test_a_question_alone_never_suggests_a_way() -> None:
    text = "Like shouting into the wind for an hour while everyone checked their screens."
    assert suggest(text, {q.id: text for q in QUESTIONS}).ways == ()


def test_answers_in_any_order_give_the_same_suggestion() -> None:
    written = answers(*CAPTURES[2].lines)
    text = "\n\n".join(written.values())
    reordered = dict(reversed(list(written.items())))
    assert suggest(text, written) == suggest(text, reordered) == suggest(text, written)


def test_two_thousand_words_are_quick() -> None:
    rng = random.Random(7)
    words = " ".join(line for c in CAPTURES for line in c.lines).split()
    text = " ".join(rng.choice(words) for _ in range(2000))
    best = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        suggest(text)
        best = min(best, time.perf_counter() - started)
    # About 3 ms on a development machine; the margin allows for a busy test runner.
    assert best < 0.05


@settings(max_examples=100, deadline=None)
@given(
    st.text(max_size=400),
    st.dictionaries(st.sampled_from([*IDS, "other/question"]), st.text(max_size=60), max_size=4),
)
def test_never_raises_and_at_most_three_distinct_ways(
    text: str, by_question: dict[str, str]
) -> None:
    found = suggest(text, by_question)
    assert len(found.ways) <= 3
    assert len(set(found.ways)) == len(found.ways)
    assert found.lens is None or isinstance(found.lens, Lens)
    assert set(found.reasons) == {*found.ways, *([found.lens] if found.lens else [])}
    assert all(found.reasons[key] for key in found.reasons)
    assert all(reason.strip() for reasons in found.reasons.values() for reason in reasons)


@settings(max_examples=50, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "anxious",
                "trust",
                "noticed",
                "data",
                "agreed",
                "tired",
                "the",
                "story",
                "looking back",
                "next time",
                "system",
                "my career",
                "?",
                "not",
                "I'm",
            ]
        ),
        max_size=40,
    )
)
def test_cue_soup_never_breaks_the_rules(words: list[str]) -> None:
    found = suggest(" ".join(words))
    assert len(found.ways) <= 3
    assert all(found.reasons[w] for w in found.ways)
