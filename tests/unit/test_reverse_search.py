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


def test_a_search_with_a_distant_deadline_is_the_search_without_one(monkeypatch):
    """Reading the clock at every vertex changes nothing while time is left."""
    from hegemony_games.limits import Deadline
    rng = np.random.default_rng(5)
    A, B = rng.random((6, 7)) + 1, rng.random((6, 7)) + 1
    expected = rs.reverse_search_pairs(A, B)
    monkeypatch.setattr(rs, "CHECK", 1)
    timed = rs.reverse_search_pairs(A, B, deadline=Deadline(3600))
    assert timed.stopped == "" and timed.vertices == expected.vertices and expected.vertices[0] > 20
    assert np.array_equal(timed.X, expected.X) and np.array_equal(timed.Y, expected.Y)


def test_an_expired_deadline_stops_the_search_with_the_pairs_found(monkeypatch):
    from hegemony_games.limits import Deadline
    rng = np.random.default_rng(5)
    A, B = rng.random((6, 7)) + 1, rng.random((6, 7)) + 1
    everything = rs.reverse_search_pairs(A, B)
    monkeypatch.setattr(rs, "CHECK", 10)     # the first reading of the clock: after 10 vertices
    stopped = rs.reverse_search_pairs(A, B, deadline=Deadline(0))
    assert stopped.vertices == (9, 0) and "stopped after 9 vertices" in stopped.stopped
    found = set(map(tuple, stopped.X.tolist()))
    assert found <= set(map(tuple, everything.X.tolist())) and len(found) == len(stopped.Y)


@pytest.mark.parametrize("exact", [False, True])
def test_solve_with_a_timeout_stops_the_reverse_search(exact, monkeypatch):
    """A game above QHULL_TIMEOUT_SIZE with a timeout: the reverse search, not the walk, and when
    the time is up, verified equilibria flagged incomplete; with time enough, the full answer."""
    import hegemony_games as hg
    rng = np.random.default_rng(11)
    game = hg.NormalFormGame.from_bimatrix(rng.random((7, 6)), rng.random((7, 6)))
    full = hg.solve(game, exact=exact)
    monkeypatch.setattr(ve, "STREAMED_SIZE", 13)
    monkeypatch.setattr(ve, "QHULL_TIMEOUT_SIZE", 5)
    monkeypatch.setattr(ve, "_pairs_from_vertex_lists", lambda *a: pytest.fail("listed the vertices"))
    monkeypatch.setattr(ve, "polytope_vertices", lambda *a, **k: pytest.fail("walked the bases"))
    timed = hg.solve(game, exact=exact, timeout=600)
    assert timed.complete and timed.parameters == full.parameters and len(timed) == len(full)
    monkeypatch.setattr(rs, "CHECK", 3)
    cut = hg.solve(game, exact=exact, timeout=0)
    assert not cut.complete and cut.components == [] and "reverse search" in cut.message
    assert cut.parameters["vertices"] == (2, 0) and len(cut) < len(full)
    for equilibrium in cut:   # each one verified, and one of the full answer's
        ours = np.concatenate(equilibrium.strategies).astype(float)
        assert any(np.allclose(ours, np.concatenate(e.strategies).astype(float), atol=1e-12) for e in full)
        assert equilibrium.max_regret() == 0 if exact else equilibrium.max_regret() <= 1e-9


def test_a_float_game_the_float_search_declines_is_searched_exactly(monkeypatch):
    """Large float games whose float search meets a slack below FLOAT_GAP are proven by the exact
    game's search instead of the float vertex lists (which would decline too, after listing every
    vertex) or the walk (hopeless at that size), then given in floats."""
    import hegemony_games as hg
    rng = np.random.default_rng(11)
    game = hg.NormalFormGame.from_bimatrix(rng.random((7, 6)), rng.random((7, 6)))
    usual = hg.solve(game)
    monkeypatch.setattr(ve, "STREAMED_SIZE", 13)
    monkeypatch.setattr(ve, "FLOAT_GAP", 2.0)    # no float slack clears it: the float search declines
    monkeypatch.setattr(ve, "polytope_vertices", lambda *a, **k: pytest.fail("walked the bases"))
    listed = ve._pairs_from_vertex_lists
    monkeypatch.setattr(ve, "_pairs_from_vertex_lists",
                        lambda A, B, exact: listed(A, B, exact) if exact else pytest.fail("listed in floats"))
    fallback = hg.solve(game)
    assert "solved exactly instead" in fallback.message and fallback.complete and not fallback.exact
    assert len(fallback) == len(usual) > 1
    for ours, theirs in zip(fallback, usual):
        assert np.allclose(np.concatenate(ours.strategies), np.concatenate(theirs.strategies), atol=1e-12)


@pytest.mark.parametrize("parallel", [False, True])
def test_one_degenerate_polytope_declines_the_game_in_one_thread_or_two(parallel, monkeypatch):
    """P simple and Q not, then the reverse: no answer either way, whichever search ends first.
    With two threads the failed search halts the other (``halt``)."""
    monkeypatch.setattr(rs, "PARALLEL", parallel)
    through_one_point = np.array([[2.0, 1.0], [1.0, 2.0], [1.5, 1.5]])   # three facets meet at (1/3, 1/3)
    generic = np.random.default_rng(3).random((3, 2)) + 1
    assert rs.reverse_search_pairs(generic, generic) is not None
    assert rs.reverse_search_pairs(through_one_point, generic) is None        # Q degenerate
    assert rs.reverse_search_pairs(generic.T.copy(), through_one_point.T.copy()) is None   # P degenerate
    # Q fails at once (two equal rows of A) while P has thousands of vertices to search: in two
    # threads P is halted part way, and that partial search must not pass for an answer.
    monkeypatch.setattr(rs, "CHECK", 1)
    rng = np.random.default_rng(4)
    A, B = rng.random((12, 12)) + 1, rng.random((12, 12)) + 1    # P: thousands of vertices
    A[1] = A[0]
    assert rs.reverse_search_pairs(A, B) is None


@pytest.mark.parametrize("n", [3, 6, 9])
def test_two_threads_give_what_one_thread_gives(n, monkeypatch):
    for seed in range(3):
        rng = np.random.default_rng(seed)
        A, B = rng.random((n, n + 1)) + 1, rng.random((n, n + 1)) + 1
        monkeypatch.setattr(rs, "PARALLEL", False)
        alone = rs.reverse_search_pairs(A, B)
        monkeypatch.setattr(rs, "PARALLEL", True)
        both = rs.reverse_search_pairs(A, B)
        assert both.vertices == alone.vertices and both.stopped == alone.stopped == ""
        assert np.array_equal(both.X, alone.X) and np.array_equal(both.Y, alone.Y)


def test_a_halted_search_stops_at_its_next_reading_and_a_failed_one_halts(monkeypatch):
    monkeypatch.setattr(rs, "CHECK", 5)
    M = np.random.default_rng(5).random((6, 7)) + 1
    assert rs._run(M, M.T.copy(), 4 * rs.UNIT, 0.0, match=False)[3]          # finished, unhalted
    vertices, _, _, finished = rs._run(M, M.T.copy(), 4 * rs.UNIT, 0.0, match=False, halt=np.ones(1, dtype=bool))
    assert not finished and vertices == 5
    halt = np.zeros(1, dtype=bool)
    degenerate = np.array([[2.0, 1.0], [1.0, 2.0], [1.5, 1.5]])
    assert rs._run(degenerate, degenerate.T.copy(), 4 * rs.UNIT, 0.0, match=False, halt=halt) is None
    assert halt[0]
