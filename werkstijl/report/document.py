"""The page machinery shared by both reports: page templates, "page X of Y", tagging, small
drawn flowables.

Every PDF is tagged (see tagging.py): Para tags itself by its style (H1, H2, P; a bulleted Para is
a list item), Table by its header rows, Figure carries alternative text, and whatever else is
drawn is an artifact. New sections built from these pieces are tagged without extra work."""

from __future__ import annotations

import copy
import hashlib
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from reportlab import rl_config
from reportlab.lib.colors import Color
from reportlab.lib.fonts import ps2tt
from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)
from reportlab.platypus import Table as _Table

from werkstijl.report.tagging import OUTLINE_ROLE, TableTags, Tagger, role_of, tagger_of
from werkstijl.report.template import TemplateSpec

PAGE_SIZES = {"A4": A4, "letter": letter}

# Binary (Flate only) streams instead of Flate + ASCII85: ASCII85 only makes a PDF 7-bit clean,
# which no mail or download path here needs, and it costs 25% in size and time. ReportLab reads
# this process-wide setting; this package is its only user in the app.
rl_config.useA85 = 0
_NO_PAD = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}
Decorate = Callable[[Canvas, int, int], None]  # canvas, page number, page count


class _NumberedCanvas(Canvas):
    """Keeps every page until the end, so each page can say how many pages there are in one pass;
    carries the Tagger that the flowables report to, and writes the structure when saving."""

    def __init__(self, *args, decorate: Decorate, tagger: Tagger, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._decorate = decorate
        self._pages: list[dict] = []
        self._page_index = 0
        self.ws_tagger = tagger

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()
        self.ws_tagger.next_page()

    def setFont(self, psfontname: str, size: float, leading: float | None = None) -> None:
        # ReportLab falls back to its standard fonts (a table cell's default FONTNAME, say), which
        # are referenced but never embedded: use the template's own font instead.
        if psfontname in pdfmetrics.standardFonts:
            psfontname = self._initialFontName
        super().setFont(psfontname, size, leading)

    def _setAnnotations(self, page: pdfdoc.PDFPage) -> None:
        super()._setAnnotations(page)
        self.ws_tagger.page_entries(page, self._page_index)

    def save(self) -> None:
        total = len(self._pages)
        for index, state in enumerate(self._pages):
            self.__dict__.update(state)
            self._decorate(self, self._pageNumber, total)
            self.ws_tagger.finish_page(self, index)
            self._page_index = index
            super().showPage()
        self.ws_tagger.finish_document(self, total)
        super().save()


class _Frame(Frame):
    """platypus deep-copies the current frame every time it measures a KeepTogether group, only to
    hang generated content on the copy. A shallow copy serves that purpose (nothing of the frame
    is changed in place) at a fraction of the cost; it pays for the tagging."""

    def __deepcopy__(self, memo: dict) -> _Frame:
        return copy.copy(self)


@dataclass(frozen=True)
class Meta:
    title: str
    subject: str
    lang: str  # BCP 47, e.g. nl-NL
    author: str = "Werkstijltest"
    creator: str = "Werkstijltest"


def build_pdf(
    spec: TemplateSpec,
    cover: Sequence[Flowable],
    body: Sequence[Flowable],
    meta: Meta,
    decorate: Decorate,
    font: str,
) -> bytes:
    """Lay out a cover page (its own frame) and body pages; `decorate` adds footers and the like.
    `font` is the canvas's initial font (ReportLab's default, Helvetica, would be referenced
    without being embedded)."""
    size = PAGE_SIZES[spec.page.size]
    m = spec.page.margins_mm
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=size,
        leftMargin=m.left * mm,
        rightMargin=m.right * mm,
        topMargin=m.top * mm,
        bottomMargin=m.bottom * mm,
        title=meta.title,
        author=meta.author,
        subject=meta.subject,
        creator=meta.creator,
        lang=meta.lang,
        initialFontName=font,
    )
    frame = _Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="main", **_NO_PAD)
    templates = _body_templates(spec, doc)
    story: list[Flowable] = list(body)
    # Page 2 onwards: the body template, or with mirrored margins even and odd in turn.
    following = ["body-even", "body-odd"] if spec.page.mirror_margins else "body"
    if cover:
        templates.insert(0, PageTemplate("cover", [frame]))
        story = [*cover, NextPageTemplate(following), PageBreak(), *story]
    elif spec.page.mirror_margins:
        story = [NextPageTemplate(following), *story]
    doc.addPageTemplates(templates)
    # Flowables may be reused by the next PDF (the Renderer caches static sections). The build
    # edits some of them (keepWithNext switched off once grouped, "_postponed" marks); ReportLab's
    # own multiBuild hook records those edits, and undoing them keeps every build like the first.
    edits: list[tuple] = []
    doc._multiBuildEdits = edits.append
    try:
        tagger = Tagger(meta.title, meta.lang, meta.author, meta.subject)
        doc.build(story, canvasmaker=partial(_NumberedCanvas, decorate=decorate, tagger=tagger))
    finally:
        for undo, *args in edits:
            undo(*args)
    return buffer.getvalue()


