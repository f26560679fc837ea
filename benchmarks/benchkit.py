"""What every benchmark family shares: capped best-of-k timing, set comparison, exact verification.

Timing runs each call in a forked child process so that a peer that runs too long (nashpy's
support enumeration at n = 10, its Lemke-Howson cycling at n = 100) can be stopped at a cap
without stopping the run.  The child inherits everything the parent already imported and
compiled (numba kernels, our lazily imported solver modules), so a warm-up in the parent
removes first-call costs from the measurements; best-of-k removes the rest of the noise.  As
in ``timeit``, the garbage collector is off while a call is timed.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import platform
import subprocess
import sys
import time
import traceback
import warnings
from dataclasses import dataclass
from fractions import Fraction
from importlib import metadata
from typing import Any, Callable, Sequence

import numpy as np

Profile = tuple[Sequence[Any], Sequence[Any]]  # (x, y): one probability vector per player


@dataclass
class Measurement:
    """Best-of-``runs`` wall time of one call (``None`` if no call finished), and its result."""

    best: float | None
    runs: int
    timed_out: bool = False
    error: str | None = None
    result: Any = None
    cap: float = 0.0

    @property
    def ok(self) -> bool:
        return self.best is not None and self.error is None

    def cell(self) -> str:
        """The time for a table: seconds with 2 significant digits, or why there is none."""
        if self.error is not None:
            return f"error ({self.error.splitlines()[-1][:60]})"
        if self.best is None:
            return f"> {self.cap:g} s (stopped)"
        return seconds(self.best)


def seconds(value: float) -> str:
    if value >= 10:
        return f"{value:.0f} s"
    if value >= 0.001:
        return f"{value:.2g} s".replace("e-0", "e-")
    return f"{value * 1e6:.2g} µs"


MAX_CALLS = 2000  # the most calls ``min_total`` may ask for


def measure(fn: Callable[[], Any], repeat: int = 3, cap: float = 60.0, long_call: float = 5.0,
            min_total: float = 0.0) -> Measurement:
    """Best-of-``repeat`` wall time of ``fn()``, each call stopped after ``cap`` seconds.

    Calls run in one forked child, one after another; after a call longer than ``long_call``
    seconds no further repetition is made (best of fewer).  With ``min_total``, calls go on past
    ``repeat`` until they have taken that many seconds in all (at most ``MAX_CALLS``), as
    ``timeit`` does for short calls: a best of 9 calls of a fraction of a millisecond in a fresh
    child varies by 2x from run to run.  The result of the first call is sent back (it must pickle).
    """
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_child, args=(fn, repeat, long_call, min_total, send), daemon=True)
    child.start()
    send.close()
    times: list[float] = []
    result, error, timed_out = None, None, False
    try:
        while True:
            if not receive.poll(cap):
                timed_out = True
                break
            try:
                message = receive.recv()
            except EOFError:
                error = "the child process died"
                break
            kind = message[0]
            if kind == "time":
                times.append(message[1])
                if len(times) == 1:
                    result = message[2]
            elif kind == "error":
                error = message[1]
                break
            else:
                break
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receive.close()
    return Measurement(min(times) if times else None, len(times), timed_out, error, result, cap)


def _child(fn: Callable[[], Any], repeat: int, long_call: float, min_total: float, send: Any) -> None:
    warnings.simplefilter("ignore")  # nashpy warns on degenerate games; we count, not warn
    # The inherited objects go to the permanent generation: a collection in the child would
    # otherwise walk the parent's whole heap (and copy its pages on write), charging tools that
    # allocate many Python objects for the size of the benchmark process.  As in timeit, the
    # collector is off while a call is timed.
    gc.freeze()
    try:
        k, total = 0, 0.0
        while k < repeat or (total < min_total and k < MAX_CALLS):
            gc.collect()
            gc.disable()
            start = time.perf_counter()
            result = fn()
            elapsed = time.perf_counter() - start
            gc.enable()
            send.send(("time", elapsed, result if k == 0 else None))
            k, total = k + 1, total + elapsed
            if elapsed > long_call:
                break
        send.send(("done",))
    except BaseException:  # report, don't crash the run
        send.send(("error", traceback.format_exc(limit=3)))
    finally:
        send.close()


def as_float_profile(profile: Profile) -> tuple[np.ndarray, np.ndarray]:
    return tuple(np.asarray([float(p) for p in v]) for v in profile)  # type: ignore[return-value]


def distinct(profiles: Sequence[Profile], tol: float = 1e-6) -> list[tuple[np.ndarray, np.ndarray]]:
    """The profiles with near-duplicates (max-norm distance ≤ ``tol``) dropped, order kept."""
    out: list[tuple[np.ndarray, np.ndarray]] = []
    for profile in profiles:
        x, y = as_float_profile(profile)
        if not any(_close((x, y), other, tol) for other in out):
            out.append((x, y))
    return out


def _close(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray], tol: float) -> bool:
    return (a[0].shape == b[0].shape and a[1].shape == b[1].shape
            and bool(np.all(np.abs(a[0] - b[0]) <= tol)) and bool(np.all(np.abs(a[1] - b[1]) <= tol)))


@dataclass
class Comparison:
    """A peer's equilibria against the reference: how many distinct, found, missed, extra."""

    distinct: int
    found: int
    missed: int
    extra: int

    @property
    def same(self) -> bool:
        return self.missed == 0 and self.extra == 0


