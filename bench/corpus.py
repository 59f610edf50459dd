"""A deterministic generator of realistic journal reflections, for the benchmark.

The text imitates what a UK public-service leader might write after boards,
partnership meetings and hard conversations: hospital discharge, social care,
councils, health and wellbeing boards, trust, co-production. Sentences are
assembled from templates and word lists with a seeded `random.Random`, so the
same seed always gives the same journal while no two bodies are the same.
Every name, place and organisation here is invented.
"""

from __future__ import annotations

import itertools
import random
import uuid
from collections.abc import Iterator, Sequence
from datetime import datetime, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo

from reflect.frameworks import Lens, Way
from reflect.model import NewReflection, Reflection, Section

T = TypeVar("T")

LONDON = ZoneInfo("Europe/London")
# The journal spans about five years, ending here (a fixed date keeps runs identical).
END = datetime(2025, 6, 30, 18, 0, tzinfo=LONDON)
SPAN = timedelta(days=5 * 365)
STARRED_SHARE = 0.10

_FIRST_NAMES = (
    "Aisha",
    "Alun",
    "Amara",
    "Angus",
    "Anjali",
    "Bethan",
    "Bronwen",
    "Callum",
    "Chidi",
    "Ciara",
    "Dafydd",
    "Deepa",
    "Declan",
    "Eilidh",
    "Efua",
    "Farah",
    "Fergus",
    "Gareth",
    "Grace",
    "Hamish",
    "Harpreet",
    "Imogen",
    "Isla",
    "Jamal",
    "Joanne",
    "Kwame",
    "Lowri",
    "Marcus",
    "Mairead",
    "Nadia",
    "Niamh",
    "Olu",
    "Orla",
    "Priya",
    "Rhys",
    "Ruth",
    "Sanjay",
    "Siobhan",
    "Tariq",
    "Tomasz",
    "Una",
    "Wei",
    "Yusuf",
    "Zainab",
    "Zofia",
)
_SURNAMES = (
    "Adeyemi",
    "Ahmed",
    "Baxter",
    "Begum",
    "Bhatt",
    "Brennan",
    "Campbell",
    "Chowdhury",
    "Davies",
    "Doherty",
    "Evans",
    "Fairbairn",
    "Fraser",
    "Gallagher",
    "Greenwood",
    "Haworth",
    "Hughes",
    "Iqbal",
    "Jenkins",
    "Kaur",
    "Kowalski",
    "Lindqvist",
    "Lloyd",
    "MacLeod",
    "McBride",
    "Mensah",
    "Morgan",
    "Nwosu",
    "O'Connell",
    "Okafor",
    "Patel",
    "Pritchard",
    "Quinn",
    "Rahman",
    "Rowntree",
    "Sandhu",
    "Shah",
    "Sutcliffe",
    "Thackeray",
    "Varga",
    "Walsh",
    "Whitfield",
    "Wozniak",
    "Yates",
)


def _people(count: int = 200, seed: int = 7) -> tuple[str, ...]:
    """Distinct full names, always the same ones for the same seed."""
    rng = random.Random(seed)
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < count:
        name = f"{rng.choice(_FIRST_NAMES)} {rng.choice(_SURNAMES)}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    return tuple(names)


PEOPLE = _people()

ORGANISATIONS = (
    "Ashcombe City Council",
    "Brackenfield County Council",
    "Harrowdale District Council",
    "Ashcombe and Brackenfield ICB",
    "Northvale NHS Foundation Trust",
    "Harrowdale Community Health Trust",
    "Eastmoor Mental Health Partnership Trust",
    "Ashcombe General Hospital",
    "Brackenfield Ambulance Service",
    "Ashcombe Council for Voluntary Service",
    "Brackenfield Housing Association",
    "Harrowdale Carers Network",
    "Healthwatch Ashcombe",
    "Brackenfield Police",
    "Ashcombe Fire and Rescue",
    "Northvale Primary Care Network",
    "Eastmoor GP Federation",
    "Ashcombe Home Care Alliance",
    "Brackenfield Care Homes Forum",
    "Harrowdale Food Bank",
    "Riverside Tenants' Association",
    "Ashcombe Youth Trust",
    "Brackenfield College",
    "Northvale Hospice",
    "Ashcombe Public Health",
    "Brackenfield Adult Social Care",
    "Harrowdale Children's Services",
    "Eastmoor Recovery Collective",
    "Ashcombe Chamber of Commerce",
    "Regional NHS England team",
)

