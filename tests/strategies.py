"""Hypothesis strategies for valid reflections, shared by the round-trip tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from reflect import timeutil
from reflect.export_format import ExportedReflection, JournalExport
from reflect.export_records import BY_NAME, RECORD_LISTS, Field, RecordList, encode
from reflect.frameworks import Lens, Way
from reflect.model import Reflection, Section, validated
from reflect.people import fold

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


# --- whole journals as exported (reflect.export_format, version 2) -----------------------

plain_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=40
)


def _value(field: Field, refs: dict[str, list[str]]) -> st.SearchStrategy[Any]:
    kind = field.kind
    strategy: st.SearchStrategy[Any]
    if field.choices:
        strategy = st.sampled_from(field.choices)
    elif kind == "text":
        strategy = plain_text
    elif kind == "int":
        strategy = st.integers(field.low if field.low is not None else 0, field.high or 40)
    elif kind == "bool":
        strategy = st.booleans()
    elif kind == "moment":
        strategy = aware_datetimes().map(timeutil.to_text)
    elif kind == "date":
        strategy = st.dates(date(1990, 1, 1), date(2080, 12, 31)).map(date.isoformat)
    elif kind == "uuid":
        strategy = st.uuids().map(str)
    elif kind == "base64":
        strategy = st.binary(max_size=48).map(encode)
    elif kind == "texts":
        strategy = st.lists(label, max_size=3)
    elif kind == "uuids":
        strategy = st.lists(st.uuids().map(str), max_size=3)
    elif kind == "ints":
        strategy = st.lists(st.integers(0, 30), max_size=4, unique=True).map(sorted)
    else:
        assert kind == "records"
        strategy = st.lists(_record(field.of, refs, ""), max_size=2)
    return st.none() | strategy if field.nullable else strategy


def _record(
    fields: tuple[Field, ...], refs: dict[str, list[str]], list_name: str
) -> st.SearchStrategy[dict[str, Any]]:
    spec = BY_NAME.get(list_name)
    pointing = dict(spec.refers) if spec else {}
    parts: dict[str, st.SearchStrategy[Any]] = {}
    for field in fields:
        target = pointing.get(field.name)
        if target is None:
            parts[field.name] = _value(field, refs)
        elif field.kind == "uuids":
            parts[field.name] = (
                st.lists(st.sampled_from(refs[target]), unique=True, max_size=3).map(sorted)
                if refs[target]
                else st.just([])
            )
        else:
            parts[field.name] = st.sampled_from(refs[target])
    return st.fixed_dictionaries(parts)


# Beyond each list's key, what the journal's tables hold once only.
_ALSO_UNIQUE: dict[str, Any] = {
    "contacts": lambda r: (r["kind"], fold(r["name"])),
    "storylines": lambda r: fold(r["name"]),
    "buddies": lambda r: r["signing_key"],
    # Two meetings with one calendar key are one calendar event: the journal keeps one.
    "meetings": lambda r: r["id"] if r["calendar_key"] is None else r["calendar_key"],
}


def _record_list(spec: RecordList, refs: dict[str, list[str]]) -> st.SearchStrategy[list[Any]]:
    if any(not refs[target] for field, target in spec.refers if field.endswith("_id")):
        return st.just([])
    keyed: list[Any] = [lambda r, key=spec.key: tuple(r[k] for k in key)] if spec.key else []
    if spec.name in _ALSO_UNIQUE:
        keyed.append(_ALSO_UNIQUE[spec.name])
    return st.lists(
        _record(spec.fields, refs, spec.name),
        max_size=spec.most if spec.most is not None else 3,
        unique_by=tuple(keyed) if keyed else None,
    )


@st.composite
def journal_exports(draw: st.DrawFn, with_secrets: bool = False) -> JournalExport:
    """A valid export: reflections with history and trash, and every other record list."""
    current = draw(st.lists(reflections(), max_size=4, unique_by=lambda r: r.id))
    items = [
        ExportedReflection(
            r,
            history=tuple(
                replace(old, id=r.id) for old in draw(st.lists(reflections(), max_size=2))
            ),
            deleted_at=draw(st.none() | aware_datetimes().map(lambda d: d.astimezone(UTC))),
        )
        for r in current
    ]
    refs: dict[str, list[str]] = {"reflections": [str(r.id) for r in current]}
    records: dict[str, list[Any]] = {}
    for spec in RECORD_LISTS:
        if spec.secret and not with_secrets:
            records[spec.name] = []
            continue
        records[spec.name] = draw(_record_list(spec, refs))
        if spec.key == ("id",):
            refs[spec.name] = [r["id"] for r in records[spec.name]]
    # An alias is a folded spelling, and each belongs to one entry only.
    taken: set[tuple[str, str]] = set()
    for contact in records["contacts"]:
        aliases = []
        for alias in map(fold, contact["also_known_as"]):
            if alias and (contact["kind"], alias) not in taken:
                taken.add((contact["kind"], alias))
                aliases.append(alias)
        contact["also_known_as"] = sorted(aliases)  # the journal keeps them in order
    # Rating ids are unique across the directory; the journal lists each person's by time.
    rating_ids: set[str] = set()
    for contact in records["contacts"]:
        ratings = [r for r in contact["ratings"] if r["id"] not in rating_ids]
        rating_ids.update(r["id"] for r in ratings)
        contact["ratings"] = sorted(
            ratings, key=lambda r: (timeutil.to_micros(timeutil.from_text(r["rated_at"])), r["id"])
        )
    return JournalExport(items, records)
