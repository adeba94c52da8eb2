"""A small, valid content folder written as YAML text, for tests that break one file at a time."""

from __future__ import annotations

from pathlib import Path

PROFILES = ("alpha", "beta", "gamma")


def profile_yaml(pid: str, order: int) -> str:
    t = f"{{nl: '{pid} nl', en: '{pid} en'}}"
    block = f"""  - days: [mon]
    start: "09:00"
    end: "10:00"
    title: {t}
"""
    return f"""id: {pid}
order: {order}
name: {{nl: {pid.title()}, en: {pid.title()}}}
colour: "#12345{order}"
tagline: {t}
description: {t}
email_style: {t}
agenda_style: {t}
strengths: [{t}, {t}]
pitfalls: [{t}, {t}]
week_rhythm:
{block * 3}team:
  role: {t}
  when_dominant: {t}
  when_missing: {t}
"""


QUESTIONS = """questions:
  - id: q-one
    text: {nl: Vraag een, en: Question one}
    options:
      - text: {nl: A, en: A}
        scores: {alpha: 1}
      - text: {nl: B, en: B}
        scores: {beta: 1}
      - text: {nl: C, en: C}
        scores: {gamma: 1}
  - id: q-two
    text: {nl: Vraag twee, en: Question two}
    options:
      - text: {nl: A, en: A}
        scores: {beta: 1}
      - text: {nl: B, en: B}
        scores: {gamma: 1}
      - text: {nl: C, en: C}
        scores: {alpha: 1}
"""


def tips_yaml(category: str) -> str:
    out = [f"category: {category}", "tips:"]
    for pid in PROFILES:
        for n in range(3):
            out += [
                f"  - id: {category}-{pid}-{n}",
                f"    title: {{nl: Tip {pid} {n}, en: Tip {pid} {n}}}",
                "    text: {nl: Doe dit morgen., en: Do this tomorrow.}",
                f"    profiles: [{pid}]",
                f"    priority: {n + 1}",
            ]
    return "\n".join(out) + "\n"


SITE_KEYS = (
    "title",
    "intro",
    "privacy",
    "consent_pdf",
    "consent_updates",
    "mail_subject",
    "mail_body",
    "optin_subject",
    "optin_body",
)


def site_yaml() -> str:
    lines = [f"{k}: {{nl: '{k} {{name}} {{profile}} {{link}}', en: '{k} en'}}" for k in SITE_KEYS]
    return "\n".join([*lines, "consent_version: test-v1"]) + "\n"


def write_mini_content(root: Path) -> Path:
    for sub in ("profiles", "questions", "tips", "texts"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    for order, pid in enumerate(PROFILES, start=1):
        (root / "profiles" / f"{pid}.yaml").write_text(profile_yaml(pid, order))
    (root / "questions" / "questions.yaml").write_text(QUESTIONS)
    (root / "tips" / "email.yaml").write_text(tips_yaml("email"))
    (root / "tips" / "agenda.yaml").write_text(tips_yaml("agenda"))
    (root / "texts" / "site.yaml").write_text(site_yaml())
    return root
