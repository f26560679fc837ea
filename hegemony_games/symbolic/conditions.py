"""Regions of parameter space: conjunctions of polynomial sign conditions, decided exactly where possible.

A :class:`Condition` is a conjunction of *atoms* ``p(θ) rel 0`` with ``rel`` one of ``">"``,
``">="``, ``"=="`` and ``p`` a polynomial with integer coefficients in the parameters θ, stored in
a canonical form (primitive, and for equations with a positive leading coefficient), so that equal
atoms compare equal.  :func:`cases` splits the sign of a rational expression into such
conditions: it is the basic step of every symbolic solver.

**Deciding emptiness** (:meth:`Condition.is_feasible`) answers ``True`` (proven non-empty),
``False`` (proven empty) or ``None`` (undecided; callers must keep such regions):

* atoms linear in the parameters, any number of them: an exact LP (maximise a margin ``t`` with
  ``p(θ) ≥ t`` for the strict atoms; Dantzig's simplex in rationals,
  :func:`hegemony_games.solvers.exact_lp.linprog_exact`): decided both ways, with a rational witness;
* one parameter: exact real-root isolation of every polynomial (sympy ``real_roots``), then the
  sign of every atom at each root and at a rational point of every open interval between roots
  (a one-dimensional cylindrical decomposition, Collins 1975): decided both ways;
* several parameters, nonlinear: a non-empty region is proven by an exact witness, searched by
  fixing all parameters but one at rational sample points and deciding the last one exactly;
  an empty one by cheap sufficient tests: a linear relaxation (every nonlinear monomial a fresh
  variable, with its sign where the atoms fix it) that is already infeasible, or an atom whose sign
  sympy proves from the signs of the parameters.  Otherwise ``None``.

Results are cached: the tree solvers ask the same questions many times.

>>> import sympy
>>> A, rho, E = sympy.symbols("A rho E")
>>> region = Condition.of(A * rho > E, A > 0, rho >= 0, rho <= 1)
>>> print(region)
A > 0 ∧ rho ≥ 0 ∧ rho ≤ 1 ∧ A·rho > E
>>> region.is_feasible(), (region & Condition.of(E > A)).is_feasible()   # empty, but not proven so
(True, None)
>>> x = sympy.Symbol("x")
>>> Condition.of(x**2 < 2, x > 1).is_feasible(), Condition.of(x**2 < 1, x > 1).is_feasible()
(True, False)
>>> [(sign, str(c)) for sign, c in cases((x - 1) / x)]
[(1, 'x > 0 ∧ x > 1'), (0, 'x > 0 ∧ x = 1'), (-1, 'x > 0 ∧ x < 1'), (1, 'x < 0 ∧ x < 1')]
>>> print(Condition.of(x < 0, x < 1).simplify())
x < 0
"""
from __future__ import annotations

import itertools
import random
from fractions import Fraction
from functools import lru_cache
from typing import Any, Iterable, Literal, Mapping

import sympy
from sympy.logic.boolalg import Boolean, BooleanFalse, BooleanTrue

from ..errors import GameError
from ..numbers import to_exact

__all__ = ["Relation", "Condition", "cases", "as_condition", "symbol_assumptions", "proven_empty"]

Relation = Literal[">", ">=", "=="]
Atom = tuple[sympy.Expr, str]

_FALSE_ATOM: Atom = (sympy.Integer(0), ">")
#: Sample points tried per undecided nonlinear region (each one a 1-D exact decision).
WITNESS_TRIES = 24


