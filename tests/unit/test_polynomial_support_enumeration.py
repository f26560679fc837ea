"""All equilibria of small N-player games by support enumeration and Gröbner bases."""
from fractions import Fraction as F

import numpy as np
import pytest
import sympy

import hegemony_games as hg
from hegemony_games import decision, terminal
from hegemony_games.solvers.polynomial_support_enumeration import (
    polynomial_support_enumeration_solve as solve_poly, support_profiles)

A, B, C = np.indices((2, 2, 2))
HALF = (F(1, 2), F(1, 2))


def jordan():
    """Jordan (1993): 1 wants to match 2, 2 to match 3, 3 to mismatch 1: no pure equilibrium."""
    return hg.NormalFormGame([(A == B).astype(int), (B == C).astype(int), (C != A).astype(int)])


def test_jordans_game_has_the_uniform_equilibrium_only():
    # By hand: with no pure equilibrium, if some player were pure, say 1 plays 0, then 3 plays 1,
    # then 2 plays 1, then 1 plays 1: a contradiction; so everyone mixes, and 1's indifference
    # needs 2 at 1/2, 2's needs 3 at 1/2, 3's needs 1 at 1/2.
    sol = hg.solve(jordan())
    assert sol.method == "support-enumeration-polynomial" and sol.complete and sol.exact
    assert [e.strategies for e in sol] == [(HALF, HALF, HALF)]
    assert sol[0].payoffs == (F(1, 2), F(1, 2), F(1, 2))


def test_mckelvey_mclennan_2x2x2_corpus_game(corpus):
    # The file's title: "9 Nash equilibria, 2 totally mixed".  The totally mixed ones checked by
    # hand (p, q, r = probabilities of strategy 1): at (2/5, 1/2, 1/3) player 1 gets
    # 9qr + 3(1−q)(1−r) = 5/2 = 9(1−q)r + 3q(1−r), player 2 gets 8pr + 4(1−p)(1−r) = 8/3 =
    # 8(1−p)r + 4p(1−r), player 3 gets 12pq + 2(1−p)(1−q) = 3 = 6(1−p)q + 6p(1−q); at
    # (1/2, 2/5, 1/4) the same sums give 9/4, 5/2 and 3.  The pure ones: (1,1,1), (1,2,2),
    # (2,1,2), (2,2,1).
    game = hg.read(corpus / "contrib" / "games" / "2x2x2.nfg")
    sol = hg.solve(game)
    assert len(sol) == 9 and sol.complete
    interior = [e for e in sol if all(len(s) == 2 for s in e.support())]
    assert {e.strategies for e in interior} == {
        ((F(2, 5), F(3, 5)), HALF, (F(1, 3), F(2, 3))),
        (HALF, (F(2, 5), F(3, 5)), (F(1, 4), F(3, 4)))}
    assert sum(e.is_pure() for e in sol) == 4
    for e in sol:
        assert e.max_regret() == 0


def test_four_player_corpus_game(corpus):
    game = hg.read(corpus / "contrib" / "games" / "2x2x2x2.nfg")   # "with 3 Nash equilibria"
    sol = hg.solve(game)
    assert sol.method == "support-enumeration-polynomial" and len(sol) == 3 and sol.complete
    for e in sol:
        assert e.max_regret() == 0


def test_float_game_gives_verified_floats():
    game = jordan().as_float()
    sol = hg.solve(game)
    assert not sol.exact and [e.strategies for e in sol] == [((0.5, 0.5),) * 3]


def test_irrational_equilibrium_of_a_2x2x2_game_is_exact_algebraic():
    # Player 1 is indifferent when q2·q3 = 1/2 (u1 = 2·[b=0][c=0] for a=0, 1 for a=1); players 2
    # and 3 symmetric in the others: each pair product is 1/2, so every probability of the first
    # strategy is 1/√2, an irrational equilibrium.
    u = np.where((B == 0) & (C == 0), 2, 0) * (A == 0) + (A == 1)
    v = np.where((A == 0) & (C == 0), 2, 0) * (B == 0) + (B == 1)
    w = np.where((A == 0) & (B == 0), 2, 0) * (C == 0) + (C == 1)
    sol = hg.solve(hg.NormalFormGame([u, v, w]))
    mixed = [e for e in sol if e.details.get("algebraic")]
    assert len(mixed) == 1
    root = 1 / sympy.sqrt(2)
    for vector in mixed[0].strategies:
        assert sympy.simplify(vector[0] - root) == 0
    # u1 = 2·q2·q3 at the mixed profile = 2·(1/√2)² = 1 (by hand), for every player by symmetry
    assert all(sympy.simplify(p - 1) == 0 for p in mixed[0].payoffs)
    assert all(abs(p - 2 ** -0.5) < 1e-12 for p in (v[0] for v in mixed[0].details["float_strategies"]))
    # the pure equilibria (everyone plays 2, everyone plays 1) are found too
    assert {e.strategies for e in sol if e.is_pure()} == {((1, 0),) * 3, ((0, 1),) * 3}


def test_degenerate_game_reports_its_continuum():
    # Player 3's payoff is constant: she is indifferent everywhere, so supports where she mixes
    # have a continuum of solutions, reported rather than sampled.
    zero = np.zeros((2, 2, 2), dtype=int)
    game = hg.NormalFormGame([(A == B).astype(int), (A == B).astype(int), zero])
    sol = hg.solve(game)
    assert not sol.complete and sol.degenerate and "continuum" in sol.message
    assert sol.parameters["positive_dimensional"]
    for e in sol:
        assert e.max_regret() == 0


def test_support_order_and_errors():
    sizes = [tuple(map(len, s)) for s in support_profiles((2, 3))]
    assert sizes[0] == (1, 1) and sizes[-1] == (2, 3) and len(sizes) == 3 * 7
    with pytest.raises(hg.GameError, match="max_profiles"):
        solve_poly(hg.NormalFormGame([np.zeros((3, 3, 3), int)] * 3), max_profiles=10)
    with pytest.raises(hg.GameError, match="NormalFormGame"):
        solve_poly([[1]])


def test_larger_games_keep_pure_only_auto():
    for shape in [(4, 4, 2), (2, 2, 2, 2, 2)]:
        game = hg.NormalFormGame([np.zeros(shape, int)] * len(shape))
        sol = hg.solve(game)
        assert sol.method == "pure" and not sol.complete and "at most 4 players" in sol.message


def test_spe_solves_a_three_player_simultaneous_subgame():
    # P1 may take 1/4 for sure, or enter Jordan's game, whose only equilibrium pays everyone
    # 1/2: the unique SPE enters and everyone mixes 1/2 - 1/2.
    def stage(a):
        return decision("P2", {str(b): decision("P3", {
            str(c): terminal([int(a == b), int(b == c), int(c != a)]) for c in (0, 1)}, infoset="p3")
            for b in (0, 1)}, infoset="p2")
    tree = hg.ExtensiveFormGame(decision("P1", {
        "Out": terminal([F(1, 4), 0, 0]),
        "In": decision("P1", {str(a): stage(a) for a in (0, 1)}, infoset="p1 in")}))
    sol = hg.spe(tree)
    assert sol.complete and len(sol) == 1
    assert sol[0].strategies == (((F(0), F(1)), HALF), (HALF,), (HALF,))
    assert sol[0].payoffs == (F(1, 2), F(1, 2), F(1, 2))
