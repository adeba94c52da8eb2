"""The staff pages in the real app (AppTest over quiz_app.py): access, editing, leads export."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from minicontent import write_mini_content
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from werkstijl import lockout
from werkstijl.content import load_content
from werkstijl.passwords import make_password_hash
from werkstijl.settings import REPO_ROOT
from werkstijl.storage import Funnel, NewLead, Store, utcnow
from werkstijl.ui.context import get_context
from werkstijl.ui.staff import auth
from werkstijl.ui.staff.insights import branch_steps, flow_steps, format_duration

APP = str(REPO_ROOT / "quiz_app.py")
PASSWORD = "juist wachtwoord"
TIMEOUT = 30


def copy_content(target: Path) -> Path:
    """The repository's real content when it is valid, else the small test content."""
    if not load_content(REPO_ROOT).valid:
        return write_mini_content(target)
    for sub in ("profiles", "questions", "tips", "texts"):
        shutil.copytree(REPO_ROOT / sub, target / sub)
    return target


@pytest.fixture
def content_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = copy_content(tmp_path / "content")
    monkeypatch.setenv("WERKSTIJL_CONTENT_DIR", str(root))
    monkeypatch.setenv("WERKSTIJL_DATABASE_URL", f"sqlite:///{tmp_path / 'app.db'}")
    monkeypatch.setenv("WERKSTIJL_STAFF_PASSWORD", PASSWORD)
    monkeypatch.setenv("WERKSTIJL_CONTENT_POLL_S", "0.001")  # file edits are seen at once
    monkeypatch.delenv("WERKSTIJL_STAFF_PASSWORD_HASH", raising=False)
    monkeypatch.delenv("WERKSTIJL_SMTP_HOST", raising=False)
    get_context.clear()
    yield root
    get_context.clear()


def goto(at: AppTest, url_path: str) -> AppTest:
    """Open a page by its URL path, as typing /staff in the browser does.

    st.Page identifies a page by the hash of its url_path; AppTest.switch_page only knows file
    pages, so the requested hash is set directly.
    """
    at._page_hash = calc_hash(url_path)
    return at.run(timeout=TIMEOUT)


def texts(at: AppTest) -> str:
    parts = [
        e.value
        for kind in ("title", "markdown", "info", "error", "warning", "success", "caption", "code")
        for e in getattr(at, kind)
    ]
    return "\n".join(str(p) for p in parts)


def open_staff(at: AppTest | None = None) -> AppTest:
    at = at or AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    return goto(at, "staff")


STAFF_NAME = "Anna de Marketeer"


def log_in(at: AppTest, password: str = PASSWORD, name: str = STAFF_NAME) -> AppTest:
    at.text_input(key="staff_name_input").input(name)
    at.text_input(key="staff_password_input").input(password)
    at.button[0].click()
    return at.run()


def logged_in() -> AppTest:
    at = log_in(open_staff())
    assert "Contentstudio" in texts(at), texts(at)
    return at


def test_without_login_only_the_login_page_exists(content_dir: Path) -> None:
    store = get_context().store
    store.save_lead_with_mail(NewLead("Geheime Gerda", "gerda@example.com", "nl", "operator",
                                      True, False, "v1"), None)  # fmt: skip
    at = open_staff()
    assert "Inloggen" in texts(at)
    assert at.text_input(key="staff_password_input").proto.type == 1  # password field
    for page in ("staff-leads", "staff-insights", "staff-group", "staff-share"):
        at = goto(at, page)
        shown = texts(at) + "".join(str(d.value) for d in at.dataframe)
        assert "Gerda" not in shown and "gerda@" not in shown
        assert "Leads" not in [t.value for t in at.title]


