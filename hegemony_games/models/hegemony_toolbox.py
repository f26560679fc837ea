"""The hegemony-toolbox game G1 (Istomin & Baykov 2020), as a game tree.

Istomin, I. A. & Baykov, A. A. (2020), "Alliances at the Service of Hegemony: Deconstruction
of the Military Domination Toolbox", *Polis. Political Studies* 6, 8–25,
doi:10.17976/jpps/2020.06.02.  The paper argues verbally; it states no game.  G1 below is
this library's formalization of its argument (research note ``hegemony-toolbox-model.md``
§2.1), not the authors' model.

**Players and moves** (perfect information, no chance).  The game lists its players as
``("H", "R", "C")`` so that payoff vectors read ``(u_H, u_R, u_C)``, as in the note's tables;
they move in the order R, H, C:

1. R, the rising power, picks a compound action ``(d, o)``: ``nD``/``D`` (a delegitimization
   campaign, cost ``c``) and the offer ``I`` (an inclusive format) or ``A`` (its own asymmetric
   alliance).  Tie priority ``nD·I ≻ nD·A ≻ D·I ≻ D·A``.
2. H, the hegemon, seeing ``(d, o)``, plays ``N`` (no offer) or ``O`` (offers an alliance);
   priority ``N ≻ O``.
3. C, the client, takes ``H`` (only if offered), R's offer ``o``, or ``N`` (non-aligned);
   priority ``H ≻ I ≻ A ≻ N`` among the available options.

The 20 leaves pay according to the client's final status ``x`` and to ``d ∈ {0, 1}``:

======  ================  ========================  ====================
``x``   ``u_H``           ``u_R``                   ``u_C``
======  ================  ========================  ====================
``H``   ``v·h − k·t``     ``−v·h − c·d``            ``h·t − a − δ·d``
``I``   ``0``             ``−c·d``                  ``b``
``A``   ``−v·(1−h)``      ``v·(1−h) − k·t − c·d``   ``(1−h)·t − a − δ·d``
``N``   ``0``             ``−c·d``                  ``0``
======  ================  ========================  ====================

The module only builds the game; :func:`hegemony_games.spe` solves it.  :func:`g1_region`
and :func:`g1_closed_form` state the note's closed-form solution (§3, regions R1–R5), which
the tests check against the solver; the solver never uses them.

>>> import hegemony_games as hg
>>> tree = g1_tree("4/5", "6/5", 1, "1/5", "1/2", "1/4", "3/10", "1/10")   # test vector V1
>>> tree.players, tree.num_nodes, len(list(tree.leaves()))
(('H', 'R', 'C'), 33, 20)
>>> eq = hg.spe(tree)[0]
>>> eq.details["path"], [str(u) for u in eq.payoffs]
(['nD·I', 'O', 'H'], ['1/5', '-4/5', '19/25'])
>>> g1_region("4/5", "6/5", 1, "1/5", "1/2", "1/4", "3/10", "1/10")
'R1'
>>> symbolic = g1_tree()                          # every parameter a sympy symbol
>>> sorted(s.name for s in symbolic.parameters)
['a', 'b', 'c', 'delta', 'h', 'k', 't', 'v']
>>> hg.spe(symbolic.subs({"h": "4/5", "t": "6/5", "v": 1, "a": "1/5", "k": "1/2",
...                       "delta": "1/4", "c": "3/10", "b": "1/10"}))[0].details["path"]
['nD·I', 'O', 'H']
"""
from __future__ import annotations

from fractions import Fraction
from typing import Any, Mapping, NamedTuple, Sequence

import sympy

from ..errors import GameError
from ..games.extensive_form import ExtensiveFormGame, Node, decision, terminal
from ..numbers import to_exact

__all__ = ["G1_PARAMETERS", "G1_PRIORITIES", "ROOT_ACTIONS", "G1_TEST_VECTORS", "g1_tree", "g1_region",
           "g1_closed_form", "G1Outcome", "g1_symbolic_regions"]

