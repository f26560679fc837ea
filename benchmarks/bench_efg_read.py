"""Reading a large ``.efg`` file: ``hg.read`` against pygambit's reader, on the same file.

The file is a random game tree that this script builds and writes with our own writer
into a temporary folder: a chance move at the root, then levels of decisions by three
players in turn, with information sets grouping up to four nodes of a level (so the tree
has imperfect information but no absent-mindedness), exact payoffs (integers and
rationals) at the leaves and at some inner nodes, and repeated outcomes.  Each reader is
timed best-of-``--repeat`` on the same file; pygambit reads it with
``pygambit.read_efg`` (``Game.read_game`` in older versions).

Run from the project root::

    python benchmarks/bench_efg_read.py [--depth 10] [--branching 3] [--repeat 3]

The default tree (depth 10, branching 3) has 88,573 nodes.  Prints a markdown table.
"""
from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import sys
import tempfile
import time
from fractions import Fraction
from importlib import metadata
from pathlib import Path
from typing import Any, Callable

import hegemony_games as hg
from hegemony_games.games.extensive_form import Node, Outcome

PLAYERS = ("Ann", "Bob", "Cat")


def random_tree(depth: int, branching: int, seed: int = 1) -> hg.ExtensiveFormGame:
    """A random tree of ``(branching**(depth+1) - 1) / (branching - 1)`` nodes.

    Level 0 is chance; level d > 0 belongs to player (d - 1) mod 3, and the nodes of a level
    are grouped, left to right, into information sets of 1 to 4 nodes.
    """
    rng = random.Random(seed)
    outcomes = [Outcome(tuple(Fraction(rng.randint(-9, 9), rng.choice((1, 1, 2, 3))) for _ in PLAYERS),
                        f"o{k}") for k in range(200)]
    level: list[Node] = [Node("terminal", outcome=rng.choice(outcomes)) for _ in range(branching ** depth)]
    for d in reversed(range(depth)):
        parents: list[Node] = []
        group, left = 0, 0
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
                    group, left = group + 1, rng.randint(1, 4)
                left -= 1
                node = Node("decision", player=PLAYERS[(d - 1) % 3],
                            actions=tuple(f"a{j}" for j in range(branching)), children=children,
                            infoset=(d, group), outcome=outcome)
            parents.append(node)
        level = parents
    return hg.ExtensiveFormGame(level[0], PLAYERS, title=f"random tree depth {depth}")


def best_of(readers: dict[str, Callable[[], Any]], repeat: int) -> dict[str, float]:
    """Best wall time of each reader over ``repeat`` rounds; the readers take turns in each
    round, so that a busy machine slows them alike."""
    best = {name: float("inf") for name in readers}
    for _ in range(repeat):
        for name, fn in readers.items():
            gc.collect()
            start = time.perf_counter()
            fn()
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def pygambit_reader() -> tuple[Callable[[str], Any] | None, str]:
    try:
        import pygambit
    except ImportError as exc:
        return None, f"not installed ({exc})"
    reader = getattr(pygambit, "read_efg", None) or pygambit.Game.read_game
    return reader, metadata.version("pygambit")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--depth", type=int, default=10)
    parser.add_argument("--branching", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    game = random_tree(args.depth, args.branching)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "random.efg")
        hg.write(game, path)
        size = Path(path).stat().st_size
        back = hg.read(path)  # sanity: what we time reads the same tree back
        assert back.num_nodes == game.num_nodes
        assert [len(s) for s in back.infosets] == [len(s) for s in game.infosets]
        readers = {"ours": lambda: hg.read(path)}
        reader, version = pygambit_reader()
        if reader is not None:
            peer_game = reader(path)
            assert len(list(peer_game.nodes)) == game.num_nodes
            assert len(peer_game.infosets) == sum(len(s) for s in game.infosets)
            readers["pygambit"] = lambda: reader(path)
        best = best_of(readers, args.repeat)
        rows = [("hegemony_games `hg.read`", f"{best['ours']:.3f} s",
                 f"{best['ours'] / best['pygambit']:.2f}" if reader else "–")]
        if reader is not None:
            rows.append((f"pygambit {version} `read_efg`", f"{best['pygambit']:.3f} s", "1"))
        else:
            rows.append(("pygambit", version, "–"))

    print(f"Reading one .efg file: {game.num_nodes:,} nodes, "
          f"{sum(len(s) for s in game.infosets):,} information sets, {size / 1e6:.1f} MB; "
          f"best of {args.repeat}; Python {platform.python_version()}, {os.cpu_count()} cores\n")
    print("| reader | best time | relative to pygambit |")
    print("|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    sys.exit(main())
