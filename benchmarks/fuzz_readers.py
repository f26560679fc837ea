"""Fuzz the .nfg and .efg readers with many mutations of the Gambit corpus and count the outcomes.

Usage (from a checkout)::

    python benchmarks/fuzz_readers.py                    # 10,000 mutations, seed 0
    python benchmarks/fuzz_readers.py -n 50000 --seed 7 --bound 5

Every mutated file (see tests/fuzzing.py: truncations, deleted, duplicated and swapped tokens,
NaN, huge numbers, 1/0, random bytes and bits, wrong headers, deep nesting, huge strategy
counts) is read with ``hg.read`` under a time bound.  The outcomes are counted as ``game`` (a
valid game: exact finite payoffs, chance probabilities summing to one, written and read back
unchanged), ``FileFormatError`` (with a line and column) or ``other`` (any other exception, an
invalid game, or a read slower than the bound), which is a defect; the first few of each kind of
defect are printed with the seed that reproduces them.  The exit status is 1 if there was any.
"""
from __future__ import annotations

import argparse
import collections
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests/fuzzing.py, however we are run

from tests import fuzzing  # noqa: E402
from tests.conftest import CORPUS  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=10_000, help="number of mutated files (default 10,000)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the first mutation (default 0)")
    parser.add_argument("--bound", type=float, default=fuzzing.TIME_BOUND,
                        help=f"CPU seconds a read may take, plus {fuzzing.SECONDS_PER_MB:g} s per MB "
                             f"(default {fuzzing.TIME_BOUND:g})")
    args = parser.parse_args(argv)
    files = sorted(p for p in CORPUS.rglob("*") if p.suffix in (".nfg", ".efg"))
    if not files:
        print(f"no .nfg/.efg files under {CORPUS}; set HG_GAMBIT_GAMES", file=sys.stderr)
        return 2
    counts: collections.Counter[str] = collections.Counter()
    defects: dict[str, list[str]] = collections.defaultdict(list)
    slowest = (0.0, "")
    started = time.perf_counter()
    for k in range(args.n):
        seed = args.seed + k
        rng = random.Random(seed)  # one seed per mutation: each defect is reproducible alone
        path = rng.choice(files)
        data = fuzzing.mutate(path.read_bytes(), rng)
        start = time.perf_counter()
        kind, message = fuzzing.outcome(data, path.suffix[1:], args.bound)
        elapsed = time.perf_counter() - start
        slowest = max(slowest, (elapsed, f"seed {seed} ({path.name}, {len(data):,} bytes)"))
        counts[kind] += 1
        if kind == "other":
            defects[message[:60]].append(f"seed {seed}: {path.relative_to(CORPUS)}: {message}")
            print(f"defect: {defects[message[:60]][-1]}", file=sys.stderr, flush=True)
        if (k + 1) % 1000 == 0:
            print(f"{k + 1:,} mutations: {dict(counts)}", file=sys.stderr, flush=True)
    total = time.perf_counter() - started
    print(f"{args.n:,} mutations of {len(files)} corpus files (seeds {args.seed}-{args.seed + args.n - 1}), "
          f"{total:.0f} s, load average {os.getloadavg()[0]:.1f}")
    print("| outcome | count |\n|---|---:|")
    for kind in ("game", "FileFormatError", "other"):
        print(f"| {kind} | {counts[kind]:,} |")
    print(f"slowest read and check (wall time): {slowest[0]:.2f} s, {slowest[1]}")
    for examples in defects.values():
        print(f"{len(examples)} x {examples[0]}")
        for example in examples[1:3]:
            print(f"    {example}")
    return 1 if counts["other"] else 0


if __name__ == "__main__":
    sys.exit(main())
