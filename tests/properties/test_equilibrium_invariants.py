"""Property tests of the invariants every equilibrium solver must satisfy (DESIGN.md, "Invariants").

Each test states one invariant for normal-form games and checks it on games drawn by the
shared strategies of ``tests/strategies.py``.  Nothing here trusts the library's own
verification: regrets, best responses, convex-hull membership and a reference enumeration
of all extreme equilibria are recomputed in this file with plain ``Fraction`` arithmetic.

Notation: a bimatrix game (A, B) is m×n; the row player mixes x, the column player y.
An equilibrium is compared as its *key*: ``(tuple(x), tuple(y))`` of exact ``Fraction``s.
"""
from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
from hypothesis import example, given
from hypothesis import strategies as st

import hegemony_games as hg
from hegemony_games.games import dominance
from tests import strategies as hs


# ---------------------------------------------------------------------------------------------
# Independent helpers (no library code beyond reading the payoff arrays)
# ---------------------------------------------------------------------------------------------
def matrices(game):
    """The payoff matrices A, B as nested lists (Fractions for exact games, floats otherwise)."""
    return tuple([list(row) for row in payoffs] for payoffs in game.payoffs)


def bimatrix_regrets(A, B, x, y):
    """(row player's regret, column player's regret) of the profile (x, y), computed directly."""
    m, n = len(A), len(A[0])
    rows = [sum(A[i][j] * y[j] for j in range(n)) for i in range(m)]
    cols = [sum(B[i][j] * x[i] for i in range(m)) for j in range(n)]
    return (max(rows) - sum(x[i] * rows[i] for i in range(m)),
            max(cols) - sum(y[j] * cols[j] for j in range(n)))


def is_nash(game, x, y) -> bool:
    """Exactly zero regret for exact games; regret within the game's stated tolerance otherwise."""
    A, B = matrices(game)
    r1, r2 = bimatrix_regrets(A, B, x, y)
    if game.kind == "exact":
        return r1 == 0 and r2 == 0
    return max(r1, r2) <= game.tolerance()


def keys(solution) -> set:
    return {tuple(tuple(v) for v in e.strategies) for e in solution}


def component_keys(solution) -> set:
    """Components as a set of frozensets of equilibrium keys (independent of the solution's order)."""
    return {frozenset(tuple(tuple(v) for v in solution[k].strategies) for k in component)
            for component in solution.components}


def relabel(solution, f) -> tuple[set, set]:
    """Equilibrium keys and component keys after mapping each key through ``f``."""
    return ({f(k) for k in keys(solution)}, {frozenset(f(k) for k in c) for c in component_keys(solution)})


def solve_exact(M, b):
    """The unique solution of M z = b (M is r×k with r ≥ k, Fractions), or None.

    Gauss-Jordan elimination; None when the system is inconsistent or its solution not unique.
    """
    rows = [list(map(Fraction, row)) + [Fraction(v)] for row, v in zip(M, b)]
    k = len(M[0])
    pivot_row = 0
    for col in range(k):
        pivot = next((r for r in range(pivot_row, len(rows)) if rows[r][col] != 0), None)
        if pivot is None:
            return None
        rows[pivot_row], rows[pivot] = rows[pivot], rows[pivot_row]
        p = rows[pivot_row][col]
        rows[pivot_row] = [v / p for v in rows[pivot_row]]
        for r in range(len(rows)):
            if r != pivot_row and rows[r][col] != 0:
                factor = rows[r][col]
                rows[r] = [a - factor * b_ for a, b_ in zip(rows[r], rows[pivot_row])]
        pivot_row += 1
    if any(row[-1] != 0 for row in rows[k:]):
        return None
    return [rows[r][-1] for r in range(k)]


def in_convex_hull(point, vertices) -> bool:
    """Whether ``point`` is a convex combination of ``vertices`` (exact; Carathéodory brute force)."""
    point = [Fraction(p) for p in point]
    vertices = [list(map(Fraction, v)) for v in {tuple(v) for v in vertices}]
    for size in range(1, min(len(vertices), len(point) + 1) + 1):
        for subset in itertools.combinations(vertices, size):
            M = [[v[d] for v in subset] for d in range(len(point))] + [[Fraction(1)] * size]
            weights = solve_exact(M, point + [Fraction(1)])
            if weights is not None and all(w >= 0 for w in weights):
                return True
    return False


