"""All Nash equilibria of small N-player games: support enumeration with exact polynomial solving.

For a *support profile* (S₁, …, S_N) the equilibria whose supports are exactly these sets solve
the indifference equations

    uᵢ(s, σ₋ᵢ) = uᵢ(s₀, σ₋ᵢ)   for every player i and every s ∈ Sᵢ (s₀ the first of Sᵢ),

with σᵢ(s) > 0 on Sᵢ, σᵢ = 0 off it, Σ σᵢ = 1, and no profitable deviation
uᵢ(a, σ₋ᵢ) ≤ uᵢ(s₀, σ₋ᵢ) for a ∉ Sᵢ.  The equations are multilinear: Σᵢ(|Sᵢ| − 1) unknowns and
as many equations (McKelvey & McLennan, "Computation of equilibria in finite games", Handbook of
Computational Economics 1, 1996, §6; Datta, "Using computer algebra to find Nash equilibria",
ISSAC 2003).  This module

1. removes iteratively strictly dominated strategies (they are in no equilibrium's support);
2. visits the support profiles in the order of Porter, Nudelman & Shoham ("Simple search methods
   for finding a Nash equilibrium", GEB 63:642–662, 2008): smaller total size first, then more
   balanced sizes, skipping profiles in which some strategy of Sᵢ is *conditionally strictly
   dominated* given the others' supports (by a pure strategy; such a strategy cannot be a best
   response to any mixture with those supports).  Every profile that survives is solved: all
   equilibria are wanted;
3. solves each system exactly: a lexicographic Gröbner basis over ℚ (sympy; grevlex, then FGLM), brought to *shape
   position* (x_k = h_k(t) for every unknown, and one univariate g(t)), if need be through a
   generic linear form t = Σ c_k x_k and the square-free part of its eliminant (Seidenberg's
   lemma makes the ideal radical); the real roots of g are isolated exactly;
4. checks positivity and the absence of profitable deviations exactly: rational roots in
   ``Fraction`` arithmetic; an irrational root r of an irreducible factor f of g by reducing each
   quantity q(r) modulo f (q(r) = 0 exactly when f divides q) and deciding the sign of a
   nonzero remainder by interval arithmetic on an isolating interval of r, refined until the
   interval excludes zero.  These decisions are rigorous.

Rational equilibria come back as ``Fraction``\\ s (float games: as floats, verified within the
game's tolerance).  Irrational equilibria are exact algebraic numbers: their probabilities and
payoffs are sympy expressions in a ``CRootOf`` (``details["minimal_polynomial"]`` names it), and
``details["float_strategies"]`` gives them to double precision.  A support profile whose
equations have a *positive-dimensional* solution set (a continuum: degenerate games) is not
sampled: the solution is flagged ``complete=False`` and the set, with its Gröbner basis, is
listed in ``solution.parameters["positive_dimensional"]``.

Cost grows with the number of support profiles (Πᵢ(2^nᵢ − 1): 27 for 2×2×2, 343 for 3×3×3) and
the Gröbner bases of the full-support systems; meant for games of up to ``MAX_PROFILES`` support
profiles.

>>> import hegemony_games as hg
>>> import numpy as np
>>> a, b, c = np.indices((2, 2, 2))
>>> # Jordan's matching game: 1 wants to match 2, 2 to match 3, 3 to mismatch 1 (no pure equilibrium)
>>> game = hg.NormalFormGame([(a == b).astype(int), (b == c).astype(int), (c != a).astype(int)])
>>> sol = polynomial_support_enumeration_solve(game)
>>> [e.strategies for e in sol]
[((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2)))]
"""
from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Iterator, Sequence

import numpy as np
import sympy
from sympy import QQ, Poly, groebner

from ..errors import GameError
from ..games.normal_form import NormalFormGame
from ..limits import Deadline, DeadlineReached
from ..solution import Equilibrium, Solution
from ._common import VerificationError, arithmetic, integer_matrix, verified_equilibria

