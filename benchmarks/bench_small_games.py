"""Many small games, in games per second: one call per game (every tool), and hg.solve_many on stacks.

Part one, one at a time: ``np.random.default_rng(2).random((2000, 2, 2, 2))``, game k = (entry k, 0)
and (entry k, 1) (uniform floats, nondegenerate with probability one); every tool in a loop, and
``hg.solve_many`` on the same games in one call.

Part two, families: for each shape m×n in 2×2, 2×3, 3×3 and N in 10^3 … 10^6,
``A, B = np.random.default_rng(SEED).integers(0, 100, (2, N, m, n))`` (exact: integer payoffs, some
degenerate) and ``A, B = np.random.default_rng(SEED).random((2, N, m, n))`` (float), solved by
``hg.solve_many`` (wall time, best of ``--repeat``; one call at N = 10^6).  The peers, which have no
batch solver, solve the first ``SAMPLE`` games of each family one at a time; their games per second
and the ratio to ours are reported, with how many games' equilibria differ from ours (within 1e-6),
and how many of ours differ from ``hg.solve``'s (exactly, for the exact family).

Standalone: ``python benchmarks/bench_small_games.py [--quick] [--out FILE]``; also a family of
``python benchmarks/run.py --only small-games``.
"""
from __future__ import annotations

import argparse
import sys
import time
from typing import Sequence

import numpy as np

import peers
from benchkit import Options, Section, compare, measure, table

import hegemony_games as hg

GAMES, QUICK_GAMES = 2000, 100
CAP = 300.0
SEED = 7
SHAPES, QUICK_SHAPES = ((2, 2), (2, 3), (3, 3)), ((2, 2),)
SIZES, QUICK_SIZES = (10 ** 3, 10 ** 4, 10 ** 5, 10 ** 6), (10 ** 3,)
SAMPLE, QUICK_SAMPLE = 300, 20

TOOLS = [
    ("hg exact", "hg", peers.hg_all(True)),
    ("hg float", "hg", peers.hg_all(False)),
    ("nashpy support enum.", "nashpy", peers.nashpy_support),
    ("QuantEcon support enum.", "quantecon", peers.quantecon_support),
    ("QuantEcon vertex enum.", "quantecon", peers.quantecon_vertex),
    ("pygambit enummixed float", "pygambit", peers.gambit_enummixed(False)),
]
PEERS = [entry for entry in TOOLS if entry[1] != "hg"]


def games(count: int) -> np.ndarray:
    return np.random.default_rng(2).random((count, 2, 2, 2))


def family(kind: str, N: int, m: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(SEED)
    A, B = rng.integers(0, 100, (2, N, m, n)) if kind == "exact" else rng.random((2, N, m, n))
    return A, B


def batch_profiles(batch: hg.solvers.batch.BatchSolution) -> list[list]:
    """Per game, its equilibria as (x, y) float vectors, from the flat arrays."""
    return [list(zip(batch.x[a:b], batch.y[a:b])) for a, b in zip(batch.offsets[:-1], batch.offsets[1:])]


def best_time(fn, repeat: int) -> tuple[float, float, object]:
    """Best wall and CPU time of ``repeat`` in-process calls, and the first result."""
    walls, cpus, result = [], [], None
    for k in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        out = fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        result = out if k == 0 else result
    return min(walls), min(cpus), result


def run(options: Options, count: int | None = None) -> Section:
    """The runner's family: the one-at-a-time table, then the batch tables."""
    for shape in SHAPES:   # first calls fill small per-shape caches: keep them out of the timings
        for payoffs in (np.ones((2, 2, *shape), int), np.ones((2, 2, *shape))):
            hg.solve_many(A=payoffs[0], B=payoffs[1])
            hg.solve_many(A=payoffs[0], B=payoffs[1], exact=True)
    body, data = one_at_a_time(options, count)
    batch_body, batch_data = families(options)
    data["batch"] = batch_data
    return Section(f"Many small games ({data['games']:,} random 2×2 games one at a time; families with hg.solve_many)",
                   body + "\n\n" + batch_body, data)


def one_at_a_time(options: Options, count: int | None = None) -> tuple[str, dict]:
    count = count or (QUICK_GAMES if options.quick else GAMES)
    batch = games(count)
    labels = [(label, solver) for label, package, solver in TOOLS if package in options.packages]
    runs = {label: measure(lambda s=solver: [s(A, B) for A, B in batch], options.repeat, CAP)
            for label, solver in labels}
    for exact in (True, False):
        label = f"hg.solve_many {'exact' if exact else 'float'} (one call)"
        runs[label] = measure(lambda e=exact: batch_profiles(hg.solve_many(batch, exact=e)), options.repeat, CAP)
        labels.append((label, None))
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
        f"**One at a time.** Games: `np.random.default_rng(2).random(({count}, 2, 2, 2))`, game k = (entry k, 0) "
        f"and (entry k, 1); one call per game, all {count} in a loop, best of up to {options.repeat} loops; "
        "`hg.solve_many` takes the whole stack in one call (including building the flat arrays).",
        table(["tool", "games per second", "time / our exact time", "equilibria in all",
               "games whose set differs from ours"], rows)])
    return body, data


