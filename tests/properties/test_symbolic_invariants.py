"""A symbolic solution, evaluated at a rational parameter point, is the exact numeric solution there."""
from fractions import Fraction

import sympy
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import hegemony_games as hg
from tests import strategies as hs

RATIONALS = st.fractions(min_value=-6, max_value=6, max_denominator=7)
FEW = settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def keys(solution):
    return {eq.key() for eq in solution}


def off_boundaries(solution, point) -> bool:
    """No atom polynomial of any piece vanishes at the point: every atom is strict there."""
    values = {s: sympy.Rational(v.numerator, v.denominator) for s, v in point.items()}
    return all(p.xreplace(values) != 0 for piece in solution.pieces for p, _ in piece.region.atoms)


def check_point(game, solution, point):
    point = {s: point.get(s, Fraction(0)) for s in game.parameters}
    inside = [k for k, piece in enumerate(solution.pieces) if piece.region.holds_at(point)]
    assert len(inside) == 1, f"pieces {inside} hold at {point}: the pieces must partition the space"
    assert keys(solution.at(point)) == keys(hg.solve(game.subs(point), exact=True)), point


@FEW
@given(hs.parametric_bimatrix_games(max_parameters=1), st.lists(RATIONALS, min_size=3, max_size=3))
def test_one_parameter_solution_matches_numeric_solve(game, values):
    (s,) = sorted(game.parameters, key=str)
    solution = hg.solve(game)
    points = [{s: v} for v in values]
    generic = [p for p in points if off_boundaries(solution, p)]
    assume(generic)
    for point in generic:
        check_point(game, solution, point)
    # Boundaries too: a rational point of every piece that has one (ties, degenerate knife edges);
    # at() verifies that each equilibrium there has exactly zero regret.
    for piece in solution.pieces:
        assert piece.feasible is not False
        witness = piece.region.witness()
        if witness and all(v.is_Rational for v in witness.values()):
            check_point(game, solution, {k: Fraction(int(v.p), int(v.q)) for k, v in witness.items()})


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hs.parametric_bimatrix_games(max_parameters=2, shapes=((2, 2),)),
       st.lists(st.tuples(RATIONALS, RATIONALS), min_size=2, max_size=2))
def test_two_parameter_solution_matches_numeric_solve(game, values):
    symbols = sorted(game.parameters, key=str)
    solution = hg.solve(game)
    points = [dict(zip(symbols, pair)) for pair in values]
    generic = [p for p in points if off_boundaries(solution, p)]
    assume(generic)
    for point in generic:
        check_point(game, solution, point)
