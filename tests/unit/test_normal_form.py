"""NormalFormGame: construction, validation, number kinds, profiles, display."""
from fractions import Fraction as F

import numpy as np
import pytest
import sympy
from hypothesis import given, strategies as st

import hegemony_games as hg


def test_kinds_follow_the_entries():
    assert hg.NormalFormGame.from_bimatrix([[1, 2]], [[3, 4]]).kind == "exact"
    assert hg.NormalFormGame.from_bimatrix([["0.1", "1/3"]], [[0, 0]]).payoffs[0][0, 0] == F(1, 10)
    assert hg.NormalFormGame.from_bimatrix([[1.5, 2]], [[3, 4]]).kind == "float"
    a = sympy.Symbol("a")
    g = hg.NormalFormGame.from_bimatrix([[a, 2]], [[3, 4]])
    assert g.kind == "symbolic" and g.parameters == {a}


def test_numpy_integer_arrays_are_exact():
    g = hg.NormalFormGame(np.arange(8).reshape(2, 2, 2))
    assert g.kind == "exact" and g.payoffs[1][1, 1] == F(7)


@pytest.mark.parametrize("payoffs, message", [
    ([[[1, 2]], [[1, 2, 3]]], "shape"),
    ([[1, 2], [3, 4]], "strategy axes"),
    ([[[1, float("nan")]], [[1, 2]]], "finite"),
    ([[["x", 2]], [[1, 2]]], "not a decimal"),
    ([[[True, 2]], [[1, 2]]], "boolean"),
    ([], "non-empty"),
    ([[[1, 2], [3]], [[1, 2], [3, 4]]], "rectangular"),
])
def test_invalid_payoffs_raise_game_error(payoffs, message):
    with pytest.raises(hg.GameError, match=message):
        hg.NormalFormGame(payoffs)


def test_labels_are_validated():
    with pytest.raises(hg.GameError, match="distinct"):
        hg.NormalFormGame.from_bimatrix([[1, 2]], [[1, 2]], strategies=[["a"], ["b", "b"]])
    with pytest.raises(hg.GameError, match="expected 2"):
        hg.NormalFormGame.from_bimatrix([[1, 2]], [[1, 2]], strategies=[["a"], ["b"]])
    with pytest.raises(hg.GameError, match="distinct"):
        hg.NormalFormGame.from_bimatrix([[1, 2]], [[1, 2]], players=["p", "p"])


def test_expected_payoffs_and_regrets_are_exact():
    g = hg.classics.battle_of_the_sexes()
    profile = [["2/3", "1/3"], ["1/3", "2/3"]]
    assert g.expected_payoffs(profile) == (F(2, 3), F(2, 3))
    assert g.regrets(profile) == (0, 0)
    assert g.best_responses(profile, 0) == [0, 1]
    assert g.is_equilibrium(profile)
    assert g.regrets([[1, 0], [0, 1]]) == (F(1), F(1))
    assert not g.is_equilibrium([[1, 0], [0, 1]])


def test_three_player_expected_payoff_matches_brute_force():
    rng = np.random.default_rng(3)
    arrays = rng.integers(-5, 6, (3, 2, 3, 2))
    g = hg.NormalFormGame(arrays)
    profile = [[F(1, 3), F(2, 3)], [F(1, 2), 0, F(1, 2)], [F(1, 4), F(3, 4)]]
    for i in range(3):
        expected = sum(int(arrays[i][a, b, c]) * profile[0][a] * profile[1][b] * profile[2][c]
                       for a in range(2) for b in range(3) for c in range(2))
        assert g.expected_payoffs(profile)[i] == expected


@pytest.mark.parametrize("profile, message", [
    ([[1, 0]], "2 probability vectors"),
    ([[1, 0, 0], [1, 0]], "has 2 strategies"),
    ([["1/2", "1/3"], [1, 0]], "sum to 5/6"),
    ([[2, -1], [1, 0]], "negative"),
])
def test_invalid_profiles_raise(profile, message):
    with pytest.raises(hg.GameError, match=message):
        hg.classics.battle_of_the_sexes().regrets(profile)


def test_conversions_and_restructuring():
    g = hg.classics.prisoners_dilemma()
    assert g.as_float().kind == "float" and g.as_float().as_exact() == g
    swapped = g.permute_players([1, 0])
    assert swapped.payoffs[0][0, 1] == g.payoffs[1][1, 0]
    sub = g.restrict([[1], [0, 1]])
    assert sub.shape == (1, 2) and sub.strategies[0] == ("Defect",)
    assert hg.classics.matching_pennies().is_zero_sum() and not g.is_zero_sum()


def test_subs_accepts_names_and_symbols():
    a, b = sympy.symbols("a b")
    g = hg.NormalFormGame.from_bimatrix([[a, b]], [[a * b, 1]])
    partly = g.subs({a: 2})
    assert partly.kind == "symbolic" and partly.parameters == {b}
    full = g.subs({"a": "1/2", "b": 3})
    assert full.kind == "exact" and full.payoffs[1][0, 0] == F(3, 2)
    with pytest.raises(hg.GameError, match="free parameters"):
        hg.solve(g, method="vertex-enumeration")   # numeric methods need values; "auto" solves symbolically


def test_display_is_readable():
    text = str(hg.classics.prisoners_dilemma())
    assert "Cooperate" in text and "5, 0" in text
    assert "<table>" in hg.classics.prisoners_dilemma()._repr_html_()
    three = hg.NormalFormGame(np.zeros((3, 2, 2, 2), dtype=int))
    assert len(str(three).splitlines()) == 1 + 1 + 8


@given(st.lists(st.integers(1, 3), min_size=2, max_size=4).flatmap(lambda shape: st.tuples(
    st.just(tuple(shape)),
    st.lists(st.fractions(min_value=-50, max_value=50, max_denominator=40), min_size=len(shape) * int(np.prod(shape)),
             max_size=len(shape) * int(np.prod(shape))),
    st.lists(st.lists(st.integers(0, 9), min_size=max(shape), max_size=max(shape)), min_size=len(shape),
             max_size=len(shape)))))
def test_exact_payoffs_and_regrets_equal_the_rational_sums(data):
    """Exact payoffs and regrets are computed over integer denominators: they must equal the sums
    of Fraction products written out, for N players, any rational payoffs and mixtures."""
    import itertools
    shape, values, weights = data
    n = len(shape)
    arrays = [np.array(values[i * int(np.prod(shape)):(i + 1) * int(np.prod(shape))], dtype=object).reshape(shape)
              for i in range(n)]
    game = hg.NormalFormGame(arrays)
    profile = []
    for w, size in zip(weights, shape):
        w = [x + 1 for x in w[:size]]   # every probability positive
        profile.append([F(x, sum(w)) for x in w])

    def value(player, pure=None):
        total = F(0)
        for cell in itertools.product(*[range(s) for s in shape]):
            if pure is not None and cell[player] != pure:
                continue
            weight = F(1)
            for j, k in enumerate(cell):
                if not (pure is not None and j == player):
                    weight *= profile[j][k]
            total += F(arrays[player][cell]) * weight
        return total

    expected = tuple(value(i) for i in range(n))
    pure_values = [[value(i, s) for s in range(shape[i])] for i in range(n)]
    assert game.expected_payoffs(profile) == expected
    assert game.regrets(profile) == tuple(max(v) - u for v, u in zip(pure_values, expected))
    assert [list(game.strategy_payoffs(profile, i)) for i in range(n)] == pure_values
    assert all(type(u) is F for u in game.expected_payoffs(profile) + game.regrets(profile))
