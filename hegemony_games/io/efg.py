"""Gambit ``.efg`` files (game trees): exact reading and writing.

The format (Gambit's documentation, "The extensive game (.efg) file format") is a
prologue ::

    EFG 2 R "title" { "Player 1" "Player 2" } "optional comment"

followed by the nodes of the tree in prefix order (a node, then the subtrees of its
children from first to last), one entry per node:

* ``c "name" event ["event name" { "action" prob ... }] outcome [...]`` — a chance node;
* ``p "name" player infoset ["infoset name" { "action" ... }] outcome [...]`` — a decision
  node of player number ``player`` (1-based) in the player's information set ``infoset``;
* ``t "name" outcome [...]`` — a terminal node;

where an outcome is a number, ``0`` meaning none, optionally followed by
``"outcome name" { payoff ... }`` (one payoff per player, commas optional).  Outcomes
may sit at any node: a play's payoff is the sum of the outcomes on its path.  An
information set (numbered per player; chance events among themselves) or an outcome
(numbered in the whole game) is declared with its body once and may later be referred
to by number alone; a repeated body must equal the first one.

Numbers are read exactly (``0.3`` is ``3/10``, ``1/3`` is ``1/3``) whether the header
says ``R`` or the obsolete ``D``, so a game read from a file is exact.  Chance
probabilities must be non-negative and sum to exactly one.

How the file maps onto :class:`~hegemony_games.games.extensive_form.ExtensiveFormGame`:

* player ``k`` and infoset ``n`` become one information set, keyed by
  :class:`InfosetKey` ``(n, infoset name)``; each player's information sets are in the
  order of their first appearance in the file (as Gambit orders them), and the
  infoset name becomes the information set's ``label``;
* node names become ``Node.label``; outcomes become shared
  :class:`~hegemony_games.games.extensive_form.Outcome` objects carrying their names;
* player and action labels are normalised as for ``.nfg`` files (see
  :func:`~hegemony_games.io.nfg.normalize_labels`): empty ones get defaults, repeats get
  suffixes, so that every action of a node has a distinct label;
* a non-empty node name used twice, or an information set name used twice by one player
  (or chance), gets a suffix the same way (Gambit 16.7 refuses such files; 7 of Gambit's
  own example files have them); empty names stay empty;
* the title is ``game.title`` and the comment ``game.comment``.

>>> game = parse_efg('''EFG 2 R "Entry" { "Entrant" "Incumbent" } ""
... p "root" 1 1 "" { "Out" "In" } 0
... t "" 1 "stay out" { 0, 2 }
... p "" 2 1 "" { "Fight" "Accommodate" } 0
... t "" 2 "war" { -1, -1 }
... t "" 3 "peace" { 1, 1 }
... ''')
>>> game.players, game.num_nodes, game.root.label
(('Entrant', 'Incumbent'), 5, 'root')
>>> [game.outcome_sum(leaf) for leaf in game.leaves()][1]
(Fraction(-1, 1), Fraction(-1, 1))
>>> parse_efg(format_efg(game)).num_nodes
5
"""
from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from decimal import Decimal
from fractions import Fraction
from itertools import islice
from pathlib import Path
from typing import Any, Callable, Iterator

from ..errors import FileFormatError, GameError
from ..games.extensive_form import CHANCE, ExtensiveFormGame, Node, Outcome
from ..numbers import FLOAT, SYMBOLIC
from ._lexer import (COMMA, EOF, LBRACE, NUMBER, RBRACE, STRING, WORD, Token, iter_tokens, quote,
                     read_text, scan)
from .nfg import normalize_labels

__all__ = ["parse_efg", "read_efg", "format_efg", "write_efg", "InfosetKey"]


class InfosetKey(int):
    """The ``infoset`` key of a node read from a file: the set's number in the file.

    Keys compare (and hash, in C: trees are grouped by them) as that number; the name rides
    along so that ``InformationSet.label`` (which is ``str(key)``) is the file's infoset name.

    >>> InfosetKey(3, "x") == InfosetKey(3, "y"), str(InfosetKey(3, "x")), InfosetKey(3, "x").number
    (True, 'x', 3)
    """

    label: str

    def __new__(cls, number: int, label: str = "") -> "InfosetKey":
        key = super().__new__(cls, number)
        key.label = label
        return key

    @property
    def number(self) -> int:
        return int(self)

    def __str__(self) -> str:
        return self.label

    def __repr__(self) -> str:
        return f"InfosetKey({int(self)}, {self.label!r})"


