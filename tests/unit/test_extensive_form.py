"""Game trees: building, validation, the reduced normal form, behaviour profiles, subgames,
symbolic payoffs.  Expected values are computed by hand in the comments."""
from fractions import Fraction as F

import pytest
import sympy

import hegemony_games as hg
from hegemony_games import chance, decision, terminal
from hegemony_games.games import behaviour


def selten_fig2():
    """Selten (1975), Figure 2: P1 ends (R) or passes (L); P2 ends (R) or passes (L); P1 again."""
    return hg.ExtensiveFormGame(decision("Player 1", {
        "R": terminal([1, 1]),
        "L": decision("Player 2", {
            "R": terminal([0, 2]),
            "L": decision("Player 1", {"r": terminal([0, 3]), "l": terminal([2, 0])})})}))


def selten_horse():
    """Selten's horse (Selten 1975, Figure 1), players 1–3; Player 3 does not know whether
    Player 2 was asked to move."""
    return hg.ExtensiveFormGame(decision("1", {
        "R": decision("2", {
            "R": terminal([1, 1, 1]),
            "L": decision("3", {"R": terminal([4, 4, 0]), "L": terminal([0, 0, 1])}, infoset="h")}),
        "L": decision("3", {"R": terminal([3, 2, 2]), "L": terminal([0, 0, 0])}, infoset="h")}))


# ----------------------------------------------------------------------------- building


def test_players_nodes_and_information_sets_in_order_of_first_appearance():
    game = selten_horse()
    assert game.players == ("1", "2", "3") and game.num_nodes == 9 and game.kind == "exact"
    assert [len(sets) for sets in game.infosets] == [1, 1, 1]
    (h,) = game.infosets[2]
    assert h.label == "h" and h.actions == ("R", "L") and len(h.nodes) == 2
    assert [game.path_to(n) for n in h.nodes] == [["R", "L"], ["L"]]  # prefix order
    assert not game.is_perfect_information() and game.has_perfect_recall()
    assert game.infoset_of(h.nodes[1]) == (2, 0)
    assert game.parent(game.root) is None and game.parent(h.nodes[1]) == (game.root, 1)


def test_a_players_information_sets_follow_prefix_order_not_depth():
    # B moves deep on the left before she moves shallow on the right: the deep one comes first
    game = hg.ExtensiveFormGame(decision("A", {
        "l": decision("A", {"x": decision("B", {"u": terminal([0, 0]), "d": terminal([1, 1])}),
                            "y": terminal([2, 2])}),
        "r": decision("B", {"p": terminal([3, 3]), "q": terminal([4, 4]), "s": terminal([5, 5])})}))
    assert [s.actions for s in game.infosets[1]] == [("u", "d"), ("p", "q", "s")]
    assert [s.actions for s in game.infosets[0]] == [("l", "r"), ("x", "y")]


def test_labels_and_explicit_player_order():
    game = hg.ExtensiveFormGame(decision("B", {"go": terminal([1, 2], label="end")}, label="start"),
                                players=["A", "B"], title="t")
    assert game.players == ("A", "B") and game.title == "t"
    assert game.root.label == "start" and game.root.children[0].label == "end"
    assert game.infosets == ((), (game.infosets[1][0],))
    assert "t" in repr(game)


def test_exact_chance_probabilities_from_fractions_and_strings():
    game = hg.ExtensiveFormGame(chance({"weak": ("1/3", terminal([3, 0])),
                                        "strong": (F(2, 3), terminal([0, 3]))}), players=["A", "B"])
    assert game.root.probabilities == (F(1, 3), F(2, 3))
    assert game.kind == "exact"
    assert game.expected_payoffs([[], []]) == (F(1), F(2))  # 3·1/3, 3·2/3


def test_floats_make_a_float_game_and_conversions_round_trip():
    game = hg.ExtensiveFormGame(decision("A", {"a": terminal([0.5, 1]), "b": terminal([1, 0])}),
                                players=["A", "B"])
    assert game.kind == "float"
    exact = game.as_exact()
    assert exact.kind == "exact" and exact.root.children[0].outcome.payoffs == (F(1, 2), F(1))
    assert exact.as_float().root.children[0].outcome.payoffs == (0.5, 1.0)


