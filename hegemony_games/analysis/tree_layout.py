"""A tidy layout for game trees: leaves evenly spaced, each parent centred over its children.

This is the simplest of the "tidy drawings" of Wetherell & Shannon (1979, *IEEE Trans.
Software Eng.* 5(5)): the leaves take consecutive slots in prefix (depth-first) order, so
two subtrees never overlap; an inner node sits midway between its first and last child;
a node's depth is its level.  Two nodes of one level have disjoint leaf ranges, hence
different positions.

>>> import hegemony_games as hg
>>> tree = hg.ExtensiveFormGame(hg.decision("A", {
...     "L": hg.terminal([1, 0]),
...     "R": hg.decision("B", {"l": hg.terminal([0, 1]), "r": hg.terminal([2, 2])})}))
>>> tree_layout(tree).positions
((0.75, 0.0), (0.0, -1.0), (1.5, -1.0), (1.0, -2.0), (2.0, -2.0))
>>> tree_layout(tree, direction="right").positions[0]
(0.0, -0.75)
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import GameError

__all__ = ["TreeLayout", "tree_layout", "DIRECTIONS"]

DIRECTIONS = ("down", "right")


@dataclass(frozen=True)
class TreeLayout:
    """Node positions of a tree, aligned with ``tree.nodes`` (prefix order).

    ``direction`` is ``"down"`` (root on top, leaves left to right) or ``"right"`` (root on
    the left, leaves top to bottom).  ``slots`` counts the leaves and ``depth`` the deepest level.
    """

    positions: tuple[tuple[float, float], ...]
    direction: str
    slots: int
    depth: int
    index: dict            # id(node) -> position in tree.nodes

    def of(self, node: Any) -> tuple[float, float]:
        """The position of one node."""
        return self.positions[self.index[id(node)]]


def tree_layout(tree: Any, direction: str = "down", leaf_gap: float = 1.0,
                level_gap: float = 1.0) -> TreeLayout:
    """Lay out ``tree`` (an :class:`~hegemony_games.ExtensiveFormGame`).

    Leaf ``j`` (in prefix order) gets the cross coordinate ``j * leaf_gap``; a node at depth
    ``d`` gets the level coordinate ``-d * level_gap`` (``"down"``) or ``d * level_gap``
    (``"right"``, where the cross coordinate is negated so leaves run top to bottom).
    """
    if direction not in DIRECTIONS:
        raise GameError(f"direction must be one of {list(DIRECTIONS)}, got {direction!r}")
    if not (leaf_gap > 0 and level_gap > 0):
        raise GameError("leaf_gap and level_gap must be positive")
    nodes = tree.nodes
    index = {id(n): k for k, n in enumerate(nodes)}
    depth = [0] * len(nodes)
    cross = [0.0] * len(nodes)
    slot = 0
    for k, node in enumerate(nodes):            # prefix order: parents first, leaves left to right
        link = tree.parent(node)
        if link is not None:
            depth[k] = depth[index[id(link[0])]] + 1
        if not node.children:
            cross[k] = slot * leaf_gap
            slot += 1
    for k in reversed(range(len(nodes))):       # children before parents
        children = nodes[k].children
        if children:
            cross[k] = (cross[index[id(children[0])]] + cross[index[id(children[-1])]]) / 2
    if direction == "down":
        positions = tuple((c, -d * level_gap + 0.0) for c, d in zip(cross, depth))
    else:
        positions = tuple((d * level_gap + 0.0, -c + 0.0) for c, d in zip(cross, depth))
    return TreeLayout(positions, direction, slot, max(depth), index)
