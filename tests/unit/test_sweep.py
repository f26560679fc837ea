"""hg.analysis.sweep: grid order, result conventions, executors (threads, processes, a real Dask
LocalCluster) giving the same DataFrame, retries that keep finished chunks, error reporting.

Functions sent to other processes are defined at module level (they must pickle).
"""
from __future__ import annotations

import concurrent.futures as cf
import functools
import os
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import hegemony_games as hg
from hegemony_games.analysis import SweepError, summarize, sweep


# --------------------------------------------------------------------------- functions swept
def mixed_chicken(T, S):
    """The swerving probability of the mixed equilibrium of Chicken, as the solver finds it."""
    solution = hg.solve(hg.classics.chicken(T=T, R=2, S=S, P=0))
    mixed = [e for e in solution if not e.is_pure()]
    return {"q": mixed[0].strategies[0][0], "n": len(solution)}


def flaky(x, folder, fail_at=(), always=False):
    """x squared; at the points in ``fail_at`` it raises on the first call (every call if
    ``always``).  Each call leaves a file behind, so that calls can be counted in any process."""
    calls = Path(folder)
    n = len(list(calls.glob(f"call-{x}-*")))
    (calls / f"call-{x}-{n}-{os.getpid()}").touch()
    if x in fail_at and (always or n == 0):
        raise ArithmeticError(f"planned failure at x={x}")
    return {"square": x * x}


def calls(folder: Path) -> dict[int, int]:
    counts: dict[int, int] = {}
    for f in folder.glob("call-*"):
        x = int(f.name.split("-")[1])
        counts[x] = counts.get(x, 0) + 1
    return counts


# --------------------------------------------------------------------------- a Dask cluster
@pytest.fixture(scope="module")
def dask_client():
    import distributed  # a test dependency (the "test" extra): missing means failing, not skipping
    import dask
    # generous comm timeouts: CI machines are shared (the default 30 s TCP timeout dropped a
    # client's connection on a machine running 10 processes per core)
    with dask.config.set({"distributed.comm.timeouts.tcp": "300s",
                          "distributed.comm.timeouts.connect": "120s"}):
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                           dashboard_address=None)
        client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


# --------------------------------------------------------------------------- grids and columns
def test_dict_grid_is_a_cartesian_product_first_name_slowest():
    table = sweep(lambda a, b: {"ab": 10 * a + b}, {"a": [1, 2, 3], "b": np.array([7, 8])})
    assert list(table.columns) == ["a", "b", "ab"]
    assert table["a"].tolist() == [1, 1, 2, 2, 3, 3]
    assert table["b"].tolist() == [7, 8, 7, 8, 7, 8]
    assert table["ab"].tolist() == [17, 18, 27, 28, 37, 38]
    assert isinstance(table.loc[0, "b"].item(), int)


def test_dataframe_grid_keeps_its_rows_and_index():
    points = pd.DataFrame({"x": [3, 1, 2]}, index=["c", "a", "b"])
    table = sweep(lambda x: -x, points)
    assert table.index.tolist() == ["c", "a", "b"]
    assert table["value"].tolist() == [-3, -1, -2]


def test_a_game_is_solved_and_summarised():
    # prisoner's dilemma: mutual defection, payoffs (P, P), is the only equilibrium
    table = sweep(hg.classics.prisoners_dilemma, {"T": [5, 7], "P": [1, 2]})
    assert table["n_equilibria"].tolist() == [1, 1, 1, 1]
    assert table["pure"].tolist() == [True] * 4
    assert table["Player 1:Defect"].tolist() == [1.0] * 4
    assert table["Player 2:Cooperate"].tolist() == [0.0] * 4
    assert table["u(Player 1)"].tolist() == [1.0, 2.0, 1.0, 2.0]


