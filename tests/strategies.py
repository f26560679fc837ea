"""Hypothesis strategies that build valid games by construction, shared by the property tests.

Modelled on Axelrod's ``tests/property.py``: every strategy here returns an object that is
valid by construction (no ``assume``/``filter`` on the expensive part), is cheap to draw and
shrinks towards small, readable games.  The strategies are themselves tested in
``tests/properties/test_strategies.py``.

>>> from hypothesis import find
>>> game = find(bimatrix_games(min_size=2, max_size=2), lambda g: True)
>>> game.shape, game.kind
((2, 2), 'exact')

Sizes are kept small on purpose: a whole property suite runs every test on 60 examples
(the ``ci`` profile of ``tests/conftest.py``), and vertex enumeration grows quickly.
"""
from __future__ import annotations

from fractions import Fraction
from typing import NamedTuple

import numpy as np
import sympy
from hypothesis import strategies as st

import hegemony_games as hg

__all__ = ["bimatrix_games", "degenerate_bimatrix_games", "zero_sum_games", "n_player_games",
           "classic_games", "CLASSIC_GAMES", "float_bimatrix_games", "mixed_profiles",
           "positive_affine_maps", "AffineMap", "DEGENERACY_FEATURES", "positive_weights",
           "perfect_information_trees", "simultaneous_stage_trees", "TREE_PLAYERS",
           "symbolic_perfect_information_trees", "TREE_PARAMETERS", "CHANCE_PARAMETER",
           "parametric_bimatrix_games", "GAME_PARAMETERS"]

SMALL_INTEGERS = st.integers(-5, 5)


@st.composite
def _matrix(draw, rows: int, cols: int, entries) -> list[list]:
    return [[draw(entries) for _ in range(cols)] for _ in range(rows)]


@st.composite
def bimatrix_games(draw, min_size: int = 1, max_size: int = 5, exact: bool = True,
                   payoffs=SMALL_INTEGERS) -> hg.NormalFormGame:
    """An m×n bimatrix game with m, n drawn in [min_size, max_size] and entries from ``payoffs``.

    With ``exact=False`` the (integer) payoffs are given as floats, so the game is a float game.
    """
    m = draw(st.integers(min_size, max_size), label="rows")
    n = draw(st.integers(min_size, max_size), label="columns")
    A = draw(_matrix(m, n, payoffs), label="A")
    B = draw(_matrix(m, n, payoffs), label="B")
    if not exact:
        A = [[float(v) for v in row] for row in A]
        B = [[float(v) for v in row] for row in B]
    return hg.NormalFormGame.from_bimatrix(A, B)


#: The structural features :func:`degenerate_bimatrix_games` can build in; each one makes a game
#: degenerate in von Stengel's sense (a mixed strategy with more pure best responses than the
#: size of its support), whatever the rest of the payoffs are.
DEGENERACY_FEATURES = ("constant column of A", "constant row of B", "duplicate row",
                       "duplicate column", "tie in a column of A", "tie in a row of B")


@st.composite
def degenerate_bimatrix_games(draw, min_size: int = 2, max_size: int = 4) -> hg.NormalFormGame:
    """A degenerate bimatrix game with payoffs in {0, 1, 2}; the side with the feature has ≥ 2 strategies.

    One feature of :data:`DEGENERACY_FEATURES` is built in on top of random small payoffs
    (which make further ties, duplicated strategies and constant rows likely anyway):

    * a constant column of A (or row of B): against that pure strategy the whole other side
      is indifferent, so one pure strategy has several best responses;
    * a duplicated row (column) that is a best response to some pure column (row), so that
      pure strategy has two best responses;
    * a tie at the maximum of a column of A (row of B): the same.
    """
    feature = draw(st.sampled_from(DEGENERACY_FEATURES), label="feature")
    # Every feature is built for the row player; the column features are the row features of
    # the game with the players swapped, (A, B) -> (Bᵀ, Aᵀ), which is undone at the end.
    for_columns = feature in ("constant row of B", "duplicate column", "tie in a row of B")
    duplicate = feature.startswith("duplicate")
    m = draw(st.integers(max(min_size, 2) - duplicate, max_size - duplicate), label="rows")
    n = draw(st.integers(min_size, max_size), label="columns")
    entries = st.integers(0, 2)
    A = np.array(draw(_matrix(m, n, entries), label="A"), dtype=np.int64).reshape(m, n)
    B = np.array(draw(_matrix(m, n, entries), label="B"), dtype=np.int64).reshape(m, n)
    j = draw(st.integers(0, n - 1), label="column")
    if feature.startswith("constant"):
        A[:, j] = draw(entries, label="constant")
    elif duplicate:
        best = int(np.argmax(A[:, j]))  # a best response to column j, so the copy ties with it
        at = draw(st.integers(0, m), label="position of the copy")
        A, B = np.insert(A, at, A[best], axis=0), np.insert(B, at, B[best], axis=0)
    else:
        i, k = draw(st.lists(st.integers(0, m - 1), min_size=2, max_size=2, unique=True),
                    label="tied rows")
        A[i, j] = A[k, j] = A[:, j].max()
    if for_columns:
        A, B = B.T, A.T
    return hg.NormalFormGame.from_bimatrix(A.tolist(), B.tolist())


