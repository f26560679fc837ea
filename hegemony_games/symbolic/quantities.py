"""Naming an equilibrium quantity of a piecewise (symbolic) solution.

A *quantity* is what users ask about when they read a piecewise solution: a probability, a
payoff, a threshold.  It can be named in four ways:

* ``("strategy", player, index)``: the probability that ``player`` (an index or a name) plays
  pure strategy ``index`` (an index or a label) in a normal-form game;
* ``("strategy", player, infoset, action)``: in a tree, the probability of ``action`` at the
  player's ``infoset``-th information set (indices, or an action label);
* ``("payoff", player)``: the player's expected payoff;
* a callable taking an :class:`~hegemony_games.Equilibrium` and returning a sympy expression,
  or a sympy expression in the parameters itself (a threshold, the same on every piece).

>>> import sympy
>>> from types import SimpleNamespace
>>> game = SimpleNamespace(players=("Row", "Col"), strategies=(("U", "D"), ("L", "R")))
>>> v = sympy.Symbol("v")
>>> eq = SimpleNamespace(game=game, strategies=((v, 1 - v), (1, 0)), payoffs=(v, 2))
>>> quantity_of(("strategy", "Row", "D"), eq)
1 - v
>>> quantity_of(("payoff", 1), eq)
2
>>> describe(("strategy", "Row", "D"), game)
'P(Row plays D)'
"""
from __future__ import annotations

from typing import Any, Callable, Union

import sympy

from ..errors import GameError

__all__ = ["Quantity", "quantity_of", "describe", "select_equilibria"]

Quantity = Union[tuple, Callable[[Any], Any], sympy.Expr]


def quantity_of(quantity: Quantity, equilibrium: Any) -> sympy.Expr:
    """The sympy expression of ``quantity`` at one (symbolic) equilibrium."""
    if isinstance(quantity, sympy.Basic):
        return sympy.sympify(quantity)
    if callable(quantity):
        try:
            return sympy.sympify(quantity(equilibrium))
        except (sympy.SympifyError, TypeError) as error:
            raise GameError(f"the quantity function must return a number or a sympy expression: {error}") from None
    if not isinstance(quantity, tuple) or not quantity:
        raise GameError(f"a quantity is ('strategy', player, index), ('payoff', player), a sympy expression "
                        f"or a function of an Equilibrium; got {quantity!r}")
    game = equilibrium.game
    kind, rest = quantity[0], quantity[1:]
    if kind == "payoff" and len(rest) == 1:
        return sympy.sympify(equilibrium.payoffs[_player(game, rest[0])])
    if kind == "strategy" and len(rest) in (2, 3):
        player = _player(game, rest[0])
        vectors = equilibrium.strategies[player]
        if len(rest) == 3:   # a tree: one vector per information set
            infoset = _index(rest[1], len(vectors), "information set")
            vector = vectors[infoset]
            labels = _infoset_actions(game, player, infoset)
        else:
            vector = vectors
            if vector and isinstance(vector[0], (list, tuple)):
                raise GameError("in a tree, name a probability as ('strategy', player, infoset, action)")
            labels = _strategy_labels(game, player)
        return sympy.sympify(vector[_index(rest[-1], len(vector), "strategy", labels)])
    raise GameError(f"unknown quantity {quantity!r}: use ('strategy', player, index), "
                    f"('strategy', player, infoset, action) for trees, or ('payoff', player)")


def describe(quantity: Quantity, game: Any = None) -> str:
    """A short readable name of ``quantity`` (for tables and axis labels)."""
    if isinstance(quantity, sympy.Basic):
        return str(quantity)
    if callable(quantity):
        return getattr(quantity, "__name__", "quantity")
    if isinstance(quantity, tuple) and quantity and quantity[0] in ("payoff", "strategy"):
        players = getattr(game, "players", None)
        who = quantity[1]
        if players is not None and isinstance(who, int) and 0 <= who < len(players):
            who = players[who]
        if quantity[0] == "payoff":
            return f"u({who})"
        what = quantity[-1]
        if len(quantity) == 3 and isinstance(what, int) and game is not None and hasattr(game, "strategies"):
            labels = game.strategies[_player(game, quantity[1])]
            if 0 <= what < len(labels):
                what = labels[what]
        where = f" at information set {quantity[2]}" if len(quantity) == 4 else ""
        return f"P({who} plays {what}{where})"
    return repr(quantity)


def select_equilibria(equilibria: tuple, which: Any) -> list[tuple[int, Any]]:
    """``(index, equilibrium)`` pairs of a piece chosen by ``which``.

    ``which`` is ``None`` (all), an index into the piece's equilibria, or a predicate on an
    :class:`~hegemony_games.Equilibrium`.
    """
    if which is None:
        return list(enumerate(equilibria))
    if isinstance(which, int):
        return [(which, equilibria[which])] if -len(equilibria) <= which < len(equilibria) else []
    if callable(which):
        return [(k, e) for k, e in enumerate(equilibria) if which(e)]
    raise GameError(f"equilibrium must be None, an index or a predicate on an Equilibrium; got {which!r}")


def _player(game: Any, who: Any) -> int:
    players = tuple(getattr(game, "players", ()))
    if isinstance(who, int) and not isinstance(who, bool):
        if 0 <= who < len(players) or not players:
            return who
        raise GameError(f"player index {who} out of range: the players are {list(players)}")
    if who in players:
        return players.index(who)
    raise GameError(f"unknown player {who!r}: the players are {list(players)}")


def _index(what: Any, size: int, name: str, labels: tuple = ()) -> int:
    if isinstance(what, int) and not isinstance(what, bool):
        if 0 <= what < size:
            return what
        raise GameError(f"{name} index {what} out of range (there are {size})")
    if what in labels:
        return tuple(labels).index(what)
    raise GameError(f"unknown {name} {what!r}" + (f": the labels are {list(labels)}" if labels else ""))


def _strategy_labels(game: Any, player: int) -> tuple:
    strategies = getattr(game, "strategies", None)
    return tuple(strategies[player]) if strategies is not None else ()


def _infoset_actions(game: Any, player: int, infoset: int) -> tuple:
    sets = getattr(game, "infosets", None)
    try:
        return tuple(sets[player][infoset].actions)
    except (TypeError, IndexError, AttributeError, KeyError):
        return ()