def best_response_polytope_vertices(M, own: int, other: int):
    """Vertices of {(z, v) : z ≥ 0, Σz = 1, (Mᵀz)_j ≤ v} with their label sets, by brute force.

    z has ``own`` coordinates; M is own×other (the *opponent's* payoffs, rows indexed by z).
    Label ``i`` (i < own) means z_i = 0 and label ``own + j`` means j is a best response of the
    opponent.  A vertex is where ``own`` linearly independent constraints are tight besides Σz = 1:
    every such choice of constraints is tried (fine up to 4×4: at most 70 systems).
    """
    constraints = [([Fraction(int(d == i)) for d in range(own)] + [Fraction(0)], "≥") for i in range(own)]
    constraints += [([M[i][j] for i in range(own)] + [Fraction(-1)], "≤") for j in range(other)]
    total = [Fraction(1)] * own + [Fraction(0)]
    vertices = {}
    for chosen in itertools.combinations(range(own + other), own):
        system = [constraints[c][0] for c in chosen] + [total]
        point = solve_exact(system, [Fraction(0)] * own + [Fraction(1)])
        if point is None:
            continue
        values = [sum(a * p for a, p in zip(row, point)) for row, _ in constraints]
        if any((sign == "≥" and value < 0) or (sign == "≤" and value > 0)
               for value, (_, sign) in zip(values, constraints)):
            continue
        z = tuple(point[:own])
        vertices[z] = frozenset(c for c, value in enumerate(values) if value == 0)
    return vertices


def reference_extreme_equilibria(game) -> tuple[set, bool]:
    """Every extreme equilibrium of an exact bimatrix game, and whether the game is degenerate.

    Independent of the library: the extreme equilibria are the completely labelled pairs of
    vertices of the two best-response polytopes (Mangasarian 1964; von Stengel 2002, §3), and
    the game is degenerate exactly when some vertex has more labels than its dimension.
    """
    A, B = matrices(game)
    m, n = len(A), len(A[0])
    p_vertices = best_response_polytope_vertices(B, m, n)          # labels 0..m-1 rows, m.. columns
    At = [[A[i][j] for i in range(m)] for j in range(n)]
    q_raw = best_response_polytope_vertices(At, n, m)              # labels 0..n-1 columns, n.. rows
    q_vertices = {y: frozenset((m + l) if l < n else (l - n) for l in labels) for y, labels in q_raw.items()}
    everything = frozenset(range(m + n))
    equilibria = {(x, y) for x, lx in p_vertices.items() for y, ly in q_vertices.items() if lx | ly == everything}
    degenerate = (any(len(l) > m for l in p_vertices.values())
                  or any(len(l) > n for l in q_vertices.values()))
    return equilibria, degenerate


def brute_force_pure_equilibria(game) -> set:
    """Pure profiles (as index tuples) where no player gains by a unilateral pure deviation."""
    found = set()
    for profile in itertools.product(*(range(n) for n in game.shape)):
        stable = True
        for i, u in enumerate(game.payoffs):
            for alternative in range(game.shape[i]):
                deviation = profile[:i] + (alternative,) + profile[i + 1:]
                if u[deviation] > u[profile]:
                    stable = False
                    break
            if not stable:
                break
        if stable:
            found.add(profile)
    return found


def unit(n: int, k: int) -> tuple:
    return tuple(Fraction(int(j == k)) for j in range(n))


def bimatrix(A, B):
    return hg.NormalFormGame.from_bimatrix(A, B)


EXACT_BIMATRIX = st.one_of(hs.bimatrix_games(max_size=4), hs.degenerate_bimatrix_games(), hs.classic_games())


# ---------------------------------------------------------------------------------------------
# Every returned profile is an equilibrium
# ---------------------------------------------------------------------------------------------
@given(st.one_of(hs.bimatrix_games(), hs.degenerate_bimatrix_games(), hs.classic_games()))
def test_every_exact_equilibrium_has_exactly_zero_regret(game):
    solution = hg.solve(game)
    A, B = matrices(game)
    assert solution.exact is True and len(solution) >= 1
    for e in solution:
        x, y = e.strategies
        assert all(isinstance(p, Fraction) and p >= 0 for p in x + y)
        assert sum(x) == 1 and sum(y) == 1
        assert bimatrix_regrets(A, B, x, y) == (0, 0)
        assert e.payoffs == (sum(x[i] * A[i][j] * y[j] for i in range(len(x)) for j in range(len(y))),
                             sum(x[i] * B[i][j] * y[j] for i in range(len(x)) for j in range(len(y))))


