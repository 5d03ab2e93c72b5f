"""The live dashboards' signal over the real broker: DashboardUpdated wakes the dashboards of its round and area."""
from __future__ import annotations

import json
import threading

import pytest

from edu71.bus.producer import EventProducer
from edu71.config import REPO_ROOT, platform_settings
from edu71.contracts import Contracts
from edu71_testing import wait_until
from portal.live import Area, DashboardSignal

pytestmark = pytest.mark.integration

CONTRACTS = Contracts(REPO_ROOT / "contracts")


def dashboard_updated(round_id: str, kind: str = "province", code: str = "31", version: str = "v-1"):
    data = json.loads((REPO_ROOT / "contracts" / "examples" / "DashboardUpdated.v1.json").read_text(encoding="utf-8"))
    data.update(round_id=round_id, scope={"kind": kind, "code": code}, version=version)
    return CONTRACTS.new_event("DashboardUpdated", data, subject=data["province_code"], source="/edu71/reports")


def province(round_id: str) -> Area:
    return Area(round_id, "province", "31")


@pytest.fixture
def signal(stack):
    signal = DashboardSignal(platform_settings("portal").kafka, CONTRACTS)
    signal.start()
    wait_until(signal.listening.is_set, "the signal to stand at the end of the reports topic")
    yield signal
    signal.stop()


@pytest.fixture
def producer(stack):
    producer = EventProducer(platform_settings("reports").kafka, CONTRACTS, "reports")
    yield producer
    producer.close()


def test_an_area_of_the_round_wakes_its_dashboards_and_no_other(signal, producer, stack):
    woken = []
    waiter = threading.Thread(target=lambda: woken.append(signal.wait(province("round-a"), 0, timeout=120)))
    waiter.start()
    # Same province key, same partition: round B's event is heard before round A's.
    assert all(d.ok for d in producer.publish([dashboard_updated("round-b"),
                                               dashboard_updated("round-a", version="v-7")]))
    waiter.join()
    assert [(h.count, h.version) for h in woken] == [(1, "v-7")]
    assert signal.heard(province("round-b")).count == 1 and signal.heard(province("round-c")).count == 0


def test_a_commune_is_woken_by_its_own_commune_only(signal, producer, stack):
    own, sibling = Area("round-d", "commune", "10744"), Area("round-d", "commune", "11560")
    assert all(d.ok for d in producer.publish([dashboard_updated("round-d", "commune", "11560"),
                                               dashboard_updated("round-d", "province", "31")]))
    wait_until(lambda: signal.heard(province("round-d")).count == 1, "the province's event")
    assert signal.heard(own).count == 0 and signal.heard(sibling).count == 1
    producer.publish([dashboard_updated("round-d", "commune", "10744", version="v-2")])
    assert signal.wait(own, 0, timeout=120) == (1, "v-2")


def test_what_was_published_before_the_process_listened_is_not_replayed(stack, producer):
    producer.publish([dashboard_updated("round-old")])
    late = DashboardSignal(platform_settings("portal").kafka, CONTRACTS)
    late.start()
    wait_until(late.listening.is_set, "the late signal to listen")
    producer.publish([dashboard_updated("round-new")])
    wait_until(lambda: late.heard(province("round-new")).count == 1, "the new event")
    assert late.heard(province("round-old")).count == 0
    late.stop()


def test_messages_that_break_the_contract_are_ignored(signal):
    signal._handle(b"not json")
    signal._handle(json.dumps({"specversion": "1.0"}).encode())
    assert signal.heard(province("round-a")).count == 0


def test_other_events_of_the_topic_and_a_broken_dashboard_event_wake_nothing(signal):
    rollup = json.loads((REPO_ROOT / "contracts" / "examples" / "RollupUpdated.v1.json").read_text(encoding="utf-8"))
    rollup.update(round_id="round-e")
    signal._handle(CONTRACTS.new_event("RollupUpdated", rollup, subject="31", source="/edu71/reports")
                   .to_json().encode())
    broken = json.loads(dashboard_updated("round-e").to_json())
    del broken["data"]["version"]
    signal._handle(json.dumps(broken).encode())
    assert signal.heard(province("round-e")).count == 0
    signal._handle(dashboard_updated("round-e").to_json().encode())
    assert signal.heard(province("round-e")).count == 1
