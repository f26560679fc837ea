"""Equilibria of normal-form games with sympy parameters, as formulas on regions of parameter space.

**Two players: symbolic vertex enumeration.**  With ``A`` and ``B`` the payoff matrices of the row and
column player, the extreme equilibria are the completely labelled pairs of vertices of

    P = {(x, v) : x ≥ 0, 1ᵀx = 1, Bᵀx ≤ v·1}   and   Q = {(y, u) : y ≥ 0, 1ᵀy = 1, A y ≤ u·1}

(labels: the row strategies ``i``, tight when ``x_i = 0`` in P and ``(Ay)_i = u`` in Q, and the
column strategies ``j``, tight when ``(Bᵀx)_j = v`` in P and ``y_j = 0`` in Q; Mangasarian 1964,
Avis, Rosenberg, Savani & von Stengel 2010).  A vertex is fixed by a *basis*: as many tight
labels as the player has strategies, with a nonsingular system.  For each basis the system is
solved exactly over ``ZZ[θ]`` (fraction-free: the solution is ``adj(M)·e / det(M)``, sympy
``DomainMatrix``), so the vertex is ``N(θ)/D(θ)`` and it is a vertex of P exactly where ``D ≠ 0``,
the probabilities are ``≥ 0`` and the other labels' slacks are ``≥ 0``: after the sign of ``D`` is
split (``D > 0`` or ``D < 0``), polynomial conditions.  Complementary bases (a support pair of
equal sizes) give the generic equilibria; other pairs of bases give the extra equilibria of the
parameter values where the game is degenerate, each missing label tight on one side (an equation).

**More players: pure equilibria**, where no player gains by a pure deviation (weak inequalities
between payoffs), as :func:`hegemony_games.solve` does for numeric games (mixed equilibria of
games with three or more players are not searched; ``complete=False``).

**Pieces.**  The candidates' regions overlap; they are turned into a partition by splitting on the
sign (> 0, = 0, < 0) of every polynomial in their conditions, one at a time, pruning the regions
proven empty under the assumptions as soon as they appear
(:func:`~hegemony_games.symbolic.conditions.proven_empty`).  Neighbouring cells with the same
equilibria are merged when their union is again a conjunction (``p > 0`` with ``p = 0`` gives
``p ≥ 0``), and each region is simplified against the assumptions.  Ties and knife edges are
pieces of their own (``boundary=True``).

>>> import sympy, hegemony_games as hg
>>> v, c = sympy.symbols("v c", positive=True)
>>> hawk_dove = hg.NormalFormGame.from_bimatrix([[(v - c) / 2, v], [0, v / 2]],
...                                             [[(v - c) / 2, 0], [v, v / 2]], assumptions=v < c)
>>> sol = hg.solve(hawk_dove)
>>> len(sol.pieces)
1
>>> sorted(str(eq.strategies[0]) for eq in sol)
['(0, 1)', '(1, 0)', '(v/c, (c - v)/c)']
"""
from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

import sympy
from sympy.polys.matrices import DomainMatrix

from ..errors import GameError
from ..games.normal_form import NormalFormGame
from ..limits import Deadline, DeadlineReached
from ..solution import Equilibrium, Solution
from .conditions import Condition, _canonical, _rational, _sort_key, as_condition, proven_empty
from .pieces import Piece

__all__ = ["symbolic_solve"]

ZERO, ONE = sympy.Integer(0), sympy.Integer(1)


@dataclass(frozen=True)
class _Candidate:
    """A profile (formulas) that is an equilibrium wherever ``region`` holds."""

    region: Condition
    profile: tuple            # one tuple per player of elements of QQ(θ)
    degenerate: bool = False  # from a non-complementary pair of bases (a degenerate game there)


