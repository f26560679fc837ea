"""Piecewise backward induction on game trees with symbolic payoffs and chance probabilities.

Zermelo's backward induction (Kuhn 1953) with parameters θ in the payoffs: the answer is
no longer one profile but a list of *pieces* ``(region, subgame-perfect equilibria)``.
Going from the leaves to the root, every subtree keeps a list of *entries*, each a region of
parameter space (a :class:`~hegemony_games.symbolic.conditions.Condition`, a conjunction of
polynomial sign conditions) together with one subgame-perfect continuation of the subtree
that holds on the whole region.  Several entries may hold at one point: the subtree then
has several SPE there (open ties), exactly as in :func:`hegemony_games.spe`.

* A *chance node* combines one entry of every child (their regions conjoined) and takes
  the expectation of the continuation payoffs; probabilities may be symbolic.
* A *decision node* of player i runs a knock-out over its children, in its tie-breaking
  order: the region of each combination is split on the sign of the payoff difference
  ``u_i(challenger) − u_i(current best)`` with :func:`~hegemony_games.symbolic.conditions.cases`.
  With a ``priority`` (the node's, or the player's rule), a later action wins only on ``>``
  and the earlier one keeps ``≤`` (a weak inequality): the tie goes to the preferred action,
  as in the numeric solver.  Without one, the tie ``== 0`` is a region of its own on which
  every tied action gives a subgame-perfect equilibrium, and all of them are listed.
* Every conjunction is tested as soon as it is formed and dropped when it is *proven*
  empty (``Condition.is_feasible`` returns ``False``); undecided ones are kept.  Pruning as
  combinations arise, instead of forming the product of all children's pieces and filtering,
  is what keeps the work proportional to the pieces that really exist (research note
  ``algorithms.md`` §(g); the naive product of G1's pieces is of order 10^5 at the root).

Outcomes at inner nodes add up along the path, as in the numeric solver.  Trees with an
information set of several nodes are refused with a :class:`~hegemony_games.GameError`
(symbolic subgame decomposition is not supported).

Each piece's equilibria are behaviour profiles as :func:`hegemony_games.spe` returns them
(per player, one vector per information set; pure, with sympy 0/1 entries), with sympy
payoffs and ``details["path"]``.  Every equilibrium is re-checked at a rational point of its
region (when one is found): no one-shot deviation gains its mover anything there.

>>> import sympy
>>> import hegemony_games as hg
>>> x = sympy.Symbol("x")
>>> tree = hg.ExtensiveFormGame(hg.decision("A", {
...     "L": hg.terminal([1, 0]),
...     "R": hg.decision("B", {"l": hg.terminal([x, 2]), "r": hg.terminal([0, 1])})}))
>>> for condition, equilibria in symbolic_spe(tree).pieces:    # no tie rule: the tie is a piece
...     print(condition, [e.details["path"] for e in equilibria])
x > 1 [['R', 'l']]
Eq(x, 1) [['L'], ['R', 'l']]
x < 1 [['L']]
>>> sol = symbolic_spe(tree, priorities={"A": ["L", "R"]})   # A indifferent: plays L
>>> for piece in sol.pieces:
...     print(piece.condition, piece.equilibria[0].details["path"], piece.equilibria[0].payoffs)
x > 1 ['R', 'l'] (x, 2)
x <= 1 ['L'] (1, 0)
"""
from __future__ import annotations

import functools
import itertools
from dataclasses import dataclass
from fractions import Fraction as F
from typing import Any, Mapping, Sequence

import numpy as np
import scipy.optimize
import sympy

from ..errors import GameError
from ..games.extensive_form import ExtensiveFormGame, Node
from ..limits import Deadline, DeadlineReached
from ..solution import Equilibrium, Solution
from .conditions import Condition, _exact_sign, cases, proven_empty
from .pieces import Piece

__all__ = ["symbolic_spe", "region_point"]

ONE, ZERO = sympy.Integer(1), sympy.Integer(0)


@dataclass(frozen=True, eq=False)
class _Plan:
    """One subgame-perfect continuation of a subtree: its payoffs from the node on (the node's
    own outcome included), the action taken at the node (decision nodes), the children's plans
    it is built from, and whether the node's mover was indifferent with no rule to choose."""

    payoffs: tuple
    action: int | None = None
    below: tuple = ()
    open_tie: bool = False


@dataclass(frozen=True, eq=False)
class _Entry:
    region: Condition
    plan: _Plan