# --------------------------------------------------------------------------- reading
def read_efg(path: str | os.PathLike) -> ExtensiveFormGame:
    """Read a Gambit ``.efg`` file; see :func:`parse_efg` for what is accepted.

    A file that cannot be opened, is not UTF-8, or is malformed raises
    :class:`FileFormatError` (with the line and column of the problem when there is one).
    """
    name = os.fspath(path)
    return parse_efg(read_text(name), path=name)


def parse_efg(text: str, path: str | None = None) -> ExtensiveFormGame:
    """Read a game tree from the text of a ``.efg`` file (see the module docstring).

    ``path`` only names the file in error messages.  Errors raise
    :class:`FileFormatError` with the 1-based line and column of the offending token
    (the end of the file when something is missing):

    >>> try:
    ...     parse_efg('EFG 2 R "" { "A" "B" }\\nt "" 1 "o" { 1 2 3 }')
    ... except FileFormatError as error:
    ...     print(error.line, error.column, error.message)
    2 18 too many payoffs in outcome 1: the game has 2 players

    Trees whose information sets meet one path twice (absent-mindedness, Piccione &
    Rubinstein 1997) are read; solvers that need perfect recall refuse them.
    """
    with _collector_paused():
        return _Parser(text, path).game()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a tree is built.

    Building a tree allocates hundreds of thousands of containers (nodes, lists, tuples)
    and none of them form cycles, yet each allocation burst triggers collections that
    traverse everything built so far: pausing halves the reading time of large files.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Parser:
    """Reads the token list front to back; the tree is read with an explicit stack, so
    deep trees do not meet Python's recursion limit.

    Tokens are ``(kind, value)`` pairs from :func:`scan`; positions are looked up (with
    :func:`tokenize`) only to report an error.
    """

    def __init__(self, text: str, path: str | None):
        self.text, self.path = text, path
        self.tokens = scan(text, path)
        self.pos = 0
        self._located: list[Token] | None = None
        # (owner, number) -> (name, actions as written, actions, probabilities, token index, key)
        self.infosets: dict[tuple[int, int], tuple] = {}
        self.outcomes: dict[int, tuple[Outcome, int]] = {}  # number -> (outcome, token index)
        self.players: list[str] = []
        self.node_labels: set[str] = set()
        self.repeated_labels = False  # a non-empty node name used twice

    # ------------------------------------------------------------- token helpers
    def token(self, index: int) -> Token:
        """The token at ``index`` with its position (tokenizes again on demand, only as far as
        ``index``: an error near the start of a large file is reported at once)."""
        if self._located is None or len(self._located) <= index:
            self._located = list(islice(iter_tokens(self.text, self.path), index + 1))
        return self._located[index]

    def error(self, index: int, message: str) -> FileFormatError:
        return self.token(index).error(message, self.path)

    def where(self, index: int) -> str:
        token = self.token(index)
        return f"line {token.line}, column {token.column}"

    def describe(self, index: int) -> str:
        return _describe(self.token(index))

    def next(self) -> tuple[str, Any]:
        token = self.tokens[self.pos]
        if token[0] != EOF:  # the final EOF token is returned forever
            self.pos += 1
        return token

    def expect(self, kind: str, what: str | Callable[[], str]) -> Any:
        """The value of the next token, which must be of ``kind``; ``what`` (or, to save
        formatting time on the path without errors, a function making it) names it."""
        token = self.tokens[self.pos]
        if token[0] != kind:
            what = what if isinstance(what, str) else what()
            raise self.error(self.pos, f"expected {what}, found {self.describe(self.pos)}")
        self.pos += 1
        return token[1]

    def integer(self, what: str, minimum: int) -> int:
        kind, value = self.tokens[self.pos]
        if kind != NUMBER or value.denominator != 1 or value.numerator < minimum:
            if kind != NUMBER:
                raise self.error(self.pos, f"expected {what}, found {self.describe(self.pos)}")
            sort = "a positive" if minimum > 0 else "a non-negative"
            raise self.error(self.pos, f"{what} must be {sort} integer, "
                                       f"found {self.describe(self.pos)}")
        self.pos += 1
        return value.numerator

    # ------------------------------------------------------------- the file
    def game(self) -> ExtensiveFormGame:
        title, comment = self.prologue()
        root = self.tree()
        if self.tokens[self.pos][0] != EOF:
            raise self.error(self.pos, f"expected the end of the file after the last node of "
                                       f"the tree, found {self.describe(self.pos)}")
        names: dict[int, list[str]] = {}
        for (owner, _), declaration in self.infosets.items():  # in order of first appearance
            names.setdefault(owner, []).append(declaration[0])
        if self.repeated_labels or any(_unique(n) != n for n in names.values()):
            _rename_repeats(root)
        try:
            game = ExtensiveFormGame(root, self.players, title)
        except GameError as exc:  # not expected after the checks above; keep the contract
            raise FileFormatError(str(exc), path=self.path) from None
        game.comment = comment
        return game

    def prologue(self) -> tuple[str, str]:
        """Header, title, players and comment; returns (title, comment)."""
        kind, value = self.next()
        if kind != WORD or value != "EFG":
            raise self.error(0, f"not an .efg file: expected 'EFG' at the start, "
                                f"found {self.describe(0)}")
        kind, value = self.next()
        if kind != NUMBER or value != 2:
            raise self.error(1, f"unsupported .efg version {self.describe(1)}: expected 2")
        kind, value = self.next()
        if kind != WORD or value not in ("R", "D"):
            raise self.error(2, f"expected the number type 'R' (or 'D'), "
                                f"found {self.describe(2)}")
        title = self.expect(STRING, "the game's title (a quoted string)")
        self.expect(LBRACE, "'{' before the player names")
        names = []
        while self.tokens[self.pos][0] == STRING:
            names.append(self.next()[1])
        self.expect(RBRACE, "a player name (a quoted string) or '}'")
        if not names:
            raise self.error(self.pos - 1, "a game needs at least one player")
        self.players = normalize_labels(names, "Player {}")
        if CHANCE in self.players:
            index = self.pos - 1 - len(names) + self.players.index(CHANCE)
            raise self.error(index, f"the player name {CHANCE!r} is reserved for chance moves")
        comment = self.next()[1] if self.tokens[self.pos][0] == STRING else ""
        return title, comment

    def tree(self) -> Node:
        """All nodes in prefix order; returns the root."""
        if self.tokens[self.pos][0] == EOF:
            raise self.error(self.pos, "the file has no nodes: expected the root node "
                                       "('c', 'p' or 't')")
        # non-terminal ancestors still awaiting children: (node, token index, (owner, infoset))
        open_nodes: list[tuple[Node, int, tuple[int, int]]] = []
        root = None
        while True:
            start = self.pos
            if self.tokens[start][0] == EOF:
                parent, opened, _ = open_nodes[-1]
                missing = len(parent.actions) - len(parent.children)
                raise self.error(start, f"the file ends inside the tree: the node at "
                                        f"{self.where(opened)} needs {missing} more "
                                        f"child node{'s' if missing > 1 else ''}")
            node, key = self.node()
            if open_nodes:
                open_nodes[-1][0].children.append(node)
            else:
                root = node
            if key is not None:
                open_nodes.append((node, start, key))
            else:
                while open_nodes and len(open_nodes[-1][0].children) == len(open_nodes[-1][0].actions):
                    open_nodes.pop()
            if not open_nodes:
                return root

    def node(self) -> tuple[Node, tuple[int, int] | None]:
        """One node entry (children not yet attached) and its (owner, infoset number),
        owner 0 for chance; ``None`` for a terminal node."""
        kind, value = self.tokens[self.pos]
        if kind != WORD or value not in ("c", "p", "t"):
            raise self.error(self.pos, f"expected a node type ('c' chance, 'p' player, "
                                       f"'t' terminal), found {self.describe(self.pos)}")
        self.pos += 1
        label = self.expect(STRING, "the node's name (a quoted string)")
        if label:
            self.repeated_labels = self.repeated_labels or label in self.node_labels
            self.node_labels.add(label)
        if value == "t":
            return Node("terminal", outcome=self.outcome(), label=label), None
        owner = 0
        if value == "p":
            owner = self.integer("a player number", 1)
            if owner > len(self.players):
                n = len(self.players)
                raise self.error(self.pos - 1, f"unknown player {owner}: the game has {n} "
                                                f"player{'s' if n > 1 else ''}")
        number = self.integer("an information set number" if owner else "a chance event number", 1)
        key, actions, probabilities = self.infoset(owner, number)
        outcome = self.outcome()
        if owner:
            return Node("decision", player=self.players[owner - 1], actions=actions,
                        children=[], infoset=key, outcome=outcome, label=label), (owner, number)
        return Node("chance", actions=actions, children=[], probabilities=probabilities,
                    infoset=key, outcome=outcome, label=label), (0, number)

    def infoset(self, owner: int, number: int) -> tuple[InfosetKey, tuple[str, ...], tuple]:
        """The optional body of an information set (or chance event), checked against an
        earlier declaration; returns (its key, actions, probabilities)."""
        known = self.infosets.get((owner, number))
        if self.tokens[self.pos][0] != STRING:
            if known is None:
                raise self.error(self.pos - 1, f"{_infoset_name(owner, number)} is used before "
                                                f"it is declared: give its name and actions here")
            return known[5], known[2], known[3]
        start = self.pos
        name = self.next()[1]
        self.expect(LBRACE, lambda: f"'{{' starting the actions of {_infoset_name(owner, number)}")
        actions: list[str] = []
        probabilities: list[Fraction] = []
        tokens = self.tokens
        while True:
            kind, value = tokens[self.pos]
            if kind == STRING:
                actions.append(value)
                self.pos += 1
                if owner == 0:
                    kind, p = tokens[self.pos]
                    if kind != NUMBER:
                        raise self.error(self.pos, f"expected the probability of action "
                                                   f"{value!r} of {_infoset_name(owner, number)}, "
                                                   f"found {self.describe(self.pos)}")
                    if p < 0:
                        raise self.error(self.pos, f"negative probability {p} in "
                                                   f"{_infoset_name(owner, number)}")
                    probabilities.append(p)
                    self.pos += 1
            elif kind == RBRACE:
                self.pos += 1
                break
            else:
                wanted = "an action name (a quoted string)" if owner else \
                    "an action name (a quoted string) followed by its probability"
                raise self.error(self.pos, f"expected {wanted} or '}}' in "
                                           f"{_infoset_name(owner, number)}, "
                                           f"found {self.describe(self.pos)}")
        if not actions:
            raise self.error(self.pos - 1, f"{_infoset_name(owner, number)} has no actions")
        if owner == 0 and sum(probabilities) != 1:
            raise self.error(start + 1, f"the probabilities of {_infoset_name(owner, number)} "
                                        f"sum to {sum(probabilities)}, not 1")
        written = tuple(actions)
        probs = tuple(probabilities)
        if known is None:
            labels = written
            if "" in labels or len(set(labels)) < len(labels):
                labels = tuple(normalize_labels(labels, "{}"))
            key = InfosetKey(number, name)
            self.infosets[(owner, number)] = (name, written, labels, probs, start, key)
            return key, labels, probs
        if (name, written, probs) != (known[0], known[1], known[3]):
            raise self.error(start, f"{_infoset_name(owner, number)} is declared again "
                                    f"differently: at {self.where(known[4])} it is "
                                    f"{_show_infoset(known[0], known[1], known[3])}, here "
                                    f"{_show_infoset(name, written, probs)}")
        return known[5], known[2], known[3]  # share the first declaration's objects

    def outcome(self) -> Outcome | None:
        """An outcome number with its optional body; ``None`` for outcome 0."""
        number = self.integer("an outcome number", 0)
        if self.tokens[self.pos][0] != STRING:
            if number == 0:
                return None
            known = self.outcomes.get(number)
            if known is None:
                raise self.error(self.pos - 1, f"outcome {number} is used before it is "
                                                f"declared: give its name and payoffs here")
            return known[0]
        start = self.pos
        name = self.next()[1]
        if number == 0:
            raise self.error(start, "outcome 0 (no outcome) cannot have a name or payoffs")
        self.expect(LBRACE, lambda: f"'{{' starting the payoffs of outcome {number}")
        payoffs: list[Fraction] = []
        n = len(self.players)
        tokens, pos = self.tokens, self.pos
        while True:
            kind, value = tokens[pos]
            if kind == NUMBER:
                if len(payoffs) == n:
                    raise self.error(pos, f"too many payoffs in outcome {number}: "
                                          f"the game has {n} player{'s' if n > 1 else ''}")
                payoffs.append(value)
                pos += 1
                if tokens[pos][0] == COMMA:
                    pos += 1
            elif kind == RBRACE:
                if len(payoffs) < n:
                    raise self.error(pos, f"too few payoffs in outcome {number}: "
                                          f"expected {n}, found {len(payoffs)}")
                self.pos = pos + 1
                break
            else:
                raise self.error(pos, f"expected a payoff or '}}' in outcome {number}, "
                                      f"found {self.describe(pos)}")
        known = self.outcomes.get(number)
        if known is None:
            outcome = Outcome(tuple(payoffs), name)
            self.outcomes[number] = (outcome, start)
            return outcome
        outcome = known[0]
        if (name, tuple(payoffs)) != (outcome.label, outcome.payoffs):
            raise self.error(start, f"outcome {number} is declared again differently: at "
                                    f"{self.where(known[1])} it is "
                                    f"{_show_outcome(outcome.label, outcome.payoffs)}, here "
                                    f"{_show_outcome(name, payoffs)}")
        return outcome


