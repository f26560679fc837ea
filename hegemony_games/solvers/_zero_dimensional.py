"""Zero-dimensional polynomial systems over ℚ: grevlex Gröbner basis, then shape position by linear algebra.

The solutions of a zero-dimensional system are read from its *shape position*: a separating
linear form t = Σ c_k x_k, a univariate g with g(t) = 0, and x_k = h_k(t) for every unknown.
This module

1. computes the reduced grevlex Gröbner basis G of the equations (FLINT's Buchberger through
   python-flint when it is installed and the system is in ``FLINT_MAX_UNKNOWNS``, else sympy's);
2. works in the quotient algebra A = ℚ[x]/I, whose basis is the D standard monomials of G
   (monomials divisible by no leading monomial): normal forms give the matrix M_k of
   multiplication by each unknown x_k on A (Auzinger & Stetter 1988; Cox, Little & O'Shea,
   *Using Algebraic Geometry*, ch. 2 §4);
3. for t = x_n (then for random small-integer forms) builds the Krylov vectors
   1, t, …, t^{D−1} of A.  When they are independent, A = ℚ[t]/(g) (the shape lemma, Gianni &
   Mora 1989): g is read from t^D and each h_k from the coordinates of x_k, by exact linear
   solves.  This is what FGLM (Faugère, Gianni, Lazard & Mora 1993) would produce for the lex
   order, at the cost of D + n normal forms and one D×D solve;
4. if no form works the ideal is not radical: adding the square-free part of each unknown's
   eliminant (the minimal polynomial of M_k acting on 1) makes it radical (Seidenberg's
   lemma), and step 3 runs again.

Every step is exact over ℚ.
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np
from sympy import QQ
from sympy.polys.groebnertools import groebner as ring_groebner
from sympy.polys.matrices import DomainMatrix
from sympy.polys.orderings import grevlex
from sympy.polys.rings import PolyElement, ring

try:    # FLINT's Gröbner bases and reductions are several times faster than sympy's (the ``fast`` extra)
    import flint
except ImportError:     # pragma: no cover - depends on the installation
    flint = None

__all__ = ["grevlex_basis", "is_zero_dimensional", "shape_position", "T_RING", "T"]

#: Use python-flint when it is installed (tests switch it off to compare both ways).
USE_FLINT = True

#: The univariate ring ℚ[t] of eliminants g and of the h_k.
T_RING, T = ring("t", QQ)

#: Random linear forms tried after t = x_n before the ideal is made radical.
FORM_ATTEMPTS = 4


#: FLINT's Buchberger is used for systems of at most this many unknowns, by total degree: where it
#: was measured to be fast.  It cannot be interrupted (``Deadline.interrupting`` acts between
#: Python bytecodes), and outside this range it ran for minutes (3×3×2×2 and 2×2×2×2×2 full-support
#: systems: 6 unknowns of degree 3, 5 of degree 4); sympy's, slow there too, stops at a time limit.
FLINT_MAX_UNKNOWNS = {1: 6, 2: 6, 3: 5}


def _flint_on(polys: list[PolyElement] | None = None) -> bool:
    if flint is None or not USE_FLINT:
        return False
    if polys is None:
        return True
    degree = max(max(sum(m) for m in p.itermonoms()) for p in polys)
    return polys[0].ring.ngens <= FLINT_MAX_UNKNOWNS.get(degree, 0)


def grevlex_basis(polys: list[PolyElement], polynomial_ring) -> list[PolyElement]:
    """The reduced, monic Gröbner basis of ``polys`` for grevlex (the ring's order), largest leader first.

    The basis is unique, so both back ends return the same list.

    >>> R, x, y = ring("x,y", QQ, grevlex)
    >>> grevlex_basis([x**2 + y**2 - 1, x - y], R)
    [y**2 - 1/2, x - y]
    """
    if not _flint_on(polys):
        basis = ring_groebner(polys, polynomial_ring)
    else:
        context = flint.fmpz_mpoly_ctx.get(tuple(str(x) for x in polynomial_ring.symbols), "degrevlex")
        found = flint.fmpz_mpoly_vec([_to_flint(p, context) for p in polys], context).buchberger_naive()
        # FLINT's own autoreduction is slow (its integer coefficients swell); a minimal basis
        # (no leader divisible by another), each element reduced by the others, is the same basis.
        found = [g for g in found if not g.is_zero()]
        leaders = [g.monoms()[0] for g in found]
        minimal = [g for k, (g, m) in enumerate(zip(found, leaders))
                   if not any(_divides(other, m) and (other != m or j < k)
                              for j, other in enumerate(leaders) if j != k)]
        basis = []
        for k, g in enumerate(minimal):
            others = minimal[:k] + minimal[k + 1:]
            if others:
                g = g.reduction_primitive_part(flint.fmpz_mpoly_vec(others, context))
            basis.append(_from_flint(g, polynomial_ring))
    return sorted((p.monic() for p in basis), key=lambda p: grevlex(p.LM), reverse=True)


def _divides(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """The monomial a divides the monomial b."""
    return all(x <= y for x, y in zip(a, b))


def is_zero_dimensional(basis: list[PolyElement]) -> bool:
    """Finitely many complex solutions: every unknown has a pure power among the leading monomials."""
    bounded = {used[0] for used in ([k for k, e in enumerate(p.LM) if e] for p in basis) if len(used) == 1}
    return len(bounded) == basis[0].ring.ngens


def shape_position(polys: list[PolyElement], basis: list[PolyElement]
                   ) -> tuple[list[PolyElement], PolyElement]:
    """``([h_1, …, h_n], g)`` in ℚ[t]: the solutions are x_k = h_k(t) at the roots t of g.

    ``basis`` is the reduced grevlex basis of ``polys`` and zero-dimensional, not [1].

    >>> R, x, y = ring("x,y", QQ, grevlex)
    >>> eqs = [x**2 + y**2 - 1, x - y]
    >>> shape_position(eqs, grevlex_basis(eqs, R))
    ([t, t], t**2 - 1/2)
    """
    polynomial_ring = basis[0].ring
    for radical in (False, True):
        if radical:    # Seidenberg: the square-free eliminants make the ideal radical
            quotient = _Quotient(basis)
            extras = [_square_free(quotient.minimal_polynomial(quotient.multiplication(k)), x)
                      for k, x in enumerate(polynomial_ring.gens)]
            polys = list(polys) + extras
            basis = grevlex_basis(polys, polynomial_ring)
        quotient = _Quotient(basis)
        n = polynomial_ring.ngens
        rng = np.random.default_rng(n)
        forms = [[0] * (n - 1) + [1]] + [[int(c) for c in rng.integers(1, 8 + 8 * a, n)]
                                          for a in range(FORM_ATTEMPTS)]
        for weights in forms:
            found = quotient.shape(weights)
            if found is not None:
                return found
    raise ArithmeticError("internal error: no separating linear form for a radical zero-dimensional ideal")


class _Quotient:
    """The algebra ℚ[x]/I of a zero-dimensional I, on the standard monomials of its grevlex basis."""

    def __init__(self, basis: list[PolyElement]):
        self.ring = basis[0].ring
        leaders = [p.LM for p in basis]
        self.monomials = _standard_monomials(leaders, self.ring.ngens)
        self.position = {m: j for j, m in enumerate(self.monomials)}
        self.normal_form = _normal_form_function(basis)
        self._multiplication: dict[int, DomainMatrix] = {}

    def coordinates(self, p: PolyElement) -> list[Any]:
        """The coordinates of p mod I on the standard monomials."""
        column = [QQ.zero] * len(self.monomials)
        for m, c in self.normal_form(p).items():
            column[self.position[m]] = c
        return column

    def multiplication(self, k: int) -> DomainMatrix:
        """The matrix of multiplication by x_k (columns: images of the standard monomials)."""
        if k not in self._multiplication:
            x = self.ring.gens[k]
            columns = [self.coordinates(x * self.ring.from_dict({m: QQ.one})) for m in self.monomials]
            self._multiplication[k] = DomainMatrix(columns, (len(columns), len(columns)), QQ).transpose()
        return self._multiplication[k]

    def _unit(self) -> DomainMatrix:
        return DomainMatrix([[QQ.one] if m == self.ring.zero_monom else [QQ.zero] for m in self.monomials],
                            (len(self.monomials), 1), QQ)

    def minimal_polynomial(self, matrix: DomainMatrix) -> PolyElement:
        """The monic p of least degree with p(matrix)·1 = 0 (for M_k: the eliminant of x_k), in ℚ[t]."""
        vectors = [self._unit()]
        while True:
            krylov = DomainMatrix.hstack(*vectors)
            following = matrix * vectors[-1]
            if krylov.rank() < DomainMatrix.hstack(krylov, following).rank():
                vectors.append(following)
                continue
            relation = [row[0] for row in _solve(krylov, following).to_list()]
            return _monic_from_relation(relation, len(vectors))

    def shape(self, weights: list[int]) -> tuple[list[PolyElement], PolyElement] | None:
        """The shape position for t = Σ weights_k x_k, or None when 1, t, …, t^{D−1} are dependent."""
        size = len(self.monomials)
        matrix = None
        for k, c in enumerate(weights):
            if c:
                term = self.multiplication(k) * QQ(c)
                matrix = term if matrix is None else matrix + term
        vectors = [self._unit()]
        for _ in range(size):
            vectors.append(matrix * vectors[-1])
        krylov = DomainMatrix.hstack(*vectors[:-1])
        if krylov.rank() < size:
            return None
        unknowns = [DomainMatrix([[c] for c in self.coordinates(x)], (size, 1), QQ) for x in self.ring.gens]
        solved = _solve(krylov, DomainMatrix.hstack(vectors[-1], *unknowns)).to_list()
        g = _monic_from_relation([row[0] for row in solved], size)
        hs = [T_RING.from_dict({(j,): row[1 + k] for j, row in enumerate(solved) if row[1 + k]})
              for k in range(self.ring.ngens)]
        return hs, g


def _solve(matrix: DomainMatrix, rhs: DomainMatrix) -> DomainMatrix:
    """The solution of matrix · X = rhs (matrix of full column rank; least squares are exact then)."""
    if matrix.shape[0] == matrix.shape[1]:
        return matrix.lu_solve(rhs)
    square = matrix.transpose() * matrix
    return square.lu_solve(matrix.transpose() * rhs)


def _monic_from_relation(coefficients: list[Any], degree: int) -> PolyElement:
    """t^degree − Σ_j c_j t^j from the coordinates c of t^degree on 1, …, t^{degree−1}."""
    terms = {(degree,): QQ.one}
    for j, c in enumerate(coefficients):
        if c:
            terms[(j,)] = -c
    return T_RING.from_dict(terms)


def _square_free(p: PolyElement, x: PolyElement) -> PolyElement:
    """The square-free part of a univariate p ∈ ℚ[t], as a polynomial in the unknown x."""
    part = p.quo(p.gcd(p.diff(T)))
    return sum((x ** e[0] * c for e, c in part.items()), x.ring.zero)


def _standard_monomials(leaders: list[tuple[int, ...]], n: int) -> list[tuple[int, ...]]:
    """The monomials divisible by no leader (finitely many: the ideal is zero-dimensional)."""
    def divisible(m: tuple[int, ...]) -> bool:
        return any(_divides(lead, m) for lead in leaders)

    found, frontier = [], [(0,) * n]
    seen = set(frontier)
    while frontier:
        m = frontier.pop()
        if divisible(m):
            continue
        found.append(m)
        for k in range(n):
            step = m[:k] + (m[k] + 1,) + m[k + 1:]
            if step not in seen:
                seen.add(step)
                frontier.append(step)
    return sorted(found, key=grevlex)


def _normal_form_function(basis: list[PolyElement]) -> Callable[[PolyElement], PolyElement]:
    """p ↦ its remainder modulo the Gröbner basis (its normal form)."""
    polynomial_ring = basis[0].ring
    if not _flint_on():     # (a reduction, unlike a Buchberger run, is quick at any size)
        return lambda p: p.rem(basis)
    # FLINT reduces over ℤ up to a scalar (the primitive part); a fresh unknown w, which no leader
    # divides and grevlex ranks consistently, rides along unchanged and reveals the scalar.
    names = tuple(str(x) for x in polynomial_ring.symbols)
    context = flint.fmpz_mpoly_ctx.get(names + ("w_scale",), "degrevlex")
    vector = flint.fmpz_mpoly_vec([_to_flint(p, context) for p in basis], context)
    marker = context.gens()[-1]
    marker_monomial = (0,) * len(names) + (1,)

    def normal_form(p: PolyElement) -> PolyElement:
        common, integral = p.clear_denoms()
        reduced = (_to_flint(integral, context) + int(common) * marker).reduction_primitive_part(vector)
        terms = reduced.to_dict()
        scale = QQ(int(terms.pop(marker_monomial)))     # the factor FLINT applied to common · p
        return polynomial_ring.from_dict({tuple(m)[:-1]: QQ(int(c)) / scale for m, c in terms.items()})
    return normal_form


def _to_flint(p: PolyElement, context) -> Any:
    """p times the lcm of its denominators, in FLINT (extra unknowns of ``context`` unused)."""
    pad = len(context.names()) - p.ring.ngens
    integral = p.clear_denoms()[1]
    return context.from_dict({tuple(m) + (0,) * pad: int(c.numerator) for m, c in integral.items()})


def _from_flint(p: Any, polynomial_ring) -> PolyElement:
    return polynomial_ring.from_dict({tuple(m): QQ(int(c)) for m, c in p.to_dict().items()})
