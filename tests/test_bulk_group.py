"""A training through `bulk`: the group report agrees with every participant's own PDF (first step,
strong side), and the training's title is on every participant's PDF (cover and footer)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from bulk_helpers import answers_for
from group_pdf import member_rows

from tests.pdf_fixtures import pdf_pages
from werkstijl.bulk import run_bulk
from werkstijl.scoring import score
from werkstijl.settings import Settings

REPO = Path(__file__).resolve().parents[1]
TODAY = date(2026, 3, 9)
TITLE = "Slim mailen & plannen – team Noord"
COLUMNS = ("Naam", "Profiel", "Eerste stap")


def close_answers(content, profile_id: str, side: str) -> list[int]:
    """A close result for `profile_id`, with `side` as its strong side."""
    answers = answers_for(content, profile_id)
    answers[:6] = answers_for(content, side)[:6]
    result = score(content, answers)
    assert (result.profile, result.side) == (profile_id, side), result
    return answers


@pytest.fixture(scope="module")
def training(tmp_path_factory, content):
    """Seven participants: clear and close results from answers, and one given by profile."""
    tmp = tmp_path_factory.mktemp("training")
    rows = {
        "Anna de Vries": close_answers(content, "operator", "processor"),
        "Bram Jansen": answers_for(content, "operator"),
        "Chantal Bakker": close_answers(content, "visionair", "operator"),
        "Dirk Smit": answers_for(content, "processor"),
        "Émile Visser": close_answers(content, "processor", "visionair"),
        "Fatima el Amrani": answers_for(content, "visionair"),
    }
    header = "naam;profiel;" + ";".join(f"q{i}" for i in range(1, len(content.questions) + 1))
    lines = [header] + [f"{name};;" + ";".join(map(str, a)) for name, a in rows.items()]
    lines.append("Gijs de Jong;Processor;" + ";" * (len(content.questions) - 1))
    source = tmp / "deelnemers.csv"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    settings = Settings(database_url=f"sqlite:///{tmp / 'bulk.db'}", smtp_host=None)
    outcome = run_bulk(
        source,
        tmp / "out",
        content=content,
        settings=settings,
        lang="nl",
        template="default",
        jobs=2,
        title=TITLE,
        today=TODAY,
    )
    assert outcome.exit_code == 0, outcome.message
    return outcome


def own_pdf(outcome, name: str) -> str:
    stem = next(p for p in outcome.pdfs if name.split()[0].lower().replace("é", "e") in p.name)
    return " ".join(pdf_pages(stem.read_bytes()))


def test_every_first_step_in_the_group_report_is_the_one_in_the_participants_own_pdf(training):
    rows = member_rows(training.group_report.read_bytes(), COLUMNS)
    assert len(rows) == 7
    steps = set()
    for name, row in rows.items():
        own = own_pdf(training, name)
        assert row["first_step"], name
        # The heading names the Monday it starts ("Jouw eerste stap, vanaf maandag 16 maart").
        heading = own.split("JOUW EERSTE STAP", 1)[1]
        assert heading.startswith(", VANAF "), name
        assert row["first_step"] in heading[:80], name
        steps.add(row["first_step"])
    assert len(steps) >= 4  # profiles and strong sides give different first steps


def test_a_close_result_shows_its_strong_side_as_its_own_pdf_says(training):
    rows = member_rows(training.group_report.read_bytes(), COLUMNS)
    sides = {name: row["profile"] for name, row in rows.items() if "sterke" in row["profile"]}
    assert sorted(sides) == ["Anna de Vries", "Chantal Bakker", "Émile Visser"]
    assert sides["Anna de Vries"] == "Operator, sterke Processor-kant"
    for name, profile in sides.items():
        main, side = profile.removesuffix("-kant").split(", sterke ")
        assert f"{main} met een sterke {side}-kant" in own_pdf(training, name)
    assert rows["Gijs de Jong"]["profile"] == "Processor"


def test_the_title_is_on_every_participants_cover_and_footer(training):
    for path in training.pdfs:
        found = pdf_pages(path.read_bytes())
        assert TITLE in found[0], path.name
        for number, page in enumerate(found[1:], start=2):
            assert f"{TITLE} · " in page and f"Pagina {number} van" in page, (path.name, number)


def test_the_group_report_names_the_training_its_date_and_size(training):
    found = pdf_pages(training.group_report.read_bytes())
    assert TITLE in found[0] and "9 maart 2026" in found[0] and "7 deelnemers" in found[0]
    assert all(f"{TITLE} · 9 maart 2026 · 7 deelnemers" in page for page in found[1:])