def symbolic_spe(game: ExtensiveFormGame, priorities: Mapping[str, Sequence[str]] | None = None,
                 use_priorities: bool = True, assumptions: Any = None, timeout: float | None = None) -> Solution:
    """The subgame-perfect equilibria of a symbolic perfect-information tree, piece by piece.

    Parameters are those of :func:`hegemony_games.spe`; ``assumptions`` (a sympy relational,
    a sequence of them, or a :class:`Condition`) are conjoined with ``game.assumptions`` for
    this call.  Chance probabilities that are not constants are also required to be
    non-negative (outside that set the tree is not a game).

    Returns a :class:`~hegemony_games.Solution` with ``pieces`` (each a
    :class:`~hegemony_games.symbolic.pieces.Piece`: its region, as a sympy boolean and as a
    ``Condition``, and the SPE that hold on it) and, as its equilibria, all pieces'
    equilibria in order, each with ``details["piece"]`` the index of its piece.  Pieces are
    not merged: two pieces may carry the same equilibrium path and differ off the path.
    Where a tie is left open (no priority), a tie region may also overlap the regions of
    other pieces on a lower-dimensional set: at every point, the SPE are those of all the
    pieces whose region holds there (as ``Solution.at`` collects them).

    ``timeout`` (seconds, ``None``: no limit) is checked before every region test: when it is reached
    the induction has not got to the root, so no piece is returned (``complete=False``, the
    message says how many nodes were solved).  Reached while the pieces are packaged, it stops
    the simplification of their regions: the remaining pieces are shown with their regions as
    found (still correct, with redundant conditions), and the message says how many.
    """
    deadline = Deadline(timeout)
    if not isinstance(game, ExtensiveFormGame):
        raise GameError(f"spe needs an ExtensiveFormGame, got {type(game).__name__}")
    game.require_perfect_recall("compute subgame-perfect equilibria")
    _require_perfect_information(game)
    rules = {str(p): tuple(map(str, order)) for p, order in (priorities or {}).items()}
    unknown = set(rules) - set(game.players)
    if unknown:
        raise GameError(f"priorities name unknown players {sorted(unknown)}; players are {list(game.players)}")
    if not use_priorities:
        rules = {}
    context = _context(game, assumptions)
    if not _possible(context):
        raise GameError(f"the assumptions are contradictory: {context}")
    parameters = {"use_priorities": use_priorities, "priorities": dict(rules), "assumptions": context}
    induction = _Induction(game, rules, use_priorities, context, deadline)
    entries = induction.run()
    if entries is None:
        return Solution(game, (), "symbolic-backward-induction", True, components=[], complete=False,
                        message=f"{deadline.describe()} reached after {induction.done} of {len(game.nodes)} nodes: "
                                "the induction did not reach the root, no piece was found",
                        parameters=parameters, pieces=[])
    return _solution(game, entries, context, {"use_priorities": use_priorities, "priorities": dict(rules),
                                              "assumptions": context}, deadline)


# ---------------------------------------------------------------------------- set-up
def _require_perfect_information(game: ExtensiveFormGame) -> None:
    for i, sets in enumerate(game.infosets):
        for infoset in sets:
            if len(infoset.nodes) > 1:
                name = f" {infoset.label!r}" if infoset.label else ""
                where = " > ".join(game.path_to(infoset.nodes[0])) or "the root"
                raise GameError(
                    f"symbolic subgame-perfect equilibria need perfect information: the information set{name} "
                    f"of {game.players[i]} (first node after {where}) has {len(infoset.nodes)} nodes, and "
                    "solving its subgame symbolically is not supported; substitute parameter values "
                    "(tree.subs({...})) and use hg.spe on the numeric tree")


def _context(game: ExtensiveFormGame, assumptions: Any) -> Condition:
    """The game's assumptions, this call's, and non-negative chance probabilities."""
    context = getattr(game, "assumptions", None) or Condition.true()
    if assumptions is not None:
        context = context & (assumptions if isinstance(assumptions, Condition) else _condition_of(assumptions))
    for node in game.nodes:
        for p in node.probabilities:
            p = sympy.sympify(p)
            if p.free_symbols:
                numerator, denominator = sympy.fraction(sympy.together(p))
                if not denominator.free_symbols:
                    context = context & Condition([(sympy.expand(numerator * sympy.sign(denominator)), ">=")])
                    continue
                kept = _join_weak(context, [c for sign, c in cases(p, context) if sign >= 0])
                if len(kept) != 1:
                    raise GameError(f"cannot state where the chance probability {p} is non-negative as one "
                                    "conjunction of conditions; declare its sign in the assumptions")
                context = kept[0]
    return context


