"""Gambit .efg reading and writing: hand-written files with hand-known trees, every kind of
malformed file with the line and column of the problem, and write-then-read round trips."""
from __future__ import annotations

from fractions import Fraction as F

import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

import hegemony_games as hg
from hegemony_games.errors import FileFormatError, GameError
from hegemony_games.games.extensive_form import Outcome, chance, decision, terminal
from hegemony_games.io import format_efg, parse, parse_efg, read, read_efg, write, write_efg
from hegemony_games.io._lexer import scan, tokenize


def signature(game: hg.ExtensiveFormGame) -> tuple:
    """Everything a file stores, in prefix order: players, title, comment; per node its kind,
    mover, actions, probabilities, name, outcome (name, payoffs, which shared outcome) and
    information set (owner, index in the owner's order, label)."""
    chance_index = {id(n): k for k, s in enumerate(game.chance_infosets) for n in s.nodes}
    outcome_index: dict[int, int] = {}
    nodes = []
    for node in game.nodes:
        if node.kind == "decision":
            i, k = game.infoset_of(node)
            infoset = (i, k, game.infosets[i][k].label)
        elif node.kind == "chance":
            k = chance_index[id(node)]
            infoset = ("chance", k, game.chance_infosets[k].label)
        else:
            infoset = None
        outcome = None
        if node.outcome is not None:
            shared = outcome_index.setdefault(id(node.outcome), len(outcome_index))
            outcome = (node.outcome.label, tuple(node.outcome.payoffs), shared)
        nodes.append((node.kind, node.player, node.actions, tuple(node.probabilities), node.label,
                      outcome, infoset, len(node.children)))
    return (game.players, game.title, getattr(game, "comment", ""), tuple(nodes))


def error_at(text: str) -> FileFormatError:
    with pytest.raises(FileFormatError) as info:
        parse_efg(text)
    return info.value


# --------------------------------------------------------------------------- a hand-known tree
BEER_QUICHE = r'''EFG 2 R "Beer \"or\" quiche" { "Sender" "Receiver" } "types: strong 9/10,
weak 1/10"
c "nature" 1 "type" { "strong" 0.9 "weak" 1/10 } 0
p "S strong" 1 1 "strong sender" { "beer" "quiche" } 1 "base" { 1, 0 }
p "" 2 1 "after beer" { "duel" "back off" } 0
t "" 2 "fight" { -1, 1 }
t "" 0
p "" 2 2 "after quiche" { "duel" "back off" } 0
t "" 2
t "" 3 "calm" { 1/2 0 }
p "S weak" 1 2 "weak sender" { "beer" "quiche" } 0
p "" 2 1 0
t "" 4 "weak fights" { -2, 2.5 }
t "" 3
p "" 2 2 "after quiche" { "duel" "back off" } 0
t "" 4 "weak fights" { -2, 2.5 }
t "" 0
'''


def test_hand_written_tree():
    game = parse_efg(BEER_QUICHE)
    assert game.title == 'Beer "or" quiche'
    assert game.comment == "types: strong 9/10,\nweak 1/10"
    assert game.players == ("Sender", "Receiver")
    assert game.num_nodes == 15 and len(list(game.leaves())) == 8
    root = game.root
    assert root.kind == "chance" and root.label == "nature" and root.outcome is None
    assert root.actions == ("strong", "weak") and root.probabilities == (F(9, 10), F(1, 10))
    assert [s.label for s in game.infosets[0]] == ["strong sender", "weak sender"]
    assert [s.label for s in game.infosets[1]] == ["after beer", "after quiche"]
    assert [len(s.nodes) for s in game.infosets[1]] == [2, 2]
    assert [s.label for s in game.chance_infosets] == ["type"]
    assert game.infosets[1][0].actions == ("duel", "back off")
    assert game.has_perfect_recall() and not game.is_perfect_information()
    strong = root.children[0]
    assert strong.label == "S strong" and strong.outcome.label == "base"
    # payoffs add up along the path: "base" (1, 0) sits above the strong sender's leaves
    sums = [game.outcome_sum(leaf) for leaf in game.leaves()]
    assert sums == [(0, 1), (1, 0), (0, 1), (F(3, 2), 0),
                    (-2, F(5, 2)), (F(1, 2), 0), (-2, F(5, 2)), (0, 0)]
    assert all(isinstance(v, F) for n in game.nodes if n.outcome for v in n.outcome.payoffs)
    # an outcome referred to by number is the same object as its declaration
    leaves = list(game.leaves())
    assert leaves[0].outcome is leaves[2].outcome and leaves[0].outcome.label == "fight"
    assert leaves[1].outcome is None and leaves[7].outcome is None


