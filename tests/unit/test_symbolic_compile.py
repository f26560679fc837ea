"""Compiled piecewise solutions: region index and equilibrium quantities over numpy arrays.

The solutions here are written out by hand (pieces derived on paper), so the tests do not depend
on the symbolic solvers; expected values come from the hand derivations or from the published
tables (Snyder's alliance game: alliance-models.md §2.2, B=5, E=3, A=4).
"""
from __future__ import annotations

import random
from fractions import Fraction
from types import SimpleNamespace

import numpy as np
import pytest
import sympy

import hegemony_games as hg
from hegemony_games.symbolic import Condition, Piece
from hegemony_games.symbolic.compile import CompiledSolution, boolean_atoms, compile_solution

from tests.hand_solutions import A, B, E, piece, rho, snyder  # noqa: F401


def test_region_and_payoff_reproduce_the_published_table():
    compiled = snyder().compile()
    assert isinstance(compiled, CompiledSolution)
    assert [s.name for s in compiled.parameters] == ["A", "B", "E", "rho"]
    # alliance-models.md §2.2 with B=5, E=3, A=4: ρ=0.5 PD, (W,W), payoffs −2; ρ=0.9 Harmony, (S,S), 2; ρ=0: (W,W), 0.
    values = {"rho": [0.5, 0.9, 0.0, 0.75], "A": 4, "B": 5, "E": 3}
    assert compiled.region(values).tolist() == [1, 0, 1, 2]   # 4 × 0.75 = 3 exactly: the knife edge
    payoff = compiled.quantity(("payoff", 0), values)
    assert payoff[:3].tolist() == [-2.0, 2.0, 0.0]
    assert payoff[3] == 2.0    # first equilibrium of the tie piece: (S, S), B − E
    assert compiled.quantity(("strategy", "Player 1", "S"), values).tolist() == [0, 1, 0, 1]


def test_grid_region_counts_match_the_line():
    compiled = compile_solution(snyder())
    r, e = np.meshgrid(np.linspace(0, 1, 201), np.linspace(0, 5, 101))
    index = compiled.region({rho: r, E: e, A: 4, B: 5})
    assert index.shape == (101, 201)
    # With ρ = i/200 and E = j/20: 4ρ > E ⇔ 2i > 5j.  Off the line (2i ≠ 5j) float classification is exact.
    i, j = np.meshgrid(np.arange(201), np.arange(101))
    off = 2 * i != 5 * j
    assert np.array_equal((index == 0)[off], (2 * i > 5 * j)[off])
    assert np.array_equal((index == 1)[off], (2 * i < 5 * j)[off])
    assert set(np.unique(index[~off])) <= {0, 1, 2}


def test_float_classification_agrees_with_exact_membership_off_boundaries():
    sol = snyder()
    compiled = sol.compile()
    rng = random.Random(5)
    points = [{A: Fraction(rng.randint(1, 40), 7), B: Fraction(rng.randint(1, 40), 3),
               E: Fraction(rng.randint(1, 40), 5), rho: Fraction(rng.randint(0, 60), 60)} for _ in range(300)]
    index = compiled.region({s: [float(p[s]) for p in points] for s in (A, B, E, rho)})
    for point, k in zip(points, index):
        exact = [n for n, p in enumerate(sol.pieces) if p.region.holds_at(point)]
        assert exact == [k]


def test_atol_widens_the_boundary():
    compiled, wide = compile_solution(snyder()), compile_solution(snyder(), atol=1e-9)
    values = {"rho": [0.75 + 1e-12, 0.75 - 1e-12, 0.76], "A": 4, "B": 5, "E": 3}
    assert compiled.region(values).tolist() == [0, 1, 0]
    assert wide.region(values).tolist() == [2, 2, 0]


def test_missing_equilibrium_and_no_piece_give_nan():
    compiled = snyder().compile()
    values = {"rho": [0.9, 0.75], "A": 4, "B": 5, "E": 3}
    second = compiled.quantity(("payoff", 1), values, equilibrium=1)
    assert np.isnan(second[0]) and second[1] == 5 - 4 * 0.75   # (S, W) at the tie: column gets B − Aρ
    mixed_only = compiled.quantity(("payoff", 0), values, equilibrium=lambda e: e.strategies[0][0] == 1)
    assert mixed_only.tolist() == [2.0, 2.0]


def test_broadcasting_scalars_and_memberships():
    compiled = snyder().compile()
    assert compiled.region({"rho": 0.9, "A": 4, "B": 5, "E": 3}).shape == ()
    member = compiled.memberships({"rho": [[0.9, 0.75]], "A": 4, "B": 5, "E": 3})
    assert member.shape == (3, 1, 2)
    assert member[:, 0, 0].tolist() == [True, False, False] and member[:, 0, 1].tolist() == [False, False, True]


