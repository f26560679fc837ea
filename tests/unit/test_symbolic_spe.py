"""Piecewise backward induction on symbolic trees (hg.spe on trees with sympy parameters).

Expected regions and payoffs are derived by hand in each test, or come from the closed forms of
the research note ``alliance-models.md`` (Lake's δ* = (k+e)/(g+e), §9.2; the Fang–Johnson–Leeds
maximal peaceful demand, §6.3–6.4).
"""
from __future__ import annotations

import itertools
from fractions import Fraction as F

import pytest
import sympy

import hegemony_games as hg
from hegemony_games.symbolic.conditions import Condition

x, y = sympy.symbols("x y")


def paths(piece) -> list:
    return sorted(e.details["path"] for e in piece.equilibria)


def pieces_at(sol, point) -> list:
    return [p for p in sol.pieces if p.region.holds_at(point)]


def same_profiles(symbolic_at, numeric) -> bool:
    return {e.key() for e in symbolic_at} == {e.key() for e in numeric}


# ------------------------------------------------------------------ small trees by hand
def _two_stage(priority=None):
    # A: L gives (1, 0); R lets B choose l (x, 2) or r (0, 1).  B always plays l; A plays R iff x > 1.
    return hg.ExtensiveFormGame(hg.decision("A", {
        "L": hg.terminal([1, 0]),
        "R": hg.decision("B", {"l": hg.terminal([x, 2]), "r": hg.terminal([0, 1])})}, priority=priority))


def test_a_tie_without_priority_is_its_own_piece_listing_every_tied_choice():
    sol = hg.spe(_two_stage())
    assert sol.method == "symbolic-backward-induction" and sol.exact and sol.degenerate
    assert len(sol.pieces) == 3
    by_point = {value: pieces_at(sol, {x: value}) for value in (0, 1, 2)}
    assert all(len(found) == 1 for found in by_point.values())
    assert paths(by_point[0][0]) == [["L"]]
    assert paths(by_point[1][0]) == [["L"], ["R", "l"]] and by_point[1][0].boundary
    assert paths(by_point[2][0]) == [["R", "l"]] and not by_point[2][0].boundary
    tie = by_point[1][0]
    assert all(e.details["open_ties"] == [[]] for e in tie.equilibria)   # the root is the tied node
    assert "indifferent" in sol.message


def test_a_priority_makes_the_preferred_action_win_on_a_weak_inequality():
    for priority, winner_at_1 in ((["L", "R"], ["L"]), (["R", "L"], ["R", "l"])):
        sol = hg.spe(_two_stage(priority))
        assert len(sol.pieces) == 2 and not sol.degenerate
        assert not any(p.boundary for p in sol.pieces)
        [at_one] = pieces_at(sol, {x: 1})
        assert paths(at_one) == [winner_at_1]
        [above] = pieces_at(sol, {x: F(3, 2)})
        assert paths(above) == [["R", "l"]] and above.equilibria[0].payoffs == (x, 2)


def test_a_players_rule_breaks_ties_like_a_node_priority():
    sol = hg.spe(_two_stage(), priorities={"A": ["R", "L"]})
    [at_one] = pieces_at(sol, {x: 1})
    assert paths(at_one) == [["R", "l"]]
    assert len(hg.spe(_two_stage(["L", "R"]), use_priorities=False).pieces) == 3


def test_equilibria_are_behaviour_profiles_like_numeric_spe():
    sol = hg.spe(_two_stage(["L", "R"]))
    [low] = pieces_at(sol, {x: 0})
    eq = low.equilibria[0]
    assert eq.strategies == (((1, 0),), ((1, 0),))   # A plays L; B would play l
    assert eq.payoffs == (1, 0) and eq.details["piece"] == sol.pieces.index(low)
    assert sol[eq.details["piece"]] is not None and eq in list(sol)
    numeric = hg.spe(_two_stage(["L", "R"]).subs({x: 0}))
    assert same_profiles(sol.at({x: 0}), numeric)


