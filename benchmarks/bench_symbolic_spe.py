"""Symbolic subgame-perfect equilibria (piecewise backward induction) on trees of growing depth.

Complete binary trees of depth 2..8, players alternating, leaf payoffs affine in two parameters
x and y with seeded random integer coefficients in [-3, 3]; no tie rule (so tie pieces appear).
For each depth: the time of ``hg.spe`` on the symbolic tree, the number of pieces (and of boundary
pieces), and the time of one numeric ``hg.spe`` on the tree at a point, for scale.

Run:  python benchmarks/bench_symbolic_spe.py [--depths 2 3 4 5 6 7 8] [--cap SECONDS]
Depths after the first one that takes longer than the cap (default 300 s) are skipped.
"""
from __future__ import annotations

import argparse
import random
import time

import sympy

import hegemony_games as hg

X, Y = sympy.symbols("x y")


def binary_tree(depth: int, seed: int = 0) -> hg.ExtensiveFormGame:
    rng = random.Random(seed)

    def build(level: int):
        if level == depth:
            return hg.terminal([rng.randint(-3, 3) + rng.randint(-3, 3) * X + rng.randint(-3, 3) * Y
                                for _ in range(2)])
        return hg.decision(f"P{level % 2 + 1}", {"l": build(level + 1), "r": build(level + 1)})

    return hg.ExtensiveFormGame(build(0), players=["P1", "P2"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--depths", type=int, nargs="+", default=list(range(2, 9)))
    parser.add_argument("--cap", type=float, default=300.0)
    args = parser.parse_args()
    print(f"{'depth':>5} {'nodes':>6} {'symbolic s':>11} {'pieces':>7} {'boundary':>9} {'numeric s':>10}")
    for depth in args.depths:
        tree = binary_tree(depth)
        start = time.perf_counter()
        sol = hg.spe(tree)
        elapsed = time.perf_counter() - start
        start = time.perf_counter()
        hg.spe(tree.subs({X: "1/3", Y: "-2/7"}))
        numeric = time.perf_counter() - start
        boundary = sum(p.boundary for p in sol.pieces)
        print(f"{depth:>5} {tree.num_nodes:>6} {elapsed:>11.2f} {len(sol.pieces):>7} {boundary:>9} {numeric:>10.4f}",
              flush=True)
        if elapsed > args.cap:
            print(f"stopped: depth {depth} took more than {args.cap:.0f} s")
            break


if __name__ == "__main__":
    main()
