"""Parameter sweeps: evaluate a model over a grid of parameter points, serially, on a pool of
threads or processes, or on a Dask cluster, and collect one DataFrame row per point.

:func:`sweep` calls ``fn(**point)`` at every point of ``grid`` and turns what ``fn`` returns
into columns (see :func:`sweep` for the conventions).  The points are cut into chunks; each
chunk is one task of the executor, so that a cluster is not flooded with tiny tasks.  The
result does not depend on the executor: the rows come in grid order and hold the same values.

>>> import hegemony_games as hg
>>> table = sweep(hg.classics.chicken, {"T": [3, 5], "S": [1, 2]})   # a game: solved with hg.solve
>>> table[["T", "S", "n_equilibria", "n_pure"]]
   T  S  n_equilibria  n_pure
0  3  1             3       2
1  3  2             3       2
2  5  1             3       2
3  5  2             3       2
>>> table.loc[0, ["Player 1:Swerve", "u(Player 1)"]].tolist()   # the first equilibrium
[0.0, 3.0]
"""
from __future__ import annotations

import concurrent.futures as cf
import itertools
import math
import pickle
import sys
import traceback
from dataclasses import dataclass
from fractions import Fraction
from numbers import Number
from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, Sequence

import numpy as np

from ..errors import GameError

if TYPE_CHECKING:  # pandas is imported on first use: `import hegemony_games` stays quick
    import pandas as pd

__all__ = ["sweep", "SweepError", "summarize"]

ERRORS = ("raise", "record")


class SweepError(RuntimeError):
    """Points of a sweep failed on every attempt (``errors="raise"``).

    Raised after every chunk has run, so nothing else is lost: ``results`` is the whole
    DataFrame (failed points with their message in the ``error`` column), ``failures`` maps the
    grid position of each failed point to its message, and ``point`` is the first failed point.
    """

    def __init__(self, message: str, results: pd.DataFrame, failures: dict[int, str], point: dict):
        super().__init__(message)
        self.results, self.failures, self.point = results, failures, point


@dataclass(frozen=True)
class _Failure:
    """What a failed call left: the exception's type and text and its traceback (strings, so
    that any exception crosses process boundaries)."""

    message: str
    trace: str


