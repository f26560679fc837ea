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

>>> tokens = tokenize('NFG 1 R "a \\\\"b\\\\"" { .5, -2/6 }')
>>> [(t.kind, t.value) for t in tokens][:-1]  # doctest: +NORMALIZE_WHITESPACE
[('word', 'NFG'), ('number', Fraction(1, 1)), ('word', 'R'), ('string', 'a "b"'),
 ('lbrace', '{'), ('number', Fraction(1, 2)), ('comma', ','),
 ('number', Fraction(-1, 3)), ('rbrace', '}')]
"""
from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path
from typing import Iterator, NamedTuple

from ..errors import FileFormatError, GameError

__all__ = ["Token", "tokenize", "scan", "decode", "quote", "STRING", "LBRACE", "RBRACE", "COMMA", "NUMBER",
           "WORD", "EOF", "iter_tokens"]

STRING, LBRACE, RBRACE, COMMA, NUMBER, WORD, EOF = (
    "string", "lbrace", "rbrace", "comma", "number", "word", "eof")

#: Exponents beyond this are refused: ``1e999999999`` would otherwise make
#: ``Fraction`` build a number with a billion digits (and appear to hang).
MAX_EXPONENT = 10_000

_DELIMITER = r'(?=[\s{},"]|\Z)'
# ASCII digits only: \d would also take other scripts' digits (Arabic-Indic '٣', fullwidth '１'),
# which int() accepts, so they were read as numbers.
_NUMBER = r'[+-]?(?:[0-9]++/[0-9]++|(?:[0-9]++(?:\.[0-9]*+)?+|\.[0-9]++)(?:[eE][+-]?[0-9]++)?+)'
_WORD = r'[^\W\d]\w*+'
_STRING = r'"(?:[^"\\]++|\\"?+)*+"'
_TOKEN = re.compile(rf'''
      (?P<space>\s+)
    | (?P<string>{_STRING})   # possessive quantifiers (++ ?+ *+) never backtrack:
                               # a \\" keeps its quote, and no input is quadratic
    | (?P<lbrace>\{{) | (?P<rbrace>\}}) | (?P<comma>,)
    | (?P<number>{_NUMBER}{_DELIMITER})
    | (?P<word>{_WORD}{_DELIMITER})
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
    return list(iter_tokens(text, path))


def iter_tokens(text: str, path: str | None = None) -> Iterator[Token]:
    """The tokens of :func:`tokenize`, one at a time: a reader that stops at an error early in
    a large text (or needs only the position of its k-th token) does not pay for the rest.

    >>> next(iter_tokens('NFG 1 R ' + '{ ' * 10**6))
    Token(kind='word', text='NFG', value='NFG', line=1, column=1)
    """
    numbers: dict[str, Fraction] = {}  # payoffs repeat a lot; Fractions are immutable
    line, line_start = 1, 0
    for match in _TOKEN.finditer(text):  # skips nothing: junk and quote cover every character
        kind, token_text, pos = match.lastgroup, match.group(), match.start()
        if kind == "space":
            value: object = None
        elif kind == NUMBER:
            value = numbers.get(token_text)
            if value is None:
                value = numbers[token_text] = _number(token_text, line, pos - line_start + 1, path)
        elif kind == STRING:
            value = token_text[1:-1].replace('\\"', '"')
        elif kind == "quote":
            raise FileFormatError("unterminated string (no closing '\"')",
                                  line, pos - line_start + 1, path)
        elif kind == "junk":
            raise FileFormatError(f"unrecognised text {_shorten(token_text)}",
                                  line, pos - line_start + 1, path)
        else:
            value = token_text
        if kind != "space":
            yield Token(kind, token_text, value, line, pos - line_start + 1)
        if kind in ("space", STRING) and "\n" in token_text:
            line += token_text.count("\n")
            line_start = pos + token_text.rindex("\n") + 1
    yield Token(EOF, "", None, line, len(text) - line_start + 1)


_IS_NUMBER = re.compile(_NUMBER).fullmatch
_IS_WORD = re.compile(_WORD).fullmatch
_SPLIT_STRINGS = re.compile(rf'({_STRING})').split


def scan(text: str, path: str | None = None) -> list[tuple[str, object]]:
    """The ``(kind, value)`` of every token of ``text``, ending with ``("eof", None)``:
    the same tokens as :func:`tokenize` gives, without their positions, several times faster.

    Large files are read this way; a reader that finds an error asks :func:`tokenize` for
    the position of the offending token (the token sequences are the same).  Lexical errors
    are raised as :func:`tokenize` raises them.  Texts with a NUL character, or a quote
    that starts no string, take :func:`tokenize`'s path.

    >>> scan('p "x y" 1 { 1/2, "" }')  # doctest: +NORMALIZE_WHITESPACE
    [('word', 'p'), ('string', 'x y'), ('number', Fraction(1, 1)), ('lbrace', '{'),
     ('number', Fraction(1, 2)), ('comma', ','), ('string', ''), ('rbrace', '}'), ('eof', None)]
    >>> scan('t "say \\\\"hi\\\\"" "a\\\\b"')
    [('word', 't'), ('string', 'say "hi"'), ('string', 'a\\\\b'), ('eof', None)]
    """
    if "\0" in text:
        return [(t.kind, t.value) for t in tokenize(text, path)]
    if "\\" in text:  # escaped quotes: find the strings as tokenize does (outside, string, ...)
        parts = _SPLIT_STRINGS(text)
        if any('"' in outside for outside in parts[0::2]):  # an unterminated string
            return [(t.kind, t.value) for t in tokenize(text, path)]
        parts[1::2] = [string[1:-1].replace('\\"', '"') for string in parts[1::2]]
    else:
        parts = text.split('"')  # outside, inside, outside, ... quotes when nothing is escaped
        if len(parts) % 2 == 0:
            return [(t.kind, t.value) for t in tokenize(text, path)]
    # Every work-per-token step below runs in C: each distinct string becomes a placeholder
    # word "\0k" (no space, brace or comma inside), the text is split into pieces, and the
    # few distinct pieces are classified once.
    contents = parts[1::2]
    placeholder = {content: f"\0{k}" for k, content in enumerate(dict.fromkeys(contents))}
    parts[1::2] = map(placeholder.__getitem__, contents)
    pieces = " ".join(parts).replace("{", " { ").replace("}", " } ").replace(",", " , ").split()
    known: dict[str, tuple[str, object]] = {"{": (LBRACE, "{"), "}": (RBRACE, "}"), ",": (COMMA, ",")}
    known.update((mark, (STRING, content)) for content, mark in placeholder.items())
    for piece in set(pieces).difference(known):
        token = None
        if _IS_WORD(piece):
            token = (WORD, piece)
        elif _IS_NUMBER(piece) and not ("e" in piece or "E" in piece):
            try:
                token = (NUMBER, Fraction(int(piece)) if piece.lstrip("+-").isdigit()
                         else Fraction(piece))
            except (ValueError, ZeroDivisionError):
                pass
        if token is None:  # junk, a bad number, an exponent: tokenize checks and places it
            return [(t.kind, t.value) for t in tokenize(text, path)]
        known[piece] = token
    tokens = list(map(known.__getitem__, pieces))
    tokens.append((EOF, None))
    return tokens


def read_text(path: str) -> str:
    """The text of a game file; a file that cannot be opened or is not UTF-8 raises
    :class:`FileFormatError` naming the path."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise FileFormatError(f"cannot read the file: {exc.strerror or exc}", path=path) from None
    return decode(data, path)


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


