"""Two game trees from the alliance literature, with the outcomes and test vectors stated in
/work/shared/research/alliance-models.md (§10.2 and §6).  Both are that note's formalizations
([F]) with its derived test vectors ([D]); the utilities and vectors are transcribed from it,
never produced by the library.

* Zagare & Kilgour (1993), "Asymmetric Deterrence", ISQ 37(1): a challenger and a defender,
  each Hard or Soft by chance and privately informed.  No proper subgames, so the SPE are the
  Nash equilibria; the note's unique perfect Bayesian equilibrium is the one equilibrium in
  which the defender is ever asked to move (the others are no-challenge equilibria held up by
  a soft defender's unexamined threat).
* Fang, Johnson & Leeds (2014), "To Concede or to Resist?", IO 68(4): challenger demands x,
  the target's ally recommends Settle or Resist, the target concedes or resists.  Complete
  information, solved by backward induction with the note's tie conventions (§0.2: an
  indifferent responder concedes; at x = τ_A the ally recommends Settle).
"""
from fractions import Fraction as F

import pytest

import hegemony_games as hg
from hegemony_games import chance, decision, terminal

# ----------------------------------------------------------------------------- Zagare & Kilgour 1993

# §10.2 test utilities: c_DC=4, c_SQ=3, c_CD=1, c_DD^H=2, c_DD^S=0; d_SQ=4, d_CD=3, d_DC=2,
# d_DD^H=2.5, d_DD^S=1.
CH = {"DC": 4, "SQ": 3, "CD": 1, "DD": {"Hard": 2, "Soft": 0}}
DEF = {"SQ": 4, "CD": 3, "DC": 2, "DD": {"Hard": F(5, 2), "Soft": 1}}
PI_S, PI_H, MU_STAR = F(1, 3), F(1, 2), F(1, 2)   # the note's thresholds for these utilities


def asymmetric_deterrence(p_ch, p_d):
    """Chance draws the challenger's type (Hard w.p. p_ch), then the defender's (Hard w.p. p_d).
    Ch: Not challenge (SQ) or Initiate; Def: Capitulate (DC) or Defend; Ch: Back down (CD) or
    Fight (DD).  Each knows only its own type: Ch's two sets and Def's set span the other's type."""
    def crisis(ch, de):
        return decision("Ch", {
            "not challenge": terminal([CH["SQ"], DEF["SQ"]], label="SQ"),
            "initiate": decision("Def", {
                "capitulate": terminal([CH["DC"], DEF["DC"]], label="DC"),
                "defend": decision("Ch", {
                    "back down": terminal([CH["CD"], DEF["CD"]], label="CD"),
                    "fight": terminal([CH["DD"][ch], DEF["DD"][de]], label="DD")}, infoset=f"{ch} Ch, last")},
                infoset=f"{de} Def")}, infoset=f"{ch} Ch, first")

    def defender(ch):
        return chance({"Hard Def": (p_d, crisis(ch, "Hard")), "Soft Def": (1 - p_d, crisis(ch, "Soft"))})
    return hg.ExtensiveFormGame(chance({"Hard Ch": (p_ch, defender("Hard")), "Soft Ch": (1 - p_ch, defender("Soft"))}),
                                players=["Ch", "Def"], title="Asymmetric deterrence (Zagare & Kilgour 1993)")


def outcome_probabilities(game, profile):
    totals = {}
    for node, p in zip(game.nodes, game.realization_probabilities(profile)):
        if node.kind == "terminal" and p:
            totals[node.label] = totals.get(node.label, 0) + p
    return totals


def pbe_profile(hard_ch_initiates, soft_ch_initiates, soft_def_defends):
    """The note's PBE: a hard Ch fights, a soft Ch backs down, a hard Def always defends.
    Information sets in order of first appearance: Ch [Hard first, Hard last, Soft first,
    Soft last]; Def [Hard, Soft]."""
    def mix(p):
        return (1 - p, p)
    return [[mix(hard_ch_initiates), (0, 1), mix(soft_ch_initiates), (1, 0)],
            [(0, 1), mix(soft_def_defends)]]


# (p_Ch, p_D), case, the PBE (hard Ch initiates, soft Ch initiates, soft Def defends), outcomes
ZK_VECTORS = [
    # (d) semi-separating: β = 3/7, σ = 1/6; SQ 0.4, DC 0.4, DD 0.1, CD 0.1
    ((F(3, 10), F(1, 5)), "d", (1, F(3, 7), F(1, 6)),
     {"SQ": F(2, 5), "DC": F(2, 5), "DD": F(1, 10), "CD": F(1, 10)}),
    # (b) only a hard Ch challenges, a soft Def capitulates: SQ 0.7, DC 0.18, DD 0.12
    ((F(3, 10), F(2, 5)), "b", (1, 0, 0), {"SQ": F(7, 10), "DC": F(9, 50), "DD": F(3, 25)}),
    # (a) deterrence succeeds: SQ 1
    ((F(3, 10), F(3, 5)), "a", (0, 0, 0), {"SQ": F(1)}),
    # (c) pooling challenge, a soft Def capitulates: DC 0.8, DD 0.12, CD 0.08
    ((F(3, 5), F(1, 5)), "c", (1, 1, 0), {"DC": F(4, 5), "DD": F(3, 25), "CD": F(2, 25)}),
]


