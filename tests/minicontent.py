"""A small, valid content folder written as YAML text, for tests that break one file at a time."""

from __future__ import annotations

from pathlib import Path

PROFILES = ("alpha", "beta", "gamma")


def profile_yaml(pid: str, order: int) -> str:
    t = f"{{nl: '{pid} nl', en: '{pid} en'}}"
    blocks = "".join(
        f"""  - id: b{n}
    days: [{day}]
    start: "09:00"
    end: "10:00"
    title: {t}
"""
        for n, day in enumerate(("mon", "tue", "wed"), start=1)
    )
    others = [p for p in PROFILES if p != pid]
    close = "".join(f"    {o}: {pair_tip(pid, o)}\n" for o in others)
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
{blocks}start_plan:
  first_step: plan-{pid}-1
  then: [plan-{pid}-2, plan-{pid}-3]
  close:
{close}team:
  role: {t}
"""


def pair_tip(a: str, b: str) -> str:
    """The agenda tip shared by two profiles (a close result's first step)."""
    return "pair-" + "-".join(sorted((a, b)))


QUESTIONS = """questions:
  - id: q-one
    text: {nl: Vraag een, en: Question one}
    options:
      - text: {nl: A, en: A}
        describes: alpha
        scores: {alpha: 1}
      - text: {nl: B, en: B}
        describes: beta
        scores: {beta: 1}
      - text: {nl: C, en: C}
        describes: gamma
        scores: {gamma: 1}
  - id: q-two
    text: {nl: Vraag twee, en: Question two}
    options:
      - text: {nl: A, en: A}
        describes: beta
        scores: {beta: 1}
      - text: {nl: B, en: B}
        describes: gamma
        scores: {gamma: 1}
      - text: {nl: C, en: C}
        describes: alpha
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


def plan_tips_yaml() -> str:
    """The start plans' tips (each refers to a block of the rhythm), in a file of their own:
    three per profile, and one per pair of profiles for a close result's first step."""
    out = ["category: email", "tips:"]

    def tip(tip_id: str, profiles: list[str], block: str) -> list[str]:
        return [
            f"  - id: {tip_id}",
            f"    title: {{nl: Stap {tip_id}, en: Step {tip_id}}}",
            f"    text: {{nl: 'Doe dit in {{{block}}}.', en: 'Do this in {{{block}}}.'}}",
            f"    profiles: [{', '.join(profiles)}]",
            "    priority: 1",
        ]

    for pid in PROFILES:
        for n in (1, 2, 3):
            out += tip(f"plan-{pid}-{n}", [pid], f"b{n}")
    for i, a in enumerate(PROFILES):
        for b in PROFILES[i + 1 :]:
            out += tip(pair_tip(a, b), [a, b], "b1")
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
    lines = [
        line.replace("{link}'", "{link} {first_step} vanaf {start}'").replace(
            "en'}", "en {first_step} from {start}'}"
        )
        if line.startswith("mail_body")
        else line
        for line in lines
    ]
    calendar = [
        "calendar:",
        "  name: {nl: 'Week {profile}', en: 'Week {profile}'}",
        "  new_habit: {nl: 'Week {week}: {title}', en: 'Week {week}: {title}'}",
        "  footer: {nl: 'Zie {link}', en: 'See {link}'}",
    ]
    training = (
        "training_mail: {subject: {nl: 'tm {title}', en: 'tm {title}'}, "
        "body: {nl: 'tm {title} {first_step} {start}', en: 'tm {title} {first_step} {start}'}, "
        "subject_untitled: {nl: tm, en: tm}, "
        "body_untitled: {nl: 'tm {first_step} {start}', en: 'tm {first_step} {start}'}}"
    )
    extra = ["consent_version: test-v1", "site_url: https://example.org/test", *calendar]
    extra.append(training)
    return "\n".join([*lines, *extra]) + "\n"


def group_yaml() -> str:
    """texts/group.yaml: a statement for every kind of mix, two agreements, a 60-minute session."""

    def t(words: str) -> str:
        return f"{{nl: '{words} nl', en: '{words} en'}}"

    mix = ["mix:", "  - id: balanced", "    when: {balanced: true}"]
    mix += [f"    strong: {t('balanced strong')}", f"    risk: {t('balanced risk')}"]
    for pid in PROFILES:
        for key in ("absent", "dominant", "few"):
            mix += [
                f"  - id: {key}-{pid}",
                f"    when: {{{key}: {pid}}}",
                f"    strong: {t(f'{key} {pid} strong')}",
                f"    risk: {t(f'{key} {pid} risk')}",
            ]
    rest = f"""agreements:
  - id: reply
    area: email
    topic: {t("reply")}
    question: {t("reply question")}
    options:
      - when: {{dominant: alpha}}
        proposal: {{nl: 'alpha reply in {{b1}}', en: 'alpha reply in {{b1}}'}}
      - proposal: {t("reply proposal")}
  - id: meet
    area: meetings
    topic: {t("meet")}
    question: {t("meet question")}
    options:
      - proposal: {t("meet proposal")}
session:
  intro: {t("intro")}
  small: {t("small")}
  prepare: [{t("prepare")}]
  steps:
    - minutes: 30
      title: {t("one")}
      do: {t("act one")}
    - minutes: 30
      title: {t("two")}
      do: {t("act two")}
"""
    return "\n".join(mix) + "\n" + rest


def write_mini_content(root: Path) -> Path:
    for sub in ("profiles", "questions", "tips", "texts"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    for order, pid in enumerate(PROFILES, start=1):
        (root / "profiles" / f"{pid}.yaml").write_text(profile_yaml(pid, order))
    (root / "questions" / "questions.yaml").write_text(QUESTIONS)
    (root / "tips" / "email.yaml").write_text(tips_yaml("email"))
    (root / "tips" / "agenda.yaml").write_text(tips_yaml("agenda"))
    (root / "tips" / "plan.yaml").write_text(plan_tips_yaml())
    (root / "texts" / "site.yaml").write_text(site_yaml())
    (root / "texts" / "group.yaml").write_text(group_yaml())
    return root
