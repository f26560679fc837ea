"""Tests of the shared hypothesis strategies (tests/strategies.py): they build what they promise."""
from fractions import Fraction

import numpy as np
import sympy
from hypothesis import given
from hypothesis import strategies as st

import hegemony_games as hg
from tests import strategies as hs


def _entries(game):
    return [v for a in game.payoffs for v in a.flat]


@given(hs.bimatrix_games())
def test_bimatrix_games_are_exact_two_player_games_of_the_requested_size(game):
    assert isinstance(game, hg.NormalFormGame)
    assert game.num_players == 2 and game.kind == "exact"
    m, n = game.shape
    assert 1 <= m <= 5 and 1 <= n <= 5
    assert all(isinstance(v, Fraction) and v.denominator == 1 and -5 <= v <= 5 for v in _entries(game))


@given(st.data(), st.integers(1, 4), st.integers(0, 3))
def test_bimatrix_games_respects_size_bounds_kind_and_payoffs(data, low, extra):
    game = data.draw(hs.bimatrix_games(min_size=low, max_size=low + extra, exact=False,
                                       payoffs=st.integers(0, 3)))
    assert game.kind == "float"
    assert all(low <= k <= low + extra for k in game.shape)
    assert all(v in (0.0, 1.0, 2.0, 3.0) for v in _entries(game))


@given(hs.degenerate_bimatrix_games())
def test_degenerate_bimatrix_games_are_degenerate(game):
    assert game.kind == "exact" and game.num_players == 2
    assert all(2 <= k <= 4 for k in game.shape)
    assert set(_entries(game)) <= {0, 1, 2}
    assert hg.solve(game).degenerate is True
    assert _has_pure_strategy_with_two_best_responses(game)


def _has_pure_strategy_with_two_best_responses(game):
    """Independent check of the construction: some pure strategy has ≥ 2 pure best responses."""
    A, B = (np.array(a, dtype=object) for a in game.payoffs)
    tie_in_column = any(list(A[:, j]).count(max(A[:, j])) >= 2 for j in range(A.shape[1]))
    tie_in_row = any(list(B[i]).count(max(B[i])) >= 2 for i in range(B.shape[0]))
    return tie_in_column or tie_in_row


@given(hs.zero_sum_games())
def test_zero_sum_games_are_zero_sum(game):
    assert game.kind == "exact" and game.is_zero_sum()
    A, B = game.payoffs
    assert all(a + b == 0 for a, b in zip(A.flat, B.flat))
    assert all(1 <= k <= 4 for k in game.shape)


@given(hs.n_player_games())
def test_n_player_games_have_the_requested_players_and_strategies(game):
    assert 2 <= game.num_players <= 4
    assert all(1 <= k <= 3 for k in game.shape)
    assert len(game.payoffs) == game.num_players
    assert all(a.shape == game.shape for a in game.payoffs)
    assert game.kind == "exact"


@given(hs.classic_games())
def test_classic_games_are_named_nondegenerate_textbook_games(game):
    assert game.title and game.kind == "exact" and game.num_players == 2
    assert game in hs.CLASSIC_GAMES.values()
    solution = hg.solve(game)
    assert solution.degenerate is False and len(solution) % 2 == 1


@given(hs.float_bimatrix_games())
def test_float_bimatrix_games_are_float_nondegenerate_and_in_range(game):
    assert game.kind == "float" and all(1 <= k <= 4 for k in game.shape)
    assert all(-1 <= v < 1 for v in _entries(game))
    assert len(set(_entries(game))) == len(_entries(game))  # no ties at all
    assert hg.solve(game, exact=True).degenerate is False


@given(st.data(), st.one_of(hs.bimatrix_games(max_size=4), hs.n_player_games(max_players=3)))
def test_mixed_profiles_are_exact_probability_vectors(data, game):
    profile = data.draw(hs.mixed_profiles(game))
    assert len(profile) == game.num_players
    for vector, n in zip(profile, game.shape):
        assert len(vector) == n
        assert all(isinstance(p, Fraction) and p >= 0 for p in vector)
        assert sum(vector) == 1
    game.profile(profile)  # the library accepts it as a valid profile