def _condition_of(assumptions: Any) -> Condition:
    if isinstance(assumptions, (list, tuple, set, frozenset)):
        return Condition.of(*assumptions)
    return Condition.of(assumptions)


@functools.lru_cache(maxsize=65536)
def _possible(region: Condition) -> bool:
    """False only when the region is proven empty; undecided regions are kept.

    A region that contains one of the sample points of :class:`_Samples` is kept at once (most
    regions do); the others go to the exact tests of ``conditions.py``, after the region's linear
    equations have been used to eliminate parameters (``h = 1`` turns ``t ≥ a + h·t`` into
    ``a ≤ 0``, which is linear and decided exactly).
    """
    if region.is_false():
        return False
    if not region.atoms or _SAMPLES.hit(region):
        return True
    reduced = _eliminate_equations(region)
    if reduced is not None:
        if reduced.is_false():
            return False
        if not reduced.atoms:
            return True
        region = reduced
    symbols, rows = _relaxation_rows(region)
    margin, support, _ = _rows_margin(rows, symbols)
    if margin > 1e-9:   # the relaxation has room: no proof of emptiness can come from it
        return True
    # the atoms that bound the margin (the float LP's active dual rows) are usually few: an exact
    # proof that they alone are contradictory is cheap, and proves the region empty
    if support and proven_empty(_rows_condition([rows[k] for k in support], symbols)):
        return False
    return not proven_empty(_rows_condition(rows, symbols))


@functools.lru_cache(maxsize=65536)
def _terms(p: sympy.Expr, symbols: tuple) -> tuple:
    """The polynomial's terms ``((exponents, Fraction coefficient), ...)`` over ``symbols``."""
    return tuple((monomial, F(int(c.p), int(c.q))) for monomial, c in sympy.Poly(p, *symbols).terms())


def _relaxation_rows(region: Condition) -> tuple[tuple, list]:
    """A linear relaxation of the region, as rows ``(terms: monomial -> Fraction, rel)``: its
    atoms, and every product of two of its linear atoms (``p ≥ 0 ∧ q > 0 ⇒ p·q ≥ 0``; Sherali &
    Adams 1990, first level), each monomial of degree two or more read as a variable of its own.
    If the relaxation is empty, so is the region: ``2h ≥ 1 ∧ t > 0 ∧ a > h·t ∧ t ≥ a + h·t`` is
    empty through the product ``(2h − 1)·t ≥ 0``."""
    symbols = tuple(sorted(region.symbols, key=lambda x: x.name))
    rows = [(dict(_terms(p, symbols)), rel) for p, rel in region.atoms]
    linear = [(terms, rel) for terms, rel in rows if all(sum(m) <= 1 for m in terms)]
    for (p, r), (q, s) in itertools.combinations_with_replacement(linear, 2):
        product: dict = {}
        for m1, c1 in p.items():
            for m2, c2 in q.items():
                m = tuple(a + b for a, b in zip(m1, m2))
                product[m] = product.get(m, 0) + c1 * c2
        rows.append(({m: c for m, c in product.items() if c}, "==" if "==" in (r, s) else
                     ">" if r == s == ">" else ">="))
    return symbols, rows


def _rows_margin(rows: list, symbols: tuple) -> tuple[float, list | None, dict | None]:
    """The largest ``m ≤ 1`` with every inequality row ``≥ m`` and the equations holding, by a
    float LP (HiGHS) over the monomials; the indices of the rows with a non-zero dual value (a
    subset with the same optimum) and the optimal point.  ``(-inf, None, None)`` when the
    equations cannot hold.  Used only to skip exact tests that cannot succeed and to choose the
    rows to prove contradictory, never to prune on its own."""
    columns: dict = {}
    for terms, _ in rows:
        for m in terms:
            if sum(m):
                columns.setdefault(m, len(columns))
    n = len(columns)
    A_ub, b_ub, A_eq, b_eq, ub_rows, eq_rows = [], [], [], [], [], []
    for k, (terms, rel) in enumerate(rows):
        row = [0.0] * (n + 1)
        constant = 0.0
        for m, c in terms.items():
            if sum(m):
                row[columns[m]] = float(c)
            else:
                constant = float(c)
        if not any(row) and not constant and rel != ">":
            continue
        if rel == "==":
            A_eq.append(row)
            b_eq.append(-constant)
            eq_rows.append(k)
        else:  # p ≥ m, written as -p + m ≤ 0
            A_ub.append([-x for x in row[:n]] + [1.0])
            b_ub.append(constant)
            ub_rows.append(k)
    result = scipy.optimize.linprog([0.0] * n + [-1.0], A_ub=A_ub or None, b_ub=b_ub or None,
                                    A_eq=A_eq or None, b_eq=b_eq or None,
                                    bounds=[(None, None)] * n + [(None, 1.0)], method="highs")
    if result.status != 0:
        return float("-inf"), None, None
    support = [k for k, y in zip(ub_rows, result.ineqlin.marginals if ub_rows else []) if abs(y) > 1e-12]
    support += [k for k, y in zip(eq_rows, result.eqlin.marginals if eq_rows else []) if abs(y) > 1e-12]
    point = {x: result.x[columns[m]] for x, m in ((x, tuple(int(j == i) for j in range(len(symbols))))
                                                    for i, x in enumerate(symbols)) if m in columns}
    return -result.fun, support, point


