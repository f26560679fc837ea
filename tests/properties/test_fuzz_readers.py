"""Fuzzing the .nfg and .efg readers: mutations of the Gambit corpus files (truncations, deleted,
duplicated and swapped tokens, NaN, huge numbers, 1/0, random bytes, wrong headers, deep
nesting) read as a game or raise FileFormatError with a line and column; nothing else, and never
slower than a time bound.  A game that is read must be valid (exact finite payoffs, chance
probabilities summing to one, writable and read back unchanged).

The mutations live in tests/fuzzing.py; benchmarks/fuzz_readers.py runs many more of them.
The regression tests below pin the defects the fuzzing found.
"""
from __future__ import annotations

import random
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hegemony_games as hg
from hegemony_games.io import parse
from tests import fuzzing
from tests.conftest import CORPUS

FILES = sorted(p for p in CORPUS.rglob("*") if p.suffix in (".nfg", ".efg"))


def test_the_corpus_is_there(corpus):
    assert len(FILES) > 100 and {p.suffix for p in FILES} == {".nfg", ".efg"}


@settings(max_examples=100)
@given(index=st.integers(0, len(FILES) - 1), seed=st.integers(0, 2**32 - 1))
def test_a_mutated_file_reads_as_a_valid_game_or_a_file_format_error(index, seed):
    path = FILES[index]
    data = fuzzing.mutate(path.read_bytes(), random.Random(seed))
    kind, message = fuzzing.outcome(data, path.suffix[1:])
    assert kind in ("game", "FileFormatError"), f"{path.name}, seed {seed}: {message}"


@pytest.mark.parametrize("mutation", fuzzing.MUTATIONS, ids=lambda m: m.__name__)
def test_each_mutation_on_a_few_files(mutation):
    rng = random.Random(mutation.__name__)
    for path in rng.sample(FILES, 6):
        data = mutation(path.read_bytes(), rng)
        kind, message = fuzzing.outcome(data, path.suffix[1:])
        assert kind in ("game", "FileFormatError"), f"{path.name}: {message}"


# --------------------------------------------------------------------------- specific inputs
NFG = 'NFG 1 R "" { "A" "B" } { 1 2 }\n'
EFG = 'EFG 2 R "" { "A" "B" } ""\n'


@pytest.mark.parametrize("number", ["NaN", "nan", "inf", "-inf", "Infinity", "1/0", "0/0", "1e99999999",
                                    "1" + "0" * 5000, "0x10", "1_000", "1.5e", "--1", "\u0663"])
@pytest.mark.parametrize("kind", ["nfg", "efg"])
def test_non_numbers_and_absurd_numbers_are_file_format_errors(number, kind):
    text = (NFG + f"1 2 3 {number}" if kind == "nfg"
            else EFG + f'p "" 1 1 "" {{ "x" "y" }} 0\nt "" 1 "" {{ 1 {number} }}\nt "" 2 "" {{ 0 0 }}')
    with pytest.raises(hg.FileFormatError) as info:
        parse(text, kind)
    assert info.value.line == (2 if kind == "nfg" else 3) and info.value.column is not None


@pytest.mark.parametrize("kind", ["nfg", "efg"])
def test_huge_but_readable_numbers_stay_exact(kind):
    big = 10**400  # 1e400 overflows a float; read exactly it is just a large payoff
    text = (NFG + "1e400 2 3 4" if kind == "nfg"
            else EFG + 'p "" 1 1 "" { "x" "y" } 0\nt "" 1 "" { 1e400 2 }\nt "" 2 "" { 3 4 }')
    game = parse(text, kind)
    payoff = game.payoffs[0][0, 0] if kind == "nfg" else game.root.children[0].outcome.payoffs[0]
    assert payoff == big


def test_chance_probabilities_must_sum_to_one():
    text = EFG + 'c "" 1 "" { "h" 1/2 "t" 1/3 } 0\nt "" 0\nt "" 0'
    with pytest.raises(hg.FileFormatError, match="sum to 5/6"):
        parse(text, "efg")


@pytest.mark.parametrize("kind, text", [
    ("nfg", 'NFG 1 R "" { "A" } ' + "{ " * 300_000),
    ("nfg", 'NFG 1 R "" { "A" "B" } { 2 2 } ' + "{ " * 300_000 + "} " * 300_000),
    ("efg", 'EFG 2 R "" ' + "{ " * 300_000),
    ("efg", EFG + '# ' + '"x" ' * 150_000),
], ids=["nfg-players", "nfg-payoffs", "efg-players", "efg-junk"])
def test_an_early_error_in_a_large_file_is_found_at_once(kind, text):
    """Regression: the readers tokenized the whole text (about 5 µs a token) before reporting an
    error in its first line: 1-2 s of CPU time for these 600 kB texts, reported as hangs by the
    fuzzing on a loaded machine.  Tokens are now made lazily."""
    start = time.process_time()  # CPU time: the machine may be shared
    with pytest.raises(hg.FileFormatError) as info:
        parse(text, kind)
    assert info.value.line in (1, 2)
    assert time.process_time() - start < 0.5


def test_a_deep_tree_is_read_without_recursion():
    depth = 5_000
    text = EFG + 'p "" 1 1 "" { "a" "b" } 0\n' + 'p "" 1 1 0\n' * (depth - 1) + 't "" 0\n' * (depth + 1)
    game = parse(text, "efg")
    assert game.num_nodes == 2 * depth + 1


@settings(max_examples=40)
@given(index=st.integers(0, len(FILES) - 1), seed=st.integers(0, 2**32 - 1))
def test_scan_gives_the_tokens_of_tokenize(index, seed):
    """The fast scanner and the positional tokenizer agree on every text (or both raise the
    same error): the .efg reader scans, then finds error positions by tokenizing."""
    from hegemony_games.io._lexer import scan, tokenize
    data = fuzzing.mutate(FILES[index].read_bytes(), random.Random(seed))
    text = data.decode("utf-8", errors="replace")
    text = text if seed % 2 else text.replace('" ', '\\" ', 1)  # escaped quotes, half the time
    try:
        expected = [(t.kind, t.value) for t in tokenize(text)]
    except hg.FileFormatError as error:
        with pytest.raises(hg.FileFormatError) as info:
            scan(text)
        assert (info.value.line, info.value.column) == (error.line, error.column)
        return
    assert scan(text) == expected


def test_escaped_quotes_keep_large_files_on_the_fast_path():
    """Regression: one escaped quote anywhere (Gambit's own files have them in comments) sent the
    whole file through the positional tokenizer, about 5 times slower; the fuzzing's deep nesting
    then took over 5 s to read."""
    text = EFG.replace('""', '"say \\"hi\\""') + "{ " * 300_000
    start = time.process_time()
    with pytest.raises(hg.FileFormatError, match="expected a node type") as info:
        parse(text, "efg")
    assert (info.value.line, info.value.column) == (2, 1)
    assert time.process_time() - start < 0.5
