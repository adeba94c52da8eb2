"""A small but complete Content built in code, so report tests do not depend on the real YAML."""

from __future__ import annotations

from werkstijl.content.models import (
    Agreement,
    AgreementOption,
    CalendarTexts,
    Content,
    GroupTexts,
    MixCondition,
    MixStatement,
    Option,
    Profile,
    Question,
    RhythmBlock,
    Session,
    SessionStep,
    SiteTexts,
    StartPlan,
    TeamTexts,
    Text,
    Tip,
    TipCategory,
    TrainingMail,
)


def T(nl: str, en: str | None = None) -> Text:
    return Text(nl=nl, en=en)


def _profile(pid: str, order: int, nl: str, en: str, colour: str) -> Profile:
    return Profile(
        id=pid,
        order=order,
        name=T(nl, en),
        colour=colour,
        tagline=T(f"De {nl} ziet het grote geheel.", f"The {en} sees the big picture."),
        description=T(
            f"Als {nl} werk je het liefst vanuit een doel. Je schakelt snel en houdt van <b>ruimte</b> "
            "in je agenda om na te denken. Details komen later, als de richting klopt.",
            f"As a {en} you prefer to work from a goal. You switch fast and like <b>room</b> in your "
            "calendar to think. Details come later, once the direction is right.",
        ),
        email_style=T("Je leest mail in korte rondes en beantwoordt vooral wat richting geeft."),
        agenda_style=T("Je agenda is een schets: veel open ruimte, een paar vaste ankers."),
        strengths=[
            T("Overzicht houden", "Keeping the overview"),
            T("Snel beslissen", "Deciding fast"),
        ],
        pitfalls=[
            T("Details laten liggen", "Leaving details"),
            T("Te veel tegelijk", "Too much at once"),
        ],
        week_rhythm=[
            RhythmBlock(
                id="weekstart",
                days=["mon"],
                start="09:00",
                end="09:30",
                title=T("Weekstart", "Week start"),
            ),
            RhythmBlock(
                id="focus",
                days=["tue", "thu"],
                start="10:00",
                end="12:00",
                title=T("Focusblok", "Focus block"),
                why=T("Zonder mail en chat.", "Without mail and chat."),
            ),
            RhythmBlock(
                id="mail",
                days=["mon", "wed", "fri"],
                start="16:30",
                end="17:00",
                title=T("Mail leeg"),
            ),
        ],
        start_plan=StartPlan(**PLANS[pid]),
        team=TeamTexts(role=T(f"De {nl} geeft richting.", f"The {en} gives direction.")),
    )


# First step, weeks 2 and 3, and the first step of a close result per runner-up: every tip
# named here refers to a block, and a close first step suits both profiles.
PLANS = {
    "visionair": {
        "first_step": "focusblok",
        "then": ["inbox-nul", "weekreview"],
        "close": {"operator": "inbox-nul", "processor": "weekreview"},
    },
    "operator": {
        "first_step": "focusblok",
        "then": ["inbox-nul", "buffer"],
        "close": {"visionair": "inbox-nul", "processor": "filters"},
    },
    "processor": {
        "first_step": "focusblok",
        "then": ["weekreview", "filters"],
        "close": {"visionair": "weekreview", "operator": "filters"},
    },
}

PROFILES = (
    _profile("visionair", 1, "Visionair", "Visionary", "#2E6F95"),
    _profile("operator", 2, "Operator", "Operator", "#E69828"),
    _profile("processor", 3, "Processor", "Processor", "#3D9A74"),
)


def _tip(tid: str, title: str, profiles: list[str], priority: int, text: str | None = None) -> Tip:
    body = text or f"Zo pak je het aan: {title.lower()}. Begin klein en houd het een week vol."
    return Tip(
        id=tid, title=T(title, f"{title} (EN)"), text=T(body), profiles=profiles, priority=priority
    )


EMAIL_TIPS = (
    _tip(
        "inbox-nul",
        "Werk naar inbox nul",
        ["visionair", "operator"],
        1,
        "Maak je inbox leeg in je mailblok ({mail}). Begin klein en houd het een week vol.",
    ),
    _tip(
        "vaste-momenten",
        "Lees mail op vaste momenten",
        ["visionair", "processor"],
        1,
        "Kies <b>drie</b> momenten per dag en <i>sluit</i> je mail daartussen.",
    ),
    _tip("twee-minuten", "De twee-minutenregel", ["operator", "processor"], 2),
    _tip("onderwerpregel", "Schrijf een onderwerpregel die werkt", ["visionair"], 3),
    _tip(
        "filters",
        "Laat filters het sorteren doen",
        ["processor", "operator"],
        1,
        "Kijk in je mailblok ({mail}) welke filters je mist.",
    ),
)
AGENDA_TIPS = (
    _tip(
        "focusblok",
        "Plan een focusblok in",
        ["visionair", "processor", "operator"],
        1,
        "Houd je focusblok ({focus}) vrij van overleg.",
    ),
    _tip(
        "buffer",
        "Houd buffers tussen afspraken",
        ["operator"],
        2,
        "Beantwoord vragen in je mailblok ({mail}), niet ertussendoor.",
    ),
    _tip(
        "weekreview",
        "Doe een weekreview",
        ["visionair", "processor"],
        2,
        "Kijk in je weekstart ({weekstart}) terug op vorige week.",
    ),
    _tip("nee-zeggen", "Zeg vaker nee tegen vergaderingen", ["processor"], 3),
)


