"""Versions of the source records: the instants they are read from, and the latest of each entity (pure)."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Callable, Hashable, Iterable, TypeVar

T = TypeVar("T")


def latest(rows: Iterable[T], key: Callable[[T], Hashable], version: Callable[[T], Any]) -> list[T]:
    """The row of the highest ``version`` for each ``key``, in the order the keys first appear."""
    best: dict[Hashable, T] = {}
    for row in rows:
        k = key(row)
        if k not in best or version(row) > version(best[k]):
            best[k] = row
    return list(best.values())


def parse_time(value: str) -> datetime:
    """An RFC 3339 instant of the contracts (always with an offset) as an aware UTC datetime."""
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:  # the contracts forbid it; be safe rather than guess a zone
        raise ValueError(f"time without offset: {value!r}")
    return moment.astimezone(timezone.utc)


def ms(moment: datetime) -> datetime:
    """``moment`` at the store's precision (milliseconds), so versions compare the same before and after storing."""
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)