#: The parameters of G1 (note §1): name → (sympy symbol, domain, meaning).  The symbols are
#: the defaults of :func:`g1_tree`, so ``g1_tree()`` is the symbolic game.  They carry sign
#: assumptions, so sympy treats a plain ``Symbol("h")`` as a different symbol: substitute by
#: name (``tree.subs({"h": "4/5"})``) or with these symbols.
G1_PARAMETERS: dict[str, tuple[sympy.Symbol, str, str]] = {
    "h": (sympy.Symbol("h", positive=True), "0 < h ≤ 1",
          "H's share of the H+R capabilities (hegemony strength); R's share is 1 − h"),
    "t": (sympy.Symbol("t", positive=True), "t > 0",
          "the client's regional threat: its expected loss when unprotected"),
    "v": (sympy.Symbol("v", positive=True), "v > 0",
          "the client's strategic value to a patron (basing, access, alignment)"),
    "a": (sympy.Symbol("a", positive=True), "a > 0",
          "the client's autonomy cost of any asymmetric alliance"),
    "k": (sympy.Symbol("k", positive=True), "k > 0",
          "a patron's institutional and entrapment cost per unit of threat (it pays k·t)"),
    "delta": (sympy.Symbol("delta", positive=True), "δ > 0",
              "stigma: the client's extra cost of any asymmetric alliance after R campaigns"),
    "c": (sympy.Symbol("c", positive=True), "c > 0",
          "R's cost of a delegitimization campaign"),
    "b": (sympy.Symbol("b", nonnegative=True), "b ≥ 0",
          "the client's benefit from R's inclusive format (no security, no autonomy cost)"),
}
_NAMES = tuple(G1_PARAMETERS)
_SYM = {name: entry[0] for name, entry in G1_PARAMETERS.items()}

#: R's compound root actions, in priority order (most preferred first).
ROOT_ACTIONS = ("nD·I", "nD·A", "D·I", "D·A")

#: The note's tie rules, per player, most preferred first (C's order restricted to the
#: options available at each of its nodes).
G1_PRIORITIES: dict[str, tuple[str, ...]] = {
    "R": ROOT_ACTIONS,
    "H": ("N", "O"),
    "C": ("H", "I", "A", "N"),
}


#: The research note's test vectors (§7.1 V1–V10, §7.2 K1–K5), transcribed from the note:
#: id → (parameters, what the point shows, SPE path (R; H; C), (u_H, u_R, u_C)).  Common to
#: all: a = 1/5, δ = 1/4, c = 3/10, b = 1/10, and k = 1/2 unless given.
G1_TEST_VECTORS: dict[str, tuple[dict[str, str], str, tuple[str, str, str], tuple[str, str, str]]] = {
    vid: ({"h": h, "t": t, "v": v, "a": "1/5", "k": k, "delta": "1/4", "c": "3/10", "b": "1/10"},
          what, path, payoffs)
    for vid, (h, t, v, k), what, path, payoffs in [
        ("V1", ("4/5", "6/5", "1", "1/2"), "R1, robust client", ("nD·I", "O", "H"), ("1/5", "-4/5", "19/25")),
        ("V2", ("4/5", "1/2", "1/5", "1/2"), "R3, low strategic value", ("nD·I", "N", "I"), ("0", "0", "1/10")),
        ("V3", ("4/5", "1/2", "1", "1/2"), "R2, contestable client", ("D·I", "N", "I"), ("0", "-3/10", "1/10")),
        ("V4", ("4/5", "1/2", "1/3", "1/5"), "R1, campaign too costly", ("nD·I", "O", "H"),
         ("1/6", "-4/15", "1/5")),
        ("V5", ("4/5", "3/10", "1", "1/2"), "R3, low threat", ("nD·I", "N", "I"), ("0", "0", "1/10")),
        ("V6", ("4/5", "9/5", "1", "1/2"), "R3, high threat", ("nD·I", "N", "I"), ("0", "0", "1/10")),
        ("V7", ("3/10", "6/5", "9/5", "1/2"), "R4, rival's band", ("nD·A", "N", "A"),
         ("-63/50", "33/50", "16/25")),
        ("V8", ("3/10", "1/5", "2", "1/2"), "R5, (1-h)t < a", ("nD·I", "N", "I"), ("0", "0", "1/10")),
        ("V9", ("3/10", "11/10", "1/2", "1/2"), "R5, rival's value negative", ("nD·I", "N", "I"),
         ("0", "0", "1/10")),
        ("V10", ("3/5", "1", "1", "1/2"), "R1 at lower h", ("nD·I", "O", "H"), ("1/10", "-3/5", "2/5")),
        ("K1", ("1/2", "2", "3", "1/2"), "knife edge h = 1/2", ("nD·I", "O", "H"), ("1/2", "-3/2", "4/5")),
        ("K2", ("4/5", "11/16", "1", "1/2"), "knife edge U_H = b", ("nD·I", "O", "H"),
         ("73/160", "-4/5", "7/20")),
        ("K3", ("4/5", "1/2", "3/8", "1/5"), "knife edge v·h = c", ("nD·I", "O", "H"), ("1/5", "-3/10", "1/5")),
        ("K4", ("4/5", "8/5", "1", "1/2"), "knife edge π_H = 0", ("nD·I", "N", "I"), ("0", "0", "1/10")),
        ("K5", ("3/10", "2/7", "2", "1/2"), "knife edge (1-h)t = a", ("nD·A", "N", "A"), ("-7/5", "44/35", "0")),
    ]
}


