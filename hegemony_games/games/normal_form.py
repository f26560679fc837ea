"""Normal-form (strategic-form) games with N players.

A game with players ``1..N`` where player ``i`` has ``n_i`` pure strategies is given by
N payoff arrays, each of shape ``(n_1, ..., n_N)``: ``payoffs[i][s_1, ..., s_N]`` is player
``i``'s payoff when each player ``j`` plays pure strategy ``s_j``.  A *mixed profile*
is one probability vector per player; a player's expected payoff is the multilinear
extension of her payoff array (von Neumann & Morgenstern 1944; any textbook, e.g.
Maschler, Solan & Zamir, *Game Theory*, 2013, ch. 5).
"""
from __future__ import annotations

import html
import itertools
from fractions import Fraction
from typing import Any, Iterable, Mapping, Sequence

import numpy as np
import sympy

from ..errors import GameError
from ..numbers import EXACT, FLOAT, SYMBOLIC, as_array, format_number, over_common_denominator, to_exact

__all__ = ["NormalFormGame", "DEFAULT_RTOL"]

#: Float tolerances are this fraction of the game's payoff range (as Gambit does).
DEFAULT_RTOL = 1e-8

Profile = Sequence[Sequence[Any]]


class NormalFormGame:
    """An N-player game in normal form.

    Parameters
    ----------
    payoffs:
        A sequence of N arrays (nested lists or numpy arrays), one per player, each of
        shape ``(n_1, ..., n_N)``.  Entries may be ints, floats, ``Fraction``s, decimal
        or rational strings (``"0.1"``, ``"2/3"``), or sympy expressions.
    strategies:
        Optional labels: one sequence of ``n_i`` distinct names per player
        (default ``"1", "2", ...`` as in Gambit).
    players:
        Optional distinct player names (default ``"Player 1", ...``).
    title:
        A free-text title.
    assumptions:
        For symbolic games: what the parameters satisfy, as a sympy relation
        (``T > R``), a sequence of them or a
        :class:`~hegemony_games.symbolic.Condition`; with the symbols' own sympy
        assumptions (``Symbol("c", positive=True)`` means ``c > 0``) they form
        ``game.assumptions``, which symbolic solving uses to drop impossible regions.

    The game's ``kind`` is ``"exact"`` when every payoff is exact (ints, fractions,
    decimal strings), ``"float"`` when some payoff is a float, and ``"symbolic"`` when
    some payoff has free sympy symbols (``game.parameters``).

    Examples
    --------
    >>> import hegemony_games as hg
    >>> pd = hg.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                      strategies=[["C", "D"], ["C", "D"]],
    ...                                      title="Prisoner's dilemma")
    >>> pd.shape, pd.kind
    ((2, 2), 'exact')
    >>> pd.expected_payoffs([[0, 1], [0, 1]])
    (Fraction(1, 1), Fraction(1, 1))
    """

    def __init__(self, payoffs: Sequence[Any], strategies: Sequence[Sequence[str]] | None = None,
                 players: Sequence[str] | None = None, title: str = "", assumptions: Any = None):
        if isinstance(payoffs, np.ndarray) or not isinstance(payoffs, Sequence) or not payoffs:
            if not (isinstance(payoffs, np.ndarray) and payoffs.ndim >= 2):
                raise GameError("payoffs must be a non-empty sequence of N arrays, one per player")
        arrays = [as_array(p) for p in payoffs]
        kinds = {k for _, k in arrays}
        kind = SYMBOLIC if SYMBOLIC in kinds else FLOAT if FLOAT in kinds else EXACT
        arrays = [as_array(a, kind)[0] if k != kind else a for a, k in arrays]
        n_players = len(arrays)
        shape = arrays[0].shape
        if len(shape) != n_players:
            raise GameError(f"{n_players} payoff arrays need {n_players} strategy axes each, "
                            f"but the first array has shape {shape}")
        for i, a in enumerate(arrays):
            if a.shape != shape:
                raise GameError(f"payoff array of player {i + 1} has shape {a.shape}, "
                                f"expected {shape} like player 1's")
        if any(n < 1 for n in shape):
            raise GameError(f"every player needs at least one strategy; shape is {shape}")
        for a in arrays:
            a.flags.writeable = False
        self._payoffs = tuple(arrays)
        self._kind = kind
        self.title = str(title)
        self.players = _labels(players, n_players, "Player {}", "player")
        if strategies is None:
            strategies = [None] * n_players
        elif len(strategies) != n_players:
            raise GameError(f"strategies must give one list of labels per player "
                            f"({n_players}), got {len(strategies)}")
        self.strategies = tuple(_labels(s, n, "{}", f"strategy of {self.players[i]}")
                                for i, (s, n) in enumerate(zip(strategies, shape)))
        from ..symbolic.conditions import as_condition   # symbolic depends on games otherwise
        self._assumptions = None if assumptions is None else as_condition(assumptions)

    # ----------------------------------------------------------------- construction
    @classmethod
    def from_bimatrix(cls, A: Any, B: Any, **kwargs: Any) -> "NormalFormGame":
        """A two-player game from the row player's matrix ``A`` and the column player's ``B``.

        >>> NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]).shape
        (2, 2)
        """
        A_arr, B_arr = np.asarray(A, dtype=object), np.asarray(B, dtype=object)
        if A_arr.ndim != 2 or B_arr.ndim != 2:
            raise GameError(f"from_bimatrix needs two matrices, got arrays of {A_arr.ndim} "
                            f"and {B_arr.ndim} dimensions")
        return cls([A, B], **kwargs)

    @classmethod
    def zero_sum(cls, A: Any, **kwargs: Any) -> "NormalFormGame":
        """The two-player zero-sum game in which the row player gets ``A`` and the column player ``-A``.

        >>> NormalFormGame.zero_sum([[1, -1], [-1, 1]]).is_zero_sum()
        True
        """
        arr, _ = as_array(A)
        if arr.ndim != 2:
            raise GameError("zero_sum needs a matrix")
        return cls([arr, -arr], **kwargs)

    def _replace(self, payoffs: Sequence[Any], strategies=None, players=None,
                 assumptions: Any = False) -> "NormalFormGame":
        return NormalFormGame(payoffs, strategies if strategies is not None else self.strategies,
                              players if players is not None else self.players, self.title,
                              self._assumptions if assumptions is False else assumptions)

    # ----------------------------------------------------------------- properties
    @property
    def payoffs(self) -> tuple[np.ndarray, ...]:
        """The N payoff arrays (read-only)."""
        return self._payoffs

    @property
    def kind(self) -> str:
        """``"exact"``, ``"float"`` or ``"symbolic"``."""
        return self._kind

    @property
    def is_exact(self) -> bool:
        return self._kind == EXACT

    @property
    def shape(self) -> tuple[int, ...]:
        """The number of pure strategies of each player."""
        return self._payoffs[0].shape

    @property
    def num_players(self) -> int:
        return len(self._payoffs)

    @property
    def parameters(self) -> frozenset:
        """The free sympy symbols in the payoffs (empty for numeric games)."""
        if self._kind != SYMBOLIC:
            return frozenset()
        return frozenset().union(*(e.free_symbols for a in self._payoffs for e in a.flat))

    @property
    def assumptions(self):
        """What the parameters are assumed to satisfy: a :class:`~hegemony_games.symbolic.Condition`
        (the ``assumptions=`` given and the symbols' sympy assumptions; ``always`` if none).

        >>> c = sympy.Symbol("c", positive=True)
        >>> v = sympy.Symbol("v")
        >>> print(NormalFormGame([[[v, 0], [0, c]], [[c, 0], [0, v]]], assumptions=v < c).assumptions)
        c > 0 ∧ c > v
        """
        from ..symbolic.conditions import game_assumptions
        return game_assumptions(self._assumptions, self.parameters)

    def payoff_range(self) -> float:
        """max − min over all payoffs, as a float (the scale for tolerances)."""
        if self._kind == SYMBOLIC:
            raise GameError("a symbolic game has no numeric payoff range; substitute values first")
        values = [float(v) for a in self._payoffs for v in a.flat]
        return max(values) - min(values)

    def tolerance(self, rtol: float = DEFAULT_RTOL) -> float:
        """The absolute tolerance used to verify float results: ``rtol`` × payoff range."""
        return rtol * max(self.payoff_range(), 1.0) if self._kind != EXACT else 0.0

    def is_zero_sum(self) -> bool:
        """True for a two-player game whose payoffs add up to a constant (exactly for exact games)."""
        if self.num_players != 2:
            return False
        total = self._payoffs[0] + self._payoffs[1]
        if self._kind == SYMBOLIC:
            first = total.flat[0]
            return all(sympy.simplify(t - first) == 0 for t in total.flat)
        if self._kind == FLOAT:
            return bool(np.ptp(total) <= self.tolerance())
        return len(set(total.flat)) == 1

    # ----------------------------------------------------------------- conversions
    def as_exact(self) -> "NormalFormGame":
        """This game with every payoff exact (floats via their shortest decimal form: 0.1 → 1/10)."""
        if self._kind == EXACT:
            return self
        if self._kind == SYMBOLIC:
            self._require_numeric("convert to exact")
        # The payoffs are finite float64 arrays (checked when the game was built): convert them
        # in bulk and skip the constructor's per-entry kind inference, which costs ~15 µs a number.
        exact = object.__new__(NormalFormGame)
        exact.__dict__.update(self.__dict__)
        arrays = []
        for a in self._payoffs:
            out = np.empty(a.size, dtype=object)
            out[:] = [_shortest_decimal(v) for v in a.ravel().tolist()]
            out = out.reshape(a.shape)
            out.flags.writeable = False
            arrays.append(out)
        exact._payoffs, exact._kind = tuple(arrays), EXACT
        return exact

    def as_float(self) -> "NormalFormGame":
        """This game with float payoffs."""
        if self._kind == FLOAT:
            return self
        if self._kind == SYMBOLIC:
            self._require_numeric("convert to float")
        return self._replace([np.array([float(v) for v in a.flat]).reshape(a.shape)
                              for a in self._payoffs])

    def subs(self, mapping: Mapping[Any, Any]) -> "NormalFormGame":
        """Substitute values (or expressions) for parameters.

        Keys may be sympy symbols or their names.  The result is exact when every
        substituted value is exact and no parameter is left.

        >>> a = sympy.Symbol("a")
        >>> g = NormalFormGame([[[a, 0], [0, 1]], [[1, 0], [0, a]]])
        >>> g.parameters == {a}, g.subs({"a": "1/2"}).kind
        (True, 'exact')

        A key that is not a parameter (nor a symbol of the assumptions) raises
        :class:`~hegemony_games.GameError`: a misspelt name must not be ignored silently.
        """
        check_parameter_keys(mapping, self)
        if self._kind != SYMBOLIC:
            return self
        by_name = {s.name: s for s in self.parameters}
        clean = {}
        for key, value in mapping.items():
            symbol = by_name.get(key, key) if isinstance(key, str) else key
            if isinstance(value, str):
                value = to_exact(value)
            if isinstance(value, Fraction):
                value = sympy.Rational(value.numerator, value.denominator)
            clean[symbol] = value
        arrays = [np.array([sympy.sympify(e).subs(clean) for e in a.flat], dtype=object).reshape(a.shape)
                  for a in self._payoffs]
        from ..symbolic.conditions import substitute_assumptions   # keep those with free parameters left
        return self._replace(arrays, assumptions=substitute_assumptions(self._assumptions, clean))

    def _require_numeric(self, what: str) -> None:
        if self._kind == SYMBOLIC:
            names = ", ".join(sorted(s.name for s in self.parameters)) or "symbolic constants"
            raise GameError(f"cannot {what}: the game has free parameters ({names}); "
                            f"substitute values with game.subs({{...}}) first")

    # ----------------------------------------------------------------- restructuring
    def restrict(self, keep: Sequence[Sequence[int]]) -> "NormalFormGame":
        """The game in which player ``i`` may only use the strategies ``keep[i]`` (indices)."""
        if len(keep) != self.num_players:
            raise GameError("restrict needs one list of strategy indices per player")
        index = np.ix_(*[list(k) for k in keep])
        return self._replace([a[index] for a in self._payoffs],
                             strategies=[[s[j] for j in k] for s, k in zip(self.strategies, keep)])

    def permute_players(self, order: Sequence[int]) -> "NormalFormGame":
        """The same game with players listed in ``order`` (new player k is old player ``order[k]``)."""
        if sorted(order) != list(range(self.num_players)):
            raise GameError(f"{order} is not a permutation of the players")
        return self._replace([np.transpose(self._payoffs[i], order) for i in order],
                             strategies=[self.strategies[i] for i in order],
                             players=[self.players[i] for i in order])

    # ----------------------------------------------------------------- profiles
    def profile(self, strategies: Profile) -> tuple[np.ndarray, ...]:
        """Validate a mixed profile and return it as arrays of this game's kind.

        Exact games need exact probabilities summing exactly to one (floats are
        converted through their decimal form); float games accept a sum within 1e-9.
        """
        if len(strategies) != self.num_players:
            raise GameError(f"a profile needs {self.num_players} probability vectors, got {len(strategies)}")
        kind = FLOAT if self._kind == FLOAT else EXACT
        out = []
        for i, (vector, n) in enumerate(zip(strategies, self.shape)):
            arr, vkind = as_array(vector)
            if vkind == SYMBOLIC:
                arr = arr  # symbolic probabilities are allowed in symbolic games
            elif self._kind == SYMBOLIC:
                arr, _ = as_array(arr, EXACT if vkind == EXACT else FLOAT)
            else:
                arr, _ = as_array(arr, kind)
            if arr.shape != (n,):
                raise GameError(f"{self.players[i]} has {n} strategies but the profile gives "
                                f"a vector of shape {arr.shape}")
            if vkind != SYMBOLIC:
                if any(p < 0 for p in arr):
                    raise GameError(f"negative probability in the strategy of {self.players[i]}: {list(arr)}")
                total = sum(arr)
                if (kind == EXACT and total != 1) or (kind == FLOAT and abs(total - 1) > 1e-9):
                    raise GameError(f"the probabilities of {self.players[i]} sum to "
                                    f"{format_number(total)}, not 1")
            out.append(arr)
        return tuple(out)

    def pure_profile(self, choice: Sequence[int]) -> tuple[np.ndarray, ...]:
        """The mixed profile that puts probability one on pure strategy ``choice[i]`` for each player."""
        one, zero = (1.0, 0.0) if self._kind == FLOAT else (Fraction(1), Fraction(0))
        vectors = []
        for s, n in zip(choice, self.shape):
            v = [zero] * n
            v[s] = one
            vectors.append(v)
        return self.profile(vectors)

    def strategy_payoffs(self, strategies: Profile, player: int) -> np.ndarray:
        """Player ``player``'s expected payoff of each of her pure strategies against the others' mixtures."""
        profile = self.profile(strategies)
        return self._strategy_payoffs(profile, player)

    def _strategy_payoffs(self, profile: Sequence[np.ndarray], player: int) -> np.ndarray:
        if self._kind == EXACT:
            return self._exact_strategy_payoffs(profile, player)
        out = self._payoffs[player]
        for j in reversed(range(self.num_players)):
            if j != player:
                out = np.tensordot(out, profile[j], axes=([j], [0]))
        return out

    def _exact_strategy_payoffs(self, profile: Sequence[np.ndarray], player: int) -> np.ndarray:
        """:meth:`_strategy_payoffs` of an exact game, as Fractions."""
        values, den = self._exact_values([over_common_denominator(v) for v in profile], player)
        result = np.empty(len(values), dtype=object)
        result[:] = [Fraction(v, den) for v in values]
        return result

    def _exact_values(self, vectors: Sequence[tuple[np.ndarray, int]], player: int) -> tuple[list[int], int]:
        """``player``'s payoff of each pure strategy as integers over one denominator, from each
        mixture's integer form ``vectors[j] = (numerators, den)``: payoffs and mixtures are
        contracted as integers (a Fraction product or sum costs about 1 µs; at 12×12 the
        contraction took 1.5 ms an equilibrium in Fractions, 0.1 ms in integers)."""
        numerators, den = self.integer_payoffs()[player]
        out = numerators
        for j in reversed(range(self.num_players)):
            if j != player:
                vector, vector_den = vectors[j]
                out = np.tensordot(out, vector, axes=([j], [0]))
                den *= vector_den
        return out.tolist(), den

    def integer_payoffs(self) -> list[tuple[np.ndarray, int]]:
        """Each player's payoffs of an exact game as ``(numerators, den)``: Python integers over
        their least common denominator (computed once; the exact solvers work on these).

        >>> NormalFormGame.from_bimatrix([["1/2", 1], [0, 2]], [[1, 0], [0, 1]]).integer_payoffs()[0]
        (array([[1, 2],
               [0, 4]], dtype=object), 2)
        """
        self._require_numeric("take integer payoffs")
        if self._kind != EXACT:
            raise GameError("integer payoffs need an exact game (see as_exact())")
        cached = getattr(self, "_integers", None)
        if cached is None:
            cached = self._integers = [over_common_denominator(a) for a in self._payoffs]
        return cached

    def expected_payoffs(self, strategies: Profile) -> tuple:
        """Every player's expected payoff under a mixed profile (exact for exact games)."""
        profile = self.profile(strategies)
        if self._kind == EXACT:   # in integers: one Fraction per player
            return tuple(Fraction(payoff, den) for payoff, _, den in self._exact_payoffs_and_best(profile))
        return tuple(_simplify(np.dot(self._strategy_payoffs(profile, i), profile[i]))
                     for i in range(self.num_players))

    def regrets(self, strategies: Profile) -> tuple:
        """For each player, best pure-strategy payoff minus expected payoff (≥ 0)."""
        return self.payoffs_and_regrets(strategies)[1]

    def _exact_payoffs_and_best(self, profile: Sequence[np.ndarray]) -> list[tuple[int, int, int]]:
        """Per player ``(payoff, best, den)``: the expected payoff and the best pure-strategy
        payoff, both over the integer denominator ``den``; each mixture converted to integers once."""
        vectors = [over_common_denominator(v) for v in profile]
        out = []
        for i, (own, own_den) in enumerate(vectors):
            values, den = self._exact_values(vectors, i)
            out.append((sum(v * p for v, p in zip(values, own.tolist())), max(values) * own_den, den * own_den))
        return out

    def payoffs_and_regrets(self, strategies: Profile) -> tuple[tuple, tuple]:
        """:meth:`expected_payoffs` and :meth:`regrets` at once, the profile validated and (exact
        games) converted to integers once: what a solver's check of its equilibria needs.

        >>> sexes = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
        >>> sexes.payoffs_and_regrets([[1, 0], [0, 1]])
        ((Fraction(0, 1), Fraction(0, 1)), (Fraction(1, 1), Fraction(1, 1)))
        """
        profile = self.profile(strategies)
        self._require_numeric("compute regrets")
        if self._kind == EXACT:
            values = self._exact_payoffs_and_best(profile)
            return (tuple(Fraction(payoff, den) for payoff, _, den in values),
                    tuple(Fraction(best - payoff, den) for payoff, best, den in values))
        payoffs, regrets = [], []
        for i in range(self.num_players):
            values = self._strategy_payoffs(profile, i)
            payoff = np.dot(values, profile[i])
            payoffs.append(_simplify(payoff))
            regrets.append(_simplify(max(values) - payoff))
        return tuple(payoffs), tuple(regrets)

    def max_regret(self, strategies: Profile):
        """The largest regret: 0 exactly at an equilibrium of an exact game."""
        return max(self.regrets(strategies))

    def best_responses(self, strategies: Profile, player: int, tol: float | None = None) -> list[int]:
        """Indices of ``player``'s pure best responses to the others' mixtures.

        Exact games compare exactly; float games within ``tol`` (default: the game tolerance).
        """
        self._require_numeric("compute best responses")
        values = self.strategy_payoffs(strategies, player)
        best = max(values)
        if self._kind == EXACT:
            return [s for s, v in enumerate(values) if v == best]
        tol = self.tolerance() if tol is None else tol
        return [s for s, v in enumerate(values) if v >= best - tol]

    def is_equilibrium(self, strategies: Profile, tol: float | None = None) -> bool:
        """Whether the profile is a Nash equilibrium (exactly, or within ``tol`` for floats)."""
        regret = self.max_regret(strategies)
        if self._kind == EXACT:
            return regret == 0
        return float(regret) <= (self.tolerance() if tol is None else tol)

    def pure_profiles(self) -> Iterable[tuple[int, ...]]:
        """All pure strategy profiles, as tuples of strategy indices."""
        return itertools.product(*(range(n) for n in self.shape))

    # ----------------------------------------------------------------- comparison and display
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, NormalFormGame):
            return NotImplemented
        return (self.shape == other.shape and self.players == other.players
                and self.strategies == other.strategies and self.title == other.title
                and all(_same_entries(a, b) for a, b in zip(self._payoffs, other._payoffs)))

    __hash__ = None  # mutable title; games are compared by value

    def __repr__(self) -> str:
        dims = "×".join(str(n) for n in self.shape)
        title = f" {self.title!r}" if self.title else ""
        return f"<NormalFormGame{title}: {self.num_players} players, {dims}, {self._kind}>"

    def table_rows(self) -> tuple[list[str], list[list[str]]]:
        """Header and rows of the payoff table: one row per pure profile (or a matrix for 2 players)."""
        if self.num_players == 2:
            header = [""] + list(self.strategies[1])
            rows = [[self.strategies[0][r]] + [
                ", ".join(format_number(self._payoffs[p][r, c]) for p in range(2))
                for c in range(self.shape[1])] for r in range(self.shape[0])]
            return header, rows
        header = list(self.players) + [f"u({p})" for p in self.players]
        rows = [[self.strategies[i][s] for i, s in enumerate(prof)]
                + [format_number(a[prof]) for a in self._payoffs] for prof in self.pure_profiles()]
        return header, rows

    def __str__(self) -> str:
        header, rows = self.table_rows()
        widths = [max(len(str(r[k])) for r in [header] + rows) for k in range(len(header))]
        lines = [repr(self)]
        if self.num_players == 2:
            lines.append(f"rows: {self.players[0]}, columns: {self.players[1]}, cells: payoffs "
                         f"({self.players[0]}, {self.players[1]})")
        for r in [header] + rows:
            lines.append("  ".join(str(c).rjust(w) for c, w in zip(r, widths)))
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        header, rows = self.table_rows()
        cells = "".join(f"<th>{html.escape(h)}</th>" for h in header)
        body = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in r) + "</tr>" for r in rows)
        caption = html.escape(self.title or repr(self))
        return f"<table><caption>{caption}</caption><tr>{cells}</tr>{body}</table>"


