"""hg.solve_many: many small two-player games at once, with the single-game solver's results.

Expected equilibria are hand calculations (textbook games); agreement with ``hg.solve`` on random
games is the property test ``tests/properties/test_solve_many_invariants.py``.
"""
from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pandas as pd
import pytest

import hegemony_games as hg
from hegemony_games.solvers.batch import MAX_STRATEGIES, BatchSolution

PD = ([[3, 0], [5, 1]], [[3, 5], [0, 1]])              # (D, D) only
SEXES = ([[2, 0], [0, 1]], [[1, 0], [0, 2]])           # two pure, one mixed (2/3, 1/3), (1/3, 2/3)
PENNIES = ([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])     # (1/2, 1/2) for both
INDIFFERENT = ([[1, 1], [1, 1]], [[1, 0], [0, 1]])     # row player indifferent, column player matches
RPS = ([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], [[0, 1, -1], [-1, 0, 1], [1, -1, 0]])

HALF, THIRD = F(1, 2), F(1, 3)


def stack(*games):
    return np.array([g[0] for g in games]), np.array([g[1] for g in games])


def profiles(solution):
    return [e.strategies for e in solution]


def test_textbook_2x2_games_exactly():
    A, B = stack(PD, SEXES, PENNIES, INDIFFERENT)
    batch = hg.solve_many(A=A, B=B)
    assert isinstance(batch, BatchSolution) and len(batch) == 4 and batch.exact
    assert batch.counts.tolist() == [1, 3, 1, 4]
    assert batch.offsets.tolist() == [0, 1, 4, 5, 9]
    assert batch.degenerate.tolist() == [False, False, False, True]
    assert profiles(batch[0]) == [((0, 1), (0, 1))]
    assert profiles(batch[1]) == [((0, 1), (0, 1)), ((2 * THIRD, THIRD), (THIRD, 2 * THIRD)), ((1, 0), (1, 0))]
    assert profiles(batch[2]) == [((HALF, HALF), (HALF, HALF))]
    # x0 > 1/2: y = (1, 0); x0 < 1/2: y = (0, 1); x0 = 1/2: any y.  Three segments in a row.
    assert profiles(batch[3]) == [((0, 1), (0, 1)), ((HALF, HALF), (0, 1)), ((HALF, HALF), (1, 0)), ((1, 0), (1, 0))]
    assert batch[3].components == [[0, 1], [1, 2], [2, 3]] and batch[3].degenerate
    assert batch[1].components == [[0], [1], [2]] and batch[1].method == "vertex-enumeration"
    # The flat arrays say the same as the Solutions.
    assert batch.game_index.tolist() == [0, 1, 1, 1, 2, 3, 3, 3, 3]
    assert batch.x_num[2].tolist() == [2, 1] and batch.x_den[2] == 3
    assert batch.y_num[2].tolist() == [1, 2] and batch.y_den[2] == 3
    np.testing.assert_allclose(batch.x[2], [2 / 3, 1 / 3])
    np.testing.assert_allclose(batch.payoffs[:5], [[1, 1], [1, 2], [2 / 3, 2 / 3], [2, 1], [0, 0]])
    assert batch[1][1].payoffs == (2 * THIRD, 2 * THIRD)


def test_rock_paper_scissors_and_exact_types():
    A, B = stack(RPS, RPS)
    batch = hg.solve_many(A=A, B=B)
    assert batch.shape == (3, 3) and batch.counts.tolist() == [1, 1]
    assert profiles(batch[1]) == [((THIRD,) * 3, (THIRD,) * 3)]
    assert all(isinstance(p, F) for p in batch[1][0].strategies[0])
    assert batch.x_num.dtype == np.int64 and batch.x_den.tolist() == [3, 3]


def test_the_four_ways_of_giving_games_agree():
    A, B = stack(PD, SEXES, INDIFFERENT)
    games = [hg.NormalFormGame.from_bimatrix(a, b, strategies=[["T", "B"], ["L", "R"]]) for a, b in zip(A, B)]
    results = [hg.solve_many(games), hg.solve_many(A=A, B=B), hg.solve_many(np.stack([A, B], axis=1)),
               hg.solve_many(np.stack([A, B], axis=1).tolist())]
    for batch in results:
        assert batch.counts.tolist() == [1, 3, 4]
        assert [profiles(s) for s in batch] == [profiles(s) for s in results[0]]
    assert results[0][1].game.strategies == (("T", "B"), ("L", "R"))   # the user's game, labels and all


