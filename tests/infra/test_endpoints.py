from shared.settings import ROOT


def test_endpoints_take_their_values_from_the_environment(monkeypatch, tmp_path):
    from rasa.utils.endpoints import read_endpoint_config

    db = tmp_path / "t.db"
    monkeypatch.setenv("ASB_TRACKER_DB", str(db))
    monkeypatch.setenv("ASB_ACTION_ENDPOINT_URL", "http://127.0.0.1:1234/webhook")
    monkeypatch.setenv("ASB_ACTION_SERVER_TOKEN", "abc123")
    tracker = read_endpoint_config(str(ROOT / "endpoints.yml"), "tracker_store")
    action = read_endpoint_config(str(ROOT / "endpoints.yml"), "action_endpoint")
    assert tracker.kwargs["db"] == str(db)
    assert tracker.kwargs["dialect"] == "sqlite"
    assert action.url == "http://127.0.0.1:1234/webhook"
    assert action.headers == {"X-ASB-Action-Token": "abc123"}  # checked by actions/server.py
