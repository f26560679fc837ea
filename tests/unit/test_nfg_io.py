"""Reading and writing Gambit .nfg files: small hand-written files, errors, round trips."""
from __future__ import annotations

import random
from fractions import Fraction as F

import numpy as np
import pytest
import sympy

from hegemony_games.errors import FileFormatError, GameError
from hegemony_games.games.normal_form import NormalFormGame
from hegemony_games.io import format_nfg, parse, parse_nfg, read, read_nfg, write, write_nfg
from hegemony_games.io._lexer import tokenize

# The sample of Gambit's documentation (payoff version); line 1 columns: '{' of the
# players at 18, '}' at 42, strategy '{' at 44, counts at 46 and 48, '}' at 50.
PAYOFF_HEAD = 'NFG 1 R "Selten" { "Player 1" "Player 2" } { 3 2 }\n'
PAYOFF_FILE = PAYOFF_HEAD + "1 1 0 2 0 2 1 1 0 3 2 0\n"

# Outcome version: line 5 is the comment, lines 7-10 the outcomes, line 12 the indices.
OUTCOME_LINES = [
    'NFG 1 R "Two person 2 x 2 game" { "Player 1" "Player 2" }',
    '{ { "1" "2" }',
    '{ "1" "2" }',
    '}',
    '""',
    '{',
    '{ "" 2, 0 }',
    '{ "" 0, 1 }',
    '{ "" 0, 1 }',
    '{ "" 1, 0 }',
    '}',
    '1 2 3 4',
]


def outcome_file(**replace: str) -> str:
    """The outcome-version sample with some lines replaced: outcome_file(line12="1 2 3")."""
    lines = list(OUTCOME_LINES)
    for key, text in replace.items():
        lines[int(key.removeprefix("line")) - 1] = text
    return "\n".join(lines) + "\n"


def bimatrix(game: NormalFormGame) -> tuple[list, list]:
    return game.payoffs[0].tolist(), game.payoffs[1].tolist()


# ------------------------------------------------------------------ reading: both versions
def test_payoff_version_orders_player_1_fastest():
    game = parse_nfg(PAYOFF_FILE)
    # (1,1)→(1,1), (2,1)→(0,2), (3,1)→(0,2), (1,2)→(1,1), (2,2)→(0,3), (3,2)→(2,0)
    assert bimatrix(game) == ([[1, 1], [0, 0], [0, 2]], [[1, 1], [2, 3], [2, 0]])
    assert game.shape == (3, 2) and game.kind == "exact"
    assert game.players == ("Player 1", "Player 2")
    assert game.strategies == (("1", "2", "3"), ("1", "2"))
    assert game.title == "Selten" and game.comment == ""
    assert all(type(v) is F for a in game.payoffs for v in a.flat)


def test_outcome_version_with_labels_and_comment():
    game = parse_nfg(outcome_file(line2='{ { "U" "D" }', line3='{ "L" "R" }', line5='"a note"'))
    # indices 1 2 3 4 → (U,L) (D,L) (U,R) (D,R)
    assert bimatrix(game) == ([[2, 0], [0, 1]], [[0, 1], [1, 0]])
    assert game.strategies == (("U", "D"), ("L", "R"))
    assert game.comment == "a note"


def test_outcome_zero_is_all_zero_and_commas_are_optional():
    text = ('NFG 1 R "" { "A" "B" } { 2 2 }\n'
            '{ { "x" 1 2 } { "y" 3, 4, } }\n'
            '0 2 1 0\n')
    assert bimatrix(parse_nfg(text)) == ([[0, 1], [3, 0]], [[0, 2], [4, 0]])


def test_empty_outcome_list_and_type_d_header():
    game = parse_nfg('NFG 1 D "zero" { "A" "B" } { 1 2 } { } 0 0')
    assert bimatrix(game) == ([[0, 0]], [[0, 0]])


