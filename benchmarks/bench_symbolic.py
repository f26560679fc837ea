"""Benchmark: symbolic solving, and evaluating a compiled piecewise solution against solving point by point.

1. *Symbolic solve time*: ``hg.solve`` on seeded random integer bimatrix games of size 2×2, 3×3
   and 4×4 with one parameter in the row player's payoff (entry (0, 0) + x) and one in the
   column player's (entry (n−1, n−1) + y); ``hg.spe`` on seeded random symbolic perfect-information
   trees of growing depth (binary, two players alternating, every leaf's payoffs
   ``a + b·x`` / ``c + d·y`` with small random integers).
2. *Evaluation rate*: the family ``A = [[x, 0], [0, 1]]``, ``B = [[1, 0], [0, y]]`` (coordination
   when x, y > 0, dominance otherwise; 9 pieces) is solved symbolically once and compiled
   (``sol.compile()``); then the region index and the first row probability of the last
   equilibrium of each piece are computed at every point of a 1000 × 1000 grid over
   [−1, 2]² (10^6 points).  The same grid solved point by point: ``hg.solve`` exact and float,
   nashpy's support enumeration, each on a seeded sample of grid points (rate = points per
   second), and ``hg.solve_many`` (vectorised numeric 2×2 solver) on the whole grid where available.
   At the sample points the compiled solution's equilibria (formulas evaluated in floats) are
   checked against hg's exact ones.

Run:  python benchmarks/run.py --only symbolic   (or python benchmarks/bench_symbolic.py)
"""
from __future__ import annotations

import random
import sys
import time
import warnings

import numpy as np
import sympy

import hegemony_games as hg
from benchkit import Options, Section, compare, measure, seconds, table

X, Y = sympy.symbols("x y")
SIZES, QUICK_SIZES = (2, 3, 4), (2,)
DEPTHS, QUICK_DEPTHS = (2, 3, 4, 5, 6, 8), (2, 3)
GRID, QUICK_GRID = 1000, 200
SAMPLE = {"hg exact": 200, "hg float": 200, "nashpy support enum.": 1000}
QUICK_SAMPLE = 30
SOLVE_CAP, QUICK_CAP = 300.0, 60.0


# --- the games ---------------------------------------------------------------------------------

def parametric_game(n: int, seed: int) -> hg.NormalFormGame:
    """A seeded random n×n integer game with x added to A[0, 0] and y to B[n−1, n−1]."""
    rng = np.random.default_rng(seed)
    A = [[int(v) for v in row] for row in rng.integers(-5, 6, (n, n))]
    B = [[int(v) for v in row] for row in rng.integers(-5, 6, (n, n))]
    A[0][0] += X
    B[n - 1][n - 1] += Y
    return hg.NormalFormGame.from_bimatrix(A, B)


def parametric_tree(depth: int, seed: int) -> hg.ExtensiveFormGame:
    """A binary perfect-information tree of the given depth, players alternating, leaves a + b·x, c + d·y."""
    rng = random.Random(seed)

    def node(level: int):
        if level == depth:
            return hg.terminal([rng.randint(-3, 3) + rng.randint(0, 1) * X, rng.randint(-3, 3) + rng.randint(0, 1) * Y])
        return hg.decision(("1", "2")[level % 2], {"l": node(level + 1), "r": node(level + 1)})
    return hg.ExtensiveFormGame(node(0), players=["1", "2"])


def family(x, y):
    """The evaluation family's payoff matrices at (x, y) (numbers or symbols)."""
    return [[x, 0], [0, 1]], [[1, 0], [0, y]]


# --- part 1: symbolic solve time ---------------------------------------------------------------

def _solve_summary(game) -> dict:
    solution = hg.solve(game) if isinstance(game, hg.NormalFormGame) else hg.spe(game)
    return {"pieces": len(solution.pieces or []), "equilibria": len(solution), "complete": solution.complete,
            "method": solution.method}


