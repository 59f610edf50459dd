"""What a share will hold, without a screen: parts, names and their replacements, the file name."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from reflect.errors import ReflectError
from reflect.frameworks import Lens
from reflect.model import NewReflection, Reflection, Section
from reflect.people import Organisation, Person
from reflect.share_privacy import Finding, KnownName
from reflect.sharing import MAX_NOTE, ReplyTo
from reflect.sharing import Party as _Party
from storage.buddies import Buddy
from storage.vault import Vault
from ui.share_plan import (
    MARK,
    NameChoice,
    Selection,
    ShareRequest,
    buddy_label,
    check_names,
    default_reply_by,
    first_words,
    known_names,
    matches,
    name_choices,
    names_in_note,
    note_problem,
    part_label,
    parts_of,
    preview_html,
    replaced_text,
    replacements,
    reply_link,
    send,
    send_warning,
    shared_copy,
    suggested_file_name,
    with_label,
)

WHEN = datetime(2026, 5, 7, 9, 30, tzinfo=UTC)


def reflection(*sections: Section, title: str = "Board away day", **labels: object) -> Reflection:
    return NewReflection(sections=sections, title=title, happened_at=WHEN, **labels).build()  # type: ignore[arg-type]


def board() -> Reflection:
    return reflection(
        Section("Amy from the ICB pushed back hard on the discharge money."),
        Section("I stayed curious rather than defensive.", Lens.BIOGRAPHER),
        Section("Ask Amy Clarke before proposing; it changes the room.", Lens.SAGE),
        Section("And keep the room small.", Lens.SAGE),
        people=["Amy Clarke"],
    )


AMY = KnownName("Amy Clarke", "person", role="Director of Adult Social Care")


# --- parts -----------------------------------------------------------------------------------


def test_parts_are_one_per_lens_in_order_with_their_opening_words() -> None:
    parts = parts_of(board())
    assert [(p.lens, p.sections) for p in parts] == [
        (None, 1),
        (Lens.BIOGRAPHER, 1),
        (Lens.SAGE, 2),
    ]
    assert [p.label for p in parts] == [
        "No particular lens",
        "The biographer's portrait",
        "The sage's learning",
    ]
    assert parts[2].opening == (
        "Ask Amy Clarke before proposing; it changes the room. And keep the…"
    )
    assert len({part_label(lens) for lens in [*Lens, None]}) == len(Lens) + 1


def test_first_words_cut_long_text_with_an_ellipsis() -> None:
    assert first_words("one  two\nthree", 5) == "one two three"
    assert first_words("one two three four", 2) == "one two…"
    assert first_words("") == ""


def test_a_selection_sends_only_the_ticked_parts_and_leaves_out_unticked_reflections() -> None:
    first, other = board(), reflection(Section("Short."), title="Huddle")
    selection = Selection([first, other])
    assert [r.id for r in selection.outgoing()] == [first.id, other.id]
    assert selection.summary() == "2 reflections"
    selection.tick(first.id, None, False)
    selection.tick(first.id, Lens.BIOGRAPHER, False)
    selection.tick_all(other.id, False)
    [only] = selection.outgoing()
    assert [s.text for s in only.sections] == [
        "Ask Amy Clarke before proposing; it changes the room.",
        "And keep the room small.",
    ]
    assert only.id == first.id and only.title == first.title
    assert selection.summary() == "1 reflection (1 of its 3 parts)"
    assert selection.is_ticked(first.id, Lens.SAGE) and not selection.is_ticked(first.id, None)
    assert selection.ticked_count(first.id) == 1
    selection.tick_all(first.id, False)
    assert selection.outgoing() == []
    assert not selection.add(first)  # already on offer
    assert len(selection.reflections) == 2


# --- names ------------------------------------------------------------------------------------


def test_the_directory_becomes_known_names() -> None:
    people = [Person(uuid.uuid4(), "Amy Clarke", role="Director")]
    organisations = [Organisation(uuid.uuid4(), "Northshire County Council")]
    assert known_names(people, organisations) == [
        KnownName("Amy Clarke", "person", role="Director"),
        KnownName("Northshire County Council", "organisation"),
    ]


def test_directory_names_are_replaced_by_default_and_unknown_names_are_not() -> None:
    found = [
        Finding("Amy Clarke", "person", 2, "a director"),
        Finding("Priya Raman", "unknown", 1, "someone"),
    ]
    choices = name_choices(found)
    assert [(c.replace, c.label, c.kind_text) for c in choices] == [
        (True, "a director", "person in your directory"),
        (False, "someone", "a name in the text"),
    ]
    assert replacements(choices) == {"Amy Clarke": "a director"}
    # Choices made before are kept, matched by name however it is spelt.
    again = name_choices(
        [Finding("amy clarke", "person", 1, "a director")],
        [NameChoice(found[0], False, "a partner")],
    )
    assert [(c.finding.count, c.replace, c.label) for c in again] == [(1, False, "a partner")]


def test_typing_a_replacement_ticks_the_name_and_a_blank_one_falls_back() -> None:
    unknown = NameChoice(Finding("Priya Raman", "unknown", 1, "someone"), False, "someone")
    typed = with_label(unknown, "  a   GP ")
    assert (typed.replace, typed.label) == (True, "a GP")
    assert with_label(typed, "a GP") is typed
    blank = with_label(typed, "")
    assert replacements([blank]) == {"Priya Raman": "someone"}


def test_the_shared_copy_replaces_names_and_leaves_the_original_alone() -> None:
    original = board()
    choices = check_names([original], [AMY])
    amy = next(c for c in choices if c.finding.name == "Amy Clarke")
    assert amy.replace and amy.label == "a director"
    [copy] = shared_copy([original], [amy])
    assert "Amy Clarke" not in repr(copy)
    assert copy.sections[2].text == "Ask a director before proposing; it changes the room."
    assert copy.people == ("a director",)
    assert original.sections[2].text.startswith("Ask Amy Clarke")  # unchanged
    assert original.people == ("Amy Clarke",)
    untouched = shared_copy([original], [NameChoice(amy.finding, False, "x")])
    assert untouched == [original]


def test_a_note_naming_someone_being_replaced_is_caught() -> None:
    amy = NameChoice(Finding("Amy Clarke", "person", 1, "a colleague"), True, "a colleague")
    assert names_in_note("Ask AMY  Clarke's team?", [amy]) == ["Amy Clarke"]  # folded

    assert names_in_note("Amy Clarkeson", [amy]) == []
    assert names_in_note("amy clarke", [NameChoice(amy.finding, False, "")]) == []


def test_the_preview_escapes_everything() -> None:
    r = reflection(
        Section("<b>bold</b> & <script>x</script>\n\nSecond <i>para</i>", Lens.SAGE),
        title="<img src=x>",
        tags=["a<b"],
    )
    html = preview_html([r], note="<hr> note")
    assert "<script>" not in html and "<img" not in html and "<b>bold" not in html
    assert "&lt;script&gt;" in html and "&lt;img src=x&gt;" in html
    assert "&lt;hr&gt; note" in html
    assert "The sage&#x27;s learning" in html
    assert "7 May 2026" in html
    assert "a&lt;b" in html


# --- the rest ---------------------------------------------------------------------------------


def test_suggested_file_names_use_the_buddys_first_name() -> None:
    day = date(2026, 5, 21)
    assert suggested_file_name("Ben Hughes", day) == "reflect-share-ben-2026-05-21.age"
    assert suggested_file_name("Siân O'Neil", day) == "reflect-share-siân-2026-05-21.age"
    assert suggested_file_name("../../etc", day) == "reflect-share-etc-2026-05-21.age"
    assert suggested_file_name("   ", day) == "reflect-share-buddy-2026-05-21.age"


def test_small_rules() -> None:
    assert default_reply_by(date(2026, 12, 25)) == date(2027, 1, 8)
    assert note_problem("x" * MAX_NOTE) is None
    assert note_problem("x" * (MAX_NOTE + 1)) == (
        "The note is 2,001 characters; the limit is 2,000."
    )
    assert send_warning("Ben Hughes") == (
        "Once you send the file you cannot take it back. Only Ben Hughes and you can open it."
    )
    party = _Party("Ben Hughes", "age1x", b"k" * 32)
    buddy = Buddy(uuid.uuid4(), party, WHEN)
    assert buddy_label(buddy) == "Ben Hughes (not verified)"
    assert buddy_label(Buddy(buddy.id, party, WHEN, WHEN)) == "Ben Hughes"


def test_only_a_share_of_one_reflection_goes_as_a_reply() -> None:
    one, two = board(), reflection(Section("More."))
    link = ReplyTo(uuid.uuid4(), uuid.uuid4())
    asked: list[uuid.UUID] = []

    def lookup(rid: uuid.UUID) -> ReplyTo:
        asked.append(rid)
        return link

    assert reply_link([one], lookup) == link and asked == [one.id]
    assert reply_link([one, two], lookup) is None


def test_searching_recent_reflections_matches_every_word() -> None:
    r = reflection(Section("Discharge money."), title="Board away day", people=["Amy Clarke"])
    assert matches(r, "")
    assert matches(r, "board DISCHARGE")
    assert matches(r, "amy")
    assert not matches(r, "board huddle")


def test_sending_nothing_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    with pytest.raises(ReflectError, match="Tick at least one part"):
        send(None, ShareRequest(uuid.uuid4(), ()), tmp_path / "x.age")  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_the_preview_highlights_only_the_replacements() -> None:
    original = board()
    amy = check_names([original], [AMY])[0]
    copy = shared_copy([original], [amy])
    html = preview_html(copy, before=[original])
    assert f"ask {MARK}a director</span> before proposing" in html.replace("Ask", "ask")
    assert f"<b>People:</b> {MARK}a director</span>" in html
    assert html.count(MARK) == 2  # the sage's sentence and the label; nothing else
    assert MARK not in preview_html([original], before=[original])


def test_the_send_step_says_how_many_names_are_replaced() -> None:
    found = Finding("Amy Clarke", "person", 1, "a colleague")
    assert replaced_text([NameChoice(found, True, "a colleague")]).startswith(
        "1 name is replaced in the copy your buddy receives"
    )
    assert replaced_text([NameChoice(found, False, "")]).startswith("No names are replaced")


def test_the_summary_counts_parts_across_reflections() -> None:
    first, other = board(), reflection(Section("Short."), title="Huddle")
    selection = Selection([first, other])
    selection.tick(first.id, None, False)
    assert selection.summary() == "2 reflections (3 of their 4 parts)"


def test_a_renamed_persons_old_name_is_still_found(vault: Vault) -> None:
    """The directory's old spellings count: a rename must not let the old name leak."""
    from reflect.model import NewReflection, Section
    from reflect.share_privacy import find_names

    vault.add(NewReflection(sections=(Section("Met Amy Clarke."),), people=["Amy Clarke"]))
    person = vault.directory.find_person("Amy Clarke")
    assert person is not None
    vault.directory.rename("person", person.id, "Dr Amy Shah")
    known = known_names(
        (s.person for s in vault.directory.people()),
        vault.directory.organisations(),
        vault.directory.aliases(),
    )
    old_text = vault.add(NewReflection(sections=(Section("Amy Clarke said no again."),)))
    assert any(f.name.casefold() == "amy clarke" for f in find_names([old_text], known))
