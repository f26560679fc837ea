"""Subgame-perfect equilibria (hg.spe) and Nash equilibria of trees (hg.solve), on games whose
answers are known from the textbooks or computed by hand in the comments."""
import time
from fractions import Fraction as F

import pytest

import hegemony_games as hg
from hegemony_games import chance, decision, terminal
from hegemony_games.solvers.subgame_perfect import _Solver
from hegemony_games.solution import Equilibrium


def entry_game():
    return hg.ExtensiveFormGame(decision("Entrant", {
        "Out": terminal([0, 2]),
        "In": decision("Incumbent", {"Fight": terminal([-1, -1]), "Accommodate": terminal([1, 1])})}))


def centipede(n, players=("A", "B")):
    """Rosenthal's centipede with n decision nodes: the mover at node j takes 2^(j+2) and leaves
    2^j; if everybody passes, the next mover in turn gets 2^(n+2) and the others 2^n.  Taking now
    (2^(j+2)) beats the 2^(j+1) left to her when the next player takes, so the unique SPE takes at
    every node."""
    k = len(players)
    node = terminal([2 ** (n + 2) if i == n % k else 2 ** n for i in range(k)])
    for j in reversed(range(n)):
        payoffs = [2 ** (j + 2) if i == j % k else 2 ** j for i in range(k)]
        node = decision(players[j % k], {"take": terminal(payoffs), "pass": node})
    return hg.ExtensiveFormGame(node, players=list(players))


def ultimatum(priority=None):
    """Proposer offers 0, 1 or 2 of a pie of 2; the responder accepts or rejects (both get 0)."""
    return hg.ExtensiveFormGame(decision("Proposer", {
        str(offer): decision("Responder", {"accept": terminal([2 - offer, offer]), "reject": terminal([0, 0])},
                             priority=priority if offer == 0 else None)
        for offer in range(3)}))


def as_fractions(strategies):
    return tuple(tuple(tuple(F(p) for p in v) for v in player) for player in strategies)


# ----------------------------------------------------------------------------- entry deterrence


def test_entry_deterrence_has_the_unique_spe_in_accommodate():
    sol = hg.spe(entry_game())
    assert len(sol) == 1 and sol.complete and sol.exact and sol.degenerate is False
    assert sol.method == "backward-induction"
    assert sol[0].strategies == as_fractions((((0, 1),), ((0, 1),)))
    assert sol[0].payoffs == (1, 1) and sol[0].details["path"] == ["In", "Accommodate"]


def test_entry_deterrence_nash_equilibria_include_the_non_credible_threat():
    sol = hg.solve(entry_game())
    found = {eq.strategies for eq in sol}
    # Nash: (In, Accommodate), and Out against Fight with probability ≥ 1/2 (extreme points 1 and 1/2)
    assert found == {as_fractions((((0, 1),), ((0, 1),))),
                     as_fractions((((1, 0),), ((1, 0),))),
                     as_fractions((((1, 0),), ((F(1, 2), F(1, 2)),)))}
    assert all(eq.max_regret() == 0 for eq in sol)
    # the threat is not credible: in the subgame after In, Fight has regret 2
    game = entry_game()
    after_in = game.subgame(game.root.children[1])
    assert after_in.regrets([[], [(1, 0)]]) == (0, 2)


# ----------------------------------------------------------------------------- centipede


@pytest.mark.parametrize("n", [1, 2, 3, 4, 7])
def test_centipede_spe_takes_at_the_first_node(n):
    sol = hg.spe(centipede(n))
    assert len(sol) == 1
    assert sol[0].details["path"] == ["take"] and sol[0].payoffs == (4, 1)
    assert all(v == (1, 0) for player in sol[0].strategies for v in player)  # take everywhere


def test_three_player_centipede_spe_takes_at_once():
    sol = hg.spe(centipede(5, players=("A", "B", "C")))
    assert len(sol) == 1 and sol[0].payoffs == (4, 1, 1)
    assert all(v == (1, 0) for player in sol[0].strategies for v in player)


