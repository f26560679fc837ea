"""Symbolic normal-form games: closed forms from the literature (../shared/research/alliance-models.md)
and hand calculations, checked against hg.solve's pieces."""
from fractions import Fraction as F

import dataclasses

import pytest
import sympy

import hegemony_games as hg
from hegemony_games.symbolic import Condition


def profiles(equilibria):
    return {tuple(tuple(sympy.nsimplify(p) for p in v) for v in eq.strategies) for eq in equilibria}


def piece_with(sol, strategies):
    """The pieces that contain an equilibrium with these strategies."""
    return [p for p in sol.pieces if any(
        all(sympy.simplify(a - b) == 0 for v, w in zip(eq.strategies, strategies) for a, b in zip(v, w))
        for eq in p.equilibria)]


# Snyder (1984) secondary alliance game, alliance-models.md section 2.2: strategies S (support), W (weak).
B_, E_, A_ = sympy.symbols("B E A", positive=True)
rho = sympy.Symbol("rho", nonnegative=True)


def snyder():
    def u(own, other):   # u_i = B·1[σ_j = S] − E·1[σ_i = S] − A·ρ·1[σ_i = W]
        return B_ * int(other == "S") - E_ * int(own == "S") - A_ * rho * int(own == "W")
    acts = ["S", "W"]
    row = [[u(a, b) for b in acts] for a in acts]
    col = [[u(b, a) for b in acts] for a in acts]
    return hg.NormalFormGame.from_bimatrix(row, col, strategies=[acts, acts], assumptions=[rho <= 1])


def test_snyder_support_dominant_iff_abandonment_exceeds_entrapment():
    sol = hg.solve(snyder())
    assert sol.method == "symbolic-vertex-enumeration" and sol.complete
    S, W = (1, 0), (0, 1)
    [support] = [p for p in piece_with(sol, (S, S)) if not p.boundary]
    assert support.region == Condition.of(A_ * rho > E_)
    assert len(support.equilibria) == 1 and not support.boundary
    assert [sympy.simplify(u - (B_ - E_)) for u in support.equilibria[0].payoffs] == [0, 0]
    weak = [p for p in piece_with(sol, (W, W)) if not p.boundary]
    assert len(weak) == 1 and weak[0].region == Condition.of(A_ * rho < E_)
    assert [sympy.simplify(u + A_ * rho) for u in weak[0].equilibria[0].payoffs] == [0, 0]
    # The knife edge A·ρ = E: both players indifferent whatever the other does: all four profiles.
    [edge] = [p for p in sol.pieces if p.boundary]
    assert edge.degenerate and len(edge.equilibria) == 4
    assert len(sol.pieces) == 3


@pytest.mark.parametrize("r, expected, payoff", [("1/2", (0, 1), -2), ("9/10", (1, 0), 2), (0, (0, 1), 0)])
def test_snyder_table_at_points(r, expected, payoff):
    # alliance-models.md 2.2 tests: B=5, E=3, A=4 (ρ* = 3/4).
    sol = hg.solve(snyder()).at({"B": 5, "E": 3, "A": 4, "rho": r})
    assert len(sol) == 1
    assert sol[0].strategies == (expected, expected) and sol[0].payoffs == (payoff, payoff)


def test_snyder_prisoners_dilemma_region():
    # Under E > A·ρ and B > E − A·ρ the game is a PD (T > R > P > S): the unique equilibrium is (W, W).
    sol = hg.solve(snyder(), assumptions=[E_ > A_ * rho, B_ > E_ - A_ * rho])
    assert len(sol.pieces) == 1 and sol.pieces[0].region.is_true()
    assert profiles(sol.pieces[0].equilibria) == {((0, 1), (0, 1))}


T, R, S, P = sympy.symbols("T R S P")


