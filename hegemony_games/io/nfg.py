"""Gambit ``.nfg`` files (strategic-form games): exact reading and writing.

The format (Gambit's "Game representation formats" documentation) has a prologue ::

    NFG 1 R "title" { "Player 1" "Player 2" } { 3 2 } "optional comment"

in which the strategies are given either as counts ``{ 3 2 }`` (labelled "1", "2", ...)
or as nested label lists ``{ { "T" "M" "B" } { "L" "R" } }``, followed by one of two bodies:

* the *payoff version*: every player's payoff for every pure profile, a flat list of
  N × n_1 × ... × n_N numbers;
* the *outcome version*: a braced list of outcomes ``{ "label" p_1, ..., p_N }``
  (numbered 1, 2, ...; commas optional), then one outcome index per pure profile,
  ``0`` meaning all payoffs zero.

Pure profiles are listed with **player 1's strategy varying fastest**, and within a
profile the payoffs are in player order.  Whitespace does not matter outside quotes.
Numbers (integers, decimals, ``a/b``, ``1e-3``) are read exactly as ``Fraction``, so a
game read from a file is always exact.

>>> game = parse_nfg('NFG 1 R "PD" { "A" "B" } { 2 2 }  3 3  5 0  0 5  1 1')
>>> game.payoffs[0][1, 0], game.payoffs[1][1, 0]  # payoffs when A plays 2 and B plays 1
(Fraction(5, 1), Fraction(0, 1))
>>> parse_nfg(format_nfg(game)) == game
True
"""
from __future__ import annotations

import os
from fractions import Fraction
from pathlib import Path
from typing import Iterator, Sequence

import numpy as np

from ..errors import FileFormatError, GameError
from ..games.normal_form import NormalFormGame
from ..numbers import SYMBOLIC
from ._lexer import COMMA, EOF, LBRACE, NUMBER, RBRACE, STRING, WORD, Token, iter_tokens, read_text

__all__ = ["parse_nfg", "read_nfg", "format_nfg", "write_nfg", "normalize_labels"]

VERSIONS = ("outcome", "payoff")
MAX_PROFILES = 10**18


# --------------------------------------------------------------------------- reading
def read_nfg(path: str | os.PathLike) -> NormalFormGame:
    """Read a Gambit ``.nfg`` file; see :func:`parse_nfg` for what is accepted.

    A file that cannot be opened, is not UTF-8, or is malformed raises
    :class:`FileFormatError` (with the line and column of the problem when there is one).
    """
    name = os.fspath(path)
    return parse_nfg(read_text(name), path=name)


def parse_nfg(text: str, path: str | None = None) -> NormalFormGame:
    """Read a game from the text of a ``.nfg`` file (either version of the format).

    ``path`` only names the file in error messages.  The file's comment string, if
    any, is kept as ``game.comment`` (``""`` when absent).

    Labels are normalised on reading, as Gambit (≥ 16.6) also does, so that every
    player and every strategy has a non-empty label that is unique in its scope (the
    game for players, the player for strategies).  The rule used here:

    1. an empty label is replaced by its default: ``"Player k"`` for the k-th player,
       ``"k"`` for a player's k-th strategy;
    2. then, scanning in order, the first occurrence of a label keeps it and each
       later repeat becomes ``label_1``, ``label_2``, ... using the smallest suffix
       that is not already a label in that scope.

    For example strategies ``"x" "x" "x_1" ""`` become ``x``, ``x_2``, ``x_1``, ``4``.
    Outcome labels are not kept (the game stores payoffs only).

    Errors raise :class:`FileFormatError` with the 1-based line and column of the
    offending token, or of the end of the file when something is missing:

    >>> try:
    ...     parse_nfg('NFG 1 R "" { "A" "B" } { 2 2 }\\n1 1 0 2 0 2')
    ... except FileFormatError as error:
    ...     print(error.line, error.column, error.message)
    2 12 too few payoffs: 2 players with 2×2 strategies need 8 numbers, found 6

    >>> game = parse_nfg('''NFG 1 R "Matching pennies" { "P1" "P2" }
    ... { { "H" "T" } { "h" "t" } } "zero-sum"
    ... { { "win" 1, -1 } { "lose" -1, 1 } }
    ... 1 2 2 1''')
    >>> game.strategies, game.comment, game.payoffs[0][0, 1]
    ((('H', 'T'), ('h', 't')), 'zero-sum', Fraction(-1, 1))
    """
    cursor = _Cursor(iter_tokens(text, path), path)
    title, players, shape, labels = _prologue(cursor)
    if cursor.peek().kind == LBRACE:
        rows = _outcome_body(cursor, shape)
    else:
        rows = _payoff_body(cursor, shape)
    if labels is None:  # strategy counts: only now is it safe to make n labels (n is checked)
        labels = [[str(k) for k in range(1, n + 1)] for n in shape]
    columns = [[row[i] for row in rows] for i in range(len(shape))]
    try:
        game = NormalFormGame([_array(column, shape) for column in columns],
                              strategies=[normalize_labels(s, "{}") for s in labels],
                              players=normalize_labels(players, "Player {}"), title=title)
    except GameError as exc:  # should not happen after the checks above; keep the contract
        raise FileFormatError(str(exc), path=path) from None
    game.comment = cursor.comment
    return game


