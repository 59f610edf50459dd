"""Suggest the ways and the lens a piece of writing touched, so the leader confirms
with one click instead of choosing from eleven options.

Deliberately simple and transparent: a list of words and phrases, each pointing
at one or more of Goss's six ways or Fillmore's five lenses with a weight. The
words that triggered a suggestion are returned with it, so the interface can say
"because you wrote 'anxious', 'tired'".

How text is matched:

- Words are compared case-insensitively and whole: "trust" never matches inside
  "entrust". A cue ending in "*" matches any word starting with it ("frustrat*"
  matches "frustrated", "frustrating", "frustration").
- A possessive "'s" is ignored ("the council's" is "the council"); curly
  apostrophes count as straight ones ("I’m" is "I'm").
- Phrases are words in a row. Where cues overlap, the longest one that starts
  at a word wins and uses up its words, so "the trust" (the NHS organisation)
  does not also count as "trust" (the feeling), and "trusted assessor" (a role)
  counts for nothing at all.
- Negation is ignored on purpose: writing "not anxious" is still writing about
  feeling.
- A cue that repeats counts a little more each time, up to twice its weight.

The answers' question ids add a little evidence (a substantial answer to "how
did it feel" leans towards feeling) but never enough on their own: a way is only
suggested when the writing itself points to it, so every suggestion has a reason.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from reflect.frameworks import Lens, Way

Target = Way | Lens
_T = TypeVar("_T", Way, Lens)

MAX_WAYS = 3
WAY_THRESHOLD = 2.0
LENS_THRESHOLD = 2.0
MAX_REASONS = 6

# A cue's repeats add half its weight each, up to twice its weight in all.
REPEAT_FACTOR = 0.5
REPEAT_CAP = 2.0
MIN_CONTENT_TO_LEAN = 1.0


@dataclass(frozen=True, slots=True)
class Suggestion:
    ways: tuple[Way, ...]
    lens: Lens | None
    reasons: dict[Target, tuple[str, ...]]


# Cues, by what they point at and how strongly: comma-separated words and phrases.
# Weight 2 is enough on its own; 1 needs company; 0.5 only tips the balance.
_CUES: dict[Target, dict[float, str]] = {
    Way.FEELING: {
        2.0: """
            anxi*, afraid, angry, anger, angered, furious, livid, frustrat*, upset, scared, scary,
            fear, fears, feared, fearful, frighten*, frightened, terrified, nervous, dread*, panic*,
            disappoint*, embarrass*, ashamed, shame, guilt*, gutted, sad, sadness, tearful, tears,
            cried, emotion*, delighted, elated, thrilled, joy, proud, pride, hopeful, hopeless,
            relief, relieved, excited, exciting, excitement, irritat*, annoy*, exasperat*, uneasy,
            unease, despair*, despondent, deflat*, demoralis*, demoraliz*, dismay*, rattled, shaken,
            felt, feelings, fed up, courage*, brave, bravery, conviction, my values, our values,
            what matters to me, heart sank, my heart, sick of, humiliat*, resent*, bitter*, hurt,
            wounded, fury
        """,
        1.5: """
            worr*, uncomfortable, discomfort, optimism, optimistic, optimist, pessimis*, cynic*,
            shock*, grateful, gratitude, happy, unhappy, glad, pleased, lonely, vulnerable, bruised,
            inspir*, passion*, moral, injustice, unfair, values, overwhelm*, jealous*, envy, upbeat,
            buoyed, heartened, moved me, touched me, exposed, drives me, what drives me
        """,
        1.0: """
            feel, feeling, belie*, gut, tense, tension, tensions, stress*, hope, hoped, hoping,
            surpris*, thankful, love, loved, hate, hated, mood, defensive, doubt*, ethic*,
            principle*, fair, dignity, care about, cared about, energised, energized, integrity,
            isolated, out of my depth, temper, lost my temper, imposter, impostor, nervy, wobbly,
            lifted, exhaust*, flat, lighter
        """,
        0.5: """
            calm, calmer, confident, confidence, honest, honesty, warm, warmth, tired, thanked,
            fine, okay, ok
        """,
    },
    Way.PERCEIVING: {
        2.0: """
            notic*, observ*, listen*, picked up on, body language, read the room, balcony,
            off the dance floor, dance floor, really going on, really happening,
            beneath the surface, under the surface, below the surface, unspoken,
            elephant in the room, nobody said, no one said, nobody mentioned, no one mentioned,
            nobody named, no one named, nobody asked, no one asked, avoid*, undercurrent*,
            sidestep*, skirted
        """,
        1.5: """
            spotted, struck me, atmosphere, dynamic, dynamics, step back, stepped back,
            stepping back, unsaid, not said, didn't say, did not say, silent, silence, went quiet,
            stayed quiet, eye contact, curious, curiosity, round in circles, going round in circles,
            went round in circles, the real issue, the real problem, glossed over, ducked, dodged,
            tiptoe*, what was going on, watched, watching
        """,
        1.0: """
            heard, hear, saw, quiet, glance*, tone, seemed, signal*, the room, attention, aware of,
            interrupt*, asked, ask, asking, questions, mood, surpris*, the real question, pause,
            paused, sense that, sensed
        """,
        0.5: "looked, appeared, seeing, clear that",
    },
    Way.THINKING: {
        2.0: """
            analys*, analyz*, complex, complexity, complexities, wicked, hypothes*, clarity,
            sense making, make sense, making sense, made sense, root cause, root causes,
            assumption*, light bulb, lightbulb, penny dropped, think through, thought through,
            thinking through, rethink*, puzzl*, diagnos*
        """,
        1.5: """
            data, evidence, theory, logic*, options, trade off, trade offs, tradeoff*, assum*,
            insight*, scenario*, uncertain*, ambigu*, the real question, mull*, ponder*, framing,
            frame, reframe*, business case, priorit*, interdependen*, the real issue,
            the real problem, figure out, figured out, work out, worked out, trying to understand,
            sense of it, model, models, map, maps, mapped, mapping
        """,
        1.0: """
            thinking, figures, numbers, trend*, tame, reasoning, understand*, realise, realised,
            realising, realisation, realize, realized, realizing, conclu*, strateg*, risk*, unknown,
            consequence*, cause, causes, idea, ideas, concept*, wonder, wondered, wondering,
            question, why, pattern*, incentive*, structur*, perverse, explain*, plan, planning
        """,
        0.5: "think, thought, problem, problems, clear, budget, costs, money",
    },
    Way.RELATING: {
        2.0: """
            trust, trusted, trusting, trusts, mistrust*, distrust*, partner*, relationship*,
            rapport, network*, ally, allies, alliance*, goodwill, good will, get to know,
            got to know, getting to know, fellow travel*, common ground, won over, win over,
            winning over, let them lead, let others lead, let her lead, let him lead, co production,
            coproduc*, buy in, bridges
        """,
        1.5: """
            collaborat*, conversation*, one to one, one to ones, respect, respected, respectful,
            respecting, disrespect*, on board, stakeholder*, empower*, influenc*, persuad*,
            coalition, adversar*, opponent*, bedfellow*, fence sitter*, fell out, falling out, rift,
            opened up, blame*, working together, work together, worked together, side by side,
            in the tent, alongside, reached out, reach out, cllr, councillor*, buddy
        """,
        1.0: """
            together, support*, backed, backing, colleague*, peer*, enabler*, conflict*, disagree*,
            connect*, candid, candidly, candour, frank, invit*, shared, politic*, service users,
            space for, permission, coffee, agreement, listened to me, heard me, relational
        """,
        0.5: """
            council, councils, icb, ics, ccg, the trust, gp, gps, federation, nhs, providers,
            provider, voluntary sector, police, charity, charities, communit*, carers, residents,
            team, teams, thank*, warm, warmth, honest, honesty, open, openly, the chair, tension,
            tensions, cabinet, mayor, agree*, compromise*
        """,
    },
    Way.DOING: {
        2.0: """
            decid*, decision*, action*, next step, next steps, commit, commits, committed,
            commitment, commitments, committing, deliver*, implement*, agreed to, we agreed,
            follow up, followed up, following up, made it happen, signed off, sign off, get it done,
            got it done
        """,
        1.5: """
            acted, pilot*, launch*, set up, push*, propos*, chair, chaired, chairing, challenged,
            challenge, interven*, escalat*, draft*, ring, chase*, chasing, arrange*, deadline*, fix,
            fixed, fixing, approv*, negotiat*, spoke up, speak up, i will, i'll, we will, we'll,
            i'm going to, we're going to, took on, take on, offered, moved things on, move it on,
            unblock*, held back, hold back, phone, phoned, phoning, rang, call them, called them
        """,
        1.0: """
            act, started, start, change, changed, changes, shift*, moved, move, moving, suggest*,
            email*, send, sent, write up, book, booked, schedule*, task*, outcome*, result*,
            present*, presented, asked for, sort out, sorted, tomorrow, next week, monday, tuesday,
            wednesday, thursday, friday, by the end, plan, planning, agree*
        """,
        0.5: """
            do, doing, done, did, said, made, make, try, tried, going to, need to, wanted to, told
        """,
    },
    Way.BEING: {
        2.0: """
            exhaust*, tired, knackered, drained, burnout, burn out, burnt out, burned out, sleep*,
            slept, wellbeing, well being, self aware*, self awareness, who i am, authentic*,
            resilien*, my ego, ego, i tend to, my default, how i show up, show up, showed up,
            showing up, look after myself, looking after myself, out of my depth, imposter,
            impostor, running on empty, worn out, frazzled, stretched thin
        """,
        1.5: """
            humility, humble, patience, impatient, impatience, calm, calmer, calmly, composure,
            composed, energy, stress*, overwhelm*, workload, presence, grounded, centred, coach,
            coaching, my style, my behaviour, my behavior, role model*, kept my cool,
            lost my temper, bit my tongue, held my tongue, my own, in my element, headache, unwell,
            ill, poorly, rest, holiday, my body, breath*, breathe, confidence, confident, insecure,
            self doubt
        """,
        1.0: """
            myself, integrity, energised, energized, balance, boundar*, supervision, mentor*,
            defensive, pause, paused, lonely, vulnerable, alongside, temper, held back, hold back,
            my role, stepped in, break, lunch
        """,
        0.5: "reflect, reflecting, reflection, leading, leadership",
    },
    Lens.BIOGRAPHER: {
        2.0: """
            about me, about myself, my career, my life, my family, personally, i tend to,
            my pattern, my patterns, when i was, my journey, i've always, who i am, my own story,
            meant to me, meant a lot, typical of me, so like me, my values
        """,
        1.5: """
            for me, myself, my own, i always, my mum, my dad, my mother, my father, as a young,
            when i started, reminded me, reminds me, my first, my style, my behaviour, my behavior,
            my ego, ego, imposter, impostor, my default
        """,
        1.0: """
            to me, meant, my old, my part, my role, my reaction, what matters to me, drives me,
            what drives me
        """,
    },
    Lens.HISTORIAN: {
        2.0: """
            looking back, history, histories, historic*, legacy, years ago, for years,
            over the years, decade*, in the past, how we got here, came about, how it started,
            how this started, ever since, long history, the last reorganisation, the old days
        """,
        1.5: """
            look back, the past, used to, originally, origin*, last year, yet again, once more,
            same conversation, remember*, recall*, reminded me, reminds me, when i started, evolv*,
            over time, longer run, long run, arc, trajectory, precedent*, inherit*, baggage,
            went back to, goes back, got here
        """,
        1.0: """
            again, began, beginning, begun, previous*, last time, reorganis*, reorganiz*,
            restructur*, merger, round in circles, going round in circles, went round in circles,
            back in
        """,
        0.5: "old, still, always, months",
    },
    Lens.AERIAL_PHOTOGRAPHER: {
        2.0: """
            system, systems, the system, whole system, bigger picture, big picture, from above,
            interconnect*, interdependen*, knock on, upstream, downstream, ecosystem, zoom out,
            zoomed out, zooming out, birds eye, bird's eye, helicopter, joined up, join up, silo*,
            place based, across the place, across organisations, across the patch,
            every organisation, each organisation
        """,
        1.5: """
            wider, pattern*, fragment*, flow, ripple*, landscape, population, incentive*, the place,
            our place, the patch, the whole, pathway*, ics
        """,
        1.0: """
            across, connected, link*, demand, national, nationally, region*, structur*, perverse,
            loop*, organisations, balcony, politic*, power, map, maps, mapped, mapping
        """,
        0.5: "capacity, whole, providers, sector, sectors",
    },
    Lens.STORY_TELLER: {
        2.0: """
            story, stories, narrative*, headline*, hero, heroes, heroic, villain*, drama*,
            version of events, reputation*, scapegoat*, gossip*, rumour*, rumor*, myth*,
            the story we tell, we tell ourselves, told ourselves, people will say, they'll say,
            the tale, storyline*
        """,
        1.5: """
            media, local paper, the press, plot, twist, chapter, scene, characters, spin,
            the message, messaging, comms, how it looks, how it will look, perception*, will say,
            word gets round, word got round, the line we take
        """,
        1.0: "communicat*, tell, telling, retell*, told, blame*, politicians",
        0.5: "public",
    },
    Lens.SAGE: {
        2.0: """
            learn*, lesson*, next time, wisdom, wise, wiser, worth remembering, takeaway, take away,
            note to self, light bulb, lightbulb, penny dropped, do differently,
            would do differently, what stays with me, stays with me, matters most,
            what really matters, endur*, keep in mind, bear in mind, remember to
        """,
        1.5: """
            in future, in the future, principle*, reminder, insight*, should have, setback*,
            mistake*, advice, what matters, differently, truth, realise, realised, realising,
            realisation, realize, realized, realizing
        """,
        1.0: "going forward, could have, failure, the point is, matters, worth, understand now",
    },
}

# Words that look like cues but, in these phrases, are something else: an
# organisation, a role, a board. They use up their words and count for nothing.
_NOT_CUES = """
    trusted assessor, trusted assessors, health and wellbeing board, health and well being board,
    wellbeing board, wellbeing service, the rest, at rest, rest of, feel free, by the way,
    in the end, trust board, acute trust, foundation trust, ambulance trust, mental health trust,
    community trust, nhs trust, so called, take place, took place, in place, fair share, fine tune,
    i think, i thought, moved on, learning disability, learning disabilities, public health,
    public services, public sector, well done, avoidable admissions, ring fenced, ring fence,
    ring fencing, break even, care act, health act, fair enough
