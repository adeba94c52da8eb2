"""The content studio in the real app (AppTest over quiz_app.py): drafts, preview, publish,
versions, one message per mistake with a way to the line, and files that cannot be read."""

from __future__ import annotations

import re
import time
from pathlib import Path

import test_app_staff as staff
from streamlit.testing.v1 import AppTest
from test_app_staff import STAFF_NAME, log_in, logged_in, open_staff
from test_yamlsrc import alias_bomb

from werkstijl.ui.context import get_context

content_dir = staff.content_dir  # the staff pages' fixture: real content, a password, a database

PROFILE = "profiles/visionair.yaml"
TIPS = "tips/email.yaml"


# "1 probleem", "2 problemen": a count of problems (the files' own comments say "elk probleem")
PROBLEM_COUNT = re.compile(r"\d+ problem")


def texts(at: AppTest) -> str:
    """What the page says, with markdown's backslash escapes taken out."""
    return re.sub(r"\\(.)", r"\1", staff.texts(at))


def save_button(at: AppTest, form_prefix: str):
    return next(
        b
        for b in at.button
        if b.label == "Opslaan in concept" and b.form_id.startswith(form_prefix)
    )


def edit_file(at: AppTest, path: str, text: str) -> AppTest:
    at.selectbox(key="staff_file_choice").set_value(path).run()
    next(a for a in at.text_area if a.label.endswith(path)).input(text)
    save_button(at, "form:file").click()
    return at.run()


def tagline_of(content, profile_id: str = "visionair") -> str:
    return content.profile(profile_id).tagline.nl


def test_login_asks_for_the_staff_members_name(content_dir: Path) -> None:
    at = log_in(open_staff(), name="  ")
    assert "Vul je naam in" in texts(at) and "Contentstudio" not in texts(at)
    at = log_in(at)
    assert "Contentstudio" in texts(at)


def test_a_profile_edit_is_a_draft_previewed_then_published(content_dir: Path) -> None:
    live = get_context().live
    at = logged_in()
    before = tagline_of(live.current())
    at.selectbox(key="staff_profile_choice").set_value(PROFILE).run()
    tagline = next(w for w in at.text_input if w.label == "NL" and w.value == before)
    tagline.input("Jij ziet wat er nog niet is.")
    save_button(at, "form:profile").click()
    at.run()
    shown = texts(at)
    assert "Opgeslagen in het concept" in shown
    assert f"{PROFILE}, bewerkt door {STAFF_NAME}" in shown
    assert tagline_of(live.current()) == before  # visitors do not get the draft
    assert "Het voorbeeld toont het concept" in shown
    assert "Jij ziet wat er nog niet is." in shown  # the result page text in the preview
    at.button(key="staff_publish").click()
    at.run()
    assert "Gepubliceerd als versie 2" in texts(at)
    assert tagline_of(live.current()) == "Jij ziet wat er nog niet is."
    assert "Jij ziet wat er nog niet is." in (content_dir / PROFILE).read_text()
    assert f"door {STAFF_NAME} (contentstudio)" in texts(at)


def test_the_preview_shows_content_text_as_visitors_get_it(content_dir: Path) -> None:
    from werkstijl.content.loader import load_texts, read_texts
    from werkstijl.ui.markup import text_html

    at = logged_in()
    original = (content_dir / PROFILE).read_text()
    marked = 'Als <b>Visionair</b> **md** <a href="https://example.org">link</a> <img src="x">'
    edited = original.replace("Als Visionair", marked, 1)
    at = edit_file(at, PROFILE, edited)
    draft = load_texts({**read_texts(content_dir)[0], PROFILE: edited}).content
    description = draft.profile("visionair").description.nl
    shown = staff.texts(at)  # the markdown as sent to the browser
    assert text_html(description) in shown  # the visitor page's HTML, in the preview
    assert '<b>Visionair</b> **md** <a href="https://example.org"' in shown