@st.composite
def zero_sum_games(draw, min_size: int = 1, max_size: int = 4, payoffs=SMALL_INTEGERS) -> hg.NormalFormGame:
    """A two-player zero-sum game ``(A, -A)`` with A of m×n small integers."""
    m = draw(st.integers(min_size, max_size), label="rows")
    n = draw(st.integers(min_size, max_size), label="columns")
    return hg.NormalFormGame.zero_sum(draw(_matrix(m, n, payoffs), label="A"))


@st.composite
def n_player_games(draw, min_players: int = 2, max_players: int = 4, max_strategies: int = 3,
                   payoffs=SMALL_INTEGERS) -> hg.NormalFormGame:
    """An N-player game (N in [min_players, max_players]) with 1..max_strategies strategies each."""
    players = draw(st.integers(min_players, max_players), label="players")
    shape = tuple(draw(st.lists(st.integers(1, max_strategies), min_size=players, max_size=players),
                       label="shape"))
    size = int(np.prod(shape))
    arrays = [np.array(draw(st.lists(payoffs, min_size=size, max_size=size)), dtype=np.int64).reshape(shape)
              for _ in range(players)]
    return hg.NormalFormGame(arrays)


def _classic(title, A, B, strategies):
    return hg.NormalFormGame.from_bimatrix(A, B, strategies=strategies, title=title)


#: The textbook games, in their usual payoffs (Osborne, *An Introduction to Game Theory*, 2004, ch. 2-4).
CLASSIC_GAMES = {
    "prisoner's dilemma": _classic("Prisoner's dilemma", [[3, 0], [5, 1]], [[3, 5], [0, 1]],
                                   [["C", "D"], ["C", "D"]]),
    "matching pennies": _classic("Matching pennies", [[1, -1], [-1, 1]], [[-1, 1], [1, -1]],
                                 [["H", "T"], ["H", "T"]]),
    "battle of the sexes": _classic("Battle of the sexes", [[2, 0], [0, 1]], [[1, 0], [0, 2]],
                                    [["B", "S"], ["B", "S"]]),
    "chicken": _classic("Chicken (hawk-dove)", [[0, -1], [1, -10]], [[0, 1], [-1, -10]],
                        [["Swerve", "Straight"], ["Swerve", "Straight"]]),
    "stag hunt": _classic("Stag hunt", [[4, 0], [3, 3]], [[4, 3], [0, 3]],
                          [["Stag", "Hare"], ["Stag", "Hare"]]),
    "coordination": _classic("Coordination", [[1, 0], [0, 1]], [[1, 0], [0, 1]],
                             [["L", "R"], ["L", "R"]]),
    "rock-paper-scissors": _classic("Rock-paper-scissors",
                                    [[0, -1, 1], [1, 0, -1], [-1, 1, 0]],
                                    [[0, 1, -1], [-1, 0, 1], [1, -1, 0]],
                                    [["R", "P", "S"], ["R", "P", "S"]]),
}


