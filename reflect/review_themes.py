"""Themes: the phrases that kept coming back in a period, found on this computer.

A deterministic extractor (no model, no network): 1-3-word phrases that start and
end with a content word, recurring in at least two reflections, scored by how
often they appear, damped for words in nearly everything, lifted when they came
up more than in the period before; sub-phrases merge into the longer phrase they
mostly sit in. Each theme keeps the reflections it came from.
"""

from __future__ import annotations

import math
import re
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

from reflect.model import Reflection

TOP_THEMES = 12


@dataclass(frozen=True, slots=True)
class Theme:
    """A phrase that kept coming back, with the reflections it came from (oldest first)."""

    phrase: str
    count: int  # reflections in the period using it: len(reflection_ids)
    reflection_ids: tuple[uuid.UUID, ...]
    previous: int = 0  # reflections in the previous period using it


# --- themes --------------------------------------------------------------------------

# Words that carry grammar, not meaning: a phrase never starts or ends with one
# (one may stand inside a three-word phrase, as in "discharge to assess").
# UK English forms included, and the pieces of contractions ("don|t", "we|ll").
STOP_WORDS = frozenset(
    """
    a about above across after afterwards again against ago all almost alone along already
    also although always am among amongst an and another any anybody anyone anything
    anyway anywhere are around as at away back be became because become becomes been
    before beforehand behind being below beside besides between beyond both but by can
    cannot could did do does doing done down during each either else elsewhere enough
    especially etc even ever every everybody everyone everything everywhere except far
    few for former formerly from further had has have having he hence her here hereby
    herein hers herself him himself his how however i if in indeed instead into is it
    its itself just least less like likely lot lots many may maybe me meanwhile might
    mine more moreover most mostly much must my myself near nearly neither never
    nevertheless next no nobody none noone nor not nothing now nowhere of off often on
    once only onto or other others otherwise ought our ours ourselves out over own
    per perhaps quite rather really same several shall she should since so some somebody
    someone something sometime sometimes somewhat somewhere still such than that the
    their theirs them themselves then thence there thereafter thereby therefore therein
    these they this those though through throughout thus till to together too toward
    towards under unless until up upon us very via was we were what whatever when
    whence whenever where whereas wherever whether which while whilst who whoever whole
    whom whose why will with within without would yet you your yours yourself
    yourselves ok okay yes yeah oh etc eg ie vs via re ca wo sha
    got get gets getting go goes going gone went come comes came coming make makes made
    making say says said saying let lets seem seems seemed seeming
    http https www com html
    ll re ve don didn doesn isn aren wasn weren hasn haven hadn couldn shouldn wouldn
    mustn needn shan won ain
    """.split()  # noqa: SIM905
)

# Everyday words that say little about a year on their own: a phrase made only of
# these (and stop words) is never a theme. This is the generic baseline.
GENERIC_WORDS = frozenset(
    """
    able actually added agreed answer asked ask asking bad began begin best better big bit
    call called case change changed clear conversation conversations day days deal did
    different difficult done easy end ended enough example fact feel feeling feelings felt
    fine first four full gave give given giving good great half happen happened happening
    hard help helped helpful hour hours idea ideas important issue issues keep kept kind
    knew know known last later left little long look looked looking lot made matter mean
    meant meeting meetings mind minute minutes moment month months morning new nice night
    number numbers old one ones open part people person place plan plans point points put
    question questions real really reason right room said saw see seeing seen sense set
    short side small sort start started stay step steps stop sure take taken taking talk
    talked talking tell thing things think thinking thought three time times today told
    tomorrow took tried true try trying turn turned two understand use used want wanted
    way ways week weeks went whole wish word words work worked working works wrong year
    years yesterday afternoon evening hundred thousand second third need needs needed
    follow followed following forty fifty sixty twenty thirty five six seven eight nine ten
    """.split()  # noqa: SIM905
)