@pytest.mark.parametrize("page", ["staff-group", "staff-leads"])
def test_reloading_a_staff_page_asks_to_log_in_and_then_shows_that_page(
    content_dir: Path,
    page: str,
) -> None:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    at = goto(at, page)  # a new session straight on the subpage: a reload or a bookmark
    assert not at.exception
    assert "Inloggen" in texts(at), texts(at)
    assert "Page not found" not in texts(at) + "".join(str(t.value) for t in at.toast)
    at = log_in(at)
    title = {"staff-group": "Groep (lijst naar PDF's)", "staff-leads": "Leads"}[page]
    assert title in [t.value for t in at.title], texts(at)


def test_no_password_configured_says_how_to_open(content_dir: Path, monkeypatch) -> None:
    monkeypatch.delenv("WERKSTIJL_STAFF_PASSWORD")
    get_context.clear()
    at = open_staff()
    assert "WERKSTIJL_STAFF_PASSWORD" in texts(at)
    assert not at.text_input  # nothing to type a password into


def test_wrong_password_is_refused_and_repeated_failures_lock_out(
    content_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = log_in(open_staff(), "fout")
    assert "Dat wachtwoord klopt niet" in texts(at)
    assert "Contentstudio" not in texts(at)
    for _ in range(lockout.POLICY.max_failures - 1):
        at = log_in(at, "nog steeds fout")
    assert "Te veel mislukte pogingen" in texts(at)
    at = log_in(at, PASSWORD)  # even the right one is refused while locked
    assert "Contentstudio" not in texts(at) and "Te veel mislukte pogingen" in texts(at)
    other = open_staff()  # a new session of the same client: the lock is per client
    assert "Te veel mislukte pogingen" in texts(other)
    assert "Contentstudio" not in texts(log_in(other, PASSWORD))
    # Another client (as the server sees its address) is not locked out.
    monkeypatch.setattr(auth, "client_address", lambda settings: "198.51.100.20")
    assert "Contentstudio" in texts(log_in(open_staff(), PASSWORD))


def test_password_hash_logs_in(content_dir: Path, monkeypatch) -> None:
    monkeypatch.delenv("WERKSTIJL_STAFF_PASSWORD")
    monkeypatch.setenv("WERKSTIJL_STAFF_PASSWORD_HASH", make_password_hash(PASSWORD))
    get_context.clear()
    assert "Dat wachtwoord klopt niet" in texts(log_in(open_staff(), "fout"))
    assert "Contentstudio" in texts(log_in(open_staff(), PASSWORD))


@pytest.mark.parametrize(
    ("variable", "value", "shown"),
    [
        ("WERKSTIJL_STAFF_PASSWORD", "a", "korter dan 12 tekens"),
        (
            "WERKSTIJL_STAFF_PASSWORD_HASH",
            make_password_hash(PASSWORD, iterations=1),
            "maar 1 PBKDF2-rondes",
        ),
    ],
)
def test_a_weak_password_setting_keeps_the_pages_closed_and_says_how_to_fix_it(
    content_dir: Path, monkeypatch: pytest.MonkeyPatch, caplog, variable, value, shown
) -> None:
    monkeypatch.delenv("WERKSTIJL_STAFF_PASSWORD")
    monkeypatch.setenv(variable, value)
    get_context.clear()
    at = open_staff()
    assert shown in texts(at) and "python -m werkstijl hash-password" in texts(at)
    assert not at.text_input  # nothing to type a password into
    assert "hash-password" in caplog.text  # also reported at start-up, in the log


def test_logout_closes_the_pages_again(content_dir: Path) -> None:
    at = logged_in()
    at.button(key="staff_logout").click()
    at.run()
    assert "Inloggen" in texts(at) and "Contentstudio" not in texts(at)
    at = goto(at, "staff-leads")
    assert "Leads" not in [t.value for t in at.title]


@pytest.fixture
def media(monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """Bytes handed to st.download_button, by file id (AppTest keeps no media after a run)."""
    stored: dict[str, bytes] = {}
    original = MemoryMediaFileStorage.load_and_get_id

    def spy(self, path_or_data, mimetype, kind, filename=None):
        file_id = original(self, path_or_data, mimetype, kind, filename)
        stored[file_id] = path_or_data
        return file_id

    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", spy)
    return stored


def download(at: AppTest, key: str, media: dict[str, bytes]) -> bytes:
    url = at.download_button(key=key).proto.url
    return next(data for file_id, data in media.items() if file_id in url)


def test_leads_export_neutralises_formulas(content_dir: Path, media: dict[str, bytes]) -> None:
    store: Store = get_context().store
    names = ['=HYPERLINK("x")', "+31 6 12345678", "@SUM(A1:A2)", "Zoë"]
    for number, name in enumerate(names):
        store.save_lead_with_mail(NewLead(name, f"p{number}@example.com", "nl", "operator",
                                          True, False, "v1"), None)  # fmt: skip
    at = goto(logged_in(), "staff-leads")
    assert "Leads" in [t.value for t in at.title]
    data = download(at, "staff_leads_export", media)
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the accents right
    # As Dutch Excel opens it: columns split on ";" (Excel's list separator in nl-NL).
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    exported = {row["naam"] for row in rows}  # the staff language's headers (Dutch by default)
    assert {row["e-mail"] for row in rows} == {f"p{n}@example.com" for n in range(len(names))}
    assert exported == {'\'=HYPERLINK("x")', "'+31 6 12345678", "'@SUM(A1:A2)", "Zoë"}


def erase(at: AppTest, address: str, sure: bool) -> AppTest:
    at.text_input(key="staff_forget_address").input(address)
    if sure:
        at.checkbox(key="staff_forget_sure").check()
    next(b for b in at.button if b.label == "Verwijderen").click()
    return at.run()


def table_emails(at: AppTest) -> list[str]:
    return list(at.dataframe[0].value["e-mail"]) if at.dataframe else []


def test_forget_needs_confirmation_and_the_table_follows_at_once(content_dir: Path) -> None:
    store: Store = get_context().store
    for name in ("Piet", "Ann"):
        store.save_lead_with_mail(NewLead(name, f"{name.lower()}@example.com", "nl", "operator",
                                          True, False, "v1"), None)  # fmt: skip
    at = goto(logged_in(), "staff-leads")
    erase(at, "piet@example.com", sure=False)
    assert "Vink eerst de bevestiging aan" in texts(at)
    assert len(store.leads()) == 2
    erase(at, "piet@example.com", sure=True)
    assert "Verwijderd: 1 lead," in at.success[0].value
    assert table_emails(at) == ["ann@example.com"]  # issue 12: the table showed it still
    assert at.checkbox(key="staff_forget_sure").value is False  # the next erase asks again
    erase(at, "ann@example.com", sure=False)
    assert "Vink eerst de bevestiging aan" in texts(at) and len(store.leads()) == 1


def test_erasing_an_unknown_address_is_a_warning_not_a_success(content_dir: Path) -> None:
    at = erase(goto(logged_in(), "staff-leads"), "niemand@example.com", sure=True)
    assert not at.success
    assert "Voor `niemand@example.com` is niets opgeslagen" in at.warning[0].value


def test_leads_search_ignores_accents_and_case_and_empty_dates_are_blank(
    content_dir: Path,
) -> None:
    store: Store = get_context().store
    for name, email in (("Émile Dubois", "emile@example.com"), ("Jan", "jan@example.com")):
        store.save_lead_with_mail(NewLead(name, email, "nl", "operator", True, False, "v1"), None)
    at = goto(logged_in(), "staff-leads")
    at.text_input(key="staff_leads_search").input("emile").run()
    table = at.dataframe[0].value
    assert list(table["Naam"]) == ["Émile Dubois"]
    assert list(table["Bevestigd op"]) == [""]  # not "None"
    assert re.fullmatch(r"\d\d-\d\d-\d{4} \d\d:\d\d", table["Datum"][0])  # Dutch: day first
    assert list(table["Profiel"]) == ["Operator"]  # by name, not id
    assert "Tijden in de CSV staan in UTC" in texts(at)


def queue_failed_mail(store: Store, email: str, error: str, keep: bool) -> int:
    from werkstijl.storage import NewMail

    outbox_id = store.queue_mail(NewMail("pdf", email, "Ann", "nl", "Je PDF", "Hoi", "<p>Hoi</p>",
                                         b"%PDF-1.4", "w.pdf"))  # fmt: skip
    claim = store.claim_mail("test")
    store.mark_failed(claim, error, keep_content=keep)
    return outbox_id


def test_the_outbox_lists_each_mail_masked_and_staff_can_retry_or_cancel(
    content_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from smtp_server import running_server

    with running_server() as smtp:
        for key, value in smtp.env(WERKSTIJL_OUTBOX_IN_APP="false").items():
            monkeypatch.setenv(key, value)
        get_context.clear()
        store: Store = get_context().store
        gave_up = queue_failed_mail(store, "ann@example.com", "gave up after 6 attempts", True)
        refused = queue_failed_mail(store, "bob@example.com", "550 5.1.1 no such user", False)
        at = goto(logged_in(), "staff-leads")
        listed = at.dataframe[-1].value
        assert list(listed["Aan"]) == ["b***@e***.com", "a***@e***.com"]
        assert list(listed["Status"]) == ["Mislukt", "Mislukt"]
        assert list(listed["Pogingen"]) == [1, 1]
        assert list(listed["Laatste fout"]) == [
            "550 5.1.1 no such user",
            "gave up after 6 attempts",
        ]
        assert "ann@example.com" not in texts(at)
        at.multiselect(key="staff_outbox_pick").select(gave_up).select(refused).run()
        next(b for b in at.button if b.label == "Opnieuw proberen").click()
        at.run()
        assert "1 van 2 mails opnieuw in de wachtrij gezet" in at.warning[0].value
        assert [m["To"].addresses[0].addr_spec for m in smtp.messages] == ["ann@example.com"]
        assert store.mail_state(gave_up).status == "sent"
        at.multiselect(key="staff_outbox_pick").select(refused).run()
        next(b for b in at.button if b.label == "Annuleren (niet versturen)").click()
        at.run()
        assert "1 van 1 mail geannuleerd" in at.success[0].value
        assert store.mail_state(refused).status == "cancelled"
        assert "Geannuleerd" in list(at.dataframe[-1].value["Status"])


def test_the_outbox_says_when_mail_cannot_be_delivered_and_what_to_change(
    content_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from smtp_server import running_server

    from werkstijl.delivery.health import forget_health

    with running_server() as smtp:
        env = smtp.env(WERKSTIJL_SMTP_STARTTLS="true", WERKSTIJL_OUTBOX_IN_APP="false")
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        get_context.clear()
        get_context()
        forget_health()  # whatever the start-up check found: the page checks for itself
        at = goto(logged_in(), "staff-leads")
        assert "biedt geen STARTTLS" in at.error[0].value
        assert "WERKSTIJL_SMTP_SSL=true" in at.error[0].value
        monkeypatch.setattr(get_context().settings, "smtp_starttls", "auto")
        next(b for b in at.button if b.label == "Verbinding met de mailserver testen").click()
        at.run()
        assert not at.error and "mail kan worden bezorgd" in at.success[0].value


def seed_insights(store: Store, content, old_days: int = 60) -> str:
    """Five visits this month (two from a blog post, three from a newsletter) and one visit
    of `old_days` ago; returns the rated tip's id."""
    from sqlalchemy import text

    from werkstijl.attribution import Attribution

    questions = len(content.questions)
    profile = content.profiles[0].id
    tip = content.tips_for(profile, "email")[0].id
    scores = {p.id: 1.0 for p in content.profiles}
    blog, letter = Attribution(src="blog-a"), Attribution(utm_source="nieuwsbrief",
                                                          utm_campaign="okt")  # fmt: skip
    for n, duration in enumerate([7.6, 5.0, 9.0, 8.0, 7.0], start=1):
        session, source = f"s{n}", blog if n <= 2 else letter
        store.log_event(session, "started", source=source)
        for question in range(questions):
            store.log_event(session, "answered", question, source)
        store.save_result(session, [1] * questions, scores, profile, profile, "nl", duration)
        store.log_event(session, "completed", source=source)
        if n == 1:
            store.log_event(session, "pdf_downloaded", source=source)
        if n <= 4:
            store.save_lead_with_mail(NewLead(f"Lead {n}", f"l{n}@example.com", "nl", profile,
                                              True, False, "v1", source), None,
                                      session_id=session)  # fmt: skip
    store.rate_tip("s2", tip, 4)
    store.log_event("old", "started")
    store.log_event("old", "answered", 0)
    store.save_result("old", [1] * questions, scores, profile, profile, "nl", 300)
    store.rate_tip("old", tip, 1)
    with store.session() as s:
        for table in ("events", "results", "tip_ratings"):
            s.execute(
                text(f"UPDATE {table} SET created_at = :at WHERE session_id = 'old'"),
                {"at": utcnow() - timedelta(days=old_days)},
            )
    return tip


def frame_with(at: AppTest, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_insights_follow_the_real_flow_and_the_chosen_period(content_dir: Path) -> None:
    store: Store = get_context().store
    content = get_context().live.current()
    tip = seed_insights(store, content)
    at = goto(logged_in(), "staff-insights")
    assert not at.exception
    questions = f"{len(content.questions):g}"
    assert [m.value for m in at.metric] == ["7,6 s", questions, "5"]  # seconds below 2 minutes
    flow = frame_with(at, "% van gestart")
    assert list(flow["Sessies"]) == [5] * (len(content.questions) + 2)  # the old visit is out
    branches = frame_with(at, "% van wie een resultaat zag")
    assert branches.to_dict("list") == {
        "Stap": ["PDF gedownload", "Per mail gevraagd", "Mail bezorgd"],
        "Sessies": [1, 4, 0],
        "% van wie een resultaat zag": ["20,0", "80,0", "0,0"],  # of the 5 results, Dutch comma
    }
    assert "Mail staat uit" in texts(at)
    ratings = frame_with(at, "Aantal beoordelingen")
    assert list(ratings.iloc[0][["id", "Gemiddelde sterren (1–5)", "Aantal beoordelingen"]]) == [
        tip, "4,0", 1]  # fmt: skip
    sources = frame_with(at, "utm_campaign")
    steps = ["Gestart", "Afgerond", "PDF gedownload", "Per mail gevraagd"]
    by_source = {(r["src (label)"], r["utm_source"]): list(r[steps]) for _, r in sources.iterrows()}
    assert by_source == {("blog-a", ""): [2, 2, 1, 2], ("", "nieuwsbrief"): [3, 3, 0, 2]}
    assert list(sources["% afgerond"]) == ["100,0", "100,0"]  # completion rate per source
    # per day, flow, branches, sources, profiles, ratings (no early ends in this period)
    assert len(at.get("vega_lite_chart")) == 6

    at.select_slider(key="staff_insight_days").set_value(365).run()
    assert [m.value for m in at.metric] == ["7,8 s", questions, "6"]  # median of six durations
    assert frame_with(at, "% van gestart")["Sessies"].iloc[0] == 6
    ratings = frame_with(at, "Aantal beoordelingen")
    assert list(ratings.iloc[0][["Gemiddelde sterren (1–5)", "Aantal beoordelingen"]]) == ["2,5", 2]
    sources = frame_with(at, "utm_campaign")
    no_source = sources[(sources["src (label)"] == "") & (sources["utm_source"] == "")]
    assert list(no_source["Gestart"]) == [1]  # the old visit had no source


def test_insights_show_an_early_end_as_an_outcome(content_dir: Path) -> None:
    store: Store = get_context().store
    content = get_context().live.current()
    profile, tip = content.profiles[0], content.tips_for(content.profiles[0].id, "email")[0]
    for session, answered in (("s1", 2), ("s2", len(content.questions))):
        store.log_event(session, "started")
        for question in range(answered):
            store.log_event(session, "answered", question)
    scores = {p.id: 1.0 for p in content.profiles}
    store.save_result("s2", [1] * len(content.questions), scores, profile.id, profile.id, "nl", 90)
    store.log_event("s2", "completed")
    store.rate_tip("s2", tip.id, 4)
    store.log_event("s3", "started")
    for question in range(6):
        store.log_event("s3", "answered", question)
    store.save_result("s3", [1] * 6, scores, profile.id, profile.id, "nl")
    store.log_event("s3", "completed")
    store.log_event("s3", "ended_early", 5)
    at = goto(logged_in(), "staff-insights")
    assert not at.exception
    assert "Inzichten" in texts(at)
    median_questions = f"{(len(content.questions) + 6) / 2:g}"
    assert [m.value for m in at.metric] == ["90 s", median_questions, "2"]
    assert "Eerder klaar: het profiel stond vast" in texts(at)
    # per day, flow, early ends, branches, sources, profiles, ratings
    assert len(at.get("vega_lite_chart")) == 7
    ratings = next(d.value for d in at.dataframe if "id" in d.value.columns)
    assert ratings.iloc[0]["Tip"] == tip.title.nl and ratings.iloc[0]["id"] == tip.id


def test_bulk_page_shows_the_plan_then_makes_the_zip(
    content_dir: Path, media: dict[str, bytes]
) -> None:
    content = get_context().live.current()
    first, second = content.profiles[0], content.profiles[1]
    csv_text = (
        "naam;e-mail;profiel\n"
        f"Anna de Vries;anna@example.com;{first.id}\n"
        "Bram;bram@example.com;onbekend\n"
        f"Chantal;geen-adres;{second.name.nl}\n"
    )
    at = goto(logged_in(), "staff-group")
    at.file_uploader(key="staff_bulk_upload").upload("groep.csv", csv_text.encode(), "text/csv")
    at.run()
    assert "2 rijen worden gebruikt" in texts(at) and "1 rij wordt niet gebruikt" in texts(at)
    used, unused = (d.value for d in at.dataframe)
    assert list(used["Naam"]) == ["Anna de Vries", "Chantal"]
    assert list(unused["Naam"]) == ["Bram"] and "onbekend" in unused.iloc[0]["Reden"]
    # The reason reads whole: its column is at least as wide as its longest text needs.
    columns = json.loads(at.dataframe[1].proto.columns)
    assert columns["Reden"]["width"] >= 7 * len(unused.iloc[0]["Reden"])
    at.button(key="staff_bulk_go").click()
    at.run()
    assert "PDF's gemaakt: 2 van 3, plus het groepsrapport." in texts(at), texts(at)
    names = zipfile.ZipFile(io.BytesIO(download(at, "staff_bulk_download", media))).namelist()
    assert {"001-anna-de-vries.pdf", "003-chantal.pdf", "group-report.pdf", "errors.csv"} <= {
        Path(n).name for n in names
    }


def test_bulk_page_titles_the_group_report_and_queues_the_mails(
    content_dir: Path, media: dict[str, bytes]
) -> None:
    from pypdf import PdfReader

    profile = get_context().live.current().profiles[0]
    csv_text = f"naam,e-mail,profiel\nAnna,anna@example.com,{profile.id}\nBen,,{profile.id}\n"
    at = goto(logged_in(), "staff-group")
    at.file_uploader(key="staff_bulk_upload").upload("groep.csv", csv_text.encode(), "text/csv")
    at.run()
    at.text_input(key="staff_bulk_title").input("Training Slim Plannen")
    at.checkbox(key="staff_bulk_send").check()
    at.run()
    assert "(1 met een geldig adres)" in at.checkbox(key="staff_bulk_send").label
    at.button(key="staff_bulk_go").click()
    at.run()
    assert "1 mail is in de wachtrij gezet. Er is nog niets verstuurd" in texts(at), texts(at)
    # The mail is the trainer's, naming the page's title (not the visitor's "you asked").
    from sqlalchemy import select

    from werkstijl.storage.models import OutboxRow

    with get_context().store.session() as s:
        (body,) = s.scalars(select(OutboxRow.body_text))
    assert "Training Slim Plannen" in body and "om je PDF hebt gevraagd" not in body
    archive = zipfile.ZipFile(io.BytesIO(download(at, "staff_bulk_download", media)))
    report = next(n for n in archive.namelist() if n.endswith("group-report.pdf"))
    cover = PdfReader(io.BytesIO(archive.read(report))).pages[0].extract_text()
    assert "Training Slim Plannen" in cover
    for name in archive.namelist():  # and every participant's own PDF: cover and footer
        if name.endswith(".pdf") and name != report:
            own = PdfReader(io.BytesIO(archive.read(name))).pages
            assert "Training Slim Plannen" in own[0].extract_text()
            assert "Training Slim Plannen · " in own[-1].extract_text()
    assert get_context().store.outbox_counts().pending == 1  # mail is off: it waits


def test_the_funnel_flows_to_the_result_and_branches_as_shares_of_the_results() -> None:
    # 4 of 5 visitors asked for the PDF by mail, 1 downloaded it: no "100% drop-off" anywhere.
    funnel = Funnel(started=10, answered={0: 8, 1: 6}, completed=5, pdf_downloaded=1, form_sent=4,
                    with_result=5)  # fmt: skip
    assert [(s.label, s.sessions, s.share, s.lost) for s in flow_steps(funnel, questions=2)] == [
        ("Gestart", 10, 100.0, None),
        ("Vraag 1", 8, 80.0, 20.0),
        ("Vraag 2", 6, 60.0, 25.0),
        ("Resultaat", 5, 50.0, 16.7),
    ]
    assert [(s.label, s.sessions, s.share) for s in branch_steps(funnel)] == [
        ("PDF gedownload", 1, 20.0),
        ("Per mail gevraagd", 4, 80.0),
        ("Mail bezorgd", 0, 0.0),
    ]
    assert [s.share for s in branch_steps(Funnel(started=0))] == [0.0, 0.0, 0.0]  # no results


def test_after_the_result_the_whole_is_every_session_that_saw_one_not_the_completions() -> None:
    # 2 completed; 3 more opened their result link anew and asked for the PDF by mail.
    funnel = Funnel(started=2, answered={0: 2}, completed=2, form_sent=3, mail_sent=3,
                    with_result=5)  # fmt: skip
    assert [s.share for s in branch_steps(funnel)] == [0.0, 60.0, 60.0]  # never 150%
    assert flow_steps(funnel, questions=1)[-1].share == 100.0  # the flow: completions only


@pytest.mark.parametrize(
    ("seconds", "lang", "shown"),
    [
        (7.6, "nl", "7,6 s"),
        (7.6, "en", "7.6 s"),
        (95, "nl", "95 s"),
        (119.4, "en", "119 s"),
        (150, "nl", "2,5 min"),
        (150, "en", "2.5 min"),
    ],
)
def test_durations_below_two_minutes_are_in_seconds(seconds, lang, shown) -> None:
    assert format_duration(seconds, lang) == shown


def test_an_early_end_is_an_outcome_not_drop_off() -> None:
    from werkstijl.ui.staff.insights import early_ends

    # 10 started; 2 quit after question 1; of the 8 at question 2, 3 ended early there
    # (settled), so 5 go on to question 3, of which 1 quits; 4 + 3 reach the result.
    funnel = Funnel(started=10, answered={0: 10, 1: 8, 2: 5, 3: 4}, completed=7, ended_early={1: 3})
    assert [(s.label, s.sessions, s.lost) for s in flow_steps(funnel, questions=4)] == [
        ("Gestart", 10, None),
        ("Vraag 1", 10, 0.0),
        ("Vraag 2", 8, 20.0),
        ("Vraag 3", 5, 0.0),  # the three who ended early are not lost here
        ("Vraag 4", 4, 20.0),
        ("Resultaat", 7, 0.0),  # they are expected again at the result
    ]
    assert early_ends(funnel) == [("Klaar na vraag 2", 3)]


def test_leads_page_shows_the_outbox_and_sends_waiting_mail(
    content_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from smtp_server import running_server

    from werkstijl.storage import NewMail

    with running_server() as smtp:
        monkeypatch.setenv("WERKSTIJL_SMTP_HOST", "127.0.0.1")
        monkeypatch.setenv("WERKSTIJL_SMTP_PORT", str(smtp.port))
        monkeypatch.setenv("WERKSTIJL_SMTP_STARTTLS", "false")
        monkeypatch.setenv("WERKSTIJL_OUTBOX_IN_APP", "false")  # the button, not the worker
        get_context.clear()
        get_context().store.queue_mail(NewMail("pdf", "ann@example.com", "Ann", "nl", "Je PDF",
                                               "Hoi", "<p>Hoi</p>", b"%PDF-1.4", "w.pdf"))  # fmt: skip
        at = goto(logged_in(), "staff-leads")
        assert {m.label: m.value for m in at.metric}["Wachtend"] == "1"
        next(b for b in at.button if b.label == "Wachtende mail nu versturen").click()
        at.run()
        assert "Verstuurd: 1, later opnieuw: 0, mislukt: 0." in texts(at)
        assert len(smtp.messages) == 1
        assert {m.label: m.value for m in at.metric}["Verstuurd"] == "1"


def test_share_page_gives_a_link_and_an_embed_code_with_the_source_label(
    content_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WERKSTIJL_PUBLIC_URL", "https://quiz.example.nl")
    get_context.clear()
    at = goto(logged_in(), "staff-share")
    assert "Delen en insluiten" in [t.value for t in at.title]
    assert "Insluiten op een andere site staat nog uit" in texts(at)
    at.text_input(key="staff_share_label").input("Blog Oktober").run()
    link, code = (c.value for c in at.code)
    assert link == "https://quiz.example.nl/?src=blog-oktober"
    assert '<iframe src="https://quiz.example.nl/?embed=true&amp;src=blog-oktober"' in code
    assert "Aangepast tot een bruikbaar label: blog-oktober" in texts(at)
    assert 'target="_blank" rel="noopener">Doe de test op onze site</a></p>' in code
    assert '<a href="https://quiz.example.nl/?src=blog-oktober"' in code
    at.text_input(key="staff_share_label").input("Nieuwsbrief maart!").run()
    assert at.code[0].value == "https://quiz.example.nl/?src=nieuwsbrief-maart"
    assert "Aangepast tot een bruikbaar label: nieuwsbrief-maart" in texts(at)
    assert not at.error
    at.text_input(key="staff_share_label").input("jan@example.com").run()
    assert "kan niet worden gebruikt" in texts(at) and "src=" not in at.code[0].value

    monkeypatch.setenv("WERKSTIJL_EMBED_ORIGINS", "https://blog.example.nl blog.example.nl/x")
    get_context.clear()
    at = goto(logged_in(), "staff-share")
    assert "Insluiten is toegestaan op: https://blog.example.nl" in texts(at)
    assert "wordt genegeerd: blog.example.nl/x" in texts(at)