__all__ = ["polynomial_support_enumeration_solve", "support_profiles", "profile_count", "METHOD"]

METHOD = "support-enumeration-polynomial"

#: Games with more support profiles than this are refused (``max_profiles`` raises it).
MAX_PROFILES = 5_000
#: ``hg.solve(game)`` uses this method for games with at most this many support profiles
#: (2×2×2: 27, 2×2×3: 63, 2×2×2×2: 81); 3×3×3 (343) takes tens of seconds to minutes in sympy.
AUTO_MAX_PROFILES = 81


def profile_count(shape: Sequence[int]) -> int:
    """The number of support profiles, Πᵢ (2^nᵢ − 1).

    >>> profile_count((2, 2, 2)), profile_count((3, 3, 3))
    (27, 343)
    """
    return math.prod(2 ** n - 1 for n in shape)


def support_profiles(shape: Sequence[int]) -> Iterator[tuple[tuple[int, ...], ...]]:
    """Every support profile, smallest total size first, then most balanced (Porter et al. 2008).

    >>> [tuple(map(len, s)) for s in support_profiles((2, 2))]
    [(1, 1), (1, 1), (1, 1), (1, 1), (1, 2), (1, 2), (2, 1), (2, 1), (2, 2)]
    """
    subsets = [[c for k in range(1, n + 1) for c in itertools.combinations(range(n), k)] for n in shape]
    profiles = list(itertools.product(*subsets))
    profiles.sort(key=lambda p: (sum(map(len, p)), max(map(len, p)) - min(map(len, p))))
    return iter(profiles)


def polynomial_support_enumeration_solve(game: NormalFormGame, exact: bool | None = None,
                                         max_profiles: int = MAX_PROFILES,
                                         timeout: float | None = None) -> Solution:
    """Every Nash equilibrium of a small N-player game, exactly, by support enumeration.

    Returns a :class:`~hegemony_games.Solution` with one equilibrium per isolated solution of
    the support systems (for a nondegenerate game: all its equilibria).  ``exact`` chooses the
    arithmetic of the returned probabilities (``None``: the game's); the search itself is always
    exact (float payoffs are read through their decimal form).  ``solution.degenerate`` is True
    when some support system has a continuum of solutions, and then ``complete`` is False (see
    the module docstring).

    ``timeout`` (seconds, ``None``: no limit) stops the search between support profiles: the
    equilibria of the profiles solved so far are returned, flagged ``complete=False``, and the
    message says how many profiles were not searched (``parameters["unsearched_supports"]``
    lists them).  A support system still being solved at the limit is interrupted and counted as
    not searched (in the main thread; in other threads the search stops after that system).

    >>> import hegemony_games as hg
    >>> mp = hg.NormalFormGame.zero_sum([[1, -1], [-1, 1]])
    >>> [e.strategies for e in polynomial_support_enumeration_solve(mp, exact=False)]
    [((0.5, 0.5), (0.5, 0.5))]
    """
    if not isinstance(game, NormalFormGame):
        raise GameError(f"{METHOD} needs a NormalFormGame, got {type(game).__name__}")
    if exact not in (None, True, False):
        raise GameError(f"exact must be True, False or None, got {exact!r}")
    deadline = Deadline(timeout)
    work, exact = arithmetic(game, exact)
    exact_game = work.as_exact()
    count = profile_count(work.shape)
    if count > max_profiles:
        raise GameError(f"the game has {count} support profiles, more than max_profiles={max_profiles}; "
                        "polynomial support enumeration is meant for small games")
    from ..games.dominance import iterated_elimination
    _, kept = iterated_elimination(exact_game)
    reduced = exact_game.restrict(kept)
    payoffs = [integer_matrix(u) for u in reduced.payoffs]
    found: list[_Candidate] = []
    continua: list[dict] = []
    visited = 0
    profiles = list(support_profiles(reduced.shape))
    unsearched: list = []
    for position, supports in enumerate(profiles):
        if deadline.expired():
            unsearched = profiles[position:]
            break
        if _conditionally_dominated(payoffs, supports):
            continue
        visited += 1
        system = _System(payoffs, supports)
        try:
            with deadline.interrupting():    # one Gröbner basis can take minutes
                candidates, continuum = system.solve()
        except DeadlineReached:
            unsearched = profiles[position:]
            break
        found += candidates
        if continuum is not None:
            continua.append({"supports": [[kept[i][k] for k in s] for i, s in enumerate(supports)],
                             "groebner_basis": continuum})
    equilibria = _package(work, exact, found, kept)
    message = ""
    if continua:
        message = (f"{len(continua)} support profile(s) have a continuum of solutions (a degenerate "
                   "game); equilibria inside them are not listed: see parameters['positive_dimensional']")
    unsearched_labels = [[[kept[i][k] for k in s] for i, s in enumerate(supports)] for supports in unsearched]
    if unsearched:
        shown = "; ".join(str(s) for s in unsearched_labels[:3]) + ("; ..." if len(unsearched) > 3 else "")
        limit = (f"{deadline.describe()} reached after {len(profiles) - len(unsearched)} of {len(profiles)} "
                 f"support profiles; {len(unsearched)} support profiles not searched "
                 f"(strategy indices per player): {shown}")
        message = limit + ("; " + message if message else "")
    return Solution(work, equilibria, METHOD, exact, degenerate=bool(continua) or None,
                    parameters={"support_profiles_solved": visited,
                                "positive_dimensional": continua,
                                "unsearched_supports": unsearched_labels},
                    complete=not continua and not unsearched, message=message)


