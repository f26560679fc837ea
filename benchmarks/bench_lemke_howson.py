"""One equilibrium by Lemke–Howson (pygambit: its LCP solver) on large random games.

Games: ``rng = np.random.default_rng(100 + n)``, then ``A, B = rng.random((n, n)),
rng.random((n, n))``.  Every path starts by dropping label 0 (the row player's first
strategy); nashpy's implementation is known to cycle on these games from n = 100, so each
call is stopped at a cap.
"""
from __future__ import annotations

import numpy as np

import peers
from benchkit import (Measurement, Options, Section, compare, exact_matrix, exact_regret, float_regret, measure,
                     ratio, table)

SIZES, QUICK_SIZES = (10, 50, 100, 200), (10, 50)
CAP, QUICK_CAP = 60.0, 10.0

TOOLS = [
    ("hg exact", "hg", peers.hg_lemke_howson(True)),
    ("hg float", "hg", peers.hg_lemke_howson(False)),
    ("nashpy", "nashpy", peers.nashpy_lemke_howson),
    ("QuantEcon", "quantecon", peers.quantecon_lemke_howson),
    ("pygambit lcp (float)", "pygambit", peers.gambit_lcp),
]


def game(n: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(100 + n)
    return rng.random((n, n)), rng.random((n, n))


def run(options: Options, sizes: tuple[int, ...] | None = None) -> Section:
    sizes = sizes or (QUICK_SIZES if options.quick else SIZES)
    cap = QUICK_CAP if options.quick else CAP
    labels = [(label, solver) for label, package, solver in TOOLS if package in options.packages]
    rows: dict[int, dict[str, Measurement]] = {}
    data: dict = {"sizes": list(sizes), "cap_seconds": cap, "results": {}}
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
    peers = [label for label, _ in labels if label != "hg exact"]
    ratios = table(["n", *[f"{label} / hg exact" for label in peers]],
                   [[str(n), *[ratio(rows[n][label], rows[n]["hg exact"]) for label in peers]] for n in sizes])
    float_peers = [label for label in peers if label != "hg float"]
    float_ratios = table(["n", *[f"{label} / hg float" for label in float_peers]],
                         [[str(n), *[ratio(rows[n][label], rows[n]["hg float"]) for label in float_peers]]
                          for n in sizes])
    body = "\n\n".join([
        f"Games: `rng = np.random.default_rng(100 + n); A, B = rng.random((n, n)), rng.random((n, n))`; "
        f"initial dropped label 0 (pygambit's `lcp_solve(stop_after=1)` has no such option). Best of up to "
        f"{options.repeat} calls, each stopped after {cap:g} s. `=` marks the same equilibrium as ours "
        f"(within 1e-6), `≠` a different one; the largest regret of the result is given when it exceeds 1e-9.",
        cells, "**Ratios: peer time / our exact time**", ratios, "**Ratios: peer time / our float time**",
        float_ratios, *notes])
    return Section("One equilibrium: Lemke–Howson", body, data)


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