class Condition:
    """A conjunction of polynomial sign conditions ``p(θ) rel 0`` (immutable, hashable).

    Build one with :meth:`of` (from sympy relationals), :meth:`true`, :meth:`false` or ``&``.

    >>> x, y = sympy.symbols("x y")
    >>> c = Condition.of(2 * x + 4 > 2 * y) & Condition.of(sympy.Eq(y, 1))
    >>> sorted(c.atoms, key=str)
    [(x - y + 2, '>'), (y - 1, '==')]
    >>> c.holds_at({x: 0, y: 1}), c.holds_at({"x": -2, "y": 1})
    (True, False)
    >>> print(Condition.true()), print(Condition.false())
    always
    never
    (None, None)
    """

    __slots__ = ("atoms", "symbols", "_hash")

    def __init__(self, atoms: Iterable[Atom] = ()):
        normal = _normalise(atoms)
        object.__setattr__(self, "atoms", normal)
        object.__setattr__(self, "symbols", frozenset().union(*(p.free_symbols for p, _ in normal)))
        object.__setattr__(self, "_hash", hash(normal))

    def __setattr__(self, name, value):
        raise AttributeError("Condition is immutable")

    # ------------------------------------------------------------------ construction
    @classmethod
    def true(cls) -> "Condition":
        """The whole parameter space (no atoms)."""
        return cls(())

    @classmethod
    def false(cls) -> "Condition":
        """The empty set (the single atom ``0 > 0``)."""
        return cls((_FALSE_ATOM,))

    @classmethod
    def of(cls, *relations: Any) -> "Condition":
        """The conjunction of sympy relationals (``a > b``, ``a >= b``, ``a < b``, ``a <= b``,
        ``Eq(a, b)``), ``And(...)`` of them, ``True``/``False``, sequences of these, or Conditions.

        A side that is a rational function is allowed when the sign of its denominator is fixed
        by the polynomial relations given alongside; otherwise :class:`GameError` (split with
        :func:`cases` instead).

        >>> x = sympy.Symbol("x")
        >>> print(Condition.of(1 / x > 2, x > 0))
        x > 0 ∧ 2·x < 1
        """
        flat: list = []
        _flatten(relations, flat)
        atoms: list[Atom] = []
        rational: list[tuple[sympy.Expr, sympy.Expr, str]] = []
        for item in flat:
            if isinstance(item, Condition):
                atoms.extend(item.atoms)
                continue
            expr, rel = _relation(item)
            num, den = _fraction(expr)
            if den.free_symbols:
                rational.append((num, den, rel))
            else:
                atoms.append((num * (1 if den > 0 else -1), rel))
        base = cls(atoms)
        for num, den, rel in rational:
            sign = _fixed_sign(den, base)
            if sign is None:
                raise GameError(f"the sign of the denominator {den} is not fixed by the other "
                                f"conditions; split it with hegemony_games.symbolic.cases")
            atoms.append((num * sign, rel))
        return cls(atoms)

    def __and__(self, other: "Condition") -> "Condition":
        if other is None:
            return self
        if not isinstance(other, Condition):
            other = Condition.of(other)
        return Condition(self.atoms | other.atoms)

    __rand__ = __and__

    # ------------------------------------------------------------------ queries
    def is_false(self) -> bool:
        """Whether the condition is syntactically empty (an atom like ``0 > 0``)."""
        return _FALSE_ATOM in self.atoms

    def is_true(self) -> bool:
        return not self.atoms

    @property
    def is_boundary(self) -> bool:
        """Whether the region has an equation atom (a tie, a knife edge)."""
        return any(rel == "==" for _, rel in self.atoms)

    def holds_at(self, point: Mapping[Any, Any]) -> bool:
        """Whether the point satisfies every atom, in exact arithmetic.

        Values may be ints, ``Fraction``s, decimal strings or sympy numbers; keys symbols or
        their names.  A parameter missing from ``point`` raises :class:`GameError`.
        """
        values = _point(point, self.symbols)
        return all(_holds(sympy.sympify(p).xreplace(values), rel) for p, rel in self.atoms)

    def is_feasible(self, assumptions: "Condition | None" = None) -> bool | None:
        """``True`` if proven non-empty, ``False`` if proven empty, ``None`` if undecided.

        >>> a, b = sympy.symbols("a b")
        >>> Condition.of(a > b, b > a).is_feasible(), Condition.of(a > b).is_feasible(Condition.of(b > 3))
        (False, True)
        """
        return _decide(self & assumptions)[0]

    def witness(self, assumptions: "Condition | None" = None) -> dict | None:
        """An exact point (rational, or algebraic in one parameter) of ``self & assumptions``, if found.

        >>> a, b = sympy.symbols("a b")
        >>> w = Condition.of(a > b, b > 3).witness()
        >>> Condition.of(a > b, b > 3).holds_at(w)
        True
        """
        point = _decide(self & assumptions)[1]
        if point is None:
            return None
        return {s: v.exact() if isinstance(v, _Root) else v for s, v in point.items()}

    def implies(self, other: "Condition", assumptions: "Condition | None" = None) -> bool:
        """Whether every point of ``self & assumptions`` is proven to satisfy ``other``."""
        base = self & assumptions
        return all(atom in base.atoms or (base & n).is_feasible() is False
                   for atom in other.atoms for n in _negations(atom))

    def simplify(self, assumptions: "Condition | None" = None) -> "Condition":
        """The same region (under ``assumptions``) without atoms implied by the others and the
        assumptions; ``Condition.false()`` when the region is proven empty.

        >>> x = sympy.Symbol("x")
        >>> print(Condition.of(x > 2, x > 1, x >= 0).simplify())
        x > 2
        >>> print(Condition.of(x > 2).simplify(Condition.of(x > 3)))
        always
        """
        context = Condition.true() if assumptions is None else assumptions
        if (self & context).is_feasible() is False:
            return Condition.false()
        kept = [a for a in _sorted(self.atoms) if a not in context.atoms]
        for atom in sorted(kept, key=_weight, reverse=True):   # try dropping the complex atoms first
            rest = Condition([a for a in kept if a != atom]) & context
            if all((rest & n).is_feasible() is False for n in _negations(atom)):
                kept.remove(atom)
        return Condition(kept)

    def substitute(self, mapping: Mapping[Any, Any]) -> "Condition":
        """The condition with values or expressions substituted for some parameters."""
        values = {_symbol_key(k, self.symbols): _sympy_number(v) for k, v in mapping.items()}
        return Condition.of(*[_as_relational(p.xreplace(values), rel) for p, rel in self.atoms])

    # ------------------------------------------------------------------ display
    def to_sympy(self) -> Boolean:
        """A readable sympy boolean: ``A*rho > E`` rather than ``A*rho - E > 0``."""
        if self.is_false():
            return sympy.false
        if not self.atoms:
            return sympy.true
        return sympy.And(*[_readable(p, rel) for p, rel in _sorted(self.atoms)], evaluate=False)

    def __str__(self) -> str:
        if self.is_false():
            return "never"
        if not self.atoms:
            return "always"
        return " ∧ ".join(_text(p, rel) for p, rel in _sorted(self.atoms))

    def __repr__(self) -> str:
        return f"Condition({str(self)!r})"

    def _repr_latex_(self) -> str:
        return f"${sympy.latex(self.to_sympy())}$"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Condition) and self.atoms == other.atoms

    def __hash__(self) -> int:
        return self._hash


