"""The privacy check before sharing: finding names, neutral labels, redacted copies."""

from __future__ import annotations

import copy
import re
import uuid
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reflect.model import Reflection, Section, validated
from reflect.share_privacy import Finding, KnownName, find_names, neutral_label, redacted

WHEN = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

AMY = KnownName("Amy Shah", "person", "Director of Adult Social Care", aliases=("Amy",))
PETER = KnownName("Peter O'Neill", "person", "Chief Executive")
NCC = KnownName("Northshire County Council", "organisation", aliases=("NCC",))
NORTHSHIRE = KnownName("Northshire", "organisation")
TRUST = KnownName("Northshire Hospitals NHS Foundation Trust", "organisation")
DIRECTORY = (AMY, PETER, NCC, NORTHSHIRE, TRUST)


def reflection(
    *texts: str,
    title: str = "",
    tags: tuple[str, ...] = (),
    people: tuple[str, ...] = (),
    organisations: tuple[str, ...] = (),
    prompt: str | None = None,
    n: int = 1,
) -> Reflection:
    return validated(
        Reflection(
            id=uuid.UUID(int=n),
            happened_at=WHEN,
            written_at=WHEN,
            edited_at=WHEN,
            title=title,
            sections=tuple(Section(t, prompt=prompt) for t in texts) or (Section(""),),
            tags=tags,
            people=people,
            organisations=organisations,
        )
    )


def names_pattern(name: str) -> re.Pattern[str]:
    """A name in the word-boundary sense, in any case and spacing."""
    body = r"\s+".join(re.escape(word) for word in name.split())
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def everything_leaving(r: Reflection) -> list[str]:
    return [r.title, *(s.text for s in r.sections), *r.tags, *r.people, *r.organisations]


def remaining(reflections: list[Reflection], names: list[str]) -> list[str]:
    return [
        name
        for name in names
        for r in reflections
        for text in everything_leaving(r)
        if names_pattern(name).search(text)
    ]


def by_name(findings: list[Finding]) -> dict[str, Finding]:
    return {f.name.casefold(): f for f in findings}


def suggestions(findings: list[Finding]) -> dict[str, str]:
    return {f.name: f.suggestion for f in findings}


# --- acceptance ------------------------------------------------------------------------


def test_the_privacy_check_finds_every_directory_name_and_replaces_it_in_the_copy_only() -> None:
    leaving = [
        reflection(
            "Met AMY and peter o'neill from Northshire County Council. Amy's plan was bold.",
            "NCC wants the Northshire Hospitals NHS Foundation Trust to move first.",
            title="Board with amy shah",
            tags=("ncc", "discharge"),
            people=("Amy Shah", "Peter O’Neill"),
            organisations=("Northshire County Council",),
            n=1,
        ),
        reflection("Northshire feels stuck; amy agrees.", people=("Amy",), n=2),
    ]
    before = copy.deepcopy(leaving)

    findings = find_names(leaving, DIRECTORY)
    found = by_name(findings)

    assert found["amy"] == Finding("AMY", "person", 4, "a director")
    assert found["amy shah"] == Finding("amy shah", "person", 2, "a director")
    assert found["peter o'neill"] == Finding("peter o'neill", "person", 2, "a chief executive")
    assert found["northshire county council"].count == 2
    assert found["ncc"] == Finding("NCC", "organisation", 2, "the council")
    assert found["northshire hospitals nhs foundation trust"].suggestion == "the trust"
    assert found["northshire"] == Finding("Northshire", "organisation", 1, "an organisation")
    assert all(f.kind != "unknown" for f in findings)

    shared = redacted(leaving, suggestions(findings))

    every_spelling = [s for k in DIRECTORY for s in (k.name, *k.aliases)]
    assert remaining(shared, every_spelling) == []
    assert remaining(leaving, every_spelling) != []
    assert leaving == before  # the originals are unchanged
    assert [r.id for r in shared] == [r.id for r in leaving]
    assert shared[0].title == "Board with a director"
    assert shared[0].sections[0].text == (
        "Met a director and a chief executive from the council. A director's plan was bold."
    )
    assert shared[0].sections[1].text == "The council wants the trust to move first."
    assert shared[0].tags == ("the council", "discharge")
    assert shared[0].people == ("a director", "a chief executive")
    assert shared[0].organisations == ("the council",)
    assert shared[1].sections[0].text == "An organisation feels stuck; a director agrees."
    assert shared[1].people == ("a director",)


@st.composite
def invented_names(draw: st.DrawFn) -> str:
    """Names made of syllables that are no English word and no label word."""
    syllables = st.sampled_from(["zor", "vak", "quil", "bren", "dax", "mor", "tel", "ish", "pru"])
    words = draw(
        st.lists(
            st.lists(syllables, min_size=2, max_size=3).map(lambda s: "".join(s).capitalize()),
            min_size=1,
            max_size=3,
        )
    )
    return " ".join(words)


