"""The ``hegemony-games`` command (also ``python -m hegemony_games``).

Examples::

    hegemony-games solve game.nfg                    # every extreme equilibrium, as a table
    hegemony-games solve game.nfg --format json      # the JSON documented in DESIGN.md
    hegemony-games solve game.nfg --method lemke-howson --float
    hegemony-games solve tree.efg --spe              # subgame-perfect equilibria of a tree
    hegemony-games methods                           # the solution methods
    hegemony-games reproduce --out report/           # the reproduction report
    hegemony-games bench --quick                     # benchmarks against the peers (from a checkout)
"""
from __future__ import annotations

import argparse
import json
import sys
from typing import Sequence

from . import __version__
from .api import ALIASES, METHODS, solve, spe
from .errors import GameError
from .games import ExtensiveFormGame

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="hegemony-games",
                                     description="Exact, verified equilibria of games of alliances and hegemony.")
    parser.add_argument("--version", action="version", version=f"hegemony_games {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    s = commands.add_parser("solve", help="solve a Gambit .nfg or .efg file")
    s.add_argument("file", help="a Gambit .nfg or .efg game file")
    s.add_argument("--method", default="auto",
                   help=f"auto (default) or one of: {', '.join([*METHODS, *ALIASES])}")
    arithmetic = s.add_mutually_exclusive_group()
    arithmetic.add_argument("--exact", dest="exact", action="store_const", const=True,
                            help="rational arithmetic (default for exact payoffs)")
    arithmetic.add_argument("--float", dest="exact", action="store_const", const=False,
                            help="float64 arithmetic")
    s.add_argument("--format", choices=["text", "json"], default="text")
    s.add_argument("--initial-label", type=int, default=None,
                   help="initial dropped label for lemke-howson (0..m+n-1)")
    s.add_argument("--spe", action="store_true",
                   help="subgame-perfect equilibria of a game tree (.efg) instead of Nash equilibria")
    s.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                   help="time limit: stop and print what was found, marked INCOMPLETE with what was not searched")

    commands.add_parser("methods", help="list the solution methods")
    commands.add_parser("models", help="list the models that reproduce can run")

    r = commands.add_parser("reproduce", help="solve the models and check their published results")
    r.add_argument("model", nargs="?", default=None, help="one model (default: all)")
    r.add_argument("--out", default=None, help="folder for report.md and results.json")

    b = commands.add_parser("bench", help="compare speed and results with nashpy, QuantEcon and pygambit "
                                           "(needs a checkout: pip install -e \".[bench]\")")
    b.add_argument("--dir", default=None, help="the benchmarks folder (default: ./benchmarks, then the "
                                              "checkout this package was installed from)")
    b.add_argument("--quick", action="store_true", help="small sizes only")
    b.add_argument("--out", default=None, help="write the markdown report to this file")
    b.add_argument("--only", nargs="+", default=None, help="benchmark families to run")
    b.add_argument("--tools", nargs="+", default=None, help="peer packages to compare")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return _COMMANDS[args.command](args)
    except GameError as err:
        print(f"hegemony-games: error: {err}", file=sys.stderr)
        return 2


def _solve(args: argparse.Namespace) -> int:
    from .io import read
    game = read(args.file)
    if args.spe:
        if not isinstance(game, ExtensiveFormGame):
            raise GameError("--spe needs a game tree (an .efg file)")
        if args.method != "auto" or args.initial_label is not None:
            raise GameError("--spe computes subgame-perfect equilibria; it takes no --method or --initial-label")
        solution = spe(game, exact=args.exact, timeout=args.timeout)
    else:
        options = {} if args.initial_label is None else {"initial_label": args.initial_label}
        solution = solve(game, method=args.method, exact=args.exact, timeout=args.timeout, **options)
    if args.format == "json":
        print(json.dumps(solution.to_dict(), indent=2))
    else:
        print(game)
        print()
        print(solution)
    return 0


def _methods(args: argparse.Namespace) -> int:
    print("auto: every extreme equilibrium for two players; pure equilibria for more")
    for name, (_, _, what) in METHODS.items():
        aliases = [a for a, target in ALIASES.items() if target == name]
        print(f"{name}{' (' + ', '.join(aliases) + ')' if aliases else ''}: {what}")
    return 0


def _models(args: argparse.Namespace) -> int:
    from .analysis.reproduce import MODELS
    for name, (description, checks) in MODELS.items():
        print(f"{name}: {description} ({len(checks)} checks)")
    return 0


def _reproduce(args: argparse.Namespace) -> int:
    from .analysis.reproduce import reproduce
    ok = reproduce(args.model, out=args.out)
    print("all results reproduced" if ok else "SOME RESULTS WERE NOT REPRODUCED")
    return 0 if ok else 1


def _bench(args: argparse.Namespace) -> int:
    import importlib.util
    from pathlib import Path
    checkout = Path(__file__).resolve().parent.parent
    folders = [Path(args.dir)] if args.dir else [Path.cwd() / "benchmarks", checkout / "benchmarks"]
    runners = [f / "run.py" for f in folders] + [f / "benchmarks" / "run.py" for f in folders if args.dir]
    runner = next((r for r in runners if r.is_file()), None)
    if runner is None:
        print("hegemony-games: error: the benchmarks are not part of the installed package; run this from a "
              "checkout of hegemony_games (or pass --dir path/to/benchmarks) after "
              "pip install -e \".[bench]\"", file=sys.stderr)
        return 2
    spec = importlib.util.spec_from_file_location("hegemony_games_benchmarks_run", runner)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    argv = (["--quick"] if args.quick else []) + (["--out", args.out] if args.out else [])
    argv += (["--only", *args.only] if args.only else []) + (["--tools", *args.tools] if args.tools else [])
    return module.main(argv)


_COMMANDS = {"solve": _solve, "methods": _methods, "models": _models, "reproduce": _reproduce,
             "bench": _bench}


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