def as_condition(value: Any) -> Condition:
    """A :class:`Condition` from ``None``, a Condition, a relational or a sequence of them."""
    if value is None:
        return Condition.true()
    if isinstance(value, Condition):
        return value
    return Condition.of(value)


def symbol_assumptions(symbols: Iterable[sympy.Symbol]) -> Condition:
    """What sympy's symbol assumptions say: ``positive=True`` gives ``c > 0``, ``nonnegative`` ``c ≥ 0``.

    >>> print(symbol_assumptions([sympy.Symbol("c", positive=True), sympy.Symbol("d", nonpositive=True)]))
    d ≤ 0 ∧ c > 0
    """
    atoms: list[Atom] = []
    for s in symbols:
        if s.is_positive:
            atoms.append((s, ">"))
        elif s.is_negative:
            atoms.append((-s, ">"))
        elif s.is_nonnegative:
            atoms.append((s, ">="))
        elif s.is_nonpositive:
            atoms.append((-s, ">="))
    return Condition(atoms)


def cases(expr: Any, context: Condition | None = None) -> list[tuple[int, Condition]]:
    """The sign of a rational expression in the parameters, split into regions.

    Returns ``[(sign, condition), ...]`` with ``sign`` in {1, 0, -1}: ``condition`` is ``context``
    conjoined with what gives ``expr`` that sign (the denominator's two signs split out; where it
    vanishes the expression is undefined and no case covers it).  Cases proven empty are dropped;
    undecided ones are kept.

    Symbol assumptions (``positive=True``...) count as part of the context.

    >>> v, c = sympy.symbols("v c", positive=True)
    >>> [(s, str(k)) for s, k in cases(v / c - 1)]
    [(1, 'c > 0 ∧ v > 0 ∧ v > c'), (0, 'c > 0 ∧ v > 0 ∧ c = v'), (-1, 'c > 0 ∧ v > 0 ∧ c > v')]
    """
    expr = _rational(expr)
    context = (Condition.true() if context is None else context) & symbol_assumptions(expr.free_symbols)
    num, den = _fraction(expr)
    if not num.free_symbols:
        return [(_exact_sign(num) * _exact_sign(den), context)] if den.free_symbols == set() else [
            (_exact_sign(num) * s, c) for s, c in _sign_cases(den, context, zero=False)]
    out = []
    for den_sign, den_context in ([(1 if den > 0 else -1, context)] if not den.free_symbols
                                  else _sign_cases(den, context, zero=False)):
        for num_sign, region in _sign_cases(num, den_context, zero=True):
            out.append((num_sign * den_sign, region))
    return out


def _sign_cases(p: sympy.Expr, context: Condition, zero: bool) -> list[tuple[int, Condition]]:
    candidates = [(1, Condition([(p, ">")])), (0, Condition([(p, "==")])), (-1, Condition([(-p, ">")]))]
    out = []
    for sign, atom in candidates:
        if sign == 0 and not zero:
            continue
        region = context & atom
        if not proven_empty(region):
            out.append((sign, region))
    return out


# ---------------------------------------------------------------------- atoms
def _flatten(items: Iterable, out: list) -> None:
    for item in items:
        if isinstance(item, (list, tuple, set, frozenset)):
            _flatten(item, out)
        elif isinstance(item, sympy.And):
            _flatten(item.args, out)
        else:
            out.append(item)


def _relation(item: Any) -> tuple[sympy.Expr, str]:
    if item is True or isinstance(item, BooleanTrue):
        return sympy.Integer(1), ">"
    if item is False or isinstance(item, BooleanFalse):
        return sympy.Integer(0), ">"
    if isinstance(item, (sympy.StrictGreaterThan, sympy.GreaterThan)):
        return _rational(item.lhs - item.rhs), ">" if isinstance(item, sympy.StrictGreaterThan) else ">="
    if isinstance(item, (sympy.StrictLessThan, sympy.LessThan)):
        return _rational(item.rhs - item.lhs), ">" if isinstance(item, sympy.StrictLessThan) else ">="
    if isinstance(item, sympy.Equality):
        return _rational(item.lhs - item.rhs), "=="
    raise GameError(f"a condition must be a relation such as a > b, a <= b or Eq(a, b) "
                    f"(or And of them); got {item!r}")


def _rational(expr: Any) -> sympy.Expr:
    """The expression with floats made rational (0.1 -> 1/10); must be a rational function."""
    expr = sympy.sympify(expr)
    if expr.has(sympy.Float):
        expr = expr.xreplace({f: sympy.Rational(str(f)) for f in expr.atoms(sympy.Float)})
    if not expr.is_rational_function(*expr.free_symbols):
        raise GameError(f"{expr} is not a rational function of the parameters")
    return expr


def _fraction(expr: sympy.Expr) -> tuple[sympy.Expr, sympy.Expr]:
    num, den = sympy.fraction(sympy.cancel(sympy.together(expr)))
    return sympy.expand(num), sympy.expand(den)


