"""The result types every solver returns: :class:`Equilibrium` and :class:`Solution`."""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Iterator, Sequence

from .errors import GameError
from .numbers import format_number

__all__ = ["Equilibrium", "Solution"]


@dataclass(frozen=True, eq=False)
class Equilibrium:
    """One equilibrium of a game.

    ``strategies`` holds one probability vector per player (normal form) or, for a tree,
    per player one vector per information set; ``payoffs`` one expected payoff per player;
    ``details`` what the solver adds (for subgame-perfect equilibria: ``path``, the actions
    played, ``ties_broken`` and ``open_ties``, the nodes where a tie was broken by a rule or left open).
    Numbers are ``Fraction`` when exact, ``float`` otherwise, sympy expressions when symbolic.
    """

    game: Any
    strategies: tuple
    payoffs: tuple
    details: dict = field(default_factory=dict)   # solver-specific facts, e.g. the SPE's path and broken ties

    def max_regret(self):
        """The largest gain any player could get by deviating (0 exactly when exact)."""
        return self.game.max_regret(self.strategies)

    def regrets(self) -> tuple:
        return self.game.regrets(self.strategies)

    def support(self) -> tuple:
        """Indices of the pure strategies played with positive probability, per player.

        For a tree's behaviour profile: per player, one tuple of actions per information set.
        """
        def indices(v):
            if v and isinstance(v[0], (list, tuple)):
                return tuple(indices(w) for w in v)
            return tuple(k for k, p in enumerate(v) if _positive(p))
        return tuple(indices(v) for v in self.strategies)

    def is_pure(self) -> bool:
        """Whether every player (at every information set, for a tree) plays one action for sure."""
        def pure(s):
            return all(pure(t) for t in s) if s and isinstance(s[0], tuple) else len(s) == 1
        return all(pure(s) for s in self.support())

    def key(self) -> tuple:
        """A hashable key: the probabilities themselves (exact) or rounded to 9 digits (float)."""
        return tuple(_key(v) for v in self.strategies)

    def to_dict(self) -> dict:
        return {"strategies": [_json_vector(v) for v in self.strategies],
                "payoffs": [_json_number(u) for u in self.payoffs]}

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Equilibrium):
            return NotImplemented
        return self.game is other.game and self.key() == other.key()

    def __hash__(self) -> int:
        return hash(self.key())

    def __repr__(self) -> str:
        parts = [_vector(v) for v in self.strategies]
        pay = ", ".join(format_number(u) for u in self.payoffs)
        return f"Equilibrium([{', '.join(parts)}], payoffs=({pay}))"


