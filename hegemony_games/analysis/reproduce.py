"""The reproduction report: solve the models' games and check each published result.

Each *model* is a list of checks; a check builds a game, solves it, and compares the
solution with a result stated in the literature (the expected values are transcribed from
the sources, never produced by this library).  The models:

* ``classics`` — textbook facts about the classic 2×2 and 3×3 games;
* ``hegemony_toolbox`` — the seed paper's game G1 (Istomin & Baykov 2020, as formalized in the
  project's research note ``hegemony-toolbox-model.md``): its generic test vectors V1–V10 (§7.1)
  and knife edges K1–K5 (§7.2), each an exact subgame-perfect path and payoff vector.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from fractions import Fraction as F
from pathlib import Path
from typing import Any, Callable

from ..api import solve, spe
from ..errors import GameError
from ..games import classics
from ..models.hegemony_toolbox import g1_tree
from ..solution import Solution

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

# The research note's test vectors for G1 (§7.1, §7.2), transcribed: (h, t, v, k), region or
# knife edge, path (R; H; C) and (u_H, u_R, u_C).  Common: a = 1/5, δ = 1/4, c = 3/10, b = 1/10.
_G1_VECTORS = [
    ("V1", ("4/5", "6/5", "1", "1/2"), "R1, robust client", ("nD·I", "O", "H"), ("1/5", "-4/5", "19/25")),
    ("V2", ("4/5", "1/2", "1/5", "1/2"), "R3, low strategic value", ("nD·I", "N", "I"), ("0", "0", "1/10")),
    ("V3", ("4/5", "1/2", "1", "1/2"), "R2, contestable client", ("D·I", "N", "I"), ("0", "-3/10", "1/10")),
    ("V4", ("4/5", "1/2", "1/3", "1/5"), "R1, campaign too costly", ("nD·I", "O", "H"), ("1/6", "-4/15", "1/5")),
    ("V5", ("4/5", "3/10", "1", "1/2"), "R3, low threat", ("nD·I", "N", "I"), ("0", "0", "1/10")),
    ("V6", ("4/5", "9/5", "1", "1/2"), "R3, high threat", ("nD·I", "N", "I"), ("0", "0", "1/10")),
    ("V7", ("3/10", "6/5", "9/5", "1/2"), "R4, rival's band", ("nD·A", "N", "A"), ("-63/50", "33/50", "16/25")),
    ("V8", ("3/10", "1/5", "2", "1/2"), "R5, (1-h)t < a", ("nD·I", "N", "I"), ("0", "0", "1/10")),
    ("V9", ("3/10", "11/10", "1/2", "1/2"), "R5, rival's value negative", ("nD·I", "N", "I"), ("0", "0", "1/10")),
    ("V10", ("3/5", "1", "1", "1/2"), "R1 at lower h", ("nD·I", "O", "H"), ("1/10", "-3/5", "2/5")),
    ("K1", ("1/2", "2", "3", "1/2"), "knife edge h = 1/2", ("nD·I", "O", "H"), ("1/2", "-3/2", "4/5")),
    ("K2", ("4/5", "11/16", "1", "1/2"), "knife edge U_H = b", ("nD·I", "O", "H"), ("73/160", "-4/5", "7/20")),
    ("K3", ("4/5", "1/2", "3/8", "1/5"), "knife edge v·h = c", ("nD·I", "O", "H"), ("1/5", "-3/10", "1/5")),
    ("K4", ("4/5", "8/5", "1", "1/2"), "knife edge π_H = 0", ("nD·I", "N", "I"), ("0", "0", "1/10")),
    ("K5", ("3/10", "2/7", "2", "1/2"), "knife edge (1-h)t = a", ("nD·A", "N", "A"), ("-7/5", "44/35", "0")),
]


def _g1_check(name: str, point: tuple, what: str, path: tuple, payoffs: tuple) -> Check:
    h, t, v, k = point

    def holds(solution: Solution) -> bool:
        return (len(solution) == 1 and tuple(solution[0].details["path"]) == path
                and solution[0].payoffs == tuple(F(u) for u in payoffs))

    return Check(f"G1 {name} (h={h}, t={t}, v={v}, k={k})",
                 f"{what}: path {' ; '.join(path)}, (u_H, u_R, u_C) = ({', '.join(payoffs)})",
                 lambda: g1_tree(h, t, v, "1/5", k, "1/4", "3/10", "1/10"), holds, spe)


HEGEMONY_TOOLBOX = [_g1_check(*row) for row in _G1_VECTORS]

#: model name -> (description, checks)
MODELS: dict[str, tuple[str, list[Check]]] = {
    "classics": ("textbook equilibria of the classic 2×2 and 3×3 games", CLASSICS),
    "hegemony_toolbox": ("Istomin & Baykov (2020) game G1: SPE at the research note's test vectors "
                         "and knife edges", HEGEMONY_TOOLBOX),
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
