"""The live dashboards' signal over the real broker: RollupUpdated wakes the round's dashboards."""
from __future__ import annotations

import json
import threading

import pytest

from edu71.bus.producer import EventProducer
from edu71.config import REPO_ROOT, platform_settings
from edu71.contracts import Contracts
from edu71.testing import wait_until
from portal.live import RollupSignal

pytestmark = pytest.mark.integration

CONTRACTS = Contracts(REPO_ROOT / "contracts")


def rollup_updated(round_id: str):
    data = json.loads((REPO_ROOT / "contracts" / "examples" / "RollupUpdated.v1.json").read_text(encoding="utf-8"))
    data["round_id"] = round_id
    return CONTRACTS.new_event("RollupUpdated", data, subject=data["province_code"], source="/edu71/reports")


@pytest.fixture
def signal(stack):
    signal = RollupSignal(platform_settings("portal").kafka, CONTRACTS)
    signal.start()
    wait_until(signal.listening.is_set, "the signal to stand at the end of the reports topic")
    yield signal
    signal.stop()


@pytest.fixture
def producer(stack):
    producer = EventProducer(platform_settings("reports").kafka, CONTRACTS, "reports")
    yield producer
    producer.close()


def test_a_rollup_of_the_round_wakes_its_dashboards_and_no_other(signal, producer, stack):
    woken: list[int] = []
    waiter = threading.Thread(target=lambda: woken.append(signal.wait("round-a", 0, timeout=120)))
    waiter.start()
    # Same province key, same partition: round B's event is heard before round A's.
    assert all(d.ok for d in producer.publish([rollup_updated("round-b"), rollup_updated("round-a")]))
    waiter.join()
    assert woken == [1]
    assert signal.count("round-b") == 1 and signal.count("round-c") == 0


def test_what_was_published_before_the_process_listened_is_not_replayed(stack, producer):
    producer.publish([rollup_updated("round-old")])
    late = RollupSignal(platform_settings("portal").kafka, CONTRACTS)
    late.start()
    wait_until(late.listening.is_set, "the late signal to listen")
    producer.publish([rollup_updated("round-new")])
    wait_until(lambda: late.count("round-new") == 1, "the new event")
    assert late.count("round-old") == 0
    late.stop()


def test_messages_that_break_the_contract_are_ignored(signal):
    signal._handle(b"not json")
    signal._handle(json.dumps({"specversion": "1.0"}).encode())
    assert signal.count("round-a") == 0
