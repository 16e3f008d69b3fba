"""One place for the words (issue 17): every sentence the product's own code shows a resident or
an operator is in domain.yml, and none is written into Python. See shared/words.py."""

from __future__ import annotations

import ast
import re
import shutil
import string
from pathlib import Path

import pytest
import yaml

import sentences
from launcher import training
from shared import words

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ("actions", "bot", "shared", "delivery", "case_system", "webchat", "purge", "launcher")


def _catalogue() -> dict[str, str]:
    return yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["words"]


def _product_sources() -> list[tuple[Path, ast.AST]]:
    files = [p for name in PRODUCT for p in sorted((ROOT / name).rglob("*.py")) if "node_modules" not in p.parts]
    return [(p, ast.parse(p.read_text(encoding="utf-8"))) for p in files]


def _text_calls(tree: ast.AST) -> list[ast.Call]:
    """Calls of shared.words.text, however imported (text(...) or words.text(...))."""
    calls = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args:
            func = node.func
            if (isinstance(func, ast.Name) and func.id == "text") or (
                isinstance(func, ast.Attribute) and func.attr == "text"
                and isinstance(func.value, ast.Name) and func.value.id == "words"
            ):
                calls.append(node)
    return calls


def _pattern(node: ast.AST) -> re.Pattern | None:
    """An id given as an f-string (f"body_{key}") as a pattern over ids."""
    if isinstance(node, ast.JoinedStr):
        return re.compile("".join(re.escape(v.value) if isinstance(v, ast.Constant) else r"\w+" for v in node.values))
    return None


def _placeholders(template: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


# -- Nothing is written into the code ---------------------------------------------------------

def test_no_sentence_a_resident_or_operator_reads_is_written_into_python():
    scanned = sentences.python_files(ROOT)
    assert len(scanned) > 40  # the finder really walked actions/, bot/ and shared/application/
    found = sentences.in_tree(ROOT)
    assert found == [], "put these in domain.yml's words: block and read them with shared.words.text"


@pytest.mark.parametrize("source", [
    'dispatcher.utter_message(text="Thank you, that is noted.")',
    'x = f"You told {body} on {day}."',
    'PAGE = "<p>Sign in to the console</p>"',
    'def f():\n    return "Please answer yes or no."',
])
def test_the_finder_sees_a_sentence(source):
    assert [s.text for s in sentences.in_source(source)] != []


@pytest.mark.parametrize("source", [
    'def f():\n    """Asks the resident a question."""',
    'logger.info("conversation=%s taken by operator", sid)',
    'raise ValueError("the policy file is broken")',
    'PATTERN = re.compile(r"not sure|don\'t know")',
    'if value == "not sure at all": pass',
    'PAGE = "<p class=\\"hint\\">{word[console_hint]}</p>"',
    'FORMAT = "%B %Y"',
])
def test_the_finder_leaves_code_alone(source):
    assert list(sentences.in_source(source)) == []


def test_the_finder_leaves_only_word_lists_alone_in_the_language_package():
    listing = 'DAYS = {"boxing day", "christmas eve"}'
    assert list(sentences.in_source(listing, "actions/language/named_days.py")) == []
    assert list(sentences.in_source(listing, "actions/intake/form.py")) != []


# -- The words and the code agree ---------------------------------------------------------------

def test_every_word_the_code_asks_for_exists_with_the_values_it_needs():
    catalogue = _catalogue()
    checked = 0
    wrong: list[str] = []
    for path, tree in _product_sources():
        for call in _text_calls(tree):
            first = call.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                ids = [first.value]
            elif (pattern := _pattern(first)) is not None:
                # an id built in code (f"body_{key}"): some word must match; which values each
                # needs is checked where the id is a literal
                if not any(pattern.fullmatch(i) for i in catalogue):
                    wrong.append(f"{path.relative_to(ROOT)}:{call.lineno}: no word matches {pattern.pattern}")
                continue
            else:
                continue  # an id held in a variable: the id's own literal is checked below
            if any(k.arg is None for k in call.keywords):
                continue  # **values: can't be read from the source
            given = {k.arg for k in call.keywords}
            for word_id in ids:
                checked += 1
                if word_id not in catalogue:
                    wrong.append(f"{path.relative_to(ROOT)}:{call.lineno}: no word '{word_id}'")
                elif _placeholders(catalogue[word_id]) != given:
                    wrong.append(f"{path.relative_to(ROOT)}:{call.lineno}: '{word_id}' needs "
                                 f"{sorted(_placeholders(catalogue[word_id]))}, given {sorted(given)}")
    assert checked > 150
    assert wrong == []


def test_every_word_in_the_domain_is_used_by_the_code():
    literals: set[str] = set()
    patterns: list[re.Pattern] = []
    for _, tree in _product_sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
                literals.update(re.findall(r"\{word\[(\w+)\]\}", node.value))  # the console's pages
            elif (pattern := _pattern(node)) is not None:
                patterns.append(pattern)
    unused = [i for i in _catalogue() if i not in literals and not any(p.fullmatch(i) for p in patterns)]
    assert unused == []


def test_words_are_sentences_with_named_values_only():
    for word_id, sentence in _catalogue().items():
        assert re.fullmatch(r"[a-z0-9_]+", word_id), word_id
        assert isinstance(sentence, str) and sentence.strip(), word_id
        fields = [name for _, name, _, _ in string.Formatter().parse(sentence) if name is not None]
        assert all(re.fullmatch(r"[a-z_]+", f) for f in fields), f"{word_id}: placeholders are named"


def test_text_fills_the_values_and_refuses_an_unknown_id(monkeypatch, tmp_path):
    domain = tmp_path / "domain.yml"
    domain.write_text('version: "3.1"\nwords:\n  sent: "Sent. Your reference is {reference}."\n')
    monkeypatch.setenv("ASB_DOMAIN", str(domain))
    assert words.text("sent", reference="ASB-{1}") == "Sent. Your reference is ASB-{1}."
    with pytest.raises(KeyError):
        words.text("no_such_word")


# -- Rasa does not see the words ----------------------------------------------------------------

def test_the_words_are_not_responses_or_actions_to_rasa():
    from rasa.shared.core.domain import Domain

    domain = Domain.load(str(ROOT / "domain.yml"))
    assert len(domain.responses) > 50
    assert not set(_catalogue()) & set(domain.responses)
    assert not set(_catalogue()) & set(domain.action_names_or_texts)


def test_rewording_does_not_retrain_but_a_response_does(tmp_path):
    for name in training.INPUTS:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(source, tmp_path / name)
    before = training.fingerprint(tmp_path)
    domain = tmp_path / "domain.yml"
    text = domain.read_text(encoding="utf-8")
    word_id, sentence = next(iter(_catalogue().items()))
    reworded = text.replace(f"  {word_id}: ", f"  {word_id}: \"Reworded.\"\n  old_{word_id}: ", 1)
    assert reworded != text
    domain.write_text(reworded, encoding="utf-8")
    assert training.fingerprint(tmp_path) == before
    domain.write_text(text.replace("responses:\n", "responses:\n  utter_new_one:\n  - text: \"New.\"\n", 1),
                      encoding="utf-8")
    assert training.fingerprint(tmp_path) != before
