"""The force's website cannot read the console (issue 16, item 5): Rasa opens CORS with
credentials for the widget's origin on every route, but no console response carries it."""

from __future__ import annotations

import requests


def test_the_widget_site_cannot_read_the_queue_with_the_operators_cookie(stack, operator_factory):
    alex = operator_factory("alex")
    widget_site = stack.webchat_origin
    answer = alex.http.get(f"{stack.url}/console/api/queue", headers={"Origin": widget_site}, timeout=30)
    assert answer.status_code == 200  # the operator's own cookie: the server answers ...
    headers = {k.lower() for k in answer.headers}
    assert "access-control-allow-origin" not in headers  # ... but no browser lets the site read it
    assert "access-control-allow-credentials" not in headers
    # The same origin still gets CORS where it should: the widget's own routes.
    widget_route = requests.get(f"{stack.url}/webhooks/socketio/", headers={"Origin": widget_site}, timeout=30)
    assert widget_route.headers.get("Access-Control-Allow-Origin") == widget_site