TAGS = (
    "discharge",
    "winter",
    "budget",
    "co-production",
    "board",
    "trust",
    "conflict",
    "care-homes",
    "home-care",
    "workforce",
    "recruitment",
    "housing",
    "mental-health",
    "prevention",
    "data",
    "inspection",
    "safeguarding",
    "carers",
    "voluntary-sector",
    "primary-care",
    "governance",
    "strategy",
    "neighbourhoods",
    "inequalities",
    "listening",
    "feedback",
    "coaching",
    "wellbeing",
    "politics",
    "scrutiny",
    "commissioning",
    "digital",
    "estates",
    "transport",
    "youth",
    "public-health",
    "frailty",
    "complaints",
    "learning",
    "celebration",
)


def _cumulative(count: int, exponent: float) -> tuple[float, ...]:
    """Zipf-like cumulative weights (cumulative so each draw skips re-adding them)."""
    return tuple(itertools.accumulate(1.0 / (i + 1) ** exponent for i in range(count)))


# Some tags and people come up much more than others, as in a real journal.
_TAG_WEIGHTS = _cumulative(len(TAGS), 0.8)
_PEOPLE_WEIGHTS = _cumulative(len(PEOPLE), 0.9)

# Vocabulary for the sentence templates below. Keys are template slots.
_WORDS: dict[str, tuple[str, ...]] = {
    "forum": (
        "the health and wellbeing board",
        "the integrated care board",
        "the discharge huddle",
        "the place partnership board",
        "the safeguarding adults board",
        "the winter planning cell",
        "the system leadership group",
        "the joint commissioning panel",
        "the cabinet briefing",
        "the community safety partnership",
        "the overview and scrutiny committee",
        "the neighbourhood team meeting",
        "the provider collaborative",
        "the quality committee",
        "the carers' reference group",
        "the directors' away day",
        "the budget challenge session",
        "the urgent and emergency care board",
        "the housing and health forum",
        "the staff listening session",
    ),
    "topic": (
        "delayed discharges",
        "the winter plan",
        "the better care fund",
        "home care capacity",
        "the care home market",
        "the mental health crisis pathway",
        "the prevention strategy",
        "the joint strategic needs assessment",
        "the workforce plan",
        "virtual wards",
        "the budget gap",
        "the neighbourhood health model",
        "the community diagnostic centre",
        "the inequalities programme",
        "hospital flow",
        "the frailty pathway",
        "intermediate care beds",
        "the reablement service",
        "the housing register",
        "the children's transition pathway",
        "the shared care record",
        "the carers' strategy",
        "the falls prevention work",
        "the learning disability review",
        "the estates review",
    ),
    "group": (
        "residents",
        "carers",
        "frontline staff",
        "ward managers",
        "social workers",
        "GPs",
        "home care workers",
        "councillors",
        "the voluntary sector",
        "young people",
        "people with lived experience",
        "care home owners",
        "district nurses",
        "paramedics",
        "the finance directors",
        "housing officers",
        "the people who use our services",
    ),
    "feeling": (
        "uneasy",
        "energised",
        "frustrated",
        "hopeful",
        "tired",
        "exposed",
        "relieved",
        "quietly proud",
        "out of my depth",
        "more patient than usual",
        "defensive",
        "curious",
        "impatient",
        "steadier than I expected",
        "a little lost",
        "grateful",
    ),
    "tension": (
        "who owns the risk",
        "whose budget pays",
        "how fast we can move",
        "what counts as success",
        "who speaks for residents",
        "whether the data can be trusted",
        "who gets the credit",
        "how much we can say in public",
        "which targets matter most",
        "where the money goes",
    ),
    "move": (
        "slowed the conversation down",
        "named the tension out loud",
        "asked a naive question",
        "sat with the silence",
        "handed the chair to someone else",
        "told a story from the ward",
        "brought the numbers back to one person's experience",
        "admitted I did not know",
        "suggested we pause the decision",
        "invited the quieter voices in",
        "drew the whole pathway on the flipchart",
        "offered to take the difficult call myself",
    ),
    "outcome": (
        "the room softened",
        "we agreed a shared measure",
        "two partners offered staff",
        "the decision was deferred",
        "we left with more questions than answers",
        "the argument went round in circles",
        "people started talking to each other, not to me",
        "we settled on a ninety-day test",
        "a proper plan began to emerge",
        "the pressure simply moved elsewhere",
        "the carers' voice finally landed",
    ),
    "insight": (
        "trust is built in the small follow-ups, not in the big meetings",
        "I default to fixing when I should be listening",
        "the system behaves the way it is designed to behave",
        "our governance hides the real decisions rather than making them",
        "co-production only works when we share power, not just information",
        "every organisation in the room is protecting something it values",
        "I need to let go of the credit to get the outcome",
        "data starts arguments as often as it settles them",
        "the quickest route is rarely the one through the formal board",
        "people support what they help to create",
        "my calm is contagious, and so is my anxiety",
        "relationships carry us when the structures fail",
    ),
    "day": (
        "This morning",
        "This afternoon",
        "Late yesterday",
        "At the start of the week",
        "On Friday",
        "Earlier today",
        "Just before the recess",
        "After a long day",
    ),
    "number": (
        "twelve",
        "seventeen",
        "thirty",
        "forty-two",
        "sixty",
        "eighty-five",
        "a hundred and ten",
        "nearly two hundred",
    ),
    "place": (
        "the discharge lounge",
        "a care home on the edge of town",
        "the community hub",
        "the council chamber",
        "the A&E corridor",
        "a GP surgery in Riverside",
        "the food bank warehouse",
        "the ambulance station",
        "the youth centre",
    ),
    # Rarer words: each appears in only a small share of reflections.
    "rare": (
        "ombudsman",
        "whistleblowing",
        "heatwave",
        "cyberattack",
        "flooding",
        "coroner",
        "judicial review",
        "by-election",
        "pandemic",
        "sequestration",
        "portakabin",
        "kaleidoscope",
        "lighthouse",
        "allotment",
        "marathon",
        "bereavement",
        "menopause",
        "apprenticeship",
        "ransomware",
        "tribunal",
    ),
}

