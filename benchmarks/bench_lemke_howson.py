"""One equilibrium by Lemke–Howson (pygambit: its LCP solver) on large random games.

Games: ``rng = np.random.default_rng(100 + n)``, then ``A, B = rng.random((n, n)),
rng.random((n, n))``.  Every path starts by dropping label 0 (the row player's first
strategy); nashpy's implementation is known to cycle on these games from n = 100, so each
call is stopped at a cap.  Our float solver runs twice: with the kernel it uses by default
(numba when installed) and with the numpy kernel (what users without the ``[fast]`` extra get).

Goal (issue 6, item 2): at n = 100–400 our float time within 1.5× of QuantEcon's numba
``lemke_howson`` and at least 5× faster than nashpy.
"""
from __future__ import annotations

import numpy as np

import hegemony_games as hg
import peers
from benchkit import (Measurement, Options, Section, compare, exact_matrix, exact_regret, float_regret, measure,
                      ratio, table)
from hegemony_games.solvers import _lh_kernel

SIZES, QUICK_SIZES = (10, 50, 100, 200, 400), (10, 50)
CAP, QUICK_CAP = 30.0, 10.0
GOAL_SIZES = (100, 200, 400)
GOAL_QUANTECON, GOAL_NASHPY = 1.5, 5.0


def hg_lemke_howson(exact: bool, numba: bool | None = None) -> peers.Solver:
    """Our solver on a game built from the arrays (``numba=False``: the numpy kernel)."""
    def solve(A: np.ndarray, B: np.ndarray) -> list:
        saved = _lh_kernel.USE_NUMBA
        if numba is not None:
            _lh_kernel.USE_NUMBA = numba
        try:
            solution = hg.solve(hg.NormalFormGame([A, B]), method="lemke-howson", exact=exact, initial_label=0)
        finally:
            _lh_kernel.USE_NUMBA = saved
        return [e.strategies for e in solution]
    return solve


TOOLS = [
    ("hg exact", "hg", hg_lemke_howson(True)),
    ("hg float", "hg", hg_lemke_howson(False)),
    ("hg float (numpy kernel)", "hg", hg_lemke_howson(False, numba=False)),
    ("QuantEcon", "quantecon", peers.quantecon_lemke_howson),
    ("nashpy", "nashpy", peers.nashpy_lemke_howson),
    ("pygambit lcp (float)", "pygambit", peers.gambit_lcp),
]


def game(n: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(100 + n)
    return rng.random((n, n)), rng.random((n, n))


def run(options: Options, sizes: tuple[int, ...] | None = None) -> Section:
    sizes = sizes or (QUICK_SIZES if options.quick else SIZES)
    cap = QUICK_CAP if options.quick else CAP
    labels = [(label, solver) for label, package, solver in TOOLS if package in options.packages]
    for _, solver in labels[:3]:                       # compile the numba kernel before any timing
        solver(*game(3))
    kernel = "numba" if _lh_kernel.USE_NUMBA and _lh_kernel.HAVE_NUMBA else "numpy (numba is not installed)"
    rows: dict[int, dict[str, Measurement]] = {}
    data: dict = {"sizes": list(sizes), "cap_seconds": cap, "hg_float_kernel": kernel, "results": {}}
    notes = []
    for n in sizes:
        A, B = game(n)
        rows[n] = {label: measure(lambda s=solver: s(A, B), options.repeat, cap) for label, solver in labels}
        reference = rows[n]["hg exact"]
        if reference.ok and exact_regret(exact_matrix(A), exact_matrix(B), reference.result[0]) != 0:
            notes.append(f"n = {n}: OUR EXACT LEMKE-HOWSON RESULT FAILED THE INDEPENDENT REGRET CHECK.")
        data["results"][n] = {label: {"seconds": m.best, "runs": m.runs, "error": m.error,
                                      **_quality(A, B, reference, m)} for label, m in rows[n].items()}
    cells = table(["n", *[label for label, _ in labels]],
                  [[str(n), *[_cell(data["results"][n][label], rows[n][label]) for label, _ in labels]]
                   for n in sizes])
    others = [label for label, _ in labels if not label.startswith("hg")]
    ours = [label for label, _ in labels if label.startswith("hg float")]
    float_ratios = table(["n", *[f"{peer} / {mine}" for mine in ours for peer in others],
                             *(["hg exact / hg float"] if "hg float" in ours else [])],
                         [[str(n), *[ratio(rows[n][peer], rows[n][mine]) for mine in ours for peer in others],
                           *([ratio(rows[n]["hg exact"], rows[n]["hg float"])] if "hg float" in ours else [])]
                          for n in sizes])
    body = "\n\n".join([
        f"Games: `rng = np.random.default_rng(100 + n); A, B = rng.random((n, n)), rng.random((n, n))`; "
        f"initial dropped label 0 (pygambit's `lcp_solve(stop_after=1)` has no such option). Our game is built "
        f"with `hg.NormalFormGame([A, B])`. `hg float` uses the {kernel} kernel; `hg exact` follows the path in "
        f"floats and certifies its end in rational arithmetic (the time includes converting the float payoffs "
        f"to exact rationals). Best of up to {options.repeat} calls (one when a call takes over 5 s), each "
        f"stopped after {cap:g} s. `=` marks the same equilibrium as our exact one (within 1e-6), `≠` a "
        f"different one; the largest regret of the result is given when it exceeds 1e-9.",
        cells, "**Ratios: peer time / our float time** (above 1: we are faster)", float_ratios,
        _goal(rows, sizes), *notes])
    return Section("One equilibrium: Lemke–Howson", body, data)


def _goal(rows: dict[int, dict[str, Measurement]], sizes: tuple[int, ...]) -> str:
    """Whether QuantEcon / hg float ≥ 1/1.5 and nashpy / hg float ≥ 5 at the goal sizes."""
    checked = [n for n in sizes if n in GOAL_SIZES and rows[n].get("hg float") and rows[n]["hg float"].ok]
    if not checked:
        return "**Goal** not checked (no goal size in this run)."
    lines, met = [], True
    for n in checked:
        ours = rows[n]["hg float"]
        for peer, need in (("QuantEcon", 1 / GOAL_QUANTECON), ("nashpy", GOAL_NASHPY)):
            theirs = rows[n].get(peer)
            if theirs is None or theirs.error is not None:
                lines.append(f"n = {n}: {peer} not measured")
                continue
            value = (theirs.cap if theirs.best is None else theirs.best) / ours.best
            ok = value >= need
            met &= ok
            lines.append(f"n = {n}: {peer} / hg float = {'> ' if theirs.best is None else ''}{value:.3g}× "
                         f"(needs ≥ {need:.3g}×: {'met' if ok else 'NOT MET'})")
    return (f"**Goal** (float within {GOAL_QUANTECON:g}× of QuantEcon, ≥ {GOAL_NASHPY:g}× faster than nashpy, "
            f"n = 100–400): **{'met' if met else 'not met'}** — " + "; ".join(lines) + ".")


def _quality(A: np.ndarray, B: np.ndarray, reference: Measurement, m: Measurement) -> dict:
    if not m.ok or not m.result:
        return {}
    out = {"regret": float_regret(A, B, m.result[0])}
    if reference.ok:
        out["same_as_ours"] = compare(reference.result, m.result[:1]).same
    return out


def _cell(quality: dict, m: Measurement) -> str:
    if not m.ok:
        return m.cell()
    text = m.cell()
    if "same_as_ours" in quality:
        text += " =" if quality["same_as_ours"] else " ≠"
    if quality.get("regret", 0) > 1e-9:
        text += f" (regret {quality['regret']:.1e})"
    return text
