"""Time limits for computations whose cost can explode (enumeration, symbolic solving, large trees).

A solver that accepts ``timeout=`` makes a :class:`Deadline` and asks it, between units of work
(a support, a basis, a node), whether time is up.  When it is, the solver stops and returns what
it has found, flagged ``Solution.complete == False`` with a message saying what was not searched.
Checks are cheap (one clock read), so a solver stops within one unit of work of the limit.
Where one unit of work cannot be bounded (a Gröbner basis), :meth:`Deadline.interrupting`
stops it at the limit itself.

>>> deadline = Deadline(None)          # no limit
>>> deadline.expired()
False
>>> Deadline(0).expired()
True
>>> Deadline(2.5).describe()
'the time limit of 2.5 s'
"""
from __future__ import annotations

import contextlib
import math
import signal
import threading
import time
from typing import Iterator

from .errors import GameError

__all__ = ["Deadline", "DeadlineReached", "check_timeout"]

REPEAT = 0.05  # seconds between repeated interruptions once the limit is reached


class DeadlineReached(BaseException):
    """Raised inside a computation by :meth:`Deadline.interrupting` when the limit is reached.

    A ``BaseException``, like ``KeyboardInterrupt``, so that library code catching ``Exception``
    (sympy does, in places) lets it through to the solver that asked for it."""


def check_timeout(timeout: float | None) -> float | None:
    """``timeout`` validated: ``None`` (no limit) or a non-negative number of seconds."""
    if timeout is None:
        return None
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or math.isnan(timeout) or timeout < 0:
        raise GameError(f"timeout must be a non-negative number of seconds or None, got {timeout!r}")
    return float(timeout)


class Deadline:
    """The moment a computation must stop: ``timeout`` seconds from now (``None``: never)."""

    def __init__(self, timeout: float | None):
        self.timeout = check_timeout(timeout)
        self.start = time.perf_counter()
        self._end = math.inf if self.timeout is None else self.start + self.timeout

    def expired(self) -> bool:
        """Whether the time is up (always ``False`` without a limit)."""
        return self._end != math.inf and time.perf_counter() >= self._end

    @property
    def end(self) -> float:
        """The moment on the ``time.perf_counter()`` clock (``math.inf`` without a limit)."""
        return self._end

    def elapsed(self) -> float:
        return time.perf_counter() - self.start

    def describe(self) -> str:
        return f"the time limit of {self.timeout:g} s"

    @contextlib.contextmanager
    def interrupting(self) -> Iterator[None]:
        """Within this block, raise :class:`DeadlineReached` when the limit is reached, even in
        the middle of a long pure-Python computation.

        Uses a real-time interval timer (``SIGALRM``), so it only acts in the main thread of a
        Unix process; elsewhere (a worker thread, Windows) it does nothing and the solver's
        own checks between units of work remain the only ones.

        >>> d = Deadline(0.05)
        >>> try:
        ...     with d.interrupting():
        ...         while True:
        ...             pass
        ... except DeadlineReached:
        ...     print("stopped")
        stopped
        """
        usable = (self._end != math.inf and hasattr(signal, "setitimer")
                  and threading.current_thread() is threading.main_thread())
        if not usable:
            yield
            return
        if self.expired():
            raise DeadlineReached

        def stop(signum, frame):
            raise DeadlineReached

        previous = signal.signal(signal.SIGALRM, stop)
        started = time.perf_counter()
        # The timer repeats (every REPEAT s after the limit) until the block ends: an exception
        # raised while Python runs a callback of its own (a garbage-collector hook) is discarded,
        # and the next signal must still stop the computation.
        outer, _ = signal.setitimer(signal.ITIMER_REAL, max(self._end - started, 1e-4), REPEAT)
        if outer and outer < self._end - started:   # an enclosing block's limit comes first
            signal.setitimer(signal.ITIMER_REAL, outer, REPEAT)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
            if outer:   # an enclosing block's timer, with the time that has passed taken off
                signal.setitimer(signal.ITIMER_REAL, max(outer - (time.perf_counter() - started), 1e-4))
