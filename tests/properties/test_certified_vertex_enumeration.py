"""The certified fast path of vertex enumeration (reverse search, or vertex lists + proof) against the
complete lexicographic walk.

Whenever the fast path answers, its answer must be exactly the walk's: the same extreme
equilibria in the same order (Fractions equal, floats within 1e-9), the same payoffs,
components, degeneracy flag and vertex counts.  On a degenerate game it must not answer.
"""
import itertools
from unittest import mock
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, strategies as st

import hegemony_games as hg
from hegemony_games.solvers import vertex_enumeration as ve
from hegemony_games.solvers import certify
from hegemony_games.solvers._common import HAVE_NUMBA
from hegemony_games.solvers.certify import (adjugate_times_ones, bareiss_solve, certify_simple_vertices,
                                            closed_under_edges, masks)
from hegemony_games.solvers.graph_vertices import graph_vertices
from hegemony_games.solvers.hull_vertices import hull_vertices
from tests import strategies as hs


def walk(game, exact):
    """The solver as it was before the fast path: the complete lexicographic walk (float
    walks that meet an ambiguous tie finish exactly)."""
    with mock.patch.object(ve, "_certified_solve", return_value=None):
        return ve.vertex_enumeration_solve(game, exact)


# The vertices come from Qhull (without numba), from the graph search (numba), or from the
# reverse search (numba, games of STREAMED_SIZE strategies or more: here every game).
GENERATORS = ["qhull"] + (["graph", "reverse"] if HAVE_NUMBA else [])


def fast_each(game, exact):
    """The fast path's answer with each way of finding the vertices."""
    work, exact = ve.arithmetic(game, exact)
    answers = []
    for generator in GENERATORS:
        use_numba = generator != "qhull"
        streamed = 0 if generator == "reverse" else 10 ** 6
        with mock.patch.object(ve, "USE_NUMBA", use_numba), mock.patch.object(certify, "USE_NUMBA", use_numba), \
                mock.patch.object(ve, "STREAMED_SIZE", streamed), \
                mock.patch.object(ve, "_pairs_from_vertex_lists", _lists_unless(generator == "reverse")):
            answers.append(ve._certified_solve(work, exact))
    return answers


def _lists_unless(reverse):
    """The vertex lists, or nothing when the reverse search is under test (no fallback to them)."""
    return mock.Mock(return_value=None) if reverse else ve._pairs_from_vertex_lists


def fast(game, exact):
    """The fast path's answer; where both generators answer, their answers must be the same."""
    answers = [a for a in fast_each(game, exact) if a is not None]
    for other in answers[1:]:
        assert_same(other, answers[0], exact)
    return answers[0] if answers else None


def assert_same(fast_solution, walk_solution, exact):
    assert len(fast_solution) == len(walk_solution)
    assert fast_solution.components == walk_solution.components
    assert fast_solution.degenerate is walk_solution.degenerate is False
    assert fast_solution.parameters == walk_solution.parameters
    for ours, theirs in zip(fast_solution, walk_solution):
        if exact:
            assert ours.strategies == theirs.strategies and ours.payoffs == theirs.payoffs
            assert all(type(p) is Fraction for v in ours.strategies for p in v)
            assert ours.max_regret() == 0
        else:
            assert np.allclose(np.concatenate(ours.strategies), np.concatenate(theirs.strategies),
                               rtol=0, atol=1e-9)
            assert np.allclose(ours.payoffs, theirs.payoffs, rtol=1e-9, atol=1e-9)


def test_float_equilibria_come_in_one_order_whatever_their_last_bits():
    """Found by the thorough profile: x = (1/2, 1/4, 1/4) and (1/2, 1/2, 0) came out as
    0.5000000000000001 or 0.49999999999999994 depending on the generator, and sorting on the
    raw floats put them in different orders.  The order is now that of ``Equilibrium.key``."""
    game = hg.NormalFormGame.from_bimatrix([[1, 0, 0], [0, 0, 1], [0, 1, 0]], [[0, 0, 1], [1, 0, 0], [1, 2, 0]])
    answers = [a for a in fast_each(game, False) if a is not None] + [walk(game, False)]
    assert len(answers) >= 2
    for answer in answers:
        assert [e.key() for e in answer] == [((0.0, 0.0, 1.0), (0.0, 1.0, 0.0)),
                                             ((0.5, 0.25, 0.25), (0.333333333,) * 3),
                                             ((0.5, 0.5, 0.0), (0.5, 0.0, 0.5))]


