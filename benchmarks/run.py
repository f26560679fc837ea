"""Benchmarks of hegemony_games against nashpy, QuantEcon and pygambit, on the same games in one run.

Usage (from a checkout, after ``pip install -e ".[bench]"``)::

    python benchmarks/run.py                          # everything; markdown on stdout
    python benchmarks/run.py --out benchmarks/RESULTS.md
    python benchmarks/run.py --quick                  # small sizes, for a smoke test
    python benchmarks/run.py --only all-equilibria --tools hg nashpy

Peers that are not installed are left out and said to be missing.  Each family is a module
``bench_*.py`` with a ``run(options)`` returning a :class:`benchkit.Section`.
"""
from __future__ import annotations

import argparse
import json
import os
import shlex
import sys
import time
from typing import Sequence

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # the sibling modules, however we are run

import bench_all_equilibria  # noqa: E402
import bench_backward_induction  # noqa: E402
import bench_degenerate  # noqa: E402
import bench_efg_read  # noqa: E402
import bench_lemke_howson  # noqa: E402
import bench_n_player  # noqa: E402
import bench_small_games  # noqa: E402
import bench_sweep  # noqa: E402
import bench_symbolic  # noqa: E402
import peers  # noqa: E402
from benchkit import Options, Section, machine, table  # noqa: E402

FAMILIES = {
    "all-equilibria": bench_all_equilibria.run,
    "degenerate": bench_degenerate.run,
    "lemke-howson": bench_lemke_howson.run,
    "small-games": bench_small_games.run,
    "backward-induction": bench_backward_induction.run,
    "efg-read": bench_efg_read.run,
    "sweep": bench_sweep.run,
    "symbolic": bench_symbolic.run,
    "n-player": bench_n_player.run,
}


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="benchmarks/run.py", description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="small sizes and short caps (a smoke test)")
    p.add_argument("--out", default=None, help="write the markdown report here (default: stdout only)")
    p.add_argument("--json", default=None, help="also write the raw numbers as JSON here")
    p.add_argument("--only", nargs="+", choices=sorted(FAMILIES), default=None, help="families to run")
    p.add_argument("--tools", nargs="+", choices=sorted(peers.PACKAGES), default=None,
                   help="packages to compare (default: every one installed; hg always runs)")
    p.add_argument("--repeat", type=int, default=3, help="best of this many calls (default 3)")
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    wanted = None if args.tools is None else set(args.tools) | {"hg"}
    packages = peers.available(wanted)
    missing = sorted(p for p in (wanted or set(peers.PACKAGES)) if p not in packages)
    options = Options(quick=args.quick, packages=frozenset(packages), repeat=max(1, args.repeat))
    command = "python benchmarks/run.py" + "".join(" " + shlex.quote(a) for a in
                                                   (sys.argv[1:] if argv is None else argv))
    started, load_before = time.time(), os.getloadavg()[0]
    peers.warm_up(packages)
    sections: list[Section] = []
    for name in args.only or FAMILIES:
        print(f"running {name} ...", file=sys.stderr, flush=True)
        try:
            sections.append(FAMILIES[name](options))
        except Exception as exc:  # one broken family (a peer's failure, a cluster that won't start) must not lose the rest
            print(f"{name} failed: {exc!r}", file=sys.stderr, flush=True)
            sections.append(Section(f"{name} (FAILED)", f"This family raised `{type(exc).__name__}: {exc}`; "
                                    f"no table. Rerun it alone with `--only {name}` to see the traceback.",
                                    {"error": repr(exc)}))
    load = (load_before, os.getloadavg()[0])
    report = render(sections, command, missing, time.time() - started, args.quick, load)
    print(report)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(report)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({s.title: s.data for s in sections}, f, indent=1, default=str)
    return 1 if any("error" in s.data for s in sections) else 0


def render(sections: Sequence[Section], command: str, missing: Sequence[str], elapsed: float,
           quick: bool, load: tuple[float, float] = (0.0, 0.0)) -> str:
    info = machine()
    parts = ["# Benchmarks: hegemony_games against nashpy, QuantEcon and pygambit", "",
             f"Produced by `{command}` (from the repository root) on {info['date (UTC)']} UTC, "
             f"in {elapsed / 60:.1f} minutes{' (QUICK MODE: small sizes only)' if quick else ''}.", "",
             table(["machine", ""], [[k, v] for k, v in info.items() if k != "date (UTC)"]
                   + [["load average (1 min) before / after", f"{load[0]:.1f} / {load[1]:.1f}"]]), ""]
    if missing:
        parts += [f"**Not installed, so not compared:** {', '.join(missing)}.", ""]
    parts += ["Timings include building each tool's game object from numpy arrays. The machine is shared: "
              "read the ratios rather than the absolute times.", ""]
    for section in sections:
        parts += [f"## {section.title}", "", section.body, ""]
    return "\n".join(parts)


if __name__ == "__main__":
    sys.exit(main())