def _unique(labels: list[str]) -> list[str]:
    """Non-empty labels made unique as :func:`normalize_labels` does; empty ones stay empty.

    >>> _unique(["a", "", "a", "", "b"])
    ['a', '', 'a_1', '', 'b']
    """
    named = iter(normalize_labels([label for label in labels if label], "{}"))
    return [next(named) if label else "" for label in labels]


def _rename_repeats(root: Node) -> None:
    """Give repeated non-empty node names, and repeated information set names of one player,
    suffixes (see :func:`_unique`): Gambit 16.7 refuses files with such repeats."""
    nodes, stack = [], [root]
    while stack:  # prefix order
        node = stack.pop()
        nodes.append(node)
        stack.extend(reversed(node.children))
    for node, label in zip(nodes, _unique([n.label for n in nodes])):
        node.label = label
    keys: dict[tuple, InfosetKey] = {}  # (owner, number) -> key, in order of first appearance
    for node in nodes:
        if node.kind != "terminal":
            keys.setdefault((node.player, node.infoset.number), node.infoset)
    renamed = {}
    for owner in dict.fromkeys(owner for owner, _ in keys):
        mine = [(key, old) for key, old in keys.items() if key[0] == owner]
        for (key, old), label in zip(mine, _unique([old.label for _, old in mine])):
            renamed[key] = InfosetKey(old.number, label)
    for node in nodes:
        if node.kind != "terminal":
            node.infoset = renamed[(node.player, node.infoset.number)]


