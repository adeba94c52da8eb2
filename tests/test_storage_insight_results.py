"""After the result, the funnel counts sessions, not requests: the whole is every session that
saw a result (by answering, or by opening a result link anew), each step a distinct-session
part of it, on SQLite and PostgreSQL (db_store runs each test on both)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from werkstijl.storage import Store, utcnow
from werkstijl.storage.models import EventRow


def completed(store: Store, session: str) -> None:
    store.log_event(session, "started")
    store.log_event(session, "answered", 0)
    store.log_event(session, "completed")


def asked_by_mail(store: Store, session: str, times: int = 1) -> None:
    for _ in range(times):
        store.log_event(session, "form_sent")
        store.log_event(session, "mail_sent")


def test_mail_asked_from_result_links_is_a_share_of_every_session_that_saw_a_result(db_store):
    for session in ("r1", "r2"):  # two results reached by answering
        completed(db_store, session)
    db_store.log_event("r1", "pdf_downloaded")
    for session in ("link1", "link2", "link3"):  # result links opened in new sessions
        db_store.log_event(session, "result_opened")
        asked_by_mail(db_store, session)
    funnel = db_store.funnel()
    assert (funnel.started, funnel.completed) == (2, 2)  # a result link is no completion
    assert funnel.with_result == 5
    assert (funnel.pdf_downloaded, funnel.form_sent, funnel.mail_sent) == (1, 3, 3)


def test_a_session_asking_three_times_counts_once(db_store):
    for session in ("r1", "r2"):
        completed(db_store, session)
    db_store.log_event("link", "result_opened")
    asked_by_mail(db_store, "link", times=3)
    funnel = db_store.funnel()
    assert (funnel.completed, funnel.with_result) == (2, 3)
    assert (funnel.form_sent, funnel.mail_sent) == (1, 1)


def test_a_session_both_opening_a_link_and_answering_counts_once(db_store):
    db_store.log_event("s", "result_opened")  # opened the link, went back, answered again
    completed(db_store, "s")
    asked_by_mail(db_store, "s")
    funnel = db_store.funnel()
    assert (funnel.completed, funnel.with_result, funnel.form_sent) == (1, 1, 1)


def test_no_step_after_the_result_outnumbers_the_sessions_that_saw_one(db_store):
    # Requests from before `result_opened` was recorded, and a mail delivered in the period
    # for a result seen before it: the request itself proves a result was seen.
    completed(db_store, "r1")
    asked_by_mail(db_store, "old-link", times=2)
    db_store.log_event("before", "completed")
    db_store.log_event("before", "form_sent")
    db_store.log_event("before", "mail_sent")
    since = utcnow() - timedelta(hours=1)
    with db_store.session() as s:
        s.execute(
            update(EventRow)
            .where(EventRow.session_id == "before", EventRow.kind != "mail_sent")
            .values(created_at=since - timedelta(days=1))
        )
    funnel = db_store.funnel(since)
    assert (funnel.completed, funnel.with_result) == (1, 3)
    assert (funnel.form_sent, funnel.mail_sent) == (1, 2)
    assert max(funnel.pdf_downloaded, funnel.form_sent, funnel.mail_sent) <= funnel.with_result
    assert db_store.funnel(utcnow() + timedelta(minutes=1)).with_result == 0
