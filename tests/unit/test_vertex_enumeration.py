"""Vertex enumeration: known equilibrium sets, degeneracy, components, arithmetic paths."""
from dataclasses import replace
from fractions import Fraction as F
from itertools import combinations
from math import comb

import numpy as np
import pytest
from hypothesis import given

import hegemony_games as hg
from hegemony_games.solvers import vertex_enumeration as ve
from hegemony_games.solvers.polytope_vertices import AmbiguousPivot, polytope_vertices
from tests import strategies as hs


def strategies(solution):
    return sorted(e.strategies for e in solution)


def test_cube_has_all_its_vertices():
    # {z ≥ 0 : z_i ≤ 1}: the unit cube in dimension 4 has 16 vertices, each with 4 tight constraints.
    M = np.eye(4, dtype=int).astype(object)
    vertices = list(polytope_vertices(M, exact=True))
    assert len(vertices) == 16
    assert all(bin(mask).count("1") == 4 for mask, _ in vertices)


def test_degenerate_pyramid_apex_is_found_once_with_all_its_facets():
    # A repeated row makes a vertex with more tight constraints than the dimension (degenerate).
    M = np.array([[2, 0, 1], [0, 2, 1], [1, 1, 1], [1, 1, 1]], dtype=object)
    vertices = dict(polytope_vertices(M, exact=True))
    float_vertices = dict(polytope_vertices(M.astype(float), exact=False))
    assert set(vertices) == set(float_vertices)
    assert max(bin(m).count("1") for m in vertices) > 3  # the degenerate vertex is reported as such


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5])
def test_coordination_game_has_2_to_the_n_minus_1_equilibria(n):
    sol = hg.solve(hg.classics.coordination(n))
    assert len(sol) == 2 ** n - 1 and sol.degenerate is False
    assert sol.components == [[k] for k in range(len(sol))]
    # each equilibrium is uniform on a common support
    for e in sol:
        x, y = e.strategies
        support = [p for p in x if p > 0]
        assert x == y and len(set(support)) == 1


def test_exact_results_have_zero_regret_and_fraction_entries():
    sol = hg.solve(hg.classics.battle_of_the_sexes())
    assert sol.exact and all(isinstance(p, F) for e in sol for v in e.strategies for p in v)
    assert all(e.max_regret() == 0 for e in sol)


def test_continuum_components_and_degeneracy():
    # Both players indifferent everywhere: the whole square is one convex set of equilibria.
    sol = hg.solve(hg.NormalFormGame.from_bimatrix([[1, 1], [1, 1]], [[2, 2], [2, 2]]))
    assert sol.degenerate and len(sol) == 4
    assert sol.components == [[0, 1, 2, 3]]
    # Entry deterrence in normal form: the entrant stays out against any threat of fighting
    # with probability ≥ 1/2, a segment of equilibria, plus the subgame-perfect (In, Accommodate).
    entry = hg.NormalFormGame.from_bimatrix([[0, 0], [-1, 1]], [[2, 2], [-1, 1]],
                                            strategies=[["Out", "In"], ["Fight", "Accommodate"]])
    sol = hg.solve(entry)
    assert sol.degenerate
    assert strategies(sol) == sorted([((F(1), F(0)), (F(1), F(0))),
                                      ((F(1), F(0)), (F(1, 2), F(1, 2))),
                                      ((F(0), F(1)), (F(0), F(1)))])
    out_index = [k for k, e in enumerate(sol) if e.strategies[0] == (1, 0)]
    assert sorted(out_index) in sol.components


def test_float_games_fall_back_to_exact_when_float_ties_are_ambiguous(monkeypatch):
    calls = []
    original = ve._solve

    def flaky(game, exact):
        calls.append(exact)
        if not exact:
            raise AmbiguousPivot("simulated near-tie")
        return original(game, exact)

    monkeypatch.setattr(ve, "_solve", flaky)
    monkeypatch.setattr(ve, "_certified_solve", lambda *args, **kwargs: None)  # force the walk
    sol = hg.solve(hg.classics.chicken().as_float())
    assert calls == [False, True]
    assert not sol.exact and len(sol) == 3 and "solved exactly" in sol.message
    assert all(isinstance(p, float) for e in sol for v in e.strategies for p in v)


