"""Every extreme Nash equilibrium of a two-player game, and the maximal convex sets of equilibria.

With payoffs shifted to be positive, the best-response polytopes of an m×n game (A, B) are

    P = {x ∈ ℝᵐ : x ≥ 0, Bᵀx ≤ 1}   and   Q = {y ∈ ℝⁿ : y ≥ 0, A y ≤ 1}.

A point of P has label i (0 ≤ i < m) when x_i = 0 and label m + j when (Bᵀx)_j = 1; a point of
Q has label i when (Ay)_i = 1 and label m + j when y_j = 0.  A pair of nonzero vertices
(x, y) whose labels together cover {0, …, m+n−1} is, after normalising x and y to sum to one,
an extreme Nash equilibrium, and every extreme equilibrium arises this way (Mangasarian
1964; von Stengel, "Computing equilibria for two-person games", Handbook of Game Theory 3,
2002).  The game is *nondegenerate* exactly when no vertex of P has more than m labels and no
vertex of Q more than n.

The set of all equilibria is the union of the *maximal Nash subsets* conv(U) × conv(V): the
maximal bicliques U × V of the bipartite graph whose edges are the extreme equilibria
(Winkels 1979; Jansen 1981; Avis, Rosenberg, Savani & von Stengel, Economic Theory 42, 2010).
They are reported as ``Solution.components``.

Both polytopes' vertices come from :func:`polytope_vertices`, which is complete on degenerate
games; exact games are solved in integer arithmetic and float games in float64, falling back
to exact arithmetic whenever a float tie is ambiguous or a float result fails verification.
"""
from __future__ import annotations

from fractions import Fraction
from typing import Sequence

import networkx as nx
import numpy as np

from ..games.normal_form import NormalFormGame
from ..solution import Solution
from ._common import (VerificationError, arithmetic, integer_matrix, require_two_players,
                      verified_equilibria)
from .polytope_vertices import AmbiguousPivot, polytope_vertices

__all__ = ["vertex_enumeration_solve", "maximal_nash_subsets"]

METHOD = "vertex-enumeration"


def vertex_enumeration_solve(game: NormalFormGame, exact: bool | None = None) -> Solution:
    """All extreme equilibria of a two-player game, exact for exact games, with components.

    >>> import hegemony_games as hg
    >>> sexes = hg.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> sol = vertex_enumeration_solve(sexes)
    >>> [e.strategies for e in sol]                              # doctest: +NORMALIZE_WHITESPACE
    [((Fraction(0, 1), Fraction(1, 1)), (Fraction(0, 1), Fraction(1, 1))),
     ((Fraction(2, 3), Fraction(1, 3)), (Fraction(1, 3), Fraction(2, 3))),
     ((Fraction(1, 1), Fraction(0, 1)), (Fraction(1, 1), Fraction(0, 1)))]
    >>> sol.degenerate, sol.components
    (False, [[0], [1], [2]])

    A degenerate game with a segment of equilibria: the column player is indifferent.

    >>> flat = hg.NormalFormGame.from_bimatrix([[1, 0], [1, 1]], [[1, 1], [1, 1]])
    >>> sol = vertex_enumeration_solve(flat)
    >>> len(sol), sol.degenerate, sol.components
    (3, True, [[0, 1], [1, 2]])
    """
    require_two_players(game, METHOD)
    work, exact = arithmetic(game, exact)
    message = ""
    if not exact:
        try:
            return _solve(work, exact=False)
        except (AmbiguousPivot, VerificationError) as reason:
            message = f"float arithmetic was not conclusive ({reason}); solved exactly instead"
            exact_solution = _solve(game.as_exact(), exact=True)
            return _as_float(work, exact_solution, message)
    return _solve(work, exact=True)