def sweep(fn: Callable[..., Any], grid: Mapping[str, Iterable] | pd.DataFrame, *,
          executor: Any = None, chunk_size: int | None = None, progress: bool | None = None,
          retries: int = 1, errors: str = "raise", exact: bool = False) -> pd.DataFrame:
    """``fn(**point)`` at every point of ``grid``, as a DataFrame with one row per point.

    Parameters
    ----------
    fn:
        Called with the point's parameters as keyword arguments.  What it returns becomes the
        row's result columns:

        * a ``dict`` (or pandas Series): one column per key;
        * a game (:class:`~hegemony_games.NormalFormGame` or
          :class:`~hegemony_games.ExtensiveFormGame`): solved with :func:`hegemony_games.solve`,
          then summarised as a :class:`~hegemony_games.Solution`;
        * a :class:`~hegemony_games.Solution`: the columns of :func:`summarize`
          (``n_equilibria``, ``n_pure``, ``pure`` and the first equilibrium's probabilities
          ``"<player>:<strategy>"`` and payoffs ``"u(<player>)"``);
        * an :class:`~hegemony_games.Equilibrium`: its probabilities and payoffs, named as above;
        * ``None``: no result columns; anything else (a number, a string): one column ``value``.

        For a process pool ``fn`` must pickle (a function defined at module level, or a
        ``functools.partial`` of one); Dask pickles lambdas too.
    grid:
        A mapping ``{name: values}``, whose Cartesian product is swept with the first name
        varying slowest (as :func:`itertools.product` and ``numpy.meshgrid(indexing="ij")``),
        or a DataFrame whose rows are the points (its index is kept).
    executor:
        ``None`` (default) runs in this process.  Any :class:`concurrent.futures.Executor`
        (``ThreadPoolExecutor``, ``ProcessPoolExecutor``, a Dask ``client.get_executor()``), or a
        ``dask.distributed.Client``, whose executor is used with ``pure=False`` (so that a retried
        task is run again, not fetched from the failed result).
    chunk_size:
        Points per task; default: about 4 chunks per worker, at most 1,000 points each
        (in-process: one point per step, for the progress bar).
    progress:
        Show a tqdm progress bar; ``None`` (default) shows it when stderr is a terminal.
    retries:
        How many times the points of a chunk that failed (``fn`` raised, or the executor lost
        the task) are run again; chunks that finished are never run again.
    errors:
        After the last attempt: ``"raise"`` (default) raises :class:`SweepError` naming the
        first failed point, once every chunk has run (the finished rows ride on the exception);
        ``"record"`` returns the table with an ``error`` column (missing where the point
        succeeded, ``"ExceptionType: message"`` where it failed; result columns missing there).
    exact:
        Keep ``Fraction`` values as they are (object columns).  By default they become floats,
        so that the columns are numeric and ready for pandas and matplotlib.

    Columns are the grid's parameters, then the result columns in order of first appearance;
    a point without some column has a missing value there.

    >>> def best_reply(a, b):
    ...     return {"sum": a + b, "larger": max(a, b)}
    >>> sweep(best_reply, {"a": [1, 2], "b": [10]})
       a   b  sum  larger
    0  1  10   11      10
    1  2  10   12      10
    >>> table = sweep(lambda x: 1 / x, {"x": [1, 0]}, errors="record")
    >>> table["value"].tolist()[0], table["error"].isna().tolist(), table.loc[1, "error"]
    (1.0, [True, False], 'ZeroDivisionError: division by zero')
    """
    if errors not in ERRORS:
        raise GameError(f"errors must be one of {ERRORS}, got {errors!r}")
    if not callable(fn):
        raise GameError(f"fn must be callable, got {type(fn).__name__}")
    if not isinstance(retries, int) or retries < 0:
        raise GameError(f"retries must be a non-negative integer, got {retries!r}")
    if chunk_size is not None and (not isinstance(chunk_size, int) or chunk_size < 1):
        raise GameError(f"chunk_size must be a positive integer, got {chunk_size!r}")
    names, points, index = _points(grid)
    executor = _executor(executor, fn)
    if chunk_size is None:
        chunk_size = 1 if executor is None else _default_chunk_size(len(points), executor)
    results: list[Any] = [None] * len(points)
    pending = [list(range(k, min(k + chunk_size, len(points)))) for k in range(0, len(points), chunk_size)]
    bar = _bar(len(points), progress)
    try:
        for attempt in range(retries + 1):
            failed: list[list[int]] = []
            for chunk, outcome in _run(fn, points, pending, executor):
                if isinstance(outcome, _Failure):  # the whole task was lost
                    outcome = [outcome] * len(chunk)
                retry = [k for k, value in zip(chunk, outcome) if isinstance(value, _Failure)]
                for k, value in zip(chunk, outcome):
                    results[k] = value
                if retry:
                    failed.append(retry)
                if bar is not None:
                    bar.update(len(chunk) - (len(retry) if attempt < retries else 0))
            pending = failed
            if not pending:
                break
    finally:
        if bar is not None:
            bar.close()
    return _table(names, points, index, results, errors, exact)


def summarize(solution: Any) -> dict[str, Any]:
    """The columns :func:`sweep` makes of a :class:`~hegemony_games.Solution`.

    ``n_equilibria`` (how many it has), ``n_pure`` (how many are pure), ``pure`` (whether the
    first is pure; ``None`` without equilibria), then the first equilibrium's probabilities,
    named ``"<player>:<strategy>"`` (for a tree ``"<player>:<information set>:<action>"``, the
    information set by its label or its 1-based number), and its payoffs ``"u(<player>)"``.
    Incomplete searches add ``complete = False``.

    >>> import hegemony_games as hg
    >>> summarize(hg.solve(hg.classics.matching_pennies()))   # doctest: +NORMALIZE_WHITESPACE
    {'n_equilibria': 1, 'n_pure': 0, 'pure': False, 'Matcher:Heads': Fraction(1, 2),
     'Matcher:Tails': Fraction(1, 2), 'Mismatcher:Heads': Fraction(1, 2),
     'Mismatcher:Tails': Fraction(1, 2), 'u(Matcher)': Fraction(0, 1), 'u(Mismatcher)': Fraction(0, 1)}
    """
    equilibria = list(solution)
    row: dict[str, Any] = {"n_equilibria": len(equilibria),
                           "n_pure": sum(_is_pure(e.strategies) for e in equilibria),
                           "pure": _is_pure(equilibria[0].strategies) if equilibria else None}
    if equilibria:
        row.update(_equilibrium_columns(equilibria[0]))
    if not getattr(solution, "complete", True):
        row["complete"] = False
    return row