def symbolic_solve(game: NormalFormGame, assumptions: Any = None, timeout: float | None = None) -> Solution:
    """Every extreme equilibrium (two players) or every pure equilibrium (more players) of a
    symbolic game, piecewise: see the module docstring.

    ``assumptions`` (relations, or a Condition) are conjoined with ``game.assumptions``.
    ``timeout`` (seconds, ``None``: no limit) stops the work between bases, candidate pairs and
    cells, flagged ``complete=False``: stopped while finding candidates, the pieces are the
    candidates found so far, each with the region where it is an equilibrium (they may overlap
    and need not cover the parameter space); stopped while partitioning, the pieces are the
    cells finished so far.  The message says which.
    """
    if not isinstance(game, NormalFormGame):
        raise GameError(f"symbolic_solve needs a NormalFormGame, got {type(game).__name__}")
    context = game.assumptions & as_condition(assumptions)
    if proven_empty(context):
        raise GameError(f"the assumptions are contradictory: {context}")
    deadline = Deadline(timeout)
    stopped: list[str] = []      # what the time limit left undone, if it was reached
    K = _field(game)
    if game.num_players == 2:
        candidates = _two_player_candidates(game, K, context, deadline, stopped)
        method = "symbolic-vertex-enumeration"
    else:
        candidates = _pure_candidates(game, K, context, deadline, stopped)
        method = "symbolic-pure"
    if stopped:   # no time to partition: the candidates' own regions are the pieces (they may overlap)
        grouped: dict = {}
        for cand in candidates:
            signs = _candidate_signs(cand)
            leaf = grouped.setdefault(frozenset(signs.items()), (signs, [], cand.degenerate, set()))
            if _exprs(K, cand.profile) not in leaf[3]:
                leaf[3].add(_exprs(K, cand.profile))
                leaf[1].append(cand.profile)
        leaves = [leaf[:3] for leaf in grouped.values()]
    else:
        leaves = _merge(_partition(candidates, context, K, deadline, stopped))
    payoffs = [[[K.from_sympy(_rational(e)) for e in a.flat]] for a in game.payoffs]
    pieces, equilibria = [], []
    unsimplified = 0    # pieces left as found because the time limit came while simplifying
    for signs, profiles, degenerate in leaves:
        region = Condition([atom for key, allowed in signs.items() for atom in _sign_atoms(key, allowed)])
        feasible = None
        if not unsimplified:
            try:
                with deadline.interrupting():
                    region = region.simplify(context)
                    feasible = (region & context).is_feasible()
            except DeadlineReached:
                unsimplified = 1
        else:
            unsimplified += 1
        if region.is_false():
            continue
        # past the limit, formulas on a boundary are left as found, not rewritten in its own terms
        eqs, on_edge = [], ({} if deadline.expired() else _solved_equations(region))
        for profile in profiles:
            values = _payoffs(game, K, profile, payoffs)
            shown = _exprs(K, profile)
            if on_edge:   # write formulas on a boundary in its own terms (c = v: v/c is 1)
                shown = tuple(tuple(sympy.cancel(p.xreplace(on_edge)) for p in v) for v in shown)
                values = tuple(sympy.cancel(u.xreplace(on_edge)) for u in values)
            eqs.append(Equilibrium(game, shown, values, details={"piece": len(pieces)}))
        pieces.append(Piece(region.to_sympy(), tuple(eqs), region, feasible=feasible,
                            boundary=region.is_boundary, degenerate=degenerate))
        equilibria.extend(eqs)
    complete = game.num_players <= 2 and not stopped
    message = "" if game.num_players <= 2 else (f"pure equilibria only: mixed equilibria of {game.num_players}-player "
                                                "games are not searched by this version")
    if stopped:
        message = f"{deadline.describe()} reached {stopped[0]}" + ("; " + message if message else "")
    if unsimplified:
        message = (message + "; " if message else "") + (
            f"{deadline.describe()} reached while the pieces were simplified: {unsimplified} piece(s) are "
            "shown with their regions as found")
    undecided = sum(p.feasible is None for p in pieces)
    if undecided:
        message = (message + "; " if message else "") + (
            f"{undecided} piece(s) kept whose region could not be proven non-empty (feasible=None)")
    solution = Solution(game, tuple(equilibria), method=method, exact=True,
                        degenerate=any(p.degenerate for p in pieces), components=[],
                        parameters={"assumptions": context}, complete=complete, message=message,
                        pieces=pieces)
    _verify_at_witnesses(solution, context)
    return solution


