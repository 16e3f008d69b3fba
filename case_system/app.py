"""HTTP side of the reference case system (contract: docs/case-system.openapi.yaml).

Logs carry application ids, case references, HTTP codes and field paths only — never a
value from a body (it is resident text).
"""

from __future__ import annotations

import base64
import hmac
import json
import logging
import math
from html import escape
from pathlib import Path
from typing import Any, Optional, Union

from aiohttp import web

from shared.application.victims import normalise_kind
from case_system import store
from shared.case_link import config, contract, signing
from shared.throttle import SourceThrottle
from shared.settings import case_system_caseworker_password
from shared.storage import Database, blocking, reading

log = logging.getLogger("case_system")

MAX_BODY = 1024 * 1024  # 1 MiB
IDEMPOTENCY_HEADER = "Idempotency-Key"


def error(status: int, code: str, message: str, field: Optional[str] = None) -> web.Response:
    return web.json_response({"error": {"code": code, "message": message, "field": field}}, status=status)


def _bad_json(_: str) -> Any:
    raise ValueError("NaN and Infinity are not JSON")


class Config:
    def __init__(self, token: str, secret: str, caseworker_password: str, db: Union[Path, str]):
        self.token, self.secret, self.caseworker_password, self.db = token, secret, caseworker_password, db


def _bearer_ok(request: web.Request) -> bool:
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return False
    return hmac.compare_digest(header[7:].strip().encode(), request.app["config"].token.encode())


def _basic_ok(request: web.Request) -> bool:
    header = request.headers.get("Authorization", "")
    if not header.startswith("Basic "):
        return False
    try:
        _, _, password = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8").partition(":")
    except (ValueError, UnicodeDecodeError):
        return False
    return hmac.compare_digest(password.encode(), request.app["config"].caseworker_password.encode())


def _unauthorised() -> web.Response:
    return error(401, "unauthorised", "missing or wrong bearer token")


def _conn(request: web.Request) -> Database:
    return request.app["db"]


async def _read_json(request: web.Request) -> tuple[Optional[bytes], Optional[web.Response]]:
    ctype = request.headers.get("Content-Type", "")
    if ctype.split(";")[0].strip().lower() != "application/json":
        return None, error(415, "unsupported_media_type", "the body must be application/json")
    if request.content_length is not None and request.content_length > MAX_BODY:
        return None, error(413, "too_large", f"the body is larger than {MAX_BODY} bytes")
    try:
        raw = await request.read()
    except web.HTTPRequestEntityTooLarge:
        return None, error(413, "too_large", f"the body is larger than {MAX_BODY} bytes")
    return raw, None


def _parse(raw: bytes) -> tuple[Any, Optional[web.Response]]:
    try:
        return json.loads(raw.decode("utf-8"), parse_constant=_bad_json), None
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None, error(400, "invalid_json", "the body is not valid UTF-8 JSON")


def _invalid(name: str, body: Any) -> Optional[web.Response]:
    problems = contract.errors(name, body)
    if not problems:
        return None
    field, message = problems[0]
    more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
    return error(400, "invalid_body", f"{field}: {message}{more}", field)


# ---- API -------------------------------------------------------------------------------

def _ping(db: Database) -> None:
    with reading(db) as conn:
        conn.exec_driver_sql("SELECT 1")


async def health(request: web.Request) -> web.Response:
    await blocking(_ping, _conn(request))
    return web.json_response({"status": "ok"})