def test_summary_of_a_tree_names_information_sets():
    tree = hg.ExtensiveFormGame(hg.decision("A", {
        "Out": hg.terminal([0, 2]),
        "In": hg.decision("B", {"Fight": hg.terminal([-1, -1]), "Yield": hg.terminal([1, 1])})}),
        players=["A", "B"])
    row = summarize(hg.spe(tree))
    # backward induction by hand: B yields, so A enters; payoffs (1, 1)
    assert row["n_equilibria"] == 1 and row["pure"] is True
    assert [key for key in row if key.startswith("A:")] == ["A:1:Out", "A:1:In"]
    assert row["A:1:In"] == 1 and row["B:1:Yield"] == 1 and row["u(A)"] == 1 and row["u(B)"] == 1


def test_fractions_become_floats_unless_exact():
    assert sweep(lambda x: Fraction(x, 3), {"x": [1]})["value"].tolist() == [1 / 3]
    exact = sweep(lambda x: Fraction(x, 3), {"x": [1]}, exact=True)
    assert exact["value"].tolist() == [Fraction(1, 3)]


def test_missing_columns_are_missing_values():
    table = sweep(lambda x: {"even": x} if x % 2 == 0 else {"odd": x}, {"x": [0, 1]})
    assert table["even"].tolist()[0] == 0 and np.isnan(table["even"].tolist()[1])
    assert np.isnan(table["odd"].tolist()[0]) and table["odd"].tolist()[1] == 1


# --------------------------------------------------------------------------- executors
GRID = {"T": [3, 4, 5, 7], "S": [Fraction(1, 2), 1, Fraction(3, 2)]}


def expected_mixed_chicken() -> pd.DataFrame:
    """By hand: in Chicken (R=2, P=0) each player swerves with probability (S−P)/((T−R)+(S−P))."""
    rows = [{"T": T, "S": float(S), "q": float(Fraction(S) / ((T - 2) + Fraction(S))), "n": 3}
            for T in GRID["T"] for S in GRID["S"]]
    return pd.DataFrame(rows)


def test_serial_result_matches_the_hand_formula():
    table = sweep(mixed_chicken, GRID)
    pd.testing.assert_frame_equal(table, expected_mixed_chicken())


@pytest.mark.parametrize("pool", [cf.ThreadPoolExecutor, cf.ProcessPoolExecutor])
def test_pools_give_the_serial_frame(pool):
    serial = sweep(mixed_chicken, GRID)
    games = sweep(hg.classics.chicken, {"T": [3, 5], "S": [1, Fraction(1, 2)]})
    with pool(max_workers=2) as executor:
        pd.testing.assert_frame_equal(sweep(mixed_chicken, GRID, executor=executor, chunk_size=5), serial)
        pd.testing.assert_frame_equal(sweep(hg.classics.chicken, {"T": [3, 5], "S": [1, Fraction(1, 2)]},
                                            executor=executor, chunk_size=1), games)


def test_dask_local_cluster_gives_the_serial_frame(dask_client):
    serial = sweep(mixed_chicken, GRID)
    pd.testing.assert_frame_equal(sweep(mixed_chicken, GRID, executor=dask_client, chunk_size=4), serial)
    pd.testing.assert_frame_equal(sweep(mixed_chicken, GRID, executor=dask_client.get_executor()),
                                  serial)
    assert len(dask_client.nthreads()) == 2


# --------------------------------------------------------------------------- failures
def run_flaky(tmp_path, executor, **options):
    fn = functools.partial(flaky, folder=str(tmp_path), fail_at=options.pop("fail_at", (5,)),
                           always=options.pop("always", False))
    return sweep(fn, {"x": list(range(12))}, executor=executor, chunk_size=4, **options)


@pytest.mark.parametrize("where", ["serial", "processes", "dask"])
def test_a_failed_chunk_is_retried_and_finished_chunks_are_kept(tmp_path, where, request):
    if where == "serial":
        table = run_flaky(tmp_path, None, retries=1)
    elif where == "processes":
        with cf.ProcessPoolExecutor(max_workers=2) as executor:
            table = run_flaky(tmp_path, executor, retries=1)
    else:
        table = run_flaky(tmp_path, request.getfixturevalue("dask_client"), retries=1)
    assert table["square"].tolist() == [x * x for x in range(12)]
    assert "error" not in table.columns
    # only the failed point ran twice: its chunk's other points, and other chunks, ran once
    assert calls(tmp_path) == {x: 2 if x == 5 else 1 for x in range(12)}


