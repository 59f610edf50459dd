"""A year of invented reflections for the throwaway demo journal (`reflect --demo`).

A newcomer opens the demo to see what a lived-in journal looks like before
trusting Reflect with their own. The writer is a fictional director of adult
social care at a fictional county council, leading on hospital discharge across
the local system. Every person, organisation and event is made up, and every
sentence is Reflect's own.

The entries are dated relative to `today`, so the "on this day", "recent" and
balance views always have something to show: three share today's day of the
month in earlier months, four fall in the last thirty days, and attention across
the six ways is deliberately uneven (much doing and thinking, little being).
Nothing is random; ids are left for `NewReflection.build` to assign.
"""

from __future__ import annotations

import calendar
import textwrap
from datetime import date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from reflect import timeutil
from reflect.frameworks import Lens, Way
from reflect.model import NewReflection, Section

# The cast, spelled once so every entry agrees.
NADIA = "Nadia Rahman"  # the programme's enabler
SAM = "Sam Whitfield"  # buddy; a superintendent in Northshire Police
HELEN = "Helen Marsh"  # chief executive, Northshire Hospitals NHS Trust
KEITH = "Keith Dunmore"  # chief operating officer, Northshire Hospitals NHS Trust
RAJ = "Cllr Raj Bedi"  # cabinet member for adult social care
MARGARET = "Cllr Margaret Doyle"  # chair of the health and wellbeing board
GRAHAM = "Graham Lyle"  # the council's director of finance
BEV = "Bev Clarke"  # carer representative, Carers Voice Northshire
AISHA = "Aisha Patel"  # director of place, the integrated care board
JOY = "Joy Mensah"  # chief executive, Northshire Community Action
ELLIE = "Ellie Ward"  # manager of the hospital social work team

COUNCIL = "Northshire County Council"
HOSPITALS = "Northshire Hospitals NHS Trust"
CARERS = "Carers Voice Northshire"
ICB = "NHS Northshire Integrated Care Board"
POLICE = "Northshire Police"
COMMUNITY = "Northshire Community Action"


