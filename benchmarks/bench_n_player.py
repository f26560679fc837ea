"""All equilibria of small N-player games: our exact support enumeration against pygambit's enumpoly.

Games: random 2×2×2, 3×3×3, 2×2×2×2 and 2×2×2×3 games with integer payoffs in [0, 100); game i
of a shape is ``np.random.default_rng(i).integers(0, 100, (len(shape), *shape))`` (one array per
player); then the corpus files ``contrib/games/2x2x2.nfg``, ``2x2x2x2.nfg`` and ``3x3x3.nfg``.  Both
tools are warmed up first; time is the best of the repeats.  Our solver
(``support-enumeration-polynomial``: exact Gröbner bases, every equilibrium verified, rational
or algebraic) is compared with pygambit's ``enumpoly_solve`` (support enumeration with a
numerical polynomial solver).  Equilibria are matched within 1e-6; every difference is
classified by its regret in the game: an equilibrium of ours that pygambit misses, a profile
of pygambit's that is not among ours (its regret says whether it is an equilibrium we miss
or a non-equilibrium), and whether our solver flagged the game as having a continuum.
"""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from benchkit import Measurement, Options, Section, measure, seconds, table

SHAPES = {(2, 2, 2): 10, (3, 3, 3): 10, (2, 2, 2, 2): 5, (2, 2, 2, 3): 5}
QUICK_SHAPES = {(2, 2, 2): 3}
CORPUS_FILES = ["2x2x2.nfg", "2x2x2x2.nfg", "3x3x3.nfg"]    # under contrib/games
CAP = 600.0
CORPUS = Path(os.environ.get("HG_GAMBIT_GAMES", Path(__file__).resolve().parents[2] / "shared" / "gambit-games"))


def games(shape: tuple[int, ...], count: int) -> list[list[np.ndarray]]:
    return [list(np.random.default_rng(i).integers(0, 100, (len(shape), *shape))) for i in range(count)]


def hg_solve(source: list[np.ndarray] | Path) -> tuple[list, bool]:
    """Our equilibria (floats) of payoff arrays or a .nfg file, and whether the search was complete."""
    import hegemony_games as hg
    from hegemony_games.solvers.polynomial_support_enumeration import polynomial_support_enumeration_solve
    game = hg.read(source) if isinstance(source, Path) else hg.NormalFormGame(source)
    sol = polynomial_support_enumeration_solve(game)
    profiles = [tuple(e.details["float_strategies"]) if e.details.get("algebraic")
                else tuple(tuple(float(p) for p in v) for v in e.strategies) for e in sol]
    return profiles, sol.complete


def gambit_solve(source: list[np.ndarray] | Path) -> list:
    import pygambit
    game = (pygambit.read_nfg(str(source)) if isinstance(source, Path)
            else pygambit.Game.from_arrays(*[a.tolist() for a in source]))
    result = pygambit.nash.enumpoly_solve(game)
    return [tuple(tuple(float(eq[s]) for s in player.strategies) for player in game.players)
            for eq in result.equilibria]


def regret(arrays: list[np.ndarray], profile) -> float:
    """The largest gain from a pure deviation, in floats."""
    worst = 0.0
    for i, u in enumerate(arrays):
        values = u.astype(float)
        for j in reversed(range(len(arrays))):
            if j != i:
                values = np.tensordot(values, np.asarray(profile[j], dtype=float), axes=([j], [0]))
        worst = max(worst, float(values.max() - values @ np.asarray(profile[i], dtype=float)))
    return worst


def _same(a, b, tol: float = 1e-6) -> bool:
    return all(np.allclose(x, y, atol=tol) for x, y in zip(a, b))


def run(options: Options) -> Section:
    shapes = QUICK_SHAPES if options.quick else SHAPES
    with_gambit = "pygambit" in options.packages
    rows, notes, data = [], [], {}
    # Warm up in this process (the timed calls run in forked children, which inherit it): the
    # first call of either tool pays for imports and caches (seconds, on a loaded machine).
    warm = games((2, 2, 2), 1)[0]
    hg_solve(warm)
    if with_gambit:
        gambit_solve(warm)
    cases = [("×".join(map(str, shape)), str(i), arrays, arrays)
             for shape, count in shapes.items() for i, arrays in enumerate(games(shape, count))]
    if not options.quick:
        import hegemony_games as hg
        for file in CORPUS_FILES:
            path = CORPUS / "contrib" / "games" / file
            arrays = [np.asarray(u, dtype=float) for u in hg.read(path).payoffs]
            cases.append((file, "corpus", path, arrays))
    for name, i, source, arrays in cases:
        ours: Measurement = measure(lambda a=source: hg_solve(a), options.repeat, CAP)
        theirs = measure(lambda a=source: gambit_solve(a), options.repeat, CAP) if with_gambit else None
        found, complete = ours.result if ours.ok else ([], False)
        cells = [name, i, ours.cell(), str(len(found)) + ("" if complete else " (continuum flagged)")]
        record = {"hg_seconds": ours.best, "hg_count": len(found), "hg_complete": complete}
        if theirs is not None:
            other = theirs.result if theirs.ok else []
            missed_by_gambit = [p for p in found if not any(_same(p, q) for q in other)]
            not_ours = [q for q in other if not any(_same(p, q) for p in found)]
            cells += [theirs.cell(), str(len(other)),
                      f"{ours.best and theirs.best and theirs.best / ours.best:.3g}×" if ours.ok and theirs.ok else "–"]
            for p in missed_by_gambit:
                notes.append(f"{name} game {i}: pygambit misses {_fmt(p)} (regret {regret(arrays, p):.1e}).")
            for q in not_ours:
                r = regret(arrays, q)
                tol = 1e-6 * 100
                what = ("an equilibrium we do not list" + ("" if complete else
                        " (inside a continuum our solver flagged)")) if r <= tol else "not an equilibrium"
                notes.append(f"{name} game {i}: pygambit returns {_fmt(q)}, regret {r:.1e}: {what}.")
            record.update(gambit_seconds=theirs.best, gambit_count=len(other),
                          missed_by_gambit=len(missed_by_gambit), gambit_not_ours=len(not_ours))
        rows.append(cells)
        data[f"{name} #{i}"] = record
    header = ["game", "seed", "hg time", "hg equilibria"]
    if with_gambit:
        header += ["pygambit enumpoly time", "pygambit equilibria", "ratio (pygambit / hg)"]
    body = [__doc__.split("\n\n")[1].replace("\n", " "),
            table(header, rows),
            "Differences:\n\n" + ("\n".join(f"- {n}" for n in notes) if notes else "- none")]
    return Section("All equilibria of N-player games (support enumeration)", "\n\n".join(body), data)


def _fmt(profile) -> str:
    return "(" + "; ".join(", ".join(f"{p:.4g}" for p in v) for v in profile) + ")"


__all__ = ["run", "games", "seconds"]