COMMON_QUERY_WORDS = (
    "discharge",
    "trust",
    "board",
    "carers",
    "budget",
    "residents",
    "partners",
    "care",
    "council",
    "listening",
    "winter",
    "data",
    "co-production",
    "decision",
    "pressure",
)
RARE_QUERY_WORDS = _WORDS["rare"]

_OPENERS: dict[Lens | None, tuple[str, ...]] = {
    None: (
        "{day} I chaired {forum}, and most of the time went on {topic}.",
        "{day} {forum} spent an hour on {topic} and never quite reached a decision.",
        "I went to {place} to see {topic} from the ground, with {person} from {org}.",
        "{day} {person} rang me about {topic}; {org} is under real pressure.",
        "{forum} met again about {topic}. {number} people were delayed in hospital this week.",
        "I met {group} at {place} to listen before we change {topic}.",
    ),
    Lens.BIOGRAPHER: (
        "Looking at myself in this: I felt {feeling} from the moment {topic} came up.",
        "What this shows me about myself is that I get {feeling} when {tension} is unclear.",
        "I noticed my own reaction first: {feeling}, and a strong pull to take over.",
        "I was {feeling} going in, and I think {person} could tell.",
    ),
    Lens.HISTORIAN: (
        "This did not start today: {topic} has been contested since the last reorganisation.",
        "The history matters here. {org} and the council fell out over {tension} years ago.",
        "Going back over my notes, {forum} has circled {topic} at least {number} times.",
        "Seen in the longer run, this is the third winter we have argued about {tension}.",
    ),
    Lens.AERIAL_PHOTOGRAPHER: (
        "From the balcony, {topic} is one symptom of how the whole system is wired.",
        "Seen from above, the pressure at {place} is really about {tension}.",
        "Zooming out, every partner is optimising its own part of {topic}.",
        "Looking at the whole system, {group} carry the cost of our disagreements about {tension}.",
    ),
    Lens.STORY_TELLER: (
        "The story being told in the room was that {org} is the problem.",
        "{person} told the story of a resident stuck for {number} days, and it changed the mood.",
        "The official story is about {topic}; the story in the corridor is about {tension}.",
        "I caught myself telling a heroic story about the council, which is not the whole truth.",
    ),
    Lens.SAGE: (
        "What I want to carry forward is that {insight}.",
        "The lesson, again: {insight}.",
        "If I remember one thing from this, it is that {insight}.",
        "Next time I will notice sooner that {insight}.",
    ),
}

