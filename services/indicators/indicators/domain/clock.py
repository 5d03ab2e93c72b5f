"""The service's clock: instants as the store keeps them (UTC, milliseconds).

How they are shown and put in events (Vietnam time, +07:00) is :mod:`edu71.vn`'s.
"""
from __future__ import annotations

from datetime import datetime, timezone

def utc_now() -> datetime:
    """Now, truncated to milliseconds: the store keeps no more, and an event must carry the stored instant."""
    now = datetime.now(timezone.utc)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def as_utc(moment: datetime) -> datetime:
    """An aware instant in UTC; a naive one (as some drivers return) is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)
