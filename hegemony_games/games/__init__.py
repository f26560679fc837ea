"""Game representations: normal form (N players) and game trees."""
from .extensive_form import ExtensiveFormGame, chance, decision, terminal
from .normal_form import NormalFormGame

__all__ = ["NormalFormGame", "ExtensiveFormGame", "decision", "chance", "terminal"]