def _rows_condition(rows: list, symbols: tuple) -> Condition:
    """Relaxation rows as a linear :class:`Condition` (monomials of degree ≥ 2 as fresh symbols)."""
    fresh: dict = {}
    atoms = []
    for terms, rel in rows:
        expr = sympy.Integer(0)
        for m, c in terms.items():
            rational = sympy.Rational(c.numerator, c.denominator)
            if sum(m) <= 1:
                expr += rational * sympy.Mul(*[x ** e for x, e in zip(symbols, m)])
            else:
                name = "·".join(f"{x}^{e}" for x, e in zip(symbols, m) if e)
                expr += rational * fresh.setdefault(m, sympy.Dummy(name))
        atoms.append((expr, rel))
    return Condition(atoms)


def _lp_point(region: Condition, symbols: frozenset) -> dict | None:
    """A rational point of the region near the float LP's centre of its product relaxation,
    checked exactly (a witness where the sample points miss a thin region)."""
    solved: dict = {}
    reduced = _eliminate_equations(region, solved) or region
    if reduced.is_false() or any(rel == "==" for _, rel in reduced.atoms):
        return None
    names = {str(s): s for s in symbols | region.symbols}
    values = {}
    if reduced.atoms:
        relaxation_symbols, rows = _relaxation_rows(reduced)
        margin, _, point = _rows_margin(rows, relaxation_symbols)
        if point is None:
            return None
        values = {names[str(k)]: sympy.Rational(F(v).limit_denominator(1000)) for k, v in point.items()
                  if str(k) in names}
    full = {s: values.get(s, sympy.Integer(1) if s.is_positive else sympy.Integer(0))
            for s in (symbols | region.symbols) if s not in solved}
    for s, value in solved.items():
        full[s] = sympy.expand(value.xreplace(full))
    return full if region.holds_at(full) else None


def _eliminate_equations(region: Condition, solved: dict | None = None) -> Condition | None:
    """The region with parameters solved from its equations ``c·s + q(other parameters) == 0``
    (``c`` a number) substituted into the other atoms; ``None`` when there is no such equation.
    The solved parameters go into ``solved`` (symbol -> expression in the others)."""
    solved = {} if solved is None else solved
    current, changed = region, True
    while changed:
        changed = False
        for p, rel in sorted((atom for atom in current.atoms if atom[1] == "=="), key=str):
            symbol = next((x for x in sorted(p.free_symbols, key=str) if p.coeff(x).is_number and p.coeff(x) != 0
                           and x not in (p - p.coeff(x) * x).free_symbols), None)
            if symbol is None:
                continue
            value = sympy.expand(symbol - p / p.coeff(symbol))
            solved.update({s: sympy.expand(v.xreplace({symbol: value})) for s, v in solved.items()})
            solved[symbol] = value
            current = Condition([(sympy.expand(q.xreplace({symbol: value})), r)
                                 for q, r in current.atoms if (q, r) != (p, rel)])
            changed = not current.is_false()
            break
    return current if solved else None


