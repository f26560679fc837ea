"""Invariants of subgame-perfect equilibria, checked against computations written here.

Everything the library's answers are compared with is computed in this file from the tree's
nodes alone (children, actions, probabilities, payoffs, ``infoset`` keys): expected payoffs by
recursion, subgames by their definition, regrets by enumerating a player's pure strategies in
each subgame (her pure strategies in the subgame's normal form), backward induction, the set
of pure SPE by brute force, reduced strategies and Kuhn's realization equivalence.  None of the
library's own verification (``regrets``, ``subgame_roots``, ``_verify``) is used as the oracle.
"""
from __future__ import annotations

import itertools
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

import hegemony_games as hg
from tests import strategies as hs

# ----------------------------------------------------------------------------- independent oracle


def prefix(node):
    """The nodes of a subtree in prefix (depth-first, left to right) order."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.children))


class Oracle:
    """Independent facts about a tree: information sets, subgames, payoffs, regrets."""

    def __init__(self, tree: hg.ExtensiveFormGame):
        self.tree = tree
        self.players = tree.players
        self.n = len(tree.players)
        self.nodes = list(prefix(tree.root))
        # information sets per player by first appearance in prefix order (the DESIGN.md contract)
        self.groups: list[list[list]] = [[] for _ in self.players]
        self.where: dict[int, tuple[int, int]] = {}
        keys: dict[tuple, tuple[int, int]] = {}
        for node in self.nodes:
            if node.kind != "decision":
                continue
            i = self.players.index(node.player)
            key = (i, node.infoset) if node.infoset is not None else (i, "own", id(node))
            if key not in keys:
                keys[key] = (i, len(self.groups[i]))
                self.groups[i].append([])
            self.where[id(node)] = keys[key]
            self.groups[i][keys[key][1]].append(node)
        self.parent = {id(c): node for node in self.nodes for c in node.children}

    # -- payoffs
    def value(self, node, profile) -> tuple:
        """Expected payoffs from ``node`` on (its own outcome included) under a behaviour profile."""
        own = node.outcome.payoffs if node.outcome is not None else (0,) * self.n
        if node.kind == "terminal":
            return tuple(own)
        if node.kind == "chance":
            weights = node.probabilities
        else:
            i, k = self.where[id(node)]
            weights = profile[i][k]
        total = list(own)
        for w, child in zip(weights, node.children):
            if w != 0:
                total = [t + w * v for t, v in zip(total, self.value(child, profile))]
        return tuple(total)

    # -- subgames
    def subgame_roots(self) -> list:
        """Nodes v such that every information set meeting v's subtree lies inside it."""
        roots = []
        for v in self.nodes:
            inside = {id(n) for n in prefix(v)}
            groups = {self.where[id(n)] for n in prefix(v) if n.kind == "decision"}
            if all(id(m) in inside for i, k in groups for m in self.groups[i][k]):
                roots.append(v)
        return roots

    def groups_in(self, v) -> list[tuple[int, int]]:
        seen = []
        for n in prefix(v):
            if n.kind == "decision" and self.where[id(n)] not in seen:
                seen.append(self.where[id(n)])
        return seen

    # -- regrets
    def values(self, profile) -> dict:
        """Every node's :meth:`value` under the profile, in one bottom-up pass."""
        out = {}
        for node in reversed(self.nodes):
            if node.kind == "terminal":
                out[id(node)] = tuple(node.outcome.payoffs)
                continue
            own = node.outcome.payoffs if node.outcome is not None else (0,) * self.n
            weights = node.probabilities if node.kind == "chance" else profile[self.where[id(node)][0]][self.where[id(node)][1]]
            total = list(own)
            for w, child in zip(weights, node.children):
                if w != 0:
                    total = [t + w * v for t, v in zip(total, out[id(child)])]
            out[id(node)] = tuple(total)
        return out

    def regret(self, v, profile, player: int):
        """Player's best gain in the subgame at ``v`` over all her pure strategies there.

        A deviation only changes values of subtrees holding her own decision nodes; the other
        subtrees keep their values under the profile.
        """
        base = self.values(profile)
        mine = [g for g in self.groups_in(v) if g[0] == player]
        movers = {id(n) for n in self.nodes if any(m.kind == "decision" and m.player == self.players[player]
                                                   for m in prefix(n))}

        def deviate(node, choice):
            if id(node) not in movers:
                return base[id(node)][player]
            own = node.outcome.payoffs[player] if node.outcome is not None else 0
            if node.kind == "chance":
                return own + sum(p * deviate(c, choice) for p, c in zip(node.probabilities, node.children) if p != 0)
            i, k = self.where[id(node)]
            if i == player:
                return own + deviate(node.children[choice[k]], choice)
            return own + sum(p * deviate(c, choice) for p, c in zip(profile[i][k], node.children) if p != 0)

        current = base[id(v)][player]
        best = current
        for actions in itertools.product(*(range(len(self.groups[player][k][0].actions)) for _, k in mine)):
            best = max(best, deviate(v, {k: a for (_, k), a in zip(mine, actions)}))
        return best - current

    def is_nash_everywhere(self, profile) -> bool:
        return all(self.regret(v, profile, i) == 0 for v in self.subgame_roots()
                   if v.kind != "terminal" for i in range(self.n))

    # -- pure profiles
    def all_groups(self) -> list[tuple[int, int]]:
        return [(i, k) for i in range(self.n) for k in range(len(self.groups[i]))]

    def pure_profile(self, choice: dict) -> list:
        return [[unit(len(g[0].actions), choice[(i, k)]) for k, g in enumerate(self.groups[i])]
                for i in range(self.n)]

    def brute_force_pure_spe(self) -> set:
        """Every pure profile that is a Nash equilibrium in every subgame (Selten's definition),
        found by enumerating each subgame's pure profiles and its unilateral deviations."""
        nash_in = {}
        for v in self.subgame_roots():
            if v.kind == "terminal":
                continue
            groups = self.groups_in(v)
            table = {}
            for actions in itertools.product(*(range(len(self.groups[i][k][0].actions)) for i, k in groups)):
                choice = dict(zip(groups, actions))
                full = {g: choice.get(g, 0) for g in self.all_groups()}
                table[actions] = self.value(v, self.pure_profile(full))
            good = set(table)
            for i in range(self.n):
                positions = [p for p, g in enumerate(groups) if g[0] == i]
                best = {}
                for actions, payoff in table.items():
                    others = tuple(a for p, a in enumerate(actions) if p not in positions)
                    best[others] = max(best.get(others, payoff[i]), payoff[i])
                good = {a for a in good
                        if table[a][i] == best[tuple(x for p, x in enumerate(a) if p not in positions)]}
            nash_in[id(v)] = (groups, good)
        result = set()
        everything = self.all_groups()
        for actions in itertools.product(*(range(len(self.groups[i][k][0].actions)) for i, k in everything)):
            choice = dict(zip(everything, actions))
            if all(tuple(choice[g] for g in groups) in good for groups, good in nash_in.values()):
                result.add(tuple(actions))
        return result

    def backward_induction(self, node=None):
        """``(payoffs, tied)`` by plain backward induction, ``tied`` when some mover is indifferent."""
        node = self.tree.root if node is None else node
        own = node.outcome.payoffs if node.outcome is not None else (0,) * self.n
        if node.kind == "terminal":
            return tuple(own), False
        results = [self.backward_induction(c) for c in node.children]
        tied = any(t for _, t in results)
        if node.kind == "chance":
            total = list(own)
            for p, (v, _) in zip(node.probabilities, results):
                total = [t + p * x for t, x in zip(total, v)]
            return tuple(total), tied
        i = self.players.index(node.player)
        best = max(v[i] for v, _ in results)
        winners = [v for v, _ in results if v[i] == best]
        return tuple(o + x for o, x in zip(own, winners[0])), tied or len(winners) > 1

    # -- reduced strategies (Gambit's labels)
    def reduced_label(self, player: int, choice: dict) -> str:
        """'*' at an information set that the player's own choices make unreachable, else the
        1-based action number."""
        def own_consistent(node) -> bool:
            child, parent = node, self.parent.get(id(node))
            while parent is not None:
                if parent.kind == "decision" and self.where[id(parent)][0] == player:
                    if parent.children[choice[self.where[id(parent)]]] is not child:
                        return False
                child, parent = parent, self.parent.get(id(parent))
            return True
        return "".join(str(choice[(player, k)] + 1) if any(own_consistent(n) for n in g) else "*"
                       for k, g in enumerate(self.groups[player]))

    def leaf_distribution_of_reduced(self, labels: list[str]) -> dict:
        """Leaf probabilities when each player follows a reduced pure strategy (a Gambit label)."""
        out: dict[int, Fraction] = {}

        def walk(node, weight):
            if node.kind == "terminal":
                out[id(node)] = out.get(id(node), 0) + weight
            elif node.kind == "chance":
                for p, c in zip(node.probabilities, node.children):
                    if p != 0:
                        walk(c, weight * p)
            else:
                i, k = self.where[id(node)]
                assert labels[i][k] != "*", "a reduced strategy leaves a reached information set open"
                walk(node.children[int(labels[i][k]) - 1], weight)
        walk(self.tree.root, Fraction(1))
        return out