def _body_templates(spec: TemplateSpec, doc: BaseDocTemplate) -> list[PageTemplate]:
    """One body page template, or with mirrored margins an odd and an even one that alternate
    (the wide margin stays on the binding side when printed double-sided)."""

    def frame(left_mm: float) -> Frame:
        return _Frame(left_mm * mm, doc.bottomMargin, doc.width, doc.height, id="main", **_NO_PAD)

    if not spec.page.mirror_margins:
        return [PageTemplate("body", [frame(spec.page.margins_mm.left)])]
    odd, even = spec.page.margins_on(1)[0], spec.page.margins_on(2)[0]
    return [PageTemplate("body-odd", [frame(odd)]), PageTemplate("body-even", [frame(even)])]


class Para(Paragraph):
    """A Paragraph that tags itself and remembers its last wrap: platypus wraps the same paragraph
    several times (frames, KeepTogether, tables) and line breaking is the costliest step of a
    render. Its role comes from its style (tagging.ROLES); with a bullet it is a list item.
    Markup made from text in visual order (markup.plain of right-to-left text) carries the text
    in reading order, which becomes the element's ActualText for screen readers."""

    _memo: tuple[float, float, float] | None = None

    def __init__(self, text: str | None, style=None, *args, **kwargs) -> None:
        actual = getattr(text, "logical", None)
        if text and style is not None and "<font " in text:
            text = _weighted(text, style.fontName)
        super().__init__(text, style, *args, **kwargs)
        self.actual: str | None = actual
        self.role = role_of(self.style)

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        tagger = tagger_of(canvas)
        if tagger is None:
            super().drawOn(canvas, x, y, _sW)
            return
        role = self.role
        links = len(canvas._annotationrefs)
        if self.bulletText:
            elem = tagger.begin_item(canvas)
        else:
            elem = tagger.begin(canvas, role, actual=self.actual)
        super().drawOn(canvas, x, y, _sW)
        tagger.end(canvas, elem)
        tagger.links(canvas, elem, links)
        if role == OUTLINE_ROLE:
            tagger.bookmark(canvas, self.actual or self.getPlainText(), x, y + self.height)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        memo = self._memo
        # split() may drop blPara (a paragraph that cannot split there): then wrap again.
        if memo is not None and memo[0] == avail_width and "blPara" in self.__dict__:
            self.width, self.height = memo[1], memo[2]
            return memo[1], memo[2]
        width, height = super().wrap(avail_width, avail_height)
        self._memo = (avail_width, width, height)
        return width, height


_FALLBACK_RUN = re.compile(r'(<font name="[^"]+">)(.*?)(</font>)', re.DOTALL)


