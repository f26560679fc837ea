"""The library's exception hierarchy.

Every error raised on purpose by ``hegemony_games`` is a :class:`GameError`
(itself a :class:`ValueError`), so ``except hg.GameError`` catches all of them.
"""
from __future__ import annotations

__all__ = ["GameError", "FileFormatError"]


class GameError(ValueError):
    """An invalid game, profile or argument; the message says what to fix."""


class FileFormatError(GameError):
    """A game file that cannot be read.

    ``line`` and ``column`` are 1-based positions of the offending token
    (``None`` when the problem is not tied to a position, e.g. a missing file).

    >>> err = FileFormatError("expected '{'", line=3, column=7, path="g.nfg")
    >>> str(err)
    "g.nfg:3:7: expected '{'"
    """

    def __init__(self, message: str, line: int | None = None,
                 column: int | None = None, path: str | None = None):
        self.message = message
        self.line = line
        self.column = column
        self.path = path
        where = ":".join(str(p) for p in (path, line, column) if p is not None)
        super().__init__(f"{where}: {message}" if where else message)
