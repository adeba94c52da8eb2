"""Every line the command line prints is in the chosen language: `--lang nl` gives Dutch and
`--lang en` English, for messages, argparse's own phrases, help texts and the outbox's lines.
Real processes, read back from standard output and standard error."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from minicontent import QUESTIONS, write_mini_content

from werkstijl.content.wording import CATALOGUE, message_language, say
from werkstijl.content.wording_cli import ARGPARSE_WORDING

REPO = Path(__file__).resolve().parents[1]
COUNT = 13  # questions in the shipped content (checked below)


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """The CLI in its own process, without a locale or WERKSTIJL_* settings except `env`."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("WERKSTIJL_") and k not in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")
    }
    done = subprocess.run(
        [sys.executable, "-m", "werkstijl", *args],
        cwd=REPO,
        env=clean | (env or {}),
        capture_output=True,
        text=True,
        timeout=180,
    )
    return done.returncode, done.stdout, done.stderr


def run_many(cases: dict[str, list[str]], **env: str) -> dict[str, tuple[int, str, str]]:
    """Independent commands, a few at a time: (exit code, stdout, stderr) per name."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = {name: pool.submit(run, *args, env=env) for name, args in cases.items()}
        return {name: future.result() for name, future in futures.items()}


def test_the_shipped_content_has_the_number_of_questions_these_tests_assume() -> None:
    from werkstijl.content import load_content

    assert len(load_content(REPO).content.questions) == COUNT


BAD_ANSWERS = {
    "letters": (["score", "--answers", "1,2,x"], "antwoorden moeten antwoordnummers zijn",
                "answers must be option numbers"),
    "too many": (["score", "--answers", ",".join(["1"] * 19)],
                 "er horen 13 antwoorden te zijn (één per vraag), maar het zijn er 19",
                 "expected 13 answers (one per question), found 19"),
    "out of range": (["pdf", "--answers", "9", "--name", "X", "-o", "x.pdf"],
                     "antwoord 1 is 9, maar vraag 1 ('nieuwe-mail') heeft antwoorden 1 tot en met 3",
                     "answer 1 is 9, but question 1 ('nieuwe-mail') has options 1 to 3"),
    "undecided": (["ics", "--answers", "1,2", "-o", "x.ics"],
                  "de antwoorden stoppen na vraag 2, voordat het profiel vaststaat: er ontbreken 11 "
                  "van de 13 antwoorden (vraag 3 tot en met 13)",
                  "the answers stop after question 2, before the profile is decided: 11 of the 13 "
                  "answers are missing (questions 3 to 13)"),
    "last missing": (["score", "--answers", ",".join(["1"] * 12)],
                     "het antwoord op vraag 13 (de laatste) ontbreekt",
                     "the answer to question 13 (the last) is missing"),
}  # fmt: skip


def test_answers_that_cannot_be_scored_are_explained_in_the_chosen_language(
    tmp_path: Path,
) -> None:
    cases = {
        f"{name} {lang}": [*args[:-2], args[-2], str(tmp_path / args[-1]), "--lang", lang]
        if args[-2] == "-o"
        else [*args, "--lang", lang]
        for name, (args, _, _) in BAD_ANSWERS.items()
        for lang in ("nl", "en")
    }
    results = run_many(cases)
    for name, (_, dutch, english) in BAD_ANSWERS.items():
        code, _, err = results[f"{name} nl"]
        assert code == 2 and err.startswith("fout: --answers: ") and dutch in err, err
        code, _, err = results[f"{name} en"]
        assert code == 2 and err.startswith("error: --answers: ") and english in err, err


def test_score_from_standard_input_names_the_line_in_the_chosen_language() -> None:
    clean = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    done = subprocess.run(
        [sys.executable, "-m", "werkstijl", "score", "-", "--lang", "nl"],
        cwd=REPO,
        env=clean,
        input="1,2,x\n",
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("regel 1: antwoorden moeten antwoordnummers zijn"), done.stderr


ARGUMENT_MISTAKES = {
    "required": (["pdf", "--profile", "operator", "-o", "x.pdf"],
                 "deze argumenten zijn verplicht: --name",
                 "the following arguments are required: --name"),
    "one of": (["pdf", "--name", "X", "-o", "x.pdf"],
               "een van de argumenten --profile --answers is verplicht",
               "one of the arguments --profile --answers is required"),
    "unknown": (["purge", "--nope"], "onbekende argumenten: --nope",
                "unrecognized arguments: --nope"),
    "choice": (["frobnicate"], "COMMAND: ongeldige keuze: 'frobnicate' (kies uit 'check',",
               "COMMAND: invalid choice: 'frobnicate' (choose from 'check',"),
    "not with": (["pdf", "--profile", "operator", "--answers", "1", "--name", "X", "-o", "x"],
                 "--answers: niet toegestaan samen met --profile",
                 "--answers: not allowed with argument --profile"),
    "no value": (["pdf", "--profile"], "--profile: hier hoort een waarde achter",
                 "--profile: expected one argument"),
    "not a number": (["bulk", "x.csv", "--out", "o", "--jobs", "abc"],
                     "--jobs: 'abc' is geen heel getal", "--jobs: 'abc' is not a whole number"),
    "ours": (["purge", "--days", "0"], "--days: moet een heel aantal dagen zijn",
             "--days: must be a whole number of days"),
}  # fmt: skip


def test_argparse_errors_and_our_hint_are_in_the_chosen_language() -> None:
    cases = {
        f"{name} {lang}": [*args, "--lang", lang]
        for name, (args, _, _) in ARGUMENT_MISTAKES.items()
        for lang in ("nl", "en")
    }
    results = run_many(cases)
    for name, (_, dutch, english) in ARGUMENT_MISTAKES.items():
        code, _, err = results[f"{name} nl"]
        assert code == 2 and len(err.strip().splitlines()) == 1, err
        assert err.startswith("fout: ") and dutch in err and "(zie `python -m werkstijl" in err
        assert "argument" not in err.replace("argumenten", ""), err  # no English left
        code, _, err = results[f"{name} en"]
        assert code == 2 and err.startswith("error: ") and english in err, err
        assert "(see `python -m werkstijl" in err


def test_help_is_in_the_chosen_language_with_an_example() -> None:
    results = run_many(
        {
            "top nl": ["--help", "--lang", "nl"],
            "top en": ["--help", "--lang", "en"],
            "pdf nl": ["pdf", "--help", "--lang", "nl"],
            "bulk en": ["bulk", "--help", "--lang", "en"],
            "import nl": ["content", "import", "--help", "--lang", "nl"],
        }
    )
    code, out, _ = results["top nl"]
    assert code == 0 and out.startswith("gebruik: python -m werkstijl")
    assert "opties:" in out and "toon deze hulp en stop" in out
    assert "Maak één persoonlijke PDF." in out and "usage" not in out and "show this" not in out
    code, out, _ = results["top en"]
    assert code == 0 and out.startswith("usage: python -m werkstijl") and "options:" in out
    assert "Write one personal PDF." in out
    code, out, _ = results["pdf nl"]
    assert "Voorbeeld: python -m werkstijl pdf --profile operator" in out
    assert "de naam op de PDF" in out and "taal van de PDF's en de meldingen" in out
    code, out, _ = results["bulk en"]
    assert "Example: python -m werkstijl bulk deelnemers.xlsx" in out
    assert "queue each PDF for its participant's mail" in out
    code, out, _ = results["import nl"]
    assert "Voorbeeld: python -m werkstijl content import" in out
    assert "naam die bij de versie wordt bewaard" in out


def test_the_locale_chooses_dutch_and_lang_may_come_before_the_command() -> None:
    code, _, err = run("score", "--answers", "1,x", env={"LANG": "nl_NL.UTF-8"})
    assert code == 2 and err.startswith("fout: --answers: antwoorden moeten"), err
    code, _, err = run("--lang", "nl", "score", "--answers", "1,x")
    assert code == 2 and err.startswith("fout: --answers: antwoorden moeten"), err
    code, _, err = run("--lang", "nl")
    assert code == 2 and "deze argumenten zijn verplicht: COMMAND" in err, err


def test_without_a_locale_the_cli_speaks_dutch_the_products_first_language() -> None:
    cases = {
        "none": {},
        "C": {"LANG": "C"},
        "C.UTF-8": {"LANG": "C.UTF-8"},
        "POSIX": {"LC_ALL": "POSIX"},
    }
    for name, env in cases.items():
        code, _, err = run("score", "--answers", "1,x", env=env)
        assert code == 2 and err.startswith("fout: --answers: antwoorden moeten"), (name, err)
    code, _, err = run("score", "--answers", "1,x", env={"LANG": "de_DE.UTF-8"})
    assert err.startswith("error: --answers: answers must"), err  # another language: English


def test_werkstijl_lang_overrides_the_locale_and_lang_overrides_both() -> None:
    code, _, err = run("score", "--answers", "1,x", env={"LANG": "C", "WERKSTIJL_LANG": "en"})
    assert code == 2 and err.startswith("error: --answers: answers must"), err
    env = {"LANG": "en_GB.UTF-8", "WERKSTIJL_LANG": "nl"}
    code, _, err = run("score", "--answers", "1,x", env=env)
    assert err.startswith("fout: --answers: antwoorden moeten"), err
    code, _, err = run("score", "--answers", "1,x", "--lang", "en", env=env)
    assert err.startswith("error: --answers: answers must"), err


def test_a_werkstijl_lang_that_is_not_nl_or_en_is_said_not_ignored() -> None:
    answers = ",".join(["1"] * COUNT)
    code, out, err = run("score", "--answers", answers, env={"WERKSTIJL_LANG": "de"})
    assert code == 2 and out == ""
    assert err.startswith("fout: WERKSTIJL_LANG is 'de', maar dat kan alleen nl of en zijn"), err
    code, out, _ = run("score", "--answers", answers, "--lang", "nl", env={"WERKSTIJL_LANG": "de"})
    assert code == 0 and out  # --lang given: the variable does not matter


def test_file_problems_give_the_systems_reason_in_our_words(tmp_path: Path) -> None:
    target = str(tmp_path / "no-such-folder" / "x.pdf")
    args = ["pdf", "--profile", "operator", "--name", "X", "-o", target]
    results = run_many({lang: [*args, "--lang", lang] for lang in ("nl", "en")})
    assert results["nl"][2].strip() == (
        f"fout: -o: {target} kan niet geschreven worden: bestand of map bestaat niet"
    )
    assert results["en"][2].strip() == (
        f"error: -o: cannot write {target}: No such file or directory"
    )


def test_check_words_its_warnings_in_the_chosen_language(tmp_path: Path) -> None:
    content = write_mini_content(tmp_path / "content")
    (content / "questions/questions.yaml").write_text(
        QUESTIONS.replace("{nl: Vraag een, en: Question one}", "{nl: Vraag een}")
    )
    results = run_many({lang: ["check", "--content", str(content), "--lang", lang]
                        for lang in ("nl", "en")})  # fmt: skip
    assert ": waarschuwing: geen Engelse tekst ('en')" in results["nl"][2], results["nl"][2]
    assert ": warning: no English text ('en')" in results["en"][2], results["en"][2]
    assert "warning" not in results["nl"][2]


def test_content_export_and_import_report_in_the_chosen_language(tmp_path: Path) -> None:
    env = {"WERKSTIJL_DATABASE_URL": f"sqlite:///{tmp_path / 'content.db'}"}
    code, _, err = run("content", "export", str(tmp_path / "out"), "--lang", "nl", env=env)
    assert code == 1 and "fout: er is nog niets gepubliceerd" in err, err
    code, out, err = run("content", "import", str(REPO), "--lang", "nl", "--author", "An", env=env)
    assert code == 0 and out.startswith("versie 1 gepubliceerd ("), err
    code, out, _ = run("content", "import", str(REPO), "--lang", "en", env=env)
    assert code == 0 and out.startswith("these files are already the newest published version")
    code, out, _ = run("content", "export", str(tmp_path / "out"), "--lang", "nl", env=env)
    assert code == 0 and out.startswith("versie 1 (") and "door An) geschreven naar" in out
    code, _, err = run("content", "import", str(tmp_path / "nope"), "--lang", "nl", env=env)
    assert code == 2 and err.strip() == f"fout: {tmp_path / 'nope'} is geen map"


def test_outbox_says_mail_is_off_and_prints_each_pass_in_the_chosen_language(
    tmp_path: Path,
) -> None:
    from smtp_server import running_server
    from storage_helpers import lead, mail

    from werkstijl.storage import Store

    url = f"sqlite:///{tmp_path / 'mail.db'}"
    store = Store(url)
    store.save_lead_with_mail(lead("jan@example.com"), mail("jan@example.com"))
    store.save_lead_with_mail(lead("piet@example.com"), mail("piet@example.com"))
    env = {"WERKSTIJL_DATABASE_URL": url}
    results = run_many({lang: ["outbox", "--once", "--lang", lang] for lang in ("nl", "en")},
                       **env)  # fmt: skip
    assert results["nl"][2].strip() == (
        "fout: mail staat uit: stel eerst WERKSTIJL_SMTP_HOST in (en _PORT, _USER, _PASSWORD)"
    )
    assert results["en"][2].strip() == (
        "error: mail is off: set WERKSTIJL_SMTP_HOST (and _PORT, _USER, _PASSWORD) first"
    )
    with running_server() as smtp:
        smtp.reject = {"piet@example.com"}
        env |= {"WERKSTIJL_SMTP_HOST": "127.0.0.1", "WERKSTIJL_SMTP_PORT": str(smtp.port),
                "WERKSTIJL_SMTP_STARTTLS": "false"}  # fmt: skip
        code, out, err = run("outbox", "--once", "--lang", "nl", env=env)
        assert code == 1, err  # the refused mail failed for good
        assert out.strip() == "verstuurd 1, later opnieuw 0, onzeker 0, mislukt 1; wachtend 0"
        code, out, _ = run("outbox", "--once", "--lang", "en", env=env)
        assert out.strip() == "sent 0, retry later 0, in doubt 0, failed 0; pending 0"
        store.save_lead_with_mail(lead("kees@example.com"), mail("kees@example.com"))
        env["WERKSTIJL_SMTP_STARTTLS"] = "true"  # which this server does not offer
        code, out, _ = run("outbox", "--once", "--lang", "nl", env=env)
    assert code == 1
    assert out.startswith("verstuurd 0, later opnieuw 0, onzeker 0, mislukt 0; wachtend 1; ")
    assert f"mail kan niet worden bezorgd: 127.0.0.1:{smtp.port} biedt geen STARTTLS" in out
    assert "kees@example.com" not in out


def test_every_command_has_help_with_an_example_in_both_languages() -> None:
    from werkstijl.cli import _parser

    with message_language("en"):
        parser = _parser()
    commands = parser._subparsers._group_actions[0].choices  # argparse keeps them here
    names = [n for n in commands if n != "content"] + ["content-export", "content-import"]
    for name in names:
        for lang, example in (("nl", "Voorbeeld: python -m werkstijl "),
                              ("en", "Example: python -m werkstijl ")):  # fmt: skip
            with message_language(lang):
                assert example in say(f"help.{name}"), (name, lang)
    assert all(key in CATALOGUE for key in ARGPARSE_WORDING)


@pytest.mark.parametrize(
    ("message", "dutch"),
    [
        ("the following arguments are required: --name, -o/--output",
         "deze argumenten zijn verplicht: --name, -o/--output"),
        ("argument --lang: invalid choice: 'de' (choose from 'nl', 'en')",
         "--lang: ongeldige keuze: 'de' (kies uit 'nl', 'en')"),
        ("ambiguous option: --re could match --retry-now, --rest",
         "dubbelzinnige optie: --re kan --retry-now, --rest betekenen"),
        ("argument --jobs: invalid float value: 'x'", "--jobs: ongeldige waarde: 'x'"),
        ("something argparse may say one day", "something argparse may say one day"),
    ],
)  # fmt: skip
def test_argparse_words_cover_its_phrases_and_keep_unknown_ones(message: str, dutch: str) -> None:
    from werkstijl.cli_errors import argparse_words

    with message_language("nl"):
        assert argparse_words(message) == dutch