def test_the_thresholds_of_the_note_follow_from_the_utilities():
    assert PI_S == F(CH["DC"] - CH["SQ"], CH["DC"] - CH["CD"])
    assert PI_H == F(CH["DC"] - CH["SQ"], CH["DC"] - CH["DD"]["Hard"])
    assert MU_STAR == F(DEF["CD"] - DEF["DC"]) / (DEF["CD"] - DEF["DD"]["Soft"])


@pytest.mark.parametrize("params, case, pbe, outcomes", ZK_VECTORS, ids=[v[1] for v in ZK_VECTORS])
def test_zagare_kilgour_pbe_is_an_equilibrium_with_the_stated_outcomes(params, case, pbe, outcomes):
    game = asymmetric_deterrence(*params)
    profile = pbe_profile(*pbe)
    assert game.regrets(profile) == (0, 0)
    assert outcome_probabilities(game, profile) == outcomes
    p_ch, p_d = params
    beliefs = game.beliefs(profile)[1][1]   # the soft defender's belief over (Hard Ch, Soft Ch)
    if case == "d":   # mixing makes the soft defender exactly indifferent: μ = μ*
        assert beliefs == (MU_STAR, 1 - MU_STAR)
        assert p_d + (1 - p_d) * pbe[2] == PI_S   # ρ = π_S: the soft challenger is indifferent
    elif case == "b":
        assert beliefs == (1, 0)
    elif case == "c":
        assert beliefs == (p_ch, 1 - p_ch) and p_ch >= MU_STAR
    else:
        assert beliefs is None and p_d >= PI_H


@pytest.mark.parametrize("params, case, pbe, outcomes", ZK_VECTORS, ids=[v[1] for v in ZK_VECTORS])
def test_zagare_kilgour_spe_contain_the_pbe_and_no_other_challenge(params, case, pbe, outcomes):
    game = asymmetric_deterrence(*params)
    sol = hg.spe(game)
    assert sol.complete and sol.method == "subgame-decomposition"   # no proper subgame
    assert all(eq.max_regret() == 0 for eq in sol)
    challenged = [eq for eq in sol if outcome_probabilities(game, eq.strategies).get("SQ", 0) != 1]
    if case == "a":   # the defender is credible: nobody challenges in any equilibrium
        assert challenged == []
        return
    # exactly one equilibrium in which the defender is asked to move: the note's unique PBE
    assert len(challenged) == 1
    (eq,) = challenged
    assert outcome_probabilities(game, eq.strategies) == outcomes
    expected = pbe_profile(*pbe)
    # off the path only a soft Ch's last move can differ, and only when she never initiates
    assert eq.strategies[1] == tuple(tuple(F(p) for p in v) for v in expected[1])
    assert [eq.strategies[0][k] for k in (0, 1, 2)] == [tuple(F(p) for p in expected[0][k]) for k in (0, 1, 2)]
    # the other equilibria are deterrence by an unexamined threat: SQ for sure
    assert all(outcome_probabilities(game, e.strategies) == {"SQ": 1} for e in sol if e is not eq)
    # and the PBE is an isolated equilibrium: no mixture with those leads to other outcomes
    normal = hg.solve(game.to_normal_form())
    as_behaviour = [[hg.games.behaviour.mixed_to_behaviour(game, i, v) for i, v in enumerate(e.strategies)]
                    for e in normal]
    challenge = [k for k, b in enumerate(as_behaviour) if outcome_probabilities(game, b).get("SQ", 0) != 1]
    assert len(challenge) == 1 and [challenge[0]] in normal.components


# ----------------------------------------------------------------------------- Fang, Johnson & Leeds 2014

BASE = {"p0": F(2, 5), "p1": F(1, 5), "c_T": F(1, 10), "c_A": F(1, 5), "gamma": F(1, 2)}   # τ_A = 0.6
C_C = F(1, 20)   # the challenger's war cost: not given in §6.4 and irrelevant to x̂ while war pays C less
CONVENTION = {"T": ["Concede", "Resist"], "A": ["Settle", "Resist"]}


def restraint_game(demands, p0, p1, c_T, c_A, gamma, V, c_C=C_C):
    """§6.2: C demands x; A recommends Settle or Resist; T concedes (peace) or resists
    (war with A after Resist, war alone, losing the alliance value V, after Settle)."""
    def crisis(x):
        peace = [x, 1 - x, gamma * (1 - x)]
        with_a = [p1 - c_C, 1 - p1 - c_T, gamma * (1 - p1) - c_A]
        alone = [p0 - c_C, 1 - p0 - c_T - V, gamma * (1 - p0)]
        return decision("A", {
            "Settle": decision("T", {"Concede": terminal(peace, label="peace"),
                                     "Resist": terminal(alone, label="war alone")}),
            "Resist": decision("T", {"Concede": terminal(peace, label="peace"),
                                     "Resist": terminal(with_a, label="war with A")})})
    return hg.ExtensiveFormGame(decision("C", {str(x): crisis(x) for x in demands}), players=["C", "T", "A"],
                                title="Restraint (Fang, Johnson & Leeds 2014, reconstructed)")