@given(st.one_of(hs.float_bimatrix_games(), hs.bimatrix_games(max_size=4, exact=False)))
def test_every_float_equilibrium_has_regret_within_tolerance(game):
    solution = hg.solve(game)
    assert solution.exact is False and len(solution) >= 1
    A, B = (np.asarray(a, dtype=float) for a in game.payoffs)
    for e in solution:
        x, y = (np.asarray(v, dtype=float) for v in e.strategies)
        assert np.all(x >= 0) and np.all(y >= 0)
        assert abs(x.sum() - 1) <= 1e-9 and abs(y.sum() - 1) <= 1e-9
        regret = max(np.max(A @ y) - x @ A @ y, np.max(x @ B) - x @ B @ y)
        assert regret <= game.tolerance()


# ---------------------------------------------------------------------------------------------
# Invariance under positive affine maps and under constants added against an opponent action
# ---------------------------------------------------------------------------------------------
@given(EXACT_BIMATRIX, hs.positive_affine_maps(), st.integers(0, 1))
def test_equilibria_unchanged_by_positive_affine_map_of_one_players_payoffs(game, affine, player):
    A, B = matrices(game)
    if player == 0:
        A = [[affine(v) for v in row] for row in A]
    else:
        B = [[affine(v) for v in row] for row in B]
    before, after = hg.solve(game), hg.solve(bimatrix(A, B))
    assert keys(after) == keys(before)
    assert component_keys(after) == component_keys(before)
    assert after.degenerate == before.degenerate


@given(EXACT_BIMATRIX, st.data())
def test_equilibria_unchanged_by_constants_added_against_fixed_opponent_actions(game, data):
    """Adding c_j to column j of A (the row player's payoffs against column j) and d_i to row i of B."""
    m, n = game.shape
    c = data.draw(st.lists(st.fractions(-5, 5, max_denominator=3), min_size=n, max_size=n), label="c")
    d = data.draw(st.lists(st.fractions(-5, 5, max_denominator=3), min_size=m, max_size=m), label="d")
    A, B = matrices(game)
    A = [[A[i][j] + c[j] for j in range(n)] for i in range(m)]
    B = [[B[i][j] + d[i] for j in range(n)] for i in range(m)]
    before, after = hg.solve(game), hg.solve(bimatrix(A, B))
    assert keys(after) == keys(before)
    assert component_keys(after) == component_keys(before)


# ---------------------------------------------------------------------------------------------
# Relabelling strategies and players
# ---------------------------------------------------------------------------------------------
@given(EXACT_BIMATRIX, st.data())
def test_permuting_strategies_permutes_the_equilibria(game, data):
    m, n = game.shape
    rows = data.draw(st.permutations(range(m)), label="rows")
    cols = data.draw(st.permutations(range(n)), label="columns")
    permuted = game.restrict([rows, cols])  # new strategy k of a player is her old strategy rows[k]

    def move(key):
        x, y = key
        return tuple(x[r] for r in rows), tuple(y[c] for c in cols)

    expected_equilibria, expected_components = relabel(hg.solve(game), move)
    solution = hg.solve(permuted)
    assert keys(solution) == expected_equilibria
    assert component_keys(solution) == expected_components


@given(st.one_of(EXACT_BIMATRIX, hs.float_bimatrix_games()))
def test_swapping_the_players_swaps_the_equilibria(game):
    swapped = game.permute_players([1, 0])
    A, B = matrices(game)
    A2, B2 = matrices(swapped)
    assert A2 == [list(col) for col in zip(*B)] and B2 == [list(col) for col in zip(*A)]
    solution, other = hg.solve(game), hg.solve(swapped)
    if game.kind == "exact":
        assert keys(other) == {(y, x) for x, y in keys(solution)}
        assert component_keys(other) == {frozenset((y, x) for x, y in c) for c in component_keys(solution)}
    else:
        assert {e.key()[::-1] for e in other} == {e.key() for e in solution}


@given(hs.n_player_games(), st.data())
def test_permuting_players_permutes_the_pure_equilibria(game, data):
    order = data.draw(st.permutations(range(game.num_players)), label="order")
    permuted = game.permute_players(order)
    expected = {tuple(profile[i] for i in order) for profile in brute_force_pure_equilibria(game)}
    found = {tuple(s.index(1) for s in e.strategies) for e in hg.solve(permuted, method="pure")}
    assert found == expected


