"""The export format's schema and documentation agree with the code that writes and reads it."""

from __future__ import annotations

import copy
import json
import re
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reflect import export_format, export_records
from reflect.errors import ValidationError
from reflect.export_format import ExportedReflection, JournalExport
from reflect.frameworks import Lens, Way
from reflect.model import Reflection, Section, validated
from tests.docs import schema_records
from tests.strategies import journal_exports

DOCS = Path(__file__).resolve().parents[2] / "docs"
SCHEMA = json.loads((DOCS / "export-format.schema.json").read_text(encoding="utf-8"))
V1_SCHEMA = json.loads((DOCS / "export-format-v1.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
LONDON = ZoneInfo("Europe/London")


def example_document_text() -> str:
    text = (DOCS / "export-format.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```json\n(.*?)^```$", text, flags=re.DOTALL | re.MULTILINE)
    assert len(blocks) == 1, "export-format.md should hold exactly one ```json example"
    block: str = blocks[0]
    return block


# --- strategies ---------------------------------------------------------------

# Moments in a range a journal will meet; London times include both sides of
# each clock change (and the repeated hour in autumn), never the skipped hour.
_naive = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2060, 12, 31))
_fixed_offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda minutes: timezone(timedelta(minutes=minutes))
)
happened = st.one_of(
    st.datetimes(
        min_value=datetime(1990, 1, 1),
        max_value=datetime(2060, 12, 31),
        timezones=st.just(LONDON),
        allow_imaginary=False,
    ),
    st.builds(lambda d, tz: d.replace(tzinfo=tz), _naive, _fixed_offsets),
    st.builds(lambda d: d.replace(tzinfo=UTC), _naive),
)
# Reflect records these in UTC; an imported file may carry another fixed offset.
recorded = st.one_of(
    st.builds(lambda d: d.replace(tzinfo=UTC), _naive),
    st.builds(lambda d, tz: d.replace(tzinfo=tz), _naive, _fixed_offsets),
)

words = st.text(max_size=40)
labels = st.lists(st.text(min_size=1, max_size=30), max_size=4)
sections = st.builds(
    Section,
    text=st.one_of(st.just(""), st.text(max_size=200)),
    lens=st.none() | st.sampled_from(list(Lens)),
    prompt=st.none() | words,
    prompt_id=st.none() | st.from_regex(r"[a-z]{2,10}-[0-9]{2}", fullmatch=True),
)


@st.composite
def reflections(draw: st.DrawFn, reflection_id: uuid.UUID | None = None) -> Reflection:
    title = draw(words)
    body = draw(st.lists(sections, min_size=1, max_size=4))
    if not title.strip() and not any(s.text.strip() for s in body):
        # An empty reflection is invalid; keep the empty sections beside a written one.
        body.insert(draw(st.integers(0, len(body))), Section("Something worth noting."))
    written = draw(recorded)
    return validated(
        Reflection(
            id=reflection_id or draw(st.uuids()),
            happened_at=draw(happened),
            written_at=written,
            edited_at=written + draw(st.timedeltas(timedelta(0), timedelta(days=400))),
            title=title,
            sections=tuple(body),
            ways=frozenset(draw(st.sets(st.sampled_from(list(Way))))),
            tags=tuple(draw(labels)),
            starred=draw(st.booleans()),
            people=tuple(draw(labels)),
            organisations=tuple(draw(labels)),
            meeting_id=draw(st.none() | st.uuids()),
        )
    )


@st.composite
def exported(draw: st.DrawFn) -> ExportedReflection:
    current = draw(reflections())
    history = draw(st.lists(reflections(reflection_id=current.id), max_size=2))
    return ExportedReflection(
        reflection=current,
        history=tuple(history),
        deleted_at=draw(st.none() | recorded),
    )


@st.composite
def journals(draw: st.DrawFn) -> list[ExportedReflection]:
    items = draw(st.lists(exported(), max_size=4))
    return list({item.reflection.id: item for item in items}.values())


# --- (a) what the writer produces is what the schema describes ----------------


