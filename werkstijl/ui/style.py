"""A little CSS for a calm, mobile-first quiz: no Streamlit chrome, big tap targets, quiet type."""

from __future__ import annotations

import streamlit as st

INK = "#1F2937"
MUTED = "#5F6672"  # secondary text: 5.8:1 on white, 5.4:1 on the light grey (WCAG AA: 4.5:1)
ACCENT = "#1F4E8C"  # buttons and progress before a profile is known
TRACK = "#EEF0F3"

CSS = f"""
<style>
#MainMenu, footer, [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], .stAppDeployButton,
[data-testid="stHeaderActionElements"] {{ display: none !important; }}
header[data-testid="stHeader"] {{ background: transparent; height: 0; }}
.block-container, [data-testid="stMainBlockContainer"] {{
  max-width: 680px; padding-top: 1.25rem; padding-bottom: 3rem;
}}
html, body, [data-testid="stAppViewContainer"] {{ color: {INK}; }}
h1, h2, h3, h4 {{ letter-spacing: -0.01em; }}
.st-key-ws-top [data-testid="stMarkdownContainer"] p, .st-key-ws-top button p {{ margin: 0; }}
.st-key-ws-top [data-testid="stMarkdownContainer"] {{ margin-bottom: 0 !important; }}
.st-key-ws-top {{ min-height: 2.5rem; }}
p.ws-brand {{ font-weight: 600; color: {MUTED}; font-size: 0.95rem; }}
h1.ws-title {{ font-size: clamp(1.8rem, 7vw, 2.4rem); line-height: 1.15; margin: 0.2rem 0 0.4rem;
  padding: 0; }}
p.ws-facts {{ color: {MUTED}; font-size: 0.95rem; margin-bottom: 0.6rem; }}
/* Streamlit fades captions with opacity 0.6 (about 4:1 on white); AA needs 4.5:1. */
[data-testid="stCaptionContainer"] {{ color: {MUTED}; opacity: 1; }}
input::placeholder, textarea::placeholder {{ color: {MUTED}; opacity: 1; }}
[data-testid="stMarkdownContainer"] h1.ws-question {{
  font-size: clamp(1.35rem, 5.5vw, 1.65rem); font-weight: 650; line-height: 1.3;
  margin: 0.4rem 0 0.6rem; padding: 0;
}}
[data-ws-view]:focus {{ outline: none; }}  /* focused by the page script, not a control */
.ws-progress {{ background: {TRACK}; border-radius: 99px; height: 0.5rem; overflow: hidden;
  margin: 0.1rem 0 0.4rem; }}
.ws-progress > span {{ display: block; height: 100%; background: {ACCENT}; border-radius: 99px; }}
.st-key-ws-a11y {{ display: none !important; }}
[class*="st-key-ws-options"] button {{
  justify-content: flex-start; text-align: left; min-height: 3.4rem;
  padding: 0.8rem 1.1rem; border-radius: 0.8rem; font-size: 1.05rem; line-height: 1.35;
}}
[class*="st-key-ws-options"] button > div {{ justify-content: flex-start; width: 100%; }}
[class*="st-key-ws-options"] button p {{ font-size: 1.05rem; text-align: left; }}
@media (hover: hover) {{
  [class*="st-key-ws-options"] button[kind="secondary"]:hover {{
    border-color: {ACCENT}; color: {ACCENT};
  }}
}}
@media (hover: none) {{  /* touch: no "sticky hover" that looks like an answer on the next screen */
  [class*="st-key-ws-options"] button[kind="secondary"]:hover,
  [class*="st-key-ws-options"] button[kind="secondary"]:focus {{
    border-color: rgba(49, 51, 63, 0.2); color: inherit; background: transparent;
  }}
}}
button[kind="primary"], button[data-testid="stBaseButton-primary"],
[data-testid="stBaseButton-primaryFormSubmit"] {{
  background: {ACCENT}; border-color: {ACCENT}; color: white;
}}
button[kind="primary"]:hover {{ filter: brightness(1.1); }}
.st-key-ws-start button, .st-key-ws-download button {{ min-height: 3.2rem; font-size: 1.05rem; }}
[data-testid="stCheckbox"][data-selected="true"] label > div:has(> svg) {{
  background: {ACCENT}; border-color: {ACCENT};
}}
/* Arrival guard: a double tap on an answer must not also answer the next question, which
   appears under the finger within milliseconds. The new options ignore taps for 0.3 s. */
[class*="st-key-ws-options"] {{ animation: ws-arrive 0.3s ease-out; }}
@keyframes ws-arrive {{
  from {{ opacity: 0.4; pointer-events: none; }}
  99% {{ pointer-events: none; }}
  to {{ opacity: 1; pointer-events: auto; }}
}}
@media (prefers-reduced-motion: reduce) {{
  [class*="st-key-ws-options"] {{ animation-timing-function: steps(1, end); }}
}}
p.ws-kicker {{ text-transform: uppercase; letter-spacing: 0.08em; font-size: 0.8rem;
  color: {MUTED}; margin: 0.5rem 0 0; }}
h1.ws-profile {{ font-size: clamp(2.2rem, 9vw, 3rem); line-height: 1.1; margin: 0.1rem 0 0.2rem;
  padding: 0; }}
.ws-side {{ display: block; font-size: 1.05rem; font-weight: 500; color: {MUTED};
  margin: 0.35rem 0 0.2rem; letter-spacing: 0; }}
p.ws-tagline {{ font-size: 1.15rem; font-style: italic; line-height: 1.4;
  margin: 0.5rem 0 0.8rem; }}
[data-testid="stMarkdownContainer"] .ws-h2 {{ font-size: 1.45rem; font-weight: 700;
  margin: 0.4rem 0 0.2rem; padding: 0; }}
[data-testid="stMarkdownContainer"] .ws-section {{ font-weight: 600; font-size: 1.1rem;
  margin: 1.2rem 0 0.5rem; padding: 0; }}
[data-testid="stMarkdownContainer"] h3.ws-tip {{ font-weight: 700; font-size: 1rem;
  margin: 0 0 0.3rem; padding: 0; line-height: 1.4; }}
[data-testid="stMarkdownContainer"] .ws-section.ws-first {{ margin-top: 0.2rem; }}
.ws-bars {{ display: grid; gap: 0.45rem; margin-bottom: 0.8rem; }}
.ws-bar {{ display: grid; grid-template-columns: 6.5rem 1fr 2.8rem; align-items: center;
  gap: 0.6rem; font-size: 0.95rem; }}
.ws-bar-strong {{ font-weight: 700; }}
.ws-bar-track {{ background: {TRACK}; border-radius: 99px; height: 0.75rem; overflow: hidden; }}
.ws-bar-fill {{ display: block; height: 100%; border-radius: 99px; }}
.ws-bar-pct {{ text-align: right; font-variant-numeric: tabular-nums; }}
/* On a phone Streamlit's hint inside a text field ("Druk op Enter om te versturen • 22/320")
   runs into the typed address: put it under the field instead. */
@media (max-width: 640px) {{
  [data-testid="stTextInput"] div:has(> [data-testid="InputInstructions"]),
  [data-testid="stTextInput"] [data-testid="InputInstructions"] {{ position: static !important;
    inset: auto !important; transform: none !important; }}
  [data-testid="stTextInput"] [data-testid="InputInstructions"] {{ justify-content: flex-end;
    padding-top: 0.2rem; }}
}}
/* The honeypot: off-screen for people, and `visibility: hidden` takes it out of the tab order
   and the accessibility tree too; scripts that fill every input still find it. */
.st-key-ws-hp {{ position: absolute !important; left: -10000px !important; width: 1px;
  height: 1px; overflow: hidden; visibility: hidden; }}
</style>
"""


def apply_style() -> None:
    st.markdown(CSS, unsafe_allow_html=True)


# The staff's whole-file editor: YAML is about columns, so it is edited in a monospace font.
EDITOR_CSS = """<style>
.st-key-staff_file_editor textarea { font-family: ui-monospace, "DejaVu Sans Mono", Menlo,
  Consolas, monospace; font-size: 0.85rem; line-height: 1.5; white-space: pre; }
</style>"""


def apply_editor_style() -> None:
    st.markdown(EDITOR_CSS, unsafe_allow_html=True)
