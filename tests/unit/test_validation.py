"""Input validation found wanting (issue 7, item 3): each bad input is a GameError that says what to fix."""
from __future__ import annotations

from fractions import Fraction

import pytest
import sympy

import hegemony_games as hg
from hegemony_games.games import behaviour


def _coordination():
    return hg.NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])


def test_unknown_solve_option_names_the_method_options():
    with pytest.raises(hg.GameError, match=r"no option 'foo'.*initial_label.*max_iter"):
        hg.solve(_coordination(), method="lemke-howson", foo=1)
    with pytest.raises(hg.GameError, match=r"'vertex-enumeration' has no option 'foo'"):
        hg.solve(_coordination(), foo=1)
    with pytest.raises(hg.GameError, match="no option 'max_profile'.*max_profiles"):
        hg.solve(_coordination(), method="support-enumeration-polynomial", max_profile=3)
    # a valid option still works: Lemke-Howson from label 0 finds a pure equilibrium here
    assert hg.solve(_coordination(), method="lemke-howson", initial_label=0)[0].is_pure()


def test_subs_with_an_unknown_parameter_is_an_error():
    a, b = sympy.symbols("a b")
    game = hg.NormalFormGame([[[a, 0], [0, 1]], [[1, 0], [0, b]]])
    with pytest.raises(hg.GameError, match=r"'q' is not a parameter.*a, b"):
        game.subs({"q": 1})
    with pytest.raises(hg.GameError, match="'q' is not a parameter"):
        game.subs({a: 1, sympy.Symbol("q"): 2})
    assert game.subs({"a": 2, b: Fraction(1, 2)}).payoffs[0][0, 0] == 2   # known keys still work
    with pytest.raises(hg.GameError, match="none: the game is numeric"):
        _coordination().subs({"a": 1})
    assert _coordination().subs({}) is not None


def test_tree_subs_with_an_unknown_parameter_is_an_error():
    p = sympy.Symbol("p")
    tree = hg.ExtensiveFormGame(hg.decision("A", {"x": hg.terminal([p]), "y": hg.terminal([0])}))
    with pytest.raises(hg.GameError, match=r"'r' is not a parameter.*\(its parameters: p\)"):
        tree.subs({"r": 1})
    assert tree.subs({"p": 3}).kind == "exact"


@pytest.mark.parametrize("bad", [float("nan"), float("inf")])
def test_nan_chance_probability_says_probability(bad):
    with pytest.raises(hg.GameError, match="probabilities must be finite"):
        hg.ExtensiveFormGame(hg.chance({"a": (bad, hg.terminal([1, 1])), "b": (0.5, hg.terminal([0, 0]))}))


def test_duplicate_action_labels_are_an_error():
    with pytest.raises(hg.GameError, match="repeats an action label"):
        hg.ExtensiveFormGame(hg.decision("A", [("x", hg.terminal([1, 1])), ("x", hg.terminal([0, 0]))]))


@pytest.mark.parametrize("profile, message", [
    ([[Fraction(-1, 2), Fraction(3, 2)], [Fraction(1, 2), Fraction(1, 2)]], "negative probability"),
    ([[Fraction(1, 5), Fraction(1, 5)], [Fraction(1, 2), Fraction(1, 2)]], "sum to 2/5"),
    ([[1, 0, 0], [1, 0]], "2 strategies"),
    ([[1, 0]], "needs 2 probability vectors"),
])
def test_bad_mixed_profiles(profile, message):
    game = _coordination()
    for check in (game.expected_payoffs, game.max_regret):
        with pytest.raises(hg.GameError, match=message):
            check(profile)


@pytest.mark.parametrize("profile", [
    [[(Fraction(-1), Fraction(2))], [(1, 0)]],          # negative probability
    [[(Fraction(1, 3), Fraction(1, 3))], [(1, 0)]],     # does not sum to one
    [[(1, 0, 0)], [(1, 0)]],                            # wrong length at the information set
    [[(1, 0)]],                                         # a player missing
    [[(1, 0), (1, 0)], [(1, 0)]],                       # an information set too many
])
def test_bad_behaviour_profiles(profile):
    tree = hg.ExtensiveFormGame(hg.decision("A", {
        "x": hg.decision("B", {"u": hg.terminal([1, 1]), "v": hg.terminal([0, 0])}),
        "y": hg.terminal([0, 0])}))
    for check in (tree.expected_payoffs, tree.max_regret):
        with pytest.raises(hg.GameError):
            check(profile)
