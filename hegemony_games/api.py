"""The entry points users call: :func:`solve` picks an algorithm for the game and runs it."""
from __future__ import annotations

import importlib
from dataclasses import replace
from typing import Any, Callable

from .errors import GameError
from .games.normal_form import NormalFormGame
from .solution import Solution

__all__ = ["solve", "METHODS"]

# name -> (module, function, what it computes); modules load on first use.
METHODS: dict[str, tuple[str, str, str]] = {
    "vertex-enumeration": ("solvers.vertex_enumeration", "vertex_enumeration_solve",
                           "every extreme equilibrium of a two-player game, with components"),
    "pure": ("solvers.pure", "pure_solve", "every pure equilibrium of an N-player game"),
    "lemke-howson": ("solvers.lemke_howson", "lemke_howson_solve",
                     "one equilibrium of a two-player game (option: initial_label)"),
    "lemke-howson-enumeration": ("solvers.lemke_howson", "lemke_howson_enumeration_solve",
                                 "the equilibria Lemke-Howson reaches from every initial label"),
    "lp": ("solvers.zero_sum_lp", "lp_solve", "optimal strategies of a two-player zero-sum game"),
}
ALIASES = {"enummixed": "vertex-enumeration", "vertex": "vertex-enumeration", "enumpure": "pure",
           "lh": "lemke-howson", "lcp": "lemke-howson"}


def solve(game: Any, method: str = "auto", exact: bool | None = None, **options: Any) -> Solution:
    """Nash equilibria of a game, verified.

    Parameters
    ----------
    game:
        A :class:`~hegemony_games.NormalFormGame`.
    method:
        ``"auto"`` (default) computes every extreme equilibrium of two-player games
        (``"vertex-enumeration"``), and the pure equilibria of games with more players
        (flagged ``complete=False``: mixed equilibria are not searched yet).  Other names:
        see :data:`METHODS` (``hegemony-games methods`` lists them).
    exact:
        ``True`` for rational arithmetic (floats converted through their decimal form),
        ``False`` for float64; ``None`` (default) follows the game: exact payoffs give
        exact results.
    options:
        Passed to the method, e.g. ``initial_label=2`` for ``"lemke-howson"``.

    Every equilibrium returned has been checked to have zero regret (exact) or regret
    within the game's tolerance (float).

    >>> import hegemony_games as hg
    >>> pennies = hg.NormalFormGame.zero_sum([[1, -1], [-1, 1]])
    >>> sol = hg.solve(pennies)
    >>> sol[0].strategies
    ((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)))
    >>> sol.method, sol.exact, sol.degenerate
    ('vertex-enumeration', True, False)
    """
    if not isinstance(game, NormalFormGame):
        raise GameError(f"solve needs a NormalFormGame, got {type(game).__name__}")
    if game.kind == "symbolic":
        game._require_numeric("solve")
    if exact not in (None, True, False):
        raise GameError(f"exact must be True, False or None, got {exact!r}")
    name = ALIASES.get(method, method)
    if name == "auto":
        if game.num_players == 1:
            return _single_player(game, exact)
        name = "vertex-enumeration" if game.num_players == 2 else "pure"
        solution = _method(name)(game, exact=exact, **options)
        if name == "pure":
            solution = replace(solution, complete=False, message=(
                f"pure equilibria only: mixed equilibria of {game.num_players}-player games "
                "are not searched by this version"))
        return solution
    return _method(name)(game, exact=exact, **options)


def _method(name: str) -> Callable[..., Solution]:
    if name not in METHODS:
        known = ", ".join(["auto", *METHODS, *ALIASES])
        raise GameError(f"unknown method {name!r}; choose one of: {known}")
    module, function, _ = METHODS[name]
    return getattr(importlib.import_module(f".{module}", __package__), function)


def _single_player(game: NormalFormGame, exact: bool | None) -> Solution:
    """A one-player game: the extreme optima are the pure maximisers, and their hull is one convex set."""
    solution = _method("pure")(game, exact=exact)
    return replace(solution, method="pure", degenerate=len(solution) > 1,
                   components=[list(range(len(solution)))], message="")
