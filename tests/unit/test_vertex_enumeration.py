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
from hegemony_games.solvers.polytope_vertices import AmbiguousPivot, face_vertices, polytope_vertices
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
    vertices = list(polytope_vertices(M, exact=True))
    assert sorted(vertices) == _brute_force_vertices(M)
    float_vertices = dict(polytope_vertices(M.astype(float), exact=False))
    assert set(float_vertices) == {mask for mask, _ in vertices}
    assert max(bin(m).count("1") for m, _ in vertices) > 3  # the degenerate vertex is reported as such


def _brute_force_vertices(M):
    """Every vertex of {z ≥ 0 : M z ≤ 1} with its tight mask, sorted: for every choice of d
    constraints (z_j = 0 or row i tight) whose equations have a unique solution, that solution
    if it is feasible (exact, in Fractions)."""
    k, d = M.shape
    rows = M.tolist()
    found = set()
    for tight in combinations(range(d + k), d):
        free = [j for j in range(d) if j not in tight]
        equal = [v - d for v in tight if v >= d]
        values = _solve_exactly([[F(rows[i][j]) for j in free] for i in equal])
        if values is None:
            continue
        z = [F(0)] * d
        for j, v in zip(free, values):
            z[j] = v
        slack = [1 - sum(F(a) * b for a, b in zip(row, z)) for row in rows]
        if min(z, default=0) < 0 or min(slack) < 0:
            continue
        mask = sum(1 << j for j in range(d) if z[j] == 0) | sum(1 << (d + i) for i in range(k) if slack[i] == 0)
        found.add((mask, tuple(z)))
    return sorted(found)


def _solve_exactly(G):
    """The solution of G z = (1, …, 1) by Gauss–Jordan in Fractions, ``None`` if G is singular."""
    n = len(G)
    G = [row + [F(1)] for row in G]
    for c in range(n):
        pivot = next((r for r in range(c, n) if G[r][c] != 0), None)
        if pivot is None:
            return None
        G[c], G[pivot] = G[pivot], G[c]
        for r in range(n):
            if r != c and G[r][c] != 0:
                f = G[r][c] / G[c][c]
                G[r] = [a - f * b for a, b in zip(G[r], G[c])]
    return [G[i][n] / G[i][i] for i in range(n)]


def _assert_close(found, expected):
    """The float search's vertices: the exact tight masks, coordinates within 1e-12."""
    found = sorted(found)
    assert [mask for mask, _ in found] == [mask for mask, _ in expected]
    assert all(np.allclose(z, np.array(e, dtype=float), rtol=0, atol=1e-12) for (_, z), (_, e) in zip(found, expected))


@pytest.mark.parametrize("seed", range(4))
def test_reverse_search_lists_every_vertex_once_on_degenerate_polytopes(seed):
    """Entries in {1, 2} (or {1, 2, 3}) make many vertices with more tight constraints than the
    dimension: each vertex once, at its least basis, as brute force finds them; and each face
    (some rows tight, some coordinates zero) has exactly the vertices of the polytope on it."""
    rng = np.random.default_rng(seed)
    degenerate = faces = 0
    for trial in range(40):
        k, d = (int(v) for v in rng.integers(1, 6, 2))
        M = np.array(rng.integers(1, 3 + seed % 2, (k, d)).tolist(), dtype=object)
        expected = _brute_force_vertices(M)
        vertices = list(polytope_vertices(M, exact=True))
        assert sorted(vertices) == expected and len({m for m, _ in vertices}) == len(vertices)
        _assert_close(polytope_vertices(M.astype(float), exact=False), expected)
        degenerate += any(bin(m).count("1") > d for m, _ in vertices)
        for _ in range(4):
            rows = [i for i in range(k) if rng.random() < 0.4]
            columns = [j for j in range(d) if rng.random() < 0.3]
            need = sum(1 << j for j in columns) | sum(1 << (d + i) for i in rows)
            on_face = [(m, z) for m, z in expected if m & need == need]
            assert sorted(face_vertices(M, rows, columns, exact=True)) == on_face
            _assert_close(face_vertices(M.astype(float), rows, columns, exact=False), on_face)
            faces += len(on_face) > 1
    assert degenerate > 10 and faces > 10


