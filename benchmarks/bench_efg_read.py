"""Reading large ``.efg`` files: ``hg.read`` against pygambit's reader, on the same files.

Each file is a random game tree that this script builds and writes with our own writer
into a temporary folder (Gambit 16.7 writes the same trees byte for byte): a chance move at
the root, then levels of decisions by three players in turn, ``--branching`` actions each,
exact payoffs (integers and rationals) at the leaves and at some inner nodes, and repeated
outcomes.  Two shapes: *imperfect information*, where the nodes of a level are grouped left
to right into information sets of 1 to 4 nodes, and *perfect information* (every set a
single node).  Each reader is timed best-of-``--repeat``, the readers taking turns; pygambit
reads with ``pygambit.read_efg`` in a child process stopped after ``--cap`` seconds (its
reading time grows faster than the number of information sets).

Run from the project root::

    python benchmarks/bench_efg_read.py [--depths 8 10] [--branching 3] [--repeat 3] [--cap 120]

Depth d gives (3**(d+1) - 1) / 2 nodes: 9,841 at depth 8, 88,573 at depth 10.  Prints a
markdown table.
"""
from __future__ import annotations

import argparse
import gc
import multiprocessing
import os
import platform
import random
import sys
import tempfile
import time
from fractions import Fraction
from importlib import metadata
from pathlib import Path

import hegemony_games as hg
from hegemony_games.games.extensive_form import Node, Outcome
from hegemony_games.io.efg import InfosetKey

PLAYERS = ("Ann", "Bob", "Cat")


def random_tree(depth: int, branching: int, group: int = 4, seed: int = 1) -> hg.ExtensiveFormGame:
    """A random tree of ``(branching**(depth+1) - 1) / (branching - 1)`` nodes.

    Level 0 is chance; level d > 0 belongs to player (d - 1) mod 3, and the nodes of a level
    are grouped, left to right, into information sets of 1 to ``group`` nodes (``group=1``:
    perfect information).  Information sets have empty names, as in most of Gambit's own
    files (pygambit 16.7 reads named sets far more slowly: 9.2 s instead of 0.27 s for the
    9,841-node tree).
    """
    rng = random.Random(seed)
    outcomes = [Outcome(tuple(Fraction(rng.randint(-9, 9), rng.choice((1, 1, 2, 3))) for _ in PLAYERS),
                        f"o{k}") for k in range(200)]
    level: list[Node] = [Node("terminal", outcome=rng.choice(outcomes)) for _ in range(branching ** depth)]
    for d in reversed(range(depth)):
        parents: list[Node] = []
        number, left = 0, 0
        for k in range(0, len(level), branching):
            children = level[k:k + branching]
            outcome = rng.choice(outcomes) if rng.random() < 0.1 else None
            if d == 0:
                probs = [Fraction(rng.randint(1, 5)) for _ in children]
                probs = [p / sum(probs) for p in probs]
                node = Node("chance", actions=tuple(f"n{j}" for j in range(branching)), children=children,
                            probabilities=tuple(probs), outcome=outcome, label="root")
            else:
                if left == 0:
                    number, left = number + 1, rng.randint(1, group)
                left -= 1
                node = Node("decision", player=PLAYERS[(d - 1) % 3],
                            actions=tuple(f"a{j}" for j in range(branching)), children=children,
                            infoset=InfosetKey(d * 10**6 + number), outcome=outcome)
            parents.append(node)
        level = parents
    return hg.ExtensiveFormGame(level[0], PLAYERS, title=f"random tree depth {depth}")


def _timed(kind: str, path: str) -> float:
    gc.collect()
    start = time.perf_counter()
    if kind == "ours":
        hg.read(path)
    else:
        import pygambit
        pygambit.read_efg(path)
    return time.perf_counter() - start


def _child(kind: str, path: str, send) -> None:
    send.send(_timed(kind, path))


def timed_with_cap(kind: str, path: str, cap: float) -> float | None:
    """One read in a forked child, stopped after ``cap`` seconds (``None`` then)."""
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(kind, path, send), daemon=True)
    child.start()
    result = receive.recv() if receive.poll(cap) else None
    if child.is_alive():
        child.kill()
    child.join()
    return result


def pygambit_version() -> str | None:
    try:
        import pygambit  # noqa: F401
    except ImportError:
        return None
    return metadata.version("pygambit")


def measure(depth: int, branching: int, group: int, repeat: int, cap: float, folder: str,
            use_peer: bool = True) -> list[str]:
    game = random_tree(depth, branching, group)
    path = os.path.join(folder, f"tree_{depth}_{group}.efg")
    hg.write(game, path)
    back = hg.read(path)  # what we time reads the same tree back
    assert back.num_nodes == game.num_nodes
    assert [len(s) for s in back.infosets] == [len(s) for s in game.infosets]
    version = pygambit_version() if use_peer else None
    ours, theirs, stopped = float("inf"), float("inf"), False
    for _ in range(repeat):  # the readers take turns, so that a busy machine slows both alike
        ours = min(ours, _timed("ours", path))
        if version and not stopped:
            result = timed_with_cap("pygambit", path, cap)
            stopped = result is None
            theirs = min(theirs, result) if result is not None else theirs
    if not version:
        peer, ratio = ("not installed" if use_peer else "not requested"), "–"
    elif theirs == float("inf"):
        peer, ratio = f"> {cap:g} s (stopped)", f"< {ours / cap:.2g}"
    else:
        peer, ratio = f"{theirs:.3f} s", f"{ours / theirs:.2f}"
    shape = "perfect information" if group == 1 else "imperfect information"
    return [shape, f"{game.num_nodes:,}", f"{sum(len(s) for s in game.infosets):,}",
            f"{Path(path).stat().st_size / 1e6:.1f} MB", f"{ours:.3f} s", peer, ratio]


def table(depths, branching: int, repeat: int, cap: float, use_peer: bool = True) -> list[str]:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for depth in depths:
            for group in (4, 1):
                rows.append(measure(depth, branching, group, repeat, cap, folder, use_peer))
    return ["| tree | nodes | information sets | file | hg.read | pygambit.read_efg | ours / pygambit |",
            "|---|---|---|---|---|---|---|", *("| " + " | ".join(row) + " |" for row in rows)]


def run(options):
    """The family for benchmarks/run.py (``--quick``: depth 6 only)."""
    from benchkit import Section
    depths = (6,) if options.quick else (8, 10)
    repeat = max(options.repeat, 3)
    lines = table(depths, 3, repeat, 150.0, "pygambit" in options.packages)
    intro = (f"Random trees written by our writer and read back by `hg.read` and by pygambit's `read_efg` "
             f"in turn (best of {repeat}; infoset names empty, since pygambit reads named infosets in worse "
             f"than linear time). Goal: within 3× of pygambit.")
    return Section("Game trees: reading .efg files", intro + "\n\n" + "\n".join(lines), {})


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--depths", type=int, nargs="+", default=[8, 10])
    parser.add_argument("--branching", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cap", type=float, default=120.0, help="seconds allowed for one pygambit read")
    args = parser.parse_args(argv)
    lines = table(args.depths, args.branching, args.repeat, args.cap)
    print(f"Reading .efg files, best of {args.repeat}; hegemony_games {metadata.version('hegemony_games')}, "
          f"pygambit {pygambit_version() or 'not installed'}; Python {platform.python_version()}, "
          f"{os.cpu_count()} cores\n")
    print("\n".join(lines))


if __name__ == "__main__":
    sys.exit(main())
