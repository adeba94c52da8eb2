"""Checks that keep the plan coherent: what the models alone cannot see.

- A week rhythm has unique block ids and no two blocks on the same day at the same time.
- A text that writes a time range, a clock time or a set of days the rhythm of a profile it is
  shown to does not have, or that refers to a block (`{mail}`) the rhythm lacks, is an error:
  the rhythm is the only place times and days live, so the PDF, page, mail and calendar agree.
- An option's highest points go to the profile its words describe (a tie at the top may include
  another profile, as in a question written to balance two).
- A start plan names existing tips for its profile, each with a place (a block) in the week.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from pydantic import BaseModel

from werkstijl.content.models import LANGS, Profile, SiteTexts, Text, Tip
from werkstijl.content.rhythm import format_days, mentions, placeholders
from werkstijl.content.wording import current_language, say
from werkstijl.yamlsrc import Loc, Located, Problem

if TYPE_CHECKING:
    from werkstijl.content.loader import _Run


def check_plan(
    run: _Run,
    profiles: list[tuple[Profile, Located]],
    question_files: list,
    tip_files: list,
    site: tuple[SiteTexts, Located] | None,
) -> None:
    by_id = {p.id: p for p, _ in profiles}
    for profile, located in profiles:
        _check_rhythm(run, profile, located)
        for loc, text in _texts(profile, ()):
            _check_mentions(run, located, loc, text, [profile], say("owner.profile", id=profile.id))
    if not run.profiles_complete:
        # A profile file is unreadable: checks across profiles would only repeat that problem.
        return
    tips = {t.id: t for tf, _ in tip_files for t in tf.tips}
    for tip_file, located in tip_files:
        for index, tip in enumerate(tip_file.tips):
            _check_tip(run, located, ("tips", index), tip, by_id)
    # Ids of profile files that failed validation still count as known (said once, not again).
    known = set(by_id) | run.broken_ids
    for question_file, located in question_files:
        _check_options(run, located, question_file, known)
    for profile, located in profiles:
        _check_start_plan(run, located, profile, tips, by_id)
    if site is not None:
        _check_site(run, *site, list(by_id.values()))


def _texts(node: object, loc: Loc) -> Iterator[tuple[Loc, Text]]:
    """Every Text in a model, with its location."""
    if isinstance(node, Text):
        yield loc, node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _texts(getattr(node, name), (*loc, name))
    elif isinstance(node, list | tuple):
        for index, item in enumerate(node):
            yield from _texts(item, (*loc, index))


def _check_rhythm(run: _Run, profile: Profile, located: Located) -> None:
    seen: dict[str, int] = {}
    blocks = profile.week_rhythm
    for index, block in enumerate(blocks):
        if block.id in seen:
            message = say("rhythm.duplicate_block", id=block.id)
            run.errors.append(located.problem(("week_rhythm", index, "id"), message))
        seen.setdefault(block.id, index)
        for other in blocks[:index]:
            shared = [d for d in block.days if d in other.days]
            if shared and block.start < other.end and other.start < block.end:
                days = [str(d) for d in shared]  # in the message's language, not always English
                day = format_days(days, current_language()).replace("\u00a0", " ")
                message = say("rhythm.overlap", id=block.id, other=other.id, day=day)
                run.errors.append(located.problem(("week_rhythm", index, "start"), message))


def _block_list(profile: Profile) -> str:
    return ", ".join("{" + b.id + "}" for b in profile.week_rhythm)


def _check_mentions(
    run: _Run,
    located: Located,
    loc: Loc,
    text: Text,
    readers: list[Profile],
    owner: str,
    refs: bool = False,
) -> None:
    """Times and days written in `text` must be those of a block of every profile reading it;
    with `refs` (tips), each `{block}` it refers to must be in their rhythms too. One mistake
    read by several profiles is one message (the first profile's, naming the others)."""
    for lang in LANGS:
        value = text.nl if lang == "nl" else text.en
        if not value:
            continue
        found: dict[str, list[tuple[str, Problem]]] = {}
        for profile in readers:
            for word, message in _missing(value, lang, profile, owner, refs):
                problem = run.text_problem(located, (*loc, lang), message, word)
                found.setdefault(word, []).append((profile.id, problem))
        for per_profile in found.values():
            (_, first), others = per_profile[0], [pid for pid, _ in per_profile[1:]]
            if others:
                names = say("group.and").join(f"'{p}'" for p in others)
                also = say("rhythm.also_many" if len(others) > 1 else "rhythm.also", profiles=names)
                first = replace(first, message=first.message + also)
            _add(run, first)


def _missing(
    value: str, lang: str, profile: Profile, owner: str, refs: bool
) -> Iterator[tuple[str, str]]:
    """(what is written, message) for each time, day set or block in `value` that `profile`'s
    rhythm lacks."""
    found = mentions(value, lang)
    blocks = profile.week_rhythm
    said = {"owner": owner, "profile": profile.id, "blocks": _block_list(profile)}
    for (start, end), words in zip(found.ranges, found.range_words, strict=True):
        if not any((b.start, b.end) == (start, end) for b in blocks):
            yield words, say("rhythm.range_missing", words=words, start=start, end=end, **said)
    for time in found.times:
        if not any(time in (b.start, b.end) for b in blocks):
            yield time, say("rhythm.time_missing", time=time, **said)
    for days, words in zip(found.day_sets, found.day_words, strict=True):
        if not any(set(map(str, b.days)) == days for b in blocks):
            yield words, say("rhythm.days_missing", words=words, **said)
    for block_id in placeholders(value) if refs else ():
        if profile.block(block_id) is None:
            yield "{" + block_id + "}", say("rhythm.unknown_block", block=block_id, **said)


def _add(run: _Run, problem) -> None:
    if problem not in run.errors:
        run.errors.append(problem)


def _check_tip(run: _Run, located: Located, loc: Loc, tip: Tip, by_id: dict[str, Profile]) -> None:
    owner = say("owner.tip", id=tip.id)
    for profile_id in tip.variants:
        if profile_id not in tip.profiles:
            message = say("variant.not_for_profile", id=tip.id, profile=profile_id)
            run.errors.append(located.problem((*loc, "variants", profile_id), message, key=True))
    readers = [by_id[p] for p in tip.profiles if p in by_id]
    for part in ("title", "text"):
        plain = [p for p in readers if getattr(tip.variants.get(p.id), part, None) is None]
        _check_mentions(run, located, (*loc, part), getattr(tip, part), plain, owner, refs=True)
        for profile_id, variant in tip.variants.items():
            wording = getattr(variant, part)
            if wording is not None and profile_id in by_id:
                where = (*loc, "variants", profile_id, part)
                reader = [by_id[profile_id]]
                _check_mentions(run, located, where, wording, reader, owner, refs=True)


def _check_options(run: _Run, located: Located, question_file, known: set[str]) -> None:
    for qi, question in enumerate(question_file.questions):
        for oi, option in enumerate(question.options):
            loc = ("questions", qi, "options", oi, "describes")
            owner = say("owner.option_n_of", n=oi + 1, owner=say("owner.question", id=question.id))
            if option.describes in run.broken_ids:
                continue
            if option.describes not in known:
                names = ", ".join(sorted(known))
                message = say(
                    "cross.unknown_profile", what=owner, name=option.describes, known=names
                )
                run.errors.append(located.problem(loc, message))
                continue
            best = max(option.scores.values())
            top = [p for p, v in option.scores.items() if v == best]
            if not set(option.scores) <= known:
                continue  # an unknown profile in the scores is reported already
            if option.describes not in top:
                names = say("word.or").join(f"'{p}'" for p in top)
                message = say(
                    "option.describes_other", owner=owner, describes=option.describes, top=names
                )
                run.errors.append(located.problem(loc, message))


def _check_start_plan(
    run: _Run, located: Located, profile: Profile, tips: dict[str, Tip], by_id: dict[str, Profile]
) -> None:
    plan = profile.start_plan
    steps: list[tuple[Loc, str, Profile | None]] = [
        (("start_plan", "first_step"), plan.first_step, None)
    ]
    steps += [(("start_plan", "then", i), tip_id, None) for i, tip_id in enumerate(plan.then)]
    seen: set[str] = set()
    for loc, tip_id, _ in steps:
        if tip_id in seen:
            run.errors.append(located.problem(loc, say("plan.repeated", id=tip_id)))
        seen.add(tip_id)
    for runner_up, tip_id in plan.close.items():
        loc = ("start_plan", "close", runner_up)
        if runner_up == profile.id:
            run.errors.append(located.problem(loc, say("plan.close_self"), key=True))
        elif runner_up in run.broken_ids:
            continue
        elif runner_up not in by_id:
            what = say("owner.profile", id=profile.id)
            known = ", ".join(sorted(by_id))
            message = say("cross.unknown_profile", what=what, name=runner_up, known=known)
            run.errors.append(located.problem(loc, message, key=True))
        else:
            steps.append((loc, tip_id, by_id[runner_up]))
    for runner_up in by_id:
        if runner_up != profile.id and runner_up not in plan.close:
            message = say("plan.close_missing", runner_up=runner_up)
            run.warnings.append(located.problem(("start_plan",), message, key=True))
    for loc, tip_id, side in steps:
        _check_step(run, located, loc, profile, tips.get(tip_id), tip_id, side)


def _check_step(
    run: _Run,
    located: Located,
    loc: Loc,
    profile: Profile,
    tip: Tip | None,
    tip_id: str,
    side: Profile | None,
) -> None:
    if tip_id in run.duplicate_tip_ids:
        return  # which tip is meant is unclear: the duplicate id is reported already
    if tip is None:
        if not run.tip_may_exist(tip_id):  # else it may be in a tip file that failed
            run.errors.append(located.problem(loc, say("plan.unknown_tip", id=tip_id)))
        return
    if profile.id not in tip.profiles:
        message = say("plan.not_for_profile", id=tip_id, profile=profile.id)
        run.errors.append(located.problem(loc, message))
        return
    if side is not None and side.id not in tip.profiles:
        message = say("plan.close_side", id=tip_id, runner_up=side.id)
        run.errors.append(located.problem(loc, message))
    title, text = tip.wording(profile.id)
    refs = placeholders(title.nl) + placeholders(text.nl)
    if not any(profile.block(ref) is not None for ref in refs):
        example = profile.week_rhythm[0].id
        message = say("plan.no_block", id=tip_id, profile=profile.id, example=example)
        run.errors.append(located.problem(loc, message))


def _check_site(run: _Run, site: SiteTexts, located: Located, profiles: list[Profile]) -> None:
    for lang in LANGS:
        body = site.mail_body.nl if lang == "nl" else site.mail_body.en
        if body and "{first_step}" not in body:
            run.errors.append(located.problem(("mail_body", lang), say("site.no_first_step")))
        elif body and "{start}" not in body:
            message = say("site.no_start", key="mail_body")
            run.warnings.append(located.problem(("mail_body", lang), message))
        for key in ("body", "body_untitled"):
            text = getattr(site.training_mail, key)
            words = text.nl if lang == "nl" else text.en
            if words and "{start}" not in words:
                loc = ("training_mail", key, lang)
                message = say("site.no_start", key=f"training_mail.{key}")
                run.warnings.append(located.problem(loc, message))
    for loc, text in _texts(site, ()):
        _check_mentions(run, located, loc, text, profiles, say("where.file"))
