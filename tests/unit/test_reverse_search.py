"""Reverse search over the best-response polytopes (numba): vertex counts, pairs, declines, stack growth."""
import numpy as np
import pytest

from hegemony_games.solvers._common import HAVE_NUMBA

pytestmark = pytest.mark.skipif(not HAVE_NUMBA, reason="numba is not installed (the [fast] extra)")

from hegemony_games.solvers import reverse_search as rs  # noqa: E402
from hegemony_games.solvers import vertex_enumeration as ve  # noqa: E402
from hegemony_games.solvers.hull_vertices import hull_vertices  # noqa: E402


@pytest.mark.parametrize("shape", [(1, 3), (3, 1), (2, 2), (4, 3), (3, 6), (7, 7), (9, 5)])
def test_vertex_count_equals_qhulls(shape):
    for seed in range(3):
        M = np.random.default_rng(seed).random(shape) + 0.1
        expected = 2 if shape[1] == 1 else len(hull_vertices(M).vertices)   # d = 1: a segment
        assert rs.polytope_vertex_count(M) == expected


def test_a_degenerate_polytope_is_declined():
    # Two equal rows: every vertex on z1 + z2 = 1 has three tight constraints.
    assert rs.polytope_vertex_count(np.array([[1.0, 1.0], [1.0, 1.0]])) is None
    # Three constraints through one point of the plane: (1/3, 1/3) is tight on all three rows.
    M = np.array([[2.0, 1.0], [1.0, 2.0], [1.5, 1.5]])
    assert rs.polytope_vertex_count(M) is None


def pairs_by_lists(A, B):
    found = ve._pairs_from_vertex_lists(A, B, exact=False)
    return found.vertices, sorted(map(tuple, np.round(found.X, 9).tolist())), sorted(map(tuple, np.round(found.Y, 9).tolist()))


@pytest.mark.parametrize("n", [2, 3, 5, 8])
def test_pairs_equal_the_listed_vertices_pairs(n):
    for seed in range(5):
        rng = np.random.default_rng(seed)
        A, B = rng.random((n, n + 1)) + 1, rng.random((n, n + 1)) + 1
        found = rs.reverse_search_pairs(A, B)
        assert found is not None
        assert (found.vertices, sorted(map(tuple, np.round(found.X, 9).tolist())),
                sorted(map(tuple, np.round(found.Y, 9).tolist()))) == pairs_by_lists(A, B)


def test_the_stack_and_the_output_grow_when_needed(monkeypatch):
    rng = np.random.default_rng(7)
    A, B = rng.random((8, 8)) + 1, rng.random((8, 8)) + 1
    expected = rs.reverse_search_pairs(A, B)
    assert len(expected.X) > 1
    monkeypatch.setattr(rs, "DEPTH", 1)
    monkeypatch.setattr(rs, "CAPACITY", 1)
    grown = rs.reverse_search_pairs(A, B)
    assert grown.vertices == expected.vertices
    assert np.array_equal(grown.X, expected.X) and np.array_equal(grown.Y, expected.Y)


def test_a_margin_declines_what_it_cannot_separate():
    """The float path asks every proven slack to exceed a margin: a polytope with a vertex
    slack of about 1e-6 passes at margin 1e-8 and is declined at margin 1e-4."""
    M = np.array([[2.0, 1.0], [1.0, 2.0], [1.5 + 1e-6, 1.5 + 1e-6]])   # cuts the corner (1/3, 1/3)
    assert rs.polytope_vertex_count(M, margin=1e-8) == 5
    assert rs.polytope_vertex_count(M, margin=1e-4) is None


def test_nonpositive_or_infinite_payoffs_are_refused():
    good = np.ones((2, 2)) + np.eye(2)
    assert rs.reverse_search_pairs(good, good) is not None
    assert rs.reverse_search_pairs(good - 1, good) is None
    assert rs.reverse_search_pairs(good, np.full((2, 2), np.inf)) is None


@pytest.mark.parametrize("exact", [False, True])
def test_solve_walks_the_vertices_of_large_games(exact, monkeypatch):
    """From STREAMED_SIZE strategies on the solver walks instead of listing: same equilibria, same counts."""
    import hegemony_games as hg
    rng = np.random.default_rng(11)
    game = hg.NormalFormGame.from_bimatrix(rng.random((7, 6)), rng.random((7, 6)))
    listed = hg.solve(game, exact=exact)
    calls = []
    monkeypatch.setattr(ve, "STREAMED_SIZE", 13)
    monkeypatch.setattr(ve, "reverse_search_pairs", lambda *a, **k: calls.append(a) or rs.reverse_search_pairs(*a, **k))
    monkeypatch.setattr(ve, "_pairs_from_vertex_lists", lambda *a: pytest.fail("listed the vertices"))
    walked = hg.solve(game, exact=exact)
    assert len(calls) == 1 and walked.parameters == listed.parameters
    assert walked.method == listed.method and walked.degenerate is False and len(walked) == len(listed) > 1
    for ours, theirs in zip(walked, listed):
        if exact:
            assert ours.strategies == theirs.strategies and ours.max_regret() == 0
        else:
            assert np.allclose(np.concatenate(ours.strategies), np.concatenate(theirs.strategies), atol=1e-9)