def test_payoffs_at_inner_nodes_add_up_along_the_path():
    game = hg.ExtensiveFormGame(decision("A", {
        "a": decision("B", {"x": terminal([1, 1]), "y": terminal()}, payoffs=[10, -10]),
        "b": terminal([0, 0])}))
    leaf = game.root.children[0].children[0]
    assert game.outcome_sum(leaf) == (11, -9)
    assert game.expected_payoffs([[(1, 0)], [(0, 1)]]) == (10, -10)
    assert hg.spe(game)[0].payoffs == (11, -9)  # B: x gives 1 - 10 > 0 - 10; A: 10 + 1 > 0


# ----------------------------------------------------------------------------- invalid trees


def check_error(build, *fragments):
    with pytest.raises(hg.GameError) as info:
        build()
    for fragment in fragments:
        assert fragment in str(info.value), str(info.value)


def test_chance_probabilities_must_sum_to_one_and_the_node_is_named():
    check_error(lambda: hg.ExtensiveFormGame(decision("A", {
        "go": chance({"x": ("1/3", terminal([0])), "y": ("1/3", terminal([1]))}, label="nature")})),
        "nature", "after go", "2/3")


def test_negative_chance_probabilities_are_rejected():
    check_error(lambda: hg.ExtensiveFormGame(decision("A", {
        "go": chance({"x": ("-1/3", terminal([0])), "y": ("4/3", terminal([1]))})})),
        "negative", "after go")


def test_float_probabilities_must_sum_to_one():
    check_error(lambda: hg.ExtensiveFormGame(chance({"x": (0.3, terminal([0])), "y": (0.6, terminal([1]))}),
                                             players=["A"]), "sum to")


def test_actions_must_agree_inside_an_information_set():
    check_error(lambda: hg.ExtensiveFormGame(decision("A", {
        "x": decision("B", {"l": terminal([0, 0]), "r": terminal([0, 0])}, infoset="s"),
        "y": decision("B", {"l": terminal([0, 0]), "m": terminal([0, 0])}, infoset="s")})),
        "information set 's'", "after y", "['l', 'm']")


def test_absent_minded_trees_are_held_but_need_perfect_recall_to_be_solved():
    # Piccione & Rubinstein (1997): one information set meets the path twice.
    driver = hg.ExtensiveFormGame(decision("A", {
        "stop": terminal([0]),
        "go": decision("A", {"stop": terminal([4]), "go": terminal([1])}, infoset="exit")},
        infoset="exit"))
    assert len(driver.infosets[0]) == 1 and not driver.has_perfect_recall()
    # going on with probability 1/2 at each visit: 1/2 * 0 + 1/4 * 4 + 1/4 * 1 = 5/4
    assert driver.expected_payoffs([[(F(1, 2), F(1, 2))]]) == (F(5, 4),)
    # pure strategies: "stop" pays 0 at once; "go" goes on at both visits and pays 1
    assert driver.to_normal_form().payoffs[0].tolist() == [0, 1]
    check_error(lambda: hg.spe(driver), "perfect recall")
    check_error(lambda: hg.solve(driver), "perfect recall")


def imperfect_recall_tree():
    """A forgets her own first move: both her later nodes share one information set."""
    return hg.ExtensiveFormGame(decision("A", {
        "l": decision("B", {"x": decision("A", {"u": terminal([1, 0]), "d": terminal([0, 0])}, infoset="f"),
                            "y": terminal([0, 0])}),
        "r": decision("B", {"x": decision("A", {"u": terminal([0, 0]), "d": terminal([1, 0])}, infoset="f"),
                            "y": terminal([0, 0])})}))


def test_imperfect_recall_is_an_error_where_it_matters_and_names_the_node():
    game = imperfect_recall_tree()
    assert not game.has_perfect_recall()
    game.to_normal_form()  # the strategic form itself is defined without perfect recall
    for call in (lambda: hg.spe(game), lambda: hg.solve(game),
                 lambda: game.regrets([[(1, 0), (1, 0)], [(1, 0), (1, 0)]])):
        check_error(call, "perfect recall", "'f'", "after r > x")


def test_forgetting_information_is_imperfect_recall_too():
    # B sees A's move at her first node, then forgets it at the second
    game = hg.ExtensiveFormGame(decision("A", {
        "l": decision("B", {"a": decision("B", {"u": terminal([0, 1]), "d": terminal([0, 0])}, infoset="late")}),
        "r": decision("B", {"a": decision("B", {"u": terminal([0, 0]), "d": terminal([0, 1])}, infoset="late")})}))
    assert not game.has_perfect_recall()
    check_error(lambda: hg.spe(game), "perfect recall", "after r > a")


