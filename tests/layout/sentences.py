"""Finds sentences written into Python code that a resident or an operator would read (issue 17).

Those belong in domain.yml (`responses:` or the `words:` block shared/words.py reads), so a
content review or a translation reads one file. What is not looked at: docstrings, log calls,
exception messages (they are for developers), regular expressions (they read residents' words,
they don't show any), and the few technical strings listed in NOT_WORDS.

    python tests/layout/sentences.py actions/intake/form.py   # list what is still there
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path
from typing import Iterator, NamedTuple

ROOT = Path(__file__).resolve().parents[2]

# Where the code that speaks to residents and operators lives.
SCANNED = (
    "actions",
    "bot/console",
    "bot/channels",
    "bot/handoff",
    "bot/action_failure.py",
    "shared/application",
)

# Files in those folders whose words are for programs, not people: the REST channel's errors
# go back to the program that posted a malformed body.
NOT_SCANNED = {"bot/channels/rest.py"}
# Names whose strings are notes for developers (a Rasa patch's version guard).
DEVELOPER_NOTES = {"PATCH", "UPSTREAM"}

# Strings of several words that nobody reads as a sentence, each with why.
NOT_WORDS = {
    # the console's Content-Security-Policy header
    "default-src 'self'; script-src 'self'; style-src 'self'; frame-ancestors 'none'",
    # a media type
    "text/event-stream; charset=utf-8",
    # slot values the form stores for a skipped answer; shared/application/in_words.py shows
    # them as words ("Not given", "Not known"), so a translation never changes stored data
    "not given",
    "not known",
    # phrases actions/language/dates.py gives dateparser to work out a day; never shown
    "{} {}s ago",
    "2 days ago",
    "2 weeks ago",
    # a note kept in Report.problems_found; assess.py only turns its presence into a flag
    "the date '{}' could not be understood ({})",
    # type annotations written as strings
    "OrderedDict[Tuple[str, str], asyncio.Future]",
}

_LOG_METHODS = {"debug", "info", "warning", "warn", "error", "exception", "critical", "log"}
# Calls whose words are for developers or programs: a policy file's errors, an HTTP API's JSON.
_DEVELOPER_CALLS = {"fail", "PolicyError", "__init__", "json", "compile"}
# actions/language/ reads residents' words: its lower-case word lists are what it listens for.
_VOCABULARY = "actions/language/"
_REGEX_LIKE = re.compile(r"\(\?|\\[bdsSwW]|\||\[\^|\^\(|\$\)|\.\*|\\s\*")
_WORD = re.compile(r"[A-Za-z][A-Za-z']*")


class Sentence(NamedTuple):
    path: str
    line: int
    text: str


def is_sentence(text: str) -> bool:
    """Two or more words with a space between: a resident could read it."""
    if text in NOT_WORDS or _REGEX_LIKE.search(text):
        return False
    if not re.search(r"[A-Za-z]", re.sub(r"%-?[A-Za-z]", "", text)):
        return False  # a strftime format such as '%B %Y'
    if text.lstrip().startswith("<"):
        # HTML: what a reader sees is the text between the tags ({word[...]} fills it)
        text = re.sub(r"<[^>]*>|\{[^}]*\}|&#?\w+;", " ", text)
    return " " in text.strip() and len(_WORD.findall(text)) >= 2


def _quiet_nodes(tree: ast.AST) -> set[int]:
    """Ids of string nodes in places that are not shown to anyone."""
    quiet: set[int] = set()

    def hush(node: ast.AST) -> None:
        quiet.update(id(n) for n in ast.walk(node))

    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
        ):
            hush(body[0])
        elif isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id in DEVELOPER_NOTES for target in node.targets
        ):
            hush(node)
        elif isinstance(node, (ast.Raise, ast.Assert, ast.Compare)):
            hush(node)  # exceptions and asserts are for developers; compared strings are values
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            owner = func.value.id if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) else ""
            if owner == "re" or name in _DEVELOPER_CALLS or (
                name in _LOG_METHODS and owner not in {"dispatcher", "self"}
            ):
                hush(node)
    return quiet


def _vocabulary(tree: ast.AST) -> set[int]:
    """Lower-case strings listed in a set, list, tuple or as dict keys: words to listen for."""
    listed: set[int] = set()
    for node in ast.walk(tree):
        items = node.keys if isinstance(node, ast.Dict) else getattr(node, "elts", None)
        if isinstance(node, (ast.Dict, ast.Set, ast.List, ast.Tuple)):
            for item in items or ():
                if isinstance(item, ast.Constant) and isinstance(item.value, str) and item.value == item.value.lower():
                    listed.add(id(item))
    return listed


def _string_of(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    return None


def in_source(source: str, path: str = "<source>") -> Iterator[Sentence]:
    tree = ast.parse(source)
    quiet = _quiet_nodes(tree)
    if path.startswith(_VOCABULARY):
        quiet |= _vocabulary(tree)
    inside_fstrings = {
        id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values
    }
    for node in ast.walk(tree):
        if id(node) in quiet or id(node) in inside_fstrings:
            continue
        text = _string_of(node)
        if text is not None and is_sentence(text):
            yield Sentence(path, node.lineno, text)


def python_files(root: Path = ROOT) -> list[Path]:
    found: list[Path] = []
    for name in SCANNED:
        path = root / name
        found.extend([path] if path.is_file() else sorted(path.rglob("*.py")))
    return [path for path in found if str(path.relative_to(root)) not in NOT_SCANNED]


def in_tree(root: Path = ROOT) -> list[Sentence]:
    return [
        sentence
        for path in python_files(root)
        for sentence in in_source(path.read_text(encoding="utf-8"), str(path.relative_to(root)))
    ]


if __name__ == "__main__":
    targets = [ROOT / a for a in sys.argv[1:]] or python_files()
    for target in targets:
        files = [target] if target.is_file() else sorted(target.rglob("*.py"))
        for file in files:
            if str(file.relative_to(ROOT)) in NOT_SCANNED:
                continue
            for found in in_source(file.read_text(encoding="utf-8"), str(file.relative_to(ROOT))):
                print(f"{found.path}:{found.line}: {found.text!r}")
