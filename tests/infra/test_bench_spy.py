"""bench/spy.py's summary: shares of busy samples per stage, idle threads left out."""

from bench.spy import summarise


def test_shares_count_busy_samples_only(tmp_path):
    raw = tmp_path / "raw.txt"
    raw.write_text(
        "process 1;main (x.py:1);handle_message (rasa/core/processor.py:152);parse_message (rasa/core/processor.py:702);"
        "_predict (rasa/nlu/classifiers/diet_classifier.py:963);call (tensorflow/x.py:1) 6\n"
        "process 1;main (x.py:1);handle_message (rasa/core/processor.py:152);save (bot/tracker_cache.py:99);"
        "execute (sqlalchemy/orm/session.py:1) 2\n"
        "process 1;main (x.py:1);handle_message (rasa/core/processor.py:152);"
        "run (rasa/core/actions/action.py:748);_action_call_format (rasa/core/actions/action.py:650) 2\n"
        "thread 2;_bootstrap (threading.py:1);_worker (concurrent/futures/thread.py:81) 90\n\n")
    busy, shares, top = summarise(raw)
    assert busy == 10
    assert shares["whole turn (processor.handle_message)"] == 1.0
    assert shares["NLU (parse_message)"] == shares["TensorFlow (any)"] == shares["  DIET"] == 0.6
    assert shares["tracker store: save"] == shares["SQLAlchemy (any)"] == 0.2
    assert shares["action-server calls (RemoteAction.run)"] == 0.2 and shares["  TED"] == 0.0
    assert top[0] == ("call (tensorflow/x.py:1)", 0.6)
