"""Tagged PDF on top of ReportLab: a structure tree, marked content, outline and XMP metadata.

ReportLab has no tagging of its own. While the pages are drawn, the flowables of document.py tell
a Tagger what they are (a paragraph of some role, a list item, a table cell, a figure with its
alternative text); the Tagger wraps what they draw in marked content (BDC/EMC with an MCID) and
grows the structure tree. Everything drawn outside such a sequence (accent bars, rules, tick
boxes, page footers, the cover band) is an artifact: each page's content starts inside
`/Artifact BMC`, and tagged content briefly steps out of it. So nothing can end up neither tagged
nor artifact, also not what a section added later draws. When the document is saved the Tagger
writes the StructTreeRoot with its ParentTree, /MarkInfo, the outline (one entry per H1) and the
XMP metadata, all as ReportLab PDF objects (no post-processing pass).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfdoc import (
    XMP,
    PDFDictionary,
    PDFName,
    PDFObject,
    PDFObjectReference,
    PDFString,
)
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus.tables import Table, TableRenderCB

# Paragraph roles by style name (a clone such as "cover_name_fit" inherits its parent's role).
# Headings: the cover's name or title is the document's first H1, every section heading an H1,
# the headings inside a section H2. Every other style is a paragraph (P).
ROLES = {
    "cover_name": "H1",
    "h1": "H1",
    "cover_profile": "H2",
    "h2": "H2",
    "tip_title": "H2",
}
OUTLINE_ROLE = "H1"  # each H1 gets an outline entry (bookmark)
TREE_ROOT = "WSStructTreeRoot"


def role_of(style: ParagraphStyle) -> str:
    while style is not None:
        role = ROLES.get(style.name)
        if role:
            return role
        style = getattr(style, "parent", None)
    return "P"


@dataclass(eq=False)
class Elem:
    """A structure element; kids are elements or (page index, MCID) pairs."""

    role: str
    parent: Elem | None
    kids: list = field(default_factory=list)
    alt: str | None = None
    actual: str | None = None
    attrs: dict | None = None
    annots: list = field(default_factory=list)  # (annotation, its reference) of a Link


class _Raw(PDFObject):
    """An object whose PDF text is made in one go (see Tagger.finish_document)."""

    data = b""

    def format(self, document) -> bytes:
        return self.data


def tagger_of(canvas: Canvas) -> Tagger | None:
    return getattr(canvas, "ws_tagger", None)


class Tagger:
    """The structure of one PDF, collected while its pages are drawn."""

    def __init__(self, title: str, lang: str, author: str, subject: str) -> None:
        self.title, self.lang, self.author, self.subject = title, lang, author, subject
        self.root = Elem("Document", None)
        self._stack: list[Elem] = [self.root]
        self._pages: list[list[Elem]] = [[]]  # per page: the element of each MCID
        self._bookmarks: list[list[tuple[str, float, float]]] = [[]]  # per page
        self._inside = False

    # -- while drawing ------------------------------------------------------------------------

    def next_page(self) -> None:
        self._pages.append([])
        self._bookmarks.append([])

    def _add(self, role: str, parent: Elem | None = None, **extra) -> Elem:
        parent = parent or self._stack[-1]
        elem = Elem(role, parent, **extra)
        parent.kids.append(elem)
        return elem

    def open(self, role: str, attrs: dict | None = None) -> None:
        """Start a structure element without content of its own (Table, TR, TD, ...)."""
        # Inside a content sequence (a figure, say) everything belongs to that content.
        self._stack.append(self._stack[-1] if self._inside else self._add(role, attrs=attrs))

    def close(self) -> None:
        self._stack.pop()

    def begin(
        self,
        canvas: Canvas,
        role: str,
        alt: str | None = None,
        actual: str | None = None,
        parent: Elem | None = None,
    ) -> Elem | None:
        """What is drawn until end() is the content of a new element: one marked-content
        sequence. None (and nothing to end) when already inside one: it belongs to that."""
        if self._inside:
            return None
        elem = self._add(role, parent, alt=alt, actual=actual)
        page = len(self._pages) - 1
        mcids = self._pages[page]
        elem.kids.append((page, len(mcids)))
        canvas._code.append(f"EMC /{role} <</MCID {len(mcids)}>> BDC")
        mcids.append(elem)
        self._inside = True
        self._stack.append(elem)
        return elem

    def end(self, canvas: Canvas, elem: Elem | None) -> None:
        if elem is not None:
            self._stack.pop()
            self._inside = False
            canvas._code.append("EMC /Artifact BMC")

    def begin_item(self, canvas: Canvas) -> Elem | None:
        """A list item's body (LBody in an LI); consecutive items under one parent share an L."""
        if self._inside:
            return None
        parent = self._stack[-1]
        last = parent.kids[-1] if parent.kids else None
        if not (isinstance(last, Elem) and last.role == "L"):
            last = self._add("L")
        return self.begin(canvas, "LBody", parent=self._add("LI", last))

    def links(self, canvas: Canvas, elem: Elem | None, before: int) -> None:
        """Link annotations made while `elem` was drawn become Link elements inside it."""
        refs = canvas._annotationrefs[before:]
        if elem is None or not refs:
            return
        for ref in refs:
            annot = canvas._doc.idToObject.get(ref.name)
            if isinstance(annot, PDFDictionary):
                link = Elem("Link", elem)
                link.annots.append((annot, ref))
                elem.kids.append(link)
                action = annot.dict.get("A")
                uri = action.dict.get("URI") if isinstance(action, PDFDictionary) else None
                annot["Contents"] = uri if uri is not None else PDFString(self.title)

    def bookmark(self, canvas: Canvas, title: str, x: float, y: float) -> None:
        """An outline entry for a heading at (x, y) in the current coordinates."""
        left, top = canvas.absolutePosition(x, y)
        self._bookmarks[-1].append((" ".join(title.split()), left, top))

    # -- while saving ---------------------------------------------------------------------------

    def finish_page(self, canvas: Canvas, index: int) -> None:
        """Before page `index` is written: its artifact bracket and its outline entries."""
        canvas._psCommandsBeforePage = ["/Artifact BMC"]
        canvas._psCommandsAfterPage = ["EMC"]
        for number, (title, left, top) in enumerate(self._bookmarks[index]):
            key = f"ws-h-{index}-{number}"
            canvas.bookmarkPage(key, fit="XYZ", left=left, top=top)
            canvas.addOutlineEntry(title, key, level=0)

    def page_entries(self, page: object, index: int) -> None:
        """/StructParents and tab order of a page object (ReportLab writes listed keys only)."""
        page.__NoDefault__ = [*page.__NoDefault__, "StructParents", "Tabs"]
        page.StructParents = index
        page.Tabs = PDFName("S")

    def finish_document(self, canvas: Canvas, pages: int) -> None:
        """The structure tree, /MarkInfo, XMP metadata and viewer preferences of a document of
        `pages` pages. The elements are written as preformatted objects: building ReportLab
        dictionaries for a few hundred elements would cost more than drawing a page."""
        del self._pages[pages:]  # the page started after the last showPage stayed empty
        doc = canvas._doc
        numbers = doc.idToObjectNumberAndVersion
        elems: list[Elem] = []
        todo = [self.root]
        while todo:  # parents before their kids
            elem = todo.pop()
            elems.append(elem)
            todo.extend(k for k in reversed(elem.kids) if isinstance(k, Elem))
        raws = [_Raw() for _ in elems]
        refs: dict[int, str] = {}
        for index, (elem, raw) in enumerate(zip(elems, raws, strict=True)):
            name = f"WSStruct{index}"
            doc.Reference(raw, name)
            refs[id(elem)] = f"{numbers[name][0]} 0 R"
        tree = _Raw()
        doc.Reference(tree, TREE_ROOT)
        refs[id(None)] = f"{numbers[TREE_ROOT][0]} 0 R"  # the parent of the root element
        page_refs = [f"{numbers[f'Page{i + 1}'][0]} 0 R" for i in range(pages)]
        nums = [
            f"{index} [{' '.join([refs[id(e)] for e in mcids])}]"
            for index, mcids in enumerate(self._pages)
        ]
        key = pages
        for elem, raw in zip(elems, raws, strict=True):
            raw.data = self._elem_bytes(elem, refs, page_refs, doc)
            for annot, _ in elem.annots:
                annot["StructParent"] = key
                nums.append(f"{key} {refs[id(elem)]}")
                key += 1
        tree.data = (
            f"<< /Type /StructTreeRoot /K {refs[id(self.root)]}"
            f" /ParentTree << /Nums [{' '.join(nums)}] >> /ParentTreeNextKey {key} >>"
        ).encode()
        catalog = doc.Catalog
        catalog.StructTreeRoot = PDFObjectReference(TREE_ROOT)
        catalog.MarkInfo = PDFDictionary({"Marked": "true"})
        # Left uncompressed (ReportLab's default for a stream without filters), so any tool
        # finds the metadata.
        catalog.Metadata = XMP(creator=lambda _doc: self.xmp().encode("utf-8"))
        canvas.setViewerPreference("DisplayDocTitle", "true")
        if any(self._bookmarks):
            canvas.showOutline()

    def _elem_bytes(self, elem: Elem, refs: dict[int, str], page_refs: list[str], doc) -> bytes:
        marked = [kid for kid in elem.kids if type(kid) is tuple]
        one_page = bool(marked) and all(kid[0] == marked[0][0] for kid in marked)
        kids = []
        for kid in elem.kids:
            if type(kid) is not tuple:
                kids.append(refs[id(kid)])
            elif one_page:
                kids.append(str(kid[1]))
            else:
                kids.append(f"<< /Type /MCR /Pg {page_refs[kid[0]]} /MCID {kid[1]} >>")
        numbers = doc.idToObjectNumberAndVersion
        for _, ref in elem.annots:
            kids.append(f"<< /Type /OBJR /Obj {numbers[ref.name][0]} 0 R >>")
        parent = refs[id(elem.parent)]
        text = f"<< /Type /StructElem /S /{elem.role} /P {parent} /K [{' '.join(kids)}]"
        if one_page:
            text += f" /Pg {page_refs[marked[0][0]]}"
        if elem.attrs:
            text += f" /A << {' '.join(f'/{k} /{v}' for k, v in elem.attrs.items())} >>"
        data = text.encode()
        for key, value in (
            ("Lang", self.lang if elem.parent is None else None),
            ("Alt", elem.alt),
            ("ActualText", elem.actual),
        ):
            if value is not None:
                data += f" /{key} ".encode() + PDFString(value).format(doc)
        return data + b" >>"

    def xmp(self) -> str:
        """XMP metadata: title, language, author and subject (what the Info dictionary says)."""
        title, lang = escape(self.title), escape(self.lang)
        return (
            '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
            '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
            '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"'
            ' xmlns:pdf="http://ns.adobe.com/pdf/1.3/"'
            ' xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">\n'
            f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li>'
            f'<rdf:li xml:lang="{lang}">{title}</rdf:li></rdf:Alt></dc:title>\n'
            f"<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>\n"
            f"<dc:creator><rdf:Seq><rdf:li>{escape(self.author)}</rdf:li></rdf:Seq></dc:creator>\n"
            f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(self.subject)}'
            "</rdf:li></rdf:Alt></dc:description>\n"
            "<pdfuaid:part>1</pdfuaid:part>\n"
            "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
            '<?xpacket end="w"?>'
        )


class TableTags(TableRenderCB):
    """Tags a Table as it draws (ReportLab's own render hook). A table with header rows
    (repeatRows) is a data table: Table, TR, TH (column scope) for header rows, TD for the rest.
    A table without is a layout grid: its cells' content simply follows in row order."""

    def _tagger(self, table: Table) -> Tagger | None:
        return tagger_of(table.canv) if table.repeatRows else None

    def startTable(self, table: Table) -> None:
        if tagger := self._tagger(table):
            tagger.open("Table")

    def startRow(self, table: Table, row: int) -> None:
        if tagger := self._tagger(table):
            tagger.open("TR")

    def startCell(self, table: Table, row: int, col: int, *_: object) -> None:
        if tagger := self._tagger(table):
            header = table.repeatRows
            is_head = row in header if isinstance(header, tuple) else row < header
            tagger.open("TH", {"O": "Table", "Scope": "Column"}) if is_head else tagger.open("TD")

    def endCell(self, table: Table) -> None:
        if tagger := self._tagger(table):
            tagger.close()

    endRow = endTable = endCell

    def startBG(self, table: Table) -> None:
        pass

    endBG = startLines = endLines = startBG