def _normalise(atoms: Iterable[Atom]) -> frozenset:
    out: set[Atom] = set()
    for p, rel in atoms:
        if rel not in (">", ">=", "=="):
            raise GameError(f"unknown relation {rel!r}; use '>', '>=' or '=='")
        p = _canonical(p, rel)
        if not p.free_symbols:
            if not _holds(p, rel):
                return frozenset([_FALSE_ATOM])
            continue
        out.add((p, rel))
    # p > 0 makes p >= 0 redundant; p == 0 makes ±p >= 0 redundant and p > 0 impossible.
    for p, rel in list(out):
        if rel == ">" and (p, ">=") in out:
            out.discard((p, ">="))
        if rel == ">=" and (_canonical(-p, ">="), ">=") in out:
            out.discard((p, ">="))
            out.discard((_canonical(-p, ">="), ">="))
            out.add((_canonical(p, "=="), "=="))
    for p, rel in list(out):
        if rel == "==":
            for q in (p, _canonical(-p, ">")):
                if (q, ">") in out:
                    return frozenset([_FALSE_ATOM])
                out.discard((q, ">="))
    return frozenset(out)


@lru_cache(maxsize=65536)
def _canonical(p: sympy.Expr, rel: str) -> sympy.Expr:
    p = sympy.expand(sympy.sympify(p))
    if not p.free_symbols:
        return sympy.Integer(_exact_sign(p))
    poly = sympy.Poly(p, *sorted(p.free_symbols, key=str))
    if not poly.domain.is_Exact or not (poly.domain.is_ZZ or poly.domain.is_QQ):
        raise GameError(f"{p} is not a polynomial with rational coefficients")
    _, poly = poly.clear_denoms(convert=True)
    _, poly = poly.primitive()
    if rel == "==" and poly.LC() < 0:
        poly = -poly
    return poly.as_expr()


def _negations(atom: Atom) -> list[Condition]:
    """Conditions whose union is the complement of the atom."""
    p, rel = atom
    if rel == ">":
        return [Condition([(-p, ">=")])]
    if rel == ">=":
        return [Condition([(-p, ">")])]
    return [Condition([(p, ">")]), Condition([(-p, ">")])]


def _holds(value: sympy.Expr, rel: str) -> bool:
    if value.free_symbols:
        raise GameError(f"cannot evaluate {value}: parameters {sorted(map(str, value.free_symbols))} "
                        f"have no value")
    sign = _exact_sign(value)
    return sign > 0 if rel == ">" else sign >= 0 if rel == ">=" else sign == 0


def _exact_sign(value: sympy.Expr) -> int:
    """The sign of a real algebraic number, decided exactly.

    A point may be irrational (a root of a boundary's polynomial, such as
    19/9 − 5·√13/9), and then a difference that is zero need not look zero: ``expand`` brings a
    rational expression in one square root to its canonical form a + b·√c, and the minimal
    polynomial settles the rest.  A nonzero value's sign is read from a numerical evaluation,
    which sympy carries to the precision the sign needs.
    """
    value = sympy.sympify(value)
    if value.is_Rational:        # the common case, at no cost
        return int(sympy.sign(value))
    value = sympy.expand(sympy.radsimp(value))
    if value.is_Rational:
        return int(sympy.sign(value))
    if value.is_zero is None and sympy.minimal_polynomial(value, _MINPOLY) == _MINPOLY:
        return 0
    if value.is_zero:
        return 0
    return 1 if value.is_positive else -1


_MINPOLY = sympy.Dummy("t")


def _sympy_number(value: Any) -> Any:
    if isinstance(value, sympy.Basic):
        return value
    exact = to_exact(value)
    return sympy.Rational(exact.numerator, exact.denominator)


def _symbol_key(key: Any, symbols: Iterable[sympy.Symbol]) -> Any:
    if isinstance(key, str):
        for s in symbols:
            if s.name == key:
                return s
        return sympy.Symbol(key)
    return key


def _point(point: Mapping[Any, Any], symbols: frozenset) -> dict:
    values = {_symbol_key(k, symbols): _sympy_number(v) for k, v in point.items()}
    missing = [s.name for s in symbols if s not in values]
    if missing:
        raise GameError(f"no value given for parameter(s) {', '.join(sorted(missing))}")
    return values


def _fixed_sign(p: sympy.Expr, context: Condition) -> int | None:
    if (context & Condition([(-p, ">=")])).is_feasible() is False:
        return 1
    if (context & Condition([(p, ">=")])).is_feasible() is False:
        return -1
    return None


def _sorted(atoms: Iterable[Atom]) -> list[Atom]:
    return sorted(atoms, key=lambda a: (_sort_key(a[0]), a[1]))


def _weight(atom: Atom) -> tuple:
    return _sort_key(atom[0])[:3]


@lru_cache(maxsize=65536)
def _sort_key(p: sympy.Expr) -> tuple:
    """Simple polynomials first (degree, number of parameters, of terms), then by text."""
    return (_degree(p), len(p.free_symbols), len(sympy.Add.make_args(p)), str(p))


