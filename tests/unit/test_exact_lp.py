"""Tests of the exact LP solver: known optima, infeasible and unbounded LPs, degenerate LPs,
redundant equations, and random LPs checked against HiGHS and by exact duality."""
from fractions import Fraction as F

import numpy as np
import pytest
from scipy.optimize import linprog

from hegemony_games.errors import GameError
from hegemony_games.solvers.exact_lp import linprog_exact

BOTH_PATHS = pytest.mark.parametrize("use_highs", [True, False], ids=["highs", "simplex"])


def check_certificate(res, c, A_ub=None, b_ub=None, A_eq=None, b_eq=None):
    """Exact primal feasibility, dual feasibility and equal objectives."""
    c = [F(v) for v in c]
    A_ub = [[F(v) for v in row] for row in (A_ub or [])]
    A_eq = [[F(v) for v in row] for row in (A_eq or [])]
    b_ub = [F(v) for v in (b_ub or [])]
    b_eq = [F(v) for v in (b_eq or [])]
    x = res.x
    assert all(isinstance(v, F) for v in x) and all(v >= 0 for v in x)
    assert res.fun == sum(ci * xi for ci, xi in zip(c, x))
    for row, bi, s in zip(A_ub, b_ub, res.slack):
        assert sum(a * v for a, v in zip(row, x)) + s == bi and s >= 0
    for row, bi in zip(A_eq, b_eq):
        assert sum(a * v for a, v in zip(row, x)) == bi
    assert all(y <= 0 for y in res.ineqlin)
    for j in range(len(c)):
        reduced = (c[j] - sum(y * row[j] for y, row in zip(res.ineqlin, A_ub))
                   - sum(y * row[j] for y, row in zip(res.eqlin, A_eq)))
        assert reduced >= 0
    dual_value = (sum(y * bi for y, bi in zip(res.ineqlin, b_ub))
                  + sum(y * bi for y, bi in zip(res.eqlin, b_eq)))
    assert dual_value == res.fun


@BOTH_PATHS
def test_textbook_lp_with_duals(use_highs):
    # max 3x + 5y s.t. x ≤ 4, 2y ≤ 12, 3x + 2y ≤ 18 (optimum 36 at (2, 6), shadow prices 0, 3/2, 1)
    args = dict(c=[-3, -5], A_ub=[[1, 0], [0, 2], [3, 2]], b_ub=[4, 12, 18])
    res = linprog_exact(**args, use_highs=use_highs)
    assert res.status == "optimal" and res.success
    assert res.x == (2, 6) and res.fun == -36
    assert res.ineqlin == (0, F(-3, 2), -1)
    assert res.slack == (2, 0, 0)
    check_certificate(res, **args)


@BOTH_PATHS
def test_fractional_and_string_data(use_highs):
    res = linprog_exact(["1/3", 0.5], A_eq=[[F(1, 7), "0.25"]], b_eq=[1], use_highs=use_highs)
    # cost per unit of the constraint: x1 costs 7/3, x2 costs 2; the optimum uses x2 only
    assert res.x == (0, 4) and res.fun == 2


@BOTH_PATHS
def test_infeasible(use_highs):
    assert linprog_exact([1, 1], A_ub=[[1, 1]], b_ub=[-1], use_highs=use_highs).status == "infeasible"
    res = linprog_exact([1, 1], A_ub=[[-1, -1]], b_ub=[-3], A_eq=[[1, 1]], b_eq=[2],
                        use_highs=use_highs)
    assert res.status == "infeasible" and res.x == () and res.fun is None and not res.success


@BOTH_PATHS
def test_unbounded(use_highs):
    assert linprog_exact([-1, 1], A_ub=[[-1, 1]], b_ub=[1], use_highs=use_highs).status == "unbounded"
    assert linprog_exact([-1], use_highs=use_highs).status == "unbounded"


def test_no_constraints_optimum_at_zero():
    res = linprog_exact([2, 0, 1])
    assert res.status == "optimal" and res.x == (0, 0, 0) and res.fun == 0


@BOTH_PATHS
def test_beale_cycling_example(use_highs):
    # Beale (1955): Dantzig's largest-coefficient rule cycles on this degenerate LP.
    c = [F(-3, 4), 20, F(-1, 2), 6]
    A_ub = [[F(1, 4), -8, -1, 9], [F(1, 2), -12, F(-1, 2), 3], [0, 0, 1, 0]]
    b_ub = [0, 0, 1]
    res = linprog_exact(c, A_ub, b_ub, use_highs=use_highs)
    assert res.status == "optimal"
    assert res.x == (1, 0, 1, 0) and res.fun == F(-5, 4)
    check_certificate(res, c, A_ub, b_ub)


