"""What every normal-form solver shares: number preparation and verified packaging of results."""
from __future__ import annotations

import importlib.util
import os
from fractions import Fraction
from typing import Any, Sequence

import numpy as np

from ..errors import GameError
from ..numbers import over_common_denominator
from ..games.normal_form import NormalFormGame
from ..solution import Equilibrium, Solution


HAVE_NUMBA = importlib.util.find_spec("numba") is not None
#: Use the numba kernels (the default when numba is installed: ``pip install "hegemony_games[fast]"``);
#: ``HEGEMONY_GAMES_NO_NUMBA=1`` before import, or this flag in a solver module, switches them off.
USE_NUMBA = HAVE_NUMBA and os.environ.get("HEGEMONY_GAMES_NO_NUMBA", "") in ("", "0")


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))   # the cores this process may use (containers, taskset)
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


#: Let a solver run a second thread beside its own when this process may use more than one core:
#: the reverse search walks the column player's polytope there, and the exact vertex enumeration
#: of a float game converts the payoffs there while the vertices are searched.
#: ``HEGEMONY_GAMES_ONE_THREAD=1`` before import, or this flag in a solver module, switches it off.
PARALLEL = _cores() > 1 and os.environ.get("HEGEMONY_GAMES_ONE_THREAD", "") in ("", "0")


class VerificationError(RuntimeError):
    """A solver produced a profile that is not an equilibrium: a bug, never the user's fault."""


def arithmetic(game: NormalFormGame, exact: bool | None) -> tuple[NormalFormGame, bool]:
    """The game converted to the arithmetic asked for (``None``: the game's own kind)."""
    game._require_numeric("solve numerically")
    if exact is None:
        exact = game.is_exact
    return (game.as_exact() if exact else game.as_float()), bool(exact)


def integer_matrix(matrix: np.ndarray) -> np.ndarray:
    """An exact matrix scaled by the common denominator and shifted to be ≥ 1, as Python ints.

    Scaling by a positive number and adding a constant leave the equilibria unchanged.
    """
    ints, _ = over_common_denominator(matrix)
    return ints - min(ints.flat) + 1


def verified_equilibria(game: NormalFormGame, profiles: Sequence[Sequence[Sequence[Any]]],
                        exact: bool, rtol: float | None = None) -> tuple[Equilibrium, ...]:
    """Check every profile (zero regret exactly, or within the game's float tolerance) and wrap it.

    Duplicates are dropped, order is kept.  A profile that fails the check raises
    :class:`VerificationError`: solvers must never return an unverified equilibrium.
    """
    tol = 0 if exact else game.tolerance(*(() if rtol is None else (rtol,)))
    seen, out = set(), []
    for profile in profiles:
        vectors = tuple(tuple(Fraction(p) if exact else float(p) for p in v) for v in profile)
        payoffs, regrets = game.payoffs_and_regrets(vectors)
        eq = Equilibrium(game, vectors, payoffs)
        if eq.key() in seen:
            continue
        regret = max(regrets)
        if (exact and regret != 0) or (not exact and float(regret) > tol):
            raise VerificationError(f"solver returned a non-equilibrium {vectors} with regret {regret}")
        seen.add(eq.key())
        out.append(eq)
    return tuple(out)


def require_two_players(game: NormalFormGame, method: str) -> None:
    if game.num_players != 2:
        raise GameError(f"method {method!r} needs a two-player game; this one has {game.num_players} players")


__all__ = ["VerificationError", "arithmetic", "integer_matrix", "verified_equilibria",
           "require_two_players", "Solution"]
