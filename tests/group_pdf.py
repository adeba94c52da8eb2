"""Reading a group report back: its pages, the rows of its 'who is what' table, and the shape of
the profile mark in front of each name."""

from __future__ import annotations

import io
import itertools
import re

import pdfplumber


def pages(pdf: bytes) -> list[str]:
    """The text of each page, whitespace collapsed (so wrapped lines compare like one line)."""
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [re.sub(r"\s+", " ", page.extract_text() or "") for page in doc.pages]


def section(pdf: bytes, heading: str, until: str | None = None) -> str:
    """The text from a section's heading up to the heading `until` (headings quoted in the
    session outline, ‘like this’, do not count)."""
    text = " ".join(pages(pdf))
    start = _heading(text, heading)
    end = _heading(text, until, start) if until else len(text)
    return text[start:end]


def _heading(text: str, heading: str, after: int = 0) -> int:
    for match in re.finditer(re.escape(heading), text):
        if match.start() >= after and text[match.start() - 1 : match.start()] != "‘":
            return match.start()
    raise AssertionError(f"no heading {heading!r}")


def member_rows(pdf: bytes, columns: tuple[str, str, str]) -> dict[str, dict[str, str]]:
    """{name: {"profile": ..., "first_step": ..., "mark": shape}} from the 'who is what' table,
    whose header names the columns (e.g. ("Naam", "Profiel", "Eerste stap")). A row is the band
    between two rules; the mark is the drawn shape left of the name."""
    rows: dict[str, dict[str, str]] = {}
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            words = page.extract_words(use_text_flow=True, extra_attrs=["size"])
            head = _header(words, columns)
            if head is None:
                continue
            name_x, profile_x, step_x, head_bottom = head
            # The table ends at the next section heading (large type), if one follows on the page.
            end = min(
                (w["top"] for w in words if w["top"] > head_bottom and w["size"] > 15),
                default=page.height,
            )
            rules = sorted(
                {round(line["top"], 1) for line in page.lines}
                | {round(rect["top"], 1) for rect in page.rects if rect["height"] < 1.5}
            )
            rules = [r for r in rules if head_bottom - 1 <= r < end]
            for top, bottom in itertools.pairwise(rules):
                band = [w for w in words if top <= w["top"] < bottom]
                if not band:
                    continue

                def cell(low: float, high: float, band=band) -> str:
                    return " ".join(w["text"] for w in band if low - 1 <= w["x0"] < high - 1)

                name = cell(name_x, profile_x)
                if not name:
                    continue
                rows[name] = {
                    "profile": cell(profile_x, step_x),
                    "first_step": cell(step_x, page.width),
                    "mark": _mark(page, top, bottom, name_x),
                }
    return rows


def _header(words, columns):
    found = {}
    for name in columns:
        first = name.split()[0]
        match = next((w for w in words if w["text"] == first), None)
        if match is None:
            return None
        found[name] = match
    tops = {round(w["top"]) for w in found.values()}
    if len(tops) != 1:
        return None
    name_w, profile_w, step_w = (found[c] for c in columns)
    return name_w["x0"], profile_w["x0"], step_w["x0"], max(w["bottom"] for w in found.values())


def _mark(page, top: float, bottom: float, name_x: float) -> str:
    """The shape drawn in the row left of the name: 'rect', or 'curve-N' (N points)."""
    for rect in page.rects:
        if top <= rect["top"] < bottom and rect["x0"] < name_x and rect["width"] < 20:
            return "rect"
    for curve in page.curves:
        if top <= curve["top"] < bottom and curve["x0"] < name_x:
            return f"curve-{len(curve['pts'])}"
    return ""
