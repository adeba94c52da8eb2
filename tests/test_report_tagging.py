"""Tagged PDFs, read back with pypdf: structure tree, marked content, outline, metadata, fonts,
and the PDF/UA-1 checker (page-validation, the veraPDF rule set without Java) on the result."""

from __future__ import annotations

import io
import re
from datetime import date

import page
import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, BooleanObject, DictionaryObject

from tests.pdf_fixtures import make_content
from werkstijl.content.models import Tip, TipCategory
from werkstijl.report import render_group, render_personal, template_names
from werkstijl.report.template import DEFAULT_TEMPLATES_DIR
from werkstijl.scoring import Result

CONTENT = make_content()
TODAY = date(2026, 11, 23)
RESULT = Result(
    profile="visionair",
    runner_up="operator",
    scores={"visionair": 10.0, "operator": 9.0, "processor": 4.0},
    percentages={"visionair": 43, "operator": 39, "processor": 18},
    close=True,
)
GROUP = [("Zoë", "visionair"), ("Ahmed", "operator"), ("Bo", "visionair"), ("Cas", "processor")]


def personal(**kwargs) -> bytes:
    kwargs = {"name": "Zoë de Vries", "profile_id": "visionair", "today": TODAY, **kwargs}
    return render_personal(kwargs.pop("content", CONTENT), **kwargs)


def group(**kwargs) -> bytes:
    return render_group(CONTENT, GROUP, title="Team Noord", today=TODAY, **kwargs)


def elements(reader: PdfReader) -> list[DictionaryObject]:
    """Every structure element, in reading order (depth first)."""
    out: list[DictionaryObject] = []

    def walk(node: DictionaryObject) -> None:
        kids = node.get("/K")
        kids = kids if isinstance(kids, ArrayObject) else [kids] if kids is not None else []
        for kid in kids:
            kid = kid.get_object()
            if isinstance(kid, DictionaryObject) and "/S" in kid:
                out.append(kid)
                walk(kid)

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return out


def is_true(value: object) -> bool:
    return isinstance(value, BooleanObject) and value.value is True


def roles(reader: PdfReader) -> list[str]:
    return [str(e["/S"]) for e in elements(reader)]


def text_of(reader: PdfReader, elem: DictionaryObject) -> str:
    """The text inside one element's marked content (its MCIDs on its page)."""
    pages = {p.indirect_reference.idnum: p for p in reader.pages}
    page_obj = pages[elem.raw_get("/Pg").idnum]
    mcids = {k for k in elem["/K"] if isinstance(k, int)}
    parts: list[str] = []
    current: list[int | None] = []

    def before(op, args, cm, tm):
        if op == b"BDC":
            props = args[1] if len(args) > 1 else {}
            current.append(props.get("/MCID") if isinstance(props, DictionaryObject) else None)
        elif op in (b"BMC",):
            current.append(None)
        elif op == b"EMC" and current:
            current.pop()

    def text(t, cm, tm, font_dict, font_size):
        if current and current[-1] in mcids:
            parts.append(t)

    page_obj.extract_text(visitor_operand_before=before, visitor_text=text)
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def test_personal_pdf_is_marked_and_has_a_structure_tree_with_every_kind_of_element():
    reader = PdfReader(io.BytesIO(personal(result=RESULT)))
    root = reader.trailer["/Root"]
    assert is_true(root["/MarkInfo"]["/Marked"])
    found = roles(reader)
    assert found[0] == "/Document"
    assert found.count("/H1") == 6  # the cover's name and one per section
    for role in ("/H2", "/P", "/L", "/LI", "/LBody", "/Table", "/TR", "/TH", "/TD", "/Figure"):
        assert role in found, role
    h1 = [text_of(reader, e) for e in elements(reader) if e["/S"] == "/H1"]
    assert h1[0] == "Zoë de Vries"
    assert h1[1:] == [
        "Jouw werkstijl: Visionair",
        "Je startplan: elke week één nieuwe gewoonte",
        "Jouw weekritme",
        "Jouw werkstijl in de praktijk",
        "Meer voor je e-mail",
    ]


