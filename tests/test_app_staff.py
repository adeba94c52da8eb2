"""The staff pages in the real app (AppTest over quiz_app.py): access, editing, leads export."""

from __future__ import annotations

import csv
import io
import shutil
import zipfile
from pathlib import Path

import pytest
from minicontent import write_mini_content
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from werkstijl.content import editing, load_content
from werkstijl.passwords import make_password_hash
from werkstijl.settings import REPO_ROOT
from werkstijl.storage import Funnel, NewLead, Store
from werkstijl.ui.context import get_context
from werkstijl.ui.staff import auth
from werkstijl.ui.staff.insights import drop_off, funnel_steps

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
    monkeypatch.delenv("WERKSTIJL_STAFF_PASSWORD_HASH", raising=False)
    monkeypatch.delenv("WERKSTIJL_SMTP_HOST", raising=False)
    get_context.clear()
    auth.PROCESS_LOCKOUT.reset()
    yield root
    get_context.clear()
    auth.PROCESS_LOCKOUT.reset()


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


def log_in(at: AppTest, password: str = PASSWORD) -> AppTest:
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
    for page in ("staff-leads", "staff-insights", "staff-group"):
        at = goto(at, page)
        shown = texts(at) + "".join(str(d.value) for d in at.dataframe)
        assert "Gerda" not in shown and "gerda@" not in shown
        assert "Leads" not in [t.value for t in at.title]


def test_no_password_configured_says_how_to_open(content_dir: Path, monkeypatch) -> None:
    monkeypatch.delenv("WERKSTIJL_STAFF_PASSWORD")
    get_context.clear()
    at = open_staff()
    assert "WERKSTIJL_STAFF_PASSWORD" in texts(at)
    assert not at.text_input  # nothing to type a password into


def test_wrong_password_is_refused_and_repeated_failures_lock_out(content_dir: Path) -> None:
    at = log_in(open_staff(), "fout")
    assert "Dat wachtwoord klopt niet" in texts(at)
    assert "Contentstudio" not in texts(at)
    for _ in range(auth.MAX_FAILURES - 1):
        at = log_in(at, "nog steeds fout")
    assert "Te veel mislukte pogingen" in texts(at)
    at = log_in(at, PASSWORD)  # even the right one is refused while locked
    assert "Contentstudio" not in texts(at) and "Te veel mislukte pogingen" in texts(at)
    other = log_in(open_staff(), PASSWORD)  # the lock is per server process, not per session
    assert "Contentstudio" not in texts(other)
    auth.PROCESS_LOCKOUT.reset()
    assert "Contentstudio" in texts(log_in(open_staff(), PASSWORD))


def test_password_hash_logs_in(content_dir: Path, monkeypatch) -> None:
    monkeypatch.delenv("WERKSTIJL_STAFF_PASSWORD")
    monkeypatch.setenv(
        "WERKSTIJL_STAFF_PASSWORD_HASH", make_password_hash(PASSWORD, iterations=1000)
    )
    get_context.clear()
    assert "Dat wachtwoord klopt niet" in texts(log_in(open_staff(), "fout"))
    assert "Contentstudio" in texts(log_in(open_staff(), PASSWORD))


def test_logout_closes_the_pages_again(content_dir: Path) -> None:
    at = logged_in()
    at.button(key="staff_logout").click()
    at.run()
    assert "Inloggen" in texts(at) and "Contentstudio" not in texts(at)
    at = goto(at, "staff-leads")
    assert "Leads" not in [t.value for t in at.title]


def first_tip(root: Path) -> tuple[str, str]:
    relpath, tips = next(iter(editing.tips_by_file(root).items()))
    return relpath, tips[0].id


def edit_tip_title(at: AppTest, root: Path, title: str) -> AppTest:
    relpath, tip_id = first_tip(root)
    at.selectbox(key="staff_tip_choice").set_value(f"{relpath}::{tip_id}").run()
    field = next(w for w in at.text_input if w.label == "Titel (NL)")
    field.input(title)
    save = next(b for b in at.button if b.label == "Opslaan")  # the tip form is the first tab
    save.click()
    return at.run()