# --------------------------------------------------------------------------- pruning
def _conditionally_dominated(payoffs: list[np.ndarray], supports: tuple) -> bool:
    """Some s ∈ Sᵢ is strictly worse than a pure strategy against every t ∈ S₋ᵢ."""
    for i, u in enumerate(payoffs):
        index = [list(s) for s in supports]
        index[i] = list(range(u.shape[i]))
        block = np.moveaxis(u[np.ix_(*index)], i, 0).reshape(u.shape[i], -1)
        for s in supports[i]:
            row = block[s]
            if any(all(a > b for a, b in zip(block[r], row)) for r in range(u.shape[i]) if r != s):
                return True
    return False


# --------------------------------------------------------------------------- one support profile
@dataclass
class _Candidate:
    """An equilibrium found on a support: rational values, or polynomials in a root of ``f``."""

    supports: tuple
    values: list[list[Any]]        # per player, per support strategy: Fraction, or a Poly in t
    poly: Poly | None = None       # irreducible f (irrational root), else None
    root_index: int = 0            # which real root of f, in increasing order
    interval: tuple[Fraction, Fraction] | None = None


class _System:
    """The indifference equations of one support profile, in the unknowns x_{i,k} (k ≠ first)."""

    def __init__(self, payoffs: list[np.ndarray], supports: tuple):
        self.payoffs, self.supports = payoffs, supports
        self.symbols = [[sympy.Symbol(f"x{i}_{k}") for k in s[1:]] for i, s in enumerate(supports)]
        self.gens = [x for xs in self.symbols for x in xs]

    def sigma(self, i: int) -> dict[int, Any]:
        """Player i's probabilities on her support, as expressions (the first is 1 − Σ others)."""
        xs = self.symbols[i]
        first = 1 - sum(xs)
        return {k: (first if pos == 0 else xs[pos - 1]) for pos, k in enumerate(self.supports[i])}

    def strategy_value(self, i: int, a: int) -> Any:
        """uᵢ(a, σ₋ᵢ) as a polynomial expression."""
        sig = [self.sigma(j) for j in range(len(self.supports))]
        others = [j for j in range(len(self.supports)) if j != i]
        total = 0
        for t in itertools.product(*(self.supports[j] for j in others)):
            prof = [0] * len(self.supports)
            prof[i] = a
            term = 1
            for j, k in zip(others, t):
                prof[j] = k
                term *= sig[j][k]
            coefficient = self.payoffs[i][tuple(prof)]
            if coefficient:
                total += coefficient * term
        return sympy.expand(total)

    def equations(self) -> list[Any]:
        eqs = []
        for i, s in enumerate(self.supports):
            base = self.strategy_value(i, s[0])
            for a in s[1:]:
                eqs.append(sympy.expand(self.strategy_value(i, a) - base))
        return eqs

    def solve(self) -> tuple[list[_Candidate], list[str] | None]:
        if not self.gens:
            point = {}
            return ([_Candidate(self.supports, self._values_rational(point))]
                    if self._check_rational(point) else []), None
        eqs = [e for e in self.equations() if e != 0]
        if not eqs:
            return [], [f"every point of the support simplex solves the equations ({len(self.gens)} unknowns)"]
        # A degree-compatible basis is much cheaper than a lex one; FGLM (Faugère, Gianni,
        # Lazard & Mora 1993) then converts it to lex for a zero-dimensional ideal.
        basis = groebner(eqs, *self.gens, order="grevlex", domain=QQ)
        if list(basis.exprs) == [1]:
            return [], None
        if not basis.is_zero_dimensional:
            return [], [str(e) for e in basis.exprs]
        basis = basis.fglm("lex")
        shape = self._shape(basis)
        if shape is None:
            return [], ["internal: no shape position found; " + "; ".join(str(e) for e in basis.exprs)]
        return self._candidates(*shape), None

    # ------------------------------------------------------------- shape position
    def _shape(self, basis) -> tuple[Any, list[Any], Any] | None:
        """``(t, [h_k], g)`` with x_k = h_k(t) on the variety and g(t) = 0 square-free."""
        shape = _shape_of(basis, self.gens, self.gens[-1])
        if shape is not None:
            return (self.gens[-1], shape[0] + [self.gens[-1]], shape[1])
        t = sympy.Symbol("t_sep")
        rng = np.random.default_rng(len(self.gens))
        for attempt in range(4):
            weights = [int(c) for c in rng.integers(1, 8 + 8 * attempt, len(self.gens))]
            form = t - sum(c * x for c, x in zip(weights, self.gens))
            extended = groebner(list(basis.exprs) + [form], *self.gens, t, order="lex", domain=QQ)
            g = Poly(extended.exprs[-1], t)
            square_free = Poly(sympy.quo(g.as_expr(), sympy.gcd(g.as_expr(), g.diff(t).as_expr()), t), t)
            if square_free.degree() != g.degree():
                extended = groebner(list(extended.exprs[:-1]) + [square_free.as_expr()],
                                    *self.gens, t, order="lex", domain=QQ)
            shape = _shape_of(extended, self.gens + [t], t)
            if shape is not None:
                return t, shape[0], shape[1]
            # Seidenberg: adding the square-free eliminant of every unknown makes the ideal radical.
            extras = []
            for x in self.gens:
                others = [y for y in self.gens if y != x]
                elim = groebner(list(basis.exprs), *others, x, order="lex", domain=QQ).exprs[-1]
                p = Poly(elim, x)
                extras.append(sympy.quo(p.as_expr(), sympy.gcd(p.as_expr(), p.diff(x).as_expr()), x))
            extended = groebner(list(basis.exprs) + extras + [form], *self.gens, t, order="lex", domain=QQ)
            shape = _shape_of(extended, self.gens + [t], t)
            if shape is not None:
                return t, shape[0], shape[1]
        return None

    # ------------------------------------------------------------- roots and checks
    def _candidates(self, t: Any, hs: list[Any], g: Any) -> list[_Candidate]:
        out = []
        g_poly = Poly(g, t, domain=QQ)
        for factor, _ in g_poly.factor_list()[1]:
            factor = Poly(factor, t, domain=QQ)
            if factor.degree() == 1:
                a, b = factor.all_coeffs()
                root = -b / a
                point = {x: _fraction(Poly(h, t).eval(root)) for x, h in zip(self.gens, hs)}
                if self._check_rational(point):
                    out.append(_Candidate(self.supports, self._values_rational(point)))
                continue
            intervals = factor.intervals()   # isolating intervals of the real roots, increasing
            for index, ((lo, hi), _) in enumerate(intervals):
                cand = self._check_algebraic(t, hs, factor, index, (_fraction(lo), _fraction(hi)))
                if cand is not None:
                    out.append(cand)
        return out

    def _quantities(self) -> tuple[list[tuple[int, int, Any]], list[Any]]:
        """Probabilities that must be > 0, and deviation gains that must be ≤ 0 (as expressions)."""
        positive = [(i, k, e) for i in range(len(self.supports)) for k, e in self.sigma(i).items()]
        gains = []
        for i, s in enumerate(self.supports):
            base = self.strategy_value(i, s[0])
            for a in range(self.payoffs[i].shape[i]):
                if a not in s:
                    gains.append(sympy.expand(self.strategy_value(i, a) - base))
        return positive, gains

    def _check_rational(self, point: dict) -> bool:
        positive, gains = self._quantities()
        subs = {x: sympy.Rational(v.numerator, v.denominator) for x, v in point.items()}
        return (all(sympy.sympify(e).subs(subs) > 0 for _, _, e in positive)
                and all(sympy.sympify(e).subs(subs) <= 0 for e in gains))

    def _values_rational(self, point: dict) -> list[list[Fraction]]:
        subs = {x: sympy.Rational(v.numerator, v.denominator) for x, v in point.items()}
        out = []
        for i in range(len(self.supports)):
            out.append([_fraction(sympy.sympify(e).subs(subs)) for e in self.sigma(i).values()])
        return out

    def _check_algebraic(self, t: Any, hs: list[Any], f: Poly, index: int,
                         interval: tuple[Fraction, Fraction]) -> _Candidate | None:
        positive, gains = self._quantities()
        subs = dict(zip(self.gens, hs))
        box = [interval]

        def reduced(e: Any) -> Poly:
            return Poly(sympy.sympify(e).subs(subs), t, domain=QQ).rem(f)

        for _, _, e in positive:
            if _sign(reduced(e), f, box) <= 0:
                return None
        for e in gains:
            if _sign(reduced(e), f, box) > 0:
                return None
        for e in self.equations():       # the equations hold by construction; check anyway
            if not reduced(e).is_zero:
                raise VerificationError("internal error: a root of the eliminant does not solve the system")
        values = [[reduced(e) for e in self.sigma(i).values()] for i in range(len(self.supports))]
        return _Candidate(self.supports, values, f, index, box[0])