WIDE_INTEGERS = st.integers(-1000, 1000)  # ties are rare, so the fast path usually answers


@given(hs.bimatrix_games(min_size=2, max_size=5, payoffs=WIDE_INTEGERS))
def test_exact_fast_path_equals_the_walk(game):
    expected = walk(game, True)
    found = fast(game, True)
    if expected.degenerate:
        assert found is None
    elif found is not None:
        assert_same(found, expected, exact=True)


@given(st.one_of(hs.degenerate_bimatrix_games(), hs.bimatrix_games(min_size=2, max_size=4,
                                                                   payoffs=st.integers(0, 2))))
def test_fast_path_never_answers_for_a_degenerate_game(game):
    for exact in (True, False):
        found = fast(game, exact)
        expected = walk(game, exact)
        if expected.degenerate:
            assert fast_each(game, exact) == [None] * len(GENERATORS)
        elif found is not None:
            assert_same(found, expected, exact)


@given(hs.float_bimatrix_games(min_size=2, max_size=5))
def test_float_fast_path_equals_the_walk(game):
    expected = walk(game, False)
    found = fast(game, False)
    if found is not None:
        assert_same(found, expected, exact=False)


@pytest.mark.parametrize("shape", [(2, 2), (3, 5), (6, 4), (7, 7)])
def test_random_games_take_the_fast_path_and_agree(shape):
    """Random uniform games are nondegenerate: the fast path must answer, in both arithmetics and
    with every way of finding the vertices."""
    for seed in range(4):
        rng = np.random.default_rng(seed)
        game = hg.NormalFormGame.from_bimatrix(rng.random(shape), rng.random(shape))
        for exact in (True, False):
            expected = walk(game, exact)
            for found in fast_each(game, exact):
                assert found is not None
                assert_same(found, expected, exact)


def test_ties_hidden_by_rounding_go_to_the_walk():
    """Payoffs that differ exactly but round to the same float: the float image shows a tie
    (a degenerate vertex), the fast path declines, and the exact walk decides."""
    big = 10 ** 17
    A = [[big, big + 1, 0], [big + 1, big, 3], [0, 5, big]]
    B = [[2, 0, 1], [0, 3, 1], [1, 2, 0]]
    game = hg.NormalFormGame.from_bimatrix(A, B)
    assert fast(game, True) is None
    solution = hg.solve(game)
    assert solution.exact and [e.strategies for e in solution] == [e.strategies for e in walk(game, True)]
    assert all(e.max_regret() == 0 for e in solution)


def test_near_tie_in_a_float_game_goes_to_the_walk():
    """A degenerate game perturbed by 1e-12 is nondegenerate, but too close to a tie for floats."""
    A = np.array([[1.0, 0.0, 1.0], [1.0, 1.0, 0.0], [0.0, 1.0, 1.0]])
    B = np.array([[0.0, 1.0, 1.0], [1.0, 0.0, 1.0], [1.0, 1.0, 0.0]])
    A[0, 0] += 1e-12
    game = hg.NormalFormGame.from_bimatrix(A, B)
    assert fast(game, False) is None
    ours, theirs = hg.solve(game, exact=False), walk(game, False)
    assert sorted(e.key() for e in ours) == sorted(e.key() for e in theirs)


@pytest.mark.parametrize("use_numba", [False] + ([True] if HAVE_NUMBA else []),
                         ids=lambda flag: "numba" if flag else "numpy")
