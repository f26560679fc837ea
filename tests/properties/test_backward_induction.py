"""The linear-time backward-induction kernel against the enumerating SPE solver and a brute force.

Random perfect-information trees come from a small generator written here (any shape, 2-3
players, branching 2-3, chance nodes with probabilities such as 1/3, outcomes at inner nodes
too, optional tie-breaking priorities).  The kernel must agree with the general path of
``spe_solve`` (which keeps every subgame-perfect continuation) in every field, and on tiny
trees with the set of pure SPE found by brute force: every pure profile tested for a Nash
equilibrium in every subgame against all of each player's pure deviations there.
"""
from __future__ import annotations

import itertools
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

import hegemony_games as hg
from hegemony_games.games.extensive_form import chance, decision, terminal
from hegemony_games.solvers.backward_induction import backward_induction, induction_solution
from hegemony_games.solvers.subgame_perfect import spe_solve

ACTIONS = ("a", "b", "c")


@st.composite
def trees(draw, max_inner: int = 6, floats: bool = False, priorities: bool = False, chance_nodes: bool = True):
    """``(game, rules)``: a random perfect-information tree and tie-breaking rules per player
    (empty unless ``priorities``).  Payoffs are small integers, so ties are frequent."""
    players = [f"P{i + 1}" for i in range(draw(st.integers(2, 3)))]
    children: list[list[int]] = [[]]
    for _ in range(draw(st.integers(0, max_inner))):
        leaves = [k for k, kids in enumerate(children) if not kids]
        grow = leaves[draw(st.integers(0, len(leaves) - 1))]
        count = draw(st.integers(2, 3))
        children[grow] = list(range(len(children), len(children) + count))
        children.extend([] for _ in range(count))
    number = (lambda v: float(v)) if floats else (lambda v: v)
    payoff = st.lists(st.integers(-2, 2), min_size=len(players), max_size=len(players))
    made: list = [None] * len(children)
    for k in reversed(range(len(children))):  # children are numbered after their parent
        kids = children[k]
        if not kids:
            made[k] = terminal([number(v) for v in draw(payoff)])
            continue
        own = [number(v) for v in draw(payoff)] if draw(st.integers(0, 4)) == 0 else None
        branches = dict(zip(ACTIONS, (made[c] for c in kids)))
        if chance_nodes and draw(st.integers(0, 3)) == 0:
            weights = [draw(st.integers(1, 3)) for _ in kids]
            probs = [Fraction(w, sum(weights)) for w in weights]
            made[k] = chance({a: (number(p), child) for p, (a, child) in zip(probs, branches.items())},
                             payoffs=own)
        else:
            order = draw(st.permutations(list(branches))) if priorities and draw(st.booleans()) else None
            made[k] = decision(draw(st.sampled_from(players)), branches, priority=order, payoffs=own)
    rules = {}
    if priorities:
        for p in players:
            if draw(st.booleans()):
                rules[p] = draw(st.lists(st.sampled_from(ACTIONS), unique=True, max_size=3))
    return hg.ExtensiveFormGame(made[0], players), rules


def general_spe(game: hg.ExtensiveFormGame, **options) -> hg.Solution:
    """``spe_solve`` by its general, enumerating path: the fast path is taken only when the
    game says it has perfect information, so this game (a local object) says it has not."""
    game.is_perfect_information = lambda: False
    try:
        return spe_solve(game, **options)
    finally:
        del game.is_perfect_information


def same_numbers(a, b, exact: bool) -> bool:
    return a == b if exact else all(abs(x - y) <= 1e-9 for x, y in zip(a, b))


def check_against_general(game: hg.ExtensiveFormGame, rules: dict, use_priorities: bool = True) -> None:
    result = backward_induction(game, rules, use_priorities)
    general = general_spe(game, priorities=rules, use_priorities=use_priorities)
    exact = game.kind != "float"
    matches = [e for e in general if e.strategies == result.strategies]
    assert len(matches) == 1, "the kernel's profile is one of the enumerated SPE"
    twin = matches[0]
    assert same_numbers(result.payoffs, twin.payoffs, exact)
    assert result.path == twin.details["path"]
    assert result.ties_broken == twin.details["ties_broken"]
    assert result.open_ties == twin.details["open_ties"]
    # an untied induction leaves exactly one SPE; an open tie always leaves several
    assert (len(general) == 1) == (not result.open_ties)
    if not result.open_ties:
        fast = hg.spe(game, priorities=rules, use_priorities=use_priorities)
        assert (fast.method, fast.exact, fast.degenerate, fast.complete, fast.message, fast.parameters,
                fast.components) == (general.method, general.exact, general.degenerate, general.complete,
                                     general.message, general.parameters, general.components)
        assert fast[0].strategies == general[0].strategies
        assert fast[0].details == general[0].details
        assert same_numbers(fast[0].payoffs, general[0].payoffs, exact)