@BOTH_PATHS
def test_highly_degenerate_lp(use_highs):
    # Many constraints tight at the optimum (0, 0): a vertex with more tight constraints than variables.
    A_ub = [[1, 1], [1, 2], [2, 1], [1, -1], [-1, 1], [3, 3]]
    args = dict(c=[1, 1], A_ub=[[-v for v in row] for row in A_ub], b_ub=[0] * 6)
    res = linprog_exact(**args, use_highs=use_highs)
    assert res.x == (0, 0) and res.fun == 0
    check_certificate(res, **args)


@BOTH_PATHS
def test_redundant_equations(use_highs):
    args = dict(c=[1, 0, 2], A_eq=[[1, 1, 1], [2, 2, 2], [1, 1, 1]], b_eq=[1, 2, 1])
    res = linprog_exact(**args, use_highs=use_highs)
    assert res.x == (0, 1, 0) and res.fun == 0
    check_certificate(res, **args)
    inconsistent = linprog_exact([1, 0], A_eq=[[1, 1], [2, 2]], b_eq=[1, 3], use_highs=use_highs)
    assert inconsistent.status == "infeasible"


def test_bad_input_raises_game_error():
    with pytest.raises(GameError, match="shape"):
        linprog_exact([1, 2], A_ub=[[1, 2, 3]], b_ub=[1])
    with pytest.raises(GameError, match="together"):
        linprog_exact([1, 2], A_ub=[[1, 2]])
    with pytest.raises(GameError):
        linprog_exact([1, float("nan")])
    with pytest.raises(GameError, match="at least one"):
        linprog_exact([])


def random_lp(rng):
    """Small integer (sometimes rational) LPs; most are feasible and bounded, many degenerate."""
    n = int(rng.integers(1, 7))
    m_ub, m_eq = int(rng.integers(0, 6)), int(rng.integers(0, 3))
    c = rng.integers(-5, 6, size=n).tolist()
    A_ub = rng.integers(-4, 5, size=(m_ub, n))
    A_eq = rng.integers(-3, 4, size=(m_eq, n))
    x0 = rng.integers(0, 3, size=n)  # usually feasible: b = A x0 + (small slack)
    b_ub = A_ub @ x0 + rng.integers(-1, 3, size=m_ub)
    b_eq = A_eq @ x0 if rng.random() < 0.8 else rng.integers(0, 5, size=m_eq)
    if rng.random() < 0.7:  # usually bounded: Σ x ≤ 3n
        A_ub = np.vstack([A_ub, np.ones((1, n), dtype=int)])
        b_ub = np.append(b_ub, 3 * n)
    A_ub, b_ub = A_ub.tolist() or None, b_ub.tolist() or None
    A_eq, b_eq = A_eq.tolist() or None, b_eq.tolist() or None
    if rng.random() < 0.3 and A_ub is not None:  # rational data
        A_ub = [[F(int(v), int(rng.integers(1, 5))) for v in row] for row in A_ub]
    return dict(c=c, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq)


@pytest.mark.parametrize("seed", range(200))
def test_random_lps_agree_with_highs(seed):
    rng = np.random.default_rng(seed)
    lp = random_lp(rng)
    floats = {k: (None if v is None else np.array(v, dtype=float)) for k, v in lp.items()}
    reference = linprog(floats["c"], A_ub=floats["A_ub"], b_ub=floats["b_ub"], A_eq=floats["A_eq"],
                        b_eq=floats["b_eq"], method="highs")
    expected = {0: "optimal", 2: "infeasible", 3: "unbounded"}[reference.status]
    for use_highs in (True, False):
        res = linprog_exact(**lp, use_highs=use_highs)
        assert res.status == expected
        if expected == "optimal":
            assert abs(float(res.fun) - reference.fun) <= 1e-7 * max(1.0, abs(reference.fun))
            check_certificate(res, **lp)


@pytest.mark.parametrize("seed", range(3))
def test_larger_lps_take_the_certified_fast_path(seed):
    rng = np.random.default_rng(1000 + seed)
    A = rng.integers(-9, 10, size=(20, 20))
    b = A @ rng.integers(0, 3, size=20) + rng.integers(0, 5, size=20)
    args = dict(c=rng.integers(-9, 10, size=20).tolist(),
                A_ub=np.vstack([A, np.ones((1, 20), dtype=int)]).tolist(), b_ub=b.tolist() + [60])
    fast = linprog_exact(**args)
    assert fast.method == "highs+certificate"
    check_certificate(fast, **args)
    assert fast.fun == linprog_exact(**args, use_highs=False).fun


def test_rank_deficient_large_lp_falls_back_to_the_simplex():
    rows = [[1, 1, 1, 1]] * 7 + [[1, 2, 3, 4]] * 7  # 14 equations of rank 2
    args = dict(c=[4, 3, 2, 1], A_eq=rows, b_eq=[2] * 7 + [5] * 7)
    res = linprog_exact(**args)
    assert res.method == "simplex" and res.fun == 5  # c = 5·(1,1,1,1) − (1,2,3,4): c·x = 10 − 5
    check_certificate(res, **args)
