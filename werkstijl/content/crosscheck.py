"""Checks across files: unique ids and references that must name existing profiles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from werkstijl.content.models import SiteTexts, TipCategory
from werkstijl.content.wording import say
from werkstijl.yamlsrc import Located, Problem

if TYPE_CHECKING:
    from werkstijl.content.loader import _Run


def _unique_ids(run: _Run, kind: str, items: list[tuple[str, Located, tuple]]) -> set[str]:
    """items: (id, file, location of the id value); the second use of an id is the error.
    Returns the ids used more than once."""
    first: dict[str, Problem] = {}
    twice: set[str] = set()
    for item_id, located, loc in items:
        here = located.problem(loc, "")
        if item_id in first:
            twice.add(item_id)
            other = first[item_id]
            run.errors.append(
                located.problem(
                    loc,
                    say(
                        "cross.duplicate_id",
                        kind=say(f"kind.{kind}"),
                        id=item_id,
                        path=other.path,
                        line=other.line,
                    ),
                )
            )
        else:
            first[item_id] = here
    return twice


def cross_check(run: _Run, profiles: list, question_files: list, tip_files: list) -> None:
    _unique_ids(run, "profile", [(p.id, loc, ("id",)) for p, loc in profiles])
    _unique_ids(
        run,
        "question",
        [
            (q.id, loc, ("questions", i, "id"))
            for qf, loc in question_files
            for i, q in enumerate(qf.questions)
        ],
    )
    run.duplicate_tip_ids |= _unique_ids(
        run,
        "tip",
        [(t.id, loc, ("tips", i, "id")) for tf, loc in tip_files for i, t in enumerate(tf.tips)],
    )
    orders: dict[int, str] = {}
    for profile, located in profiles:
        if profile.order in orders:
            run.errors.append(
                located.problem(
                    ("order",),
                    say(
                        "cross.same_order",
                        id=profile.id,
                        order=profile.order,
                        other=orders[profile.order],
                    ),
                )
            )
        orders[profile.order] = profile.id
    known = sorted(p.id for p, _ in profiles)
    if not run.profiles_complete:
        # A profile file is unreadable: checks that need every profile would only repeat that.
        _warn_thin_sections(run, [], tip_files)
        return
    if len(known) < 2 and not run.broken_ids:
        run.errors.append(Problem("profiles/", 1, 1, say("cross.two_profiles")))
    _check_references(run, known, question_files, tip_files)
    _warn_thin_sections(run, known, tip_files)


def _check_references(run: _Run, known: list[str], question_files: list, tip_files: list) -> None:
    """Every profile an option scores or a tip names must exist."""
    accepted = set(known) | run.broken_ids

    def unknown(what: str, name: str) -> str:
        return say("cross.unknown_profile", what=what, name=name, known=", ".join(known))

    def asked(question_id: str) -> str:
        return say("owner.question", id=question_id)

    for qf, located in question_files:
        for qi, question in enumerate(qf.questions):
            for oi, option in enumerate(question.options):
                for name in option.scores:
                    if name not in accepted:
                        run.errors.append(
                            located.problem(
                                ("questions", qi, "options", oi, "scores", name),
                                unknown(
                                    say("owner.option_n_of", n=oi + 1, owner=asked(question.id)),
                                    name,
                                ),
                                key=True,
                            )
                        )
    for tf, located in tip_files:
        for ti, tip in enumerate(tf.tips):
            for pi, name in enumerate(tip.profiles):
                if name not in accepted:
                    run.errors.append(
                        located.problem(
                            ("tips", ti, "profiles", pi), unknown(say("owner.tip", id=tip.id), name)
                        )
                    )


def _warn_thin_sections(run: _Run, known: list[str], tip_files: list) -> None:
    from werkstijl.content.loader import MIN_TIPS_PER_CATEGORY

    for category in TipCategory:
        label = say(f"category.{category.value}")
        files = [(tf, loc) for tf, loc in tip_files if tf.category == category]
        if not run.category_complete(category.value):
            continue  # a tip file of this category failed: its counts would be wrong
        if not files:
            if not any(e.path.startswith("tips/") for e in run.errors):  # else: already said
                run.errors.append(
                    Problem(
                        "tips/",
                        1,
                        1,
                        say("cross.no_tips", label=label, category=category.value),
                    )
                )
            continue
        for profile_id in known:
            count = sum(profile_id in t.profiles for tf, _ in files for t in tf.tips)
            if count < MIN_TIPS_PER_CATEGORY:
                _, located = files[0]
                run.warnings.append(
                    located.problem(
                        ("category",),
                        say(
                            "cross.thin",
                            id=profile_id,
                            count=count,
                            label=label,
                            minimum=MIN_TIPS_PER_CATEGORY,
                        ),
                    )
                )


def check_quiz_settings(run: _Run, site: SiteTexts, located: Located, question_files: list) -> None:
    """A minimum set in the `quiz:` block that no visitor can reach turns the early end off in
    effect: say so, rather than let a marketer believe it is on."""
    rule = site.quiz
    count = sum(len(qf.questions) for qf, _ in question_files)
    if rule.early_end and "min_questions" in rule.model_fields_set and rule.min_questions >= count:
        run.warnings.append(
            located.problem(
                ("quiz", "min_questions"),
                say("cross.min_questions", minimum=rule.min_questions, count=count),
            )
        )
