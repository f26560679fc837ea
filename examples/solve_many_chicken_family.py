"""A family of chicken games solved at once with hg.solve_many, checked against the closed form.

Two allies in a crisis each stand firm ("dare") or back down ("swerve"); payoffs (row, column):

                swerve      dare
    swerve      (R, R)      (S, T)
    dare        (T, S)      (P, P)        with T > R > S ≥ P = 0.

By hand: the pure equilibria are (swerve, dare) and (dare, swerve); the mixed one makes the other
side indifferent, p·R + (1 − p)·S = p·T + (1 − p)·P, so each swerves with probability
p = (S − P) / (S − P + T − R).  When S = P the mixed equilibrium merges with the pure ones
(the game is degenerate: against "dare" both actions give 0), and the equilibria form segments.

The grid: R = 10, T = 11..60, S = 0..9 (500 games), solved exactly in one call; the table of
mixed swerving probabilities is written as CSV to the output folder.

Run:  python examples/solve_many_chicken_family.py [OUTPUT_FOLDER]      (default ./chicken_family)
"""
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np

import hegemony_games as hg

R, P = 10, 0


def family(Ts, Ss):
    """Payoff stacks A, B of shape (N, 2, 2), one game per (T, S), T varying slowest."""
    T, S = np.meshgrid(Ts, Ss, indexing="ij")
    T, S = T.ravel(), S.ravel()
    A = np.stack([np.stack([np.full_like(T, R), S], -1), np.stack([T, np.full_like(T, P)], -1)], 1)
    return T, S, A, A.transpose(0, 2, 1).copy()      # symmetric game: B = Aᵀ


def main(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    T, S, A, B = family(np.arange(11, 61), np.arange(0, 10))
    batch = hg.solve_many(A=A, B=B)
    print(batch)
    rows = []
    for i, (t, s) in enumerate(zip(T.tolist(), S.tolist())):
        solution = batch[i]                              # the Solution of game i, exact
        if s > P:                                        # nondegenerate: two pure, one mixed
            p = Fraction(s - P, s - P + t - R)
            assert not solution.degenerate and len(solution) == 3
            assert ((p, 1 - p), (p, 1 - p)) in [e.strategies for e in solution]
            rows.append((t, s, p))
        else:                                            # S = P: degenerate, segments of equilibria
            assert solution.degenerate and len(solution.components) > 1
    frame = batch.to_pandas()
    mixed = frame[(frame.x0 > 0) & (frame.x0 < 1) & (frame.y0 > 0) & (frame.y0 < 1)]
    assert len(mixed) == len(rows)
    with open(folder / "chicken_swerve_probability.csv", "w") as f:
        f.write("T,S,p_swerve\n" + "".join(f"{t},{s},{p}\n" for t, s, p in rows))
    print(f"{len(batch)} games, {int(batch.counts.sum())} extreme equilibria, "
          f"{int(batch.degenerate.sum())} degenerate (S = P); mixed equilibria match p = S/(S + T - R)")
    print(f"wrote {folder / 'chicken_swerve_probability.csv'}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("chicken_family"))
