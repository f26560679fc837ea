"""G1 of the hegemony-toolbox model, solved by the subgame-perfect solver: the acceptance test
of the extensive-form engine.

Expected values come from the research note ``hegemony-toolbox-model.md`` (§7.1 V1–V10,
§7.2 K1–K5, the §3 partition table and H's §3 strategy), where they were derived by hand and
checked with an independent brute-force script.  Payoffs are ``(u_H, u_R, u_C)`` as in the note.
"""
from __future__ import annotations

import itertools
import random
from fractions import Fraction as F

import pytest
import sympy
from hypothesis import given, strategies as st

import hegemony_games as hg
from hegemony_games.models.hegemony_toolbox import (G1_PARAMETERS, G1_PRIORITIES, G1_TEST_VECTORS,
                                                    ROOT_ACTIONS, g1_closed_form, g1_region, g1_tree)

COMMON = dict(a=F(1, 5), delta=F(1, 4), c=F(3, 10), b=F(1, 10), k=F(1, 2))

# §7.1: id -> (h, t, v, overrides, region, path, (u_H, u_R, u_C))
GENERIC = {
    "V1": (F(4, 5), F(6, 5), F(1), {}, "R1", "nD·I ; O ; H", (F(1, 5), F(-4, 5), F(19, 25))),
    "V2": (F(4, 5), F(1, 2), F(1, 5), {}, "R3", "nD·I ; N ; I", (0, 0, F(1, 10))),
    "V3": (F(4, 5), F(1, 2), F(1), {}, "R2", "D·I ; N ; I", (0, F(-3, 10), F(1, 10))),
    "V4": (F(4, 5), F(1, 2), F(1, 3), {"k": F(1, 5)}, "R1", "nD·I ; O ; H", (F(1, 6), F(-4, 15), F(1, 5))),
    "V5": (F(4, 5), F(3, 10), F(1), {}, "R3", "nD·I ; N ; I", (0, 0, F(1, 10))),
    "V6": (F(4, 5), F(9, 5), F(1), {}, "R3", "nD·I ; N ; I", (0, 0, F(1, 10))),
    "V7": (F(3, 10), F(6, 5), F(9, 5), {}, "R4", "nD·A ; N ; A", (F(-63, 50), F(33, 50), F(16, 25))),
    "V8": (F(3, 10), F(1, 5), F(2), {}, "R5", "nD·I ; N ; I", (0, 0, F(1, 10))),
    "V9": (F(3, 10), F(11, 10), F(1, 2), {}, "R5", "nD·I ; N ; I", (0, 0, F(1, 10))),
    "V10": (F(3, 5), F(1), F(1), {}, "R1", "nD·I ; O ; H", (F(1, 10), F(-3, 5), F(2, 5))),
}

# §7.2: id -> (h, t, v, overrides, region, SPE path, payoffs, tied node (path to it),
#              the reversed tie rule, path and payoffs if the tie went the other way)
KNIFE_EDGES = {
    "K1": (F(1, 2), F(2), F(3), {}, "R1", "nD·I ; O ; H", (F(1, 2), F(-3, 2), F(4, 5)),
           ["nD·A", "O"], {"C": ("A", "H", "I", "N")},
           "nD·A ; N ; A", (F(-3, 2), F(1, 2), F(4, 5))),
    "K2": (F(4, 5), F(11, 16), F(1), {}, "R1", "nD·I ; O ; H", (F(73, 160), F(-4, 5), F(7, 20)),
           ["D·I", "O"], {"C": ("I", "H", "A", "N")},
           "D·I ; N ; I", (0, F(-3, 10), F(1, 10))),
    "K3": (F(4, 5), F(1, 2), F(3, 8), {"k": F(1, 5)}, "R1", "nD·I ; O ; H", (F(1, 5), F(-3, 10), F(1, 5)),
           [], {"R": ("D·I", "D·A", "nD·I", "nD·A")},
           "D·I ; N ; I", (0, F(-3, 10), F(1, 10))),
    "K4": (F(4, 5), F(8, 5), F(1), {}, "R3", "nD·I ; N ; I", (0, 0, F(1, 10)),
           ["nD·I"], {"H": ("O", "N")},
           "nD·I ; O ; H", (0, F(-4, 5), F(27, 25))),
    "K5": (F(3, 10), F(2, 7), F(2), {}, "R4", "nD·A ; N ; A", (F(-7, 5), F(44, 35), 0),
           ["nD·A", "N"], {"C": ("H", "I", "N", "A")},
           "nD·I ; N ; I", (0, 0, F(1, 10))),
}