def test_missing_or_mislabelled_vertices_are_not_certified(use_numba, monkeypatch):
    """The proof must fail when a vertex is dropped or a label set names no vertex (both kernels)."""
    monkeypatch.setattr(certify, "USE_NUMBA", use_numba)
    rng = np.random.default_rng(3)
    k, d = 5, 4
    M = rng.random((k, d)) + 0.5
    found = hull_vertices(M)
    assert found is not None and certify_simple_vertices(M, found.tight) is not None
    mask = masks(found.tight)
    assert closed_under_edges(mask, found.neighbours)
    # Drop vertex 0: its neighbours lose an edge end.
    keep = np.arange(1, len(mask))
    remap = np.zeros(len(mask), dtype=int)
    remap[keep] = np.arange(len(keep))
    assert not closed_under_edges(mask[keep], remap[found.neighbours[keep]])
    # Every other choice of d tight constraints (a basis) is infeasible or singular: refused.
    vertices = {frozenset(np.flatnonzero(row)) for row in found.tight}
    refused = 0
    for labels in itertools.combinations(range(d + k), d):
        row = np.zeros((1, d + k), dtype=bool)
        row[0, list(labels)] = True
        if frozenset(labels) not in vertices:
            assert certify_simple_vertices(M, row) is None
            refused += 1
    assert refused == 126 - len(vertices)


@pytest.mark.skipif(not HAVE_NUMBA, reason="numba is not installed (the [fast] extra)")
@given(st.integers(2, 7), st.integers(2, 7), st.integers(0, 2**32 - 1), st.data())
def test_numba_and_numpy_kernels_certify_alike(k, d, seed, data):
    """Both kernels accept the same label sets, with the same vertices (to rounding), and refuse
    the same wrong ones: a random basis (d tight constraints) is usually no vertex at all."""
    rng = np.random.default_rng(seed)
    M = rng.random((k, d)) + rng.choice([0.01, 0.5])
    found = hull_vertices(M)
    if found is None:
        return
    labels = data.draw(st.lists(st.integers(0, d + k - 1), min_size=d, max_size=d, unique=True))
    wrong = np.zeros((1, d + k), dtype=bool)
    wrong[0, labels] = True
    for tight in (found.tight, np.vstack([found.tight, wrong])):
        results = []
        for use_numba in (False, True):
            with mock.patch.object(certify, "USE_NUMBA", use_numba):
                results.append(certify_simple_vertices(M, tight, eps=4 * certify.UNIT))
        numpy_result, numba_result = results
        assert (numpy_result is None) == (numba_result is None)
        if numpy_result is not None:
            assert np.allclose(numpy_result, numba_result, rtol=0, atol=1e-12)


@pytest.mark.skipif(not HAVE_NUMBA, reason="numba is not installed (the [fast] extra)")
@given(st.integers(1, 8), st.integers(2, 8), st.integers(0, 2**32 - 1), st.sampled_from([None, 2, 3]))
def test_graph_search_finds_the_vertices_qhull_finds(k, d, seed, levels):
    """The depth-first search of the vertex graph and Qhull give the same vertices, labels and
    edges whenever both answer; on polytopes with ties (few payoff levels) the search either
    declines or still agrees."""
    rng = np.random.default_rng(seed)
    M = rng.random((k, d)) + 0.5 if levels is None else rng.integers(1, levels + 1, (k, d)).astype(float)
    graph, hull = graph_vertices(M), hull_vertices(M)
    if levels is None:
        assert graph is not None
    if graph is None or hull is None:
        return
    graph_masks, hull_masks = masks(graph.tight), masks(hull.tight)
    assert sorted(graph_masks.tolist()) == sorted(hull_masks.tolist())
    assert closed_under_edges(graph_masks, graph.neighbours)
    order = np.argsort(hull_masks)[np.searchsorted(hull_masks, graph_masks, sorter=np.argsort(hull_masks))]
    assert np.allclose(graph.vertices, hull.vertices[order], rtol=0, atol=1e-9)


def test_bareiss_solve_matches_a_rational_solve():
    import sympy
    rng = np.random.default_rng(0)
    for size in range(1, 7):
        G = rng.integers(-10 ** 12, 10 ** 12, (size, size)).tolist()
        rhs = [1] * size
        num, D = bareiss_solve(G, rhs)
        expected = sympy.Matrix(G).LUsolve(sympy.Matrix(rhs))
        assert [Fraction(v, D) for v in num] == [Fraction(int(e.p), int(e.q)) for e in expected]
    with pytest.raises(ZeroDivisionError):
        bareiss_solve([[1, 2], [2, 4]], [1, 1])


