"""Mutations of game files for fuzzing the readers, shared by the property test
(tests/properties/test_fuzz_readers.py) and the long run (benchmarks/fuzz_readers.py).

A mutation is a function ``op(data, rng) -> data`` on the bytes of a file, driven by a
:class:`random.Random` so that a seed reproduces it.  :func:`mutate` applies one to three of
them; :func:`outcome` reads the result and sorts what happened into ``"game"``,
``"FileFormatError"`` or ``"other: ..."`` (any other exception, a game that is not valid, or
a read slower than the time bound), which is a defect of the readers.

>>> import random
>>> data = b'NFG 1 R "" { "A" "B" } { 1 1 } 1 2'
>>> outcome(data, "nfg")
('game', '')
>>> outcome(b'NFG 1 R "" { "A" } { 1 } 1/0', "nfg")[0]
'FileFormatError'
>>> all(outcome(mutate(data, random.Random(s)), "nfg")[0] in ("game", "FileFormatError") for s in range(20))
True
"""
from __future__ import annotations

import math
import os
import random
import re
import signal
import tempfile
import time
from contextlib import contextmanager
from fractions import Fraction
from pathlib import Path
from typing import Callable, Iterator

import hegemony_games as hg

#: CPU seconds a read may take before it counts as a hang: ``TIME_BOUND`` plus
#: ``SECONDS_PER_MB`` per megabyte of input, i.e. at least 100 kB/s beyond a fixed allowance
#: (readers are linear, about 1 MB/s; the corpus files are at most 10 kB, deep nesting adds up
#: to 1 MB).
TIME_BOUND = 5.0
SECONDS_PER_MB = 10.0

# Whitespace-separated tokens, with quoted strings (escapes included) as one token.
_TOKEN = re.compile(rb'"(?:[^"\\]|\\.)*"|[{},]|[^\s{},"]+')

NASTY_NUMBERS = [
    b"NaN", b"nan", b"-nan", b"inf", b"-inf", b"Infinity", b"1e400", b"-1e400", b"1e-400",
    b"1e999999999", b"1e+99999", b"1" + b"0" * 10_000, b"1" + b"0" * 4_000, b"-" + b"9" * 4_299,
    b"1/0", b"0/0", b"-1/0", b"1/-2", b"1//2", b"1/2/3", b"0x10", b"1_000", b"1.5e", b"e5",
    b".", b"-", b"+", b"--1", b"1e5.5", b"\xd9\xa3",  # Arabic-Indic digit three
    b"\xef\xbc\x91",  # fullwidth digit one
    b"0", b"-0", b"1", b"-1", b"2", b"3", b"1000000000000000000000", b"0.5", b"1/3", b"-7/3",
]
HEADERS = [b"NFG 1 R", b"NFG 2 R", b"NFG 1 D", b"EFG 2 R", b"EFG 1 R", b"EFG 2 X", b"nfg 1 R",
           b"NFG", b"EFG", b"", b"\xef\xbb\xbfNFG 1 R", b"NFG 1.0 R", b"NFG 01 R", b"EFG 2.0 R"]
JUNK = [b"{", b"}", b",", b'"', b"\\", b'\\"', b"\x00", b"\xff", b"\xc3", b"#", b"p", b"c", b"t",
        b'""', b'"x"', b"\n", b"\r", b"\t", b"\xe2\x80\xa8", b"0", b"1", b"99999999999999999999"]


def tokens(data: bytes) -> list[re.Match]:
    return list(_TOKEN.finditer(data))


def _token_span(data: bytes, rng: random.Random) -> tuple[int, int] | None:
    found = tokens(data)
    if not found:
        return None
    match = rng.choice(found)
    return match.start(), match.end()


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[:rng.randrange(len(data) + 1)]


def delete_token(data: bytes, rng: random.Random) -> bytes:
    span = _token_span(data, rng)
    return data if span is None else data[:span[0]] + data[span[1]:]