def test_invalid_tip_edit_is_refused_and_the_file_untouched(content_dir: Path) -> None:
    relpath, tip_id = first_tip(content_dir)
    before = (content_dir / relpath).read_bytes()
    at = edit_tip_title(logged_in(), content_dir, "   ")
    shown = texts(at)
    assert "Niet opgeslagen" in shown
    assert f"de Nederlandse tekst van 'title' bij tip '{tip_id}' is leeg" in shown
    assert "regel " in shown  # the problem comes with its line number
    assert (content_dir / relpath).read_bytes() == before
    assert editing.history(content_dir, relpath) == []


def test_valid_tip_edit_is_saved_restorable_and_reaches_the_quiz(content_dir: Path) -> None:
    relpath, tip_id = first_tip(content_dir)
    before = (content_dir / relpath).read_text()
    at = edit_tip_title(logged_in(), content_dir, "Eerst de inbox, dan de koffie")
    assert "Opgeslagen" in texts(at), texts(at)
    assert "Eerst de inbox, dan de koffie" in (content_dir / relpath).read_text()
    assert get_context().live.current().tip(tip_id).title.nl == "Eerst de inbox, dan de koffie"
    [version] = editing.history(content_dir, relpath)
    assert version.path.read_text() == before

    at.selectbox(key="staff_history_file").set_value(relpath).run()
    at.button(key="staff_history_restore").click()
    at.run()
    assert "Teruggezet" in texts(at)
    assert (content_dir / relpath).read_text() == before
    assert get_context().live.current().tip(tip_id).title.nl != "Eerst de inbox, dan de koffie"


def test_invalid_yaml_file_edit_shows_the_line(content_dir: Path) -> None:
    relpath, _ = first_tip(content_dir)
    before = (content_dir / relpath).read_text()
    at = logged_in()
    at.selectbox(key="staff_file_choice").set_value(relpath).run()
    area = next(a for a in at.text_area if a.label.endswith(relpath))
    area.input(before.replace("tips:", "tips:\n\tbroken: [", 1))
    next(b for b in at.button if b.label == "Opslaan" and b.form_id.startswith("form:file")).click()
    at.run()
    broken_line = before.splitlines().index("tips:") + 2
    assert "YAML-syntaxis: hier staat een tab" in texts(at) and f"regel {broken_line}," in texts(at)
    assert (content_dir / relpath).read_text() == before


def test_studio_shows_the_check_and_a_stale_warning(content_dir: Path) -> None:
    at = logged_in()
    assert "de content is in orde" in texts(at)
    assert at.get("image") and at.download_button(key="staff_preview_download")  # the preview
    relpath, _ = first_tip(content_dir)
    (content_dir / relpath).write_text("category: email\ntips: oops\n")  # broken outside the app
    at.run()
    assert f"{relpath}:2:7:" in texts(at)  # PATH:LINE:COL like `python -m werkstijl check`
    assert "vorige geldige versie" in texts(at)


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
    exported = {row["name"] for row in rows}
    assert {row["email"] for row in rows} == {f"p{n}@example.com" for n in range(len(names))}
    assert exported == {'\'=HYPERLINK("x")', "'+31 6 12345678", "'@SUM(A1:A2)", "Zoë"}


def test_forget_needs_confirmation(content_dir: Path) -> None:
    store: Store = get_context().store
    store.save_lead_with_mail(NewLead("Piet", "piet@example.com", "nl", "operator", True, False,
                                      "v1"), None)  # fmt: skip
    at = goto(logged_in(), "staff-leads")
    at.text_input(key="staff_forget_address").input("piet@example.com")
    next(b for b in at.button if b.label == "Verwijderen").click()
    at.run()
    assert "Vink eerst de bevestiging aan" in texts(at)
    assert len(store.leads()) == 1
    at.checkbox(key="staff_forget_sure").check()
    next(b for b in at.button if b.label == "Verwijderen").click()
    at.run()
    assert "Verwijderd: 1 lead(s)" in texts(at)
    assert store.leads() == []


