"""The consumer's commit bookkeeping: which handled offsets it keeps when the group refuses a commit.

A stand-in for the Kafka client holds the partitions and refuses commits on demand; the broker's own refusal
during a rebalance is in tests/integration/test_event_bus.py.
"""
from __future__ import annotations

import threading

import pytest
from kafka import TopicPartition
from kafka.errors import (CommitFailedError, CoordinatorNotAvailableError, GroupAuthorizationFailedError,
                          KafkaConnectionError, KafkaTimeoutError, RebalanceInProgressError)
from kafka.structs import OffsetAndMetadata

from edu71.bus.consumer import EventConsumer
from edu71.config import platform_settings
from edu71.contracts import Contracts

TOPIC = "edu71.directory.v1"
FIRST, SECOND = TopicPartition(TOPIC, 0), TopicPartition(TOPIC, 1)


class Client:
    """Holds ``held`` and refuses the next commits with ``refusals``, in turn."""

    def __init__(self, held, refusals=()):
        self.held = set(held)
        self.refusals = list(refusals)
        self.committed: list[dict] = []

    def assignment(self):
        return set(self.held)

    def commit(self, offsets):
        if self.refusals:
            raise self.refusals.pop(0)
        self.committed.append(dict(offsets))


def offset(n: int) -> OffsetAndMetadata:
    return OffsetAndMetadata(n, "", -1)


@pytest.fixture
def consumer() -> EventConsumer:
    settings = platform_settings("tests")
    return EventConsumer(settings, Contracts(settings.contracts_dir), None, "tests-commits",
                         {"SchoolRegistered": lambda event: None})


@pytest.mark.parametrize("refusal", [RebalanceInProgressError(), CommitFailedError(RebalanceInProgressError()),
                                     CoordinatorNotAvailableError(), KafkaTimeoutError(),
                                     KafkaConnectionError("socket disconnected")],
                         ids=["rebalancing", "rebalanced", "coordinator moving", "timed out", "disconnected"])
def test_a_refused_commit_keeps_the_offsets_for_the_next_one_of_the_partitions_still_held(consumer, refusal):
    client = Client({FIRST, SECOND}, [refusal])
    consumer._handled = {FIRST: offset(7), SECOND: offset(3)}

    consumer._commit(client, threading.Event())  # no exception: the consumer polls on and finishes the rebalance
    assert client.committed == []
    assert consumer._handled == {FIRST: offset(7), SECOND: offset(3)}

    client.held = {FIRST}  # the rebalance gave the second partition to another member
    consumer._commit(client, threading.Event())
    assert client.committed == [{FIRST: offset(7)}]
    assert consumer._handled == {}


def test_a_later_offset_handled_before_the_next_commit_is_the_one_committed(consumer):
    client = Client({FIRST}, [RebalanceInProgressError()])
    consumer._handled = {FIRST: offset(7)}
    consumer._commit(client, threading.Event())
    consumer._handled[FIRST] = offset(9)
    consumer._commit(client, threading.Event())
    assert client.committed == [{FIRST: offset(9)}]


def test_a_commit_refused_for_good_is_raised_and_keeps_the_offsets(consumer):
    client = Client({FIRST}, [GroupAuthorizationFailedError("tests-commits")])
    consumer._handled = {FIRST: offset(7)}
    with pytest.raises(GroupAuthorizationFailedError):
        consumer._commit(client, threading.Event())
    consumer._commit(client, threading.Event())
    assert client.committed == [{FIRST: offset(7)}]