def test_the_packaged_test_vectors_agree_with_this_transcription_of_the_note():
    # G1_TEST_VECTORS feeds `hegemony-games reproduce`; this file transcribed the note independently
    rows = {**{k: r[:3] + (r[3], r[5], r[6]) for k, r in GENERIC.items()},
            **{k: r[:3] + (r[3], r[5], r[6]) for k, r in KNIFE_EDGES.items()}}
    assert set(G1_TEST_VECTORS) == set(rows)
    for vid, (h, t, v, overrides, path, payoffs) in rows.items():
        point, _, packaged_path, packaged_payoffs = G1_TEST_VECTORS[vid]
        assert {p: F(x) for p, x in point.items()} == params(h, t, v, overrides), vid
        assert " ; ".join(packaged_path) == path, vid
        assert tuple(F(u) for u in packaged_payoffs) == tuple(F(u) for u in payoffs), vid


def params(h, t, v, overrides) -> dict:
    return {**COMMON, "h": h, "t": t, "v": v, **overrides}


def path_of(eq) -> str:
    return " ; ".join(eq.details["path"])


def outcomes(solution) -> set:
    return {(path_of(e), tuple(e.payoffs)) for e in solution}


def only(solution):
    assert len(solution) == 1, [path_of(e) for e in solution]
    return solution[0]


# ------------------------------------------------------------------ the tree itself
def test_tree_shape_and_priorities():
    tree = g1_tree(**params(F(4, 5), F(6, 5), F(1), {}))
    assert tree.players == ("H", "R", "C") and tree.is_perfect_information()
    assert len(list(tree.leaves())) == 20 and tree.kind == "exact"
    assert tree.root.actions == ROOT_ACTIONS and tree.root.priority == ROOT_ACTIONS
    for action in ROOT_ACTIONS:
        h_node = tree.root.child(action)
        assert (h_node.player, h_node.priority) == ("H", ("N", "O"))
        offer = action[-1]
        assert h_node.child("N").actions == (offer, "N") == h_node.child("N").priority
        assert h_node.child("O").actions == ("H", offer, "N") == h_node.child("O").priority


def test_leaf_payoffs_follow_the_table_of_section_2_1():
    h, t, v, a, k, delta, c, b = (sympy.Symbol(n) for n in ("h", "t", "v", "a", "k", "delta", "c", "b"))
    tree = g1_tree(h, t, v, a, k, delta, c, b)
    table = {  # the note's §2.1 table, written out independently
        "H": lambda d: (v * h - k * t, -v * h - c * d, h * t - a - delta * d),
        "I": lambda d: (0, -c * d, b),
        "A": lambda d: (-v * (1 - h), v * (1 - h) - k * t - c * d, (1 - h) * t - a - delta * d),
        "N": lambda d: (0, -c * d, 0),
    }
    for leaf in tree.leaves():
        root_action, _, status = tree.path_to(leaf)
        d = int(root_action.startswith("D"))
        for got, want in zip(leaf.outcome.payoffs, table[status](d)):
            assert sympy.expand(got - want) == 0, (tree.path_to(leaf), got, want)


def test_symbolic_tree_substitutes_to_the_numeric_tree():
    symbolic = g1_tree()
    assert symbolic.kind == "symbolic"
    assert symbolic.parameters == {entry[0] for entry in G1_PARAMETERS.values()}
    point = params(F(3, 10), F(6, 5), F(9, 5), {})
    numeric = symbolic.subs(point)
    direct = g1_tree(**point)
    assert numeric.kind == "exact"
    assert [n.outcome.payoffs for n in numeric.leaves()] == [n.outcome.payoffs for n in direct.leaves()]
    assert path_of(only(hg.spe(numeric))) == "nD·A ; N ; A"
    t = sympy.Symbol("t", positive=True)   # the symbolic SPE at the point agrees with the numeric one
    partly = hg.spe(g1_tree(**{**point, "t": t}))
    assert path_of(only(partly.at({t: point["t"]}))) == "nD·A ; N ; A"


