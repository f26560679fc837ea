"""The entry points users call: :func:`solve` picks an algorithm for the game and runs it."""
from __future__ import annotations

import functools
import importlib
import inspect
from dataclasses import replace
from typing import Any, Callable

from .errors import GameError
from .games import behaviour
from .games.extensive_form import ExtensiveFormGame
from .games.normal_form import NormalFormGame
from .limits import check_timeout
from .solution import Equilibrium, Solution

__all__ = ["solve", "solve_many", "spe", "METHODS"]

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
    "support-enumeration-polynomial": ("solvers.polynomial_support_enumeration",
                                       "polynomial_support_enumeration_solve",
                                       "every isolated equilibrium of a small N-player game, exactly "
                                       "(Groebner bases; irrational ones as algebraic numbers)"),
}
ALIASES = {"enummixed": "vertex-enumeration", "vertex": "vertex-enumeration", "enumpure": "pure",
           "lh": "lemke-howson", "lcp": "lemke-howson"}


def solve(game: Any, method: str = "auto", exact: bool | None = None, assumptions: Any = None,
          timeout: float | None = None, **options: Any) -> Solution:
    """Nash equilibria of a game, verified.

    Parameters
    ----------
    game:
        A :class:`~hegemony_games.NormalFormGame`, or an :class:`~hegemony_games.ExtensiveFormGame`
        whose Nash equilibria are computed on its reduced normal form and returned as behaviour
        profiles (Kuhn 1953; for subgame perfection use :func:`spe`).
    method:
        ``"auto"`` (default) computes every extreme equilibrium of two-player games
        (``"vertex-enumeration"``), every isolated equilibrium of small games with more
        players (``"support-enumeration-polynomial"``, up to 4 players and 343 support profiles:
        3×3×3, 2×2×2×3, 4×3×2, 5×2×2), and the pure equilibria of larger ones (flagged
        ``complete=False``).  Other names:
        see :data:`METHODS` (``hegemony-games methods`` lists them).
    exact:
        ``True`` for rational arithmetic (floats converted through their decimal form),
        ``False`` for float64; ``None`` (default) follows the game: exact payoffs give
        exact results.
    assumptions:
        For games with sympy parameters: extra assumptions for this call (a relation such as
        ``T > R``, a sequence of them or a :class:`~hegemony_games.symbolic.Condition`),
        conjoined with ``game.assumptions``.  A symbolic game is solved piecewise
        (:func:`hegemony_games.symbolic.normal_form.symbolic_solve`): ``solution.pieces`` are
        the regions of parameter space with their equilibria as formulas, and
        ``solution.at({symbol: value})`` the exact solution at a point.
    timeout:
        A time limit in seconds (``None``: none) for the methods whose cost can explode
        (``"support-enumeration-polynomial"``, ``"vertex-enumeration"`` and symbolic solving):
        on reaching it they stop between units of work (a support profile, a basis, a
        candidate pair) and return what they have, flagged ``complete=False`` with a
        ``message`` saying what was not searched.  The cheap methods (``"pure"``, ``"lp"``)
        ignore it; Lemke–Howson is bounded by its ``max_iter`` option instead.
    options:
        Passed to the method, e.g. ``initial_label=2`` for ``"lemke-howson"``; an option the
        method does not take raises :class:`~hegemony_games.GameError`.

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
    timeout = check_timeout(timeout)
    if isinstance(game, ExtensiveFormGame):
        return _solve_tree(game, method, exact, timeout=timeout, **options)
    if not isinstance(game, NormalFormGame):
        raise GameError(f"solve needs a NormalFormGame or an ExtensiveFormGame, got {type(game).__name__}")
    if game.kind == "symbolic":
        if method not in ("auto", "symbolic") or exact is False:
            raise GameError(f"the game has free parameters: it is solved symbolically (method='auto', "
                            f"exact); for method={method!r} or floats substitute values with game.subs({{...}})")
        from .symbolic.normal_form import symbolic_solve
        return _call(symbolic_solve, "symbolic", game, timeout, assumptions=assumptions, **options)
    if exact not in (None, True, False):
        raise GameError(f"exact must be True, False or None, got {exact!r}")
    name = ALIASES.get(method, method)
    if name == "auto":
        if game.num_players == 1:
            return _single_player(game, exact)
        name = "vertex-enumeration" if game.num_players == 2 else "pure"
        if game.num_players > 2:
            from .solvers.polynomial_support_enumeration import (AUTO_MAX_PLAYERS, AUTO_MAX_PROFILES,
                                                                 auto_eligible, profile_count)
            if auto_eligible(game.shape):
                name = "support-enumeration-polynomial"
        solution = _call(_method(name), name, game, timeout, exact=exact, **options)
        if name == "pure":   # more than two players, too large for auto (imported above)
            shape = "×".join(map(str, game.shape))
            solution = replace(solution, complete=False, message=(
                f"pure equilibria only: this {shape} game has {profile_count(game.shape)} support profiles; "
                f"method='auto' searches games of at most {AUTO_MAX_PLAYERS} players and "
                f"{AUTO_MAX_PROFILES} profiles; method='support-enumeration-polynomial' finds every "
                "isolated equilibrium (its cost grows fast with the supports; timeout= bounds the search)"))
        return solution
    return _call(_method(name), name, game, timeout, exact=exact, **options)


def _call(function: Callable[..., Solution], name: str, game: Any, timeout: float | None,
          **options: Any) -> Solution:
    """``function(game, **options)``, with ``timeout`` if the method takes one (the cheap ones
    do not: the limit cannot be reached), and a :class:`GameError` for an unknown option."""
    accepted = _accepted_options(function)
    unknown = [key for key in options if key not in accepted]
    if unknown:
        names = ", ".join(repr(p) for p in accepted if p not in ("exact", "timeout", "assumptions")) or "none"
        raise GameError(f"method {name!r} has no option {', '.join(map(repr, unknown))}; "
                        f"its options are: {names}")
    if "timeout" in accepted:
        options["timeout"] = timeout
    return function(game, **options)


@functools.lru_cache(maxsize=None)
def _accepted_options(function: Callable[..., Solution]) -> tuple[str, ...]:
    """The keyword options a method takes (its signature is read once: solve is called in loops)."""
    return tuple(p for p in inspect.signature(function).parameters if p != "game")


def solve_many(games: Any = None, *, A: Any = None, B: Any = None, exact: bool | None = None,
               chunk_size: int = 20_000) -> Any:
    """Every extreme equilibrium of each of many same-shaped small two-player games, vectorised.

    ``batch[i]`` is the :class:`Solution` that :func:`solve` gives for game i; the flat arrays
    (``counts``, ``offsets``, ``x``, ``y``, ``degenerate``, ...) serve millions of games.  See
    :func:`hegemony_games.solvers.batch.solve_many` for the parameters.

    >>> import numpy as np, hegemony_games as hg
    >>> batch = hg.solve_many(np.array([[[[2, 0], [0, 1]], [[1, 0], [0, 2]]]]))   # shape (N, 2, m, n)
    >>> batch.counts.tolist(), batch[0][1].strategies[0]
    ([3], (Fraction(2, 3), Fraction(1, 3)))
    """
    from .solvers.batch import solve_many as batch_solve
    return batch_solve(games, A=A, B=B, exact=exact, chunk_size=chunk_size)


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


def spe(tree: ExtensiveFormGame, priorities: dict | None = None, use_priorities: bool = True,
        exact: bool | None = None, max_equilibria: int = 100_000, assumptions: Any = None,
        timeout: float | None = None) -> Solution:
    """The subgame-perfect equilibria of a game tree, as behaviour profiles, verified.

    Backward induction where information is perfect (every pure SPE when there are ties),
    and subgame decomposition with the normal-form solvers elsewhere; see
    :func:`hegemony_games.solvers.subgame_perfect.spe_solve` for the parameters.  ``timeout``
    (seconds, ``None``: no limit) bounds the enumeration of ties and the solving of large trees:
    the SPE found by then are returned, flagged ``complete=False`` with a message.

    >>> import hegemony_games as hg
    >>> entry = hg.ExtensiveFormGame(hg.decision("Entrant", {
    ...     "Out": hg.terminal([0, 2]),
    ...     "In": hg.decision("Incumbent", {"Fight": hg.terminal([-1, -1]),
    ...                                      "Accommodate": hg.terminal([1, 1])})}))
    >>> sol = hg.spe(entry)
    >>> len(sol), sol[0].details["path"], sol[0].payoffs
    (1, ['In', 'Accommodate'], (Fraction(1, 1), Fraction(1, 1)))

    A tree with sympy parameters is solved piecewise
    (:func:`hegemony_games.symbolic.backward_induction.symbolic_spe`): ``sol.pieces`` are the
    regions of parameter space, each with its subgame-perfect equilibria as formulas;
    ``assumptions`` (relations such as ``c > 0``, conjoined with ``tree.assumptions``) bound the
    parameter space for this call.

    >>> import sympy
    >>> c = sympy.Symbol("c", positive=True)
    >>> entry = hg.ExtensiveFormGame(hg.decision("Entrant", {
    ...     "Out": hg.terminal([0, 2]),
    ...     "In": hg.decision("Incumbent", {"Fight": hg.terminal([-1, 2 - c]),
    ...                                      "Accommodate": hg.terminal([1, 1])})}))
    >>> for condition, equilibria in hg.spe(entry).pieces:
    ...     print(condition, [e.details["path"] for e in equilibria])
    c > 1 [['In', 'Accommodate']]
    Eq(c, 1) [['Out'], ['In', 'Accommodate']]
    c < 1 [['Out']]
    """
    timeout = check_timeout(timeout)
    if isinstance(tree, ExtensiveFormGame) and tree.kind == "symbolic":
        if exact is False:
            raise GameError("the tree has free parameters: it is solved symbolically and exactly; for floats "
                            "substitute values with tree.subs({...})")
        from .symbolic.backward_induction import symbolic_spe
        return _call(symbolic_spe, "symbolic", tree, timeout, priorities=priorities,
                     use_priorities=use_priorities, assumptions=assumptions)
    from .solvers.subgame_perfect import spe_solve
    return spe_solve(tree, priorities=priorities, use_priorities=use_priorities, exact=exact,
                     max_equilibria=max_equilibria, timeout=timeout)


def _solve_tree(tree: ExtensiveFormGame, method: str, exact: bool | None, timeout: float | None = None,
                **options: Any) -> Solution:
    """Nash equilibria of a tree through its reduced normal form, turned into behaviour profiles."""
    tree._require_numeric("solve")
    tree.require_perfect_recall("convert equilibria of the reduced normal form to behaviour strategies")
    if exact is None:
        exact = tree.kind != "float"
    work = tree.as_exact() if exact else tree.as_float()
    normal = solve(work.to_normal_form(), method=method, exact=exact, timeout=timeout, **options)
    equilibria = []
    for eq in normal:
        strategies = tuple(behaviour.mixed_to_behaviour(work, i, eq.strategies[i])
                           for i in range(work.num_players))
        equilibria.append(Equilibrium(work, strategies, behaviour.expected_payoffs(work, strategies),
                                      details={"normal_form": eq.strategies}))
    _verify_tree_equilibria(work, equilibria)
    # Distinct mixed equilibria may give one behaviour profile (Kuhn); keep each once.
    unique = list(dict.fromkeys(equilibria))
    return replace(normal, game=work, equilibria=tuple(unique), components=[]
                   if len(unique) != len(equilibria) else normal.components,
                   message=(normal.message + "; " if normal.message else "")
                   + "computed on the reduced normal form")


def _verify_tree_equilibria(tree: ExtensiveFormGame, equilibria: list) -> None:
    tolerance = tree.tolerance()
    for eq in equilibria:
        regret = eq.max_regret()
        if regret > tolerance:
            raise AssertionError(f"internal error: an equilibrium of the reduced normal form has "
                                 f"regret {regret} in the tree")