class _Samples:
    """Rational sample points, and which of them satisfy each atom (computed once per atom).

    A stop-gap speed-up of pruning that belongs with ``Condition`` (conditions.py): the exact tests
    cost a linear program each, and most conjunctions met during the induction are not empty,
    which a point inside them shows in microseconds.  Points are drawn per parameter from small
    rationals in [-1, 1], [-3, 3] and [-30, 30] (non-negative or positive ones when the symbol says so).
    A point counts for an atom ``p > 0`` or ``p ≥ 0`` when ``p`` exceeds a small float margin
    there (never for ``p == 0``): the margin only ever rejects, so a hit is a point inside the
    region.  A hit only keeps a region (as an undecided one would be kept); it proves nothing.
    """

    SIZE = 8192

    def __init__(self, seed: int = 20240531):
        self.rng = np.random.default_rng(seed)
        self.columns: dict[sympy.Symbol, np.ndarray] = {}
        self.exact_columns: dict[sympy.Symbol, tuple] = {}
        self.atoms: dict[tuple, np.ndarray] = {}

    def column(self, symbol: sympy.Symbol) -> np.ndarray:
        """The sample values of one parameter (floats of the exact rationals in :meth:`exact`)."""
        if symbol not in self.columns:
            # a third of the values in [-1, 1], a third in [-3, 3], a third in [-30, 30]
            scale = self.rng.integers(0, 3, self.SIZE)
            denominators = np.array([24, 12, 10])[scale]
            bound = np.array([24, 36, 300])[scale]
            numerators = self.rng.integers(-bound, bound + 1)
            if symbol.is_nonnegative:
                numerators = np.abs(numerators)
                if symbol.is_positive:
                    numerators[numerators == 0] = 1
            self.exact_columns[symbol] = (numerators, denominators)
            self.columns[symbol] = numerators / denominators
        return self.columns[symbol]

    def exact(self, symbol: sympy.Symbol, k: int) -> sympy.Rational:
        self.column(symbol)
        numerators, denominators = self.exact_columns[symbol]
        return sympy.Rational(int(numerators[k]), int(denominators[k]))

    def holds(self, atom: tuple) -> np.ndarray:
        if atom not in self.atoms:
            p, rel = atom
            symbols = sorted(p.free_symbols, key=str)
            values = sympy.lambdify(symbols, p, "numpy")(*(self.column(s) for s in symbols))
            values = np.broadcast_to(np.asarray(values, dtype=float), (self.SIZE,))
            scale = 1e-9 * max(1.0, float(np.max(np.abs(values))))
            # strictly inside, also for ">=": a float margin only ever rejects points
            self.atoms[atom] = values > scale if rel != "==" else np.zeros(self.SIZE, dtype=bool)
        return self.atoms[atom]

    def inside(self, region: Condition) -> np.ndarray:
        """Which sample points lie inside the region (none, for a region with an equation)."""
        inside = np.ones(self.SIZE, dtype=bool)
        if any(rel == "==" for _, rel in region.atoms):
            return ~inside
        for atom in region.atoms:
            inside &= self.holds(atom)
            if not inside.any():
                break
        return inside

    def hit(self, region: Condition) -> bool:
        return bool(self.inside(region).any())

    def point(self, region: Condition, symbols: frozenset) -> dict | None:
        """An exact rational point of the region with a value for every one of ``symbols``, checked
        exactly; found among the samples, after eliminating the parameters of linear equations."""
        reduced = _eliminate_equations(region, solved := {})
        if reduced is None:
            reduced, solved = region, {}
        if any(rel == "==" for _, rel in reduced.atoms):
            return None
        for k in np.flatnonzero(self.inside(reduced))[:8]:
            point = {s: self.exact(s, int(k)) for s in symbols | region.symbols if s not in solved}
            for s, value in solved.items():
                point[s] = sympy.expand(value.xreplace(point))
            if region.holds_at(point):
                return point
        return None


_SAMPLES = _Samples()


# ---------------------------------------------------------------------------- the induction
class _OutOfTime(Exception):
    """Raised inside the induction when the deadline has passed."""


