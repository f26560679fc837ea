"""Analysis of solutions: parameter sweeps (:func:`sweep`)."""
from .sweep import SweepError, summarize, sweep

__all__ = ["sweep", "summarize", "SweepError"]
