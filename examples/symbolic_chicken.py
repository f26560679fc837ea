"""Chicken and Hawk-Dove with symbolic payoffs: equilibria as formulas, and the regions where they hold.

Chicken (Snyder 1971; ../shared/research/alliance-models.md section 2.3): firm F or conciliate K,
with T(F vs K) > R(K, K) > S(K vs F) > P(F, F).  Its mixed equilibrium plays F with probability
q* = (T - R) / ((T - R) + (S - P)).  Hawk-Dove (Maynard Smith & Price 1973): value v, cost c; when
v < c the mixed equilibrium plays Hawk with probability v / c; when v > c Hawk is dominant.

Run: python examples/symbolic_chicken.py [output folder]   (nothing is written)
"""
import sys

import sympy

import hegemony_games as hg


def chicken() -> hg.Solution:
    T, R, S, P = sympy.symbols("T R S P")
    game = hg.NormalFormGame.from_bimatrix([[P, T], [S, R]], [[P, S], [T, R]], strategies=[["F", "K"]] * 2,
                                           assumptions=[T > R, R > S, S > P], title="Chicken")
    sol = hg.solve(game)
    q = (T - R) / ((T - R) + (S - P))
    assert len(sol.pieces) == 1 and len(sol) == 3
    assert any(sympy.simplify(eq.strategies[0][0] - q) == 0 for eq in sol)
    return sol


def hawk_dove() -> hg.Solution:
    v, c = sympy.symbols("v c", positive=True)
    game = hg.NormalFormGame.from_bimatrix([[(v - c) / 2, v], [0, v / 2]], [[(v - c) / 2, 0], [v, v / 2]],
                                           strategies=[["Hawk", "Dove"]] * 2, title="Hawk-Dove")
    sol = hg.solve(game)
    assert len(sol.pieces) == 3          # v > c, v = c (degenerate), v < c
    assert [p.boundary for p in sol.pieces].count(True) == 1
    return sol


def main() -> None:
    for name, sol in (("Chicken (T > R > S > P)", chicken()), ("Hawk-Dove (v, c > 0)", hawk_dove())):
        print(f"== {name}: {len(sol.pieces)} piece(s), {len(sol)} equilibria in all")
        print(sol.regions())
        for condition, equilibria in sol.pieces:
            print(f"  where {condition}: {len(equilibria)} extreme equilibri{'um' if len(equilibria) == 1 else 'a'}")
        print()
    at = hawk_dove().at({"v": 2, "c": 3})
    print("Hawk-Dove at v = 2, c = 3 (exact):")
    print(at)


if __name__ == "__main__":
    _ = sys.argv[1:]   # an output folder may be given; this example writes nothing
    main()
