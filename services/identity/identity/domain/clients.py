"""Which client a request comes from, for counting failed sign-ins per client."""
from __future__ import annotations

from typing import Collection


def client_address(peer: str | None, forwarded_for: str | None, trusted_proxies: Collection[str]) -> str:
    """The peer, or, when the peer is a trusted proxy (the portal), the last hop it forwarded for.

    Only trusted peers are believed: anyone else could name any address in X-Forwarded-For.
    """
    peer = peer or "unknown"
    if peer not in trusted_proxies or not forwarded_for:
        return peer
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    for hop in reversed(hops):
        if hop not in trusted_proxies:
            return hop
    return peer