def test_hand_written_tree_strategic_form():
    # Sender "11" = beer whatever the type; Receiver "22" = back off after beer and quiche:
    # 9/10 · (1 + 0, 0) + 1/10 · (1/2, 0) = (19/20, 0).  Receiver "11" (always duel):
    # 9/10 · (0, 1) + 1/10 · (-2, 5/2) = (-1/5, 23/20).
    nf = parse_efg(BEER_QUICHE).to_normal_form()
    assert nf.strategies == (("11", "12", "21", "22"), ("11", "12", "21", "22"))
    assert (nf.payoffs[0][0, 3], nf.payoffs[1][0, 3]) == (F(19, 20), 0)
    assert (nf.payoffs[0][0, 0], nf.payoffs[1][0, 0]) == (F(-1, 5), F(23, 20))


ORDER = '''EFG 2 R "" { "A" "B" }
p "" 1 7 "seven" { "x" "y" } 0
p "" 2 3 "b3" { "l" "r" } 0
p "" 1 2 "two" { "u" } 0
t "" 0
t "" 0
p "" 2 3 0
t "" 0
p "" 1 3 "three" { "u" "d" } 0
t "" 0
t "" 0
'''


def test_infosets_are_per_player_and_in_order_of_first_appearance():
    game = parse_efg(ORDER)
    assert game.num_nodes == 10
    # numbers 7, 2, 3 of player A in that order; B's set 3 is another set than A's set 3
    assert [s.label for s in game.infosets[0]] == ["seven", "two", "three"]
    assert [s.label for s in game.infosets[1]] == ["b3"]
    assert len(game.infosets[1][0].nodes) == 2
    assert game.infosets[0][1].actions == ("u",)
    assert game.has_perfect_recall()
    assert [game.strategy_label(s) for s in game.reduced_strategies(0)] == ["11*", "2*1", "2*2"]


def test_exact_numbers_and_number_types():
    text = '''EFG 2 {kind} "" {{ "A" "B" }}
c "" 1 "" {{ "a" 0.3 "b" 1/3 "c" 11/30 }} 0
t "" 1 "" {{ 0.1, 1.5E+2 }}
t "" 2 "" {{ -7/21 .5 }}
t "" 3 "" {{ 123456789012345678901234567890 -0 }}
'''
    for kind in "RD":  # D (the obsolete "double" type) is read exactly too
        game = parse_efg(text.format(kind=kind))
        assert game.kind == "exact"
        assert game.root.probabilities == (F(3, 10), F(1, 3), F(11, 30))
        assert [leaf.outcome.payoffs for leaf in game.leaves()] == [
            (F(1, 10), F(150)), (F(-1, 3), F(1, 2)), (F(123456789012345678901234567890), F(0))]


def test_labels():
    game = parse_efg('EFG 2 R "" { "" "" } p "" 1 1 "" { "" "" "x" "x" } 0 t "" 0 t "" 0 '
                     't "" 0 t "" 0')
    assert game.players == ("Player 1", "Player 2")
    assert game.root.actions == ("1", "2", "x", "x_1")
    assert game.title == "" and game.comment == ""
    assert game.infosets[0][0].label == "" and game.root.label == ""
    # escaped quotes and backslashes in names
    game = parse_efg(r'EFG 2 R "a \"q\" b\c" { "P\"1" } t "end \"x\"" 1 "o\\x" { 1 }')
    assert game.title == r'a "q" b\c' and game.players == ('P"1',)
    assert game.root.label == 'end "x"' and game.root.outcome.label == r"o\\x"