def unit(n: int, a: int) -> tuple:
    return tuple(Fraction(int(b == a)) for b in range(n))


def pure_actions(eq) -> tuple:
    """The action index at every information set of a pure behaviour profile, players in order."""
    out = []
    for vectors in eq.strategies:
        for vector in vectors:
            assert sorted(vector) == [0] * (len(vector) - 1) + [1], f"not pure: {vector}"
            out.append(list(vector).index(1))
    return tuple(out)


def transformed(node, player: int, affine):
    """A copy of the subtree with ``affine`` applied to one player's (leaf) payoffs."""
    if node.kind == "terminal":
        payoffs = list(node.outcome.payoffs)
        payoffs[player] = affine(payoffs[player])
        return hg.terminal(payoffs)
    children = [transformed(c, player, affine) for c in node.children]
    if node.kind == "chance":
        return hg.chance({a: (p, c) for a, p, c in zip(node.actions, node.probabilities, children)})
    return hg.decision(node.player, dict(zip(node.actions, children)), infoset=node.infoset)


SMALL_TREES = hs.perfect_information_trees(max_decision_nodes=5)
SMALL_TREES_WITH_INNER_PAYOFFS = hs.perfect_information_trees(max_decision_nodes=5, inner_payoffs=True)
TIELESS_PAYOFFS = st.integers(-50, 50)