def test_chance_with_a_symbolic_probability_takes_expectations():
    p = sympy.Symbol("p", nonnegative=True)
    tree = hg.ExtensiveFormGame(hg.decision("A", {
        "safe": hg.terminal([1]),
        "gamble": hg.chance({"win": (p, hg.terminal([3])), "lose": (1 - p, hg.terminal([0]))})}))
    sol = hg.spe(tree)
    # 3p against 1: gamble iff p > 1/3, both at p = 1/3; p ≤ 1 is required of the probability 1 − p
    [low] = pieces_at(sol, {p: F(1, 4)})
    [edge] = pieces_at(sol, {p: F(1, 3)})
    [high] = pieces_at(sol, {p: 1})
    assert paths(low) == [["safe"]] and paths(edge) == [["gamble"], ["safe"]] and paths(high) == [["gamble"]]
    assert sympy.expand(high.equilibria[0].payoffs[0] - 3 * p) == 0
    assert not any(piece.region.holds_at({p: 2}) for piece in sol.pieces)   # 1 − p < 0: not a game


def test_outcomes_at_inner_nodes_add_up_along_the_path():
    tree = hg.ExtensiveFormGame(hg.decision("A", {
        "in": hg.decision("B", {"l": hg.terminal([1, x]), "r": hg.terminal([0, 1])}, payoffs=[x, 2]),
        "out": hg.terminal([1, 0])}, priority=["out", "in"]))
    sol = hg.spe(tree)
    # B gets 2 at its node whatever it does: l iff x > 1; A collects x at B's node, plus 1 after l
    [mid] = pieces_at(sol, {x: F(1, 2)})   # B plays r, A compares x = 1/2 with 1: out
    assert paths(mid) == [["out"]]
    [high] = pieces_at(sol, {x: 2})         # B plays l, A gets 3 > 1
    assert paths(high) == [["in", "l"]] and high.equilibria[0].payoffs == (x + 1, x + 2)


def test_assumptions_restrict_the_parameter_space():
    sol = hg.spe(_two_stage(), assumptions=[x > 2])
    assert len(sol.pieces) == 1 and paths(sol.pieces[0]) == [["R", "l"]]
    assert str(sol.pieces[0].condition) == "True"
    with pytest.raises(hg.GameError, match="outside the assumptions"):
        sol.at({x: 0})
    tree = hg.ExtensiveFormGame(_two_stage().root, assumptions=[x < 0])
    assert [paths(p) for p in hg.spe(tree).pieces] == [[["L"]]]
    with pytest.raises(hg.GameError, match="contradictory"):
        hg.spe(tree, assumptions=[x > 0])


def test_imperfect_information_is_refused_with_a_clear_message():
    tree = hg.ExtensiveFormGame(hg.decision("A", {
        "U": hg.decision("B", {"l": hg.terminal([x, 0]), "r": hg.terminal([0, 1])}, infoset="b"),
        "D": hg.decision("B", {"l": hg.terminal([0, 1]), "r": hg.terminal([1, 0])}, infoset="b")}))
    with pytest.raises(hg.GameError, match="perfect information.*information set 'b' of B.*2 nodes"):
        hg.spe(tree)
    with pytest.raises(hg.GameError, match="floats"):
        hg.spe(_two_stage(), exact=False)


# ------------------------------------------------------------------ Lake (2009), alliance-models.md §9.2
def lake_tree(g, k, e, b=4, h=F(3, 2), delta=sympy.Symbol("delta")):
    """One-shot deviation form of the relational contract: D governs for ever ((g − k)/(1 − δ))
    or abuses once (g + e) and is then refused for ever (0); S cedes or stays on its own."""
    return hg.ExtensiveFormGame(hg.decision("S", {
        "Self-help": hg.terminal([0, 0]),
        "Cede": hg.decision("D", {"Govern": hg.terminal([(b - h) / (1 - delta), (g - k) / (1 - delta)]),
                                  "Abuse": hg.terminal([-h - e, g + e])})}),
        assumptions=[delta > 0, delta < 1])