def demo_reflections(today: datetime) -> list[NewReflection]:
    """About thirty reflections from the fourteen months before `today`, oldest first.

    A naive `today` is taken as UK time. Every `happened_at` is aware, in
    Europe/London, and strictly before `today`.
    """
    zone = _london()
    now = today.replace(tzinfo=zone) if today.tzinfo is None else today.astimezone(zone)
    base = now.date()

    def ago(days: int, hour: int, minute: int = 0) -> datetime:
        day = base - timedelta(days=days)
        return datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)

    def on_this_day(months: int, hour: int, minute: int = 0) -> datetime:
        day = _same_day_months_back(base, months)
        return datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)

    entries = [
        NewReflection(
            title="First session with Nadia",
            happened_at=ago(420, 10, 15),
            sections=(
                Section(
                    _p("""
                    Nadia asked her question and then simply waited, which I am not used
                    to. My first answer was about outcomes: fewer people stuck in hospital,
                    a budget that balances. She nodded and asked again, this time about
                    *me*.

                    The honest answer is that I want to stop feeling like the one person
                    holding everything together. I say yes to every meeting because if I
                    am not in the room I worry the council will get the blame. That is not
                    leading across a system. It is guarding a border.
                    """),
                    Lens.BIOGRAPHER,
                    prompt="What do you hope will be different about how you lead, a year "
                    "from now?",
                ),
                Section(
                    _p("""
                    Agreed with Nadia:
                    - find a buddy by the end of the month;
                    - write something after every health and wellbeing board;
                    - have one honest conversation with the trust in the next few weeks.
                    """)
                ),
            ),
            ways=(Way.THINKING, Way.FEELING),
            tags=("programme",),
            people=(NADIA,),
            organisations=(COUNCIL,),
        ),
        NewReflection(
            title="Health and wellbeing board: the discharge item",
            happened_at=ago(405, 18, 40),
            sections=(
                Section(
                    _p("""
                    Item six was the discharge report. Forty minutes, eleven speakers, no
                    decision. Keith presented the trust's figures: on a typical day about
                    ninety people are well enough to leave but still in a hospital bed.
                    Everyone agreed this was unacceptable. Cllr Doyle summed up by asking
                    for a further report in three months.

                    What I noticed: nobody asked a question they didn't already know the
                    answer to. Nor did I. I had a paragraph ready about reablement and I
                    read it out like a press release.
                    """)
                ),
                Section(
                    _p("""
                    The story in the room was that discharge is a hospital problem with a
                    social care cause. The trust tells it, we half believe it, and the board
                    nods it through because it is tidy. I would like to know what story the
                    people waiting in those beds would tell.
                    """),
                    Lens.STORY_TELLER,
                ),
            ),
            ways=(Way.PERCEIVING, Way.DOING),
            tags=("board", "discharge"),
            people=(KEITH, MARGARET),
            organisations=(COUNCIL, HOSPITALS),
        ),
        NewReflection(
            title="First buddy conversation",
            happened_at=ago(390, 20, 5),
            sections=(
                Section(
                    _p("""
                    An hour with Sam in the café by the station. A police superintendent
                    and a social care director: we both wondered whether the pairing would
                    work. It did, mostly because Sam admitted early on that the force's
                    mental health work feels like "doing the NHS's night shift", and I
                    heard the same resentment in my own voice about the trust.

                    How we'll work: one reflection each, shared a couple of days before we
                    meet. The other person asks questions and offers no advice unless asked.
                    Nothing leaves the pair.
                    """)
                ),
            ),
            ways=(Way.RELATING,),
            tags=("buddy",),
            people=(SAM,),
            organisations=(POLICE,),
        ),
        NewReflection(
            title="Call with the trust about discharge delays",
            happened_at=on_this_day(12, 16, 50),
            sections=(
                Section(
                    _p("""
                    Keith rang at half past two, which is never a good sign. Thirty-one
                    people waiting for a package of care, three of them for more than three
                    weeks, and ambulances queuing outside A&E. He said, more or less, that
                    my teams were the blockage and that he would be telling the ICB so.

                    I heard myself reading our own numbers back to him, faster and louder
                    than I meant to: how many referrals reach us incomplete late in the
                    day, how many assessments we do that the ward could have done. We
                    ended up agreeing to "look at the data together", which we both know
                    means each checking the other's data for mistakes.
                    """),
                    Lens.STORY_TELLER,
                ),
                Section(
                    _p("""
                    I defended the organisation instead of listening to the problem. Keith
                    is under the same pressure I am; he can just see his queue from the
                    window. Next time, before reaching for any figures, ask what he needs
                    from me in the next two days.
                    """),
                    Lens.SAGE,
                ),
            ),
            ways=(Way.FEELING, Way.RELATING, Way.DOING),
            tags=("discharge",),
            people=(KEITH,),
            organisations=(HOSPITALS, COUNCIL),
        ),
        NewReflection(
            title="Budget meeting: the savings target",
            happened_at=ago(350, 12, 30),
            sections=(
                Section(
                    _p("""
                    Graham set out the medium-term position: £6.2m to find from adult
                    social care over two years, on top of last year's savings. The
                    spreadsheet is clear and honest, and I respect him for not dressing it
                    up.

                    I asked for the savings to be looked at alongside the NHS pressures
                    rather than in a separate room. His answer was fair: the council cannot
                    set a legal budget on the hope that the trust will share its savings.

                    Options in my head on the way out:
                    - keep the reablement expansion and find the money from residential
                      placements over time;
                    - propose a pooled budget with the ICB for discharge alone;
                    - stop pretending the target can be met without cutting something, and
                      say so to members.

                    The third is the truthful one. I am not ready to say it yet.
                    """)
                ),
            ),
            ways=(Way.THINKING, Way.DOING),
            tags=("budget",),
            people=(GRAHAM,),
            organisations=(COUNCIL,),
        ),
        NewReflection(
            title="Co-production session with carers",
            happened_at=ago(335, 19, 10),
            starred=True,
            sections=(
                Section(
                    _p("""
                    Fourteen carers in the community centre, Bev chairing, two
                    commissioners and me sitting at the tables rather than at the front.
                    One man described the day his wife came home from hospital: a letter, a
                    bag of tablets and a phone number that rang out. He wasn't angry. He
                    said it was "just how it goes", which was worse.

                    Bev asked each table to draw the journey home as they had lived it. Not
                    one drawing had our reablement service on it. Several had the pharmacy,
                    a neighbour, the receptionist at the surgery. Our flagship service was
                    invisible to the people it exists for.
                    """),
                    Lens.STORY_TELLER,
                ),
                Section(
                    _p("""
                    I badly wanted to explain. I kept my hands under the table and said
                    nothing for a whole hour, which Bev noticed and thanked me for
                    afterwards. Listening without defending is harder for me than any
                    budget meeting.
                    """),
                    Lens.BIOGRAPHER,
                ),
            ),
            ways=(Way.PERCEIVING, Way.RELATING, Way.FEELING),
            tags=("carers", "co-production"),
            people=(BEV,),
            organisations=(CARERS, COUNCIL),
        ),
        NewReflection(
            title="Mapping trust and agreement",
            happened_at=ago(320, 21, 0),
            sections=(
                Section(
                    _p("""
                    Tried the exercise Nadia suggested: two axes, how far I trust each
                    person and how far we agree about where discharge needs to go.
                    - **Helen Marsh**: we agree, but I don't trust her yet. We say the same
                      things in public; I'm not sure she would back me in private.
                    - **Keith Dunmore**: low trust, low agreement. An adversary, if I'm
                      honest, though I dislike the word.
                    - **Cllr Raj Bedi**: high trust, agreement unknown. He backs me, but I
                      don't know what he thinks about moving money towards the NHS.
                    - **Aisha Patel**: high on both. An ally.
                    - **Graham Lyle**: high trust, low agreement. An opponent of the useful
                      kind: he says it to my face.

                    From above, the pattern is plain. My allies are the people who already
                    agree with me, and the person who runs the hospital's front door is the
                    one I trust least. The work is with Keith.
                    """),
                    Lens.AERIAL_PHOTOGRAPHER,
                    prompt="Who do you need alongside you for the next stage, and where do "
                    "they stand today?",
                ),
            ),
            ways=(Way.THINKING, Way.RELATING),
            tags=("trust",),
            people=(NADIA, HELEN, KEITH, RAJ, AISHA, GRAHAM),
            organisations=(HOSPITALS, ICB, COUNCIL),
        ),
        NewReflection(
            title="Couldn't switch off",
            happened_at=ago(305, 23, 10),
            sections=(
                Section(
                    _p("""
                    Gone eleven and still answering email in bed, the third night this
                    week. The work will not be better for my being tired. I know that and do
                    it anyway. From tomorrow the phone charges downstairs.
                    """)
                ),
            ),
            ways=(Way.BEING,),
            tags=("wellbeing",),
        ),
        NewReflection(
            title="Discharge workstream going round in circles",
            happened_at=ago(290, 15, 20),
            sections=(
                Section(
                    _p("""
                    The third meeting in a row spent on the same action log, with every
                    action "in progress". Forty minutes on whether the dashboard should
                    count delays from "medically optimised" or from "ready to leave", a
                    question we settled in principle two meetings ago.

                    What we did not talk about: care homes won't take people from the
                    wards late in the day because the paperwork arrives incomplete, and the
                    council's fee rates mean two homes have quietly stopped taking
                    council-funded residents at all. Both of those point at someone in the
                    room. The definitions debate points at nobody, which is why it is so
                    comfortable.

                    Next time I'll name it, gently: "We keep coming back to the dashboard.
                    I wonder whether it's easier than the fees question, which is mine to
                    answer."
                    """),
                    prompt="What was the meeting working hard not to talk about?",
                ),
            ),
            ways=(Way.PERCEIVING, Way.THINKING),
            tags=("discharge", "avoidance"),
            people=(KEITH, ELLIE),
            organisations=(HOSPITALS, COUNCIL),
        ),
        NewReflection(
            title="Buddy: tame, wicked or critical?",
            happened_at=ago(275, 19, 45),
            sections=(
                Section(
                    _p("""
                    Shared the going-round-in-circles reflection with Sam. In policing, Sam
                    said, you learn fast which problems are critical, where someone has to
                    take charge and there's no time for a workshop, and which are not.
                    Sam's worry about me was the opposite of what I expected: that I treat
                    discharge as a tame problem a better process map would fix, when in
                    truth nobody knows the answer.

                    I pushed back, then saw it was true. Every plan we have written is a
                    process plan. We have never asked, together, what we are trying to
                    achieve for people, or whether the hospital is even the right place to
                    start.

                    Sam asked for nothing in return, but I offered to read the force's
                    draft mental health protocol with a social care eye. It felt like a
                    fair exchange.
                    """)
                ),
            ),
            ways=(Way.THINKING, Way.RELATING),
            tags=("buddy", "wicked-issue"),
            people=(SAM,),
            organisations=(POLICE,),
        ),
        NewReflection(
            title="Critical incident at the trust",
            happened_at=ago(260, 22, 30),
            sections=(
                Section(
                    _p("""
                    The trust declared a critical incident at seven this morning. By nine I
                    had the hospital social work team, our two largest home care providers
                    and brokerage on one call. We got twenty-two people home or into
                    interim beds today, some of them into placements I wouldn't normally
                    agree to. Ellie's team were brilliant, and are exhausted.
                    """)
                ),
                Section(
                    _p("""
                    I like being in command. I'm good at it and people thank me for it.
                    That is the trap: the incident gave me permission to stop the slow work
                    with Keith and just give instructions. It felt like leadership. It was
                    relief.
                    """),
                    Lens.BIOGRAPHER,
                ),
            ),
            ways=(Way.DOING, Way.FEELING),
            tags=("discharge",),
            people=(ELLIE, KEITH),
            organisations=(HOSPITALS, COUNCIL),
        ),
        NewReflection(
            title="The pilot bid was turned down",
            happened_at=ago(245, 17, 30),
            sections=(
                Section(
                    _p("""
                    The ICB has turned down our bid for the home-first pilot. Aisha was
                    kind on the phone and clear in the letter: not enough evidence that the
                    trust owns it with us.

                    Looking back over the last six months, that is fair. The bid was
                    written in our offices by our people and sent to the trust for comment
                    a week before the deadline. We called it joint because their logo was
                    on the cover.
                    """),
                    Lens.HISTORIAN,
                ),
                Section(
                    _p("""
                    A setback, not a verdict. The lesson is not "write a better bid". It is
                    that the design has to begin in a room where Keith, Bev and my own
                    teams can all disagree before anyone writes a word. Look at this again
                    in a month: have I actually done that?
                    """),
                    Lens.SAGE,
                ),
            ),
            ways=(Way.FEELING, Way.THINKING),
            tags=("setback",),
            people=(AISHA, KEITH, BEV),
            organisations=(ICB, HOSPITALS),
        ),
        NewReflection(
            title="Briefing Cllr Bedi",
            happened_at=ago(230, 13, 10),
            sections=(
                Section(
                    _p("""
                    Raj wants some good news before full council, and I understand why
                    after the run of stories in the local paper about care home closures.
                    I gave him the reablement figures, which really are better, and then
                    told him about the bid.

                    He went quiet, then asked whether the trust was "playing games". I said
                    no: we simply hadn't earned their trust yet, and it would help if he
                    didn't suggest otherwise in the chamber. He agreed, reluctantly. A small
                    thing, but I think it mattered.
                    """)
                ),
            ),
            ways=(Way.RELATING, Way.DOING),
            tags=("trust",),
            people=(RAJ,),
            organisations=(COUNCIL,),
        ),
        NewReflection(
            title="Light bulb: it starts before the front door",
            happened_at=ago(215, 7, 45),
            starred=True,
            sections=(
                Section(
                    _p("""
                    On the train, rereading the carers' drawings from the co-production
                    session, something finally landed. For months we have been trying to
                    get people *out* of hospital faster. Yet half the people on Keith's
                    list went *in* after a fall or a crisis at the end of the day, when
                    nobody else could come.

                    Seen from high enough, discharge is not the problem. It is where the
                    problem becomes visible. The real question is something like: *what
                    would it take for home to be the first option, every time, even at six
                    in the evening?*

                    That question belongs to all of us: the trust, the council, GPs, the
                    voluntary sector, even Sam's officers who turn up to the falls. Nobody
                    can solve it alone, and nobody can be blamed for it alone. That may be
                    exactly why it could bring us together.
                    """),
                    Lens.AERIAL_PHOTOGRAPHER,
                ),
            ),
            ways=(Way.THINKING, Way.PERCEIVING),
            tags=("light-bulb", "wicked-issue", "discharge", "carers"),
            people=(KEITH, SAM),
            organisations=(HOSPITALS,),
        ),
        NewReflection(
            title="Away day with the trust, the ICB and the voluntary sector",
            happened_at=ago(200, 17, 0),
            sections=(
                Section(
                    _p("""
                    Nadia facilitated. She opened with the home-first question and asked
                    each of us to tell the story of one person, as our own organisation
                    saw it. Keith told of a man who waited nineteen days for a package of
                    care. Joy told a similar story from the food bank's side: people sent
                    home to empty cupboards. Bev told hers as a carer. By the third story
                    nobody was defending anything.

                    Then Nadia asked the harder question: in each story, at which moment
                    could someone have changed the ending? Almost every answer was a moment
                    between two organisations, not inside one.
                    """),
                    Lens.STORY_TELLER,
                ),
                Section(
                    _p("""
                    As far as anyone could remember, this was the first time the four
                    organisations had sat in one room without an agenda written by one of
                    them. The last joint event, before my time, was a conference on
                    integration that produced a glossy plan and no change. Half the room
                    remembered it, and I could feel them waiting for the same thing to
                    happen again. What was different, I think, is that we began with people
                    rather than structures, and nobody brought slides.
                    """),
                    Lens.HISTORIAN,
                ),
                Section(
                    _p("""
                    What we made:
                    - a shared aim in one sentence, which we argued over for an hour and is
                      better for it;
                    - three small tests to start within eight weeks, each owned by two
                      organisations;
                    - a promise to meet monthly for a year, whatever else happens.

                    What I did well: stayed quiet for the first hour. What I did less well:
                    leapt up to write the actions on the flip chart because I couldn't bear
                    the silence.
                    """)
                ),
            ),
            ways=(Way.DOING, Way.RELATING),
            tags=("away-day", "co-production"),
            people=(NADIA, KEITH, JOY, BEV, AISHA),
            organisations=(HOSPITALS, ICB, COMMUNITY, CARERS),
        ),
        NewReflection(
            title="Workforce: the home care gap",
            happened_at=on_this_day(6, 11, 20),
            sections=(
                Section(
                    _p("""
                    Met three home care providers. Between them they are carrying more than
                    sixty vacancies; one lost nine carers in a month when a warehouse nearby
                    put up its hourly rate. Our rate for home care is the lowest in the
                    region, and everyone in the room knew it.

                    I can't fix pay on my own, but I can stop the council making the job
                    worse: paying on planned hours instead of actual visits, paying late,
                    and commissioning fifteen-minute calls nobody can do well. Asked
                    commissioning for a costed option to pay for travel time, to come back
                    next month.
                    """)
                ),
            ),
            ways=(Way.THINKING, Way.DOING),
            tags=("workforce", "budget"),
            organisations=(COUNCIL,),
        ),
        NewReflection(
            title="Saying it out loud at the board",
            happened_at=ago(170, 18, 15),
            starred=True,
            sections=(
                Section(
                    _p("""
                    At the health and wellbeing board I said, in public and with Raj two
                    seats away, that the council's own fee rates are part of the reason
                    people are stuck in hospital. The room went very still. Cllr Doyle
                    thanked me and moved on. Afterwards Helen Marsh came over and said it
                    was the first time she had heard anyone from the council say so.
                    """)
                ),
                Section(
                    _p("""
                    My hands were shaking as I spoke. I had told Raj beforehand, so it
                    wasn't an ambush, but he didn't like it, and he is right that it will be
                    quoted back at us.

                    Not saying it would have cost another year of the trust and the council
                    each waiting for the other to admit something first. I would rather be
                    the one who goes first.
                    """),
                    Lens.BIOGRAPHER,
                    prompt="What did it cost you to say it, and what would silence have cost?",
                ),
            ),
            ways=(Way.FEELING, Way.DOING),
            tags=("courage", "board"),
            people=(RAJ, MARGARET, HELEN),
            organisations=(COUNCIL, HOSPITALS),
        ),
        NewReflection(
            title="Buddy: after the board",
            happened_at=ago(160, 20, 30),
            sections=(
                Section(
                    _p("""
                    Sam read my account of the board and asked one question: "Who looked
                    after you afterwards?" Nobody, was the answer. I went straight into a
                    budget meeting.

                    We talked about how we both treat courage as a single act and then
                    carry on as if nothing happened, and how that is part of why it feels
                    so expensive. After a hard job Sam sits for ten minutes in the car with
                    the radio off before driving anywhere. I'm going to borrow that.
                    """)
                ),
            ),
            ways=(Way.RELATING, Way.FEELING),
            tags=("buddy", "courage", "wellbeing"),
            people=(SAM,),
            organisations=(POLICE,),
        ),
        NewReflection(
            title="Keith, seven months on",
            happened_at=ago(150, 16, 40),
            starred=True,
            sections=(
                Section(
                    _p("""
                    Seven months ago Keith and I were shouting at each other's data. Today
                    he rang to ask whether my team could join the trust's ward rounds for
                    the first test, and then asked what the trust could do to make our
                    assessors' lives easier. I nearly missed how big a change that is.

                    How it moved: the rejected bid, which humbled us both; the away day,
                    where he told his story and people listened; and, I think, the board,
                    when I admitted our part in public. He told me later that was when he
                    stopped thinking we were hiding behind the hospital.
                    """),
                    Lens.HISTORIAN,
                ),
                Section(
                    _p("""
                    On the trust-and-agreement map he has moved from the bottom corner to
                    something like an opponent: high trust now, and we still disagree about
                    plenty, especially how long an assessment should take. That is a far
                    better place to be. I can argue with someone I trust.
                    """)
                ),
            ),
            ways=(Way.RELATING, Way.PERCEIVING),
            tags=("trust", "discharge"),
            people=(KEITH,),
            organisations=(HOSPITALS,),
        ),
        NewReflection(
            title="Carers redesign the first test",
            happened_at=ago(135, 19, 0),
            sections=(
                Section(
                    _p("""
                    The first joint test was meant to speed up assessment on the ward. Bev
                    brought four carers to the design session, and within twenty minutes
                    they had politely taken it apart. What they want is not speed. It is
                    one named person who rings on the first evening home and again on day
                    three. Speed without that just gets people home sooner to the same
                    unanswered phone.

                    Keith's response surprised me: "Then let's test that instead." We
                    changed the plan there and then. Ellie's team will provide the named
                    person, the trust will confirm a leaving date a day earlier, and Carers
                    Voice will make the day-three call.
                    """),
                    prompt="Whose voice changed the plan today, and how?",
                ),
            ),
            ways=(Way.PERCEIVING, Way.RELATING, Way.DOING),
            tags=("carers", "co-production", "discharge"),
            people=(BEV, KEITH, ELLIE),
            organisations=(CARERS, HOSPITALS, COUNCIL),
        ),
        NewReflection(
            title="Overspend, and holding the line",
            happened_at=ago(120, 14, 0),
            sections=(
                Section(
                    _p("""
                    Graham brought the latest monitoring figures: a £2.1m overspend on
                    adult social care, mostly residential placements. His first question
                    was whether the named-person test could be put back a year.

                    I said no, and then explained: the test costs about £40k, and if it
                    works it cuts readmissions, which is where many placements begin. He
                    wasn't convinced but agreed to hold off until the first data arrive.
                    In return I promised a realistic placements savings plan for the next
                    meeting, one that doesn't lean on the test at all. I am not sure I can
                    deliver it, and that worries me more than I let him see.
                    """)
                ),
            ),
            ways=(Way.DOING, Way.THINKING, Way.FEELING),
            tags=("budget",),
            people=(GRAHAM,),
            organisations=(COUNCIL,),
        ),
        NewReflection(
            title="A walk after the review",
            happened_at=ago(105, 20, 50),
            sections=(
                Section(
                    _p("""
                    The safeguarding adults review was published today. A woman died at
                    home after a discharge that every agency, mine included, believed
                    someone else was following up. I read it twice, signed off our
                    response, and walked the long way home by the river without my phone.

                    What I want to keep: the grief is right, and it is information. It is
                    why the named-person test matters. I don't have to turn it into an
                    action tonight.
                    """),
                    Lens.SAGE,
                ),
            ),
            ways=(Way.BEING, Way.FEELING),
            tags=("wellbeing", "discharge"),
        ),
        NewReflection(
            title="Checking my beliefs with Nadia",
            happened_at=ago(90, 10, 30),
            sections=(
                Section(
                    _p("""
                    - That the aim is right: **9**. Home as the first option still feels
                      like the right direction.
                    - That change is possible here and now: **7**, up from 4 at the start.
                      Keith, Bev and Joy did that.
                    - That it will actually happen: **5**. The overspend or the politics
                      could still sink it.

                    Nadia pointed out that the gap between my first and third scores is
                    where my tiredness comes from. I had never looked at it that way.
                    """),
                    prompt="Out of ten: is the aim right, is change possible here, and will "
                    "it really happen?",
                ),
            ),
            ways=(Way.THINKING, Way.FEELING),
            tags=("programme",),
            people=(NADIA,),
        ),
        NewReflection(
            title="The board signs off home first",
            happened_at=ago(75, 18, 0),
            sections=(
                Section(
                    _p("""
                    The board approved the joint strategy today, with the trust, the ICB
                    and Northshire Community Action signing alongside the council. Cllr
                    Doyle asked Bev to present the carers' section, and she did it better
                    than any of us could have. Twelve minutes, unanimous, and Helen and I
                    walked out together. Less than a year ago the same item took forty
                    minutes and ended with a request for another report.

                    A caution for myself: approval is the easy part. The strategy has nine
                    actions and only three have money behind them.
                    """)
                ),
            ),
            ways=(Way.DOING, Way.RELATING),
            tags=("board", "co-production"),
            people=(MARGARET, BEV, HELEN),
            organisations=(COUNCIL, HOSPITALS, ICB, COMMUNITY),
        ),
        NewReflection(
            title="Food, falls and the bigger map",
            happened_at=on_this_day(2, 12, 45),
            sections=(
                Section(
                    _p("""
                    Lunch with Joy. Her volunteers are meeting more older people who went
                    home from hospital alone and are not eating properly, and several of
                    them have since fallen. Sam's officers attend some of those falls
                    because nobody else can get there quickly.

                    Sketched on the back of a menu, the links are obvious: a food bank, a
                    response car, A&E, a social care assessment, a care home bed. Five
                    organisations, one person, and no single budget that sees the whole
                    journey. Home first needs Joy's volunteers as much as my assessors.
                    Asked her to join the steering group as a member, not a guest.
                    """),
                    Lens.AERIAL_PHOTOGRAPHER,
                ),
            ),
            ways=(Way.PERCEIVING, Way.THINKING, Way.DOING),
            tags=("wicked-issue",),
            people=(JOY, SAM),
            organisations=(COMMUNITY, POLICE),
        ),
        NewReflection(
            title="Readmissions went up",
            happened_at=ago(55, 17, 20),
            starred=True,
            sections=(
                Section(
                    _p("""
                    First month of the named-person test. People went home a day sooner,
                    as planned, and readmissions within a week went *up*, from 11 to 15.
                    Small numbers, but the wrong way, and Graham will see the figure before
                    he sees the context.

                    Ellie's team went through the extra cases. Three were people sent home
                    just before a long weekend, when the named person was on leave and the
                    day-three call never happened. The design worked; the cover didn't.
                    """)
                ),
                Section(
                    _p("""
                    Don't defend the test and don't drop it. Publish the figure with its
                    explanation, fix the cover, and keep going for the full three months we
                    agreed. The worst result would be teaching everyone that one bad month
                    ends an experiment.
                    """),
                    Lens.SAGE,
                    prompt="What would you say to a colleague whose first results looked "
                    "like this?",
                ),
            ),
            ways=(Way.THINKING, Way.PERCEIVING, Way.DOING),
            tags=("setback", "discharge"),
            people=(ELLIE, GRAHAM),
            organisations=(COUNCIL,),
        ),
        NewReflection(
            title="Helen rang first",
            happened_at=ago(25, 18, 30),
            sections=(
                Section(
                    _p("""
                    Helen phoned before the trust's figures went to the ICB, to warn me
                    that delays were up again and to say she would describe it as a shared
                    problem, not ours. It is the first time that call has come in this
                    direction. A year ago I would have spent the afternoon drafting a
                    rebuttal. Today I spent it asking Ellie what the ward teams need from
                    us this week.

                    Trust is not something I can decide to feel. It gets built out of calls
                    like this one, made before anyone had to make them.
                    """)
                ),
            ),
            ways=(Way.RELATING, Way.FEELING),
            tags=("trust", "discharge"),
            people=(HELEN, ELLIE),
            organisations=(HOSPITALS,),
        ),
        NewReflection(
            title="Senior team away day",
            happened_at=ago(14, 16, 0),
            sections=(
                Section(
                    _p("""
                    Took my senior team out for the day to look back at the year, using
                    the learning cycle as our structure: what happened, what we noticed,
                    what we made of it, what we'll try next. The second step was the
                    hardest. Everyone wanted to leap from the experience straight to the
                    actions.

                    Ellie's telling of the year was different from mine. In hers the
                    turning point was neither the away day nor the board. It was the
                    evening the carers took the test apart and we let them. I think she is
                    right.
                    """),
                    Lens.STORY_TELLER,
                ),
                Section(
                    _p("""
                    Next: each head of service picks one relationship outside the council
                    to invest in over the coming months, and we review them together.
                    """)
                ),
            ),
            ways=(Way.DOING, Way.THINKING),
            tags=("away-day", "workforce"),
            people=(ELLIE,),
            organisations=(COUNCIL,),
        ),
        NewReflection(
            title="Noticed I'd stopped running",
            happened_at=ago(6, 7, 20),
            sections=(
                Section(
                    _p("""
                    Realised on the walk to the station that I haven't been for a run in
                    six weeks. No drama, just a slow slide while things were busy. Out
                    again at the weekend, and I'm telling Sam so that someone asks.
                    """)
                ),
            ),
            ways=(Way.BEING,),
            tags=("wellbeing", "buddy"),
            people=(SAM,),
        ),
        NewReflection(
            title="Starting the look back over the year",
            happened_at=ago(2, 21, 15),
            sections=(
                Section(
                    _p("""
                    Reading back through the journal before my review with Nadia. Three
                    things keep coming round:
                    - every real shift followed someone saying something uncomfortable out
                      loud, and it usually wasn't me;
                    - I write a great deal about what I did and what I thought, and almost
                      nothing about how I was;
                    - the people I trusted least a year ago are the ones I now ring first.

                    None of this is visible from inside a single week. It only shows when
                    the entries sit side by side.
                    """),
                    Lens.SAGE,
                    prompt="Looking across the whole year, what keeps coming back?",
                ),
                Section(
                    _p("""
                    The second one stings. The journal shows where my attention went, and
                    mostly it went to doing. Next year I want that balance to look
                    different, and to notice sooner when it doesn't.
                    """),
                    Lens.BIOGRAPHER,
                ),
                Section(
                    _p("""
                    To bring to the review:
                    - the first trust-and-agreement map, beside how I would draw it today;
                    - the belief scores, and whether the third one has moved;
                    - the readmissions month, as the clearest case of a setback we learned
                      from instead of burying.
                    """)
                ),
            ),
            ways=(Way.THINKING,),
            tags=("programme",),
            people=(NADIA,),
        ),
    ]
    return sorted(entries, key=lambda r: r.happened_at or now)


def _london() -> tzinfo:
    """UK time; the machine's own zone if the time zone database is missing."""
    try:
        return ZoneInfo("Europe/London")
    except ZoneInfoNotFoundError:
        return timeutil.local_zone()


def _same_day_months_back(base: date, months: int) -> date:
    """`base`'s day of the month, `months` (or, if that month is too short, a few more) back."""
    for back in range(months, months + 4):
        year, index = divmod(base.year * 12 + base.month - 1 - back, 12)
        if base.day <= calendar.monthrange(year, index + 1)[1]:
            return date(year, index + 1, base.day)
    raise ValueError(f"no month near {months} months before {base} has day {base.day}")


def _p(text: str) -> str:
    """Dedent and unwrap source text into Markdown.

    Lines within a paragraph or list item are joined with spaces; blank lines
    between paragraphs and the start of each list item are kept.
    """
    paragraphs: list[str] = []
    for block in textwrap.dedent(text).strip().split("\n\n"):
        lines: list[str] = []
        for raw in block.splitlines():
            line = raw.strip()
            if lines and not line.startswith("- "):
                lines[-1] += " " + line
            else:
                lines.append(line)
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)
