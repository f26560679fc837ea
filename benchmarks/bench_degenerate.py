"""Degenerate games: does each tool find every extreme equilibrium?

200 random 4×4 bimatrix games with payoffs in {0, 1, 2}: game i is
``np.random.default_rng(1000 + i).integers(0, 3, (2, 4, 4))`` (A, then B), as in the anchor
timings, where pygambit's rational enummixed found 1,188 distinct extreme equilibria in all.
Our exact result is the reference after an independent zero-regret check; pygambit's rational
enumeration, when installed, is a second, independent reference.
"""
from __future__ import annotations

import numpy as np

import peers
from benchkit import (Measurement, Options, Section, compare, exact_matrix, exact_regret, float_regret, measure,
                     seconds, table)

GAMES, QUICK_GAMES = 200, 20
CAP = 300.0
ANCHOR_TOTAL = 1188  # pygambit rational, all 200 games (anchor-timings.md)

TOOLS = [
    ("hg exact", "hg", peers.hg_all(True)),
    ("hg float", "hg", peers.hg_all(False)),
    ("pygambit enummixed rational", "pygambit", peers.gambit_enummixed(True)),
    ("pygambit enummixed float", "pygambit", peers.gambit_enummixed(False)),
    ("nashpy support enum.", "nashpy", peers.nashpy_support),
    ("nashpy vertex enum.", "nashpy", peers.nashpy_vertex),
    ("QuantEcon support enum.", "quantecon", peers.quantecon_support),
    ("QuantEcon vertex enum.", "quantecon", peers.quantecon_vertex),
]


def games(count: int) -> list[tuple[np.ndarray, np.ndarray]]:
    out = []
    for i in range(count):
        payoffs = np.random.default_rng(1000 + i).integers(0, 3, (2, 4, 4))
        out.append((payoffs[0], payoffs[1]))
    return out


def run(options: Options, count: int | None = None) -> Section:
    count = count or (QUICK_GAMES if options.quick else GAMES)
    batch = games(count)
    labels = [(label, solver) for label, package, solver in TOOLS if package in options.packages]
    runs = {label: measure(lambda s=solver: [s(A, B) for A, B in batch], options.repeat, CAP)
            for label, solver in labels}
    reference = runs["hg exact"]
    notes = []
    verified = reference.ok and all(
        exact_regret(exact_matrix(A), exact_matrix(B), p) == 0
        for (A, B), found in zip(batch, reference.result) for p in found)
    if not verified:
        notes.append("OUR EXACT RESULT FAILED THE INDEPENDENT REGRET CHECK; the comparison below is void.")
    rows, data = [], {"games": count, "results": {}}
    for label, _ in labels:
        m = runs[label]
        if not m.ok or not reference.ok:
            rows.append([label, m.cell(), "–", "–", "–", "–"])
            data["results"][label] = {"seconds_total": m.best, "error": m.error}
            continue
        stats = _score(batch, reference.result, m.result)
        data["results"][label] = {"seconds_total": m.best, "runs": m.runs, **stats}
        extra = str(stats["extra"]) + (f" ({stats['not_equilibria']} returned are not equilibria)"
                                       if stats["not_equilibria"] else "")
        rows.append([label, seconds(m.best / count), str(stats["found"]) + f" of {stats['reference_total']}",
                     str(stats["games_missing"]), extra, str(stats["duplicates"])])
    data["reference_verified"] = verified
    body = [f"Games: game i (i = 0..{count - 1}) is `np.random.default_rng(1000 + i).integers(0, 3, (2, 4, 4))`"
            f" (A, B). Extreme equilibria compared within 1e-6. Our exact set is the reference "
            f"({'verified: zero regret in rational arithmetic' if verified else 'NOT verified'}). Time: all "
            f"{count} games in one call, best of up to {options.repeat}, divided by {count}.",
            table(["tool", "time per game", "extreme equilibria found", "games where some are missed",
                   "extra (not among ours)", "duplicates returned"], rows)]
    gambit = runs.get("pygambit enummixed rational")
    if gambit is not None and gambit.ok and reference.ok:
        differ = [i for i, (ours, theirs) in enumerate(zip(reference.result, gambit.result))
                  if not compare(ours, theirs).same]
        data["games_where_hg_and_gambit_rational_differ"] = differ
        body.append(f"Second reference: pygambit's rational enummixed gives the same set as ours in "
                    f"{count - len(differ)} of {count} games" + (f" (differs in games {differ})." if differ else "."))
    if count == GAMES and reference.ok:
        total = data["results"]["hg exact"]["reference_total"]
        body.append(f"Total distinct extreme equilibria found by us: {total}; the anchor timings report "
                    f"{ANCHOR_TOTAL} from pygambit's rational enummixed on the same 200 games"
                    f" ({'agrees' if total == ANCHOR_TOTAL else 'DISAGREES'}).")
    body += notes
    larger, data["larger"] = _larger(options, labels)
    body += larger
    return Section("Degenerate games: who finds every extreme equilibrium?", "\n\n".join(body), data)


