"""The privacy check before sharing: who is named in what is about to leave.

Before a leader shares reflections with a buddy, `find_names` lists the people
and organisations named in them: names from the leader's directory (and their
other spellings), wherever they appear, and capitalised names the directory does
not know. Each finding carries a neutral label ("a director", "the trust");
`redacted` puts the chosen labels into a copy of the reflections, leaving the
originals alone.

The check leans towards finding too much: a false positive costs the leader one
untick, a missed directory name could cost a partnership. Prompts are Reflect's
own words and are not scanned. Everything here is deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from reflect.model import Reflection
from reflect.people import fold

FindingKind = Literal["person", "organisation", "unknown"]


@dataclass(frozen=True, slots=True)
class KnownName:
    """A name from the leader's directory."""

    name: str
    kind: Literal["person", "organisation"]
    role: str = ""  # a person's role, e.g. "Director of Adult Social Care"
    aliases: tuple[str, ...] = ()  # other spellings that should also be found


@dataclass(frozen=True, slots=True)
class Finding:
    """One spelling of a name found in what is leaving."""

    name: str  # as it appears (first spelling seen, spaces collapsed)
    kind: FindingKind  # unknown: a capitalised name not in the directory
    count: int  # occurrences across everything that is leaving
    suggestion: str  # the neutral label offered


# ---------------------------------------------------------------------------
# Vocabulary


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Titles that may lead a name; in a directory name the full stop is optional.
_TITLES = _words(
    "dr mr mrs ms mx miss prof professor sir dame lord lady rev revd cllr councillor "
    "baroness baron st"
)

# Lower-case words that may sit inside a name: "University of Northshire".
_CONNECTORS = _words("of for de der den van von da di du la le")

# Capitalised words that are never (part of) a name: they split a run of
# capitalised words. Mostly what starts an English sentence, plus days and months.
_BREAKERS = _words("""
    i i'm i've i'd i'll a an the this that these those it its it's we we're we've we'd
    we'll he she they they're they've you you're your yours our ours my mine his her
    hers their theirs them us me and but or nor so yet if when whenever then after
    afterwards before during while whilst although though because since as at in on
    of for with without within to from by into onto about above below over under
    between through across around again also still just only even not no yes maybe
    perhaps really actually honestly clearly obviously overall later earlier next last
    first second third finally lastly today tonight tomorrow yesterday now here there
    where what why how who whom which whose some any all both each every most many
    much more less few lots several one two three four five nothing everyone everybody
    someone somebody nobody anyone anybody something anything everything thanks thank
    please hi hello dear good great well ok okay yeah sure let let's hopefully
    unfortunately fortunately interestingly surprisingly meanwhile however therefore
    instead otherwise anyway besides like unlike such other another am is are was were
    be been being have has had do does did done can could shall should would may
    might must need agreed felt feel feeling think thought said says asked told note
    notes action actions agenda attendees minutes summary outcome outcomes update
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur
    thurs fri sat sun january february march april june july august september october
    november december jan feb mar apr jun jul aug sep sept oct nov dec
    morning afternoon evening night week weekend month year spring summer autumn winter
    """)

