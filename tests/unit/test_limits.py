"""Time limits (issue 7): solvers whose cost can explode stop at ``timeout`` and say what they skipped.

The games are too large to finish within the limit; each test checks that the call returns within
the limit plus a generous margin (the CI machine is shared), that the solution is flagged
incomplete with a message naming the limit, and that what was returned is still verified.
"""
from __future__ import annotations

import time
from fractions import Fraction

import numpy as np
import pytest

import hegemony_games as hg

LIMIT = 0.5
MARGIN = 3.0


def _work_past_the_limit(seconds: float = 5.0) -> None:
    """Busy Python work that stands for a computation not finishing in time: the time limit must
    interrupt it (by raising inside it); if it runs to its end, the test fails."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        continue
    pytest.fail("the time limit did not interrupt the work")


def _timed(call):
    start = time.perf_counter()
    result = call()
    return result, time.perf_counter() - start


def _assert_partial(solution, elapsed):
    assert elapsed < LIMIT + MARGIN
    assert solution.complete is False
    assert "time limit of 0.5 s" in solution.message


@pytest.mark.parametrize("shape", [(3, 3, 3, 3), (4, 4, 4)])
def test_polynomial_support_enumeration_stops_at_the_limit(shape):
    rng = np.random.default_rng(1)
    game = hg.NormalFormGame([rng.integers(-5, 6, shape) for _ in shape])
    solution, elapsed = _timed(lambda: hg.solve(game, method="support-enumeration-polynomial", timeout=LIMIT))
    _assert_partial(solution, elapsed)
    assert "support profiles not searched" in solution.message
    assert solution.parameters["unsearched_supports"]
    for eq in solution:
        assert eq.max_regret() == 0


def test_polynomial_support_enumeration_without_limit_is_complete():
    # Jordan's matching game: its one equilibrium is the uniform profile (hand calculation).
    a, b, c = np.indices((2, 2, 2))
    game = hg.NormalFormGame([(a == b).astype(int), (b == c).astype(int), (c != a).astype(int)])
    solution = hg.solve(game, timeout=None)
    assert solution.complete and solution.message == ""
    half = (Fraction(1, 2), Fraction(1, 2))
    assert [e.strategies for e in solution] == [(half, half, half)]
    assert hg.solve(game, timeout=60).complete


@pytest.mark.parametrize("bad", [-1, "x", float("nan"), True])
def test_bad_timeout_is_a_game_error(bad):
    game = hg.NormalFormGame.zero_sum([[1, -1], [-1, 1]])
    with pytest.raises(hg.GameError, match="timeout"):
        hg.solve(game, timeout=bad)


def test_cheap_methods_accept_and_ignore_the_limit():
    game = hg.NormalFormGame.zero_sum([[1, -1], [-1, 1]])
    for method in ("pure", "lp"):
        assert hg.solve(game, method=method, timeout=0).complete


# --------------------------------------------------------------------------- symbolic two-player games
def _symbolic_game(n):
    import sympy
    a, b = sympy.symbols("a b")
    rng = np.random.default_rng(0)
    A = [[int(rng.integers(-3, 4)) + (a if (i + j) % 2 else b) for j in range(n)] for i in range(n)]
    B = [[int(rng.integers(-3, 4)) + (b if (i * j) % 3 else a * (i - j)) for j in range(n)] for i in range(n)]
    return hg.NormalFormGame.from_bimatrix(A, B), (a, b)


@pytest.mark.parametrize("n", [3, 4])
def test_symbolic_solve_stops_at_the_limit(n):
    game, (a, b) = _symbolic_game(n)
    solution, elapsed = _timed(lambda: hg.solve(game, timeout=LIMIT))
    _assert_partial(solution, elapsed)
    at = solution.at({a: Fraction(1, 3), b: Fraction(-2, 7)}) if solution.pieces else []
    for eq in at:     # Solution.at verifies; check again at the point
        assert eq.max_regret() == 0


class _AfterChecks:
    """A deadline that expires after ``k`` checks: stops a small symbolic solve at every stage."""

    def __init__(self, k):
        self.k, self.timeout = k, 9

    def expired(self):
        self.k -= 1
        return self.k < 0

    def describe(self):
        return "the time limit of 9 s"

    def elapsed(self):
        return 0.0

    def interrupting(self):
        """Entering an interruptible block is one more check; an expired one interrupts at once."""
        from contextlib import nullcontext
        from hegemony_games.limits import DeadlineReached
        if self.expired():
            raise DeadlineReached
        return nullcontext()


@pytest.mark.parametrize("checks", range(0, 60, 3))
def test_symbolic_solve_stopped_anywhere_returns_true_equilibria(monkeypatch, checks):
    import sympy
    from hegemony_games.symbolic import normal_form
    v, c = sympy.symbols("v c", positive=True)
    hawk_dove = hg.NormalFormGame.from_bimatrix([[(v - c) / 2, v], [0, v / 2]], [[(v - c) / 2, 0], [v, v / 2]])
    monkeypatch.setattr(normal_form, "Deadline", lambda timeout: _AfterChecks(checks))
    solution = hg.solve(hawk_dove, timeout=9)
    # Hawk-dove with v < c: (H, D), (D, H) and the mix v/c (hand calculation); v > c: (H, H).
    full = {(1, 3): {((1, 0), (0, 1)), ((0, 1), (1, 0)),
                     ((Fraction(1, 3), Fraction(2, 3)), (Fraction(1, 3), Fraction(2, 3)))},
            (3, 1): {((1, 0), (1, 0))}}
    for (vv, cc), expected in full.items():
        found = {eq.strategies for eq in solution.at({v: vv, c: cc})} if solution.pieces else set()
        assert found <= expected
        if solution.complete:
            assert found == expected
    if not solution.complete or "simplified" in solution.message:
        assert solution.message.startswith("the time limit of 9 s reached")


# --------------------------------------------------------------------------- subgame-perfect equilibria
def _tied_tree(depth):
    """A binary tree in which every player is indifferent everywhere: 2^(decision nodes) pure SPE."""
    if depth == 0:
        return hg.terminal([1, 1])
    return hg.decision("A" if depth % 2 else "B", {"l": _tied_tree(depth - 1), "r": _tied_tree(depth - 1)})


@pytest.mark.parametrize("depth", [6, 11])
def test_spe_stops_at_the_limit(depth):
    tree = hg.ExtensiveFormGame(_tied_tree(depth))
    solution, elapsed = _timed(lambda: hg.spe(tree, use_priorities=False, timeout=LIMIT))
    _assert_partial(solution, elapsed)
    for eq in solution:
        assert eq.max_regret() == 0 and eq.payoffs == (1, 1)


def test_spe_of_a_huge_tree_without_ties_stops_at_the_limit():
    def chain(depth):   # A (the second player) always prefers "down"
        if depth == 0:
            return hg.terminal([0, 0])
        return hg.decision("A", {"down": chain(depth - 1), "stop": hg.terminal([0, -depth])})
    tree = hg.ExtensiveFormGame(hg.decision("B", {"x": chain(400), "y": chain(400)}))
    complete = hg.spe(tree)
    assert complete.complete and len(complete) == 2     # B indifferent between x and y (hand check)
    solution, elapsed = _timed(lambda: hg.spe(tree, timeout=0))
    assert elapsed < MARGIN and not solution.complete and len(solution) == 0
    assert "time limit of 0 s" in solution.message and "nodes" in solution.message


def test_spe_without_limit_is_complete():
    tree = hg.ExtensiveFormGame(_tied_tree(3))        # 7 decision nodes, all tied: 2^7 pure SPE
    solution = hg.spe(tree, use_priorities=False, timeout=None)
    assert solution.complete and len(solution) == 2 ** 7
    with pytest.raises(hg.GameError, match="timeout"):
        hg.spe(tree, timeout=-1)


# --------------------------------------------------------------------------- command line
def test_cli_timeout(tmp_path, capsys):
    import json
    from hegemony_games.cli import main
    rng = np.random.default_rng(1)
    path = tmp_path / "big.nfg"
    hg.write(hg.NormalFormGame([rng.integers(-5, 6, (3, 3, 3, 3)) for _ in range(4)]), path)
    start = time.perf_counter()
    assert main(["solve", str(path), "--method", "support-enumeration-polynomial", "--timeout", "0.5"]) == 0
    assert time.perf_counter() - start < LIMIT + MARGIN
    assert "INCOMPLETE: the time limit of 0.5 s reached" in capsys.readouterr().out
    assert main(["solve", str(path), "--method", "support-enumeration-polynomial", "--timeout", "0.5",
                 "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["complete"] is False and "time limit" in data["message"]
    assert main(["solve", str(path), "--timeout", "-1"]) == 2
    assert "timeout must be" in capsys.readouterr().err


# --------------------------------------------------------------------------- two players: the lexicographic walk
def test_vertex_enumeration_walk_stops_at_the_limit():
    rng = np.random.default_rng(3)
    game = hg.NormalFormGame.from_bimatrix(rng.integers(0, 2, (14, 14)), rng.integers(0, 2, (14, 14)))
    hg.solve(hg.NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]]))   # load the modules first
    solution, elapsed = _timed(lambda: hg.solve(game, timeout=LIMIT))
    _assert_partial(solution, elapsed)
    assert "reverse search of the row player" in solution.message and solution.components == []
    for eq in solution:
        assert eq.max_regret() == 0


def test_vertex_enumeration_without_limit_is_complete():
    sexes = hg.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    solution = hg.solve(sexes, timeout=None)
    # battle of the sexes: two pure equilibria and the mix (2/3, 1/3), (1/3, 2/3) (hand calculation)
    assert solution.complete and len(solution) == 3
    flat = hg.NormalFormGame.from_bimatrix([[1, 0], [1, 1]], [[1, 1], [1, 1]])   # degenerate: the walk
    assert hg.solve(flat, timeout=30).complete


# --------------------------------------------------------------------------- symbolic game trees
def _symbolic_binary_tree(depth, seed=0):
    import random
    import sympy
    x, y = sympy.symbols("x y")
    rng = random.Random(seed)

    def build(level):
        if level == depth:
            return hg.terminal([rng.randint(-3, 3) + rng.randint(-3, 3) * x + rng.randint(-3, 3) * y
                                for _ in range(2)])
        return hg.decision(f"P{level % 2 + 1}", {"l": build(level + 1), "r": build(level + 1)})
    return hg.ExtensiveFormGame(build(0), players=["P1", "P2"])


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")   # see test_an_interruption_lost_in_a_callback_is_repeated
def test_symbolic_spe_stops_at_the_limit():
    import sympy
    c = sympy.Symbol("c", positive=True)
    small = hg.ExtensiveFormGame(hg.decision("Entrant", {
        "Out": hg.terminal([0, 2]),
        "In": hg.decision("Incumbent", {"Fight": hg.terminal([-1, 2 - c]), "Accommodate": hg.terminal([1, 1])})}))
    complete = hg.spe(small, timeout=None)      # also loads the modules before timing
    assert complete.complete and len(complete.pieces) == 3   # c > 1, c = 1, c < 1 (see hg.spe's docstring)
    tree = _symbolic_binary_tree(7)
    solution, elapsed = _timed(lambda: hg.spe(tree, timeout=LIMIT))
    _assert_partial(solution, elapsed)
    assert "of 255 nodes" in solution.message and solution.pieces == []


def test_symbolic_spe_reaching_the_limit_while_packaging_keeps_every_piece(monkeypatch):
    """Past the limit the pieces' regions are no longer simplified: the same pieces, the same
    equilibria, regions that hold at exactly the same points, and a message that says so."""
    import sympy
    from hegemony_games.limits import Deadline
    from hegemony_games.symbolic import backward_induction as bi
    tree = _symbolic_binary_tree(2)
    full = hg.spe(tree)
    package = bi._solution
    monkeypatch.setattr(bi, "_solution", lambda *args: package(*args[:4], Deadline(0)))
    late = hg.spe(tree)
    count = len(full.pieces)
    assert late.complete and count > 3 and len(late.pieces) == count
    assert f"{count} of {count} pieces are shown with their regions as found" in late.message
    x, y = sympy.symbols("x y")
    grid = [{x: sympy.Rational(a, 3), y: sympy.Rational(b, 3)} for a in range(-9, 10) for b in range(-9, 10)]
    simplified_somewhere = False
    for ours, theirs in zip(late.pieces, full.pieces):
        assert [e.strategies for e in ours.equilibria] == [e.strategies for e in theirs.equilibria]
        assert all(ours.region.holds_at(p) == theirs.region.holds_at(p) for p in grid)
        simplified_somewhere |= len(ours.region.atoms) > len(theirs.region.atoms)
    assert simplified_somewhere   # the full run did simplify: the comparison is not trivial


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")   # see test_an_interruption_lost_in_a_callback_is_repeated
def test_a_simplification_running_past_the_limit_is_interrupted(monkeypatch):
    from hegemony_games.symbolic import backward_induction as bi
    tree = _symbolic_binary_tree(2)
    hg.spe(tree)     # loads the modules and fills the caches: the induction itself is quick now

    monkeypatch.setattr(bi, "_simplify", lambda region, context: _work_past_the_limit())
    solution, elapsed = _timed(lambda: hg.spe(tree, timeout=1.5))
    assert elapsed < 1.5 + MARGIN and solution.complete and solution.pieces
    assert f"{len(solution.pieces)} of {len(solution.pieces)} pieces are shown" in solution.message


def test_a_large_game_with_a_timeout_skips_qhull_and_stops_in_time():
    """20×20: Qhull alone takes tens of seconds and cannot be interrupted; the reverse search reads the clock."""
    rng = np.random.default_rng(20)
    game = hg.NormalFormGame.from_bimatrix(rng.random((20, 20)), rng.random((20, 20)))
    solution, elapsed = _timed(lambda: hg.solve(game, timeout=LIMIT))
    _assert_partial(solution, elapsed)
    assert all(float(e.max_regret()) <= game.tolerance() for e in solution)


def test_a_support_system_that_runs_past_the_limit_is_interrupted(monkeypatch):
    """One Gröbner basis can take minutes (a 5-player support system did); the limit stops it
    mid-computation and the profile is reported as not searched."""
    from hegemony_games.solvers import polynomial_support_enumeration as pse

    monkeypatch.setattr(pse._System, "solve", lambda self: _work_past_the_limit())   # a Gröbner basis
    a, b, c = np.indices((2, 2, 2))
    game = hg.NormalFormGame([(a == b).astype(int), (b == c).astype(int), (c != a).astype(int)])
    solution, elapsed = _timed(lambda: hg.solve(game, method="support-enumeration-polynomial", timeout=LIMIT))
    _assert_partial(solution, elapsed)
    assert len(solution.parameters["unsearched_supports"]) >= 1 and len(solution) == 0


def test_interrupting_outside_the_main_thread_leaves_the_checks_to_the_solver():
    import threading
    from hegemony_games.limits import Deadline
    ran = []

    def work():
        with Deadline(0.01).interrupting():   # no timer off the main thread: the block runs to its end
            time.sleep(0.05)
            ran.append(True)
    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert ran == [True]


def test_nested_interrupting_blocks_keep_the_outer_limit():
    from hegemony_games.limits import Deadline, DeadlineReached
    outer, inner = Deadline(0.3), Deadline(5.0)
    start = time.perf_counter()
    with pytest.raises(DeadlineReached):
        with outer.interrupting():
            with inner.interrupting():
                time.sleep(0.05)
            _work_past_the_limit()      # the outer timer must still fire after the inner block ended
    assert time.perf_counter() - start < 0.3 + MARGIN


# Python reports the discarded exception as "unraisable": expected here, by construction.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_an_interruption_lost_in_a_callback_is_repeated():
    """Python discards an exception raised while it runs a garbage-collector callback; the timer
    repeats, so the computation is still stopped shortly after."""
    import gc
    from hegemony_games.limits import Deadline, DeadlineReached
    swallowed = []

    def callback(phase, info):   # runs inside the collector: an exception here is discarded
        if phase == "start" and not swallowed:
            swallowed.append(True)
            time.sleep(0.2)          # the limit (0.05 s) passes while the callback runs
    gc.callbacks.append(callback)
    start = time.perf_counter()
    try:
        with pytest.raises(DeadlineReached):
            with Deadline(0.05).interrupting():
                gc.collect()
                _work_past_the_limit()   # without the repeat, nothing interrupts it
    finally:
        gc.callbacks.remove(callback)
    assert swallowed and time.perf_counter() - start < 0.2 + MARGIN
