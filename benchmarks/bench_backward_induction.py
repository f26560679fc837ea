"""Benchmark: backward induction on large perfect-information trees.

Random trees (seeded; 2-3 players; branching 2-4; integer payoffs; optionally a fraction of
chance nodes with exact probabilities) of about 10^3 ... 10^6 nodes, in three variants:

* ``distinct``: distinct payoffs drawn from [0, 10^9), so no mover is ever indifferent;
* ``ties``: payoffs in {0, 1, 2} (many ties), broken by a priority rule per player and, at
  a tenth of the nodes, by a node priority;
* ``chain``: a centipede game (a chain of take/pass decisions), as deep as it is long.

For each tree it times separately: the node objects' creation (``make``, not part of the
engine), the ``ExtensiveFormGame`` constructor (``build``), ``hg.spe(tree)`` (``spe``), the
kernel :func:`backward_induction` alone (``kernel``) and, up to ``--general-max`` nodes, the
enumerating solver of ``subgame_perfect`` without the fast path (``general``).  ``nodes/s``
is the kernel's rate.  Times are CPU seconds of this process (``time.process_time``), so
that other load on the machine does not inflate them.  Memory: ``tree B/node`` is what the game (nodes and the
constructor's tables) keeps, ``kernel B/node`` the kernel's peak, both by ``tracemalloc``
in a second, untimed run.

Run:  python benchmarks/bench_backward_induction.py [--sizes 1000 10000 100000 1000000]
"""
from __future__ import annotations

import argparse
import gc
import random
import sys
import time
import tracemalloc
from fractions import Fraction

import hegemony_games as hg
from hegemony_games.games.extensive_form import chance, decision, terminal
from hegemony_games.solvers import subgame_perfect
from hegemony_games.solvers.backward_induction import backward_induction

ACTIONS = ("a", "b", "c", "d")


def random_tree(size: int, seed: int, players: int = 3, chance_share: float = 0.0,
                ties: bool = False) -> tuple[hg.games.extensive_form.Node, dict]:
    """A random tree of about ``size`` nodes (at least ``size``, at most ``size + 3``) and
    the priorities to pass to the solvers (empty unless ``ties``).

    The shape grows breadth first (each leaf in turn gets 2-4 children), then nodes are made
    from the leaves up, so no recursion is needed at any depth.
    """
    rng = random.Random(seed)
    names = [f"P{i + 1}" for i in range(players)]
    children: list[list[int]] = [[]]
    frontier = 0
    while len(children) < size:
        count = rng.randint(2, 4)
        children[frontier] = list(range(len(children), len(children) + count))
        children.extend([] for _ in range(count))
        frontier += 1
    leaves = [k for k, kids in enumerate(children) if not kids]
    if ties:
        pay = {k: [rng.randint(0, 2) for _ in names] for k in leaves}
    else:  # distinct per player, so no mover is ever indifferent
        columns = [rng.sample(range(10**9), len(leaves)) for _ in names]
        pay = {k: [column[j] for column in columns] for j, k in enumerate(leaves)}
    made: list = [None] * len(children)
    for k in reversed(range(len(children))):
        kids = children[k]
        if not kids:
            made[k] = terminal(pay[k])
        elif rng.random() < chance_share:
            weights = [rng.randint(1, 3) for _ in kids]
            made[k] = chance({ACTIONS[j]: (Fraction(w, sum(weights)), made[c])
                              for j, (w, c) in enumerate(zip(weights, kids))})
        else:
            acts = ACTIONS[:len(kids)]
            own = list(acts)
            rng.shuffle(own)
            made[k] = decision(rng.choice(names), dict(zip(acts, (made[c] for c in kids))),
                               priority=own if ties and rng.random() < 0.1 else None)
        for c in kids:
            made[c] = None  # only the parent keeps its children
    rules = {p: list(reversed(ACTIONS)) for p in names} if ties else {}
    return made[0], rules


def centipede(size: int) -> tuple[hg.games.extensive_form.Node, dict]:
    """Rosenthal's centipede with ``(size - 1) // 2`` stages: at stage t the mover may take
    (2t + 4 for her, 2t + 1 for the other) or pass; the unique SPE takes at once."""
    stages = (size - 1) // 2
    node = terminal([2 * stages + 1, 2 * stages + 1])
    for t in reversed(range(stages)):
        me, other = t % 2, 1 - t % 2
        pay = [0, 0]
        pay[me], pay[other] = 2 * t + 4, 2 * t + 1
        node = decision(("Odd", "Even")[me], {"take": terminal(pay), "pass": node})
    return node, {}


def _timed(function, *args, **kwargs):
    gc.collect()
    start = time.process_time()  # CPU seconds: robust to other load on the machine
    result = function(*args, **kwargs)
    return result, time.process_time() - start


