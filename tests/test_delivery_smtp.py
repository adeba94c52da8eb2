"""Sending over real SMTP on loopback and telling temporary failures from permanent ones."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from smtp_server import SmtpServer, running_server

from werkstijl.delivery import MailNotConfigured, SendError, build_message, send_message
from werkstijl.delivery.message import text_to_html
from werkstijl.settings import Settings
from werkstijl.storage import NewMail


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    with running_server() as server:
        yield server


def message(to: str = "jan@example.com"):
    mail = NewMail(
        "pdf", to, "Jan", "nl", "Onderwerp", "Hoi", text_to_html("Hoi"), b"%PDF-1.4", "a.pdf"
    )
    return build_message(mail, "Werkstijltest <noreply@werkstijl.example>")


def test_a_message_arrives(smtp_server: SmtpServer):
    send_message(message(), smtp_server.settings())
    ((rcpts, msg),) = smtp_server.received
    assert rcpts == ["jan@example.com"] and msg["Subject"] == "Onderwerp"


def test_a_rejected_recipient_is_permanent_and_its_address_is_not_in_the_reason(smtp_server):
    smtp_server.reject.add("gone@example.com")
    with pytest.raises(SendError) as err:
        send_message(message("gone@example.com"), smtp_server.settings())
    assert not err.value.temporary
    assert "550" in err.value.reason and "gone@example.com" not in err.value.reason


def test_a_4xx_reply_is_temporary(smtp_server):
    smtp_server.tempfail.add("busy@example.com")
    with pytest.raises(SendError) as err:
        send_message(message("busy@example.com"), smtp_server.settings())
    assert err.value.temporary and "451" in err.value.reason


def test_an_unreachable_server_is_temporary(smtp_server):
    settings = smtp_server.settings()
    smtp_server.stop()
    with pytest.raises(SendError) as err:
        send_message(message(), settings)
    assert err.value.temporary


def test_starttls_against_a_server_without_it_is_temporary(smtp_server):
    with pytest.raises(SendError) as err:
        send_message(message(), smtp_server.settings(smtp_starttls=True))
    assert err.value.temporary
    assert smtp_server.received == []


def test_without_smtp_host_nothing_is_sent():
    with pytest.raises(MailNotConfigured):
        send_message(message(), Settings(smtp_host=None))