def test_fractions_and_decimal_floats_are_exact():
    third = F(1, 3)
    A = np.array([[[2 * third, 0], [0, third]]], dtype=object)          # sexes scaled by 1/3
    B = np.array([[[third, 0], [0, 2 * third]]], dtype=object)
    batch = hg.solve_many(A=A, B=B)
    assert batch.exact and profiles(batch[0])[1] == ((2 * THIRD, THIRD), (THIRD, 2 * THIRD))
    # exact=True on floats reads them as decimals, as hg.solve does: 0.1 is 1/10.
    Af = np.array([[[0.2, 0.0], [0.0, 0.1]]])
    Bf = np.array([[[0.1, 0.0], [0.0, 0.2]]])
    exact = hg.solve_many(A=Af, B=Bf, exact=True)
    assert profiles(exact[0])[1] == ((2 * THIRD, THIRD), (THIRD, 2 * THIRD))
    floats = hg.solve_many(A=Af, B=Bf)
    assert not floats.exact and floats.x_num is None
    assert floats.x[1] == pytest.approx([2 / 3, 1 / 3]) and isinstance(floats[0][1].strategies[0][0], float)


def test_integers_solved_in_float_when_asked():
    A, B = stack(SEXES, PENNIES)
    batch = hg.solve_many(A=A, B=B, exact=False)
    assert not batch.exact and batch.counts.tolist() == [3, 1]
    assert batch.y[1] == pytest.approx([1 / 3, 2 / 3]) and batch.x[3] == pytest.approx([0.5, 0.5])


def test_huge_payoffs_stay_exact():
    """Payoffs beyond int64's reach (and ones that would overflow the intermediate products) are
    solved on Python integers: a positive affine map leaves the equilibria of the sexes unchanged."""
    big = 10 ** 30
    A = np.array([[[2 * big + 7, 7], [7, big + 7]], [[2, 0], [0, 1]]], dtype=object)
    B = np.array([[[big, 0], [0, 2 * big]], [[1, 0], [0, 2]]], dtype=object)
    batch = hg.solve_many(A=A, B=B)
    assert profiles(batch[0]) == profiles(batch[1]) == profiles(hg.solve(hg.NormalFormGame.from_bimatrix(*SEXES)))
    assert batch.x_num.dtype == np.int64     # the probabilities fit in int64, whatever the payoffs
    medium = np.array([[[2 * 10 ** 8, 0, 5], [0, 10 ** 8, 3], [1, 2, 3]]])   # int64 input, products > 2⁶³
    batch = hg.solve_many(A=medium, B=medium.transpose(0, 2, 1).copy())
    single = hg.solve(hg.NormalFormGame.from_bimatrix(medium[0], medium[0].T))
    assert profiles(batch[0]) == profiles(single) and batch.degenerate[0] == single.degenerate


def test_chunks_give_the_same_result():
    rng = np.random.default_rng(5)
    A, B = rng.integers(0, 3, (2, 300, 2, 3))
    whole, chunked = hg.solve_many(A=A, B=B), hg.solve_many(A=A, B=B, chunk_size=7)
    for name in ("counts", "offsets", "degenerate", "game_index", "x_num", "x_den", "y_num", "y_den", "x", "y"):
        np.testing.assert_array_equal(getattr(whole, name), getattr(chunked, name))


def test_every_equilibrium_has_zero_regret():
    """An independent check of the flat arrays: best responses recomputed with Fractions."""
    rng = np.random.default_rng(11)
    A, B = rng.integers(-3, 4, (2, 200, 3, 3))
    batch = hg.solve_many(A=A, B=B)
    assert batch.counts.min() >= 1
    for k, g in enumerate(batch.game_index.tolist()):
        x = [F(int(v), int(batch.x_den[k])) for v in batch.x_num[k]]
        y = [F(int(v), int(batch.y_den[k])) for v in batch.y_num[k]]
        assert sum(x) == 1 and sum(y) == 1 and min(x) >= 0 and min(y) >= 0
        rows = [sum(int(A[g, i, j]) * y[j] for j in range(3)) for i in range(3)]
        cols = [sum(int(B[g, i, j]) * x[i] for i in range(3)) for j in range(3)]
        assert all(rows[i] == max(rows) for i in range(3) if x[i] > 0)
        assert all(cols[j] == max(cols) for j in range(3) if y[j] > 0)


def test_degenerate_sizes_one_and_rectangular():
    batch = hg.solve_many(A=np.array([[[5]]]), B=np.array([[[2]]]))
    assert profiles(batch[0]) == [((1,), (1,))] and not batch.degenerate[0]
    # 1×3: the column player picks a best column; ties give a segment.
    batch = hg.solve_many(A=np.array([[[0, 0, 0]]]), B=np.array([[[1, 3, 3]]]))
    assert profiles(batch[0]) == [((1,), (0, 0, 1)), ((1,), (0, 1, 0))] and batch.degenerate[0]
    assert batch[0].components == [[0, 1]]


