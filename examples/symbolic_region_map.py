"""Region maps, equilibrium plots and comparative statics of symbolic games.

Two games from alliance-models.md, solved with their parameters left as symbols:

* Snyder's secondary alliance game (§2.2): each ally supports (S) or not (W);
  u_i = B·[partner supports] − E·[i supports] − A·ρ·[i does not].  Support is dominant
  iff A·ρ > E, so the switching threshold is ρ* = E/A.
* Chicken, T > R > S > P (§2.3): besides two pure equilibria, each side plays Straight with
  q* = (T − R)/((T − R) + (S − P)).

The script prints each piecewise solution and the signs of some derivatives, compiles the
Snyder solution and maps a 1000 × 1000 grid, and saves two pictures.  Every claim is asserted.

Run:  python examples/symbolic_region_map.py [OUTPUT_FOLDER]
"""
import sys
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import sympy  # noqa: E402

import hegemony_games as hg  # noqa: E402

out = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
out.mkdir(parents=True, exist_ok=True)

# --- Snyder's alliance game --------------------------------------------------------------------
A, rho, E, B = sympy.symbols("A rho E B", positive=True)


def u(me, other):   # 0 = support (S), 1 = not (W)
    return B * int(other == 0) - E * int(me == 0) - A * rho * int(me == 1)


M = [[u(i, j) for j in range(2)] for i in range(2)]
snyder = hg.NormalFormGame.from_bimatrix(M, [[M[j][i] for j in range(2)] for i in range(2)],
                                         strategies=[["S", "W"]] * 2, assumptions=[rho <= 1])
sol = hg.solve(snyder)
print(sol.regions())

# The published test table (B=5, E=3, A=4): rho = 0.5 -> (W,W) payoffs -2; rho = 0.9 -> (S,S) payoffs 2.
for r, profile, payoff in [("1/2", ((0, 1), (0, 1)), -2), ("9/10", ((1, 0), (1, 0)), 2)]:
    at = sol.at({A: 4, B: 5, E: 3, rho: r})
    assert len(at) == 1 and at[0].strategies == profile and at[0].payoffs == (payoff, payoff), at

# Fast evaluation: a 1000 x 1000 region map of the (rho, E) plane.
compiled = sol.compile()
R_, E_ = np.meshgrid(np.linspace(0, 1, 1000), np.linspace(0, 5, 1000))
start = time.perf_counter()
index = compiled.region({rho: R_, E: E_, A: 4, B: 5})
elapsed = time.perf_counter() - start
support = [k for k, p in enumerate(sol.pieces) if p.equilibria and all(e.strategies[0] == (1, 0) for e in p.equilibria)]
share = np.isin(index, support).mean()
print(f"region map of 10^6 points in {elapsed:.3f} s; (S, S) is the equilibrium at {share:.1%} of them")
assert abs(share - 0.4) < 0.01   # the triangle under E = 4 rho covers 2/5 of [0, 1] x [0, 5]

# The threshold rho* = E/A rises with the entrapment cost E and falls with dependence A.
threshold = E / A
signs = [sol.comparative_statics(threshold, x).signs()[0] for x in (E, A)]
print(f"d(rho*)/dE: {signs[0]},  d(rho*)/dA: {signs[1]}")
assert signs == ["+", "-"]

ax = hg.analysis.plot_regions(sol, x=(rho, 0, 1), y=(E, 0, 5), fixed={A: 4, B: 5}, resolution=300)
ax.figure.savefig(out / "snyder_regions.png", dpi=100, bbox_inches="tight")
plt.close(ax.figure)

# --- Chicken -----------------------------------------------------------------------------------
T, R, S, P = sympy.symbols("T R S P")
chicken = hg.NormalFormGame.from_bimatrix([[R, S], [T, P]], [[R, T], [S, P]],
                                          strategies=[["Swerve", "Straight"]] * 2,
                                          assumptions=[T > R, R > S, S > P])
csol = hg.solve(chicken)
print(csol.regions())
mixed = lambda eq: eq.strategies[0][0] not in (0, 1)   # noqa: E731
statics = {x: csol.comparative_statics(("strategy", 0, "Straight"), x, equilibrium=mixed).signs() for x in (T, R, S, P)}
print("sign of dq*/d(T, R, S, P):", [s for x in (T, R, S, P) for s in statics[x]])
# by hand: dq*/dT = (S-P)/D^2 > 0, dq*/dR = -(S-P)/D^2 < 0, dq*/dS = -(T-R)/D^2 < 0, dq*/dP = (T-R)/D^2 > 0
assert [statics[x] for x in (T, R, S, P)] == [["+"], ["-"], ["-"], ["+"]], statics
at = csol.at({T: 4, R: 3, S: 2, P: 1})   # alliance-models.md: q* = 1/2 at (4, 3, 2, 1)
assert any(e.strategies[0] == (sympy.Rational(1, 2), sympy.Rational(1, 2)) or
           e.strategies[0] == (0.5, 0.5) for e in at), at

ax = hg.analysis.plot_quantity(csol, ("strategy", 0, "Straight"), x=(T, 3.2, 8), fixed={R: 3, S: 2, P: 1})
ax.figure.savefig(out / "chicken_q.png", dpi=100, bbox_inches="tight")
plt.close(ax.figure)
print(f"pictures written to {out / 'snyder_regions.png'} and {out / 'chicken_q.png'}")