def test_three_players_one_player_and_free_layout():
    text = 'NFG 1 R "t"\t{ "a" "b" "c" }\r\n{ 2 1 2 }\r\n' + " ".join(str(k) for k in range(12))
    game = parse_nfg(text)
    # profile k (player 1 fastest) = (k % 2, 0, k // 2); player i's payoff is 3k + i
    assert game.payoffs[0][1, 0, 1] == 9 and game.payoffs[2][0, 0, 1] == 8
    one = parse_nfg('NFG 1 R "solo" { "me" } { 3 } 5 -1 2')
    assert one.shape == (3,) and one.payoffs[0].tolist() == [5, -1, 2]


def test_decimals_are_exact():
    game = parse_nfg('NFG 1 R "" { "A" } { 8 } 0.1 .5 -1.5E+2 1e-3 -2/6 +3 5. 1.131000')
    assert game.payoffs[0].tolist() == [F(1, 10), F(1, 2), F(-150), F(1, 1000), F(-1, 3),
                                        F(3), F(5), F(1131, 1000)]


# ------------------------------------------------------------------ labels
def test_empty_and_duplicate_labels_are_normalised():
    game = parse_nfg('NFG 1 R "" { "" "" } { { "x" "x" "x_1" "" } { "" } } 1 2 3 4 5 6 7 8')
    assert game.players == ("Player 1", "Player 2")
    assert game.strategies == (("x", "x_2", "x_1", "4"), ("1",))
    dup = parse_nfg('NFG 1 R "" { "A" "A" } { { "d" "d" } { "1" "" } } 0 0 0 0 0 0 0 0')
    assert dup.players == ("A", "A_1") and dup.strategies == (("d", "d_1"), ("1", "2"))


def test_escapes_and_unicode_in_labels():
    text = r'NFG 1 R "say \"hi\"" { "Spieler ö" "a\b" } { { "x\\"y" } { "\n" } } 1 2'
    game = parse_nfg(text)
    assert game.title == 'say "hi"'
    assert game.players == ("Spieler ö", "a\\b")  # a backslash before anything but '"' stays
    assert game.strategies == (('x\\"y',), ("\\n",))


@pytest.mark.parametrize("text, value", [
    ("7", F(7)), ("-7", F(-7)), ("+7", F(7)), ("0.25", F(1, 4)), (".5", F(1, 2)),
    ("5.", F(5)), ("-2/6", F(-1, 3)), ("1e-3", F(1, 1000)), ("1.5E+2", F(150)),
    ("-.5e1", F(-5)), ("0.1", F(1, 10)), ("12345678901234567890", F(12345678901234567890)),
])
def test_number_tokens_are_exact(text, value):
    (token, end) = tokenize(text)
    assert (token.kind, token.value, type(token.value)) == ("number", value, F)


@pytest.mark.parametrize("text", ["1e", "1.2.3", "1/", "/2", "-", ".", "1..2", "1/2/3", "1.5/2",
                                  "--1", "1e+", "3x"])
def test_malformed_numbers_are_rejected(text):
    with pytest.raises(FileFormatError, match="unrecognised text") as info:
        tokenize("{ " + text + " }")
    assert (info.value.line, info.value.column) == (1, 3)


def test_hostile_input_does_not_hang():
    """Each would take minutes with a backtracking regex or an unbounded exponent."""
    for text in ["1" * 200_000 + "e", '"' + "\\" * 100_000, '"' + "a" * 200_000,
                 "1e999999999", "9" * 100_000, "{ " * 100_000]:
        with pytest.raises(FileFormatError):
            parse_nfg(text)


def test_multiline_strings_keep_positions_right():
    tokens = tokenize('"a\nbc" {\n  x')
    assert [(t.kind, t.line, t.column) for t in tokens] == [
        ("string", 1, 1), ("lbrace", 2, 5), ("word", 3, 3), ("eof", 3, 4)]


