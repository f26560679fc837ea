"""Analysis of solutions: parameter sweeps (:func:`sweep`), region maps and plots of symbolic solutions
(:func:`plot_regions`, :func:`plot_quantity`).

>>> import hegemony_games as hg
>>> callable(hg.analysis.plot_regions) and callable(hg.analysis.plot_quantity)
True
"""
from .regions import plot_quantity, plot_regions
from .sweep import SweepError, summarize, sweep

__all__ = ["plot_regions", "plot_quantity", "sweep", "summarize", "SweepError"]