def _as_relational(p: sympy.Expr, rel: str) -> Boolean:
    return {">": sympy.Gt, ">=": sympy.Ge, "==": sympy.Eq}[rel](p, 0)


def _split_sides(p: sympy.Expr) -> tuple[sympy.Expr, sympy.Expr]:
    """``p = lhs - rhs`` with the positive terms on the left."""
    lhs, rhs = sympy.Integer(0), sympy.Integer(0)
    for term in sympy.Add.make_args(p):
        coeff, _ = term.as_coeff_Mul()
        if coeff < 0:
            rhs -= term
        else:
            lhs += term
    return lhs, rhs


def _readable(p: sympy.Expr, rel: str) -> Boolean:
    lhs, rhs = _split_sides(p)
    flip = not lhs.free_symbols and rhs.free_symbols   # "1 > rho" reads better as "rho < 1"
    if rel == "==":
        return sympy.Eq(rhs, lhs, evaluate=False) if flip else sympy.Eq(lhs, rhs, evaluate=False)
    if flip:
        return (sympy.Lt if rel == ">" else sympy.Le)(rhs, lhs, evaluate=False)
    return (sympy.Gt if rel == ">" else sympy.Ge)(lhs, rhs, evaluate=False)


def _text(p: sympy.Expr, rel: str) -> str:
    lhs, rhs = _split_sides(p)
    symbol = {">": ">", ">=": "≥", "==": "="}[rel]
    if not lhs.free_symbols and rhs.free_symbols:
        lhs, rhs = rhs, lhs
        symbol = {">": "<", ">=": "≤", "==": "="}[rel]
    return f"{_show(lhs)} {symbol} {_show(rhs)}"


def _show(expr: sympy.Expr) -> str:
    return sympy.sstr(expr).replace("**", "^").replace("*", "·")


# ---------------------------------------------------------------------- deciding
def _decide(condition: Condition) -> tuple[bool | None, dict | None]:
    if condition.is_false():
        return False, None
    if not condition.atoms:
        return True, {}
    return _decide_cached(condition)


@lru_cache(maxsize=32768)
def _decide_cached(condition: Condition) -> tuple[bool | None, dict | None]:
    symbols = sorted(condition.symbols, key=str)
    atoms = list(condition.atoms)
    if all(_degree(p) <= 1 for p, _ in atoms):
        return _decide_linear(atoms, symbols)
    if len(symbols) == 1:
        return _decide_univariate(atoms, symbols[0])
    if _sign_contradiction(condition):
        return False, None
    relaxed = _relaxation(atoms, symbols)
    if relaxed[0] is False:
        return False, None
    point = _search_witness(condition, symbols, relaxed[1])
    if point is not None:
        return True, point
    return None, None


def proven_empty(condition: Condition) -> bool:
    """Whether the cheap tests prove the region empty (no witness search: for pruning as one goes).

    Linear and one-parameter regions are decided exactly; others by the sign and relaxation tests.
    """
    if condition.is_false():
        return True
    if not condition.atoms:
        return False
    return _empty_cached(condition)


@lru_cache(maxsize=65536)
def _empty_cached(condition: Condition) -> bool:
    symbols = sorted(condition.symbols, key=str)
    if len(symbols) == 1 or all(_degree(p) <= 1 for p, _ in condition.atoms):
        return _decide_cached(condition)[0] is False
    return _sign_contradiction(condition) or _relaxation(list(condition.atoms), symbols)[0] is False


@lru_cache(maxsize=65536)
def _terms(p: sympy.Expr) -> tuple[tuple, dict, int]:
    """``p`` as (its symbols, {monomial exponents: Fraction coefficient}, total degree)."""
    gens = tuple(sorted(p.free_symbols, key=str))
    poly = sympy.Poly(p, *gens)
    terms = {monom: Fraction(int(c.p), int(c.q)) for monom, c in poly.terms()}
    return gens, terms, poly.total_degree()


def _degree(p: sympy.Expr) -> int:
    return _terms(p)[2] if p.free_symbols else 0


def _monomials(p: sympy.Expr, symbols: list) -> dict:
    """{exponents over ``symbols``: coefficient}."""
    gens, terms, _ = _terms(p)
    where = [symbols.index(g) for g in gens]
    out = {}
    for monom, c in terms.items():
        full = [0] * len(symbols)
        for k, e in zip(where, monom):
            full[k] = e
        out[tuple(full)] = c
    return out


def _linear_rows(atoms: list[Atom], symbols: list) -> list[tuple[list[Fraction], Fraction, str]]:
    """Each atom as (coefficients, constant, rel) for ``a·θ + b rel 0``."""
    rows = []
    for p, rel in atoms:
        coeffs = [Fraction(0)] * len(symbols)
        const = Fraction(0)
        for monom, c in _monomials(p, symbols).items():
            if sum(monom) == 0:
                const = c
            else:
                coeffs[monom.index(1)] = c
        rows.append((coeffs, const, rel))
    return rows