def _statement(sid: str, **when: object) -> MixStatement:
    return MixStatement(
        id=sid,
        when=MixCondition(**when),
        strong=T(f"Sterk: {sid}.", f"Strong: {sid}."),
        risk=T(f"Risico: {sid}.", f"Risk: {sid}."),
    )


def _option(words: str, **when: object) -> AgreementOption:
    return AgreementOption(
        when=MixCondition(**when) if when else None,
        proposal=T(f"Voorstel {words}.", f"Proposal {words}."),
        why=T(f"Waarom {words}.", f"Why {words}.") if when else None,
    )


GROUP = GroupTexts(
    mix=[
        _statement("evenwichtig", balanced=True),
        *[_statement(f"{k}-{p}", **{k: p}) for p in PLANS for k in ("absent", "dominant", "few")],
    ],
    agreements=[
        Agreement(
            id="reactietijd",
            area="email",
            topic=T("Reactietijd", "Response time"),
            question=T("Hoe snel antwoorden we?", "How fast do we reply?"),
            options=[
                _option("snel-operator", dominant="operator"),
                _option("zonder-processor", absent="processor"),
                _option("standaard-reactie"),
            ],
        ),
        Agreement(
            id="focustijd",
            area="meetings",
            topic=T("Focustijd", "Focus time"),
            question=T("Welke tijd houden we vrij?", "Which time do we keep free?"),
            options=[
                AgreementOption(
                    proposal=T("Op {focus} geen overleg.", "No meetings on {focus}."),
                )
            ],
        ),
    ],
    session=Session(
        intro=T("Een sessie voor {count} deelnemers.", "A session for {count} participants."),
        small=T("Een gesprek met {count}.", "A conversation with {count}."),
        prepare=[T("Print de werkboeken.", "Print the workbooks.")],
        steps=[
            SessionStep(
                minutes=15,
                title=T("Opening", "Opening"),
                do=T("Heet iedereen welkom.", "Welcome everyone."),
                say=T("Wat stoort je?", "What bothers you?"),
                materials=T("Flip-over", "Flip chart"),
            ),
            SessionStep(
                minutes=45,
                title=T("Afspraken", "Agreements"),
                do=T("Maak afspraken.", "Make agreements."),
            ),
        ],
    ),
)


def make_content() -> Content:
    question = Question(
        id="start",
        text=T("Hoe begin je je dag?"),
        options=[
            Option(text=T("Met een plan"), describes="visionair", scores={"visionair": 2}),
            Option(text=T("Met de mail"), describes="operator", scores={"operator": 2}),
            Option(text=T("Met een lijst"), describes="processor", scores={"processor": 2}),
        ],
    )
    site = SiteTexts(
        title=T("Werkstijltest"),
        intro=T("In drie minuten je werkstijl."),
        privacy=T("We bewaren alleen wat nodig is."),
        consent_pdf=T("Stuur mij de PDF"),
        consent_updates=T("Houd mij op de hoogte"),
        consent_version="1",
        mail_subject=T("Jouw werkstijl"),
        mail_body=T("Hallo {name}, je bent {profile}.\n\n{first_step}"),
        training_mail=TrainingMail(
            subject=T("Werkboek {title}"),
            body=T("Hallo {name}, van de trainer van {title}.\n\n{first_step}"),
            subject_untitled=T("Werkboek"),
            body_untitled=T("Hallo {name}, van je trainer.\n\n{first_step}"),
        ),
        optin_subject=T("Bevestig"),
        optin_body=T("Hallo {name}: {link}"),
        site_url="https://werkstijltest.nl",
        calendar=CalendarTexts(
            name=T("Mijn week: {profile}", "My week: {profile}"),
            new_habit=T("Nieuw in week {week}: {title}", "New in week {week}: {title}"),
            footer=T("Uit de test: {link}", "From the test: {link}"),
        ),
    )
    return Content(
        profiles=PROFILES,
        questions=(question,),
        tips={TipCategory.email: EMAIL_TIPS, TipCategory.agenda: AGENDA_TIPS},
        site=site,
        group=GROUP,
        version="fixture-1",
    )


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page, whitespace collapsed (so wrapped lines compare like one line)."""
    import io
    import re

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    return [re.sub(r"\s+", " ", page.extract_text() or "") for page in reader.pages]


def pdf_text(pdf: bytes) -> str:
    return " ".join(pdf_pages(pdf))