async def receive_application(request: web.Request) -> web.Response:
    if not _bearer_ok(request):
        log.warning("POST /applications 401 bad token")
        return _unauthorised()
    raw, problem = await _read_json(request)
    if problem is not None:
        log.warning("POST /applications %s", problem.status)
        return problem
    reason = signing.verify(request.app["config"].secret, request.headers.get(signing.TIMESTAMP_HEADER),
                            request.headers.get(signing.SIGNATURE_HEADER), raw)
    if reason:
        log.warning("POST /applications 401 signature: %s", reason)
        return error(401, "bad_signature", f"signature refused: {reason}")
    body, problem = _parse(raw)
    if problem is None and not isinstance(body, dict):
        problem = error(400, "invalid_body", "body: must be of type object", "body")
    if problem is None and body.get("schema_version") not in contract.SCHEMA_VERSIONS:
        problem = error(400, "unsupported_schema_version",
                        f"body.schema_version: this case system accepts {', '.join(map(str, contract.SCHEMA_VERSIONS))}",
                        "body.schema_version")
    if problem is None:  # (a Response is a mapping, and an empty one is falsy: no `or` here)
        problem = _invalid("Application", body)
    if problem is None and request.headers.get(IDEMPOTENCY_HEADER) != body["application_id"]:
        problem = error(400, "idempotency_key_mismatch", "Idempotency-Key must equal body.application_id", IDEMPOTENCY_HEADER)
    if problem is not None:
        log.warning("POST /applications %s %s", problem.status, json.loads(problem.body)["error"]["code"])
        return problem
    victim = body.get("victim") or {}
    # An old kind name (person, group, business_or_group) is still accepted for a version, and kept as the new one.
    victim["kind"] = normalise_kind(victim.get("kind"), (body.get("applicant") or {}).get("organisation"))
    try:
        receipt, replayed = await blocking(store.receive, _conn(request), body)
    except store.ReferenceConflict:
        log.warning("POST /applications 409 application %s reuses another application's reference", body["application_id"])
        return error(409, "reference_conflict", "this reference was already received under another application id",
                     "body.reference")
    except store.Conflict:
        log.warning("POST /applications 409 application %s already received with a different body", body["application_id"])
        return error(409, "conflict", "this application id was already received with a different body")
    log.info("POST /applications 201 application %s case %s replayed=%s",
             receipt["application_id"], receipt["case_reference"], replayed)
    return web.json_response(receipt, status=201, headers={"Idempotent-Replayed": "true" if replayed else "false"})


def _int_param(request: web.Request, name: str, default: Optional[int], lo: int, hi: int) -> tuple[Optional[int], Optional[str]]:
    value = request.query.get(name)
    if value is None:
        return default, None if default is not None else f"{name} is required"
    try:
        number = int(value)
    except ValueError:
        return None, f"{name} must be a whole number"
    if not lo <= number <= hi:
        return None, f"{name} must be between {lo} and {hi}"
    return number, None


async def list_applications(request: web.Request) -> web.Response:
    if not _bearer_ok(request):
        return _unauthorised()
    limit, bad = _int_param(request, "limit", 100, 1, 500)
    offset, bad2 = _int_param(request, "offset", 0, 0, 1_000_000_000)
    if bad or bad2:
        return error(400, "bad_query", bad or bad2)
    total, items = await blocking(store.list_cases, _conn(request), limit, offset)
    return web.json_response({"total": total, "items": items})


async def get_application(request: web.Request) -> web.Response:
    if not _bearer_ok(request):
        return _unauthorised()
    case = await blocking(store.get_case, _conn(request), request.match_info["application_id"])
    if case is None:
        return error(404, "not_found", "no application with this id")
    return web.json_response(case)


async def record_decision(request: web.Request) -> web.Response:
    if not _bearer_ok(request):
        return _unauthorised()
    raw, problem = await _read_json(request)
    if problem is None:
        body, problem = _parse(raw)
    if problem is None:
        problem = _invalid("Decision", body)
    if problem is None:
        if body.get("recommendations_made") and not body.get("review_held"):
            problem = error(400, "invalid_decision", "body.recommendations_made: needs review_held true", "body.recommendations_made")
        elif body.get("review_held") and not body.get("threshold_met"):
            problem = error(400, "invalid_decision", "body.review_held: needs threshold_met true", "body.review_held")
    if problem is not None:
        return problem
    app_id = request.match_info["application_id"]
    decision = await blocking(store.record_decision, _conn(request), app_id, body)
    if decision is None:
        return error(404, "not_found", "no application with this id")
    log.info("decision recorded for application %s", app_id)
    return web.json_response(decision)


