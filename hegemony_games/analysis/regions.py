"""Pictures of piecewise (symbolic) solutions: region maps and 1-D plots of equilibrium quantities.

:func:`plot_regions` colours a plane of two parameters (the others fixed) by the piece of the
solution that holds at each point, labels the pieces, draws the boundaries where a region atom
changes sign, and writes every region's condition and every boundary as LaTeX in the legend.
:func:`plot_quantity` draws an equilibrium quantity against one parameter, one line per
equilibrium of each piece.  Both evaluate the compiled solution
(:mod:`hegemony_games.symbolic.compile`) on a grid, in float64: within rounding error of a
boundary a pixel may show either side.

>>> import matplotlib; matplotlib.use("Agg")
>>> import sympy, hegemony_games as hg
>>> T, R, S, P = sympy.symbols("T R S P")
>>> chicken = hg.NormalFormGame.from_bimatrix([[R, S], [T, P]], [[R, T], [S, P]],
...                                           assumptions=[T > R, R > S, S > P])
>>> ax = plot_regions(hg.solve(chicken), x=(T, 2, 5), y=(S, 0.5, 1.5), fixed={R: 2, P: 0}, resolution=50)
>>> len(ax.images)
1
"""
from __future__ import annotations

from typing import Any, Mapping

import numpy as np
import sympy

from ..errors import GameError
from ..symbolic.compile import CompiledSolution, compile_solution
from ..symbolic.quantities import Quantity, describe, quantity_of, select_equilibria

__all__ = ["plot_regions", "plot_quantity", "region_colour", "NO_PIECE_COLOUR"]

# light qualitative colours (ColorBrewer Set3, Harrower & Brewer 2003) so labels stay readable
REGION_COLOURS = ("#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462",
                  "#b3de69", "#fccde5", "#d9d9d9", "#bc80bd", "#ccebc5", "#ffed6f")
NO_PIECE_COLOUR = "#ffffff"
BOUNDARY_STYLES = ("-", "--", ":", "-.")
LINE_STYLES = ("-", "--", ":", "-.")
# one colour per line (Okabe & Ito 2008, colour-blind safe); the legend names the piece and equilibrium
LINE_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
_MAX_LEGEND_TEXT = 90


def region_colour(k: int) -> str:
    """The colour of piece ``k`` in every picture (``-1``, no piece, is white)."""
    return NO_PIECE_COLOUR if k < 0 else REGION_COLOURS[k % len(REGION_COLOURS)]