class _Induction:
    def __init__(self, game: ExtensiveFormGame, rules: dict, use_priorities: bool, context: Condition,
                 deadline: Deadline):
        self.game, self.rules, self.use_priorities, self.context = game, rules, use_priorities, context
        self.deadline = deadline
        self.mover = {p: i for i, p in enumerate(game.players)}
        self.zeros = (ZERO,) * game.num_players

    def run(self) -> list[_Entry] | None:
        """The root's entries; ``None`` if the deadline passed first (``self.done`` nodes solved)."""
        found: dict[int, list[_Entry]] = {}
        self.done = 0
        try:
            with self.deadline.interrupting():      # also stops one long region test
                return self._run(found)
        except (_OutOfTime, DeadlineReached):
            return None

    def _run(self, found: dict[int, list[_Entry]]) -> list[_Entry]:
        for node in reversed(self.game.nodes):  # children before parents
            own = self._own(node)
            if node.kind == "terminal":
                found[id(node)] = [_Entry(self.context, _Plan(own))]
            elif node.kind == "chance":
                found[id(node)] = self._chance(node, own, [found.pop(id(c)) for c in node.children])
            else:
                found[id(node)] = self._decision(node, own, [found.pop(id(c)) for c in node.children])
            self.done += 1
        return found[id(self.game.root)]

    def _possible(self, region: Condition) -> bool:
        """:func:`_possible`, after checking the deadline: one node may test thousands of regions."""
        if self.deadline.expired():
            raise _OutOfTime
        return _possible(region)

    def _own(self, node: Node) -> tuple:
        if node.outcome is None:
            return self.zeros
        return tuple(sympy.sympify(v) for v in node.outcome.payoffs)

    def _chance(self, node: Node, own: tuple, children: list[list[_Entry]]) -> list[_Entry]:
        """Every feasible combination of the children's entries, conjoined one child at a time."""
        partial: list[tuple[Condition, tuple]] = [(self.context, ())]
        for entries in children:
            partial = [(region, plans + (entry.plan,)) for old, plans in partial for entry in entries
                       for region in [old & entry.region] if self._possible(region)]
        probabilities = [sympy.sympify(p) for p in node.probabilities]
        out = []
        for region, plans in partial:
            payoffs = tuple(_tidy(o + sum(p * plan.payoffs[j] for p, plan in zip(probabilities, plans)))
                            for j, o in enumerate(own))
            out.append(_Entry(region, _Plan(payoffs, None, plans)))
        return out

    def _decision(self, node: Node, own: tuple, children: list[list[_Entry]]) -> list[_Entry]:
        """The knock-out over the children, in tie-breaking order, splitting regions as it goes.

        A state is ``(region, plans of the children seen so far, the best actions so far)``;
        each child's entries are conjoined with every state and compared with the current best.
        """
        i = self.mover[node.player]
        order = self._ranking(node)
        ruled = order is not None
        sequence = order if ruled else list(range(len(node.actions)))
        states: list[tuple[Condition, dict, tuple]] = [(self.context, {}, ())]
        for a in sequence:
            grown = []
            for region, plans, best in states:
                for entry in children[a]:
                    joint = region & entry.region
                    if not self._possible(joint):
                        continue
                    chosen = {**plans, a: entry.plan}
                    if not best:
                        grown.append((joint, chosen, (a,)))
                        continue
                    gain = entry.plan.payoffs[i] - plans[best[0]].payoffs[i]
                    for sign, part in _signs(gain, joint, ruled):
                        if sign > 0:
                            grown.append((part, chosen, (a,)))
                        elif sign == 0 and not ruled:
                            grown.append((part, chosen, best + (a,)))
                        else:
                            grown.append((part, chosen, best))
            states = grown
        out = []
        for region, plans, best in states:
            below = tuple(plans[a] for a in range(len(node.actions)))
            for a in sorted(best):
                payoffs = tuple(_tidy(o + v) for o, v in zip(own, plans[a].payoffs))
                out.append(_Entry(region, _Plan(payoffs, a, below, open_tie=len(best) > 1)))
        return out

    def _ranking(self, node: Node) -> list[int] | None:
        """The node's actions (indices) in tie-breaking order, most preferred first, or ``None``."""
        return node.tie_order(self.rules) if self.use_priorities else None


def _signs(gain: sympy.Expr, region: Condition, ruled: bool) -> list[tuple[int, Condition]]:
    """The sign cases of ``gain`` on ``region``, proven-empty ones dropped.

    With a tie rule (``ruled``) only two cases matter, ``gain > 0`` and ``gain ≤ 0`` (one weak
    inequality: the tie is not a piece of its own); without one, ``> 0``, ``== 0`` and ``< 0``.
    A polynomial gain is split here directly, after dropping factors that the region makes
    positive (a parameter declared positive), so that ``t·(2h − 1)`` splits on ``2h − 1``; a
    rational gain goes through :func:`~hegemony_games.symbolic.conditions.cases`, which splits the
    denominator's sign too.
    """
    gain = _tidy(gain)
    if gain.is_number:
        return [(int(sympy.sign(gain)), region)]
    numerator, denominator = sympy.fraction(sympy.together(gain))
    if denominator.free_symbols:
        split = [(s, c) for s, c in cases(gain, region) if _possible(c)]
        if not ruled:
            return split
        return [(s, c) for s, c in split if s > 0] + [(-1, c) for c in _join_weak(region, [c for s, c in split
                                                                                         if s <= 0])]
    p = _without_positive_factors(sympy.expand(numerator * sympy.sign(denominator)), region)
    if p.is_number:
        return [(int(sympy.sign(p)), region)]
    if ruled:
        candidates = [(1, Condition([(p, ">")])), (-1, Condition([(-p, ">=")]))]
    else:
        candidates = [(1, Condition([(p, ">")])), (0, Condition([(p, "==")])), (-1, Condition([(-p, ">")]))]
    return [(sign, part) for sign, atom in candidates for part in [region & atom] if _possible(part)]


