"""Unit tests of the linear-time backward-induction kernel; expected values by hand."""
from __future__ import annotations

from fractions import Fraction

import pytest
import sympy

import hegemony_games as hg
from hegemony_games.games.extensive_form import chance, decision, terminal
from hegemony_games.solvers.backward_induction import backward_induction, induction_solution

F = Fraction


def lottery_game(safe=1):
    """A picks safe (safe, 0) or a lottery: 1/3 B chooses l (3, 1) or r (0, 2); 2/3 ends (2, 5)."""
    return hg.ExtensiveFormGame(decision("A", {
        "safe": terminal([safe, 0]),
        "risky": chance({"up": (F(1, 3), decision("B", {"l": terminal([3, 1]), "r": terminal([0, 2])})),
                         "mid": (F(1, 3), terminal([2, 5])),
                         "down": (F(1, 3), terminal([2, 5]))})}))


def test_chance_node_with_thirds():
    # B takes r (2 > 1); risky is worth A 1/3 * 0 + 2/3 * 2 = 4/3 > 1 and B 1/3 * 2 + 2/3 * 5 = 4
    result = backward_induction(lottery_game())
    assert result.payoffs == (F(4, 3), F(4))
    assert result.path == ["risky"]
    assert result.strategies == (((F(0), F(1)),), ((F(0), F(1)),))
    assert result.ties_broken == [] and result.open_ties == []
    assert all(isinstance(v, Fraction) for v in result.payoffs)


def test_chance_value_against_safe_option():
    # with safe = 2 > 4/3, A stays out; B's choice off the path is still r
    result = backward_induction(lottery_game(safe=2))
    assert result.payoffs == (F(2), F(0)) and result.path == ["safe"]
    assert result.strategies == (((F(1), F(0)),), ((F(0), F(1)),))


def centipede(stages: int) -> hg.ExtensiveFormGame:
    """Taking at stage t pays the mover 2t + 4 and the other 2t + 1; passing to the end pays
    both 2T + 1.  The mover at t gets 2t + 3 if the next mover takes, so everyone takes."""
    node = terminal([2 * stages + 1, 2 * stages + 1])
    for t in reversed(range(stages)):
        pay = [2 * t + 1, 2 * t + 1]
        pay[t % 2] = 2 * t + 4
        node = decision(("Odd", "Even")[t % 2], {"take": terminal(pay), "pass": node})
    return hg.ExtensiveFormGame(node)


def test_deep_chain_of_ten_thousand_nodes():
    game = centipede(5000)
    assert game.num_nodes == 10_001
    result = backward_induction(game)
    assert result.payoffs == (F(4), F(1))
    assert result.path == ["take"]
    take = (F(1), F(0))
    assert result.strategies == ((take,) * 2500, (take,) * 2500)
    solution = hg.spe(game)
    assert solution.method == "backward-induction" and len(solution) == 1
    assert solution[0].strategies == result.strategies and solution[0].payoffs == (F(4), F(1))


def test_outcomes_at_inner_nodes_add_up():
    game = hg.ExtensiveFormGame(decision("A", {
        "x": decision("B", {"l": terminal([1, 1]), "r": terminal([0, 3])}, payoffs=[10, -1]),
        "y": terminal([10, 0])}, payoffs=[1, 1]))
    # after x, B takes r (3 > 1), so x is worth A 1 + 10 + 0 = 11, as much as y (1 + 10): a tie
    result = backward_induction(game, {"A": ["y"]})
    assert result.ties_broken == [[]]
    assert result.payoffs == (F(11), F(1)) and result.path == ["y"]
    result = backward_induction(game, {"A": ["x"]})
    assert result.payoffs == (F(11), F(3)) and result.path == ["x", "r"]


def ultimatum():
    return hg.ExtensiveFormGame(decision("Proposer", {
        "fair": decision("Responder", {"accept": terminal([1, 1]), "reject": terminal([0, 0])}),
        "greedy": decision("Responder", {"accept": terminal([2, 0]), "reject": terminal([0, 0])})}))


def test_tie_broken_by_player_rule_is_reported():
    result = backward_induction(ultimatum(), {"Responder": ["accept"]})
    assert result.ties_broken == [["greedy"]]
    assert result.open_ties == []
    assert result.path == ["greedy", "accept"] and result.payoffs == (F(2), F(0))
    solution = induction_solution(result)
    assert solution[0].details == {"path": ["greedy", "accept"], "ties_broken": [["greedy"]], "open_ties": []}
    assert solution.parameters == {"use_priorities": True, "priorities": {"Responder": ("accept",)}}