# Characters that end a phrase: punctuation, digits, line breaks. An apostrophe
# too: the pieces of "don't", "we'll" or "Sam's" left on its right are stop words.
_BREAKS = re.compile(r"[.,;:!?()\[\]{}\"“”‘’'/\\|&*+=<>~^%$£€#@…•·–—\n\r\t0-9_]")
# The only stop words that may stand inside a phrase: "package of care", "discharge to assess".
LINKING_WORDS = frozenset(
    {"of", "to", "and", "for", "in", "on", "with", "at", "by", "from", "into"}
)
_BREAK = "|"
_BREAK_TOKENS = frozenset({_BREAK, "-", "--", "---"})
_NOT_CONTENT = STOP_WORDS | _BREAK_TOKENS | frozenset("abcdefghijklmnopqrstuvwxyz")
_LENGTH_WEIGHT = (1.0, 1.6, 2.0)  # longer phrases are more specific
ABSORB_SHARE = 0.5  # a sub-phrase mostly seen inside a longer one is merged into it
LIFT_RANGE = (0.5, 2.0)
MIN_PREVIOUS_FOR_LIFT = 30  # fewer reflections the period before say too little to compare
PREVIOUS_SAMPLE = 1000  # at most this many of the previous period's reflections set the lift
SURFACE_SAMPLE = 30  # reflections looked at to spell a theme as it is written


def tokens(text: str) -> list[str]:
    """Words as written (case kept), with `|` wherever a phrase must stop."""
    return _BREAKS.sub(" | ", text).split()


def _text_of(r: Reflection) -> str:
    # Sections on new lines, so that no phrase runs from one into the next.
    return r.title + "\n" + "\n".join(s.text for s in r.sections)


def _phrases(words: list[str]) -> set[str]:
    """Every distinct 1-3-word phrase: content words at both ends, no break inside.

    The middle word of three is a content word or a linking word. One plain loop:
    this is where the review spends most of its time.
    """
    content = set(words)
    content -= _NOT_CONTENT
    found = content.copy()
    add = found.add
    before_last = last = _BREAK
    for word in words:
        if word in content:
            if last in content:
                add(f"{last} {word}")
                if before_last in content:
                    add(f"{before_last} {last} {word}")
            elif before_last in content and last in LINKING_WORDS:
                add(f"{before_last} {last} {word}")
        before_last, last = last, word
    return found


def _document_frequency(texts: Iterable[str], joined: list[str] | None = None) -> Counter[str]:
    """In how many texts each phrase occurs; each text's words go to `joined` if given."""
    df: Counter[str] = Counter()
    for text in texts:
        words = tokens(text.casefold())
        df.update(_phrases(words))
        if joined is not None:
            joined.append(" " + " ".join(words) + " ")
    return df


def _is_generic(phrase: str) -> bool:
    return all(w in GENERIC_WORDS or w in STOP_WORDS for w in phrase.split(" "))


def _sub_phrases(words: Sequence[str]) -> list[str]:
    """The shorter phrases inside a phrase that could be phrases themselves."""
    out = []
    for size in range(1, len(words)):
        for i in range(len(words) - size + 1):
            part = words[i : i + size]
            if part[0] not in STOP_WORDS and part[-1] not in STOP_WORDS:
                out.append(" ".join(part))
    return out