def normalize_labels(labels: Sequence[str], default: str) -> list[str]:
    """Make labels non-empty and unique, as described in :func:`parse_nfg`.

    ``default`` is a pattern for empty labels, filled with the 1-based position.

    >>> normalize_labels(["x", "x", "x_1", ""], "{}")
    ['x', 'x_2', 'x_1', '4']
    >>> normalize_labels(["", ""], "Player {}")
    ['Player 1', 'Player 2']
    """
    filled = [label if label else default.format(k) for k, label in enumerate(labels, 1)]
    taken = set(filled)  # includes later labels, so a generated suffix never collides with them
    seen: set[str] = set()
    next_suffix: dict[str, int] = {}
    result = []
    for label in filled:
        if label in seen:
            k = next_suffix.get(label, 1)
            while f"{label}_{k}" in taken:
                k += 1
            next_suffix[label] = k + 1
            label = f"{label}_{k}"
            taken.add(label)
        seen.add(label)
        result.append(label)
    return result


class _Cursor:
    """Walks through the tokens as the lexer makes them (so an error early in a large file is
    reported without reading the rest); every error it raises carries the file's path."""

    def __init__(self, tokens: Iterator[Token], path: str | None):
        self.tokens, self.path, self.comment = tokens, path, ""
        self.ahead = next(tokens)

    def peek(self) -> Token:
        return self.ahead

    def next(self) -> Token:
        token = self.ahead
        if token.kind != EOF:  # the final EOF token is returned forever
            self.ahead = next(self.tokens)
        return token

    def error(self, token: Token, message: str) -> FileFormatError:
        return token.error(message, self.path)

    def expect(self, kind: str, what: str) -> Token:
        token = self.next()
        if token.kind != kind:
            raise self.error(token, f"expected {what}, found {_describe(token)}")
        return token


def _describe(token: Token) -> str:
    if token.kind == EOF:
        return "the end of the file"
    text = token.text if len(token.text) <= 30 else token.text[:30] + "..."
    return f"the string {text}" if token.kind == STRING else repr(text)


def _prologue(cursor: _Cursor) -> tuple[str, list[str], tuple[int, ...], list[list[str]] | None]:
    """Header, title, players, strategies and comment; returns (title, players, shape, labels)."""
    magic = cursor.next()
    if magic.kind != WORD or magic.text != "NFG":
        raise cursor.error(magic, f"not an .nfg file: expected 'NFG' at the start, "
                                  f"found {_describe(magic)}")
    version = cursor.next()
    if version.kind != NUMBER or version.text != "1":
        raise cursor.error(version, f"unsupported .nfg version {_describe(version)}: "
                                    f"only version 1 exists")
    number_type = cursor.next()
    if number_type.kind != WORD or number_type.text not in ("R", "D"):
        raise cursor.error(number_type, f"expected the number type 'R' (or 'D'), "
                                        f"found {_describe(number_type)}")
    title = cursor.expect(STRING, "the game's title (a quoted string)").value

    cursor.expect(LBRACE, "'{' before the player names")
    players = []
    while cursor.peek().kind == STRING:
        players.append(cursor.next().value)
    closing = cursor.expect(RBRACE, "a player name (a quoted string) or '}'")
    if not players:
        raise cursor.error(closing, "a game needs at least one player")

    shape, labels = _strategies(cursor, len(players))
    if cursor.peek().kind == STRING:
        cursor.comment = cursor.next().value
    return title, players, shape, labels


