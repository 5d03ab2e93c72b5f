"""Throttling of failed sign-ins, counted in one-minute buckets over a sliding window.

Failures are counted per account *and* client, per client, and per account;
the account-wide count holds back only clients the account has never signed
in from, so nobody can lock the owner out of a device that has succeeded
before by failing from elsewhere (:class:`Throttle`).

Failures are counted in the bucket of the minute they happened
(:mod:`identity.adapters.attempts` keeps them), so the window slides by whole
minutes: a failure stops counting between ``window - 60`` and ``window`` seconds
after it happened.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping

BUCKET_SECONDS = 60


@dataclass(frozen=True)
class Limit:
    max_failures: int
    window_seconds: int = 15 * 60

    @property
    def buckets(self) -> int:
        return max(1, self.window_seconds // BUCKET_SECONDS)


@dataclass(frozen=True)
class Throttle:
    #: One account from one client: the owner's own typing mistakes, or a guesser at one address.
    pair: Limit
    #: One client, whatever the account: a guesser trying many accounts.
    client: Limit
    #: One account from every client it has never signed in from: guessers spread over many addresses.
    account: Limit

    @staticmethod
    def recorded(email_key: str, client: str) -> list[str]:
        """The counts a failure adds to."""
        return [f"pair:{email_key}|{client}", f"client:{client}", f"email:{email_key}"]

    def counted(self, email_key: str, client: str, known_client: bool) -> list[tuple[str, Limit]]:
        """The counts that may hold an attempt back; a known client is spared the account-wide one."""
        pair, per_client, account = self.recorded(email_key, client)
        limits = [(pair, self.pair), (per_client, self.client)]
        if not known_client:
            limits.append((account, self.account))
        return limits

    @property
    def longest_window(self) -> int:
        return max(self.pair.window_seconds, self.client.window_seconds, self.account.window_seconds)


def bucket_of(moment: float) -> int:
    return int(moment // BUCKET_SECONDS)


def window(now: float, limit: Limit) -> range:
    """The buckets whose failures still count at ``now``, oldest first."""
    current = bucket_of(now)
    return range(current - limit.buckets + 1, current + 1)


def retry_after(failures: Mapping[int, int], now: float, limit: Limit) -> int | None:
    """Seconds until the key may try again, or ``None`` while it is not locked.

    ``failures`` maps buckets to the number of failures recorded in them.
    Locked means the window holds ``max_failures`` or more; it opens again when
    enough of the oldest buckets have left the window.
    """
    counted = sorted((b, n) for b, n in failures.items() if b in window(now, limit) and n > 0)
    total = sum(n for _, n in counted)
    if total < limit.max_failures:
        return None
    must_leave = total - limit.max_failures + 1
    for bucket, n in counted:
        must_leave -= n
        if must_leave <= 0:
            leaves_at = (bucket + limit.buckets) * BUCKET_SECONDS
            return max(1, math.ceil(leaves_at - now))
    raise AssertionError("unreachable: the counted failures cover the excess")


def minutes_text(seconds: int) -> str:
    """"3 phút" for a Retry-After, rounded up to whole minutes."""
    return f"{max(1, math.ceil(seconds / 60))} phút"