def solve_times(options: Options) -> tuple[list[list[str]], dict]:
    rows, data = [], {}
    cap = QUICK_CAP if options.quick else SOLVE_CAP
    cases = [(f"{n}×{n} game", parametric_game(n, n)) for n in (QUICK_SIZES if options.quick else SIZES)]
    cases += [(f"tree, depth {d} ({2 ** (d + 1) - 1} nodes)", parametric_tree(d, d))
              for d in (QUICK_DEPTHS if options.quick else DEPTHS)]
    stopped_tree = None
    for label, game in cases:
        if stopped_tree is not None and label.startswith("tree"):   # deeper trees would only hit the cap again
            rows.append([label, f"not run ({stopped_tree} stopped)", "–", "–", "–", "–"])
            continue
        m = measure(lambda g=game: _solve_summary(g), repeat=1, cap=cap)
        if m.timed_out and label.startswith("tree"):
            stopped_tree = label.split(" (")[0]
        if m.ok:
            r = m.result
            rows.append([label, m.cell(), str(r["pieces"]), str(r["equilibria"]),
                         "yes" if r["complete"] else "no", r["method"]])
        else:
            rows.append([label, m.cell(), "–", "–", "–", "–"])
        data[label] = {"seconds": m.best, "error": m.error, "timed_out": m.timed_out,
                       **(m.result if m.ok else {})}
    return rows, data


# --- part 2: evaluation rate -------------------------------------------------------------------

def _compiled_grid(compiled, gx: np.ndarray, gy: np.ndarray) -> dict:
    Xg, Yg = np.meshgrid(gx, gy)
    index = compiled.region({X: Xg, Y: Yg})
    quantity = compiled.quantity(("strategy", 0, 0), {X: Xg, Y: Yg}, equilibrium=-1, region=index)
    return {"counts": np.bincount(index.ravel() + 1).tolist(), "nan": int(np.isnan(quantity).sum())}


def _per_point(solver, points) -> list:
    out = []
    for x, y in points:
        A, B = family(x, y)
        out.append(solver(np.array(A, dtype=float), np.array(B, dtype=float)))
    return out


def _hg(exact: bool):
    def solve(A, B):
        return [e.strategies for e in hg.solve(hg.NormalFormGame.from_bimatrix(A, B), exact=exact)]
    return solve


def _nashpy(A, B):
    import nashpy
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return [(x, y) for x, y in nashpy.Game(A, B).support_enumeration()]


def _solve_many(gx: np.ndarray, gy: np.ndarray) -> int:
    Xg, Yg = np.meshgrid(gx, gy)
    n = Xg.size
    A = np.zeros((n, 2, 2))
    B = np.zeros((n, 2, 2))
    A[:, 0, 0], A[:, 1, 1] = Xg.ravel(), 1.0
    B[:, 0, 0], B[:, 1, 1] = 1.0, Yg.ravel()
    batch = hg.solve_many(A=A, B=B, exact=False)
    return int(np.asarray(batch.counts).sum())


def _check_sample(solution, compiled, points, reference) -> tuple[int, int]:
    """(points where the compiled piece's equilibria equal hg's exact ones, points checked)."""
    index = compiled.region({X: [p[0] for p in points], Y: [p[1] for p in points]})
    same = 0
    for (x, y), k, exact in zip(points, index, reference):
        at = {X: sympy.Float(x), Y: sympy.Float(y)}
        ours = [tuple(tuple(float(sympy.sympify(p).subs(at)) for p in v) for v in e.strategies)
                for e in (solution.pieces[k].equilibria if k >= 0 else ())]
        same += compare([tuple(tuple(float(p) for p in v) for v in e) for e in exact], ours).same
    return same, len(points)


