"""Problem messages in Dutch and English: one catalogue, the language chosen per call."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import test_app_staff as staff
from minicontent import QUESTIONS, tips_yaml, write_mini_content

from werkstijl.content import load_content
from werkstijl.content.wording import (
    CATALOGUE,
    current_language,
    message_language,
    placeholders,
    say,
)
from werkstijl.report import TemplateError, load_template
from werkstijl.report.template import DEFAULT_TEMPLATES_DIR

REPO = Path(__file__).resolve().parents[1]

content_dir = staff.content_dir  # the staff pages' fixture: real content, a password, a database


def test_every_message_has_both_languages_with_the_same_placeholders() -> None:
    for key, wording in CATALOGUE.items():
        assert set(wording) == {"en", "nl"}, key
        assert all(text.strip() for text in wording.values()), key
        assert placeholders(wording["nl"]) == placeholders(wording["en"]), key


def test_english_is_the_default_and_a_block_chooses_dutch() -> None:
    assert current_language() == "en"
    assert say("cross.two_profiles") == "at least two profiles are needed for a quiz"
    with message_language("nl"):
        assert say("cross.two_profiles") == "een quiz heeft minstens twee profielen nodig"
        with message_language("en"):
            assert say("value.list") == "a list"
        assert say("value.list") == "een lijst"
    assert current_language() == "en"
    with message_language("fr"):  # unknown languages fall back to English
        assert say("value.list") == "a list"


def test_a_missing_dutch_wording_falls_back_to_english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(CATALOGUE, "test.only_english", {"en": "only {what}"})
    with message_language("nl"):
        assert say("test.only_english", what="English") == "only English"


MISTAKES = {
    "unknown profile": (
        {"tips/email.yaml": tips_yaml("email").replace("profiles: [alpha]", "profiles: [alpa]", 1)},
        "tips/email.yaml:6:16: tip 'email-alpha-0' noemt profiel 'alpa', maar dat bestaat niet; "
        "bekende profielen: alpha, beta, gamma",
    ),
    "tab": (
        {"questions/questions.yaml": QUESTIONS.replace("\n    text:", "\n\ttext:", 1)},
        "questions/questions.yaml:3:1: YAML-syntaxis: hier staat een tab; YAML accepteert alleen "
        "spaties om in te springen: vervang de tab door spaties (controles die van dit bestand "
        "afhangen, zijn overgeslagen tot het leesbaar is)",
    ),
    "missing field": (
        {"questions/questions.yaml": QUESTIONS.replace("    text: {nl: Vraag een, en: Question one}\n", "")},
        "questions/questions.yaml:2:5: 'text' ontbreekt bij vraag 'q-one': voeg het toe",
    ),
    "unknown key": (
        {"questions/questions.yaml": QUESTIONS.replace("    text: {nl: Vraag een", "    txt: {nl: Vraag een")},
        "questions/questions.yaml:3:5: onbekende sleutel 'txt' bij vraag 'q-one': bedoel je 'text'?",
    ),
    "duplicate id": (
        {"questions/questions.yaml": QUESTIONS.replace("id: q-two", "id: q-one")},
        "questions/questions.yaml:14:9: vraag-id 'q-one' komt twee keer voor: het staat ook op "
        "questions/questions.yaml:2; elk id moet uniek zijn: geef een van beide een andere naam",
    ),
    "empty Dutch text": (
        {"questions/questions.yaml": QUESTIONS.replace("{nl: Vraag een,", "{nl: '',")},
        "questions/questions.yaml:3:16: de Nederlandse tekst van 'text' bij vraag 'q-one' is leeg: "
        "vul hem in",
    ),
    "negative score (a model's own check)": (
        {"questions/questions.yaml": QUESTIONS.replace("{beta: 1}", "{beta: -1}", 1)},
        "questions/questions.yaml:10:17: 'scores' bij antwoord 2 van vraag 'q-one': scores mogen "
        "niet negatief zijn",
    ),
}  # fmt: skip


def _broken_copy(root: Path, changes: dict[str, str]) -> Path:
    write_mini_content(root)
    for relpath, text in changes.items():
        (root / relpath).write_text(text)
    return root


@pytest.mark.parametrize("mistake", list(MISTAKES))
def test_a_real_mistake_is_worded_in_dutch_at_the_same_spot(tmp_path: Path, mistake: str) -> None:
    changes, expected = MISTAKES[mistake]
    root = _broken_copy(tmp_path / "content", changes)
    english = load_content(root).errors
    with message_language("nl"):
        dutch = load_content(root).errors
    assert expected in [str(p) for p in dutch]
    assert [(p.path, p.line, p.column) for p in dutch] == [
        (p.path, p.line, p.column) for p in english
    ]
    assert all(en.message != nl.message for en, nl in zip(english, dutch, strict=True))


def test_a_template_with_an_unknown_key_is_worded_in_dutch(tmp_path: Path) -> None:
    folder = tmp_path / "templates" / "typo"
    shutil.copytree(DEFAULT_TEMPLATES_DIR / "default", folder)
    template = folder / "template.yaml"
    template.write_text(template.read_text().replace("  muted:", "  mutted:", 1))

    def problems() -> list:
        with pytest.raises(TemplateError) as caught:
            load_template("typo", tmp_path / "templates")
        return caught.value.problems

    english = problems()
    with message_language("nl"):
        dutch = problems()
    [unknown] = [p for p in dutch if "mutted" in p.message]
    assert unknown.message == "onbekende sleutel 'mutted': bedoel je 'muted'?"
    assert [(p.line, p.column) for p in dutch] == [(p.line, p.column) for p in english]
    assert "unknown key 'mutted': did you mean 'muted'?" in [p.message for p in english]


def _check(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    return subprocess.run(
        [sys.executable, "-m", "werkstijl", "check", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**clean, **env},
        timeout=120,
    )


def test_cli_check_lang_nl_prints_dutch_lines_and_exits_1(tmp_path: Path) -> None:
    root = _broken_copy(tmp_path / "content", MISTAKES["duplicate id"][0])
    done = _check("--lang", "nl", "--content", str(root))
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert MISTAKES["duplicate id"][1] in lines
    assert lines[-1] == "1 probleem gevonden"


def test_cli_check_follows_a_dutch_locale_unless_told_otherwise(tmp_path: Path) -> None:
    root = write_mini_content(tmp_path / "content")
    done = _check("--content", str(root), LANG="nl_NL.UTF-8")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(
        "de content is in orde: 3 profielen, 2 vragen, 30 tips (21 e-mail"
    )
    done = _check("--content", str(root), "--lang", "en", LANG="nl_NL.UTF-8")
    assert done.stdout.startswith("content is valid: 3 profiles")
    assert _check("--content", str(root), LANG="en_GB.UTF-8").stdout.startswith("content is valid")
    assert _check("--content", str(root)).stdout.startswith("de content is in orde")  # no locale


def test_staff_studio_in_dutch_shows_dutch_messages_and_english_after_switching(
    content_dir: Path,
) -> None:
    at = staff.logged_in()
    assert "Gepubliceerd: de content is in orde" in staff.texts(at)
    relpath = "tips/email.yaml"
    (content_dir / relpath).write_text("category: email\ntips: oops\n")  # broken outside the app
    at.run()
    shown = re.sub(r"\\(.)", r"\1", staff.texts(at))
    dutch = (
        "'tips' moet een lijst zijn (regels die beginnen met '- '), maar er staat de tekst 'oops'"
    )
    assert f"{relpath}: 1 probleem" in shown and f"regel 2, kolom 7: {dutch}" in shown

    at.radio(key="staff_lang").set_value("en").run()  # the cached check is per language
    shown = re.sub(r"\\(.)", r"\1", staff.texts(at))
    english = "'tips' should be a list (lines starting with '- '), found the text 'oops'"
    assert f"{relpath}: 1 problem" in shown and f"line 2, column 7: {english}" in shown


def test_no_message_writes_a_plural_as_s_or_en_in_brackets() -> None:
    for key, wording in CATALOGUE.items():
        for text in wording.values():
            assert not re.search(r"\w\((s|en|'s)\)", text), (key, text)


@pytest.mark.parametrize(
    ("lang", "key", "values", "one", "two"),
    [
        ("nl", "check.problems", {}, "1 probleem gevonden", "2 problemen gevonden"),
        ("en", "check.problems", {}, "1 problem found", "2 problems found"),
        ("nl", "check.warnings", {}, ", 1 waarschuwing", ", 2 waarschuwingen"),
        ("en", "check.warnings", {}, ", 1 warning", ", 2 warnings"),
        (
            "nl",
            "outbox.mail_off",
            {},
            "mail staat uit (geen SMTP-server): 1 mail wacht in de uitgaande mail",
            "mail staat uit (geen SMTP-server): 2 mails wachten in de uitgaande mail",
        ),
        (
            "en",
            "outbox.mail_off",
            {},
            "mail is off (no SMTP host): 1 mail waits in the outbox",
            "mail is off (no SMTP host): 2 mails wait in the outbox",
        ),
        (
            "en",
            "field.few_options",
            {"owner": "question 'q1'", "minimum": 2},
            "question 'q1' has 1 option: a question needs at least 2",
            "question 'q1' has 2 options: a question needs at least 2",
        ),
        (
            "nl",
            "bulk.queued",
            {},
            "1 mail klaargezet",
            "2 mails klaargezet",
        ),
    ],
)
def test_a_count_of_one_reads_singular_and_two_plural(lang, key, values, one, two) -> None:
    with message_language(lang):
        assert say(key, count=1, **values) == one
        assert say(key, count=2, **values) == two


def test_a_thin_tip_section_of_one_tip_says_tip_not_tips() -> None:
    values = {"id": "visionair", "label": "e-mail", "minimum": 3}
    with message_language("nl"):
        assert "maar 1 e-mailtip;" in say("cross.thin", count=1, **values)
        assert "maar 2 e-mailtips;" in say("cross.thin", count=2, **values)
    with message_language("en"):
        assert "only 1 e-mail tip;" in say("cross.thin", count=1, **values)