_BODY = (
    "{person} from {org} argued that {tension} had to be settled before anything else.",
    "{group} told us plainly that {topic} feels different from where they stand.",
    "When the discussion stalled I {move}, and {outcome}.",
    "The finance conversation was hard: {org} cannot carry the risk of {topic} alone.",
    "I am still {feeling} about how the decision on {topic} was made.",
    "{person} stayed behind afterwards to say that trust between partners is thinner "
    "than it looks.",
    "We have {number} people waiting for a package of care and no quick way to change that.",
    "Co-production came up again, and I wonder whether we mean it or just say it.",
    "The data from {org} did not match ours, so the first half hour was about whose "
    "numbers were right.",
    "There is a real question about {tension}, and nobody wanted to own it in public.",
    "I {move}; afterwards {person} said it helped.",
    "It struck me that {group} were talked about a lot and barely heard from.",
    "The chief executive of {org} was candid about the pressure on {topic}.",
    "Councillors want visible progress on {topic} before the elections.",
    "Hospital discharge is where every weakness in the system shows up at once.",
    "Social care is treated as the end of the pipe rather than part of the design.",
    "We agreed to meet at {place} next month rather than around a board table.",
    "{person} and I disagreed about {tension}, but we did it honestly.",
    "Partners were more generous than I had feared, and {outcome}.",
    "I left {feeling}, and I am not sure the minutes will capture why.",
    "The board papers were two hundred pages long and said very little about {group}.",
    "A social worker described a week on the discharge team, and the room went quiet.",
    "The health and wellbeing board signed off {topic}, though the hard part is still to come.",
    "I need to follow up with {person} before Friday, or the goodwill will fade.",
)
_RARE_DETAIL = (
    "The {rare} last month still colours how people talk about risk.",
    "Someone mentioned the {rare} in passing, and it clearly still matters to them.",
    "Oddly, the most useful conversation was about the {rare}, not the agenda.",
)
_LIST_ITEMS = (
    "speak to {person} about {topic}",
    "ask {org} for their discharge figures",
    "write to {group} with what we heard",
    "book a walk-round at {place}",
    "put {tension} on the next agenda",
    "thank {person} properly",
)
_TITLES = (
    "{Forum}",
    "{Forum}: {topic}",
    "After {forum}",
    "Conversation with {person}",
    "Visit to {place}",
    "{Topic} again",
    "Hard day on {topic}",
    "What {group} told us",
    "Partners and {topic}",
    "Notes on trust with {org}",
    "Listening to {group}",
)
# Sections have 1-3 parts; 0-3 ways, 0-4 tags, 0-3 people, 0-2 organisations.
_SECTION_COUNTS = ((1, 2, 3), (40, 35, 25))
_WAY_COUNTS = ((0, 1, 2, 3), (15, 40, 30, 15))
_TAG_COUNTS = ((0, 1, 2, 3, 4), (15, 30, 25, 20, 10))
_PEOPLE_COUNTS = ((0, 1, 2, 3), (30, 35, 25, 10))
_ORG_COUNTS = ((0, 1, 2), (35, 45, 20))


class _Slots(dict[str, str]):
    """Fills a template slot with a fresh random pick each time it is asked."""

    def __init__(self, rng: random.Random, people: Sequence[str], orgs: Sequence[str]) -> None:
        super().__init__()
        self._rng = rng
        # Prefer the reflection's own people and organisations, as a writer would.
        self._people = people or PEOPLE
        self._orgs = orgs or ORGANISATIONS

    def __missing__(self, key: str) -> str:
        if key in ("person", "Person"):
            return self._rng.choice(self._people)
        if key in ("org", "Org"):
            return self._rng.choice(self._orgs)
        word = self._rng.choice(_WORDS[key.lower()])
        return word[0].upper() + word[1:] if key[0].isupper() else word