def _weighted(markup: str, font: str) -> str:
    """Fallback-font runs (markup.plain) set in the paragraph's own weight and slant: a <font>
    tag names the regular file, so a bold style (the cover's name) needs a <b> inside it."""
    _, bold, italic = ps2tt(font)
    if not (bold or italic):
        return markup
    start = ("<b>" if bold else "") + ("<i>" if italic else "")
    end = ("</i>" if italic else "") + ("</b>" if bold else "")
    return _FALLBACK_RUN.sub(lambda m: f"{m[1]}{start}{m[2]}{end}{m[3]}", markup)


class Heading(Flowable):
    """A section heading with a short bar in the accent colour above it; kept with what follows."""

    def __init__(
        self, paragraph: Paragraph, colour: Color, bar_width: float, bar_height: float, gap: float
    ) -> None:
        super().__init__()
        self.paragraph = paragraph
        self.colour = colour
        self.bar_width, self.bar_height, self.gap = bar_width, bar_height, gap
        self.keepWithNext = True

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _, h = self.paragraph.wrap(avail_width, avail_height)
        self.width, self.height = avail_width, h + self.bar_height + self.gap
        return self.width, self.height

    def getSpaceAfter(self) -> float:
        return self.paragraph.getSpaceAfter()

    def getSpaceBefore(self) -> float:
        return self.paragraph.getSpaceBefore()

    def draw(self) -> None:
        self.canv.setFillColor(self.colour)
        self.canv.rect(0, self.height - self.bar_height, self.bar_width, self.bar_height, 0, 1)
        self.paragraph.drawOn(self.canv, 0, 0)


class Table(_Table):
    """A platypus Table that tags itself: with header rows (repeatRows) as a data table, without
    as a layout grid (see tagging.TableTags)."""

    def __init__(self, data, *args, **kwargs) -> None:
        if kwargs.get("repeatRows"):
            kwargs.setdefault("renderCB", _TABLE_TAGS)
        super().__init__(data, *args, **kwargs)


_TABLE_TAGS = TableTags()


class Figure(Flowable):
    """A drawn flowable (chart, mark) with alternative text: a Figure in the structure tree."""

    def __init__(self, content: Flowable, alt: str) -> None:
        super().__init__()
        self.content, self.alt = content, alt
        self.hAlign = getattr(content, "hAlign", "LEFT")
        self.vAlign = getattr(content, "vAlign", "BOTTOM")

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = self.content.wrap(avail_width, avail_height)
        return self.width, self.height

    def getSpaceBefore(self) -> float:
        return self.content.getSpaceBefore()

    def getSpaceAfter(self) -> float:
        return self.content.getSpaceAfter()

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        tagger = tagger_of(canvas)
        if tagger is None:
            self.content.drawOn(canvas, x, y, _sW)
            return
        elem = tagger.begin(canvas, "Figure", alt=self.alt)
        self.content.drawOn(canvas, x, y, _sW)
        tagger.end(canvas, elem)


class TickBox(Flowable):
    """An empty square to tick with a pen (drawn, so it never depends on a font's glyphs)."""

    def __init__(self, size: float, colour: Color, line_width: float) -> None:
        super().__init__()
        self.width = self.height = size
        self.colour, self.line_width = colour, line_width

    def draw(self) -> None:
        self.canv.setStrokeColor(self.colour)
        self.canv.setLineWidth(self.line_width)
        self.canv.roundRect(0, 0, self.width, self.height, 0.6 * mm, stroke=1, fill=0)


class WriteLines(Flowable):
    """Ruled lines to write on."""

    def __init__(self, count: int, spacing: float, colour: Color, line_width: float = 0.5) -> None:
        super().__init__()
        self.count, self.spacing, self.colour, self.line_width = count, spacing, colour, line_width

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = avail_width, self.count * self.spacing
        return self.width, self.height

    def draw(self) -> None:
        self.canv.setStrokeColor(self.colour)
        self.canv.setLineWidth(self.line_width)
        for i in range(self.count):
            y = self.height - (i + 1) * self.spacing
            self.canv.line(0, y, self.width, y)


