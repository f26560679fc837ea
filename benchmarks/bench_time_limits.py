"""All equilibria of large two-player games with and without a time limit (issue 6 with issue 7).

With ``timeout=`` the solver must stay on its fast certified path (the reverse search reads the
clock in compiled code) and still stop in time.  For each seeded n×n game of the anchor timings
(``rng = np.random.default_rng(n); A, B = rng.random((n, n)), rng.random((n, n))``) it prints the
time without a limit, the time with a generous limit (whether it gives the same equilibria, within
1e-9), and what a short limit returns.

Run from the repository root: ``OPENBLAS_NUM_THREADS=1 python benchmarks/bench_time_limits.py``
(needs numba: ``pip install -e ".[bench]"``).
"""
from __future__ import annotations

import time

import numpy as np

import hegemony_games as hg

SIZES = (14, 15, 16)
GENEROUS = 600.0
SHORT = 2.0


def timed(call):
    start = time.perf_counter()
    result = call()
    return result, time.perf_counter() - start


def main() -> None:
    rng = np.random.default_rng(0)
    hg.solve(hg.NormalFormGame([rng.random((13, 13)), rng.random((13, 13))]), timeout=GENEROUS)  # kernels loaded
    print("| n | arithmetic | no limit | timeout=600 | same equilibria | timeout=2: time, equilibria, complete |")
    print("|---|---|---|---|---|---|")
    for n in SIZES:
        rng = np.random.default_rng(n)
        game = hg.NormalFormGame([rng.random((n, n)), rng.random((n, n))])
        for exact in (False, True):
            free, t_free = timed(lambda: hg.solve(game, exact=exact))
            limited, t_limited = timed(lambda: hg.solve(game, exact=exact, timeout=GENEROUS))
            same = limited.complete and len(free) == len(limited) and all(
                np.allclose(np.concatenate(a.strategies).astype(float), np.concatenate(b.strategies).astype(float),
                            atol=1e-9) for a, b in zip(free, limited))
            short, t_short = timed(lambda: hg.solve(game, exact=exact, timeout=SHORT))
            print(f"| {n} | {'exact' if exact else 'float'} | {t_free:.2f} s | {t_limited:.2f} s | "
                  f"{'yes' if same else 'NO'} | {t_short:.2f} s, {len(short)}, {short.complete} |", flush=True)
    for n in (20,):
        rng = np.random.default_rng(n)
        game = hg.NormalFormGame([rng.random((n, n)), rng.random((n, n))])
        for exact in (False, True):
            short, t_short = timed(lambda: hg.solve(game, exact=exact, timeout=SHORT))
            print(f"| {n} | {'exact' if exact else 'float'} | not run | not run | – | "
                  f"{t_short:.2f} s, {len(short)}, {short.complete} |", flush=True)


if __name__ == "__main__":
    main()
