"""The layout keeps its promises (issue 17): no import cycles, and no package imports a server's
package it does not run in. See import_rules.py for the table and README "How the pieces fit"."""

from __future__ import annotations

from pathlib import Path

import import_rules as rules

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = sorted(rules.ALLOWED)


def test_every_top_level_package_is_in_the_table():
    packages = {p.parent.name for p in ROOT.glob("*/__init__.py")}
    assert packages - set(PRODUCT) == set(), "a new package needs a row in tests/layout/import_rules.py"
    assert set(PRODUCT) - packages == set()


def test_no_package_imports_what_it_does_not_run_with():
    known, edges = rules.imports(ROOT, PRODUCT)
    assert len(known) > 120  # the scan really read the tree
    assert rules.forbidden(known, edges) == []


def test_no_import_cycles():
    known, edges = rules.imports(ROOT, PRODUCT)
    assert rules.cycles(known, edges) == []


def test_the_servers_never_import_each_other():
    known, edges = rules.imports(ROOT, PRODUCT)
    between = [e for e in edges if {e.source.split(".")[0], e.target.split(".")[0]} == {"bot", "actions"}]
    assert between == []
    assert "bot" not in rules.ALLOWED["actions"] and "actions" not in rules.ALLOWED["bot"]


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


def test_the_checker_finds_a_late_cross_import_and_a_library(tmp_path):
    root = _tree(tmp_path, {
        "actions/__init__.py": "",
        "actions/form.py": "def f():\n    from bot.channels import rest\n",
        "actions/other.py": "import rasa.core\n",
        "bot/__init__.py": "",
        "bot/channels/__init__.py": "",
        "bot/channels/rest.py": "from shared import settings\n",
        "shared/__init__.py": "",
        "shared/settings.py": "",
    })
    known, edges = rules.imports(root, ["actions", "bot", "shared"])
    problems = rules.forbidden(known, edges)
    assert any("actions/form.py:2: actions.form imports bot.channels.rest" in p for p in problems)
    assert any("actions/other.py:1: actions.other imports the library rasa" in p for p in problems)
    assert len(problems) == 2  # bot -> shared is allowed


def test_the_checker_finds_a_cycle_through_a_relative_import_inside_a_function(tmp_path):
    root = _tree(tmp_path, {
        "actions/__init__.py": "",
        "actions/intake/__init__.py": "",
        "actions/intake/a.py": "from actions.intake.b import x\n",
        "actions/intake/b.py": "def x():\n    from .c import y\n",
        "actions/intake/c.py": "from . import a\n",
        "actions/intake/d.py": "from actions.intake import a\n",
    })
    known, edges = rules.imports(root, ["actions"])
    assert rules.cycles(known, edges) == [["actions.intake.a", "actions.intake.b", "actions.intake.c"]]