def classic_games() -> st.SearchStrategy[hg.NormalFormGame]:
    """One of :data:`CLASSIC_GAMES` (all 2×2 except rock-paper-scissors; all nondegenerate)."""
    return st.sampled_from(list(CLASSIC_GAMES.values()))


@st.composite
def float_bimatrix_games(draw, min_size: int = 1, max_size: int = 4) -> hg.NormalFormGame:
    """A bimatrix game with payoffs drawn uniformly from [-1, 1) as float64.

    Hypothesis' own float strategy favours special values (0.0, ties, huge numbers); here
    hypothesis only draws a seed, so the game is nondegenerate with probability one.
    """
    m = draw(st.integers(min_size, max_size), label="rows")
    n = draw(st.integers(min_size, max_size), label="columns")
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1), label="seed"))
    return hg.NormalFormGame.from_bimatrix(rng.uniform(-1, 1, (m, n)), rng.uniform(-1, 1, (m, n)))


@st.composite
def positive_weights(draw, n: int, max_weight: int = 4) -> list[int]:
    """n integer weights in [0, max_weight], at least one of them positive (no filtering)."""
    weights = draw(st.lists(st.integers(0, max_weight), min_size=n, max_size=n), label="weights")
    k = draw(st.integers(0, n - 1), label="a positive weight")
    weights[k] = max(weights[k], 1)
    return weights


@st.composite
def _distribution(draw, n: int, max_weight: int = 4) -> tuple[Fraction, ...]:
    weights = draw(positive_weights(n, max_weight))
    total = sum(weights)
    return tuple(Fraction(w, total) for w in weights)


def mixed_profiles(game: hg.NormalFormGame, max_weight: int = 4) -> st.SearchStrategy[tuple]:
    """A mixed profile of ``game``: one exact probability vector (``Fraction``s summing to 1) per player.

    Supports are random too: pure strategies, partial and full supports all occur.
    """
    return st.tuples(*(_distribution(n, max_weight) for n in game.shape))


class AffineMap(NamedTuple):
    """The map u ↦ scale·u + shift with scale > 0 (exact)."""

    scale: Fraction
    shift: Fraction

    def __call__(self, value):
        return self.scale * value + self.shift


def positive_affine_maps() -> st.SearchStrategy[AffineMap]:
    """A positive affine map u ↦ a·u + b with a > 0 and a, b small exact rationals."""
    scales = st.fractions(min_value=Fraction(1, 10), max_value=10, max_denominator=10)
    shifts = st.fractions(min_value=-10, max_value=10, max_denominator=10)
    return st.builds(AffineMap, scales, shifts)


# --------------------------------------------------------------------------- game trees
#: Player names of the generated trees, in order.
TREE_PLAYERS = ("P1", "P2", "P3")


@st.composite
def _exact_distribution(draw, n: int) -> list[Fraction]:
    """n exact probabilities summing to one; zeros occur (a chance branch that is never taken)."""
    weights = draw(positive_weights(n, max_weight=3))
    return [Fraction(w, sum(weights)) for w in weights]


@st.composite
def perfect_information_trees(draw, max_depth: int = 3, max_branching: int = 3,
                              max_decision_nodes: int = 6, min_players: int = 2, max_players: int = 3,
                              chance: bool = True, payoffs=st.integers(0, 3),
                              inner_payoffs: bool = False) -> hg.ExtensiveFormGame:
    """A perfect-information tree: decision nodes (2..max_branching actions), optional chance
    nodes with exact probabilities, integer payoffs at the leaves only.

    The root is a decision node; depth (edges from the root to a leaf) is at most ``max_depth``
    and there are at most ``max_decision_nodes`` decision nodes, so brute force over all pure
    profiles stays cheap.  Payoffs from the small default range {0..3} make ties (indifferent
    movers, hence several pure SPE) common; ``payoffs=st.integers(-50, 50)`` makes them rare.
    Action labels are ``a0, a1, ...``; chance actions ``c0, c1, ...``.  With ``inner_payoffs``
    some decision and chance nodes also carry payoffs, collected when play passes through them
    (as Gambit's non-terminal outcomes).
    """
    n = draw(st.integers(min_players, max_players), label="players")
    players = TREE_PLAYERS[:n]
    root = _random_tree(
        draw, players, max_depth, max_branching, max_decision_nodes, chance,
        payoff_vector=lambda: [draw(payoffs) for _ in range(n)],
        inner_here=lambda: inner_payoffs and draw(st.booleans(), label="inner payoffs?"),
        probabilities=lambda width: draw(_exact_distribution(width)))
    return hg.ExtensiveFormGame(root, players=players)


