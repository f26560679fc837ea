"""Quiet-machine check of issue 6 item 3: hg.solve_many on 2×2 games, games per second by wall time (best of 3).

Run: python benchmarks/check_quiet_solve_many.py
"""
import os
import time

import numpy as np

import hegemony_games as hg

print("load", [round(x, 2) for x in os.getloadavg()])
for exact in (True, False):
    for N in (10**5, 10**6):
        rng = np.random.default_rng(N)
        games = rng.integers(-100, 101, (N, 2, 2, 2)) if exact else rng.random((N, 2, 2, 2))
        hg.solve_many(games[:1000], exact=exact)   # warm-up
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            batch = hg.solve_many(games, exact=exact)
            best = min(best, time.perf_counter() - start)
        print(f"exact={exact} N={N}: {N / best / 1e6:.2f} M games/s, degenerate members {int(np.sum(batch.degenerate))}")