@pytest.mark.parametrize("g, k, e, threshold", [(3, 1, 2, F(3, 5)), (3, 1, F(1, 2), F(3, 7))])
def test_lake_governs_exactly_from_the_critical_discount_factor(g, k, e, threshold):
    delta = sympy.Symbol("delta")
    sol = hg.spe(lake_tree(g, k, e))
    governs = [p for p in sol.pieces if ["Cede", "Govern"] in paths(p)]
    abuses = [p for p in sol.pieces if ["Self-help"] in paths(p)]
    # one dimension: the regions are decided exactly; δ* = (k + e)/(g + e) is the note's closed form
    assert F(k + e, 1) / (g + e) == threshold
    for value in (threshold / 2, threshold - F(1, 1000), threshold, threshold + F(1, 1000), (1 + threshold) / 2):
        found = pieces_at(sol, {delta: value})
        assert len(found) == 1
        want = [["Cede", "Govern"]] if value > threshold else [["Self-help"]] if value < threshold \
            else [["Cede", "Govern"], ["Self-help"]]
        assert paths(found[0]) == want, value
    [edge] = [p for p in sol.pieces if p.boundary]
    assert edge.region.holds_at({delta: threshold})
    assert all((edge.region & Condition.of(side)).is_feasible() is False
               for side in (delta > threshold, delta < threshold))
    for piece in governs:
        assert (piece.region & Condition.of(delta < threshold)).is_feasible() is False
    for piece in abuses:
        assert (piece.region & Condition.of(delta > threshold)).is_feasible() is False


def test_lake_fully_symbolic_threshold_at_rational_points():
    g, k, e, delta = sympy.symbols("g k e delta", positive=True)
    tree = lake_tree(g, k, e, delta=delta)
    sol = hg.spe(tree, assumptions=[g > k])
    points = [dict(zip((g, k, e, delta), values)) for values in itertools.product(
        (F(3), F(5, 2)), (F(1), F(1, 2)), (F(2), F(1, 2)), (F(1, 5), F(3, 7), F(3, 5), F(4, 5)))]
    for point in points:
        critical = (point[k] + point[e]) / (point[g] + point[e])
        outcome = {tuple(eq.details["path"]) for eq in sol.at(point)}
        if point[delta] > critical:
            assert outcome == {("Cede", "Govern")}, point
        elif point[delta] < critical:
            assert outcome == {("Self-help",)}, point
        else:
            assert outcome == {("Cede", "Govern"), ("Self-help",)}, point
        assert same_profiles(sol.at(point), hg.spe(tree.subs(point))), point


# ------------------------------------------------------------------ Fang, Johnson & Leeds (2014), §6
def fjl_tree(x, V, p0=F(2, 5), p1=F(1, 5), cT=F(1, 10), cA=F(1, 5), gamma=F(1, 2), cC=F(1, 10)):
    """The note's reconstruction: the ally A recommends Settle or Resist, then the target T concedes
    the demand x or resists; payoffs (C, T, A).  Ties: T concedes, A recommends Settle (§6.3)."""
    peace = [x, 1 - x, gamma * (1 - x)]
    with_ally = [p1 - cC, 1 - p1 - cT, gamma * (1 - p1) - cA]
    alone = [p0 - cC, 1 - p0 - cT - V, gamma * (1 - p0)]
    target = lambda war: hg.decision("T", {"Concede": hg.terminal(peace), "Resist": hg.terminal(war)},
                                     priority=["Concede", "Resist"])
    return hg.ExtensiveFormGame(hg.decision("A", {"Settle": target(alone), "Resist": target(with_ally)},
                                            priority=["Settle", "Resist"]), players=["C", "T", "A"])


def maximal_demand(V, p0=F(2, 5), p1=F(1, 5), cT=F(1, 10), cA=F(1, 5), gamma=F(1, 2)):
    """x̂ = max{p1 + c_T, min(τ_A, p0 + c_T + V)} with τ_A = p1 + c_A/γ (the note's §6.3)."""
    return max(p1 + cT, min(p1 + cA / gamma, p0 + cT + V))


PEACE = (["Settle", "Concede"], ["Resist", "Concede"])