def _verify_at_witnesses(solution: Solution, context: Condition) -> None:
    """Check every piece at a rational point inside it: ``Solution.at`` substitutes the pieces'
    equilibria there and requires exactly zero regret (it raises on a non-equilibrium).  Pieces
    whose only known points are irrational are checked where their own points are found by the tests."""
    parameters = solution.game.parameters
    for piece in solution.pieces:
        if piece.feasible is not True:
            continue
        point = (piece.region & context).witness()
        if point is None or not all(isinstance(v, sympy.Rational) for v in point.values()):
            continue
        solution.at({**{s: sympy.Integer(1) for s in parameters if s not in point}, **point})


# ---------------------------------------------------------------------- regions of one inequality
def _field(game: NormalFormGame):
    """The field QQ(θ) of rational functions in the game's parameters (fast exact arithmetic)."""
    symbols = sorted(game.parameters, key=str)
    return sympy.QQ.frac_field(*symbols) if symbols else sympy.QQ.frac_field(sympy.Dummy("none"))


def _constrain(regions: Iterable[Condition], value: Any, rel: str) -> list[Condition]:
    """``region ∧ value rel 0`` for each region (``value`` in QQ(θ)); the sign of a non-constant
    denominator is split out unless the region already fixes it."""
    num, den = value.numer.as_expr(), value.denom.as_expr()
    out = []
    for region in regions:
        if not den.free_symbols:
            splits = [(1 if den > 0 else -1, region)]
        else:
            key = _canonical(den, ">")
            if (key, ">") in region.atoms:
                splits = [(1, region)]
            elif (_canonical(-den, ">"), ">") in region.atoms:
                splits = [(-1, region)]
            else:
                splits = [(s, region & Condition([(den if s > 0 else -den, ">")])) for s in (1, -1)]
        for sign, base in splits:
            new = base & Condition([(num * sign, rel)])
            if not new.is_false() and (new == base or not proven_empty(new)):
                out.append(new)
    return out


def _nonzero(regions: list[Condition], factors: Iterable[Any]) -> list[Condition]:
    """Each region split so that every polynomial of ``factors`` is non-zero (> 0 or < 0)."""
    for f in factors:
        f = f.as_expr()
        if not f.free_symbols:
            continue
        split = []
        for region in regions:
            for sign in (1, -1):
                new = region & Condition([(f * sign, ">")])
                if not new.is_false() and not proven_empty(new):
                    split.append(new)
        regions = split
    return regions


# ---------------------------------------------------------------------- two players
@dataclass(frozen=True)
class _Vertex:
    """A vertex of P (or Q) on ``region``: ``point`` the probabilities (in QQ(θ)), ``labels`` its
    basis, ``slack[label]`` what is zero when ``label`` is tight (for labels outside the basis)."""

    region: Condition
    point: tuple
    labels: frozenset
    slack: dict