# ---------------------------------------------------------------------------------------------
# Strictly dominated strategies
# ---------------------------------------------------------------------------------------------
@st.composite
def games_with_a_strictly_dominated_row(draw):
    """(game, extended game, position): the extended game has one more row of the row player,
    at ``position``, strictly worse than a mixture of the other rows against every column."""
    game = draw(st.one_of(hs.bimatrix_games(max_size=3), hs.degenerate_bimatrix_games(max_size=3)))
    m, n = game.shape
    A, B = matrices(game)
    mixture = draw(hs.mixed_profiles(game))[0]
    margin = draw(st.lists(st.fractions(Fraction(1, 4), 3, max_denominator=4), min_size=n, max_size=n))
    worse = [sum(mixture[i] * A[i][j] for i in range(m)) - margin[j] for j in range(n)]
    b_row = draw(st.lists(st.integers(-5, 5), min_size=n, max_size=n))
    position = draw(st.integers(0, m))
    extended = bimatrix(A[:position] + [worse] + A[position:], B[:position] + [b_row] + B[position:])
    if draw(st.booleans(), label="dominated strategy of the column player"):
        return game.permute_players([1, 0]), extended.permute_players([1, 0]), position, 1
    return game, extended, position, 0


@given(games_with_a_strictly_dominated_row())
def test_deleting_a_strictly_dominated_strategy_leaves_the_equilibria_unchanged(case):
    game, extended, position, player = case

    def pad(key):
        vectors = list(key)
        vectors[player] = vectors[player][:position] + (Fraction(0),) + vectors[player][position:]
        return tuple(vectors)

    expected_equilibria, expected_components = relabel(hg.solve(game), pad)
    solution = hg.solve(extended)
    assert keys(solution) == expected_equilibria
    assert component_keys(solution) == expected_components


@given(games_with_a_strictly_dominated_row())
def test_dominance_finds_the_constructed_strictly_dominated_strategy(case):
    game, extended, position, player = case
    found = dominance.dominated_strategies(extended, player, strict=True, mixed=True)
    assert position in found
    # the dominating mixture it reports really dominates, checked here against every pure column
    mixture = dominance.dominating_strategy(extended, player, position, strict=True, mixed=True)
    rows = matrices(extended)[0] if player == 0 else [list(c) for c in zip(*matrices(extended)[1])]
    assert mixture[position] == 0 and sum(mixture) == 1 and min(mixture) >= 0
    assert all(sum(p * r[t] for p, r in zip(mixture, rows)) > rows[position][t] for t in range(len(rows[0])))


@given(st.one_of(hs.bimatrix_games(max_size=4), hs.degenerate_bimatrix_games(),
                 games_with_a_strictly_dominated_row().map(lambda case: case[1])))
def test_iterated_elimination_of_strictly_dominated_strategies_keeps_every_equilibrium(game):
    reduced, kept = dominance.iterated_elimination(game, strict=True, mixed=True)
    assert all(list(k) == sorted(set(k)) and len(k) >= 1 for k in kept)

    def pad(key):
        return tuple(tuple(dict(zip(k, v)).get(s, Fraction(0)) for s in range(size))
                     for k, v, size in zip(kept, key, game.shape))

    expected_equilibria, expected_components = relabel(hg.solve(reduced), pad)
    solution = hg.solve(game)
    assert keys(solution) == expected_equilibria
    assert component_keys(solution) == expected_components
    # whatever was eliminated is never played in an equilibrium of the full game
    for x, y in keys(solution):
        assert all(p == 0 for s, p in enumerate(x) if s not in kept[0])
        assert all(p == 0 for s, p in enumerate(y) if s not in kept[1])


# ---------------------------------------------------------------------------------------------
# Nondegenerate games: oddness; Lemke-Howson
# ---------------------------------------------------------------------------------------------
@given(st.one_of(hs.float_bimatrix_games(max_size=5), hs.classic_games()))
def test_a_nondegenerate_game_has_an_odd_number_of_equilibria(game):
    solution = hg.solve(game, exact=True)
    assert solution.degenerate is False
    assert len(solution) % 2 == 1
    assert len(solution.components) == len(solution)  # every equilibrium is isolated