def compare(reference: Sequence[Profile], other: Sequence[Profile], tol: float = 1e-6) -> Comparison:
    """Match two sets of equilibria up to ``tol`` in every probability.

    ``found`` counts reference equilibria the other set contains, ``extra`` the other set's
    distinct equilibria that are not in the reference.

    >>> ref = [((1, 0), (0, 1)), ((0.5, 0.5), (0.5, 0.5))]
    >>> compare(ref, [((0.5000000001, 0.5), (0.5, 0.5))])
    Comparison(distinct=1, found=1, missed=1, extra=0)
    >>> compare(ref, [((1, 0), (0, 1)), ((1, 0), (0, 1)), ((0, 1), (1, 0))]).same
    False
    """
    ours, theirs = distinct(reference, tol), distinct(other, tol)
    found = sum(any(_close(r, t, tol) for t in theirs) for r in ours)
    extra = sum(not any(_close(t, r, tol) for r in ours) for t in theirs)
    return Comparison(len(theirs), found, len(ours) - found, extra)


def exact_matrix(M: np.ndarray) -> list[list[Fraction]]:
    """A float matrix read exactly through each entry's shortest decimal form, as hg.as_exact does."""
    return [[Fraction(repr(float(v))) if isinstance(v, (float, np.floating)) else Fraction(int(v))
             for v in row] for row in np.asarray(M)]


def exact_regret(A: list[list[Fraction]], B: list[list[Fraction]], profile: Profile) -> Fraction:
    """The largest gain either player gets by deviating, in rational arithmetic.

    Written here, independently of the library, to check the reference before trusting it.

    >>> A = exact_matrix(np.array([[1, 0], [0, 1]]))
    >>> exact_regret(A, A, ((Fraction(1, 2), Fraction(1, 2)), (Fraction(1, 2), Fraction(1, 2))))
    Fraction(0, 1)
    >>> exact_regret(A, A, ((1, 0), (0, 1)))
    Fraction(1, 1)
    """
    x, y = [Fraction(p) for p in profile[0]], [Fraction(p) for p in profile[1]]
    m, n = len(A), len(A[0])
    row_values = [sum(A[i][j] * y[j] for j in range(n)) for i in range(m)]
    col_values = [sum(x[i] * B[i][j] for i in range(m)) for j in range(n)]
    row_payoff = sum(x[i] * row_values[i] for i in range(m))
    col_payoff = sum(y[j] * col_values[j] for j in range(n))
    valid = all(p >= 0 for p in x + y) and sum(x) == 1 and sum(y) == 1
    if not valid:
        raise ValueError(f"not a pair of probability vectors: {profile}")
    return max(max(row_values) - row_payoff, max(col_values) - col_payoff)


def float_regret(A: np.ndarray, B: np.ndarray, profile: Profile) -> float:
    """The largest gain by deviating, in float64 (for peers' float results)."""
    x, y = as_float_profile(profile)
    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    return float(max((A @ y).max() - x @ A @ y, (x @ B).max() - x @ B @ y))


def machine() -> dict[str, str]:
    """What the numbers were measured on: cores, CPU, memory, Python and package versions."""
    info = {"date (UTC)": time.strftime("%Y-%m-%d %H:%M", time.gmtime()),
            "cores (nproc)": str(len(os.sched_getaffinity(0))),
            "cpu": _cpu_model(), "memory": _memory(),
            "python": sys.version.split()[0], "platform": platform.platform()}
    for package in ("hegemony_games", "numpy", "scipy", "nashpy", "quantecon", "numba", "pygambit"):
        try:
            info[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            info[package] = "not installed"
    info["hegemony_games commit"] = _git_commit()
    return info


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory() -> str:
    try:
        with open("/proc/meminfo") as f:
            kib = int(f.readline().split()[1])
        return f"{kib / 2**20:.0f} GiB"
    except (OSError, ValueError, IndexError):
        return "unknown"


def _git_commit() -> str:
    here = os.path.dirname(os.path.abspath(__file__))
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=here, capture_output=True,
                                text=True, timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "../hegemony_games"], cwd=here,
                               capture_output=True, text=True, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return (commit + (" (with uncommitted changes to hegemony_games)" if dirty else "")) or "unknown"


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def ratio(peer: Measurement, ours: Measurement) -> str:
    """Peer time / our time, as '12×', or '> 12×' when the peer was stopped at its cap."""
    if not ours.ok:
        return "–"
    if peer.error is not None:
        return "–"
    if peer.best is None:
        return f"> {peer.cap / ours.best:.3g}×"
    value = peer.best / ours.best
    return f"{value:.3g}×" if value < 1000 else f"{value:,.0f}×"


@dataclass
class Options:
    """How a run is configured: ``quick`` shrinks every family to a smoke-test size."""

    quick: bool = False
    packages: frozenset = frozenset({"hg", "nashpy", "quantecon", "pygambit"})
    repeat: int = 3


@dataclass
class Section:
    """One benchmark family's result: a markdown body and the raw numbers."""

    title: str
    body: str
    data: dict