@settings(
    max_examples=50,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(items=journals(), exported_at=recorded)
def test_every_export_matches_the_schema_and_reads_back_the_same(
    items: list[ExportedReflection], exported_at: datetime
) -> None:
    document = export_format.to_document(items, exported_at=exported_at)
    VALIDATOR.validate(document)

    text = export_format.dumps(document)
    VALIDATOR.validate(json.loads(text))
    again = export_format.loads(text)

    assert again.reflections == items
    assert export_format.to_document(again.reflections, exported_at=exported_at) == document


@settings(
    max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(journal=journal_exports(with_secrets=True), with_secrets=st.booleans())
def test_every_record_list_matches_the_schema_and_reads_back_the_same(
    journal: JournalExport, with_secrets: bool
) -> None:
    document = export_format.to_document(
        journal.reflections, records=journal.records, with_secrets=with_secrets
    )
    VALIDATOR.validate(document)
    again = export_format.loads(export_format.dumps(document))
    for name in export_records.names(with_secrets):
        assert again.records[name] == journal.records[name], name
    if not with_secrets:
        assert "sharing_identity" not in document and "signing_identity" not in document


def test_the_schema_describes_exactly_the_record_lists_the_code_knows() -> None:
    # After changing reflect.export_records: python -m tests.docs.schema_records
    assert schema_records.rewrite(SCHEMA) == SCHEMA
    assert SCHEMA["$defs"]["uuid"] == V1_SCHEMA["$defs"]["uuid"]


def test_the_version_1_schema_is_kept_and_version_1_files_still_import() -> None:
    assert V1_SCHEMA["properties"]["version"]["const"] == 1
    document = json.loads(example_document_text())
    v1 = {k: document[k] for k in ("format", "exported_at", "reflections")} | {"version": 1}
    jsonschema.Draft202012Validator(V1_SCHEMA).validate(v1)
    journal = export_format.from_document(v1)
    assert [item.reflection.id for item in journal.reflections] == [
        uuid.UUID(r["id"]) for r in document["reflections"]
    ]
    assert journal.records == export_records.empty()


def test_an_export_without_history_says_so_and_keeps_the_current_versions() -> None:
    journal = export_format.from_document(json.loads(example_document_text()))
    document = export_format.to_document(journal.reflections, with_history=False)
    VALIDATOR.validate(document)
    assert document["with_history"] is False
    assert all(r["history"] == [] for r in document["reflections"])
    assert export_format.from_document(document).with_history is False


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_schema_names_exactly_the_ways_and_lenses_reflect_knows() -> None:
    assert SCHEMA["$defs"]["way"]["enum"] == [w.value for w in Way]
    assert SCHEMA["$defs"]["lens"]["enum"] == [lens.value for lens in Lens] + [None]


def test_the_schema_lists_exactly_the_fields_the_writer_writes() -> None:
    item = ExportedReflection(
        validated(
            Reflection(
                id=uuid.uuid4(),
                happened_at=datetime(2026, 4, 16, 14, tzinfo=LONDON),
                written_at=datetime(2026, 4, 16, 15, tzinfo=UTC),
                edited_at=datetime(2026, 4, 16, 15, tzinfo=UTC),
                title="A",
                sections=(Section("b"),),
            )
        )
    )
    document = export_format.to_document([item])
    reflection = document["reflections"][0]
    fields = SCHEMA["$defs"]["reflectionFields"]
    assert set(SCHEMA["required"]) == set(document)
    assert set(SCHEMA["properties"]) == set(export_format.to_document([item], with_secrets=True))
    assert set(fields["properties"]) == set(fields["required"])
    assert set(fields["properties"]) | {"deleted_at", "history"} == set(reflection)
    section = SCHEMA["$defs"]["section"]
    assert set(section["properties"]) == set(section["required"])
    assert set(section["properties"]) == set(reflection["sections"][0])


# --- (b) the documented example ----------------------------------------------


def test_the_documented_example_matches_the_schema_and_imports() -> None:
    text = example_document_text()
    document = json.loads(text)
    VALIDATOR.validate(document)

    items = export_format.loads(text).reflections
    assert [len(item.history) for item in items] == [1, 0]
    assert items[0].reflection.happened_at.tzinfo == LONDON
    assert items[1].deleted_at is not None


def test_the_documented_example_is_exactly_what_reflect_would_write() -> None:
    document = json.loads(example_document_text())
    journal = export_format.from_document(document)
    exported_at = datetime.fromisoformat(document["exported_at"])
    assert (
        export_format.to_document(journal.reflections, exported_at, records=journal.records)
        == document
    )


# --- (c) malformed files are refused, naming the field -----------------------

Mutation = Callable[[dict[str, Any]], None]


def _set(path: tuple[Any, ...], value: Any) -> Mutation:
    def mutate(document: dict[str, Any]) -> None:
        target: Any = document
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return mutate


def _delete(path: tuple[Any, ...]) -> Mutation:
    def mutate(document: dict[str, Any]) -> None:
        target: Any = document
        for step in path[:-1]:
            target = target[step]
        del target[path[-1]]

    return mutate


MALFORMED: list[tuple[str, Mutation, str]] = [
    ("wrong format name", _set(("format",), "someone-elses-journal"), "format"),
    ("newer version", _set(("version",), 3), "version"),
    ("version as text", _set(("version",), "1"), "version"),
    ("reflections not a list", _set(("reflections",), {}), "reflections"),
    ("missing title", _delete(("reflections", 0, "title")), "reflections[0].title"),
    ("title not text", _set(("reflections", 1, "title"), 7), "reflections[1].title"),
    ("unknown way", _set(("reflections", 0, "ways"), ["doing", "dreaming"]), "reflections[0].ways"),
    (
        "unknown lens",
        _set(("reflections", 0, "sections", 1, "lens"), "astronomer"),
        "reflections[0].sections[1].lens",
    ),
    (
        "bad date",
        _set(("reflections", 0, "happened_at"), "16/04/2026 2pm"),
        "reflections[0].happened_at",
    ),
    (
        "bad date in history",
        _set(("reflections", 0, "history", 0, "edited_at"), "yesterday"),
        "reflections[0].history[0].edited_at",
    ),
    ("bad trash date", _set(("reflections", 1, "deleted_at"), "soon"), "reflections[1].deleted_at"),
    ("bad id", _set(("reflections", 1, "id"), "not-an-id"), "reflections[1].id"),
    ("starred as text", _set(("reflections", 0, "starred"), "yes"), "reflections[0].starred"),
    ("missing sections", _delete(("reflections", 1, "sections")), "reflections[1].sections"),
    (
        "trust out of range",
        _set(("contacts", 0, "ratings", 0, "trust"), 11),
        "contacts[0].ratings[0].trust",
    ),
    (
        "unknown follow-up status",
        _set(("follow_ups", 0, "status"), "maybe"),
        "follow_ups[0].status",
    ),
    ("meetings not a list", _set(("meetings",), {}), "meetings"),
]


@pytest.mark.parametrize(
    ("mutate", "field"), [(m, f) for _, m, f in MALFORMED], ids=[name for name, _, _ in MALFORMED]
)
def test_a_malformed_file_is_refused_naming_the_field(mutate: Mutation, field: str) -> None:
    document = json.loads(example_document_text())
    mutate(document)

    with pytest.raises(ValidationError) as caught:
        export_format.loads(json.dumps(document))
    assert caught.value.field == field

    assert not VALIDATOR.is_valid(document), "the schema should refuse it too"


def test_an_unknown_time_zone_is_refused_naming_the_field() -> None:
    # The schema cannot know which zone names exist; the reader can.
    document = json.loads(example_document_text())
    document["reflections"][0]["time_zone"] = "Mars/Olympus_Mons"
    with pytest.raises(ValidationError) as caught:
        export_format.from_document(document)
    assert caught.value.field == "reflections[0].time_zone"


def test_the_same_id_twice_is_refused() -> None:
    document = json.loads(example_document_text())
    document["reflections"].append(copy.deepcopy(document["reflections"][0]))
    with pytest.raises(ValidationError) as caught:
        export_format.from_document(document)
    assert caught.value.field == "reflections[2].id"


def test_text_that_is_not_json_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        export_format.loads('{"format": "reflect-journal-export",')
    assert caught.value.field == "file"
