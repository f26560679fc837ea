"""Every .nfg file of Gambit's repository: read it, write it in both versions, read it back.

The corpus lives outside the repository (GPL data, see its README): by default in
``../shared/gambit-games`` next to the project folder, or wherever the environment
variable ``HG_GAMBIT_GAMES`` points.  A missing corpus fails these tests; it never skips them.
"""
from __future__ import annotations

import os
import random
from fractions import Fraction as F
from pathlib import Path

import pytest

from hegemony_games.errors import FileFormatError
from hegemony_games.io import format_nfg, parse_nfg, read

CORPUS = Path(os.environ.get("HG_GAMBIT_GAMES")
              or Path(__file__).resolve().parents[2].parent / "shared" / "gambit-games")
FILES = sorted(p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*.nfg")) \
    if CORPUS.is_dir() else []

# Files of the corpus that a reader must reject, with the reason.  Every .nfg file in
# Gambit's tests/test_games/ is a valid fixture (Gambit's own negative tests build their
# bad inputs by editing valid text, as tests/unit/test_nfg_io.py does), and the files in
# contrib/, catalog/ and doc/ are examples; each was read by hand, and none is malformed.
# Files with empty or repeated labels are valid: their labels are normalised on reading.
EXPECTED_BAD: dict[str, str] = {}

# Files whose labels the reader must rename (checked below), with the result.
NORMALISED = {
    "contrib/games/sww1.nfg": {"players": ("Player 1", "Player 2")},  # { "" "" }
    "tests/test_games/2x2_bimatrix_all_zero_payoffs.nfg":  # { "defect" "defect" }
        {"strategies": (("cooperate", "defect"), ("defect", "defect_1"))},
}


def test_corpus_is_present():
    assert CORPUS.is_dir(), (
        f"Gambit game corpus not found at {CORPUS}; set HG_GAMBIT_GAMES to the folder "
        f"holding Gambit's contrib/, catalog/, tests/ and doc/ game files")
    assert len(FILES) >= 50, f"expected Gambit's ~60 .nfg files in {CORPUS}, found {len(FILES)}"
    missing = sorted(set(EXPECTED_BAD) - set(FILES))
    assert not missing, f"files listed as bad are not in the corpus: {missing}"


@pytest.mark.parametrize("name", FILES or ["<corpus missing>"])
def test_corpus_file(name):
    assert FILES, f"Gambit game corpus not found at {CORPUS} (set HG_GAMBIT_GAMES)"
    path = CORPUS / name
    if name in EXPECTED_BAD:
        with pytest.raises(FileFormatError):
            read(path)
        return
    game = read(path)
    assert game.kind == "exact"
    assert all(label for labels in game.strategies for label in labels) and all(game.players)
    for version in ("outcome", "payoff"):
        back = parse_nfg(format_nfg(game, version))
        assert back == game, f"{version} version does not read back equal"
        assert back.comment == game.comment


@pytest.mark.parametrize("name, expected", NORMALISED.items())
def test_labels_are_normalised(name, expected):
    game = read(CORPUS / name)
    for attribute, value in expected.items():
        assert getattr(game, attribute) == value


# --------------------------------------------------------------- payoffs read by hand
def test_prisoners_dilemma():
    game = read(CORPUS / "contrib/games/pd.nfg")
    # outcomes (9,9) (10,0) (0,10) (1,1) at profiles (1,1) (2,1) (1,2) (2,2)
    assert game.payoffs[0].tolist() == [[9, 0], [10, 1]]
    assert game.payoffs[1].tolist() == [[9, 10], [0, 1]]
    assert game.title == "Two person Prisoner's Dilemma game"


def test_documentation_example_2x2x2():
    game = read(CORPUS / "doc/2x2x2.nfg")
    assert game.shape == (2, 2, 2)
    payoffs = lambda *profile: tuple(a[profile] for a in game.payoffs)  # noqa: E731
    assert payoffs(0, 0, 0) == (9, 8, 12)   # outcome 1
    assert payoffs(1, 1, 0) == (9, 8, 2)    # index 4: (2,2,1)
    assert payoffs(1, 0, 1) == (3, 4, 6)    # index 6: (2,1,2)
    assert payoffs(1, 1, 1) == (0, 0, 0)
    assert game == read(CORPUS / "contrib/games/2x2x2.nfg")


def test_decimal_and_permuted_outcomes():
    cent2 = read(CORPUS / "contrib/games/cent2.nfg")
    # indices "1 4 7 2 5 8 3 6 9": profile (2,1) is outcome 4 = (0.564000, 1.566000)
    assert (cent2.payoffs[0][1, 0], cent2.payoffs[1][1, 0]) == (F(141, 250), F(783, 500))
    loopback = read(CORPUS / "contrib/games/loopback.nfg")
    assert loopback.payoffs[0][1, 0] == F(732, 100)   # "1 3 2 4": (2,1) is outcome 3
    assert loopback.comment.startswith("This game has a backwards bend")
    winkels = read(CORPUS / "contrib/games/winkels.nfg")
    assert winkels.payoffs[0][4, 0] == F(5, 2)       # payoff list, 9th number: 5/2


def test_payoff_version_type_d():
    game = read(CORPUS / "contrib/games/e04.nfg")
    # "0 0 -1 2 -2 -2 0 0 -1 0 3 -1" with player 1 fastest
    assert game.payoffs[0].tolist() == [[0, 0], [-1, -1], [-2, 3]]
    assert game.payoffs[1].tolist() == [[0, 0], [2, 0], [-2, -1]]


def test_von_stengel_6x6():
    game = read(CORPUS / "catalog/journals/dcg/vonstengel1999/6x6_game_with_75_eq.nfg")
    assert game.num_players == 2 and game.shape == (6, 6)
    assert (game.payoffs[0][0, 0], game.payoffs[1][0, 0]) == (9504, 72336)
    assert (game.payoffs[0][1, 0], game.payoffs[1][1, 0]) == (-111771, -461736)
    assert (game.payoffs[0][1, 4], game.payoffs[1][1, 4]) == (-8514, -8976)  # 26th pair
    assert (game.payoffs[0][5, 5], game.payoffs[1][5, 5]) == (-300036, 31680)  # last pair


# --------------------------------------------------------------- fuzzing
FUZZ_SOURCES = ["contrib/games/pd.nfg", "contrib/games/e04.nfg", "contrib/games/loopback.nfg",
                "contrib/games/perfect1.nfg"]
GARBAGE = [b"{", b"}", b",", b'"', b"\\", b"\\\"", b"-", b"/", b".", b"e", b"0", b"99999",
           b"1/0", b"\xff", b"\xc3", b"@", b"\n", b" ", b"NFG", b"{ }", b'""', b"1e99999"]


def mutations(data: bytes, rng: random.Random, count: int):
    """Deterministic damage: truncations, deleted tokens, inserted garbage, flipped bytes."""
    step = max(1, len(data) // (count // 4))
    for k in range(0, len(data), step):
        yield data[:k]
    words = data.split(b" ")
    while True:
        kind = rng.randrange(3)
        if kind == 0:
            i = rng.randrange(len(words))
            yield b" ".join(words[:i] + words[i + 1:])
        elif kind == 1:
            i = rng.randrange(len(data) + 1)
            yield data[:i] + rng.choice(GARBAGE) + data[i:]
        else:
            i = rng.randrange(len(data))
            yield data[:i] + bytes([rng.randrange(256)]) + data[i + 1:]


def test_mutated_files_read_or_raise_file_format_error(tmp_path):
    assert FILES, f"Gambit game corpus not found at {CORPUS} (set HG_GAMBIT_GAMES)"
    rng = random.Random(12345)
    path, outcomes = tmp_path / "mutant.nfg", {"read": 0, "rejected": 0}
    for source in FUZZ_SOURCES:
        data = (CORPUS / source).read_bytes()
        for _, mutant in zip(range(50), mutations(data, rng, 50)):
            path.write_bytes(mutant)
            try:
                read(path)
                outcomes["read"] += 1
            except FileFormatError:
                outcomes["rejected"] += 1
    assert sum(outcomes.values()) == 200
    assert outcomes["rejected"] > 100  # most damage must be noticed
