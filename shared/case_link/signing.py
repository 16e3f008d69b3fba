"""The request signature: HMAC-SHA256 over `{timestamp}.{raw body}` with the shared secret.

The timestamp is inside the MAC, so a captured request cannot be replayed after
`MAX_SKEW_S`; within that window a replay is harmless because the receiver is idempotent.
"""

from __future__ import annotations

import hashlib
import hmac
import time

TIMESTAMP_HEADER = "X-ASB-Timestamp"
SIGNATURE_HEADER = "X-ASB-Signature"
MAX_SKEW_S = 300


def signature(secret: str, timestamp: str, body: bytes) -> str:
    mac = hmac.new(secret.encode("utf-8"), timestamp.encode("ascii") + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def sign(secret: str, body: bytes, now: float | None = None) -> dict[str, str]:
    timestamp = str(int(now if now is not None else time.time()))
    return {TIMESTAMP_HEADER: timestamp, SIGNATURE_HEADER: signature(secret, timestamp, body)}


def verify(secret: str, timestamp: str | None, given: str | None, body: bytes, now: float | None = None) -> str | None:
    """None when the signature is good; otherwise a short reason (no body content)."""
    if not timestamp or not given:
        return "missing signature headers"
    if not timestamp.isdigit() or len(timestamp) > 12:
        return "bad timestamp"
    now = now if now is not None else time.time()
    if abs(now - int(timestamp)) > MAX_SKEW_S:
        return "timestamp too far from the receiver's clock"
    if not hmac.compare_digest(signature(secret, timestamp, body), given):
        return "signature does not match"
    return None
