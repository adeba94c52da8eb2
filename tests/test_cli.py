"""The CLI as CONTRACT.md specifies it: commands, output formats and exit codes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from minicontent import QUESTIONS, write_mini_content

REPO = Path(__file__).resolve().parents[1]


def run(
    *args: str, stdin: str | None = None, env: dict | None = None
) -> subprocess.CompletedProcess:
    """The CLI in a subprocess, as an English reader runs it (without a locale it speaks Dutch)."""
    import os

    env = {
        k: v for k, v in (env or os.environ).items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")
    } | {"LC_MESSAGES": "en_GB.UTF-8"}
    return subprocess.run(
        [sys.executable, "-m", "werkstijl", *args],
        cwd=REPO,
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    return write_mini_content(tmp_path / "content")


def test_check_passes_on_the_shipped_content() -> None:
    done = run("check")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("content is valid: 3 profiles")
    assert "warning" not in done.stderr
    # English names the calendar tips so, as the PDF does ("More for your calendar").
    assert re.search(r"tips \(\d+ email, \d+ calendar\)", done.stdout), done.stdout


def test_check_json_describes_the_shipped_content() -> None:
    done = run("check", "--json")
    report = json.loads(done.stdout)
    assert done.returncode == 0 and report["valid"] is True
    assert report["profiles"] == ["visionair", "operator", "processor"]
    assert 12 <= len(report["questions"]) <= 15 and all(n >= 2 for n in report["questions"])
    assert set(report["tips"]) == {"email", "agenda"} and report["errors"] == []


def test_check_exits_1_with_every_problem_on_its_own_line(mini: Path) -> None:
    (mini / "questions/questions.yaml").write_text(
        QUESTIONS.replace("scores: {alpha: 1}", "scores: {alfa: 1}", 1).replace(
            "id: q-two", "id: q-one"
        )
    )
    done = run("check", "--content", str(mini))
    assert done.returncode == 1
    lines = [line for line in done.stderr.splitlines() if line.startswith("questions/")]
    assert lines == [
        "questions/questions.yaml:7:18: option 1 of question 'q-one' names profile 'alfa', which "
        "does not exist; known profiles: alpha, beta, gamma",
        "questions/questions.yaml:14:9: duplicate question id 'q-one': also used at "
        "questions/questions.yaml:2; every id must be unique: rename one of them",
    ]


def test_check_json_lists_errors_with_positions(mini: Path) -> None:
    (mini / "questions/questions.yaml").write_text(QUESTIONS.replace("\n    text:", "\n\ttext:", 1))
    done = run("check", "--json", "--content", str(mini))
    report = json.loads(done.stdout)
    assert done.returncode == 1 and report["valid"] is False
    assert report["errors"][0] | {"message": ""} == {
        "path": "questions/questions.yaml",
        "line": 3,
        "column": 1,
        "message": "",
    }


def test_check_honours_the_content_dir_variable(mini: Path) -> None:
    import os

    done = run("check", "--json", env={**os.environ, "WERKSTIJL_CONTENT_DIR": str(mini)})
    assert json.loads(done.stdout)["profiles"] == ["alpha", "beta", "gamma"]


def test_score_prints_profile_runner_up_scores_and_percentages(mini: Path) -> None:
    done = run("score", "--answers", "1,3", "--content", str(mini))
    assert done.returncode == 0
    assert json.loads(done.stdout) == {
        "profile": "alpha",
        "runner_up": "beta",
        "scores": {"alpha": 2, "beta": 0, "gamma": 0},
        "percentages": {"alpha": 100, "beta": 0, "gamma": 0},
        "first_step": "plan-alpha-1",
        "answered": 2,
    }


def test_score_names_the_first_step_a_close_result_gets_from_its_runner_up(mini: Path) -> None:
    done = run("score", "--answers", "1,1", "--content", str(mini))  # alpha 1, beta 1: beta wins
    found = json.loads(done.stdout)
    assert (found["profile"], found["runner_up"]) == ("beta", "alpha")
    assert found["first_step"] == "pair-alpha-beta"  # the step for beta's strong alpha side


def test_score_reads_lines_from_stdin_in_order_and_names_a_bad_line(mini: Path) -> None:
    done = run("score", "-", "--content", str(mini), stdin="1,3\n2,2\n1,9\n\n3,1\n")
    assert done.returncode == 2
    assert [json.loads(line)["profile"] for line in done.stdout.splitlines()] == [
        "alpha",
        "gamma",
        "beta",
    ]
    assert (
        done.stderr.strip() == "line 3: answer 2 is 9, but question 2 ('q-two') has options 1 to 3"
    )


def test_score_with_a_wrong_number_of_answers_exits_2(mini: Path) -> None:
    done = run("score", "--answers", "1,1,1", "--content", str(mini))
    assert done.returncode == 2 and "expected 2 answers" in done.stderr and done.stdout == ""


def deciding_prefix(profile_id: str) -> tuple[list[int], list[int]]:
    """All answers for one profile on the shipped content, and the shortest prefix of them that
    settles it (recomputed from the content's weights, never hard-coded)."""
    from werkstijl.content import load_content
    from werkstijl.scoring import settled_profile

    content = load_content(REPO).content
    full = [
        1 + max(range(len(q.options)), key=lambda i: q.options[i].scores.get(profile_id, 0))
        for q in content.questions
    ]
    k = next(k for k in range(1, len(full) + 1) if settled_profile(content, full[:k]))
    assert k < len(full)  # a consistent visitor ends early on the shipped questions
    return full, full[:k]


def test_score_accepts_a_prefix_that_decides_the_profile_and_says_how_many(mini: Path) -> None:
    full, prefix = deciding_prefix("operator")
    whole = json.loads(run("score", "--answers", ",".join(map(str, full))).stdout)
    done = run("score", "--answers", ",".join(map(str, prefix)))
    assert done.returncode == 0, done.stderr
    early = json.loads(done.stdout)
    assert (early["profile"], early["answered"]) == (whole["profile"], len(prefix))
    assert whole["answered"] == len(full)
    assert sum(early["scores"].values()) < sum(whole["scores"].values())  # from the answers given


def test_score_refuses_a_prefix_that_does_not_decide_the_profile(mini: Path) -> None:
    _, prefix = deciding_prefix("processor")
    short = ",".join(map(str, prefix[:-1]))
    done = run("score", "--answers", short)
    assert done.returncode == 2 and done.stdout == ""
    assert f"the answers stop after question {len(prefix) - 1}, before the profile is decided" in (
        done.stderr
    )
    lines = f"{','.join(map(str, prefix))}\n{short}\n"
    done = run("score", "-", stdin=lines)
    assert done.returncode == 2
    assert [json.loads(line)["answered"] for line in done.stdout.splitlines()] == [len(prefix)]
    assert done.stderr.startswith("line 2: the answers stop after question")


def test_schema_writes_one_json_schema_per_file_kind(tmp_path: Path) -> None:
    done = run("schema", "--out", str(tmp_path))
    assert done.returncode == 0
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [
        "group.schema.json",
        "profile.schema.json",
        "questions.schema.json",
        "site.schema.json",
        "template.schema.json",
        "tips.schema.json",
    ]
    tips = json.loads((tmp_path / "tips.schema.json").read_text())
    assert "category" in tips["properties"]


def test_shipped_schemas_are_up_to_date(tmp_path: Path) -> None:
    run("schema", "--out", str(tmp_path))
    for fresh in tmp_path.iterdir():
        assert (REPO / "schema" / fresh.name).read_text() == fresh.read_text(), (
            f"schema/{fresh.name} is stale: run `python -m werkstijl schema`"
        )


def _store_with_one_lead(tmp_path: Path):
    from werkstijl.storage import NewLead, NewMail, Store

    url = f"sqlite:///{tmp_path / 'w.db'}"
    store = Store(url)
    lead = NewLead(
        name="Jan",
        email="jan@example.com",
        lang="nl",
        profile="operator",
        consent_pdf=True,
        consent_updates_requested=False,
        consent_version="v1",
    )
    mail = NewMail(
        kind="pdf",
        to_email="jan@example.com",
        to_name="Jan",
        lang="nl",
        subject="s",
        body_text="b",
        body_html="<p>b</p>",
        attachment=b"%PDF-1.4",
        attachment_name="w.pdf",
    )
    store.save_lead_with_mail(lead, mail)
    return store, url


def test_export_prints_what_is_stored_about_an_address(tmp_path: Path) -> None:
    import os

    _, url = _store_with_one_lead(tmp_path)
    env = {**os.environ, "WERKSTIJL_DATABASE_URL": url}
    done = run("export", "Jan@Example.com", env=env)
    found = json.loads(done.stdout)
    assert done.returncode == 0
    assert [(lead["name"], lead["email"]) for lead in found["leads"]] == [
        ("Jan", "jan@example.com")
    ]
    assert [(m["kind"], m["attachment_name"]) for m in found["mails"]] == [("pdf", "w.pdf")]
    assert run("export", "nobody@example.com", env=env).returncode == 1


def test_forget_erases_the_lead_its_mail_and_pdf(tmp_path: Path) -> None:
    import os

    store, url = _store_with_one_lead(tmp_path)
    env = {**os.environ, "WERKSTIJL_DATABASE_URL": url}
    done = run("forget", " JAN@example.com ", env=env)
    assert done.returncode == 0 and done.stdout.strip() == "leads: 1, outbox: 1, attachments: 1"
    assert store.leads() == [] and "jan@" not in done.stdout + done.stderr


def test_purge_keeps_recent_leads_and_erases_old_ones(tmp_path: Path) -> None:
    import os

    store, url = _store_with_one_lead(tmp_path)
    env = {**os.environ, "WERKSTIJL_DATABASE_URL": url}
    assert run("purge", env=env).stdout.strip() == (
        "older than 365 days: leads: 0, outbox: 0, attachments: 0"
    )
    assert len(store.leads()) == 1
    with store.session() as s:  # age the lead and its mail by two years
        from sqlalchemy import text

        s.execute(text("UPDATE leads SET created_at = datetime('now', '-730 days')"))
        s.execute(text("UPDATE outbox SET created_at = datetime('now', '-730 days')"))
    assert run("purge", env=env).stdout.strip() == (
        "older than 365 days: leads: 1, outbox: 1, attachments: 1"
    )
    assert store.leads() == []


def test_hash_password_makes_a_hash_that_opens_the_staff_pages() -> None:
    from werkstijl.passwords import password_matches
    from werkstijl.settings import Settings

    done = run("hash-password", stdin="correct horse battery\n")
    assert done.returncode == 0
    value = done.stdout.strip().removeprefix("WERKSTIJL_STAFF_PASSWORD_HASH='").rstrip("'")
    settings = Settings(staff_password_hash=value)
    assert password_matches("correct horse battery", settings)
    assert not password_matches("correct horse batterY", settings)
    assert run("hash-password", stdin="short\n").returncode == 1


def test_hash_password_refuses_a_password_under_twelve_characters() -> None:
    import os

    done = run("hash-password", stdin="elf tekens!\n")  # 11 characters
    assert done.returncode == 1 and done.stdout == ""
    assert "at least 12 characters" in done.stderr
    dutch = subprocess.run(
        [sys.executable, "-m", "werkstijl", "hash-password"],
        cwd=REPO,
        input="elf tekens!\n",
        capture_output=True,
        text=True,
        env={**os.environ, "LC_ALL": "nl_NL.UTF-8"},
    )
    assert "minstens 12 tekens" in dutch.stderr
    assert run("hash-password", stdin="twaalf teken\n").returncode == 0


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def test_pdf_by_profile_name_writes_a_readable_pdf(tmp_path: Path) -> None:
    out = tmp_path / "zoe.pdf"
    done = run("pdf", "--profile", "Operator", "--name", "Zoë <b>de</b> Vries & co", "-o", str(out))
    assert done.returncode == 0, done.stderr
    text = _pdf_text(out)
    assert "Zoë <b>de</b> Vries & co" in text and "Operator" in text


def test_pdf_with_a_title_names_the_training_on_the_cover_and_in_the_footer(tmp_path: Path) -> None:
    out = tmp_path / "ada.pdf"
    done = run(
        "pdf", "--profile", "operator", "--name", "Ada", "--title", "Team Noord", "-o", str(out)
    )
    assert done.returncode == 0, done.stderr
    text = _pdf_text(out)
    assert text.count("Team Noord") >= 2 and "Team Noord · Operator" in text


def test_pdf_by_answers_in_english_names_the_scored_profile(tmp_path: Path) -> None:
    from werkstijl.content import load_content
    from werkstijl.scoring import score

    content = load_content(REPO).content
    answers = [3] * len(content.questions)
    expected = content.profile(score(content, answers).profile).name.get("en")
    out = tmp_path / "en.pdf"
    answer_list = ",".join(map(str, answers))
    done = run("pdf", "--answers", answer_list, "--name", "Sam", "--lang", "en", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert expected in _pdf_text(out) and "Page 2 of" in _pdf_text(out)


def test_pdf_by_a_deciding_prefix_of_answers_is_the_full_answers_pdf(tmp_path: Path) -> None:
    full, prefix = deciding_prefix("visionair")
    texts = []
    for name, answers in (("full", full), ("prefix", prefix)):
        out = tmp_path / f"{name}.pdf"
        done = run("pdf", "--answers", ",".join(map(str, answers)), "--name", "Ada", "-o", str(out))
        assert done.returncode == 0, done.stderr
        texts.append(_pdf_text(out))
    assert "Visionair" in texts[1]
    # The same PDF word for word; only the score chart's shares come from the answers given
    # (with options that each give points to one profile, a consistent visitor's are the same).
    assert re.sub(r"\d+%", "N%", texts[0]) == re.sub(r"\d+%", "N%", texts[1])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--profile", "visionar"], "--profile: unknown profile 'visionar'; known profiles: "),
        (["--answers", "1,2"], "--answers: the answers stop after question 2, before the profile"),
        (["--answers", "7" + ",1" * 40], "--answers: expected "),
        (["--profile", "operator", "--template", "nope"], "--template: "),
    ],
)
def test_pdf_bad_arguments_exit_2_with_one_line(tmp_path: Path, args, message) -> None:
    done = run("pdf", *args, "--name", "X", "-o", str(tmp_path / "x.pdf"))
    assert done.returncode == 2
    assert message in done.stderr and len(done.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "x.pdf").exists()


