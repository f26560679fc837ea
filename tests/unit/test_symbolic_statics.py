"""Comparative statics of piecewise solutions: derivatives and their proven signs, per piece.

Expected signs are derived by hand (in each test's docstring) from the closed forms of
alliance-models.md: Chicken's q* = (T−R)/((T−R)+(S−P)), Hawk–Dove's p* = v/c, Lake's δ* = (k+e)/(g+e).
The pieces are written out by hand, so these tests do not depend on the symbolic solvers.
"""
from __future__ import annotations

from types import SimpleNamespace

import pytest
import sympy

import hegemony_games as hg
from hegemony_games.symbolic import Condition, Piece
from hegemony_games.symbolic.statics import comparative_statics, sign_on

T, R, S, P = sympy.symbols("T R S P")


def solution(game, region: Condition, equilibria) -> hg.Solution:
    piece = Piece(region.to_sympy(), tuple(equilibria), region)
    return hg.Solution(game, tuple(equilibria), "by hand", True, pieces=[piece])


def chicken():
    """Chicken (Swerve, Straight), T > R > S > P: the mixed equilibrium plays Straight with
    q* = (T−R)/D, D = (T−R)+(S−P), each player then earning (S·T − R·P)/D (the Swerve payoff
    R(1−q*) + S·q*)."""
    game = hg.NormalFormGame.from_bimatrix([[R, S], [T, P]], [[R, T], [S, P]], strategies=[["Swerve", "Straight"]] * 2)
    D = T - R + S - P
    q = (T - R) / D
    mixed = hg.Equilibrium(game, ((1 - q, q), (1 - q, q)), ((S * T - R * P) / D,) * 2)
    return solution(game, Condition.of(T > R, R > S, S > P), [mixed])


@pytest.mark.parametrize("parameter, sign", [(T, "+"), (R, "-"), (S, "-"), (P, "+")])
def test_chicken_probability_of_straight(parameter, sign):
    """∂q*/∂T = (S−P)/D² > 0, ∂q*/∂R = −(S−P)/D² < 0, ∂q*/∂S = −(T−R)/D² < 0, ∂q*/∂P = (T−R)/D² > 0."""
    statics = comparative_statics(chicken(), ("strategy", 0, "Straight"), parameter)
    assert statics.signs() == [sign]
    D = T - R + S - P
    by_hand = {T: (S - P) / D**2, R: -(S - P) / D**2, S: -(T - R) / D**2, P: (T - R) / D**2}[parameter]
    assert sympy.simplify(statics[0].derivative - by_hand) == 0


def test_chicken_payoff_and_solution_method():
    """u* = (ST − RP)/D: ∂u*/∂T = (S−R)(S−P)/D² < 0 (S < R, S > P), ∂u*/∂S = (T−R)(T−P)/D² > 0."""
    sol = chicken()
    assert sol.comparative_statics(("payoff", "Player 2"), "T").signs() == ["-"]
    assert sol.comparative_statics(("payoff", 0), S).signs() == ["+"]


