"""Parameter sweeps on several cores: ``hg.analysis.sweep`` serially, on a process pool and on a
Dask ``LocalCluster``, over the same CPU-bound grid.

The grid is a family of 3×3 bimatrix games with two exact parameters (:func:`family`), every
point solved exactly (all extreme equilibria by vertex enumeration, rational arithmetic).  The
speed-up is serial time over parallel time on the same grid in the same run; the cluster's start-up
is timed apart.  Every executor must return the serial DataFrame exactly.

Run from the project root::

    python benchmarks/bench_sweep.py [--points 2000] [--workers 2]

or as the ``sweep`` family of ``benchmarks/run.py``.  Prints a markdown table.
"""
from __future__ import annotations

import argparse
import concurrent.futures as cf
import math
import os
import sys
import time
from fractions import Fraction

import hegemony_games as hg
from hegemony_games.analysis import sweep


def family(a: Fraction, b: Fraction) -> dict:
    """A 3×3 game: coordination on the diagonal (worth 1, ``a``, ``b``) against a cyclic
    temptation of 1/2; all its extreme equilibria, exactly: how many, how many pure, and the
    largest payoff of player 1 over them."""
    half = Fraction(1, 2)
    A = [[1, half, 0], [0, a, half], [half, 0, b]]
    B = [[1, 0, half], [half, a, 0], [0, half, b]]
    solution = hg.solve(hg.NormalFormGame.from_bimatrix(A, B), exact=True)
    return {"equilibria": len(solution), "pure": sum(e.is_pure() for e in solution),
            "best u1": max(e.payoffs[0] for e in solution)}


def warm_up() -> None:
    """The first solve imports the solvers (and compiles kernels): seconds, once per process.
    Each worker runs this before timing; the sleep makes every pool worker take one."""
    family(Fraction(1), Fraction(1))
    time.sleep(0.5)


def grid(points: int) -> dict[str, list[Fraction]]:
    """About ``points`` points: a square grid of a, b in (0, 2]."""
    side = max(1, round(math.sqrt(points)))
    rows = max(1, points // side)
    return {"a": [Fraction(2 * k, side) for k in range(1, side + 1)],
            "b": [Fraction(2 * k, rows) for k in range(1, rows + 1)]}


def measure(points: int, workers: int) -> tuple[list[list[str]], dict]:
    """Rows of the table and the raw numbers."""
    from distributed import Client, LocalCluster

    g = grid(points)
    n = len(g["a"]) * len(g["b"])
    rows, data = [], {"points": n, "workers": workers}

    warm_up()
    start = time.perf_counter()
    reference = sweep(family, g, progress=False)
    serial = time.perf_counter() - start
    rows.append(["in-process (serial)", "1", "-", f"{serial:.2f} s", "1.00×", "-"])
    data["serial"] = serial

    def row(name: str, executor, chunk_size=None) -> None:
        start = time.perf_counter()
        table = sweep(family, g, executor=executor, chunk_size=chunk_size, progress=False)
        elapsed = time.perf_counter() - start
        same = table.equals(reference)
        size = chunk_size or "auto"
        rows.append([name, str(workers), str(size), f"{elapsed:.2f} s", f"{serial / elapsed:.2f}×",
                     "yes" if same else "NO"])
        data[f"{name} / {size}"] = elapsed

    with cf.ProcessPoolExecutor(max_workers=workers) as pool:
        for future in [pool.submit(warm_up) for _ in range(workers)]:
            future.result()
        row("ProcessPoolExecutor", pool)
    import dask
    start = time.perf_counter()
    # generous comm timeouts: on a shared, loaded machine the default 30 s TCP timeout was seen to
    # drop the client's connection mid-run
    timeouts = {"distributed.comm.timeouts.tcp": "300s", "distributed.comm.timeouts.connect": "120s"}
    with dask.config.set(timeouts), LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                 dashboard_address=None) as cluster, Client(cluster) as client:
        client.run(warm_up)  # on every worker
        data["cluster start-up"] = time.perf_counter() - start
        row("Dask LocalCluster", client)
        row("Dask LocalCluster", client, chunk_size=1)
    return rows, data


def table(rows: list[list[str]], points: int, startup: float) -> list[str]:
    header = ["executor", "workers", "points per task", "time", "speed-up", "same DataFrame"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    lines.append("")
    lines.append(f"{points:,} points; the cluster's start-up ({startup:.1f} s, workers importing "
                 f"hegemony_games) is not included.")
    return lines


def run(options):
    """The family for benchmarks/run.py (``--quick``: 200 points)."""
    from benchkit import Section
    points = 200 if options.quick else 2000
    rows, data = measure(points, 2)
    intro = ("`hg.analysis.sweep` over a grid of 3×3 games solved exactly (`family` in "
             "benchmarks/bench_sweep.py), in-process, on a `ProcessPoolExecutor` and on a Dask "
             f"`LocalCluster(processes=True)` with 2 workers, on a machine with {os.cpu_count()} cores.")
    body = "\n".join(table(rows, data["points"], data["cluster start-up"]))
    return Section("Parameter sweeps: speed-up with 2 workers", intro + "\n\n" + body, data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    rows, data = measure(args.points, args.workers)
    print(f"load average {os.getloadavg()[0]:.1f}, {os.cpu_count()} cores\n")
    print("\n".join(table(rows, data["points"], data["cluster start-up"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
