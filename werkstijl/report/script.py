"""Right-to-left text for ReportLab, which draws a string's characters left to right as given.

A name such as "محمد علي" or "Sara כהן" is typed in reading order. `to_display` puts a line of
text into display order with python-bidi (the Unicode Bidirectional Algorithm) and shapes every
right-to-left run with HarfBuzz (uharfbuzz), so Arabic letters join and marks sit on their letter.
The glyphs HarfBuzz picks are written back as the Unicode characters that stand for them (Arabic
presentation forms), not as glyph numbers: any weight of the font then draws them, and the PDF's
text stays real text (fonts.to_unicode_cmap maps presentation forms back to plain letters, so
copying, searching and pdftotext give the name as typed). HarfBuzz runs with its default features:
no discretionary ligatures, which would turn a name into a calligraphic emblem.

One line at a time: a right-to-left name long enough to wrap is reordered as a whole line.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from pathlib import Path

import uharfbuzz as hb
from bidi import get_display

# Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, their presentation forms, and the
# right-to-left blocks beyond the BMP: only text with one of these needs reordering.
_RTL_RANGES = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff\U0001e800-\U0001efff"
_RTL = re.compile(f"[{_RTL_RANGES}]")
# A run to shape: right-to-left letters and marks with the joiners between them; digits are
# left out, because the bidi algorithm keeps numbers left to right inside right-to-left text.
_RUN = re.compile(f"(?:(?![\u0660-\u0669\u06f0-\u06f9])[{_RTL_RANGES}\u200c\u200d])+")


def has_rtl(text: str) -> bool:
    return _RTL.search(text) is not None


class Shaper:
    """HarfBuzz for one font file, mapping glyphs back to characters through the font's cmap."""

    def __init__(self, path: Path, char_to_glyph: dict[int, int]) -> None:
        self._font = hb.Font(hb.Face(hb.Blob.from_file_path(str(path))))
        self._chars: dict[int, list[int]] = {}
        for code, glyph in char_to_glyph.items():
            self._chars.setdefault(glyph, []).append(code)
        self._lock = threading.Lock()  # a HarfBuzz font object is not for two threads at once

    def shape(self, run: str) -> str:
        """A right-to-left run in reading order, as characters in display order."""
        buffer = hb.Buffer()
        buffer.add_codepoints([ord(c) for c in run])
        buffer.guess_segment_properties()
        buffer.flags = hb.BufferFlags.REMOVE_DEFAULT_IGNORABLES
        with self._lock:
            hb.shape(self._font, buffer)
        infos = buffer.glyph_infos
        starts = sorted({info.cluster for info in infos})
        ends = dict(zip(starts, [*starts[1:], len(run)], strict=True))
        out: list[str] = []
        index = 0
        while index < len(infos):  # one cluster at a time (its glyphs are adjacent)
            cluster = infos[index].cluster
            glyphs = []
            while index < len(infos) and infos[index].cluster == cluster:
                glyphs.append(infos[index].codepoint)
                index += 1
            out.append(self._cluster(glyphs, run[cluster : ends[cluster]]))
        return "".join(out)

    def _cluster(self, glyphs: list[int], source: str) -> str:
        chars = []
        for glyph in glyphs:
            codes = self._chars.get(glyph)
            if not codes:  # a glyph without a character: show this cluster unshaped
                return "".join(c for c in reversed(source) if c not in "\u200c\u200d")
            own = [code for code in codes if chr(code) in source]
            chars.append(chr(own[0] if own else min(codes)))
        return "".join(chars)


def to_display(text: str, shaper_for: Callable[[str], Shaper | None]) -> str:
    """One line of text (reading order) in display order, right-to-left runs shaped by the
    shaper for their letters (None: leave the run as the bidi algorithm put it)."""
    if not has_rtl(text):
        return text
    visual = get_display(text)  # base direction from the first strong character

    def shaped(match: re.Match) -> str:
        run = match.group(0)[::-1]  # back to reading order, as HarfBuzz wants it
        shaper = shaper_for(run.replace("\u200c", "").replace("\u200d", ""))
        return shaper.shape(run) if shaper is not None else match.group(0)

    return _RUN.sub(shaped, visual)
