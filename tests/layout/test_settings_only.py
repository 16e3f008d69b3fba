"""Issue 17: every setting is read through one settings module (shared/settings.py).

An AST scan of the product's code (not tests/) fails on any use of the process environment
outside that module: `os.environ` / `os.environb` (reading, writing or copying it),
`os.getenv`, `os.putenv`, `os.unsetenv`, `from os import environ` and the like, however `os`
was imported (`import os as o`, `o = os`) and inside functions too. Each finding names
file:line, so the fix is to add (or use) an accessor in shared/settings.py.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "actions", "shared", "delivery", "case_system", "webchat", "purge", "launcher", "tools", "bench")
SETTINGS_MODULES = {Path("shared/settings.py"), Path("shared/settings")}  # a module, or a package of them
FORBIDDEN = {"environ", "environb", "getenv", "getenvb", "putenv", "unsetenv"}
OS_MODULES = {"os", "posix", "nt"}  # posix.environ is os.environ under another name


def _is_os_import_call(node: ast.AST) -> bool:
    """`__import__("os")` or `importlib.import_module("os")`."""
    if not isinstance(node, ast.Call) or not node.args:
        return False
    first = node.args[0]
    if not (isinstance(first, ast.Constant) and first.value in OS_MODULES):
        return False
    func = node.func
    return (isinstance(func, ast.Name) and func.id in ("__import__", "import_module")) or (
        isinstance(func, ast.Attribute) and func.attr == "import_module")


def environment_uses(source: str, filename: str = "<source>") -> list[str]:
    """`filename:line: what` for each use of the process environment in ``source``."""
    tree = ast.parse(source, filename)
    os_names: set[str] = set()
    found: list[tuple[int, str]] = []

    # Names bound to the os module anywhere in the file (imports in functions count too),
    # then simple re-bindings (`o = os`) until nothing changes.
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in OS_MODULES:
                    os_names.add(alias.asname or alias.name)
                elif alias.name.split(".")[0] in OS_MODULES and alias.asname is None:
                    os_names.add(alias.name.split(".")[0])  # `import os.path` binds `os`
        elif isinstance(node, ast.ImportFrom) and node.module in OS_MODULES and node.level == 0:
            for alias in node.names:
                if alias.name in FORBIDDEN or alias.name == "*":
                    found.append((node.lineno, f"from {node.module} import {alias.name}"))
    changed = True
    while changed:
        changed = False
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Name) and node.value.id in os_names:
                for target in node.targets:
                    if isinstance(target, ast.Name) and target.id not in os_names:
                        os_names.add(target.id)
                        changed = True

    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in FORBIDDEN:
            base = node.value
            if (isinstance(base, ast.Name) and base.id in os_names) or _is_os_import_call(base):
                found.append((node.lineno, f"os.{node.attr}"))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "getattr":
            args = node.args
            if (len(args) >= 2 and isinstance(args[0], ast.Name) and args[0].id in os_names
                    and isinstance(args[1], ast.Constant) and args[1].value in FORBIDDEN):
                found.append((node.lineno, f"getattr(os, {args[1].value!r})"))
    return [f"{filename}:{line}: {what}" for line, what in sorted(found)]


def product_files() -> list[Path]:
    files = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT)
            if "node_modules" in relative.parts:
                continue
            if any(relative == allowed or allowed in relative.parents for allowed in SETTINGS_MODULES):
                continue
            files.append(path)
    return files


def test_only_the_settings_module_reads_or_writes_the_environment():
    files = product_files()
    assert len(files) > 100, "the scan found too few files: the package list is wrong"
    found = [use for path in files
             for use in environment_uses(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))]
    assert not found, ("the environment is used outside shared/settings.py; add or use an accessor there:\n"
                       + "\n".join(found))


def test_the_scanner_finds_hidden_reads():
    hidden = '''
import os as o
from os import environ as e, getenv
import os.path


def f():
    import os as inner
    alias = inner
    return o.environ.get("X"), alias.getenv("Y"), e["Z"], os.environ.copy(), getattr(inner, "environ")


def g():
    __import__("os").putenv("A", "1")
    o.unsetenv("A")
    return o.environb
'''
    found = environment_uses(hidden, "hidden.py")
    assert found == [
        "hidden.py:3: from os import environ",
        "hidden.py:3: from os import getenv",
        "hidden.py:10: getattr(os, 'environ')",
        "hidden.py:10: os.environ",
        "hidden.py:10: os.environ",
        "hidden.py:10: os.getenv",
        "hidden.py:14: os.putenv",
        "hidden.py:15: os.unsetenv",
        "hidden.py:16: os.environb",
    ], found


def test_the_scanner_leaves_other_uses_of_the_words_alone():
    innocent = '''
import os

def connect(sid, environ, auth=None):
    return environ.get("HTTP_ORIGIN"), request.environ, os.path.join("a", "b"), os.getpid()
'''
    assert environment_uses(innocent, "innocent.py") == []


READERS = {"_raw", "_env", "_set", "_is_one", "_number", "_days"}  # shared/settings.py's private readers


def variables_settings_reads() -> set[str]:
    tree = ast.parse((ROOT / "shared/settings.py").read_text(encoding="utf-8"))
    return {node.args[0].value for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in READERS
            and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)}


def variables_in_readme_table() -> set[str]:
    """The variables named in the first column of the README's "Configuration" table."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    return {name for row in rows for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", row.split(" | ")[0])}


def test_the_readme_table_lists_every_variable_the_settings_module_reads():
    read = variables_settings_reads()
    assert len(read) > 50 and "ASB_HOST" in read and "CASE_SYSTEM_URL" in read, read  # the extraction works
    listed = variables_in_readme_table()
    assert not read - listed, f"read by shared/settings.py but not in the README's table: {sorted(read - listed)}"
    assert not listed - read, f"in the README's table but read nowhere: {sorted(listed - read)}"
