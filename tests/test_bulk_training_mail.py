"""The mail of a trainer's bulk run (`bulk --send`, the Groep page): it says the trainer of the
training sends it and why the participant gets it, with the training's title (or wording without
one), never the visitor's "you asked for your PDF"; and a name a Windows-1252 export garbled is
not mailed until it is fixed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from smtp_server import SmtpServer, running_server
from sqlalchemy import select

from werkstijl.bulk import run_bulk
from werkstijl.content import load_content
from werkstijl.content.wording import message_language
from werkstijl.delivery import run_outbox
from werkstijl.delivery.message import render_pdf_mail
from werkstijl.settings import Settings
from werkstijl.storage import Store
from werkstijl.storage.models import OutboxRow

REPO = Path(__file__).resolve().parents[1]
VISITOR_REASON = "om je PDF hebt gevraagd"
TITLE = "Slim Plannen & Mailen"


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    with running_server() as server:
        yield server


def send_run(tmp_path: Path, data: bytes, content, settings: Settings, **options):
    source = tmp_path / "deelnemers.csv"
    source.write_bytes(data)
    with message_language("nl"):
        return run_bulk(
            source,
            tmp_path / "out",
            content=content,
            settings=settings,
            lang=options.pop("lang", "nl"),
            jobs=1,
            send=True,
            **options,
        )


def outbox(settings: Settings) -> list[OutboxRow]:
    with Store(settings.database_url).session() as s:
        return list(s.scalars(select(OutboxRow).order_by(OutboxRow.id)))


def test_the_inbox_gets_the_trainers_mail_naming_the_training(tmp_path, content, smtp_server):
    settings = smtp_server.settings(database_url=f"sqlite:///{tmp_path / 'bulk.db'}")
    data = b"naam;e-mail;profiel\nKees;kees@example.com;visionair\n"
    assert send_run(tmp_path, data, content, settings, title=TITLE).queued == 1
    store = Store(settings.database_url)
    assert run_outbox(store, settings, once=True, retry_now=False) == 0
    (message,) = smtp_server.messages
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert TITLE in message["Subject"]
    assert text.startswith("Hoi Kees,")
    assert f"Je trainer van {TITLE} stuurt je" in text
    assert f"Je krijgt deze mail omdat je meedoet aan {TITLE}" in text
    assert VISITOR_REASON not in text and "Bedankt voor het doen" not in text
    assert "Slim Plannen &amp; Mailen" in html and VISITOR_REASON not in html
    names = [part.get_filename() for part in message.iter_attachments()]
    assert sorted(Path(name).suffix for name in names) == [".ics", ".pdf"]


def test_without_a_title_the_mail_says_so_without_an_empty_title(tmp_path, content, settings):
    data = b"naam;e-mail;profiel\nKees;kees@example.com;visionair\n"
    send_run(tmp_path, data, content, settings)
    (row,) = outbox(settings)
    assert "Je trainer stuurt je" in row.body_text
    assert "meedoet aan een training" in row.body_text
    assert "{title}" not in row.subject + row.body_text + row.body_html
    assert VISITOR_REASON not in row.body_text
    assert "  " not in row.subject and " van ," not in row.body_text


def test_an_english_run_sends_the_english_trainers_mail(tmp_path, content, settings):
    data = b"name;email;profile\nKees;kees@example.com;visionair\n"
    send_run(tmp_path, data, content, settings, lang="en", title=TITLE)
    (row,) = outbox(settings)
    assert f"Your trainer for {TITLE} sends you" in row.body_text
    assert f"because you take part in {TITLE}" in row.body_text
    assert "because you asked for your PDF" not in row.body_text


def test_the_visitors_own_mail_is_unchanged(content):
    subject, text, _ = render_pdf_mail(content.site, "nl", "Jan", "Visionair")
    assert subject == content.site.mail_subject.nl
    assert "Bedankt voor het doen van de werkstijltest" in text
    assert "Je krijgt deze mail omdat je op werkstijltest.nl om je PDF hebt gevraagd" in text
    assert "trainer" not in text


def test_a_garbled_name_gets_its_pdf_but_no_mail_until_it_is_fixed(tmp_path, content, settings):
    garbled = "Naam;E-mail;Profiel\r\nEva ?zt?rk;eva@example.com;operator\r\n"
    garbled += "René;rene@example.com;visionair\r\n"
    outcome = send_run(tmp_path, garbled.encode("cp1252"), content, settings, title=TITLE)
    assert outcome.exit_code == 0 and len(outcome.pdfs) == 2
    assert [row.to_name for row in outbox(settings)] == ["René"]
    (issue,) = [i for i in outcome.issues if i.name == "Eva ?zt?rk"]
    assert "niet gemaild: verbeter de naam en draai opnieuw" in issue.message
    assert not issue.fatal
    # The fixed list (saved as CSV UTF-8) mails Eva, once; René was mailed before.
    fixed = garbled.replace("Eva ?zt?rk", "Eva Öztürk").encode("utf-8")
    again = send_run(tmp_path, fixed, content, settings, title=TITLE)
    assert (again.queued, again.queued_before) == (1, 1)
    assert not [i for i in again.issues if "niet gemaild" in i.message]
    third = send_run(tmp_path, fixed, content, settings, title=TITLE)
    assert (third.queued, third.queued_before) == (0, 2)
    assert sorted(row.to_name for row in outbox(settings)) == ["Eva Öztürk", "René"]


def test_without_send_a_garbled_name_keeps_the_plain_warning(tmp_path, content, settings):
    data = "Naam;E-mail;Profiel\r\nEva ?zt?rk;eva@example.com;operator\r\nRené;;operator\r\n"
    source = tmp_path / "deelnemers.csv"
    source.write_bytes(data.encode("cp1252"))
    with message_language("nl"):
        outcome = run_bulk(source, tmp_path / "out", content=content, settings=settings, jobs=1)
    (issue,) = outcome.issues
    assert "de naam bevat een '?'" in issue.message and "niet gemaild" not in issue.message


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("body: {nl: 'tm {title}", "body: {nl: 'tm", "'body': this text has no {title}"),
        ("body: {nl: 'tm {title} {first_step}", "body: {nl: 'tm {title}", "no {first_step}"),
        (
            "subject_untitled: {nl: tm,",
            "subject_untitled: {nl: 'tm {title}',",
            "'subject_untitled': this text is used when the trainer gave no title",
        ),
    ],
    ids=["titled-body-without-title", "body-without-first-step", "untitled-with-title"],
)
def test_a_training_mail_that_would_say_something_wrong_is_an_error_at_its_key(
    tmp_path, old: str, new: str, expected: str
) -> None:
    from minicontent import write_mini_content

    root = write_mini_content(tmp_path / "content")
    site = root / "texts" / "site.yaml"
    text = site.read_text()
    assert old in text
    site.write_text(text.replace(old, new, 1))
    with message_language("en"):
        result = load_content(root)
    assert not result.valid
    (error,) = result.errors
    lines = text.splitlines()
    training_line = next(n for n, line in enumerate(lines, 1) if line.startswith("training_mail"))
    assert (error.path, error.line) == ("texts/site.yaml", training_line)
    assert expected in error.message
