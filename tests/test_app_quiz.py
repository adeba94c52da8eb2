"""The visitor's quiz in Streamlit's AppTest: flow, what is stored, resuming, the mail form."""

from __future__ import annotations

import io
import os
import re
import sqlite3
import time
from datetime import timedelta
from pathlib import Path

import pytest
from minicontent import write_mini_content
from pypdf import PdfReader
from smtp_server import running_server
from streamlit.testing.v1 import AppTest

from werkstijl.content import load_content
from werkstijl.content.rhythm import format_date
from werkstijl.plan import coming_monday, make_plan, plan_today
from werkstijl.scoring import score
from werkstijl.ui.context import get_context
from werkstijl.ui.strings import t

APP = str(Path(__file__).resolve().parents[1] / "quiz_app.py")

# Four questions over the mini content's profiles alpha, beta, gamma (option n favours one each).
QUESTIONS = "questions:\n" + "".join(
    f"""  - id: q{n}
    text: {{nl: Vraag {n}, en: Question {n}}}
    options:
      - text: {{nl: Antwoord A{n}, en: Answer A{n}}}
        describes: alpha
        scores: {{alpha: 2}}
      - text: {{nl: Antwoord B{n}, en: Answer B{n}}}
        describes: beta
        scores: {{beta: 2, gamma: 1}}
      - text: {{nl: Antwoord C{n}, en: Answer C{n}}}
        describes: gamma
        scores: {{gamma: 2}}
"""
    for n in range(1, 5)
)


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    root = write_mini_content(tmp_path / "content")
    (root / "questions" / "questions.yaml").write_text(QUESTIONS)
    return root