async def figures(request: web.Request) -> web.Response:
    if not _bearer_ok(request):
        return _unauthorised()
    year, bad = _int_param(request, "year", None, 2014, 2100)
    if bad:
        return error(400, "bad_query", bad)
    return web.json_response(await blocking(store.figures, _conn(request), year))


# ---- caseworker pages (read-only; bearer token or HTTP Basic with the caseworker password) ----

PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}


def _page(title: str, body: str, status: int = 200) -> web.Response:
    html = (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{escape(title)}</title>"
            "<style>body{font-family:sans-serif;max-width:60em;margin:1em auto}td,th{border:1px solid #999;padding:.2em .4em;"
            "text-align:left;vertical-align:top}table{border-collapse:collapse}.safe{background:#fee;padding:.5em;border:2px solid #c00}"
            "pre{white-space:pre-wrap}</style></head>"
            f"<body><h1>{escape(title)}</h1>{body}</body></html>")
    return web.Response(text=html, status=status, content_type="text/html", headers=PAGE_HEADERS)


def _page_auth(request: web.Request) -> Optional[web.Response]:
    # Per source, not per account: wrong passwords from one place never lock caseworkers out
    # elsewhere (shared/throttle.py). A source that must wait is told for how long, and its
    # password is not checked meanwhile.
    throttle, source = request.app["throttle"], request.remote or "unknown"
    wait = throttle.retry_after(source)
    if wait > 0:
        return _too_many(wait)
    if _bearer_ok(request):
        return None
    if _basic_ok(request):
        throttle.succeeded(source)
        return None
    if request.headers.get("Authorization", "").startswith("Basic "):
        wait = throttle.failed(source)
        log.warning("caseworker sign-in refused (wait %.0f s)", wait)
        if wait > 0:
            return _too_many(wait)
    return web.Response(text="caseworker sign-in needed", status=401, content_type="text/plain",
                        headers={"WWW-Authenticate": 'Basic realm="case system", charset="UTF-8"'})


def _too_many(wait: float) -> web.Response:
    seconds = max(1, math.ceil(wait))
    return web.Response(
        text=f"Too many wrong passwords from your connection. Sign-in is paused for {seconds} seconds; "
             "caseworkers elsewhere are not affected.",
        status=429, content_type="text/plain", headers={"Retry-After": str(seconds)})


def _render(value: Any) -> str:
    if isinstance(value, dict):
        rows = "".join(f"<tr><th>{escape(str(k))}</th><td>{_render(v)}</td></tr>" for k, v in value.items())
        return f"<table>{rows}</table>"
    if isinstance(value, list):
        return "<ol>" + "".join(f"<li>{_render(v)}</li>" for v in value) + "</ol>" if value else "—"
    if value is None:
        return "—"
    return f"<pre>{escape(str(value))}</pre>" if isinstance(value, str) and "\n" in value else escape(str(value))


async def list_page(request: web.Request) -> web.Response:
    if (denied := _page_auth(request)) is not None:
        return denied
    total, items = await blocking(store.list_cases, _conn(request), 500, 0)
    rows = "".join(
        f"<tr><td><a href='/caseworker/applications/{escape(i['application_id'])}'>{escape(i['case_reference'])}</a></td>"
        f"<td>{escape(i['reference'] or '')}</td><td>{escape(i['received_at'])}</td><td>{escape(i['area'] or '')}</td>"
        f"<td>{escape(i['outcome'] or '')}</td><td>{'decided' if i['decision'] else 'awaiting decision'}</td></tr>"
        for i in items
    )
    body = (f"<p>{total} applications (newest 500 shown). <a href='/caseworker/figures'>Published figures</a></p>"
            "<table><tr><th>Case</th><th>Resident's reference</th><th>Received</th><th>Area</th>"
            f"<th>Assistant's assessment</th><th>Decision</th></tr>{rows}</table>")
    return _page("ASB Case Review applications", body)