def test_repeated_declarations_may_repeat_or_omit_the_body():
    text = '''EFG 2 R "" { "A" }
p "" 1 1 "" { "l" "r" } 9 "o" { 5 }
c "" 4 "ev" { "h" 1/2 "t" 1/2 } 0
t "" 9 "o" { 5 }
t "" 9
c "" 4 0
t "" 0
t "" 9 "o" { 5 }
'''
    game = parse_efg(text)
    assert len(game.chance_infosets) == 1 and len(game.chance_infosets[0].nodes) == 2
    assert game.chance_infosets[0].label == "ev"
    assert game.chance_infosets[0].probabilities == (F(1, 2), F(1, 2))
    outcomes = [n.outcome for n in game.nodes if n.outcome is not None]
    assert len(outcomes) == 4 and all(o is outcomes[0] for o in outcomes)
    # payoff of l then h: 5 at the root plus 5 at the leaf
    assert game.outcome_sum(game.root.children[0].children[0]) == (10,)


def test_non_terminal_outcomes_add_up():
    game = parse_efg('EFG 2 R "" { "A" "B" } p "" 1 1 "" { "a" } 1 "x" { 1, -1 } '
                     'p "" 2 1 "" { "b" } 2 "y" { 10, 20 } t "" 3 "z" { 100 200 }')
    leaf = next(game.leaves())
    assert game.outcome_sum(leaf) == (111, 219)


def test_imperfect_recall_is_a_valid_file():
    # player 1 forgets her first move: both nodes of set 2 follow different actions of set 1
    game = parse_efg('EFG 2 R "" { "P" } p "" 1 1 "" { "L" "R" } 0 p "" 1 2 "" { "l" "r" } 0 '
                     't "" 0 t "" 0 p "" 1 2 0 t "" 0 t "" 0')
    assert not game.has_perfect_recall()