def _lp_feasible(rows: list[tuple[list[Fraction], Fraction, str]], n: int) -> tuple[bool, list | None]:
    """Exact LP: is there θ with every row ``a·θ + b rel 0``?  Returns (answer, θ)."""
    from ..solvers.exact_lp import linprog_exact

    # Variables: θ = u - w (u, w >= 0) and a margin 0 <= t <= 1; maximise t.
    width = 2 * n + 1
    A_ub, b_ub, A_eq, b_eq = [], [], [], []
    for a, b, rel in rows:
        row = [-x for x in a] + list(a) + [Fraction(0)]
        if rel == "==":
            A_eq.append([-x for x in row[:-1]] + [Fraction(0)])
            b_eq.append(-b)
        else:
            if rel == ">":
                row[-1] = Fraction(1)
            A_ub.append(row)
            b_ub.append(b)
    A_ub.append([Fraction(0)] * (width - 1) + [Fraction(1)])
    b_ub.append(Fraction(1))
    cost = [Fraction(0)] * (width - 1) + [Fraction(-1)]
    res = linprog_exact(cost, A_ub=A_ub, b_ub=b_ub, A_eq=A_eq or None, b_eq=b_eq or None)
    if res.status != "optimal":
        return False, None
    strict = any(rel == ">" for _, _, rel in rows)
    if strict and res.x[-1] <= 0:
        return False, None
    return True, [res.x[k] - res.x[n + k] for k in range(n)]


#: Linear regions in at most this many parameters are decided by Fourier-Motzkin elimination
#: (faster than the LP for the few atoms of a piece); more parameters go to the exact LP.
FM_MAX_SYMBOLS = 3


def _decide_linear(atoms: list[Atom], symbols: list) -> tuple[bool | None, dict | None]:
    if len(symbols) == 1:
        return _decide_interval(_linear_rows(atoms, symbols), symbols[0])
    rows = _linear_rows(atoms, symbols)
    if len(symbols) <= FM_MAX_SYMBOLS and len(rows) <= 24:
        ok, theta = _fourier_motzkin(rows, len(symbols))
    else:
        ok, theta = _lp_feasible(rows, len(symbols))
    if not ok:
        return False, None
    return True, {s: sympy.Rational(v.numerator, v.denominator) for s, v in zip(symbols, theta)}


def _fourier_motzkin(rows: list, n: int) -> tuple[bool, list | None]:
    """Fourier-Motzkin elimination (Fourier 1826; Motzkin 1936) with strictness, exact, with a witness
    by back-substitution.  Rows are ``(a, b, rel)`` for ``a·θ + b rel 0``."""
    rows = [(list(a), b, rel) for a, b, rel in rows]
    # Equations first: solve each for one variable and substitute it everywhere.
    solved: list[tuple[int, list, Fraction]] = []   # θ_k = c·θ + d (c has zero at k)
    while True:
        eq = next((r for r in rows if r[2] == "==" and any(r[0])), None)
        if eq is None:
            break
        rows.remove(eq)
        a, b, _ = eq
        k = next(i for i, v in enumerate(a) if v != 0)
        c = [-v / a[k] if i != k else Fraction(0) for i, v in enumerate(a)]
        d = -b / a[k]
        solved.append((k, c, d))
        rows = [([v + r[0][k] * ci if i != k else Fraction(0) for i, (v, ci) in enumerate(zip(r[0], c))],
                 r[1] + r[0][k] * d, r[2]) for r in rows]
    levels: list[list] = []
    for k in reversed(range(n)):
        levels.append(rows)
        lower = [r for r in rows if r[0][k] > 0]
        upper = [r for r in rows if r[0][k] < 0]
        new: dict = {}
        for r in rows:
            if r[0][k] == 0:
                key = (tuple(r[0]), r[1])
                if key not in new or r[2] != ">=":
                    new[key] = r
        for p in lower:
            for q in upper:
                fp, fq = 1 / p[0][k], -1 / q[0][k]
                a = [x * fp + y * fq for x, y in zip(p[0], q[0])]
                b = p[1] * fp + q[1] * fq
                rel = ">" if ">" in (p[2], q[2]) else ">="
                scale = next((abs(v) for v in a if v != 0), Fraction(1))
                a, b = [v / scale for v in a], b / scale
                key = (tuple(a), b)
                if key not in new or rel == ">":
                    new[key] = (a, b, rel)
        rows = list(new.values())
    for a, b, rel in rows:   # no variables left: constants
        if (rel == ">" and not b > 0) or (rel == ">=" and not b >= 0) or (rel == "==" and b != 0):
            return False, None
    theta = [Fraction(0)] * n
    for k, level in zip(range(n), reversed(levels)):
        bounds = []
        for a, b, rel in level:
            if a[k] == 0:
                continue
            rest = b + sum(a[i] * theta[i] for i in range(k))
            bounds.append(([a[k]], rest, rel))
        ok, point = _decide_interval(bounds, None)
        if not ok:   # pragma: no cover - cannot happen after a successful elimination
            raise ArithmeticError("Fourier-Motzkin back-substitution failed")
        theta[k] = point
    for k, c, d in reversed(solved):
        theta[k] = sum(ci * t for ci, t in zip(c, theta)) + d
    return True, theta


