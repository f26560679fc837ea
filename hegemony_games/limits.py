"""Time limits for computations whose cost can explode (enumeration, symbolic solving, large trees).

A solver that accepts ``timeout=`` makes a :class:`Deadline` and asks it, between units of work
(a support, a basis, a node), whether time is up.  When it is, the solver stops and returns what
it has found, flagged ``Solution.complete == False`` with a message saying what was not searched.
Checks are cheap (one clock read), so a solver stops within one unit of work of the limit.

>>> deadline = Deadline(None)          # no limit
>>> deadline.expired()
False
>>> Deadline(0).expired()
True
>>> Deadline(2.5).describe()
'the time limit of 2.5 s'
"""
from __future__ import annotations

import math
import time

from .errors import GameError

__all__ = ["Deadline", "check_timeout"]


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

    def elapsed(self) -> float:
        return time.perf_counter() - self.start

    def describe(self) -> str:
        return f"the time limit of {self.timeout:g} s"
