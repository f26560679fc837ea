"""Extensive-form games: finite trees with chance moves and information sets.

A tree is built from three kinds of node (Kuhn 1953; Osborne & Rubinstein 1994, ch. 11):

* :func:`decision` — a player chooses one of the labelled actions;
* :func:`chance` — nature picks an action with given (exact, float or symbolic) probabilities;
* :func:`terminal` — the play ends with a payoff for every player.

Any node may carry payoffs (an *outcome*); payoffs add up along the path, as in Gambit's
``.efg`` files.  Decision nodes of one player that share an ``infoset`` label form one
information set: the player cannot tell them apart, so they must offer the same actions.
A ``priority`` (actions listed most preferred first) states how an indifferent player breaks
ties, as formal models often do ("an indifferent responder accepts").

>>> import hegemony_games as hg
>>> from hegemony_games.games.extensive_form import decision, terminal
>>> entry = hg.ExtensiveFormGame(
...     decision("Entrant", {
...         "Out": terminal([0, 2]),
...         "In": decision("Incumbent", {"Fight": terminal([-1, -1]),
...                                       "Accommodate": terminal([1, 1])})}),
...     title="Entry deterrence")
>>> entry.players, entry.num_nodes, entry.is_perfect_information()
(('Entrant', 'Incumbent'), 5, True)
>>> entry.to_normal_form().strategies
(('1', '2'), ('1', '2'))
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Iterator, Mapping, Sequence

import numpy as np
import sympy

from ..errors import GameError
from ..numbers import EXACT, FLOAT, SYMBOLIC, as_array, kind_of, to_exact
from . import behaviour
from .normal_form import DEFAULT_RTOL, NormalFormGame

__all__ = ["Node", "Outcome", "InformationSet", "ExtensiveFormGame", "decision", "chance",
           "terminal", "CHANCE"]

CHANCE = "chance"


@dataclass(eq=False)
class Outcome:
    """Payoffs (one per player) attached to a node, with an optional label."""

    payoffs: tuple
    label: str = ""


@dataclass(eq=False)
class Node:
    """One node of a game tree.  Build nodes with :func:`decision`, :func:`chance`, :func:`terminal`."""

    kind: str                                   # "decision", "chance" or "terminal"
    player: str | None = None                   # the mover at a decision node
    actions: tuple[str, ...] = ()
    children: list["Node"] = field(default_factory=list)
    probabilities: tuple = ()                   # at chance nodes, one per action
    infoset: Any = None                         # shared key ⇒ same information set
    outcome: Outcome | None = None
    label: str = ""
    priority: tuple[str, ...] | None = None     # tie-breaking order, most preferred first

    def tie_order(self, rules: Mapping[str, Sequence[str]]) -> list[int] | None:
        """The actions (indices) in tie-breaking order, most preferred first: the node's own
        ``priority``, else its player's rule in ``rules`` (actions the rule does not name come
        last, in their order); ``None`` when neither gives one."""
        if self.priority is not None:
            ranked = list(self.priority)
        elif self.player in rules:
            rule = rules[self.player]
            ranked = [a for a in rule if a in self.actions] + [a for a in self.actions if a not in rule]
        else:
            return None
        return [self.actions.index(a) for a in ranked]

    def child(self, action: str) -> "Node":
        try:
            return self.children[self.actions.index(action)]
        except ValueError:
            raise GameError(f"node {self.label or self.player!r} has no action {action!r}; "
                            f"its actions are {list(self.actions)}") from None


@dataclass(eq=False)
class InformationSet:
    """The decision (or chance) nodes a player cannot tell apart."""

    player: str
    label: str
    actions: tuple[str, ...]
    nodes: list[Node]
    probabilities: tuple = ()
    priority: tuple[str, ...] | None = None


def _branches(branches: Any, what: str = "a node") -> list[tuple[str, Any]]:
    items = list(branches.items()) if isinstance(branches, Mapping) else list(branches)
    if not items:
        raise GameError(f"{what} needs at least one action")
    return [(str(a), b) for a, b in items]


def decision(player: str, branches: Mapping[str, Node] | Sequence[tuple[str, Node]], *,
             infoset: Any = None, priority: Sequence[str] | None = None, label: str = "",
             payoffs: Sequence[Any] | None = None) -> Node:
    """A decision node of ``player`` with one subtree per labelled action.

    ``infoset``: nodes of the same player with equal ``infoset`` keys form one information set
    (default: a set of its own).  ``priority``: the actions in tie-breaking order, most
    preferred first.  ``payoffs``: an outcome collected when play passes through this node.
    """
    items = _branches(branches, f"the decision node {label or player!r}")
    node = Node("decision", player=str(player), actions=tuple(a for a, _ in items),
                children=[b for _, b in items], infoset=infoset, label=label,
                priority=None if priority is None else tuple(str(p) for p in priority),
                outcome=None if payoffs is None else Outcome(tuple(payoffs)))
    return node


def chance(branches: Mapping[str, tuple[Any, Node]] | Sequence[tuple[str, tuple[Any, Node]]], *,
           infoset: Any = None, label: str = "", payoffs: Sequence[Any] | None = None) -> Node:
    """A chance node: ``branches`` maps each action to ``(probability, subtree)``.

    Probabilities may be ``Fraction``s, decimal strings such as ``"0.3"``, floats or sympy
    expressions; numeric ones must be non-negative and sum to one.
    """
    items = _branches(branches, f"the chance node {label or CHANCE!r}")
    for action, value in items:
        if not (isinstance(value, tuple) and len(value) == 2):
            raise GameError(f"chance branch {action!r} must be a (probability, subtree) pair")
    return Node("chance", actions=tuple(a for a, _ in items), children=[b for _, (_, b) in items],
                probabilities=tuple(p for _, (p, _) in items), infoset=infoset, label=label,
                outcome=None if payoffs is None else Outcome(tuple(payoffs)))


def terminal(payoffs: Sequence[Any] | Outcome | None = None, label: str = "") -> Node:
    """A terminal node with one payoff per player (``None``: all zero)."""
    outcome = payoffs if isinstance(payoffs, Outcome) or payoffs is None else Outcome(tuple(payoffs))
    return Node("terminal", outcome=outcome, label=label)


class ExtensiveFormGame:
    """A finite game tree with chance moves and information sets.

    Parameters
    ----------
    root:
        The root :class:`Node` (see :func:`decision`, :func:`chance`, :func:`terminal`).
    players:
        Player names in order (default: in order of first appearance, depth first).
    title:
        A free-text title.
    assumptions:
        For symbolic trees: what the parameters satisfy (a sympy relation, a sequence of them
        or a :class:`~hegemony_games.symbolic.Condition`); see :attr:`assumptions`.

    Players' information sets are ordered by first appearance in a depth-first (prefix)
    traversal, which is the order of Gambit's ``.efg`` files.  Payoff numbers follow the
    rules of :class:`NormalFormGame`: exact unless some entry is a float; symbolic when an
    entry has free sympy symbols.
    """

    def __init__(self, root: Node, players: Sequence[str] | None = None, title: str = "",
                 assumptions: Any = None):
        if not isinstance(root, Node):
            raise GameError(f"the root must be a Node (use decision, chance or terminal), "
                            f"got {type(root).__name__}")
        self.root = root
        self.title = str(title)
        from ..symbolic.conditions import as_condition   # symbolic depends on games otherwise
        self._assumptions = None if assumptions is None else as_condition(assumptions)
        self.nodes: list[Node] = []
        self._parent: dict[int, tuple[Node, int] | None] = {}
        self._collect()
        seen_players = list(dict.fromkeys(n.player for n in self.nodes if n.kind == "decision"))
        if players is None:
            players = seen_players
        self.players = tuple(str(p) for p in players)
        if len(set(self.players)) != len(self.players):
            raise GameError(f"player names must be distinct: {list(self.players)}")
        if CHANCE in self.players:
            raise GameError(f"{CHANCE!r} is reserved for chance moves")
        unknown = [p for p in seen_players if p not in self.players]
        if unknown:
            raise GameError(f"decision nodes of {unknown} but players are {list(self.players)}")
        self._kind = self._normalise_numbers()
        self.infosets: tuple[tuple[InformationSet, ...], ...] = ()
        self.chance_infosets: tuple[InformationSet, ...] = ()
        self._build_infosets()

    def __getstate__(self) -> dict:
        # The parent and information-set tables are keyed by id(node), which pickling does not
        # keep: they are left out and rebuilt from the tree (process pools and Dask pickle games).
        return {k: v for k, v in self.__dict__.items() if k not in ("_parent", "_infoset_of")}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._parent = {id(self.root): None}
        for node in self.nodes:
            for k, child in enumerate(node.children or ()):
                self._parent[id(child)] = (node, k)
        self._infoset_of = {id(n): (i, k) for i, sets in enumerate(self.infosets)
                            for k, s in enumerate(sets) for n in s.nodes}

    # ----------------------------------------------------------------- structure
    def _collect(self) -> None:
        stack: list[tuple[Node, tuple[Node, int] | None]] = [(self.root, None)]
        parents, nodes, check = self._parent, self.nodes, self._check_node  # locals: this loop is hot
        while stack:
            node, parent = stack.pop()
            if id(node) in parents:
                raise GameError(f"node {self._describe(node)} appears twice in the tree; "
                                "build each subtree separately")
            if not isinstance(node, Node):
                where = f" (action {parent[0].actions[parent[1]]!r} of node {self._describe(parent[0])})" if parent else ""
                raise GameError(f"a child must be a Node, got {type(node).__name__}{where}")
            parents[id(node)] = parent
            nodes.append(node)
            check(node)
            children = node.children
            if children:
                stack.extend([(children[k], (node, k)) for k in range(len(children) - 1, -1, -1)])

    def _check_node(self, node: Node) -> None:
        if node.kind == "terminal":
            if node.children:
                raise GameError(f"terminal node {self._describe(node)} cannot have children")
            return
        if node.kind not in ("decision", "chance"):
            raise GameError(f"node {self._describe(node)} has unknown kind {node.kind!r}")
        if len(node.children) != len(node.actions) or not node.actions:
            raise GameError(f"node {self._describe(node)} needs one child per action")
        if len(set(node.actions)) != len(node.actions):
            raise GameError(f"node {self._describe(node)} repeats an action label: {list(node.actions)}")
        if node.priority is not None and sorted(node.priority) != sorted(node.actions):
            raise GameError(f"the priority {list(node.priority)} at node {self._describe(node)} must list "
                            f"exactly its actions {list(node.actions)}")

    def _describe(self, node: Node) -> str:
        name = node.label or (node.player if node.kind == "decision" else node.kind)
        path = self.path_to(node) if id(node) in getattr(self, "_parent", {}) else None
        return f"{name!r}" + (f" (after {' > '.join(path)})" if path else "")

    def path_to(self, node: Node) -> list[str]:
        """The actions from the root to ``node``."""
        actions = []
        link = self._parent[id(node)]
        while link is not None:
            parent, k = link
            actions.append(parent.actions[k])
            link = self._parent[id(parent)]
        return actions[::-1]

    def parent(self, node: Node) -> tuple[Node, int] | None:
        """``(parent, index of the action leading to node)``, or ``None`` for the root."""
        return self._parent[id(node)]

    def _normalise_numbers(self) -> str:
        entries: list[Any] = []
        for node in self.nodes:
            if node.outcome is not None:
                if len(node.outcome.payoffs) != len(self.players):
                    raise GameError(f"node {self._describe(node)} has {len(node.outcome.payoffs)} "
                                    f"payoffs for {len(self.players)} players {list(self.players)}")
                entries.extend(node.outcome.payoffs)
            entries.extend(node.probabilities)
            for value in (node.outcome.payoffs if node.outcome is not None else ()) + node.probabilities:
                if type(value) is Fraction:   # the common case, valid by construction
                    continue
                try:
                    kind_of(value)
                except GameError as exc:
                    if any(value is p for p in node.probabilities):
                        raise GameError(f"node {self._describe(node)}: probabilities must be finite numbers "
                                        f"in [0, 1], got {value!r}") from None
                    raise GameError(f"node {self._describe(node)}: {exc}") from None
        if all(type(v) is Fraction for v in entries):   # already exact (as a file reader gives them)
            for node in self.nodes:
                if node.probabilities:
                    self._check_probabilities(node, EXACT)
            return EXACT
        values, kind = as_array(_object_vector(entries))
        it = iter(values.tolist())
        converted: dict[int, Outcome] = {}
        for node in self.nodes:
            if node.outcome is not None:
                # outcomes shared by several nodes are converted once and stay shared
                new = tuple(next(it) for _ in range(len(self.players)))
                if id(node.outcome) not in converted:
                    converted[id(node.outcome)] = Outcome(new, node.outcome.label)
                node.outcome = converted[id(node.outcome)]
            if node.probabilities:
                node.probabilities = tuple(next(it) for _ in node.probabilities)
                self._check_probabilities(node, kind)
        return kind

    def _check_probabilities(self, node: Node, kind: str) -> None:
        probs = node.probabilities
        if kind == SYMBOLIC:
            # a game with one symbolic entry keeps every number as sympy: numeric ones are still checked
            if any(sympy.sympify(p).is_negative for p in probs):
                raise GameError(f"negative chance probability at {self._describe(node)}: {list(map(str, probs))}")
            total = sympy.simplify(sum(sympy.sympify(p) for p in probs) - 1)
            if total != 0:
                raise GameError(f"chance probabilities at {self._describe(node)} sum to {total + 1}, not 1")
            return
        if any(p < 0 for p in probs):
            raise GameError(f"negative chance probability at {self._describe(node)}: {list(map(str, probs))}")
        total = sum(probs)
        if (kind == EXACT and total != 1) or (kind == FLOAT and abs(total - 1) > 1e-9):
            raise GameError(f"chance probabilities at {self._describe(node)} sum to {total}, not 1")

    def _build_infosets(self) -> None:
        groups: dict[Any, list[Node]] = {}
        for k, node in enumerate(self.nodes):
            if node.kind == "terminal":
                continue
            owner = node.player if node.kind == "decision" else CHANCE
            key = (owner, ("shared", node.infoset) if node.infoset is not None else ("own", k))
            groups.setdefault(key, []).append(node)
        per_player: dict[str, list[InformationSet]] = {p: [] for p in self.players}
        chance_sets = []
        for (owner, (how, name)), members in groups.items():
            first = members[0]
            for other in members[1:]:
                if other.actions != first.actions:
                    raise GameError(f"information set {name!r} of {owner}: node {self._describe(other)} "
                                    f"has actions {list(other.actions)}, but node {self._describe(first)} "
                                    f"has {list(first.actions)}")
                if other.priority != first.priority and other.priority is not None and first.priority is not None:
                    raise GameError(f"information set {name!r} of {owner} has two different priorities")
                if owner == CHANCE and other.probabilities != first.probabilities:
                    raise GameError(f"chance information set {name!r} has different probabilities "
                                    f"at {self._describe(other)}")
            priority = next((m.priority for m in members if m.priority is not None), None)
            label = str(name) if how == "shared" else ""
            infoset = InformationSet(owner, label, first.actions, members, first.probabilities, priority)
            (chance_sets if owner == CHANCE else per_player[owner]).append(infoset)
        self.infosets = tuple(tuple(per_player[p]) for p in self.players)
        self.chance_infosets = tuple(chance_sets)
        self._infoset_of = {id(n): (i, k) for i, sets in enumerate(self.infosets)
                            for k, s in enumerate(sets) for n in s.nodes}

    # ----------------------------------------------------------------- properties
    @property
    def kind(self) -> str:
        """``"exact"``, ``"float"`` or ``"symbolic"``."""
        return self._kind

    @property
    def num_players(self) -> int:
        return len(self.players)

    @property
    def num_nodes(self) -> int:
        return len(self.nodes)

    @property
    def parameters(self) -> frozenset:
        """The free sympy symbols in payoffs and probabilities."""
        if self._kind != SYMBOLIC:
            return frozenset()
        values = [v for n in self.nodes for v in (n.outcome.payoffs if n.outcome else ()) + n.probabilities]
        return frozenset().union(*(sympy.sympify(v).free_symbols for v in values))

    @property
    def assumptions(self):
        """What the parameters are assumed to satisfy: a :class:`~hegemony_games.symbolic.Condition`
        (the ``assumptions=`` given and the symbols' sympy assumptions such as ``positive=True``)."""
        from ..symbolic.conditions import game_assumptions
        return game_assumptions(self._assumptions, self.parameters)

    def payoff_range(self) -> float:
        """max − min over every payoff entry of the tree's outcomes, as a float (the scale for tolerances)."""
        self._require_numeric("take the payoff range")
        values = [float(v) for n in self.nodes if n.outcome is not None for v in n.outcome.payoffs]
        return (max(values) - min(values)) if values else 0.0

    def tolerance(self, rtol: float = DEFAULT_RTOL) -> float | int:
        """The absolute tolerance for float results: ``rtol`` × payoff range.

        Exact games get the integer 0, so that ``value - tolerance`` stays a ``Fraction``.
        """
        return rtol * max(self.payoff_range(), 1.0) if self._kind != EXACT else 0

    def infoset_of(self, node: Node) -> tuple[int, int]:
        """``(player index, information-set index)`` of a decision node."""
        return self._infoset_of[id(node)]

    def is_perfect_information(self) -> bool:
        """True when every information set is a single node."""
        return all(len(s.nodes) == 1 for sets in self.infosets for s in sets)

    def has_perfect_recall(self) -> bool:
        """True when no player ever forgets what she knew or did (Kuhn 1953).

        Every node of an information set must be reached through the same sequence of the
        player's own information sets and actions.
        """
        return self._recall_violation() is None

    def _recall_violation(self) -> tuple[int, InformationSet, Node] | None:
        """``(player, information set, node)`` where the player's own history differs from
        that at the set's first node, or ``None``.

        Histories are numbered in one top-down pass (equal histories get equal numbers, as
        in a trie), so the check is linear in the tree size times the number of players.
        """
        shared = [(i, s) for i, sets in enumerate(self.infosets) for s in sets if len(s.nodes) > 1]
        if not shared:
            return None
        numbers: dict[tuple, int] = {}
        history = {id(self.root): (0,) * self.num_players}
        for node in self.nodes:  # prefix order: parents first
            mine = history[id(node)]
            for k, child in enumerate(node.children):
                if node.kind == "decision":
                    i, s = self._infoset_of[id(node)]
                    step = numbers.setdefault((mine[i], s, k), len(numbers) + 1)
                    history[id(child)] = mine[:i] + (step,) + mine[i + 1:]
                else:
                    history[id(child)] = mine
        for i, infoset in shared:
            first = history[id(infoset.nodes[0])][i]
            for node in infoset.nodes[1:]:
                if history[id(node)][i] != first:
                    return i, infoset, node
        return None

    def _own_history(self, player: int, node: Node) -> tuple:
        history = []
        link = self._parent[id(node)]
        while link is not None:
            parent, k = link
            if parent.kind == "decision" and self._infoset_of[id(parent)][0] == player:
                history.append((self._infoset_of[id(parent)][1], k))
            link = self._parent[id(parent)]
        return tuple(history[::-1])

    def require_perfect_recall(self, what: str) -> None:
        """Raise :class:`GameError` naming a node where a player forgets, if there is one."""
        violation = self._recall_violation()
        if violation is not None:
            i, infoset, node = violation
            name = f" {infoset.label!r}" if infoset.label else ""
            raise GameError(
                f"cannot {what}: the game does not have perfect recall: at node "
                f"{self._describe(node)} of information set{name} of {self.players[i]}, "
                f"{self.players[i]} has forgotten her own earlier moves or information "
                f"(node {self._describe(infoset.nodes[0])} of the same set follows "
                "a different history of hers)")

    def leaves(self) -> Iterator[Node]:
        return (n for n in self.nodes if n.kind == "terminal")

    def outcome_sum(self, node: Node) -> tuple:
        """Payoffs collected on the path from the root to ``node``, inclusive."""
        total = [0] * self.num_players
        current: Node | None = node
        while current is not None:
            if current.outcome is not None:
                total = [t + p for t, p in zip(total, current.outcome.payoffs)]
            link = self._parent[id(current)]
            current = link[0] if link else None
        return tuple(total)

    # ----------------------------------------------------------------- behaviour profiles
    def expected_payoffs(self, profile: Sequence) -> tuple:
        """Expected payoffs of a behaviour profile (one vector per information set)."""
        return behaviour.expected_payoffs(self, profile)

    def regrets(self, profile: Sequence) -> tuple:
        """Each player's gain from her best deviation (needs perfect recall)."""
        return behaviour.regrets(self, profile)

    def max_regret(self, profile: Sequence):
        return max(self.regrets(profile))

    def realization_probabilities(self, profile: Sequence) -> list:
        """The probability of reaching each node, in ``self.nodes`` order."""
        return behaviour.realization_probabilities(self, profile)

    def beliefs(self, profile: Sequence) -> tuple:
        """Bayes-rule beliefs over the nodes of each information set (``None`` where unreached)."""
        return behaviour.beliefs(self, profile)

    def __repr__(self) -> str:
        title = f" {self.title!r}" if self.title else ""
        return (f"<ExtensiveFormGame{title}: {self.num_players} players, {self.num_nodes} nodes, "
                f"{sum(len(s) for s in self.infosets)} information sets, {self._kind}>")

    # ----------------------------------------------------------------- subgames
    def subgame_roots(self) -> list[Node]:
        """Nodes that root a subgame: every information set meeting their subtree lies inside it.

        Computed in one pass over prefix-order intervals (a subtree is a contiguous block).
        """
        index = {id(n): k for k, n in enumerate(self.nodes)}
        end = list(range(len(self.nodes)))  # last prefix index inside each subtree
        for k in reversed(range(len(self.nodes))):
            if self.nodes[k].children:
                end[k] = end[index[id(self.nodes[k].children[-1])]]
        low = list(range(len(self.nodes)))
        high = list(range(len(self.nodes)))
        for sets in self.infosets:
            for infoset in sets:
                ks = [index[id(n)] for n in infoset.nodes]
                for k in ks:
                    low[k], high[k] = min(ks), max(ks)
        for k in reversed(range(len(self.nodes))):  # aggregate over each subtree
            for child in self.nodes[k].children:
                c = index[id(child)]
                low[k], high[k] = min(low[k], low[c]), max(high[k], high[c])
        return [n for k, n in enumerate(self.nodes) if low[k] >= k and high[k] <= end[k]]

    def subgame(self, node: Node) -> "ExtensiveFormGame":
        """The subgame rooted at ``node`` (a copy, with the same players)."""
        if node not in self.subgame_roots():
            raise GameError(f"node {self._describe(node)} does not root a subgame: an information set "
                            "crosses its boundary")
        copy, _ = copy_subtree(node)
        return ExtensiveFormGame(copy, self.players, self.title, self._assumptions)

    def infosets_below(self, node: Node) -> list[list[int]]:
        """Per player, the indices of her information sets inside the subtree of ``node``, in order."""
        inside = set()
        stack = [node]
        while stack:
            current = stack.pop()
            inside.add(id(current))
            stack.extend(current.children)
        return [[k for k, s in enumerate(sets) if id(s.nodes[0]) in inside] for sets in self.infosets]

    # ----------------------------------------------------------------- substitution
    def subs(self, mapping: Mapping[Any, Any]) -> "ExtensiveFormGame":
        """A copy with parameters replaced by values (see :meth:`NormalFormGame.subs`)."""
        from .normal_form import check_parameter_keys
        check_parameter_keys(mapping, self)
        if self._kind != SYMBOLIC:
            return self
        by_name = {s.name: s for s in self.parameters}
        clean = {}
        for key, value in mapping.items():
            symbol = by_name.get(key, key) if isinstance(key, str) else key
            exact = to_exact(value) if isinstance(value, (str, Fraction, int)) else None
            clean[symbol] = sympy.Rational(exact.numerator, exact.denominator) if exact is not None else value
        from ..symbolic.conditions import substitute_assumptions   # keep those with free parameters left
        tree = self.map_numbers(lambda v: sympy.sympify(v).subs(clean))
        tree._assumptions = substitute_assumptions(self._assumptions, clean)
        return tree

    def map_numbers(self, function) -> "ExtensiveFormGame":
        """A structural copy with ``function`` applied to every payoff and probability."""
        copies: dict[int, Node] = {}
        outcomes: dict[int, Outcome] = {}
        for node in reversed(self.nodes):  # children before parents
            outcome = None
            if node.outcome is not None:
                if id(node.outcome) not in outcomes:
                    outcomes[id(node.outcome)] = Outcome(tuple(function(v) for v in node.outcome.payoffs),
                                                         node.outcome.label)
                outcome = outcomes[id(node.outcome)]
            copies[id(node)] = Node(node.kind, node.player, node.actions,
                                    [copies[id(c)] for c in node.children],
                                    tuple(function(p) for p in node.probabilities),
                                    node.infoset, outcome, node.label, node.priority)
        # singleton information sets are keyed by position, shared ones by their key: both survive
        return ExtensiveFormGame(copies[id(self.root)], self.players, self.title, self._assumptions)

    def as_float(self) -> "ExtensiveFormGame":
        self._require_numeric("convert to float")
        return self if self._kind == FLOAT else self.map_numbers(float)

    def as_exact(self) -> "ExtensiveFormGame":
        self._require_numeric("convert to exact")
        return self if self._kind == EXACT else self.map_numbers(to_exact)

    def _require_numeric(self, what: str) -> None:
        if self._kind == SYMBOLIC:
            names = ", ".join(sorted(s.name for s in self.parameters)) or "symbolic constants"
            raise GameError(f"cannot {what}: the game has free parameters ({names}); "
                            f"substitute values with game.subs({{...}}) first")

    # ----------------------------------------------------------------- strategic form
    def reduced_strategies(self, player: int) -> list[tuple[int | None, ...]]:
        """The player's reduced pure strategies: one action index per information set,
        ``None`` where her own earlier choices make the set unreachable, in Gambit's order.

        Computed once per player (the tree does not change): converting every equilibrium of
        the reduced normal form back to behaviour strategies asks for them again and again.
        """
        cache = self.__dict__.setdefault("_reduced", {})
        if player not in cache:
            cache[player] = tuple(self._enumerate_reduced_strategies(player))
        return list(cache[player])

    def _enumerate_reduced_strategies(self, player: int) -> list[tuple[int | None, ...]]:
        sets = self.infosets[player]
        strategies: list[tuple[int | None, ...]] = []

        def reachable(infoset: InformationSet, partial: list) -> bool:
            for node in infoset.nodes:
                # k >= len(partial): the set itself lies earlier on the path (absent-mindedness)
                if all(k >= len(partial) or partial[k] == a for k, a in self._own_history(player, node)):
                    return True
            return False

        def extend(k: int, partial: list) -> None:
            if k == len(sets):
                strategies.append(tuple(partial))
                return
            if reachable(sets[k], partial):
                for a in range(len(sets[k].actions)):
                    extend(k + 1, partial + [a])
            else:
                extend(k + 1, partial + [None])

        extend(0, [])
        return strategies

    @staticmethod
    def strategy_label(strategy: Sequence[int | None]) -> str:
        """Gambit's label for a reduced strategy: 1-based action numbers, ``*`` where unreachable."""
        return "".join("*" if a is None else str(a + 1) for a in strategy)

    def pure_payoffs(self, choices: Sequence[Sequence[int | None]]) -> tuple:
        """Expected payoffs when each player follows a pure strategy (one action per information set)."""
        totals = [0] * self.num_players
        stack: list[tuple[Node, Any]] = [(self.root, 1)]
        while stack:
            node, weight = stack.pop()
            if node.outcome is not None:
                totals = [t + weight * p for t, p in zip(totals, node.outcome.payoffs)]
            if node.kind == "decision":
                i, k = self._infoset_of[id(node)]
                a = choices[i][k]
                if a is None:
                    raise GameError("a pure strategy left a reached information set without an action")
                stack.append((node.children[a], weight))
            elif node.kind == "chance":
                stack.extend((c, weight * p) for c, p in zip(node.children, node.probabilities) if p != 0)
        return tuple(_tidy(t) for t in totals)

    def to_normal_form(self) -> NormalFormGame:
        """The reduced strategic form, with strategies labelled as Gambit labels them.

        >>> from hegemony_games.games.extensive_form import decision, terminal
        >>> tree = ExtensiveFormGame(decision("A", {"L": terminal([1, 0]),
        ...     "R": decision("B", {"l": terminal([0, 1]), "r": terminal([2, 2])})}))
        >>> nf = tree.to_normal_form()
        >>> nf.strategies, nf.payoffs[0].tolist()
        ((('1', '2'), ('1', '2')), [[Fraction(1, 1), Fraction(1, 1)], [Fraction(0, 1), Fraction(2, 1)]])
        """
        strategies = [self.reduced_strategies(i) for i in range(self.num_players)]
        shape = tuple(len(s) for s in strategies)
        arrays = [np.empty(shape, dtype=object) for _ in range(self.num_players)]
        for index in itertools.product(*(range(n) for n in shape)):
            values = self.pure_payoffs([strategies[i][k] for i, k in enumerate(index)])
            for i, v in enumerate(values):
                arrays[i][index] = v
        labels = [[self.strategy_label(s) for s in player] for player in strategies]
        return NormalFormGame(arrays, labels, self.players, self.title)

    # ----------------------------------------------------------------- pictures
    def plot(self, equilibrium: Any = None, **kwargs: Any):
        """Draw the tree with matplotlib; see :func:`hegemony_games.analysis.tree_drawing.plot_tree`."""
        from ..analysis.tree_drawing import plot_tree
        return plot_tree(self, equilibrium, **kwargs)

    def to_dot(self, equilibrium: Any = None) -> str:
        """The tree as Graphviz DOT text; see :func:`hegemony_games.analysis.tree_drawing.to_dot`."""
        from ..analysis.tree_drawing import to_dot
        return to_dot(self, equilibrium)

    def to_latex(self, equilibrium: Any = None) -> str:
        """The tree as a standalone TikZ document; see :func:`hegemony_games.analysis.tree_drawing.to_latex`."""
        from ..analysis.tree_drawing import to_latex
        return to_latex(self, equilibrium)


def copy_subtree(node: Node, replace: Mapping[int, Node] | None = None) -> tuple[Node, dict[int, Node]]:
    """A structural copy of the subtree at ``node``; nodes whose id is in ``replace`` are swapped
    for the given node.  Returns the copy and the map from original ids to copies."""
    replace = replace or {}
    order, stack = [], [node]
    while stack:
        current = stack.pop()
        order.append(current)
        if id(current) not in replace:
            stack.extend(current.children)
    copies: dict[int, Node] = {}
    for current in reversed(order):
        if id(current) in replace:
            copies[id(current)] = replace[id(current)]
            continue
        copies[id(current)] = Node(current.kind, current.player, current.actions,
                                   [copies[id(c)] for c in current.children], current.probabilities,
                                   current.infoset, current.outcome, current.label, current.priority)
    return copies[id(node)], copies


def _object_vector(values: list) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def _tidy(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return Fraction(value)
    return value
