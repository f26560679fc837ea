"""hegemony_games: exact, verified and symbolic equilibria for models of alliances and hegemony.

>>> import hegemony_games as hg
>>> game = hg.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
>>> game.kind
'exact'
"""
from .errors import FileFormatError, GameError
from .games import ExtensiveFormGame, NormalFormGame, chance, classics, decision, terminal
from .solution import Equilibrium, Solution
from .api import solve, solve_many, spe
from .io import read, write
from .solvers.correlated import (CorrelatedEquilibrium, correlated_equilibria_vertices,
                                 correlated_equilibrium)
from . import analysis  # noqa: E402  (hg.analysis.plot_regions; matplotlib is imported on first plot)

__version__ = "0.1.0"
__all__ = ["GameError", "FileFormatError", "NormalFormGame", "ExtensiveFormGame", "decision", "chance",
           "terminal", "classics", "Equilibrium", "Solution", "solve", "solve_many", "spe", "read", "write",
           "CorrelatedEquilibrium", "correlated_equilibrium", "correlated_equilibria_vertices"]
