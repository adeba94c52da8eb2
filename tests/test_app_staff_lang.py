"""The staff pages speak the staff member's language (AppTest over quiz_app.py): the choice made
once holds on every page, and what the pages show from elsewhere (bulk reasons, mail errors, the
CSV export for Excel) follows it."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from smtp_server import running_server
from streamlit.testing.v1 import AppTest
from test_app_staff import content_dir, download, goto, logged_in, media, texts  # noqa: F401

from werkstijl.delivery import run_pass
from werkstijl.storage import NewLead, NewMail, Store
from werkstijl.storage.leads import CSV_COLUMNS
from werkstijl.ui.context import get_context


def in_english(at: AppTest) -> AppTest:
    at.radio(key="staff_lang").set_value("en")
    return at.run()


def test_the_language_chosen_once_holds_on_every_staff_page(content_dir: Path) -> None:  # noqa: F811
    at = in_english(logged_in())
    for page, title in (
        ("staff-insights", "Insights"),
        ("staff-leads", "Leads"),
        ("staff-group", "Group (list to PDFs)"),
        ("staff-share", "Share and embed"),
        ("staff", "Content studio"),
    ):
        at = goto(at, page)
        assert [t.value for t in at.title] == [title], (page, texts(at))
        assert at.radio(key="staff_lang").value == "en"
    at.radio(key="staff_lang").set_value("nl").run()
    at = goto(at, "staff-leads")
    assert "Gegevens van een adres verwijderen" in [s.value for s in at.subheader]


def exported(at: AppTest, media: dict[str, bytes]) -> list[list[str]]:  # noqa: F811
    data = download(at, "staff_leads_export", media)
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_the_leads_export_has_headers_and_yes_no_in_the_staff_language(
    content_dir: Path,  # noqa: F811
    media: dict[str, bytes],  # noqa: F811
) -> None:
    store: Store = get_context().store
    store.save_lead_with_mail(NewLead("Zoë", "zoe@example.com", "nl", "operator", True, True,
                                      "v1"), None)  # fmt: skip
    at = goto(logged_in(), "staff-leads")
    dutch = exported(at, media)
    assert dutch[0] == [
        "naam", "e-mail", "taal", "profiel", "pdf per mail", "updates gevraagd",
        "updates bevestigd op", "versie toestemmingstekst", "aangemaakt op", "bron (src)",
        "utm_source", "utm_medium", "utm_campaign",
    ]  # fmt: skip
    assert dutch[1][:6] == ["Zoë", "zoe@example.com", "nl", "operator", "ja", "ja"]
    at = in_english(at)
    english = exported(at, media)
    assert english[0] == list(CSV_COLUMNS)  # the English headers are the stable column ids
    assert english[1][:6] == ["Zoë", "zoe@example.com", "nl", "operator", "yes", "yes"]
    assert [row[6:] for row in english[1:]] == [row[6:] for row in dutch[1:]]  # same data


def test_a_mails_last_error_is_shown_in_the_staff_language(content_dir: Path) -> None:  # noqa: F811
    store: Store = get_context().store
    store.queue_mail(NewMail("pdf", "bob@example.com", "Bob", "nl", "Mail", "t", "<p>t</p>"))
    with running_server() as smtp:  # a real refusal: the server knows no such recipient
        smtp.reject = {"bob@example.com"}
        run_pass(store, smtp.settings())
    at = goto(logged_in(), "staff-leads")
    (error,) = at.dataframe[-1].value["Laatste fout"]
    assert error.startswith("ontvanger geweigerd: 550 5.1.1 "), error
    assert "Recipient address rejected" in error  # the server's own words stay as they were
    at = in_english(at)
    (error,) = at.dataframe[-1].value["Last error"]
    assert error.startswith("recipient refused: 550 5.1.1 "), error
    assert "bob@example.com" not in error


@pytest.mark.parametrize(
    ("lang", "no_address", "bad_address"),
    [
        ("nl", "waarschuwing: geen e-mailadres; PDF gemaakt, niet verstuurd",
         "waarschuwing: ongeldig e-mailadres (er staat niets na de @); PDF gemaakt, niet "
         "verstuurd"),
        ("en", "warning: no e-mail address; PDF written, not sent",
         "warning: invalid e-mail address (there is nothing after the @); PDF written, not sent"),
    ],
)  # fmt: skip
def test_the_group_page_gives_why_a_pdf_was_not_mailed_in_the_staff_language(
    content_dir: Path,  # noqa: F811
    lang: str,
    no_address: str,
    bad_address: str,
) -> None:
    csv_text = (
        "naam;e-mail;profiel\nAnna;anna@example.com;operator\nBram;bram@;operator\nCees;;operator\n"
    )
    at = goto(logged_in(), "staff-group")
    if lang == "en":
        at = in_english(at)
    at.file_uploader(key="staff_bulk_upload").upload("groep.csv", csv_text.encode(), "text/csv")
    at.run()
    at.checkbox(key="staff_bulk_send").check()
    at.run()
    at.button(key="staff_bulk_go").click()
    at.run()
    reasons = at.dataframe[-1].value.iloc[:, -1].tolist()
    assert reasons == [bad_address, no_address], texts(at)


def test_the_login_page_offers_the_language_switch(content_dir: Path) -> None:  # noqa: F811
    from test_app_staff import open_staff

    at = open_staff()
    assert [t.value for t in at.title] == ["Inloggen"]
    at.radio(key="staff_lang").set_value("en").run()
    assert [t.value for t in at.title] == ["Log in"]
    at.text_input(key="staff_name_input").input("Anna")
    at.button[0].click()  # no password
    at.run()
    assert "That password is not right." in texts(at)
    assert at.text_input(key="staff_name_input").value == "Anna"
    at.text_input(key="staff_password_input").input("fout")
    at.button[0].click()
    at.run()
    assert at.text_input(key="staff_name_input").value == "Anna"
    assert at.text_input(key="staff_password_input").value == ""
    assert (
        "staff_password_input" not in at.session_state
        or not at.session_state["staff_password_input"]
    )