def test_chicken_mixed_equilibrium():
    # Snyder's adversary game as Chicken: F (firm), K (conciliate); T(F vs K) > R(K,K) > S(K vs F) > P(F,F).
    row = [[P, T], [S, R]]
    game = hg.NormalFormGame.from_bimatrix(row, [[P, S], [T, R]], strategies=[["F", "K"]] * 2,
                                           assumptions=[T > R, R > S, S > P])
    sol = hg.solve(game)
    assert len(sol.pieces) == 1 and sol.pieces[0].region.is_true()
    q = (T - R) / ((T - R) + (S - P))
    assert len(sol) == 3
    mixed = [eq for eq in sol if sympy.simplify(eq.strategies[0][0] - q) == 0]
    assert len(mixed) == 1 and sympy.simplify(mixed[0].strategies[1][0] - q) == 0
    assert profiles([eq for eq in sol if eq is not mixed[0]]) == {((1, 0), (0, 1)), ((0, 1), (1, 0))}
    at = sol.at({T: 4, R: 3, S: 2, P: 1})          # alliance-models.md 2.3: q* = 1/2
    assert {eq.strategies for eq in at} == {((1, 0), (0, 1)), ((0, 1), (1, 0)),
                                           ((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)))}


v, c = sympy.symbols("v c", positive=True)


def hawk_dove(**kwargs):
    return hg.NormalFormGame.from_bimatrix([[(v - c) / 2, v], [0, v / 2]], [[(v - c) / 2, 0], [v, v / 2]],
                                           strategies=[["H", "D"]] * 2, **kwargs)


def test_hawk_dove_mixed_probability_is_v_over_c():
    sol = hg.solve(hawk_dove(), assumptions=v < c)
    assert len(sol.pieces) == 1
    assert {(eq.strategies[0][0], eq.strategies[1][0]) for eq in sol} == {(1, 0), (0, 1), (v / c, v / c)}


def test_hawk_dove_all_regions():
    sol = hg.solve(hawk_dove())
    by_region = {p.region: profiles(p.equilibria) for p in sol.pieces}
    assert by_region[Condition.of(v > c)] == {((1, 0), (1, 0))}
    assert by_region[Condition.of(sympy.Eq(v, c))] == {((1, 0), (1, 0)), ((1, 0), (0, 1)), ((0, 1), (1, 0))}
    assert len(by_region[Condition.of(v < c)]) == 3
    edge = [p for p in sol.pieces if p.boundary]
    assert len(edge) == 1 and edge[0].degenerate
    with pytest.raises(hg.GameError, match="outside the assumptions"):
        sol.at({"v": -1, "c": 2})
    with pytest.raises(hg.GameError, match="no value"):
        sol.at({"v": 1})


def test_prisoners_dilemma_under_its_ordering():
    game = hg.NormalFormGame.from_bimatrix([[R, S], [T, P]], [[R, T], [S, P]], assumptions=[T > R, R > P, P > S])
    sol = hg.solve(game)
    assert len(sol.pieces) == 1 and sol.pieces[0].region.is_true()
    [eq] = sol
    assert eq.strategies == ((0, 1), (0, 1)) and eq.payoffs == (P, P)
    assert eq.details["piece"] == 0


def test_identical_equilibria_merge_into_one_piece():
    # The column player's first strategy is strictly dominant, and the row player's best reply to it
    # does not involve p: one equilibrium for every p, one piece "always".
    p = sympy.Symbol("p")
    sol = hg.solve(hg.NormalFormGame.from_bimatrix([[1, p], [0, 0]], [[1, 0], [1, 0]]))
    assert len(sol.pieces) == 1 and sol.pieces[0].region.is_true()
    assert profiles(sol) == {((1, 0), (1, 0))}


def test_boundary_with_weak_inequality_merges():
    # Row: strategy 1 gives p·(column 1), strategy 2 gives 0; column 1 strictly dominant.
    # p > 0: (1, 1) only; p = 0: the row player is indifferent: (1, 1) and (2, 1); p < 0: (2, 1).
    p = sympy.Symbol("p")
    sol = hg.solve(hg.NormalFormGame.from_bimatrix([[p, 0], [0, 0]], [[1, 0], [1, 0]]))
    by_region = {piece.region: profiles(piece.equilibria) for piece in sol.pieces}
    assert by_region == {Condition.of(p > 0): {((1, 0), (1, 0))},
                         Condition.of(sympy.Eq(p, 0)): {((1, 0), (1, 0)), ((0, 1), (1, 0))},
                         Condition.of(p < 0): {((0, 1), (1, 0))}}


