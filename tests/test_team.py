"""The team stage: members with their plans, the mix, the statements and proposals that fit it,
the days and times an agreement names, and pairs of contrasting profiles."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from werkstijl.content import load_content
from werkstijl.content.mixrules import Mix, holds, mix_kinds
from werkstijl.content.models import MixCondition, MixShares
from werkstijl.plan import plan_for
from werkstijl.scoring import score
from werkstijl.team import Member, make_team

REPO = Path(__file__).resolve().parents[1]
CONTENT = load_content(REPO).content
IDS = [p.id for p in CONTENT.profiles]


def group(**counts: int) -> list[Member]:
    """counts per profile id -> members named after their profile and number."""
    return [Member(f"{pid}-{n:02d}", pid) for pid, c in counts.items() for n in range(c)]


def statement_ids(**counts: int) -> set[str]:
    return {s.id for s in make_team(CONTENT, group(**counts)).statements}


def proposal_of(agreement_id: str, **counts: int):
    team = make_team(CONTENT, group(**counts))
    return next(p for p in team.proposals if p.agreement.id == agreement_id)


def test_shares_are_compared_exactly_at_the_edges():
    shares = MixShares(dominant_above=50, few_below=20)
    half = Mix.of(IDS, {"visionair": 2, "operator": 2})
    assert not half.dominant("visionair", shares)  # 50% is not more than half
    assert Mix.of(IDS, {"visionair": 3, "operator": 2}).dominant("visionair", shares)
    assert not Mix.of(IDS, {"visionair": 4, "operator": 4, "processor": 2}).few("processor", shares)
    assert Mix.of(IDS, {"visionair": 5, "operator": 5, "processor": 2}).few("processor", shares)
    assert not Mix.of(IDS, {"visionair": 5}).few("processor", shares)  # absent is not few


def test_every_key_of_a_condition_must_hold_and_an_empty_group_fits_none():
    shares = MixShares()
    mix = Mix.of(IDS, {"operator": 8, "visionair": 4})
    assert holds(MixCondition(dominant="operator", absent="processor"), mix, shares)
    assert not holds(MixCondition(dominant="operator", absent="visionair"), mix, shares)
    assert not holds(MixCondition(absent="processor"), Mix.of(IDS, {}), shares)


def test_the_kinds_of_mix_cover_every_small_group():
    kinds = mix_kinds(IDS, MixShares())
    conditions = [
        MixCondition(**{key: pid})
        for pid in IDS
        for key in ("absent", "dominant", "few", "one", "several")
    ] + [MixCondition(balanced=True)]
    seen = {tuple(holds(c, k, MixShares()) for c in conditions) for k in kinds}
    for total in range(1, 13):
        for v in range(total + 1):
            for o in range(total - v + 1):
                mix = Mix.of(IDS, {"visionair": v, "operator": o, "processor": total - v - o})
                assert tuple(holds(c, mix, MixShares()) for c in conditions) in seen


def test_statements_follow_the_mix_as_the_content_says():
    assert statement_ids(visionair=4, operator=4, processor=4) == {"balanced"}
    assert statement_ids(visionair=6, operator=6) == {"no-processor"}
    assert statement_ids(operator=8, visionair=2, processor=2) == {
        "operator-dominant",
        "few-visionair",
        "few-processors",
    }


def test_a_text_about_that_one_person_goes_only_to_a_group_with_one():
    assert "few-processor" in statement_ids(operator=8, visionair=3, processor=1)
    assert "few-processors" not in statement_ids(operator=8, visionair=3, processor=1)
    two = statement_ids(operator=9, visionair=9, processor=2)
    assert "few-processors" in two and "few-processor" not in two


def test_a_group_smaller_than_min_size_gets_no_group_texts_or_pairs():
    assert CONTENT.group.min_size == 2
    alone = make_team(CONTENT, [Member("Ann", "operator")])
    assert alone.small
    assert (alone.statements, alone.proposals, alone.pairs) == ((), (), ())
    duo = make_team(CONTENT, [Member("Ann", "operator"), Member("Bo", "visionair")])
    assert not duo.small and duo.statements and duo.proposals and duo.pairs


def test_the_same_name_twice_is_numbered_in_list_order():
    team = make_team(
        CONTENT,
        [
            Member("Anna", "operator", None, 7),
            Member("Bo", "visionair", None, 2),
            Member("anna", "processor", None, 3),
        ],
    )
    assert [team.label(m) for m in team.members] == ["anna (1)", "Anna (2)", "Bo"]


def test_each_agreement_gets_the_first_option_that_fits():
    balanced = dict(visionair=4, operator=4, processor=4)
    assert proposal_of("reactietijd", **balanced).option.when is None
    dominated = proposal_of("reactietijd", operator=8, visionair=2, processor=2)
    assert dominated.option.when == MixCondition(dominant="operator")
    # No Operators and a dominant Processor: both options fit, the first one in the file wins.
    both = proposal_of("reactietijd", processor=5, visionair=2)
    assert both.option.when == MixCondition(dominant="processor")


def test_an_agreement_names_the_time_the_groups_focus_blocks_share():
    def focus(**counts: int) -> str:
        return proposal_of("focustijd", **counts).proposal.nl.replace("\u00a0", " ")

    # Focus blocks: Visionair di en do 09:00-11:00, Operator every weekday 09:00-10:30,
    # Processor di t/m do 09:00-11:00 (profiles/*.yaml).
    assert "Op di en do 09:00–10:30 plannen" in focus(visionair=2, operator=2, processor=2)
    assert "Op di t/m do 09:00–10:30 plannen" in focus(operator=3, processor=3)
    assert "Op di en do 09:00–11:00 plannen" in focus(visionair=3, processor=3)
    assert "Op elke werkdag 09:00–10:30 plannen" in focus(operator=2)


def test_members_carry_their_plan_and_close_side_and_come_in_name_order():
    clear = score(CONTENT, [1] * len(CONTENT.questions))
    close = next(
        r
        for r in (
            score(
                CONTENT, [(i * 7 + k) % len(q.options) + 1 for k, q in enumerate(CONTENT.questions)]
            )
            for i in range(200)
        )
        if r.side is not None
    )
    team = make_team(
        CONTENT,
        [
            Member("zoë", clear.profile, clear),
            Member("Émile", close.profile, close),
            ("ann", "operator"),
        ],
    )
    assert [m.name for m in team.members] == ["ann", "Émile", "zoë"]
    ann, emile, zoe = team.members
    assert ann.side is None and ann.plan == plan_for(CONTENT, "operator", None)
    assert emile.side.id == close.side
    assert emile.plan == plan_for(CONTENT, close.profile, close)
    assert zoe.plan.first_step == plan_for(CONTENT, clear.profile, clear).first_step


def test_pairs_contrast_profiles_while_the_group_allows():
    team = make_team(CONTENT, group(operator=6, visionair=4, processor=2))
    assert len(team.pairs) == 6
    assert all(len({m.profile.id for m in pair}) == 2 for pair in team.pairs)
    assert Counter(m.name for pair in team.pairs for m in pair) == Counter(
        m.name for m in team.members
    )


def test_one_profile_left_pairs_among_itself_and_an_odd_one_out_makes_a_trio():
    team = make_team(CONTENT, group(operator=5, visionair=2))
    sizes = sorted(len(p) for p in team.pairs)
    assert sizes == [2, 2, 3]
    trio = next(p for p in team.pairs if len(p) == 3)
    assert len({m.profile.id for m in trio}) == 2  # the third person joins a pair of two profiles
    assert sum(len(p) for p in team.pairs) == 7


def test_pairs_are_the_same_for_the_same_group_in_any_order():
    people = group(operator=3, visionair=3, processor=1)
    first = make_team(CONTENT, people).pairs
    again = make_team(CONTENT, list(reversed(people))).pairs
    assert [[m.name for m in p] for p in first] == [[m.name for m in p] for p in again]


@pytest.mark.parametrize("people", [[], [("Solo", "processor")]])
def test_too_small_for_pairs(people):
    team = make_team(CONTENT, people)
    assert team.pairs == ()
    assert team.statements == ()  # one person is no group: no texts about a mix


def test_an_unknown_profile_is_a_value_error():
    with pytest.raises(ValueError, match="unknown profile 'nope'"):
        make_team(CONTENT, [("A", "nope")])