def extract_themes(
    reflections: Sequence[Reflection],
    previous: Sequence[Reflection] = (),
    limit: int = TOP_THEMES,
) -> tuple[Theme, ...]:
    """The phrases of 1-3 words that kept coming back, each with its reflections.

    Deterministic and local. A phrase is words between punctuation, digits and
    line breaks; it starts and ends with a word that is not a stop word (one may
    stand in the middle: "discharge to assess"), and is counted once per
    reflection (title and text) that uses it. To be a theme it must recur in at
    least two reflections, must not be made only of everyday words
    (GENERIC_WORDS, the generic baseline), and must not be part of the name of a
    person or organisation labelled on the reflections when it is written as a
    name (those are counted under Relationships).

    Score: reflections using it x (1 + ln(share^-1)), so that a word in nearly
    every reflection (the job itself) does not crowd out the year's themes;
    x 1.6 for two words, x 2 for three; and, when the previous period has at
    least MIN_PREVIOUS_FOR_LIFT reflections, x the square root of how much more
    often it came up than then (clamped to 0.5..2; estimated from at most
    PREVIOUS_SAMPLE evenly spaced reflections of that period).
    A shorter phrase found mostly inside a longer one (in at least half of its
    reflections) is merged into it, as is a phrase that mostly continues a
    chosen one ("wellbeing board" after "health and wellbeing"); a plural
    after its singular (or the other way round) is left out. Ties go to the
    alphabetically first phrase.
    Counts and links are exact, oldest reflection first.
    """
    n = len(reflections)
    if n < 2:
        return ()
    texts = [_text_of(r) for r in reflections]
    lowered: list[str] = []
    df = _document_frequency(texts, lowered)
    previous_joined: list[str | None] = [None] * len(previous)
    lift = _lifter(previous, n, previous_joined)
    names = _name_phrases(reflections)

    scored: dict[str, float] = {}
    for phrase, count in df.items():
        if count < 2 or _is_generic(phrase):
            continue
        size = phrase.count(" ") + 1
        score = count * (1 + math.log(n / count)) * _LENGTH_WEIGHT[size - 1]
        scored[phrase] = score
    if lift is not None:
        scored = {p: s * lift(p, df[p]) for p, s in scored.items()}

    absorbed: set[str] = set()
    for phrase in scored:
        if " " in phrase:
            for part in _sub_phrases(phrase.split(" ")):
                if part in scored and df[phrase] >= ABSORB_SHARE * df[part]:
                    absorbed.add(part)

    chosen: list[tuple[str, list[int]]] = []
    taken: set[str] = set()
    for phrase in sorted(scored, key=lambda p: (-scored[p], p)):
        if len(chosen) >= limit:
            break
        if phrase in absorbed or _plural_twin(phrase) in taken:
            continue
        found = _containing(phrase, lowered)
        if len(found) < 2 or _continues(phrase, found, chosen, lowered):
            continue
        if phrase in names and _written_as_name(phrase, [texts[i] for i in found]):
            continue
        chosen.append((phrase, found))
        taken.add(phrase)

    previous_lowered = (
        [
            text if text is not None else _joined(_text_of(r).casefold())
            for r, text in zip(previous, previous_joined, strict=True)
        ]
        if chosen
        else []
    )
    return tuple(
        Theme(
            phrase=_surface(phrase, [texts[i] for i in found]),
            count=len(found),
            reflection_ids=tuple(reflections[i].id for i in found),
            previous=len(_containing(phrase, previous_lowered)),
        )
        for phrase, found in chosen
    )


def _lifter(
    previous: Sequence[Reflection], n: int, joined: list[str | None]
) -> Callable[[str, int], float] | None:
    """How much more often each phrase came up than in the previous period, or None.

    The words of the sampled reflections are kept in `joined`, by position.
    """
    if len(previous) < MIN_PREVIOUS_FOR_LIFT:
        return None
    step = max(1, math.ceil(len(previous) / PREVIOUS_SAMPLE))
    sampled = range(0, len(previous), step)
    words: list[str] = []
    before = _document_frequency((_text_of(previous[i]) for i in sampled), words)
    for i, text in zip(sampled, words, strict=True):
        joined[i] = text
    low, high = LIFT_RANGE
    m = len(sampled)

    def lift(phrase: str, count: int) -> float:
        ratio = ((count + 1) / (n + 2)) / ((before.get(phrase, 0) + 1) / (m + 2))
        return min(high, max(low, math.sqrt(ratio)))

    return lift


def _plural_twin(phrase: str) -> str:
    """'virtual ward' for 'virtual wards' and the other way round (English plurals in -s)."""
    return phrase[:-1] if phrase.endswith("s") else phrase + "s"