# Words that are not names on their own: our vocabulary, the frameworks, the
# sector's acronyms and job words. A run made only of these is not reported, but
# they may be part of a name ("Northshire County Council").
_GENERIC = _words("""
    reflect reflection reflections journal buddy buddies enabler enablers prompt prompts
    way ways feeling perceiving thinking relating doing being lens lenses biographer
    historian aerial photographer story-teller storyteller sage kolb goss fillmore
    heifetz grint block egan whitmore grow goal reality options allies ally opponents
    opponent bedfellows bedfellow fence-sitters fence-sitter adversaries adversary
    balcony dance floor iceberg mindset culture behaviour wicked tame critical
    light bulb moment moments setback setbacks learning cycle
    nhs icb icbs ics ccg ccgs gp gps a&e ed cqc dhsc ukhsa ohid lga adass pcn pcns
    vcse vcs cvs send jsna bcf asc dph dass dcs ceo ceos cfo coo hr it kpi kpis
    aob tbc tbd q1 q2 q3 q4 mp mps pcc uk england english britain british scotland
    scottish wales welsh ireland irish europe european eu government parliament
    whitehall minister ministers covid covid-19 brexit christmas easter zoom teams
    microsoft google excel powerpoint outlook whatsapp slack
    board boards council councils trust trusts foundation health wellbeing care social
    adult adults children children's public services service programme programmes
    project projects team teams group groups partnership partnerships partner partners
    system systems place places strategy plan plans chair chairs vice director
    directors chief executive executives officer officers manager managers lead leads
    head heads deputy assistant cabinet member members councillor councillors mayor
    leader leaders commissioner commissioners commissioning safeguarding discharge
    integrated integration local authority authorities primary secondary community
    mental voluntary sector housing police crime hospital hospitals university
    department ministry committee meeting meetings workshop workshops away day days
    action learning set sets review reviews report reports forum network networks
    hub alliance workstream workstreams co-production carers carer users user
    national regional county city borough district
    """)

_MAX_NAME_WORDS = 4  # counted words in one capitalised name (titles, initials and
# generic words like "Council" do not count)


# ---------------------------------------------------------------------------
# Finding names


def find_names(reflections: Sequence[Reflection], known: Sequence[KnownName]) -> list[Finding]:
    """The people and organisations named in what is about to be shared.

    Scans titles, section texts (not prompts), tags and the people and
    organisations labels. Sorted: directory people, then organisations, then
    unknown names; within each by count (highest first), then name.
    """
    directory = _Directory(known)
    tally = _Tally()
    runs: list[_Run] = []

    def scan(text: str) -> None:
        spans = directory.scan(text, tally)
        runs.extend(_capitalised_runs(text, spans))

    for r in reflections:
        scan(r.title)
        for section in r.sections:
            scan(section.text)
        for tag in r.tags:
            scan(tag)
        lists: tuple[tuple[Literal["person", "organisation"], tuple[str, ...]], ...] = (
            ("person", r.people),
            ("organisation", r.organisations),
        )
        for kind, labels in lists:
            for label in labels:
                spans = directory.scan(label, tally)
                if label.strip() and spans != [(0, len(label))]:
                    # A label is a name by definition, even when the directory
                    # passed in does not know it.
                    tally.add(label, kind, neutral_label(label, kind), rank=1)

    # A lone word starting a sentence counts if it is used as a name elsewhere:
    # mid-sentence, in a longer name, or in a people or organisations label.
    mid_sentence = {word for run in runs if not run.deferred for word in run.words}
    for r in reflections:
        for label in (*r.people, *r.organisations):
            mid_sentence.update(_key(word) for word in _TOKEN.findall(label))
    for run in runs:
        if run.deferred and run.words[0] not in mid_sentence:
            continue
        if run.key in directory.entries:
            continue
        tally.add(run.name, "unknown", neutral_label(run.name, "unknown"), rank=2)
    return tally.findings()


@dataclass(slots=True)
class _Tallied:
    rank: int  # 0 directory, 1 a label not in the directory, 2 unknown
    kind: FindingKind
    name: str
    suggestion: str
    count: int = 0


@dataclass(slots=True)
class _Tally:
    seen: dict[str, _Tallied] = field(default_factory=dict)

    def add(self, name: str, kind: FindingKind, suggestion: str, rank: int) -> None:
        spelling = " ".join(name.split())
        key = _key(spelling)
        item = self.seen.get(key)
        if item is None:
            item = self.seen[key] = _Tallied(rank, kind, spelling, suggestion)
        elif rank < item.rank:
            item.rank, item.kind, item.suggestion = rank, kind, suggestion
        item.count += 1

    def findings(self) -> list[Finding]:
        order = {"person": 0, "organisation": 1, "unknown": 2}
        items = sorted(
            self.seen.values(),
            key=lambda t: (order[t.kind], -t.count, t.name.casefold(), t.name),
        )
        return [Finding(t.name, t.kind, t.count, t.suggestion) for t in items]


