"""Three-player equilibria and correlated equilibria of small alliance games.

1. A three-power balancing game (invented payoffs, 2×2×2): each of powers A, B and C either
   arms (1) or stays restrained (0).  A wants to match B (they are allies), B wants to match
   C, C wants to do the opposite of A (a rival).  No pure profile is stable (Jordan 1993's
   cycle): if A arms, C restrains, then B restrains, then A restrains, ...  The only
   equilibrium has every power arm with probability 1/2, as the indifference conditions say:
   A is indifferent only when B mixes 1/2, B only when C does, C only when A does.

2. Chicken between a patron and a challenger (Aumann 1974's payoffs): a mediator who
   recommends (yield, yield) half of the time and each of the two "one yields" outcomes a
   quarter of the time gives both 21/4, more than the 14/3 of the mixed equilibrium, and
   no one wants to disobey the recommendation.

Run:  python examples/three_player_alliance_and_correlation.py [OUTPUT_FOLDER]   (writes nothing)
"""
import sys
from fractions import Fraction

import numpy as np

import hegemony_games as hg


def main() -> None:
    a, b, c = np.indices((2, 2, 2))
    balancing = hg.NormalFormGame([(a == b).astype(int), (b == c).astype(int), (c != a).astype(int)],
                                  players=["A", "B", "C"],
                                  strategies=[["restrain", "arm"]] * 3, title="Three-power balancing")
    solution = hg.solve(balancing)
    print(solution)
    half = (Fraction(1, 2), Fraction(1, 2))
    assert solution.complete and [e.strategies for e in solution] == [(half, half, half)]

    chicken = hg.NormalFormGame.from_bimatrix([[6, 2], [7, 0]], [[6, 7], [2, 0]],
                                              players=["Patron", "Challenger"],
                                              strategies=[["yield", "stand"]] * 2)
    mediated = hg.correlated_equilibrium(chicken)
    print(mediated)
    assert mediated.payoffs == (Fraction(21, 4), Fraction(21, 4)) and mediated.max_violation() == 0
    mixed = [e for e in hg.solve(chicken) if not e.is_pure()][0]
    print("mixed Nash equilibrium payoffs:", mixed.payoffs)
    assert mixed.payoffs == (Fraction(14, 3), Fraction(14, 3))
    vertices = hg.correlated_equilibria_vertices(chicken)
    print(f"the correlated equilibria of Chicken form a polytope with {len(vertices)} vertices")


if __name__ == "__main__":
    del sys.argv[1:]   # the optional output folder: this example writes no files
    main()