@given(hs.positive_affine_maps(), st.fractions(max_denominator=20))
def test_positive_affine_maps_are_exact_and_increasing(affine, value):
    assert isinstance(affine.scale, Fraction) and affine.scale > 0
    assert isinstance(affine.shift, Fraction)
    assert affine(value) == affine.scale * value + affine.shift
    assert affine(value + 1) > affine(value)


def _tree_nodes(node):
    yield node
    for child in node.children:
        yield from _tree_nodes(child)


def _depth(node):
    return 0 if not node.children else 1 + max(_depth(c) for c in node.children)


@given(hs.perfect_information_trees())
def test_perfect_information_trees_are_valid_bounded_trees(tree):
    assert isinstance(tree, hg.ExtensiveFormGame) and tree.kind == "exact"
    assert tree.players == hs.TREE_PLAYERS[:tree.num_players] and 2 <= tree.num_players <= 3
    assert tree.is_perfect_information() and tree.has_perfect_recall()
    assert tree.root.kind == "decision" and _depth(tree.root) <= 3
    nodes = list(_tree_nodes(tree.root))
    assert sum(n.kind == "decision" for n in nodes) <= 6
    for node in nodes:
        if node.kind == "terminal":
            assert all(isinstance(v, Fraction) and v.denominator == 1 and 0 <= v <= 3
                       for v in node.outcome.payoffs)
        else:
            assert node.outcome is None and 2 <= len(node.actions) <= 3
        if node.kind == "chance":
            assert sum(node.probabilities) == 1 and all(isinstance(p, Fraction) and p >= 0
                                                        for p in node.probabilities)


@given(st.data())
def test_perfect_information_trees_respect_their_bounds(data):
    depth, width, budget = data.draw(st.integers(1, 4)), data.draw(st.integers(2, 4)), data.draw(st.integers(1, 8))
    tree = data.draw(hs.perfect_information_trees(max_depth=depth, max_branching=width,
                                                  max_decision_nodes=budget, chance=False,
                                                  payoffs=st.integers(-50, 50)))
    nodes = list(_tree_nodes(tree.root))
    assert _depth(tree.root) <= depth and sum(n.kind == "decision" for n in nodes) <= budget
    assert all(n.kind != "chance" and len(n.children) <= width for n in nodes)
    assert all(-50 <= v <= 50 for n in nodes if n.outcome for v in n.outcome.payoffs)


def test_perfect_information_trees_produce_chance_nodes_and_ties():
    """The generator covers the features it promises: chance nodes, and indifferent movers."""
    from hypothesis import Phase, find, settings
    quick = settings(database=None, max_examples=500, phases=[Phase.generate])  # no shrinking: fast
    tree = find(hs.perfect_information_trees(), lambda t: any(n.kind == "chance" for n in t.nodes),
                settings=quick)
    assert any(n.kind == "chance" for n in tree.nodes)

    def tied(t):  # some decision node whose leaf children give its mover equal payoffs
        return any(n.kind == "decision" and len({c.outcome.payoffs[t.players.index(n.player)]
                                                 for c in n.children if c.kind == "terminal"})
                   < sum(c.kind == "terminal" for c in n.children) for n in t.nodes)
    assert tied(find(hs.perfect_information_trees(), tied, settings=quick))


@given(hs.simultaneous_stage_trees())
def test_simultaneous_stage_trees_have_a_stage_with_an_information_set(tree):
    assert tree.kind == "exact" and 2 <= tree.num_players <= 3
    assert tree.root.kind == "decision" and tree.root.player == "P1"
    assert tree.root.actions[0] == "out" and tree.root.children[0].kind == "terminal"
    assert not tree.is_perfect_information() and tree.has_perfect_recall()
    # every stage is a proper subgame; the information sets inside it are not singletons
    shared = [s for sets in tree.infosets for s in sets if len(s.nodes) > 1]
    assert shared and all(2 <= len(s.nodes) <= 3 and 2 <= len(s.actions) <= 3 for s in shared)
    singles = [s.nodes[0] for sets in tree.infosets for s in sets if len(s.nodes) == 1]
    follow_ups = [n for n in singles if n is not tree.root and n.player in tree.players
                  and all(c.kind == "terminal" for c in n.children) and tree.parent(n)[0].infoset is not None]
    assert len(singles) == 1 + len(follow_ups) + sum(1 for s in shared)  # root, follow-ups, stage roots
    assert len(follow_ups) <= sum(1 for s in shared)  # at most one per stage
    for infoset in shared:
        parents = {id(tree.parent(n)[0]) for n in infoset.nodes}
        assert len(parents) == 1  # the nodes are the outcomes of one simultaneous move
        (parent,) = {tree.parent(n)[0] for n in infoset.nodes[:1]}
        assert parent.player != infoset.player and parent in tree.subgame_roots()