def _without_positive_factors(p: sympy.Expr, region: Condition) -> sympy.Expr:
    """``p`` divided by its factors that the region's atoms say are positive (symbols ``s > 0``)."""
    positive = {q for q, rel in region.atoms if rel == ">" and q.is_Symbol}
    if not positive or not (p.free_symbols & positive):
        return p
    constant, factors = sympy.factor_list(p)
    kept = [f ** m for f, m in factors if f not in positive]
    if len(kept) == len(factors):
        return p
    return sympy.expand(sympy.sign(constant) * sympy.Mul(*kept))


def _join_weak(region: Condition, parts: list[Condition]) -> list[Condition]:
    """Join ``region ∧ p == 0`` and ``region ∧ p < 0`` (as ``cases`` writes them) into ``region ∧ p ≤ 0``."""
    if len(parts) != 2:
        return parts
    extra = [c.atoms - region.atoms for c in parts]
    if not all(len(e) == 1 for e in extra):
        return parts
    (p, rel_a), (q, rel_b) = next(iter(extra[0])), next(iter(extra[1]))
    if {rel_a, rel_b} != {"==", ">"}:
        return parts
    strict = p if rel_a == ">" else q
    other = q if rel_a == ">" else p
    if sympy.expand(strict - other) != 0 and sympy.expand(strict + other) != 0:
        return parts
    return [region & Condition.of(sympy.Ge(strict, 0))]


def _tidy(value: Any) -> sympy.Expr:
    """A canonical form that keeps comparisons cheap: expanded polynomials, cancelled fractions."""
    value = sympy.sympify(value)
    if value.is_number:
        return sympy.nsimplify(value) if isinstance(value, sympy.Float) else value
    numerator, denominator = sympy.fraction(sympy.together(value))
    if not denominator.free_symbols:
        return sympy.expand(value)
    return sympy.cancel(value)


# ---------------------------------------------------------------------------- output
def _solution(game: ExtensiveFormGame, entries: list[_Entry], context: Condition, parameters: dict,
              deadline: Deadline | None = None) -> Solution:
    deadline = Deadline(None) if deadline is None else deadline
    groups: dict[Condition, list[_Plan]] = {}
    for entry in entries:
        groups.setdefault(entry.region, []).append(entry.plan)
    pieces, equilibria = [], []
    unsimplified = 0    # pieces shown with their regions as found: the time limit came while simplifying
    for region, plans in groups.items():
        point = _SAMPLES.point(region, game.parameters) or _lp_point(region, game.parameters)
        feasible = True if point is not None else region.is_feasible()
        if feasible is False:
            continue
        shown = None
        if not unsimplified and not deadline.expired():
            try:
                with deadline.interrupting():
                    shown = _simplify(region, context)
            except DeadlineReached:
                pass
        if shown is None:   # as found: the region without the assumptions' own atoms
            unsimplified += 1
            shown = Condition([atom for atom in region.atoms if atom not in context.atoms])
        index = len(pieces)
        eqs = []
        for plan in plans:
            strategies, path, open_ties = _profile(game, plan)
            eqs.append(Equilibrium(game, strategies, plan.payoffs,
                                   details={"path": path, "open_ties": open_ties, "piece": index}))
        if point is None and feasible:
            point = region.witness()
        if point is not None:
            for eq in eqs:
                _check_at(game, eq, point)
        pieces.append(Piece(shown.to_sympy(), tuple(eqs), shown & context, feasible, region.is_boundary))
        equilibria.extend(eqs)
    open_ = sorted({" > ".join(p) or "root" for e in equilibria for p in e.details["open_ties"]})
    message = ""
    if open_:
        message = ("players are indifferent at " + "; ".join(open_) + " on some pieces: mixtures over the "
                   "tied actions are also subgame perfect there (a continuum); the pure ones are listed")
    undecided = sum(1 for p in pieces if p.feasible is None)
    if undecided:
        message = (message + "; " if message else "") + (
            f"{undecided} of {len(pieces)} pieces have regions that could be neither proven empty nor "
            "shown to contain a point; they are kept (feasible=None)")
    if unsimplified:
        message = (message + "; " if message else "") + (
            f"{deadline.describe()} reached while the pieces were simplified: {unsimplified} of {len(pieces)} "
            "pieces are shown with their regions as found (correct, but with redundant conditions)")
    return Solution(game, tuple(equilibria), "symbolic-backward-induction", True, degenerate=bool(open_),
                    components=[], complete=True, message=message, parameters=parameters, pieces=pieces)


