"""Every .efg file of Gambit's repository: read it, write it, read it back; plus facts about
some of the games known independently of our reader.

The corpus lives outside the repository (GPL data, see its README), located by
``CORPUS`` in tests/conftest.py (``../shared/gambit-games`` by default, or wherever
``HG_GAMBIT_GAMES`` points).  A missing corpus fails these tests; it never skips them.
"""
from __future__ import annotations

import re
from fractions import Fraction as F

import pytest

import hegemony_games as hg
from hegemony_games.errors import FileFormatError
from hegemony_games.io import format_efg, parse_efg, read
from tests.conftest import CORPUS
from tests.unit.test_efg_io import signature

FILES = sorted(p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*.efg")) \
    if CORPUS.is_dir() else []

# Every corpus file was read by hand: none is malformed (Gambit's negative tests build bad
# inputs by editing valid text, as tests/unit/test_efg_io.py does).  These valid files have an
# information set that meets one path twice (absent-mindedness, as in the absent-minded driver
# of Piccione & Rubinstein 1997): they read and round-trip like the others, and lack perfect
# recall, so the solvers that need it refuse them.
ABSENT_MINDED = {
    "catalog/books/shohamleytonbrown2008/fig5_12.efg",
    "catalog/journals/geb/gilboa1997/fig1.efg",      # the absent-minded driver
    "contrib/games/holdout.efg",                      # player 2's one-action set 8
    "tests/test_games/AM-driver-one-infoset.efg",
    "tests/test_games/AM-driver-subgame.efg",
    "tests/test_games/AM-subgames.efg",
    "tests/test_games/AM-unary-branches.efg",
    "tests/test_games/AM-unary-hops.efg",
    "tests/test_games/noPR-AM-driver-one-player.efg",
    "tests/test_games/noPR-AM-driver-two-players.efg",
    "tests/test_games/noPR-action-AM-three-chain.efg",
    "tests/test_games/noPR-action-AM-two-hops.efg",
    "tests/test_games/noPR-action-AM.efg",
    "tests/test_games/noPR-action-AM2.efg",
    "tests/test_games/not_perfect_recall.efg",
}
MALFORMED: dict[str, str] = {}  # none: see above

# Independent of our reader: every corpus file writes one node a line, so counting lines
# that start a node, and the distinct (player, infoset) numbers of "p" lines, gives the
# node count and the number of information sets per player.
NODE_LINE = re.compile(r'^[cpt] "', re.M)
PLAYER_LINE = re.compile(r'^p "(?:[^"\\]|\\.)*" (\d+) (\d+)', re.M)
HEADER = re.compile(r'^EFG 2 R "(?:[^"\\]|\\.)*" \{((?:\s*"(?:[^"\\]|\\.)*")*)\s*\}')


def test_corpus_is_present(corpus):
    assert len(FILES) == 174, f"expected Gambit's 174 .efg files in {corpus}, found {len(FILES)}"
    listed = set(ABSENT_MINDED) | set(MALFORMED)
    assert listed <= set(FILES), f"listed files missing from the corpus: {sorted(listed - set(FILES))}"


@pytest.mark.parametrize("name", FILES or ["<corpus missing>"])
def test_corpus_file(corpus, name):
    path = corpus / name
    if name in MALFORMED:
        with pytest.raises(FileFormatError):
            read(path)
        return
    game = read(path)
    text = path.read_text(encoding="utf-8")
    assert game.kind == "exact"
    assert game.num_nodes == len(NODE_LINE.findall(text))
    numbers: dict[int, set[str]] = {}
    for player, infoset in PLAYER_LINE.findall(text):
        numbers.setdefault(int(player), set()).add(infoset)
    assert [len(s) for s in game.infosets] == [len(numbers.get(i, ())) for i in range(1, game.num_players + 1)]
    assert game.num_players == len(re.findall(r'"(?:[^"\\]|\\.)*"', HEADER.match(text).group(1)))
    assert all(game.players) and all(all(s.actions) for sets in game.infosets for s in sets)
    # names Gambit 16.7 requires to be unique are (seven files repeat some: renamed on reading)
    named = [n.label for n in game.nodes if n.label]
    assert len(set(named)) == len(named)
    for sets in (*game.infosets, game.chance_infosets):
        named = [s.label for s in sets if s.label]
        assert len(set(named)) == len(named)
    back = parse_efg(format_efg(game))
    assert signature(back) == signature(game)
    if name in ABSENT_MINDED:
        assert not game.has_perfect_recall()
        with pytest.raises(hg.GameError, match="perfect recall"):
            hg.spe(game)


# --------------------------------------------------------------- facts known by hand
def test_one_card_poker(corpus):
    # doc/poker.efg: chance deals King or Queen (1/2 each); Alice raises or folds knowing her
    # card; Bob meets or passes without knowing it.  Folding loses 1; Bob passing loses 1;
    # a met raise wins or loses 2.
    game = read(corpus / "doc/poker.efg")
    assert game.players == ("Alice", "Bob") and game.num_nodes == 11
    assert game.root.probabilities == (F(1, 2), F(1, 2)) and game.root.actions == ("King", "Queen")
    assert [len(s) for s in game.infosets] == [2, 1] and len(game.infosets[1][0].nodes) == 2
    assert game.infosets[1][0].actions == ("Meet", "Pass")
    big = [leaf.outcome for leaf in game.leaves() if leaf.outcome.label == "Alice wins big"]
    assert len(big) == 1 and big[0].payoffs == (2, -2)
    # the reduced strategic form, by hand: Alice's strategy = (action with King, with Queen)
    #            Meet                    Pass
    # RR   (2 - 2)/2 = 0            (1 + 1)/2 = 1
    # RF   (2 - 1)/2 = 1/2          (1 - 1)/2 = 0
    # FR   (-1 - 2)/2 = -3/2        (-1 + 1)/2 = 0
    # FF   -1                       -1
    nf = game.to_normal_form()
    assert nf.strategies == (("11", "12", "21", "22"), ("1", "2"))
    expected = [[0, 1], [F(1, 2), 0], [F(-3, 2), 0], [-1, -1]]
    assert nf.payoffs[0].tolist() == expected
    assert nf.payoffs[1].tolist() == [[-v for v in row] for row in expected]


def test_seltens_horse(corpus):
    # Selten (1975), Figure 1: three players, player 3 does not know whether player 1 or
    # player 2 ended the "horse", and the game has no proper subgame.
    game = read(corpus / "catalog/journals/ijgt/selten1975/fig1.efg")
    assert game.num_players == 3 and game.num_nodes == 9
    assert [len(s) for s in game.infosets] == [1, 1, 1] and len(game.infosets[2][0].nodes) == 2
    assert [n for n in game.subgame_roots() if n.children] == [game.root]
    assert game.has_perfect_recall()
    nf = game.to_normal_form()
    # (1's, 2's, 3's action; 1 = R, 2 = L): R,R -> (1,1,1); R,L -> 3 chooses (4,4,0) or (0,0,1);
    # L -> 3 chooses (3,2,2) or (0,0,0).
    expected = {(0, 0, 0): (1, 1, 1), (0, 0, 1): (1, 1, 1), (0, 1, 0): (4, 4, 0), (0, 1, 1): (0, 0, 1),
                (1, 0, 0): (3, 2, 2), (1, 0, 1): (0, 0, 0), (1, 1, 0): (3, 2, 2), (1, 1, 1): (0, 0, 0)}
    for profile, payoffs in expected.items():
        assert tuple(nf.payoffs[i][profile] for i in range(3)) == payoffs


def test_imperfect_recall_is_read(corpus):
    # von Stengel (2022), Figure 10.7: player II forgets her first move ("a game with
    # imperfect recall", says the file); it is a valid file all the same.
    game = read(corpus / "catalog/books/vonstengel2022/fig10.7.efg")
    assert not game.has_perfect_recall()
    assert [len(s) for s in game.infosets] == [1, 2] and len(game.infosets[1][1].nodes) == 4


def test_centipede_with_decimal_payoffs(corpus):
    # contrib/games/cent3.efg: payoffs written as decimals (".80, .20") are exact tenths and
    # the altruist types have probability 1/100.
    game = read(corpus / "contrib/games/cent3.efg")
    assert game.root.probabilities == (F(99, 100), F(1, 100))
    first_take = game.root.children[0].children[0].children[0]
    assert first_take.outcome.payoffs == (F(4, 5), F(1, 5))