class _Directory:
    """Every spelling of every directory name, ready to search for."""

    def __init__(self, known: Sequence[KnownName]) -> None:
        self.entries: dict[str, KnownName] = {}
        spellings: list[str] = []
        # Names and aliases first, so a derived spelling never takes another's.
        for derived in (False, True):
            for entry in known:
                for spelling in _spellings(entry, derived):
                    key = _key(spelling)
                    if key and key not in self.entries:
                        self.entries[key] = entry
                        spellings.append(" ".join(spelling.split()))
        self.matcher = _Matcher(spellings)

    def scan(self, text: str, tally: _Tally) -> list[tuple[int, int]]:
        """Count every directory name in `text`; return the spans found."""
        spans = []
        for start, end, spelling in self.matcher.matches(text):
            entry = self.entries[_key(spelling)]
            tally.add(text[start:end], entry.kind, neutral_label(entry, entry.kind), rank=0)
            spans.append((start, end))
        return spans


def _spellings(entry: KnownName, derived: bool) -> list[str]:
    names = [entry.name, *entry.aliases]
    if not derived:
        return names
    # "Dr Amy Shah" is also written "Amy Shah".
    out = []
    for name in names:
        words = name.split()
        if len(words) > 1 and _key(words[0]).rstrip(".") in _TITLES:
            out.append(" ".join(words[1:]))
    return out


