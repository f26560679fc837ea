"""The benchmark runner works: generators, capped timing, set comparison, the quick report, ``bench``.

Only hegemony_games and nashpy (both in the ``test`` extra) are compared here; QuantEcon and
pygambit are benchmarked by ``python benchmarks/run.py`` when installed, never needed by tests.
"""
from __future__ import annotations

import sys
import time
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from hegemony_games.cli import main as cli_main

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"


@pytest.fixture(scope="module")
def bench():
    sys.path.insert(0, str(BENCHMARKS))
    try:
        import bench_all_equilibria, bench_degenerate, bench_lemke_howson, bench_small_games  # noqa: E401
        import benchkit, peers, run
        peers.warm_up({"hg", "nashpy"})
        yield {"all": bench_all_equilibria, "degenerate": bench_degenerate, "lh": bench_lemke_howson,
               "small": bench_small_games, "kit": benchkit, "run": run}
    finally:
        sys.path.remove(str(BENCHMARKS))


def options(bench):
    return bench["kit"].Options(quick=True, packages=frozenset({"hg", "nashpy"}), repeat=1)


def test_compare_matches_within_tolerance_and_counts_misses(bench):
    compare = bench["kit"].compare
    ours = [((1, 0), (0, 1)), ((0.25, 0.75), (0.5, 0.5)), ((0, 1), (1, 0))]
    # One found up to 1e-9, one found twice (a duplicate), one missed, one that is not ours.
    theirs = [((1 - 1e-9, 1e-9), (0, 1)), ((0.25, 0.75), (0.5, 0.5)), ((0.25, 0.75), (0.5, 0.5)),
              ((0.5, 0.5), (0.5, 0.5))]
    c = compare(ours, theirs)
    assert (c.distinct, c.found, c.missed, c.extra, c.same) == (3, 2, 1, 1, False)
    assert compare(ours, list(reversed(ours))).same
    assert not compare(ours, [((0.25, 0.75), (0.5 + 2e-6, 0.5 - 2e-6))]).found


def test_exact_regret_by_hand(bench):
    kit = bench["kit"]
    # Battle of the sexes: (2/3, 1/3), (1/3, 2/3) is the mixed equilibrium; (1, 0), (0, 1) is not one.
    A = kit.exact_matrix(np.array([[2, 0], [0, 1]]))
    B = kit.exact_matrix(np.array([[1, 0], [0, 2]]))
    half = Fraction(1, 3), Fraction(2, 3)
    assert kit.exact_regret(A, B, ((Fraction(2, 3), Fraction(1, 3)), half)) == 0
    # Row plays 1, column plays 2: each gets 0 and gains 1 by switching (row to 2, column to 1).
    assert kit.exact_regret(A, B, ((1, 0), (0, 1))) == 1
    # Row plays 1, column mixes 1/3, 2/3: row gets 2/3 and cannot gain; column gets 1/3 and gains 2/3.
    assert kit.exact_regret(A, B, ((1, 0), half)) == Fraction(2, 3)
    assert kit.exact_matrix(np.array([[0.1]])) == [[Fraction(1, 10)]]


def test_measure_caps_reports_errors_and_returns_results(bench):
    measure = bench["kit"].measure
    start = time.perf_counter()
    stopped = measure(lambda: time.sleep(30), repeat=1, cap=0.5)
    assert stopped.best is None and stopped.timed_out and time.perf_counter() - start < 10
    assert stopped.cell() == "> 0.5 s (stopped)"
    failed = measure(lambda: 1 / 0, repeat=2, cap=10)
    assert not failed.ok and "ZeroDivisionError" in failed.error
    done = measure(lambda: [1, 2, 3], repeat=3, cap=10)
    assert done.ok and done.runs == 3 and done.result == [1, 2, 3]


def test_all_equilibria_quick_n4(bench):
    section = bench["all"].run(options(bench), sizes=(4,))
    row = section.data["results"][4]
    assert row["hg exact"]["verified_zero_regret"]
    # The anchor timings measured 3 equilibria at n = 4 with nashpy, QuantEcon and pygambit alike.
    assert row["hg exact"]["equilibria"] == 3
    for label in ("hg float", "nashpy support enum.", "nashpy vertex enum."):
        assert row[label]["same"], label
    assert "| 4 |" in section.body and "nashpy vertex enum. / hg exact" in section.body


def test_degenerate_quick(bench):
    section = bench["degenerate"].run(options(bench), count=6)
    assert section.data["reference_verified"]
    results = section.data["results"]
    assert results["hg float"]["found"] == results["hg exact"]["reference_total"]
    # nashpy's vertex enumeration returns vertex pairs: extreme equilibria, so all must be among ours.
    assert results["nashpy vertex enum."]["extra"] == 0
    assert results["nashpy vertex enum."]["not_equilibria"] == 0


def test_lemke_howson_and_small_games_quick(bench):
    lh = bench["lh"].run(options(bench), sizes=(10,))
    assert lh.data["results"][10]["hg float"]["same_as_ours"]
    assert lh.data["results"][10]["nashpy"]["regret"] < 1e-9
    small = bench["small"].run(options(bench), count=25)
    results = small.data["results"]
    assert results["hg float"]["games_differing_from_ours"] == 0
    # A nondegenerate 2×2 game has 1 or 3 equilibria.
    assert 25 <= results["hg exact"]["equilibria"] <= 75


def test_runner_writes_the_report(bench, tmp_path):
    out = tmp_path / "RESULTS.md"
    assert bench["run"].main(["--quick", "--only", "small-games", "--tools", "nashpy", "--repeat", "1",
                              "--out", str(out)]) == 0
    text = out.read_text()
    assert text.startswith("# Benchmarks") and "cores (nproc)" in text and "--only small-games" in text


def test_cli_bench_without_benchmarks_folder_says_how(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert cli_main(["bench", "--dir", str(tmp_path)]) == 2
    assert 'pip install -e ".[bench]"' in capsys.readouterr().err


def test_cli_bench_runs_the_runner(bench, tmp_path, capsys):
    out = tmp_path / "r.md"
    assert cli_main(["bench", "--dir", str(BENCHMARKS), "--quick", "--only", "lemke-howson",
                     "--tools", "nashpy", "--out", str(out)]) == 0
    assert "Lemke–Howson" in out.read_text()


def test_benchkit_doctests(bench):
    import doctest
    result = doctest.testmod(bench["kit"])
    assert result.attempted >= 5 and result.failed == 0