def test_lists_hold_the_strengths_and_pitfalls_as_items():
    reader = PdfReader(io.BytesIO(personal(lang="en")))
    items = [text_of(reader, e) for e in elements(reader) if e["/S"] == "/LBody"]
    profile = CONTENT.profile("visionair")
    expected = [t.get("en") for t in (*profile.strengths, *profile.pitfalls)]
    assert [item.lstrip("• ") for item in items] == expected
    assert roles(reader).count("/L") == 2  # strengths and pitfalls: two lists, not one


def test_the_score_chart_is_a_figure_with_alternative_text():
    reader = PdfReader(io.BytesIO(personal(result=RESULT)))
    alts = [str(e["/Alt"]) for e in elements(reader) if e["/S"] == "/Figure"]
    assert alts == ["Visionair: 43%; Operator: 39%; Processor: 18%"]


def _text_below(reader: PdfReader, elem: DictionaryObject) -> str:
    """The text of an element and its descendants (a cell holds a paragraph)."""
    kids = elem["/K"] if isinstance(elem["/K"], ArrayObject) else [elem["/K"]]
    if "/Pg" in elem and any(isinstance(k, int) for k in kids):
        return text_of(reader, elem)
    return " ".join(_text_below(reader, k.get_object()) for k in kids if not isinstance(k, int))


def test_the_week_rhythm_is_a_table_with_column_headers_and_days_in_words():
    reader = PdfReader(io.BytesIO(personal()))
    heads = [e for e in elements(reader) if e["/S"] == "/TH"]
    assert [_text_below(reader, h) for h in heads] == ["Tijd", "Dagen", "Wat en waarom", "Vanaf"]
    assert all(h["/A"]["/Scope"] == "/Column" and h["/A"]["/O"] == "/Table" for h in heads)
    cells = [_text_below(reader, e) for e in elements(reader) if e["/S"] == "/TD"]
    assert cells[:2] == ["09:00–09:30", "maandag"]  # the days are words a screen reader reads
    assert "di en do" in cells


def test_every_marked_content_sequence_belongs_to_its_element_in_the_parent_tree():
    reader = PdfReader(io.BytesIO(personal(result=RESULT)))
    nums = reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    tree = dict(zip(nums[::2], nums[1::2], strict=True))
    for index, page_obj in enumerate(reader.pages):
        assert page_obj["/StructParents"] == index
        assert page_obj["/Tabs"] == "/S"
        content = page_obj.get_contents().get_data().decode("latin-1")
        mcids = [int(m) for m in re.findall(r"<</MCID (\d+)>> BDC", content)]
        assert mcids == list(range(len(mcids)))
        parents = tree[index]
        assert len(parents) == len(mcids)
        for mcid, parent in enumerate(parents):
            assert mcid in list(parent.get_object()["/K"])
        # Outside tagged content everything is an artifact: the page opens and closes as one.
        assert content.lstrip().startswith("/Artifact BMC") and content.rstrip().endswith("EMC")


def test_outline_has_an_entry_per_section_pointing_at_its_page():
    pdf = personal(result=RESULT)
    reader = PdfReader(io.BytesIO(pdf))
    outline = [(o.title, reader.get_destination_page_number(o)) for o in reader.outline]
    assert outline == [
        ("Zoë de Vries", 0),
        ("Jouw werkstijl: Visionair", 1),
        ("Je startplan: elke week één nieuwe gewoonte", 1),
        ("Jouw weekritme", 1),
        ("Jouw werkstijl in de praktijk", 2),
        ("Meer voor je e-mail", 2),
    ]
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"


def test_viewers_show_the_title_and_the_xmp_metadata_says_title_and_language():
    reader = PdfReader(io.BytesIO(personal(lang="en")))
    root = reader.trailer["/Root"]
    assert is_true(root["/ViewerPreferences"]["/DisplayDocTitle"])
    xmp = reader.xmp_metadata
    assert xmp.dc_title == {
        "x-default": "Work style profile of Zoë de Vries",
        "en-GB": xmp.dc_title["en-GB"],
    }
    assert xmp.dc_title["en-GB"] == reader.metadata.title
    assert xmp.dc_language == ["en-GB"]
    assert root["/Lang"] == "en-GB"