def test_versions_show_local_time_author_and_a_diff_before_restoring(content_dir: Path) -> None:
    store = get_context().store
    at = logged_in()
    original = (content_dir / PROFILE).read_text()
    at = edit_file(at, PROFILE, original.replace("grote plaatje", "hele plaatje"))
    at.button(key="staff_publish").click()
    at.run()
    versions = store.content_versions()
    assert [v.author for v in versions] == [STAFF_NAME, None]
    first = versions[-1]
    local = first.created_at.replace(tzinfo=__import__("datetime").UTC).astimezone(
        __import__("zoneinfo").ZoneInfo("Europe/Amsterdam")
    )
    label = at.selectbox(key="staff_history_version")
    assert label.format_func(versions[0].id).startswith(f"versie {versions[0].id} · ")
    assert STAFF_NAME in label.format_func(versions[0].id)
    assert local.strftime("%d-%m-%Y %H:%M") in label.format_func(first.id)
    label.set_value(first.id).run()
    at.selectbox(key="staff_history_file").set_value(PROFILE).run()
    diff = next(c.value for c in at.code if c.language == "diff")
    assert diff.startswith(f"--- huidig\n+++ versie {first.id}\n")  # the staff's language
    assert (
        "-  nl: Jij ziet het hele plaatje" in diff and "+  nl: Jij ziet het grote plaatje" in diff
    )
    at.button(key="staff_history_restore").click()
    at.run()
    assert "Staat in het concept" in texts(at)
    assert (content_dir / PROFILE).read_text() != original  # not live before publishing
    at.button(key="staff_publish").click()
    at.run()
    assert (content_dir / PROFILE).read_text() == original


def test_one_mistake_gives_one_message_with_a_way_to_its_line(content_dir: Path) -> None:
    at = logged_in()
    original = (content_dir / PROFILE).read_text()
    broken = original.replace(
        "  nl: Jij ziet het grote plaatje en", "  nl: Jij ziet: het grote plaatje en"
    )
    line = (
        broken.splitlines().index(
            "  nl: Jij ziet: het grote plaatje en krijgt energie van wat er nog niet is."
        )
        + 1
    )
    at = edit_file(at, PROFILE, broken)
    shown = texts(at)
    assert "Het concept heeft 1 probleem;" in shown
    assert f"{PROFILE}: 1 probleem" in shown
    assert f"regel {line}, kolom" in shown and "controles die van dit bestand afhangen" in shown
    assert "bestaat niet" not in shown  # no echo per option that names the profile
    goto = next(b for b in at.button if b.label == f"Ga naar regel {line}")
    goto.click()
    at.run()
    numbered = next(c.value for c in at.code if "▶" in c.value)
    assert f"{line} ▶   nl: Jij ziet: het grote plaatje" in numbered
    lines = next(a for a in at.text_area if a.label == "Deze regels bewerken")
    lines.input(
        lines.value.replace("  nl: Jij ziet: het grote", '  nl: "Jij ziet: het grote').replace(
            "er nog niet is.", 'er nog niet is."', 1
        )
    )
    save_button(at, "staff_lines:").click()
    at.run()
    shown = texts(at)
    assert not PROBLEM_COUNT.search(shown) and "Concept: de content is in orde" in shown


def test_the_header_follows_a_fix_of_content_that_was_never_valid(content_dir: Path) -> None:
    original = (content_dir / PROFILE).read_text()
    broken = original.replace("id: visionair", "id: visionair\n\tbroken: yes", 1)
    (content_dir / PROFILE).write_text(broken)
    at = logged_in()  # the staff pages open although nothing valid was ever published
    shown = texts(at)
    assert "nog nooit geldige content gepubliceerd" in shown
    assert "1 probleem" in shown
    at = edit_file(at, PROFILE, original)
    at.button(key="staff_publish").click()
    at.run()
    shown = texts(at)
    assert "nog nooit" not in shown and not PROBLEM_COUNT.search(shown)
    assert "Bezoekers krijgen versie 1" in shown
    assert re.search(r"gepubliceerd op \d\d-\d\d-\d{4} \d\d:\d\d \(Nederlandse tijd\)", shown)
    assert get_context().live.current() is not None


def test_files_served_while_the_database_cannot_take_them_are_named_so(
    content_dir: Path, monkeypatch
) -> None:
    from werkstijl.storage import Store

    def down(*_args, **_kwargs):
        raise RuntimeError("database is down")

    monkeypatch.setattr(Store, "insert_content_version", down)
    at = logged_in()
    shown = texts(at)
    assert "bezoekers krijgen de bestanden in de contentmap" in shown
    assert "nog nooit" not in shown
    assert get_context().live.current() is not None  # the visitors' quiz runs on the files


