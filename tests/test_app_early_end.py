"""The early end in the visitor's quiz (AppTest, on a copy of the shipped content): a consistent
visitor gets the result before the last question, with the same profile and PDF as all answers
would give; the setting in texts/site.yaml turns it off or moves its minimum."""

from __future__ import annotations

import io
import shutil
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from smtp_server import running_server
from streamlit.testing.v1 import AppTest

from werkstijl.content import Content, load_content
from werkstijl.scoring import ends_after, score
from werkstijl.storage import Store, utcnow
from werkstijl.storage.models import ResultRow
from werkstijl.ui.context import get_context
from werkstijl.ui.quiz import MEDIAN_MIN_RESULTS, measured_median
from werkstijl.ui.strings import t

REPO = Path(__file__).resolve().parents[1]
APP = str(REPO / "quiz_app.py")


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    for sub in ("profiles", "questions", "tips", "texts"):
        shutil.copytree(REPO / sub, root / sub)
    return root


@pytest.fixture
def env(tmp_path: Path, content_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "t.db"
    monkeypatch.setenv("WERKSTIJL_DATABASE_URL", f"sqlite:///{db}")
    monkeypatch.setenv("WERKSTIJL_CONTENT_DIR", str(content_dir))
    for name in ("WERKSTIJL_SMTP_HOST", "WERKSTIJL_LEAD_GATE", "WERKSTIJL_STAFF_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    get_context.clear()
    measured_median.clear()
    yield db
    get_context.clear()


def set_quiz(content_dir: Path, block: str) -> Content:
    site = content_dir / "texts" / "site.yaml"
    text = site.read_text()
    site.write_text(text[: text.index("\nquiz:")] + "\nquiz:\n" + block)
    loaded = load_content(content_dir)
    assert loaded.valid, loaded.errors
    return loaded.content


def consistent(content: Content, profile_id: str) -> list[int]:
    """Per question the option giving `profile_id` the most points (from the content's weights)."""
    return [
        1 + max(range(len(q.options)), key=lambda i: q.options[i].scores.get(profile_id, 0))
        for q in content.questions
    ]


def new_app(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    return at


def click(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click().run()
    assert not at.exception
    return at


def rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def on_question(at: AppTest) -> int | None:
    """The 1-based number of the question on screen, None when none is."""
    keys = [b.key for b in at.button if b.key and b.key.startswith("ws-opt-")]
    return int(keys[0].split("-")[2]) + 1 if keys else None


def take(at: AppTest, answers: list[int]) -> int:
    """Click answers as long as questions come; returns how many were asked."""
    click(at, "ws-start")
    asked = 0
    while (number := on_question(at)) is not None:
        click(at, f"ws-opt-{number - 1}-{answers[number - 1]}")
        asked += 1
    return asked


def captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


def test_a_consistent_visitor_gets_the_full_result_before_the_last_question(
    env: Path, content_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with running_server() as smtp:  # the mail form shows only with mail on
        for key, value in smtp.env().items():
            monkeypatch.setenv(key, value)
        get_context.clear()
        _early_end_walk(env, content_dir)


def _early_end_walk(env: Path, content_dir: Path) -> None:
    content = load_content(content_dir).content
    n = len(content.questions)
    answers = consistent(content, "operator")
    k = ends_after(content, answers)
    assert k < n
    full = score(content, answers)

    at = new_app()
    assert take(at, answers) == k
    shown = "\n".join(m.value for m in at.markdown)
    assert f">{content.profile(full.profile).name.nl}<" in shown
    assert t("ended_early", "nl", answered=k, n=n) in captions(at)
    assert at.query_params["a"] == "".join(map(str, answers[:k]))
    assert rows(env, "SELECT answers, answered, profile FROM results") == [
        (",".join(map(str, answers[:k])), k, full.profile)
    ]
    events = rows(env, "SELECT kind, question FROM events ORDER BY id")
    assert events[-2:] == [("completed", None), ("ended_early", k - 1)]
    assert ("answered", k) not in events  # question k+1 was never asked

    # The PDF (here the one the mail form queues) is the full answers' profile, with the
    # shares of the answers given.
    at.text_input(key="ws_name").input("Noor")
    at.text_input(key="ws_email").input("noor@example.com")
    click(at, "ws-send")
    pdf = rows(env, "SELECT attachment FROM outbox")[0][0]
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Noor" in text and content.profile(full.profile).name.nl in text
    early = score(content, answers[:k])
    assert all(f"{pct}%" in text for pct in early.percentages.values())


def test_the_result_link_of_an_early_end_shows_the_result_again(env: Path, content_dir) -> None:
    content = load_content(content_dir).content
    answers = consistent(content, "visionair")
    k = ends_after(content, answers)
    at = new_app(a="".join(map(str, answers[:k])), lang="en")
    assert on_question(at) is None
    assert t("ended_early", "en", answered=k, n=len(content.questions)) in captions(at)
    assert f"?a={''.join(map(str, answers[:k]))}" in at.code[0].value
    assert rows(env, "SELECT count(*) FROM results") == [(0,)]  # a link stores nothing again
    # One answer fewer is not settled: the visitor resumes at the next question.
    at = new_app(a="".join(map(str, answers[: k - 1])))
    assert on_question(at) == k


def test_with_the_setting_off_every_question_is_asked(env: Path, content_dir: Path) -> None:
    content = set_quiz(content_dir, "  early_end: false\n")
    answers = consistent(content, "processor")
    assert ends_after(load_content(REPO).content, answers) < len(answers)  # it would end early
    at = new_app()
    assert t("intro_facts", "nl", n=len(answers)) in "\n".join(m.value for m in at.markdown)
    assert take(at, answers) == len(answers)
    assert not [c for c in captions(at) if "al duidelijk" in c]
    assert rows(env, "SELECT answered FROM results") == [(len(answers),)]
    assert rows(env, "SELECT count(*) FROM events WHERE kind = 'ended_early'") == [(0,)]
    # A settled prefix from a link made while the early end was on: the rest is asked.
    k = ends_after(load_content(REPO).content, answers)
    assert on_question(new_app(a="".join(map(str, answers[:k])))) == k + 1


def test_the_minimum_holds_the_early_end_back(env: Path, content_dir: Path) -> None:
    shipped = load_content(content_dir).content
    answers = consistent(shipped, "operator")
    k = ends_after(shipped, answers)
    content = set_quiz(content_dir, f"  min_questions: {k + 2}\n")
    assert ends_after(content, answers) == k + 2
    assert take(new_app(), answers) == k + 2


def test_the_intro_names_the_median_only_once_it_is_measured(env: Path, content_dir) -> None:
    n = len(load_content(content_dir).content.questions)
    store = Store(f"sqlite:///{env}")

    def save(count: int, answered: int, days_ago: int = 0) -> None:
        for _ in range(count):
            row = store.save_result("s", [1] * answered, {"operator": 1}, "operator", "x", "nl")
            with store.session() as s:
                s.get_one(ResultRow, row).created_at = utcnow() - timedelta(days=days_ago)

    def facts() -> str:
        measured_median.clear()
        return "\n".join(m.value for m in new_app(lang="en").markdown)

    assert t("intro_facts_up_to", "en", n=n) in facts()  # nothing measured: only the maximum
    save(2 * MEDIAN_MIN_RESULTS, n, days_ago=200)  # older than the window: never counted
    save(10, 7)
    save(10, 8)
    save(MEDIAN_MIN_RESULTS - 21, 9)
    assert t("intro_facts_up_to", "en", n=n) in facts()  # one result short of a figure
    save(1, 9)
    assert t("intro_facts_median", "en", n=n, median=8) in facts()
