"""Zero-dimensional systems: grevlex bases (FLINT and sympy agree) and shape position by linear algebra."""
import pytest
from sympy import QQ
from sympy.polys.orderings import grevlex
from sympy.polys.rings import ring

from hegemony_games.solvers import _zero_dimensional as zd

R, x, y = ring("x,y", QQ, grevlex)


@pytest.fixture(params=[True, False], ids=["flint", "sympy"])
def backend(request, monkeypatch):
    if request.param and zd.flint is None:
        raise RuntimeError("python-flint is part of the test extra; install it")
    monkeypatch.setattr(zd, "USE_FLINT", request.param)
    return request.param


def solutions(polys):
    """Every real and complex solution from the shape position, by sympy's root finder (checks only)."""
    import sympy
    basis = zd.grevlex_basis(polys, R)
    hs, g = zd.shape_position(polys, basis)
    roots = sympy.Poly(g.as_expr(), zd.T_RING.symbols[0]).all_roots()
    return {tuple(sympy.nsimplify(sympy.simplify(h.as_expr().subs(zd.T_RING.symbols[0], r))) for h in hs)
            for r in roots}


def test_shape_when_the_last_unknown_separates(backend):
    # circle ∩ line: (±1/√2, ±1/√2)
    eqs = [x**2 + y**2 - 1, x - y]
    hs, g = zd.shape_position(eqs, zd.grevlex_basis(eqs, R))
    assert g == zd.T**2 - QQ(1, 2) and hs == [zd.T, zd.T]


def test_shape_needs_a_generic_form_when_the_last_unknown_does_not_separate(backend):
    # (0, 0) and (1, 0): y is 0 at both, so t = y fails and a random form t = a x + b y is used
    eqs = [x**2 - x, y]
    basis = zd.grevlex_basis(eqs, R)
    hs, g = zd.shape_position(eqs, basis)
    assert g.degree() == 2 and hs[1] == 0
    assert solutions(eqs) == {(0, 0), (1, 0)}


def test_non_radical_ideal_is_made_radical(backend):
    # (x², xy, y²): the origin with multiplicity 3, which no linear form separates
    eqs = [x**2, x * y, y**2]
    hs, g = zd.shape_position(eqs, zd.grevlex_basis(eqs, R))
    assert g == zd.T and hs == [zd.T_RING.zero, zd.T_RING.zero]


def test_zero_dimensionality_and_the_unit_ideal(backend):
    assert zd.is_zero_dimensional(zd.grevlex_basis([x**2 - 1, y**3 - x], R))
    assert not zd.is_zero_dimensional(zd.grevlex_basis([x * y - 1], R))
    assert zd.grevlex_basis([x - 1, x - 2], R) == [R.one]


def test_flint_and_sympy_give_the_same_reduced_basis(monkeypatch):
    # multilinear indifference-like systems with large coefficients, as the game solver builds them
    import numpy as np
    S, *gens = ring("a,b,c,d", QQ, grevlex)
    rng = np.random.default_rng(7)
    for _ in range(6):
        eqs = []
        for _ in range(4):
            p = S.zero
            for monomial in [(0, 0, 0, 0), (1, 0, 0, 0), (0, 1, 0, 0), (0, 0, 1, 0), (0, 0, 0, 1),
                             (1, 0, 1, 0), (0, 1, 0, 1), (1, 0, 0, 1), (0, 1, 1, 0)]:
                p += S.from_dict({monomial: QQ(int(rng.integers(-99, 100)), int(rng.integers(1, 5)))})
            eqs.append(p)
        monkeypatch.setattr(zd, "USE_FLINT", True)
        fast = zd.grevlex_basis(eqs, S)
        monkeypatch.setattr(zd, "USE_FLINT", False)
        assert fast == zd.grevlex_basis(eqs, S)
        if fast != [S.one] and zd.is_zero_dimensional(fast):
            monkeypatch.setattr(zd, "USE_FLINT", True)
            shape = zd.shape_position(eqs, fast)
            monkeypatch.setattr(zd, "USE_FLINT", False)
            assert shape == zd.shape_position(eqs, fast)
            hs, g = shape
            for e in eqs:     # every equation vanishes on x_k = h_k(t) modulo g
                total = zd.T_RING.zero
                for monomial, c in e.items():
                    term = zd.T_RING(c)
                    for h, k in zip(hs, monomial):
                        term = term * h ** k % g
                    total += term
                assert total % g == 0


def test_flint_only_where_it_was_measured_to_be_quick(backend):
    # FLINT's Buchberger cannot be interrupted by a time limit: larger systems go to sympy's
    S, a, b, c, d, e = ring("a,b,c,d,e", QQ, grevlex)
    quadratic, quartic = [a * b - c, d * e - 1], [a * b * c * d - e, a - 1]
    assert zd._flint_on(quadratic) == backend
    assert not zd._flint_on(quartic)
