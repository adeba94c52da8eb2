"""The page machinery shared by both reports: page templates, "page X of Y", small drawn flowables."""

from __future__ import annotations

import copy
import hashlib
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from reportlab import rl_config
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
)

from werkstijl.report.template import TemplateSpec

PAGE_SIZES = {"A4": A4, "letter": letter}

# Binary (Flate only) streams instead of Flate + ASCII85: ASCII85 only makes a PDF 7-bit clean,
# which no mail or download path here needs, and it costs 25% in size and time. ReportLab reads
# this process-wide setting; this package is its only user in the app.
rl_config.useA85 = 0
_NO_PAD = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}
Decorate = Callable[[Canvas, int, int], None]  # canvas, page number, page count


class _NumberedCanvas(Canvas):
    """Keeps every page until the end, so each page can say how many pages there are in one pass."""

    def __init__(self, *args, decorate: Decorate, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._decorate = decorate
        self._pages: list[dict] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._decorate(self, self._pageNumber, total)
            super().showPage()
        super().save()


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
) -> bytes:
    """Lay out a cover page (its own frame) and body pages; `decorate` adds footers and the like."""
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
    )
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="main", **_NO_PAD)
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
        doc.build(story, canvasmaker=partial(_NumberedCanvas, decorate=decorate))
    finally:
        for undo, *args in edits:
            undo(*args)
    return buffer.getvalue()


def _body_templates(spec: TemplateSpec, doc: BaseDocTemplate) -> list[PageTemplate]:
    """One body page template, or with mirrored margins an odd and an even one that alternate
    (the wide margin stays on the binding side when printed double-sided)."""

    def frame(left_mm: float) -> Frame:
        return Frame(left_mm * mm, doc.bottomMargin, doc.width, doc.height, id="main", **_NO_PAD)

    if not spec.page.mirror_margins:
        return [PageTemplate("body", [frame(spec.page.margins_mm.left)])]
    odd, even = spec.page.margins_on(1)[0], spec.page.margins_on(2)[0]
    return [PageTemplate("body-odd", [frame(odd)]), PageTemplate("body-even", [frame(even)])]


class Para(Paragraph):
    """A Paragraph that remembers its last wrap: platypus wraps the same paragraph several times
    (frames, KeepTogether, tables) and line breaking is the costliest step of a render."""

    _memo: tuple[float, float, float] | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        memo = self._memo
        # split() may drop blPara (a paragraph that cannot split there): then wrap again.
        if memo is not None and memo[0] == avail_width and "blPara" in self.__dict__:
            self.width, self.height = memo[1], memo[2]
            return memo[1], memo[2]
        width, height = super().wrap(avail_width, avail_height)
        self._memo = (avail_width, width, height)
        return width, height


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