def families(options: Options) -> tuple[str, dict]:
    shapes = QUICK_SHAPES if options.quick else SHAPES
    sizes = QUICK_SIZES if options.quick else SIZES
    sample = QUICK_SAMPLE if options.quick else SAMPLE
    speed_rows, peer_rows, data = [], [], {}
    for m, n in shapes:
        shape = f"{m}×{n}"
        ours: dict = {}
        for N in sizes:
            cells = [shape, f"{N:,}"]
            for kind in ("exact", "float"):
                A, B = family(kind, N, m, n)
                wall, cpu, batch = best_time(lambda: hg.solve_many(A=A, B=B), 1 if N >= 10 ** 6 else options.repeat)
                ours[(kind, N)] = (N / wall, N / cpu)
                cells += [f"{N / wall:,.0f}", f"{N / cpu:,.0f}"]
                data[f"{shape} {kind} N={N}"] = {"games_per_second_wall": N / wall, "games_per_second_cpu": N / cpu,
                                                 "equilibria": int(batch.counts.sum()),
                                                 "degenerate": int(batch.degenerate.sum()),
                                                 "fallback": int(batch.fallback.sum())}
                cells.append(f"{batch.degenerate.mean():.1%} / {int(batch.fallback.sum())}")
            speed_rows.append(cells)
        largest = max(sizes)
        for kind in ("exact", "float"):
            A, B = family(kind, sample, m, n)
            batch = hg.solve_many(A=A, B=B)
            mine = batch_profiles(batch)
            single = [hg.solve(hg.NormalFormGame.from_bimatrix(a, b)) for a, b in zip(A, B)]
            if kind == "exact":
                same_as_solve = sum([e.strategies for e in batch[i]] == [e.strategies for e in s]
                                    for i, s in enumerate(single))
            else:
                same_as_solve = sum(compare([e.strategies for e in s], mine[i]).same for i, s in enumerate(single))
            rate = ours[(kind, largest)][0]
            peer_rows.append([shape, f"hg.solve_many {kind} (N = {largest:,})", f"{rate:,.0f}", "1×",
                              f"{sample - same_as_solve} of {sample} (vs hg.solve)"])
            data[f"{shape} {kind} sample"] = {"games": sample, "differ_from_hg_solve": sample - same_as_solve}
            for label, package, solver in PEERS:
                if package not in options.packages:
                    continue
                result = measure(lambda s=solver: [s(a, b) for a, b in zip(A, B)], options.repeat, CAP)
                if not result.ok:
                    peer_rows.append([shape, f"{label} ({kind} games)", result.cell(), "–", "–"])
                    continue
                peer_rate = sample / result.best
                differ = sum(not compare(o, t).same for o, t in zip(mine, result.result))
                peer_rows.append([shape, f"{label} ({kind} games)", f"{peer_rate:,.0f}", f"{rate / peer_rate:,.0f}×",
                                  f"{differ} of {sample}"])
                data[f"{shape} {kind} {label}"] = {"games_per_second": peer_rate, "ours_over_peer": rate / peer_rate,
                                                    "games_differing_from_ours": differ}
    body = "\n\n".join([
        f"**Families with `hg.solve_many`.** Exact: `A, B = np.random.default_rng({SEED}).integers(0, 100, "
        f"(2, N, m, n))`; float: `A, B = np.random.default_rng({SEED}).random((2, N, m, n))`. Games per second by "
        f"wall time (best of {options.repeat}; one call at N = 10^6) and by CPU time of this process (less "
        "sensitive to other jobs on the machine). *degenerate / fallback*: share of degenerate games, and games "
        "handed to `hg.solve` for a float near-tie.",
        table(["shape", "N", "exact games/s", "exact games/s (CPU)", "exact: degenerate / fallback",
               "float games/s", "float games/s (CPU)", "float: degenerate / fallback"],
              [r[:4] + [r[4]] + r[5:7] + [r[7]] for r in speed_rows]),
        f"**Against the peers, one game at a time** (the first {sample} games of each family; the peers have "
        f"no batch solver). Ratio: our games per second at N = {max(sizes):,} over the peer's. The last column "
        "counts games whose equilibrium set differs from ours (within 1e-6); for our own row, games whose result "
        "differs from `hg.solve` on the same game (exactly, in the exact family).",
        table(["shape", "tool", "games/s", "ours / peer", "games differing"], peer_rows)])
    return body, data


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="2×2 only, N = 1,000, small samples")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--tools", nargs="+", choices=sorted(peers.PACKAGES), default=None)
    parser.add_argument("--out", default=None, help="also write the markdown here")
    args = parser.parse_args(argv)
    packages = peers.available(None if args.tools is None else set(args.tools) | {"hg"})
    peers.warm_up(packages)
    options = Options(quick=args.quick, packages=frozenset(packages), repeat=max(1, args.repeat))
    section = run(options)
    text = f"## {section.title}\n\n{section.body}\n"
    print(text)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
