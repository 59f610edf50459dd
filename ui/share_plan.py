"""What a share to a buddy will hold, worked out without widgets (the share dialog shows it).

Which parts of which reflections leave, which names in them are replaced and by
what, and the words the dialog uses to say so. Nothing here writes anything:
storage.share_files.export_share does, once, when the leader saves the file.
"""

from __future__ import annotations

import html
import re
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from difflib import SequenceMatcher
from itertools import groupby
from pathlib import Path

from reflect import timeutil
from reflect.errors import ReflectError
from reflect.frameworks import Lens
from reflect.model import Reflection
from reflect.people import Organisation, Person, fold
from reflect.share_privacy import Finding, KnownName, find_names, redacted
from reflect.sharing import MAX_NOTE, ReplyTo, SharePayload, with_sections
from storage.buddies import Buddy
from storage.share_files import export_share
from storage.vault import Vault

REPLY_AFTER = timedelta(days=14)
OPENING_WORDS = 12
PRIVACY_NOTE = (
    "Replacements change only the copy your buddy receives; your reflection stays as it is."
)

_PART_NAMES: dict[Lens | None, str] = {
    None: "No particular lens",
    Lens.BIOGRAPHER: "The biographer's portrait",
    Lens.HISTORIAN: "The historian's account",
    Lens.AERIAL_PHOTOGRAPHER: "The aerial photographer's view",
    Lens.STORY_TELLER: "The story-teller's story",
    Lens.SAGE: "The sage's learning",
}

KIND_TEXT: dict[str, str] = {
    "person": "person in your directory",
    "organisation": "organisation in your directory",
    "unknown": "a name in the text",
}


# --- what to share -------------------------------------------------------------------------


def part_label(lens: Lens | None) -> str:
    return _PART_NAMES[lens]


def first_words(text: str, words: int = OPENING_WORDS) -> str:
    """The opening of a piece of writing on one line, with an ellipsis if it goes on."""
    flat = text.split()
    opening = " ".join(flat[:words])
    return opening + "…" if len(flat) > words else opening


def day_text(when: datetime | date) -> str:
    """ "7 May 2026": the day, in the machine's time zone for a moment in time."""
    day = when.astimezone(timeutil.local_zone()).date() if isinstance(when, datetime) else when
    return f"{day.day} {day:%B %Y}"


@dataclass(frozen=True, slots=True)
class Part:
    """Every section of one reflection written through one lens (or through none)."""

    lens: Lens | None
    sections: int
    opening: str

    @property
    def label(self) -> str:
        return part_label(self.lens)


def parts_of(reflection: Reflection) -> list[Part]:
    """The reflection's parts, one per lens, in the order they first appear."""
    order: list[Lens | None] = []
    texts: dict[Lens | None, list[str]] = {}
    for section in reflection.sections:
        if section.lens not in texts:
            order.append(section.lens)
            texts[section.lens] = []
        texts[section.lens].append(section.text)
    return [Part(lens, len(texts[lens]), first_words(" ".join(texts[lens]))) for lens in order]


class Selection:
    """The reflections on offer and, for each, the parts the leader has ticked to share.

    A reflection starts with every part ticked; unticking all of a reflection's
    parts leaves it out of the share.
    """

    def __init__(self, reflections: Iterable[Reflection] = ()) -> None:
        self.reflections: list[Reflection] = []
        self.parts: dict[uuid.UUID, list[Part]] = {}
        self._ticked: dict[uuid.UUID, set[Lens | None]] = {}
        for reflection in reflections:
            self.add(reflection)

    def add(self, reflection: Reflection) -> bool:
        """Offer one more reflection, all of it ticked; False if it is on offer already."""
        if reflection.id in self.parts:
            return False
        self.reflections.append(reflection)
        self.parts[reflection.id] = parts_of(reflection)
        self._ticked[reflection.id] = {p.lens for p in self.parts[reflection.id]}
        return True

    def is_ticked(self, reflection_id: uuid.UUID, lens: Lens | None) -> bool:
        return lens in self._ticked[reflection_id]

    def tick(self, reflection_id: uuid.UUID, lens: Lens | None, on: bool) -> None:
        ticked = self._ticked[reflection_id]
        if on:
            ticked.add(lens)
        else:
            ticked.discard(lens)

    def tick_all(self, reflection_id: uuid.UUID, on: bool) -> None:
        parts = self.parts[reflection_id]
        self._ticked[reflection_id] = {p.lens for p in parts} if on else set()

    def ticked_count(self, reflection_id: uuid.UUID) -> int:
        return len(self._ticked[reflection_id])

    def outgoing(self) -> list[Reflection]:
        """Exactly what would leave: the ticked parts of each reflection, in the order offered."""
        out = []
        for reflection in self.reflections:
            kept = with_sections(reflection, self._ticked[reflection.id])
            if kept is not None:
                out.append(kept)
        return out

    def summary(self) -> str:
        """ "2 reflections (3 of their 5 parts)": what is ticked, for the Send step."""
        chosen = [r for r in self.reflections if self._ticked[r.id]]
        ticked = sum(len(self._ticked[r.id]) for r in chosen)
        parts = sum(len(self.parts[r.id]) for r in chosen)
        reflections = _count(len(chosen), "reflection")
        if ticked == parts:
            return reflections
        whose = "its" if len(chosen) == 1 else "their"
        return f"{reflections} ({ticked} of {whose} {_count(parts, 'part')})"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def note_problem(note: str) -> str | None:
    if len(note) > MAX_NOTE:
        return f"The note is {len(note):,} characters; the limit is {MAX_NOTE:,}."
    return None


