from pathlib import Path

from launcher.training import fingerprint, model_path


def _project(tmp: Path) -> Path:
    (tmp / "data").mkdir()
    (tmp / "data" / "nlu.yml").write_text("nlu: []\n")
    (tmp / "config.yml").write_text("language: en\n")
    (tmp / "domain.yml").write_text("intents: [greet]\n")
    return tmp


def test_fingerprint_changes_with_training_data_and_not_with_actions(tmp_path):
    root = _project(tmp_path)
    before = fingerprint(root)
    (root / "actions").mkdir()
    (root / "actions" / "x.py").write_text("print(1)\n")
    assert fingerprint(root) == before, "actions do not shape the model"
    (root / "data" / "nlu.yml").write_text("nlu: [x]\n")
    assert fingerprint(root) != before


def test_fingerprint_sees_renames(tmp_path):
    root = _project(tmp_path)
    before = fingerprint(root)
    (root / "data" / "nlu.yml").rename(root / "data" / "other.yml")
    assert fingerprint(root) != before


def test_model_path_is_named_after_the_fingerprint(tmp_path):
    root = _project(tmp_path)
    assert model_path(root).name == f"asb-{fingerprint(root)}.tar.gz"
