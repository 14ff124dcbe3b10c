"""Which groups to hide so that nothing concerns fewer than k respondents (DESIGN.md §5.3–4).

Pure functions over {group: respondents}. A shown total minus the shown groups equals the hidden
groups together, so the hidden groups together must hold no respondents or at least k: while they
hold between 1 and k − 1, the smallest visible group is hidden too (secondary suppression). With
exactly one small group hidden this is the "hide the next-smallest sibling" rule of survey vendors.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import TypeVar

G = TypeVar("G", bound=Hashable)


def _secondary(counts: Mapping[G, int], k: int, hidden: set[G]) -> set[G]:
    hidden = set(hidden)
    while 0 < sum(counts.get(g, 0) for g in hidden) < k:
        visible = sorted((g for g in counts if g not in hidden), key=lambda g: (counts[g], str(g)))
        if not visible:
            break
        hidden.add(visible[0])
    return hidden


def suppress(counts: Mapping[G, int], k: int) -> set[G]:
    """The groups to hide in one round: every group below k, plus secondary suppression."""
    return _secondary(counts, k, {g for g, n in counts.items() if n < k})


def suppress_rounds(rounds: Sequence[Mapping[G, int]], k: int, *, hidden: Iterable[G] = ()) -> set[G]:
    """One hidden set for several rounds (baseline, follow-up …) compared side by side.

    A group hidden in any round is hidden in all of them, and secondary suppression is repeated
    until every round is safe, so comparing rounds reveals nothing either. A group missing from a
    round counts as 0 respondents there. `hidden` are groups hidden for another reason (padding);
    they count towards the hidden groups of the rounds in which they appear.
    """
    groups = set().union(*(r.keys() for r in rounds)) if rounds else set()
    full = [{g: r.get(g, 0) for g in groups} for r in rounds]
    hidden = set(hidden)
    hidden |= set().union(*(suppress(r, k) for r in full)) if full else set()
    while True:
        grown = set(hidden)
        for r in full:
            grown |= _secondary(r, k, hidden)
        if grown == hidden:
            return hidden
        hidden = grown


def padded(counts: Mapping[G, int], headcounts: Mapping[G, int]) -> set[G]:
    """Groups with more respondents than people: someone added answers (DESIGN.md §5.4).

    Such a group is never shown and its respondents are left out of every total, or the total
    minus the padding the padder knows would give the real answers. A headcount of 0 is unknown
    and cannot be checked.
    """
    return {g for g, n in counts.items() if headcounts.get(g, 0) > 0 and n > headcounts[g]}


def total_visible(counts: Mapping[G, int], k: int) -> bool:
    return sum(counts.values()) >= k
