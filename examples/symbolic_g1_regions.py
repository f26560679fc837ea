"""The regions R1–R5 of the hegemony-toolbox game G1, computed symbolically.

G1 (research note hegemony-toolbox-model.md §2.1; hegemony_games.models.g1_tree) is solved by
piecewise backward induction with the threat t and the client's value v left as symbols and the
other parameters at the note's common values (h = 4/5, a = 1/5, k = 1/2, δ = 1/4, c = 3/10,
b = 1/10; regime I), then once more at h = 3/10 (regime II).  The pieces are grouped by the
note's regions (§3) and printed with their conditions; the script checks that the regions are
those the note predicts in the (t, v) plane: H's band (a + b + δ·d)/h ≤ t < v·h/k (P2) and, at
h = 3/10, R's band a/(1 − h) ≤ t < v(1 − h)/k.

Run: python examples/symbolic_g1_regions.py [output folder]   (prints only; writes nothing)
"""
from __future__ import annotations

import sys
from fractions import Fraction

from hegemony_games.models.hegemony_toolbox import g1_closed_form, g1_symbolic_regions

COMMON = {"a": "1/5", "k": "1/2", "delta": "1/4", "c": "3/10", "b": "1/10"}


def show(h: str) -> dict:
    regions = g1_symbolic_regions(h=h, **COMMON)
    print(f"G1 with h = {h} and t, v free ({sum(len(p) for p in regions.values())} pieces)")
    for name, pieces in regions.items():
        eq = pieces[0].equilibria[0]
        print(f"  {name}: path {' ; '.join(eq.details['path'])}, payoffs (u_H, u_R, u_C) = "
              f"({', '.join(str(u) for u in eq.payoffs)})")
        for piece in pieces:
            print(f"      where {piece.condition}")
    return regions


def region_at(regions: dict, t: Fraction, v: Fraction) -> str:
    [name] = [n for n, pieces in regions.items() for p in pieces if p.region.holds_at({"t": t, "v": v})]
    return name


if __name__ == "__main__":
    _ = sys.argv[1:]  # an output folder may be given; this example writes nothing
    for h in ("4/5", "3/10"):
        regions = show(h)
        # the symbolic regions agree with the note's closed form on a grid of (t, v)
        for t in (Fraction(k, 5) for k in range(1, 13)):
            for v in (Fraction(k, 4) for k in range(1, 8)):
                want = g1_closed_form(h, t, v, COMMON["a"], COMMON["k"], COMMON["delta"], COMMON["c"], COMMON["b"])
                assert region_at(regions, t, v) == want.region, (h, t, v)
    print("the symbolic regions agree with the closed form of the note at 84 points per h")