def _vertices(M: list, K: Any, context: Condition, own: str, other: str,
              deadline: Deadline | None = None) -> list[_Vertex] | None:
    """Vertices of {(z, w) : z ≥ 0, 1ᵀz = 1, Mᵀz ≤ w·1} for the player choosing z (rows of M).

    Labels are ``(own, i)`` (``z_i = 0``) and ``(other, j)`` (``(Mᵀz)_j = w``).  ``None`` when
    ``deadline`` expired before every basis was solved.
    """
    m, n = len(M), len(M[0])
    out = []
    for k in range(1, min(m, n) + 1):
        for support in itertools.combinations(range(m), k):
            for tight in itertools.combinations(range(n), k):
                if deadline is not None and deadline.expired():
                    return None
                # Unknowns z_support and w: sum_i M[i][j] z_i - w = 0 (j in tight), sum z = 1.
                rows = [[M[i][j] for i in support] + [-K.one] for j in tight]
                rows.append([K.one] * k + [K.zero])
                system = DomainMatrix(rows, (k + 1, k + 1), K)
                det = system.det()
                if not det:
                    continue
                rhs = DomainMatrix([[K.zero]] * k + [[K.one]], (k + 1, 1), K)
                values = [row[0] for row in system.lu_solve(rhs).to_list()]
                z = [K.zero] * m
                for r, i in enumerate(support):
                    z[i] = values[r]
                w = values[k]
                regions = [context]
                for i in support:
                    regions = _constrain(regions, z[i], ">=")
                slack = {}
                for j in range(n):
                    if j not in tight:
                        gap = w - sum((M[i][j] * z[i] for i in support), K.zero)
                        regions = _constrain(regions, gap, ">=")
                        slack[(other, j)] = gap
                # Where det vanishes the labels are dependent: the point need not be a vertex.
                # Factors of det cancelled from every denominator must be kept non-zero explicitly.
                denominators = [v.denom for v in values]
                extra = [f for f, _ in det.numer.factor_list()[1]
                         if all(d.rem(f) for d in denominators)]
                regions = _nonzero(regions, extra)
                for i in support:
                    slack[(own, i)] = z[i]
                labels = frozenset([(own, i) for i in range(m) if i not in support]
                                   + [(other, j) for j in tight])
                out.extend(_Vertex(region, tuple(z), labels, slack) for region in regions)
    return out


PACKAGING_SECONDS = 0.015   # building one piece (payoffs, formulas, region) when the search stops early


def _no_time_to_package(deadline: Deadline, found: int) -> bool:
    """Whether the time left is about what turning ``found`` candidates into pieces will take:
    the search stops early enough for the answer to come back near the limit."""
    return deadline.timeout is not None and deadline.elapsed() + PACKAGING_SECONDS * found >= deadline.timeout


def _two_player_candidates(game: NormalFormGame, K: Any, context: Condition,
                           deadline: Deadline | None = None, stopped: list | None = None) -> list[_Candidate]:
    A = [[K.from_sympy(_rational(e)) for e in row] for row in game.payoffs[0]]
    B = [[K.from_sympy(_rational(e)) for e in row] for row in game.payoffs[1]]
    xs = _vertices(B, K, context, "row", "col", deadline)         # row player's mixtures, payoffs B
    ys = None if xs is None else _vertices([list(c) for c in zip(*A)], K, context, "col", "row", deadline)
    if ys is None:                                                # column player's, payoffs A
        if stopped is not None:
            stopped.append("while computing the vertices of the best-response polytopes: no vertex "
                           "pair was searched, no equilibrium is listed")
        return []
    everything = frozenset([("row", i) for i in range(game.shape[0])]
                           + [("col", j) for j in range(game.shape[1])])
    out = []
    for position, (x, y) in enumerate(itertools.product(xs, ys)):
        if deadline is not None and (deadline.expired() or _no_time_to_package(deadline, len(out))):
            if stopped is not None:
                stopped.append(f"after {position} of {len(xs) * len(ys)} candidate vertex pairs (the others were "
                               "not searched); the pieces are the equilibria found, each with the region where it "
                               "holds: they may overlap and do not cover the parameter space")
            return out
        missing = everything - x.labels - y.labels
        region = x.region & y.region
        if region.is_false() or proven_empty(region):
            continue
        if not missing:
            out.append(_Candidate(region, (x.point, y.point)))
            continue
        # A degenerate pair: each missing label tight for x or for y (an equation each).
        options = [[x.slack[label], y.slack[label]] for label in sorted(missing)]
        for choice in itertools.product(*options):
            regions = [region]
            for gap in choice:
                regions = _constrain(regions, gap, "==")
            for r in regions:
                out.append(_Candidate(r, (x.point, y.point), degenerate=True))
    return out


def _exprs(K: Any, profile: tuple) -> tuple:
    return tuple(tuple(K.to_sympy(p) for p in v) for v in profile)