# ----------------------------------------------------------------------------- properties


@given(hs.simultaneous_stage_trees())
def test_every_spe_of_a_tree_with_a_simultaneous_stage_is_nash_in_every_subgame(tree):
    solution = hg.spe(tree)
    oracle = Oracle(tree)
    assert solution.complete and len(solution) >= 1
    roots = {id(n) for n in tree.subgame_roots()}
    assert roots == {id(n) for n in oracle.subgame_roots()}
    for eq in solution:
        assert oracle.is_nash_everywhere(eq.strategies)
        assert eq.payoffs == oracle.value(tree.root, eq.strategies)


@given(hs.perfect_information_trees(payoffs=TIELESS_PAYOFFS, inner_payoffs=True))
def test_spe_payoffs_equal_plain_backward_induction_when_nobody_is_indifferent(tree):
    oracle = Oracle(tree)
    payoffs, tied = oracle.backward_induction()
    solution = hg.spe(tree)
    assert all(oracle.is_nash_everywhere(eq.strategies) for eq in solution)
    if not tied:
        assert len(solution) == 1 and solution.degenerate is False
        assert solution[0].payoffs == payoffs
        assert solution[0].details["open_ties"] == [] and solution[0].details["ties_broken"] == []


@given(st.one_of(SMALL_TREES, SMALL_TREES_WITH_INNER_PAYOFFS))
def test_all_pure_spe_under_ties_equal_the_brute_force_set(tree):
    oracle = Oracle(tree)
    expected = oracle.brute_force_pure_spe()
    solution = hg.spe(tree, use_priorities=False)
    found = [pure_actions(eq) for eq in solution]
    assert len(found) == len(set(found)), "an SPE is listed twice"
    assert set(found) == expected
    assert solution.degenerate == (len(expected) > 1)
    for eq in solution:
        assert eq.payoffs == oracle.value(tree.root, eq.strategies)


@given(SMALL_TREES, st.data())
def test_priority_rules_pick_one_of_the_pure_spe(tree, data):
    orders = {p: data.draw(st.permutations([f"a{k}" for k in range(3)]), label=f"priority of {p}")
              for p in tree.players}
    everything = {pure_actions(eq) for eq in hg.spe(tree, use_priorities=False)}
    chosen = hg.spe(tree, priorities=orders)
    assert len(chosen) == 1 and pure_actions(chosen[0]) in everything
    # every node where a tie was broken is one where the mover really was indifferent
    oracle = Oracle(tree)
    for path in chosen[0].details["ties_broken"]:
        node = tree.root
        for action in path:
            node = node.child(action)
        i = tree.players.index(node.player)
        values = [oracle.value(c, chosen[0].strategies)[i] for c in node.children]
        assert values.count(max(values)) >= 2