def _random_tree(draw, players, max_depth: int, max_branching: int, max_decision_nodes: int, chance: bool,
                 payoff_vector, inner_here, probabilities) -> hg.games.extensive_form.Node:
    """The root of a random tree (the shape both tree strategies share): a decision root, then at
    each node a leaf (``payoff_vector()``), a chance node (``probabilities(width)``) or a decision
    node, inner nodes carrying ``payoff_vector()`` when ``inner_here()``."""
    budget = [max_decision_nodes]

    def build(depth: int, root: bool = False):
        if depth == max_depth or budget[0] == 0 or (not root and draw(st.booleans(), label="leaf")):
            return hg.terminal(payoff_vector())
        width = draw(st.integers(2, max_branching), label="actions")
        inner = payoff_vector() if inner_here() else None
        if not root and chance and draw(st.integers(0, 3), label="chance?") == 0:
            return hg.chance({f"c{k}": (p, build(depth + 1)) for k, p in enumerate(probabilities(width))},
                             payoffs=inner)
        budget[0] -= 1
        player = draw(st.sampled_from(players), label="mover")
        return hg.decision(player, {f"a{k}": build(depth + 1) for k in range(width)}, payoffs=inner)

    return build(0, root=True)


@st.composite
def simultaneous_stage_trees(draw, max_stage_size: int = 3, max_stages: int = 2,
                             payoffs=st.integers(0, 4)) -> hg.ExtensiveFormGame:
    """A small sequential game with a simultaneous-move stage inside.

    P1 first chooses among 2..max_stages+1 actions: ``out`` ends the game, each ``stage…`` action leads to a
    normal-form stage (m×n, m and n in 2..max_stage_size) between two distinct players, the
    second of whom does not see the first's move (one information set across the first's
    actions); sometimes chance first picks which of two stages is played (exact probabilities).
    With three players the third only receives payoffs or plays in a stage.  Sometimes one cell
    of a stage is followed by a two-action move of any player (a proper subgame inside the
    stage's subgame).  Payoffs are small integers at the leaves, so stages with several (and
    mixed) equilibria, and ties in the follow-up moves, are common.
    """
    n = draw(st.integers(2, 3), label="players")
    players = TREE_PLAYERS[:n]
    counter = [0]

    def stage():
        first, second = draw(st.lists(st.sampled_from(players), min_size=2, max_size=2, unique=True),
                             label="stage players")
        rows = draw(st.integers(2, max_stage_size), label="rows")
        cols = draw(st.integers(2, max_stage_size), label="columns")
        counter[0] += 1
        key = f"stage{counter[0]}"
        # sometimes one outcome of the stage is followed by a move of its own (a proper subgame below)
        follow = draw(st.one_of(st.none(), st.tuples(st.integers(0, rows - 1), st.integers(0, cols - 1),
                                                      st.sampled_from(players))), label="follow-up")

        def outcome(i, j):
            if follow is not None and follow[:2] == (i, j):
                return hg.decision(follow[2], {f"f{k}": hg.terminal([draw(payoffs) for _ in range(n)])
                                               for k in range(2)})
            return hg.terminal([draw(payoffs) for _ in range(n)])
        return hg.decision(first, {
            f"r{i}": hg.decision(second, {f"s{j}": outcome(i, j) for j in range(cols)}, infoset=key)
            for i in range(rows)})

    branches = {"out": hg.terminal([draw(payoffs) for _ in range(n)])}
    for k in range(draw(st.integers(1, max_stages), label="stages")):
        if draw(st.booleans(), label="chance before the stage"):
            p, q = draw(_exact_distribution(2))
            branches[f"stage{k}"] = hg.chance({"c0": (p, stage()), "c1": (q, stage())})
        else:
            branches[f"stage{k}"] = stage()
    return hg.ExtensiveFormGame(hg.decision("P1", branches), players=players)


