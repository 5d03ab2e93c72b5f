"""Webhook signatures without I/O: what a receiver checks."""
from __future__ import annotations

from notifications.domain.delivery import signature, verify


def test_signature_is_hmac_sha256_of_timestamp_dot_body():
    import hashlib
    import hmac

    body = '{"a":"Trường"}'.encode()
    expected = hmac.new(b"k", b"1767225600." + body, hashlib.sha256).hexdigest()
    assert signature("k", "1767225600", body) == f"sha256={expected}"
    assert verify("k", "1767225600", body, f"sha256={expected}")
    assert not verify("k", "1767225601", body, f"sha256={expected}")