@given(st.one_of(SMALL_TREES, hs.simultaneous_stage_trees()), st.data(), hs.positive_affine_maps())
def test_positive_affine_transform_of_one_players_payoffs_leaves_the_spe_set_unchanged(tree, data, affine):
    player = data.draw(st.integers(0, tree.num_players - 1), label="player")
    other = hg.ExtensiveFormGame(transformed(tree.root, player, affine), players=tree.players)
    before = {eq.key() for eq in hg.spe(tree, use_priorities=False)}
    after = {eq.key() for eq in hg.spe(other, use_priorities=False)}
    assert before == after


@given(st.one_of(SMALL_TREES, hs.simultaneous_stage_trees()), st.data())
def test_pure_profile_payoffs_agree_between_the_tree_and_its_reduced_normal_form(tree, data):
    oracle = Oracle(tree)
    normal = tree.to_normal_form()
    # the reduced strategies are exactly the distinct Gambit labels of all pure behaviour strategies
    for i in range(oracle.n):
        sizes = [len(g[0].actions) for g in oracle.groups[i]]
        labels = {oracle.reduced_label(i, dict(zip([(i, k) for k in range(len(sizes))], a)))
                  for a in itertools.product(*(range(s) for s in sizes))}
        assert set(normal.strategies[i]) == labels and len(normal.strategies[i]) == len(labels)
    choice = {g: data.draw(st.integers(0, len(oracle.groups[g[0]][g[1]][0].actions) - 1))
              for g in oracle.all_groups()}
    profile = oracle.pure_profile(choice)
    index = tuple(normal.strategies[i].index(oracle.reduced_label(i, choice)) for i in range(oracle.n))
    assert tuple(a[index] for a in normal.payoffs) == oracle.value(tree.root, profile)
    assert tree.expected_payoffs(profile) == oracle.value(tree.root, profile)


@settings(max_examples=30)
@given(st.one_of(hs.perfect_information_trees(max_decision_nodes=4), hs.simultaneous_stage_trees(max_stage_size=2)),
       st.data())
def test_mixed_to_behaviour_preserves_realization_and_payoffs(tree, data):
    """Kuhn (1953): under perfect recall the behaviour strategy of a mixed strategy reaches
    every leaf with the same probability."""
    oracle = Oracle(tree)
    normal = tree.to_normal_form()
    mixed = data.draw(hs.mixed_profiles(normal))
    expected: dict[int, Fraction] = {}
    supports = [[(w, s) for w, s in zip(m, normal.strategies[i]) if w > 0] for i, m in enumerate(mixed)]
    for combo in itertools.product(*supports):
        weight = Fraction(1)
        for w, _ in combo:
            weight *= w
        for leaf, p in oracle.leaf_distribution_of_reduced([s for _, s in combo]).items():
            expected[leaf] = expected.get(leaf, 0) + weight * p
    behaviour = [hg.games.behaviour.mixed_to_behaviour(tree, i, m) for i, m in enumerate(mixed)]
    reach = dict(zip(map(id, tree.nodes), tree.realization_probabilities(behaviour)))
    for node in tree.leaves():
        assert reach[id(node)] == expected.get(id(node), 0)
    assert tree.expected_payoffs(behaviour) == normal.expected_payoffs(mixed)


@settings(max_examples=20)
@given(st.one_of(hs.perfect_information_trees(max_decision_nodes=4, max_players=2),
                 hs.simultaneous_stage_trees(max_stage_size=2, max_stages=1)))
def test_solve_returns_nash_equilibria_of_the_tree(tree):
    oracle = Oracle(tree)
    solution = hg.solve(tree)
    # a complete answer holds at least one equilibrium (Nash 1951); two players are always complete
    assert len(solution) >= 1 and solution.complete if tree.num_players == 2 else \
        len(solution) >= 1 or not solution.complete
    for eq in solution:
        assert all(oracle.regret(tree.root, eq.strategies, i) == 0 for i in range(oracle.n))
        assert eq.payoffs == oracle.value(tree.root, eq.strategies)
    # every SPE is a Nash equilibrium, so its payoffs are those of some Nash equilibrium when unique
    if len(solution) == 1 and tree.num_players == 2 and solution.complete:
        assert all(eq.payoffs == solution[0].payoffs for eq in hg.spe(tree))


@given(hs.perfect_information_trees(payoffs=TIELESS_PAYOFFS))
def test_float_and_exact_spe_agree(tree):
    exact = hg.spe(tree, use_priorities=False)
    floating = hg.spe(tree.as_float(), use_priorities=False)
    assert floating.exact is False and len(floating) == len(exact)
    for a, b in zip(exact, floating):
        assert all(abs(float(x) - y) <= 1e-9 * 100 for x, y in zip(a.payoffs, b.payoffs))
