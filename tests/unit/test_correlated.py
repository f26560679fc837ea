"""Correlated and coarse correlated equilibria: hand-computed examples and input errors."""
from fractions import Fraction as F

import numpy as np
import pytest

import hegemony_games as hg
from hegemony_games.solvers.correlated import incentive_constraints

# Aumann's game of Chicken (Aumann 1974; the usual textbook payoffs): (C,C) = (6,6),
# (C,D) = (2,7), (D,C) = (7,2), (D,D) = (0,0).
CHICKEN = hg.NormalFormGame.from_bimatrix([[6, 2], [7, 0]], [[6, 7], [2, 0]])
BOS = hg.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])


def test_chicken_welfare_maximum_is_aumanns_distribution():
    # Known: the welfare-maximising CE puts 1/2 on (C,C) and 1/4 on each of (C,D), (D,C),
    # giving 5.25 to each player (told C, a player's opponent plays C w.p. 2/3: C gives
    # 2/3·6 + 1/3·2 = 14/3 = 2/3·7, so she is just willing to obey).
    ce = hg.correlated_equilibrium(CHICKEN)
    assert ce.distribution.tolist() == [[F(1, 2), F(1, 4)], [F(1, 4), 0]]
    assert ce.payoffs == (F(21, 4), F(21, 4))
    assert ce.objective_value == F(21, 2)
    assert ce.max_violation() == 0 and ce.exact and not ce.coarse
    assert ce.marginals() == ((F(3, 4), F(1, 4)), (F(3, 4), F(1, 4)))
    assert ce.support() == [(0, 0), (0, 1), (1, 0)]


def test_chicken_float_agrees_with_exact():
    ce = hg.correlated_equilibrium(CHICKEN, exact=False)
    assert not ce.exact
    assert np.allclose(ce.distribution.astype(float), [[0.5, 0.25], [0.25, 0]], atol=1e-9)
    assert ce.objective_value == pytest.approx(10.5)


def test_chicken_worst_ce_for_player_one_and_per_profile_objective():
    # A CE gives each player at least her minmax value (obeying is a best reply to each
    # conditional belief); player 1's is 2 (C guarantees 2, and against D she gets at most 2),
    # and the pure equilibrium (C, D) gives her exactly 2.
    worst = hg.correlated_equilibrium(CHICKEN, objective=[1, 0], maximize=False)
    assert worst.payoffs[0] == 2
    # The crash (D, D) is most likely in a CE at probability 1/5: the constraints of a player
    # told D read p(D,C) ≥ 2 p(D,D) and p(C,D) ≥ 2 p(D,D), so p(D,D) ≤ 1/5, reached by
    # (C,D) = (D,C) = 2/5, (D,D) = 1/5 (whose "told C" constraints hold with p(C,C) = 0).
    crash = hg.correlated_equilibrium(CHICKEN, objective=[[0, 0], [0, 1]])
    assert crash.objective_value == F(1, 5)
    assert crash.distribution.tolist() == [[0, F(2, 5)], [F(2, 5), F(1, 5)]]


def test_battle_of_the_sexes_vertices_by_hand():
    # Two pure equilibria, the mixed one (row B w.p. 2/3, column B w.p. 1/3: product
    # (2/9, 4/9, 1/9, 2/9)), and two more where one incentive constraint per player binds
    # (checked by hand: (1/4, 1/2, 0, 1/4) and (2/5, 0, 1/5, 2/5)).
    vertices = {tuple(v.distribution.ravel()) for v in hg.correlated_equilibria_vertices(BOS)}
    assert vertices == {(1, 0, 0, 0), (0, 0, 0, 1), (F(2, 9), F(4, 9), F(1, 9), F(2, 9)),
                        (F(1, 4), F(1, 2), 0, F(1, 4)), (F(2, 5), 0, F(1, 5), F(2, 5))}


def test_prisoners_dilemma_has_only_mutual_defection():
    pd = hg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    for coarse in (False, True):   # a strictly dominant strategy rules out everything else
        (vertex,) = hg.correlated_equilibria_vertices(pd, coarse=coarse)
        assert vertex.distribution.tolist() == [[0, 0], [0, 1]]


def test_shapley_game_welfare():
    # Shapley's game (1964): every off-diagonal cell pays 1 in total, the diagonal 0.  The
    # uniform distribution on the six off-diagonal cells is a CE (told row r, the row player's
    # opponent is uniform on the other two columns, where every row pays her at most 1/2), so
    # the welfare maximum is 1 for CE and for CCE alike.
    A = [[0, 1, 0], [0, 0, 1], [1, 0, 0]]
    B = [[0, 0, 1], [1, 0, 0], [0, 1, 0]]
    shapley = hg.NormalFormGame.from_bimatrix(A, B)
    assert hg.correlated_equilibrium(shapley).objective_value == 1
    assert hg.correlated_equilibrium(shapley, coarse=True).objective_value == 1
    # The uniform diagonal is not even a CCE: a fixed row earns 1/3 against the uniform column.
    diagonal = np.diag([F(1, 3)] * 3).astype(object)
    eq = hg.CorrelatedEquilibrium(shapley, diagonal, coarse=True, exact=True)
    assert eq.max_violation() == F(1, 3)


def test_three_player_game_and_to_dict():
    # Three players each choose 0/1 and get 1 when all match (a pure coordination game):
    # welfare is maximised by any mixture of the two coordinated profiles, value 3.
    u = np.zeros((2, 2, 2), dtype=int)
    u[0, 0, 0] = u[1, 1, 1] = 1
    game = hg.NormalFormGame([u, u, u])
    ce = hg.correlated_equilibrium(game)
    assert ce.objective_value == 3 and ce.max_violation() == 0
    data = ce.to_dict()
    assert data["objective_value"] == "3" and data["exact"] is True
    assert sum(F(c["probability"]) for c in data["distribution"]) == 1


def test_incentive_constraints_rows_by_hand():
    # Row player, told C (row 0), deviating to D: gain (5-3, 1-0) on cells (C,C), (C,D).
    pd = hg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    rows = incentive_constraints(pd)
    assert rows[0] == [2, 1, 0, 0] and rows[2] == [2, 0, 1, 0]
    coarse = incentive_constraints(pd, coarse=True)
    assert len(coarse) == 4 and coarse[1] == [2, 1, 0, 0]   # row player always plays D


def test_errors():
    with pytest.raises(hg.GameError, match="objective"):
        hg.correlated_equilibrium(CHICKEN, objective="fun")
    with pytest.raises(hg.GameError, match="one number per player"):
        hg.correlated_equilibrium(CHICKEN, objective=[1, 2, 3])
    with pytest.raises(hg.GameError, match="shape"):
        hg.correlated_equilibrium(CHICKEN, objective=np.ones((3, 3)))
    with pytest.raises(hg.GameError, match="NormalFormGame"):
        hg.correlated_equilibrium("chicken")
    with pytest.raises(hg.GameError, match="max_profiles"):
        hg.correlated_equilibria_vertices(hg.NormalFormGame.from_bimatrix(np.ones((5, 5), int),
                                                                          np.ones((5, 5), int)))
    with pytest.raises(hg.GameError, match="exact"):
        hg.correlated_equilibrium(CHICKEN, exact="yes")