def test_every_nash_equilibrium_of_the_centipede_ends_at_the_first_node():
    sol = hg.solve(centipede(4))
    assert len(sol) >= 1 and all(eq.payoffs == (4, 1) for eq in sol)
    assert all(eq.strategies[0][0] == (1, 0) for eq in sol)


def test_a_long_centipede_is_solved_in_linear_time():
    game = centipede(1500)
    start = time.perf_counter()
    sol = hg.spe(game)
    assert time.perf_counter() - start < 10  # about 0.5 s; quadratic verification took far longer
    assert len(sol) == 1 and sol[0].details["path"] == ["take"]


# ----------------------------------------------------------------------------- ties: the ultimatum game


def test_ultimatum_game_with_ties_has_two_pure_spe_and_reports_the_indifference():
    sol = hg.spe(ultimatum())
    # offered 0 the responder is indifferent: accept → offer 0; reject → offer 1 (1 > 0)
    by_path = {tuple(eq.details["path"]): eq for eq in sol}
    assert set(by_path) == {("0", "accept"), ("1", "accept")}
    assert by_path[("0", "accept")].payoffs == (2, 0) and by_path[("1", "accept")].payoffs == (1, 1)
    assert by_path[("1", "accept")].strategies[1][0] == (0, 1)  # rejects 0
    assert all(eq.details["open_ties"] == [["0"]] and eq.details["ties_broken"] == [] for eq in sol)
    assert sol.degenerate is True and "continuum" in sol.message and "0" in sol.message


def test_a_players_priority_rule_selects_one_spe_and_reports_the_broken_tie():
    sol = hg.spe(ultimatum(), priorities={"Responder": ["accept", "reject"]})
    assert len(sol) == 1 and sol[0].details["path"] == ["0", "accept"]
    assert sol[0].details["ties_broken"] == [["0"]] and sol[0].details["open_ties"] == []
    sol = hg.spe(ultimatum(), priorities={"Responder": ["reject"]})  # unlisted actions come last
    assert len(sol) == 1 and sol[0].details["path"] == ["1", "accept"]
    assert sol.degenerate is False


def test_a_node_priority_breaks_the_tie_and_overrides_the_players_rule():
    sol = hg.spe(ultimatum(priority=["reject", "accept"]), priorities={"Responder": ["accept", "reject"]})
    assert len(sol) == 1 and sol[0].details["path"] == ["1", "accept"]
    assert sol[0].details["ties_broken"] == [["0"]]
    # use_priorities=False ignores every priority and lists both pure SPE
    assert len(hg.spe(ultimatum(priority=["reject", "accept"]), use_priorities=False)) == 2


def test_priorities_only_break_ties():
    sol = hg.spe(entry_game(), priorities={"Incumbent": ["Fight", "Accommodate"]})
    assert len(sol) == 1 and sol[0].details["path"] == ["In", "Accommodate"]
    assert sol[0].details["ties_broken"] == []


def test_a_tie_below_changes_what_is_optimal_above():
    # B is indifferent after r; if she plays y, A prefers l (1 > 0), else r (2 > 1): both are SPE
    game = hg.ExtensiveFormGame(decision("A", {
        "l": terminal([1, 0]),
        "r": decision("B", {"x": terminal([2, 5]), "y": terminal([0, 5])})}))
    assert {tuple(eq.details["path"]) for eq in hg.spe(game)} == {("r", "x"), ("l",)}


def test_unknown_players_in_priorities_and_wrong_inputs_are_game_errors():
    with pytest.raises(hg.GameError, match="Nobody"):
        hg.spe(entry_game(), priorities={"Nobody": ["a"]})
    with pytest.raises(hg.GameError, match="ExtensiveFormGame"):
        hg.spe(hg.NormalFormGame.from_bimatrix([[1]], [[1]]))


