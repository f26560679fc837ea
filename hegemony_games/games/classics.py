"""Classic two-player games with exact payoffs, as found in any game-theory textbook.

Each function returns a fresh :class:`NormalFormGame`; ordinal payoffs follow the usual
conventions (e.g. Rapoport & Guyer 1966 for the 2×2 taxonomy; Snyder 1984 and Jervis 1978
for their use in alliance politics: prisoner's dilemma, chicken and stag hunt are the
dilemmas of alliance formation and crisis bargaining).

>>> prisoners_dilemma().strategies
(('Cooperate', 'Defect'), ('Cooperate', 'Defect'))
"""
from __future__ import annotations

from .normal_form import NormalFormGame

__all__ = ["prisoners_dilemma", "matching_pennies", "battle_of_the_sexes", "chicken",
           "stag_hunt", "rock_paper_scissors", "coordination", "CLASSICS"]


def prisoners_dilemma(T: int = 5, R: int = 3, P: int = 1, S: int = 0) -> NormalFormGame:
    """Prisoner's dilemma, T > R > P > S: mutual defection is the unique equilibrium."""
    return NormalFormGame.from_bimatrix([[R, S], [T, P]], [[R, T], [S, P]],
                                        strategies=[["Cooperate", "Defect"]] * 2,
                                        title="Prisoner's dilemma")


def matching_pennies() -> NormalFormGame:
    """Matching pennies: zero-sum, the unique equilibrium mixes 1/2–1/2."""
    return NormalFormGame.zero_sum([[1, -1], [-1, 1]], strategies=[["Heads", "Tails"]] * 2,
                                   players=["Matcher", "Mismatcher"], title="Matching pennies")


def battle_of_the_sexes() -> NormalFormGame:
    """Battle of the sexes: two pure equilibria and one mixed (2/3, 1/3), (1/3, 2/3)."""
    return NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]],
                                        strategies=[["Opera", "Football"]] * 2,
                                        title="Battle of the sexes")


def chicken(T: int = 3, R: int = 2, S: int = 1, P: int = 0) -> NormalFormGame:
    """Chicken, T > R > S > P: two asymmetric pure equilibria and a mixed one,
    in which each player swerves with probability (S − P)/((T − R) + (S − P))."""
    return NormalFormGame.from_bimatrix([[R, S], [T, P]], [[R, T], [S, P]],
                                        strategies=[["Swerve", "Straight"]] * 2, title="Chicken")


def stag_hunt(stag: int = 4, hare: int = 3, alone: int = 0, both_hare: int = 3) -> NormalFormGame:
    """Stag hunt (assurance game): two pure equilibria and a mixed one."""
    return NormalFormGame.from_bimatrix([[stag, alone], [hare, both_hare]],
                                        [[stag, hare], [alone, both_hare]],
                                        strategies=[["Stag", "Hare"]] * 2, title="Stag hunt")


def rock_paper_scissors() -> NormalFormGame:
    """Rock–paper–scissors: zero-sum, value 0, the unique equilibrium is uniform."""
    return NormalFormGame.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]],
                                   strategies=[["Rock", "Paper", "Scissors"]] * 2,
                                   title="Rock-paper-scissors")


def coordination(n: int = 2) -> NormalFormGame:
    """Pure coordination on n actions: 2ⁿ − 1 equilibria, one per nonempty common support."""
    identity = [[1 if i == j else 0 for j in range(n)] for i in range(n)]
    return NormalFormGame.from_bimatrix(identity, identity, title=f"{n}×{n} coordination")


CLASSICS = {"prisoners_dilemma": prisoners_dilemma, "matching_pennies": matching_pennies,
            "battle_of_the_sexes": battle_of_the_sexes, "chicken": chicken, "stag_hunt": stag_hunt,
            "rock_paper_scissors": rock_paper_scissors, "coordination": coordination}