@pytest.mark.parametrize("build, fragments", [
    (lambda: decision("A", {}), ["decision node 'A'", "at least one action"]),
    (lambda: chance({}, label="coin"), ["chance node 'coin'"]),
    (lambda: hg.ExtensiveFormGame(decision("A", {"x": "leaf"})), ["Node", "action 'x'"]),
    (lambda: hg.ExtensiveFormGame(decision("A", {"x": terminal([0]), "y": terminal([1, 2])})),
     ["after y", "2 payoffs", "1 players"]),
    (lambda: hg.ExtensiveFormGame(decision("A", {"x": terminal([0]), "y": terminal(["abc"])})),
     ["after y", "abc"]),
    (lambda: hg.ExtensiveFormGame(decision("A", {"x": terminal([0]), "y": terminal([float("nan")])})),
     ["after y", "finite"]),
    (lambda: hg.ExtensiveFormGame(decision("A", [("x", terminal([0])), ("x", terminal([1]))])),
     ["repeats an action", "'A'"]),
    (lambda: hg.ExtensiveFormGame(decision("A", {"x": terminal([0]), "y": terminal([1])}, priority=["x", "z"])),
     ["priority", "'A'"]),
    (lambda: hg.ExtensiveFormGame(decision("A", {"x": terminal([0, 0])}), players=["A", "A"]), ["distinct"]),
    (lambda: hg.ExtensiveFormGame(decision("chance", {"x": terminal([0, 0])}), players=["chance", "B"]),
     ["reserved"]),
    (lambda: hg.ExtensiveFormGame(decision("Z", {"x": terminal([0, 0])}), players=["A", "B"]), ["'Z'"]),
    (lambda: hg.ExtensiveFormGame("root"), ["Node"]),
    (lambda: hg.ExtensiveFormGame(decision("B", {
        "p": chance({"x": ("1/2", terminal([0])), "y": ("1/2", terminal([0]))}, infoset="k"),
        "q": chance({"x": ("1/3", terminal([0])), "y": ("2/3", terminal([0]))}, infoset="k")})),
     ["chance information set 'k'", "after q"]),
])
def test_every_invalid_tree_raises_a_game_error_that_names_the_problem(build, fragments):
    check_error(build, *fragments)


def test_a_shared_subtree_is_rejected():
    leaf = terminal([0])
    check_error(lambda: hg.ExtensiveFormGame(decision("A", {"x": leaf, "y": leaf})), "appears twice", "after")


def test_a_node_without_the_action_asked_for():
    check_error(lambda: selten_fig2().root.child("M"), "no action 'M'", "['R', 'L']")


# ----------------------------------------------------------------------------- reduced normal form


def test_reduced_normal_form_of_selten_fig2_is_labelled_as_gambit_labels_it():
    normal = selten_fig2().to_normal_form()
    # P1: R ends the game at once, so her second choice is unreachable: "1*"; L then r / l: "21", "22"
    assert normal.strategies == (("1*", "21", "22"), ("1", "2"))
    assert normal.payoffs[0].tolist() == [[1, 1], [0, 0], [0, 2]]
    assert normal.payoffs[1].tolist() == [[1, 1], [2, 3], [2, 0]]
    assert normal.players == ("Player 1", "Player 2")


def test_reduced_normal_form_averages_over_chance_exactly():
    game = hg.ExtensiveFormGame(chance({
        "weak": ("1/3", decision("A", {"fight": terminal([-1, 3]), "yield": terminal([0, 1])}, infoset="a")),
        "strong": ("2/3", decision("A", {"fight": terminal([2, 0]), "yield": terminal([0, 1])}, infoset="a"))}),
        players=["A", "B"])
    normal = game.to_normal_form()
    assert normal.strategies == (("1", "2"), ("",))
    # fight: 1/3·(-1) + 2/3·2 = 1 for A, 1/3·3 = 1 for B; yield: 0 and 1
    assert normal.payoffs[0].tolist() == [[1], [0]] and normal.payoffs[1].tolist() == [[1], [1]]


def test_reduced_strategies_with_two_unreachable_sets():
    # A: root a/b; after a her set s1 (x/y); after b her set s2 (u/v): "1*"-style labels on both sides
    game = hg.ExtensiveFormGame(decision("A", {
        "a": decision("A", {"x": terminal([1]), "y": terminal([2])}),
        "b": decision("A", {"u": terminal([3]), "v": terminal([4])})}))
    normal = game.to_normal_form()
    assert normal.strategies == (("11*", "12*", "2*1", "2*2"),)
    assert normal.payoffs[0].tolist() == [1, 2, 3, 4]