def test_max_equilibria_marks_the_solution_incomplete():
    # three indifferent responders: 2·2·2 = 8 pure SPE (the proposer is indifferent too)
    game = hg.ExtensiveFormGame(decision("P", {
        str(k): decision("R", {"a": terminal([0, 0]), "b": terminal([0, 0])}) for k in range(3)}))
    assert len(hg.spe(game)) == 3 * 8
    sol = hg.spe(game, max_equilibria=5)
    assert not sol.complete and "max_equilibria" in sol.message and len(sol) == 5
    everything = {eq.strategies for eq in hg.spe(game)}
    assert {eq.strategies for eq in sol} <= everything   # a partial list of genuine SPE


# ----------------------------------------------------------------------------- chance nodes


def test_chance_nodes_with_exact_probabilities():
    # nature: a weak defender w.p. 1/3 (fighting costs it 3), a strong one w.p. 2/3 (fighting gains 1)
    game = hg.ExtensiveFormGame(decision("Challenger", {
        "stay": terminal([0, 0]),
        "attack": chance({
            "weak": ("1/3", decision("Defender", {"fight": terminal([-1, -3]), "yield": terminal([2, -1])})),
            "strong": ("2/3", decision("Defender", {"fight": terminal([-1, 1]), "yield": terminal([2, -1])}))})}))
    sol = hg.spe(game)
    # weak yields, strong fights: attack gives 1/3·2 + 2/3·(-1) = 0 = stay: a tie at the root
    assert {tuple(eq.details["path"]) for eq in sol} == {("stay",), ("attack",)}
    attack = next(eq for eq in sol if eq.details["path"] == ["attack"])
    assert attack.payoffs == (0, F(1, 3) * -1 + F(2, 3) * 1)
    assert attack.strategies[1] == ((0, 1), (1, 0))
    assert sol.method == "backward-induction"


def test_float_trees_give_float_spe():
    game = entry_game().as_float()
    sol = hg.spe(game)
    assert sol.exact is False and sol[0].payoffs == (1.0, 1.0) and isinstance(sol[0].payoffs[0], float)
    assert hg.spe(game, exact=True)[0].payoffs == (1, 1)


# ----------------------------------------------------------------------------- simultaneous stages


def bos_entry(outside, chance_first=False):
    """Player 1 takes an outside option or enters a battle of the sexes (B,B)=(2,1), (S,S)=(1,2),
    miscoordination (0,0).  The stage's equilibria give player 1: 2 (B,B), 1 (S,S) and 2/3 (mixed:
    1 plays B w.p. 2/3, 2 plays B w.p. 1/3)."""
    stage = decision("1", {"B": decision("2", {"B": terminal([2, 1]), "S": terminal([0, 0])}, infoset="s"),
                           "S": decision("2", {"B": terminal([0, 0]), "S": terminal([1, 2])}, infoset="s")})
    return hg.ExtensiveFormGame(decision("1", {"out": terminal([outside, 1]), "in": stage}))


@pytest.mark.parametrize("outside, expected", [
    # outside 3/2: enter only after (B,B) → 3 SPE, one entering
    (F(3, 2), {("in", "B", "B"), ("out",)}),
    # outside 1/2: every stage equilibrium beats it → 3 SPE, all entering
    (F(1, 2), {("in", "B", "B"), ("in", "S", "S"), ("in",)}),
    # outside 1: tie with (S,S) → 4 SPE: in/(B,B), out/mixed, and in or out with (S,S)
    (F(1), {("in", "B", "B"), ("in", "S", "S"), ("out",)}),
])
def test_a_battle_of_the_sexes_inside_a_sequential_game(outside, expected):
    sol = hg.spe(bos_entry(outside))
    count = {F(3, 2): 3, F(1, 2): 3, F(1): 4}[outside]
    assert len(sol) == count and sol.complete
    assert {tuple(eq.details["path"]) for eq in sol} == expected
    assert sol.method == "subgame-decomposition"
    stage_play = {(eq.strategies[0][1], eq.strategies[1][0]) for eq in sol}
    assert stage_play == {(( 1, 0), (1, 0)), ((0, 1), (0, 1)), ((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3)))}
    for eq in sol:
        root_choice = eq.strategies[0][0]
        stage_value = eq.payoffs[0] if root_choice == (0, 1) else None
        assert stage_value is None or stage_value >= outside


