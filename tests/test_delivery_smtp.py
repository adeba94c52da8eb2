"""Sending over real SMTP on loopback: security modes, and what each kind of failure means."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from smtp_server import SmtpServer, running_server

from werkstijl.delivery import MailNotConfigured, Problem, SendError, build_message, send_message
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


def test_without_smtp_host_nothing_is_sent():
    with pytest.raises(MailNotConfigured):
        send_message(message(), Settings(smtp_host=None))


# Security: WERKSTIJL_SMTP_STARTTLS=auto|true|false (issue 10, finding 3)


@pytest.fixture
def tls_server(tmp_path, monkeypatch) -> Iterator[SmtpServer]:
    """A server offering STARTTLS with a certificate this process trusts."""
    with running_server(starttls=True, login=("ann", "geheim"), cert_dir=tmp_path) as server:
        monkeypatch.setenv("SSL_CERT_FILE", str(server.cert))
        yield server


@pytest.fixture
def plain_login_server() -> Iterator[SmtpServer]:
    """A careless server: no STARTTLS, but it offers a login on the plain line."""
    with running_server(login=("ann", "geheim")) as server:
        yield server


def test_auto_is_the_default():
    assert Settings().smtp_starttls == "auto"


def test_auto_delivers_to_a_relay_without_starttls_when_no_login_is_set(smtp_server):
    # Finding 3: only HOST/PORT against a server without STARTTLS used to fail every mail.
    send_message(message(), smtp_server.settings(smtp_starttls="auto"))
    assert len(smtp_server.received) == 1 and smtp_server.tls_used == [False]


def test_auto_upgrades_with_starttls_when_the_server_offers_it(tls_server):
    send_message(message(), tls_server.settings(smtp_starttls="auto"))
    assert tls_server.tls_used == [True]


def test_auto_logs_in_only_over_an_encrypted_line(tls_server):
    settings = tls_server.settings(smtp_starttls="auto", smtp_user="ann", smtp_password="geheim")
    send_message(message(), settings)
    assert tls_server.tls_used == [True]


def test_auto_never_sends_a_password_over_a_plain_line(plain_login_server):
    settings = plain_login_server.settings(
        smtp_starttls="auto", smtp_user="ann", smtp_password="geheim"
    )
    with pytest.raises(SendError) as err:
        send_message(message(), settings)
    assert err.value.setup and err.value.problem is Problem.plain_login
    assert plain_login_server.received == [] and plain_login_server.senders == []


def test_false_logs_in_over_a_plain_line_when_told_to(plain_login_server):
    settings = plain_login_server.settings(
        smtp_starttls="false", smtp_user="ann", smtp_password="geheim"
    )
    send_message(message(), settings)
    assert plain_login_server.tls_used == [False]


def test_true_requires_starttls(smtp_server):
    with pytest.raises(SendError) as err:
        send_message(message(), smtp_server.settings(smtp_starttls="true"))
    assert err.value.setup and err.value.problem is Problem.tls_missing
    assert smtp_server.received == []


def test_an_untrusted_certificate_is_a_setup_problem(tmp_path):
    # SSL_CERT_FILE is not set: this process does not trust the server's certificate.
    with (
        running_server(starttls=True, cert_dir=tmp_path) as server,
        pytest.raises(SendError) as err,
    ):
        send_message(message(), server.settings(smtp_starttls="auto"))
    assert err.value.setup and err.value.problem is Problem.tls_failed
    assert server.received == []


def test_implicit_tls_against_a_plain_port_is_a_setup_problem(smtp_server):
    with pytest.raises(SendError) as err:
        send_message(message(), smtp_server.settings(smtp_ssl=True))
    assert err.value.setup and err.value.problem is Problem.tls_failed


def test_a_wrong_password_is_a_setup_problem(tls_server):
    settings = tls_server.settings(smtp_starttls="auto", smtp_user="ann", smtp_password="fout")
    with pytest.raises(SendError) as err:
        send_message(message(), settings)
    assert err.value.setup and err.value.problem is Problem.login_refused
    assert "535" in err.value.reason and tls_server.received == []


def test_a_refused_sender_is_a_setup_problem(smtp_server):
    smtp_server.reject_senders.add("noreply@werkstijl.example")
    with pytest.raises(SendError) as err:
        send_message(message(), smtp_server.settings())
    assert err.value.setup and err.value.problem is Problem.sender_refused


def test_the_starttls_setting_reads_the_usual_spellings(monkeypatch):
    for raw, mode in [("AUTO", "auto"), ("yes", "true"), ("0", "false"), ("False", "false")]:
        monkeypatch.setenv("WERKSTIJL_SMTP_STARTTLS", raw)
        assert Settings().smtp_starttls == mode
    monkeypatch.setenv("WERKSTIJL_SMTP_STARTTLS", "sometimes")
    with pytest.raises(ValueError, match="auto"):
        Settings()


# Unknown outcome (finding 6)


def test_no_reply_after_the_message_went_out_is_an_unknown_outcome(smtp_server):
    smtp_server.reply_delay = 2.0  # the server stores the mail, then answers too late
    with pytest.raises(SendError) as err:
        send_message(message(), smtp_server.settings(smtp_timeout=0.5))
    assert err.value.unknown and not err.value.setup
    assert len(smtp_server.received) == 1  # it did arrive


def test_a_timeout_before_the_message_went_out_is_an_ordinary_retry(smtp_server):
    smtp_server.tempfail.add("busy@example.com")
    with pytest.raises(SendError) as err:
        send_message(message("busy@example.com"), smtp_server.settings())
    assert err.value.temporary and not err.value.unknown


def test_a_domain_in_any_script_is_sent_in_ascii(smtp_server):
    # Finding 5: jan@bücher.de is deliverable; its domain travels as IDNA.
    send_message(message("jan@bücher.de"), smtp_server.settings())
    ((rcpts, msg),) = smtp_server.received
    assert rcpts == ["jan@xn--bcher-kva.de"]
    assert msg["To"].addresses[0].domain == "xn--bcher-kva.de"
