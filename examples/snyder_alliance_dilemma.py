"""Snyder's (1984) secondary alliance dilemma: support (S) or weak commitment (W).

Each ally i gets  u_i = B·[partner supports] − E·[i supports] − A·ρ·[i is weakly committed],
where ρ is the chance that the partner realigns when left weakly committed (high in a
multipolar system, near 0 in a bipolar one).  Support is dominant exactly when A·ρ > E,
so the switch happens at ρ* = E/A (the formalization in research/alliance-models.md §2.2).

Run:  python examples/snyder_alliance_dilemma.py
"""
from fractions import Fraction

import hegemony_games as hg


def alliance_game(B, E, A, rho) -> hg.NormalFormGame:
    def u(me, partner):
        return B * (partner == "S") - E * (me == "S") - A * rho * (me == "W")

    actions = ["S", "W"]
    row = [[u(a, b) for b in actions] for a in actions]
    column = [[u(b, a) for b in actions] for a in actions]
    return hg.NormalFormGame.from_bimatrix(row, column, strategies=[actions, actions],
                                           players=["Ally 1", "Ally 2"],
                                           title=f"Alliance dilemma, rho = {rho}")


def main() -> None:
    B, E, A = 5, 3, 4
    print(f"B = {B}, E = {E}, A = {A}: support is dominant iff rho > E/A = {Fraction(E, A)}\n")
    for rho in (Fraction(0), Fraction(1, 2), Fraction(3, 4), Fraction(9, 10)):
        solution = hg.solve(alliance_game(B, E, A, rho))
        outcomes = ", ".join(
            "(" + ", ".join(a for a, p in zip(("S", "W"), v) if p == 1) + ")" if e.is_pure() else "mixed"
            for e in solution for v in e.strategies[:1])
        print(f"rho = {str(rho):>4}: {len(solution)} equilibri{'um' if len(solution) == 1 else 'a'}, "
              f"ally 1 plays {outcomes}; payoffs {[tuple(map(str, e.payoffs)) for e in solution]}"
              + ("  [knife edge: degenerate]" if solution.degenerate else ""))
        expected = "S" if A * rho > E else "W" if A * rho < E else None
        if expected is not None:
            assert all(e.strategies[0] == ((1, 0) if expected == "S" else (0, 1)) for e in solution)


if __name__ == "__main__":
    main()
