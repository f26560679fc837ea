"""The shortcuts taken for speed give what the plain code gives.

* ``NormalFormGame.as_exact`` on a float game converts in bulk; each entry must be what
  ``to_exact`` (a ``Fraction`` of the float's shortest decimal) gives, and the game must be
  the one the constructor builds from those Fractions.
* ``hull_vertices`` calls scipy's Qhull wrapper directly; its facets and neighbours must be
  ``scipy.spatial.ConvexHull``'s.
"""
from fractions import Fraction

import numpy as np
from hypothesis import given, strategies as st
from hypothesis.extra.numpy import arrays
from scipy.spatial import ConvexHull

import hegemony_games as hg
from hegemony_games.numbers import to_exact
from hegemony_games.solvers import hull_vertices as hv

FINITE = st.floats(allow_nan=False, allow_infinity=False)


@given(arrays(np.float64, st.tuples(st.integers(1, 4), st.integers(1, 4)), elements=FINITE),
       arrays(np.float64, st.tuples(st.integers(1, 4), st.integers(1, 4)), elements=FINITE))
def test_as_exact_of_a_float_game_is_entrywise_to_exact(A, B):
    B = np.resize(B, A.shape)
    game = hg.NormalFormGame.from_bimatrix(A, B, title="t")
    exact = game.as_exact()
    slow = hg.NormalFormGame([np.array([to_exact(float(v)) for v in a.flat], dtype=object).reshape(a.shape)
                              for a in game.payoffs])
    assert exact.kind == "exact" and game.kind == "float"
    assert exact.shape == game.shape and exact.title == "t"
    assert exact.strategies == game.strategies and exact.players == game.players
    for ours, theirs in zip(exact.payoffs, slow.payoffs):
        assert ours.shape == theirs.shape and not ours.flags.writeable
        assert all(type(v) is Fraction and v == w for v, w in zip(ours.flat, theirs.flat))


def test_as_exact_keeps_the_decimals_the_user_wrote():
    game = hg.NormalFormGame.from_bimatrix([[0.1, -2.5], [1e-5, 1.5e20]], [[0.0, -0.0], [3.0, 7.25]])
    assert game.as_exact().payoffs[0].tolist() == [[Fraction(1, 10), Fraction(-5, 2)],
                                                   [Fraction(1, 100000), Fraction(15 * 10 ** 19)]]
    assert game.as_exact().payoffs[1].tolist() == [[0, 0], [3, Fraction(29, 4)]]


@given(st.integers(0, 2 ** 32 - 1), st.integers(2, 7), st.integers(1, 6))
def test_qhull_facets_are_convexhulls(seed, d, extra):
    points = np.random.default_rng(seed).normal(size=(d + 1 + extra, d))
    hull = ConvexHull(points)
    equations, neighbours = hv._facets(points)
    assert np.array_equal(equations, hull.equations)
    assert np.array_equal(neighbours, hull.neighbors)