def test_rule_rejecting_changes_the_proposal():
    # rejecting when indifferent: greedy gives 0, so the proposer is fair (1 > 0)
    result = backward_induction(ultimatum(), {"Responder": ["reject"]})
    assert result.path == ["fair", "accept"] and result.payoffs == (F(1), F(1))
    assert result.ties_broken == [["greedy"]]


def test_node_priority_overrides_player_rule():
    game = hg.ExtensiveFormGame(decision("A", {
        "l": decision("B", {"u": terminal([0, 1]), "d": terminal([1, 1])}, priority=["d", "u"]),
        "r": decision("B", {"u": terminal([0, 1]), "d": terminal([2, 1])})}))
    result = backward_induction(game, {"B": ["u"]})
    # after l the node says d (A gets 1); after r the rule says u (A gets 0): A picks l
    assert result.path == ["l", "d"] and result.payoffs == (F(1), F(1))
    assert result.ties_broken == [["l"], ["r"]]


def test_open_tie_is_reported_and_has_no_unique_solution():
    result = backward_induction(ultimatum())
    assert result.open_ties == [["greedy"]]
    with pytest.raises(hg.GameError, match="not unique"):
        induction_solution(result)
    assert len(hg.spe(ultimatum())) == 2       # hg.spe falls back to enumerating both SPE


def test_use_priorities_false_ignores_node_priorities():
    game = hg.ExtensiveFormGame(decision("A", {"x": terminal([1]), "y": terminal([1])}, priority=["y", "x"]))
    assert backward_induction(game).path == ["y"]
    assert backward_induction(game, use_priorities=False).open_ties == [[]]


def float_game(gap: float, scale: float = 1.0):
    return hg.ExtensiveFormGame(decision("A", {
        "l": terminal([1.0 * scale, 0.0]),
        "r": terminal([(1.0 + gap) * scale, 5.0 * scale])}), players=["A", "B"])


def test_float_tie_within_relative_tolerance():
    # the payoff range is 5 * scale, so differences below 1e-9 * 5 * scale are ties
    for scale in (1.0, 1e6):
        near = float_game(1e-12, scale)
        assert backward_induction(near).open_ties == [[]]
        assert backward_induction(near, {"A": ["l"]}).path == ["l"]
        clear = float_game(1e-6, scale)
        result = backward_induction(clear)
        assert result.open_ties == [] and result.path == ["r"]
        assert result.strategies == (((0.0, 1.0),), ())
        assert result.payoffs == pytest.approx(((1 + 1e-6) * scale, 5.0 * scale))
        assert all(isinstance(v, float) for v in result.payoffs)


def test_exact_option_converts_numbers():
    exact = backward_induction(float_game(0.5), exact=True)
    assert exact.payoffs == (F(3, 2), F(5)) and exact.exact
    floating = backward_induction(lottery_game(), exact=False)
    assert floating.payoffs == pytest.approx((4 / 3, 4.0)) and not floating.exact
    assert floating.strategies == (((0.0, 1.0),), ((0.0, 1.0),))


def test_single_terminal_node():
    game = hg.ExtensiveFormGame(terminal([3, 4]), players=["A", "B"])
    result = backward_induction(game)
    assert result.payoffs == (F(3), F(4)) and result.path == [] and result.strategies == ((), ())


def test_rejects_what_it_cannot_solve():
    matching = hg.ExtensiveFormGame(decision("A", {
        "h": decision("B", {"h": terminal([1, -1]), "t": terminal([-1, 1])}, infoset="B"),
        "t": decision("B", {"h": terminal([-1, 1]), "t": terminal([1, -1])}, infoset="B")}))
    with pytest.raises(hg.GameError, match="perfect information"):
        backward_induction(matching)
    symbolic = hg.ExtensiveFormGame(decision("A", {"x": terminal([sympy.Symbol("a")]), "y": terminal([0])}))
    with pytest.raises(hg.GameError, match="parameters"):
        backward_induction(symbolic)
    with pytest.raises(hg.GameError, match="unknown players"):
        backward_induction(ultimatum(), {"Nobody": ["accept"]})
    with pytest.raises(hg.GameError):
        backward_induction("not a game")