async def detail_page(request: web.Request) -> web.Response:
    if (denied := _page_auth(request)) is not None:
        return denied
    case = await blocking(store.get_case, _conn(request), request.match_info["application_id"])
    if case is None:
        return _page("Not found", "<p>No application with this id.</p>", 404)
    app = case["application"]
    safe = app.get("safe_contact") or {}
    restriction = safe.get("restrictions") or ("Any way is fine." if safe.get("any_way_is_fine") else "Not given.")
    body = (f"<p class='safe'><strong>Safe contact:</strong> {escape(restriction)}</p>"
            f"<p>Received {escape(case['received_at'])}. Decision: {_render(case['decision'])}</p>"
            "<p>Record the decision with <code>POST /applications/{id}/decision</code>.</p>"
            f"{_render(app)}")
    return _page(f"Case {case['case_reference']}", body)


async def figures_page(request: web.Request) -> web.Response:
    if (denied := _page_auth(request)) is not None:
        return denied
    year, bad = _int_param(request, "year", None, 2014, 2100)
    if bad:
        return _page("Figures", f"<p>{escape(bad)}. Add <code>?year=2026</code>.</p>", 400)
    f = await blocking(store.figures, _conn(request), year)
    labels = [("applications_received", "ASB Case Review applications received"),
              ("threshold_not_met", "Applications where the threshold was not met"),
              ("threshold_met", "Applications where the threshold was met"),
              ("awaiting_decision", "Applications awaiting a decision"),
              ("reviews_carried_out", "ASB Case Reviews carried out"),
              ("reviews_with_recommendations", "ASB Case Reviews resulting in recommendations")]
    rows = "".join(f"<tr><th>{escape(label)}</th><td>{f[key]}</td></tr>" for key, label in labels)
    routes = "".join(f"<tr><th>{escape(k)}</th><td>{v}</td></tr>" for k, v in sorted(f["by_route"].items()))
    return _page(f"ASB Case Review figures {year}",
                 f"<table>{rows}</table><h2>By route (assistant's assessment)</h2><table>{routes}</table>")


@web.middleware
async def no_leaks(request: web.Request, handler):
    try:
        return await handler(request)
    except web.HTTPException as exc:
        if exc.status >= 400 and request.path.startswith(("/applications", "/figures")):
            return error(exc.status, "http_error", exc.reason)
        raise
    except Exception as exc:  # never a traceback with a value in it
        log.error("%s %s 500 %s", request.method, request.path, type(exc).__name__)
        return error(500, "internal_error", "the case system failed; try again")


def make_app(cfg: Config) -> web.Application:
    app = web.Application(client_max_size=MAX_BODY, middlewares=[no_leaks])
    app["config"] = cfg
    app["throttle"] = SourceThrottle()
    app["db"] = store.connect(cfg.db)
    app.on_cleanup.append(lambda a: _close(a))
    app.add_routes([
        web.get("/health", health),
        web.post("/applications", receive_application),
        web.get("/applications", list_applications),
        web.get("/applications/{application_id}", get_application),
        web.post("/applications/{application_id}/decision", record_decision),
        web.get("/figures", figures),
        web.get("/caseworker", list_page),
        web.get("/caseworker/applications/{application_id}", detail_page),
        web.get("/caseworker/figures", figures_page),
    ])
    return app


async def _close(app: web.Application) -> None:
    app["db"].close()


def config_from_env() -> Config:
    return Config(token=config.token(), secret=config.signing_secret(),
                  # Its own secret, never the machine token the assistant's worker holds.
                  caseworker_password=case_system_caseworker_password()
                  or config.made_once_in_var("case-system-caseworker-password"),
                  db=store.location())