# ------------------------------------------------------------------ errors, exact positions
ERRORS = [
    # (text, line, column, part of the message)
    ("", 1, 1, "not an .nfg file"),
    ("\n\n  EFG 2 R", 3, 3, "not an .nfg file"),
    (PAYOFF_FILE.replace("NFG 1", "NFG 2"), 1, 5, "only version 1"),
    (PAYOFF_FILE.replace("1 R", "1 X"), 1, 7, "number type"),
    (PAYOFF_FILE.replace('"Selten" ', ""), 1, 9, "title"),
    ('NFG 1 R "Selten" { } { }', 1, 20, "at least one player"),
    ('NFG 1 R "Selten" { "A" B } { 2 }', 1, 24, "player name"),
    (PAYOFF_FILE.replace('"Player 2" ', ""), 1, 37, "more strategy counts than players"),
    (PAYOFF_FILE.replace("{ 3 2 }", "{ 3 }"), 1, 48, "strategies given for 1 of 2 players"),
    (PAYOFF_FILE.replace("{ 3 2 }", "{ 3 0 }"), 1, 48, "positive integer"),
    (PAYOFF_FILE.replace("{ 3 2 }", "{ 3 1/2 }"), 1, 48, "positive integer"),
    (PAYOFF_FILE.replace("{ 3 2 }", '{ "3" }'), 1, 46, "strategy counts"),
    (PAYOFF_HEAD + "1 1 0 2 0 2 1 1 0 3\n", 3, 1, "too few payoffs"),
    (PAYOFF_HEAD + "1 1 0 2 0 2 1 1 0 3 2 0 5 1\n", 2, 25, "too many payoffs"),
    (PAYOFF_HEAD + "1 1, 0 2 0 2 1 1 0 3 2 0\n", 2, 4, "expected a payoff"),
    (PAYOFF_HEAD + '1 1 0 2 0 2 1 1 0 3 2 0 "x"\n', 2, 25, "end of the file"),
    (outcome_file(line3='{ "1" "2" } { "3" }'), 3, 13, "more strategy lists than players"),
    (outcome_file(line3="{ }"), 3, 3, "player 2 has no strategies"),
    (outcome_file(line8='{ "" 0, 1, 7 }'), 8, 12, "too many payoffs in outcome 2"),
    (outcome_file(line8='{ "" 0 }'), 8, 8, "too few payoffs in outcome 2"),
    (outcome_file(line9="{ 0, 1 }"), 9, 3, "label of outcome 3"),
    (outcome_file(line9='{ "" 0,, 1 }'), 9, 8, "expected a payoff or '}' in outcome 3"),
    (outcome_file(line11=""), 12, 1, "closing the outcome list"),
    (outcome_file(line12="1 2 3"), 13, 1, "too few outcome indices"),
    (outcome_file(line12="1 2 3 4 2"), 12, 9, "too many outcome indices"),
    (outcome_file(line12="1 2 5 4"), 12, 5, "unknown outcome 5"),
    (outcome_file(line12="1 2 -1 4"), 12, 5, "unknown outcome -1"),
    (outcome_file(line12="1 2 1.5 4"), 12, 5, "unknown outcome 1.5"),
    (outcome_file(line12="1 2 x 4"), 12, 5, "expected an outcome index"),
    # lexical errors
    (outcome_file(line12='1 2 3 4 "oops'), 12, 9, "unterminated string"),
    (outcome_file(line12='1 2 @ 4'), 12, 5, "unrecognised text '@'"),
    (outcome_file(line12='1 2 3.4.5 4'), 12, 5, "unrecognised text '3.4.5'"),
    (outcome_file(line7='{ "" 2/0, 0 }'), 7, 6, "division by zero"),
    (outcome_file(line7='{ "" 1e99999, 0 }'), 7, 6, "exponent too large"),
    (outcome_file(line7='{ "" ' + "9" * 5000 + ", 0 }"), 7, 6, "cannot read the number"),
]