def outcome_after(game, eq, k):
    """The outcome the SPE prescribes after the k-th demand (on or off the path)."""
    node = game.root.children[k]
    for _ in range(2):
        i, s = game.infoset_of(node)
        node = node.children[list(eq.strategies[i][s]).index(1)]
    return node.label


TABLE_DEMANDS = [F("0.25"), F("0.45"), F("0.55"), F("0.62"), F("0.70"), F("0.90")]
FJL_CASES = {
    "restraint": ({**BASE, "V": F(3, 20)}, F(3, 5),
                  ["peace", "peace", "peace", "war with A", "war alone", "war alone"]),
    "no alliance value": ({**BASE, "V": 0}, F(1, 2),
                          ["peace", "peace", "war alone", "war alone", "war alone", "war alone"]),
    "deterrence": ({**BASE, "c_A": F(1, 50), "V": F(3, 20)}, F(3, 10),
                   ["peace"] + ["war with A"] * 5),
}


@pytest.mark.parametrize("case", list(FJL_CASES))
def test_fjl_outcome_by_demand_and_maximal_peaceful_demand(case):
    params, x_hat, outcomes = FJL_CASES[case]
    grid = [k / F(100) for k in range(101)]   # every demand 0, 0.01, ..., 1 (x̂ and the table lie on it)
    game = restraint_game(grid, **params)
    sol = hg.spe(game, priorities=CONVENTION)
    assert len(sol) == 1
    (eq,) = sol
    assert eq.details["path"] == [str(x_hat), "Settle", "Concede"]   # C demands x̂; peace on the path
    assert eq.payoffs[0] == x_hat
    assert [outcome_after(game, eq, grid.index(x)) for x in TABLE_DEMANDS] == outcomes
    assert eq.details["ties_broken"]   # the conventions were needed (at x̂ itself, for one)


def test_fjl_ties_without_the_conventions_give_several_spe():
    # at x = 0.6 = τ_A the ally is indifferent between Settle (peace) and Resist (war with A),
    # and at 0.3 = p1 + c_T the target is indifferent after Resist
    game = restraint_game([F("0.3"), F("0.6"), F("0.62")], **{**BASE, "V": F(3, 20)})
    sol = hg.spe(game, use_priorities=False)
    assert len(sol) > 1 and sol.degenerate
    assert {eq.details["path"][0] for eq in sol} == {"3/10", "3/5"}
    assert any(["3/5"] in eq.details["open_ties"] for eq in sol)


@pytest.mark.parametrize("V", [0, F(1, 20), F(1, 10), F(3, 20), F(3, 10)])
def test_fjl_restraint_the_demand_rises_with_the_alliance_value(V):
    params = {**BASE, "V": V}
    tau_a = params["p1"] + params["c_A"] / params["gamma"]
    x_hat = max(params["p1"] + params["c_T"], min(tau_a, params["p0"] + params["c_T"] + V))
    grid = [k / F(100) for k in range(101)]
    sol = hg.spe(restraint_game(grid, **params), priorities=CONVENTION)
    assert sol[0].payoffs[0] == x_hat
    assert x_hat == {0: F(1, 2), F(1, 20): F(11, 20)}.get(V, F(3, 5))   # 0.5, 0.55, then capped at τ_A = 0.6


def test_fjl_deterrence_the_ally_lowers_the_demand_below_the_no_ally_demand():
    grid = [k / F(100) for k in range(101)]
    # without an ally: T concedes iff x ≤ p0 + c_T = 0.5
    alone = hg.ExtensiveFormGame(decision("C", {str(x): decision("T", {
        "Concede": terminal([x, 1 - x]),
        "Resist": terminal([BASE["p0"] - C_C, 1 - BASE["p0"] - BASE["c_T"]])}) for x in grid}))
    x_hat_0 = hg.spe(alone, priorities={"T": ["Concede"]})[0].payoffs[0]
    assert x_hat_0 == F(1, 2)
    allied = hg.spe(restraint_game(grid, **{**BASE, "c_A": F(1, 50), "V": F(3, 20)}), priorities=CONVENTION)
    assert allied[0].payoffs[0] == F(3, 10) < x_hat_0


def test_fjl_abandonment_region():
    # p0 = 0.4 ≤ τ_A = 0.6: every demand above max(p0 + c_T + V, p1 + c_T) = 0.65 ends in war alone
    params = {**BASE, "V": F(3, 20)}
    demands = [F("0.66"), F("0.8"), F(1)]
    game = restraint_game(demands, **params)
    sol = hg.spe(game, priorities=CONVENTION)
    assert len(sol) == 3   # C gets p0 − c_C whatever she demands: one SPE per demand
    for eq in sol:
        assert [outcome_after(game, eq, k) for k in range(3)] == ["war alone"] * 3
        assert eq.payoffs == (params["p0"] - C_C, 1 - params["p0"] - params["c_T"] - params["V"],
                              params["gamma"] * (1 - params["p0"]))
