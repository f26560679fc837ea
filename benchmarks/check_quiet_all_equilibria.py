"""Quiet-machine check of issue 6 item 1: hg float/exact vertex enumeration against QuantEcon, interleaved, median of 7.

Run: OPENBLAS_NUM_THREADS=1 python benchmarks/check_quiet_all_equilibria.py  (needs quantecon: pip install -e ".[bench]")
"""
import os, statistics, time
import numpy as np
import quantecon.game_theory as qe
import hegemony_games as hg
print("load", [round(x, 2) for x in os.getloadavg()])
for n in (10, 12, 14):
    rng = np.random.default_rng(n)
    A, B = rng.random((n, n)), rng.random((n, n))
    game = hg.NormalFormGame([A, B])
    g = qe.NormalFormGame((qe.Player(A), qe.Player(B.T)))
    qe.vertex_enumeration(g); hg.solve(game); hg.solve(game, exact=True)
    t = {"hg float": [], "hg exact": [], "quantecon": []}
    for _ in range(7):
        for name, f in (("quantecon", lambda: qe.vertex_enumeration(g)), ("hg float", lambda: hg.solve(game)),
                        ("hg exact", lambda: hg.solve(game, exact=True))):
            s = time.perf_counter(); f(); t[name].append(time.perf_counter() - s)
    m = {k: statistics.median(v) for k, v in t.items()}
    print(f"n={n}: hg float {m['hg float']:.4f}s, hg exact {m['hg exact']:.4f}s, QuantEcon {m['quantecon']:.4f}s; "
          f"QE/float {m['quantecon']/m['hg float']:.2f}x, exact/float {m['hg exact']/m['hg float']:.2f}x; "
          f"n_eq {len(hg.solve(game))} vs {len(qe.vertex_enumeration(g))}")