def test_failures_after_the_last_attempt_are_recorded(tmp_path):
    table = run_flaky(tmp_path, None, retries=2, fail_at=(1, 9), always=True, errors="record")
    assert table.loc[1, "error"] == "ArithmeticError: planned failure at x=1"
    assert table.loc[9, "error"] == "ArithmeticError: planned failure at x=9"
    assert table["error"].isna().sum() == 10
    assert np.isnan(table.loc[1, "square"]) and table.loc[2, "square"] == 4
    assert calls(tmp_path)[1] == 3 and calls(tmp_path)[9] == 3 and calls(tmp_path)[0] == 1


def test_failures_raise_after_every_chunk_ran_naming_the_point(tmp_path):
    with pytest.raises(SweepError, match=r"point 5 \{'x': 5\}.*ArithmeticError: planned failure") as info:
        run_flaky(tmp_path, None, retries=0, always=True)
    assert info.value.point == {"x": 5}
    assert info.value.failures == {5: "ArithmeticError: planned failure at x=5"}
    assert info.value.results.loc[11, "square"] == 121  # the later chunks ran
    assert calls(tmp_path) == {x: 1 for x in range(12)}


class LosesFirstTask(cf.ThreadPoolExecutor):
    """An executor whose first task is lost (as when a worker dies): its future fails."""

    lost = False

    def submit(self, fn, /, *args, **kwargs):
        if not self.lost:
            self.lost = True
            future: cf.Future = cf.Future()
            future.set_exception(ConnectionError("worker lost"))
            return future
        return super().submit(fn, *args, **kwargs)


def test_a_lost_task_is_run_again(tmp_path):
    with LosesFirstTask(max_workers=2) as executor:
        table = run_flaky(tmp_path, executor, fail_at=(), retries=1)
    assert table["square"].tolist() == [x * x for x in range(12)]
    assert calls(tmp_path) == {x: 1 for x in range(12)}  # the lost chunk never ran before
    with LosesFirstTask(max_workers=2) as executor:
        table = sweep(lambda x: x, {"x": [1, 2, 3]}, executor=executor, chunk_size=2, retries=0,
                      errors="record")
    assert table["error"].tolist()[:2] == ["ConnectionError: worker lost"] * 2


# --------------------------------------------------------------------------- arguments, progress
@pytest.mark.parametrize("call, message", [
    (lambda: sweep(lambda x: x, [1, 2]), "grid must be a mapping"),
    (lambda: sweep(lambda x: x, {"x": 3}), "values of 'x' must be a sequence"),
    (lambda: sweep(lambda x: x, {"x": [1]}, executor=object()), "executor must be"),
    (lambda: sweep(lambda x: x, {"x": [1]}, retries=-1), "retries"),
    (lambda: sweep(lambda x: x, {"x": [1]}, chunk_size=0), "chunk_size"),
    (lambda: sweep(lambda x: x, {"x": [1]}, errors="ignore"), "errors must be"),
    (lambda: sweep(lambda x: {"x": 1}, {"x": [1]}), "named like the grid"),
    (lambda: sweep(3, {"x": [1]}), "fn must be callable"),
])
def test_bad_arguments_raise_game_error(call, message):
    with pytest.raises(hg.GameError, match=message):
        call()


def test_a_lambda_cannot_go_to_a_process_pool():
    with cf.ProcessPoolExecutor(max_workers=1) as executor:
        with pytest.raises(hg.GameError, match="module level"):
            sweep(lambda x: x, {"x": [1]}, executor=executor)


def test_progress_bar_on_request_only(capsys):
    sweep(lambda x: x, {"x": list(range(5))}, progress=True)
    assert "5/5" in capsys.readouterr().err
    sweep(lambda x: x, {"x": list(range(5))})  # not a terminal under pytest
    assert capsys.readouterr().err == ""