def test_pdf_to_an_unwritable_file_exits_2(tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "x.pdf"
    done = run("pdf", "--profile", "operator", "--name", "X", "-o", str(target))
    assert done.returncode == 2 and done.stderr.startswith("error: -o: cannot write")


def test_pdf_with_an_option_out_of_range_exits_2(tmp_path: Path) -> None:
    from werkstijl.content import load_content

    count = len(load_content(REPO).content.questions)
    answers = ",".join(["1"] * (count - 1) + ["9"])
    done = run("pdf", "--answers", answers, "--name", "X", "-o", str(tmp_path / "x.pdf"))
    assert done.returncode == 2
    assert f"answer {count} is 9, but question {count}" in done.stderr


def test_outbox_once_sends_what_waits_and_exits_0(tmp_path: Path) -> None:
    import os

    from smtp_server import running_server

    store, url = _store_with_one_lead(tmp_path)
    env = {**os.environ, "WERKSTIJL_DATABASE_URL": url}
    off = run("outbox", "--once", env=env)
    assert off.returncode == 1 and "mail is off" in off.stderr
    with running_server() as smtp:
        env |= {"WERKSTIJL_SMTP_HOST": "127.0.0.1", "WERKSTIJL_SMTP_PORT": str(smtp.port),
                "WERKSTIJL_SMTP_STARTTLS": "false"}  # fmt: skip
        done = run("outbox", "--once", "--retry-now", env=env)
        assert done.returncode == 0, done.stderr
        assert [m["To"].addresses[0].addr_spec for m in smtp.messages] == ["jan@example.com"]
        assert run("outbox", "--once", env=env).returncode == 0  # nothing left, nothing resent
        assert len(smtp.messages) == 1
    assert "jan@example.com" not in done.stdout + done.stderr
    assert store.outbox_counts().sent == 1


def test_ics_by_profile_writes_a_calendar_in_the_asked_language(tmp_path: Path) -> None:
    from icalendar import Calendar

    out = tmp_path / "week.ics"
    done = run("ics", "--profile", "Processor", "--lang", "en", "-o", str(out))
    assert done.returncode == 0, done.stderr
    cal = Calendar.from_ical(out.read_bytes())
    summaries = [str(e["SUMMARY"]) for e in cal.walk("VEVENT")]
    assert "Buffer for the unexpected" in summaries and len(summaries) == 6
    assert str(cal.walk("VTIMEZONE")[0]["TZID"]) == "Europe/Amsterdam"


def test_ics_by_answers_follows_the_scored_plan(tmp_path: Path) -> None:
    from icalendar import Calendar

    from werkstijl.content import load_content
    from werkstijl.plan import make_plan
    from werkstijl.scoring import score

    content = load_content(REPO).content
    answers = [1] * len(content.questions)
    plan = make_plan(content, score(content, answers))
    out = tmp_path / "week.ics"
    done = run("ics", "--answers", ",".join(map(str, answers)), "-o", str(out))
    assert done.returncode == 0, done.stderr
    text = " ".join(
        str(e["DESCRIPTION"]) for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    )
    assert f"Nieuw in week 1 van je startplan: {plan.first_step.title.nl}" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--profile", "visionar"], "--profile: unknown profile 'visionar'; known profiles: "),
        (["--answers", "1,2"], "--answers: the answers stop after question 2, before the profile"),
        (["--profile", "operator", "--lang", "de"], "invalid choice: 'de'"),
    ],
)
def test_ics_bad_arguments_exit_2_with_one_line(tmp_path: Path, args, message) -> None:
    done = run("ics", *args, "-o", str(tmp_path / "x.ics"))
    assert done.returncode == 2
    assert message in done.stderr
    assert not (tmp_path / "x.ics").exists()


def test_ics_to_an_unwritable_file_exits_2(tmp_path: Path) -> None:
    done = run("ics", "--profile", "operator", "-o", str(tmp_path / "nope" / "x.ics"))
    assert done.returncode == 2 and done.stderr.startswith("error: -o: cannot write")
