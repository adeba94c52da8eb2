"""Why a mail was not sent is stored in English and read back in the reader's language."""

from __future__ import annotations

import pytest

from werkstijl.content.wording import CATALOGUE, message_language, placeholders, say
from werkstijl.delivery.reasons import PREFIX, english, reason_words

REASONS = sorted(key for key in CATALOGUE if key.startswith(PREFIX))
SAMPLES = {
    "attempts": "6",
    "detail": "550 5.1.1 <***>: Recipient address rejected",
    "where": "smtp.example.nl:587",
}


def filled(key: str) -> dict[str, str]:
    """Sample values for the key's placeholders; {reason} is another reason, nested."""
    names = placeholders(CATALOGUE[key]["en"])
    values = {name: SAMPLES[name] for name in names if name != "reason"}
    if "reason" in names:
        values["reason"] = english("reason.login_refused", detail=SAMPLES["detail"])
    return values


@pytest.mark.parametrize("key", REASONS)
def test_every_stored_reason_reads_back_in_dutch_and_stays_english_in_english(key: str) -> None:
    stored = english(key, **filled(key))
    with message_language("nl"):
        values = filled(key)
        if "reason" in values:
            values["reason"] = say("reason.login_refused", detail=SAMPLES["detail"])
        assert reason_words(stored) == say(key, **values)
    with message_language("en"):
        assert reason_words(stored) == stored


def test_a_reason_that_is_none_of_ours_is_shown_as_it_is() -> None:
    with message_language("nl"):
        assert reason_words("550 5.1.1 no such user") == "550 5.1.1 no such user"
        assert reason_words("ConnectionResetError: reset") == "ConnectionResetError: reset"


def test_the_real_reasons_of_a_refused_recipient_and_a_missing_starttls_read_back() -> None:
    from smtp_server import running_server

    from werkstijl.delivery.message import build_message
    from werkstijl.delivery.smtp import SendError, check_connection, send_message
    from werkstijl.storage import NewMail

    with running_server() as smtp:
        smtp.reject = {"bob@example.com"}
        settings = smtp.settings()
        mail = NewMail("pdf", "bob@example.com", "Bob", "nl", "Mail", "t", "<p>t</p>")
        with pytest.raises(SendError) as refused:
            send_message(build_message(mail, settings.mail_from), settings)
        with pytest.raises(SendError) as no_tls:
            check_connection(smtp.settings(smtp_starttls="true"), settings.mail_from)
    with message_language("nl"):
        assert reason_words(refused.value.reason).startswith("ontvanger geweigerd: 550 5.1.1 ")
        assert reason_words(no_tls.value.reason) == (
            f"127.0.0.1:{smtp.port} biedt geen STARTTLS, wat WERKSTIJL_SMTP_STARTTLS=true vereist"
        )
