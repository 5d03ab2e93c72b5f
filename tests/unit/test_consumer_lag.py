"""The consumer's lag gauges: set from the client's positions at most once a second, however often it polls.

A stand-in for the Kafka client answers each partition's end and position; the gauges against a real broker are in
tests/integration/test_cross_service.py.
"""
from __future__ import annotations

import pytest
from kafka import TopicPartition
from prometheus_client import REGISTRY

from edu71.bus import consumer as consumer_module
from edu71.bus.consumer import LAG_EVERY, EventConsumer
from edu71.config import platform_settings
from edu71.contracts import Contracts

TOPIC = "edu71.directory.v1"
FIRST, SECOND = TopicPartition(TOPIC, 0), TopicPartition(TOPIC, 1)
GROUP = "tests-lag"


class Client:
    """Partitions at their ends ``high`` and positions ``at``; counts the positions asked."""

    def __init__(self, high: dict, at: dict):
        self.high, self.at = high, at
        self.asked = 0

    def assignment(self):
        return set(self.high)

    def highwater(self, tp):
        return self.high[tp]

    def position(self, tp, timeout_ms=None):
        self.asked += 1
        return self.at[tp]


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def lag(tp: TopicPartition) -> float | None:
    return REGISTRY.get_sample_value("edu71_consumer_lag", {"service": "tests", "group": GROUP, "topic": tp.topic,
                                                            "partition": str(tp.partition)})


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(consumer_module.time, "monotonic", clock)
    return clock


@pytest.fixture
def consumer(clock) -> EventConsumer:
    settings = platform_settings("tests")
    return EventConsumer(settings, Contracts(settings.contracts_dir), None, GROUP, {"SchoolRegistered": lambda e: None})


def test_the_first_report_sets_every_partitions_lag(consumer):
    client = Client({FIRST: 10, SECOND: 5}, {FIRST: 4, SECOND: 5})
    consumer._report_lag(client)
    assert (lag(FIRST), lag(SECOND)) == (6, 0)


def test_polls_within_a_second_ask_no_position_and_the_next_second_reports_again(consumer, clock):
    client = Client({FIRST: 10}, {FIRST: 4})
    consumer._report_lag(client)
    client.at[FIRST] = 9
    clock.now += LAG_EVERY / 2
    consumer._report_lag(client)
    assert client.asked == 1 and lag(FIRST) == 6

    clock.now += LAG_EVERY / 2
    consumer._report_lag(client)
    assert client.asked == 2 and lag(FIRST) == 1