def _infoset_name(owner: int, number: int) -> str:
    return f"chance event {number}" if owner == 0 else f"information set {number} of player {owner}"


def _describe(token: Token) -> str:
    if token.kind == EOF:
        return "the end of the file"
    text = token.text if len(token.text) <= 30 else token.text[:30] + "..."
    return f"the string {text}" if token.kind == STRING else repr(text)


def _show_infoset(name: str, actions: tuple, probabilities: tuple) -> str:
    if probabilities:
        items = " ".join(f"{a!r} {p}" for a, p in zip(actions, probabilities))
    else:
        items = " ".join(repr(a) for a in actions)
    return f"{name!r} {{ {items} }}"


def _show_outcome(label: str, payoffs) -> str:
    return f"{label!r} {{ {', '.join(str(p) for p in payoffs)} }}"


# --------------------------------------------------------------------------- writing
def format_efg(game: ExtensiveFormGame) -> str:
    """The text of a ``.efg`` file for ``game``, which Gambit reads.

    Nodes are written in prefix order, one a line, each with the full body of its
    information set and outcome (as Gambit writes them).  Information sets are numbered
    per player (chance events among themselves) in order of first appearance, and
    outcomes in order of first appearance, one number per distinct
    :class:`~hegemony_games.games.extensive_form.Outcome` object (so outcomes shared by
    several nodes stay shared).  Exact numbers are written as integers or ``a/b``;
    floats as the shortest decimal that reads back as the same float (so a float game
    reads back as ``game.as_exact()``, whose ``as_float()`` is the original), except that
    the largest chance probability at a node absorbs the rounding error of the sum, so
    that the written probabilities sum to exactly one.  Player
    and action labels are written normalised, and repeated node and infoset names with
    suffixes (see :func:`parse_efg`), so that Gambit 16.7 reads the file; outcome names as they are, and ``game.comment`` if the game has one.  Tie-breaking
    priorities have no place in the format and are not written.

    Games with free parameters cannot be written (:class:`GameError`), nor can a
    label that ends with a backslash (the format cannot express it).

    >>> from hegemony_games.games.extensive_form import chance, decision, terminal
    >>> tree = ExtensiveFormGame(chance({
    ...     "Heads": (Fraction(1, 4), decision("A", {"l": terminal([1, 0.5]), "r": terminal([0, 0])})),
    ...     "Tails": (Fraction(3, 4), terminal([2, 0]))}), players=["A", "B"], title="coin")
    >>> print(format_efg(tree))
    EFG 2 R "coin" { "A" "B" }
    ""
    <BLANKLINE>
    c "" 1 "" { "Heads" 0.25 "Tails" 0.75 } 0
    p "" 1 1 "" { "l" "r" } 0
    t "" 1 "" { 1.0, 0.5 }
    t "" 2 "" { 0.0, 0.0 }
    t "" 3 "" { 2.0, 0.0 }
    <BLANKLINE>
    """
    if not isinstance(game, ExtensiveFormGame):
        raise GameError(f"format_efg needs an ExtensiveFormGame, got {type(game).__name__}")
    if game.kind == SYMBOLIC:
        names = ", ".join(sorted(s.name for s in game.parameters)) or "symbolic constants"
        raise GameError(f"cannot write a game with free parameters ({names}) to a .efg file; "
                        f"substitute values with game.subs({{...}}) first")
    number = _float_text if game.kind == FLOAT else str
    players = normalize_labels(game.players, "Player {}")
    index = {p: k for k, p in enumerate(game.players, 1)}
    infoset_of: dict[int, tuple[int, Any]] = {}  # id(node) -> (number, InformationSet)
    for sets in (*game.infosets, game.chance_infosets):
        for k, infoset in enumerate(sets, 1):
            for node in infoset.nodes:
                infoset_of[id(node)] = (k, infoset)
    outcome_numbers: dict[int, int] = {}
    lines = [f"EFG 2 R {quote(game.title, 'title')} "
             f"{{ {' '.join(quote(p, 'player name') for p in players)} }}",
             quote(str(getattr(game, "comment", "") or ""), "comment"), ""]
    node_labels = _unique([node.label for node in game.nodes])
    infoset_labels = {id(s): label for sets in (*game.infosets, game.chance_infosets)
                      for s, label in zip(sets, _unique([s.label for s in sets]))}
    for node, label in zip(game.nodes, node_labels):
        label = quote(label, "node name")
        if node.kind == "terminal":
            head = f"t {label}"
        else:
            k, infoset = infoset_of[id(node)]
            actions = [quote(a, "action") for a in normalize_labels(infoset.actions, "{}")]
            name = quote(infoset_labels[id(infoset)], "information set name")
            if node.kind == "chance":
                probabilities = _exact_sum(infoset.probabilities, number)
                items = " ".join(f"{a} {p}" for a, p in zip(actions, probabilities))
                head = f"c {label} {k} {name} {{ {items} }}"
            else:
                head = f"p {label} {index[node.player]} {k} {name} {{ {' '.join(actions)} }}"
        outcome = node.outcome
        if outcome is None:
            lines.append(f"{head} 0")
            continue
        k = outcome_numbers.setdefault(id(outcome), len(outcome_numbers) + 1)
        payoffs = ", ".join(number(v) for v in outcome.payoffs)
        lines.append(f"{head} {k} {quote(outcome.label, 'outcome name')} {{ {payoffs} }}")
    return "\n".join(lines) + "\n"


def write_efg(game: ExtensiveFormGame, path: str | os.PathLike) -> None:
    """Write ``game`` to a ``.efg`` file (UTF-8); see :func:`format_efg`."""
    text = format_efg(game)
    Path(path).write_text(text, encoding="utf-8")


def _exact_sum(probabilities: tuple, number) -> list[str]:
    """The probabilities as text; for floats, which need only sum to one within rounding,
    the largest one is written as one minus the others so that the decimals sum to exactly
    one (otherwise no reader would accept them: 1/3 and 2/3 as floats are written 0.3333333333333333
    and 0.6666666666666666).  That changes it by at most the rounding error of the sum."""
    texts = [number(p) for p in probabilities]
    if number is _float_text and sum(Decimal(t) for t in texts) != 1:
        largest = max(range(len(texts)), key=lambda k: probabilities[k])
        rest = sum(Decimal(t) for k, t in enumerate(texts) if k != largest)
        texts[largest] = format(1 - rest, "f")
    return texts


def _float_text(value: float) -> str:
    """The shortest decimal that reads back as ``value``, without an exponent (which
    not every reader of the format accepts): ``1e-05`` is written ``0.00001``."""
    text = repr(float(value))
    return format(Decimal(text), "f") if "e" in text else text