def test_simultaneous_stage_trees_produce_chance_follow_ups_and_three_players():
    from hypothesis import Phase, find, settings
    quick = settings(database=None, max_examples=500, phases=[Phase.generate])
    trees = hs.simultaneous_stage_trees()
    assert find(trees, lambda t: any(n.kind == "chance" for n in t.nodes), settings=quick)
    assert find(trees, lambda t: t.num_players == 3, settings=quick)
    follow = find(trees, lambda t: any(n.kind == "decision" and n.infoset is None and n is not t.root
                                       and t.parent(n)[0].infoset is not None for n in t.nodes), settings=quick)
    assert len(follow.subgame_roots()) > sum(n.kind == "terminal" for n in follow.nodes) + 2


@given(hs.simultaneous_stage_trees(max_stage_size=2, max_stages=1))
def test_simultaneous_stage_trees_respect_their_bounds(tree):
    assert len(tree.root.actions) == 2   # out and one stage
    assert all(len(s.actions) == 2 for sets in tree.infosets for s in sets)


@given(hs.perfect_information_trees(inner_payoffs=True))
def test_perfect_information_trees_with_inner_payoffs(tree):
    assert tree.is_perfect_information() and tree.kind == "exact"
    for node in tree.nodes:
        if node.kind != "terminal" and node.outcome is not None:
            assert len(node.outcome.payoffs) == tree.num_players
            assert all(0 <= v <= 3 for v in node.outcome.payoffs)


@given(hs.parametric_bimatrix_games())
def test_parametric_bimatrix_games_are_linear_in_one_or_two_parameters(game):
    assert game.kind == "symbolic" and game.shape in ((2, 2), (2, 3))
    assert game.parameters and game.parameters <= set(hs.GAME_PARAMETERS)
    assert sympy.sympify(game.payoffs[0][0, 0]).coeff(hs.GAME_PARAMETERS[0]) == 1   # as its docstring says
    for array in game.payoffs:
        for entry in array.flat:
            assert sympy.Poly(entry, *hs.GAME_PARAMETERS).total_degree() <= 1


@given(hs.symbolic_perfect_information_trees(symbolic_chance=True))
def test_symbolic_perfect_information_trees_are_affine_in_their_parameters(tree):
    assert tree.kind == "symbolic" and tree.is_perfect_information() and tree.root.kind == "decision"
    allowed = set(hs.TREE_PARAMETERS) | {hs.CHANCE_PARAMETER}
    assert tree.parameters and tree.parameters <= allowed
    nodes = list(_tree_nodes(tree.root))
    assert _depth(tree.root) <= 3 and sum(n.kind == "decision" for n in nodes) <= 5
    for node in nodes:
        for value in node.outcome.payoffs if node.outcome else ():
            poly = sympy.Poly(value, *hs.TREE_PARAMETERS)
            assert poly.total_degree() <= 1 and all(abs(c) <= 2 for c in poly.coeffs())
        if node.kind == "chance":
            assert sympy.expand(sum(node.probabilities) - 1) == 0
            assert all(p == hs.CHANCE_PARAMETER or p == 1 - hs.CHANCE_PARAMETER or 0 <= p <= 1
                       for p in node.probabilities)


def test_symbolic_perfect_information_trees_produce_symbolic_chance_and_two_parameters():
    from hypothesis import Phase, find, settings
    quick = settings(database=None, max_examples=500, phases=[Phase.generate])
    tree = find(hs.symbolic_perfect_information_trees(symbolic_chance=True),
                lambda t: hs.CHANCE_PARAMETER in t.parameters and set(hs.TREE_PARAMETERS) <= t.parameters,
                settings=quick)
    assert any(n.kind == "chance" for n in tree.nodes)
