"""Mapping the hegemony-toolbox game G1 (Istomin & Baykov 2020) over its parameter space with
``hg.analysis.sweep``: which alliance forms as the hegemon's share h and the client's stake t
vary, each point solved for its subgame-perfect equilibrium.

The sweep runs in this process, then on a pool of 2 processes (the same table, row for row);
on a Dask cluster it would be ``sweep(g1_point, grid, executor=Client("tcp://host:8786"))``.
Every point's equilibrium path is checked against the closed form of the model's note (regions
R1–R5).  Also swept: Snyder's alliance dilemma, where the function returns the game itself and
the sweep solves it.

Run:  python examples/sweep_alliance_game.py [OUTPUT_FOLDER]   (writes g1_sweep.csv there)
"""
import concurrent.futures as cf
import sys
from fractions import Fraction
from pathlib import Path

import hegemony_games as hg
from hegemony_games.analysis import sweep
from hegemony_games.models.hegemony_toolbox import g1_closed_form, g1_tree

FIXED = dict(v=1, a=Fraction(1, 5), k=Fraction(1, 2), delta=Fraction(1, 4), c=Fraction(3, 10),
             b=Fraction(1, 10))


def g1_point(h, t):
    """The SPE of G1 at (h, t), the other parameters fixed: path, payoffs, and the region."""
    equilibrium = hg.spe(g1_tree(h=h, t=t, **FIXED))[0]
    closed = g1_closed_form(h=h, t=t, **FIXED)
    path = tuple(equilibrium.details["path"])
    assert path == closed.path, (h, t, path, closed)  # the solver agrees with the note's table
    u_h, u_r, u_c = equilibrium.payoffs
    return {"region": closed.region, "path": " > ".join(path), "u_H": u_h, "u_R": u_r, "u_C": u_c}


def snyder_game(rho, E, B=5, A=4):
    """Snyder's (1984) alliance dilemma: support (S) or weak commitment (W); S dominant iff A·rho > E."""
    def u(me, partner):
        return B * (partner == "S") - E * (me == "S") - A * rho * (me == "W")
    actions = ["S", "W"]
    return hg.NormalFormGame.from_bimatrix([[u(a, b) for b in actions] for a in actions],
                                           [[u(b, a) for b in actions] for a in actions],
                                           strategies=[actions, actions], players=["Ally 1", "Ally 2"])


def main(folder: Path) -> None:
    grid = {"h": [Fraction(k, 10) for k in range(1, 11)], "t": [Fraction(k, 5) for k in range(1, 9)]}
    table = sweep(g1_point, grid)
    with cf.ProcessPoolExecutor(max_workers=2) as pool:
        assert sweep(g1_point, grid, executor=pool).equals(table)  # same rows, whatever the executor
    print(f"G1 over {len(table)} points (h, t); v, a, k, delta, c, b fixed at {FIXED}")
    print(table.pivot(index="t", columns="h", values="region").to_string(), "\n")
    print(table.groupby("region")[["u_H", "u_R", "u_C"]].mean().round(3).to_string(), "\n")
    table.to_csv(folder / "g1_sweep.csv", index=False)

    dilemma = sweep(snyder_game, {"rho": [Fraction(k, 4) for k in range(5)], "E": [1, 3]})
    print("Snyder's alliance dilemma: Ally 1 supports (S) with probability, in the first equilibrium")
    print(dilemma[["rho", "E", "n_equilibria", "Ally 1:S", "u(Ally 1)"]].to_string(index=False))
    for rho, E, support in zip(dilemma["rho"], dilemma["E"], dilemma["Ally 1:S"]):
        if 4 * rho != E:  # off the knife edge A·rho = E, the dominant action is played
            assert support == (1.0 if 4 * rho > E else 0.0), (rho, E, support)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("."))