@given(trees())
def test_kernel_agrees_with_general_solver(case):
    game, _ = case
    check_against_general(game, {})


@given(trees(priorities=True))
def test_kernel_agrees_with_general_solver_under_priorities(case):
    game, rules = case
    check_against_general(game, rules)
    check_against_general(game, rules, use_priorities=False)


@given(trees(floats=True))
def test_kernel_agrees_with_general_solver_on_floats(case):
    game, _ = case
    assert game.kind == "float"
    check_against_general(game, {})


@given(trees(priorities=True))
def test_every_player_with_a_rule_gives_one_spe(case):
    game, rules = case
    rules = {p: rules.get(p, []) for p in game.players}   # an empty rule keeps the actions' order
    result = backward_induction(game, rules)
    assert result.open_ties == []
    assert len(induction_solution(result)) == 1
    check_against_general(game, rules)


# ----------------------------------------------------------------------------- brute force
def brute_force_spe(game: hg.ExtensiveFormGame) -> dict[tuple, tuple]:
    """Every pure SPE (one action index per decision node, prefix order) with its root payoffs.

    A profile is kept when, at every node, no player gains by switching to any other pure
    strategy of hers inside the subtree (Selten's definition, checked by enumeration).
    """
    nodes = list(game.nodes)
    position = {id(n): k for k, n in enumerate(nodes)}
    movers = [k for k, n in enumerate(nodes) if n.kind == "decision"]
    players = list(game.players)

    def below(k):
        stack, out = [nodes[k]], []
        while stack:
            node = stack.pop()
            out.append(position[id(node)])
            stack.extend(node.children)
        return out

    def value(k, plan):
        total, stack = [Fraction(0)] * len(players), [(nodes[k], Fraction(1))]
        while stack:
            node, weight = stack.pop()
            if node.outcome is not None:
                total = [t + weight * Fraction(p) for t, p in zip(total, node.outcome.payoffs)]
            if node.kind == "decision":
                stack.append((node.children[plan[position[id(node)]]], weight))
            else:
                stack.extend((c, weight * Fraction(p)) for c, p in zip(node.children, node.probabilities))
        return total

    subtrees = {k: below(k) for k in movers}
    found = {}
    for actions in itertools.product(*(range(len(nodes[k].actions)) for k in movers)):
        plan = dict(zip(movers, actions))
        ok = True
        for root in movers:
            base = value(root, plan)
            for i, p in enumerate(players):
                own = [k for k in subtrees[root] if k in plan and nodes[k].player == p]
                for deviation in itertools.product(*(range(len(nodes[k].actions)) for k in own)):
                    if value(root, {**plan, **dict(zip(own, deviation))})[i] > base[i]:
                        ok = False
                        break
                if not ok:
                    break
            if not ok:
                break
        if ok:
            found[actions] = tuple(value(0, plan))
    return found


def kernel_actions(game: hg.ExtensiveFormGame, strategies: tuple) -> tuple:
    """The kernel's profile as one action index per decision node, in prefix order."""
    chosen = {}
    for i, sets in enumerate(game.infosets):
        for infoset, vector in zip(sets, strategies[i]):
            chosen[id(infoset.nodes[0])] = list(vector).index(1)
    return tuple(chosen[id(n)] for n in game.nodes if n.kind == "decision")


@given(trees(max_inner=4))
def test_kernel_against_brute_force(case):
    game, _ = case
    result = backward_induction(game)
    everything = brute_force_spe(game)
    actions = kernel_actions(game, result.strategies)
    assert actions in everything
    assert everything[actions] == tuple(result.payoffs)
    assert (len(everything) == 1) == (not result.open_ties)
