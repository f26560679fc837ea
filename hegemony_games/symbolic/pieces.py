"""One piece of a piecewise (symbolic) solution: a region of parameter space and the equilibria there."""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Iterator, Mapping

import sympy

from .conditions import Condition, _point

__all__ = ["Piece", "Regions", "solution_at"]


@dataclass(frozen=True)
class Piece:
    """A region of parameter space and every equilibrium there, as formulas.

    ``condition`` is the region as a readable sympy boolean (``region.to_sympy()``), ``region``
    the same region as a :class:`~hegemony_games.symbolic.conditions.Condition` (what code
    uses; written without the atoms the assumptions imply, so intersect it with
    ``solution.parameters["assumptions"]`` to get the set itself), ``equilibria`` a tuple of
    :class:`~hegemony_games.Equilibrium` whose strategies and
    payoffs are sympy expressions in the parameters.  ``feasible`` is ``True`` when the region is
    proven non-empty and ``None`` when that could not be decided (the piece is kept, flagged);
    ``boundary`` is ``True`` when the region is a tie or knife edge (it has an equation);
    ``degenerate`` is ``True`` when the game is degenerate there (for instance a line of
    equilibria, given by its extreme points).  ``for condition, equilibria in solution.pieces``
    unpacks a piece.

    >>> x = sympy.Symbol("x")
    >>> piece = Piece(sympy.Gt(x, 1), (), Condition.of(x > 1))
    >>> condition, equilibria = piece
    >>> condition, equilibria, piece.boundary
    (x > 1, (), False)
    >>> piece._repr_latex_()
    '$x > 1$: no equilibrium'
    """

    condition: sympy.logic.boolalg.Boolean
    equilibria: tuple
    region: Condition
    feasible: bool | None = True
    boundary: bool = False
    degenerate: bool = False

    def __iter__(self) -> Iterator:
        yield self.condition
        yield self.equilibria

    def _repr_latex_(self) -> str:
        rows = [r"\left(" + r",\ ".join(
            "(" + ", ".join(sympy.latex(p) for p in v) + ")" for v in _flat_vectors(eq.strategies))
            + r"\right)" for eq in self.equilibria]
        body = r";\quad ".join(rows) if rows else "no equilibrium"
        head = f"${sympy.latex(self.condition)}$"
        return f"{head}: ${body}$" if rows else f"{head}: {body}"


def _flat_vectors(strategies) -> list:
    out = []
    for v in strategies:
        if v and isinstance(v[0], (list, tuple)):
            out.extend(_flat_vectors(v))
        else:
            out.append(v)
    return out


def solution_at(solution: Any, point: Mapping[Any, Any]) -> Any:
    """The exact numeric :class:`~hegemony_games.Solution` of a symbolic solution at ``point``.

    >>> import sympy, hegemony_games as hg
    >>> p = sympy.Symbol("p")
    >>> game = hg.NormalFormGame.from_bimatrix([[p, 0], [0, 1]], [[1, 0], [0, p]], assumptions=p > 0)
    >>> sol = hg.solve(game).at({"p": 2})
    >>> [eq.strategies for eq in sol]
    [((Fraction(1, 1), Fraction(0, 1)), (Fraction(1, 1), Fraction(0, 1))), ((Fraction(0, 1), Fraction(1, 1)), (Fraction(0, 1), Fraction(1, 1))), ((Fraction(2, 3), Fraction(1, 3)), (Fraction(1, 3), Fraction(2, 3)))]
    >>> hg.solve(game).at({"p": -1})
    Traceback (most recent call last):
    ...
    hegemony_games.errors.GameError: the point {p: -1} is outside the assumptions p > 0
    """
    from ..errors import GameError
    from ..solution import Equilibrium, Solution

    if solution.pieces is None:
        raise GameError("at() needs a symbolic solution (one with pieces); this one is numeric")
    game = solution.game
    parameters = frozenset(game.parameters)
    assumptions = solution.parameters.get("assumptions") or game.assumptions
    values = _point(point, parameters | assumptions.symbols)
    if not assumptions.holds_at(values):
        shown = "{" + ", ".join(f"{k}: {v}" for k, v in sorted(values.items(), key=lambda kv: str(kv[0]))) + "}"
        raise GameError(f"the point {shown} is outside the assumptions {assumptions}")
    numeric = game.subs(values)
    seen, equilibria, degenerate = set(), [], False
    for piece in solution.pieces:
        if not piece.region.holds_at(values):
            continue
        degenerate = degenerate or piece.degenerate
        for eq in piece.equilibria:
            strategies = _substitute(eq.strategies, values)
            candidate = Equilibrium(numeric, strategies, tuple(_number(u, values) for u in eq.payoffs),
                                    details={k: v for k, v in eq.details.items() if k != "piece"})
            if candidate.key() in seen:
                continue
            regret = candidate.max_regret()
            if regret != 0:
                raise AssertionError(f"internal error: a symbolic equilibrium has regret {regret} at {values}")
            seen.add(candidate.key())
            equilibria.append(candidate)
    return Solution(numeric, tuple(equilibria), method=solution.method, exact=True, degenerate=degenerate,
                    complete=solution.complete, message=solution.message)