def test_a_tip_file_with_a_control_character_can_be_fixed_in_the_studio(content_dir) -> None:
    assert get_context().live.current() is not None  # published at the first start
    good = (content_dir / TIPS).read_text()
    bad = good.replace("\n", "\x01\n", 3)  # a paste from another program, say
    (content_dir / TIPS).write_text(bad)
    at = logged_in()
    assert not at.exception
    shown = texts(at)
    assert "zijn niet gepubliceerd" in shown and "onzichtbaar stuurteken (U+0001)" in shown
    at.button(key=f"staff_take_over:{TIPS}").click()
    at.run()
    at.selectbox(key="staff_file_choice").set_value(TIPS).run()
    area = next(a for a in at.text_area if a.label.endswith(TIPS))
    assert area.value == bad  # the raw file, so it can be fixed here
    at = edit_file(at, TIPS, bad.replace("\x01", ""))
    at.button(key="staff_publish").click()
    at.run()
    assert not at.exception and "geen nieuwe versie nodig" in texts(at)
    assert (content_dir / TIPS).read_text() == good  # the file on disk is fixed too
    at.run()
    assert "zijn niet gepubliceerd" not in texts(at)


def test_an_alias_bomb_saved_in_the_studio_is_refused_at_once(content_dir: Path) -> None:
    at = logged_in()
    started = time.monotonic()
    at = edit_file(at, TIPS, alias_bomb())
    assert time.monotonic() - started < 25  # AppTest's own timeout is 30 s
    assert not at.exception
    assert "expand to more than" in texts(at) or "groeit dit bestand uit" in texts(at)


def test_a_save_by_someone_else_is_not_overwritten(content_dir: Path) -> None:
    from werkstijl.content.editing import Workspace

    store = get_context().store
    at = logged_in()
    at.selectbox(key="staff_file_choice").set_value(TIPS).run()
    work = Workspace(store, content_dir)
    theirs = work.text(TIPS) + "# opmerking van een collega\n"
    assert work.save(TIPS, theirs, author="Bert").saved  # meanwhile, in another session
    area = next(a for a in at.text_area if a.label.endswith(TIPS))
    area.input(area.value + "# mijn opmerking\n")
    save_button(at, "form:file").click()
    at.run()
    assert "iemand anders heeft dit bestand intussen opgeslagen" in texts(at)
    assert Workspace(store, content_dir).text(TIPS) == theirs
    at.button(key="staff_reload_newest").click()
    at.run()
    area = next(a for a in at.text_area if a.label.endswith(TIPS))
    assert area.value == theirs


def test_publish_shows_a_drafted_file_changed_on_disk_and_keeps_that_version(
    content_dir: Path,
) -> None:
    at = logged_in()
    original = (content_dir / TIPS).read_text()
    draft = original.replace("Stay out of", "Keep out of", 1)
    at = edit_file(at, TIPS, draft)
    git_edit = original + "\tkapot: [\n"  # a broken git edit after the draft was started
    (content_dir / TIPS).write_text(git_edit)
    at.run()
    shown = texts(at)
    assert f"Op schijf gewijzigd sinds je concept begon (bijvoorbeeld door git): {TIPS}" in shown
    assert at.button(key="staff_publish").label == "Toch publiceren (versie op schijf bewaren)"
    assert (content_dir / TIPS).read_text() == git_edit  # nothing overwritten before the click
    at.button(key="staff_publish").click()
    at.run()
    assert "Gepubliceerd als versie 2" in texts(at)
    assert (content_dir / TIPS).read_text() == draft
    [kept] = (content_dir / ".history" / TIPS).iterdir()
    assert kept.read_text() == git_edit