# --------------------------------------------------------------------------- malformed files
MALFORMED = [
    # (file text, line, column, words of the message)
    ('NFG 1 R "" { "A" }', 1, 1, "not an .efg file"),
    ('EFG 3 R "" { "A" }', 1, 5, "version"),
    ('EFG 2 X "" { "A" }', 1, 7, "number type"),
    ('EFG 2 R "" { }', 1, 14, "at least one player"),
    ('EFG 2 R "" { "A" "chance" }\nt "" 0', 1, 18, "reserved"),
    ('EFG 2 R "" { "A" } "comment"', 1, 29, "no nodes"),
    ('EFG 2 R "" { "A" }\nx "" 0', 2, 1, "node type"),
    ('EFG 2 R "" { "A" }\nt 0', 2, 3, "node's name"),
    ('EFG 2 R "" { "A" }\nt "x 0', 2, 3, "unterminated string"),
    ('EFG 2 R "" { "A" }\nt "" 0 @', 2, 8, "unrecognised text"),
    ('EFG 2 R "a \\"b\\"" { "A" }\nq "" 0', 2, 1, "node type"),  # escapes: the slow lexer path
    # payoffs
    ('EFG 2 R "" { "A" "B" }\nt "" 1 "o" { 1 2 3 }', 2, 18, "too many payoffs in outcome 1"),
    ('EFG 2 R "" { "A" "B" }\nt "" 1 "o" { 1 }', 2, 16, "too few payoffs in outcome 1: expected 2"),
    ('EFG 2 R "" { "A" }\nt "" 1 "o" { x }', 2, 14, "expected a payoff"),
    ('EFG 2 R "" { "A" }\nt "" 1 "o" 1', 2, 12, "'{' starting the payoffs"),
    # chance probabilities
    ('EFG 2 R "" { "A" }\nc "" 1 "" { "h" 1/2 "t" 1/3 } 0\nt "" 0\nt "" 0', 2, 11,
     "sum to 5/6, not 1"),
    ('EFG 2 R "" { "A" }\nc "" 1 "" { "h" -1/2 "t" 3/2 } 0\nt "" 0\nt "" 0', 2, 17,
     "negative probability"),
    ('EFG 2 R "" { "A" }\nc "" 1 "" { "h" "t" } 0\nt "" 0\nt "" 0', 2, 17,
     "probability of action 'h'"),
    ('EFG 2 R "" { "A" }\nc "" 1 "" { } 0', 2, 13, "no actions"),
    # outcomes and information sets used before they are declared
    ('EFG 2 R "" { "A" }\np "" 1 1 "" { "x" "y" } 0\nt "" 1 "o" { 1 }\nt "" 2', 4, 6,
     "outcome 2 is used before it is declared"),
    ('EFG 2 R "" { "A" }\np "" 1 1 0\nt "" 0', 2, 8,
     "information set 1 of player 1 is used before it is declared"),
    ('EFG 2 R "" { "A" }\nc "" 2 0\nt "" 0', 2, 6, "chance event 2 is used before"),
    ('EFG 2 R "" { "A" }\nt "" 0 "o" { 1 }', 2, 8, "outcome 0"),
    # repeated declarations that differ
    ('EFG 2 R "" { "A" "B" }\nc "" 1 "" { "h" 1/2 "t" 1/2 } 0\np "" 1 1 "" { "x" "y" } 0\n'
     't "" 0\nt "" 0\np "" 1 1 "" { "x" "z" } 0\nt "" 0\nt "" 0', 6, 10,
     "information set 1 of player 1 is declared again differently: at line 3, column 10"),
    ('EFG 2 R "" { "A" "B" }\nc "" 1 "" { "h" 1/2 "t" 1/2 } 0\np "" 1 1 "" { "x" "y" } 0\n'
     't "" 0\nt "" 0\np "" 1 1 "" { "x" "y" "z" } 0\nt "" 0\nt "" 0\nt "" 0', 6, 10,
     "declared again differently"),
    ('EFG 2 R "" { "A" }\nc "" 1 "e" { "h" 1/2 "t" 1/2 } 0\nc "" 1 "e" { "h" 1/3 "t" 2/3 } 0',
     3, 8, "chance event 1 is declared again differently"),
    ('EFG 2 R "" { "A" }\nc "" 1 "" { "h" 1/2 "t" 1/2 } 0\nt "" 1 "o" { 1 }\nt "" 1 "o" { 2 }',
     4, 8, "outcome 1 is declared again differently: at line 3, column 8"),
    ('EFG 2 R "" { "A" }\nc "" 1 "" { "h" 1/2 "t" 1/2 } 0\nt "" 1 "o" { 1 }\nt "" 1 "p" { 1 }',
     4, 8, "declared again differently"),
    # numbers where integers belong
    ('EFG 2 R "" { "A" }\np "" 2 1 "" { "x" } 0\nt "" 0', 2, 6, "unknown player 2"),
    ('EFG 2 R "" { "A" }\np "" 0 1 "" { "x" } 0\nt "" 0', 2, 6, "positive integer"),
    ('EFG 2 R "" { "A" }\np "" 1 1.5 "" { "x" } 0\nt "" 0', 2, 8, "positive integer"),
    ('EFG 2 R "" { "A" }\nt "" -1', 2, 6, "non-negative integer"),
    # the shape of the tree
    ('EFG 2 R "" { "A" }\np "" 1 1 "" { "x" "y" } 0\nt "" 0\n', 4, 1,
     "ends inside the tree: the node at line 2, column 1 needs 1 more child node"),
    ('EFG 2 R "" { "A" }\np "" 1 1 "" { "x" "y"', 2, 22, "found the end of the file"),
    ('EFG 2 R "" { "A" }\nt ""', 2, 5, "outcome number"),
    ('EFG 2 R "" { "A" }\nt "" 0\nt "" 0', 3, 1, "end of the file after the last node"),
]