def _solve(game: NormalFormGame, exact: bool) -> Solution:
    A, B = game.payoffs
    m, n = game.shape
    if exact:
        A_pos, B_pos = integer_matrix(A), integer_matrix(B)
    else:  # shift and scale into [1, 2] so one absolute tolerance fits every game
        A_pos, B_pos = _unit_scale(A), _unit_scale(B)
    p_vertices = [(mask, z) for mask, z in polytope_vertices(B_pos.T, exact) if any(z)]
    q_vertices = [(_q_labels(mask, m, n), z) for mask, z in polytope_vertices(A_pos, exact) if any(z)]
    degenerate = (any(_popcount(mask) > m for mask, _ in p_vertices)
                  or any(_popcount(mask) > n for mask, _ in q_vertices))
    pairs = _complementary_pairs([mask for mask, _ in p_vertices], [mask for mask, _ in q_vertices], m + n)
    profiles = sorted({(_normalise(p_vertices[i][1]), _normalise(q_vertices[j][1])) for i, j in pairs})
    equilibria = verified_equilibria(game, profiles, exact)
    return Solution(game, equilibria, METHOD, exact, degenerate=degenerate,
                    components=maximal_nash_subsets(equilibria),
                    parameters={"vertices": (len(p_vertices), len(q_vertices))})


def _as_float(game: NormalFormGame, exact_solution: Solution, message: str) -> Solution:
    profiles = [[[float(p) for p in v] for v in e.strategies] for e in exact_solution]
    equilibria = verified_equilibria(game, profiles, exact=False)
    return Solution(game, equilibria, METHOD, False, degenerate=exact_solution.degenerate,
                    components=exact_solution.components, parameters=exact_solution.parameters,
                    message=message)


def maximal_nash_subsets(equilibria: Sequence) -> list[list[int]]:
    """The maximal bicliques of the extreme equilibria of a bimatrix game, as lists of indices.

    Each list holds the extreme equilibria (x, y) with x ∈ U and y ∈ V for a maximal U × V
    such that every such pair is an equilibrium; its convex hull consists of equilibria.
    """
    index = {(("x", e.strategies[0]), ("y", e.strategies[1])): k for k, e in enumerate(equilibria)}
    graph = nx.Graph()
    left = {x for x, _ in index}
    right = {y for _, y in index}
    graph.add_nodes_from(left | right)
    graph.add_edges_from(index)
    # Bicliques of a bipartite graph are the cliques once each side is made complete.
    for side in (sorted(left), sorted(right)):
        graph.add_edges_from((a, b) for i, a in enumerate(side) for b in side[i + 1:])
    subsets = []
    for clique in nx.find_cliques(graph):
        us = [v for v in clique if v[0] == "x"]
        vs = [v for v in clique if v[0] == "y"]
        if us and vs:
            subsets.append(sorted(index[(u, v)] for u in us for v in vs))
    return sorted(subsets)


def _complementary_pairs(p_masks: list[int], q_masks: list[int], n_labels: int) -> list[tuple[int, int]]:
    full = (1 << n_labels) - 1
    if not p_masks or not q_masks:
        return []
    dtype = np.uint64 if n_labels <= 64 else object
    q_array = np.array(q_masks, dtype=dtype)
    pairs = []
    for i, mask in enumerate(p_masks):
        need = full & ~mask
        hits = np.flatnonzero((q_array & dtype(need) if dtype is np.uint64 else q_array & need) == need)
        pairs.extend((i, int(j)) for j in hits)
    return pairs


def _q_labels(mask: int, m: int, n: int) -> int:
    """Q's variables are (y_0..y_{n-1}, slack_0..slack_{m-1}); y_j is label m+j, slack_i label i."""
    return ((mask & ((1 << n) - 1)) << m) | (mask >> n)


def _normalise(z: tuple) -> tuple:
    total = sum(z)
    return tuple(v / total for v in z)


def _unit_scale(matrix: np.ndarray) -> np.ndarray:
    low, high = float(matrix.min()), float(matrix.max())
    return (matrix - low) / (high - low if high > low else 1.0) + 1.0


def _popcount(mask: int) -> int:
    return bin(mask).count("1")