def _strategies(cursor: _Cursor, n_players: int) -> tuple[tuple[int, ...], list[list[str]] | None]:
    """``{ n_1 ... n_N }`` or ``{ { labels } ... }``; labels is None for counts."""
    cursor.expect(LBRACE, "'{' before the strategy counts or labels")
    first = cursor.peek()
    counts: list[int] = []
    labels: list[list[str]] = []
    if first.kind == NUMBER:
        while cursor.peek().kind == NUMBER:
            token = cursor.next()
            if len(counts) == n_players:
                raise cursor.error(token, f"more strategy counts than players ({n_players})")
            if token.value.denominator != 1 or token.value < 1:
                raise cursor.error(token, f"a strategy count must be a positive integer, "
                                          f"found {_describe(token)}")
            counts.append(int(token.value))
        what = "a strategy count or '}'"
    elif first.kind == LBRACE:
        while cursor.peek().kind == LBRACE:
            token = cursor.next()
            if len(labels) == n_players:
                raise cursor.error(token, f"more strategy lists than players ({n_players})")
            names = []
            while cursor.peek().kind == STRING:
                names.append(cursor.next().value)
            closing = cursor.expect(RBRACE, "a strategy label (a quoted string) or '}'")
            if not names:
                raise cursor.error(closing, f"player {len(labels) + 1} has no strategies")
            labels.append(names)
        counts = [len(names) for names in labels]
        what = "'{' starting a player's strategy labels, or '}'"
    else:
        raise cursor.error(first, f"expected strategy counts or '{{' starting strategy labels, "
                                  f"found {_describe(first)}")
    closing = cursor.expect(RBRACE, what)
    if len(counts) < n_players:
        raise cursor.error(closing, f"strategies given for {len(counts)} of {n_players} players")
    return tuple(counts), (labels if first.kind == LBRACE else None)


def _contingencies(shape: tuple[int, ...]) -> int | None:
    """The number of pure profiles, or None when absurdly large (no file could list them).

    The cap keeps hostile strategy counts from costing time; nothing is allocated from it.
    """
    total = 1
    for n in shape:
        total *= n
        if total > MAX_PROFILES:
            return None
    return total


def _dimensions(shape: tuple[int, ...]) -> str:
    """E.g. "2 players with 3×2 strategies need" (the subject of a sentence, with its verb)."""
    n = len(shape)
    sizes = "×".join(str(k) for k in shape[:8]) + ("×..." if n > 8 else "")
    verb = "need" if n > 1 else "needs"
    return f"{n} player{'s' if n > 1 else ''} with {sizes} strategies {verb}"


def _payoff_body(cursor: _Cursor, shape: tuple[int, ...]) -> list[tuple[Fraction, ...]]:
    """The flat payoff list; returns one tuple of N payoffs per pure profile."""
    n = len(shape)
    profiles = _contingencies(shape)
    needed = None if profiles is None else profiles * n
    values: list[Fraction] = []
    while needed is None or len(values) < needed:
        token = cursor.next()
        if token.kind == EOF:
            wanted = f"over {MAX_PROFILES}" if needed is None else str(needed)
            raise cursor.error(token, f"too few payoffs: {_dimensions(shape)} {wanted} numbers, "
                                      f"found {len(values)}")
        if token.kind != NUMBER:
            raise cursor.error(token, f"expected a payoff (a number), found {_describe(token)}")
        values.append(token.value)
    _expect_end(cursor, "payoffs", f"{_dimensions(shape)} exactly {needed} numbers")
    return [tuple(values[k:k + n]) for k in range(0, needed, n)]


def _outcome_body(cursor: _Cursor, shape: tuple[int, ...]) -> list[tuple[Fraction, ...]]:
    """The outcome list and the outcome indices; returns one payoff tuple per pure profile."""
    n = len(shape)
    cursor.expect(LBRACE, "'{' starting the outcome list")
    outcomes: list[tuple[Fraction, ...]] = []
    while cursor.peek().kind == LBRACE:
        cursor.next()
        number = len(outcomes) + 1
        cursor.expect(STRING, f"the label of outcome {number} (a quoted string)")
        payoffs: list[Fraction] = []
        while (token := cursor.next()).kind != RBRACE:
            if token.kind != NUMBER:
                raise cursor.error(token, f"expected a payoff or '}}' in outcome {number}, "
                                          f"found {_describe(token)}")
            if len(payoffs) == n:
                raise cursor.error(token, f"too many payoffs in outcome {number}: "
                                          f"the game has {n} player{'s' if n > 1 else ''}")
            payoffs.append(token.value)
            if cursor.peek().kind == COMMA:
                cursor.next()
        if len(payoffs) < n:
            raise cursor.error(token, f"too few payoffs in outcome {number}: "
                                      f"expected {n}, found {len(payoffs)}")
        outcomes.append(tuple(payoffs))
    cursor.expect(RBRACE, "'{' starting an outcome, or '}' closing the outcome list")

    null = (Fraction(0),) * n
    needed = _contingencies(shape)
    rows = []
    while needed is None or len(rows) < needed:
        token = cursor.next()
        if token.kind == EOF:
            wanted = f"over {MAX_PROFILES}" if needed is None else str(needed)
            raise cursor.error(token, f"too few outcome indices: {_dimensions(shape)} {wanted}, "
                                      f"found {len(rows)}")
        if token.kind != NUMBER:
            raise cursor.error(token, f"expected an outcome index, found {_describe(token)}")
        index = token.value
        if index.denominator != 1 or not 0 <= index <= len(outcomes):
            raise cursor.error(token, f"unknown outcome {token.text}: outcomes are numbered "
                                      f"1 to {len(outcomes)} (0 for none)")
        rows.append(outcomes[int(index) - 1] if index else null)
    _expect_end(cursor, "outcome indices", f"{_dimensions(shape)} exactly {needed}")
    return rows