#: The parameters of :func:`symbolic_perfect_information_trees`: payoffs are linear in them.
TREE_PARAMETERS = (sympy.Symbol("x"), sympy.Symbol("y"))
#: The symbolic chance probability of those trees (declared non-negative; its complement 1 − p
#: is required non-negative by the symbolic solver).
CHANCE_PARAMETER = sympy.Symbol("p", nonnegative=True)


@st.composite
def symbolic_perfect_information_trees(draw, max_parameters: int = 2, max_depth: int = 3,
                                       max_branching: int = 2, max_decision_nodes: int = 5,
                                       chance: bool = True, symbolic_chance: bool = False,
                                       inner_payoffs: bool = True,
                                       coefficients=st.integers(-2, 2)) -> hg.ExtensiveFormGame:
    """A perfect-information tree whose payoffs are affine in 1..``max_parameters`` of
    :data:`TREE_PARAMETERS`: each payoff is ``c0 + c1·x (+ c2·y)`` with small integer
    coefficients (so ties and parameter-free payoffs are common).

    The root is a decision node; chance nodes (when ``chance``) have exact probabilities, or
    ``(p, 1 − p)`` with :data:`CHANCE_PARAMETER` for two-way chance nodes when
    ``symbolic_chance``.  Some inner nodes carry payoffs (when ``inner_payoffs``).  The tree is
    symbolic: at least one payoff has a parameter.  Sizes are bounded by ``max_depth``,
    ``max_branching`` and ``max_decision_nodes``.
    """
    params = TREE_PARAMETERS[:draw(st.integers(1, max_parameters), label="parameters")]
    n = draw(st.integers(2, 3), label="players")
    players = TREE_PLAYERS[:n]

    def value():
        terms = [draw(coefficients) for _ in range(len(params) + 1)]
        return sympy.Integer(terms[0]) + sum(c * s for c, s in zip(terms[1:], params))

    def probabilities(width: int) -> list:
        if symbolic_chance and width == 2 and draw(st.booleans(), label="symbolic chance?"):
            return [CHANCE_PARAMETER, 1 - CHANCE_PARAMETER]
        return draw(_exact_distribution(width))

    root = _random_tree(
        draw, players, max_depth, max_branching, max_decision_nodes, chance,
        payoff_vector=lambda: [value() for _ in range(n)],
        inner_here=lambda: inner_payoffs and draw(st.integers(0, 3), label="inner?") == 0,
        probabilities=probabilities)
    leaves = [node for node in _walk(root) if node.kind == "terminal"]
    if not any(sympy.sympify(v).free_symbols for leaf in leaves for v in leaf.outcome.payoffs):
        leaves[0].outcome.payoffs = (leaves[0].outcome.payoffs[0] + params[0],) + leaves[0].outcome.payoffs[1:]
    return hg.ExtensiveFormGame(root, players=players)


def _walk(node):
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(current.children)


#: The parameters of :func:`parametric_bimatrix_games`.
GAME_PARAMETERS = sympy.symbols("s t")


@st.composite
def parametric_bimatrix_games(draw, max_parameters: int = 2, shapes=((2, 2), (2, 3))) -> hg.NormalFormGame:
    """A 2×2 or 2×3 bimatrix game whose payoffs are ``a + b·s (+ c·t)`` with small integers: linear
    in one or two parameters (``GAME_PARAMETERS``), symbolic by construction (one payoff of
    player 1 has coefficient 1 on ``s``).

    Shrinks towards one parameter, a 2×2 game and zero coefficients.
    """
    count = draw(st.integers(1, max_parameters))
    params = GAME_PARAMETERS[:count]
    rows, cols = draw(st.sampled_from(shapes))

    def entry():
        return draw(st.integers(-3, 3)) + sum(draw(st.integers(-2, 2)) * p for p in params)

    A = [[entry() for _ in range(cols)] for _ in range(rows)]
    B = [[entry() for _ in range(cols)] for _ in range(rows)]
    s = params[0]
    A[0][0] += (1 - sympy.sympify(A[0][0]).coeff(s)) * s   # coefficient 1 on s: symbolic for sure
    return hg.NormalFormGame.from_bimatrix(A, B)
