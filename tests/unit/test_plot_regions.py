"""Region maps and quantity plots of piecewise solutions: what the picture shows, not just that it runs.

The Snyder alliance game's pieces are written out by hand (support is dominant iff A·ρ > E,
alliance-models.md §2.2); with A = 4 the boundary in the (ρ, E) plane is the line E = 4ρ.
"""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import sympy  # noqa: E402
from matplotlib.colors import to_rgb  # noqa: E402

import hegemony_games as hg  # noqa: E402
from hegemony_games.analysis.regions import region_colour  # noqa: E402
from hegemony_games.symbolic import Condition, Piece  # noqa: E402

from tests.hand_solutions import A, B, E, piece, rho, snyder  # noqa: E402, F401

T, R, S, P = sympy.symbols("T R S P")


def chicken():
    """T > R > S > P; pure (Swerve, Straight), (Straight, Swerve) and the mixed q* = (T−R)/(T−R+S−P)."""
    game = hg.NormalFormGame.from_bimatrix([[R, S], [T, P]], [[R, T], [S, P]], strategies=[["Swerve", "Straight"]] * 2)
    q = (T - R) / (T - R + S - P)
    one, zero = (sympy.Integer(1), sympy.Integer(0)), (sympy.Integer(0), sympy.Integer(1))
    eqs = [hg.Equilibrium(game, (one, zero), (S, T)), hg.Equilibrium(game, (zero, one), (T, S)),
           hg.Equilibrium(game, ((1 - q, q), (1 - q, q)), ((S * T - R * P) / (T - R + S - P),) * 2)]
    return hg.Solution(game, tuple(eqs), "by hand", True,
                       pieces=[piece(Condition.of(T > R, R > S, S > P), eqs)])


def pixel(ax, x, y):
    """The rendered RGB colour at data point (x, y)."""
    fig = ax.figure
    fig.canvas.draw()
    image = np.asarray(fig.canvas.buffer_rgba())
    px, py = ax.transData.transform((x, y))
    return tuple(image[int(round(image.shape[0] - py)), int(round(px)), :3] / 255)


def test_region_map_colours_labels_and_legend():
    ax = hg.analysis.plot_regions(snyder(), x=(rho, 0, 1), y=("E", 0, 5), fixed={"A": 4, B: 5}, resolution=200)
    # 4ρ > E below the line E = 4ρ (region 0), above it region 1.
    for (x, y), k in [((0.9, 0.5), 0), ((0.95, 3.0), 0), ((0.1, 4.5), 1), ((0.5, 4.0), 1)]:
        assert pixel(ax, x, y) == pytest.approx(to_rgb(region_colour(k)), abs=0.02), (x, y)
    # the image itself: row for E, column for ρ
    image = ax.images[0].get_array()
    assert image.shape == (200, 200, 3)
    assert tuple(image[10, 190]) == pytest.approx(to_rgb(region_colour(0)))    # ρ ≈ 0.95, E ≈ 0.25
    assert tuple(image[190, 10]) == pytest.approx(to_rgb(region_colour(1)))    # ρ ≈ 0.05, E ≈ 4.8
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert texts[0].split("\n")[0] in (r"R0: $4 \rho > E$", r"R0: $E < 4 \rho$")
    assert texts[1].split("\n")[0] in (r"R1: $4 \rho < E$", r"R1: $E > 4 \rho$")
    assert r"$4 \rho = E$" in texts   # the boundary line
    assert texts[0].endswith(r"$\left(1, 0; 1, 0\right)$") and texts[1].endswith(r"$\left(0, 1; 0, 1\right)$")
    labels = {t.get_text(): t.get_position() for t in ax.texts}
    x0, y0 = labels["R0"]
    x1, y1 = labels["R1"]
    assert 4 * x0 > y0 and 4 * x1 < y1    # each label sits inside its region
    assert ax.get_xlabel() == r"$\rho$" and "A = 4" in ax.get_title()
    plt.close(ax.figure)