@pytest.mark.parametrize("text, line, column, message", ERRORS,
                         ids=[f"{e[3]}@{e[1]}:{e[2]}" for e in ERRORS])
def test_errors_have_exact_positions(text, line, column, message):
    with pytest.raises(FileFormatError) as info:
        parse_nfg(text, path="game.nfg")
    error = info.value
    assert (error.line, error.column) == (line, column), str(error)
    assert message in error.message
    assert str(error).startswith(f"game.nfg:{line}:{column}: ")


def test_base_samples_are_valid():
    """The error cases above are one change away from these valid files."""
    parse_nfg(PAYOFF_FILE)
    parse_nfg(outcome_file())


@pytest.mark.parametrize("raw, line, column", [
    (b'NFG 1 R "\xff"', 1, 10),
    ('NFG 1 R "t" { "é'.encode() + b'\xc3(', 1, 17),  # é counts as one column
    (b"NFG 1 R\n\n  \x80", 3, 3),
])
def test_invalid_utf8_is_located(tmp_path, raw, line, column):
    path = tmp_path / "bad.nfg"
    path.write_bytes(raw)
    with pytest.raises(FileFormatError, match="not valid UTF-8") as info:
        read_nfg(path)
    assert (info.value.line, info.value.column, info.value.path) == (line, column, str(path))


def test_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.nfg"
    path.write_bytes(b"\xef\xbb\xbf" + PAYOFF_FILE.encode())
    assert read_nfg(path) == parse_nfg(PAYOFF_FILE)


def test_missing_file_names_the_path(tmp_path):
    for reader in (read, read_nfg):
        with pytest.raises(FileFormatError) as info:
            reader(tmp_path / "nothere.nfg")
        assert info.value.path == str(tmp_path / "nothere.nfg") and info.value.line is None
        assert "nothere.nfg" in str(info.value)


def test_random_bytes_only_raise_file_format_errors(tmp_path):
    rng = random.Random(20240501)
    alphabet = b'NFG R D 0123456789 ./-+eE {},"\\\n\t \xff\xc3\xa9 abc'
    path = tmp_path / "noise.nfg"
    for _ in range(150):
        size = rng.randrange(0, 80)
        noise = bytes(rng.choice(alphabet) for _ in range(size))
        path.write_bytes(rng.choice([b"", b'NFG 1 R "" { "A" } { 2 } ']) + noise)
        try:
            game = read(path)
        except FileFormatError as error:   # the only error allowed, and it says where
            assert error.line is None or error.line >= 1
        else:
            assert isinstance(game, NormalFormGame)


# ------------------------------------------------------------------ writing
def test_writer_layouts():
    game = NormalFormGame([[[F(1, 3), 0]], [[2, -5]]], title='say "hi"',
                          players=["Row", "Col"], strategies=[["T"], ["L", "R"]])
    assert format_nfg(game, version="payoff") == (
        'NFG 1 R "say \\"hi\\"" { "Row" "Col" }\n'
        '{ { "T" } { "L" "R" } }\n'
        '""\n'
        '\n'
        '1/3 2\n'
        '0 -5\n')
    assert format_nfg(game) == (
        'NFG 1 R "say \\"hi\\"" { "Row" "Col" }\n'
        '{ { "T" } { "L" "R" } }\n'
        '""\n'
        '\n'
        '{\n'
        '{ "Outcome 1" 1/3, 2 }\n'
        '{ "Outcome 2" 0, -5 }\n'
        '}\n'
        '1 2\n')


def test_writer_never_writes_lossy_decimals():
    game = NormalFormGame.from_bimatrix([[F(1, 3), F(-2, 7)]], [[10**30 + 1, F(1, 10**20)]])
    text = format_nfg(game)
    assert "1/3" in text and "-2/7" in text and str(10**30 + 1) in text
    assert "1/100000000000000000000" in text and "." not in text.split("\n", 4)[-1]