@pytest.fixture
def env(tmp_path: Path, content_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "t.db"
    monkeypatch.setenv("WERKSTIJL_DATABASE_URL", f"sqlite:///{db}")
    monkeypatch.setenv("WERKSTIJL_CONTENT_DIR", str(content_dir))
    monkeypatch.setenv("WERKSTIJL_CONTENT_POLL_S", "0.001")  # file edits are seen at once
    for name in ("WERKSTIJL_SMTP_HOST", "WERKSTIJL_LEAD_GATE", "WERKSTIJL_STAFF_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    get_context.clear()
    yield db
    get_context.clear()


@pytest.fixture
def mail_on(env: Path, monkeypatch: pytest.MonkeyPatch):
    """Mail switched on, to a real SMTP server on loopback (the form only shows with mail on)."""
    with running_server() as smtp:
        for key, value in smtp.env().items():
            monkeypatch.setenv(key, value)
        get_context.clear()
        yield smtp
    get_context.clear()


def new_app(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    return at


def rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def click(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click().run()
    assert not at.exception
    return at


def answer(at: AppTest, answers: list[int], first: int = 0) -> AppTest:
    for i, option in enumerate(answers, start=first):
        click(at, f"ws-opt-{i}-{option}")
    return at


def text_of(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [e.value for kind in ("info", "success", "warning", "error") for e in at.get(kind)]
    return "\n".join(parts)


def finished(at: AppTest, answers: list[int]) -> AppTest:
    click(at, "ws-start")
    return answer(at, answers)


def test_full_walk_shows_the_scored_profile_and_stores_everything(env: Path, content_dir: Path):
    answers = [2, 2, 3, 1]
    expected = score(load_content(content_dir).content, answers)
    at = new_app()
    assert "4 vragen" in text_of(at) and at.button(key="ws-start")
    click(at, "ws-start")
    assert at.caption[0].value == "Vraag 1 van 4"
    assert [b.label for b in at.button if b.key.startswith("ws-opt-0")] == [
        "Antwoord A1",
        "Antwoord B1",
        "Antwoord C1",
    ]
    answer(at, answers)

    shown = text_of(at)
    assert f">{expected.profile.title()}<" in shown  # profile name in its colour
    for pid, pct in expected.percentages.items():
        assert f"{pid.title()}</span>" in shown and f">{pct}%<" in shown
    assert at.query_params["a"] == "2231"
    assert rows(env, "SELECT answers, profile, runner_up, lang FROM results") == [
        ("2,2,3,1", expected.profile, expected.runner_up, "nl")
    ]
    assert rows(env, "SELECT duration_s >= 0 FROM results") == [(1,)]  # duration is recorded
    assert rows(env, "SELECT count(DISTINCT session_id) FROM events") == [(1,)]
    kinds = rows(env, "SELECT kind, question FROM events ORDER BY id")
    assert kinds == [("started", None), *[("answered", i) for i in range(4)], ("completed", None)]

    plan = make_plan(load_content(content_dir).content, expected)
    stars = at.get("feedback")
    rated_tips = [s.key.split("-", 2)[2] for s in stars]  # rating-<session>-<tip id>
    assert rated_tips == [step.tip.id for step in plan.steps]  # first step, then weeks 2 and 3
    captions = [c.value for c in at.caption]
    assert captions.count("Beoordeel deze tip") == 3
    stars[0].set_value(3).run()  # 0-based: four stars
    assert "Bedankt voor je beoordeling." in [c.value for c in at.caption]
    stars = at.get("feedback")
    stars[0].set_value(1).run()  # rating again replaces the first rating
    assert len(rows(env, "SELECT stars FROM tip_ratings")) == 1
    assert rows(env, "SELECT tip_id, stars FROM tip_ratings") == [(plan.first_step.id, 2)]

    # The download itself (made on click, logging pdf_downloaded) is proven in the browser test.
    assert at.get("download_button")[0].label == "Download je PDF"
    at.text_input(key="ws_name").input("Anna de Vries").run()
    assert rows(env, "SELECT count(*) FROM results") == [(1,)]  # saved once, reruns or not


def test_with_mail_off_there_is_no_form_and_nothing_is_stored(env: Path):
    # Finding (visitor try, 4): with mail off the form took the address and kept it for nothing.
    at = finished(new_app(), [2, 2, 3, 1])
    assert t("mail_off_note", "nl") in text_of(at)
    assert not any(w.key in ("ws_email", "ws-send") for w in [*at.text_input, *at.button])
    assert [b.label for b in at.get("download_button")] == [
        t("download", "nl"),
        t("download_ics", "nl"),
    ]
    assert rows(env, "SELECT count(*) FROM leads") == [(0,)]
    assert rows(env, "SELECT count(*) FROM outbox") == [(0,)]


def test_the_form_stores_the_lead_and_queues_its_pdf(env: Path, mail_on):
    answers = [2, 2, 3, 1]
    expected = score(load_content(Path(os.environ["WERKSTIJL_CONTENT_DIR"])).content, answers)
    at = fill_form(finished(new_app(), answers), name="Anna de Vries", email="anna@example.com")
    assert rows(
        env, "SELECT name, email, profile, consent_pdf, consent_updates_requested FROM leads"
    ) == [("Anna de Vries", "anna@example.com", expected.profile, 1, 0)]
    assert rows(env, "SELECT kind, to_email, attachment_name IS NOT NULL FROM outbox") == [
        ("pdf", "anna@example.com", 1)
    ]
    assert rows(env, "SELECT count(*) FROM events WHERE kind = 'form_sent'") == [(1,)]
    pdf = rows(env, "SELECT attachment FROM outbox")[0][0]
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Anna de Vries" in text and expected.profile.title() in text
    assert not at.error


def test_the_name_survives_a_language_switch(env: Path):
    at = finished(new_app(), [1, 1, 1, 1])
    at.text_input(key="ws_name").input("Joost").run()
    click(at, "ws_lang")
    assert at.text_input(key="ws_name").value == "Joost"
    assert at.get("download_button")[0].label == "Download your PDF"
    assert at.session_state["ws_visit"].name == "Joost"


def test_a_pasted_name_longer_than_the_limit_is_cut_with_a_note_not_wiped(env: Path):
    at = finished(new_app(), [1, 1, 1, 1])
    long_name = "Maria " + "van der Berg-" * 12  # 162 characters
    at.text_input(key="ws_name").input(long_name).run()
    kept = at.session_state["ws_visit"].name
    assert len(kept) <= 100 and long_name.startswith(kept) and kept
    assert at.text_input(key="ws_name").value == kept  # the field shows what the PDF says
    assert "ingekort tot 100 tekens" in text_of(at)
    at.text_input(key="ws_name").input("Maria").run()
    assert "ingekort" not in text_of(at)


def test_going_back_highlights_and_changes_an_earlier_answer(env: Path):
    at = finished(new_app(), [1, 2])
    assert at.caption[0].value == "Vraag 3 van 4"
    click(at, "ws-back")
    assert at.caption[0].value == "Vraag 2 van 4"
    assert at.button(key="ws-opt-1-2").proto.type == "primary"  # the earlier answer
    assert at.button(key="ws-opt-1-1").proto.type == "secondary"
    click(at, "ws-opt-1-3")
    assert at.caption[0].value == "Vraag 3 van 4"
    assert at.query_params["a"] == "13"
    answered = rows(env, "SELECT question FROM events WHERE kind = 'answered' ORDER BY id")
    assert answered == [(0,), (1,)]  # changing an answer is not a new answer


def test_an_answer_clicked_twice_counts_once(env: Path):
    at = finished(new_app(), [3])
    click(at, "ws-back")
    click(at, "ws-opt-0-3")
    assert at.caption[0].value == "Vraag 2 van 4" and at.query_params["a"] == "3"
    assert rows(env, "SELECT count(*) FROM events WHERE kind = 'answered'") == [(1,)]


def test_language_switch_keeps_progress(env: Path):
    at = finished(new_app(), [1, 1])
    click(at, "ws_lang")
    assert at.caption[0].value == "Question 3 of 4"
    assert next(b.label for b in at.button if b.key.startswith("ws-opt-2")) == "Answer A3"
    assert at.query_params["lang"] == "en" and at.query_params["a"] == "11"
    click(at, "ws_lang")
    assert at.caption[0].value == "Vraag 3 van 4" and "lang" not in at.query_params


def test_a_refresh_resumes_from_the_url(env: Path):
    at = new_app(a="21", lang="en")
    assert at.caption[0].value == "Question 3 of 4"
    assert "Welcome back" in text_of(at)
    answer(at, [3, 3], first=2)
    assert at.query_params["a"] == "2133"
    assert rows(env, "SELECT answers, lang FROM results") == [("2,1,3,3", "en")]


def test_a_result_link_shows_the_result_without_storing_it_again(env: Path, content_dir: Path):
    expected = score(load_content(content_dir).content, [1, 1, 1, 2])
    at = new_app(a="1112")
    assert f">{expected.profile.title()}<" in text_of(at)
    assert "?a=1112" in at.code[0].value  # the link to come back to or share
    assert rows(env, "SELECT count(*) FROM results") == [(0,)]


def test_a_result_link_opened_anew_is_counted_once_per_session_and_is_no_completion(env: Path):
    opened = "SELECT session_id FROM events WHERE kind = 'result_opened'"
    at = new_app(a="1112")
    at.text_input(key="ws_name").input("Anna").run()  # reruns of the same session
    at.run()
    assert len(rows(env, opened)) == 1
    assert rows(env, "SELECT kind FROM events") == [("result_opened",)]  # no start, no completion
    new_app(a="1112")  # the same link in another session (or browser) counts again
    assert len({sid for (sid,) in rows(env, opened)}) == 2 == len(rows(env, opened))
    finished(new_app(), [1, 1, 1, 2])  # a result reached by answering is a completion instead
    assert len(rows(env, opened)) == 2
    assert rows(env, "SELECT count(*) FROM events WHERE kind = 'completed'") == [(1,)]


@pytest.mark.parametrize("bad", ["19", "12345", "1x", "0", "1²"])
def test_a_link_with_answers_that_cannot_be_read_says_so_and_starts_again(env: Path, bad: str):
    # Finding (visitor try, 6): it said the test had been changed, which was not true.
    at = new_app(a=bad)
    assert at.button(key="ws-start") and t("bad_link", "nl") in text_of(at)
    assert t("restarted", "nl") not in text_of(at)
    assert "a" not in at.query_params


def test_an_invalid_email_is_refused_with_a_message_and_nothing_is_stored(env: Path, mail_on):
    at = fill_form(finished(new_app(), [1, 1, 1, 1]), name="Jan", email="jan@@example")
    assert "e-mailadres klopt nog niet" in at.error[0].value
    assert rows(env, "SELECT count(*) FROM leads") == [(0,)]
    assert rows(env, "SELECT count(*) FROM outbox") == [(0,)]
    assert rows(env, "SELECT count(*) FROM events WHERE kind = 'form_sent'") == [(0,)]


def test_an_invalid_email_says_what_is_wrong_in_the_visitors_language(env: Path, mail_on):
    """email_validator's English reason ("The part after the @-sign ...") never reaches the
    visitor: ours, in the page's language, and again in the other after a switch."""
    at = fill_form(finished(new_app(), [1, 1, 1, 1]), name="Jan", email="jan@example")
    assert at.error[0].value == (
        "Dit e-mailadres klopt nog niet (het deel na de @ moet een punt hebben, zoals "
        "voorbeeld.nl). Wil je het even aanpassen?"
    )
    click(at, "ws_lang")
    assert at.error[0].value == (
        "This e-mail address is not right yet (the part after the @ needs a dot, like "
        "example.com). Could you correct it?"
    )
    assert "@-sign" not in text_of(at)


def test_the_form_needs_no_consent_box_and_no_name(env: Path, mail_on):
    # Finding (visitor try, 4): a required "send me the PDF" box and name, for one request.
    at = finished(new_app(), [1, 1, 1, 1])
    assert [c.key for c in at.checkbox] == ["ws_consent_updates"]  # only the separate opt-in
    assert at.checkbox(key="ws_consent_updates").value is False  # unticked
    at = fill_form(at, name="", email="jan@example.com")
    assert not at.error
    assert rows(env, "SELECT name, consent_pdf FROM leads") == [("", 1)]


def test_every_problem_of_the_form_shows_at_once_under_its_field(env: Path, mail_on):
    at = fill_form(finished(new_app(), [1, 1, 1, 1]), name="www.evil.example", email="jan@@x")
    errors = [e.value for e in at.error]
    assert len(errors) == 2
    assert "webadres" in errors[0] and "klopt nog niet (" in errors[1]
    assert rows(env, "SELECT count(*) FROM leads") == [(0,)]


def test_a_filled_honeypot_thanks_the_bot_and_stores_nothing(env: Path, mail_on):
    at = finished(new_app(), [1, 1, 1, 1])
    at.text_input(key="ws_name").input("Bot")
    at.text_input(key="ws_email").input("bot@example.com")
    at.text_input(key="ws_hp_website").input("http://spam.example")
    click(at, "ws-send")
    # as a person sees it
    assert not at.error and at.info[0].value == t("mail_queued", "nl", email="bot@example.com")
    assert rows(env, "SELECT count(*) FROM leads") == [(0,)]
    assert rows(env, "SELECT count(*) FROM outbox") == [(0,)]


def test_lead_gate_shows_the_download_only_after_the_form(env: Path, mail_on, monkeypatch):
    monkeypatch.setenv("WERKSTIJL_LEAD_GATE", "true")
    get_context.clear()
    at = finished(new_app(), [2, 2, 2, 2])
    assert not at.get("download_button")
    assert at.get("feedback")  # the result itself never depends on the form
    fill_form(at, name="Piet", email="piet@example.com")
    assert at.get("download_button")[0].label == "Download je PDF"
    assert rows(env, "SELECT count(*) FROM leads") == [(1,)]


def test_once_queued_the_status_replaces_the_form_and_another_address_opens_it_empty(
    env: Path, mail_on
):
    # Finding (visitor try, 2): a second click on "Stuur mij de PDF" sent a second mail.
    at = fill_form(finished(new_app(), [1, 1, 1, 1]), name="Kim", email="kim@example.com")
    assert not has_button(at, "ws-send") and has_button(at, "ws-mail-again")
    at.run()
    assert rows(env, "SELECT count(*) FROM outbox") == [(1,)]
    click(at, "ws-mail-again")
    assert has_button(at, "ws-send") and at.text_input(key="ws_email").value == ""
    fill_form(at, name="Kim", email="kim@example.org")
    assert rows(env, "SELECT to_email FROM outbox ORDER BY id") == [
        ("kim@example.com",),
        ("kim@example.org",),
    ]


def test_a_lead_gate_with_mail_off_is_ignored_with_a_warning(env: Path, monkeypatch, caplog):
    # Finding (visitor try, 4): the gate locked the PDF away behind a form that was not there.
    monkeypatch.setenv("WERKSTIJL_LEAD_GATE", "true")
    get_context.clear()
    with caplog.at_level("WARNING", logger="werkstijl.ui.context"):
        at = finished(new_app(), [2, 2, 2, 2])
    assert "WERKSTIJL_LEAD_GATE" in caplog.text and "not gated" in caplog.text
    assert at.get("download_button")[0].label == "Download je PDF"
    assert not any(w.key == "ws_email" for w in at.text_input)
    assert rows(env, "SELECT count(*) FROM leads") == [(0,)]


def fill_form(at: AppTest, name: str = "Kim", email: str = "kim@example.com", **boxes: bool):
    at.text_input(key="ws_name").input(name)
    at.text_input(key="ws_email").input(email)
    if boxes.get("updates"):
        at.checkbox(key="ws_consent_updates").check()
    return click(at, "ws-send")


def has_button(at: AppTest, key: str) -> bool:
    return any(button.key == key for button in at.button)


def optin_token(db: Path) -> str:
    body = rows(db, "SELECT body_text FROM outbox WHERE kind = 'optin'")[0][0]
    return re.search(r"[?&]optin=([\w-]+)", body).group(1)


def test_the_opt_in_link_confirms_updates_with_a_click_not_by_opening(env: Path, mail_on):
    # Finding 8: mail scanners open links; a plain visit must not confirm.
    fill_form(finished(new_app(), [1, 1, 1, 1]), updates=True)
    token = optin_token(env)
    confirm = new_app(optin=token)
    assert "Bevestig het met de knop" in confirm.info[0].value
    assert f">{t('confirm_heading', 'nl')}</h1>" in text_of(confirm)  # the page has a heading
    assert rows(env, "SELECT updates_confirmed_at IS NULL FROM leads") == [(1,)]
    assert not new_app(optin=token).exception  # a scanner's second look changes nothing
    assert rows(env, "SELECT updates_confirmed_at IS NULL FROM leads") == [(1,)]
    click(confirm, "ws-optin-confirm")
    assert "is bevestigd" in confirm.success[0].value
    assert rows(env, "SELECT updates_confirmed_at IS NOT NULL FROM leads") == [(1,)]
    again = new_app(optin=token)  # single use
    assert "werkt niet (meer)" in again.warning[0].value
    assert not has_button(again, "ws-optin-confirm")
    assert "werkt niet (meer)" in new_app(optin="wrong-token").warning[0].value
    click(confirm, "ws-optin-leave")
    assert "optin" not in confirm.query_params and confirm.button(key="ws-start")


def test_an_opt_in_link_older_than_30_days_says_it_expired(env: Path, mail_on):
    fill_form(finished(new_app(), [1, 1, 1, 1]), updates=True)
    with sqlite3.connect(env) as conn:
        conn.execute("UPDATE leads SET created_at = datetime('now', '-31 days')")
    expired = new_app(optin=optin_token(env), lang="en")
    assert "has expired" in expired.warning[0].value
    assert not has_button(expired, "ws-optin-confirm")


def test_a_name_with_a_web_address_is_refused_in_the_visitors_language(env: Path, mail_on):
    # Finding 4: the name became a clickable link in the mail.
    at = fill_form(finished(new_app(), [1, 1, 1, 1]), name="Win a prize at www.evil.example")
    assert "webadres" in at.error[0].value and "J. Jansen" in at.error[0].value
    english = fill_form(finished(new_app(lang="en"), [1, 1, 1, 1]), name="evil.com")
    assert "web address" in english.error[0].value
    assert rows(env, "SELECT count(*) FROM outbox") == [(0,)]


def test_an_address_with_an_accent_before_the_at_is_refused_clearly(env: Path, mail_on):
    # Finding 5: zoë@bücher.de was accepted, then failed for good.
    at = fill_form(finished(new_app(), [1, 1, 1, 1]), email="zoë@bücher.de")
    assert "vóór de @" in at.error[0].value
    assert rows(env, "SELECT count(*) FROM outbox") == [(0,)]
    ok = fill_form(finished(new_app(), [1, 1, 1, 1]), email="zoe@bücher.de")
    assert not ok.error and rows(env, "SELECT to_email FROM outbox") == [("zoe@bücher.de",)]


def test_taking_the_test_again_or_reloading_does_not_reset_the_mail_limit(
    env: Path, mail_on, monkeypatch
):
    # Finding 4: the per-session limit reset with "Test opnieuw doen" or a reload.
    monkeypatch.setenv("WERKSTIJL_MAIL_PER_CLIENT", "1")
    get_context.clear()
    at = fill_form(finished(new_app(), [1, 1, 1, 1]), email="a@example.com")
    assert not at.error
    click(at, "ws-restart")
    at = fill_form(finished(at, [2, 2, 2, 2]), email="b@example.com")
    assert "al vaak aangevraagd" in at.error[0].value
    reloaded = fill_form(finished(new_app(), [1, 1, 1, 1]), email="c@example.com")
    assert "al vaak aangevraagd" in reloaded.error[0].value
    assert rows(env, "SELECT count(*) FROM outbox") == [(1,)]


def test_a_broken_content_edit_keeps_the_quiz_working(env: Path, content_dir: Path):
    at = finished(new_app(), [1])
    questions = content_dir / "questions" / "questions.yaml"
    questions.write_text(QUESTIONS.replace("scores: {alpha: 2}", "scores: {alpha: 2", 1))
    assert not load_content(content_dir).valid
    answer(at, [2, 3], first=1)
    assert at.caption[0].value == "Vraag 4 van 4"  # the last valid questions keep serving
    click(at, "ws-opt-3-1")
    assert rows(env, "SELECT answers FROM results") == [("1,2,3,1",)]


def test_content_that_was_never_valid_shows_a_calm_message(env: Path, content_dir: Path):
    (content_dir / "questions" / "questions.yaml").write_text("questions: [")
    at = new_app()
    assert at.info[0].value == t("unavailable", "nl") and not at.error


def test_a_control_character_in_a_tip_file_does_not_break_a_first_visit(env, content_dir):
    tips = content_dir / "tips" / "email.yaml"
    tips.write_text(tips.read_text().replace("Tip alpha 0", "Tip\x01 alpha 0", 1))
    at = new_app()  # nothing valid was ever published: a calm message, no traceback
    assert not at.exception and at.info[0].value == t("unavailable", "nl")


def test_after_a_restart_on_a_broken_tip_file_visitors_still_get_the_quiz(env, content_dir):
    assert new_app().button(key="ws-start")  # the first start publishes the valid files
    tips = content_dir / "tips" / "email.yaml"
    tips.write_text(tips.read_text().replace("Tip alpha 0", "Tip\x01 alpha 0", 1))
    get_context.clear()  # a restart: a new process-wide context
    at = new_app()
    assert not at.exception and at.button(key="ws-start")


def test_fewer_questions_under_a_visitor_restart_gracefully(env: Path, content_dir: Path):
    at = finished(new_app(), [1, 1, 1])
    two = QUESTIONS.split("  - id: q3")[0]
    (content_dir / "questions" / "questions.yaml").write_text(two)
    at.run()
    assert not at.exception and at.button(key="ws-start")
    assert "beginnen opnieuw" in text_of(at)


def wait_for(db: Path, sql: str, wanted: list[tuple], seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while rows(db, sql) != wanted and time.monotonic() < deadline:
        time.sleep(0.05)
    assert rows(db, sql) == wanted


def test_with_smtp_the_form_says_queued_then_sent_only_once_accepted(env: Path, monkeypatch):
    with running_server() as smtp:
        for key, value in smtp.env().items():
            monkeypatch.setenv(key, value)
        get_context.clear()
        at = finished(new_app(), [3, 3, 3, 3])
        assert "staat op deze site op dit moment uit" not in text_of(at)
        smtp.reply_delay = 1.0  # accepted a moment after the form was sent
        fill_form(at, name="Lotte", email="lotte@example.com")
        assert not at.success  # not "sent" before the server accepted it
        assert "in de wachtrij" in at.info[0].value and "lotte@example.com" in at.info[0].value
        wait_for(env, "SELECT status FROM outbox", [("sent",)])
        assert [m["To"] for m in smtp.messages] == ["Lotte <lotte@example.com>"]
        _has_one_first_step_and_both_files(smtp.messages[0], [3, 3, 3, 3])
        at.run()
        assert at.success[0].value == t("mail_delivered", "nl", email="lotte@example.com")
        assert rows(env, "SELECT count(*) FROM events WHERE kind = 'mail_sent'") == [(1,)]


def test_page_mail_pdf_and_calendar_start_the_first_step_on_the_same_monday(
    env: Path, content_dir: Path, mail_on
):
    # Finding (visitor try, 1): the page said "this week", the mail "today", the calendar a
    # Monday later. All four now name week 1 of the plan: the coming Monday.
    from icalendar import Calendar

    real_site = Path(__file__).resolve().parents[1] / "texts" / "site.yaml"
    (content_dir / "texts" / "site.yaml").write_text(real_site.read_text(encoding="utf-8"))

    monday = coming_monday(plan_today())
    words = f"vanaf {format_date(monday, 'nl')}"  # e.g. "vanaf maandag 7 december"
    at = finished(new_app(), [3, 3, 3, 3])
    heading = next(m.value for m in at.markdown if 'class="ws-section ws-first"' in m.value)
    assert words in heading
    fill_form(at, name="Lotte", email="lotte@example.com")
    wait_for(env, "SELECT status FROM outbox", [("sent",)])
    (message,) = mail_on.messages
    assert words in message.get_body(("plain",)).get_content()
    assert words in message.get_body(("html",)).get_content()
    files = {a.get_filename(): a.get_content() for a in message.iter_attachments()}
    pdf = files["werkstijl-gamma-lotte.pdf"]
    pdf_text = " ".join((p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf)).pages)
    assert words.lower() in " ".join(pdf_text.lower().split())
    calendar = Calendar.from_ical(files["werkstijl-week.ics"])
    starts = sorted(e.decoded("DTSTART").date() for e in calendar.walk("VEVENT"))
    assert monday <= starts[0] < monday + timedelta(days=5)  # week 1 is that week


def _has_one_first_step_and_both_files(message, answers: list[int]) -> None:
    """The mail as received: its first step once, the PDF (one first step) and the calendar."""
    from icalendar import Calendar

    content = load_content(Path(os.environ["WERKSTIJL_CONTENT_DIR"])).content
    plan = make_plan(content, score(content, answers))
    body = message.get_body(("plain",)).get_content()
    assert body.count(plan.first_step.title.nl) == 1
    assert body.count(plan.first_step.text.nl) == 1
    for step in plan.steps[1:]:
        assert step.tip.title.nl not in body  # one first step, not a list to choose from
    files = {a.get_filename(): a for a in message.iter_attachments()}
    assert sorted(files) == ["werkstijl-gamma-lotte.pdf", "werkstijl-week.ics"]
    pdf_text = " ".join(
        p.extract_text() or ""
        for p in PdfReader(io.BytesIO(files["werkstijl-gamma-lotte.pdf"].get_content())).pages
    )
    assert pdf_text.count("JOUW EERSTE STAP") == 1
    assert files["werkstijl-week.ics"].get_content_type() == "text/calendar"
    calendar = Calendar.from_ical(files["werkstijl-week.ics"].get_content())
    assert len(calendar.walk("VEVENT")) == 3  # the mini content's three blocks


def test_a_mail_setup_that_cannot_work_never_tells_the_visitor_it_was_sent(env: Path, monkeypatch):
    # Finding 3: every mail failed ("STARTTLS extension not supported"), yet "Gelukt!".
    with running_server() as smtp:
        for key, value in smtp.env(WERKSTIJL_SMTP_STARTTLS="true").items():
            monkeypatch.setenv(key, value)
        get_context.clear()
        at = fill_form(finished(new_app(), [3, 3, 3, 3]), name="Lotte", email="lotte@example.com")
        wait_for(env, "SELECT last_error IS NOT NULL, attempts FROM outbox", [(1, 0)])
        at.run()
        assert not at.success and smtp.received == []
        assert at.warning[0].value == t("mail_delayed", "nl")
        assert rows(env, "SELECT status FROM outbox") == [("pending",)]  # nothing lost


def test_an_unreachable_database_gives_visitors_a_calm_message(
    env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("WERKSTIJL_DATABASE_URL", f"sqlite:///{blocker / 'db' / 't.db'}")
    get_context.clear()
    at = new_app(lang="en")
    assert [i.value for i in at.info] == [
        "The test is briefly unavailable. Please try again in a few minutes."
    ]
    monkeypatch.setenv("WERKSTIJL_DATABASE_URL", f"sqlite:///{tmp_path / 'ok.db'}")
    at.run()  # the next visit retries and gets the quiz
    assert not at.info and at.button(key="ws-start")


FIRST_STEP_NL = t("first_step_heading", "nl", date=format_date(coming_monday(plan_today()), "nl"))


def test_the_result_shows_one_first_step_right_under_the_profile_and_a_calendar_download(env):
    at = finished(new_app(), [1, 1, 1, 1])
    content = load_content(Path(os.environ["WERKSTIJL_CONTENT_DIR"])).content
    plan = make_plan(content, score(content, [1, 1, 1, 1]))
    markdown = [m.value for m in at.markdown]
    profile = next(i for i, m in enumerate(markdown) if 'class="ws-profile"' in m)
    first = next(i for i, m in enumerate(markdown) if 'class="ws-section ws-first"' in m)
    assert first == profile + 1  # nothing between the profile and its first step
    assert FIRST_STEP_NL in markdown[first]
    shown = text_of(at)
    assert shown.count(plan.first_step.title.nl) == 1
    assert shown.count(FIRST_STEP_NL) == 1
    for step in plan.steps[1:]:  # weeks 2 and 3 follow, once each
        assert shown.count(step.tip.title.nl) == 1
    labels = [b.label for b in at.get("download_button")]
    assert labels == [t("download", "nl"), t("download_ics", "nl")]


def test_a_profile_at_0_percent_shows_an_empty_bar_not_a_sliver(env):
    # Finding (visitor try, low): a 0% bar still showed a stub of colour.
    expected = score(load_content(Path(os.environ["WERKSTIJL_CONTENT_DIR"])).content, [1] * 4)
    shown = finished(new_app(), [1, 1, 1, 1]).markdown
    bars = next(m.value for m in shown if 'class="ws-bars"' in m.value)
    for pid, pct in expected.percentages.items():
        row = bars.split(f"{pid.title()}</span>", 1)[1].split("</div>", 1)[0]
        assert ("ws-bar-fill" in row) is (pct > 0), (pid, pct, row)
    assert 0 in expected.percentages.values() and max(expected.percentages.values()) > 0


def test_profiles_get_different_first_steps_on_the_page(env):
    firsts = set()
    for answers in ([1, 1, 1, 1], [2, 2, 2, 2], [3, 3, 3, 3]):
        at = finished(new_app(), answers)
        markdown = [m.value for m in at.markdown]
        first = next(i for i, m in enumerate(markdown) if 'class="ws-section ws-first"' in m)
        firsts.add(markdown[first + 1])  # the first step's title
    assert len(firsts) == 3


def page_script(at: AppTest) -> str:
    """The body of the accessibility page script (a11y.py) of the last run."""
    return next(e.proto.body for e in at.get("html") if "__werkstijl" in e.proto.body)


def test_every_step_is_in_the_url_and_in_the_page_script(env: Path):
    at = new_app()
    assert '"view": "intro"' in page_script(at) and '"lang": "nl"' in page_script(at)
    click(at, "ws-start")
    assert dict(at.query_params) == {"q": "1"}  # the first question is a place of its own
    answer(at, [2, 1])
    assert dict(at.query_params) == {"a": "21", "q": "3"}
    assert '"view": "q-2"' in page_script(at) and '"announce": "Vraag 3 van 4"' in page_script(at)
    shown = text_of(at)
    assert '<h1 class="ws-question" data-ws-view="q-2">Vraag 3</h1>' in shown
    assert 'role="progressbar" aria-label="Voortgang"' in shown
    assert 'aria-valuenow="3" aria-valuetext="Vraag 3 van 4"' in shown
    click(at, "ws-back")
    assert dict(at.query_params) == {"a": "21", "q": "2"}  # the page's own Back: a new URL too
    click(at, "ws_lang")
    assert dict(at.query_params) == {"a": "21", "q": "2", "lang": "en"}
    assert '"lang": "en"' in page_script(at) and '"view": "q-1"' in page_script(at)
    assert '"stars": ["1 out of 5 stars"' in page_script(at)
    answer(at, [1, 1, 1], first=1)
    assert dict(at.query_params) == {"a": "2111", "lang": "en"}
    assert '"view": "result"' in page_script(at)
    click(at, "ws-restart")
    assert dict(at.query_params) == {"lang": "en"}


def test_result_sections_are_headings_in_order(env: Path, mail_on):
    at = finished(new_app(), [1, 1, 1, 1])
    shown = text_of(at)
    order = [
        '<h1 class="ws-profile"',
        f'<h2 class="ws-section ws-first">{FIRST_STEP_NL}',
        '<h3 class="ws-tip">',
        f'<h2 class="ws-section">{t("scores_heading", "nl")}',
        f'<h2 class="ws-section">{t("start_plan_heading", "nl")}',
        '<h3 class="ws-tip">',
        f'<h2 class="ws-h2">{t("pdf_heading", "nl")}',
        f'<h3 class="ws-section">{t("mail_heading", "nl")}',
    ]
    positions, start = [], 0
    for tag in order:  # each after the one before
        start = shown.index(tag, start) + 1
        positions.append(start)
    assert positions == sorted(positions)