@given(hs.bimatrix_games())
def test_nondegenerate_integer_games_have_an_odd_number_of_equilibria(game):
    solution = hg.solve(game)
    if solution.degenerate is False:
        assert len(solution) % 2 == 1
        assert sorted(solution.components) == [[k] for k in range(len(solution))]


def _lemke_howson(game, label):
    return hg.solve(game, method="lemke-howson", initial_label=label)


@given(st.one_of(hs.float_bimatrix_games(), hs.bimatrix_games(max_size=4), hs.classic_games()))
def test_lemke_howson_from_every_label_finds_one_of_the_enumerated_equilibria(game):
    exact_game = game.as_exact()
    enumerated = hg.solve(exact_game)
    m, n = game.shape
    for label in range(m + n):
        found = _lemke_howson(exact_game, label)
        assert len(found) == 1
        x, y = found[0].strategies
        assert is_nash(exact_game, x, y)
        if enumerated.degenerate is False:
            assert (tuple(x), tuple(y)) in keys(enumerated)
        else:
            assert _in_some_component(enumerated, x, y)


@given(hs.degenerate_bimatrix_games())
def test_lemke_howson_in_degenerate_games_finds_a_point_of_some_component(game):
    enumerated = hg.solve(game)
    m, n = game.shape
    for label in range(m + n):
        found = _lemke_howson(game, label)
        assert len(found) == 1
        x, y = found[0].strategies
        assert is_nash(game, x, y)
        assert _in_some_component(enumerated, x, y)


@given(st.one_of(hs.float_bimatrix_games(), hs.bimatrix_games(max_size=4)))
def test_lemke_howson_float_results_are_equilibria_close_to_enumerated_ones(game):
    game = game.as_float()
    found = _lemke_howson(game, 0)
    enumerated = hg.solve(game.as_exact())
    x, y = found[0].strategies
    assert found.exact is False and is_nash(game, x, y)
    if enumerated.degenerate is False:
        assert any(_close((x, y), e.strategies) for e in enumerated)


@given(st.one_of(hs.float_bimatrix_games(), hs.bimatrix_games(max_size=4), hs.degenerate_bimatrix_games()))
def test_lemke_howson_enumeration_finds_only_enumerated_equilibria(game):
    exact_game = game.as_exact()
    enumerated = hg.solve(exact_game)
    found = hg.solve(exact_game, method="lemke-howson-enumeration")
    assert len(found) >= 1
    for e in found:
        x, y = e.strategies
        assert is_nash(exact_game, x, y)
        if enumerated.degenerate is False:
            assert (tuple(x), tuple(y)) in keys(enumerated)
        else:
            assert _in_some_component(enumerated, x, y)
    if enumerated.degenerate is False:
        # every LH path ends at an equilibrium, and each path is found from some label
        singles = {tuple(tuple(v) for v in _lemke_howson(exact_game, k)[0].strategies)
                   for k in range(sum(game.shape))}
        assert singles <= keys(found)


def _in_some_component(solution, x, y) -> bool:
    for component in solution.components:
        xs = [solution[k].strategies[0] for k in component]
        ys = [solution[k].strategies[1] for k in component]
        if in_convex_hull(x, xs) and in_convex_hull(y, ys):
            return True
    return False


def _close(profile, other, tol=1e-6) -> bool:
    return all(abs(float(p) - float(q)) <= tol for v, w in zip(profile, other) for p, q in zip(v, w))


# ---------------------------------------------------------------------------------------------
# Zero-sum games
# ---------------------------------------------------------------------------------------------
@given(hs.zero_sum_games())
def test_zero_sum_equilibria_all_give_the_value(game):
    solution = hg.solve(game)
    values = {e.payoffs[0] for e in solution}
    assert len(values) == 1 and {e.payoffs[1] for e in solution} == {-v for v in values}
    # the equilibrium set of a zero-sum game is the product of the optimal strategy sets:
    # one maximal convex set holding every extreme equilibrium
    assert [sorted(c) for c in solution.components] == [list(range(len(solution)))]
    # the value by definition: max over x of min over columns, attained at every optimal x
    A, _ = matrices(game)
    (value,) = values
    for e in solution:
        x, y = e.strategies
        assert min(sum(x[i] * A[i][j] for i in range(len(x))) for j in range(len(y))) == value
        assert max(sum(A[i][j] * y[j] for j in range(len(y))) for i in range(len(x))) == value


