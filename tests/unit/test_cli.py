"""The hegemony-games command: solve, methods, models, reproduce; errors and exit codes."""
import json
import subprocess
import sys
from fractions import Fraction

import pytest

from hegemony_games.cli import main

BATTLE = 'NFG 1 R "Battle" { "Row" "Col" } { 2 2 }\n2 1 0 0 0 0 1 2\n'


@pytest.fixture
def battle_file(tmp_path):
    path = tmp_path / "battle.nfg"
    path.write_text(BATTLE)
    return path


def test_solve_json_lists_every_equilibrium_exactly(battle_file, capsys):
    assert main(["solve", str(battle_file), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["players"] == ["Row", "Col"] and out["exact"] is True and out["degenerate"] is False
    profiles = sorted(tuple(tuple(v) for v in e["strategies"]) for e in out["equilibria"])
    # battle of the sexes: two pure equilibria and the mixed one (2/3, 1/3), (1/3, 2/3)
    assert profiles == sorted([(("1", "0"), ("1", "0")), (("0", "1"), ("0", "1")),
                               (("2/3", "1/3"), ("1/3", "2/3"))])
    mixed = next(e for e in out["equilibria"] if e["strategies"][0] == ["2/3", "1/3"])
    assert [Fraction(u) for u in mixed["payoffs"]] == [Fraction(2, 3), Fraction(2, 3)]


def test_solve_float_json_has_numbers(battle_file, capsys):
    assert main(["solve", str(battle_file), "--format", "json", "--float"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["exact"] is False
    assert all(isinstance(p, float) for e in out["equilibria"] for v in e["strategies"] for p in v)


def test_solve_text_prints_the_table_and_the_equilibria(battle_file, capsys):
    assert main(["solve", str(battle_file)]) == 0
    out = capsys.readouterr().out
    assert "3 equilibria by vertex-enumeration (exact)" in out and "2/3" in out


def test_lemke_howson_from_a_label(battle_file, capsys):
    assert main(["solve", str(battle_file), "--method", "lemke-howson", "--initial-label", "0",
                 "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["method"] == "lemke-howson" and len(out["equilibria"]) == 1


def test_errors_exit_2_with_a_message(tmp_path, battle_file, capsys):
    bad = tmp_path / "bad.nfg"
    bad.write_text('NFG 1 R "x" { "A" "B" } { 2 2 }\n1 2 3\n')
    assert main(["solve", str(bad)]) == 2
    assert "hegemony-games: error:" in capsys.readouterr().err
    assert main(["solve", str(tmp_path / "missing.nfg")]) == 2
    assert main(["solve", str(battle_file), "--method", "nonsense"]) == 2
    assert "unknown method" in capsys.readouterr().err
    assert main(["solve", str(battle_file), "--spe"]) == 2
    assert "--spe needs a game tree" in capsys.readouterr().err


def test_methods_and_models_list_names(capsys):
    assert main(["methods"]) == 0
    assert "vertex-enumeration" in capsys.readouterr().out
    assert main(["models"]) == 0
    out = capsys.readouterr().out
    assert "classics" in out and "hegemony_toolbox" in out


def test_reproduce_one_model_writes_the_report(tmp_path, capsys):
    assert main(["reproduce", "hegemony_toolbox", "--out", str(tmp_path)]) == 0
    results = json.loads((tmp_path / "results.json").read_text())
    assert len(results["hegemony_toolbox"]) == 15
    assert all(r["reproduced"] for r in results["hegemony_toolbox"])
    assert "G1 K5" in (tmp_path / "report.md").read_text()
    assert main(["reproduce", "no_such_model"]) == 2


def test_module_entry_point_runs(battle_file):
    done = subprocess.run([sys.executable, "-m", "hegemony_games", "solve", str(battle_file), "--format", "json"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and len(json.loads(done.stdout)["equilibria"]) == 3


ENTRY = ('EFG 2 R "Entry" { "Entrant" "Incumbent" }\n'
         'p "" 1 1 "" { "Out" "In" } 0\n'
         't "" 1 "out" { 0 2 }\n'
         'p "" 2 1 "" { "Fight" "Accommodate" } 0\n'
         't "" 2 "war" { -1 -1 }\n'
         't "" 3 "peace" { 1 1 }\n')


def test_solve_tree_spe_json_gives_behaviour_strategies_by_information_set(tmp_path, capsys):
    path = tmp_path / "entry.efg"
    path.write_text(ENTRY)
    assert main(["solve", str(path), "--spe", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    # entry deterrence: the only SPE is In, Accommodate (fighting is not credible)
    assert out["strategies"] == [[["Out", "In"]], [["Fight", "Accommodate"]]]
    assert [e["strategies"] for e in out["equilibria"]] == [[[["0", "1"]], [["0", "1"]]]]
    assert out["equilibria"][0]["payoffs"] == ["1", "1"]


def test_solve_tree_without_spe_gives_every_nash_equilibrium(tmp_path, capsys):
    path = tmp_path / "entry.efg"
    path.write_text(ENTRY)
    assert main(["solve", str(path), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    # Nash: (In, Accommodate) and (Out, fight with probability >= 1/2): extreme points q = 1/2 and q = 1
    found = sorted(tuple(tuple(tuple(v) for v in s) for s in e["strategies"]) for e in out["equilibria"])
    assert found == sorted([((("0", "1"),), (("0", "1"),)), ((("1", "0"),), (("1/2", "1/2"),)),
                            ((("1", "0"),), (("1", "0"),))])
    assert main(["solve", str(path), "--spe"]) == 0
    assert "path In > Accommodate" in capsys.readouterr().out


def test_reproduce_symbolic_model(tmp_path):
    """The symbolic checks reproduce, and a wrong formula would not pass their test."""
    import hegemony_games as hg
    from hegemony_games.analysis import reproduce as r
    assert main(["reproduce", "symbolic", "--out", str(tmp_path)]) == 0
    results = json.loads((tmp_path / "results.json").read_text())
    assert len(results["symbolic"]) == 3 and all(x["reproduced"] for x in results["symbolic"])
    v, c = r._symbols("v c")
    assert not r._mixed_probabilities_are(1 - v / c, 1 - v / c)(hg.solve(r._hawk_dove()))