def region_point(region: Condition, symbols: frozenset = frozenset()) -> dict | None:
    """A rational point of ``region`` (with a value for each of ``symbols`` too), checked exactly,
    or ``None`` if none was found: a sample point, else the centre of a linear relaxation, else
    :meth:`Condition.witness`.

    >>> x = sympy.Symbol("x")
    >>> point = region_point(Condition.of(x > 2, x < 3))
    >>> 2 < point[x] < 3
    True
    """
    point = _SAMPLES.point(region, frozenset(symbols)) or _lp_point(region, frozenset(symbols))
    if point is None:
        found = region.witness()
        if found and all(isinstance(v, sympy.Rational) for v in found.values()):
            point = {**{s: sympy.Integer(1) for s in symbols}, **found}
            point = point if region.holds_at(point) else None
    return point


def _simplify(region: Condition, context: Condition) -> Condition:
    """The region's atoms that are neither assumptions nor implied by the other atoms and the
    assumptions (an atom is dropped only when its negation is proven empty with the rest)."""
    kept = [atom for atom in region.atoms if atom not in context.atoms]
    for atom in sorted(kept, key=lambda a: (-sympy.total_degree(a[0]), -len(a[0].free_symbols), str(a))):
        rest = Condition([a for a in kept if a != atom]) & context
        if not any(_possible(rest & Condition([negation])) for negation in _negations(atom)):
            kept.remove(atom)
    return Condition(kept)


def _negations(atom: tuple) -> list[tuple]:
    p, rel = atom
    if rel == ">":
        return [(-p, ">=")]
    if rel == ">=":
        return [(-p, ">")]
    return [(p, ">"), (-p, ">")]


def _profile(game: ExtensiveFormGame, plan: _Plan) -> tuple[tuple, list, list]:
    """The behaviour profile of a root plan, its path, and the paths to its open ties."""
    choice: dict[int, int] = {}
    open_ties = []
    stack = [(game.root, plan)]
    while stack:
        node, current = stack.pop()
        if node.kind == "decision":
            choice[id(node)] = current.action
            if current.open_tie:
                open_ties.append(game.path_to(node))
        stack.extend(zip(node.children, current.below))
    strategies = []
    for sets in game.infosets:
        strategies.append(tuple(tuple(ONE if b == choice[id(s.nodes[0])] else ZERO for b in range(len(s.actions)))
                                for s in sets))
    path, node = [], game.root
    while node.kind == "decision":
        path.append(node.actions[choice[id(node)]])
        node = node.children[choice[id(node)]]
    return tuple(strategies), path, sorted(open_ties, key=lambda p: (-len(p), p))


def _check_at(game: ExtensiveFormGame, eq: Equilibrium, point: dict) -> None:
    """At a rational point of the equilibrium's region, no mover gains by a one-shot deviation,
    and the piece's payoff formulas give the tree's payoffs (exact arithmetic)."""
    num: dict[int, tuple] = {}
    mover = {p: i for i, p in enumerate(game.players)}
    for node in reversed(game.nodes):
        own = tuple(sympy.sympify(v).xreplace(point) for v in node.outcome.payoffs) if node.outcome else \
            (ZERO,) * game.num_players
        if node.kind == "terminal":
            num[id(node)] = own
            continue
        kids = [num[id(c)] for c in node.children]
        if node.kind == "chance":
            weights = [sympy.sympify(p).xreplace(point) for p in node.probabilities]
        else:
            i, s = game.infoset_of(node)
            weights = eq.strategies[i][s]
            options = [k[mover[node.player]] for k in kids]
            taken = sum(w * o for w, o in zip(weights, options))
            if any(_exact_sign(o - taken) > 0 for o in options):
                raise AssertionError(f"internal error: {node.player} gains by deviating at "
                                     f"{game.path_to(node) or 'the root'} at the point {point}")
        num[id(node)] = tuple(o + sum(w * k[j] for w, k in zip(weights, kids)) for j, o in enumerate(own))
    root = num[id(game.root)]
    if any(_exact_sign(u.xreplace(point) - r) != 0 for u, r in zip(eq.payoffs, root)):
        raise AssertionError(f"internal error: the payoffs of a piece differ from the tree's at {point}")