def _joined(text: str) -> str:
    """The words of a text between spaces, so a phrase is found as ' word word '."""
    return " " + " ".join(tokens(text)) + " "


def _containing(phrase: str, joined_texts: Sequence[str]) -> list[int]:
    needle = " " + phrase + " "
    return [i for i, text in enumerate(joined_texts) if needle in text]


def _continues(
    phrase: str,
    found: Sequence[int],
    chosen: Sequence[tuple[str, list[int]]],
    joined: Sequence[str],
) -> bool:
    """The phrase mostly carries on a chosen one, overlapping it at one end.

    "wellbeing board" after "health and wellbeing", when most reflections using
    it say "health and wellbeing board".
    """
    words = phrase.split(" ")
    for other, _ in chosen:
        theirs = other.split(" ")
        for k in range(1, min(len(words), len(theirs))):
            if theirs[-k:] == words[:k]:
                joint = " " + " ".join(theirs + words[k:]) + " "
            elif words[-k:] == theirs[:k]:
                joint = " " + " ".join(words + theirs[k:]) + " "
            else:
                continue
            together = sum(1 for i in found if joint in joined[i])
            if together >= ABSORB_SHARE * len(found):
                return True
    return False


def _name_phrases(reflections: Sequence[Reflection]) -> set[str]:
    """Every phrase made of words of a labelled name, in order ("cllr doyle"), folded."""
    out: set[str] = set()
    seen: set[str] = set()
    for r in reflections:
        for name in (*r.people, *r.organisations):
            if name in seen:
                continue
            seen.add(name)
            words = [w for w in tokens(name.casefold()) if w not in _BREAK_TOKENS]
            out.add(" ".join(words))
            for size in range(1, min(3, len(words)) + 1):
                out.update(" ".join(part) for part in combinations(words, size))
    return out


_SENTENCE_ENDS = re.compile(r"[.!?\n]+")


def _written_forms(texts: Sequence[str]) -> tuple[Counter[str], Counter[str]]:
    """Words as written in a sample of texts: inside sentences, and starting one.

    A capital at the start of a sentence says nothing about the word; inside one
    it does, unless the same word is also found there in lower case.
    """
    inside: Counter[str] = Counter()
    initial: Counter[str] = Counter()
    for text in texts[:SURFACE_SAMPLE]:
        for sentence in _SENTENCE_ENDS.split(text):
            written = [w for w in tokens(sentence) if w not in _BREAK_TOKENS]
            if written:
                initial[written[0]] += 1
                inside.update(written[1:])
    return inside, initial


def _capitalised_as(
    word: str, inside: Counter[str], initial: Counter[str], unsure: bool
) -> str | None:
    """How a word is written when it is only ever written with capitals ("NHS"), else None.

    A word seen only at the start of sentences is taken as capitalised when `unsure`,
    and otherwise only when it is in capitals throughout (an acronym).
    """
    if word in inside:
        return None
    forms = [w for w in inside if w.casefold() == word]
    if forms:
        return min(forms, key=lambda w: (-inside[w], w))
    forms = [w for w in initial if w.casefold() == word and (unsure or w.isupper())]
    if forms and word not in initial:
        return min(forms, key=lambda w: (-initial[w], w))
    return None


def _surface(phrase: str, texts: Sequence[str]) -> str:
    """Lower case, but words only ever written with capitals keep them ('NHS', 'Ashcombe')."""
    inside, initial = _written_forms(texts)
    return " ".join(
        _capitalised_as(w, inside, initial, unsure=False) or w for w in phrase.split(" ")
    )


def _written_as_name(phrase: str, texts: Sequence[str]) -> bool:
    """Every word (but linking words) is only ever written with a capital: part of a name."""
    inside, initial = _written_forms(texts)
    return all(
        _capitalised_as(w, inside, initial, unsure=True) is not None
        for w in phrase.split(" ")
        if w not in STOP_WORDS
    )
