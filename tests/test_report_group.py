"""The trainer's group report, read back: cover, session outline, mix, what this mix means, who is
what, pairs and agreements, in both languages and every template."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest
from group_pdf import member_rows, pages, section
from pypdf import PdfReader

from tests.pdf_fixtures import make_content, pdf_pages, pdf_text
from werkstijl.content import load_content
from werkstijl.plan import profile_plan
from werkstijl.report import render_group, template_names
from werkstijl.report.template import DEFAULT_TEMPLATES_DIR
from werkstijl.team import Member

CONTENT = make_content()
REAL = load_content(Path(__file__).resolve().parents[1]).content
TODAY = date(2026, 11, 23)
GROUP = [
    ("Zoë Jansen", "visionair"),
    ("ann de Boer", "operator"),
    ("Émile Bakker", "visionair"),
    ("Bob Smit", "visionair"),
]
COLUMNS = {"nl": ("Naam", "Profiel", "Eerste stap"), "en": ("Name", "Profile", "First step")}


def render(participants=GROUP, **kwargs) -> bytes:
    return render_group(CONTENT, participants, today=TODAY, **kwargs)


def real(counts: dict[str, int], **kwargs) -> bytes:
    people = [Member(f"{pid.title()} {n + 1}", pid) for pid, c in counts.items() for n in range(c)]
    return render_group(REAL, people, today=TODAY, title="Team Noord", **kwargs)


BALANCED = {"visionair": 4, "operator": 4, "processor": 4}
NO_PROCESSOR = {"visionair": 6, "operator": 6}
OPERATORS = {"operator": 8, "visionair": 2, "processor": 2}


def test_cover_shows_title_date_and_count():
    cover = pages(render(title="Team Marketing"))[0]
    assert "Team Marketing" in cover
    assert "23 november 2026" in cover
    assert "4 deelnemers" in cover


def test_every_page_after_the_cover_names_the_training_date_and_count():
    found = pages(render(title="Team Marketing"))
    assert len(found) >= 5
    for number, page in enumerate(found[1:], start=2):
        assert f"Team Marketing · 23 november 2026 · 4 deelnemers Pagina {number} van" in page


def test_default_title_when_the_trainer_gives_none():
    pdf = render()
    reader = PdfReader(io.BytesIO(pdf))
    assert "Jouw groep" in pages(pdf)[0]
    assert "Jouw groep · 23 november 2026" in pages(pdf)[1]
    assert reader.metadata.title == "Jouw groep"
    assert reader.metadata.author == "Werkstijltest"
    assert reader.trailer["/Root"]["/Lang"] == "nl-NL"


def test_a_long_title_is_shortened_in_the_footer_and_kept_whole_on_the_cover():
    title = "Training " + "heel lang " * 20 + "einde"
    found = pages(render(title=title))
    assert "einde" in found[0]
    assert "Training heel lang" in found[1] and "…" in found[1] and "einde" not in found[1]
    assert "23 november 2026 · 4 deelnemers Pagina 2 van" in found[1]


@pytest.mark.parametrize("template", template_names(DEFAULT_TEMPLATES_DIR))
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_session_outline_comes_first_and_its_timings_add_up(template, lang):
    session = REAL.group.session
    found = pdf_pages(
        real(BALANCED, template=template, lang=lang)
    )  # in drawing order: cell by cell
    heading = {"nl": "Sessieplan: {} minuten", "en": "Session outline: {} minutes"}[lang]
    assert found[1].startswith(heading.format(session.minutes))
    outline = " ".join(p for p in found[1:4] if not p.startswith(("De profielen", "The profiles")))
    spans = re.findall(r"(\d):(\d\d)–(\d):(\d\d)", outline)
    lengths = re.findall(r"\b(\d+) min\b", outline)
    assert len(spans) == len(lengths) == len(session.steps)
    clock = 0
    for (h1, m1, h2, m2), minutes, step in zip(spans, lengths, session.steps, strict=True):
        assert int(h1) * 60 + int(m1) == clock
        clock += int(minutes)
        assert int(h2) * 60 + int(m2) == clock
        assert int(minutes) == step.minutes
        assert " ".join(step.title.get(lang).split()) in outline
        if step.say is not None:
            week1 = {"nl": "30 november 2026", "en": "30 November 2026"}[lang]
            said = step.say.get(lang).replace("{week1}", week1)  # the Monday after TODAY
            assert " ".join(said.split()) in outline
    assert clock == session.minutes and 60 <= clock <= 90


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_outline_fits_one_page_in_the_default_template(lang):
    found = pages(real(BALANCED, lang=lang))
    last = REAL.group.session.steps[-1].title.get(lang)
    assert last in found[1] and found[2].startswith(("De profielen", "The profiles"))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_part_the_outline_refers_to_is_a_heading_of_the_report(lang):
    session = REAL.group.session
    texts = [session.intro, *session.prepare]
    texts += [t for s in session.steps for t in (s.do, s.say, s.materials) if t is not None]
    quoted = {q for t in texts for q in re.findall(r"‘([^’]+)’", t.get(lang))}
    assert len(quoted) >= 5
    text = " ".join(pages(real(BALANCED, lang=lang)))
    for name in quoted:
        assert re.search(rf"(?<!‘){re.escape(name)}", text), name  # also unquoted: a heading


def test_mix_shows_counts_and_percentages_per_profile():
    text = pdf_text(render())
    assert "3 (75%)" in text
    assert "1 (25%)" in text
    assert "0 (0%)" in text


def test_who_is_what_lists_every_member_in_name_order_with_profile_side_and_first_step():
    rows = member_rows(render(), COLUMNS["nl"])
    assert list(rows) == ["ann de Boer", "Bob Smit", "Émile Bakker", "Zoë Jansen"]
    for name, profile_id in GROUP:
        assert rows[name]["profile"] == CONTENT.profile(profile_id).name.nl
        assert rows[name]["first_step"] == profile_plan(CONTENT, profile_id).first_step.title.nl


def statements(pdf: bytes) -> str:
    return section(pdf, "Wat deze mix betekent", "Wie is wat")


def agreements(pdf: bytes) -> str:
    return section(pdf, "Afspraken om samen te maken")


def flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def chosen(agreement_id: str, **when: str | bool):
    """The option of an agreement in the content whose `when` is exactly `when` (None: none)."""
    agreement = next(a for a in REAL.group.agreements if a.id == agreement_id)
    return next(
        o
        for o in agreement.options
        if (o.when is None and not when)
        or (o.when is not None and o.when.model_dump(exclude_none=True) == when)
    )


def statement(**when: str | bool):
    return next(s for s in REAL.group.mix if s.when.model_dump(exclude_none=True) == when)


def test_this_mix_and_the_agreements_differ_between_mixes_as_the_content_says():
    reports = {
        "balanced": real(BALANCED),
        "no-processor": real(NO_PROCESSOR),
        "operators": real(OPERATORS),
    }
    said = {k: flat(statements(pdf)) for k, pdf in reports.items()}
    proposed = {k: flat(agreements(pdf)) for k, pdf in reports.items()}
    balanced = statement(balanced=True)
    no_processor = statement(absent="processor")
    dominant = statement(dominant="operator")
    few = [statement(few="visionair"), statement(few="processor", several="processor")]
    expected = {
        "balanced": [balanced],
        "no-processor": [no_processor],
        "operators": [dominant, *few],
    }
    for mix, shown in expected.items():
        for s in [balanced, no_processor, dominant, *few]:
            for text in (s.strong.nl, s.risk.nl):
                assert (flat(text) in said[mix]) == (s in shown), (mix, s.id)
    # The agreements: (agreement, the `when` of the option each mix gets).
    options = {
        "balanced": {"reactietijd": {}, "onderwerpregel": {}, "overleglengte": {}},
        "no-processor": {
            "reactietijd": {},
            "onderwerpregel": {"absent": "processor"},
            "overleglengte": {},
        },
        "operators": {
            "reactietijd": {"dominant": "operator"},
            "onderwerpregel": {"dominant": "operator"},
            "overleglengte": {"dominant": "operator"},
        },
    }
    for mix, picks in options.items():
        for agreement_id, when in picks.items():
            agreement = next(a for a in REAL.group.agreements if a.id == agreement_id)
            mine = chosen(agreement_id, **when)
            for option in agreement.options:
                shown = flat(option.proposal.nl) in proposed[mix]
                assert shown == (option is mine), (mix, agreement_id, option.when)
            assert flat(agreement.question.nl) in proposed[mix]
    assert len(set(proposed.values())) == 3 and len(set(said.values())) == 3


def test_the_focus_agreement_names_the_time_the_groups_focus_blocks_share():
    # profiles/*.yaml: Visionair focus di en do 09:00–11:00, Operator elke werkdag 09:00–10:30.
    assert "Op di en do 09:00–10:30 plannen we geen overleg" in flat(agreements(real(NO_PROCESSOR)))
    assert "{focus}" not in pdf_text(real(NO_PROCESSOR))


def test_each_agreement_has_lines_to_write_the_decision_on():
    pdf = real(BALANCED)
    text = agreements(pdf)
    assert text.count("ONS BESLUIT") == len(REAL.group.agreements)
    assert text.count("Vraag aan de groep:") == len(REAL.group.agreements)


def test_every_member_is_in_exactly_one_pair():
    people = [*GROUP, ("Kees", "processor")]
    text = flat(section(render(people), "Duo’s", "Afspraken om samen te maken"))
    assert re.findall(r"Duo \d", text) == ["Duo 1", "Duo 2"]
    for name, _ in people:
        assert text.count(name) == 1


def test_a_group_of_one_has_no_pairs_and_says_so():
    text = pdf_text(render([("Solo", "operator")]))
    assert "Met minder dan twee deelnemers zijn er geen duo’s." in text
    assert "1 deelnemer" in text


def test_a_group_of_one_gets_a_conversation_not_the_group_exercises():
    pdf = render_group(REAL, [Member("Solo", "operator")], today=TODAY)
    text = flat(pdf_text(pdf))
    assert "Met 1 deelnemer is dit een gesprek, geen groepssessie" in text
    # No texts about a group's mix, no agreements: those headings are not there (the outline
    # may still quote them, ‘like this’); the pairs section says why there are none.
    for heading in ("Wat deze mix betekent", "Afspraken om samen te maken"):
        assert text.count(heading) == text.count(f"‘{heading}"), heading
    assert "die ene Operator" not in text
    outline = flat(section(pdf, "Sessieplan", "De profielen in het kort"))
    assert "Duo’s van tegengestelde profielen" not in outline  # a step with needs_group
    assert "Ieders eerste stap" in outline


def test_rows_left_out_of_the_report_are_listed_with_why():
    from werkstijl.team import Absent

    absent = [Absent("Piet", 3, "unknown_profile"), Absent("", 5, "no_name")]
    for lang, words in (
        ("nl", ["Niet in dit rapport", "3 Piet Onbekend profiel", "5 (geen naam) Geen naam"]),
        ("en", ["Not in this report", "3 Piet Unknown profile", "5 (no name) No name filled in"]),
    ):
        text = flat(pdf_text(render_group(REAL, GROUP, today=TODAY, lang=lang, absent=absent)))
        for word in words:
            assert word in text, (lang, word)
    assert "Niet in dit rapport" not in flat(pdf_text(render_group(REAL, GROUP, today=TODAY)))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_with_rows_left_out_the_outline_still_fits_one_page(lang):
    from werkstijl.team import Absent

    absent = [Absent("Piet", 3, "unknown_profile"), Absent("Jan", 5, "answers")]
    people = [Member(f"{pid.title()} {n + 1}", pid) for pid in BALANCED for n in range(4)]
    pdf = render_group(REAL, people, today=TODAY, lang=lang, absent=absent)
    found = pages(pdf)
    cover = {"nl": "Niet in dit rapport: 2 van de lijst", "en": "Not in this report: 2 on the list"}
    assert cover[lang] in found[0]
    assert found[2].startswith(("De profielen in het kort", "The profiles at a glance"))


def test_grayscale_profiles_differ_by_their_mark_not_only_by_grey():
    pdf = real(BALANCED, template="training")
    rows = member_rows(pdf, COLUMNS["nl"])
    assert len(rows) == 12
    marks: dict[str, set[str]] = {}
    for name, row in rows.items():
        marks.setdefault(name.split()[0], set()).add(row["mark"])
    assert all(len(shapes) == 1 and "" not in shapes for shapes in marks.values()), marks
    assert len({shape for shapes in marks.values() for shape in shapes}) == 3, marks


def test_tricky_and_hostile_names_read_back_literally():
    people = [("<b>x</b>", "operator"), ("李小龍", "processor"), ("Юлия & Łukasz", "visionair")]
    text = pdf_text(render(people, title='<img src="/etc/passwd"/>'))
    for name, _ in people:
        assert name in text
    assert '<img src="/etc/passwd"/>' in text


def test_an_empty_group_still_gives_a_valid_pdf():
    text = pdf_text(render([]))
    assert "0 deelnemers" in text
    assert "Er zijn nog geen deelnemers." in text


def test_unknown_profile_is_a_value_error():
    with pytest.raises(ValueError, match="unknown profile"):
        render([("A", "nope")])


@pytest.mark.parametrize("template", template_names(DEFAULT_TEMPLATES_DIR))
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_group_renders_in_every_language_and_template(lang, template):
    pdf = real(OPERATORS, lang=lang, template=template)
    text = flat(pdf_text(pdf))
    assert "Team Noord" in text
    assert REAL.profile("visionair").name.get(lang) in text
    assert flat(statement(dominant="operator").risk.get(lang)) in text
    assert flat(chosen("reactietijd", dominant="operator").proposal.get(lang)) in text
    rows = member_rows(pdf, COLUMNS[lang])
    assert len(rows) == 12


@pytest.mark.parametrize("template", ["default", "training"])
def test_no_heading_or_topic_is_left_alone_at_the_foot_of_a_page(template):
    import pdfplumber

    headings = {"E-mail", "Overleg en agenda", "Niet in dit rapport"}
    headings |= {a.topic.nl for a in REAL.group.agreements}
    for counts in (BALANCED, OPERATORS, NO_PROCESSOR, {"operator": 6, "visionair": 2}):
        pdf = real(counts, template=template)
        with pdfplumber.open(io.BytesIO(pdf)) as doc:
            for number, page in enumerate(doc.pages, start=1):
                lines = [ln for ln in (page.extract_text() or "").splitlines() if ln.strip()]
                body = [ln for ln in lines if "Pagina" not in ln and "Team Noord ·" not in ln]
                assert body and body[-1].strip() not in headings, (template, counts, number)


def test_why_for_this_group_is_read_at_body_size():
    import pdfplumber

    with pdfplumber.open(io.BytesIO(real(OPERATORS, template="training"))) as doc:
        sizes: dict[str, set[float]] = {"Waarom": set(), "Voorstel:": set()}
        for page in doc.pages:
            for word in page.extract_words(extra_attrs=["size"]):
                if word["text"] in sizes:
                    sizes[word["text"]].add(round(word["size"], 1))
    assert sizes["Waarom"] and sizes["Waarom"] == sizes["Voorstel:"], sizes


def test_the_session_names_the_week_of_the_first_step_by_its_date_not_this_week():
    text = flat(pdf_text(real(BALANCED)))  # made on Monday 23 November: week 1 starts the 30th
    assert "in de week van 30 november 2026" in text
    assert "deze week" not in text
    english = flat(pdf_text(real(BALANCED, lang="en")))
    assert "in the week of 30 November 2026" in english and "this week" not in english


def test_a_statement_for_exactly_one_says_so_above_it():
    from werkstijl.content.models import MixCondition, MixStatement, Text

    group = REAL.group.model_copy(
        update={
            "mix": [
                MixStatement(
                    id="one-operator",
                    when=MixCondition(one="operator"),
                    strong=Text(nl="Sterk.", en="Strong."),
                    risk=Text(nl="Risico.", en="Risk."),
                )
            ]
        }
    )
    content = REAL.model_copy(update={"group": group})
    people = [Member("Ann", "operator"), Member("Bo", "visionair")]
    text = flat(pdf_text(render_group(content, people, today=TODAY)))
    assert "EÉN OPERATOR IN DE GROEP" in text  # the kicker, in capitals
    alone = [Member("Ann", "visionair"), Member("Bo", "visionair")]
    assert "EÉN OPERATOR" not in flat(pdf_text(render_group(content, alone, today=TODAY)))
