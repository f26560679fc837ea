"""Times of the N-player solver with python-flint switched off (sympy's Buchberger), same seeds as bench_n_player.

Run from the repository root: ``python benchmarks/n_player_without_flint.py``.  It prints, per
shape, the time of each seeded game and the median; the equilibria are the same either way (a
property test checks it).
"""
import time

import numpy as np

import hegemony_games as hg
from hegemony_games.solvers import _zero_dimensional
from hegemony_games.solvers.polynomial_support_enumeration import polynomial_support_enumeration_solve

SHAPES = {(3, 3, 3): 10, (2, 2, 2, 2): 5, (2, 2, 2, 3): 5}


def main() -> None:
    _zero_dimensional.USE_FLINT = False
    polynomial_support_enumeration_solve(hg.NormalFormGame(list(np.random.default_rng(0).integers(0, 100, (3, 2, 2, 2)))))
    for shape, count in SHAPES.items():
        times = []
        for i in range(count):
            game = hg.NormalFormGame(list(np.random.default_rng(i).integers(0, 100, (len(shape), *shape))))
            start = time.perf_counter()
            polynomial_support_enumeration_solve(game)
            times.append(time.perf_counter() - start)
        print("×".join(map(str, shape)), " ".join(f"{t:.2f}" for t in times), f"median {np.median(times):.2f} s")


if __name__ == "__main__":
    main()
