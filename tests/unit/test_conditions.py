"""Conditions (conjunctions of polynomial sign conditions): canonical atoms, exact feasibility, cases."""
from fractions import Fraction

import pytest
import sympy

from hegemony_games.errors import GameError
from hegemony_games.symbolic import Condition, Piece, as_condition, cases, symbol_assumptions

x, y, z = sympy.symbols("x y z")
A, rho, E = sympy.symbols("A rho E")


def test_equal_atoms_compare_equal():
    assert Condition.of(2 * x > 4) == Condition.of(x > 2) == Condition.of(2 < x)
    assert Condition.of(sympy.Eq(x, y)) == Condition.of(sympy.Eq(2 * y, 2 * x))
    assert Condition.of(x / 2 - y / 3 >= 0) == Condition.of(3 * x >= 2 * y)
    assert hash(Condition.of(x > 2)) == hash(Condition.of(2 * x > 4))
    assert Condition.of(x > 0.5) == Condition.of(2 * x > 1)   # floats read as decimals


def test_atoms_are_primitive_integer_polynomials():
    c = Condition.of(x / 2 + y / 4 > sympy.Rational(1, 6))
    assert c.atoms == {(6 * x + 3 * y - 2, ">")}
    assert c.symbols == {x, y}


def test_trivial_atoms():
    assert Condition.of(sympy.Integer(2) > 1).is_true()
    assert Condition.of(x - x > 0).is_false()
    assert Condition.of(True) == Condition.true()
    assert Condition.of(False).is_false()
    assert (Condition.of(x > 0) & Condition.false()).is_false()


def test_contradictory_atoms_collapse():
    assert Condition.of(x > 0, sympy.Eq(x, 0)).is_false()
    assert Condition.of(x >= 1, x <= 1) == Condition.of(sympy.Eq(x, 1))
    assert Condition.of(x > 1, x >= 1) == Condition.of(x > 1)


def test_holds_at_exact():
    c = Condition.of(3 * x > 1, sympy.Eq(y, 2 * x))
    assert c.holds_at({x: Fraction(1, 2), y: 1})
    assert not c.holds_at({x: Fraction(1, 3), y: Fraction(2, 3)})     # 3x = 1 exactly: not > 1
    assert c.holds_at({"x": "0.4", "y": "0.8"})
    with pytest.raises(GameError, match="y"):
        c.holds_at({x: 1})


def test_linear_feasibility_exact():
    # x > y, y > z, z > x is a cycle: empty.
    assert Condition.of(x > y, y > z, z > x).is_feasible() is False
    # x + y < 1, x > 0, y > 0: the open triangle is non-empty.
    tri = Condition.of(x + y < 1, x > 0, y > 0)
    assert tri.is_feasible() is True
    assert tri.holds_at(tri.witness())
    # x + y <= 0 with x >= 0, y >= 0 is the single point (0, 0); strict makes it empty.
    assert Condition.of(x + y <= 0, x >= 0, y >= 0).is_feasible() is True
    assert Condition.of(x + y < 0, x >= 0, y >= 0).is_feasible() is False
    assert Condition.of(sympy.Eq(x + y, 1), sympy.Eq(x - y, 3), y > -1).is_feasible() is False  # y = -1


def test_assumptions_enter_feasibility():
    assert Condition.of(x > 2).is_feasible(Condition.of(x < 1)) is False
    assert Condition.of(x > 2).is_feasible(Condition.of(x < 3)) is True


def test_univariate_exact_root_isolation():
    assert Condition.of(x**2 < 2, x > 1).is_feasible() is True
    assert Condition.of(x**2 < 1, x > 1).is_feasible() is False
    # x^2 = 2 with x > 1: the only point is sqrt(2), irrational; still proven non-empty.
    on_root = Condition.of(sympy.Eq(x**2, 2), x > 1)
    assert on_root.is_feasible() is True
    assert on_root.witness()[x] == sympy.sqrt(2)
    # (x - 1)^2 <= 0 only at x = 1; with x != 1 forced by x > 1 it is empty.
    assert Condition.of((x - 1)**2 <= 0).is_feasible() is True
    assert Condition.of((x - 1)**2 <= 0, x > 1).is_feasible() is False
    assert Condition.of(x**3 - x > 0, x < 0, x > -1).is_feasible() is True     # x in (-1, 0)
    assert Condition.of(x**3 - x > 0, x > 0, x < 1).is_feasible() is False