def default_reply_by(today: date) -> date:
    return today + REPLY_AFTER


def buddy_label(buddy: Buddy) -> str:
    return buddy.name if buddy.verified else f"{buddy.name} (not verified)"


def first_name(name: str) -> str:
    words = name.split()
    return words[0] if words else name


def suggested_file_name(buddy_name: str, day: date) -> str:
    """reflect-share-ben-2026-05-21.age: the buddy's first name, folded to be safe in a path."""
    slug = re.sub(r"[^\w-]+", "", fold(first_name(buddy_name))).strip("-_")
    return f"reflect-share-{slug or 'buddy'}-{day.isoformat()}.age"


# --- the privacy check ---------------------------------------------------------------------


def known_names(
    people: Iterable[Person],
    organisations: Iterable[Organisation],
    aliases: Mapping[uuid.UUID, tuple[str, ...]] | None = None,
) -> list[KnownName]:
    """The directory, as the privacy check knows it, with old spellings of renamed entries."""
    old = aliases or {}
    known = [KnownName(p.name, "person", p.role, old.get(p.id, ())) for p in people]
    known += [KnownName(o.name, "organisation", "", old.get(o.id, ())) for o in organisations]
    return known


@dataclass(frozen=True, slots=True)
class NameChoice:
    """One name found, whether to replace it in the copy that leaves, and with what."""

    finding: Finding
    replace: bool
    label: str

    @property
    def kind_text(self) -> str:
        return KIND_TEXT.get(self.finding.kind, KIND_TEXT["unknown"])


def name_choices(
    findings: Sequence[Finding], before: Sequence[NameChoice] = ()
) -> list[NameChoice]:
    """A choice per name found: directory names replaced by default, other names not.

    Choices the leader made already (going back to change the parts, say) are kept.
    """
    earlier = {fold(c.finding.name): c for c in before}
    out = []
    for finding in findings:
        kept = earlier.get(fold(finding.name))
        if kept is not None:
            out.append(replace(kept, finding=finding))
        else:
            out.append(NameChoice(finding, finding.kind != "unknown", finding.suggestion))
    return out


def with_label(choice: NameChoice, label: str) -> NameChoice:
    """A new replacement typed: writing one for a name means replacing it."""
    label = " ".join(label.split())
    if label == choice.label:
        return choice
    return NameChoice(choice.finding, choice.replace or bool(label), label)


def check_names(
    outgoing: Sequence[Reflection], known: Sequence[KnownName], before: Sequence[NameChoice] = ()
) -> list[NameChoice]:
    """The privacy check over exactly what would leave, keeping choices made before."""
    return name_choices(find_names(outgoing, known), before)


def replacements(choices: Iterable[NameChoice]) -> dict[str, str]:
    """Name → label for every ticked name (a blank label falls back to the suggestion)."""
    return {c.finding.name: c.label.strip() or c.finding.suggestion for c in choices if c.replace}


def shared_copy(outgoing: Sequence[Reflection], choices: Iterable[NameChoice]) -> list[Reflection]:
    """The copies the buddy receives: new objects, the leader's reflections untouched."""
    swaps = replacements(choices)
    return redacted(outgoing, swaps) if swaps else list(outgoing)


def names_in_note(note: str, choices: Iterable[NameChoice]) -> list[str]:
    """Names being replaced in the reflections that the note (sent as written) still has."""
    folded = fold(note)
    return [
        c.finding.name
        for c in choices
        if c.replace and re.search(rf"(?<!\w){re.escape(fold(c.finding.name))}(?!\w)", folded)
    ]