def test_absent_minded_driver_reads_and_round_trips():
    # Piccione & Rubinstein (1997): the driver cannot tell the two exits apart.  Exiting at the
    # first pays 0, at the second 4, going on at both 1.
    text = ('EFG 2 R "driver" { "D" }\np "" 1 1 "exit?" { "go" "exit" } 0\n'
            'p "" 1 1 0\nt "" 1 "end" { 1 }\nt "" 2 "second" { 4 }\nt "" 3 "first" { 0 }')
    game = parse_efg(text)
    assert len(game.infosets[0]) == 1 and len(game.infosets[0][0].nodes) == 2
    assert not game.has_perfect_recall()
    # planning-stage payoff of going on with probability p: p^2 * 1 + p (1 - p) * 4; at p = 1/2: 5/4
    assert game.expected_payoffs([[(F(1, 2), F(1, 2))]]) == (F(5, 4),)
    assert game.to_normal_form().payoffs[0].tolist() == [1, 0]     # always go on: 1; exit at once: 0
    assert parse_efg(format_efg(game)).to_normal_form() == game.to_normal_form()


@pytest.mark.parametrize("text, line, column, words", MALFORMED)
def test_malformed_file(text, line, column, words):
    error = error_at(text)
    assert (error.line, error.column) == (line, column), error
    assert words in error.message, error


def test_errors_name_the_file(tmp_path):
    path = tmp_path / "bad.efg"
    path.write_text('EFG 2 R "" { "A" }\nt "" 0 0')
    with pytest.raises(FileFormatError) as info:
        read(path)
    assert info.value.path == str(path) and str(info.value).startswith(f"{path}:2:8: ")
    with pytest.raises(FileFormatError, match="no such file"):
        read(tmp_path / "missing.efg")
    (tmp_path / "latin1.efg").write_bytes(b'EFG 2 R "\xe9" { "A" } t "" 0')
    with pytest.raises(FileFormatError, match="UTF-8"):
        read_efg(tmp_path / "latin1.efg")


@pytest.mark.parametrize("text", [
    BEER_QUICHE, ORDER, 'EFG 2 R "x" { "A" } t "" 0 1/0', 'a"b"c{,}1/2 3.e5 +.5 -7 x_1 "" ""',
    'EFG 2 R "unterminated', "t 1.2.3", "1abc", "1e99999999", '"a\\"b" 1'])
def test_fast_scanner_agrees_with_tokenizer(text):
    try:
        expected = [(t.kind, t.value) for t in tokenize(text)]
    except FileFormatError as error:
        with pytest.raises(FileFormatError) as info:
            scan(text)
        assert (info.value.line, info.value.column) == (error.line, error.column)
        return
    assert scan(text) == expected


# --------------------------------------------------------------------------- writing
def test_round_trip_hand_written():
    for text in (BEER_QUICHE, ORDER):
        game = parse_efg(text)
        back = parse_efg(format_efg(game))
        assert signature(back) == signature(game)


def test_written_text():
    shared = Outcome((1, 2), 'the "end"')
    tree = hg.ExtensiveFormGame(
        chance({"h": (F(1, 3), decision("A", {"x": terminal(shared), "y": terminal(None)},
                                             infoset="I", label="first")),
                "t": (F(2, 3), decision("A", {"x": terminal(shared), "y": terminal([0, -7])},
                                             infoset="I", payoffs=[F(-1, 2), 0]))},
               label="nature"),
        players=["A", "B"], title="demo")
    tree.comment = "a comment"
    assert format_efg(tree) == '''EFG 2 R "demo" { "A" "B" }
"a comment"

c "nature" 1 "" { "h" 1/3 "t" 2/3 } 0
p "first" 1 1 "I" { "x" "y" } 0
t "" 1 "the \\"end\\"" { 1, 2 }
t "" 0
p "" 1 1 "I" { "x" "y" } 2 "" { -1/2, 0 }
t "" 1 "the \\"end\\"" { 1, 2 }
t "" 3 "" { 0, -7 }
'''
    back = parse_efg(format_efg(tree))
    assert signature(back) == signature(tree)
    leaves = list(back.leaves())
    assert leaves[0].outcome is leaves[2].outcome  # still one shared outcome