# ---------------------------------------------------------------------- more players: pure equilibria
def _pure_candidates(game: NormalFormGame, K: Any, context: Condition,
                     deadline: Deadline | None = None, stopped: list | None = None) -> list[_Candidate]:
    arrays = [game.payoffs[i] for i in range(game.num_players)]
    value = {}
    out = []
    total = math.prod(game.shape)
    for position, profile in enumerate(game.pure_profiles()):
        if deadline is not None and deadline.expired():
            if stopped is not None:
                stopped.append(f"after {position} of {total} pure profiles (the others were "
                               "not searched); the pieces are the equilibria found, each with the region where it "
                               "holds: they may overlap and do not cover the parameter space")
            return out
        regions = [context]
        for i, n in enumerate(game.shape):
            for t in range(n):
                if t == profile[i] or not regions:
                    continue
                deviation = profile[:i] + (t,) + profile[i + 1:]
                for cell in (profile, deviation):
                    if (i, cell) not in value:
                        value[(i, cell)] = K.from_sympy(_rational(arrays[i][cell]))
                regions = _constrain(regions, value[(i, profile)] - value[(i, deviation)], ">=")
        vectors = tuple(tuple(K.one if k == s else K.zero for k in range(n)) for s, n in zip(profile, game.shape))
        out.extend(_Candidate(r, vectors) for r in regions)
    return out


# ---------------------------------------------------------------------- partition and merge
Key = sympy.Expr          # a polynomial with positive leading coefficient
Signs = dict              # key -> frozenset of allowed signs {-1, 0, 1}

_RELATION_SIGNS = {">": frozenset({1}), ">=": frozenset({0, 1}), "==": frozenset({0})}


def _atom_key(atom: tuple) -> tuple[Key, frozenset]:
    """An atom as (key polynomial, the signs of the key that satisfy it)."""
    p, rel = atom
    key = _canonical(p, "==")
    allowed = _RELATION_SIGNS[rel]
    if key != p:   # p = -key
        allowed = frozenset(-s for s in allowed)
    return key, allowed


def _sign_atoms(key: Key, allowed: frozenset) -> list[tuple]:
    return {frozenset({1}): [(key, ">")], frozenset({0}): [(key, "==")], frozenset({-1}): [(-key, ">")],
            frozenset({0, 1}): [(key, ">=")], frozenset({0, -1}): [(-key, ">=")],
            frozenset({-1, 0, 1}): []}[allowed]


def _candidate_signs(cand: _Candidate) -> Signs:
    """A candidate's region as the sign conditions of a cell."""
    signs: dict = {}
    for atom in cand.region.atoms:
        key, allowed = _atom_key(atom)
        signs[key] = signs.get(key, frozenset({-1, 0, 1})) & allowed
    return signs


_PARTITION_STOPPED = ("while partitioning the parameter space, after {} regions: the pieces are the regions "
                      "finished, the rest of the parameter space is not covered")


def _partition(candidates: list[_Candidate], context: Condition, K: Any, deadline: Deadline | None = None,
               stopped: list | None = None) -> list[tuple[Signs, list, bool]]:
    """Cells on which every candidate is decided, with the candidates valid there (see module doc)."""
    items = []
    for cand in candidates:
        needs: dict = {}
        for atom in cand.region.atoms:
            if atom in context.atoms:
                continue
            key, allowed = _atom_key(atom)
            needs[key] = needs.get(key, frozenset({-1, 0, 1})) & allowed
        items.append((needs, cand))
    leaves: list = []
    try:
        with (deadline or Deadline(None)).interrupting():   # one region test can take minutes
            _split(items, context, {}, leaves, K, deadline, stopped)
    except DeadlineReached:
        if stopped is not None:
            stopped.append(_PARTITION_STOPPED.format(len(leaves)))
    return leaves


def _split(items: list, region: Condition, signs: dict, leaves: list, K: Any,
           deadline: Deadline | None = None, stopped: list | None = None) -> None:
    if stopped:
        return
    if deadline is not None and deadline.expired():
        stopped.append(_PARTITION_STOPPED.format(len(leaves)))
        return
    open_keys = sorted({k for needs, _ in items for k in needs if k not in signs}, key=_sort_key)
    if not open_keys:
        profiles, degenerate = _distinct([c for _, c in items], region, K)
        leaves.append((dict(signs), profiles, degenerate))
        return
    key = open_keys[0]
    for sign in (1, 0, -1):
        cell = region & Condition(_sign_atoms(key, frozenset({sign})))
        if cell.is_false() or proven_empty(cell):
            continue
        alive = [(needs, c) for needs, c in items if key not in needs or sign in needs[key]]
        _split(alive, cell, {**signs, key: frozenset({sign})}, leaves, K, deadline, stopped)