def test_overlapping_hand_pieces_go_to_the_first_and_non_conjunctions_are_evaluated():
    x = sympy.Symbol("x")
    game = SimpleNamespace(players=("1",), strategies=(("a",),), parameters=frozenset({x}))
    eq = SimpleNamespace(game=game, strategies=((1,),), payoffs=(x,))
    pieces = [SimpleNamespace(condition=sympy.Or(x < -1, x > 1), equilibria=(eq,), region=None),
              SimpleNamespace(condition=x > 0, equilibria=(eq,), region=None)]
    sol = SimpleNamespace(game=game, pieces=pieces, parameters={})
    assert boolean_atoms(pieces[0].condition) == pieces[0].condition   # not a conjunction: kept whole
    compiled = compile_solution(sol)
    assert compiled.region({"x": [-2, -0.5, 0.5, 2]}).tolist() == [0, -1, 1, 0]
    assert compiled.memberships({"x": [2]})[:, 0].tolist() == [True, True]


def test_assumptions_of_the_game_exclude_points():
    pieces = snyder().pieces
    game = SimpleNamespace(players=("1", "2"), strategies=(("S", "W"),) * 2,
                           parameters=frozenset({A, B, E, rho}), assumptions=Condition.of(rho >= 0, rho <= 1))
    sol = SimpleNamespace(game=game, pieces=pieces, parameters={})
    assert compile_solution(sol).region({"rho": [-0.5, 0.5, 1.5], "A": 4, "B": 5, "E": 3}).tolist() == [-1, 1, -1]


def test_errors_are_clear():
    compiled = snyder().compile()
    with pytest.raises(hg.GameError, match="missing.*B"):
        compiled.region({"rho": 0.5, "A": 4, "E": 3})
    with pytest.raises(hg.GameError, match="unknown parameters"):
        compiled.region({"rho": 0.5, "A": 4, "E": 3, "B": 1, "Z": 2})
    with pytest.raises(hg.GameError, match="same shape|one shape"):
        compiled.region({"rho": [0.5, 0.6], "A": [4, 5, 6], "E": 3, "B": 1})
    with pytest.raises(hg.GameError, match="unknown player"):
        compiled.quantity(("payoff", "Nobody"), {"rho": 0.5, "A": 4, "E": 3, "B": 1})
    with pytest.raises(hg.GameError, match="pieces"):
        hg.solve(hg.classics.matching_pennies()).compile()
    with pytest.raises(hg.GameError, match="atol"):
        compile_solution(snyder(), atol=-1)


def test_tree_pieces_behaviour_quantities():
    """One decision: player 1 takes a (payoff x) or b (payoff 1): a when x > 1, b when x < 1, either at x = 1."""
    x = sympy.Symbol("x")
    tree = hg.ExtensiveFormGame(hg.decision("1", {"a": hg.terminal([x, 0]), "b": hg.terminal([1, 0])}),
                                players=["1", "2"])
    take_a = hg.Equilibrium(tree, ([(sympy.Integer(1), sympy.Integer(0))], []), (x, 0))
    take_b = hg.Equilibrium(tree, ([(sympy.Integer(0), sympy.Integer(1))], []), (sympy.Integer(1), 0))
    pieces = [piece(Condition.of(x > 1), [take_a]), piece(Condition.of(x < 1), [take_b]),
              piece(Condition.of(sympy.Eq(x, 1)), [take_a, take_b])]
    sol = hg.Solution(tree, (take_a, take_b, take_a, take_b), "by hand", True, pieces=pieces)
    compiled = sol.compile()
    values = {"x": [0.0, 1.0, 3.0]}
    assert compiled.region(values).tolist() == [1, 2, 0]
    assert compiled.quantity(("strategy", "1", 0, "a"), values).tolist() == [0, 1, 1]
    payoff = compiled.quantity(("payoff", 0), values, equilibrium=1)
    assert np.isnan(payoff[0]) and payoff[1] == 1 and np.isnan(payoff[2])
    with pytest.raises(hg.GameError, match="infoset"):
        compiled.quantity(("strategy", "1", "a"), values)


def test_compiled_solve_agrees_with_the_numeric_solver_at_random_points():
    """hg.solve on the family A = [[x, 0], [0, 1]], B = [[1, 0], [0, y]]; at random rational points
    off the axes the compiled region's equilibria (evaluated in floats) are hg.solve(game.subs(point))'s."""
    x, y = sympy.symbols("x y")
    game = hg.NormalFormGame.from_bimatrix([[x, 0], [0, 1]], [[1, 0], [0, y]])
    sol = hg.solve(game)
    compiled = sol.compile()
    rng = random.Random(11)
    points = [(Fraction(rng.choice([-1, 1]) * rng.randint(1, 30), rng.randint(1, 9)),
               Fraction(rng.choice([-1, 1]) * rng.randint(1, 30), rng.randint(1, 9))) for _ in range(40)]
    index = compiled.region({x: [float(p) for p, _ in points], y: [float(q) for _, q in points]})
    for (p, q), k in zip(points, index):
        numeric = hg.solve(game.subs({x: p, y: q}), exact=True)
        expected = sorted(tuple(float(v) for s in e.strategies for v in s) for e in numeric)
        values = {x: float(p), y: float(q)}
        got = sorted(tuple(float(compiled.quantity(("strategy", player, i), values, equilibrium=j))
                           for player in (0, 1) for i in (0, 1))
                     for j in range(len(sol.pieces[k].equilibria)))
        assert np.allclose(expected, got), (p, q)
