"""Choosing the latest version of each entity among stored versions (pure)."""
from __future__ import annotations

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