def quote(text: str, what: str = "label") -> str:
    """``text`` as a quoted string of a game file: ``"`` becomes ``\\"``.

    A string ending with a backslash cannot be written (the backslash would escape the
    closing quote), so it raises :class:`GameError` naming ``what`` it is.

    >>> print(quote('say "hi"'))
    "say \\"hi\\""
    >>> tokenize(quote('say "hi"'))[0].value
    'say "hi"'
    """
    if text.endswith("\\"):
        raise GameError(f"cannot write the {what} {text!r}: a string in a game file cannot "
                        f"end with a backslash (it would escape the closing quote)")
    return '"' + text.replace('"', '\\"') + '"'


def _number(text: str, line: int, column: int, path: str | None) -> Fraction:
    if "e" in text or "E" in text:
        digits = re.split("[eE][+-]?", text)[1].lstrip("0")
        if len(digits) > 6 or (digits and int(digits) > MAX_EXPONENT):
            raise FileFormatError(f"exponent too large in {_shorten(text)}", line, column, path)
    try:
        if text.lstrip("+-").isdigit():
            return Fraction(int(text))  # the common case, several times faster than parsing
        return Fraction(text)
    except ZeroDivisionError:
        raise FileFormatError(f"division by zero in {_shorten(text)}", line, column, path) from None
    except ValueError:  # e.g. more digits than Python's int-string limit
        raise FileFormatError(f"cannot read the number {_shorten(text)}", line, column,
                              path) from None


def _shorten(text: str, limit: int = 40) -> str:
    return repr(text if len(text) <= limit else text[:limit] + "...")