def _decide_interval(rows: list, x: sympy.Symbol) -> tuple[bool, dict | None]:
    """One parameter, linear atoms: intersect the half-lines ``a·x + b rel 0`` exactly."""
    low, low_open, high, high_open = None, False, None, False
    for (a,), b, rel in rows:
        if a == 0:
            continue   # constant atoms were removed when the condition was built
        bound, strict = -b / a, rel == ">"
        if rel == "==":
            if (low is not None and (bound < low or (bound == low and low_open))) or \
                    (high is not None and (bound > high or (bound == high and high_open))):
                return False, None
            low, low_open, high, high_open = bound, False, bound, False
        elif a > 0 and (low is None or bound > low or (bound == low and strict)):
            low, low_open = bound, strict
        elif a < 0 and (high is None or bound < high or (bound == high and strict)):
            high, high_open = bound, strict
    if low is not None and high is not None:
        if low > high or (low == high and (low_open or high_open)):
            return False, None
        value = (low + high) / 2
    elif low is not None:
        value = low + 1 if low_open else low
    elif high is not None:
        value = high - 1 if high_open else high
    else:
        value = Fraction(0)
    if x is None:
        return True, value
    return True, {x: sympy.Rational(value.numerator, value.denominator)}


def _decide_univariate(atoms: list[Atom], x: sympy.Symbol) -> tuple[bool | None, dict | None]:
    """Exact 1-D decision: the sign of every atom at each real root and between roots.

    The sign table of the atoms' polynomials over the line (:func:`_sign_cells`) is computed once
    per set of polynomials and cached: regions that differ only in their relations reuse it.
    """
    polys = tuple(sorted({p for p, _ in atoms}, key=_sort_key))
    where = {p: k for k, p in enumerate(polys)}
    wanted = [(where[p], rel) for p, rel in atoms]
    for signs, value in _sign_cells(polys, x):
        if all(signs[k] > 0 if rel == ">" else signs[k] >= 0 if rel == ">=" else signs[k] == 0
               for k, rel in wanted):
            if isinstance(value, Fraction):
                return True, {x: sympy.Rational(value.numerator, value.denominator)}
            k, a, b = value
            return True, {x: _Root(polys[k], x, a, b)}   # made exact only if a witness is asked for
    return False, None


@lru_cache(maxsize=8192)
def _sign_cells(polys: tuple, x: sympy.Symbol) -> tuple:
    """The signs of ``polys`` on every cell of the line they cut: ((signs, point), ...).

    The real roots of all the polynomials are isolated at once by disjoint intervals with rational
    ends (sympy ``intervals``; Collins & Akritas 1976), refined until neighbours are separated.  An
    open cell's point is a rational in it; a root's is (index of a polynomial vanishing there, a, b),
    its interval.  A polynomial that does not vanish at a root has no root in its interval, so its
    sign there is its sign at an end.  Evaluations are in integers (the polynomials are primitive).
    """
    ints = [[int(c) for c in sympy.Poly(p, x).all_coeffs()] for p in polys]

    def sign_at(k: int, value: Fraction) -> int:
        # Horner on the homogenised polynomial: sum c_i num^(d-i) den^i has the sign of p(num/den).
        num, den = value.numerator, value.denominator
        h = 0
        for i, c in enumerate(ints[k]):
            h = h * num + c * den ** i
        return (h > 0) - (h < 0)

    eps = None
    while True:
        found = sympy.intervals(list(polys), eps=eps) if eps is not None else sympy.intervals(list(polys))
        cells = [((Fraction(int(a.p), int(a.q)), Fraction(int(b.p), int(b.q))), set(which))
                 for (a, b), which in found]
        if all(cells[i][0][1] < cells[i + 1][0][0] for i in range(len(cells) - 1)):
            break
        eps = Fraction(1, 16) if eps is None else eps / 16
    samples = []
    if not cells:
        samples.append(Fraction(0))
    else:
        samples.append(cells[0][0][0] - 1)
        samples.append(cells[-1][0][1] + 1)
        samples.extend((cells[i][0][1] + cells[i + 1][0][0]) / 2 for i in range(len(cells) - 1))
    out = [(tuple(sign_at(k, v) for k in range(len(polys))), v) for v in samples]
    for (a, b), which in cells:
        signs = tuple(0 if k in which else sign_at(k, a) for k in range(len(polys)))
        out.append((signs, a if a == b else (min(which), a, b)))
    return tuple(out)


class _Root(tuple):
    """The real root of a polynomial in an isolating interval [a, b] (rational ends)."""

    def __new__(cls, p: sympy.Expr, x: sympy.Symbol, a: Fraction, b: Fraction):
        return super().__new__(cls, (p, x, a, b))

    def exact(self) -> sympy.Expr:
        p, x, a, b = self
        lo, hi = sympy.Rational(a.numerator, a.denominator), sympy.Rational(b.numerator, b.denominator)
        for f, _ in sympy.Poly(p, x).factor_list()[1]:
            if f.count_roots(lo, hi) == 0:
                continue
            for r in sympy.real_roots(f):
                if bool(r >= lo) and bool(r <= hi):
                    return r
        raise ArithmeticError("no root in the isolating interval")  # pragma: no cover


def _known_signs(condition: Condition) -> dict:
    """Parameters whose sign an atom of the form ``±s > 0`` or ``±s ≥ 0`` fixes: symbol -> sympy assumption."""
    signs: dict = {}
    for p, rel in condition.atoms:
        if p.is_Symbol:
            signs[p] = "positive" if rel == ">" else "nonnegative" if rel == ">=" else "zero"
        elif (-p).is_Symbol and rel != "==":
            signs[-p] = "negative" if rel == ">" else "nonpositive"
    return signs


