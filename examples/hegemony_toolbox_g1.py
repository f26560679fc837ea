"""The hegemony-toolbox game G1 (Istomin & Baykov 2020, as formalized in the project's research note).

R (the rising power) chooses whether to campaign against asymmetric alliances (nD/D) and what
to offer (an inclusive format I or its own alliance A); H (the hegemon) offers an alliance (O)
or not (N); the client C picks H's alliance, R's offer or neither.  The script solves G1 by
backward induction at the note's test vectors V1–V10, then sweeps the client's threat t at
V1's other parameters and compares where the client's status changes with the closed-form
band of §3: the client is in H's alliance iff  (a + b + δ·d*)/h ≤ t < v·h/k.

Run:  python examples/hegemony_toolbox_g1.py
"""
import time
from fractions import Fraction as F

import hegemony_games as hg
from hegemony_games.models.hegemony_toolbox import g1_closed_form, g1_region, g1_tree

COMMON = dict(a=F(1, 5), delta=F(1, 4), c=F(3, 10), b=F(1, 10), k=F(1, 2))
VECTORS = {  # the note's §7.1: (h, t, v, overrides)
    "V1": (F(4, 5), F(6, 5), 1, {}), "V2": (F(4, 5), F(1, 2), F(1, 5), {}),
    "V3": (F(4, 5), F(1, 2), 1, {}), "V4": (F(4, 5), F(1, 2), F(1, 3), {"k": F(1, 5)}),
    "V5": (F(4, 5), F(3, 10), 1, {}), "V6": (F(4, 5), F(9, 5), 1, {}),
    "V7": (F(3, 10), F(6, 5), F(9, 5), {}), "V8": (F(3, 10), F(1, 5), 2, {}),
    "V9": (F(3, 10), F(11, 10), F(1, 2), {}), "V10": (F(3, 5), 1, 1, {}),
}


def solve(point: dict):
    """The unique SPE under the note's tie rules, and the time the solver took."""
    start = time.perf_counter()
    solution = hg.spe(g1_tree(**point))
    elapsed = time.perf_counter() - start
    assert len(solution) == 1
    return solution[0], elapsed


def vectors_table() -> list[float]:
    print("G1 at the test vectors (a = 1/5, δ = 1/4, c = 3/10, b = 1/10, k = 1/2 unless stated)")
    print(f"{'id':<4} {'h':>5} {'t':>5} {'v':>4}  {'region':<6} {'path (R ; H ; C)':<16}  (u_H, u_R, u_C)")
    times = []
    for name, (h, t, v, over) in VECTORS.items():
        point = {**COMMON, "h": h, "t": t, "v": v, **over}
        eq, elapsed = solve(point)
        times.append(elapsed)
        path = " ; ".join(eq.details["path"])
        region = g1_region(**point)
        assert (tuple(eq.details["path"]), eq.payoffs) == g1_closed_form(**point)[1:]
        print(f"{name:<4} {str(h):>5} {str(t):>5} {str(v):>4}  {region:<6} {path:<16}  "
              f"({', '.join(map(str, eq.payoffs))})")
    return times


def threat_sweep() -> list[float]:
    h, v = F(4, 5), F(1)
    point = {**COMMON, "h": h, "v": v}
    a, b, k, delta, c = (point[n] for n in ("a", "b", "k", "delta", "c"))
    d_star = 1 if v * h > c else 0   # the campaign pays on the contestable sub-band
    low, high = (a + b + delta * d_star) / h, v * h / k
    contestable = ((a + b) / h, (a + b + delta) / h)   # where R's campaign peels the client (R2)
    print(f"\nThreat sweep at V1's other parameters (h = {h}, v = {v}): closed form says the client "
          f"is in H's alliance iff {low} ≤ t < {high},\nand R campaigns iff {contestable[0]} ≤ t < "
          f"{contestable[1]} (v·h = {v * h} > c = {c})")
    grid = [F(n, 16) for n in range(1, 49)]   # t = 1/16, 2/16, ..., 3
    times, previous = [], None
    for t in grid:
        eq, elapsed = solve({**point, "t": t})
        times.append(elapsed)
        status, path = eq.details["path"][-1], " ; ".join(eq.details["path"])
        assert (status == "H") == (low <= t < high)
        assert (eq.details["path"][0] == "D·I") == (d_star == 1 and contestable[0] <= t < contestable[1])
        if previous is not None and path != previous[1]:
            print(f"  t = {previous[0]} → {t}:  {previous[1]}  →  {path}")
        previous = (t, path)
    # the grid brackets the band's edges; at the edges themselves the tie rules decide
    for t in (low, high):
        eq, _ = solve({**point, "t": t})
        inside = eq.details["path"][-1] == "H"
        assert inside == (low <= t < high)
        print(f"  at t = {t} exactly: {' ; '.join(eq.details['path'])} "
              f"(client {'inside' if inside else 'outside'} the band, as the closed form says)")
    return times


def main() -> None:
    times = vectors_table() + threat_sweep()
    print(f"\n{len(times)} calls of hg.spe(g1_tree(...)): mean {1000 * sum(times) / len(times):.1f} ms, "
          f"max {1000 * max(times):.1f} ms")


if __name__ == "__main__":
    main()
