"""All equilibria of seeded random n×n games: hegemony_games (exact, float) against the peers.

Games as in the project's anchor timings: ``rng = np.random.default_rng(n)``, then
``A, B = rng.random((n, n)), rng.random((n, n))`` (nondegenerate with probability one).
Our exact result is the reference once every equilibrium is checked to have zero regret in
rational arithmetic (by :func:`benchkit.exact_regret`, not by the library).
"""
from __future__ import annotations

import numpy as np

import peers
from benchkit import (Measurement, Options, Section, compare, exact_matrix, exact_regret, measure, ratio,
                     table)

SIZES = (4, 6, 8, 10)
QUICK_SIZES = (4, 6)
CAP, QUICK_CAP = 300.0, 20.0
GOAL = 10.0  # our exact solver at least this many times faster than nashpy's enumerations at n = 8, 10

# (label, package, solver)
TOOLS = [
    ("hg exact", "hg", peers.hg_all(True)),
    ("hg float", "hg", peers.hg_all(False)),
    ("nashpy support enum.", "nashpy", peers.nashpy_support),
    ("nashpy vertex enum.", "nashpy", peers.nashpy_vertex),
    ("QuantEcon support enum.", "quantecon", peers.quantecon_support),
    ("QuantEcon vertex enum.", "quantecon", peers.quantecon_vertex),
    ("pygambit enummixed float", "pygambit", peers.gambit_enummixed(False)),
    ("pygambit enummixed rational", "pygambit", peers.gambit_enummixed(True)),
]


def game(n: int) -> tuple[np.ndarray, np.ndarray]:
    """The seeded random n×n game of the anchor timings."""
    rng = np.random.default_rng(n)
    return rng.random((n, n)), rng.random((n, n))


def run(options: Options, sizes: tuple[int, ...] | None = None) -> Section:
    sizes = sizes or (QUICK_SIZES if options.quick else SIZES)
    cap = QUICK_CAP if options.quick else CAP
    labels = [(label, solver) for label, package, solver in TOOLS if package in options.packages]
    rows: dict[int, dict[str, Measurement]] = {}
    data: dict = {"sizes": list(sizes), "cap_seconds": cap, "results": {}}
    notes: list[str] = []
    for n in sizes:
        A, B = game(n)
        rows[n] = {label: measure(lambda s=solver: s(A, B), options.repeat, cap) for label, solver in labels}
        reference = rows[n]["hg exact"]
        verified = _verify(A, B, reference)
        if not verified:
            notes.append(f"n = {n}: OUR EXACT RESULT FAILED THE INDEPENDENT REGRET CHECK; comparisons are void.")
        data["results"][n] = {
            label: {"seconds": m.best, "runs": m.runs, "stopped_at_cap": m.best is None and m.error is None,
                    "error": m.error, **_counts(reference, m)}
            for label, m in rows[n].items()}
        data["results"][n]["hg exact"]["verified_zero_regret"] = verified
    times = table(["n", *[label for label, _ in labels]],
                  [[str(n), *[_cell(rows[n]["hg exact"], rows[n][label]) for label, _ in labels]]
                   for n in sizes])
    peers = [label for label, _ in labels if label != "hg exact"]
    ratios = table(["n", *[f"{label} / hg exact" for label in peers]],
                   [[str(n), *[ratio(rows[n][label], rows[n]["hg exact"]) for label in peers]] for n in sizes])
    float_peers = [label for label in peers if label != "hg float"]
    float_ratios = table(["n", *[f"{label} / hg float" for label in float_peers]],
                         [[str(n), *[ratio(rows[n][label], rows[n]["hg float"]) for label in float_peers]]
                          for n in sizes])
    goal, goal_text = _goal(rows, sizes, cap)
    data["goal_met"] = goal
    body = "\n\n".join([
        f"Games: `rng = np.random.default_rng(n); A, B = rng.random((n, n)), rng.random((n, n))`. "
        f"Best of up to {options.repeat} calls (one call only when it takes over 5 s), each call stopped "
        f"after {cap:g} s. A cell reads *time / number of distinct equilibria found*; `≠` marks a set "
        f"that differs from ours (probabilities compared within 1e-6), with how many of ours it misses "
        f"and how many it has that we do not. Our exact equilibria are checked to have zero regret in "
        f"rational arithmetic by the benchmark's own code before they serve as the reference.",
        times, "**Ratios: peer time / our exact time** (above 1: we are faster)", ratios,
        "**Ratios: peer time / our float time**", float_ratios, goal_text, *notes])
    return Section("All equilibria of random n×n games", body, data)


def _verify(A: np.ndarray, B: np.ndarray, reference: Measurement) -> bool:
    if not reference.ok:
        return False
    A_exact, B_exact = exact_matrix(A), exact_matrix(B)
    return all(exact_regret(A_exact, B_exact, profile) == 0 for profile in reference.result)


def _counts(reference: Measurement, m: Measurement) -> dict:
    if not m.ok or not reference.ok:
        return {}
    c = compare(reference.result, m.result)
    return {"equilibria": c.distinct, "found": c.found, "missed": c.missed, "extra": c.extra, "same": c.same}


def _cell(reference: Measurement, m: Measurement) -> str:
    if not m.ok:
        return m.cell()
    c = compare(reference.result, m.result) if reference.ok else None
    text = f"{m.cell()} /{c.distinct if c else len(m.result)}"
    if c and not c.same:
        text += f" ≠ (misses {c.missed}" + (f", {c.extra} extra)" if c.extra else ")")
    return text


def _goal(rows: dict, sizes: tuple[int, ...], cap: float) -> tuple[bool | None, str]:
    """Is our exact solver ≥ 10× faster than both nashpy enumerations at n = 8 and 10?"""
    checked = [n for n in (8, 10) if n in sizes]
    nashpy = ["nashpy support enum.", "nashpy vertex enum."]
    if not checked or any(label not in rows[checked[0]] for label in nashpy):
        return None, "**Goal** (exact ≥ 10× faster than nashpy at n = 8 and 10): not measured in this run."
    lines, met = [], True
    for n in checked:
        ours = rows[n]["hg exact"]
        for label in nashpy:
            peer = rows[n][label]
            if not ours.ok or peer.error is not None:
                met = False
                lines.append(f"n = {n}, {label}: not measurable")
                continue
            peer_time = peer.best if peer.best is not None else cap  # a stopped peer took at least cap
            value = peer_time / ours.best
            met &= value >= GOAL
            lines.append(f"n = {n}: {label} / hg exact = {'> ' if peer.best is None else ''}{value:.3g}×")
    verdict = "**met**" if met else "**NOT met**"
    return met, (f"**Goal** (our exact solver at least {GOAL:g}× faster than nashpy's float enumerations "
                 f"at n = 8 and 10): {verdict} — " + "; ".join(lines) + ".")
