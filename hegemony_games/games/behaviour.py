"""Behaviour strategies on game trees: payoffs, realization probabilities, beliefs, regrets.

A *behaviour profile* gives each player one probability vector per information set, players
and information sets in the game's order (Kuhn 1953).  Under perfect recall, behaviour and
mixed strategies are equivalent (Kuhn's theorem), and a player's best response is found by
backward induction over her own information sets (deepest first), each weighted by the
probability that chance and the other players reach its nodes.
"""
from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any, Sequence

import sympy

from ..errors import GameError
from ..numbers import EXACT, FLOAT, SYMBOLIC, as_array

if TYPE_CHECKING:
    from .extensive_form import ExtensiveFormGame, Node

__all__ = ["validate", "expected_payoffs", "realization_probabilities", "beliefs",
           "best_response", "regrets", "mixed_to_behaviour", "pure_behaviour"]


def validate(game: "ExtensiveFormGame", profile: Sequence[Sequence[Sequence[Any]]]) -> tuple:
    """Check shapes and probabilities; return the profile as tuples of numbers of the game's kind."""
    if len(profile) != game.num_players:
        raise GameError(f"a behaviour profile needs one list per player ({game.num_players}), got {len(profile)}")
    kind = FLOAT if game.kind == FLOAT else EXACT
    out = []
    for i, (vectors, sets) in enumerate(zip(profile, game.infosets)):
        if len(vectors) != len(sets):
            raise GameError(f"{game.players[i]} has {len(sets)} information sets, the profile gives {len(vectors)}")
        player = []
        for k, (vector, infoset) in enumerate(zip(vectors, sets)):
            values, vkind = as_array(list(vector))
            if vkind != SYMBOLIC:
                values, _ = as_array(values, kind)
            if values.shape != (len(infoset.actions),):
                raise GameError(f"information set {k} of {game.players[i]} has {len(infoset.actions)} "
                                f"actions, the profile gives {values.shape[0] if values.ndim else 0} numbers")
            vector = tuple(values.tolist())
            if vkind != SYMBOLIC:
                total = sum(vector)
                if any(p < 0 for p in vector) or (total != 1 if kind == EXACT else abs(total - 1) > 1e-9):
                    raise GameError(f"the behaviour of {game.players[i]} at information set {k} is not a "
                                    f"probability vector: {list(map(str, vector))}")
            player.append(vector)
        out.append(tuple(player))
    return tuple(out)


def _move_probability(game: "ExtensiveFormGame", profile: tuple, node: "Node", k: int,
                      skip_player: int | None = None):
    if node.kind == "chance":
        return node.probabilities[k]
    i, s = game.infoset_of(node)
    return 1 if i == skip_player else profile[i][s][k]


def realization_probabilities(game: "ExtensiveFormGame", profile) -> list:
    """The probability of reaching each node (in ``game.nodes`` order) under the profile."""
    profile = validate(game, profile)
    return _reach(game, profile)


def _reach(game: "ExtensiveFormGame", profile: tuple, skip_player: int | None = None) -> list:
    reach = {id(game.root): 1}
    for node in game.nodes:  # prefix order: parents first
        weight = reach[id(node)]
        for k, child in enumerate(node.children):
            reach[id(child)] = weight * _move_probability(game, profile, node, k, skip_player)
    return [_tidy(reach[id(n)]) for n in game.nodes]


def expected_payoffs(game: "ExtensiveFormGame", profile) -> tuple:
    """Every player's expected payoff; outcomes on the path add up."""
    profile = validate(game, profile)
    reach = _reach(game, profile)
    totals = [0] * game.num_players
    for node, weight in zip(game.nodes, reach):
        if node.outcome is not None and weight != 0:
            totals = [t + weight * p for t, p in zip(totals, node.outcome.payoffs)]
    return tuple(_tidy(t) for t in totals)


def beliefs(game: "ExtensiveFormGame", profile) -> tuple:
    """Bayes-rule beliefs: per player, per information set, a probability per node (``None`` if unreached)."""
    profile = validate(game, profile)
    reach = dict(zip(map(id, game.nodes), _reach(game, profile)))
    out = []
    for sets in game.infosets:
        player = []
        for infoset in sets:
            weights = [reach[id(n)] for n in infoset.nodes]
            total = sum(weights)
            player.append(None if total == 0 else tuple(_tidy(w / total) for w in weights))
        out.append(tuple(player))
    return tuple(out)


