"""Font registration (once per process) and glyph coverage, so no character is ever drawn as tofu.

Names come from visitors and can hold anything: accents, Greek, Cyrillic, CJK, Arabic, Hebrew,
emoji. Right-to-left text is put in display order and shaped first (script.py). Characters the
main font lacks are set in the first fallback font that has them; a character no font has is
shown as U+FFFD (the replacement character, so the reader sees that something is missing) and
logged by code point (never the whole name: it is personal data). Invisible joiners, variation
selectors and skin-tone modifiers that no font draws are left out without a mark.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont

from werkstijl.content.wording import say
from werkstijl.report.script import Shaper, to_display

if TYPE_CHECKING:
    from werkstijl.report.template import Template

log = logging.getLogger(__name__)

# Invisible joiners and selectors (inside emoji sequences, for example): dropping them is harmless.
_SILENT_CATEGORIES = {"Mn", "Me", "Cf"}
_SKIN_TONES = frozenset(map(chr, range(0x1F3FB, 0x1F400)))  # emoji modifiers, shown without
MISSING = "\ufffd"  # the replacement character, for a character no font has


def _font_name(path: Path) -> str:
    """A registration name unique per file, so two templates never overwrite each other's fonts."""
    digest = hashlib.sha1(str(path).encode()).hexdigest()[:8]
    return f"WS-{path.stem}-{digest}"


def _unicode_text(code: int) -> str:
    """What a glyph stands for in extracted text: presentation forms (what shaped Arabic is set
    in) as their plain letters, so copied text and search find the name as typed."""
    char = chr(code)
    if 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:
        return unicodedata.normalize("NFKC", char)
    return char


@functools.cache
def _cmap_entry(code: int, value: int) -> str:
    return f"<{code:02X}> <{_unicode_text(value).encode('utf-16-be').hex().upper()}>"


def to_unicode_cmap(font_name: str, subset: list[int]) -> str:
    """A ToUnicode CMap like ReportLab's, but without entries for unused codes (ReportLab maps
    them to U+0000, which PDF/UA forbids), with characters beyond U+FFFF as UTF-16 pairs, and at
    most 100 entries per block as the CMap format requires."""
    pairs = [_cmap_entry(code, value) for code, value in enumerate(subset) if value]
    blocks = []
    for start in range(0, len(pairs), 100):
        chunk = pairs[start : start + 100]
        blocks += [f"{len(chunk)} beginbfchar", *chunk, "endbfchar"]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
            f"/CMapName /{font_name} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            *blocks,
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


class _Font(TTFont):
    """A TrueType font whose subsets carry a correct ToUnicode CMap (see to_unicode_cmap)."""

    def addObjects(self, doc) -> None:
        state = self.state.get(doc)
        subsets = [list(s) for s in state.subsets] if state is not None else []
        super().addObjects(doc)
        for number, subset in enumerate(subsets):
            base = b"".join((SUBSETN(number), b"+", self.face.name, self.face.subfontNameX))
            name = base.decode("pdfdoc")
            stream = doc.idToObject.get("toUnicodeCMap:" + name)
            if stream is not None:
                stream.content = to_unicode_cmap(name, subset)


def ttfont(path: Path) -> TTFont:
    """The registered font for a file, parsing and registering it only the first time."""
    path = Path(path).resolve()
    name = _font_name(path)
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(_Font(name, str(path)))
    return pdfmetrics.getFont(name)


def font_error(path: Path) -> str | None:
    """Why a file cannot be used as a font, or None (used by the template check)."""
    try:
        ttfont(path)
    except Exception as exc:  # reportlab raises assorted errors for bad or unsupported files
        return say("template.font_unusable", error=exc)
    return None


def _coverage(font: TTFont) -> frozenset[str]:
    return frozenset(chr(cp) for cp in font.face.charToGlyph)


@dataclass(frozen=True)
class Run:
    font: str | None  # None: the main font family
    text: str


class FontSet:
    """The fonts of one template: a registered family plus fallbacks, with glyph coverage."""

    def __init__(self, template: Template) -> None:
        spec = template.spec.fonts
        fonts = {key: ttfont(template.file(getattr(spec, key))) for key in _STYLES}
        self.regular = fonts["regular"].fontName
        self.bold = fonts["bold"].fontName
        self.italic = fonts["italic"].fontName
        self.bold_italic = fonts["bold_italic"].fontName
        self._register_family(self.regular, self.bold, self.italic, self.bold_italic)
        # A character counts as covered only if every style has it, so <b> never shows tofu.
        self.covered = frozenset.intersection(*(_coverage(f) for f in fonts.values()))
        self.fallbacks: list[tuple[str, frozenset[str]]] = []
        self._paths = {self.regular: template.file(spec.regular)}
        for entry in spec.fallback:
            regular = entry if isinstance(entry, str) else entry.regular
            bold = None if isinstance(entry, str) else ttfont(template.file(entry.bold))
            font = ttfont(template.file(regular))
            # Italic maps to the regular weight (and bold too, without a bold file), so <b> and
            # <i> around fallback text still work.
            heavy = bold.fontName if bold else font.fontName
            self._register_family(font.fontName, heavy, font.fontName, heavy)
            covered = _coverage(font) & _coverage(bold) if bold else _coverage(font)
            self.fallbacks.append((font.fontName, covered))
            self._paths[font.fontName] = template.file(regular)
        self._shapers: dict[str, Shaper] = {}

    @staticmethod
    def _register_family(regular: str, bold: str, italic: str, bold_italic: str) -> None:
        for is_bold, is_italic, name in (
            (0, 0, regular),
            (1, 0, bold),
            (0, 1, italic),
            (1, 1, bold_italic),
        ):
            addMapping(regular, is_bold, is_italic, name)

    def _font_for(self, char: str) -> str | None:
        for name, covered in self.fallbacks:
            if char in covered:
                return name
        return None

    def shaper_for(self, letters: str) -> Shaper | None:
        """The shaper of the font that draws all these letters (None when no font has them)."""
        if self.covered.issuperset(letters):
            name = self.regular
        else:
            name = next((n for n, c in self.fallbacks if c.issuperset(letters)), None)
            if name is None:
                return None
        shaper = self._shapers.get(name)
        if shaper is None:
            face = pdfmetrics.getFont(name).face
            shaper = self._shapers[name] = Shaper(self._paths[name], dict(face.charToGlyph))
        return shaper

    def runs(self, text: str) -> list[Run]:
        """Text (one line, reading order) as runs per font in display order. A character no
        font has becomes U+FFFD and is logged by code point."""
        text = to_display(text, self.shaper_for)
        if self.covered.issuperset(text):
            return [Run(None, text)]
        runs: list[Run] = []
        missing: list[str] = []
        for char in text:
            if char in self.covered:
                font = None
            elif (font := self._font_for(char)) is None:
                if unicodedata.category(char) in _SILENT_CATEGORIES or char in _SKIN_TONES:
                    continue
                missing.append(f"U+{ord(char):04X}")
                char = MISSING
            if runs and runs[-1].font == font:
                runs[-1] = Run(font, runs[-1].text + char)
            else:
                runs.append(Run(font, char))
        if missing:
            log.warning(
                "no font has glyphs for %s; shown as U+FFFD in the PDF",
                ", ".join(dict.fromkeys(missing)),
            )
        return runs

    def drawable(self, text: str) -> str:
        """Only the characters the main font can draw (for canvas strings such as chart labels)."""
        return "".join(run.text for run in self.runs(text) if run.font is None)


_STYLES = ("regular", "bold", "italic", "bold_italic")
