import json
import subprocess
import sys
from pathlib import Path

from tools.cli import main

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


CASEWORKER_WORDS = {"police": "Police", "council": "the Council", "housing": "Housing provider",
                    "private_landlord": "private landlord"}


def _run(*args: str) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).parent / "asb-review"
    return subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=60)


def test_the_words_caseworkers_type_give_the_same_result_as_the_documented_values(tmp_path):
    app = json.loads(EXAMPLE.read_text())
    for report in app["reports"]:
        report["reported_to"] = CASEWORKER_WORDS[report["reported_to"]]
    assert {r["reported_to"] for r in app["reports"]} >= {"Housing provider", "private landlord"}
    worded = tmp_path / "worded.json"
    worded.write_text(json.dumps(app))
    for extra in (["--json"], []):
        expected, got = _run("assess", str(EXAMPLE), *extra), _run("assess", str(worded), *extra)
        assert got.returncode == expected.returncode == 0, got.stderr
        assert got.stdout == expected.stdout
    # "Report 5: ... a private landlord" and "not counted": the words were read, not guessed.
    assert [r["counted"] for r in json.loads(_run("assess", str(worded), "--json").stdout)["reports"]] == \
        [True, True, False, True, False]


def test_reported_to_is_read_case_and_space_insensitively():
    from actions.rules.reports import read_body

    for typed, value in [("Housing provider", "housing"), ("housing association", "housing"),
                         ("Social housing", "housing"), ("  PRIVATE   Landlord ", "private_landlord"),
                         ("Private-Landlord", "private_landlord"), ("Police", "police"),
                         ("residents group", "residents_group"), ("Social_Media", "social_media"),
                         ("", "unknown"), (None, "unknown")]:
        assert read_body(typed, "reports[0].reported_to") == value, typed


def test_an_unknown_body_is_refused_with_the_accepted_values_on_one_line(tmp_path):
    # A plain "landlord" could be social (counts) or private (does not): a caseworker must say which.
    for typed in ("the moon", "landlord", 7):
        bad = tmp_path / "bad.json"
        bad.write_text(json.dumps({"application_date": "2026-03-15", "reports": [
            {"reported_date": "2026-03-01", "reported_to": typed}]}))
        result = _run("assess", str(bad))
        assert result.returncode == 2 and result.stdout == ""
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith("asb-review: reports[0].reported_to:")
        for accepted in ("council", "housing", "police", "private_landlord", "unknown"):
            assert accepted in lines[0]
