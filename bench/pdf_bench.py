"""How fast is one personal PDF, compared with WeasyPrint, and does memory stay flat?

Run from the repository root:  python bench/pdf_bench.py [--renders 1000] [--weasy 10]

Prints the median time per PDF (ReportLab, in-process, after warm-up; tagged, as every PDF is), the
same with a right-to-left name (bidi and Arabic shaping), the median for the same text
rendered by WeasyPrint from equivalent HTML, their ratio, and the growth of resident memory (VmRSS)
over many renders in one process. Targets: <= 20 ms per PDF, >= 10x faster than WeasyPrint,
< 50 MB growth over 1,000 renders.
"""

from __future__ import annotations

import argparse
import html
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from werkstijl.content import load_content  # noqa: E402
from werkstijl.content.models import Content, Lang  # noqa: E402
from werkstijl.plan import make_plan  # noqa: E402
from werkstijl.report import Renderer  # noqa: E402
from werkstijl.report.template import DEFAULT_TEMPLATES_DIR  # noqa: E402
from werkstijl.scoring import Result, score  # noqa: E402

NAMES = [
    "Zoë de Vries",
    "Çağla Yılmaz",
    "Łukasz Nowak",
    "Ann O'Brien & Zonen",
    "李小龍",
    "محمد علي",
]
RTL_NAME = "فاطمة الزهراء"


def rss_mb() -> float:
    """Resident memory of this process, from /proc (no psutil needed)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def content() -> Content:
    loaded = load_content(ROOT)
    if loaded.content is None:
        sys.path.insert(0, str(ROOT / "tests"))
        from pdf_fixtures import make_content

        print("real content does not load; using the test fixture content")
        return make_content()
    return loaded.content


def median_ms(run: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median wall-clock and CPU milliseconds (CPU time is what a busy shared machine distorts least)."""
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        run()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000


CSS = """
@font-face{font-family:D;src:url(FONTS/DejaVuSans.ttf)}
@font-face{font-family:D;font-weight:bold;src:url(FONTS/DejaVuSans-Bold.ttf)}
@font-face{font-family:D;font-style:italic;src:url(FONTS/DejaVuSans-Oblique.ttf)}
@page{size:A4;margin:22mm 22mm 24mm;
  @bottom-left{content:"Werkstijltest";font:8pt D;color:#66717E}
  @bottom-right{content:"Pagina " counter(page) " van " counter(pages);font:8pt D;color:#66717E}}
@page:first{@bottom-left{content:none}@bottom-right{content:none}}
body{font:10pt/15pt D;color:#1F2933}
section{page-break-before:always}
h1{font-size:20pt;line-height:25pt;border-top:1.2mm solid ACCENT;padding-top:3mm;width:fit-content}
h2{font-size:11pt;margin:4mm 0 1mm}
.kicker{font-size:7.5pt;font-weight:bold;text-transform:uppercase;color:ACCENT;margin:0}
.cover{height:230mm;position:relative}.band{position:absolute;bottom:-24mm;left:-22mm;right:-22mm;
  height:38mm;background:TINT;border-top:1.2mm solid ACCENT}
.name{font-size:30pt;line-height:36pt;font-weight:bold;margin-top:60mm}
.profile{font-size:44pt;line-height:50pt;font-weight:bold;color:ACCENT}
.cols{display:flex;gap:8mm}.cols>div{flex:1}
.bar{display:flex;align-items:center;gap:3mm;margin:2mm 0}.track{flex:1;background:#F3F5F7;height:10pt}
td,th{border-bottom:.4pt solid #D5DAE1;padding:2.4mm 2mm;font-size:8pt}table{border-collapse:collapse;width:100%}
.dot{width:3.2mm;height:3.2mm;border-radius:50%;background:ACCENT;margin:auto}
.box{display:inline-block;width:4.5mm;height:4.5mm;border:.9pt solid #1F2933;border-radius:.6mm}
.line{border-bottom:.5pt solid #D5DAE1;height:8mm}
"""