def _shape_of(basis, gens: list[Any], t: Any) -> tuple[list[Any], Any] | None:
    """If the lex basis reads ``[x_1 − h_1(t), …, g(t)]`` (gens then t), return ``([h_k], g)``."""
    exprs = list(basis.exprs)
    others = [x for x in gens if x != t]
    if len(exprs) != len(others) + 1:
        return None
    g = exprs[-1]
    if sympy.sympify(g).free_symbols - {t}:
        return None
    hs = []
    for x, e in zip(others, exprs[:-1]):
        p = Poly(e, x)
        if p.degree() != 1 or (sympy.sympify(e).free_symbols - {x, t}):
            return None
        lead, rest = p.all_coeffs()
        if sympy.sympify(lead).free_symbols:
            return None
        hs.append(sympy.expand(-rest / lead))
    return hs, g


def _fraction(value: Any) -> Fraction:
    """A sympy rational (or integer) as a ``Fraction``."""
    return Fraction(str(value))


def _sign(q: Poly, f: Poly, box: list[tuple[Fraction, Fraction]]) -> int:
    """The sign of q(r), r the root of f isolated in ``box[0]`` (refined in place as needed)."""
    if q.is_zero:
        return 0
    coefficients = [_fraction(c) for c in q.all_coeffs()]
    while True:
        lo, hi = box[0]
        low, high = _interval_horner(coefficients, lo, hi)
        if low > 0:
            return 1
        if high < 0:
            return -1
        a, b = f.refine_root(sympy.Rational(lo.numerator, lo.denominator),
                             sympy.Rational(hi.numerator, hi.denominator),
                             eps=sympy.Rational((hi - lo).numerator, (hi - lo).denominator) / 64)
        box[0] = (_fraction(a), _fraction(b))