def test_discard_shows_what_is_lost_and_asks_once_more(content_dir: Path) -> None:
    at = logged_in()
    original = (content_dir / TIPS).read_text()
    at = edit_file(at, TIPS, original.replace("Stay out of", "Keep out of", 1) + "# nieuw\n")
    summary = f"{TIPS}: regels erbij 2, eraf 1"
    assert summary in texts(at)  # shown beside Publish too
    at.button(key="staff_discard").click()
    at.run()
    assert "Weet je het zeker? Deze wijzigingen gaan verloren:" in texts(at)
    assert summary in texts(at) and TIPS in get_context().store.drafts()  # nothing lost yet
    at.button(key="staff_discard_no").click()
    at.run()
    assert TIPS in get_context().store.drafts()
    at.button(key="staff_discard").click()
    at.run()
    at.button(key="staff_discard_yes").click()
    at.run()
    assert get_context().store.drafts() == {} and "Concept weggegooid." in texts(at)


def test_the_whole_file_editor_shows_the_numbered_text_beside_it(content_dir: Path) -> None:
    at = logged_in()
    at.selectbox(key="staff_file_choice").set_value(TIPS).run()
    assert "Met regelnummers (alleen lezen)" in texts(at)
    numbered = [c for c in at.code if c.language == "yaml" and c.proto.show_line_numbers]
    assert [c.value.rstrip() for c in numbered] == [(content_dir / TIPS).read_text().rstrip()]
    assert not any(e.label == "Met regelnummers (alleen lezen)" for e in at.expander)


def test_the_preview_draws_the_visitors_result_page_for_a_strong_side(content_dir: Path) -> None:
    from werkstijl.content.rhythm import format_date
    from werkstijl.plan import plan_today, week_start

    content = get_context().live.current()
    processor = content.profile("processor")
    at = logged_in()
    looks = at.selectbox(key="staff_preview_profile")
    assert looks.format_func(("processor", "operator")) == "Processor met een sterke Operator-kant"
    looks.set_value(("processor", "operator")).run()
    shown = texts(at)
    monday = format_date(week_start(plan_today(), 1), "nl")
    assert f"Jouw eerste stap, vanaf {monday}" in shown
    assert f"Week 2 · vanaf {format_date(week_start(plan_today(), 2), 'nl')}" in shown
    side_step = content.tip(processor.start_plan.close["operator"]).title.nl
    own_step = content.tip(processor.start_plan.first_step).title.nl
    assert first_step_title(at) == side_step and "Gekozen voor je sterke Operator-kant." in shown
    assert side_step in pdf_text(at.session_state["staff_preview"][1])  # the PDF preview too
    at.selectbox(key="staff_preview_profile").set_value(("processor", None)).run()
    assert first_step_title(at) == own_step and "Gekozen voor je sterke" not in texts(at)
    stars = at.get("feedback")
    assert stars and all(s.proto.disabled for s in stars)  # drawn, but they store nothing


def first_step_title(at: AppTest) -> str:
    """The tip title drawn right under the first-step heading."""
    blocks = [m.value for m in at.markdown]
    heading = next(i for i, v in enumerate(blocks) if "Jouw eerste stap" in v)
    return re.sub(r"<[^>]+>", "", blocks[heading + 1])


def pdf_text(pdf: bytes) -> str:
    from io import BytesIO

    from pypdf import PdfReader

    return " ".join(
        " ".join((p.extract_text() or "").split()) for p in PdfReader(BytesIO(pdf)).pages
    )


def test_a_broken_draft_is_named_and_the_other_drafted_files_are_previewed(
    content_dir: Path,
) -> None:
    operator = "profiles/operator.yaml"
    at = logged_in()
    broken = (
        (content_dir / PROFILE).read_text().replace("  nl: Jij ziet het", "  nl: Jij ziet: het")
    )
    at = edit_file(at, PROFILE, broken)
    shown = texts(at)
    assert (
        f"Het concept heeft problemen in {PROFILE}; het voorbeeld toont de gepubliceerde" in shown
    )
    before = tagline_of(get_context().live.current(), "operator")
    at = edit_file(at, operator, (content_dir / operator).read_text().replace(before, "Nieuw!"))
    at.selectbox(key="staff_preview_profile").set_value(("operator", None)).run()
    shown = texts(at)
    assert f"Het concept heeft problemen in {PROFILE}; het voorbeeld toont je andere" in shown
    assert "Nieuw!" in shown and before not in shown  # the valid drafted file, drawn
