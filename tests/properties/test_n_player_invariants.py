"""Invariants of the N-player all-equilibria solver (support enumeration with Gröbner bases)."""
import numpy as np
from hypothesis import given, settings

import hegemony_games as hg
from hegemony_games.solvers.polynomial_support_enumeration import polynomial_support_enumeration_solve
from tests.strategies import n_player_games, positive_affine_maps

THREE_PLAYERS = n_player_games(min_players=3, max_players=3, max_strategies=2)


def _solve(game):
    return polynomial_support_enumeration_solve(game)


@settings(max_examples=15)
@given(THREE_PLAYERS)
def test_zero_regret_pure_included_and_correlated(game):
    sol = _solve(game)
    rational = [e for e in sol if not e.details.get("algebraic")]
    for e in rational:
        assert e.max_regret() == 0
        product = np.array(1, dtype=object)
        for v in e.strategies:
            product = np.multiply.outer(product, np.array(v, dtype=object))
        assert hg.CorrelatedEquilibrium(game, product, coarse=False, exact=True).max_violation() == 0
    for e in sol:
        if e.details.get("algebraic"):
            floats = [list(v) for v in e.details["float_strategies"]]
            assert game.as_float().max_regret(floats) <= 1e-9 * max(1, game.payoff_range())
            # the exact payoff expressions (in the algebraic root) agree with the float profile's payoffs
            expected = game.as_float().expected_payoffs(floats)
            assert all(abs(float(p) - q) <= 1e-9 * max(1, game.payoff_range()) for p, q in zip(e.payoffs, expected))
    pure = {e.strategies for e in hg.solve(game, method="pure")}
    assert pure <= {e.strategies for e in sol}


@settings(max_examples=10)
@given(THREE_PLAYERS, positive_affine_maps())
def test_invariant_under_a_positive_affine_map_of_one_players_payoffs(game, affine):
    payoffs = list(game.payoffs)
    payoffs[1] = np.array([affine(v) for v in payoffs[1].flat], dtype=object).reshape(game.shape)
    before, after = _solve(game), _solve(hg.NormalFormGame(payoffs))
    assert before.complete == after.complete
    assert ({e.strategies for e in before if not e.details.get("algebraic")}
            == {e.strategies for e in after if not e.details.get("algebraic")})
    assert (sorted(str(e.details["minimal_polynomial"]) for e in before if e.details.get("algebraic"))
            == sorted(str(e.details["minimal_polynomial"]) for e in after if e.details.get("algebraic")))


@settings(max_examples=10)
@given(n_player_games(min_players=3, max_players=3, max_strategies=3))
def test_flint_and_sympy_back_ends_give_the_same_equilibria(game):
    from hegemony_games.solvers import _zero_dimensional
    if _zero_dimensional.flint is None:
        raise RuntimeError("python-flint is part of the test extra; install it")
    fast = _solve(game)
    _zero_dimensional.USE_FLINT = False
    try:
        slow = _solve(game)
    finally:
        _zero_dimensional.USE_FLINT = True
    assert fast.complete == slow.complete
    assert [e.strategies for e in fast] == [e.strategies for e in slow]
    assert fast.parameters["positive_dimensional"] == slow.parameters["positive_dimensional"]