def _value(name: str, value: Any) -> Any:
    """An exact ``Fraction``, a float, or a sympy expression; numeric values checked against the domain."""
    if isinstance(value, sympy.Basic):
        if value.free_symbols:
            return value
        value = Fraction(str(value)) if isinstance(value, sympy.Rational) else float(value)
    elif isinstance(value, float):
        pass
    else:
        value = to_exact(value)
    low_ok = value >= 0 if name == "b" else value > 0
    if not low_ok or (name == "h" and value > 1):
        raise GameError(f"G1 needs {G1_PARAMETERS[name][1]}, got {name} = {value}")
    return value


def _parameters(values: Sequence[Any]) -> dict[str, Any]:
    p = {name: _value(name, v) for name, v in zip(_NAMES, values)}
    if any(isinstance(v, sympy.Basic) for v in p.values()):
        # sympy arithmetic with Fractions is not reliable: use sympy numbers throughout
        p = {n: sympy.Rational(v.numerator, v.denominator) if isinstance(v, Fraction) else v
             for n, v in p.items()}
    return p


def _leaf_payoffs(p: Mapping[str, Any], x: str, d: int) -> tuple:
    """(u_H, u_R, u_C) when the client ends with status ``x`` after campaign choice ``d``."""
    h, t, v, a, k, delta, c, b = (p[n] for n in _NAMES)
    if x == "H":
        u_h, u_r, u_c = v * h - k * t, -v * h, h * t - a - delta * d
    elif x == "A":
        u_h, u_r, u_c = -v * (1 - h), v * (1 - h) - k * t, (1 - h) * t - a - delta * d
    else:
        u_h, u_r, u_c = 0, 0, (b if x == "I" else 0)
    return u_h, (u_r - c * d if d else u_r), u_c


