"""Reading and writing game files, chosen by the file's extension.

``.nfg`` files (Gambit strategic form) hold a :class:`NormalFormGame`, ``.efg`` files
(Gambit extensive form) an :class:`ExtensiveFormGame`.

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
>>> parse('EFG 2 R "" { "A" } p "" 1 1 "" { "x" "y" } 0 t "" 1 "" { 1 } t "" 0', "efg").num_nodes
3
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..errors import FileFormatError, GameError
from .efg import format_efg, parse_efg, read_efg, write_efg
from .nfg import format_nfg, parse_nfg, read_nfg, write_nfg

__all__ = ["read", "write", "parse", "read_nfg", "parse_nfg", "write_nfg", "format_nfg",
           "read_efg", "parse_efg", "write_efg", "format_efg"]

FORMATS = ("nfg", "efg")


def read(path: str | os.PathLike) -> Any:
    """Read a game from a ``.nfg`` or ``.efg`` file, chosen by the extension.

    A missing file raises :class:`FileFormatError` naming the path.
    """
    name = os.fspath(path)
    if not Path(name).is_file():
        raise FileFormatError("no such file", path=name)
    kind = _format_of(name)
    if kind == "nfg":
        return read_nfg(name)
    return read_efg(name)


def write(game: Any, path: str | os.PathLike) -> None:
    """Write a game to a ``.nfg`` or ``.efg`` file, chosen by the extension.

    A game tree written to a ``.nfg`` file is written as its (reduced) strategic form;
    only a game tree can be written to a ``.efg`` file.
    """
    name = os.fspath(path)
    kind = _format_of(name)
    if kind == "nfg":
        if hasattr(game, "to_normal_form"):
            game = game.to_normal_form()
        return write_nfg(game, name)
    return write_efg(game, name)


def parse(text: str, format: str = "nfg") -> Any:
    """Read a game from the text of a file in the given format (``"nfg"`` or ``"efg"``)."""
    if format == "nfg":
        return parse_nfg(text)
    if format == "efg":
        return parse_efg(text)
    raise GameError(f"unknown game format {format!r}; expected one of {FORMATS}")


def _format_of(name: str) -> str:
    suffix = Path(name).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise GameError(f"cannot tell the game format of {name!r}: "
                        f"expected a .nfg or .efg extension")
    return suffix