MARK = '<span style="background-color:#fff0a8; color:#1c1e21">'


def preview_html(
    reflections: Sequence[Reflection], note: str = "", before: Sequence[Reflection] = ()
) -> str:
    """The shared copy as the buddy will read it; every piece of text is escaped.

    Given the parts as written (`before`), words that differ from them, the
    replacements, are highlighted.
    """
    originals = {r.id: r for r in before}
    out: list[str] = []
    if note.strip():
        out.append("<h3>Your note</h3>")
        out.append(f"<p>{_lines(_e(note.strip()))}</p><hr>")
    for r in reflections:
        was = originals.get(r.id, r)
        out.append(f"<h3>{_marked(was.title, r.title) if r.title else 'Untitled'}</h3>")
        out.append(f"<p><i>{_e(day_text(r.happened_at))}</i></p>")
        old_sections = was.sections if len(was.sections) == len(r.sections) else r.sections
        for old, section in zip(old_sections, r.sections, strict=True):
            out.append(f"<p><b>{_e(part_label(section.lens))}</b></p>")
            if section.text.strip():
                out.append(f"<p>{_lines(_marked(old.text, section.text))}</p>")
        for heading, labels, old_labels in (
            ("People", r.people, was.people),
            ("Organisations", r.organisations, was.organisations),
            ("Tags", r.tags, was.tags),
        ):
            if labels:
                shown = ", ".join(
                    _e(label) if label in old_labels else f"{MARK}{_e(label)}</span>"
                    for label in labels
                )
                out.append(f"<p><b>{heading}:</b> {shown}</p>")
    return "\n".join(out)


def _marked(before: str, after: str) -> str:
    """`after`, escaped, with the words not in `before` highlighted."""
    old, new = re.split(r"(\s+)", before), re.split(r"(\s+)", after)
    pieces: list[tuple[str, bool]] = []
    for op, _, _, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        for token in new[j1:j2]:
            pieces.append((token, op != "equal" and bool(token.strip())))
    # Spaces between two changed words belong to the change: "a director" is one mark.
    for i in range(1, len(pieces) - 1):
        token, _ = pieces[i]
        if not token.strip() and pieces[i - 1][1] and pieces[i + 1][1]:
            pieces[i] = (token, True)
    out = []
    for changed, run in groupby(pieces, key=lambda p: p[1]):
        text = _e("".join(token for token, _ in run))
        out.append(f"{MARK}{text}</span>" if changed else text)
    return "".join(out)


def _lines(escaped: str) -> str:
    return escaped.replace("\n\n", "</p><p>").replace("\n", "<br>")


def _e(text: str) -> str:
    return html.escape(text, quote=True)


# --- sending -------------------------------------------------------------------------------


def replaced_text(choices: Iterable[NameChoice]) -> str:
    """How many names the shared copy hides, said plainly."""
    swaps = replacements(choices)
    if not swaps:
        return "No names are replaced: your buddy reads the parts as you wrote them."
    names = "1 name is" if len(swaps) == 1 else f"{len(swaps)} names are"
    return f"{names} replaced in the copy your buddy receives; your reflections are unchanged."


def send_warning(buddy_name: str) -> str:
    return f"Once you send the file you cannot take it back. Only {buddy_name} and you can open it."


@dataclass(frozen=True, slots=True)
class ShareRequest:
    buddy_id: uuid.UUID
    reflections: tuple[Reflection, ...]  # the shared copy, names already replaced
    note: str = ""
    reply_by: date | None = None
    in_reply_to: ReplyTo | None = None


def reply_link(
    reflections: Sequence[Reflection], lookup: Callable[[uuid.UUID], ReplyTo | None]
) -> ReplyTo | None:
    """A share of exactly one reflection written in answer to a buddy's goes as a reply."""
    return lookup(reflections[0].id) if len(reflections) == 1 else None


def send(vault: Vault, request: ShareRequest, out: Path) -> SharePayload:
    """Write the share file; ReflectError (nothing written or recorded) if it cannot be."""
    if not request.reflections:
        raise ReflectError("Tick at least one part to share.")
    return export_share(
        vault,
        request.buddy_id,
        request.reflections,
        out,
        note=request.note,
        reply_by=request.reply_by,
        in_reply_to=request.in_reply_to,
    )


def matches(reflection: Reflection, query: str) -> bool:
    """Whether every word typed is in the reflection's title, text or labels."""
    haystack = fold(
        " ".join(
            (
                reflection.title,
                reflection.body,
                *reflection.tags,
                *reflection.people,
                *reflection.organisations,
            )
        )
    )
    return all(word in haystack for word in fold(query).split())