def test_writer_refuses_what_it_cannot_write():
    a = sympy.Symbol("a")
    with pytest.raises(GameError, match="free parameters"):
        format_nfg(NormalFormGame([[[a, 0]], [[0, 1]]]))
    with pytest.raises(GameError, match="backslash"):
        format_nfg(NormalFormGame([[1, 2]], strategies=[["ok", "bad\\"]]))
    with pytest.raises(GameError, match="version"):
        format_nfg(parse_nfg(PAYOFF_FILE), version="table")
    with pytest.raises(GameError, match="NormalFormGame"):
        format_nfg([[1, 2]])


def test_writer_normalises_labels_like_the_reader():
    game = NormalFormGame([[1, 2, 3]], players=[""], strategies=[["", "b", "1"]])
    back = parse_nfg(format_nfg(game))
    assert back.players == ("Player 1",) and back.strategies == (("1", "b", "1_1"),)


# ------------------------------------------------------------------ round trips
def games() -> dict[str, NormalFormGame]:
    rng = random.Random(7)
    three = [np.array([F(rng.randint(-9, 9), rng.randint(1, 6)) for _ in range(12)],
                      dtype=object).reshape(2, 3, 2) for _ in range(3)]
    return {
        "fractions": NormalFormGame.from_bimatrix(
            [[F(1, 3), -2], [F(5, 7), 10**40]], [[0, F(-1, 2)], [F(22, 7), 1]]),
        "labels": NormalFormGame.from_bimatrix(
            [[1, 2]], [[3, 4]], players=['Al "the" ally', "Hégémon"],
            strategies=[["a\\b"], ["x\\\"y", "{ , }"]], title="multi\nline \"title\""),
        "three players": NormalFormGame(three, players=["A", "B", "C"],
                                        strategies=[["u", "d"], ["l", "c", "r"], ["w", "e"]]),
        "one player": NormalFormGame([[F(-1, 2), 0, 7]]),
    }


@pytest.mark.parametrize("version", ["outcome", "payoff"])
@pytest.mark.parametrize("name", list(games()))
def test_exact_round_trip(tmp_path, name, version):
    game = games()[name]
    game.comment = 'a comment with "quotes"\nand two lines'
    path = tmp_path / "game.nfg"
    write_nfg(game, path, version=version)
    back = read_nfg(path)
    assert back == game
    assert back.kind == "exact" and back.comment == game.comment
    assert parse_nfg(format_nfg(back, version)) == game


@pytest.mark.parametrize("version", ["outcome", "payoff"])
def test_float_round_trip(tmp_path, version):
    """Floats are written with repr, read back exactly, and convert back to the same floats."""
    game = NormalFormGame.from_bimatrix([[0.1, 1 / 3], [1e-20, -2.5e300]],
                                        [[np.float64(2.0), 5e-324], [-0.0, 123456.789]])
    path = tmp_path / "float.nfg"
    write_nfg(game, path, version=version)
    back = read_nfg(path)
    assert back.kind == "exact"
    assert back == game.as_exact()
    assert back.as_float() == game
    assert back.payoffs[0][0, 0] == F(1, 10)


def test_io_dispatch(tmp_path):
    game = games()["fractions"]
    write(game, tmp_path / "g.NFG")
    assert read(tmp_path / "g.NFG") == game
    assert parse(format_nfg(game)) == game and parse(format_nfg(game), format="nfg") == game
    (tmp_path / "t.efg").write_text('EFG 2 R "" { "A" }\nt "" 0\n')
    assert read(tmp_path / "t.efg").num_nodes == 1  # .efg files go to the .efg reader
    with pytest.raises(FileFormatError, match="title"):
        parse("EFG 2 R", format="efg")
    with pytest.raises(GameError, match="extension"):
        write(game, tmp_path / "g.txt")
    with pytest.raises(GameError, match="unknown game format"):
        parse("", format="json")
