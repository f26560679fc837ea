"""The reproduction report: solve the models' games and check each published result.

Each *model* is a list of checks; a check builds a game, solves it, and compares the
solution with a result stated in the literature (the expected values are transcribed from
the sources, never produced by this library).  The models:

* ``classics`` — textbook facts about the classic 2×2 and 3×3 games;
* ``hegemony_toolbox`` — the seed paper's game G1 (Istomin & Baykov 2020, as formalized in the
  project's research note ``hegemony-toolbox-model.md``): its generic test vectors V1–V10 (§7.1)
  and knife edges K1–K5 (§7.2), each an exact subgame-perfect path and payoff vector;
* ``symbolic`` — thresholds and mixed equilibria stated as formulas in the literature (Snyder
  1984's alliance game, Chicken, Hawk–Dove), found by solving the games with symbolic payoffs.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from fractions import Fraction as F
from pathlib import Path
from typing import Any, Callable

from ..api import solve, spe
from ..errors import GameError
from ..games import NormalFormGame, classics
from ..models.hegemony_toolbox import G1_TEST_VECTORS, g1_tree
from ..solution import Solution
from ..symbolic.conditions import Condition

__all__ = ["reproduce", "MODELS", "Check"]


@dataclass(frozen=True)
class Check:
    """One published result: how to build and solve the game, and the test it must pass."""

    title: str
    fact: str
    build: Callable[[], Any]
    holds: Callable[[Solution], bool]
    solver: Callable[[Any], Solution] = solve


def _mixed(solution: Solution) -> list:
    return [e.strategies for e in solution if not e.is_pure()]


CLASSICS = [
    Check("Prisoner's dilemma", "unique equilibrium: both defect", classics.prisoners_dilemma,
          lambda s: [e.support() for e in s] == [((1,), (1,))]),
    Check("Matching pennies", "unique equilibrium: both mix 1/2-1/2, value 0", classics.matching_pennies,
          lambda s: len(s) == 1 and s[0].strategies == ((F(1, 2),) * 2,) * 2 and s[0].payoffs == (0, 0)),
    Check("Battle of the sexes", "3 equilibria; mixed (2/3,1/3),(1/3,2/3)", classics.battle_of_the_sexes,
          lambda s: len(s) == 3 and _mixed(s) == [((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3)))]),
    Check("Chicken", "3 equilibria; each swerves with probability (S-P)/((T-R)+(S-P)) = 1/2", classics.chicken,
          lambda s: len(s) == 3 and _mixed(s) == [((F(1, 2), F(1, 2)),) * 2]),
    Check("Stag hunt", "3 equilibria; the mixed one hunts stag with probability 3/4", classics.stag_hunt,
          lambda s: len(s) == 3 and _mixed(s) == [((F(3, 4), F(1, 4)),) * 2]),
    Check("Rock-paper-scissors", "unique equilibrium: uniform, value 0", classics.rock_paper_scissors,
          lambda s: len(s) == 1 and s[0].strategies == ((F(1, 3),) * 3,) * 2),
    Check("3×3 coordination", "2^3 - 1 = 7 equilibria, nondegenerate", lambda: classics.coordination(3),
          lambda s: len(s) == 7 and s.degenerate is False),
]

def _g1_check(name: str, point: dict, what: str, path: tuple, payoffs: tuple) -> Check:
    def holds(solution: Solution) -> bool:
        return (len(solution) == 1 and tuple(solution[0].details["path"]) == path
                and solution[0].payoffs == tuple(F(u) for u in payoffs))

    shown = ", ".join(f"{p}={point[p]}" for p in ("h", "t", "v", "k"))
    return Check(f"G1 {name} ({shown})",
                 f"{what}: path {' ; '.join(path)}, (u_H, u_R, u_C) = ({', '.join(payoffs)})",
                 lambda: g1_tree(**point), holds, spe)


HEGEMONY_TOOLBOX = [_g1_check(name, *row) for name, row in G1_TEST_VECTORS.items()]

def _symbols(names: str) -> tuple:
    import sympy
    return sympy.symbols(names, positive=True)


def _snyder() -> Any:
    """Snyder (1984) as in alliance-models.md §2.2: u_i = B·[j supports] − E·[i supports] − A·ρ·[i withholds]."""
    B, E, A, rho = _symbols("B E A rho")
    def u(own: str, other: str) -> Any:
        return B * int(other == "S") - E * int(own == "S") - A * rho * int(own == "W")
    acts = ["S", "W"]
    return NormalFormGame.from_bimatrix([[u(a, b) for b in acts] for a in acts],
                                                 [[u(b, a) for b in acts] for a in acts],
                                                 strategies=[acts, acts], assumptions=[rho <= 1])


def _snyder_holds(solution: Solution) -> bool:
    B, E, A, rho = _symbols("B E A rho")
    support = [p for p in solution.pieces
               if [e.strategies for e in p.equilibria] == [((1, 0), (1, 0))] and not p.boundary]
    return len(support) == 1 and support[0].region == Condition.of(A * rho > E)


def _chicken() -> Any:
    T, R, S, P = _symbols("T R S P")
    return NormalFormGame.from_bimatrix([[R, S], [T, P]], [[R, T], [S, P]],
                                                 assumptions=[T > R, R > S, S > P])


def _mixed_probabilities_are(*formulas: Any) -> Callable[[Solution], bool]:
    """One piece holding everywhere; its one mixed equilibrium plays (formula, 1 − formula) for both."""
    import sympy
    def holds(solution: Solution) -> bool:
        if len(solution.pieces) != 1 or not solution.pieces[0].region.is_true():
            return False
        mixed = [e for e in solution.pieces[0].equilibria if any(x not in (0, 1) for w in e.strategies for x in w)]
        return len(mixed) == 1 and all(sympy.simplify(p - want) == 0 for v, f in zip(mixed[0].strategies, formulas)
                                       for p, want in zip(v, (f, 1 - f)))
    return holds


def _hawk_dove() -> Any:
    v, c = _symbols("v c")
    return NormalFormGame.from_bimatrix([[(v - c) / 2, v], [0, v / 2]], [[(v - c) / 2, 0], [v, v / 2]],
                                                 strategies=[["Hawk", "Dove"]] * 2, assumptions=[c > v])


def _symbolic_checks() -> list[Check]:
    T, R, S, P = _symbols("T R S P")
    v, c = _symbols("v c")
    q = (S - P) / ((T - R) + (S - P))
    return [
        Check("Snyder's alliance game (symbolic)", "supporting the ally is a dominant strategy iff A·ρ > E",
              _snyder, _snyder_holds),
        Check("Chicken (symbolic, T > R > S > P)",
              "3 equilibria everywhere; the mixed one swerves with probability (S−P)/((T−R)+(S−P))",
              _chicken, _mixed_probabilities_are(q, q)),
        Check("Hawk–Dove (symbolic, c > v > 0)", "the mixed equilibrium plays Hawk with probability v/c",
              _hawk_dove, _mixed_probabilities_are(v / c, v / c)),
    ]


#: model name -> (description, checks)
MODELS: dict[str, tuple[str, list[Check]]] = {
    "classics": ("textbook equilibria of the classic 2×2 and 3×3 games", CLASSICS),
    "hegemony_toolbox": ("Istomin & Baykov (2020) game G1: SPE at the research note's test vectors "
                         "and knife edges", HEGEMONY_TOOLBOX),
    "symbolic": ("thresholds and mixed equilibria as formulas: Snyder (1984), Chicken, Hawk–Dove",
                 _symbolic_checks()),
}


def reproduce(model: str | None = None, out: str | Path | None = None, echo: Callable = print) -> bool:
    """Solve each model's games (or only ``model``'s), check the published results, and write
    ``report.md`` and ``results.json`` under ``out`` (when given).  True when every check holds.

    >>> reproduce("classics", echo=lambda *a: None)
    True
    """
    names = list(MODELS) if model is None else [model]
    unknown = [n for n in names if n not in MODELS]
    if unknown:
        raise GameError(f"unknown model {unknown[0]!r}; available: {', '.join(MODELS)}")
    lines = ["# hegemony_games reproduction report", ""]
    results: dict[str, list] = {}
    all_ok = True
    for name in names:
        description, checks = MODELS[name]
        lines += [f"# Model `{name}`: {description}", ""]
        results[name] = []
        for check in checks:
            game = check.build()
            solution = check.solver(game)
            ok = bool(check.holds(solution))
            all_ok &= ok
            status = "reproduced" if ok else "NOT REPRODUCED"
            echo(f"{check.title}: {check.fact} ... {status}")
            lines += [f"## {check.title}", "", f"Expected: {check.fact}. **{status}**", "", "```",
                      str(game), "", str(solution), "```", ""]
            results[name].append({"title": check.title, "fact": check.fact, "reproduced": ok,
                                  "solution": solution.to_dict()})
    if out is not None:
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "report.md").write_text("\n".join(lines), encoding="utf-8")
        (folder / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
        echo(f"report written to {folder / 'report.md'}")
    return all_ok