def _shortest_decimal(value: float) -> Fraction:
    """The finite float as the decimal number its ``repr`` shows, exactly: what ``to_exact``
    gives, parsed by hand because ``Fraction(str)`` is several times slower.

    >>> [_shortest_decimal(v) for v in (0.1, -2.5, 1e-05, 1.5e+20, -0.0)]
    [Fraction(1, 10), Fraction(-5, 2), Fraction(1, 100000), Fraction(150000000000000000000, 1), Fraction(0, 1)]
    """
    text = repr(float(value))
    if "e" not in text:  # the common case, about a third faster
        whole, _, fraction = text.partition(".")
        return Fraction(int(whole + fraction), 10 ** len(fraction))
    mantissa, _, exponent = text.partition("e")
    whole, _, fraction = mantissa.partition(".")
    digits = int(whole + fraction)
    power = (int(exponent) if exponent else 0) - len(fraction)
    return Fraction(digits * 10 ** power) if power >= 0 else Fraction(digits, 10 ** -power)


def _labels(given: Sequence[str] | None, count: int, pattern: str, what: str) -> tuple[str, ...]:
    if given is None:
        return tuple(pattern.format(k + 1) for k in range(count))
    labels = tuple(str(x) for x in given)
    if len(labels) != count:
        raise GameError(f"expected {count} {what} labels, got {len(labels)}: {list(labels)}")
    if len(set(labels)) != len(labels):
        dup = sorted({x for x in labels if labels.count(x) > 1})
        raise GameError(f"{what} labels must be distinct; repeated: {dup}")
    return labels


