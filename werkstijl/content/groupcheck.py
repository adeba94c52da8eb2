"""Checks of texts/group.yaml that the models alone cannot see.

- Ids of mix statements and of agreements are unique; every profile a condition names exists.
- Every condition is read against every kind of mix of groups up to 40 people (`mixrules.mix_kinds`): a
  statement that fits no group, a group that gets no statement (a warning), an agreement option
  that is never proposed, and a group that gets no proposal are all reported, with an example.
- An agreement's `{block}` must be in the week rhythm of every profile of every group that gets
  it, with time in common for them all; no group text writes times or days itself.
- A text that speaks of one person of a profile ("die ene Operator", "that one Processor") only
  goes to groups with exactly one of them: its `when` needs `one: <profile>`.
- Groups smaller than `min_size` get no statements, proposals or pairs, so they are not read.
- The session's steps add up to SESSION_MINUTES; a small group keeps at least one step.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from werkstijl.content.crosscheck import _unique_ids
from werkstijl.content.mixrules import Mix, holds, mix_kinds, shared_block
from werkstijl.content.models import LANGS, Agreement, GroupTexts, MixCondition, Profile, Text
from werkstijl.content.rhythm import mentions, placeholders
from werkstijl.content.wording import say
from werkstijl.yamlsrc import Loc, Located

if TYPE_CHECKING:
    from werkstijl.content.loader import _Run

SESSION_MINUTES = (60, 90)
# Words that make a text speak of exactly one person of a profile, before the profile's name.
ONE_PERSON = {
    "nl": ("die ene", "de ene", "de enige", "één", "een enkele"),
    "en": ("that one", "the one", "the only", "one", "a single", "the single"),
}


def check_group(
    run: _Run, group: GroupTexts, located: Located, profiles: list[tuple[Profile, Located]]
) -> None:
    _unique_ids(
        run, "statement", [(s.id, located, ("mix", i, "id")) for i, s in enumerate(group.mix)]
    )
    _unique_ids(
        run,
        "agreement",
        [(a.id, located, ("agreements", i, "id")) for i, a in enumerate(group.agreements)],
    )
    _check_written_times(run, group, located)
    _check_session(run, group, located)
    ordered = [p for p, _ in sorted(profiles, key=lambda pl: pl[0].order)]
    if not run.profiles_complete:
        return  # a profile file without a readable id: any name might be that profile
    unknown = _unknown_profiles(run, group, located, {p.id for p in ordered})
    if unknown or run.broken_ids:
        return  # reading conditions against mixes would only repeat that mistake
    if not ordered:
        return
    all_mixes = mix_kinds([p.id for p in ordered], group.shares, group.min_size)
    names = {p.id: p.name.nl for p in ordered}
    _check_statements(run, group, located, all_mixes, names)
    _check_agreements(run, group, located, all_mixes, names, {p.id: p for p in ordered})
    _check_one_person(run, group, located, all_mixes, ordered)


def _conditions(group: GroupTexts) -> Iterator[tuple[Loc, MixCondition]]:
    for i, statement in enumerate(group.mix):
        yield ("mix", i, "when"), statement.when
    for i, agreement in enumerate(group.agreements):
        for j, option in enumerate(agreement.options):
            if option.when is not None:
                yield ("agreements", i, "options", j, "when"), option.when


def _unknown_profiles(run: _Run, group: GroupTexts, located: Located, known: set[str]) -> bool:
    found = False
    for loc, when in _conditions(group):
        for key, profile_id in when.named():
            if profile_id in known or profile_id in run.broken_ids:
                continue
            what = "'when: " + key + "'"
            message = say(
                "cross.unknown_profile", what=what, name=profile_id, known=", ".join(sorted(known))
            )
            run.errors.append(located.problem((*loc, key), message))
            found = True
    return found


def _keys(when: MixCondition) -> str:
    return ", ".join(f"'{key}: {str(value).lower()}'" for key, value in when if value is not None)


def _check_statements(
    run: _Run, group: GroupTexts, located: Located, all_mixes: Sequence[Mix], names: dict
) -> None:
    shares = group.shares
    for i, statement in enumerate(group.mix):
        if not any(holds(statement.when, mix, shares) for mix in all_mixes):
            owner = say("owner.statement", id=statement.id)
            message = say("group.never_applies", owner=owner, keys=_keys(statement.when))
            run.errors.append(located.problem(("mix", i, "when"), message))
    bare = next(
        (m for m in all_mixes if not any(holds(s.when, m, shares) for s in group.mix)), None
    )
    if bare is not None:
        run.warnings.append(
            located.problem(("mix",), say("group.uncovered", mix=bare.describe(names)))
        )


def _check_agreements(
    run: _Run,
    group: GroupTexts,
    located: Located,
    all_mixes: Sequence[Mix],
    names: dict,
    by_id: dict[str, Profile],
) -> None:
    shares = group.shares
    for i, agreement in enumerate(group.agreements):
        options = agreement.options
        chosen: dict[int, list[Mix]] = {j: [] for j in range(len(options))}
        beaten_by: dict[int, int] = {}  # option -> the option its groups get first
        bare: Mix | None = None  # the smallest group that gets no proposal
        for mix in all_mixes:
            fits = [
                j for j, o in enumerate(options) if o.when is None or holds(o.when, mix, shares)
            ]
            if not fits:
                bare = bare or mix
                continue
            chosen[fits[0]].append(mix)
            for j in fits[1:]:
                beaten_by.setdefault(j, fits[0])
        if bare is not None:
            message = say("group.no_proposal", mix=bare.describe(names), id=agreement.id)
            run.errors.append(located.problem(("agreements", i, "options"), message))
        default = next((j for j, o in enumerate(options) if o.when is None), None)
        for j, option in enumerate(options):
            loc = ("agreements", i, "options", j)
            owner = say("owner.agreement_option", n=j + 1, id=agreement.id)
            if chosen[j]:
                _check_blocks(
                    run, located, (loc, ("agreements", i)), agreement, j, chosen[j], by_id
                )
            elif option.when is not None and j not in beaten_by:
                message = say("group.never_applies", owner=owner, keys=_keys(option.when))
                run.errors.append(located.problem((*loc, "when"), message))
            elif default is not None and default < j:
                message = say("group.after_default", owner=owner, first=default + 1)
                run.errors.append(located.problem(loc, message))
            else:
                message = say("group.shadowed", owner=owner, first=beaten_by[j] + 1)
                run.errors.append(located.problem(loc, message))


def _check_blocks(
    run: _Run,
    located: Located,
    locs: tuple[Loc, Loc],
    agreement: Agreement,
    index: int,
    groups: list[Mix],
    by_id: dict[str, Profile],
) -> None:
    """Each `{block}` of an option must be in the rhythm of every profile of every group that
    gets it, with time in common for them all. `locs`: the option's and the agreement's."""
    option_loc, agreement_loc = locs
    option = agreement.options[index]
    owner = say("owner.agreement_option", n=index + 1, id=agreement.id)
    texts: list[tuple[Loc, Text]] = [((*option_loc, "proposal"), option.proposal)]
    if option.why is not None:
        texts.append(((*option_loc, "why"), option.why))
    if option.question is not None:
        texts.append(((*option_loc, "question"), option.question))
    else:
        texts.append(((*agreement_loc, "question"), agreement.question))
    present_sets = sorted({m.present for m in groups}, key=lambda s: (len(s), sorted(s)))
    for where, text in texts:
        for block_id in _refs(text):
            problem = _block_problem(owner, block_id, present_sets, by_id)
            if problem and located.problem(where, problem) not in run.errors:
                run.errors.append(located.problem(where, problem))


def _refs(text: Text) -> list[str]:
    return list(dict.fromkeys(placeholders(text.nl) + placeholders(text.en or "")))


def _block_problem(
    owner: str, block_id: str, present_sets: list[frozenset[str]], by_id: dict[str, Profile]
) -> str | None:
    for present in present_sets:
        profiles = [p for pid, p in by_id.items() if pid in present]
        for profile in profiles:
            if profile.block(block_id) is None:
                blocks = ", ".join("{" + b.id + "}" for b in profile.week_rhythm)
                return say(
                    "group.block_missing",
                    owner=owner,
                    block=block_id,
                    profile=profile.id,
                    blocks=blocks,
                )
        if shared_block(profiles, block_id) is None:
            listed = say("group.and").join(f"'{p.id}'" for p in profiles)
            return say("group.block_apart", owner=owner, block=block_id, profiles=listed)
    return None


def _all_texts(node: object, loc: Loc) -> Iterator[tuple[Loc, Text]]:
    from pydantic import BaseModel

    if isinstance(node, Text):
        yield loc, node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _all_texts(getattr(node, name), (*loc, name))
    elif isinstance(node, list | tuple):
        for index, item in enumerate(node):
            yield from _all_texts(item, (*loc, index))


def _check_written_times(run: _Run, group: GroupTexts, located: Located) -> None:
    """Times and days come from the week rhythms only (`{focus}`), never written in a text."""
    for loc, text in _all_texts(group, ()):
        for lang in LANGS:
            value = text.nl if lang == "nl" else text.en
            if not value:
                continue
            found = mentions(value, lang)
            words = [*found.range_words, *found.times, *found.day_words]
            for word in dict.fromkeys(words):
                message = say("group.written_time", words=word)
                run.errors.append(run.text_problem(located, (*loc, lang), message, word))


def _check_session(run: _Run, group: GroupTexts, located: Located) -> None:
    low, high = SESSION_MINUTES
    minutes = group.session.minutes
    if not low <= minutes <= high:
        message = say("group.session_length", minutes=minutes, low=low, high=high)
        run.errors.append(located.problem(("session", "steps"), message, key=True))
    if group.min_size > 1 and not group.session.steps_for(small=True):
        message = say("group.no_small_steps", min_size=group.min_size)
        run.errors.append(located.problem(("session", "steps"), message, key=True))


def _one_person_words(text: str, profiles: Sequence[Profile]) -> Iterator[tuple[str, str]]:
    """(profile id, words) for each place `text` speaks of exactly one person of a profile."""
    for profile in profiles:
        names = [n for n in (profile.name.nl, profile.name.en) if n]
        words = [w for lang in LANGS for w in ONE_PERSON[lang]]
        pattern = r"\b(?:" + "|".join(map(re.escape, words)) + r")\s+(?:"
        pattern += "|".join(map(re.escape, names)) + r")\b"
        for match in re.finditer(pattern, text, re.IGNORECASE):
            yield profile.id, match.group(0)


def _worded_texts(group: GroupTexts) -> Iterator[tuple[Loc, MixCondition | None, Text]]:
    """Every statement and agreement option text, with the condition that decides who reads it."""
    for i, statement in enumerate(group.mix):
        for key in ("strong", "risk"):
            yield ("mix", i), statement.when, getattr(statement, key)
    for i, agreement in enumerate(group.agreements):
        for j, option in enumerate(agreement.options):
            for key in ("proposal", "why", "question"):
                if (text := getattr(option, key)) is not None:
                    yield ("agreements", i, "options", j), option.when, text


def _check_one_person(
    run: _Run,
    group: GroupTexts,
    located: Located,
    all_mixes: Sequence[Mix],
    profiles: Sequence[Profile],
) -> None:
    """A text worded for one person of a profile must only reach groups with exactly one."""
    for loc, when, text in _worded_texts(group):
        said = " ".join(v for v in (text.nl, text.en) if v)
        for profile_id, words in dict(_one_person_words(said, profiles)).items():
            wider = next(
                (
                    m
                    for m in all_mixes
                    if (when is None or holds(when, m, group.shares)) and m.count(profile_id) != 1
                ),
                None,
            )
            if wider is None:
                continue
            names = {p.id: p.name.nl for p in profiles}
            message = say(
                "group.one_person",
                words=words,
                mix=wider.describe(names),
                id=profile_id,
            )
            where = (*loc, "when") if when is not None else loc
            problem = located.problem(where, message)
            if problem not in run.errors:
                run.errors.append(problem)