def test_a_prisoners_dilemma_stage_has_one_spe():
    pd = decision("1", {"C": decision("2", {"C": terminal([3, 3]), "D": terminal([0, 5])}, infoset="pd"),
                        "D": decision("2", {"C": terminal([5, 0]), "D": terminal([1, 1])}, infoset="pd")})
    game = hg.ExtensiveFormGame(decision("1", {"stay out": terminal([2, 2]), "play": pd}))
    sol = hg.spe(game)
    assert len(sol) == 1 and sol[0].details["path"] == ["stay out"]  # (D,D) gives 1 < 2
    assert sol[0].strategies == as_fractions((((1, 0), (0, 1)), ((0, 1),)))


def test_a_two_player_stage_inside_a_three_player_game_is_solved_completely():
    # the entrant E only watches the stage between 1 and 2; she enters iff the stage pays her ≥ 1
    # payoffs in player order (E, 1, 2)
    stage = decision("1", {"B": decision("2", {"B": terminal([3, 2, 1]), "S": terminal([0, 0, 0])}, infoset="s"),
                           "S": decision("2", {"B": terminal([0, 0, 0]), "S": terminal([0, 1, 2])}, infoset="s")})
    game = hg.ExtensiveFormGame(decision("E", {"out": terminal([1, 0, 0]), "in": stage}), players=["E", "1", "2"])
    sol = hg.spe(game)
    assert sol.complete and len(sol) == 3
    # E gets 3 after (B,B), 0 after (S,S), and 3·(2/3·1/3) = 2/3 after the mixed equilibrium
    assert sorted(tuple(eq.details["path"]) for eq in sol) == [("in", "B", "B"), ("out",), ("out",)]


def test_chance_chooses_between_two_stages():
    # with probability 1/3 a coordination stage (1,1)/(0,0); else matching pennies (unique 1/2-1/2)
    coord = decision("1", {"L": decision("2", {"L": terminal([1, 1]), "R": terminal([0, 0])}, infoset="c"),
                           "R": decision("2", {"L": terminal([0, 0]), "R": terminal([1, 1])}, infoset="c")})
    pennies = decision("1", {"H": decision("2", {"H": terminal([1, -1]), "T": terminal([-1, 1])}, infoset="m"),
                             "T": decision("2", {"H": terminal([-1, 1]), "T": terminal([1, -1])}, infoset="m")})
    game = hg.ExtensiveFormGame(decision("1", {"out": terminal([F(1, 4), 0]),
                                               "in": chance({"c": ("1/3", coord), "m": ("2/3", pennies)})}))
    sol = hg.spe(game)
    # coordination has 3 equilibria (value 1, 1, 1/2 for player 1); pennies 1 (value 0):
    # entering gives 1/3, 1/3, 1/6 against 1/4 → in, in, out
    assert len(sol) == 3
    assert sorted(eq.payoffs[0] for eq in sol) == [F(1, 4), F(1, 3), F(1, 3)]
    for eq in sol:
        assert eq.strategies[0][2] == (F(1, 2), F(1, 2)) and eq.strategies[1][1] == (F(1, 2), F(1, 2))


# ----------------------------------------------------------------------------- Selten's horse


def horse():
    return hg.ExtensiveFormGame(decision("1", {
        "R": decision("2", {
            "R": terminal([1, 1, 1]),
            "L": decision("3", {"R": terminal([4, 4, 0]), "L": terminal([0, 0, 1])}, infoset="h")}),
        "L": decision("3", {"R": terminal([3, 2, 2]), "L": terminal([0, 0, 0])}, infoset="h")}))


