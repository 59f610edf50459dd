"""Reading a prompt pack file (format 1, TOML): every problem at once, or a `PromptPack`.

The format is documented for enablers in docs/prompt-packs.md; keep the two in
step. Limits come first, so a hostile file is refused before it costs anything:
size before parsing, the number of prompts before validating each one.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from prompts.pack_errors import PackError, Problem, invalid
from prompts.pack_lines import LineFinder, describe_loc
from reflect.errors import ValidationError as FieldError
from reflect.frameworks import KolbStage, Lens, Way
from reflect.prompt_library import BUILTIN_PREFIX, Every, Moment, Prompt, PromptPack, Schedule

FORMAT = 1
MAX_BYTES = 2_000_000
MAX_PROMPTS = 500
ID_PATTERN = r"^[a-z0-9][a-z0-9-]{1,59}$"
PROMPT_ID_PATTERN = r"^[a-z0-9][a-z0-9-]{0,59}$"

Text120 = Annotated[str, Field(min_length=1, max_length=120)]


def _no_control_characters(value: str, allowed: str) -> None:
    for ch in value:
        if (ch < " " or "\x7f" <= ch < "\xa0" or ch in "\u2028\u2029") and ch not in allowed:
            raise ValueError(f"contains an invisible control character (U+{ord(ch):04X})")
        if "\ud800" <= ch <= "\udfff":
            raise ValueError("contains a broken character")


def _parse_all(values: list[str], kind: type[Way] | type[Lens] | type[KolbStage]) -> list[str]:
    try:
        return [kind.parse(v, kind.__name__.lower()).value for v in values]
    except FieldError as exc:
        raise ValueError(exc.message) from None


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class PromptModel(_Model):
    id: Annotated[str, Field(pattern=PROMPT_ID_PATTERN)]
    text: Annotated[str, Field(min_length=1, max_length=600)]
    ways: Annotated[list[str], Field(max_length=6)] = []
    lenses: Annotated[list[str], Field(max_length=5)] = []
    stage: str | None = None
    moments: Annotated[list[str], Field(max_length=4)] = []
    day: Annotated[int, Field(ge=1, le=366)] | None = None

    @field_validator("text")
    @classmethod
    def _text_has_words(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("is empty")
        _no_control_characters(value, allowed="\n\t")
        return value.strip()

    @field_validator("ways")
    @classmethod
    def _ways(cls, values: list[str]) -> list[str]:
        return _parse_all(values, Way)

    @field_validator("lenses")
    @classmethod
    def _lenses(cls, values: list[str]) -> list[str]:
        return _parse_all(values, Lens)

    @field_validator("stage")
    @classmethod
    def _stage(cls, value: str | None) -> str | None:
        return None if value is None else _parse_all([value], KolbStage)[0]

    @field_validator("moments")
    @classmethod
    def _moments(cls, values: list[str]) -> list[str]:
        known = [m.value for m in Moment]
        out = []
        for v in values:
            folded = "-".join(v.strip().casefold().replace("_", " ").replace("-", " ").split())
            if folded not in known:
                raise ValueError(f"unknown value {v!r}; choose one of: {', '.join(known)}")
            out.append(folded)
        return out


class ScheduleModel(_Model):
    every: Literal[
        "day",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "programme-day",
    ]
    count: Annotated[int, Field(ge=1, le=MAX_PROMPTS)] | None = None
    prompts: Annotated[list[str], Field(max_length=MAX_PROMPTS)] | None = None


class SignatureModel(_Model):
    signer: Text120
    public_key: Annotated[str, Field(min_length=1, max_length=200)]
    value: Annotated[str, Field(min_length=1, max_length=200)]


class PackModel(_Model):
    format: Literal[1]
    id: Annotated[str, Field(pattern=ID_PATTERN)]
    title: Text120
    author: Text120
    version: Annotated[int, Field(ge=1, le=1_000_000)]
    description: Annotated[str, Field(max_length=2_000)] = ""
    sources: Annotated[list[Annotated[str, Field(max_length=300)]], Field(max_length=20)] = []
    schedule: ScheduleModel | None = None
    prompts: Annotated[list[PromptModel], Field(min_length=1, max_length=MAX_PROMPTS)]
    signature: SignatureModel | None = None

    @field_validator("title", "author")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("is empty")
        _no_control_characters(value, allowed="")
        return value.strip()

    @field_validator("description")
    @classmethod
    def _description(cls, value: str) -> str:
        _no_control_characters(value, allowed="\n\t")
        return value


@dataclass(frozen=True, slots=True)
class ReadPack:
    """A pack that passed every check, with what its signature (if any) must cover."""

    pack: PromptPack
    raw: dict[str, Any]
    signature: SignatureModel | None
    text: str


def read_pack(data: bytes, name: str = "This file", *, builtin: bool = False) -> ReadPack:
    """The pack in `data`, or PackError listing every problem. Nothing else is raised."""
    if len(data) > MAX_BYTES:
        raise PackError(
            name,
            f"is {_size(len(data))}; a prompt pack may be at most {_size(MAX_BYTES)}. "
            "Nothing was imported.",
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PackError(
            name, "is not a text file in UTF-8, so it cannot be a prompt pack."
        ) from None
    raw = _parse_toml(text, name)
    _check_count(raw, name)
    problems, model = _validate(raw, text)
    if model is not None:
        problems += _cross_checks(model, text, builtin=builtin)
    if problems or model is None:
        raise invalid(name, problems)
    return ReadPack(_to_pack(model), raw, model.signature, text)


def _size(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n / 1000:.0f} KB"


def _parse_toml(text: str, name: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # tomllib ends its message with "(at line N, column M)": keep it, it is the useful part.
        raise PackError(
            name,
            "is not valid TOML, so Reflect cannot read it as a prompt pack:",
            [Problem(str(exc))],
        ) from None
    except RecursionError:
        raise PackError(name, "is nested too deeply to be a prompt pack.") from None


def _check_count(raw: dict[str, Any], name: str) -> None:
    prompts = raw.get("prompts")
    if isinstance(prompts, list) and len(prompts) > MAX_PROMPTS:
        raise PackError(
            name,
            f"has {len(prompts):,} prompts; a pack may hold at most {MAX_PROMPTS}. "
            "Split it into smaller packs.",
        )


_FRIENDLY = {
    "missing": "is missing",
    "extra_forbidden": "is not part of the prompt pack format (check the spelling)",
    "string_type": "should be text in quotes",
    "int_type": "should be a whole number",
    "list_type": "should be a list in square brackets",
    "model_type": "should be a table",
    "literal_error": None,
}


def _validate(raw: dict[str, Any], text: str) -> tuple[list[Problem], PackModel | None]:
    try:
        return [], PackModel.model_validate(raw)
    except ValidationError as exc:
        finder = LineFinder(text)
        problems = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            message = _FRIENDLY.get(err["type"]) or _message(err)
            problems.append(Problem(message, finder.line_of(loc), describe_loc(loc)))
        return problems, None


def _message(err: Any) -> str:
    ctx = err.get("ctx") or {}
    limits = {
        "greater_than_equal": "should be {ge} or more",
        "less_than_equal": "should be {le} or less",
        "string_too_long": "is too long: at most {max_length} characters",
        "string_too_short": "is empty",
        "too_long": "has too many entries: at most {max_length}",
        "too_short": "needs at least {min_length}",
        "string_pattern_mismatch": "should use only lower-case letters, digits and dashes "
        "(at most 60, not starting with a dash)",
    }
    if err["type"] in limits:
        return limits[err["type"]].format(**ctx)
    msg = str(err["msg"]).removeprefix("Value error, ")
    if err["type"] == "literal_error":
        return msg.replace("Input should be", "should be one of")
    return msg[:1].lower() + msg[1:]


def _cross_checks(model: PackModel, text: str, *, builtin: bool) -> list[Problem]:
    finder = LineFinder(text)
    problems: list[Problem] = []
    if model.id.startswith(BUILTIN_PREFIX) and not builtin:
        problems.append(
            Problem(
                f"ids that start with {BUILTIN_PREFIX!r} are kept for Reflect's own packs",
                finder.line_of(("id",)),
                "id",
            )
        )
    seen: set[str] = set()
    for i, p in enumerate(model.prompts):
        if p.id in seen:
            loc = ("prompts", i, "id")
            problems.append(
                Problem(
                    f"{p.id!r} is used by an earlier prompt",
                    finder.line_of(loc),
                    f"prompts {i + 1}, id",
                )
            )
        seen.add(p.id)
    schedule = model.schedule
    if schedule is not None:
        for j, wanted in enumerate(schedule.prompts or []):
            if wanted not in seen:
                problems.append(
                    Problem(
                        f"there is no prompt with id {wanted!r}",
                        finder.line_of(("schedule", "prompts")),
                        f"schedule, prompts {j + 1}",
                    )
                )
        if schedule.every == "programme-day":
            chosen = schedule.prompts or [p.id for p in model.prompts if p.day is not None]
            for i, p in enumerate(model.prompts):
                if p.id in chosen and p.day is None:
                    problems.append(
                        Problem(
                            "a prompt in a programme-day schedule needs a day",
                            finder.line_of(("prompts", i)),
                            f"prompts {i + 1}, day",
                        )
                    )
            if not chosen:
                problems.append(
                    Problem(
                        "no prompt has a day, so the schedule would offer nothing",
                        finder.line_of(("schedule", "every")),
                        "schedule, every",
                    )
                )
    return problems


def _to_pack(model: PackModel) -> PromptPack:
    prompts = tuple(
        Prompt(
            pack_id=model.id,
            id=p.id,
            text=p.text,
            ways=tuple(Way(w) for w in dict.fromkeys(p.ways)),
            lenses=tuple(Lens(x) for x in dict.fromkeys(p.lenses)),
            stage=KolbStage(p.stage) if p.stage else None,
            moments=frozenset(Moment(m) for m in p.moments),
            day=p.day,
        )
        for p in model.prompts
    )
    schedule = None
    if model.schedule is not None:
        s = model.schedule
        ids = tuple(s.prompts) if s.prompts is not None else _default_order(prompts, s.every)
        schedule = Schedule(Every(s.every), ids, s.count)
    return PromptPack(
        id=model.id,
        title=model.title,
        author=model.author,
        version=model.version,
        prompts=prompts,
        description=model.description.strip(),
        sources=tuple(x.strip() for x in model.sources if x.strip()),
        schedule=schedule,
    )


def _default_order(prompts: tuple[Prompt, ...], every: str) -> tuple[str, ...]:
    if every == "programme-day":
        dated = [p for p in prompts if p.day is not None]
        return tuple(p.id for p in sorted(dated, key=lambda p: p.day or 0))
    return tuple(p.id for p in prompts)