def test_reverse_search_memory_is_the_path_not_the_vertices():
    """The search holds one tableau per level of its tree, not the vertices or bases seen: on a
    degenerate 10×10 polytope with hundreds of vertices, the path stays short."""
    from hegemony_games.solvers import polytope_vertices as pv
    rng = np.random.default_rng(10)
    M = np.array((rng.integers(0, 3, (10, 10)) + 1).tolist(), dtype=object)
    search = pv._reverse_search(pv._ExactTableau.start(M, [1] * 10, objective=True))
    held = [len(search.gi_frame.f_locals.get("path", ())) for _ in search]   # (none yet at the root)
    assert len(held) > 200 and max(held) < len(held) / 5


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


def test_degenerate_float_games_are_searched_in_floats(monkeypatch):
    """A degenerate float game is searched in float64 (its ties are clear): the exact solution's
    equilibria, degeneracy and components, in floats, with no fallback."""
    monkeypatch.setattr(ve, "_certified_solve", lambda *args, **kwargs: None)  # as for a degenerate game
    game = hg.NormalFormGame.from_bimatrix([[0, 0], [-1, 1]], [[2, 2], [-1, 1]]).as_float()
    sol = hg.solve(game)
    exact = hg.solve(game.as_exact())
    assert not sol.exact and sol.complete and sol.degenerate and sol.components == exact.components
    assert sol.message == ""
    assert all(isinstance(p, float) for e in sol for v in e.strategies for p in v)
    assert np.allclose([[float(p) for v in e.strategies for p in v] for e in exact],
                       [[p for v in e.strategies for p in v] for e in sol], rtol=0, atol=1e-12)


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


@given(hs.degenerate_bimatrix_games(max_size=5))
def test_components_are_the_maximal_bicliques_of_the_extreme_equilibria(game):
    """The components, found by intersecting the y's paired with each x, are the maximal sets U × V
    of extreme equilibria found by closing every set U of x's (Galois closure), by brute force."""
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


class _CountingDeadline:
    """Expires after ``limit`` readings of the clock."""

    def __init__(self, limit=float("inf")):
        self.calls, self.limit, self.timeout = 0, limit, 1.0

    def expired(self):
        self.calls += 1
        return self.calls > self.limit

    def describe(self):
        return "the test's limit"