"""

# A substantial answer to a question leans towards these ways, by at most this much.
# A lean is always less than the threshold, and it only adds to a way the writing
# itself already points to with at least MIN_CONTENT_TO_LEAN: the content decides.
_QUESTION_LEANS: dict[str, dict[Way, float]] = {
    "after-meeting/what-i-did": {Way.DOING: 1.0},
    "after-meeting/what-others-did": {Way.RELATING: 0.5, Way.PERCEIVING: 0.5},
    "after-meeting/how-it-felt": {Way.FEELING: 1.5},
    "after-meeting/left-unsaid": {Way.PERCEIVING: 1.0},
    "after-meeting/what-next": {Way.DOING: 0.5},
}
# Words an answer needs before it leans fully; one word does not lean at all.
_SUBSTANTIAL_WORDS = 8

_WORD = re.compile(r"[^\W_]+(?:['’‘][^\W_]+)*")

Element = tuple[str, bool]  # (word, matches any word starting with it)
Weights = tuple[tuple[Target, float], ...]


def _fold(word: str) -> str:
    word = word.casefold().replace("’", "'").replace("‘", "'")
    return word.removesuffix("'s")


def _parse(cue: str) -> tuple[Element, ...]:
    elements: list[Element] = []
    for part in cue.replace("-", " ").split():
        elements += [(_fold(word), False) for word in _WORD.findall(part)]
        if part.endswith("*") and elements:
            elements[-1] = (elements[-1][0], True)
    return tuple(elements)


@dataclass(slots=True)
class _Node:
    """A word-by-word tree of the cues: exact words and prefixes lead on to the next word."""

    exact: dict[str, _Node] = field(default_factory=dict)
    prefix: dict[str, _Node] = field(default_factory=dict)
    prefix_lengths: tuple[int, ...] = ()
    cue: int | None = None  # the cue that ends here, as an index into _WEIGHTS

    def next(self, token: str) -> list[_Node]:
        found = [self.exact[token]] if token in self.exact else []
        for length in self.prefix_lengths:
            if length <= len(token) and token[:length] in self.prefix:
                found.append(self.prefix[token[:length]])
        return found


def _compile() -> tuple[_Node, list[Weights]]:
    table: dict[tuple[Element, ...], dict[Target, float]] = {}
    for target, by_weight in _CUES.items():
        for weight, cues in by_weight.items():
            for raw in cues.split(","):
                if raw.strip():
                    weights = table.setdefault(_parse(raw), {})
                    weights[target] = max(weights.get(target, 0.0), weight)
    for raw in _NOT_CUES.split(","):
        if raw.strip():
            table.setdefault(_parse(raw), {})
    root = _Node()
    all_weights: list[Weights] = []
    for elements, weights in table.items():
        node = root
        for word, is_prefix in elements:
            node = (node.prefix if is_prefix else node.exact).setdefault(word, _Node())
        node.cue = len(all_weights)
        all_weights.append(tuple(weights.items()))
    nodes = [root]
    while nodes:
        node = nodes.pop()
        node.prefix_lengths = tuple(sorted({len(p) for p in node.prefix}))
        nodes += [*node.exact.values(), *node.prefix.values()]
    return root, all_weights


_ROOT, _WEIGHTS = _compile()


def _merge(cues: tuple[int, ...]) -> Weights:
    """Cues that fit the same words at once (say "connected" and "connect*") count as one."""
    merged: dict[Target, float] = {}
    for cue in cues:
        for target, weight in _WEIGHTS[cue]:
            merged[target] = max(merged.get(target, 0.0), weight)
    return tuple(merged.items())


@dataclass(slots=True)
class _Found:
    surface: str  # as first written, for the reasons
    weights: Weights
    count: int = 1


def _find_cues(text: str) -> list[_Found]:
    """Each distinct cue in `text`, in order of first appearance, with how often it came.

    At each word the longest cue starting there wins and uses up its words.
    """
    matches = list(_WORD.finditer(text))
    tokens = [_fold(m.group()) for m in matches]
    starts: dict[str, list[_Node]] = {}
    found: dict[tuple[int, ...], _Found] = {}
    i = 0
    while i < len(tokens):
        first = starts.get(tokens[i])
        if first is None:
            first = starts[tokens[i]] = _ROOT.next(tokens[i])
        width, ends = 0, []
        stack = [(node, 1) for node in first]
        while stack:
            node, depth = stack.pop()
            if node.cue is not None:
                if depth > width:
                    width, ends = depth, [node.cue]
                elif depth == width:
                    ends.append(node.cue)
            if i + depth < len(tokens) and (node.exact or node.prefix):
                stack += [(child, depth + 1) for child in node.next(tokens[i + depth])]
        if ends:
            key = tuple(sorted(ends))
            if key in found:
                found[key].count += 1
            else:
                surface = text[matches[i].start() : matches[i + width - 1].end()]
                found[key] = _Found(" ".join(surface.split()), _merge(key))
        i += max(width, 1)
    return list(found.values())


def suggest(text: str, answers_by_question: Mapping[str, str] | None = None) -> Suggestion:
    """The ways (at most three, strongest first) and the lens `text` points to, with reasons."""
    scores: dict[Target, float] = {}
    evidence: dict[Target, list[tuple[float, int, str]]] = {}
    for position, cue in enumerate(_find_cues(text)):
        repeats = min(REPEAT_CAP, 1 + REPEAT_FACTOR * (cue.count - 1))
        for target, weight in cue.weights:
            scores[target] = scores.get(target, 0.0) + weight * repeats
            evidence.setdefault(target, []).append((weight * repeats, position, cue.surface))

    for way, lean in _question_leans(answers_by_question or {}).items():
        if scores.get(way, 0.0) >= MIN_CONTENT_TO_LEAN:
            scores[way] += lean

    ways = tuple(_ranked(Way, scores, WAY_THRESHOLD)[:MAX_WAYS])
    lenses = _ranked(Lens, scores, LENS_THRESHOLD)
    lens = lenses[0] if lenses else None
    chosen: list[Target] = [*ways, *([lens] if lens else [])]
    return Suggestion(ways, lens, {t: _reasons(evidence[t]) for t in chosen})


def _ranked(kind: type[_T], scores: Mapping[Target, float], threshold: float) -> list[_T]:
    """Members of `kind` scoring at least `threshold`, best first; ties in declared order."""
    members = list(kind)
    passing = [m for m in members if scores.get(m, 0.0) >= threshold]
    return sorted(passing, key=lambda m: (-scores[m], members.index(m)))


def _question_leans(answers: Mapping[str, str]) -> dict[Way, float]:
    """For each way, the strongest lean of any substantial answer (not their sum)."""
    leans: dict[Way, float] = {}
    for question_id, answer in answers.items():
        words = len(_WORD.findall(answer))
        substance = min(1.0, max(0.0, (words - 1) / (_SUBSTANTIAL_WORDS - 1)))
        for way, lean in _QUESTION_LEANS.get(question_id, {}).items():
            leans[way] = max(leans.get(way, 0.0), lean * substance)
    return leans


def _reasons(evidence: list[tuple[float, int, str]]) -> tuple[str, ...]:
    """The strongest triggering words first (then in the order written), without repeats."""
    out: list[str] = []
    seen: set[str] = set()
    for _, _, surface in sorted(evidence, key=lambda e: (-e[0], e[1])):
        if surface.casefold() not in seen:
            seen.add(surface.casefold())
            out.append(surface)
    return tuple(out[:MAX_REASONS])
