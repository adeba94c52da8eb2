"""A training group as the trainer's report shows it: every member with their plan, the mix of
profiles, what texts/group.yaml says about this mix, the agreements proposed to it, and pairs of
contrasting profiles for the session.

`make_team(content, members)` is the one way in. Each member's plan comes from `plan_for`, the
function their own PDF and calendar file use, so the first step the trainer reads next to a name
is the first step in that person's workbook.

Rules (also in the README):
- Mix statements: every statement whose `when` holds for the group, in file order.
- Agreements: per agreement, the first option whose `when` holds (an option without `when`
  always does). `{block}` in its texts becomes the days and times that block of the week rhythm
  has in common for every profile in the group, e.g. "di en do 09:00–10:30".
- Pairs: the person first in name order from the largest profile group is paired with the first
  from the largest other profile group, until one profile is left; its members are paired among
  themselves, preferring a partner with a different strong side. With an odd number, the last
  person joins, as a third, the latest pair with the fewest of their profile (of two profiles
  rather than one).
- A group smaller than `min_size` (texts/group.yaml) is a conversation, not a group session: no
  statements, proposals or pairs (by default: one person, whose mix says nothing about a group).
- The rows of the list that are not in the report (`absent`) are kept with the team, so the
  report can name them and say why.
- A name that occurs more than once is numbered in list order where the report shows it:
  "Anna (1)", "Anna (2)".
An empty group has no statements, proposals or pairs.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

from werkstijl.content.mixrules import Mix, holds, shared_block
from werkstijl.content.models import (
    LANGS,
    Agreement,
    AgreementOption,
    Content,
    MixStatement,
    Profile,
    Text,
)
from werkstijl.content.rhythm import SlotParts, fill_placeholders
from werkstijl.plan import Plan, plan_for
from werkstijl.scoring import Result


def name_key(name: str) -> str:
    """Names sorted as people expect: ignoring case and accents (Émile next to Emma)."""
    stripped = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return (stripped or name).casefold()


class Member(NamedTuple):
    """A participant as given: a name, a profile id and, when they answered the questions, the
    scored result. A plain (name, profile id) pair reads as a Member too. `number` is the row
    number of a participant list (the NNN of their files), shown where names are the same."""

    name: str
    profile: str
    result: Result | None = None
    number: int | None = None


class Absent(NamedTuple):
    """A row of the participant list that is not in the report: its name (may be empty), the row
    number the spreadsheet shows, and the kind of problem (see werkstijl.bulk.csvin.PROBLEMS)."""

    name: str
    row: int
    reason: str


@dataclass(frozen=True)
class TeamMember:
    name: str
    profile: Profile
    side: Profile | None  # the runner-up of a close result: "Operator, sterke Visionair-kant"
    plan: Plan
    number: int | None = None  # the row number (NNN): same names are numbered in this order


@dataclass(frozen=True)
class Proposal:
    """An agreement as proposed to this group, its `{block}` references filled in."""

    agreement: Agreement
    option: AgreementOption
    proposal: Text
    why: Text | None
    question: Text


@dataclass(frozen=True)
class Team:
    members: tuple[TeamMember, ...]  # in name order
    mix: Mix
    statements: tuple[MixStatement, ...]
    proposals: tuple[Proposal, ...]
    pairs: tuple[tuple[TeamMember, ...], ...]  # pairs, and at most one group of three
    absent: tuple[Absent, ...] = ()  # rows of the list that are not in the report
    small: bool = False  # fewer than the group texts' min_size: a conversation, not a session

    @property
    def size(self) -> int:
        return len(self.members)

    @property
    def listed(self) -> int:
        """Everyone on the participant list: the members and the rows left out."""
        return self.size + len(self.absent)

    @cached_property
    def _labels(self) -> dict[int, str]:
        """Names as the report shows them: a name that occurs more than once numbered in list
        order, "Anna (1)", "Anna (2)", so the trainer can tell them apart."""
        counts = Counter(name_key(m.name) for m in self.members)
        seen: Counter[str] = Counter()
        labels = {}
        for member in self.members:  # sorted by name, then row number
            key = name_key(member.name)
            seen[key] += 1
            shared = counts[key] > 1
            labels[id(member)] = f"{member.name} ({seen[key]})" if shared else member.name
        return labels

    def label(self, member: TeamMember) -> str:
        """The member's name, numbered when another member has the same name."""
        return self._labels.get(id(member), member.name)