def _fonts(reader: PdfReader) -> list[DictionaryObject]:
    fonts = []
    for page_obj in reader.pages:
        for font in page_obj["/Resources"].get("/Font", {}).values():
            fonts.append(font.get_object())
    return fonts


@pytest.mark.parametrize("make", [personal, group])
def test_every_font_is_embedded_and_maps_to_unicode(make):
    fonts = _fonts(
        PdfReader(io.BytesIO(make(name="Zoë 李 محمد 🦄") if make is personal else make()))
    )
    assert fonts
    for font in fonts:
        assert "Helvetica" not in str(font["/BaseFont"])
        assert "/FontFile2" in font["/FontDescriptor"], font["/BaseFont"]
        cmap = font["/ToUnicode"].get_object().get_data().decode()
        assert "<0000>" not in cmap  # ReportLab's filler entries are gone


def test_group_report_is_tagged_like_the_personal_one():
    reader = PdfReader(io.BytesIO(group()))
    found = roles(reader)
    assert is_true(reader.trailer["/Root"]["/MarkInfo"]["/Marked"])
    assert {"/H1", "/H2", "/Table", "/TH", "/TD", "/Figure"} <= set(found)
    alts = [str(e["/Alt"]) for e in elements(reader) if e["/S"] == "/Figure"]
    assert alts == ["Visionair: 2  (50%); Operator: 1  (25%); Processor: 1  (25%)"]
    assert [o.title for o in reader.outline] == [
        "Team Noord",
        "Sessieplan: 60 minuten",
        "De profielen in het kort",
        "De profielmix",
        "Wat deze mix betekent",
        "Wie is wat",
        "Duo’s",
        "Afspraken om samen te maken",
    ]
    assert is_true(reader.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"])


def test_links_are_link_elements_with_their_annotation():
    tips = list(CONTENT.tips[TipCategory.email])
    tips[0] = Tip(
        **{
            **tips[0].model_dump(),
            "text": {"nl": 'Zie <a href="https://example.org/g">de gids</a>.'},
        }
    )
    content = CONTENT.model_copy(
        update={"tips": {**CONTENT.tips, TipCategory.email: tuple(tips)}, "version": "links"}
    )
    pdf = personal(content=content)
    reader = PdfReader(io.BytesIO(pdf))
    links = [e for e in elements(reader) if e["/S"] == "/Link"]
    annots = [link["/K"][0].get_object()["/Obj"].get_object() for link in links]
    # The tip's link, then the closing line's link to the site.
    assert [a["/Contents"] for a in annots] == ["https://example.org/g", "https://werkstijltest.nl"]
    nums = reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    tree = dict(zip(nums[::2], nums[1::2], strict=True))
    for link, annot in zip(links, annots, strict=True):
        assert annot["/Subtype"] == "/Link"
        assert tree[annot["/StructParent"]].get_object() == link
    assert not page.validate_pdf_bytes(pdf, profile="ua1").failures


def _checker_findings(pdf: bytes) -> list[str]:
    report = page.validate_pdf_bytes(pdf, profile="ua1")
    return [f"{f.rule_id}: {f.message}" for f in report.failures]


@pytest.mark.parametrize("template", template_names(DEFAULT_TEMPLATES_DIR))
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_pdf_ua_checker_finds_nothing(template, lang):
    names = "Zoë de Vries 🦄 محمد علي שרה 李"
    assert (
        _checker_findings(personal(name=names, lang=lang, template=template, result=RESULT)) == []
    )
    assert _checker_findings(personal(lang=lang, template=template)) == []
    assert _checker_findings(group(lang=lang, template=template)) == []
    from werkstijl.team import Absent

    left_out = [Absent("Piet", 3, "unknown_profile"), Absent("", 5, "no_name")]
    assert _checker_findings(group(lang=lang, template=template, absent=left_out)) == []