def test_parameters_may_be_strings_fractions_ints_or_sympy_numbers():
    a = g1_tree("0.8", "6/5", 1, sympy.Rational(1, 5), F(1, 2), "0.25", "3/10", "1/10")
    b = g1_tree(**params(F(4, 5), F(6, 5), F(1), {}))
    assert [n.outcome.payoffs for n in a.leaves()] == [n.outcome.payoffs for n in b.leaves()]
    mixed = g1_tree(h="4/5", t=sympy.Symbol("t"))  # a partly symbolic game
    assert {s.name for s in mixed.parameters} == {"t", "v", "a", "k", "delta", "c", "b"}


@pytest.mark.parametrize("bad", [dict(h=0), dict(h="3/2"), dict(t=0), dict(v=-1), dict(b="-1/10"),
                                 dict(delta=0), dict(c=-1), dict(k="x")])
def test_parameters_outside_the_domain_are_rejected(bad):
    with pytest.raises(hg.GameError):
        g1_tree(**{**params(F(4, 5), F(1), F(1), {}), **bad})
    with pytest.raises(hg.GameError):
        g1_region(**{**params(F(4, 5), F(1), F(1), {}), **bad})


def test_unknown_priority_player_is_rejected():
    with pytest.raises(hg.GameError):
        g1_tree(**params(F(4, 5), F(1), F(1), {}), priorities={"Q": ["x"]})


# ------------------------------------------------------------------ §7.1 generic vectors
@pytest.mark.parametrize("name", GENERIC)
def test_generic_vectors(name):
    h, t, v, over, region, path, payoffs = GENERIC[name]
    point = params(h, t, v, over)
    eq = only(hg.spe(g1_tree(**point)))
    assert path_of(eq) == path
    assert eq.payoffs == tuple(F(u) for u in payoffs)
    assert all(type(u) is F for u in eq.payoffs)
    assert eq.max_regret() == 0
    assert g1_region(**point) == region
    closed = g1_closed_form(**point)
    assert (closed.region, " ; ".join(closed.path), closed.payoffs) == (region, path, eq.payoffs)


# ------------------------------------------------------------------ §7.2 knife edges
@pytest.mark.parametrize("name", KNIFE_EDGES)
def test_knife_edges(name):
    h, t, v, over, region, path, payoffs, tied, reverse, other_path, other_payoffs = KNIFE_EDGES[name]
    point = params(h, t, v, over)
    payoffs, other_payoffs = tuple(map(F, payoffs)), tuple(map(F, other_payoffs))

    eq = only(hg.spe(g1_tree(**point)))
    assert (path_of(eq), eq.payoffs) == (path, payoffs)
    assert tied in eq.details["ties_broken"]
    assert eq.details["open_ties"] == []
    assert g1_region(**point) == region

    # the opposite rule at that node, as a tree built with it ...
    flipped = only(hg.spe(g1_tree(**point, priorities=reverse)))
    assert (path_of(flipped), flipped.payoffs) == (other_path, other_payoffs)
    assert tied in flipped.details["ties_broken"]
    # ... and as the solver's per-player rules on a tree without priorities
    bare = g1_tree(**point, priorities=None)
    assert outcomes(hg.spe(bare, priorities=G1_PRIORITIES)) == {(path, payoffs)}
    assert outcomes(hg.spe(bare, priorities={**G1_PRIORITIES, **reverse})) == {(other_path, other_payoffs)}

    # without tie rules, both are among the pure SPE, and the tie is reported as open
    every = hg.spe(g1_tree(**point), use_priorities=False)
    assert {(path, payoffs), (other_path, other_payoffs)} <= outcomes(every)
    assert every.degenerate and all(e.max_regret() == 0 for e in every)
    assert any(tied in e.details["open_ties"] for e in every)