def test_float_near_tie_is_solved_on_its_own():
    """A payoff difference of 3e-9 is neither clearly a tie nor clearly not: hg.solve decides."""
    A = np.array([[[1.0, 0.0], [1.0 + 3e-9, 1.0]], [[2.0, 0.0], [0.0, 1.0]]])
    B = np.array([[[1.0, 0.0], [0.0, 1.0]], [[1.0, 0.0], [0.0, 2.0]]])
    batch = hg.solve_many(A=A, B=B)
    assert batch.fallback.tolist() == [True, False]
    single = hg.solve(hg.NormalFormGame.from_bimatrix(A[0], B[0]))
    assert batch.counts[0] == len(single) and batch.degenerate[0] == single.degenerate
    np.testing.assert_allclose(batch.x[:batch.counts[0]], [e.strategies[0] for e in single], atol=1e-12)
    assert profiles(batch[0]) == profiles(single)


def test_indexing_and_game():
    A, B = stack(PD, SEXES, PENNIES)
    batch = hg.solve_many(A=A, B=B)
    assert profiles(batch[-1]) == profiles(batch[2])
    assert [len(s) for s in batch[1:]] == [3, 1] and [len(s) for s in batch] == [1, 3, 1]
    with pytest.raises(IndexError):
        batch[3]
    assert batch.game(1).payoffs[0].tolist() == [[2, 0], [0, 1]]
    assert batch.vertices.tolist() == [list(s.parameters["vertices"]) for s in map(hg.solve, map(batch.game, range(3)))]


def test_to_pandas_one_row_per_equilibrium():
    A, B = stack(PD, SEXES)
    frame = hg.solve_many(A=A, B=B).to_pandas()
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == ["game", "equilibrium", "x0", "x1", "y0", "y1", "u1", "u2", "degenerate"]
    assert frame["game"].tolist() == [0, 1, 1, 1] and frame["equilibrium"].tolist() == [0, 0, 1, 2]
    assert frame.loc[2, "x0"] == pytest.approx(2 / 3) and frame.loc[2, "u1"] == pytest.approx(2 / 3)


@pytest.mark.parametrize("call, message", [
    (lambda: hg.solve_many(), "needs games"),
    (lambda: hg.solve_many(A=np.zeros((2, 2, 2))), "both A and B"),
    (lambda: hg.solve_many(A=np.zeros((2, 2, 2)), B=np.zeros((2, 2, 3))), "one shape"),
    (lambda: hg.solve_many(np.zeros((2, 3, 2, 2))), r"\(N, 2, m, n\)"),
    (lambda: hg.solve_many(A=np.zeros((0, 2, 2)), B=np.zeros((0, 2, 2))), "at least one game"),
    (lambda: hg.solve_many(A=np.full((1, 2, 2), np.nan), B=np.zeros((1, 2, 2))), "finite"),
    (lambda: hg.solve_many(A=np.zeros((1, 2, 2), bool), B=np.zeros((1, 2, 2), bool)), "booleans"),
    (lambda: hg.solve_many(A=np.zeros((1, 6, 6)), B=np.zeros((1, 6, 6))), f"{MAX_STRATEGIES}×{MAX_STRATEGIES}"),
    (lambda: hg.solve_many(A=np.zeros((1, 2, 2)), B=np.zeros((1, 2, 2)), exact="yes"), "exact must be"),
    (lambda: hg.solve_many(A=np.zeros((1, 2, 2)), B=np.zeros((1, 2, 2)), chunk_size=0), "chunk_size"),
    (lambda: hg.solve_many([hg.NormalFormGame.from_bimatrix(*PD), hg.NormalFormGame.from_bimatrix(*RPS)]),
     "one shape"),
    (lambda: hg.solve_many([hg.NormalFormGame.from_bimatrix(*PD),
                            hg.NormalFormGame.from_bimatrix(np.array(PD[0], float), PD[1])]), "mix exact and float"),
    (lambda: hg.solve_many([hg.NormalFormGame([np.zeros((2, 2, 2))] * 3)]), "two-player"),
    (lambda: hg.solve_many([hg.NormalFormGame.from_bimatrix(*PD), "PD"]), "not a NormalFormGame"),
])
def test_bad_input_raises_game_error(call, message):
    with pytest.raises(hg.GameError, match=message):
        call()


def test_symbolic_games_are_refused():
    import sympy
    a = sympy.Symbol("a")
    game = hg.NormalFormGame.from_bimatrix([[a, 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(hg.GameError, match="symbolic"):
        hg.solve_many([game])


def test_one_float_game_is_not_rescaled_in_place():
    """A stack of one 2×2 float game: the closed form's unit scaling once worked on a view of the
    input, so the degenerate member was re-solved on rescaled payoffs (a less accurate y).  Found
    by hypothesis (thorough profile); the re-solve must see the game as given."""
    A = np.array([[[0.0, 0.0], [1e-8, -3.0]]])
    B = np.zeros((1, 2, 2))
    batch = hg.solve_many(A=A, B=B)
    single = hg.solve(hg.NormalFormGame.from_bimatrix(A[0], B[0]), exact=False)
    assert batch.degenerate.tolist() == [True]
    assert batch.y.tolist() == [list(e.strategies[1]) for e in single]
    assert batch.x.tolist() == [list(e.strategies[0]) for e in single]