@dataclass(frozen=True, eq=False)
class Solution(Sequence):
    """The equilibria a solver found, with how they were found.

    A ``Solution`` is a sequence of :class:`Equilibrium`.  It records the ``method`` and its
    ``parameters``, whether arithmetic was ``exact``, whether the game is ``degenerate``
    (``None`` when the method does not decide it), the equilibrium ``components`` (lists of
    indices of extreme equilibria whose convex hull consists of equilibria: the maximal
    Nash subsets), whether the search was ``complete`` and a ``message`` on anything partial.
    """

    game: Any
    equilibria: tuple
    method: str
    exact: bool
    degenerate: bool | None = None
    components: list = field(default_factory=list)
    parameters: dict = field(default_factory=dict)
    complete: bool = True
    message: str = ""
    pieces: Any = None

    def __len__(self) -> int:
        return len(self.equilibria)

    def __iter__(self) -> Iterator[Equilibrium]:
        return iter(self.equilibria)

    def __getitem__(self, index):
        return self.equilibria[index]

    def to_dict(self) -> dict:
        """The JSON-ready form documented in DESIGN.md (exact numbers as strings like "2/3")."""
        game = self.game
        return {"players": list(game.players),
                "strategies": [list(s) for s in _strategy_labels(game)],
                "method": self.method, "exact": self.exact,
                "degenerate": self.degenerate,
                "complete": self.complete, "message": self.message,
                "equilibria": [e.to_dict() for e in self.equilibria],
                "components": [list(c) for c in self.components]}

    def table_rows(self) -> tuple[list[str], list[list[str]]]:
        game = self.game
        header = ["#"] + [f"{p} strategy" for p in game.players] + [f"u({p})" for p in game.players]
        rows = []
        for k, e in enumerate(self.equilibria):
            cells = [str(k)]
            for v in e.strategies:
                cells.append(_vector(v))
            cells += [format_number(u) for u in e.payoffs]
            rows.append(cells)
        return header, rows

    def __str__(self) -> str:
        header, rows = self.table_rows()
        arithmetic = "exact" if self.exact else "float"
        lines = [f"{len(self)} equilibri{'um' if len(self) == 1 else 'a'} by {self.method} ({arithmetic})"
                 + ("" if self.degenerate is None else
                    "; the game is degenerate" if self.degenerate else "; the game is nondegenerate")]
        if rows:
            widths = [max(len(r[k]) for r in [header] + rows) for k in range(len(header))]
            lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in [header] + rows]
        for k, e in enumerate(self.equilibria):
            path = e.details.get("path")   # subgame-perfect equilibria of a tree
            ties = "; ".join(" > ".join(t) or "root" for t in e.details.get("ties_broken", []))
            if path or ties:
                lines.append(f"equilibrium {k}: path {' > '.join(path or []) or '(starts with chance)'}"
                             + (f"; ties broken by priority at: {ties}" if ties else ""))
        if self.degenerate and self.components:
            lines.append("maximal convex sets of equilibria (by index): "
                         + "; ".join("{" + ", ".join(map(str, c)) + "}" for c in self.components))
        if not self.complete:
            lines.append(f"INCOMPLETE: {self.message}")
        elif self.message:
            lines.append(self.message)
        return "\n".join(lines)

    def __repr__(self) -> str:
        return (f"<Solution: {len(self)} equilibria, method={self.method!r}, exact={self.exact}, "
                f"degenerate={self.degenerate}, complete={self.complete}>")

    def _repr_html_(self) -> str:
        header, rows = self.table_rows()
        head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
        body = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in rows)
        caption = html.escape(str(self).splitlines()[0])
        return f"<table><caption>{caption}</caption><tr>{head}</tr>{body}</table>"

    # --- symbolic solutions: the solution at a point, the regions ---------------------------------
    def at(self, point: dict) -> "Solution":
        """The exact solution at one parameter point of a symbolic solution (one with ``pieces``).

        The equilibria of the pieces whose region holds at ``point`` (keys: symbols or their
        names; values: ints, ``Fraction``s, decimal strings or sympy numbers), substituted and
        verified on the game at that point; exact at rational points.  A point outside the
        assumptions, or without a value for some parameter, raises :class:`GameError`.
        See :func:`hegemony_games.symbolic.pieces.solution_at`.
        """
        from .symbolic.pieces import solution_at
        return solution_at(self, point)

    def regions(self):
        """A readable description of the regions of a symbolic solution: ``str()`` of the result is
        a table of each region's condition and its equilibria (see
        :class:`hegemony_games.symbolic.pieces.Regions`)."""
        from .symbolic.pieces import Regions
        return Regions.of(self)

    # --- symbolic solutions (pieces): evaluation, comparative statics, LaTeX ---------------------
    def compile(self, atol: float = 0.0):
        """The pieces compiled to numpy for evaluation over arrays of parameter values
        (see :mod:`hegemony_games.symbolic.compile`)."""
        from .symbolic.compile import compile_solution
        return compile_solution(self, atol=atol)

    def comparative_statics(self, quantity, parameter, equilibrium=None, assumptions=None):
        """The derivative of an equilibrium quantity in ``parameter`` on every piece, with its sign
        (see :mod:`hegemony_games.symbolic.statics`)."""
        from .symbolic.statics import comparative_statics
        return comparative_statics(self, quantity, parameter, equilibrium=equilibrium, assumptions=assumptions)

    def _repr_latex_(self) -> str | None:
        """The pieces as a LaTeX array (region | equilibria), for notebooks; None when not symbolic."""
        if self.pieces is None:
            return None
        import sympy
        rows = []
        for k, piece in enumerate(self.pieces):
            condition = sympy.sympify(piece.condition)
            region = r"\text{always}" if condition is sympy.true else sympy.latex(condition)
            eqs = r" \\ & ".join(_latex_profile(e) for e in piece.equilibria) or r"\text{none}"
            rows.append(rf"R_{{{k}}}: {region} & {eqs}")
        return (r"$\begin{array}{l|l} \text{region} & \text{equilibria (strategies; payoffs)} \\ \hline "
                + r" \\ \hline ".join(rows) + r" \end{array}$")


def _latex_profile(e: Equilibrium) -> str:
    import sympy

    def vector(v: Sequence) -> str:
        if v and isinstance(v[0], (list, tuple)):   # behaviour strategy: one vector per information set
            return r" \mid ".join(vector(w) for w in v)
        return r"\left(" + ", ".join(sympy.latex(sympy.sympify(p)) for p in v) + r"\right)"
    payoffs = ", ".join(sympy.latex(sympy.sympify(u)) for u in e.payoffs)
    return "; ".join(vector(v) for v in e.strategies) + rf";\ u = \left({payoffs}\right)"


def _positive(p: Any) -> bool:
    """``p > 0`` for a number; for a sympy expression only when its sign does not depend on parameters."""
    if getattr(p, "free_symbols", None):
        if p.is_positive is None:
            raise GameError(f"whether {p} > 0 depends on the parameters; evaluate the solution at a point "
                            "(Solution.at) to get supports")
        return bool(p.is_positive)
    return p > 0


def _key(v: Sequence) -> tuple:
    if v and isinstance(v[0], (list, tuple)):   # behaviour strategy: one vector per information set
        return tuple(_key(w) for w in v)
    # Symbolic entries (sympy expressions with parameters) are their own, hashable, key.
    return tuple(p if isinstance(p, Fraction) or getattr(p, "free_symbols", None) else round(float(p), 9)
                 for p in v)


def _vector(v: Sequence) -> str:
    if v and isinstance(v[0], (list, tuple)):   # behaviour strategy: one vector per information set
        return " | ".join(_vector(w) for w in v)
    return "(" + ", ".join(format_number(p) for p in v) + ")"


def _strategy_labels(game: Any) -> list:
    """Strategy labels per player; for a tree, the actions of each information set."""
    if hasattr(game, "infosets"):
        return [[list(infoset.actions) for infoset in sets] for sets in game.infosets]
    labels = getattr(game, "strategies", None)
    if labels is None:
        raise GameError("the game has no strategy labels")
    return labels


def _json_vector(v: Sequence) -> list:
    return [_json_vector(w) if isinstance(w, (list, tuple)) else _json_number(w) for w in v]


def _json_number(value: Any):
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, (int, float)):
        return value
    try:
        return float(value)
    except TypeError:
        return str(value)