@given(hs.zero_sum_games())
def test_zero_sum_lp_value_equals_the_value_of_every_equilibrium(game):
    enumerated = hg.solve(game)
    lp = hg.solve(game, method="lp")
    assert lp.exact is True and len(lp) >= 1
    for e in lp:
        x, y = e.strategies
        assert is_nash(game, x, y)
        assert {e.payoffs[0]} == {f.payoffs[0] for f in enumerated}
        assert _in_some_component(enumerated, x, y)


@given(hs.zero_sum_games().map(lambda g: g.as_float()))
def test_zero_sum_lp_in_floats_is_close_to_the_exact_value(game):
    exact_value = hg.solve(game.as_exact())[0].payoffs[0]
    lp = hg.solve(game, method="lp")
    assert lp.exact is False
    for e in lp:
        assert abs(e.payoffs[0] - float(exact_value)) <= game.tolerance() * 10
        assert is_nash(game, *e.strategies)


# ---------------------------------------------------------------------------------------------
# Exact and float arithmetic agree
# ---------------------------------------------------------------------------------------------
def _assert_matching(exact_solution, float_solution, tol=1e-6) -> dict:
    """Each exact equilibrium has exactly one float counterpart within ``tol``; returns the
    float solution's index of each exact one's counterpart."""
    assert len(float_solution) == len(exact_solution)
    unmatched = dict(enumerate(float_solution))
    counterpart = {}
    for k, e in enumerate(exact_solution):
        close = [i for i, f in unmatched.items() if _close(e.strategies, f.strategies, tol)]
        assert len(close) == 1, f"{e} has {len(close)} float counterparts"
        counterpart[k] = close[0]
        del unmatched[close[0]]
    return counterpart


@given(hs.float_bimatrix_games())
def test_exact_and_float_solvers_agree_on_float_games(game):
    exact_solution = hg.solve(game, exact=True)
    float_solution = hg.solve(game, exact=False)
    assert exact_solution.exact is True and float_solution.exact is False
    _assert_matching(exact_solution, float_solution)
    assert float_solution.degenerate == exact_solution.degenerate


@given(st.one_of(hs.bimatrix_games(max_size=4), hs.degenerate_bimatrix_games()))
@example(hg.NormalFormGame.from_bimatrix(np.zeros((3, 4), dtype=int),   # found by the thorough profile
                                         [[1, -2, 0, 5], [4, -2, 0, -3], [-2, 5, 0, -4]]))
def test_float_solver_agrees_with_exact_solver_on_integer_games(game):
    exact_solution = hg.solve(game)
    float_solution = hg.solve(game, exact=False)
    assert float_solution.exact is False
    counterpart = _assert_matching(exact_solution, float_solution)
    assert float_solution.degenerate == exact_solution.degenerate
    # Components are index lists into each solution, whose orders may differ (a float sort can
    # order two values that are equal exactly either way): compare them through the counterparts.
    # (Rounding both to 6 digits failed on 61/128 = 0.4765625, a half-way case that the float
    # search gives as 0.47656250000000006.)
    assert ({frozenset(counterpart[k] for k in component) for component in exact_solution.components}
            == {frozenset(component) for component in float_solution.components})


# ---------------------------------------------------------------------------------------------
# Completeness: a reference enumeration, and pure equilibria
# ---------------------------------------------------------------------------------------------
@given(st.one_of(hs.bimatrix_games(max_size=3), hs.degenerate_bimatrix_games(max_size=3),
                 hs.bimatrix_games(min_size=4, max_size=4, payoffs=st.integers(0, 2)), hs.classic_games()))
def test_vertex_enumeration_equals_a_brute_force_reference_enumeration(game):
    expected, degenerate = reference_extreme_equilibria(game)
    solution = hg.solve(game)
    assert keys(solution) == expected
    assert solution.degenerate == degenerate
    assert solution.complete is True


@given(st.one_of(hs.bimatrix_games(), hs.degenerate_bimatrix_games()))
def test_every_pure_equilibrium_is_a_returned_extreme_equilibrium(game):
    """A pure equilibrium (e_i, e_j) is a vertex of Δ_m × Δ_n, so extreme in the equilibrium set."""
    m, n = game.shape
    pure = {(unit(m, i), unit(n, j)) for i, j in brute_force_pure_equilibria(game)}
    solution = hg.solve(game)
    assert pure <= keys(solution)
    assert {k for k in keys(solution) if all(max(v) == 1 for v in k)} == pure


