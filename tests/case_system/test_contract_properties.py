"""Property-based run of docs/case-system.openapi.yaml against the live reference system.

Schemathesis generates valid and invalid requests for every operation; each request gets
the bearer token, and POST /applications is signed over the exact bytes sent (with the
Idempotency-Key set to the body's application id when it has one), so generated valid
bodies reach the validation and storage code instead of stopping at 401.
Checks: no 5xx, only documented status codes, content types, headers and response bodies
that match the schema — and a valid, correctly signed application is accepted (201, or
409 when hypothesis reuses an id with another body).
"""

from __future__ import annotations

import json

import requests
import schemathesis
from case_system_helpers import SECRET, TOKEN
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from shared.case_link import signing
from shared.case_link.contract import OPENAPI

schema = schemathesis.openapi.from_path(OPENAPI)
schema.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE], max_examples=50)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance]


@schema.parametrize()
@settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))
def test_reference_system_keeps_to_its_contract(case, cs):
    kwargs = case.as_transport_kwargs(base_url=cs.url)
    headers = kwargs.setdefault("headers", {})
    headers["Authorization"] = f"Bearer {TOKEN}"
    signed_valid_application = False
    if case.method == "POST" and case.path == "/applications":
        if "json" in kwargs:
            kwargs["data"] = json.dumps(kwargs.pop("json")).encode("utf-8")
            headers["Content-Type"] = "application/json"
        raw = kwargs.get("data") or b""
        raw = raw.encode("utf-8") if isinstance(raw, str) else raw
        kwargs["data"] = raw
        if isinstance(case.body, dict) and isinstance(case.body.get("application_id"), str):
            headers["Idempotency-Key"] = case.body["application_id"]
        headers.update(signing.sign(SECRET, raw))
        signed_valid_application = case.meta is not None and case.meta.generation.mode == GenerationMode.POSITIVE
    kwargs.setdefault("timeout", 30)
    response = requests.request(**kwargs)
    case.validate_response(response, checks=CHECKS)
    if signed_valid_application:
        assert response.status_code in (201, 409), (response.status_code, response.text[:300])


def test_generated_valid_applications_were_stored(cs):
    """Runs after the property run in this module: signing worked, so valid bodies became cases."""
    assert cs.count() > 0
    listing = requests.get(f"{cs.url}/applications?limit=1", headers={"Authorization": f"Bearer {TOKEN}"}, timeout=10)
    assert listing.json()["total"] == cs.count()