LARGER_SIZES, QUICK_LARGER_SIZES = (6, 8, 10, 12, 14), (6,)
LARGER_CAP = 60.0
LARGER_TOOLS = ("hg exact", "hg float", "pygambit enummixed rational", "QuantEcon vertex enum.")


def _larger(options: Options, labels: list) -> tuple[list[str], dict]:
    """One larger degenerate game per size, n×n with payoffs in {0, 1, 2}: time, extreme equilibria
    (distinct, against ours) and the peak memory of our exact solve (a lexicographic reverse search)."""
    from bench_all_equilibria import _peak_memory
    tools = [(label, solver) for label, solver in labels if label in LARGER_TOOLS]
    sizes = QUICK_LARGER_SIZES if options.quick else LARGER_SIZES
    rows, data, stopped = [], {}, set()
    for n in sizes:
        rng = np.random.default_rng(n)
        A, B = rng.integers(0, 3, (n, n)), rng.integers(0, 3, (n, n))
        runs = {label: None if label in stopped else measure(lambda s=solver: s(A, B), 1, LARGER_CAP)
                for label, solver in tools}
        stopped |= {label for label, m in runs.items() if m is not None and m.best is None and m.error is None}
        reference = runs["hg exact"]
        verified = reference.ok and all(exact_regret(exact_matrix(A), exact_matrix(B), p) == 0 for p in reference.result)
        cells, data[n] = [str(n)], {"verified_zero_regret": verified}
        for label, _ in tools:
            m = runs[label]
            if m is None:
                cells.append("not run")
                continue
            if not m.ok or not reference.ok:
                cells.append(m.cell())
                continue
            c = compare(reference.result, m.result)
            cells.append(f"{m.cell()} /{c.distinct}" + (f" ≠ (misses {c.missed})" if c.missed else "")
                         + (f" ({c.extra} not among ours)" if c.extra else "")
                         + (f" (+{len(m.result) - c.distinct} duplicates)" if len(m.result) > c.distinct else ""))
            data[n][label] = {"seconds": m.best, "distinct": c.distinct, "missed": c.missed, "extra": c.extra}
        memory = _peak_memory(A, B, exact=True)
        data[n]["hg exact peak memory (MB)"] = memory
        cells.append(f"{memory:.2g} MB")
        rows.append(cells)
    body = [f"**Larger degenerate games**: for n in {', '.join(map(str, sizes))}, "
            "`rng = np.random.default_rng(n); A, B = rng.integers(0, 3, (n, n)), rng.integers(0, 3, (n, n))`. "
            f"One call each, stopped after {LARGER_CAP:g} s (a tool stopped is not run at larger sizes). A cell "
            "reads *time /distinct extreme equilibria*, `≠` when some of ours are missed. These games are "
            "degenerate: our solver runs a lexicographic reverse search, which keeps only the current path and "
            "pairs each vertex as it meets it, so its memory does not grow with the vertices (last column: peak "
            "resident memory of our exact solve).",
            table(["n", *[label for label, _ in tools], "hg exact peak memory"], rows)]
    return body, data


def _score(batch: list, ours: list, theirs: list) -> dict:
    found = missing_games = extra = not_equilibria = duplicates = total = 0
    for (A, B), reference, other in zip(batch, ours, theirs):
        c = compare(reference, other)
        total += c.found + c.missed
        found += c.found
        missing_games += c.missed > 0
        extra += c.extra
        duplicates += len(other) - c.distinct
        tolerance = 1e-6 * max(1, float(max(A.max(), B.max()) - min(A.min(), B.min())))
        not_equilibria += sum(float_regret(A, B, p) > tolerance for p in other)
    return {"reference_total": total, "found": found, "games_missing": missing_games, "extra": extra,
            "not_equilibria": not_equilibria, "duplicates": duplicates}
