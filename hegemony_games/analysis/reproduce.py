"""The reproduction report: solve a set of games and write what was found, with checks.

Until the alliance models land, the report covers the classic games and the textbook
facts about their equilibria, each checked against the solver's exact output.
"""
from __future__ import annotations

import json
from fractions import Fraction as F
from pathlib import Path
from typing import Callable

from ..api import solve
from ..errors import GameError
from ..games import classics
from ..solution import Solution

__all__ = ["reproduce", "CHECKS"]


def _mixed(solution: Solution) -> list:
    return [e.strategies for e in solution if not e.is_pure()]


# name -> (game builder, textbook fact, check on the exact solution)
CHECKS: dict[str, tuple[Callable, str, Callable[[Solution], bool]]] = {
    "prisoners_dilemma": (classics.prisoners_dilemma, "unique equilibrium: both defect",
                          lambda s: [e.support() for e in s] == [((1,), (1,))]),
    "matching_pennies": (classics.matching_pennies, "unique equilibrium: both mix 1/2-1/2, value 0",
                         lambda s: len(s) == 1 and s[0].strategies == ((F(1, 2),) * 2,) * 2
                         and s[0].payoffs == (0, 0)),
    "battle_of_the_sexes": (classics.battle_of_the_sexes, "3 equilibria; mixed (2/3,1/3),(1/3,2/3)",
                            lambda s: len(s) == 3 and _mixed(s) == [((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3)))]),
    "chicken": (classics.chicken, "3 equilibria; each swerves with probability (S-P)/((T-R)+(S-P)) = 1/2",
                lambda s: len(s) == 3 and _mixed(s) == [((F(1, 2), F(1, 2)),) * 2]),
    "stag_hunt": (classics.stag_hunt, "3 equilibria; the mixed one hunts stag with probability 3/4",
                  lambda s: len(s) == 3 and _mixed(s) == [((F(3, 4), F(1, 4)),) * 2]),
    "rock_paper_scissors": (classics.rock_paper_scissors, "unique equilibrium: uniform, value 0",
                            lambda s: len(s) == 1 and s[0].strategies == ((F(1, 3),) * 3,) * 2),
    "coordination": (lambda: classics.coordination(3), "2^3 - 1 = 7 equilibria, nondegenerate",
                     lambda s: len(s) == 7 and s.degenerate is False),
}


def reproduce(name: str | None = None, out: str | Path | None = None, echo: Callable = print) -> bool:
    """Solve each game (or only ``name``), check the textbook facts, write ``report.md`` and
    ``results.json`` under ``out`` (when given).  Returns True when every check holds.

    >>> reproduce("prisoners_dilemma", echo=lambda *a: None)
    True
    """
    names = list(CHECKS) if name is None else [name]
    unknown = [n for n in names if n not in CHECKS]
    if unknown:
        raise GameError(f"unknown model {unknown[0]!r}; available: {', '.join(CHECKS)}")
    lines = ["# hegemony_games reproduction report", ""]
    results, all_ok = {}, True
    for key in names:
        build, fact, check = CHECKS[key]
        game = build()
        solution = solve(game)
        ok = bool(check(solution))
        all_ok &= ok
        status = "reproduced" if ok else "NOT REPRODUCED"
        echo(f"{game.title}: {fact} ... {status}")
        lines += [f"## {game.title}", "", f"Expected: {fact}. **{status}**", "", "```", str(game),
                  "", str(solution), "```", ""]
        results[key] = {"fact": fact, "reproduced": ok, "solution": solution.to_dict()}
    if out is not None:
        folder = Path(out)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "report.md").write_text("\n".join(lines), encoding="utf-8")
        (folder / "results.json").write_text(json.dumps(results, indent=2), encoding="utf-8")
        echo(f"report written to {folder / 'report.md'}")
    return all_ok