def weasy_html(c: Content, name: str, result: Result, lang: Lang) -> str:
    """The same sections, text and look as the personal PDF, as an HTML document for WeasyPrint."""
    e = html.escape
    p = c.profile(result.profile)
    template = DEFAULT_TEMPLATES_DIR / "default"
    css = (
        CSS.replace("FONTS", (template / "fonts").as_uri())
        .replace("ACCENT", p.colour)
        .replace("TINT", p.colour + "1A")
    )
    parts = [
        f"<style>{css}</style><div class=cover><img src='{(template / 'logo.png').as_uri()}' "
        f"style='width:48mm'><p class=name>{e(name)}</p><p>23 november 2026</p>"
        f"<p class=profile>{e(p.name.get(lang))}</p><p><i>{p.tagline.get(lang)}</i></p>"
        "<div class=band></div></div>",
        f"<section><h1>Jouw werkstijl: {e(p.name.get(lang))}</h1><p>{p.description.get(lang)}</p>",
    ]
    plan = make_plan(c, result)
    first = plan.first_step
    parts.append(
        f"<div class=cols><p class=kicker>Jouw eerste stap</p><h2>{first.title.get(lang)}</h2>"
        f"<p>{first.text.get(lang)}</p></div><h1>Je startplan</h1><table>"
    )
    for step in plan.steps:
        text = step.tip.text.get(lang) if step.week > 1 else ""
        parts.append(
            f"<tr><td><span class=box></span></td><td><b>Week {step.week}</b><br>vanaf 30 november"
            f"</td><td><b>{step.tip.title.get(lang)}</b><br>{text}</td></tr>"
        )
    parts.append("</table><h1>Weekritme</h1><table><tr><th>Tijd</th><th>Dagen</th><th>Wat</th>")
    parts.append("<th>Vanaf</th></tr>")
    for block in plan.blocks:
        why = block.why.get(lang) if block.why else ""
        parts.append(
            f"<tr><td><b>{block.start}–{block.end}</b></td><td>{block.day_words(lang)}</td>"
            f"<td><b>{block.title.get(lang)}</b><br>{why}</td><td>week {block.start_week}</td></tr>"
        )
    parts.append("</table><h2>Jouw scores</h2>")
    for other in c.profiles:
        pct = result.percentages.get(other.id, 0)
        parts.append(
            f"<div class=bar><span style='width:25mm'>{e(other.name.get(lang))}</span><div class=track>"
            f"<div style='width:{pct}%;height:10pt;background:{other.colour}'></div></div>{pct}%</div>"
        )
    parts.append(
        f"<div class=cols><div><h2>E-mail</h2><p>{p.email_style.get(lang)}</p></div>"
        f"<div><h2>Agenda</h2><p>{p.agenda_style.get(lang)}</p></div></div><div class=cols>"
    )
    for items in (p.strengths, p.pitfalls):
        parts.append(
            "<div><ul>" + "".join(f"<li>{t.get(lang)}</li>" for t in items) + "</ul></div>"
        )
    parts.append("</div></section>")
    for group in plan.reference:
        parts.append(f"<section><h1>{group.category.value}</h1><h2>{group.stage.value}</h2>")
        for tip in group.tips:
            parts.append(f"<h2>{tip.title.get(lang)}</h2><p>{tip.text.get(lang)}</p>")
        parts.append("</section>")
    parts.append("<h2>Notities</h2>" + "<div class=line></div>" * 6)
    parts.append(
        "<p>Doe de test nog eens: <a href='https://werkstijltest.nl'>werkstijltest.nl</a></p>"
    )
    return "<html><body>" + "".join(parts) + "</body></html>"


def weasy_ms(c: Content, result: Result, repeat: int) -> tuple[float, float]:
    """The same text through WeasyPrint; one copy is kept in /tmp to compare the look by eye."""
    from weasyprint import HTML

    page = weasy_html(c, NAMES[0], result, "nl")
    Path("/tmp/weasy-bench.pdf").write_bytes(HTML(string=page).write_pdf())
    return median_ms(lambda: HTML(string=page).write_pdf(), repeat)


def memory_growth(renderer: Renderer, c: Content, result: Result, renders: int) -> float:
    """MB of resident memory gained over many PDFs of varied names, profiles and languages."""
    before = rss_mb()
    profiles = [p.id for p in c.profiles]
    for i in range(renders):
        renderer.personal(
            c,
            name=NAMES[i % len(NAMES)] + f" {i}",
            profile_id=profiles[i % len(profiles)],
            result=result if i % 2 else None,
            lang="nl" if i % 3 else "en",
        )
    return rss_mb() - before


def accelerator() -> str:
    from reportlab.lib import rl_accel

    if "_py_" not in rl_accel.instanceStringWidthTTF.__name__:
        return "yes"
    return "no (pip install rl-accel)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=1000, help="renders for the memory figure")
    parser.add_argument("--repeat", type=int, default=100, help="timed renders for the median")
    parser.add_argument("--weasy", type=int, default=10, help="timed WeasyPrint renders")
    args = parser.parse_args()

    c = content()
    result = score(c, [1] * len(c.questions))
    renderer = Renderer()

    def render() -> bytes:
        return renderer.personal(c, name=NAMES[0], profile_id=result.profile, result=result)

    for _ in range(20):
        pdf = render()
    ours = median_ms(render, args.repeat)

    def first_of_profile() -> None:  # what the first PDF of a profile costs: no cached sections
        renderer._pieces.clear()
        render()

    cold = median_ms(first_of_profile, max(args.repeat // 4, 5))

    def right_to_left() -> bytes:  # bidi and Arabic shaping of the name
        return renderer.personal(c, name=RTL_NAME, profile_id=result.profile, result=result)

    rtl = median_ms(right_to_left, args.repeat)
    weasy = weasy_ms(c, result, args.weasy)
    growth = memory_growth(renderer, c, result, args.renders)

    print(f"PDF size:                        {len(pdf) / 1024:.0f} KB")
    print(f"ReportLab C accelerator:         {accelerator()}")
    print(f"load average at the end:         {os.getloadavg()[0]:.1f} (on {os.cpu_count()} cores)")
    print(
        f"ReportLab, median per PDF:       {ours[0]:.1f} ms wall, {ours[1]:.1f} ms CPU   (target <= 20 ms)"
    )
    print(
        f"ReportLab, first PDF of profile: {cold[0]:.1f} ms wall, {cold[1]:.1f} ms CPU   (no cached sections)"
    )
    print(
        f"ReportLab, right-to-left name:   {rtl[0]:.1f} ms wall, {rtl[1]:.1f} ms CPU   (bidi + shaping)"
    )
    print(f"WeasyPrint, same text, median:   {weasy[0]:.1f} ms wall, {weasy[1]:.1f} ms CPU")
    print(
        f"Ratio WeasyPrint / ReportLab:    {weasy[0] / ours[0]:.1f}x wall, {weasy[1] / ours[1]:.1f}x CPU   (target >= 10x)"
    )
    print(f"RSS growth over {args.renders} renders:   {growth:.1f} MB   (target < 50 MB)")


if __name__ == "__main__":
    main()