def test_bareiss_solve_swaps_rows_on_zero_pivots_and_detects_singular_systems():
    """Small entries, many zeros: pivots that vanish at any step, and singular matrices."""
    import sympy
    rng = np.random.default_rng(1)
    singular = swapped = 0
    for _ in range(400):
        size = int(rng.integers(1, 6))
        G = rng.choice([-1, 0, 0, 0, 1, 2], (size, size)).tolist()
        rhs = rng.integers(-3, 4, size).tolist()
        if sympy.Matrix(G).det() == 0:
            singular += 1
            with pytest.raises(ZeroDivisionError):
                bareiss_solve(G, rhs)
            continue
        swapped += size >= 2 and G[0][0] == 0
        num, D = bareiss_solve(G, rhs)
        expected = sympy.Matrix(G).LUsolve(sympy.Matrix(rhs))
        assert abs(D) == abs(sympy.Matrix(G).det())
        assert [Fraction(v, D) for v in num] == [Fraction(int(e.p), int(e.q)) for e in expected]
    assert singular > 50 and swapped > 50   # both cases were met


@given(st.integers(1, 6).flatmap(lambda n: st.lists(
    st.lists(st.one_of(st.integers(-3, 3), st.integers(-2 ** 60, 2 ** 60)), min_size=n, max_size=n),
    min_size=n, max_size=n)))
def test_adjugate_times_ones_is_cramers_rule(G):
    """G·num = ±det(G)·1 for a nonsingular square matrix, exactly +det(G) up to 4×4 (the
    formulas written out), where num_i is the determinant with column i made ones; a singular
    matrix raises ZeroDivisionError."""
    import sympy
    n = len(G)
    det = sympy.Matrix(G).det()
    if det == 0:
        with pytest.raises(ZeroDivisionError):
            adjugate_times_ones(G)
        return
    num = adjugate_times_ones(G)
    products = [sum(G[r][j] * num[j] for j in range(n)) for r in range(n)]
    if n <= 4:
        assert products == [det] * n
        for i in range(n):
            replaced = sympy.Matrix([row[:i] + [1] + row[i + 1:] for row in G])
            assert num[i] == replaced.det()
    else:   # Bareiss: the same up to the sign of the determinant
        assert products in ([det] * n, [-det] * n)


@pytest.mark.skipif(not HAVE_NUMBA, reason="the reverse search needs numba (the [fast] extra)")
@given(st.one_of(hs.bimatrix_games(min_size=2, max_size=5, payoffs=WIDE_INTEGERS),
                 hs.float_bimatrix_games(min_size=2, max_size=5)),
       st.integers(1, 40))
def test_a_time_limit_stops_the_reverse_search_with_part_of_its_answer(game, check):
    """Reverse search under a deadline: with time left, the answer without a deadline; with the time
    up at the first reading of the clock, a prefix of the search: some of the same equilibria,
    flagged incomplete, with no components, and nothing else."""
    from hegemony_games.limits import Deadline
    from hegemony_games.solvers import reverse_search as rs
    work, exact = ve.arithmetic(game, None)
    with mock.patch.object(ve, "STREAMED_SIZE", 0), mock.patch.object(rs, "CHECK", check), \
            mock.patch.object(ve, "_pairs_from_vertex_lists", mock.Mock(return_value=None)):
        free = ve._certified_solve(work, exact)
        if free is None:   # declined (a degenerate game, a near tie): the deadline changes nothing
            assert ve._certified_solve(work, exact, Deadline(3600)) is None
            return
        timed = ve._certified_solve(work, exact, Deadline(3600))
        assert timed.complete and timed.message == ""
        assert_same(timed, free, exact)
        late = ve._certified_solve(work, exact, Deadline(0))
    assert late is not None   # the steps before the first reading of the clock are the same
    # Each polytope's search reads the clock on reaching its vertex number check + 1 (origin included).
    assert late.complete is (max(free.parameters["vertices"]) + 1 <= check)
    if not late.complete:
        assert late.components == [] and "reverse search" in late.message
        keys = [e.key() for e in free]
        assert all(e.key() in keys for e in late)
    else:
        assert_same(late, free, exact)