def duplicate_token(data: bytes, rng: random.Random) -> bytes:
    span = _token_span(data, rng)
    if span is None:
        return data
    piece = data[span[0]:span[1]]
    return data[:span[1]] + b" " + piece * rng.choice([1, 1, 2, 5]) + data[span[1]:]


def swap_tokens(data: bytes, rng: random.Random) -> bytes:
    found = tokens(data)
    if len(found) < 2:
        return data
    a, b = sorted(rng.sample(found, 2), key=lambda m: m.start())
    return (data[:a.start()] + b.group() + data[a.end():b.start()] + a.group() + data[b.end():])


def replace_number(data: bytes, rng: random.Random) -> bytes:
    numbers = [m for m in tokens(data) if re.fullmatch(rb"[-+0-9./eE]+", m.group())]
    if not numbers:
        return data + b" " + rng.choice(NASTY_NUMBERS)
    match = rng.choice(numbers)
    return data[:match.start()] + rng.choice(NASTY_NUMBERS) + data[match.end():]


def insert_junk(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.choice(JUNK) + data[at:]


def random_bytes(data: bytes, rng: random.Random) -> bytes:
    at = rng.randrange(len(data) + 1)
    noise = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 9)))
    if rng.random() < 0.5:  # overwrite rather than insert
        return data[:at] + noise + data[at + len(noise):]
    return data[:at] + noise + data[at:]