class Corpus:
    """Reflections and search words from one seed; the same seed gives the same output."""

    def __init__(self, seed: int = 2025) -> None:
        self.rng = random.Random(seed)

    def reflections(self, count: int) -> Iterator[Reflection]:
        """`count` reflections in date order, spread over about five years."""
        start = END - SPAN
        step = SPAN / max(count, 1)
        for i in range(count):
            day = start + step * i
            happened = day.replace(hour=self.rng.randint(8, 18), minute=self.rng.randint(0, 59))
            yield self.new_reflection(happened).build(clock=self._written_after(happened))

    def new_reflection(self, happened_at: datetime | None = None) -> NewReflection:
        rng = self.rng
        people = self._pick(PEOPLE, _PEOPLE_COUNTS, _PEOPLE_WEIGHTS)
        orgs = self._pick(ORGANISATIONS, _ORG_COUNTS)
        slots = _Slots(rng, people, orgs)
        return NewReflection(
            id=uuid.UUID(int=rng.getrandbits(128), version=4),
            title=rng.choice(_TITLES).format_map(slots) if rng.random() > 0.04 else "",
            happened_at=happened_at or self._random_moment(),
            sections=self._sections(slots),
            ways=self._pick(tuple(Way), _WAY_COUNTS),
            tags=self._pick(TAGS, _TAG_COUNTS, _TAG_WEIGHTS),
            people=people,
            organisations=orgs,
            starred=rng.random() < STARRED_SHARE,
        )

    def search_words(self, count: int) -> list[str]:
        """Queries a user might type: mostly common words, some rarer ones, a few pairs."""
        queries = []
        for _ in range(count):
            roll = self.rng.random()
            if roll < 0.55:
                queries.append(self.rng.choice(COMMON_QUERY_WORDS))
            elif roll < 0.85:
                queries.append(self.rng.choice(RARE_QUERY_WORDS))
            else:
                queries.append(" ".join(self.rng.sample(COMMON_QUERY_WORDS, 2)))
        return queries

    # --- pieces -----------------------------------------------------------------

    def _sections(self, slots: _Slots) -> tuple[Section, ...]:
        rng = self.rng
        count = rng.choices(*_SECTION_COUNTS)[0]
        lenses: list[Lens | None] = list(rng.sample(tuple(Lens), count))
        if rng.random() < 0.4:
            lenses[0] = None  # often the first part is just "what happened"
        per_section = rng.randint(1100, 1700) // count
        return tuple(self._section(lens, per_section, slots) for lens in lenses)

    def _section(self, lens: Lens | None, length: int, slots: _Slots) -> Section:
        rng = self.rng
        sentences = [rng.choice(_OPENERS[lens]).format_map(slots)]
        size = len(sentences[0])
        # Shuffled without repeats, so no section says the same thing twice.
        templates = iter(rng.sample(_BODY, len(_BODY)))
        while size < length:
            template = rng.choice(_RARE_DETAIL) if rng.random() < 0.02 else next(templates, None)
            if template is None:
                break
            sentence = template.format_map(slots)
            sentences.append(sentence[0].upper() + sentence[1:])
            size += len(sentence) + 1
        text = " ".join(sentences)
        if rng.random() < 0.15:
            items = rng.sample(_LIST_ITEMS, rng.randint(2, 3))
            text += "\n\nNext steps:\n\n" + "\n".join(f"- {i.format_map(slots)}" for i in items)
        prompt = lens.summary if lens else None
        return Section(text, lens, prompt, f"lens.{lens.value}" if lens else None)

    def _pick(
        self,
        values: Sequence[T],
        counts: tuple[tuple[int, ...], tuple[int, ...]],
        cumulative: Sequence[float] | None = None,
    ) -> tuple[T, ...]:
        """A few distinct values; with weights, popular ones come up more often."""
        wanted = self.rng.choices(*counts)[0]
        chosen: list[T] = []
        while len(chosen) < wanted:
            value = (
                self.rng.choices(values, cum_weights=cumulative)[0]
                if cumulative
                else self.rng.choice(values)
            )
            if value not in chosen:
                chosen.append(value)
        return tuple(chosen)

    def _written_after(self, happened: datetime) -> datetime:
        """Reflections are written from an hour to two days after the event."""
        return happened + timedelta(minutes=self.rng.randint(60, 48 * 60))

    def _random_moment(self) -> datetime:
        return END - timedelta(seconds=self.rng.randint(0, int(SPAN.total_seconds())))