def g1_tree(h: Any = _SYM["h"], t: Any = _SYM["t"], v: Any = _SYM["v"], a: Any = _SYM["a"],
            k: Any = _SYM["k"], delta: Any = _SYM["delta"], c: Any = _SYM["c"], b: Any = _SYM["b"],
            *, priorities: Mapping[str, Sequence[str]] | None = G1_PRIORITIES) -> ExtensiveFormGame:
    """The game tree of G1 with players ``("H", "R", "C")`` (payoffs ``(u_H, u_R, u_C)``).

    Each parameter may be an int, a ``Fraction``, an exact string (``"3/10"``, ``"0.3"``), a
    float, or a sympy symbol/expression (the default: the symbols of :data:`G1_PARAMETERS`);
    a sympy constant that is not rational (``sqrt(2)``) becomes a float.
    Numeric values must lie in the domains of :data:`G1_PARAMETERS` (else ``GameError``).

    ``priorities`` gives each player's tie order, most preferred first (default
    :data:`G1_PRIORITIES`, the note's rules); a mapping that names only some players keeps the
    default for the others; ``None`` builds the tree without priorities, so that the rules
    passed to :func:`hegemony_games.spe` (or none) decide ties.

    Node labels name the mover and the history, e.g. ``"C after nD·A, O"``; leaves are
    labelled ``"x=H, d=0"``.

    >>> tree = g1_tree(1, 1, 1, 1, 1, 1, 1, 0)
    >>> tree.root.actions, tree.root.child("nD·A").child("O").actions
    (('nD·I', 'nD·A', 'D·I', 'D·A'), ('H', 'A', 'N'))
    >>> [str(u) for u in tree.root.child("D·I").child("O").child("H").outcome.payoffs]
    ['0', '-2', '-1']
    >>> g1_tree(h=2)
    Traceback (most recent call last):
    ...
    hegemony_games.errors.GameError: G1 needs 0 < h ≤ 1, got h = 2
    """
    p = _parameters((h, t, v, a, k, delta, c, b))
    if priorities is None:
        order: dict[str, tuple[str, ...] | None] = {"R": None, "H": None, "C": None}
    else:
        unknown = set(priorities) - set(G1_PRIORITIES)
        if unknown:
            raise GameError(f"priorities name unknown players {sorted(unknown)}; G1's players are R, H, C")
        order = {**G1_PRIORITIES, **{q: tuple(map(str, o)) for q, o in priorities.items()}}

    def ranked(player: str, actions: Sequence[str]) -> list[str] | None:
        rule = order[player]
        if rule is None:
            return None
        return [x for x in rule if x in actions] + [x for x in actions if x not in rule]

    def client(history: str, options: Sequence[str], d: int) -> Node:
        leaves = {x: terminal(_leaf_payoffs(p, x, d), label=f"x={x}, d={d}") for x in options}
        return decision("C", leaves, priority=ranked("C", options), label=f"C after {history}")

    branches = {}
    for action in ROOT_ACTIONS:
        d, offer = int(action.startswith("D")), action[-1]
        branches[action] = decision("H", {
            "N": client(f"{action}, N", (offer, "N"), d),
            "O": client(f"{action}, O", ("H", offer, "N"), d),
        }, priority=ranked("H", ("N", "O")), label=f"H after {action}")
    root = decision("R", branches, priority=ranked("R", ROOT_ACTIONS), label="R")
    # the domain of a symbolic h (0 < h ≤ 1): its symbol says h > 0, the upper bound is an assumption
    bound = [p["h"] <= 1] if isinstance(p["h"], sympy.Basic) and p["h"].free_symbols else None
    return ExtensiveFormGame(root, players=("H", "R", "C"), title="Istomin & Baykov (2020) G1", assumptions=bound)


def _exact_parameters(values: Sequence[Any]) -> tuple[Fraction, ...]:
    out = []
    for name, value in zip(_NAMES, values):
        if isinstance(value, sympy.Basic):
            if value.free_symbols or not isinstance(value, sympy.Rational):
                raise GameError(f"the closed form needs numeric parameters, got {name} = {value}")
            value = Fraction(str(value))
        out.append(_value(name, to_exact(value)))
    return tuple(out)


def g1_region(h: Any, t: Any, v: Any, a: Any, k: Any, delta: Any, c: Any, b: Any) -> str:
    """The region ``"R1"``–``"R5"`` of the closed-form SPE (note §3) at a numeric point.

    Exact arithmetic throughout (floats are read as the decimals they print as).  Writing
    ``π_H = v·h − k·t``, ``π_R = v·(1−h) − k·t`` and ``μ = h·t − a − b``:

    * R1 (hegemonic alliance): ``h ≥ 1/2``, ``π_H > 0``, ``μ ≥ 0`` and (``μ ≥ δ`` or ``v·h ≤ c``);
    * R2 (the campaign peels the client): ``h ≥ 1/2``, ``π_H > 0``, ``0 ≤ μ < δ``, ``v·h > c``;
    * R3 (no alliance, regime I): ``h ≥ 1/2`` and (``π_H ≤ 0`` or ``μ < 0``);
    * R4 (rival's alliance): ``h < 1/2``, ``π_R > 0``, ``(1−h)·t ≥ a``;
    * R5 (no alliance, regime II): ``h < 1/2`` otherwise.

    >>> g1_region("4/5", "1/2", 1, "1/5", "1/2", "1/4", "3/10", "1/10")   # V3
    'R2'
    >>> g1_region("3/10", "6/5", "9/5", "1/5", "1/2", "1/4", "3/10", "1/10")   # V7
    'R4'
    """
    h, t, v, a, k, delta, c, b = _exact_parameters((h, t, v, a, k, delta, c, b))
    pi_h, pi_r, mu = v * h - k * t, v * (1 - h) - k * t, h * t - a - b
    if h >= Fraction(1, 2):
        if pi_h <= 0 or mu < 0:
            return "R3"
        return "R1" if mu >= delta or v * h <= c else "R2"
    return "R4" if pi_r > 0 and (1 - h) * t >= a else "R5"