def flip_bit(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return data
    at = rng.randrange(len(data))
    return data[:at] + bytes([data[at] ^ (1 << rng.randrange(8))]) + data[at + 1:]


def wrong_header(data: bytes, rng: random.Random) -> bytes:
    found = tokens(data)
    cut = found[min(2, len(found) - 1)].end() if found else 0
    return rng.choice(HEADERS) + data[cut:]


def deep_nesting(data: bytes, rng: random.Random) -> bytes:
    """Deeply nested braces, or (for trees) a very deep path of decision nodes."""
    depth = rng.choice([100, 10_000, 100_000])
    at = rng.randrange(len(data) + 1)
    if data.startswith(b"EFG") and rng.random() < 0.5:
        # infoset 7777 of player 1: a number no corpus file uses, so the chain can parse
        chain = b'p "" 1 7777 "" { "a" "b" } 0\n' + b'p "" 1 7777 0\n' * (depth // 10) \
            + b't "" 0\n' * (depth // 10 + 1)
        found = [m for m in tokens(data) if m.group() in (b"p", b"c", b"t")]
        at = rng.choice(found).start() if found else at
        return data[:at] + chain + data[at:]
    return data[:at] + b"{ " * depth + data[at:] + (b" }" * depth if rng.random() < 0.5 else b"")


def many_strategies(data: bytes, rng: random.Random) -> bytes:
    """Strategy or player counts that would need a huge payoff table."""
    found = [m for m in tokens(data) if m.group().isdigit()]
    if not found:
        return data
    match = rng.choice(found[:12])  # the prologue, where counts and numbers of players live
    big = rng.choice([b"1000000", b"4294967297", b"9" * 30, b"100000000000000000000"])
    return data[:match.start()] + big + data[match.end():]


MUTATIONS: list[Callable[[bytes, random.Random], bytes]] = [
    truncate, delete_token, duplicate_token, swap_tokens, replace_number, insert_junk,
    random_bytes, flip_bit, wrong_header, deep_nesting, many_strategies]


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One to three random mutations of ``data``."""
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        data = rng.choice(MUTATIONS)(data, rng)
    return data


class Hang(Exception):
    """A read that took longer than the time bound."""


@contextmanager
def time_bound(seconds: float) -> Iterator[None]:
    """Interrupt the body with :class:`Hang` after ``seconds`` of CPU time (main thread, Unix).

    CPU time, not wall time: on a shared machine a process may get a fifth of a core, and the
    bound is about the work a read does (a hang is unbounded work).
    """
    def alarm(signum, frame):
        raise Hang(f"the read took more than {seconds:.3g} s of CPU time")
    previous = signal.signal(signal.SIGPROF, alarm)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


_FOLDER = tempfile.mkdtemp(prefix="hg-fuzz-")


def outcome(data: bytes, kind: str, bound: float = TIME_BOUND) -> tuple[str, str]:
    """Write ``data`` to a ``.nfg``/``.efg`` file, read it with :func:`hg.read` within ``bound``
    seconds (plus ``SECONDS_PER_MB`` per megabyte) and say what happened: ``("game", "")``,
    ``("FileFormatError", message)`` or ``("other", description)``.  A game that is read is then
    checked by :func:`invalid`."""
    bound += SECONDS_PER_MB * len(data) / 1e6
    path = Path(_FOLDER) / f"fuzz-{os.getpid()}.{kind}"
    path.write_bytes(data)
    start = time.process_time()
    try:
        with time_bound(bound):
            game = hg.read(path)
    except hg.FileFormatError as error:
        if error.line is None and "cannot read the file" not in error.message:
            return "other", f"FileFormatError without a line: {error}"
        return "FileFormatError", str(error)
    except Hang as error:
        return "other", str(error)
    except Exception as error:  # noqa: BLE001 - anything else is what we look for
        return "other", f"{type(error).__name__}: {str(error)[:200]}"
    elapsed = time.process_time() - start
    if elapsed > bound:
        return "other", f"the read took {elapsed:.1f} s of CPU time"
    try:
        problem = invalid(game)
    except Exception as error:  # noqa: BLE001 - e.g. the game cannot be written back
        problem = f"checking it raised {type(error).__name__}: {str(error)[:200]}"
    if problem:
        return "other", f"an invalid game was read: {problem}"
    return "game", ""


def _finite_exact(value: object) -> bool:
    return isinstance(value, (int, Fraction)) and not isinstance(value, bool) \
        or isinstance(value, float) and math.isfinite(value)


def invalid(game: object) -> str:
    """What is wrong with a game that was read ("" when nothing): every payoff and chance
    probability a finite exact number, probabilities of a chance node summing to one,
    labels unique, and the payoff arrays of the shape the strategies say."""
    if isinstance(game, hg.NormalFormGame):
        shape = tuple(len(s) for s in game.strategies)
        if len(game.payoffs) != len(game.players) or len(shape) != len(game.players):
            return "players, strategies and payoff arrays disagree"
        for array in game.payoffs:
            if array.shape != shape:
                return f"payoff array of shape {array.shape}, strategies {shape}"
            if not all(isinstance(v, Fraction) for v in array.flat):
                return "a payoff that is not an exact finite number"
        labels = [game.players, *game.strategies]
        if any(len(set(group)) != len(group) or "" in group for group in labels):
            return "empty or repeated labels"
        return _round_trip(game, "nfg")
    if isinstance(game, hg.ExtensiveFormGame):
        for node in game.nodes:
            if node.outcome is not None:
                if len(node.outcome.payoffs) != len(game.players):
                    return "an outcome with the wrong number of payoffs"
                if not all(isinstance(v, Fraction) for v in node.outcome.payoffs):
                    return "a payoff that is not an exact number"
            if node.kind == "chance":
                p = node.probabilities
                if not all(isinstance(v, Fraction) and v >= 0 for v in p) or sum(p) != 1:
                    return f"chance probabilities {p}"
            if node.kind != "terminal" and len(node.children) != len(node.actions):
                return "a node whose children and actions disagree"
            if node.kind != "terminal" and len(set(node.actions)) != len(node.actions):
                return "repeated action labels"
        return _round_trip(game, "efg")
    return f"read returned a {type(game).__name__}"


def _round_trip(game: object, kind: str) -> str:
    """Writing the game and reading it back gives the same file text (so the game is one the
    writer can express and the reader accepts)."""
    text = hg.io.format_nfg(game) if kind == "nfg" else hg.io.format_efg(game)
    again = hg.io.parse(text, kind)
    same = hg.io.format_nfg(again) if kind == "nfg" else hg.io.format_efg(again)
    return "" if same == text else "writing the game and reading it back changes it"
