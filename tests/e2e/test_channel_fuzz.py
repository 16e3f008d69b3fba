"""Fuzzing the REST channel on the live Rasa server (issue 16, item 8): whatever arrives - any
JSON value, any bytes, any sender, message and metadata - the answer is never a 5xx, a 200 is
always a list of messages, and a refusal is a 4xx with a sentence."""

from __future__ import annotations

import json

import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=50),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
SENDERS = st.one_of(st.text(max_size=300), st.from_regex(r"[A-Za-z0-9._:-]{1,128}", fullmatch=True), JSON)
MESSAGES = st.one_of(st.text(max_size=500), JSON)
BODIES = st.one_of(
    JSON,
    st.fixed_dictionaries({"sender": SENDERS, "message": MESSAGES},
                          optional={"metadata": JSON, "input_channel": JSON}),
)
FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _check(answer: requests.Response) -> None:
    assert answer.status_code < 500, (answer.status_code, answer.text[:300])
    if answer.status_code == 200:
        assert isinstance(answer.json(), list)
    else:
        assert 400 <= answer.status_code < 500 and answer.json()["error"]


@FUZZ
@given(body=BODIES)
def test_any_json_body_gets_a_list_or_a_4xx(stack, body):
    _check(requests.post(f"{stack.url}/webhooks/rest/webhook", data=json.dumps(body),
                         headers={"Authorization": f"Bearer {stack.token}", "Content-Type": "application/json"},
                         timeout=60))


@FUZZ
@given(raw=st.binary(max_size=400), content_type=st.sampled_from(["application/json", "text/plain", ""]))
def test_any_bytes_get_a_4xx(stack, raw, content_type):
    answer = requests.post(f"{stack.url}/webhooks/rest/webhook", data=raw,
                           headers={"Authorization": f"Bearer {stack.token}", "Content-Type": content_type},
                           timeout=60)
    _check(answer)