filler = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=40,
)
spelling_of = st.sampled_from([str.lower, str.upper, str.title, lambda s: s])


@settings(max_examples=60, deadline=None)
@given(
    known=st.lists(
        st.builds(
            KnownName,
            name=invented_names(),
            kind=st.sampled_from(["person", "organisation"]),
            role=st.sampled_from(["", "Director of Public Health", "GP lead"]),
            aliases=st.lists(invented_names(), max_size=1).map(tuple),
        ),
        min_size=1,
        max_size=4,
        unique_by=lambda k: k.name.casefold(),
    ),
    data=st.data(),
)
def test_after_redaction_with_the_suggestions_no_directory_name_remains(
    known: list[KnownName], data: st.DataObject
) -> None:
    spellings = [s for k in known for s in (k.name, *k.aliases)]

    def text_with_names() -> str:
        pieces = [data.draw(filler)]
        for _ in range(data.draw(st.integers(0, 3))):
            name = data.draw(spelling_of)(data.draw(st.sampled_from(spellings)))
            name = name.replace(" ", data.draw(st.sampled_from([" ", "  ", "\n"])))
            possessive = data.draw(st.sampled_from(["", "'s", "’s"]))
            pieces += [" ", name, possessive, " ", data.draw(filler)]
        return "".join(pieces)

    leaving = [
        reflection(
            text_with_names(),
            text_with_names(),
            title=text_with_names()[:300] or "untitled",
            tags=tuple(data.draw(st.lists(st.sampled_from(spellings), max_size=2))),
            people=tuple(data.draw(st.lists(st.sampled_from(spellings), max_size=2))),
            organisations=tuple(data.draw(st.lists(st.sampled_from(spellings), max_size=2))),
            n=i,
        )
        for i in range(2)
    ]
    before = copy.deepcopy(leaving)

    findings = find_names(leaving, known)
    shared = redacted(leaving, suggestions(findings))

    assert remaining(shared, spellings) == []
    assert leaving == before
    directory_keys = {" ".join(s.split()).casefold() for s in spellings}
    for f in findings:
        if f.name.casefold() in directory_keys:
            assert f.kind != "unknown"
    assert find_names(leaving, known) == findings  # deterministic


# --- finding directory names -----------------------------------------------------------


def test_longer_directory_names_win_over_the_names_inside_them() -> None:
    leaving = [
        reflection("Northshire County Council met in Northshire. northshire county council!")
    ]
    found = by_name(find_names(leaving, DIRECTORY))
    assert found["northshire county council"].count == 2
    assert found["northshire"].count == 1
    shared = redacted(
        leaving, {"Northshire": "the place", "Northshire County Council": "the council"}
    )
    assert shared[0].sections[0].text == "The council met in the place. The council!"


@pytest.mark.parametrize(
    "text",
    [
        "I spoke to amy today.",
        "AMY was there.",
        "It was Amy's idea.",
        "It was Amy’s idea.",
        "(Amy) and 'Amy' and “Amy”.",
        "Amy\nShah came late.",
        "Amy  Shah came late.",
        "**Amy** agreed.",
        "- Amy",
    ],
)
def test_directory_names_are_found_in_any_case_spacing_or_possessive(text: str) -> None:
    findings = find_names([reflection(text)], [AMY])
    assert [f.kind for f in findings] == ["person"]
    assert remaining(redacted([reflection(text)], suggestions(findings)), ["Amy"]) == []


def test_directory_names_are_not_found_inside_other_words() -> None:
    ann = KnownName("Ann", "person")
    leaving = [reflection("The annual plan; Anne and Joanna; Banner; Ann2 and ann_x.")]
    assert [f for f in find_names(leaving, [ann]) if f.kind == "person"] == []


def test_a_hyphen_does_not_hide_a_directory_name() -> None:
    leaving = [reflection("a Northshire-wide plan, ex-NCC staff")]
    found = by_name(find_names(leaving, DIRECTORY))
    assert found["northshire"].count == 1
    assert found["ncc"].count == 1


def test_label_lists_always_count_even_when_the_text_never_names_them() -> None:
    leaving = [reflection("A quiet day.", people=("Amy Shah",), organisations=("NCC",))]
    found = by_name(find_names(leaving, DIRECTORY))
    assert found["amy shah"].count == 1
    assert found["ncc"].kind == "organisation"


def test_a_label_the_directory_does_not_know_is_still_reported_with_its_kind() -> None:
    leaving = [
        reflection("A quiet day.", people=("Bob Jones",), organisations=("Westshire Trust",))
    ]
    found = by_name(find_names(leaving, DIRECTORY))
    assert found["bob jones"] == Finding("Bob Jones", "person", 1, "a colleague")
    assert found["westshire trust"] == Finding("Westshire Trust", "organisation", 1, "the trust")


