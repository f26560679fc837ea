"""The tokenizer shared by the Gambit ``.nfg`` and ``.efg`` readers.

Gambit game files are sequences of tokens separated by whitespace (which matters
only inside double quotes):

* a quoted string ``"..."``; inside it ``\\"`` stands for a double quote and a
  backslash before any other character is kept literally (``\\x`` stays ``\\x``);
* the punctuation ``{``, ``}`` and ``,``;
* a number: optional sign, then an integer (``3``), a decimal (``0.5``, ``.5``,
  ``5.``) possibly with an exponent (``1e-3``, ``1.5E+2``), or a rational ``a/b``;
* a bare word starting with a letter or ``_`` (``NFG``, ``R``, the node types of
  ``.efg`` files).

Numbers become exact :class:`fractions.Fraction` values, so ``0.1`` is exactly
``1/10``.  Anything else is an error, reported as :class:`FileFormatError` with the
1-based line and column where the offending text starts.

>>> [(t.kind, t.value) for t in tokenize('NFG 1 R "a \\\\"b\\\\"" { .5, -2/6 }')][:-1]
... # doctest: +NORMALIZE_WHITESPACE
[('word', 'NFG'), ('number', Fraction(1, 1)), ('word', 'R'), ('string', 'a "b"'),
 ('lbrace', '{'), ('number', Fraction(1, 2)), ('comma', ','),
 ('number', Fraction(-1, 3)), ('rbrace', '}')]
"""
from __future__ import annotations

import re
from fractions import Fraction
from typing import NamedTuple

from ..errors import FileFormatError

__all__ = ["Token", "tokenize", "decode", "STRING", "LBRACE", "RBRACE", "COMMA", "NUMBER",
           "WORD", "EOF"]

STRING, LBRACE, RBRACE, COMMA, NUMBER, WORD, EOF = (
    "string", "lbrace", "rbrace", "comma", "number", "word", "eof")

#: Exponents beyond this are refused: ``1e999999999`` would otherwise make
#: ``Fraction`` build a number with a billion digits (and appear to hang).
MAX_EXPONENT = 10_000

_DELIMITER = r'(?=[\s{},"]|\Z)'
_TOKEN = re.compile(rf'''
      (?P<space>\s+)
    | (?P<string>"(?:[^"\\]++|\\"?+)*+")        # possessive: a \\" never gives its quote back
    | (?P<lbrace>\{{) | (?P<rbrace>\}}) | (?P<comma>,)
    | (?P<number>[+-]?(?:\d+/\d+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?){_DELIMITER})
    | (?P<word>[^\W\d]\w*{_DELIMITER})
    | (?P<junk>[^\s{{}},"]+)
    | (?P<quote>")
''', re.VERBOSE)


class Token(NamedTuple):
    """One token: its kind, its text as written, its value and where it starts.

    ``value`` is the unescaped text for strings, a ``Fraction`` for numbers and the
    text itself otherwise.  ``line`` and ``column`` are 1-based.
    """
    kind: str
    text: str
    value: object
    line: int
    column: int

    def error(self, message: str, path: str | None = None) -> FileFormatError:
        """A :class:`FileFormatError` located at this token."""
        return FileFormatError(message, line=self.line, column=self.column, path=path)


def tokenize(text: str, path: str | None = None) -> list[Token]:
    """Split ``text`` into tokens, ending with one ``eof`` token placed just after the text.

    ``path`` only labels error messages.

    >>> tokenize('{ 3 }\\n')[-1]
    Token(kind='eof', text='', value=None, line=2, column=1)
    >>> tokenize('{ 3 # }')
    Traceback (most recent call last):
    ...
    hegemony_games.errors.FileFormatError: 1:5: unrecognised text '#'
    """
    tokens: list[Token] = []
    line, line_start, pos, end = 1, 0, 0, len(text)
    while pos < end:
        match = _TOKEN.match(text, pos)  # never None: junk and quote cover every character
        kind, token_text = match.lastgroup, match.group()
        column = pos - line_start + 1
        if kind == "quote":
            raise FileFormatError("unterminated string (no closing '\"')", line, column, path)
        if kind == "junk":
            raise FileFormatError(f"unrecognised text {_shorten(token_text)}", line, column, path)
        if kind == STRING:
            value: object = token_text[1:-1].replace('\\"', '"')
        elif kind == NUMBER:
            value = _number(token_text, line, column, path)
        else:
            value = token_text
        if kind != "space":
            tokens.append(Token(kind, token_text, value, line, column))
        newlines = token_text.count("\n")
        if newlines:
            line += newlines
            line_start = pos + token_text.rindex("\n") + 1
        pos = match.end()
    tokens.append(Token(EOF, "", None, line, end - line_start + 1))
    return tokens


def decode(data: bytes, path: str | None = None) -> str:
    """Decode the bytes of a game file as UTF-8 (a leading byte-order mark is dropped).

    Invalid bytes are a :class:`FileFormatError` at the line and column where they start.

    >>> decode(b'NFG 1 R "\\xc3\\xa9"')
    'NFG 1 R "é"'
    >>> decode(b'NFG\\n 1 \\xff')
    Traceback (most recent call last):
    ...
    hegemony_games.errors.FileFormatError: 2:4: the file is not valid UTF-8 (byte 0xff)
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[:exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1:].decode("utf-8-sig", errors="replace")) + 1
        raise FileFormatError(f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x})",
                              line, column, path) from None


def _number(text: str, line: int, column: int, path: str | None) -> Fraction:
    exponent = re.search(r"[eE]([+-]?\d+)", text)
    if exponent and abs(int(exponent.group(1))) > MAX_EXPONENT:
        raise FileFormatError(f"exponent too large in {_shorten(text)}", line, column, path)
    try:
        return Fraction(text)
    except ZeroDivisionError:
        raise FileFormatError(f"division by zero in {_shorten(text)}", line, column, path) from None
    except ValueError:  # e.g. more digits than Python's int-string limit
        raise FileFormatError(f"cannot read the number {_shorten(text)}", line, column,
                              path) from None


def _shorten(text: str, limit: int = 40) -> str:
    return repr(text if len(text) <= limit else text[:limit] + "...")