def test_fjl_peace_exactly_up_to_the_maximal_peaceful_demand():
    X, V = sympy.symbols("x V", nonnegative=True)
    sol = hg.spe(fjl_tree(X, V), assumptions=[X <= 1])
    # the note's table (§6.4): x̂ = 0.6 with V = 0.15, 0.5 with V = 0
    assert maximal_demand(F(3, 20)) == F(3, 5) and maximal_demand(0) == F(1, 2)
    for v in (F(0), F(1, 20), F(3, 20), F(1, 5), F(1, 2)):
        edge = maximal_demand(v)
        for value in sorted({F(0), F(1, 4), edge - F(1, 100), edge, edge + F(1, 100), F(1)}):
            if not 0 <= value <= 1:
                continue
            [piece] = pieces_at(sol, {X: value, V: v})
            peaceful = piece.equilibria[0].details["path"] in PEACE
            assert peaceful == (value <= edge), (v, value)
    # and exactly: no peaceful piece beyond x̂, no warlike piece below it (linear: decided by LP)
    tau, p1_cT = F(3, 5), F(3, 10)
    beyond = [Condition.of(X > p1_cT, X > tau), Condition.of(X > p1_cT, X > F(1, 2) + V)]
    within = [Condition.of(X <= p1_cT), Condition.of(X <= tau, X <= F(1, 2) + V)]
    for piece in sol.pieces:
        peaceful = piece.equilibria[0].details["path"] in PEACE
        for other in (beyond if peaceful else within):
            assert (piece.region & other).is_feasible() is False, piece.condition


def test_fjl_outcome_table_and_deterrence_case():
    X = sympy.Symbol("x", nonnegative=True)
    table = {  # alliance-models.md §6.4, demand -> outcome
        F(1, 4): "peace", F(9, 20): "peace", F(11, 20): "peace", F(31, 50): "war with A",
        F(7, 10): "war alone", F(9, 10): "war alone"}
    names = {("Settle", "Concede"): "peace", ("Resist", "Concede"): "peace",
             ("Resist", "Resist"): "war with A", ("Settle", "Resist"): "war alone"}
    sol = hg.spe(fjl_tree(X, F(3, 20)), assumptions=[X <= 1])
    for demand, outcome in table.items():
        [eq] = sol.at({X: demand})
        assert names[tuple(eq.details["path"])] == outcome, demand
    deterrence = hg.spe(fjl_tree(X, F(3, 20), cA=F(1, 50)), assumptions=[X <= 1])
    assert maximal_demand(F(3, 20), cA=F(1, 50)) == F(3, 10)
    for demand in (F(3, 10), F(31, 100)):
        [eq] = deterrence.at({X: demand})
        assert (names[tuple(eq.details["path"])] == "peace") == (demand <= F(3, 10))


def test_fjl_fully_symbolic_against_the_closed_form():
    X, V, p0, p1, cT, cA, gamma = sympy.symbols("x V p0 p1 c_T c_A gamma", positive=True)
    tree = fjl_tree(X, V, p0, p1, cT, cA, gamma)
    sol = hg.spe(tree, assumptions=[p1 < p0, p0 < 1])
    points = [dict(zip((p0, p1, cT, cA, gamma, V), values)) for values in (
        (F(2, 5), F(1, 5), F(1, 10), F(1, 5), F(1, 2), F(3, 20)),
        (F(2, 5), F(1, 5), F(1, 10), F(1, 50), F(1, 2), F(3, 20)),
        (F(1, 2), F(1, 10), F(1, 5), F(1, 10), F(1, 3), F(1, 10)),
        (F(3, 5), F(1, 5), F(1, 20), F(3, 10), F(2, 3), F(1, 4)))]
    for point in points:
        edge = maximal_demand(point[V], point[p0], point[p1], point[cT], point[cA], point[gamma])
        for demand in (edge / 2, edge, edge + F(1, 100), (edge + 1) / 2):
            at = {**point, X: demand}
            [eq] = sol.at(at)
            assert (eq.details["path"] in PEACE) == (demand <= edge), at
            assert same_profiles(sol.at(at), hg.spe(tree.subs(at))), at