def test_nonlinear_multivariate():
    # A·rho > E with 0 <= rho <= 1 and E > A > 0: A·rho <= A < E, empty; our tests cannot prove it.
    hard = Condition.of(A * rho > E, A > 0, rho >= 0, rho <= 1, E > A)
    assert hard.is_feasible() in (None, False)
    easy = Condition.of(A * rho > E, A > 0, rho >= 0, rho <= 1, E > 0)
    assert easy.is_feasible() is True
    assert easy.holds_at(easy.witness())
    # x^2 + y^2 < 0 is empty (sum of squares); x*y > 0 with x > 0, y < 0 too (sign argument).
    assert Condition.of(x**2 + y**2 < 0).is_feasible() is False
    assert Condition.of(x * y > 0, x > 0, y < 0).is_feasible() is False
    # Linear relaxation: x*y > 1 and x*y < 0 contradict as soon as x*y is one variable.
    assert Condition.of(x * y > 1, x * y + x**2 * z < 0, x**2 * z > 0).is_feasible() is False


def test_simplify_drops_implied_atoms():
    assert Condition.of(x > 2, x > 1, x >= 0).simplify() == Condition.of(x > 2)
    assert Condition.of(x > 2).simplify(Condition.of(x > 3)).is_true()
    assert Condition.of(x > 2, x < 1).simplify().is_false()
    assert Condition.of(x + y > 1, x > 1, y > 0).simplify() == Condition.of(x > 1, y > 0)


def test_implies():
    assert Condition.of(x > 2).implies(Condition.of(x > 1))
    assert not Condition.of(x > 1).implies(Condition.of(x > 2))


def test_readable_output():
    c = Condition.of(A * rho > E, rho <= 1, sympy.Eq(A, 2))
    assert set(str(c).split(" ∧ ")) == {"A = 2", "rho ≤ 1", "A·rho > E"}
    assert str(c).endswith("A·rho > E")        # simple atoms first
    readable = c.to_sympy()
    assert sympy.Gt(A * rho, E, evaluate=False) in readable.args
    assert sympy.Le(rho, 1, evaluate=False) in readable.args
    assert str(Condition.true()) == "always" and str(Condition.false()) == "never"


def test_of_rational_sides():
    assert Condition.of(1 / x > 2, x > 0) == Condition.of(x > 0, 2 * x < 1)
    assert Condition.of(1 / x > 2, x < 0) == Condition.of(x < 0, 2 * x > 1)
    with pytest.raises(GameError, match="denominator"):
        Condition.of(1 / x > 2)
    with pytest.raises(GameError):
        Condition.of(sympy.sqrt(x) > 1)
    with pytest.raises(GameError):
        Condition.of("x > 1")


def test_cases_of_a_ratio():
    got = {(s, c) for s, c in cases((x - 1) / x)}
    expected = {(1, Condition.of(x > 1)), (0, Condition.of(sympy.Eq(x, 1))),
                (-1, Condition.of(x > 0, x < 1)), (1, Condition.of(x < 0))}
    assert {(s, c.simplify()) for s, c in got} == expected


def test_cases_respects_context_and_symbol_assumptions():
    v, c = sympy.symbols("v c", positive=True)
    signs = {s for s, _ in cases(v / c - 1, Condition.of(v > c))}
    assert signs == {1}
    assert [s for s, _ in cases(x**2 + 1)] == [1]
    assert [s for s, _ in cases(sympy.Integer(-3))] == [-1]


def test_symbol_assumptions_and_as_condition():
    c, d = sympy.Symbol("c", positive=True), sympy.Symbol("d", nonnegative=True)
    assert symbol_assumptions([c, d, x]) == Condition([(c, ">"), (d, ">=")])
    assert as_condition(None).is_true()
    assert as_condition([x > 1, y > 1]) == Condition.of(x > 1, y > 1)


def test_piece_unpacks_and_renders():
    piece = Piece(sympy.Gt(x, 1), (), Condition.of(x > 1))
    condition, equilibria = piece
    assert condition == sympy.Gt(x, 1) and equilibria == ()
    assert "x > 1" in piece._repr_latex_()


def test_holds_at_an_irrational_point_decides_a_zero_exactly():
    """At x = 1 + √2, x² − 2x − 1 is zero, though sympy does not write it as 0 by itself."""
    x = sympy.Symbol("x")
    root = 1 + sympy.sqrt(2)
    assert ((root ** 2 - 2 * root - 1) == 0) is False      # the structural comparison misses it
    p = x ** 2 - 2 * x - 1
    assert Condition([(p, "==")]).holds_at({x: root})
    assert Condition([(p, ">=")]).holds_at({x: root}) and not Condition([(p, ">")]).holds_at({x: root})
    assert Condition([(x - 2, ">")]).holds_at({x: root}) and not Condition([(x - 3, ">")]).holds_at({x: root})