@dataclass(frozen=True)
class Regions:
    """The regions of a symbolic solution, readably: ``str()`` is a table (region, equilibria).

    >>> import sympy, hegemony_games as hg
    >>> p = sympy.Symbol("p")
    >>> game = hg.NormalFormGame.from_bimatrix([[p, 0], [0, 1]], [[1, 0], [0, 1]])
    >>> print(hg.solve(game).regions())
    region  condition  equilibria (strategies; payoffs)
    R0      p > 0      (1, 0), (1, 0); (p, 1)
                       (0, 1), (0, 1); (1, 1)
                       (1/2, 1/2), (1/(p + 1), p/(p + 1)); (p/(p + 1), 1/2)
    R1      p = 0      (1, 0), (1, 0); (0, 1)  [degenerate]
                       (0, 1), (0, 1); (1, 1)
                       (1/2, 1/2), (1, 0); (0, 1/2)
    R2      p < 0      (0, 1), (0, 1); (1, 1)
    """

    rows: tuple   # (name, condition text, tuple of equilibrium texts, flags)

    @classmethod
    def of(cls, solution: Any) -> "Regions":
        from ..errors import GameError

        if solution.pieces is None:
            raise GameError("regions() needs a symbolic solution (one with pieces)")
        rows = []
        for k, piece in enumerate(solution.pieces):
            flags = []
            if piece.feasible is None:
                flags.append("not proven non-empty")
            if piece.degenerate:
                flags.append("degenerate")
            texts = tuple(", ".join(_vector_text(v) for v in eq.strategies)
                          + "; (" + ", ".join(_text(u) for u in eq.payoffs) + ")" for eq in piece.equilibria)
            rows.append((f"R{k}", str(piece.region), texts or ("none",), tuple(flags)))
        return cls(tuple(rows))

    def __len__(self) -> int:
        return len(self.rows)

    def __str__(self) -> str:
        header = ("region", "condition", "equilibria (strategies; payoffs)")
        width0 = max(len(header[0]), *(len(r[0]) for r in self.rows)) if self.rows else len(header[0])
        width1 = max(len(header[1]), *(len(r[1]) for r in self.rows)) if self.rows else len(header[1])
        lines = [f"{header[0]:<{width0}}  {header[1]:<{width1}}  {header[2]}"]
        for name, condition, texts, flags in self.rows:
            for k, text in enumerate(texts):
                first = k == 0
                line = f"{name if first else '':<{width0}}  {condition if first else '':<{width1}}  {text}"
                if first and flags:
                    line += "  [" + "; ".join(flags) + "]"
                lines.append(line.rstrip())
        return "\n".join(lines)

    def __repr__(self) -> str:
        return str(self)


def _text(value: Any) -> str:
    return str(value).replace("**", "^")


def _vector_text(v) -> str:
    if v and isinstance(v[0], (list, tuple)):
        return " | ".join(_vector_text(w) for w in v)
    return "(" + ", ".join(_text(p) for p in v) + ")"


def _number(value: Any, values: dict) -> Any:
    value = sympy.sympify(value).xreplace(values)
    if value.free_symbols:
        from ..errors import GameError
        raise GameError(f"no value given for parameter(s) {sorted(map(str, value.free_symbols))}")
    value = sympy.nsimplify(value) if not value.is_Rational and value.is_rational else value
    if value.is_Rational:
        return Fraction(int(value.p), int(value.q))
    return value


def _substitute(strategies: Any, values: dict) -> tuple:
    if isinstance(strategies, (list, tuple)):
        return tuple(_substitute(v, values) for v in strategies)
    return _number(strategies, values)