class _Matcher:
    """Finds spellings case-insensitively on word boundaries, longest first."""

    def __init__(self, spellings: Iterable[str]) -> None:
        ordered = sorted(set(spellings), key=lambda s: (-len(s), s.casefold(), s))
        self.spellings = ordered
        self.patterns = [re.compile(_spelling_pattern(s), re.IGNORECASE) for s in ordered]
        # A word every match must contain, to skip patterns quickly. Only used when
        # word and text are both ASCII, where ignoring case is exactly lower().
        longest = [max((w.rstrip(".") for w in s.split()), key=len).lower() for s in ordered]
        self.probes = [w if w.isascii() and w else None for w in longest]

    def matches(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping matches in text order; where two overlap the longer wins."""
        if not text:
            return []
        lowered = text.lower() if text.isascii() else None
        found = []
        for i, (pattern, probe) in enumerate(zip(self.patterns, self.probes, strict=True)):
            if lowered is not None and probe is not None and probe not in lowered:
                continue
            found += [(m.start(), m.end(), i) for m in pattern.finditer(text) if m.group()]
        found.sort(key=lambda f: (f[0] - f[1], f[0], f[2]))
        taken = bytearray(len(text))
        chosen = []
        for start, end, i in found:
            if not any(taken[start:end]):
                taken[start:end] = b"\x01" * (end - start)
                chosen.append((start, end, self.spellings[i]))
        chosen.sort()
        return chosen


def _spelling_pattern(spelling: str) -> str:
    """A regex for one spelling: any spacing, either apostrophe, optional title stop."""
    parts = []
    for word in spelling.split():
        bare = word[:-1] if word.endswith(".") and len(word) > 1 else word
        pattern = "".join("['’]" if ch in "'’" else re.escape(ch) for ch in bare)
        if _key(bare) in _TITLES:
            pattern += r"\.?"
        elif bare is not word:
            pattern += r"\."
        parts.append(pattern)
    body = r"\s+".join(parts)
    left = r"(?<!\w)" if re.match(r"\w", spelling[0]) else ""
    right = r"(?!\w)" if re.match(r"\w", spelling[-1]) else ""
    return left + body + right


def _key(name: str) -> str:
    return fold(name).replace("’", "'")


# ---------------------------------------------------------------------------
# Capitalised names the directory does not know

_TOKEN = re.compile(r"[^\W\d_]+(?:['’&-][^\W\d_]+)*")
_SPACES = re.compile(r"[ \t\u00a0]+")
_STOP_AFTER_TITLE = re.compile(r"\.[ \t\u00a0]*")
_OPENERS = frozenset("\"'“‘([{*_#>-•–—")


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int  # end of the name part ("Amy" of "Amy's")
    key: str
    word: str
    possessive: bool
    masked: bool  # inside a directory name already found


@dataclass(frozen=True, slots=True)
class _Run:
    name: str
    key: str
    words: tuple[str, ...]  # keys of the words that make it a name
    deferred: bool  # a lone word starting a sentence: kept only if it recurs


def _capitalised_runs(text: str, masked: Sequence[tuple[int, int]]) -> list[_Run]:
    """Runs of capitalised words in text, outside the masked spans."""
    taken = bytearray(len(text))
    for start, end in masked:
        taken[start:end] = b"\x01" * (end - start)
    runs: list[_Run] = []
    current: list[_Token] = []
    counted = 0

    def close() -> None:
        nonlocal counted
        run = _make_run(text, current)
        if run is not None:
            runs.append(run)
        current.clear()
        counted = 0

    for m in _TOKEN.finditer(text):
        word = m.group()
        possessive = len(word) > 2 and word[-2:].casefold() in ("'s", "’s")
        if possessive:
            word = word[:-2]
        token = _Token(
            m.start(),
            m.start() + len(word),
            _key(word),
            word,
            possessive,
            any(taken[m.start() : m.end()]),
        )
        role = _role(token)
        continues = bool(current) and _continues(text, current[-1], token)
        if role == "stop" or (role == "connector" and not continues):
            close()
            continue
        if not continues or (role == "word" and counted == _MAX_NAME_WORDS):
            close()
        current.append(token)
        if role == "word":
            counted += 1
    close()
    return runs


def _role(token: _Token) -> str:
    if token.masked:
        return "stop"
    if token.key in _CONNECTORS and token.word.islower():
        return "connector"
    if not token.word[0].isupper() or token.key in _BREAKERS:
        return "stop"
    if len(token.word) == 1:
        return "initial"
    if token.key in _TITLES:
        return "title"
    if token.key in _GENERIC:
        return "generic"
    return "word"


def _continues(text: str, last: _Token, token: _Token) -> bool:
    if last.possessive:
        return False
    gap = text[last.end : token.start]
    if _SPACES.fullmatch(gap):
        return True
    return _role(last) in ("title", "initial") and bool(_STOP_AFTER_TITLE.fullmatch(gap))


def _make_run(text: str, tokens: list[_Token]) -> _Run | None:
    while tokens and _role(tokens[-1]) == "connector":
        tokens = tokens[:-1]
    words = [t for t in tokens if _role(t) != "connector"]
    naming = tuple(t.key for t in words if _role(t) == "word")
    if not naming:
        return None  # only generic words, titles or initials
    name = " ".join(text[tokens[0].start : tokens[-1].end].split())
    deferred = len(words) == 1 and _sentence_start(text, tokens[0].start)
    return _Run(name, _key(name), naming, deferred)


def _sentence_start(text: str, pos: int) -> bool:
    """Whether pos begins a sentence, a line item, a heading or a paragraph."""
    j = pos
    while j > 0 and (text[j - 1].isspace() or text[j - 1] in _OPENERS):
        j -= 1
    if j == 0 or text[j - 1] in ".!?…":
        return True
    skipped = text[j:pos]
    if "\n" not in skipped:
        return False
    line_start = skipped[skipped.rfind("\n") + 1 :]
    return bool(line_start.strip()) or re.search(r"\n[ \t]*\n", skipped) is not None


# ---------------------------------------------------------------------------
# Neutral labels

_ROLE_CUT = re.compile(
    r"[,;:/|(\[–—]|\s[-&]\s|\b(?:of|for|at|in|to|with|within|on|and)\b", re.IGNORECASE
)
_ROLE_ACRONYMS = {
    a.casefold(): a
    for a in _words(
        "GP NHS ICB ICS CCG HR IT OD PCN VCSE SEND A&E CQC MP QI SRO PA EA CFO COO CIO CNO PCC ASC"
    )
}
_ROLE_SYNONYMS = {
    "ceo": "chief executive",
    "cllr": "councillor",
    "dph": "director",
    "dass": "director",
    "dcs": "director",
    "md": "managing director",
    "chairman": "chair",
    "chairwoman": "chair",
    "chairperson": "chair",
}
_ROLE_WORDS = _words("""
    director deputy assistant associate executive non-executive chief officer manager
    lead head chair vice member cabinet councillor leader mayor nurse doctor consultant
    clinical medical clinician surgeon therapist psychologist psychiatrist social worker
    commissioner commissioning programme project strategic senior principal interim
    acting operations operating operational service partnership coordinator
    co-ordinator advisor adviser analyst superintendent inspector sergeant constable
    commander teacher headteacher professor lecturer researcher trustee volunteer
    enabler facilitator coach mentor secretary treasurer governor finance financial
    public health adult adults children's care housing team general managing practice
    pharmacist paramedic matron nursing improvement transformation development
    engagement communications policy performance quality safeguarding integration
    community neighbourhood locality business support administrator founder owner
    partner solicitor accountant economist planner champion representative organiser
    caseworker carer practitioner specialist portfolio holder elected mental
    """)

_ORGANISATION_RULES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("integrated care board", "icb"), "the ICB"),
    (("integrated care system", "integrated care partnership", "ics"), "the ICS"),
    (("clinical commissioning group", "ccg"), "the CCG"),
    (("police", "constabulary"), "the police"),
    (("fire and rescue", "fire service"), "the fire service"),
    (("foundation trust", "nhs trust"), "the trust"),
    (
        (
            "charity",
            "charities",
            "charitable",
            "voluntary",
            "volunteer",
            "volunteers",
            "volunteering",
            "cvs",
            "vcse",
            "vcs",
            "cic",
            "community interest company",
            "hospice",
            "foundation",
            "age uk",
            "citizens advice",
        ),
        "a voluntary organisation",
    ),
    (("trust",), "the trust"),
    (("hospital", "hospitals"), "the hospital"),
    (("university",), "the university"),
    (("college",), "the college"),
    (("school",), "the school"),
    (("council", "local authority"), "the council"),
    (("ambulance",), "the ambulance service"),
    (("primary care network", "pcn"), "the primary care network"),
    (("surgery", "medical centre", "health centre", "gp practice"), "a GP practice"),
    (("housing association",), "a housing association"),
    (("department", "ministry"), "a government department"),
    (("board",), "the board"),
)


def neutral_label(name: KnownName | str, kind: str) -> str:
    """A label that says what someone is without saying who.

    kind is "person", "organisation" or "unknown". A person with a role becomes
    an article and a short role ("a director"), otherwise "a colleague"; an
    organisation is labelled by the words in its name ("the council"), otherwise
    "an organisation"; an unknown name is "someone", unless it reads as an
    organisation or a councillor.
    """
    spellings = [name.name, *name.aliases] if isinstance(name, KnownName) else [name]
    if kind == "person":
        role = _role_noun(name.role) if isinstance(name, KnownName) else ""
        if role:
            return _with_article(role)
        return "a councillor" if _is_councillor(spellings[0]) else "a colleague"
    if kind == "organisation":
        for spelling in spellings:
            label = _organisation_label(spelling)
            if label:
                return label
        return "an organisation"
    if kind == "unknown":
        label = _organisation_label(spellings[0])
        if label:
            return label
        return "a councillor" if _is_councillor(spellings[0]) else "someone"
    raise ValueError(f"unknown kind {kind!r}: use person, organisation or unknown")


def _role_noun(role: str) -> str:
    head = _ROLE_CUT.split(" ".join(role.split()), maxsplit=1)[0]
    words: list[str] = []
    for raw in head.split():
        bare = raw.strip(".,'\"’")
        key = bare.casefold().replace("’", "'")
        if not words and key in ("a", "an", "the"):
            continue
        if key in _ROLE_SYNONYMS:
            words += _ROLE_SYNONYMS[key].split()
        elif key in _ROLE_ACRONYMS:
            words.append(_ROLE_ACRONYMS[key])
        elif key in _ROLE_WORDS:
            words.append(key)
        # Anything else (a place, an organisation) is left out.
    if words == ["head"]:
        words = ["head", "of", "service"]
    return " ".join(words)


def _with_article(noun: str) -> str:
    first = noun.split()[0]
    if first.casefold() in _ROLE_ACRONYMS or (len(first) > 1 and first.isupper()):
        vowel_sound = first[0].upper() in "AEFHILMNORSX"  # "an MP", "a GP"
    else:
        low = first.casefold()
        vowel_sound = (
            low[0] in "aeiou" and not low.startswith(("uni", "use", "usu", "eu", "one", "ur"))
        ) or low.startswith(("hour", "honest", "honou"))
    return ("an " if vowel_sound else "a ") + noun


def _is_councillor(name: str) -> bool:
    words = name.split()
    return bool(words) and _key(words[0]).rstrip(".") in ("cllr", "councillor")


def _organisation_label(name: str) -> str | None:
    words = re.findall(r"[^\W_]+(?:&[^\W_]+)*", name.casefold())
    padded = " " + " ".join(words) + " "
    for phrases, label in _ORGANISATION_RULES:
        if any(f" {phrase} " in padded for phrase in phrases):
            return label
    return None


# ---------------------------------------------------------------------------
# Redaction


def redacted(
    reflections: Sequence[Reflection], replacements: Mapping[str, str]
) -> list[Reflection]:
    """New reflections with each name in `replacements` replaced by its label.

    Replaces in titles, section texts and tags, case-insensitively on word
    boundaries ("Amy's" becomes "a colleague's"; "Annual" is not touched by
    "Ann"); longer names win over the shorter names inside them. The people and
    organisations labels get the replacement labels, without repeats. The
    reflections passed in are not changed.
    """
    replacer = _Replacer(replacements)
    out = []
    for r in reflections:
        out.append(
            replace(
                r,
                title=replacer.text(r.title, capitalise=True),
                sections=tuple(
                    replace(s, text=replacer.text(s.text, capitalise=True)) for s in r.sections
                ),
                tags=replacer.labels(r.tags),
                people=replacer.labels(r.people),
                organisations=replacer.labels(r.organisations),
            )
        )
    return out


_ARTICLE = re.compile(r"(?:the|an?)\s+(?=\S)", re.IGNORECASE)
_AFTER_ARTICLE = re.compile(r"(?<!\w)(?:the|an?)\s+$", re.IGNORECASE)
_SHOUTED_POSSESSIVE = re.compile(r"['’]S(?!\w)")


class _Replacer:
    def __init__(self, replacements: Mapping[str, str]) -> None:
        self.labels_by_key: dict[str, str] = {}
        spellings = []
        for name, label in replacements.items():
            spelling = " ".join(name.split())
            key = _key(spelling)
            if key and key not in self.labels_by_key:
                self.labels_by_key[key] = label
                spellings.append(spelling)
        self.matcher = _Matcher(spellings)

    def text(self, text: str, capitalise: bool = False) -> str:
        pieces = []
        last = 0
        for start, end, spelling in self.matcher.matches(text):
            label = self.labels_by_key[_key(spelling)]
            article = _ARTICLE.match(label)
            if article and _AFTER_ARTICLE.search(text, 0, start):
                label = label[article.end() :]  # "the Northshire Trust" → "the trust"
            elif capitalise and label[:1].islower() and _sentence_start(text, start):
                label = label[0].upper() + label[1:]
            if _SHOUTED_POSSESSIVE.match(text, end):
                label += text[end] + "s"  # "AMY'S" → "a colleague's"
                end += 2
            pieces += [text[last:start], label]
            last = end
        pieces.append(text[last:])
        return "".join(pieces)

    def labels(self, labels: Iterable[str]) -> tuple[str, ...]:
        seen: set[str] = set()
        out = []
        for label in labels:
            new = " ".join(self.text(label).split())
            if new and new.casefold() not in seen:
                seen.add(new.casefold())
                out.append(new)
        return tuple(out)
