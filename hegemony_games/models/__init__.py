"""Models from the literature, each a small module that builds a game and lets the solvers solve it.

* :mod:`hegemony_games.models.hegemony_toolbox` — the seed paper's core game G1
  (Istomin & Baykov 2020, as formalized in the project's research note).
"""
from .hegemony_toolbox import (G1_PARAMETERS, G1_PRIORITIES, G1_TEST_VECTORS, ROOT_ACTIONS, G1Outcome,
                               g1_closed_form, g1_region, g1_tree)

__all__ = ["G1_PARAMETERS", "G1_PRIORITIES", "G1_TEST_VECTORS", "ROOT_ACTIONS", "G1Outcome", "g1_tree", "g1_region",
           "g1_closed_form"]
