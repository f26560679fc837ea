"""The exact vertex enumeration of a float game converts the payoffs in a helper thread while the
float polytopes are searched (``vertex_enumeration.OVERLAP_SIZE``, ``PARALLEL``): the answer must be
the one-thread answer, whatever the candidates of the float search, and a forked child must get a
helper of its own (threads do not survive a fork)."""
import multiprocessing
import threading

import numpy as np
import pytest
from hypothesis import given, strategies as st

import hegemony_games as hg
from hegemony_games.solvers import vertex_enumeration as ve
from hegemony_games.solvers._common import HAVE_NUMBA
from tests import strategies as hs

NEEDS_NUMBA = pytest.mark.skipif(not HAVE_NUMBA, reason="the graph search needs numba (the [fast] extra)")


def one_thread(game):
    """The answer without the helper."""
    original = ve.PARALLEL
    ve.PARALLEL = False
    try:
        return ve.vertex_enumeration_solve(game, exact=True)
    finally:
        ve.PARALLEL = original


def assert_identical(ours, theirs):
    assert [e.strategies for e in ours] == [e.strategies for e in theirs]
    assert [e.payoffs for e in ours] == [e.payoffs for e in theirs]
    assert (ours.exact, ours.degenerate, ours.components, ours.parameters, ours.method, ours.complete) == (
        theirs.exact, theirs.degenerate, theirs.components, theirs.parameters, theirs.method, theirs.complete)
    assert all(e.max_regret() == 0 for e in ours)


def recording_conversions(monkeypatch):
    """Make every game eligible and record the thread that converts each."""
    threads = []
    convert = ve._exact_integers

    def recorded(game):
        threads.append(threading.current_thread())
        return convert(game)

    monkeypatch.setattr(ve, "PARALLEL", True)
    monkeypatch.setattr(ve, "OVERLAP_SIZE", 4)
    monkeypatch.setattr(ve, "_exact_integers", recorded)
    return threads


integer_valued = st.integers(2, 4).flatmap(lambda m: st.integers(2, 4).flatmap(lambda n: st.tuples(
    *[st.lists(st.lists(st.integers(0, 3).map(float), min_size=n, max_size=n), min_size=m, max_size=m)] * 2)))


@NEEDS_NUMBA
@given(st.one_of(hs.float_bimatrix_games(min_size=2, max_size=6),
                 integer_valued.map(lambda ab: hg.NormalFormGame.from_bimatrix(*ab))))
def test_the_helper_gives_the_one_thread_answer(game):
    """Random float games (nondegenerate) and float games of small integers (ties, degenerate):
    with the conversion in the helper, exactly the one-thread answer; the conversion ran there."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        threads = recording_conversions(monkeypatch)
        ours = ve.vertex_enumeration_solve(game, exact=True)
    assert_identical(ours, one_thread(game))
    assert len(threads) == 1 and threads[0] is not threading.main_thread()


@NEEDS_NUMBA
@pytest.mark.parametrize("candidates", ["another game's", "none"])
def test_candidates_not_proven_for_the_exact_game_are_searched_again(candidates, monkeypatch):
    """The float search's vertex lists are only candidates: wrong ones (another game's polytopes) or
    none at all leave the answer as it is without them."""
    recording_conversions(monkeypatch)
    rng = np.random.default_rng(5)
    game = hg.NormalFormGame.from_bimatrix(rng.random((6, 5)), rng.random((6, 5)))
    other = rng.random((6, 5)) + 1, rng.random((6, 5)) + 1
    search = ve.graph_vertices_pair
    wrong = (lambda *args, **kwargs: search(other[1].T, other[0], **kwargs)) if candidates == "another game's" \
        else (lambda *args, **kwargs: (None, None))
    monkeypatch.setattr(ve, "graph_vertices_pair", wrong)
    ours = ve.vertex_enumeration_solve(game, exact=True)
    assert_identical(ours, one_thread(game))
    assert len(ours) > 0


@NEEDS_NUMBA
def test_a_candidate_list_is_used_only_when_proven_for_the_exact_data(monkeypatch):
    """Candidates from a positive affine image of the data (the same tight sets) are proven and used
    without a search; another polytope's candidates are not, and the data is searched instead."""
    rng = np.random.default_rng(3)
    M, other = rng.random((6, 5)) + 0.1, rng.random((6, 5)) + 0.1
    direct = ve.graph_vertices(M)
    searches = []
    monkeypatch.setattr(ve, "graph_vertices", lambda *a, **k: searches.append(a) or direct)
    for candidate, searched in [(ve.graph_vertices_pair(3 * M + 2, other)[0], 0),
                                (ve.graph_vertices_pair(other, M)[0], 1)]:
        vertices, tight, mask = ve._certified_polytope(M, True, candidate)
        assert len(searches) == searched
        assert sorted(mask.tolist()) == sorted(ve.masks(direct.tight).tolist())
        assert np.allclose(vertices[np.argsort(mask)], direct.vertices[np.argsort(ve.masks(direct.tight))])


@NEEDS_NUMBA
def test_without_a_helper_thread_the_conversion_runs_here(monkeypatch):
    """At interpreter shutdown no thread can start (submit raises RuntimeError): the game is solved
    as without the helper."""
    class Closed:
        def submit(self, *args):
            raise RuntimeError("cannot schedule new futures after interpreter shutdown")

    recording_conversions(monkeypatch)
    monkeypatch.setattr(ve, "_helper", Closed)
    rng = np.random.default_rng(6)
    game = hg.NormalFormGame.from_bimatrix(rng.random((5, 4)), rng.random((5, 4)))
    assert_identical(ve.vertex_enumeration_solve(game, exact=True), one_thread(game))


def _solve_in_child(payoffs):
    A, B = payoffs
    solution = hg.solve(hg.NormalFormGame.from_bimatrix(A, B), exact=True)
    import os
    return [e.strategies for e in solution], ve._HELPER is not None and ve._HELPER[0] == os.getpid()


@NEEDS_NUMBA
def test_a_forked_child_starts_a_helper_of_its_own(monkeypatch):
    """The parent's helper thread does not exist in a forked child: without a new one, the child's
    first exact solve would wait forever for a conversion nobody runs."""
    monkeypatch.setattr(ve, "PARALLEL", True)
    rng = np.random.default_rng(8)
    payoffs = rng.random((8, 8)), rng.random((8, 8))
    assert ve._overlaps(hg.NormalFormGame.from_bimatrix(*payoffs))
    expected = [e.strategies for e in hg.solve(hg.NormalFormGame.from_bimatrix(*payoffs), exact=True)]
    assert ve._HELPER is not None   # the parent's helper exists before the fork
    with multiprocessing.get_context("fork").Pool(1) as pool:
        strategies, own_helper = pool.apply_async(_solve_in_child, (payoffs,)).get(timeout=120)
    assert strategies == expected and own_helper


def test_the_environment_keeps_every_solver_to_one_thread():
    import os
    import subprocess
    import sys
    probe = ("from hegemony_games.solvers import reverse_search, vertex_enumeration; "
             "print(reverse_search.PARALLEL, vertex_enumeration.PARALLEL)")
    out = subprocess.run([sys.executable, "-c", probe], env={**os.environ, "HEGEMONY_GAMES_ONE_THREAD": "1"},
                         capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
