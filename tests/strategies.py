"""Hypothesis strategies for valid reflections, shared by the round-trip tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from reflect.frameworks import Lens, Way
from reflect.model import Reflection, Section, validated

# Text a person might type, including emoji, accents, RTL and newlines, but no
# lone surrogates (they cannot be stored as UTF-8 and validation refuses them).
typed_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=300,
)
label = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=30
).filter(lambda s: s.strip() != "")

zones = st.sampled_from(
    [
        ZoneInfo("Europe/London"),
        ZoneInfo("America/New_York"),
        ZoneInfo("Asia/Kolkata"),
        UTC,
        timezone(timedelta(hours=-3, minutes=-30)),
    ]
)


@st.composite
def aware_datetimes(draw: st.DrawFn) -> datetime:
    naive = draw(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2080, 12, 31)))
    return naive.replace(tzinfo=draw(zones))


sections = st.builds(
    Section,
    text=typed_text,
    lens=st.none() | st.sampled_from(list(Lens)),
    prompt=st.none() | typed_text,
    prompt_id=st.none() | st.text(alphabet="abcdefghij-0123456789", min_size=1, max_size=20),
)


@st.composite
def reflections(draw: st.DrawFn) -> Reflection:
    section_list = draw(st.lists(sections, min_size=1, max_size=4))
    title = draw(st.text(max_size=80, alphabet=st.characters(blacklist_categories=("Cs",))))
    if not title.strip() and not any(s.text.strip() for s in section_list):
        title = "untitled"
    written = draw(aware_datetimes()).astimezone(UTC)
    return validated(
        Reflection(
            id=draw(st.uuids()),
            happened_at=draw(aware_datetimes()),
            written_at=written,
            edited_at=written + timedelta(seconds=draw(st.integers(0, 10**6))),
            title=title,
            sections=tuple(section_list),
            ways=frozenset(draw(st.sets(st.sampled_from(list(Way))))),
            tags=tuple(draw(st.lists(label, max_size=5))),
            starred=draw(st.booleans()),
            people=tuple(draw(st.lists(label, max_size=4))),
            organisations=tuple(draw(st.lists(label, max_size=3))),
            meeting_id=draw(st.none() | st.uuids()),
        )
    )
