"""PDF templates: the shipped ones are valid, broken ones come back as PATH:LINE:COL problems."""

from __future__ import annotations

import os
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from reportlab.lib.fonts import tt2ps

from tests.pdf_fixtures import make_content, pdf_text
from werkstijl.report import (
    TemplateError,
    check_templates,
    get_renderer,
    load_template,
    render_personal,
    template_names,
)
from werkstijl.report.context import fill
from werkstijl.report.template import DEFAULT_TEMPLATES_DIR

DEFAULT_YAML = (DEFAULT_TEMPLATES_DIR / "default" / "template.yaml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def fonts_dir(tmp_path_factory) -> Path:
    """The DejaVu fonts, copied once (templates may not point outside their templates folder)."""
    root = tmp_path_factory.mktemp("templates")
    target = root / "shared-fonts"
    target.mkdir()
    for name in (
        "DejaVuSans.ttf",
        "DejaVuSans-Bold.ttf",
        "DejaVuSans-Oblique.ttf",
        "DejaVuSans-BoldOblique.ttf",
    ):
        shutil.copy(DEFAULT_TEMPLATES_DIR / "default" / "fonts" / name, target / name)
    shutil.copy(DEFAULT_TEMPLATES_DIR / "default" / "logo.png", root / "logo.png")
    return root


def make_template(root: Path, name: str, edit=lambda text: text) -> Path:
    """A copy of the default template.yaml in root/name, using the shared fonts, edited by `edit`."""
    folder = root / name
    folder.mkdir(exist_ok=True)
    text = DEFAULT_YAML.replace("fonts/", "../shared-fonts/").replace(
        "file: logo.png", "file: ../logo.png"
    )
    text = re.sub(r"  fallback:.*\n(    - .*\n)+", "  fallback: []\n", text)
    (folder / "template.yaml").write_text(edit(text), encoding="utf-8")
    return folder


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_shipped_templates_are_valid():
    assert set(template_names(DEFAULT_TEMPLATES_DIR)) >= {"default", "training"}
    assert check_templates(DEFAULT_TEMPLATES_DIR) == []
    training = load_template("training", DEFAULT_TEMPLATES_DIR)
    assert training.spec.colours.mode == "grayscale"
    assert (
        training.spec.layout.sections
        != load_template("default", DEFAULT_TEMPLATES_DIR).spec.layout.sections
    )


def test_a_copied_template_renders(fonts_dir):
    make_template(fonts_dir, "copy")
    pdf = render_personal(
        make_content(),
        name="Ann",
        profile_id="operator",
        template="copy",
        templates_dir=fonts_dir,
        today=date(2026, 1, 2),
    )
    assert "2 januari 2026" in pdf_text(pdf)


def _problems(root: Path, name: str) -> list:
    with pytest.raises(TemplateError) as caught:
        load_template(name, root)
    return caught.value.problems


def test_unknown_key_is_reported_where_it_is(fonts_dir):
    folder = make_template(fonts_dir, "typo", lambda t: t.replace("  muted:", "  mutted:"))
    problems = _problems(fonts_dir, "typo")
    text = (folder / "template.yaml").read_text()
    assert any(
        p.path == "typo/template.yaml" and p.line == line_of(text, "mutted:") for p in problems
    )
    assert all(str(p).startswith(f"typo/template.yaml:{p.line}:{p.column}: ") for p in problems)


def test_wrong_type_is_reported_at_the_value(fonts_dir):
    folder = make_template(fonts_dir, "wrongtype", lambda t: t.replace("top: 22,", "top: wide,"))
    [problem] = _problems(fonts_dir, "wrongtype")
    text = (folder / "template.yaml").read_text()
    line = line_of(text, "top: wide")
    assert (problem.line, problem.column) == (line, text.splitlines()[line - 1].index("wide") + 1)


def test_missing_font_file_is_reported_at_its_line(fonts_dir):
    folder = make_template(
        fonts_dir, "nofont", lambda t: t.replace("DejaVuSans-Bold.ttf", "Missing-Bold.ttf")
    )
    [problem] = _problems(fonts_dir, "nofont")
    assert problem.line == line_of((folder / "template.yaml").read_text(), "Missing-Bold.ttf")
    assert "file not found" in problem.message


def test_a_fallback_family_needs_both_of_its_files(fonts_dir):
    family = (
        "fallback:\n    - {regular: ../shared-fonts/DejaVuSans.ttf,"
        " bold: ../shared-fonts/Missing-Bold.ttf}\n"
    )
    folder = make_template(fonts_dir, "family", lambda t: t.replace("fallback: []\n", family))
    [problem] = _problems(fonts_dir, "family")
    assert problem.line == line_of((folder / "template.yaml").read_text(), "Missing-Bold.ttf")
    assert "file not found" in problem.message


def test_a_fallback_family_gives_bold_text_its_bold_file(fonts_dir):
    family = (
        "fallback:\n    - {regular: ../shared-fonts/DejaVuSans-Oblique.ttf,"
        " bold: ../shared-fonts/DejaVuSans-BoldOblique.ttf}\n"
    )
    make_template(fonts_dir, "family-ok", lambda t: t.replace("fallback: []\n", family))
    [(name, _)] = get_renderer("family-ok", fonts_dir).fonts.fallbacks
    assert "DejaVuSans-BoldOblique" in tt2ps(name, 1, 0) and tt2ps(name, 0, 0) == name


def test_a_file_that_is_no_font_is_reported(fonts_dir):
    (fonts_dir / "junk.ttf").write_bytes(b"not a font at all")
    make_template(
        fonts_dir,
        "junkfont",
        lambda t: t.replace("../shared-fonts/DejaVuSans-Oblique.ttf", "../junk.ttf"),
    )
    [problem] = _problems(fonts_dir, "junkfont")
    assert "cannot be used as a TrueType font" in problem.message


def test_files_outside_the_templates_folder_are_refused(fonts_dir):
    make_template(
        fonts_dir,
        "escape",
        lambda t: t.replace("file: ../logo.png", "file: ../../../../etc/passwd"),
    )
    [problem] = _problems(fonts_dir, "escape")
    assert "outside the templates folder" in problem.message


def test_unknown_section_name_is_reported(fonts_dir):
    make_template(
        fonts_dir,
        "badsection",
        lambda t: t.replace("notes, closing]", "notes, closingline]"),
    )
    [problem] = _problems(fonts_dir, "badsection")
    text = (fonts_dir / "badsection" / "template.yaml").read_text()
    line = line_of(text, "closingline]")
    column = text.splitlines()[line - 1].index("closingline") + 1
    assert (problem.line, problem.column) == (line, column)  # at the unknown name
    assert "'sections'" in problem.message and "'closing'" in problem.message


def test_unknown_template_name_is_a_template_error(fonts_dir):
    problems = _problems(fonts_dir, "nope")
    assert "no such template" in problems[0].message


def test_check_templates_reports_every_broken_template(fonts_dir):
    root = fonts_dir / "check"
    root.mkdir()
    shutil.copytree(fonts_dir / "shared-fonts", root / "shared-fonts")
    shutil.copy(fonts_dir / "logo.png", root / "logo.png")
    make_template(root, "good")
    make_template(root, "bad1", lambda t: t.replace("  text:", "  txt:"))
    make_template(root, "bad2", lambda t: t.replace("size: A4", "size: A5"))
    problems = check_templates(root)
    assert {p.path for p in problems} == {"bad1/template.yaml", "bad2/template.yaml"}


def test_an_edited_template_is_picked_up_by_the_renderer_cache(fonts_dir):
    folder = make_template(fonts_dir, "live")
    first = get_renderer("live", fonts_dir)
    assert get_renderer("live", fonts_dir) is first
    yaml = folder / "template.yaml"
    yaml.write_text(
        yaml.read_text().replace('"Pagina {page} van {pages}"', '"Blad {page}/{pages}"')
    )
    stat = yaml.stat()
    os.utime(yaml, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    second = get_renderer("live", fonts_dir)
    assert second is not first
    pdf = second.personal(make_content(), name="Ann", profile_id="operator")
    assert "Blad 2/" in pdf_text(pdf)


def test_labels_with_unknown_or_stray_placeholders_do_not_crash():
    assert fill("Pagina {page} van {pages}", page=2, pages=7) == "Pagina 2 van 7"
    assert fill("Hallo {wie}", page=2) == "Hallo {wie}"
    assert fill("kapot {", page=2) == "kapot {"


def test_schema_and_file_problems_are_reported_together(fonts_dir):
    def edit(text: str) -> str:
        return text.replace("  muted:", "  mutted:").replace("DejaVuSans-Bold.ttf", "Missing.ttf")

    make_template(fonts_dir, "both", edit)
    messages = [p.message for p in _problems(fonts_dir, "both")]
    assert any("mutted" in m for m in messages)
    assert any("file not found" in m for m in messages)
