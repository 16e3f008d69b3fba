"""Send one application to the case system and classify the answer.

- 2xx → delivered (the case system's reference recorded);
- 408, 429, 5xx, timeouts, connection errors → retry later (backoff with jitter);
- 401, 403 → rejected, and a configuration error (our token or signing secret is wrong);
- 3xx → rejected, configuration error (CASE_SYSTEM_URL points at the wrong place);
- any other 4xx → rejected permanently: kept, shown to staff, not retried.
"""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import dataclass
from typing import Optional

import aiohttp

from shared.case_link import signing

DELIVERED, RETRY, REJECTED = "delivered", "retry", "rejected"
_CODE = re.compile(r"^[A-Za-z0-9_.-]{1,40}$")


@dataclass
class Outcome:
    kind: str
    http_status: Optional[int] = None
    case_reference: Optional[str] = None
    error: str = ""            # for the outbox row (staff see it); may include the receiver's message
    code: str = ""             # short, safe for logs: an HTTP code word, never content
    config_error: bool = False
    retry_after_s: Optional[float] = None


def _retry_after(value: Optional[str]) -> Optional[float]:
    if value and value.strip().isdigit():
        return float(value.strip())
    return None


def _error_of(text: str) -> tuple[str, str]:
    """(code, message) from a contract error body; anything else gives ('', '')."""
    try:
        err = json.loads(text).get("error") or {}
        code = err.get("code") if isinstance(err.get("code"), str) and _CODE.match(err["code"]) else ""
        message = err.get("message") if isinstance(err.get("message"), str) else ""
        return code, message[:300]
    except (ValueError, AttributeError):
        return "", ""


def classify(status: int, text: str, retry_after: Optional[str] = None) -> Outcome:
    code, message = _error_of(text)
    detail = f"HTTP {status}" + (f" {code}" if code else "") + (f": {message}" if message else "")
    if 200 <= status < 300:
        try:
            ref = json.loads(text).get("case_reference")
        except (ValueError, AttributeError):
            ref = None
        return Outcome(DELIVERED, status, ref if isinstance(ref, str) else None, code="delivered")
    if status in (408, 429) or status >= 500:
        return Outcome(RETRY, status, error=detail, code=code or f"http_{status}", retry_after_s=_retry_after(retry_after))
    if status in (401, 403):
        return Outcome(REJECTED, status, error=detail + " (check CASE_SYSTEM_TOKEN and CASE_SYSTEM_SIGNING_SECRET)",
                       code=code or f"http_{status}", config_error=True)
    if 300 <= status < 400:
        return Outcome(REJECTED, status, error=detail + " (redirect: check CASE_SYSTEM_URL)", code=f"http_{status}",
                       config_error=True)
    return Outcome(REJECTED, status, error=detail, code=code or f"http_{status}")


async def send(session: aiohttp.ClientSession, url: str, token: str, secret: str, application_id: str,
               body: bytes, timeout_s: float) -> Outcome:
    headers = {
        "Authorization": f"Bearer {token}",
        "Content-Type": "application/json",
        "Idempotency-Key": application_id,
        "User-Agent": "asb-case-review-delivery/1",
        **signing.sign(secret, body),
    }
    try:
        async with session.post(f"{url}/applications", data=body, headers=headers, allow_redirects=False,
                                timeout=aiohttp.ClientTimeout(total=timeout_s)) as resp:
            raw = await resp.content.read(64 * 1024)
            return classify(resp.status, raw.decode("utf-8", "replace"), resp.headers.get("Retry-After"))
    except asyncio.TimeoutError:
        return Outcome(RETRY, error=f"timed out after {timeout_s:g} s", code="timeout")
    except aiohttp.ClientError as exc:
        return Outcome(RETRY, error=f"connection error: {type(exc).__name__}", code="connection_error")
