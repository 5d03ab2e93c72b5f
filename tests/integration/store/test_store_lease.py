"""Contract of :class:`edu71.store.lease.WindowLease` on the real store: one holder per window, kept ahead."""
from __future__ import annotations

import pytest

from edu71.store import lease as lease_module
from edu71.store.lease import WindowLease

pytestmark = pytest.mark.integration


@pytest.fixture
def clock(monkeypatch):
    now = [1_000_000.0]
    monkeypatch.setattr(lease_module.time, "time", lambda: now[0])
    return now


def test_of_many_contenders_in_one_window_exactly_one_holds(store_alias, clock, threads):
    contenders = [WindowLease(store_alias, "job") for _ in range(8)]
    holding = []
    assert threads(8, lambda i: holding.append(i) if contenders[i].held() else None) == []
    assert len(holding) == 1
    assert [c.held() for c in contenders] == [i in holding for i in range(8)]


def test_the_holder_claims_the_next_window_ahead_and_keeps_the_lease(store_alias, clock):
    holder, other = WindowLease(store_alias, "job", window=10), WindowLease(store_alias, "job", window=10)
    clock[0] = 1_000_000.0
    assert holder.held()
    clock[0] = 1_000_007.0  # past two thirds of the window: the next one is claimed now
    assert holder.held()
    clock[0] = 1_000_011.0
    assert not other.held()
    assert holder.held()


def test_a_lease_left_by_a_dead_holder_passes_on_at_the_next_unclaimed_window(store_alias, clock):
    dead, other = WindowLease(store_alias, "job", window=10), WindowLease(store_alias, "job", window=10)
    clock[0] = 1_000_000.0
    assert dead.held() and not other.held()
    clock[0] = 1_000_010.0  # the dead holder never claimed this window ahead
    assert other.held()


def test_releasing_hands_the_lease_over_at_once_and_names_do_not_interfere(store_alias, clock):
    first, second, unrelated = WindowLease(store_alias, "job"), WindowLease(store_alias, "job"), WindowLease(store_alias, "other")
    assert first.held() and not second.held() and unrelated.held()
    first.release()
    assert second.held() and not first.held()
