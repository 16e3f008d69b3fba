import json
import subprocess
import sys
from pathlib import Path

from bot.cli import main

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "docs" / "examples" / "application.json"


def test_json_output_has_the_documented_fields(capsys):
    assert main(["assess", str(EXAMPLE), "--area", "staffordshire", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["outcome"] == "met" and out["routes_met"] == ["statutory"]
    assert [r["id"] for r in out["reports"]] == ["r1", "r2", "r3", "r4", "r5"]
    assert [r["counted"] for r in out["reports"]] == [True, True, False, True, False]
    assert all(r["reasons"] for r in out["reports"])


def test_plain_english_output(capsys):
    assert main(["assess", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "Outcome: met" in out and "meets the threshold" in out and "Report 3: Not counted" in out


def test_words_instead_of_dates_are_parsed_against_the_application_date(capsys, tmp_path):
    app = {"application_date": "2026-03-15", "reports": [
        {"reported_said": "yesterday", "incident_said": "yesterday", "reported_to": "police"}]}
    path = tmp_path / "a.json"
    path.write_text(json.dumps(app))
    assert main(["assess", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["reports"][0]["counted"] is True
    assert "14 March 2026" in out["reports"][0]["reasons"][0]


def test_bad_input_exits_2_with_a_reason(capsys, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    assert main(["assess", str(bad)]) == 2
    assert "not valid JSON" in capsys.readouterr().err
    bad.write_text(json.dumps({"reports": [{"reported_to": "the moon"}]}))
    assert main(["assess", str(bad)]) == 2
    assert "reported_to" in capsys.readouterr().err
    assert main(["assess", str(EXAMPLE), "--area", "atlantis"]) == 2
    assert "no policy for area 'atlantis'" in capsys.readouterr().err


def test_installed_command_runs():
    exe = Path(sys.executable).parent / "asb-review"
    result = subprocess.run([str(exe), "assess", str(EXAMPLE), "--json"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["outcome"] == "met"