# ----------------------------------------------------------------------------- behaviour profiles


HORSE_PROFILE = [[(F(3, 4), F(1, 4))], [(F(2, 3), F(1, 3))], [(F(1, 2), F(1, 2))]]


def test_realization_probabilities_beliefs_payoffs_and_regrets_by_hand():
    game = selten_horse()
    # nodes in prefix order: root, P2, (1,1,1), P3a, (4,4,0), (0,0,1), P3b, (3,2,2), (0,0,0)
    assert game.realization_probabilities(HORSE_PROFILE) == [
        1, F(3, 4), F(1, 2), F(1, 4), F(1, 8), F(1, 8), F(1, 4), F(1, 8), F(1, 8)]
    assert game.beliefs(HORSE_PROFILE) == (((F(1),),), ((F(1),),), ((F(1, 2), F(1, 2)),))
    # P1: 1/2·1 + 1/8·4 + 1/8·3; P2: 1/2 + 1/8·4 + 1/8·2; P3: 1/2 + 1/8·1 + 1/8·2
    assert game.expected_payoffs(HORSE_PROFILE) == (F(11, 8), F(5, 4), F(7, 8))
    # best replies: P1 L gives 3·1/2 = 3/2; P2 L gives 3/4·4·1/2 + 1/4·2·1/2 = 7/4;
    # P3 R gives 1/2 + 1/4·0 + 1/4·2 = 1
    assert game.regrets(HORSE_PROFILE) == (F(1, 8), F(1, 2), F(1, 8))
    assert game.max_regret(HORSE_PROFILE) == F(1, 2)
    value, reply = behaviour.best_response(game, HORSE_PROFILE, 1)
    assert value == F(7, 4) and reply == ((0, 1),)


def test_beliefs_are_none_at_unreached_information_sets():
    game = selten_horse()
    profile = [[(1, 0)], [(1, 0)], [(0, 1)]]
    assert game.beliefs(profile)[2] == (None,)
    assert game.realization_probabilities(profile)[3] == 0


def test_invalid_behaviour_profiles_are_game_errors():
    game = selten_horse()
    check_error(lambda: game.expected_payoffs([[(1, 0)], [(1, 0)]]), "one list per player")
    check_error(lambda: game.expected_payoffs([[(1, 0)], [(1, 0)], [(1, 0, 0)]]), "2 actions")
    check_error(lambda: game.expected_payoffs([[(F(1, 2), F(1, 3))], [(1, 0)], [(1, 0)]]), "probability vector")
    check_error(lambda: game.expected_payoffs([[(1, 0)], [(1, 0)], [(1, 0), (1, 0)]]), "information sets")


def test_mixed_to_behaviour_by_kuhn_on_selten_fig2():
    game = selten_fig2()
    # 1/2 on "1*", 1/4 on "21", 1/4 on "22": L with 1/2; given L, r and l equally likely
    assert behaviour.mixed_to_behaviour(game, 0, [F(1, 2), F(1, 4), F(1, 4)]) == (
        (F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)))
    # "21" and "22" in ratio 1:3
    assert behaviour.mixed_to_behaviour(game, 0, [0, F(1, 4), F(3, 4)]) == ((0, 1), (F(1, 4), F(3, 4)))
    # a set her own mixture never reaches gets its first action
    assert behaviour.mixed_to_behaviour(game, 0, [1, 0, 0]) == ((1, 0), (1, 0))
    check_error(lambda: behaviour.mixed_to_behaviour(game, 0, [1, 0]), "3 reduced strategies")


def test_pure_behaviour_and_pure_payoffs():
    game = selten_fig2()
    assert behaviour.pure_behaviour(game, 0, [1, 1]) == ((0, 1), (0, 1))
    assert game.pure_payoffs([[1, 1], [1]]) == (2, 0)
    assert game.pure_payoffs([[0, None], [0]]) == (1, 1)
    check_error(lambda: game.pure_payoffs([[1, None], [1]]), "reached information set")


# ----------------------------------------------------------------------------- subgames


def stage_game():
    bos = decision("1", {"B": decision("2", {"B": terminal([2, 1]), "S": terminal([0, 0])}, infoset="s"),
                         "S": decision("2", {"B": terminal([0, 0]), "S": terminal([1, 2])}, infoset="s")})
    return hg.ExtensiveFormGame(decision("1", {"out": terminal([F(3, 2), 1]), "in": bos}))