def test_a_title_in_the_directory_name_is_optional_in_the_text() -> None:
    dr = KnownName("Dr Amy Shah", "person", "GP lead")
    leaving = [reflection("Dr. Amy Shah came, then dr amy shah left; later amy shah rang.")]
    findings = find_names(leaving, [dr])
    assert {f.name.casefold(): f.count for f in findings} == {
        "dr. amy shah": 1,
        "dr amy shah": 1,
        "amy shah": 1,
    }
    assert {f.suggestion for f in findings} == {"a GP lead"}
    assert remaining(redacted(leaving, suggestions(findings)), ["Amy Shah"]) == []


def test_prompts_are_ours_and_are_not_scanned() -> None:
    leaving = [reflection("Nothing much.", prompt="What would Amy Shah say?")]
    assert find_names(leaving, DIRECTORY) == []


# --- capitalised names the directory does not know -------------------------------------


def test_capitalised_names_mid_sentence_are_found_as_unknown() -> None:
    leaving = [
        reflection(
            "We met Priya Patel and Tom from Westshire Council. "
            "I spoke to Cllr O'Neill and Dr. J. Smith-Jones about the University of Eastshire."
        )
    ]
    findings = find_names(leaving, DIRECTORY)
    assert all(f.kind == "unknown" for f in findings)
    assert {f.name: f.suggestion for f in findings} == {
        "Priya Patel": "someone",
        "Tom": "someone",
        "Westshire Council": "the council",
        "Cllr O'Neill": "a councillor",
        "Dr. J. Smith-Jones": "someone",
        "University of Eastshire": "the university",
    }


def test_a_lone_word_starting_a_sentence_is_skipped_unless_it_recurs_mid_sentence() -> None:
    alone = [reflection("Priya was late. Tired today.\n\n- Sam agreed\n# Budget")]
    assert find_names(alone, DIRECTORY) == []

    recurs = [reflection("Priya was late.", n=1), reflection("I waited for Priya.", n=2)]
    assert find_names(recurs, DIRECTORY) == [Finding("Priya", "unknown", 2, "someone")]

    in_a_longer_name = [reflection("Priya Shah came. Priya spoke.")]
    assert by_name(find_names(in_a_longer_name, DIRECTORY))["priya"].count == 1


def test_a_lone_word_starting_a_sentence_counts_if_a_label_names_it() -> None:
    leaving = [reflection("Sam agreed.", people=("Sam Lee",))]
    assert by_name(find_names(leaving, DIRECTORY))["sam"].kind == "unknown"


def test_a_name_starting_a_sentence_with_more_words_is_found() -> None:
    assert find_names([reflection("Priya Patel was late.")], DIRECTORY) == [
        Finding("Priya Patel", "unknown", 1, "someone")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "We met on Monday and again in January.",
        "Then I said I'd help; I'm not sure I've done it.",
        "The NHS, the ICB, the CCG and our GP leads were there.",
        "It felt like Ways of Relating, through the Sage and the Aerial Photographer.",
        "I wrote it in Reflect after the Health and Wellbeing Board.",
        "The Chief Executive and the Director of Public Health agreed, via Teams.",
        "Back in the UK after Christmas; Covid-19 notes for A&E.",
        "A quick note. The end.",
    ],
)
def test_the_stop_list_keeps_ordinary_words_out(text: str) -> None:
    assert find_names([reflection(text)], DIRECTORY) == []


def test_directory_names_are_not_also_reported_as_unknown() -> None:
    findings = find_names([reflection("We saw Amy Shah and Peter O'Neill at NCC.")], DIRECTORY)
    assert [f.kind for f in findings] == ["person", "person", "organisation"]


def test_findings_are_sorted_people_then_organisations_then_unknown_by_count_then_name() -> None:
    leaving = [
        reflection(
            "met Zed and Yan; met Yan again; met Amy, Peter O'Neill and Peter O'Neill; "
            "NCC, NCC and the Northshire Hospitals NHS Foundation Trust."
        )
    ]
    assert [(f.kind, f.name) for f in find_names(leaving, DIRECTORY)] == [
        ("person", "Peter O'Neill"),
        ("person", "Amy"),
        ("organisation", "NCC"),
        ("organisation", "Northshire Hospitals NHS Foundation Trust"),
        ("unknown", "Yan"),
        ("unknown", "Zed"),
    ]


# --- redaction ---------------------------------------------------------------------------