def _simplify(value: Any) -> Any:
    if isinstance(value, sympy.Basic):
        return sympy.simplify(value)
    if isinstance(value, np.floating):
        return float(value)
    return value


def _same_entries(a: np.ndarray, b: np.ndarray) -> bool:
    return all((x - y) == 0 if isinstance(x, sympy.Basic) or isinstance(y, sympy.Basic) else x == y
               for x, y in zip(a.flat, b.flat))


def check_parameter_keys(mapping: Mapping[Any, Any], game: Any) -> None:
    """Raise :class:`GameError` unless every key of ``mapping`` is a parameter of ``game`` (a
    symbol or its name; symbols of the game's assumptions count too)."""
    if not isinstance(mapping, Mapping):
        raise GameError(f"subs needs a mapping of parameters to values, got {type(mapping).__name__}")
    if not mapping:
        return
    known = set(game.parameters)
    if game.kind == SYMBOLIC:
        known |= set(game.assumptions.symbols)
    names = {str(s) for s in known}
    unknown = [k for k in mapping if not (k in known if isinstance(k, sympy.Basic) else str(k) in names)]
    if unknown:
        shown = ", ".join(sorted(names)) or "none: the game is numeric"
        raise GameError(f"subs: {', '.join(map(repr, map(str, unknown)))} is not a parameter of the game "
                        f"(its parameters: {shown})")