def test_a_limit_reached_in_the_second_polytope_keeps_every_equilibrium(monkeypatch):
    """The column player's polytope is searched after every vertex of the row player's was paired:
    a limit reached there leaves the answer complete (the degeneracy check is what is cut short)."""
    rng = np.random.default_rng(3)
    game = hg.NormalFormGame.from_bimatrix(rng.integers(0, 3, (5, 5)), rng.integers(0, 3, (5, 5)))
    full = ve._solve(game, exact=True)
    searches, original = [], ve.polytope_vertices

    def recording(M, exact, **kwargs):
        searches.append(kwargs["deadline"].calls)   # the clock readings before this search
        return original(M, exact, **kwargs)

    monkeypatch.setattr(ve, "polytope_vertices", recording)
    ve._solve(game, exact=True, deadline=_CountingDeadline())
    p_readings = searches[1]
    cut = ve._solve(game, exact=True, deadline=_CountingDeadline(p_readings))
    assert cut.complete and [e.strategies for e in cut] == [e.strategies for e in full]
    assert cut.components == full.components and cut.degenerate == full.degenerate
    assert "column player's best-response polytope" in cut.message and "every equilibrium was found" in cut.message
    early = ve._solve(game, exact=True, deadline=_CountingDeadline(p_readings // 2))
    assert not early.complete and early.components == [] and len(early) < len(full)
    assert "row player's best-response polytope" in early.message


def test_float_search_reads_noise_below_its_zero_band_as_ties():
    """Degenerate integer games with noise far below the float search's tolerance (1e-9 on payoffs
    scaled into [1, 2]): the float search finds exactly the integer game's extreme equilibria, its
    degeneracy and components, or, when a decision is too close to call, says it solved exactly."""
    searched = 0
    for seed in [*range(40), 128]:   # 128: a reduced cost of 1e-14 made by the noise, once taken for zero
        rng = np.random.default_rng(seed)
        m, n = (int(v) for v in rng.integers(3, 6, 2))
        A, B = rng.integers(0, 3, (m, n)), rng.integers(0, 3, (m, n))
        noise = rng.choice([0.0, 1e-15, -1e-15, 3e-14], (2, m, n))
        floats = ve.vertex_enumeration_solve(hg.NormalFormGame.from_bimatrix(A + noise[0], B + noise[1]))
        if floats.message:
            assert "solved exactly" in floats.message
            continue
        searched += 1
        exact = ve.vertex_enumeration_solve(hg.NormalFormGame.from_bimatrix(A, B))
        assert np.allclose([np.concatenate(e.strategies).astype(float) for e in exact],
                           [np.concatenate(e.strategies) for e in floats], rtol=0, atol=1e-9)
        assert floats.degenerate == exact.degenerate and floats.components == exact.components
    assert searched > 30


def _numpy_leaving_row(T, c, d, tol):
    """The lexicographic ratio test on numpy arrays (the rule as the float walk once ran it)."""
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
    """The float ratio test runs on Python floats: the same row, or the same AmbiguousPivot, as a
    numpy version on tied, nearly tied and degenerate tableaux."""
    from hegemony_games.solvers.polytope_vertices import _FloatTableau, _keys

    rng = np.random.default_rng(11)
    outcomes = set()
    for trial in range(300):
        M = rng.integers(1, 4, (5, 5)).astype(float) + rng.choice([0.0, 1e-12, 1e-7], (5, 5))
        tableau = _FloatTableau.start(M, [1.0] * 5, 1e-9)
        for _ in range(4):
            rows = tableau.T.tolist()
            columns = [c for c in range(tableau.T.shape[1] - 1) if c not in tableau.basis]
            chosen = []
            for c in columns:
                try:
                    expected = _numpy_leaving_row(tableau.T, c, tableau.d, tableau.tol)
                except AmbiguousPivot:
                    with pytest.raises(AmbiguousPivot):
                        tableau.leaving_row(rows, _keys(tableau), c)
                    outcomes.add("ambiguous")
                    continue
                assert tableau.leaving_row(rows, _keys(tableau), c) == expected
                outcomes.add("none" if expected is None else "row")
                if expected is not None:
                    chosen.append((expected, c))
            if not chosen:
                break
            tableau = tableau.pivot(*chosen[int(rng.integers(len(chosen)))])
    assert outcomes == {"row", "ambiguous"} or outcomes == {"row", "ambiguous", "none"}


def test_a_reduced_cost_made_by_a_tiny_payoff_difference_keeps_its_sign():
    """A payoff difference of 1e-10 beside payoffs of 9 makes a reduced cost of 9e-12: the float
    search decides it by its sign, not by sending the game to exact arithmetic, and so agrees with
    solve_many, which reads the column player's 7.7e-131 as a tie (found by the thorough profile)."""
    A = np.array([[0.0, 1e-10], [-1.0, 9.0]])
    for B in ([[1.0, 0.0], [0.0, 7.71862184e-131]], [[0.0, 1.0], [0.0, 7.71862184e-131]]):
        B = np.array(B)
        single = hg.solve(hg.NormalFormGame.from_bimatrix(A, B))
        batch = hg.solve_many(A=A[None], B=B[None])
        assert single.message == "" and single.degenerate and bool(batch.degenerate[0])
        assert np.allclose(sorted(tuple(np.concatenate(e.strategies)) for e in single),
                           sorted(tuple(np.concatenate(e.strategies)) for e in batch[0]), rtol=0, atol=1e-12)
