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