def make_team(
    content: Content,
    members: Sequence[Member | tuple[str, str]],
    absent: Sequence[Absent] = (),
) -> Team:
    """Raises ValueError for a member with an unknown profile id."""
    given = [Member(*m) for m in members]
    plans: dict[tuple, Plan] = {}  # a plan depends only on the profile and the close side
    people = sorted(
        (_member(content, m, plans) for m in given),
        key=lambda t: (name_key(t.name), t.number or 0),
    )
    ids = [p.id for p in content.profiles]
    mix = Mix.of(ids, {pid: sum(t.profile.id == pid for t in people) for pid in ids})
    group = content.group
    absent = tuple(absent)
    if not people:
        return Team((), mix, (), (), (), absent)
    if len(people) < group.min_size:
        return Team(tuple(people), mix, (), (), (), absent, small=True)
    statements = tuple(s for s in group.mix if holds(s.when, mix, group.shares))
    present = [p for p in content.profiles if mix.count(p.id)]
    proposals = tuple(
        proposal
        for agreement in group.agreements
        if (proposal := _propose(agreement, mix, content, present)) is not None
    )
    return Team(tuple(people), mix, statements, proposals, pairs(people, ids), absent)


def _member(content: Content, member: Member, plans: dict[tuple, Plan]) -> TeamMember:
    try:
        profile = content.profile(member.profile)
    except KeyError:
        known = ", ".join(p.id for p in content.profiles)
        raise ValueError(f"unknown profile {member.profile!r} (known: {known})") from None
    side = member.result.side if member.result is not None else None
    key = (profile.id, member.result.profile if member.result else None, side)
    if key not in plans:
        plans[key] = plan_for(content, profile.id, member.result)
    side_profile = content.profile(side) if side else None
    return TeamMember(member.name, profile, side_profile, plans[key], member.number)


def _propose(
    agreement: Agreement, mix: Mix, content: Content, present: list[Profile]
) -> Proposal | None:
    shares = content.group.shares
    option = next(
        (o for o in agreement.options if o.when is None or holds(o.when, mix, shares)), None
    )
    if option is None:
        return None

    def filled(text: Text | None) -> Text | None:
        return None if text is None else fill_shared(text, present)

    return Proposal(
        agreement,
        option,
        proposal=fill_shared(option.proposal, present),
        why=filled(option.why),
        question=fill_shared(option.question or agreement.question, present),
    )


def fill_shared(text: Text, profiles: Sequence[Profile]) -> Text:
    """`{block}` references replaced by the days and times that block has in common for all of
    `profiles` (unknown blocks, or blocks without common time, stay as written)."""

    def slot(block_id: str) -> SlotParts | None:
        shared = shared_block(profiles, block_id)
        return None if shared is None else (shared.days, shared.start, shared.end)

    values = {lang: getattr(text, lang) for lang in LANGS}
    filled = {k: None if v is None else fill_placeholders(v, slot, k) for k, v in values.items()}
    return Text(nl=filled["nl"] or text.nl, en=filled["en"])


def pairs(
    people: Sequence[TeamMember], profile_ids: Sequence[str]
) -> tuple[tuple[TeamMember, ...], ...]:
    """Pairs of contrasting profiles (see the module docstring); `people` in name order."""
    buckets = {pid: [t for t in people if t.profile.id == pid] for pid in profile_ids}
    found: list[list[TeamMember]] = []
    while True:
        filled = sorted(
            (pid for pid in profile_ids if buckets[pid]),
            key=lambda pid: (-len(buckets[pid]), profile_ids.index(pid)),
        )
        if len(filled) < 2:
            break
        found.append([buckets[filled[0]].pop(0), buckets[filled[1]].pop(0)])
    rest = next((buckets[pid] for pid in profile_ids if buckets[pid]), [])
    while len(rest) >= 2:
        first = rest.pop(0)
        partner = next((t for t in rest if t.side != first.side), rest[0])
        rest.remove(partner)
        found.append([first, partner])
    if rest and found:
        last = rest[0]

        def fit(pair: list[TeamMember]) -> tuple[int, int]:
            """Fewest of the last person's profile first, then the most profiles."""
            ids = [t.profile.id for t in pair]
            return ids.count(last.profile.id), -len(set(ids))

        min(reversed(found), key=fit).append(last)
    return tuple(tuple(p) for p in found)