def test_an_exact_fallback_stopped_by_the_time_limit_stays_incomplete_in_floats(monkeypatch):
    """The float walk's ambiguous tie sends the game to the exact walk; when that one is cut
    short by the timeout, the float answer must say so too (it used to claim complete)."""
    original = ve._solve

    def flaky(game, exact, deadline=None):
        if not exact:
            raise AmbiguousPivot("simulated near-tie")
        return replace(original(game, exact), complete=False, components=[],
                       message="the time limit of 1 s reached in the walk")

    monkeypatch.setattr(ve, "_solve", flaky)
    monkeypatch.setattr(ve, "_certified_solve", lambda *args, **kwargs: None)
    sol = hg.solve(hg.classics.chicken().as_float(), timeout=1)
    assert not sol.complete and sol.components == [] and len(sol) == 3
    assert "solved exactly" in sol.message and "the time limit of 1 s reached in the walk" in sol.message


def test_float_and_exact_agree_on_random_games():
    for seed in range(20):
        rng = np.random.default_rng(seed)
        A, B = rng.random((4, 5)), rng.random((4, 5))
        game = hg.NormalFormGame.from_bimatrix(A, B)
        floats = hg.solve(game)
        exacts = hg.solve(game, exact=True)
        assert len(floats) == len(exacts) and len(floats) % 2 == 1
        for f, e in zip(sorted(x.key() for x in floats), sorted(x.key() for x in exacts)):
            assert np.allclose(np.concatenate(f), np.concatenate([np.array(v, float) for v in e]), atol=1e-9)


def test_more_than_64_labels_uses_unbounded_masks():
    # 1×70: the column player is indifferent among columns with equal payoff; labels exceed 64.
    column_payoffs = np.arange(70).reshape(1, 70) % 5
    sol = hg.solve(hg.NormalFormGame.from_bimatrix(np.ones((1, 70), dtype=int), column_payoffs))
    assert len(sol) == 14 and sol.degenerate  # columns 4, 9, ..., 69 pay the maximum 4
    assert sol.components == [list(range(14))]


def test_degenerate_random_games_match_the_pure_equilibria():
    # Every pure equilibrium is an extreme equilibrium and must be listed.
    for seed in range(30):
        payoffs = np.random.default_rng(1000 + seed).integers(0, 3, (2, 4, 4))
        game = hg.NormalFormGame(payoffs)
        found = {e.support() for e in hg.solve(game) if e.is_pure()}
        pure = {e.support() for e in hg.solve(game, method="pure")}
        assert found == pure


def test_needs_two_players():
    with pytest.raises(hg.GameError, match="two-player"):
        ve.vertex_enumeration_solve(hg.NormalFormGame(np.zeros((3, 2, 2, 2), dtype=int)))


def test_number_of_bases_bound_on_a_small_game():
    # A 2×2 polytope has at most C(4, 2) = 6 bases, so at most 6 vertices of each polytope.
    sol = hg.solve(hg.classics.stag_hunt())
    assert all(count <= comb(4, 2) for count in sol.parameters["vertices"])