def test_three_player_pure_equilibria():
    # Everyone gets a if all play 0, 1 if all play 1, 0 otherwise.  By hand: (0,0,0) iff a >= 0 (a
    # deviator gets 0); (1,1,1) always; exactly one player on 1 iff a <= 0 (she would get a by
    # switching to 0; the others get 0 either way); two players on 1: not (either would get 1).
    a = sympy.Symbol("a")
    shape = (2, 2, 2)
    import numpy as np
    pay = np.empty(shape, dtype=object)
    for cell in np.ndindex(shape):
        pay[cell] = a if cell == (0, 0, 0) else 1 if cell == (1, 1, 1) else 0
    game = hg.NormalFormGame([pay, pay, pay])
    sol = hg.solve(game)
    assert sol.method == "symbolic-pure" and not sol.complete
    e0, e1 = (1, 0), (0, 1)
    singles = {(e0, e0, e1), (e0, e1, e0), (e1, e0, e0)}
    by_region = {piece.region: profiles(piece.equilibria) for piece in sol.pieces}
    assert by_region == {Condition.of(a > 0): {(e0, e0, e0), (e1, e1, e1)},
                         Condition.of(sympy.Eq(a, 0)): {(e0, e0, e0), (e1, e1, e1)} | singles,
                         Condition.of(a < 0): {(e1, e1, e1)} | singles}


def test_regions_table_and_solution_text():
    sol = hg.solve(hawk_dove(), assumptions=v < c)
    text = str(sol.regions())
    assert "always" in text and "v/c" in text
    assert len(sol.regions()) == 1
    assert "3 equilibria" in str(sol)


def test_numeric_method_on_symbolic_game_is_refused():
    with pytest.raises(hg.GameError, match="free parameters"):
        hg.solve(hawk_dove(), method="lemke-howson")
    with pytest.raises(hg.GameError, match="contradictory"):
        hg.solve(hawk_dove(), assumptions=[v > c, c > v])


def test_assumptions_on_games():
    game = hawk_dove(assumptions=[v < c])
    positive = Condition([(v, ">"), (c, ">")])        # from the symbols' positive=True
    assert game.assumptions == Condition.of(v < c) & positive
    assert game.subs({v: 1}).assumptions == Condition.of(c > 1) & Condition([(c, ">")])
    assert game.subs({v: 1, c: 2}).assumptions.is_true()


def test_symbolic_equilibria_are_hashable():
    p = sympy.Symbol("p")
    sol = hg.solve(hg.NormalFormGame.from_bimatrix([[p, 0], [0, 1]], [[1, 0], [0, 1]]))
    assert all(isinstance(hash(eq), int) for eq in sol)
    # p > 0 has (1,1), (2,2) and the mixed one; p = 0 three (one shared formula); p < 0 one: 4 formulas.
    assert len(set(sol)) == 4


def test_support_of_a_symbolic_equilibrium_is_refused_when_it_depends_on_the_parameters():
    v, c = sympy.symbols("v c", positive=True)
    game = hg.NormalFormGame.from_bimatrix([[(v - c) / 2, v], [0, v / 2]], [[(v - c) / 2, 0], [v, v / 2]],
                                           assumptions=[c > v])
    pure = [e for e in hg.solve(game) if all(x in (0, 1) for w in e.strategies for x in w)]
    assert len(pure) == 2 and all(e.is_pure() for e in pure)
    [mixed] = [e for e in hg.solve(game) if e not in pure]
    with pytest.raises(hg.GameError, match="depends on the parameters"):
        mixed.support()


def test_the_solver_checks_each_piece_at_a_point_inside_it():
    """A piece whose equilibrium is wrong is caught by the witness check (regret ≠ 0 there)."""
    from hegemony_games.symbolic import normal_form
    p = sympy.Symbol("p")
    game = hg.NormalFormGame.from_bimatrix([[p, 0], [0, 1]], [[1, 0], [0, 1]], assumptions=p > 0)
    good = hg.solve(game)
    wrong = hg.Equilibrium(game, ((1, 0), (0, 1)), (0, 0))      # (row 1, column 2): both would deviate
    bad = dataclasses.replace(good.pieces[0], equilibria=(wrong,))
    broken = dataclasses.replace(good, pieces=[bad], equilibria=(wrong,))
    with pytest.raises(AssertionError, match="regret"):
        normal_form._verify_at_witnesses(broken, game.assumptions)
    normal_form._verify_at_witnesses(good, game.assumptions)   # the solver's own pieces pass
