"""Game representations."""
from .normal_form import NormalFormGame

__all__ = ["NormalFormGame"]