def test_outside_assumptions_is_white_and_an_existing_axes_is_used():
    fig, ax = plt.subplots()
    sol = snyder()
    object.__setattr__(sol, "parameters", {"assumptions": Condition.of(rho <= sympy.Rational(1, 2))})
    out = hg.analysis.plot_regions(sol, x=rho, xlim=(0, 1), y=E, ylim=(0, 5), fixed={A: 4, B: 5}, ax=ax,
                                   resolution=100, labels=False, boundaries=False)
    assert out is ax
    assert pixel(ax, 0.8, 1.0) == pytest.approx((1.0, 1.0, 1.0), abs=0.02)
    assert pixel(ax, 0.4, 1.0) == pytest.approx(to_rgb(region_colour(0)), abs=0.02)
    assert any("no piece" in t.get_text() for t in ax.get_legend().get_texts())
    plt.close(fig)


def test_quantity_plot_lines_are_the_formulas():
    ax = hg.analysis.plot_quantity(chicken(), ("strategy", 0, "Straight"), x=(T, 3, 5), fixed={R: 2, S: 1, P: 0},
                                   resolution=201)
    lines = ax.get_lines()
    assert len(lines) == 3
    x, y = lines[2].get_data()
    # q* = (T−2)/(T−1) with R=2, S=1, P=0: 1/2 at T=3, 3/4 at T=5
    assert y[0] == pytest.approx(0.5) and y[-1] == pytest.approx(0.75)
    assert np.allclose(y, (x - 2) / (x - 1))
    assert np.all(lines[0].get_data()[1] == 0) and np.all(lines[1].get_data()[1] == 1)
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert texts[2] == r"R0, eq. 2: $\frac{T - 2}{T - 1}$"
    assert ax.get_ylabel() == "P(Player 1 plays Straight)"
    plt.close(ax.figure)


def test_quantity_plot_of_a_boundary_piece_shows_dots():
    ax = hg.analysis.plot_quantity(snyder(), ("payoff", 0), x=(rho, 0, 1), fixed={A: 4, B: 5, E: 3},
                                   resolution=5, equilibrium=0)     # grid 0, .25, .5, .75, 1: ρ = 0.75 is the tie
    by_label = {line.get_label(): line for line in ax.get_lines()}
    assert by_label["R1, eq. 0: $- 4 \\rho$"].get_data()[1][:3].tolist() == [0.0, -1.0, -2.0]
    dot = by_label["R2, eq. 0: $2$"]
    assert dot.get_marker() == "o" and dot.get_data()[1][3] == 2.0
    plt.close(ax.figure)


def test_latex_rendering():
    text = snyder()._repr_latex_()
    assert text.startswith("$") and r"A \rho > E" in text and r"u = \left(B - E, B - E\right)" in text
    assert hg.solve(hg.classics.chicken())._repr_latex_() is None
    assert "frac" in chicken().pieces[0]._repr_latex_()


def test_errors_say_what_to_fix():
    sol = snyder()
    with pytest.raises(hg.GameError, match=r"fix the parameters \['B'\]"):
        hg.analysis.plot_regions(sol, x=(rho, 0, 1), y=(E, 0, 5), fixed={A: 4})
    with pytest.raises(hg.GameError, match="range of rho"):
        hg.analysis.plot_regions(sol, x=rho, y=(E, 0, 5), fixed={A: 4, B: 5})
    with pytest.raises(hg.GameError, match="different"):
        hg.analysis.plot_regions(sol, x=(rho, 0, 1), y=(rho, 0, 5), fixed={A: 4, B: 5, E: 1})
    with pytest.raises(hg.GameError, match="unknown parameter"):
        hg.analysis.plot_quantity(sol, ("payoff", 0), x=("zeta", 0, 1), fixed={A: 4, B: 5, E: 1})
    with pytest.raises(hg.GameError, match="low < high"):
        hg.analysis.plot_quantity(sol, ("payoff", 0), x=(rho, 1, 0), fixed={A: 4, B: 5, E: 1})
    with pytest.raises(hg.GameError, match="resolution"):
        hg.analysis.plot_quantity(sol, ("payoff", 0), x=(rho, 0, 1), fixed={A: 4, B: 5, E: 1}, resolution=1)
    plt.close("all")
