"""Symbolic SPE against the numeric solver: at a parameter point, the pieces holding there give
exactly the subgame-perfect equilibria that ``hg.spe`` finds on the tree with the values
substituted (DESIGN.md: "a symbolic solution evaluated at a random rational parameter point
equals the numeric solution there").  The numeric solver is the independent oracle."""
from __future__ import annotations

from fractions import Fraction

import sympy
from hypothesis import HealthCheck, given, settings, strategies as st

import hegemony_games as hg
from tests import strategies as hs

# each example solves a tree symbolically: fewer examples than the cheap numeric properties
SYMBOLIC = settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
VALUES = st.fractions(min_value=-4, max_value=4, max_denominator=6)


def _profiles(solution) -> set:
    return {e.key() for e in solution}


def _atoms(solution) -> set:
    return {p for piece in solution.pieces for p, _ in piece.region.atoms}


def _point(draw, tree) -> dict:
    point = {}
    for s in sorted(tree.parameters, key=str):
        if s == hs.CHANCE_PARAMETER:
            point[s] = draw(st.fractions(min_value=0, max_value=1, max_denominator=6))
        else:
            point[s] = draw(VALUES)
    return point


def _rational(point: dict) -> dict:
    return {s: sympy.Rational(v.numerator, v.denominator) for s, v in point.items()}


@settings(SYMBOLIC, max_examples=8)
@given(hs.symbolic_perfect_information_trees(symbolic_chance=True, max_decision_nodes=4), st.data())
def test_at_a_point_off_the_boundaries_the_pieces_give_the_numeric_spe(tree, data):
    sol = hg.spe(tree)
    atoms = _atoms(sol)
    for _ in range(3):
        point = _point(data.draw, tree)
        off = all(p.xreplace(_rational(point)) != 0 for p in atoms)
        if not off:
            continue
        assert _profiles(sol.at(point)) == _profiles(hg.spe(tree.subs(point))), point


@SYMBOLIC
@given(hs.symbolic_perfect_information_trees(max_parameters=1, max_decision_nodes=4), st.data())
def test_on_a_boundary_too_the_pieces_give_every_numeric_spe(tree, data):
    """Ties (knife edges) included: an atom's root in the one parameter x is a point where a mover
    is indifferent; there the tie piece must list every pure SPE (or the priority's choice)."""
    rules = data.draw(st.sampled_from([None, {"P1": ["a1", "a0"]}, {p: ["a0", "a1"] for p in tree.players}]))
    sol = hg.spe(tree, priorities=rules)
    x = hs.TREE_PARAMETERS[0]
    roots = sorted({r for p in _atoms(sol) for r in sympy.solve(p, x) if r.is_rational})
    for root in roots[:3] + [sympy.Rational(data.draw(VALUES))]:
        point = {x: Fraction(int(root.p), int(root.q))}
        assert _profiles(sol.at(point)) == _profiles(hg.spe(tree.subs(point), priorities=rules)), point


@SYMBOLIC
@given(hs.symbolic_perfect_information_trees(max_parameters=1, max_decision_nodes=4), st.data())
def test_pieces_with_a_tie_rule_partition_the_line(tree, data):
    """With every player ranking actions, ties are weak inequalities: exactly one piece holds at
    every point and it has exactly one equilibrium."""
    rules = {p: ["a1", "a0"] for p in tree.players}
    sol = hg.spe(tree, priorities=rules)
    x = hs.TREE_PARAMETERS[0]
    for value in [data.draw(VALUES) for _ in range(4)]:
        holding = [piece for piece in sol.pieces if piece.region.holds_at({x: value})]
        assert len(holding) == 1 and len(holding[0].equilibria) == 1, value