def test_seltens_horse_spe_are_its_nash_equilibria():
    """No proper subgame, so SPE = Nash.  By hand (q = P(3 plays R)): P1 R, P2 R and q ≤ 1/4
    (outcome (1,1,1)); or P1 L, P3 R and P2 plays R with probability ≥ 1/3 (outcome (3,2,2),
    the 'unreasonable' equilibrium perfection removes).  The pure ones: (R,R,L) and (L,R,R)."""
    game = horse()
    sol = hg.spe(game)
    assert {eq.strategies for eq in sol} == {as_fractions((((1, 0),), ((1, 0),), ((0, 1),))),
                                             as_fractions((((0, 1),), ((1, 0),), ((1, 0),)))}
    assert sorted(eq.payoffs for eq in sol) == [(1, 1, 1), (3, 2, 2)]
    # Both sets of equilibria are continua (in q, and in P2's probability of R): the 2×2×2 solver
    # reports the support profiles with a continuum of solutions instead of sampling them.
    assert not sol.complete and "continuum" in sol.message
    assert {eq.strategies for eq in hg.solve(game)} == {eq.strategies for eq in sol}
    # the two components, checked at their boundaries, and just outside them
    assert game.max_regret([[(1, 0)], [(1, 0)], [(F(1, 4), F(3, 4))]]) == 0
    assert game.regrets([[(1, 0)], [(1, 0)], [(F(1, 3), F(2, 3))]]) == (0, F(1, 3), 0)  # P2: 4·1/3 − 1
    assert game.max_regret([[(0, 1)], [(F(1, 3), F(2, 3))], [(1, 0)]]) == 0
    assert game.regrets([[(0, 1)], [(F(1, 4), F(3, 4))], [(1, 0)]])[0] == F(1, 4)  # R gives 1/4·1 + 3/4·4 = 13/4 against 3


# ----------------------------------------------------------------------------- verification is genuine


def test_the_verification_rejects_a_profile_that_is_not_subgame_perfect():
    game = entry_game()
    solver = _Solver(game, {}, False, True, 100)
    fight = Equilibrium(game, as_fractions((((1, 0),), ((1, 0),))), (0, 2))
    with pytest.raises(AssertionError, match="regret 2"):
        solver._verify(fight)
    solver._verify(Equilibrium(game, as_fractions((((0, 1),), ((0, 1),))), (1, 1)))
    stage = bos_entry(F(3, 2))
    solver = _Solver(stage, {}, False, True, 100)
    bad = Equilibrium(stage, as_fractions((((1, 0), (1, 0)), ((0, 1),))), (F(3, 2), 1))  # (B,S) in the stage
    with pytest.raises(AssertionError, match="after|in"):
        solver._verify(bad)


def test_a_stage_with_a_continuum_of_equilibria_is_reported_degenerate():
    # player 2 is indifferent everywhere: (T, any mix) and (any mix, R) are all equilibria
    stage = decision("1", {"T": decision("2", {"L": terminal([1, 0]), "R": terminal([0, 0])}, infoset="s"),
                           "B": decision("2", {"L": terminal([0, 0]), "R": terminal([0, 0])}, infoset="s")})
    game = hg.ExtensiveFormGame(decision("1", {"out": terminal([-1, 0]), "in": stage}))
    sol = hg.spe(game)
    assert sol.degenerate is True and "continua" in sol.message and "in" in sol.message
    assert len(sol) >= 3 and all(eq.strategies[0][0] == (0, 1) for eq in sol)   # entering gives ≥ 0 > -1
    assert sol.message.count("continua") == 1


def test_support_and_purity_of_behaviour_profiles():
    """support() lists actions per information set for trees; a mixed behaviour is not pure."""
    tree = hg.ExtensiveFormGame(hg.decision("A", {
        "x": hg.decision("B", {"l": hg.terminal([1, 1]), "r": hg.terminal([0, 0])}),
        "y": hg.terminal([0, 2])}))
    eq = hg.spe(tree)[0]
    assert eq.support() == (((0,),), ((0,),)) and eq.is_pure()
    pennies = hg.ExtensiveFormGame(hg.decision("A", {
        "H": hg.decision("B", {"h": hg.terminal([1, -1]), "t": hg.terminal([-1, 1])}, infoset="b"),
        "T": hg.decision("B", {"h": hg.terminal([-1, 1]), "t": hg.terminal([1, -1])}, infoset="b")}))
    mixed = hg.solve(pennies)[0]
    assert mixed.support() == (((0, 1),), ((0, 1),)) and not mixed.is_pure()