def _is_pure(vectors: Sequence) -> bool:
    """Every probability vector (nested for trees: one per information set) puts all its
    weight on one action.  (``Equilibrium.is_pure`` handles normal-form profiles only.)"""
    return all(_is_pure(v) if v and isinstance(v[0], (list, tuple)) else sum(p != 0 for p in v) == 1
               for v in vectors)


# --------------------------------------------------------------------------- the grid
def _points(grid: Any) -> tuple[list[str], list[dict[str, Any]], pd.Index | None]:
    """Parameter names, the points in grid order, and the index to keep (DataFrame grids)."""
    import pandas as pd
    if isinstance(grid, pd.DataFrame):
        names = [str(c) for c in grid.columns]
        if len(set(names)) < len(names):
            raise GameError(f"the grid's columns repeat a name: {names}")
        rows = grid.itertuples(index=False, name=None)
        return names, [dict(zip(names, map(_plain, row))) for row in rows], grid.index
    if not isinstance(grid, Mapping):
        raise GameError(f"grid must be a mapping of parameter names to values or a DataFrame, "
                        f"got {type(grid).__name__}")
    names = list(grid)
    axes = []
    for name in names:
        if not isinstance(name, str):
            raise GameError(f"parameter names must be strings, got {name!r}")
        values = grid[name]
        if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
            raise GameError(f"the values of {name!r} must be a sequence (e.g. a list or an array), "
                            f"got {values!r}")
        axes.append([_plain(v) for v in np.asarray(values, dtype=object).ravel()]
                    if isinstance(values, np.ndarray) else [_plain(v) for v in values])
    return names, [dict(zip(names, p)) for p in itertools.product(*axes)], None


def _plain(value: Any) -> Any:
    """numpy scalars as Python numbers (exact ints, floats), other values unchanged."""
    return value.item() if isinstance(value, np.generic) else value


# --------------------------------------------------------------------------- running
def _executor(executor: Any, fn: Callable) -> Any:
    if executor is None:
        return None
    if not isinstance(executor, cf.Executor) and callable(getattr(executor, "get_executor", None)):
        executor = executor.get_executor(pure=False)  # a dask.distributed.Client
    if not isinstance(executor, cf.Executor):
        raise GameError(f"executor must be None, a concurrent.futures.Executor or a "
                        f"dask.distributed.Client, got {type(executor).__name__}")
    if isinstance(executor, cf.ProcessPoolExecutor):
        try:
            pickle.dumps(fn)
        except Exception as exc:  # noqa: BLE001 - pickle raises several types
            raise GameError(f"fn cannot be sent to another process ({type(exc).__name__}: {exc}); "
                            f"define it at module level (not a lambda or a nested function)") from None
    return executor


def _default_chunk_size(n: int, executor: cf.Executor) -> int:
    workers = getattr(executor, "_max_workers", None) or 4
    if hasattr(executor, "_client"):  # a Dask executor: count the cluster's threads
        try:
            workers = sum(executor._client.nthreads().values()) or workers
        except Exception:  # noqa: BLE001 - an estimate only
            pass
    return max(1, min(1000, math.ceil(n / (4 * workers))))


def _run(fn: Callable, points: list[dict], chunks: list[list[int]], executor: Any):
    """Yields ``(chunk, outcome)`` for every chunk, as chunks finish (``outcome`` is the list of
    the chunk's results, or one ``_Failure`` when the executor lost the task)."""
    if executor is None:
        for chunk in chunks:
            yield chunk, _evaluate(fn, [points[k] for k in chunk])
        return
    futures = {executor.submit(_evaluate, fn, [points[k] for k in chunk]): chunk for chunk in chunks}
    try:
        for future in cf.as_completed(futures):
            try:
                outcome = future.result()
            except BaseException as exc:  # noqa: BLE001 - a lost task is retried
                if isinstance(exc, KeyboardInterrupt):
                    raise
                outcome = _failure(exc)
            yield futures[future], outcome
    finally:
        for future in futures:
            future.cancel()


