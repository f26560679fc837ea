"""Subgame-perfect equilibria of game trees: backward induction and subgame decomposition.

Selten (1965, 1975): a profile is subgame perfect when it induces a Nash equilibrium in
every subgame.  The solver works bottom-up over the subgames of the tree:

* at a *perfect-information node* (a decision node alone in its information set whose
  children all root subgames) and at a chance node with such children, it does backward
  induction.  Every combination of subgame-perfect continuations is kept, and the mover
  picks every action that is optimal against them (ties give several SPE; taking an argmax
  node by node would be wrong, because a tie below changes which choices above are
  optimal).  A ``priority`` at the node, or a player's rule, breaks ties instead, and the
  node is recorded as a broken tie;
* any other subgame is solved, for each combination of its own proper subgames'
  solutions, through its reduced normal form with the normal-form solvers (players without
  a choice there are left out; every extreme equilibrium when two players have a choice,
  every isolated equilibrium of small subgames when more do (``solve``'s automatic choice:
  polynomial support enumeration), and pure equilibria only, reported as incomplete, for
  larger ones; a degenerate subgame is
  reported, since its equilibria may form continua), and each equilibrium is turned into
  behaviour strategies (Kuhn 1953).

Every profile returned is verified to be a Nash equilibrium in every subgame (exactly, for
exact games), in time linear in the tree where information is perfect: the one-shot deviation
principle at backward-induction nodes, a regret computation in each decomposed subgame.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Mapping, Sequence

from ..errors import GameError
from ..games import behaviour
from ..games.extensive_form import ExtensiveFormGame, Node, copy_subtree, terminal
from ..games.normal_form import NormalFormGame
from ..limits import Deadline
from ..solution import Equilibrium, Solution

__all__ = ["spe_solve"]


@dataclass(frozen=True)
class _Plan:
    """One subgame-perfect continuation of a subgame: payoffs from its root on, and how it is played."""

    payoffs: tuple
    moves: tuple          # ((player, infoset, behaviour vector), ...) inside this subgame, not below sub-subgames
    below: tuple          # ((subgame root id, plan index), ...) for the proper subgames just below
    ties: tuple = ()      # paths of nodes where a priority broke a tie
    open_ties: tuple = ()  # paths of nodes where optimal actions were tied and no rule chose


#: After the time limit, the solver keeps one equilibrium per remaining subgame (linear time) for at
#: most this many more seconds before it gives up on the tree.
GRACE = 1.0


class _TooMany(Exception):
    """Raised when a subgame has more SPE than the limit; carries the first ``limit`` of them."""

    def __init__(self, plans: list):
        super().__init__()
        self.plans = plans


class _OutOfTime(_TooMany):
    """Raised once, when the time limit is reached; carries every plan of the subgame found so far."""


def spe_solve(game: ExtensiveFormGame, priorities: Mapping[str, Sequence[str]] | None = None,
              use_priorities: bool = True, exact: bool | None = None,
              max_equilibria: int = 100_000, timeout: float | None = None) -> Solution:
    """The subgame-perfect equilibria of a tree (see the module docstring).

    Parameters
    ----------
    priorities:
        A tie-breaking rule per player: ``{"Client": ["accept", "reject"]}`` ranks actions by
        name, most preferred first, at every node of that player that has no ``priority`` of
        its own (actions not listed come last, in their order).
    use_priorities:
        ``False`` ignores every priority and returns all pure SPE.
    exact:
        ``None`` follows the game's numbers; ``True`` converts floats to fractions.
    max_equilibria:
        Stop enumerating beyond this many (the solution is then marked incomplete).
    timeout:
        A time limit in seconds (``None``: none).  When it is reached, each subgame keeps the
        equilibria found so far and the subgames not yet solved keep one each (a linear-time
        pass), so the SPE returned are genuine but not all of them (``complete=False``, the
        message says so).  If even that pass is not done :data:`GRACE` seconds later, or the
        tree itself is too large to induce in time, no SPE is returned and the message says
        how many nodes were solved.

    >>> import hegemony_games as hg
    >>> from hegemony_games.games.extensive_form import decision, terminal
    >>> ultimatum = hg.ExtensiveFormGame(decision("Proposer", {
    ...     "fair": decision("Responder", {"accept": terminal([1, 1]), "reject": terminal([0, 0])}),
    ...     "greedy": decision("Responder", {"accept": terminal([2, 0]), "reject": terminal([0, 0])})}))
    >>> [e.details["path"] for e in spe_solve(ultimatum, use_priorities=False)]  # indifferent after greedy
    [['greedy', 'accept'], ['fair', 'accept']]
    >>> sol = spe_solve(ultimatum, priorities={"Responder": ["accept", "reject"]})
    >>> len(sol), sol[0].details["path"], sol[0].payoffs
    (1, ['greedy', 'accept'], (Fraction(2, 1), Fraction(0, 1)))
    """
    if not isinstance(game, ExtensiveFormGame):
        raise GameError(f"spe needs an ExtensiveFormGame, got {type(game).__name__}")
    game._require_numeric("compute subgame-perfect equilibria (symbolic trees are solved elsewhere)")
    if exact is None:
        exact = game.kind != "float"
    work = game.as_exact() if exact else game.as_float()
    work.require_perfect_recall("compute subgame-perfect equilibria")
    rules = {str(p): tuple(map(str, order)) for p, order in (priorities or {}).items()}
    unknown = set(rules) - set(work.players)
    if unknown:
        raise GameError(f"priorities name unknown players {sorted(unknown)}; players are {list(work.players)}")
    deadline = Deadline(timeout)
    if work.is_perfect_information() and max_equilibria >= 1:  # linear time, unless a tie is left open
        from .backward_induction import TimeLimitReached, backward_induction, induction_solution
        try:
            fast = backward_induction(work, rules, use_priorities, exact, deadline=deadline)
        except TimeLimitReached as stop:
            return Solution(work, (), "backward-induction", exact, complete=False, components=[],
                            message=f"{deadline.describe()} reached after {stop.done} of {len(work.nodes)} "
                                    "nodes of backward induction: no SPE found, the rest of the tree was not searched",
                            parameters={"use_priorities": use_priorities, "priorities": dict(rules)})
        if not fast.open_ties:
            return induction_solution(fast)
    solver = _Solver(work, rules if use_priorities else {}, use_priorities, exact, max_equilibria, deadline)
    return solver.run()


class _Solver:
    def __init__(self, game: ExtensiveFormGame, rules: dict, use_priorities: bool, exact: bool, limit: int,
                 deadline: Deadline | None = None):
        self.game, self.rules, self.use_priorities, self.exact, self.limit = game, rules, use_priorities, exact, limit
        self.deadline = deadline or Deadline(None)
        self.hard = Deadline(None if self.deadline.timeout is None
                             else max(0.0, self.deadline.timeout - self.deadline.elapsed()) + GRACE)
        self.out_of_time = False
        self.tol = game.tolerance(1e-9)
        self.roots = {id(n) for n in game.subgame_roots()}
        self.plans: dict[int, list[_Plan]] = {}
        self.complete = True
        self.notes: list[str] = []
        self.methods: set[str] = set()
        self._checked: dict[tuple, Any] = {}
        self.continua = False   # some subgame solved by decomposition has a continuum of equilibria

    def _note(self, text: str) -> None:
        if text not in self.notes:  # a subgame is solved once per combination of the ones below it
            self.notes.append(text)

    # ------------------------------------------------------------- bottom-up pass
    def run(self) -> Solution:
        game = self.game
        for done, node in enumerate(reversed(game.nodes)):  # children before parents
            if done % 1000 == 0 and self.hard.expired():
                self.notes.append(f"{self.deadline.describe()} reached after {done} of {len(game.nodes)} "
                                  "nodes: no SPE assembled, the rest of the tree was not searched")
                self.plans = {}
                self.complete = False
                break
            if id(node) in self.roots:
                try:
                    self.plans[id(node)] = self._solve_subgame(node)
                except _TooMany as stop:
                    # keep the first `limit` SPE of this subgame: every combination above is still
                    # subgame perfect, only the list is partial
                    self.plans[id(node)] = stop.plans if isinstance(stop, _OutOfTime) else stop.plans[: self.limit]
                    if self.complete:
                        self.notes.append(f"stopped after {self.limit} equilibria (max_equilibria)")
                    self.complete = False
        equilibria = self._assemble()
        open_ties = sorted({" > ".join(p) or "root" for e in equilibria for p in e.details["open_ties"]})
        if open_ties:
            self.notes.append("players are indifferent at " + "; ".join(open_ties) + ": mixtures over the "
                              "tied actions are also subgame perfect (a continuum); the pure ones are listed")
        method = "backward-induction" if self.methods <= {"backward-induction"} else "subgame-decomposition"
        return Solution(game, tuple(equilibria), method, self.exact, degenerate=bool(open_ties) or self.continua,
                        components=[], complete=self.complete, message="; ".join(self.notes),
                        parameters={"use_priorities": self.use_priorities, "priorities": dict(self.rules)})

    def _solve_subgame(self, node: Node) -> list[_Plan]:
        game = self.game
        if node.kind == "terminal":
            return [_Plan(self._own(node), (), ())]
        if self._is_induction_node(node):
            self.methods.add("backward-induction")
            return self._induction_step(node)
        self.methods.add("subgame-decomposition")
        return self._equilibrium_step(node)

    def _is_induction_node(self, node: Node) -> bool:
        """A chance node, or a decision node alone in its information set, whose children all root subgames."""
        if node.kind == "terminal" or not all(id(c) in self.roots for c in node.children):
            return False
        if node.kind == "chance":
            return True
        i, s = self.game.infoset_of(node)
        return len(self.game.infosets[i][s].nodes) == 1

    def _own(self, node: Node) -> tuple:
        zero = Fraction(0) if self.exact else 0.0
        return node.outcome.payoffs if node.outcome is not None else (zero,) * self.game.num_players

    def _induction_step(self, node: Node) -> list[_Plan]:
        game = self.game
        children = [self.plans[id(c)] for c in node.children]
        own = self._own(node)
        plans = []
        if node.kind == "chance":
            for combo in itertools.product(*(range(len(p)) for p in children)):
                values = [children[a][k].payoffs for a, k in enumerate(combo)]
                payoffs = tuple(o + sum(p * v[i] for p, v in zip(node.probabilities, values))
                                for i, o in enumerate(own))
                plans.append(_Plan(payoffs, (), tuple((id(c), k) for c, k in zip(node.children, combo)),
                                   _merge(children, combo, "ties"), _merge(children, combo, "open_ties")))
                self._check_limit(plans)
            return plans
        i, s = game.infoset_of(node)
        order = self._priority(node)
        path = None  # computed on the first tie only: it costs the node's depth
        for combo in itertools.product(*(range(len(p)) for p in children)):
            values = [children[a][k].payoffs[i] for a, k in enumerate(combo)]
            best = max(values)
            optimal = [a for a, v in enumerate(values) if v >= best - self.tol]
            chosen = [min(optimal, key=order.index)] if order is not None else optimal
            if len(optimal) > 1 and path is None:
                path = tuple(game.path_to(node))
            for a in chosen:
                ties = _merge(children, combo, "ties") + ((path,) if order is not None and len(optimal) > 1 else ())
                open_ties = _merge(children, combo, "open_ties") + ((path,) if order is None and len(optimal) > 1 else ())
                vector = tuple(Fraction(int(b == a)) if self.exact else float(b == a) for b in range(len(node.actions)))
                payoffs = tuple(o + v for o, v in zip(own, children[a][combo[a]].payoffs))
                plans.append(_Plan(payoffs, ((i, s, vector),),
                                   tuple((id(c), k) for c, k in zip(node.children, combo)), ties, open_ties))
                self._check_limit(plans)
        return plans

    def _priority(self, node: Node) -> list[int] | None:
        return node.tie_order(self.rules) if self.use_priorities else None

    def _equilibrium_step(self, node: Node) -> list[_Plan]:
        """Solve the subgame at ``node`` through its reduced normal form, once per combination
        of solutions of the proper subgames just below it."""
        from ..api import solve  # the normal-form entry point; imported late (api imports solvers)
        game = self.game
        below = self._subgames_just_below(node)
        plans = []
        for combo in itertools.product(*(range(len(self.plans[id(b)])) for b in below)):
            chosen = [self.plans[id(b)][k] for b, k in zip(below, combo)]
            leaves = {id(b): terminal(list(p.payoffs)) for b, p in zip(below, chosen)}
            root, copies = copy_subtree(node, leaves)
            truncated = ExtensiveFormGame(root, game.players)
            mixed_profiles = self._normal_form_equilibria(truncated, solve, node)
            # the truncated tree's information sets, mapped back to the original game's indices
            original = {id(copy): orig for orig_id, copy in copies.items()
                        for orig in [self._node_by_id(orig_id)] if orig is not None}
            ties = tuple(t for p in chosen for t in p.ties)
            open_ties = tuple(t for p in chosen for t in p.open_ties)
            seen = set()
            for mixed in mixed_profiles:
                moves = []
                for i, sets in enumerate(truncated.infosets):
                    behaviour_i = behaviour.mixed_to_behaviour(truncated, i, mixed[i])
                    for infoset, vector in zip(sets, behaviour_i):
                        source = original[id(infoset.nodes[0])]
                        moves.append((*game.infoset_of(source), tuple(vector)))
                moves = tuple(moves)
                if moves in seen:  # distinct mixed equilibria can give one behaviour profile (Kuhn)
                    continue
                seen.add(moves)
                payoffs = behaviour.expected_payoffs(truncated, [behaviour.mixed_to_behaviour(truncated, i, m)
                                                                 for i, m in enumerate(mixed)])
                plans.append(_Plan(tuple(payoffs), moves,
                                   tuple((id(b), k) for b, k in zip(below, combo)), ties, open_ties))
                self._check_limit(plans)
        return plans

    def _normal_form_equilibria(self, truncated: ExtensiveFormGame, solve, node: Node) -> list[tuple]:
        """Every equilibrium the normal-form solvers find for the truncated subgame, as mixed
        profiles of its reduced normal form (all players, in order).

        Players without a choice in the subgame (one reduced strategy) are left out before
        solving, so a two-player stage inside a game of more players is solved completely.
        """
        normal = truncated.to_normal_form()
        active = [i for i, n in enumerate(normal.shape) if n > 1]
        one = Fraction(1) if self.exact else 1.0
        if not active:
            return [tuple((one,) for _ in normal.shape)]
        if len(active) < normal.num_players:
            fixed = tuple(slice(None) if i in active else 0 for i in range(normal.num_players))
            normal = NormalFormGame([normal.payoffs[i][fixed] for i in active],
                                    [normal.strategies[i] for i in active],
                                    [normal.players[i] for i in active])
        remaining = None if self.deadline.timeout is None else max(0.0, self.deadline.timeout - self.deadline.elapsed())
        solution = solve(normal, exact=self.exact, timeout=remaining)
        where = " > ".join(self.game.path_to(node)) or "root"
        if not solution.complete:
            self.complete = False
            self._note(f"subgame at {where}: {solution.message}")
        if solution.degenerate and len(solution) > 1:
            self.continua = True
            self._note(f"the subgame at {where} is degenerate: its equilibria may form continua, "
                       "of which the extreme points are combined here")
        profiles = []
        for eq in solution:
            vectors = iter(eq.strategies)
            profiles.append(tuple(tuple(next(vectors)) if i in active else (one,)
                                  for i in range(len(truncated.players))))
        return profiles

    def _node_by_id(self, key: int) -> Node | None:
        if not hasattr(self, "_by_id"):
            self._by_id = {id(n): n for n in self.game.nodes}
        return self._by_id.get(key)

    def _subgames_just_below(self, node: Node) -> list[Node]:
        found, stack = [], list(reversed(node.children))
        while stack:
            current = stack.pop()
            if id(current) in self.roots:
                found.append(current)
            else:
                stack.extend(reversed(current.children))
        return found

    def _check_limit(self, plans: list) -> None:
        if len(plans) > self.limit:
            raise _TooMany(plans)
        if not self.out_of_time and self.deadline.expired():
            # from now on one SPE per subgame: the enumeration of ties is what explodes
            self.out_of_time, self.limit, self.complete = True, 1, False
            self.notes.append(f"{self.deadline.describe()} reached: the SPE found by then are listed, "
                              "ties in the subgames not yet solved were not searched (one SPE kept for each)")
            raise _OutOfTime(plans)

    # ------------------------------------------------------------- assembling profiles
    def _assemble(self) -> list[Equilibrium]:
        game = self.game
        root_plans = self.plans.get(id(game.root), [])
        equilibria = []
        for plan in root_plans:
            if self.hard.expired():
                self.complete = False
                self._note(f"{self.deadline.describe()} reached while verifying: {len(root_plans) - len(equilibria)} "
                           "of the SPE found were not verified and are left out")
                break
            profile = [[None] * len(sets) for sets in game.infosets]
            stack = [plan]
            while stack:
                current = stack.pop()
                for i, s, vector in current.moves:
                    profile[i][s] = vector
                stack.extend(self.plans[b][k] for b, k in current.below)
            strategies = tuple(tuple(v) for v in profile)
            path = self._path(strategies)
            eq = Equilibrium(game, strategies, behaviour.expected_payoffs(game, strategies),
                             details={"path": path, "ties_broken": [list(t) for t in plan.ties],
                                      "open_ties": [list(t) for t in plan.open_ties]})
            self._verify(eq)
            equilibria.append(eq)
        return equilibria

    def _path(self, strategies: tuple) -> list[str]:
        """The actions along the equilibrium path, while it is pure and has no chance move."""
        node, path = self.game.root, []
        while node.kind == "decision":
            i, s = self.game.infoset_of(node)
            vector = strategies[i][s]
            if sum(1 for p in vector if p > 0) != 1:
                break
            a = next(k for k, p in enumerate(vector) if p > 0)
            path.append(node.actions[a])
            node = node.children[a]
        return path

    def _verify(self, eq: Equilibrium) -> None:
        """Check that ``eq`` induces a Nash equilibrium in every subgame, in time linear in the tree.

        One bottom-up pass computes every node's continuation payoffs under the profile.  At a
        node solved by backward induction, every action played must be optimal for the mover
        against those continuations (the one-shot deviation principle, equivalent to subgame
        perfection in finite games with perfect recall); at a subgame solved by decomposition,
        the profile must have zero regret in that subgame with its own proper subgames
        replaced by their continuation payoffs.  Since every proper subgame is checked on its
        own, a deviation inside it cannot gain either, so this is Selten's condition.
        Exactly zero for exact games; within the tolerance for floats.
        """
        game = self.game
        values = self._continuation_values(eq.strategies)
        for node in game.nodes:
            if id(node) not in self.roots or node.kind == "terminal":
                continue
            if self._is_induction_node(node):
                if node.kind == "chance":
                    continue
                i, s = game.infoset_of(node)
                options = [values[id(c)][i] for c in node.children]
                best = max(options)
                gain = max(best - v for v, p in zip(options, eq.strategies[i][s]) if p > 0)
            else:
                gain = self._decomposed_regret(node, eq.strategies, values)
            if (self.exact and gain != 0) or (not self.exact and gain > self.tol * 10):
                where = " > ".join(game.path_to(node)) or "root"
                raise AssertionError(f"internal error: a computed SPE has regret {gain} in the subgame "
                                     f"at {where}")

    def _decomposed_regret(self, node: Node, strategies: tuple, values: dict):
        """The largest regret in the subgame at ``node`` with its proper subgames replaced by
        their continuation payoffs (many SPE share a subgame's play: each case is checked once)."""
        game = self.game
        below = self._subgames_just_below(node)
        inside = self._infosets_between(node)
        key = (id(node), tuple(values[id(b)] for b in below), tuple(strategies[i][s] for i, s in inside))
        if key not in self._checked:
            leaves = {id(b): terminal(list(values[id(b)])) for b in below}
            root, copies = copy_subtree(node, leaves)
            truncated = ExtensiveFormGame(root, game.players)
            original = {id(copy): orig for orig_id, copy in copies.items()
                        for orig in [self._node_by_id(orig_id)] if orig is not None}
            restricted = [[strategies[i][game.infoset_of(original[id(infoset.nodes[0])])[1]]
                           for infoset in sets] for i, sets in enumerate(truncated.infosets)]
            self._checked[key] = max(behaviour.regrets(truncated, restricted))
        return self._checked[key]

    def _infosets_between(self, node: Node) -> list[tuple[int, int]]:
        """``(player, information set)`` of the decision nodes in the subgame at ``node`` that
        lie above its proper subgames."""
        found, stack = [], [node]
        while stack:
            current = stack.pop()
            if current is not node and id(current) in self.roots:
                continue
            if current.kind == "decision" and self.game.infoset_of(current) not in found:
                found.append(self.game.infoset_of(current))
            stack.extend(current.children)
        return found

    def _continuation_values(self, strategies: tuple) -> dict[int, tuple]:
        """Every node's payoffs from it on (its own outcome included) under a behaviour profile."""
        game, values = self.game, {}
        for node in reversed(game.nodes):  # children before parents
            own = self._own(node)
            if node.kind == "terminal":
                values[id(node)] = own
                continue
            if node.kind == "chance":
                weights = node.probabilities
            else:
                i, s = game.infoset_of(node)
                weights = strategies[i][s]
            values[id(node)] = tuple(o + sum(w * values[id(c)][j] for w, c in zip(weights, node.children) if w != 0)
                                     for j, o in enumerate(own))
        return values


def _merge(children: list, combo: tuple, field: str) -> tuple:
    return tuple(t for a, k in enumerate(combo) for t in getattr(children[a][k], field))