def test_batched_float_ratio_test_equals_the_column_by_column_rule():
    """The vectorised minimum-ratio test must pick the row the lexicographic rule picks,
    also when ratios are tied or nearly tied (integer matrices with tiny perturbations)."""
    from hegemony_games.solvers.polytope_vertices import AmbiguousPivot, _FloatTableau

    rng = np.random.default_rng(7)
    compared = contested = 0   # contested: columns with several candidate rows
    for trial in range(300):
        M = rng.integers(1, 4, (5, 5)).astype(float) + rng.choice([0.0, 1e-12, 1e-7], (5, 5))
        tableau = _FloatTableau.start(M, 1e-9)
        for _ in range(3):   # a few pivots in, so that the tableau is not the trivial start
            columns = [c for c in range(tableau.T.shape[1] - 1) if c not in tableau.basis]
            try:
                expected = [tableau.leaving_row(c) for c in columns]
            except AmbiguousPivot:
                with pytest.raises(AmbiguousPivot):
                    tableau.leaving_rows(columns)
                break
            assert tableau.leaving_rows(columns) == expected
            compared += len(columns)
            contested += sum(np.count_nonzero(tableau.T[:, c] > 1e-9) > 1 for c in columns)
            c = next((c for c, r in zip(columns, expected) if r is not None), None)
            if c is None:
                break
            tableau = tableau.pivot(expected[columns.index(c)], c)
    assert compared > 1000 and contested > 100


@given(hs.degenerate_bimatrix_games(max_size=5))
def test_components_are_the_maximal_bicliques_of_the_extreme_equilibria(game):
    """The components, computed on a graph of integer nodes, are the maximal sets U × V of extreme
    equilibria found by closing every set U of x's (Galois closure), by brute force."""
    sol = ve.vertex_enumeration_solve(game)
    pairs = {(e.strategies[0], e.strategies[1]): k for k, e in enumerate(sol)}
    xs = sorted({x for x, _ in pairs})
    ys = sorted({y for _, y in pairs})
    expected = set()
    for size in range(1, len(xs) + 1):
        for U in combinations(xs, size):
            V = [y for y in ys if all((x, y) in pairs for x in U)]
            if V:
                closed = [x for x in xs if all((x, y) in pairs for y in V)]
                expected.add(tuple(sorted(pairs[(x, y)] for x in closed for y in V)))
    assert sorted(map(tuple, sol.components)) == sorted(expected)


def _numpy_leaving_row(T, c, d, tol):
    """The lexicographic ratio test on numpy arrays, as the float walk ran it before its lists."""
    rows = np.flatnonzero(T[:, c] > tol)
    if rows.size == 0:
        return None
    for q in (-1, *range(d, T.shape[1] - 1)):
        ratios = T[rows, q] / T[rows, c]
        low = ratios.min()
        near = ratios <= low + tol
        rows = rows[near]
        if rows.size == 1:
            return int(rows[0])
        if np.any(ratios[near] > low + tol * 1e-3):
            raise AmbiguousPivot("near-tie")
    raise AmbiguousPivot("unbreakable tie")


def test_float_ratio_test_on_lists_equals_the_numpy_rule():
    """The float walk's tie-breaking runs on Python floats: the same row, or the same AmbiguousPivot,
    as the numpy version on tied, nearly tied and degenerate tableaux."""
    from hegemony_games.solvers.polytope_vertices import _FloatTableau

    rng = np.random.default_rng(11)
    outcomes = set()
    for trial in range(300):
        M = rng.integers(1, 4, (5, 5)).astype(float) + rng.choice([0.0, 1e-12, 1e-7], (5, 5))
        tableau = _FloatTableau.start(M, 1e-9)
        for _ in range(4):
            columns = [c for c in range(tableau.T.shape[1] - 1) if c not in tableau.basis]
            chosen = []
            for c in columns:
                try:
                    expected = _numpy_leaving_row(tableau.T, c, tableau.d, tableau.tol)
                except AmbiguousPivot:
                    with pytest.raises(AmbiguousPivot):
                        tableau.leaving_row(c)
                    outcomes.add("ambiguous")
                    continue
                assert tableau.leaving_row(c) == expected
                outcomes.add("none" if expected is None else "row")
                if expected is not None:
                    chosen.append((expected, c))
            if not chosen:
                break
            tableau = tableau.pivot(*chosen[int(rng.integers(len(chosen)))])
    assert outcomes == {"row", "ambiguous"} or outcomes == {"row", "ambiguous", "none"}