@given(st.one_of(hs.bimatrix_games(max_size=4), hs.n_player_games()))
def test_pure_equilibria_agree_with_brute_force_over_all_pure_profiles(game):
    solution = hg.solve(game, method="pure")
    found = [tuple(s.index(1) for s in e.strategies) for e in solution]
    assert len(found) == len(set(found))
    assert set(found) == brute_force_pure_equilibria(game)
    for e in solution:
        assert all(set(v) <= {0, 1} and sum(v) == 1 for v in e.strategies)
        profile = tuple(s.index(1) for s in e.strategies)
        assert e.payoffs == tuple(u[profile] for u in game.payoffs)


@given(hs.n_player_games(min_players=3))
def test_auto_for_more_than_two_players_finds_the_pure_equilibria(game):
    # Small games: polynomial support enumeration (pure and mixed); larger: pure only, incomplete.
    from hegemony_games.solvers.polynomial_support_enumeration import auto_eligible
    solution = hg.solve(game)
    pure = {tuple(s.index(1) for s in e.strategies) for e in solution if e.is_pure()}
    assert pure == brute_force_pure_equilibria(game)
    if auto_eligible(game.shape):
        assert solution.method == "support-enumeration-polynomial"
    else:
        assert solution.method == "pure" and solution.complete is False


# ---------------------------------------------------------------------------------------------
# Components (maximal convex sets of equilibria)
# ---------------------------------------------------------------------------------------------
@given(st.one_of(hs.degenerate_bimatrix_games(), hs.bimatrix_games(max_size=4, payoffs=st.integers(0, 2))),
       st.data())
def test_components_are_maximal_convex_sets_of_equilibria(game, data):
    solution = hg.solve(game)
    indices = set(range(len(solution)))
    assert set().union(*map(set, solution.components)) == indices  # every equilibrium is in one
    as_sets = [frozenset(c) for c in solution.components]
    assert len(set(as_sets)) == len(as_sets)
    assert not any(a < b for a in as_sets for b in as_sets)
    for component in solution.components:
        xs = sorted({solution[k].strategies[0] for k in component})
        ys = sorted({solution[k].strategies[1] for k in component})
        # a product U × V: every pair of its extreme points is a returned equilibrium
        assert {(x, y) for x in xs for y in ys} == {tuple(solution[k].strategies) for k in component}
        # and every convex combination is an equilibrium: the centroid, and a random one
        assert is_nash(game, _combine(xs, [1] * len(xs)), _combine(ys, [1] * len(ys)))
        wx = data.draw(hs.positive_weights(len(xs), 3), label="weights of U")
        wy = data.draw(hs.positive_weights(len(ys), 3), label="weights of V")
        assert is_nash(game, _combine(xs, wx), _combine(ys, wy))
        # maximal: no other extreme strategy pairs with all of V (or all of U) into equilibria
        for e in solution:
            x, y = e.strategies
            if x not in xs:
                assert not all(is_nash(game, x, v) for v in ys)
            if y not in ys:
                assert not all(is_nash(game, u, y) for u in xs)
    # two extreme equilibria in a common component: their midpoint is an equilibrium
    for component in solution.components:
        for a, b in itertools.combinations(component, 2):
            (x1, y1), (x2, y2) = solution[a].strategies, solution[b].strategies
            assert is_nash(game, _combine([x1, x2], [1, 1]), _combine([y1, y2], [1, 1]))


def _combine(vectors, weights):
    total = sum(weights)
    return tuple(sum(Fraction(w, total) * v[k] for w, v in zip(weights, vectors)) for k in range(len(vectors[0])))


@given(EXACT_BIMATRIX)
def test_every_equilibrium_built_independently_lies_in_some_component(game):
    """The components cover the equilibrium set: every pure equilibrium, and every midpoint of two
    extreme equilibria that happens to be an equilibrium, lies in the hull of a reported component.

    (Such a midpoint need not come from a common component: in the coordination game the
    midpoint of the two pure equilibria is the isolated mixed equilibrium.)"""
    solution = hg.solve(game)
    m, n = game.shape
    for i, j in brute_force_pure_equilibria(game):
        assert _in_some_component(solution, unit(m, i), unit(n, j))
    for e, f in itertools.combinations(solution, 2):
        x = _combine([e.strategies[0], f.strategies[0]], [1, 1])
        y = _combine([e.strategies[1], f.strategies[1]], [1, 1])
        if is_nash(game, x, y):
            assert _in_some_component(solution, x, y)