def _expect_end(cursor: _Cursor, what: str, needed: str) -> None:
    extra = cursor.peek()
    if extra.kind == NUMBER:
        raise cursor.error(extra, f"too many {what}: {needed}")
    if extra.kind != EOF:
        raise cursor.error(extra, f"expected the end of the file after the {what}, "
                                  f"found {_describe(extra)}")


def _array(values: list, shape: tuple[int, ...]) -> np.ndarray:
    """Values listed with player 1's strategy fastest, as an array of the given shape."""
    flat = np.empty(len(values), dtype=object)
    flat[:] = values
    return flat.reshape(shape, order="F")  # Fortran order = first index varies fastest


# --------------------------------------------------------------------------- writing
def format_nfg(game: NormalFormGame, version: str = "outcome") -> str:
    """The text of a ``.nfg`` file for ``game``.

    ``version="outcome"`` (Gambit's choice for strategic games) writes one outcome
    per pure profile; ``version="payoff"`` writes the flat payoff list, one profile
    per line.  Exact payoffs are written as integers or ``a/b``; float payoffs with
    ``repr`` (the shortest decimal that reads back as the same float, so a float
    game reads back as ``game.as_exact()``).  Labels are written normalised (see
    :func:`parse_nfg`) and ``game.comment`` is kept if the game has one.

    Games with free parameters cannot be written (:class:`GameError`), nor can a
    label that ends with a backslash (the format cannot express it).

    >>> game = NormalFormGame([[[Fraction(1, 3), 0]], [[2, 0.5]]], title='say "hi"')
    >>> print(format_nfg(game, version="payoff"))
    NFG 1 R "say \\"hi\\"" { "Player 1" "Player 2" }
    { { "1" } { "1" "2" } }
    ""
    <BLANKLINE>
    0.3333333333333333 2.0
    0.0 0.5
    <BLANKLINE>
    """
    if not isinstance(game, NormalFormGame):
        raise GameError(f"format_nfg needs a NormalFormGame, got {type(game).__name__}")
    if version not in VERSIONS:
        raise GameError(f"unknown .nfg version {version!r}; use 'outcome' or 'payoff'")
    if game.kind == SYMBOLIC:
        names = ", ".join(sorted(s.name for s in game.parameters)) or "symbolic constants"
        raise GameError(f"cannot write a game with free parameters ({names}) to a .nfg file; "
                        f"substitute values with game.subs({{...}}) first")
    number = str if game.is_exact else (lambda v: repr(float(v)))
    columns = [[number(v) for v in payoffs.ravel(order="F")] for payoffs in game.payoffs]
    rows = list(zip(*columns))  # one tuple per pure profile, player 1's strategy fastest

    players = " ".join(_quote(p, "player") for p in normalize_labels(game.players, "Player {}"))
    strategies = " ".join(
        "{ " + " ".join(_quote(s, "strategy") for s in normalize_labels(labels, "{}")) + " }"
        for labels in game.strategies)
    lines = [f"NFG 1 R {_quote(game.title, 'title')} {{ {players} }}",
             f"{{ {strategies} }}",
             _quote(str(getattr(game, "comment", "") or ""), "comment"),
             ""]
    if version == "payoff":
        lines += [" ".join(row) for row in rows]
    else:
        lines.append("{")
        lines += [f'{{ "Outcome {k}" {", ".join(row)} }}' for k, row in enumerate(rows, 1)]
        lines.append("}")
        lines.append(" ".join(str(k) for k in range(1, len(rows) + 1)))
    return "\n".join(lines) + "\n"


def write_nfg(game: NormalFormGame, path: str | os.PathLike, version: str = "outcome") -> None:
    """Write ``game`` to a ``.nfg`` file (UTF-8); see :func:`format_nfg`."""
    text = format_nfg(game, version)
    Path(path).write_text(text, encoding="utf-8")


def _quote(text: str, what: str) -> str:
    if text.endswith("\\"):
        raise GameError(f"cannot write the {what} {text!r}: a .nfg string cannot end with a "
                        f"backslash (it would escape the closing quote)")
    return '"' + text.replace('"', '\\"') + '"'