class G1Outcome(NamedTuple):
    """A row of the note's §3 table: the region, the path (R; H; C) and ``(u_H, u_R, u_C)``."""

    region: str
    path: tuple[str, str, str]
    payoffs: tuple[Fraction, Fraction, Fraction]


def g1_closed_form(h: Any, t: Any, v: Any, a: Any, k: Any, delta: Any, c: Any, b: Any) -> G1Outcome:
    """The equilibrium path and payoffs that the §3 table gives at a numeric point.

    Payoffs are ``(u_H, u_R, u_C)``, the tree's player order and the note's.

    >>> g1_closed_form("4/5", "6/5", 1, "1/5", "1/2", "1/4", "3/10", "1/10")   # V1
    G1Outcome(region='R1', path=('nD·I', 'O', 'H'), payoffs=(Fraction(1, 5), Fraction(-4, 5), Fraction(19, 25)))
    """
    h, t, v, a, k, delta, c, b = _exact_parameters((h, t, v, a, k, delta, c, b))
    region = g1_region(h, t, v, a, k, delta, c, b)
    zero = Fraction(0)
    rows = {
        "R1": (("nD·I", "O", "H"), (v * h - k * t, -v * h, h * t - a)),
        "R2": (("D·I", "N", "I"), (zero, -c, b)),
        "R3": (("nD·I", "N", "I"), (zero, zero, b)),
        "R4": (("nD·A", "N", "A"), (-v * (1 - h), v * (1 - h) - k * t, (1 - h) * t - a)),
        "R5": (("nD·I", "N", "I"), (zero, zero, b)),
    }
    path, payoffs = rows[region]
    return G1Outcome(region, path, payoffs)


def g1_symbolic_regions(solution: Any = None, **parameters: Any) -> dict[str, list]:
    """The pieces of G1's symbolic SPE, grouped by the note's region (§3) they lie in.

    ``parameters`` fixes some of G1's parameters (by name, as for :func:`g1_tree`); the others
    stay symbols.  ``solution`` is ``hg.spe(g1_tree(**parameters))``, computed when not given
    (with every parameter free this takes a while: about half a minute).  A piece's region is
    told by its equilibrium path, which differs between R1, R2, R4 and the pair R3/R5; R3 and
    R5 (same path, same payoffs) are told apart by the regime, ``h ≥ 1/2`` or ``h < 1/2``, that
    the piece's conditions imply.  A piece that spans both regimes, or whose regime could not
    be proven, is listed under both R3 and R5.  Pieces of one region differ in play off the
    equilibrium path (what H or C would do after other root actions), not in path or payoffs.

    >>> regions = g1_symbolic_regions(h="4/5", k="1/2", a="1/5", delta="1/4", c="3/10", b="1/10")
    >>> sorted(regions)
    ['R1', 'R2', 'R3']
    >>> sorted({tuple(piece.equilibria[0].details["path"]) for piece in regions["R2"]})
    [('D·I', 'N', 'I')]
    """
    from ..api import spe

    if solution is None:
        solution = spe(g1_tree(**parameters))
    h = _SYM["h"]
    if h not in solution.game.parameters:   # one regime for the whole solution
        if "h" not in parameters:
            raise GameError("h is fixed in this solution's game: pass its value, g1_symbolic_regions(solution, h=...)")
        h = to_exact(parameters["h"])
    out: dict[str, list] = {}
    for piece in solution.pieces:
        for name in _regions_by_path(piece, solution.game.assumptions, h):
            out.setdefault(name, []).append(piece)
    return dict(sorted(out.items()))


_REGION_OF_PATH = {("nD·I", "O", "H"): "R1", ("D·I", "N", "I"): "R2", ("nD·A", "N", "A"): "R4"}


def _regions_by_path(piece: Any, assumptions: Any, h: Any) -> list[str]:
    from ..symbolic.conditions import Condition

    path = tuple(piece.equilibria[0].details.get("path", ()))
    if path in _REGION_OF_PATH:
        return [_REGION_OF_PATH[path]]
    if path != ("nD·I", "N", "I"):
        raise GameError(f"G1 has no region with the equilibrium path {' ; '.join(path)}")
    if not isinstance(h, sympy.Symbol):
        return ["R3"] if 2 * h >= 1 else ["R5"]
    if piece.region.implies(Condition.of(2 * h >= 1), assumptions):
        return ["R3"]
    if piece.region.implies(Condition.of(2 * h < 1), assumptions):
        return ["R5"]
    return ["R3", "R5"]
