"""Backward induction in linear time on perfect-information trees (chance moves allowed).

Zermelo's algorithm (Kuhn 1953): going from the leaves to the root, every decision node
takes the action whose continuation is best for its mover, and every chance node averages
its children.  The profile so built is subgame perfect, and it is the *only* pure
subgame-perfect equilibrium when no mover is ever indifferent.

This module is the fast kernel behind :func:`~hegemony_games.spe` on perfect-information
trees.  It works directly on ``game.nodes`` (prefix order, where each subtree is a
contiguous block): one reverse pass finds every subtree's size, hence its children's
positions, its value vector and its chosen action, all kept in flat lists indexed by
position.  No recursion: time and memory are linear in the number of nodes.  Exact values
are integer numerators over an integer denominator (payoffs scaled to integers once),
which is several times faster than ``Fraction`` arithmetic and just as exact.

Ties follow the rules of :func:`~hegemony_games.solvers.subgame_perfect.spe_solve`: the
node's ``priority``, else the player's rule in ``priorities`` (actions ranked by name, the
unlisted ones last in their order), picks among the optimal actions and the node is
reported in ``ties_broken``; a tie with no rule means the SPE is not unique, and the node is
reported in ``open_ties`` (the caller then enumerates with the general solver).  Arithmetic
is exact (``Fraction``) for exact games; for float games actions within ``1e-9`` times the
payoff range of the best count as optimal (the tolerance is relative to the payoffs, as in
Gambit).

The result is verified in the same linear spirit: a second pass evaluates the profile alone
(without looking at how it was chosen) and checks that at every decision node no *single*
deviation gains its mover anything.  In a finite game with perfect information this
one-shot deviation property is equivalent to subgame perfection (Osborne & Rubinstein 1994,
Lemma 98.2; Fudenberg & Tirole 1991, Theorem 4.1).

>>> import hegemony_games as hg
>>> from hegemony_games.games.extensive_form import chance, decision, terminal
>>> tree = hg.ExtensiveFormGame(decision("A", {
...     "safe": terminal([1, 0]),
...     "risky": chance({"up": ("1/3", decision("B", {"l": terminal([3, 1]), "r": terminal([0, 2])})),
...                      "down": ("2/3", terminal([2, 5]))})}))
>>> result = backward_induction(tree)
>>> result.payoffs, result.path, result.open_ties
((Fraction(4, 3), Fraction(4, 1)), ['risky'], [])
>>> result.strategies  # A's one information set, then B's
(((Fraction(0, 1), Fraction(1, 1)),), ((Fraction(0, 1), Fraction(1, 1)),))
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from operator import add
from typing import Any, Mapping, Sequence

from ..errors import GameError
from ..games.extensive_form import ExtensiveFormGame
from ..solution import Equilibrium, Solution

__all__ = ["InductionResult", "backward_induction", "induction_solution"]


@dataclass(frozen=True, eq=False)
class InductionResult:
    """What :func:`backward_induction` found.

    ``strategies``: per player, per information set (in the game's order) a pure behaviour
    vector; ``payoffs``: the value at the root; ``path``: the actions played from the root
    until a chance move or the end; ``ties_broken`` and ``open_ties``: the paths (lists of
    actions) to the nodes where a rule broke a tie, or where optimal actions were tied and no
    rule chose (then the SPE is not unique and ``strategies`` is just one of them), in the
    order :func:`spe_solve` lists them (children before parents, left to right).
    ``game`` is the game solved (converted to exact or float numbers as asked);
    ``parameters`` records the tie-breaking rules applied.
    """

    game: ExtensiveFormGame
    strategies: tuple
    payoffs: tuple
    path: list
    ties_broken: list
    open_ties: list
    exact: bool
    parameters: dict


class TimeLimitReached(Exception):
    """Raised by :func:`backward_induction` when its ``deadline`` expires; ``done`` nodes were solved."""

    def __init__(self, done: int):
        super().__init__(f"time limit reached after {done} nodes")
        self.done = done


def backward_induction(game: ExtensiveFormGame, priorities: Mapping[str, Sequence[str]] | None = None,
                       use_priorities: bool = True, exact: bool | None = None,
                       deadline: Any = None) -> InductionResult:
    """Backward induction on a perfect-information tree, in time linear in its size.

    Parameters are those of :func:`~hegemony_games.solvers.subgame_perfect.spe_solve`.
    Raises :class:`~hegemony_games.GameError` for symbolic trees and for trees with an
    information set of more than one node, and :class:`TimeLimitReached` when ``deadline`` (a
    :class:`~hegemony_games.limits.Deadline`, checked every 1,000 nodes) expires.
    """
    if not isinstance(game, ExtensiveFormGame):
        raise GameError(f"backward induction needs an ExtensiveFormGame, got {type(game).__name__}")
    game._require_numeric("compute subgame-perfect equilibria (symbolic trees are solved elsewhere)")
    if not game.is_perfect_information():
        raise GameError("backward induction needs perfect information (every information set a "
                        "single node); use hg.spe for subgame decomposition")
    if exact is None:
        exact = game.kind != "float"
    work = game.as_exact() if exact else game.as_float()
    rules = {str(p): tuple(map(str, order)) for p, order in (priorities or {}).items()}
    unknown = set(rules) - set(work.players)
    if unknown:
        raise GameError(f"priorities name unknown players {sorted(unknown)}; players are {list(work.players)}")
    if not use_priorities:
        rules = {}
    tol = work.tolerance(1e-9)  # relative to the payoffs, as in spe_solve
    own, scale = _own_payoffs(work, exact)

    choice, size, (num, den), broken, open_ = _induce(work, own, rules, use_priorities, tol, exact, deadline)
    _verify(work, own, choice, size, (num[0], den[0]), tol, exact)
    payoffs = tuple(Fraction(v, den[0] * scale) if exact else float(v) for v in num[0])

    nodes = work.nodes
    path, k = [], 0
    while nodes[k].kind == "decision":
        path.append(nodes[k].actions[choice[k]])
        k = _child_positions(k, size, len(nodes[k].children))[choice[k]]
    return InductionResult(work, _strategies(work, choice, exact), payoffs, path,
                           _paths(work, broken, size), _paths(work, open_, size), exact,
                           {"use_priorities": use_priorities, "priorities": dict(rules)})


def induction_solution(result: InductionResult) -> Solution:
    """The :class:`~hegemony_games.Solution` holding the one SPE of a result without open ties,
    as :func:`~hegemony_games.spe` returns it.

    >>> import hegemony_games as hg
    >>> from hegemony_games.games.extensive_form import decision, terminal
    >>> tree = hg.ExtensiveFormGame(decision("A", {"L": terminal([1]), "R": terminal([1])}))
    >>> solution = induction_solution(backward_induction(tree, priorities={"A": ["R"]}))
    >>> solution.method, solution[0].details
    ('backward-induction', {'path': ['R'], 'ties_broken': [[]], 'open_ties': []})
    """
    if result.open_ties:
        raise GameError("the subgame-perfect equilibrium is not unique (ties at "
                        + "; ".join(" > ".join(p) or "root" for p in result.open_ties) + "): use hg.spe")
    equilibrium = Equilibrium(result.game, result.strategies, result.payoffs,
                              details={"path": list(result.path),
                                       "ties_broken": [list(p) for p in result.ties_broken],
                                       "open_ties": []})
    return Solution(result.game, (equilibrium,), "backward-induction", result.exact, degenerate=False,
                    components=[], complete=True, message="", parameters=dict(result.parameters))


# ---------------------------------------------------------------------------- the two passes
def _child_positions(k: int, size: list, count: int) -> list[int]:
    """Prefix positions of the ``count`` children of node ``k``: the first follows ``k``, each
    next one follows its elder sibling's subtree."""
    positions, c = [], k + 1
    for _ in range(count):
        positions.append(c)
        c += size[c]
    return positions


def _own_payoffs(game: ExtensiveFormGame, exact: bool) -> tuple[list, int]:
    """Each node's own payoffs (``None`` where it has no outcome) and their scale.

    Exact payoffs are multiplied by the least common multiple of their denominators, so
    that they become Python integers: comparing and adding integers is many times faster
    than ``Fraction`` arithmetic, and a positive scale changes no choice.
    """
    outcomes = [n.outcome for n in game.nodes]
    if not exact:
        return [None if o is None else o.payoffs for o in outcomes], 1
    scale = math.lcm(*{v.denominator for o in outcomes if o is not None for v in o.payoffs})
    if scale == 1:  # integer payoffs, the common case
        return [None if o is None else tuple([v.numerator for v in o.payoffs]) for o in outcomes], 1
    return [None if o is None else tuple([v.numerator * (scale // v.denominator) for v in o.payoffs])
            for o in outcomes], scale


def _mix(node, kids: list, num: list, den: list, exact: bool) -> tuple[tuple, int]:
    """The expected value below a chance node, as integer numerators over one denominator.

    Exact values are kept as ``(numerators, denominator)`` with integers, because Python's
    ``Fraction`` normalises after every operation; here the children are brought to the least
    common multiple of their denominators, weighted by the probabilities' integer numerators,
    and the result is reduced once.  Float values have denominator 1 throughout.
    """
    players = range(len(num[kids[0]]))
    if not exact:
        return tuple(sum(p * num[c][i] for p, c in zip(node.probabilities, kids)) for i in players), 1
    total = math.lcm(*(p.denominator for p in node.probabilities))
    weights = [p.numerator * (total // p.denominator) for p in node.probabilities]
    common = math.lcm(*(den[c] for c in kids))
    factors = [w * (common // den[c]) for w, c in zip(weights, kids)]
    sums = [sum(f * num[c][i] for f, c in zip(factors, kids)) for i in players]
    divisor = total * common
    g = math.gcd(divisor, *sums)
    return tuple(v // g for v in sums), divisor // g


def _scores(i: int, kids: list, num: list, den: list) -> list:
    """Player ``i``'s values of the children, on one common denominator (same order as values)."""
    dens = [den[c] for c in kids]
    if dens.count(dens[0]) == len(dens):
        return [num[c][i] for c in kids]
    common = math.lcm(*dens)
    return [num[c][i] * (common // d) for c, d in zip(kids, dens)]


def _plus(outcome: tuple | None, values: tuple, d: int) -> tuple:
    """A node's own payoffs added to the values below it (numerators over ``d``)."""
    if outcome is None:
        return values
    if d == 1:
        return tuple(map(add, outcome, values))
    return tuple(o * d + v for o, v in zip(outcome, values))


def _induce(game: ExtensiveFormGame, own: list, rules: dict, use_priorities: bool, tol, exact: bool,
            deadline: Any = None):
    """The reverse pass: subtree sizes, values (numerators and denominators), chosen actions,
    tied nodes."""
    nodes = game.nodes
    n = len(nodes)
    mover = {p: i for i, p in enumerate(game.players)}
    zeros = (0,) * game.num_players
    size = [1] * n
    num: list[Any] = [None] * n
    den = [1] * n
    choice = [-1] * n
    broken, open_ = [], []
    for k in range(n - 1, -1, -1):
        if deadline is not None and k % 1000 == 0 and deadline.expired():
            raise TimeLimitReached(n - 1 - k)
        node = nodes[k]
        outcome = own[k]
        count = len(node.children)
        if not count:
            num[k] = zeros if outcome is None else outcome
            continue
        c = k + 1  # the first child; each next one follows its elder sibling's subtree
        kids = [c]
        for _ in range(count - 1):
            c += size[c]
            kids.append(c)
        size[k] = c + size[c] - k
        if node.kind == "chance":
            below, den[k] = _mix(node, kids, num, den, exact)
            num[k] = _plus(outcome, below, den[k])
            continue
        scores = _scores(mover[node.player], kids, num, den)
        best = max(scores)
        a = scores.index(best)
        if count > 1:
            if tol:
                cut = best - tol
                optimal = [b for b, s in enumerate(scores) if s >= cut]
            else:
                optimal = [b for b, s in enumerate(scores) if s == best]
            if len(optimal) > 1:
                order = _ranking(node, rules) if use_priorities else None
                if order is None:
                    open_.append(k)
                    a = optimal[0]
                else:
                    broken.append(k)
                    a = min(optimal, key=order.__getitem__)
        choice[k] = a
        den[k] = den[kids[a]]
        num[k] = _plus(outcome, num[kids[a]], den[k])
    return choice, size, (num, den), broken, open_


def _ranking(node, rules: dict) -> list[int] | None:
    """Each action's rank in the node's tie-breaking order (``None`` if it has none)."""
    order = node.tie_order(rules)
    if order is None:
        return None
    ranks = [0] * len(order)
    for rank, action in enumerate(order):
        ranks[action] = rank
    return ranks


def _verify(game: ExtensiveFormGame, own: list, choice: list, size: list, root: tuple, tol, exact: bool) -> None:
    """One-shot deviation check of the profile ``choice``, evaluated afresh.

    Every subtree's value under the profile is recomputed from ``choice`` alone; then at each
    decision node the mover's payoff from her chosen action must be at least that from any
    other action followed by the profile (exactly, or within ``tol`` for floats).  The root's
    value must also equal the one the induction found.
    """
    nodes = game.nodes
    mover = {p: i for i, p in enumerate(game.players)}
    zeros = (0,) * game.num_players
    num: list[Any] = [None] * len(nodes)
    den = [1] * len(nodes)
    for k in range(len(nodes) - 1, -1, -1):
        node = nodes[k]
        if not node.children:
            num[k] = zeros if own[k] is None else own[k]
            continue
        kids = _child_positions(k, size, len(node.children))
        if node.kind == "chance":
            below, den[k] = _mix(node, kids, num, den, exact)
        else:
            scores = _scores(mover[node.player], kids, num, den)
            kept = scores[choice[k]]
            if max(scores) > (kept + tol if tol else kept):
                raise AssertionError(f"internal error: {node.player} gains by deviating at "
                                     f"{game.path_to(node) or 'the root'}")
            below, den[k] = num[kids[choice[k]]], den[kids[choice[k]]]
        num[k] = _plus(own[k], below, den[k])
    if den[0] != root[1] or any(abs(a - b) > tol * 10 for a, b in zip(num[0], root[0])):
        raise AssertionError(f"internal error: the root's value {num[0]}/{den[0]} differs from the "
                             f"induction's {root[0]}/{root[1]}")


# ---------------------------------------------------------------------------- output
def _strategies(game: ExtensiveFormGame, choice: list, exact: bool) -> tuple:
    """Pure behaviour vectors in the game's information-set order.

    With perfect information each information set is one decision node, and a player's sets
    are ordered by first appearance in prefix order: her decision nodes in ``game.nodes``
    order.  The identity of each set's node is checked, not assumed.
    """
    one, zero = (Fraction(1), Fraction(0)) if exact else (1.0, 0.0)
    unit: dict[tuple[int, int], tuple] = {}   # shared vectors: one per (actions, choice)
    mover = {p: i for i, p in enumerate(game.players)}
    out: list[list] = [[] for _ in game.players]
    for k, node in enumerate(game.nodes):
        if node.kind != "decision":
            continue
        i = mover[node.player]
        sets = game.infosets[i]
        if sets[len(out[i])].nodes[0] is not node:
            raise AssertionError("internal error: information sets are not in prefix order")
        key = (len(node.actions), choice[k])
        if key not in unit:
            unit[key] = tuple(one if b == key[1] else zero for b in range(key[0]))
        out[i].append(unit[key])
    return tuple(tuple(vectors) for vectors in out)


def _paths(game: ExtensiveFormGame, positions: list[int], size: list) -> list[list[str]]:
    """The nodes' paths, children before parents and left to right (post-order)."""
    last = {k: k + size[k] - 1 for k in positions}     # a subtree ends at k + size - 1
    ordered = sorted(positions, key=lambda k: (last[k], -k))
    return [game.path_to(game.nodes[k]) for k in ordered]