def test_round_trip_floats():
    values = [0.1, 1 / 3, 1e-05, -2.5e10, 123456.789, 5e-324, 0.0]
    tree = hg.ExtensiveFormGame(chance({
        "a": (0.1, terminal([values[0], values[1]])),
        "b": (0.2, terminal([values[2], values[3]])),
        "c": (0.7, decision("P", {"x": terminal([values[4], values[5]]),
                                  "y": terminal([values[6], 2.0])}, payoffs=[0.5, 0.25]))}),
        players=["P", "Q"])
    assert tree.kind == "float"
    text = format_efg(tree)
    assert "e" not in text.split("\n", 3)[3]  # plain decimals only: Gambit reads those
    back = parse_efg(text)
    assert back.kind == "exact" and back.root.probabilities == (F(1, 10), F(1, 5), F(7, 10))
    again = back.as_float()
    assert signature(again) == signature(tree)  # every float comes back bit for bit
    assert [type(v) for v in again.root.children[0].outcome.payoffs] == [float, float]


def test_float_probabilities_are_written_to_sum_to_one():
    # 1/3 and 2/3 as floats print as 0.3333333333333333 and 0.6666666666666666, which sum to
    # 0.9999999999999999: the larger one is written as 1 - 0.3333333333333333 instead
    tree = hg.ExtensiveFormGame(chance({"a": (1 / 3, terminal([1.5])), "b": (2 / 3, terminal([0.5]))}),
                                players=["P"])
    assert '{ "a" 0.3333333333333333 "b" 0.6666666666666667 }' in format_efg(tree)
    back = parse_efg(format_efg(tree))
    assert back.root.probabilities == (F(3333333333333333, 10**16), F(6666666666666667, 10**16))


def test_round_trip_exact():
    big = F(10**30 + 1, 3)
    tree = hg.ExtensiveFormGame(decision("A", {
        "l": terminal([F(1, 3), F(-7, 2)]), "r": terminal([big, 0])}, priority=["r", "l"]),
        players=["A", "B"])
    text = format_efg(tree)
    assert "1/3, -7/2" in text and f"{big.numerator}/3, 0" in text
    assert signature(parse_efg(text)) == signature(tree)


def test_round_trip_labels_that_need_care():
    tree = hg.ExtensiveFormGame(decision('say "hi"', {
        "": terminal([1]), 'a\\"b': terminal(Outcome((2,), "back\\slash"), label="x\ny")},
        infoset='set "1"', label="é ü"), title='"quoted"')
    back = parse_efg(format_efg(tree))
    assert back.players == ('say "hi"',)
    assert back.root.actions == ("1", 'a\\"b')  # the empty action label is normalised
    assert back.root.children[1].label == "x\ny" and back.infosets[0][0].label == 'set "1"'
    assert back.root.children[1].outcome.label == "back\\slash" and back.title == '"quoted"'
    assert back.root.label == "é ü"


def test_what_cannot_be_written():
    p = sympy.Symbol("p")
    symbolic = hg.ExtensiveFormGame(decision("A", {"x": terminal([p]), "y": terminal([0])}))
    with pytest.raises(GameError, match="free parameters"):
        format_efg(symbolic)
    trailing = hg.ExtensiveFormGame(decision("A", {"x": terminal([1])}, label="ends\\"))
    with pytest.raises(GameError, match="backslash"):
        format_efg(trailing)
    with pytest.raises(GameError, match="ExtensiveFormGame"):
        format_efg(hg.NormalFormGame.from_bimatrix([[1]], [[1]]))


def test_io_dispatch(tmp_path):
    game = parse_efg(BEER_QUICHE)
    write(game, tmp_path / "g.efg")
    assert signature(read(tmp_path / "g.efg")) == signature(game)
    write_efg(game, tmp_path / "h.EFG")
    assert signature(hg.read(tmp_path / "h.EFG")) == signature(game)
    assert signature(parse(BEER_QUICHE, "efg")) == signature(game)
    write(game, tmp_path / "g.nfg")  # a tree written to .nfg is its strategic form
    assert read(tmp_path / "g.nfg") == game.to_normal_form()