def _evaluate(fn: Callable, points: Sequence[dict]) -> list[Any]:
    """One task: the result columns (a dict) or a ``_Failure`` for each point."""
    out: list[Any] = []
    for point in points:
        try:
            out.append(_columns(fn(**point)))
        except Exception as exc:  # noqa: BLE001 - reported per point
            out.append(_failure(exc))
    return out


def _failure(exc: BaseException) -> _Failure:
    message = f"{type(exc).__name__}: {exc}"
    return _Failure(message, "".join(traceback.format_exception(exc)))


def _columns(value: Any) -> dict[str, Any]:
    from ..games import ExtensiveFormGame, NormalFormGame
    from ..solution import Equilibrium, Solution
    if value is None:
        return {}
    if isinstance(value, (NormalFormGame, ExtensiveFormGame)):
        from ..api import solve
        value = solve(value)
    if isinstance(value, Solution):
        return summarize(value)
    if isinstance(value, Equilibrium):
        return _equilibrium_columns(value)
    pandas = sys.modules.get("pandas")  # a Series can only come from an imported pandas
    if pandas is not None and isinstance(value, pandas.Series):
        value = value.to_dict()
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    return {"value": _plain(value)}


def _equilibrium_columns(equilibrium: Any) -> dict[str, Any]:
    game = equilibrium.game
    row: dict[str, Any] = {}
    if hasattr(game, "infosets"):  # a tree: one vector per information set
        for player, sets, vectors in zip(game.players, game.infosets, equilibrium.strategies):
            for number, (infoset, vector) in enumerate(zip(sets, vectors), 1):
                name = str(infoset.label) or str(number)
                for action, p in zip(infoset.actions, vector):
                    row[f"{player}:{name}:{action}"] = p
    else:
        for player, labels, vector in zip(game.players, game.strategies, equilibrium.strategies):
            for label, p in zip(labels, vector):
                row[f"{player}:{label}"] = p
    for player, u in zip(game.players, equilibrium.payoffs):
        row[f"u({player})"] = u
    return row


# --------------------------------------------------------------------------- the table
def _table(names: list[str], points: list[dict], index: pd.Index | None, results: list[Any],
           errors: str, exact: bool) -> pd.DataFrame:
    import pandas as pd
    failures = {k: r for k, r in enumerate(results) if isinstance(r, _Failure)}
    columns: dict[str, None] = {}
    for r in results:
        if isinstance(r, dict):
            columns.update(dict.fromkeys(r))
    clashes = [c for c in columns if c in names or c == "error"]
    if clashes:
        raise GameError(f"fn returned columns named like the grid's parameters (or 'error'): {clashes}")
    data: dict[str, list] = {name: [p[name] for p in points] for name in names}
    for column in columns:
        data[column] = [r.get(column) if isinstance(r, dict) else None for r in results]
    if errors == "record" or failures:
        data["error"] = [failures[k].message if k in failures else None for k in range(len(points))]
    frame = pd.DataFrame({c: _column(v, exact) for c, v in data.items()})
    if index is not None:
        frame.index = index
    if failures and errors == "raise":
        k = min(failures)
        point = points[k]
        more = f" ({len(failures) - 1} more failed)" if len(failures) > 1 else ""
        raise SweepError(f"fn failed at point {k} {point}{more}: {failures[k].message}\n"
                         f"{failures[k].trace}", frame, {j: f.message for j, f in failures.items()},
                         point)
    return frame


def _column(values: list, exact: bool) -> pd.Series:
    """A column's values; Fractions become floats unless ``exact``; missing values become NaN
    in numeric columns (pandas infers the dtype)."""
    import pandas as pd
    if not exact:
        values = [float(v) if isinstance(v, Fraction) else v for v in values]
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, Number) and not isinstance(v, bool) for v in present) \
            and len(present) < len(values) and not exact:
        values = [math.nan if v is None else v for v in values]
    return pd.Series(values, dtype=object).infer_objects()


def _bar(total: int, progress: bool | None):
    if progress is None:
        progress = sys.stderr is not None and hasattr(sys.stderr, "isatty") and sys.stderr.isatty()
    if not progress:
        return None
    try:
        from tqdm.auto import tqdm
    except ImportError:  # tqdm is a dependency; a broken install should not stop a sweep
        return None
    return tqdm(total=total, unit="point", desc="sweep")
