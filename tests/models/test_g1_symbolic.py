"""Acceptance test of symbolic solving (issue 5): the symbolic SPE of G1 is the note's partition R1–R5.

``hg.spe(g1_tree())`` solves G1 with every parameter a symbol (domain: the symbols' signs and
h ≤ 1).  The expected values are the research note's §3 table (``hegemony-toolbox-model.md``),
transcribed below independently of the library; ``g1_closed_form`` (the model module's own
transcription) and the numeric solver are compared as well.  Equivalence is checked two ways:

* at a dense set of rational points, knife edges included, exactly one piece holds and its
  equilibrium path and payoffs are the note's row for the region the point lies in;
* exactly: with h and k fixed (then every atom is linear in the other parameters), each piece
  intersected with the complement of its note region is proven empty by exact LP.  Since the
  pieces cover the parameter space (they are a partition, checked at every point) and lie in
  their regions, each note region is the union of its pieces.
"""
from __future__ import annotations

import itertools
import random
from fractions import Fraction as F

import pytest
import sympy

import hegemony_games as hg
from hegemony_games.models.hegemony_toolbox import (G1_PARAMETERS, G1_TEST_VECTORS, g1_closed_form,
                                                    g1_symbolic_regions, g1_tree)
from hegemony_games.symbolic.conditions import Condition

h, t, v, a, k, delta, c, b = (G1_PARAMETERS[n][0] for n in ("h", "t", "v", "a", "k", "delta", "c", "b"))
NAMES = ("h", "t", "v", "a", "k", "delta", "c", "b")
SYMBOLS = (h, t, v, a, k, delta, c, b)

# the note's §3 table, written out from the note: shorthands, regions, rows
pi_H, pi_R, mu = v * h - k * t, v * (1 - h) - k * t, h * t - a - b
half = sympy.Rational(1, 2)
REGIONS = {
    "R1": sympy.And(h >= half, pi_H > 0, mu >= 0, sympy.Or(mu >= delta, v * h <= c)),
    "R2": sympy.And(h >= half, pi_H > 0, mu >= 0, mu < delta, v * h > c),
    "R3": sympy.And(h >= half, sympy.Or(pi_H <= 0, mu < 0)),
    "R4": sympy.And(h < half, pi_R > 0, (1 - h) * t >= a),
    "R5": sympy.And(h < half, sympy.Not(sympy.And(pi_R > 0, (1 - h) * t >= a))),
}
ROWS = {
    "R1": (("nD·I", "O", "H"), (v * h - k * t, -v * h, h * t - a)),
    "R2": (("D·I", "N", "I"), (0, -c, b)),
    "R3": (("nD·I", "N", "I"), (0, 0, b)),
    "R4": (("nD·A", "N", "A"), (-v * (1 - h), v * (1 - h) - k * t, (1 - h) * t - a)),
    "R5": (("nD·I", "N", "I"), (0, 0, b)),
}


@pytest.fixture(scope="module")
def solution():
    return hg.spe(g1_tree())


def note_region(point: dict) -> str:
    values = {s: sympy.Rational(point[s.name].numerator, point[s.name].denominator) for s in SYMBOLS}
    found = [name for name, region in REGIONS.items() if bool(region.xreplace(values))]
    assert len(found) == 1, (point, found)   # the note's regions are a partition
    return found[0]


def row_of(piece) -> tuple:
    [eq] = piece.equilibria   # every tie in G1 is broken by a priority: one SPE per piece
    return tuple(eq.details["path"]), eq.payoffs


def matching_regions(piece) -> list[str]:
    path, payoffs = row_of(piece)
    return [name for name, (want_path, want) in ROWS.items()
            if path == want_path and all(sympy.expand(p - q) == 0 for p, q in zip(payoffs, want))]


def test_every_piece_has_a_row_of_the_table(solution):
    assert solution.method == "symbolic-backward-induction" and solution.complete
    assert not solution.degenerate
    for piece in solution.pieces:
        assert matching_regions(piece), (piece.condition, row_of(piece))
    assert {name for piece in solution.pieces for name in matching_regions(piece)} == set(ROWS)


