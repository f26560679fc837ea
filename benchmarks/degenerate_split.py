"""Where the time of a degenerate game goes: the three searches of the lexicographic reverse search.

For the larger degenerate games of ``bench_degenerate`` (``rng = np.random.default_rng(n)``,
``A, B = rng.integers(0, 3, (n, n))`` twice), prints the CPU time of the row player's polytope
search, of the faces of the column player's polytope searched for its vertices, and of the column
player's polytope search, as ``hg.solve`` runs them on an exact game.

Run from the repository root: ``python benchmarks/degenerate_split.py 12 14``.
"""
from __future__ import annotations

import sys
import time

import numpy as np

from hegemony_games.solvers._common import integer_matrix
from hegemony_games.solvers.polytope_vertices import face_vertices, polytope_vertices


def main(sizes: list[int]) -> None:
    for n in sizes:
        rng = np.random.default_rng(n)
        A, B = rng.integers(0, 3, (n, n)), rng.integers(0, 3, (n, n))
        A_pos, B_pos = integer_matrix(A), integer_matrix(B)
        start = time.process_time()
        row_vertices = list(polytope_vertices(B_pos.T, True))
        row_time = time.process_time() - start
        start = time.process_time()
        faces = points = 0
        for mask, x in row_vertices:
            if any(x):
                support = [i for i in range(n) if x[i]]
                not_best = [j for j in range(n) if not mask >> (n + j) & 1]
                faces += 1
                points += sum(1 for _ in face_vertices(A_pos, support, not_best, True))
        face_time = time.process_time() - start
        start = time.process_time()
        column_vertices = sum(1 for _ in polytope_vertices(A_pos, True))
        column_time = time.process_time() - start
        print(f"n = {n}: row player's polytope {len(row_vertices)} vertices in {row_time:.2f} s; "
              f"{faces} faces, {points} vertices on them, in {face_time:.2f} s; "
              f"column player's polytope {column_vertices} vertices in {column_time:.2f} s (CPU)")


if __name__ == "__main__":
    main([int(v) for v in sys.argv[1:]] or [12, 14])