def plot_regions(solution: Any, x: Any, y: Any, fixed: Mapping[Any, Any] | None = None, ax: Any = None,
                 resolution: int = 400, xlim: tuple | None = None, ylim: tuple | None = None,
                 boundaries: bool = True, labels: bool = True, legend: bool = True,
                 equilibria_in_legend: bool = True, atol: float = 0.0) -> Any:
    """Draw the ``x``–``y`` parameter plane coloured by the piece of ``solution`` holding there.

    ``x`` and ``y`` are ``(parameter, low, high)`` or a parameter (a sympy symbol or its name)
    with its range in ``xlim``/``ylim``; ``fixed`` gives every other parameter a number.  Piece
    ``k`` is labelled ``R{k}``; the legend gives its condition (the fixed values substituted)
    and, when short, its equilibria; boundaries (the zero sets of the region atoms that change
    sign in the window) are drawn as black lines, each with its equation in the legend.
    Points in no piece (or outside the assumptions) are white.  Returns the matplotlib axes.
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    compiled = _compiled(solution, atol)
    (xs, x_lo, x_hi), (ys, y_lo, y_hi) = _axis(compiled, x, xlim, "x"), _axis(compiled, y, ylim, "y")
    if xs == ys:
        raise GameError("x and y must be different parameters")
    fixed_values = _fixed(compiled, fixed, exclude={xs, ys})
    resolution = _resolution(resolution)
    gx = np.linspace(x_lo, x_hi, resolution)
    gy = np.linspace(y_lo, y_hi, resolution)
    X, Y = np.meshgrid(gx, gy)
    index = compiled.region({xs: X, ys: Y, **{s: float(v) for s, v in fixed_values.items()}})
    palette = np.array([_rgb(region_colour(k)) for k in range(-1, len(compiled.pieces))])
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 5))
    ax.imshow(palette[index + 1], origin="lower", extent=(x_lo, x_hi, y_lo, y_hi), aspect="auto",
              interpolation="nearest")
    handles = []
    present = [k for k in range(len(compiled.pieces)) if (index == k).any()]
    for k in present:
        piece = compiled.pieces[k]
        text = f"R{k}: {_latex_condition(piece.condition, fixed_values)}"
        if equilibria_in_legend:
            eqs = _latex_equilibria(piece.equilibria, fixed_values)
            if len(eqs) <= _MAX_LEGEND_TEXT:
                text += "\n" + eqs
            else:
                text += f"\n{len(piece.equilibria)} equilibria"
        handles.append(Patch(facecolor=region_colour(k), edgecolor="0.4", label=text))
        if labels:
            row, col = _label_pixel(index == k)
            ax.text(gx[col], gy[row], f"R{k}", ha="center", va="center", fontsize=10,
                    bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "alpha": 0.8, "linewidth": 0})
    if (index == -1).any():
        handles.append(Patch(facecolor=NO_PIECE_COLOUR, edgecolor="0.4", label="no piece (outside the assumptions)"))
    if boundaries:
        style = 0
        values = {xs: X, ys: Y, **{s: float(v) for s, v in fixed_values.items()}}
        for p in _boundary_polynomials(compiled, present, fixed_values):
            P = compiled.expression(p, values) if p.free_symbols else None
            if P is None or not (np.nanmin(P) < 0 < np.nanmax(P)):
                continue
            linestyle = BOUNDARY_STYLES[style % len(BOUNDARY_STYLES)]
            ax.contour(X, Y, P, levels=[0.0], colors="black", linewidths=1.2, linestyles=linestyle)
            handles.append(Line2D([], [], color="black", linestyle=linestyle, label=f"${_latex_equation(p)}$"))
            style += 1
    ax.set_xlim(x_lo, x_hi)
    ax.set_ylim(y_lo, y_hi)
    ax.set_xlabel(f"${sympy.latex(xs)}$")
    ax.set_ylabel(f"${sympy.latex(ys)}$")
    if fixed_values:
        ax.set_title(", ".join(f"${sympy.latex(s)} = {sympy.latex(v)}$" for s, v in
                               sorted(fixed_values.items(), key=lambda kv: kv[0].name)), fontsize=10)
    if legend and handles:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=8, frameon=False)
    return ax


def plot_quantity(solution: Any, quantity: Quantity, x: Any, fixed: Mapping[Any, Any] | None = None,
                  ax: Any = None, equilibrium: Any = None, resolution: int = 400, xlim: tuple | None = None,
                  atol: float = 0.0) -> Any:
    """Plot ``quantity`` (see :mod:`hegemony_games.symbolic.quantities`) against one parameter.

    One line per equilibrium of each piece (``equilibrium`` selects: ``None`` all, an index, or
    a predicate on an Equilibrium), drawn where that piece holds, in the piece's colour (line
    style by equilibrium); the legend gives the formula with ``fixed`` substituted.  Pieces
    holding at isolated grid points (boundaries) are drawn as dots.  Returns the axes.
    """
    import matplotlib.pyplot as plt

    compiled = _compiled(solution, atol)
    xs, x_lo, x_hi = _axis(compiled, x, xlim, "x")
    fixed_values = _fixed(compiled, fixed, exclude={xs})
    resolution = _resolution(resolution)
    grid = np.linspace(x_lo, x_hi, resolution)
    values = {xs: grid, **{s: float(v) for s, v in fixed_values.items()}}
    index = compiled.region(values)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4))
    for k, piece in enumerate(compiled.pieces):
        hit = index == k
        if not hit.any():
            continue
        for j, eq in select_equilibria(tuple(piece.equilibria), equilibrium):
            expr = quantity_of(quantity, eq)
            ys = np.full(grid.shape, np.nan)
            ys[hit] = compiled.expression(expr, {s: a[hit] if np.ndim(a) else a for s, a in values.items()})
            shown = sympy.latex(sympy.simplify(expr.subs(fixed_values)))
            style = LINE_STYLES[j % len(LINE_STYLES)]
            colour = LINE_COLOURS[len(ax.lines) % len(LINE_COLOURS)]
            label = f"R{k}, eq. {j}: ${shown}$"
            if hit.sum() <= 2:
                ax.plot(grid, ys, "o", color=colour, label=label)
            else:
                ax.plot(grid, ys, linestyle=style, color=colour, linewidth=2, label=label)
    ax.set_xlim(x_lo, x_hi)
    ax.set_xlabel(f"${sympy.latex(xs)}$")
    ax.set_ylabel(describe(quantity, solution.game))
    if fixed_values:
        ax.set_title(", ".join(f"${sympy.latex(s)} = {sympy.latex(v)}$" for s, v in
                               sorted(fixed_values.items(), key=lambda kv: kv[0].name)), fontsize=10)
    if ax.lines:
        ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=8, frameon=False)
    return ax


# --------------------------------------------------------------------------------- helpers
def _compiled(solution: Any, atol: float) -> CompiledSolution:
    if isinstance(solution, CompiledSolution):
        return solution
    return compile_solution(solution, atol=atol)


def _symbol(compiled: CompiledSolution, name: Any) -> sympy.Symbol:
    wanted = name.name if isinstance(name, sympy.Symbol) else str(name)
    for s in compiled.parameters:
        if s.name == wanted:
            return s
    raise GameError(f"unknown parameter {name!r}: the solution has {[s.name for s in compiled.parameters]}")


def _axis(compiled: CompiledSolution, spec: Any, limits: tuple | None, which: str) -> tuple:
    if isinstance(spec, tuple):
        if len(spec) != 3:
            raise GameError(f"{which} must be (parameter, low, high) or a parameter with {which}lim=(low, high)")
        spec, limits = spec[0], spec[1:]
    if limits is None:
        raise GameError(f"give the range of {spec}: {which}=({spec}, low, high) or {which}lim=(low, high)")
    try:
        lo, hi = (float(v) for v in limits)
    except (TypeError, ValueError):
        raise GameError(f"the range of {spec} must be two numbers, got {limits!r}") from None
    if not (np.isfinite(lo) and np.isfinite(hi) and lo < hi):
        raise GameError(f"the range of {spec} must be finite with low < high, got ({lo}, {hi})")
    return _symbol(compiled, spec), lo, hi


def _fixed(compiled: CompiledSolution, fixed: Mapping[Any, Any] | None, exclude: set) -> dict:
    values = {}
    for key, value in dict(fixed or {}).items():
        symbol = _symbol(compiled, key)
        if symbol in exclude:
            raise GameError(f"{symbol} is on an axis; it cannot also be fixed")
        try:
            values[symbol] = sympy.nsimplify(value) if isinstance(value, float) else sympy.sympify(value)
        except (sympy.SympifyError, TypeError):
            raise GameError(f"the fixed value of {symbol} must be a number, got {value!r}") from None
    missing = [s.name for s in compiled.parameters if s not in exclude and s not in values]
    if missing:
        raise GameError(f"fix the parameters {missing} (fixed={{name: value, ...}}) to draw a plane of the others")
    return values


def _resolution(resolution: Any) -> int:
    if not isinstance(resolution, (int, np.integer)) or resolution < 2:
        raise GameError(f"resolution must be an integer ≥ 2, got {resolution!r}")
    return int(resolution)


def _rgb(colour: str) -> tuple[float, float, float]:
    return tuple(int(colour[k:k + 2], 16) / 255 for k in (1, 3, 5))  # type: ignore[return-value]


def _label_pixel(mask: np.ndarray) -> tuple[int, int]:
    """A pixel of the region near its centre of mass (inside it even when the region is not convex)."""
    rows, cols = np.nonzero(mask)
    r, c = rows.mean(), cols.mean()
    k = int(np.argmin((rows - r) ** 2 + (cols - c) ** 2))
    return int(rows[k]), int(cols[k])


def _latex_condition(condition: Any, fixed: Mapping) -> str:
    shown = sympy.sympify(condition).subs(fixed)
    if shown is sympy.true:
        return "always"
    return f"${sympy.latex(shown)}$"


def _latex_equilibria(equilibria: Any, fixed: Mapping) -> str:
    parts = []
    for eq in equilibria:
        parts.append(r"\left(" + "; ".join(_latex_vector(v, fixed) for v in eq.strategies) + r"\right)")
    return "$" + r",\ ".join(parts) + "$" if parts else "no equilibrium"


def _latex_vector(vector: Any, fixed: Mapping) -> str:
    if isinstance(vector, (list, tuple)) and vector and isinstance(vector[0], (list, tuple)):
        return " | ".join(_latex_vector(v, fixed) for v in vector)
    return ", ".join(sympy.latex(sympy.simplify(sympy.sympify(p).subs(fixed))) for p in vector)


def _latex_equation(p: sympy.Expr) -> str:
    """``p = 0`` written with positive terms on each side: ``A \\rho = E`` rather than ``A \\rho - E = 0``."""
    p = sympy.expand(p)
    plus = sympy.Add(*[t for t in sympy.Add.make_args(p) if not t.could_extract_minus_sign()])
    minus = -sympy.Add(*[t for t in sympy.Add.make_args(p) if t.could_extract_minus_sign()])
    return f"{sympy.latex(plus)} = {sympy.latex(minus)}"


def _boundary_polynomials(compiled: CompiledSolution, present: list[int], fixed: Mapping) -> list[sympy.Expr]:
    """The distinct atom polynomials of the pieces drawn, with the fixed values substituted."""
    seen: dict = {}
    for k in present:
        atoms = compiled._piece_atoms[k]
        if isinstance(atoms, sympy.Basic):
            continue
        for p, _ in atoms:
            q = sympy.expand(p.subs(fixed)).as_content_primitive()[1]
            if q.free_symbols and q not in seen and -q not in seen:
                seen[q] = None
    return sorted(seen, key=str)