def test_subgame_roots_and_subgames():
    game = stage_game()
    stage = game.root.children[1]
    roots = game.subgame_roots()
    assert game.root in roots and stage in roots
    assert all(n not in roots for n in stage.children)  # the information set crosses them
    sub = game.subgame(stage)
    assert sub.num_nodes == 7 and sub.players == game.players
    assert game.infosets_below(stage) == [[1], [0]]
    check_error(lambda: game.subgame(stage.children[0]), "does not root a subgame", "after in > B")
    horse = selten_horse()
    assert [n for n in horse.subgame_roots() if n.kind != "terminal"] == [horse.root]


# ----------------------------------------------------------------------------- symbolic payoffs


def test_symbolic_payoffs_parameters_and_substitution():
    a, p = sympy.symbols("a p")
    game = hg.ExtensiveFormGame(chance({
        "h": (p, decision("A", {"x": terminal([a, 0]), "y": terminal([1, 1])}, infoset="i")),
        "t": (1 - p, decision("A", {"x": terminal([0, 1]), "y": terminal([1, 0])}, infoset="i"))}),
        players=["A", "B"])
    assert game.kind == "symbolic" and game.parameters == frozenset({a, p})
    normal = game.to_normal_form()
    assert normal.parameters == frozenset({a, p})
    assert sympy.simplify(normal.payoffs[0][0, 0] - a * p) == 0
    check_error(lambda: hg.spe(game), "need perfect information", "'i'")   # symbolic SPE: perfect information only
    half = game.subs({"p": "1/2"})
    assert half.kind == "symbolic" and half.parameters == frozenset({a})
    numeric = game.subs({"p": F(1, 2), a: 4})
    assert numeric.kind == "exact" and numeric.parameters == frozenset()
    sol = hg.spe(numeric)  # x gives A 1/2·4 = 2 > 1
    assert len(sol) == 1 and sol[0].strategies[0] == ((1, 0),) and sol[0].payoffs == (2, F(1, 2))
    assert game.subs({"p": 0, "a": 5}).root.probabilities == (0, 1)


def test_symbolic_probabilities_must_sum_to_one():
    p = sympy.Symbol("p")
    check_error(lambda: hg.ExtensiveFormGame(chance({"h": (p, terminal([0])), "t": (p, terminal([1]))}),
                                             players=["A"]), "sum to")


def test_numeric_probabilities_in_a_symbolic_game_are_still_checked():
    a, p = sympy.symbols("a p")
    check_error(lambda: hg.ExtensiveFormGame(chance({"x": ("-1/3", terminal([a])), "y": ("4/3", terminal([0]))}),
                                             players=["A"]), "negative")
    game = hg.ExtensiveFormGame(chance({"x": (p, terminal([a])), "y": (1 - p, terminal([0]))}), players=["A"])
    check_error(lambda: game.subs({"p": 2}), "negative")   # substituting makes the probability -1


def test_a_pickled_tree_works_like_the_original(corpus):
    """Process pools and Dask pickle games: the node tables keyed by id(node) must be rebuilt."""
    import pickle
    import sympy
    for name in ("doc/poker.efg", "tests/test_games/stripped_down_poker.efg"):
        game = hg.read(corpus / name)
        copy = pickle.loads(pickle.dumps(game))
        assert [e.strategies for e in hg.spe(copy)] == [e.strategies for e in hg.spe(game)]
        assert [copy.infoset_of(n) for n in copy.nodes if n.kind == "decision"] == \
            [game.infoset_of(n) for n in game.nodes if n.kind == "decision"]
        assert [copy.path_to(n) for n in copy.nodes] == [game.path_to(n) for n in game.nodes]
    p = sympy.Symbol("p")
    tree = hg.ExtensiveFormGame(hg.decision("A", {
        "l": hg.chance({"c0": (p, hg.terminal([1, 0])), "c1": (1 - p, hg.terminal([0, 1]))}),
        "r": hg.decision("B", {"x": hg.terminal([0, 1]), "y": hg.terminal([2, 2])})}))
    copy = pickle.loads(pickle.dumps(tree))
    assert [str(piece.condition) for piece in hg.spe(copy).pieces] == \
        [str(piece.condition) for piece in hg.spe(tree).pieces]