# ReportLab measures the parts of a KeepTogether with this height (flowables._listWrapOn): no
# page is that tall, so a wrap with at least this much room is a measurement, not a placement.
MEASURING_HEIGHT = 0xFFFFFFF


class IfRoom(Flowable):
    """Flowables drawn as one block only where the page has room for all of them and for
    `follow` (what the story keeps right after them, e.g. the closing line); elsewhere they are
    left out. For optional extras such as lines for notes: a page of its own for them costs
    paper and reads as a mistake. While a KeepTogether measures, it takes no room, so whatever
    comes before it keeps its place; the page it lands on decides."""

    def __init__(self, parts: Sequence[Flowable], gap: float = 0) -> None:
        super().__init__()
        self.parts, self.gap = list(parts), gap  # `gap`: air above the block, only when shown
        self.follow: list[Flowable] = []
        self.shown = False

    def _heights(self, width: float) -> list[float]:
        """Each part's height with the space before it (the first part's is in `gap`)."""
        heights = []
        for index, part in enumerate(self.parts):
            before = part.getSpaceBefore() if index else 0
            heights.append(before + part.wrap(width, MEASURING_HEIGHT)[1])
        return heights

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        own = self.gap + sum(self._heights(avail_width))
        after = sum(f.wrap(avail_width, MEASURING_HEIGHT)[1] for f in self.follow)
        self.shown = own + after <= avail_height < MEASURING_HEIGHT
        self.height = own if self.shown else 0
        return self.width, self.height

    def kept(self) -> list[Flowable]:
        """The same parts as an ordinary block kept on one page (for a place in the middle of
        the story, where leaving it out would not save a page)."""
        return [Spacer(1, self.gap), KeepTogether(self.parts)]

    def draw(self) -> None:
        if not self.shown:
            return
        y = self.height - self.gap
        for part, height in zip(self.parts, self._heights(self.width), strict=True):
            y -= height
            part.drawOn(self.canv, 0, y)


class CachedImage:
    """An image encoded (decoded, zlib-compressed) once per process and reused by every PDF.

    Canvas.drawImage re-encodes an image for each new document, which for a logo costs more than
    laying out a whole page; this does what drawImage does with the encoded object kept."""

    def __init__(self, reader: ImageReader) -> None:
        rgb = reader.getRGBData()  # also splits off the alpha channel into reader._dataA
        alpha = reader._dataA.getRGBData() if getattr(reader, "_dataA", None) else b""
        self.name = hashlib.md5(rgb + alpha).hexdigest()
        self.width, self.height = reader.getSize()
        self._image = pdfdoc.PDFImageXObject(self.name, reader, mask="auto")
        self._image.name = self.name
        self._smask = getattr(self._image, "_smask", None)
        if self._smask is not None:
            del self._image._smask

    def draw(self, canvas: Canvas, x: float, y: float, width: float, height: float) -> None:
        doc = canvas._doc
        reg_name = doc.getXObjectName(self.name)
        if not doc.idToObject.get(reg_name):
            image = copy.copy(self._image)  # the smask reference below belongs to this document
            canvas._setXObjects(image)
            doc.Reference(image, reg_name)
            doc.addForm(self.name, image)
            if self._smask is not None:
                # Copies again: registering marks the object with its name in that document.
                smask = copy.copy(self._smask)
                canvas._setXObjects(smask)
                image.smask = doc.Reference(smask, doc.getXObjectName(smask.name))
        canvas.saveState()
        canvas.translate(x, y)
        canvas.scale(width, height)
        canvas._code.append(f"/{reg_name} Do")
        canvas.restoreState()
        canvas._formsinuse.append(self.name)
