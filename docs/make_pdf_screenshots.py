"""Refresh the README's PDF screenshots from the shipped content, through the CLI a user runs.

    python docs/make_pdf_screenshots.py

Each picture is the page of a freshly made PDF that opens with a given heading, drawn by
pdftoppm (poppler-utils). The quiz and studio screenshots come from the browser tests
(`WERKSTIJL_SCREENSHOT_DIR=docs/screenshots python -m pytest tests/test_browser_quiz.py`).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from pypdf import PdfReader

REPO = Path(__file__).resolve().parents[1]
SHOTS = REPO / "docs" / "screenshots"
GROUP_CSV = """naam;profiel
Anna de Vries;visionair
Bram Jansen;operator
Chantal Bakker;processor
Daan Visser;operator
Eva Smit;processor
Fatima El Amrani;visionair
Gijs Mulder;operator
Hanna de Boer;processor
Ivo Meijer;operator
Julia Bos;processor
Koen Peters;operator
Lotte Hendriks;processor
"""
# picture name -> (PDF in the work folder, the heading the wanted page opens with)
PAGES = {
    "pdf-personal-cover": ("personal.pdf", None),
    "pdf-personal-profile": ("personal.pdf", "Jouw werkstijl"),
    "pdf-group-session": ("default/group-report.pdf", "Sessieplan"),
    "pdf-group-members-grayscale": ("training/group-report.pdf", "Wie is wat"),
    "pdf-group-agreements": ("default/group-report.pdf", "Afspraken om samen te maken"),
}


def cli(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "werkstijl", *args], cwd=REPO, check=True)


def page_with(pdf: Path, heading: str | None) -> int:
    """The 1-based number of the first page that opens with `heading` (the cover for None)."""
    if heading is None:
        return 1
    for number, page in enumerate(PdfReader(pdf).pages, start=1):
        if (page.extract_text() or "").lstrip().startswith(heading):
            return number
    raise SystemExit(f"{pdf.name}: no page holds {heading!r}")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        cli(
            "pdf",
            "--profile",
            "processor",
            "--name",
            "Zoë de Vries",
            "-o",
            str(work / "personal.pdf"),
        )
        (work / "groep.csv").write_text(GROUP_CSV, encoding="utf-8")
        title = "Team Marketing – Slim mailen & plannen"
        for template in ("default", "training"):
            out = work / template
            cli(
                "bulk",
                str(work / "groep.csv"),
                "--out",
                str(out),
                "--template",
                template,
                "--title",
                title,
            )
        for name, (pdf, heading) in PAGES.items():
            number = page_with(work / pdf, heading)
            target = SHOTS / name
            subprocess.run(
                [
                    "pdftoppm",
                    "-png",
                    "-r",
                    "75",
                    "-f",
                    str(number),
                    "-l",
                    str(number),
                    "-singlefile",
                    str(work / pdf),
                    str(target),
                ],
                check=True,
            )
            print(f"{target}.png  ({pdf}, page {number})")


if __name__ == "__main__":
    main()
