"""Where visitors come from (utm_*, src) in the real app (AppTest over quiz_app.py): kept through
a reload and the result link, stored with the funnel events and the lead, nowhere else."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import test_app_quiz as quiz
from test_app_quiz import answer, click, finished, new_app, rows

content_dir, env, mail_on = quiz.content_dir, quiz.env, quiz.mail_on  # the quiz tests' fixtures

SOURCE = {"utm_source": "nieuwsbrief", "utm_medium": "email", "utm_campaign": "okt-2026",
          "src": "blog-ps"}  # fmt: skip
SOURCE_SQL = "src, utm_source, utm_medium, utm_campaign"
STORED = ("blog-ps", "nieuwsbrief", "email", "okt-2026")


def send_form(at, name: str, email: str) -> None:
    at.text_input(key="ws_name").input(name)
    at.text_input(key="ws_email").input(email)
    click(at, "ws-send")


def test_the_source_survives_a_reload_and_is_stored_with_events_and_the_lead(env: Path, mail_on):
    at = finished(new_app(**SOURCE), [1, 2])
    assert {k: at.query_params[k] for k in SOURCE} == SOURCE  # still in the URL while answering
    reloaded = new_app(**{k: at.query_params[k] for k in at.query_params})  # a reload: new session
    assert reloaded.caption[0].value == "Vraag 3 van 4"
    answer(reloaded, [3, 1], first=2)
    send_form(reloaded, "Anna", "anna@example.com")
    events = rows(env, f"SELECT kind, {SOURCE_SQL} FROM events ORDER BY id")
    assert {kind for kind, *_ in events} >= {"started", "answered", "completed", "form_sent"}
    assert {tuple(source) for _, *source in events} == {STORED}  # both sessions, every step
    assert rows(env, f"SELECT {SOURCE_SQL} FROM leads") == [STORED]


def test_the_result_link_carries_the_source(env: Path, mail_on):
    at = finished(new_app(**SOURCE), [1, 1, 1, 2])
    link = at.code[0].value
    query = {k: v[0] for k, v in parse_qs(urlsplit(link).query).items()}
    assert query == {"a": "1112", **SOURCE}
    shared = new_app(**query)  # opened later, or by someone it was shared with
    send_form(shared, "Bram", "bram@example.com")
    assert rows(env, f"SELECT {SOURCE_SQL} FROM leads") == [STORED]
    assert rows(env, f"SELECT {SOURCE_SQL} FROM events WHERE kind = 'form_sent'") == [STORED]


def test_personal_data_in_a_utm_value_is_dropped_from_the_url_and_never_stored(env: Path):
    at = finished(new_app(utm_source="jan@example.com", utm_campaign="lente"), [1])
    assert "utm_source" not in at.query_params and at.query_params["utm_campaign"] == "lente"
    assert rows(env, "SELECT DISTINCT utm_source, utm_campaign FROM events") == [(None, "lente")]
