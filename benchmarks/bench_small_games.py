"""Many small games: 2,000 random 2×2 games solved one at a time, in games per second.

Games: ``np.random.default_rng(2).random((2000, 2, 2, 2))``; game k is (A, B) = (row 0, row 1)
of entry k (uniform floats, nondegenerate with probability one).
"""
from __future__ import annotations

import numpy as np

import peers
from benchkit import Options, Section, compare, measure, table

GAMES, QUICK_GAMES = 2000, 100
CAP = 300.0

TOOLS = [
    ("hg exact", "hg", peers.hg_all(True)),
    ("hg float", "hg", peers.hg_all(False)),
    ("nashpy support enum.", "nashpy", peers.nashpy_support),
    ("QuantEcon support enum.", "quantecon", peers.quantecon_support),
    ("QuantEcon vertex enum.", "quantecon", peers.quantecon_vertex),
    ("pygambit enummixed float", "pygambit", peers.gambit_enummixed(False)),
]


def games(count: int) -> np.ndarray:
    return np.random.default_rng(2).random((count, 2, 2, 2))


def run(options: Options, count: int | None = None) -> Section:
    count = count or (QUICK_GAMES if options.quick else GAMES)
    batch = games(count)
    labels = [(label, solver) for label, package, solver in TOOLS if package in options.packages]
    runs = {label: measure(lambda s=solver: [s(A, B) for A, B in batch], options.repeat, CAP)
            for label, solver in labels}
    reference = runs["hg exact"]
    rows, data = [], {"games": count, "results": {}}
    for label, _ in labels:
        m = runs[label]
        if not m.ok:
            rows.append([label, m.cell(), "–", "–", "–"])
            data["results"][label] = {"error": m.error}
            continue
        differ = (sum(not compare(ours, theirs).same for ours, theirs in zip(reference.result, m.result))
                  if reference.ok else None)
        total = sum(len(found) for found in m.result)
        rate = count / m.best
        relative = f"{m.best / reference.best:.3g}×" if reference.ok else "–"
        rows.append([label, f"{rate:,.0f}", relative, str(total), "–" if differ is None else str(differ)])
        data["results"][label] = {"seconds_total": m.best, "games_per_second": rate, "equilibria": total,
                                  "games_differing_from_ours": differ}
    body = "\n\n".join([
        f"Games: `np.random.default_rng(2).random(({count}, 2, 2, 2))`, game k = (entry k, 0) and (entry k, 1); "
        f"one call per game, all {count} in a loop, best of up to {options.repeat} loops.",
        table(["tool", "games per second", "time / our exact time", "equilibria in all",
               "games whose set differs from ours"], rows)])
    return Section(f"Many small games ({count:,} random 2×2 games)", body, data)
