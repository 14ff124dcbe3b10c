"""Suppression: nothing shown concerns fewer than k respondents, and nothing hidden can be derived."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from measurements.suppression import suppress, suppress_rounds, total_visible

K = st.integers(min_value=5, max_value=10)
ROUND = st.dictionaries(st.sampled_from("ABCDEFGHIJ"), st.integers(min_value=0, max_value=40), max_size=10)


def assert_safe(counts: dict[str, int], hidden: set[str], k: int) -> None:
    visible = {g: n for g, n in counts.items() if g not in hidden}
    # 1. No visible group concerns fewer than k respondents.
    assert all(n >= k for n in visible.values())
    # 2. Total minus the visible groups (when the total is shown) is no group of fewer than k.
    if total_visible(counts, k):
        rest = sum(counts.values()) - sum(visible.values())
        assert rest == 0 or rest >= k
        # so a single hidden group with respondents is never below k either.
        with_respondents = [g for g in hidden if counts.get(g, 0) > 0]
        assert len(with_respondents) != 1 or counts[with_respondents[0]] >= k


@settings(max_examples=400, deadline=None)
@given(counts=ROUND, k=K)
def test_no_visible_figure_concerns_fewer_than_k_and_no_hidden_group_can_be_derived(counts, k):
    assert_safe(counts, suppress(counts, k), k)


@settings(max_examples=300, deadline=None)
@given(rounds=st.lists(ROUND, min_size=2, max_size=3), k=K)
def test_rounds_share_one_hidden_set_that_is_safe_in_every_round(rounds, k):
    hidden = suppress_rounds(rounds, k)
    groups = set().union(*(r.keys() for r in rounds))
    for r in rounds:
        assert_safe({g: r.get(g, 0) for g in groups}, hidden & groups, k)


def test_one_small_team_hides_the_next_smallest_sibling_too():
    assert suppress({"A": 3, "B": 12, "C": 9, "D": 30}, 7) == {"A", "C"}


def test_nothing_is_hidden_when_every_team_is_large_enough():
    assert suppress({"A": 7, "B": 8}, 7) == set()


def test_two_small_teams_together_below_k_hide_a_third():
    assert suppress({"A": 2, "B": 3, "C": 10, "D": 11}, 7) == {"A", "B", "C"}


def test_a_team_hidden_in_the_baseline_stays_hidden_in_the_follow_up():
    baseline = {"A": 4, "B": 10, "C": 20}
    follow_up = {"A": 9, "B": 10, "C": 20}
    assert suppress(follow_up, 7) == set()
    assert suppress_rounds([baseline, follow_up], 7) == {"A", "B"}