def _sign_contradiction(condition: Condition) -> bool:
    """An atom whose sign sympy proves impossible from the parameters' signs (and squares)."""
    signs = _known_signs(condition)
    dummies = {s: sympy.Dummy(s.name, **{kind: True}) for s, kind in signs.items() if kind != "zero"}
    dummies.update({s: sympy.Integer(0) for s, kind in signs.items() if kind == "zero"})
    for p, rel in condition.atoms:
        for form in (p.xreplace(dummies), _factored(p).xreplace(dummies)):
            if rel == ">" and form.is_nonpositive:
                return True
            if rel == ">=" and form.is_negative:
                return True
            if rel == "==" and (form.is_positive or form.is_negative):
                return True
    return False


@lru_cache(maxsize=65536)
def _factored(p: sympy.Expr) -> sympy.Expr:
    """``sympy.factor(p)``, cached: the same atoms recur across many regions, and factoring over
    QQ does not depend on the symbols' assumptions (the signs are substituted afterwards)."""
    return sympy.factor(p)


def _relaxation(atoms: list[Atom], symbols: list) -> tuple[bool | None, dict | None]:
    """The LP with every monomial a fresh variable: infeasible proves the region empty."""
    monomials: dict[tuple, int] = {}
    rows = []
    for p, rel in atoms:
        coeffs: dict[int, Fraction] = {}
        const = Fraction(0)
        for monom, c in _monomials(p, symbols).items():
            if sum(monom) == 0:
                const = c
            else:
                coeffs[monomials.setdefault(monom, len(monomials))] = c
        rows.append((coeffs, const, rel))
    signs = {}
    signed = _known_signs(Condition(atoms))
    for monom in monomials:
        if all(e % 2 == 0 for e in monom):
            signs[monom] = ">="
        elif all(e == 0 or signed.get(s) in ("positive", "nonnegative") for s, e in zip(symbols, monom)):
            strict = all(e == 0 or signed.get(s) == "positive" for s, e in zip(symbols, monom))
            signs[monom] = ">" if strict else ">="
    n = len(monomials)
    dense = [([coeffs.get(k, Fraction(0)) for k in range(n)], const, rel) for coeffs, const, rel in rows]
    for monom, rel in signs.items():
        dense.append(([Fraction(int(k == monomials[monom])) for k in range(n)], Fraction(0), rel))
    ok, theta = _lp_feasible(dense, n)
    if not ok:
        return False, None
    start = {}
    for s, k in zip(symbols, range(len(symbols))):
        unit = tuple(int(j == k) for j in range(len(symbols)))
        if unit in monomials:
            v = theta[monomials[unit]]
            start[s] = sympy.Rational(v.numerator, v.denominator)
    return True, start


def _search_witness(condition: Condition, symbols: list, start: dict | None) -> dict | None:
    """Rational sample points for all parameters but one; the last one decided exactly."""
    rng = random.Random(hash(condition) & 0xFFFF)
    signs = _known_signs(condition)
    pool = [sympy.Rational(k, d) for d in (1, 2, 3, 4, 5, 10) for k in range(-12, 13)]
    for attempt in range(WITNESS_TRIES):
        last = symbols[attempt % len(symbols)]
        point = {}
        for s in symbols:
            if s is last:
                continue
            if start and s in start and attempt < len(symbols):
                value = start[s]
            else:
                value = rng.choice(pool)
                kind = signs.get(s)
                if kind in ("positive", "nonnegative") and value <= 0:
                    value = -value + (1 if kind == "positive" else 0)
                elif kind in ("negative", "nonpositive") and value >= 0:
                    value = -value - (1 if kind == "negative" else 0)
                elif kind == "zero":
                    value = sympy.Integer(0)
            point[s] = value
        rest = Condition([(p.xreplace(point), rel) for p, rel in condition.atoms])
        if rest.is_false():
            continue
        if not rest.atoms:
            point[last] = sympy.Integer(0)
            return point
        if rest.symbols != {last}:
            continue
        ok, sub = _decide_cached(rest)
        if ok:
            point.update(sub)
            return point
    return None


def clear_cache() -> None:
    """Forget cached decisions (for benchmarks)."""
    _decide_cached.cache_clear()
    _empty_cached.cache_clear()
    _canonical.cache_clear()
    _terms.cache_clear()
    _sign_cells.cache_clear()


def game_assumptions(given: Any, parameters: Iterable[sympy.Symbol]) -> Condition:
    """A game's assumptions: those given (a relational, a sequence of them or a Condition)
    together with the sympy symbol assumptions of its parameters (``positive=True``: ``c > 0``)."""
    return as_condition(given) & symbol_assumptions(parameters)


def substitute_assumptions(given: Condition | None, mapping: Mapping[Any, Any]) -> Condition | None:
    """The atoms of ``given`` that keep free parameters after substituting ``mapping``."""
    if given is None:
        return None
    values = {_symbol_key(k, given.symbols): _sympy_number(v) if not isinstance(v, sympy.Basic) else v
              for k, v in mapping.items()}
    kept = []
    for p, rel in given.atoms:
        q = _rational(p.xreplace(values))
        if q.free_symbols:
            kept.append(_as_relational(q, rel))
    return Condition.of(*kept)