def _general(game, rules):
    """The enumerating solver with the fast path bypassed."""
    solver = subgame_perfect._Solver(game, rules, True, game.kind != "float", 100_000)
    return solver.run()


def _memory(make, rules):
    """Bytes kept by the built game, and the kernel's peak, by tracemalloc."""
    root, _ = make()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    game = hg.ExtensiveFormGame(root)
    kept = tracemalloc.get_traced_memory()[0] - before
    del root
    tracemalloc.reset_peak()
    base = tracemalloc.get_traced_memory()[0]
    backward_induction(game, rules)
    peak = tracemalloc.get_traced_memory()[1] - base
    tracemalloc.stop()
    return game.num_nodes, kept, peak


def run_case(label: str, make, general_max: int, memory: bool) -> dict:
    (root, rules), t_make = _timed(make)
    game, t_build = _timed(hg.ExtensiveFormGame, root)
    del root
    n = game.num_nodes
    result, t_kernel = _timed(backward_induction, game, rules)
    assert not result.open_ties, "the generator should leave no open tie"
    solution, t_spe = _timed(hg.spe, game, rules)
    assert solution.method == "backward-induction" and len(solution) == 1
    assert solution[0].strategies == result.strategies and solution[0].payoffs == result.payoffs
    t_general = None
    if n <= general_max:
        general, t_general = _timed(_general, game, rules)
        assert len(general) == 1 and general[0].strategies == result.strategies
    row = {"case": label, "nodes": n, "make": t_make, "build": t_build, "spe": t_spe,
           "general": t_general, "kernel": t_kernel, "rate": n / t_kernel,
           "ties": len(result.ties_broken)}
    del game, result, solution
    if memory:
        _, kept, peak = _memory(make, rules)
        row.update(tree_bytes=kept / n, kernel_bytes=peak / n)
    return row


HEADER = ("case", "nodes", "make s", "build s", "spe s", "general s", "kernel s", "nodes/s",
          "ties", "tree B/node", "kernel B/node")


def table(sizes, chain: int, chance_share: float, general_max: int, memory: bool, seed: int) -> list[str]:
    """The markdown table, one row per case, printed as each row is done."""
    cases = []
    for size in sizes:
        cases.append(("distinct 3p", lambda s=size: random_tree(s, seed, 3)))
        cases.append(("distinct 2p chance", lambda s=size: random_tree(s, seed, 2, chance_share)))
        cases.append(("ties 3p priority", lambda s=size: random_tree(s, seed, 3, chance_share, ties=True)))
    if chain:
        cases.append(("centipede chain", lambda: centipede(chain)))
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    for label, make in cases:
        r = run_case(label, make, general_max, memory)
        cells = [r["case"], f"{r['nodes']:,}", f"{r['make']:.3f}", f"{r['build']:.3f}", f"{r['spe']:.3f}",
                 "-" if r["general"] is None else f"{r['general']:.3f}", f"{r['kernel']:.3f}",
                 f"{r['rate']:,.0f}", str(r["ties"]),
                 f"{r['tree_bytes']:.0f}" if "tree_bytes" in r else "-",
                 f"{r['kernel_bytes']:.0f}" if "kernel_bytes" in r else "-"]
        lines.append("| " + " | ".join(cells) + " |")
        print(lines[-1], file=sys.stderr, flush=True)
    return lines


def run(options):
    """The family for benchmarks/run.py (``--quick``: 10^3 and 10^4 nodes, no memory run)."""
    from benchkit import Section
    sizes = (1000, 10_000) if options.quick else (1000, 10_000, 100_000, 1_000_000)
    chain = 1000 if options.quick else 100_000
    lines = table(sizes, chain, 0.1, 150_000, not options.quick, 1)
    intro = ("Random perfect-information trees (seed 1; 10% chance nodes in the chance rows; \"ties\": payoffs in "
             "{0, 1, 2}, every tie broken by a rule) and a centipede chain. CPU seconds. *build*: the "
             "`ExtensiveFormGame` constructor; *spe*: `hg.spe`; *general*: the enumerating solver without the "
             "linear kernel; *kernel*: `solvers/backward_induction.py`; *nodes/s*: the kernel's rate. Every row "
             "checks that the three give the same SPE. Goal: at least 10^5 nodes per second.")
    return Section("Game trees: backward induction", intro + "\n\n" + "\n".join(lines), {})


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000, 1_000_000])
    parser.add_argument("--chain", type=int, default=100_000, help="nodes of the centipede (0: skip)")
    parser.add_argument("--chance", type=float, default=0.1, help="share of chance nodes")
    parser.add_argument("--general-max", type=int, default=150_000,
                        help="run the enumerating solver up to this many nodes")
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc run")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    print(f"python {sys.version.split()[0]}; seed {args.seed}; chance share {args.chance}\n")
    lines = table(args.sizes, args.chain, args.chance, args.general_max, not args.no_memory, args.seed)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