# ------------------------------------------------------------------ §3 against the solver
def h_offers(d: int, offer: str, p: dict) -> bool:
    """H's strategy after R's (d, offer), as §3 states it (on and off path)."""
    h, t, v, a, k, delta, b = (p[n] for n in ("h", "t", "v", "a", "k", "delta", "b"))
    u_h, u_a, pi_h = h * t - a - delta * d, (1 - h) * t - a - delta * d, v * h - k * t
    if offer == "I":
        return pi_h > 0 and u_h >= b
    if h < F(1, 2):
        return False
    if u_a >= 0:
        return v > k * t
    return u_h >= 0 and pi_h > 0


def check_against_section_3(point: dict) -> None:
    eq = only(hg.spe(g1_tree(**point)))
    expected = g1_closed_form(**point)
    assert (tuple(eq.details["path"]), eq.payoffs) == (expected.path, expected.payoffs), (point, expected)
    offers = [eq.strategies[0][j] == (0, 1) for j in range(4)]  # H's information sets, root-action order
    assert offers == [h_offers(int(r[0] == "D"), r[-1], point) for r in ROOT_ACTIONS], point
    # the lemmas: R never campaigns with its own alliance; R gains nothing under hegemony
    assert eq.details["path"][0] != "D·A"
    if point["h"] >= F(1, 2):
        assert eq.payoffs[1] <= 0


def grid_points(count: int, seed: int = 2020) -> list[dict]:
    """Deterministic points with round values, so that many knife edges of §3 are hit."""
    values = {
        "h": [F(1, 5), F(3, 10), F(2, 5), F(1, 2), F(3, 5), F(4, 5), F(1)],
        "t": [F(1, 5), F(2, 7), F(3, 8), F(1, 2), F(11, 16), F(1), F(6, 5), F(8, 5), F(2), F(3)],
        "v": [F(1, 5), F(3, 8), F(1, 2), F(1), F(3, 2), F(2)],
        "a": [F(1, 10), F(1, 5), F(1, 2)],
        "k": [F(1, 5), F(1, 2), F(1)],
        "delta": [F(1, 10), F(1, 4), F(1, 2)],
        "c": [F(1, 10), F(3, 10), F(1, 2)],
        "b": [F(0), F(1, 10), F(3, 10)],
    }
    rng = random.Random(seed)
    return [{name: rng.choice(options) for name, options in values.items()} for _ in range(count)]


def test_section_3_table_on_a_grid():
    points = grid_points(600)
    regions = {g1_region(**p) for p in points}
    assert regions == {"R1", "R2", "R3", "R4", "R5"}
    for point in points:
        check_against_section_3(point)


def test_section_3_table_along_threat_edges():
    """Every threshold of §3 in t, hit exactly, at V1's and V7's other parameters."""
    for h, v in ((F(4, 5), F(1)), (F(3, 10), F(9, 5)), (F(1, 2), F(3))):
        base = params(h, F(1), v, {})
        a, b, k, delta = base["a"], base["b"], base["k"], base["delta"]
        edges = [(a + b) / h, (a + b + delta) / h, v * h / k, v / k, a / (1 - h), v * (1 - h) / k,
                 (a + delta) / h, (a + delta) / (1 - h), a / h]
        for edge in edges:
            for t in (edge - F(1, 1000), edge, edge + F(1, 1000)):
                if t > 0:
                    check_against_section_3({**base, "t": t})


positive = st.fractions(min_value=F(1, 50), max_value=3, max_denominator=50)


@given(h=st.fractions(min_value=F(1, 50), max_value=1, max_denominator=50), t=positive, v=positive,
       a=positive, k=positive, delta=positive, c=positive,
       b=st.fractions(min_value=0, max_value=2, max_denominator=50))
def test_section_3_table_at_random_rationals(h, t, v, a, k, delta, c, b):
    check_against_section_3(dict(h=h, t=t, v=v, a=a, k=k, delta=delta, c=c, b=b))
