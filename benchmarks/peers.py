"""Every tool under comparison, as plain functions of the payoff matrices (A, B).

Each function builds the tool's own game object from numpy arrays and solves it, so the
timings include what a user pays for (building the game, converting numbers); each returns
a list of profiles ``(x, y)``.  A tool whose package is missing is simply not listed by
:func:`available`.
"""
from __future__ import annotations

import importlib.util
import warnings
from typing import Any, Callable

import numpy as np

import hegemony_games as hg

Solver = Callable[[np.ndarray, np.ndarray], list]


# --- hegemony_games -------------------------------------------------------------------------

def hg_all(exact: bool) -> Solver:
    def solve(A: np.ndarray, B: np.ndarray) -> list:
        solution = hg.solve(hg.NormalFormGame.from_bimatrix(A, B), method="auto", exact=exact)
        return [e.strategies for e in solution]
    return solve


def hg_lemke_howson(exact: bool) -> Solver:
    def solve(A: np.ndarray, B: np.ndarray) -> list:
        solution = hg.solve(hg.NormalFormGame.from_bimatrix(A, B), method="lemke-howson", exact=exact,
                            initial_label=0)
        return [e.strategies for e in solution]
    return solve


# --- nashpy ---------------------------------------------------------------------------------

def nashpy_support(A: np.ndarray, B: np.ndarray) -> list:
    import nashpy
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return [(x, y) for x, y in nashpy.Game(A, B).support_enumeration()]


def nashpy_vertex(A: np.ndarray, B: np.ndarray) -> list:
    import nashpy
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return [(x, y) for x, y in nashpy.Game(A, B).vertex_enumeration()]


def nashpy_lemke_howson(A: np.ndarray, B: np.ndarray) -> list:
    import nashpy
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return [tuple(nashpy.Game(A, B).lemke_howson(initial_dropped_label=0))]


# --- QuantEcon ------------------------------------------------------------------------------

def _quantecon_game(A: np.ndarray, B: np.ndarray) -> Any:
    from quantecon.game_theory import NormalFormGame, Player
    # A player's payoff array is indexed (own action, opponent action): the column player's is Bᵀ.
    return NormalFormGame((Player(np.asarray(A, dtype=float)), Player(np.asarray(B, dtype=float).T)))


def quantecon_support(A: np.ndarray, B: np.ndarray) -> list:
    from quantecon.game_theory import support_enumeration
    return [tuple(p) for p in support_enumeration(_quantecon_game(A, B))]


def quantecon_vertex(A: np.ndarray, B: np.ndarray) -> list:
    from quantecon.game_theory import vertex_enumeration
    return [tuple(p) for p in vertex_enumeration(_quantecon_game(A, B))]


def quantecon_lemke_howson(A: np.ndarray, B: np.ndarray) -> list:
    from quantecon.game_theory import lemke_howson
    return [tuple(lemke_howson(_quantecon_game(A, B), init_pivot=0))]


# --- pygambit -------------------------------------------------------------------------------

def _gambit_profiles(game: Any, result: Any) -> list:
    players = game.players
    return [tuple([float(eq[s]) for s in player.strategies] for player in players) for eq in result.equilibria]


def _gambit_game(A: np.ndarray, B: np.ndarray) -> Any:
    import pygambit
    if np.issubdtype(np.asarray(A).dtype, np.integer):
        return pygambit.Game.from_arrays(np.asarray(A).tolist(), np.asarray(B).tolist())
    return pygambit.Game.from_arrays(np.asarray(A, dtype=float), np.asarray(B, dtype=float))


def gambit_enummixed(rational: bool) -> Solver:
    def solve(A: np.ndarray, B: np.ndarray) -> list:
        import pygambit
        game = _gambit_game(A, B)
        return _gambit_profiles(game, pygambit.nash.enummixed_solve(game, rational=rational))
    return solve


def gambit_lcp(A: np.ndarray, B: np.ndarray) -> list:
    import pygambit
    game = _gambit_game(A, B)
    return _gambit_profiles(game, pygambit.nash.lcp_solve(game, rational=False, stop_after=1))


# --- which are installed --------------------------------------------------------------------

PACKAGES = {"hg": "hegemony_games", "nashpy": "nashpy", "quantecon": "quantecon", "pygambit": "pygambit"}


def installed(tool_package: str) -> bool:
    return importlib.util.find_spec(PACKAGES[tool_package]) is not None


def available(wanted: set[str] | None = None) -> set[str]:
    """The tool packages to run: those installed (and asked for)."""
    return {p for p in PACKAGES if installed(p) and (wanted is None or p in wanted)}


def warm_up(packages: set[str]) -> None:
    """Import everything and compile numba kernels once, in the parent, before any timing."""
    A = np.array([[3.0, 0.0, 1.0], [0.0, 2.0, 1.5], [1.0, 1.0, 0.5]])
    B = np.array([[2.0, 1.0, 0.0], [0.0, 3.0, 1.0], [1.5, 0.0, 2.0]])
    ints = np.array([[1, 0], [0, 1]]), np.array([[1, 0], [0, 1]])
    calls: list[Solver] = [hg_all(True), hg_all(False), hg_lemke_howson(True), hg_lemke_howson(False)]
    if "nashpy" in packages:
        calls += [nashpy_support, nashpy_vertex, nashpy_lemke_howson]
    if "quantecon" in packages:
        calls += [quantecon_support, quantecon_vertex, quantecon_lemke_howson]
    if "pygambit" in packages:
        calls += [gambit_enummixed(True), gambit_enummixed(False), gambit_lcp]
    for call in calls:
        call(A, B)
        if call not in (nashpy_lemke_howson, quantecon_lemke_howson):
            call(*ints)