@st.composite
def trees(draw, numbers=st.fractions(-5, 5, max_denominator=4)) -> hg.ExtensiveFormGame:
    """Small random trees with everything a file can hold: chance nodes, information sets of
    several nodes (same player, same actions, same depth, so never twice on one path),
    outcomes at inner nodes, shared outcomes, and labels with quotes and odd characters."""
    counter = iter(range(10**6))
    unique = st.text(max_size=3).filter(lambda t: not t.endswith("\\")).map(
        lambda t: f"{t}#{next(counter)}" if t else "")  # node and infoset names: empty or unique
    players = draw(st.lists(st.text(max_size=3).filter(lambda t: t != "chance" and not t.endswith("\\")),
                            min_size=1, max_size=3, unique=True).filter(lambda ps: "" not in ps))
    labels = st.text(max_size=4).filter(lambda t: not t.endswith("\\"))
    n = len(players)
    shared = Outcome(tuple(draw(numbers) for _ in range(n)), draw(labels))

    def outcome():
        choice = draw(st.integers(0, 3))
        if choice == 0:
            return shared
        return None if choice == 1 else Outcome(tuple(draw(numbers) for _ in range(n)), draw(labels))

    def build(depth: int):
        kind = "terminal" if depth == 3 else draw(st.sampled_from(["terminal", "decision", "chance"]))
        if kind == "terminal":
            return hg.games.extensive_form.Node("terminal", outcome=outcome(), label=draw(unique))
        width = draw(st.integers(1, 3))
        children = [build(depth + 1) for _ in range(width)]
        if kind == "chance":
            weights = draw(st.lists(st.integers(0, 3), min_size=width, max_size=width).filter(any))
            probabilities = [F(w, sum(weights)) for w in weights]
            return chance({f"c{k}": (p, c) for k, (p, c) in enumerate(zip(probabilities, children))},
                          label=draw(unique), payoffs=None)
        player = draw(st.sampled_from(players))
        key = (depth, width, draw(st.integers(0, 1)))
        node = decision(player, {f"a{k}": c for k, c in enumerate(children)}, label=draw(unique),
                        infoset=f"set {key}")
        node.outcome = outcome()
        return node

    game = hg.ExtensiveFormGame(build(0), players=players, title=draw(labels))
    game.comment = draw(labels)
    return game


@given(trees())
def test_round_trip_random_trees(tree):
    back = parse_efg(format_efg(tree))
    assert signature(back) == signature(tree)


@given(trees(numbers=st.floats(-1e6, 1e6, allow_nan=False, allow_subnormal=True)))
def test_round_trip_random_float_trees(tree):
    back = parse_efg(format_efg(tree))
    assert back.kind == "exact" and back.comment == tree.comment
    if tree.kind == "exact":  # every number happened to be an integer
        assert signature(back) == signature(tree)
        return
    # every payoff comes back bit for bit; a probability may absorb the rounding error of its
    # node's sum (the file was read, so the written probabilities sum to exactly one)
    expected, got = signature(tree), signature(back.as_float())
    assert got[:2] == expected[:2] and len(got[3]) == len(expected[3])
    for mine, theirs in zip(got[3], expected[3]):
        assert mine[:3] + mine[4:] == theirs[:3] + theirs[4:]
        assert all(abs(p - q) <= 1e-15 for p, q in zip(mine[3], theirs[3]))


def test_repeated_names_get_suffixes():
    # Gambit 16.7 refuses repeated non-empty node names and repeated infoset names of a player
    game = parse_efg('EFG 2 R "" { "A" "B" } p "x" 1 1 "s" { "l" "r" } 0 p "x" 1 2 "s" { "a" } 0 '
                     't "" 0 p "x" 2 1 "s" { "b" } 0 t "x" 0')
    assert [n.label for n in game.nodes] == ["x", "x_1", "", "x_2", "x_3"]
    assert [s.label for s in game.infosets[0]] == ["s", "s_1"]
    assert [s.label for s in game.infosets[1]] == ["s"]  # another player's set may share a name
    tree = hg.ExtensiveFormGame(decision("A", {"l": terminal([1], label="n"), "r": terminal([2], label="n")},
                                         label="n"))
    text = format_efg(tree)
    assert 'p "n" 1 1' in text and 't "n_1" 1' in text and 't "n_2" 2' in text