def test_hawk_dove_mixed_probability():
    """p* = v/c (probability of Hawk) with c > v > 0: ∂p*/∂v = 1/c > 0, ∂p*/∂c = −v/c² < 0.
    The pure equilibria (Hawk, Dove) and (Dove, Hawk) have constant probabilities: sign 0."""
    v, c = sympy.symbols("v c", positive=True)
    game = hg.NormalFormGame.from_bimatrix([[(v - c) / 2, v], [0, v / 2]], [[(v - c) / 2, 0], [v, v / 2]],
                                           strategies=[["Hawk", "Dove"]] * 2)
    p = v / c
    mixed = hg.Equilibrium(game, ((p, 1 - p), (p, 1 - p)), ((v - v**2 / c) / 2,) * 2)
    hd = hg.Equilibrium(game, ((1, 0), (0, 1)), (v, 0))
    dh = hg.Equilibrium(game, ((0, 1), (1, 0)), (0, v))
    sol = solution(game, Condition.of(c > v, v > 0), [hd, dh, mixed])
    assert sol.comparative_statics(("strategy", 0, "Hawk"), v).signs() == ["0", "0", "+"]
    assert sol.comparative_statics(("strategy", 0, "Hawk"), c, equilibrium=2).signs() == ["-"]
    # a copy of the symbol without its assumptions names the same parameter
    assert sol.comparative_statics(("strategy", 1, 0), sympy.Symbol("c"), equilibrium=2).signs() == ["-"]
    # the mixed payoff (v − v²/c)/2: ∂/∂c = v²/(2c²) > 0; ∂/∂v = (1 − 2v/c)/2 changes sign at c = 2v
    assert sol.comparative_statics(("payoff", 0), c, equilibrium=2).signs() == ["+"]
    varies = sol.comparative_statics(("payoff", 0), v, equilibrium=2)[0]
    assert varies.sign == "varies"
    assert {s for s, _ in varies.cases} == {1, 0, -1}


def test_lake_threshold():
    """δ* = (k+e)/(g+e): ∂/∂k = 1/(g+e) > 0; ∂/∂e = (g−k)/(g+e)² > 0 when g > k; ∂/∂g = −(k+e)/(g+e)² < 0.
    Without g > k the sign in e is that of g − k, which takes both signs."""
    k, e, g = sympy.symbols("k e g", positive=True)
    threshold = (k + e) / (g + e)
    game = SimpleNamespace(players=("S", "D"), parameters=frozenset({k, e, g}))
    hierarchy = SimpleNamespace(game=game, pieces=[Piece(g > k, (), Condition.of(g > k))], parameters={})
    assert [comparative_statics(hierarchy, threshold, x).signs() for x in (k, e, g)] == [["+"], ["+"], ["-"]]
    assert comparative_statics(hierarchy, threshold, e)[0].equilibrium is None
    anywhere = SimpleNamespace(game=game, pieces=[Piece(sympy.true, (), Condition.true())], parameters={})
    assert comparative_statics(anywhere, threshold, e).signs() == ["varies"]


def test_sign_on_names():
    a, b = sympy.symbols("a b")
    assert sign_on(3 * a**2, Condition.of(a >= 0))[0] == ">=0"       # zero at a = 0
    assert sign_on(-3 * a**2, Condition.of(a >= 0))[0] == "<=0"
    assert sign_on(3 * a**2, Condition.of(a > 0))[0] == "+"
    assert sign_on(sympy.Integer(-2), Condition.of(a > 0))[0] == "-"
    assert sign_on(a * b - 1, Condition.of(a > 0, b > 0))[0] == "varies"
    assert sign_on(a - b, Condition.of(a > 1, b < 0))[0] == "+"
    assert sign_on(a, Condition.of(a > 1, a < 0))[0] == "empty region"
    # a²−2 on 1 < a < 2: both signs occur (a = 3/2 and a = 19/10), decided exactly
    assert sign_on(a**2 - 2, Condition.of(a > 1, a < 2))[0] == "varies"


def test_table_and_latex():
    statics = comparative_statics(chicken(), ("strategy", 0, "Straight"), T)
    text = str(statics)
    assert "P(Player 1 plays Straight)" in text and "d/dT" in text and "+" in text
    assert r"\frac{\partial}{\partial T}" in statics._repr_latex_()


def test_errors():
    with pytest.raises(hg.GameError, match="unknown parameter"):
        comparative_statics(chicken(), ("payoff", 0), "Q")
    with pytest.raises(hg.GameError, match="symbolic solution"):
        comparative_statics(hg.solve(hg.classics.chicken()), ("payoff", 0), "T")
    with pytest.raises(hg.GameError, match="unknown quantity"):
        comparative_statics(chicken(), ("regret", 0), T)
