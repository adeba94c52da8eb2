"""errors.csv and the `bulk` line are in the chosen language, every reason included: no or an
invalid e-mail address (email_validator's reasons in our words), answers that cannot be scored,
a database that is not there for --send. Real `bulk` processes; errors.csv read back as Dutch
Excel opens it."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from werkstijl.content.wording import message_language
from werkstijl.delivery.limits import InvalidAddress, address_words, normalise_address

REPO = Path(__file__).resolve().parents[1]
PARTICIPANTS = (
    "naam;e-mail;profiel;q1\n"
    "Anna;anna@example.com;operator;\n"
    "Bram;bram@;operator;\n"
    "Cees;;operator;\n"
    "Dirk;dirk@example.com;;1\n"
    "Fem;fem de@example.com;visionair;\n"
)
EXPECTED = {
    "nl": {
        "Bram": "waarschuwing: ongeldig e-mailadres (er staat niets na de @); PDF gemaakt, "
        "niet verstuurd",
        "Cees": "waarschuwing: geen e-mailadres; PDF gemaakt, niet verstuurd",
        "Dirk": "de antwoorden stoppen na q1, voordat het profiel vaststaat: er ontbreken 12 "
        "antwoorden (q2 tot en met q13)",
        "Fem": "waarschuwing: ongeldig e-mailadres (het deel vóór de @ bevat tekens die niet "
        "mogen: een spatie); PDF gemaakt, niet verstuurd",
    },
    "en": {
        "Bram": "warning: invalid e-mail address (there is nothing after the @); PDF written, "
        "not sent",
        "Cees": "warning: no e-mail address; PDF written, not sent",
        "Dirk": "answers stop after q1, before the profile is decided: 12 answers missing (q2 to "
        "q13)",
        "Fem": "warning: invalid e-mail address (the part before the @ has characters that are not "
        "allowed: a space); PDF written, not sent",
    },
}


def bulk(
    tmp_path: Path, lang: str | None, database: str, **locale: str
) -> tuple[subprocess.CompletedProcess, Path]:
    """`bulk --send` of PARTICIPANTS; `lang` None: no --lang, the `locale` variables decide."""
    source = tmp_path / "deelnemers.csv"
    source.write_text(PARTICIPANTS, encoding="utf-8")
    out = tmp_path / f"out-{lang}"
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("WERKSTIJL_") and k not in ("LC_ALL", "LC_MESSAGES", "LANG")
    }
    env |= {"WERKSTIJL_DATABASE_URL": database, **locale}
    chosen = ["--lang", lang] if lang else []
    done = subprocess.run(
        [sys.executable, "-m", "werkstijl", "bulk", str(source), "--out", str(out), "--send",
         *chosen, "--jobs", "1"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    return done, out


def errors_csv(out: Path) -> dict[str, str]:
    data = (out / "errors.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    return {row["name"]: row["error"] for row in rows}


def test_errors_csv_and_the_summary_line_are_in_the_chosen_language(tmp_path: Path) -> None:
    database = f"sqlite:///{tmp_path / 'mail.db'}"
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = {lang: pool.submit(bulk, tmp_path, lang, database) for lang in ("nl", "en")}
        results = {lang: future.result() for lang, future in runs.items()}
    for lang, (done, out) in results.items():
        assert done.returncode == 1, done.stderr
        assert errors_csv(out) == EXPECTED[lang]
    assert "4 van 5 PDF's en het groepsrapport gemaakt" in results["nl"][0].stdout
    assert "4 of 5 PDFs and the group report written" in results["en"][0].stdout


def test_without_a_locale_errors_csv_is_dutch_and_werkstijl_lang_can_make_it_english(
    tmp_path: Path,
) -> None:
    database = f"sqlite:///{tmp_path / 'mail.db'}"
    (tmp_path / "c").mkdir()
    (tmp_path / "env").mkdir()
    done, out = bulk(tmp_path / "c", None, database, LANG="C.UTF-8")
    assert done.returncode == 1, done.stderr
    assert errors_csv(out) == EXPECTED["nl"]
    assert "4 van 5 PDF's en het groepsrapport gemaakt" in done.stdout
    done, out = bulk(tmp_path / "env", None, database, LANG="C.UTF-8", WERKSTIJL_LANG="en")
    assert errors_csv(out) == EXPECTED["en"]


def test_a_database_that_is_not_there_for_send_is_said_in_the_chosen_language(
    tmp_path: Path,
) -> None:
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"this is no SQLite database " * 200)
    done, out = bulk(tmp_path, "nl", f"sqlite:///{broken}")
    assert done.returncode == 1, done.stderr
    assert errors_csv(out)["Anna"] == (
        "waarschuwing: mail niet klaargezet, de database is niet beschikbaar (DatabaseError); PDF gemaakt, "
        "niet verstuurd"
    )
    assert "0 mails klaargezet" in done.stdout


@pytest.mark.parametrize(
    ("address", "dutch", "english"),
    [
        ("", "geen e-mailadres ingevuld", "no e-mail address given"),
        ("jan", "de @ ontbreekt", "the @ is missing"),
        ("@example.com", "er staat niets vóór de @", "there is nothing before the @"),
        ("jan@example", "het deel na de @ moet een punt hebben, zoals voorbeeld.nl",
         "the part after the @ needs a dot, like example.com"),
        ("jan..de@example.com", "er staat een punt of streepje op de verkeerde plek",
         "a dot or hyphen is in the wrong place"),
        ("jan(x)@example.com", "het deel vóór de @ bevat tekens die niet mogen: '(', ')'",
         "the part before the @ has characters that are not allowed: '(', ')'"),
        ("jan@ex_ample.com", "het deel na de @ bevat tekens die niet mogen: '_'",
         "the part after the @ has characters that are not allowed: '_'"),
        ("jan@printer.local", "het deel na de @ is een gereserveerde naam",
         "the part after the @ is a reserved name"),
        ("jan＠example.com", "de @ is niet het gewone apenstaartje", "the @ is not the usual @"),
        ('"jan"@example.com', "aanhalingstekens zijn niet toegestaan vóór de @",
         "quotes are not allowed before the @"),
        ("jan@[192.0.2.1]", "schrijf alleen het adres zelf", "write only the address itself"),
        ("zoë@example.com", "het deel vóór de @ bevat letters (zoals ë)",
         "the part before the @ has letters (like ë)"),
        ("a@b.nl, c@d.nl", "dit is niet één e-mailadres", "this is not a single e-mail address"),
        ("jan@" + "a" * 250 + ".nl", "het adres is te lang", "the address is too long"),
    ],
)  # fmt: skip
def test_email_validators_reasons_are_said_in_our_words(
    address: str, dutch: str, english: str
) -> None:
    with pytest.raises(InvalidAddress) as refused:
        normalise_address(address)
    assert refused.value.reason != "other", str(refused.value)
    with message_language("nl"):
        assert address_words(refused.value).startswith(dutch)
    with message_language("en"):
        assert address_words(refused.value).startswith(english)