def _distinct(candidates: list[_Candidate], region: Condition, K: Any) -> tuple[list, bool]:
    """The candidates' profiles without repeats (equal as formulas, or equal on the region's equations)."""
    equations = [p for p, rel in region.atoms if rel == "=="]
    basis = (sympy.groebner(equations, *K.symbols, order="lex", domain="QQ") if equations else None)
    chosen: list = []
    degenerate = any(c.degenerate for c in candidates)
    for cand in sorted(candidates, key=lambda c: sum(len(p.numer) + len(p.denom) for v in c.profile for p in v)):
        if not any(_same(cand.profile, other, basis) for other in chosen):
            chosen.append(cand.profile)
    for a, b in itertools.combinations(chosen, 2):
        if any(_same_vector(u, w, basis) for u, w in zip(a, b)):
            degenerate = True   # two extreme equilibria share a strategy: a component, not isolated points
    return chosen, degenerate


def _same(a: tuple, b: tuple, basis) -> bool:
    return all(_same_vector(u, w, basis) for u, w in zip(a, b))


def _same_vector(u: tuple, w: tuple, basis) -> bool:
    for p, q in zip(u, w):
        if p == q:
            continue
        if basis is None or basis.reduce((p - q).numer.as_expr())[1] != 0:
            return False
    return True


def _profile_key(profile: tuple) -> tuple:
    return tuple(tuple(v) for v in profile)


def _merge(leaves: list) -> list:
    """Merge cells with the same equilibria whose union is a conjunction (p > 0 and p = 0: p ≥ 0)."""
    cells = [(signs, profiles, degenerate, frozenset(_profile_key(p) for p in profiles))
             for signs, profiles, degenerate in leaves]
    changed = True
    while changed:
        changed = False
        for a, b in itertools.combinations(range(len(cells)), 2):
            sa, pa, da, ka = cells[a]
            sb, pb, db, kb = cells[b]
            if ka != kb or sa.keys() != sb.keys():
                continue
            differ = [k for k in sa if sa[k] != sb[k]]
            if len(differ) != 1:
                continue
            union = sa[differ[0]] | sb[differ[0]]
            if union == frozenset({1, -1}):
                continue
            merged = dict(sa)
            if union == frozenset({-1, 0, 1}):
                del merged[differ[0]]
            else:
                merged[differ[0]] = union
            cells[a] = (merged, pa, da or db, ka)
            del cells[b]
            changed = True
            break
    return [(s, p, d) for s, p, d, _ in cells]


def _solved_equations(region: Condition) -> dict:
    """Parameters the region's equations give explicitly (``c = v``: ``{c: v}``), to write formulas
    on a boundary in its own terms."""
    solved: dict = {}
    for p in sorted((p for p, rel in region.atoms if rel == "=="), key=str):   # printing only the equations
        p = sympy.expand(p.xreplace(solved))
        for s in sorted(p.free_symbols, key=str):
            poly = sympy.Poly(p, s)
            if poly.degree() == 1 and not poly.LC().free_symbols:
                value = sympy.expand(-poly.TC() / poly.LC())
                solved = {k: sympy.expand(v.xreplace({s: value})) for k, v in solved.items()}
                solved[s] = value
                break
    return solved


def _payoffs(game: NormalFormGame, K: Any, profile: tuple, payoffs: list) -> tuple:
    """Every player's expected payoff under ``profile`` (elements of QQ(θ)), as sympy expressions."""
    out = []
    for flat in payoffs:
        total = K.zero
        for index, cell in enumerate(game.pure_profiles()):
            weight = K.one
            for v, s in zip(profile, cell):
                weight *= v[s]
                if not weight:
                    break
            if weight:
                total += weight * flat[0][index]
        out.append(K.to_sympy(total))
    return tuple(out)