def test_replacing_a_name_does_not_corrupt_other_words() -> None:
    leaving = [
        reflection(
            "Ann met Anne at the Annual review; ANN's note went to Joanna and Banner.",
            title="ann",
            tags=("Annual", "ann"),
        )
    ]
    shared = redacted(leaving, {"Ann": "a colleague"})[0]
    assert shared.sections[0].text == (
        "A colleague met Anne at the Annual review; a colleague's note went to Joanna and Banner."
    )
    assert shared.title == "A colleague"
    assert shared.tags == ("Annual", "a colleague")


def test_redaction_reads_naturally_after_an_article() -> None:
    shared = redacted(
        [reflection("the Northshire Hospitals NHS Foundation Trust is slow")],
        {"Northshire Hospitals NHS Foundation Trust": "the trust"},
    )
    assert shared[0].sections[0].text == "the trust is slow"


def test_labels_get_the_replacements_without_repeats() -> None:
    leaving = [
        reflection(
            "x", people=("Amy Shah", "Peter O'Neill", "Sam"), organisations=("NCC", "Northshire")
        )
    ]
    shared = redacted(
        leaving,
        {"Amy Shah": "a director", "Peter O'Neill": "a director", "NCC": "the council"},
    )[0]
    assert shared.people == ("a director", "Sam")
    assert shared.organisations == ("the council", "Northshire")


def test_redaction_with_nothing_to_replace_returns_equal_new_copies() -> None:
    leaving = [reflection("Amy came.", prompt="Who came?")]
    shared = redacted(leaving, {})
    assert shared == leaving
    assert shared[0] is not leaving[0]
    assert shared[0].sections[0].prompt == "Who came?"


def test_replacement_labels_are_not_themselves_replaced() -> None:
    shared = redacted([reflection("Amy met Bob.")], {"Amy": "Bob", "Bob": "someone"})
    assert shared[0].sections[0].text == "Bob met someone."


# --- neutral labels ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "label"),
    [
        ("Director of Adult Social Care", "a director"),
        ("Chief Executive", "a chief executive"),
        ("Chief Executive Officer, Northshire Trust", "a chief executive officer"),
        ("CEO", "a chief executive"),
        ("GP lead", "a GP lead"),
        ("Councillor", "a councillor"),
        ("Cabinet Member for Adult Social Care", "a cabinet member"),
        ("Interim Director of Finance", "an interim director"),
        ("Head of Commissioning", "a head of service"),
        ("Northshire lead for dementia", "a lead"),
        ("MP", "an MP"),
        ("A&E consultant", "an A&E consultant"),
        ("Enabler", "an enabler"),
        ("Chair (Health and Wellbeing Board)", "a chair"),
        ("", "a colleague"),
        ("Northshire", "a colleague"),
    ],
)
def test_a_person_is_labelled_by_a_short_form_of_their_role(role: str, label: str) -> None:
    assert neutral_label(KnownName("Amy Shah", "person", role), "person") == label


def test_a_person_without_a_role_is_a_colleague_or_a_councillor() -> None:
    assert neutral_label("Amy Shah", "person") == "a colleague"
    assert neutral_label("Cllr Bob Jones", "person") == "a councillor"


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("Northshire County Council", "the council"),
        ("Eastshire Borough Council", "the council"),
        ("Northshire Hospitals NHS Foundation Trust", "the trust"),
        ("Westshire Community Trust", "the trust"),
        ("University Hospitals of Northshire NHS Trust", "the trust"),
        ("NHS Northshire ICB", "the ICB"),
        ("Northshire Integrated Care Board", "the ICB"),
        ("Northshire CCG", "the CCG"),
        ("Northshire Police", "the police"),
        ("University of Northshire", "the university"),
        ("Northshire University", "the university"),
        ("St Mary's Hospital", "the hospital"),
        ("Northshire Council for Voluntary Service", "a voluntary organisation"),
        ("Age UK Northshire", "a voluntary organisation"),
        ("Northshire Food Bank (a registered charity)", "a voluntary organisation"),
        ("Northshire Health and Wellbeing Board", "the board"),
        ("Acme Consulting", "an organisation"),
    ],
)
def test_an_organisation_is_labelled_by_the_words_in_its_name(name: str, label: str) -> None:
    assert neutral_label(name, "organisation") == label
    assert neutral_label(KnownName(name, "organisation"), "organisation") == label


def test_an_organisation_alias_can_supply_the_label() -> None:
    ncc = KnownName("NCC", "organisation", aliases=("Northshire County Council",))
    assert neutral_label(ncc, "organisation") == "the council"


def test_an_unknown_name_is_someone_unless_it_reads_as_an_organisation() -> None:
    assert neutral_label("Priya Patel", "unknown") == "someone"
    assert neutral_label("Westshire Council", "unknown") == "the council"
    assert neutral_label("Cllr Jones", "unknown") == "a councillor"


def test_an_unknown_kind_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="kind"):
        neutral_label("Amy", "place")
