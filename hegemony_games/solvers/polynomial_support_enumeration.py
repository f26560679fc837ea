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
3. solves each system exactly (module ``_zero_dimensional``): the reduced grevlex Gröbner basis
   over ℚ (FLINT's through python-flint when installed, else sympy's), then the *shape position*
   x_k = h_k(t), g(t) = 0 by exact linear algebra in the quotient algebra (t the last unknown or
   a generic linear form; the square-free eliminants make the ideal radical when needed,
   Seidenberg's lemma); the real roots of g are isolated exactly;
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
profiles (a 3×3×3 game: about 0.5 s with python-flint, 2.5 s with sympy alone).

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
from sympy import QQ, Poly
from sympy.polys.orderings import grevlex
from sympy.polys.rings import PolyElement, ring

from ..errors import GameError
from ..games.normal_form import NormalFormGame
from ..limits import Deadline, DeadlineReached
from ..solution import Equilibrium, Solution
from ._common import VerificationError, arithmetic, integer_matrix, verified_equilibria
from ._zero_dimensional import T_RING, grevlex_basis, is_zero_dimensional, shape_position

T_SYMBOL = T_RING.symbols[0]

__all__ = ["polynomial_support_enumeration_solve", "support_profiles", "profile_count", "auto_eligible", "METHOD"]

METHOD = "support-enumeration-polynomial"

#: Games with more support profiles than this are refused (``max_profiles`` raises it).
MAX_PROFILES = 5_000
#: ``hg.solve(game)`` uses this method for games of at most ``AUTO_MAX_PLAYERS`` players and
#: ``AUTO_MAX_PROFILES`` support profiles (2×2×2: 27, 2×2×2×2: 81, 2×2×2×3: 189, 3×3×3: 343):
#: 0.05–2 s each with python-flint, 0.3–6 s with sympy alone (benchmarks/RESULTS.md).  Five
#: players of two strategies (243 profiles) are left out: that full-support system (5 unknowns,
#: degree 4, up to 44 solutions) takes minutes.
AUTO_MAX_PROFILES = 343
AUTO_MAX_PLAYERS = 4


def auto_eligible(shape: Sequence[int]) -> bool:
    """Whether ``hg.solve(game)`` (``method="auto"``) enumerates all equilibria of this shape.

    >>> auto_eligible((3, 3, 3)), auto_eligible((2, 2, 2, 2, 2)), auto_eligible((4, 4, 2))
    (True, False, False)
    """
    return len(shape) <= AUTO_MAX_PLAYERS and profile_count(shape) <= AUTO_MAX_PROFILES


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
    values: list[list[Any]]        # per player, per support strategy: Fraction, or an element of ℚ[t]/(f)
    poly: Poly | None = None       # irreducible f (irrational root), else None
    factor: PolyElement | None = None   # the same f in ℚ[t], for arithmetic modulo f
    root_index: int = 0            # which real root of f, in increasing order
    interval: tuple[Fraction, Fraction] | None = None


class _System:
    """The indifference equations of one support profile, in the unknowns x_{i,k} (k ≠ first).

    Polynomials live in sympy's sparse ring ℚ[x] (``PolyElement``), which is far cheaper than
    expression trees for building, reducing and evaluating them.
    """

    def __init__(self, payoffs: list[np.ndarray], supports: tuple):
        self.payoffs, self.supports = payoffs, supports
        # Players with larger supports first: FLINT's Buchberger keeps far smaller coefficients
        # that way (a 2×2×2×3 full-support system: 0.06 s against 40 s with the 3-strategy player last).
        order = sorted(range(len(supports)), key=lambda i: -len(supports[i]))
        names = [f"x{i}_{k}" for i in order for k in supports[i][1:]]
        self.ring = ring(names, QQ, grevlex)[0]
        unknowns = dict(zip(names, self.ring.gens))
        self.sigma: list[dict[int, PolyElement]] = []   # player i's probabilities on her support
        for i, s in enumerate(supports):
            xs = [unknowns[f"x{i}_{k}"] for k in s[1:]]
            first = self.ring.one - sum(xs, self.ring.zero)
            self.sigma.append({k: (first if pos == 0 else xs[pos - 1]) for pos, k in enumerate(s)})
        self._values: dict[tuple[int, int], PolyElement] = {}

    def strategy_value(self, i: int, a: int) -> PolyElement:
        """uᵢ(a, σ₋ᵢ), a polynomial in the unknowns (cached)."""
        if (i, a) not in self._values:
            n = len(self.supports)
            others = [j for j in range(n) if j != i]
            total = self.ring.zero
            for t in itertools.product(*(self.supports[j] for j in others)):
                prof = [a] * n
                for j, k in zip(others, t):
                    prof[j] = k
                coefficient = self.payoffs[i][tuple(prof)]
                if coefficient:
                    term = self.ring(int(coefficient))
                    for j, k in zip(others, t):
                        term *= self.sigma[j][k]
                    total += term
            self._values[i, a] = total
        return self._values[i, a]

    def equations(self) -> list[PolyElement]:
        """uᵢ(a, σ₋ᵢ) − uᵢ(s₀, σ₋ᵢ) = 0 for every a ∈ Sᵢ after the first."""
        return [self.strategy_value(i, a) - self.strategy_value(i, s[0])
                for i, s in enumerate(self.supports) for a in s[1:]]

    def gains(self) -> list[PolyElement]:
        """Deviation gains uᵢ(a, σ₋ᵢ) − uᵢ(s₀, σ₋ᵢ), a ∉ Sᵢ, that must be ≤ 0."""
        return [self.strategy_value(i, a) - self.strategy_value(i, s[0])
                for i, s in enumerate(self.supports)
                for a in range(self.payoffs[i].shape[i]) if a not in s]

    def probabilities(self) -> list[PolyElement]:
        return [p for sig in self.sigma for p in sig.values()]

    def solve(self) -> tuple[list[_Candidate], list[str] | None]:
        if not self.ring.ngens:
            return ([_Candidate(self.supports, [[Fraction(1)] for _ in self.supports])]
                    if self._check_rational([]) else []), None
        eqs = [e for e in self.equations() if e]
        if not eqs:
            return [], [f"every point of the support simplex solves the equations ({self.ring.ngens} unknowns)"]
        basis = grevlex_basis(eqs, self.ring)
        if basis == [self.ring.one]:
            return [], None
        if not is_zero_dimensional(basis):
            return [], [str(p.as_expr()) for p in basis]
        return self._candidates(*shape_position(eqs, basis)), None

    # ------------------------------------------------------------- roots and checks
    def _candidates(self, hs: list[PolyElement], g: PolyElement) -> list[_Candidate]:
        """Candidates from x_k = h_k(t) (one per unknown, in order) and g(t) = 0."""
        out = []
        for factor, _ in g.factor_list()[1]:
            if factor.degree() == 1:
                root = -factor.coeff(1) / factor.LC
                point = [h(root) for h in hs]
                if self._check_rational(point):
                    out.append(_Candidate(self.supports, [[_qq_fraction(_at(p, point)) for p in sig.values()]
                                                          for sig in self.sigma]))
                continue
            f = Poly.from_dict(dict(factor), T_SYMBOL, domain=QQ)
            for index, ((lo, hi), _) in enumerate(f.intervals()):   # isolating intervals, increasing
                cand = self._check_algebraic(hs, factor, f, index, (_fraction(lo), _fraction(hi)))
                if cand is not None:
                    out.append(cand)
        return out

    def _check_rational(self, point: list) -> bool:
        return (all(_at(p, point) > 0 for p in self.probabilities())
                and all(_at(q, point) <= 0 for q in self.gains()))

    def _check_algebraic(self, hs: list[PolyElement], factor: PolyElement, f: Poly, index: int,
                         interval: tuple[Fraction, Fraction]) -> _Candidate | None:
        """Decide the signs at the root of ``factor`` isolated in ``interval`` exactly."""
        hs = [h % factor for h in hs]
        box = [interval]

        def at_root(q: PolyElement) -> PolyElement:
            return _substitute(q, hs, factor)

        if any(_sign(at_root(p), f, box) <= 0 for p in self.probabilities()):
            return None
        if any(_sign(at_root(q), f, box) > 0 for q in self.gains()):
            return None
        if any(at_root(e) for e in self.equations()):     # they hold by construction; check anyway
            raise VerificationError("internal error: a root of the eliminant does not solve the system")
        values = [[at_root(p) for p in sig.values()] for sig in self.sigma]
        return _Candidate(self.supports, values, f, factor, index, box[0])


def _substitute(q: PolyElement, hs: list[PolyElement], f: PolyElement) -> PolyElement:
    """q(h_1(t), …, h_n(t)) modulo f."""
    total = T_RING.zero
    for monomial, c in q.items():
        term = T_RING(c)
        for h, e in zip(hs, monomial):
            for _ in range(e):
                term = (term * h) % f
        total += term
    return total % f


def _at(q: PolyElement, point: list) -> Any:
    """q at a point of ℚⁿ (a domain element); ``point`` may be empty for constants."""
    return q(*point) if point else q.coeff(1)


def _qq_fraction(value: Any) -> Fraction:
    return Fraction(int(value.numerator), int(value.denominator))


def _fraction(value: Any) -> Fraction:
    """A sympy rational (or integer) as a ``Fraction``."""
    return Fraction(str(value))


def _sign(q: PolyElement, f: Poly, box: list[tuple[Fraction, Fraction]]) -> int:
    """The sign of q(r), r the root of f isolated in ``box[0]`` (refined in place as needed)."""
    if not q:
        return 0
    coefficients = [Fraction(0)] * (q.degree() + 1)
    for (k,), c in q.items():
        coefficients[-1 - k] = _qq_fraction(c)
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


def _float_profile(game: NormalFormGame, kept: list[list[int]], cand: _Candidate, root: Any = None) -> list:
    value = (_root(cand) if root is None else root).evalf(30)
    floats = [[float(_expression(p, value)) for p in v] for v in cand.values]
    return _embed(game.shape, kept, cand.supports, floats, 0.0)


def _expression(p: PolyElement, root: Any) -> sympy.Expr:
    """An element of ℚ[t] evaluated at ``root`` (a sympy number or expression)."""
    return p.as_expr().subs(T_SYMBOL, root)


def _algebraic_equilibrium(game: NormalFormGame, kept: list[list[int]], cand: _Candidate) -> Equilibrium:
    r = _root(cand)
    exprs = [[_expression(p, r) for p in v] for v in cand.values]
    strategies = tuple(tuple(v) for v in _embed(game.shape, kept, cand.supports, exprs, sympy.Integer(0)))
    approx = tuple(tuple(v) for v in _float_profile(game, kept, cand, r))
    exact_game = game.as_exact()     # float payoffs through their decimal form, as the search read them
    payoffs = tuple(_expression(_payoff_at_root(exact_game, kept, cand, i), r) for i in range(game.num_players))
    regret = max(game.as_float().regrets([[float(p) for p in v] for v in approx]))
    if regret > game.as_float().tolerance():
        raise VerificationError(f"internal error: an algebraic equilibrium has float regret {regret}")
    return Equilibrium(game, strategies, payoffs, details={
        "algebraic": True, "minimal_polynomial": cand.poly.as_expr(),
        "float_strategies": approx, "float_regret": float(regret),
        "certificate": "signs decided exactly (remainders modulo the minimal polynomial, interval arithmetic)"})


def _payoff_at_root(game: NormalFormGame, kept: list[list[int]], cand: _Candidate, player: int) -> PolyElement:
    """The player's expected payoff in an exact game as an element of ℚ[t] reduced modulo f."""
    u = game.payoffs[player]
    total = T_RING.zero
    for positions in itertools.product(*(range(len(s)) for s in cand.supports)):
        prof = tuple(kept[i][cand.supports[i][k]] for i, k in enumerate(positions))
        value = Fraction(u[prof])
        if value:
            term = T_RING(QQ(value.numerator, value.denominator))
            for i, k in enumerate(positions):
                term = term * cand.values[i][k] % cand.factor
            total += term
    return total
