"""The outbox relay wakes on its doorbell (:mod:`edu71.store.doorbell`) instead of waiting for its next poll,
and still delivers by polling when the ring is lost.

The relay of the first test polls every ten minutes, so only the ring can make it publish within the test;
the waits are bounds on a failing test, never assertions about speed.
"""
from __future__ import annotations

import threading

import pytest
from mongoengine.connection import get_db

from edu71.bus.outbox import PUBLISHED, OutboxRelay
from edu71.bus.producer import EventProducer
from edu71.config import platform_settings
from edu71.contracts import Contracts
from edu71.orgs import SEED_SCHOOLS
from edu71_testing import bearer, wait_until

pytestmark = pytest.mark.integration

SCHOOL = SEED_SCHOOLS[1]


@pytest.fixture
def plans_app(fresh_databases):
    from plans.app import create_app

    return create_app()


class Relays:
    """Plans outbox relays run in threads the way the plans worker runs its one; all stopped at the end."""

    def __init__(self):
        from plans.adapters.documents import Plan

        settings = platform_settings("plans")
        self.producer = EventProducer(settings.kafka, Contracts(settings.contracts_dir), "plans")
        Plan.ensure_store_indexes()
        self.documents = [Plan]
        self.running: list[tuple[OutboxRelay, threading.Event, threading.Thread]] = []

    def make(self, **timing) -> OutboxRelay:
        return OutboxRelay("plans", "plans", self.producer, self.documents, **timing)

    def start(self, relay: OutboxRelay) -> None:
        stop = threading.Event()
        thread = threading.Thread(target=relay.run, args=(stop,), daemon=True)
        thread.start()
        self.running.append((relay, stop, thread))

    def close(self) -> None:
        for relay, stop, thread in self.running:
            stop.set()
            relay.queue.bell.ring()  # ends its wait between passes at once
            thread.join(30)
        self.producer.close()


@pytest.fixture
def relays(plans_app):
    running = Relays()
    yield running
    running.close()


def _submit_a_plan(client, token) -> None:
    r = client.post("/plans", json={"title": "Kế hoạch thử chuông", "year": 2026, "number_symbol": "1/KH"},
                    headers=bearer(token))
    assert r.status_code == 201, r.json
    r = client.post(f"/plans/{r.json['id']}/submit", headers=bearer(token))
    assert r.status_code == 200, r.json


def _all_published(relay: OutboxRelay) -> bool:
    return relay.backlog() == 0 and get_db("plans")[PUBLISHED].count_documents({}) >= 1


def test_a_write_wakes_the_idle_relay_without_waiting_for_its_poll(plans_app, relays, tokens, monkeypatch):
    relay = relays.make(idle_sleep=600, max_idle_sleep=600)
    bell = relay.queue.bell
    idle = threading.Event()
    waiting = bell.wait

    def wait(seen, timeout):
        idle.set()  # the relay made a pass that found nothing and waits: only a ring can wake it in time
        return waiting(seen, timeout)

    monkeypatch.setattr(bell, "wait", wait)
    relays.start(relay)
    assert idle.wait(120), "the relay never reached its wait"
    _submit_a_plan(plans_app.test_client(), tokens.school(SCHOOL))
    wait_until(lambda: _all_published(relay), "the relay to publish the plan's events", timeout=120)


def test_a_lost_ring_is_made_up_by_the_poll(plans_app, relays, tokens, monkeypatch):
    relay = relays.make()  # the usual polling: at most 0.1 s between idle passes
    monkeypatch.setattr(relay.queue.bell, "ring", lambda: None)  # every ring lost
    relays.start(relay)
    _submit_a_plan(plans_app.test_client(), tokens.school(SCHOOL))
    wait_until(lambda: _all_published(relay), "the relay to publish the plan's events", timeout=120)


class WatchedStop(threading.Event):
    """The relay's stop flag, noting each wait the relay makes on it (the gathering pauses)."""

    def __init__(self):
        super().__init__()
        self.waits: list[float] = []

    def wait(self, timeout=None):
        self.waits.append(timeout)
        return super().wait(timeout)


def _pass_events(relay: OutboxRelay) -> list[int]:
    """How many events each of the relay's passes published, in order."""
    counts: list[int] = []
    once = relay.run_once

    def counted():
        sent = once()
        if sent:
            counts.append(sent)
        return sent

    relay.run_once = counted
    return counts


def test_after_a_busy_pass_the_relay_gathers_for_as_long_as_the_pass_was_busy_and_a_lone_event_goes_at_once(
        plans_app, relays, tokens):
    client, token = plans_app.test_client(), tokens.school(SCHOOL)
    _submit_a_plan(client, token)  # two changes waiting before the relay starts: its first pass is busy
    _submit_a_plan(client, token)
    relay = relays.make(idle_sleep=600, max_idle_sleep=600, gather=300, max_gather=3600)
    passes = _pass_events(relay)
    stop = WatchedStop()
    thread = threading.Thread(target=relay.run, args=(stop,), daemon=True)
    thread.start()
    try:
        wait_until(lambda: passes, "the relay's first pass", timeout=120)
        assert 1 < passes[0] < 12
        # The pause grows with the events the pass published (300 s each here, up to an hour).
        wait_until(lambda: 300 * passes[0] in stop.waits, "the relay to gather after its busy pass", timeout=120)
    finally:
        stop.set()
        thread.join(30)

    # A pause never passes max_gather, however busy the pass.
    capped = relays.make(idle_sleep=600, max_idle_sleep=600, gather=300, max_gather=450)
    _submit_a_plan(client, token)
    _submit_a_plan(client, token)
    passes = _pass_events(capped)
    stop = WatchedStop()
    thread = threading.Thread(target=capped.run, args=(stop,), daemon=True)
    thread.start()
    try:
        wait_until(lambda: passes, "the capped relay's first pass", timeout=120)
        assert passes[0] > 1
        wait_until(lambda: 450 in stop.waits, "the capped relay to gather after its busy pass", timeout=120)
    finally:
        stop.set()
        thread.join(30)

    # A quiet relay: every event goes by itself, and is followed by no gathering (only a ring can wake it in time).
    quiet = relays.make(idle_sleep=600, max_idle_sleep=600, gather=600)
    alone = _pass_events(quiet)
    relays.start(quiet)
    wait_until(lambda: quiet.backlog() == 0, "the rest to be published", timeout=120)
    for _ in range(2):
        published = len(alone)
        _submit_a_plan(client, token)  # one event: a draft announces nothing, its submission does
        wait_until(lambda: len(alone) > published and quiet.backlog() == 0, "the lone event", timeout=120)
    assert alone[-2:] == [1, 1]
