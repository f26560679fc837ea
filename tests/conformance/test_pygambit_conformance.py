"""Conformance with Gambit: the same sets of extreme equilibria, exactly, on 1,200 seeded games.

The reference is pygambit's ``enummixed_solve(rational=True)`` (Gambit's complete vertex
enumeration in rational arithmetic), an implementation independent of ours.  Gambit lists some
extreme equilibria of degenerate games twice, so its list is compared as a set.

Families (seeds fixed, so a failure names a reproducible game):
- degenerate: payoffs in {0, 1, 2}, sizes from 2×2 to 5×5 including non-square ones;
- generic: integer payoffs in 0..99 (almost surely nondegenerate), sizes up to 6×6;
- structured: duplicated strategies and constant rows, degenerate by construction.
"""
from __future__ import annotations

from fractions import Fraction

import numpy as np
import pygambit  # a test dependency (the `test` extra): absent means an error, not a skip
import pytest

import hegemony_games as hg


SHAPES_DEGENERATE = [(2, 2), (2, 3), (3, 2), (3, 3), (3, 4), (4, 4), (4, 5), (5, 5)]
SHAPES_GENERIC = [(2, 2), (3, 3), (2, 5), (4, 4), (5, 3), (5, 5), (6, 6)]
BATCHES = 12      # the families below give 100 games per batch, 1,200 in all


def _degenerate(seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    m, n = SHAPES_DEGENERATE[seed % len(SHAPES_DEGENERATE)]
    return rng.integers(0, 3, (m, n)), rng.integers(0, 3, (m, n))


def _generic(seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    m, n = SHAPES_GENERIC[seed % len(SHAPES_GENERIC)]
    return rng.integers(0, 100, (m, n)), rng.integers(0, 100, (m, n))


def _structured(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """A random 3×3 or 4×3 game with one row duplicated and one of B's columns made constant."""
    rng = np.random.default_rng(seed)
    m = 3 + seed % 2
    A, B = rng.integers(0, 5, (m, 3)), rng.integers(0, 5, (m, 3))
    A[m - 1], B[m - 1] = A[0], B[0]
    B[:, seed % 3] = B[0, seed % 3]
    return A, B


def _games(batch: int) -> list[tuple[str, np.ndarray, np.ndarray]]:
    out = []
    for k in range(50):
        seed = 50 * batch + k
        out.append((f"degenerate seed {seed}", *_degenerate(seed)))
    for k in range(35):
        seed = 35 * batch + k
        out.append((f"generic seed {seed}", *_generic(seed)))
    for k in range(15):
        seed = 15 * batch + k
        out.append((f"structured seed {seed}", *_structured(seed)))
    return out


def _gambit_set(A: np.ndarray, B: np.ndarray) -> set:
    game = pygambit.Game.from_arrays(A.tolist(), B.tolist())
    result = pygambit.nash.enummixed_solve(game, rational=True)
    return {tuple(tuple(Fraction(str(eq[s])) for s in player.strategies) for player in game.players)
            for eq in result.equilibria}


def _our_set(A: np.ndarray, B: np.ndarray) -> set:
    solution = hg.solve(hg.NormalFormGame.from_bimatrix(A.tolist(), B.tolist()), exact=True)
    found = [tuple(tuple(v) for v in e.strategies) for e in solution]
    assert len(found) == len(set(found)), "an extreme equilibrium is listed twice"
    assert all(e.max_regret() == 0 for e in solution)
    return set(found)


@pytest.mark.parametrize("batch", range(BATCHES))
def test_same_extreme_equilibria_as_gambit(batch: int) -> None:
    mismatches = []
    for name, A, B in _games(batch):
        ours, theirs = _our_set(A, B), _gambit_set(A, B)
        if ours != theirs:
            mismatches.append(f"{name}: only ours {sorted(ours - theirs)}, only Gambit's {sorted(theirs - ours)}")
    assert not mismatches, "\n".join(mismatches)


def test_the_families_are_what_they_claim() -> None:
    """1,200 distinct games; the degenerate family really contains degenerate games."""
    games = [g for b in range(BATCHES) for g in _games(b)]
    assert len(games) == 1200
    assert len({(A.tobytes(), B.tobytes()) for _, A, B in games}) > 1150
    degenerate = sum(hg.solve(hg.NormalFormGame.from_bimatrix(A.tolist(), B.tolist())).degenerate
                     for name, A, B in games[:50])
    assert degenerate > 10