def evaluation(options: Options) -> tuple[str, dict]:
    A, B = family(X, Y)
    game = hg.NormalFormGame.from_bimatrix(A, B)
    start = time.perf_counter()
    solution = hg.solve(game)
    t_solve = time.perf_counter() - start
    start = time.perf_counter()
    compiled = solution.compile()
    t_compile = time.perf_counter() - start
    size = QUICK_GRID if options.quick else GRID
    gx = np.linspace(-1.0, 2.0, size)
    gy = np.linspace(-1.0, 2.0, size)
    points_total = size * size
    _compiled_grid(compiled, gx[:3], gy[:3])   # compile the quantity formulas once, before timing
    grid_run = measure(lambda: _compiled_grid(compiled, gx, gy), options.repeat, 120.0)
    rng = np.random.default_rng(7)
    rows, data = [], {"grid": size, "points": points_total, "symbolic_solve_s": t_solve, "compile_s": t_compile,
                      "pieces": len(solution.pieces), "results": {}}
    compiled_rate = points_total / grid_run.best if grid_run.ok else None
    rows.append([f"compiled solution ({points_total:,} points: region + quantity)", grid_run.cell(),
                 f"{compiled_rate:,.0f}" if compiled_rate else "–", "1"])
    data["results"]["compiled"] = {"seconds": grid_run.best, "points_per_second": compiled_rate,
                                   "region_counts": grid_run.result["counts"] if grid_run.ok else None}
    tools = [("hg exact", _hg(True), "hg"), ("hg float", _hg(False), "hg"),
             ("nashpy support enum.", _nashpy, "nashpy")]
    reference = None
    for label, solver, package in tools:
        if package not in options.packages:
            continue
        k = QUICK_SAMPLE if options.quick else SAMPLE[label]
        points = [(float(gx[i]), float(gy[j])) for i, j in rng.integers(0, size, (k, 2))]
        m = measure(lambda s=solver, p=points: _per_point(s, p), options.repeat, 300.0)
        rate = k / m.best if m.ok else None
        ratio = f"{compiled_rate / rate:,.0f}×" if (rate and compiled_rate) else "–"
        rows.append([f"{label}, point by point ({k} sampled points)", m.cell(),
                     f"{rate:,.0f}" if rate else "–", ratio])
        data["results"][label] = {"seconds": m.best, "points": k, "points_per_second": rate,
                                  "compiled_speedup": (compiled_rate / rate) if (rate and compiled_rate) else None}
        if label == "hg exact" and m.ok:
            reference = (points, m.result)
    if hasattr(hg, "solve_many"):
        m = measure(lambda: _solve_many(gx, gy), 1, 300.0)
        rate = points_total / m.best if m.ok else None
        ratio = f"{compiled_rate / rate:,.1f}×" if (rate and compiled_rate) else "–"
        rows.append([f"hg.solve_many, float, vectorised ({points_total:,} points)", m.cell(),
                     f"{rate:,.0f}" if rate else "–", ratio])
        data["results"]["hg.solve_many"] = {"seconds": m.best, "points_per_second": rate, "error": m.error}
    check = ""
    if reference is not None:
        same, checked = _check_sample(solution, compiled, *reference)
        data["sample_agreement"] = [same, checked]
        check = (f" At the {checked} points solved exactly, the compiled solution's equilibria equal hg's exact "
                 f"ones at {same}.")
    body = "\n\n".join([
        f"Family `A = [[x, 0], [0, 1]]`, `B = [[1, 0], [0, y]]`, grid {size} × {size} over [−1, 2]²: symbolic solve "
        f"{seconds(t_solve)} ({len(solution.pieces)} pieces), `sol.compile()` {seconds(t_compile)} (once). "
        f"Per-point tools run on a seeded random sample of grid points; rates in points per second, best of "
        f"{options.repeat}. Goal: the compiled solution ≥ 1,000× faster than per-point nashpy." + check,
        table(["evaluation", "time", "points per second", "compiled is faster by"], rows)])
    return body, data


def run(options: Options) -> Section:
    solve_rows, solve_data = solve_times(options)
    body_eval, eval_data = evaluation(options)
    cap = QUICK_CAP if options.quick else SOLVE_CAP
    body = "\n\n".join([
        "### Symbolic solve time",
        f"Seeded random integer games in [−5, 5] with x added to A[0,0] and y to B[n−1,n−1] (`hg.solve`), and "
        f"binary perfect-information trees, two players alternating, leaves `a + b·x`, `c + d·y` (`hg.spe`); "
        f"one call each, stopped at {cap:g} s.",
        table(["game", "time", "pieces", "equilibria", "complete", "method"], solve_rows),
        "### Evaluating a compiled solution against solving point by point",
        body_eval])
    return Section("Symbolic games: solve time and compiled evaluation", body,
                   {"solve": solve_data, "evaluation": eval_data})


if __name__ == "__main__":
    import peers
    packages = peers.available()
    peers.warm_up(packages)
    section = run(Options(quick="--quick" in sys.argv, packages=frozenset(packages)))
    print(f"## {section.title}\n\n{section.body}")
