"""Delivery rules without I/O: retry schedule and webhook signatures."""
from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta


def backoff(attempts: int, base: float, cap: float) -> timedelta:
    """Wait before the attempt after ``attempts`` failed ones: base, 2·base, 4·base … at most ``cap`` seconds."""
    return timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), cap))


def signature(secret: str, timestamp: str, body: bytes) -> str:
    """``X-Edu71-Signature``: ``sha256=`` + hex HMAC-SHA256 of ``f"{timestamp}.{body}"`` keyed by the secret."""
    mac = hmac.new(secret.encode("utf-8"), timestamp.encode("ascii") + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def verify(secret: str, timestamp: str, body: bytes, header: str) -> bool:
    """What a receiver does (constant-time comparison); used by the tests as a receiver would."""
    return hmac.compare_digest(signature(secret, timestamp, body), header)