def test_insights_show_charts_of_the_quiz_data(content_dir: Path) -> None:
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
    assert [m.value for m in at.metric] == ["1.5 min", median_questions, "2"]
    assert "Eerder klaar: het profiel stond vast" in texts(at)
    charts = at.get("vega_lite_chart")
    assert len(charts) >= 6  # per day, funnel, drop-off, early ends, profiles, ratings
    ratings = next(d.value for d in at.dataframe if "id" in d.value.columns)
    assert ratings.iloc[0]["tip"] == tip.title.nl and ratings.iloc[0]["id"] == tip.id


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
    assert "2 rij(en) worden gebruikt" in texts(at) and "1 rij(en) worden niet gebruikt" in texts(
        at
    )
    used, unused = (d.value for d in at.dataframe)
    assert list(used["Naam"]) == ["Anna de Vries", "Chantal"]
    assert list(unused["Naam"]) == ["Bram"] and "onbekend" in unused.iloc[0]["Reden"]
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
    assert "1 mail(s) staan klaar" in texts(at), texts(at)
    archive = zipfile.ZipFile(io.BytesIO(download(at, "staff_bulk_download", media)))
    report = next(n for n in archive.namelist() if n.endswith("group-report.pdf"))
    cover = PdfReader(io.BytesIO(archive.read(report))).pages[0].extract_text()
    assert "Training Slim Plannen" in cover
    assert get_context().store.outbox_counts().pending == 1  # mail is off: it waits


def test_funnel_drop_off_is_counted_per_step() -> None:
    funnel = Funnel(started=10, answered={0: 8, 1: 4}, completed=4, pdf_downloaded=2)
    assert drop_off(funnel_steps(funnel, questions=2)) == [
        ("Gestart", 10, 0.0),
        ("Vraag 1", 8, 20.0),
        ("Vraag 2", 4, 50.0),
        ("Resultaat", 4, 0.0),
        ("PDF gedownload", 2, 50.0),
        ("Formulier verstuurd", 0, 100.0),
        ("Mail verstuurd", 0, 0.0),
    ]


def test_an_early_end_is_an_outcome_not_drop_off() -> None:
    from werkstijl.ui.staff.insights import early_ends, funnel_rows

    # 10 started; 2 quit after question 1; of the 8 at question 2, 3 ended early there
    # (settled), so 5 go on to question 3, of which 1 quits; 4 + 3 reach the result.
    funnel = Funnel(started=10, answered={0: 10, 1: 8, 2: 5, 3: 4}, completed=7, ended_early={1: 3})
    assert funnel_rows(funnel, questions=4)[:6] == [
        ("Gestart", 10, 0.0),
        ("Vraag 1", 10, 0.0),
        ("Vraag 2", 8, 20.0),
        ("Vraag 3", 5, 0.0),  # the three who ended early are not lost here
        ("Vraag 4", 4, 20.0),
        ("Resultaat", 7, 0.0),  # they are expected again at the result
    ]
    assert early_ends(funnel) == [("Klaar na vraag 2", 3)]


def test_a_save_by_someone_else_is_not_overwritten(content_dir: Path) -> None:
    relpath, _ = first_tip(content_dir)
    at = logged_in()
    at.selectbox(key="staff_file_choice").set_value(relpath).run()
    theirs = (content_dir / relpath).read_text() + "# opmerking van een collega\n"
    assert editing.save_text(content_dir, relpath, theirs).saved  # meanwhile, in another session
    area = next(a for a in at.text_area if a.label.endswith(relpath))
    area.input(area.value + "# mijn opmerking\n")
    next(b for b in at.button if b.label == "Opslaan" and b.form_id.startswith("form:file")).click()
    at.run()
    assert "iemand anders heeft dit bestand intussen opgeslagen" in texts(at)
    assert (content_dir / relpath).read_text() == theirs
    at.button(key="staff_reload_newest").click()
    at.run()
    area = next(a for a in at.text_area if a.label.endswith(relpath))
    assert area.value == theirs


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
