"""When a text of texts/group.yaml applies to a group: a mix of profiles read against a condition.

A mix is how many participants have each profile. Shares are compared exactly (`count * 100`
against `percent * total`), so 2 of 4 is exactly 50%, never 49.99%.
- `absent: P`: nobody in the group has P.
- `dominant: P`: P's share is more than `shares.dominant_above` percent.
- `few: P`: P is present, with a share below `shares.few_below` percent.
- `balanced: true`: every profile present, none dominant, none few.
- `one: P`: exactly one person has P; `several: P`: two or more have P (so a text can speak of
  "that one Operator" only where there is one).
Every key of a condition must hold; an empty group fits no condition.

`check` reads every condition against every kind of mix of groups up to a size (`mix_kinds`), so it can say
exactly which texts never apply, which agreement options are never proposed, and which groups get
no text at all. Agreements name rhythm blocks (`{focus}`): the time that block has in common for
every profile present (`shared_block`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from math import comb

from werkstijl.content.models import MixCondition, MixShares, Profile
from werkstijl.content.rhythm import WEEKDAYS

MAX_MIXES = 20_000  # mixes `check` reads every condition against (groups of 1 to 40 people)
MIN_CHECKED_SIZE = 21  # the smallest group in which one person is below the lowest few_below (5%)


@dataclass(frozen=True)
class Mix:
    """How many participants have each profile (every profile id, in profile order)."""

    counts: tuple[tuple[str, int], ...]

    @classmethod
    def of(cls, profile_ids: Sequence[str], counts: Mapping[str, int]) -> Mix:
        return cls(tuple((pid, counts.get(pid, 0)) for pid in profile_ids))

    @property
    def total(self) -> int:
        return sum(count for _, count in self.counts)

    def count(self, profile_id: str) -> int:
        return dict(self.counts).get(profile_id, 0)

    @property
    def present(self) -> frozenset[str]:
        return frozenset(pid for pid, count in self.counts if count)

    def percent(self, profile_id: str) -> int:
        return round(100 * self.count(profile_id) / self.total) if self.total else 0

    def dominant(self, profile_id: str, shares: MixShares) -> bool:
        return self.count(profile_id) * 100 > shares.dominant_above * self.total

    def few(self, profile_id: str, shares: MixShares) -> bool:
        count = self.count(profile_id)
        return count > 0 and count * 100 < shares.few_below * self.total

    def balanced(self, shares: MixShares) -> bool:
        return all(
            count and not self.dominant(pid, shares) and not self.few(pid, shares)
            for pid, count in self.counts
        )

    def describe(self, names: Mapping[str, str]) -> str:
        """'3 Visionair, 1 Operator, 0 Processor' (for messages)."""
        return ", ".join(f"{count} {names.get(pid, pid)}" for pid, count in self.counts)


def holds(when: MixCondition, mix: Mix, shares: MixShares) -> bool:
    """Whether every key of `when` holds for `mix`."""
    if not mix.total:
        return False
    if when.absent is not None and mix.count(when.absent):
        return False
    if when.dominant is not None and not mix.dominant(when.dominant, shares):
        return False
    if when.few is not None and not mix.few(when.few, shares):
        return False
    if when.one is not None and mix.count(when.one) != 1:
        return False
    if when.several is not None and mix.count(when.several) < 2:
        return False
    return not (when.balanced and not mix.balanced(shares))


def mix_kinds(profile_ids: Sequence[str], shares: MixShares, min_size: int = 1) -> tuple[Mix, ...]:
    """One mix of every kind a group of at least `min_size` can have, smallest groups first:
    every condition holds for all mixes of a kind or for none, so reading a condition against
    these is reading it against every group of up to 40 people (fewer when there are many
    profiles, but at least MIN_CHECKED_SIZE)."""
    return _kinds(tuple(profile_ids), shares.dominant_above, shares.few_below, min_size)


@cache
def _kinds(
    profile_ids: tuple[str, ...], dominant_above: int, few_below: int, min_size: int
) -> tuple[Mix, ...]:
    # On plain counts (the same rules as Mix.dominant and Mix.few): this runs over ~12,000 mixes.
    found: dict[tuple, tuple[int, ...]] = {}
    for total, counts in _counts(len(profile_ids)):
        if total < min_size:
            continue
        kind = (
            tuple(min(c, 2) for c in counts),  # none, one, several: `absent`, `one`, `several`
            tuple(c * 100 > dominant_above * total for c in counts),
            tuple(c > 0 and c * 100 < few_below * total for c in counts),
        )
        found.setdefault(kind, counts)
    return tuple(Mix(tuple(zip(profile_ids, c, strict=True))) for c in found.values())


def _counts(k: int) -> Iterator[tuple[int, tuple[int, ...]]]:
    """(total, counts) of every mix of a group of 1 up to a size, smallest groups first."""
    size = 40
    while size > MIN_CHECKED_SIZE and comb(size + k, k) > MAX_MIXES:
        size -= 1
    for total in range(1, size + 1) if k else ():
        for counts in _splits(total, k):
            yield total, counts


def _splits(total: int, parts: int) -> Iterator[tuple[int, ...]]:
    """Every way to write `total` as `parts` counts of 0 or more (largest first counts first)."""
    if parts == 1:
        yield (total,)
        return
    for first in range(total, -1, -1):
        for rest in _splits(total - first, parts - 1):
            yield (first, *rest)


@dataclass(frozen=True)
class SharedBlock:
    """The days and times a rhythm block has in common for several profiles."""

    days: tuple[str, ...]
    start: str
    end: str


def shared_block(profiles: Sequence[Profile], block_id: str) -> SharedBlock | None:
    """The days and the time window that the block `block_id` of every profile in `profiles`
    shares; None when one of them lacks the block or they share no time."""
    blocks = [p.block(block_id) for p in profiles]
    if not blocks or any(b is None for b in blocks):
        return None
    days = [d for d in WEEKDAYS if all(d in {str(x) for x in b.days} for b in blocks)]
    start = max(b.start for b in blocks)
    end = min(b.end for b in blocks)
    if not days or start >= end:
        return None
    return SharedBlock(tuple(days), start, end)
