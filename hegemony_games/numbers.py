"""Payoff numbers: the three kinds (float, exact, symbolic) and conversions between them.

Integers, ``Fraction``s, sympy rationals and decimal or rational strings are *exact*
and become :class:`fractions.Fraction`.  Python and numpy floats are *float*.
sympy expressions that are not plain numbers are *symbolic* and stay sympy objects.
A game's kind is the most general kind among its entries (symbolic > float > exact),
except that mixing floats with symbols keeps the floats as sympy Floats.
"""
from __future__ import annotations

import math
import numbers as _abc
from fractions import Fraction
from typing import Any

import numpy as np
import sympy

from .errors import GameError

__all__ = ["FLOAT", "EXACT", "SYMBOLIC", "kind_of", "to_exact", "to_float", "over_common_denominator",
           "as_array", "format_number"]

FLOAT, EXACT, SYMBOLIC = "float", "exact", "symbolic"
_RANK = {EXACT: 0, FLOAT: 1, SYMBOLIC: 2}


def kind_of(value: Any) -> str:
    """The kind of one payoff entry; raises :class:`GameError` for anything else.

    >>> kind_of(3), kind_of("0.1"), kind_of(0.5), kind_of(sympy.Symbol("a"))
    ('exact', 'exact', 'float', 'symbolic')
    """
    if isinstance(value, (bool, np.bool_)):
        raise GameError(f"a payoff cannot be a boolean ({value!r})")
    if isinstance(value, (int, np.integer, Fraction)):
        return EXACT
    if isinstance(value, (float, np.floating)):
        if not math.isfinite(value):
            raise GameError(f"payoffs must be finite numbers, got {value!r}")
        return FLOAT
    if isinstance(value, str):
        to_exact(value)
        return EXACT
    if isinstance(value, sympy.Basic):
        if isinstance(value, sympy.Rational):
            return EXACT
        if isinstance(value, sympy.Float):
            if not value.is_finite:
                raise GameError(f"payoffs must be finite numbers, got {value!r}")
            return FLOAT
        if isinstance(value, sympy.Expr):
            if value.has(sympy.oo, -sympy.oo, sympy.zoo, sympy.nan):
                raise GameError(f"payoffs must be finite, got {value}")
            return SYMBOLIC
    if isinstance(value, _abc.Rational):
        return EXACT
    raise GameError(f"a payoff must be a number, a decimal string or a sympy expression; "
                    f"got {value!r} of type {type(value).__name__}")


def to_exact(value: Any) -> Fraction:
    """Convert an exact number or a float to a ``Fraction``.

    Floats go through their shortest decimal representation, so ``0.1`` becomes
    ``1/10`` (the number the user wrote), not the binary value nearest to it.

    >>> to_exact("0.25"), to_exact("-2/6"), to_exact(0.1), to_exact("1e-3")
    (Fraction(1, 4), Fraction(-1, 3), Fraction(1, 10), Fraction(1, 1000))
    """
    if isinstance(value, Fraction):
        return value
    if isinstance(value, (bool, np.bool_)):
        raise GameError(f"expected a number, got a boolean ({value!r})")
    if isinstance(value, (int, np.integer)):
        return Fraction(int(value))
    if isinstance(value, (float, np.floating)):
        if not math.isfinite(value):
            raise GameError(f"cannot convert {value!r} to an exact number")
        return Fraction(repr(float(value)))
    if isinstance(value, str):
        text = value.strip()
        try:
            result = Fraction(text)
        except (ValueError, ZeroDivisionError):
            raise GameError(f"{value!r} is not a decimal or rational number") from None
        return result
    if isinstance(value, sympy.Rational):
        return Fraction(int(value.p), int(value.q))
    if isinstance(value, sympy.Float):
        return to_exact(float(value))
    if isinstance(value, _abc.Rational):
        return Fraction(value.numerator, value.denominator)
    raise GameError(f"cannot convert {value!r} to an exact number")


def to_float(value: Any) -> float:
    """Convert a number of any non-symbolic kind to a float."""
    if isinstance(value, sympy.Basic):
        if value.free_symbols:
            raise GameError(f"{value} has free parameters; substitute values first")
        return float(value)
    return float(to_exact(value)) if isinstance(value, str) else float(value)


def as_array(data: Any, kind: str | None = None) -> tuple[np.ndarray, str]:
    """Turn nested data into an array of one kind; returns ``(array, kind)``.

    float arrays are ``float64``; exact ones hold ``Fraction``s and symbolic ones
    sympy expressions (both ``dtype=object``).  ``kind=None`` infers the kind.
    """
    if isinstance(data, np.ndarray) and data.dtype.kind in "iu" and kind in (None, EXACT):
        return _object_array([Fraction(int(v)) for v in data.ravel()], data.shape), EXACT
    if isinstance(data, np.ndarray) and data.dtype.kind == "f" and kind in (None, FLOAT):
        if not np.all(np.isfinite(data)):
            raise GameError("payoffs must be finite numbers (found NaN or infinity)")
        return data.astype(np.float64, copy=True), FLOAT
    try:
        raw = np.array(data, dtype=object)
    except ValueError as exc:  # ragged nesting
        raise GameError(f"payoffs are not a rectangular array: {exc}") from None
    flat = list(raw.ravel())
    if any(isinstance(v, (list, tuple, np.ndarray)) for v in flat):
        raise GameError("payoffs are not a rectangular array: rows of different lengths")
    if kind is None:
        kind = max((kind_of(v) for v in flat), key=_RANK.__getitem__, default=EXACT)
    else:
        for v in flat:
            kind_of(v)
    if kind == FLOAT:
        return np.array([to_float(v) for v in flat], dtype=np.float64).reshape(raw.shape), FLOAT
    if kind == EXACT:
        return _object_array([to_exact(v) for v in flat], raw.shape), EXACT
    if kind == SYMBOLIC:
        return _object_array([_to_sympy(v) for v in flat], raw.shape), SYMBOLIC
    raise GameError(f"unknown number kind {kind!r}")


def over_common_denominator(values: np.ndarray) -> tuple[np.ndarray, int]:
    """Exact numbers (``Fraction``s or ints) as Python integers over their least common
    denominator: ``(numerators, den)`` with ``numerators / den == values``, same shape.

    >>> numerators, den = over_common_denominator(np.array([Fraction(1, 2), Fraction(2, 3), 4], dtype=object))
    >>> numerators.tolist(), den
    ([3, 4, 24], 6)
    """
    flat = values.ravel().tolist()
    den = math.lcm(*{v.denominator for v in flat}) if flat else 1
    out = np.empty(len(flat), dtype=object)
    # integer payoffs (den = 1, the common case) need no scaling
    out[:] = [v.numerator for v in flat] if den == 1 else [v.numerator * (den // v.denominator) for v in flat]
    return out.reshape(values.shape), den


def _to_sympy(value: Any) -> sympy.Expr:
    if isinstance(value, sympy.Basic):
        return value
    if isinstance(value, (float, np.floating)):
        return sympy.Float(float(value))
    exact = to_exact(value)
    return sympy.Rational(exact.numerator, exact.denominator)


def _object_array(values: list, shape: tuple) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out.reshape(shape)


def format_number(value: Any, digits: int = 6) -> str:
    """A short readable form: ``2/3`` for exact, ``0.666667`` for floats.

    >>> format_number(Fraction(2, 3)), format_number(2/3), format_number(Fraction(4))
    ('2/3', '0.666667', '4')
    """
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, (float, np.floating)):
        text = f"{float(value):.{digits}g}"
        return "0" if text == "-0" else text
    return str(value)