def _interval_horner(coefficients: list[Fraction], lo: Fraction, hi: Fraction) -> tuple[Fraction, Fraction]:
    """An enclosure of the polynomial (highest coefficient first) over [lo, hi]."""
    low = high = Fraction(0)
    for c in coefficients:
        products = (low * lo, low * hi, high * lo, high * hi)
        low, high = min(products) + c, max(products) + c
    return low, high


# --------------------------------------------------------------------------- results
def _package(game: NormalFormGame, exact: bool, found: list[_Candidate], kept: list[list[int]]
             ) -> tuple[Equilibrium, ...]:
    rational, algebraic = [], []
    for cand in found:
        if cand.poly is None:
            rational.append(_embed(game.shape, kept, cand.supports, cand.values, Fraction(0)))
        else:
            algebraic.append(cand)
    if not exact:
        profiles = [[[float(p) for p in v] for v in prof] for prof in rational]
        for cand in algebraic:
            profiles.append(_float_profile(game, kept, cand))
        return verified_equilibria(game, profiles, exact=False)
    out = list(verified_equilibria(game, rational, exact=True))
    for cand in algebraic:
        out.append(_algebraic_equilibrium(game, kept, cand))
    return tuple(out)


def _embed(shape: Sequence[int], kept: list[list[int]], supports: tuple, values: list, zero: Any) -> list:
    profile = []
    for i, n in enumerate(shape):
        v = [zero] * n
        for k, p in zip(supports[i], values[i]):
            v[kept[i][k]] = p
        profile.append(v)
    return profile