def _points() -> list[dict]:
    """Round rational points (knife edges are hit often) and points put on each threshold."""
    rng = random.Random(5)
    grid = {"h": [F(1, 5), F(3, 10), F(1, 2), F(3, 5), F(4, 5), F(1)], "t": [F(3, 10), F(1, 2), F(6, 5), F(2)],
            "v": [F(1, 5), F(1), F(2)], "a": [F(1, 5)], "k": [F(1, 5), F(1, 2)], "delta": [F(1, 4)],
            "c": [F(3, 10), F(4, 5)], "b": [F(0), F(1, 10)]}
    points = [dict(zip(grid, values)) for values in itertools.product(*grid.values())]
    points = rng.sample(points, 160)
    edges = []
    for base in rng.sample(points, 40):
        hh, aa, bb, dd, kk = base["h"], base["a"], base["b"], base["delta"], base["k"]
        edges.append({**base, "t": (aa + bb) / hh})                       # μ = 0
        edges.append({**base, "t": (aa + bb + dd) / hh})                  # μ = δ
        edges.append({**base, "v": kk * base["t"] / hh})                  # π_H = 0
        edges.append({**base, "v": base["c"] / hh})                       # v·h = c
        if hh < 1:
            edges.append({**base, "t": aa / (1 - hh)})                    # (1 − h)·t = a
            edges.append({**base, "v": kk * base["t"] / (1 - hh)})       # π_R = 0
    edges += [{**p, "h": F(1, 2)} for p in rng.sample(points, 10)]      # h = 1/2
    return points + edges


def test_pieces_agree_with_the_note_at_rational_points_and_knife_edges(solution):
    for point in _points():
        holding = [piece for piece in solution.pieces if piece.region.holds_at(point)]
        assert len(holding) == 1, (point, [p.condition for p in holding])
        region = note_region(point)
        assert region in matching_regions(holding[0]), (point, region, row_of(holding[0]))
        closed = g1_closed_form(*(point[n] for n in NAMES))   # the model module's own transcription
        path, payoffs = row_of(holding[0])
        assert path == closed.path
        values = {s: sympy.Rational(point[s.name].numerator, point[s.name].denominator) for s in SYMBOLS}
        assert tuple(F(str(u.xreplace(values))) for u in map(sympy.sympify, payoffs)) == closed.payoffs


def _negation_disjuncts(boolean) -> list:
    """¬boolean as a list of conjunctions (sympy DNF), each a list of relations."""
    dnf = sympy.to_dnf(sympy.Not(boolean), simplify=False)
    terms = dnf.args if isinstance(dnf, sympy.Or) else (dnf,)
    return [list(term.args) if isinstance(term, sympy.And) else [term] for term in terms]


@pytest.mark.parametrize("h_value, k_value", [(F(3, 10), F(1, 2)), (F(1, 2), F(1, 2)), (F(4, 5), F(1, 2)),
                                              (F(4, 5), F(1, 5)), (F(1), F(1))])
def test_each_piece_lies_in_its_note_region_proven_by_exact_lp(solution, h_value, k_value):
    fixed = {h: sympy.Rational(h_value.numerator, h_value.denominator),
             k: sympy.Rational(k_value.numerator, k_value.denominator)}
    for piece in solution.pieces:
        # atom by atom: a relation such as delta > 0 between positive symbols would evaluate to True
        region = Condition([(p.xreplace(fixed), rel) for p, rel in piece.region.atoms])
        if region.is_false() or region.is_feasible() is False:
            continue   # the piece does not meet this slice
        names = matching_regions(piece)
        expected = sympy.Or(*[REGIONS[n] for n in names]).xreplace(fixed)
        for disjunct in _negation_disjuncts(expected):
            outside = region & Condition.of(*disjunct)
            assert outside.is_feasible() is False, (piece.condition, names, disjunct)


def test_the_test_vectors_through_solution_at(solution):
    for vid, (point, _, path, payoffs) in G1_TEST_VECTORS.items():
        at = solution.at(point)
        [eq] = at
        assert tuple(eq.details["path"]) == path, vid
        assert tuple(eq.payoffs) == tuple(F(u) for u in payoffs), vid
        numeric = hg.spe(g1_tree(**point))
        assert {e.key() for e in at} == {e.key() for e in numeric}, vid


def test_regions_helper_labels_every_piece(solution):
    regions = g1_symbolic_regions(solution)
    assert set(regions) == {"R1", "R2", "R3", "R4", "R5"}
    assert sorted(id(p) for ps in regions.values() for p in ps if not (p in regions.get("R3", [])
                  and p in regions.get("R5", []))) == sorted(
        id(p) for p in solution.pieces if not (p in regions["R3"] and p in regions["R5"]))
    for name, pieces in regions.items():
        if name != "undecided":
            assert all(name in matching_regions(piece) for piece in pieces), name