def best_response(game: "ExtensiveFormGame", profile, player: int) -> tuple[Any, tuple]:
    """``(value, pure behaviour)`` of a best response of ``player`` to the others' behaviour.

    Needs perfect recall: the player's information sets are decided deepest first, each by
    the action with the highest reach-weighted continuation value.
    """
    game.require_perfect_recall("compute best responses")
    profile = validate(game, profile)
    reach_others = dict(zip(map(id, game.nodes), _reach(game, profile, skip_player=player)))
    sets = game.infosets[player]
    choice: dict[int, int] = {}
    memo: dict[int, Any] = {}

    def value(node: "Node"):
        """The player's payoff from ``node`` on (outcomes below it), under the decided actions."""
        key = id(node)
        if key in memo:
            return memo[key]
        own = node.outcome.payoffs[player] if node.outcome is not None else 0
        if node.kind == "terminal":
            result = own
        elif node.kind == "chance":
            result = own + sum(p * value(c) for p, c in zip(node.probabilities, node.children) if p != 0)
        else:
            i, s = game.infoset_of(node)
            if i == player:
                result = own + value(node.children[choice[s]])
            else:
                result = own + sum(p * value(c) for p, c in zip(profile[i][s], node.children) if p != 0)
        memo[key] = result
        return result

    for s in reversed(range(len(sets))):  # prefix order of first appearance is topological
        infoset = sets[s]
        scores = [sum(reach_others[id(n)] * value(n.children[a]) for n in infoset.nodes)
                  for a in range(len(infoset.actions))]
        choice[s] = max(range(len(scores)), key=lambda a: (scores[a], -a))
    pure = tuple(tuple(1 if a == choice[s] else 0 for a in range(len(sets[s].actions)))
                 for s in range(len(sets)))
    deviation = [list(v) for v in profile]
    deviation[player] = list(pure)
    return expected_payoffs(game, deviation)[player], pure


def regrets(game: "ExtensiveFormGame", profile) -> tuple:
    """For each player, the best-response payoff minus her expected payoff (≥ 0)."""
    game._require_numeric("compute regrets")
    payoffs = expected_payoffs(game, profile)
    return tuple(_tidy(best_response(game, profile, i)[0] - payoffs[i]) for i in range(game.num_players))


def mixed_to_behaviour(game: "ExtensiveFormGame", player: int, mixed: Sequence[Any]) -> tuple:
    """Kuhn's conversion of a mixed strategy over the reduced strategies of ``game.to_normal_form()``.

    An information set the player's own mixture never reaches gets its first action.
    """
    strategies = game.reduced_strategies(player)
    if len(mixed) != len(strategies):
        raise GameError(f"{game.players[player]} has {len(strategies)} reduced strategies, got {len(mixed)} weights")
    out = []
    for s, infoset in enumerate(game.infosets[player]):
        reach = sum(w for w, strat in zip(mixed, strategies) if strat[s] is not None)
        if reach == 0:
            out.append(tuple(_unit(len(infoset.actions), 0, mixed)))
            continue
        out.append(tuple(_tidy(sum(w for w, strat in zip(mixed, strategies) if strat[s] == a) / reach)
                         for a in range(len(infoset.actions))))
    return tuple(out)


def pure_behaviour(game: "ExtensiveFormGame", player: int, actions: Sequence[int]) -> tuple:
    """The behaviour strategy playing action ``actions[s]`` at information set ``s``."""
    return tuple(tuple(Fraction(1) if a == k else Fraction(0) for a in range(len(infoset.actions)))
                 for k, infoset in zip(actions, game.infosets[player]))


def _unit(n: int, k: int, like: Sequence[Any]) -> list:
    one, zero = (1.0, 0.0) if any(isinstance(w, float) for w in like) else (Fraction(1), Fraction(0))
    return [one if a == k else zero for a in range(n)]


def _tidy(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, sympy.Basic):
        return sympy.simplify(value)
    return value