def _root(cand: _Candidate) -> sympy.Expr:
    """The real root as a ``CRootOf`` (real roots of an irreducible f, in increasing order)."""
    return sympy.CRootOf(cand.poly.as_expr(), cand.root_index)


def _float_profile(game: NormalFormGame, kept: list[list[int]], cand: _Candidate) -> list:
    r = _root(cand)
    value = r.evalf(30)
    floats = [[float(p.eval(value)) for p in v] for v in cand.values]
    return _embed(game.shape, kept, cand.supports, floats, 0.0)


def _algebraic_equilibrium(game: NormalFormGame, kept: list[list[int]], cand: _Candidate) -> Equilibrium:
    r = _root(cand)
    t = cand.poly.gen
    exprs = [[p.as_expr().subs(t, r) for p in v] for v in cand.values]
    strategies = tuple(tuple(v) for v in _embed(game.shape, kept, cand.supports, exprs, sympy.Integer(0)))
    floats = _float_profile(game, kept, cand)
    approx = tuple(tuple(v) for v in floats)
    payoffs = tuple(_payoff_expression(game, strategies, i) for i in range(game.num_players))
    regret = max(game.as_float().regrets([[float(p) for p in v] for v in approx]))
    if regret > game.as_float().tolerance():
        raise VerificationError(f"internal error: an algebraic equilibrium has float regret {regret}")
    return Equilibrium(game, strategies, payoffs, details={
        "algebraic": True, "minimal_polynomial": cand.poly.as_expr(),
        "float_strategies": approx, "float_regret": float(regret),
        "certificate": "signs decided exactly (remainders modulo the minimal polynomial, interval arithmetic)"})


def _payoff_expression(game: NormalFormGame, strategies: tuple, player: int) -> sympy.Expr:
    u = game.payoffs[player]
    total = sympy.Integer(0)
    for prof in itertools.product(*(range(n) for n in game.shape)):
        value = Fraction(u[prof]) if game.is_exact else Fraction(repr(float(u[prof])))
        term = sympy.Rational(value.numerator, value.denominator)
        if term == 0:
            continue
        for i, k in enumerate(prof):
            term *= strategies[i][k]
        total += term
    return sympy.expand(total)
