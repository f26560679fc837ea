"""Reading and writing game files, chosen by the file's extension.

``.nfg`` (Gambit strategic form) is supported; ``.efg`` (Gambit extensive form) is not yet.

>>> import tempfile, pathlib
>>> from hegemony_games import NormalFormGame
>>> game = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], title="PD")
>>> with tempfile.TemporaryDirectory() as folder:
...     path = pathlib.Path(folder) / "pd.nfg"
...     write(game, path)
...     read(path) == game
True
>>> parse('NFG 1 R "" { "A" } { 2 } 1 -1').payoffs[0].tolist()
[Fraction(1, 1), Fraction(-1, 1)]
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..errors import FileFormatError, GameError
from .nfg import format_nfg, parse_nfg, read_nfg, write_nfg

__all__ = ["read", "write", "parse", "read_nfg", "parse_nfg", "write_nfg", "format_nfg"]

FORMATS = ("nfg", "efg")


def read(path: str | os.PathLike) -> Any:
    """Read a game from a ``.nfg`` (or, later, ``.efg``) file.

    A missing file raises :class:`FileFormatError` naming the path.
    """
    name = os.fspath(path)
    if not Path(name).is_file():
        raise FileFormatError("no such file", path=name)
    kind = _format_of(name)
    if kind == "nfg":
        return read_nfg(name)
    raise GameError("reading .efg files is not supported yet")


def write(game: Any, path: str | os.PathLike) -> None:
    """Write a game to a ``.nfg`` (or, later, ``.efg``) file, chosen by the extension.

    A game tree written to a ``.nfg`` file is written as its strategic form.
    """
    name = os.fspath(path)
    kind = _format_of(name)
    if kind == "nfg":
        if hasattr(game, "to_normal_form"):
            game = game.to_normal_form()
        return write_nfg(game, name)
    raise GameError("writing .efg files is not supported yet")


def parse(text: str, format: str = "nfg") -> Any:
    """Read a game from the text of a file in the given format (``"nfg"``)."""
    if format == "nfg":
        return parse_nfg(text)
    if format == "efg":
        raise GameError("reading .efg files is not supported yet")
    raise GameError(f"unknown game format {format!r}; expected one of {FORMATS}")


def _format_of(name: str) -> str:
    suffix = Path(name).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise GameError(f"cannot tell the game format of {name!r}: "
                        f"expected a .nfg or .efg extension")
    return suffix
