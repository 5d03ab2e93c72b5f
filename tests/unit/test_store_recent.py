"""Reads remembered until their writer rings (:mod:`edu71.store.recent`), without a store: the reads are counted."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

import pytest

from edu71.store.doorbell import Bell
from edu71.store.recent import Recent


class Source:
    """A store of one kind of document that counts its reads; ``during_read`` runs inside a read."""

    def __init__(self):
        self.docs = {"r1": {"_id": "r1", "v": 1, "codes": ["A"]}}
        self.reads = 0
        self.during_read = None

    def read(self, key):
        self.reads += 1
        found = self.docs.get(key)
        if self.during_read is not None:
            self.during_read()
        return None if found is None else {**found, "codes": list(found["codes"])}


@pytest.fixture
def world():
    source, bell, clock = Source(), Bell(f"test/{uuid.uuid4().hex}"), [100.0]
    recent = Recent(source.read, dict, lambda: bell, ttl=1.0, listen=False, monotonic=lambda: clock[0])
    return source, bell, clock, recent


def test_a_document_read_lately_is_answered_from_memory(world):
    source, _, clock, recent = world
    assert recent.get("r1")["v"] == 1
    clock[0] += 0.5
    assert recent.get("r1")["v"] == 1
    assert source.reads == 1


def test_a_ring_makes_the_next_answer_read_the_store(world):
    source, bell, _, recent = world
    recent.get("r1")
    source.docs["r1"] = {"_id": "r1", "v": 2, "codes": ["A"]}
    bell.ring()
    assert recent.get("r1")["v"] == 2
    assert source.reads == 2


def test_without_a_ring_a_change_is_read_once_the_memory_is_ttl_old(world):
    source, _, clock, recent = world
    recent.get("r1")
    source.docs["r1"] = {"_id": "r1", "v": 2, "codes": ["A"]}
    clock[0] += 0.9
    assert recent.get("r1")["v"] == 1
    clock[0] += 0.2
    assert recent.get("r1")["v"] == 2


def test_a_ring_during_the_read_leaves_what_it_read_stale(world):
    source, bell, _, recent = world
    source.during_read = bell.ring  # a writer's change landed while the read was on its way
    recent.get("r1")
    source.during_read = None
    recent.get("r1")
    assert source.reads == 2


def test_a_missing_document_is_read_each_time_and_answers_are_copies(world):
    source, _, _, recent = world
    assert recent.get("nope") is None and recent.get("nope") is None
    assert source.reads == 2
    recent.get("r1")["codes"].append("B")
    assert recent.get("r1")["codes"] == ["A"]


def test_a_full_memory_starts_again_rather_than_grow(world):
    source, _, _, _ = world
    bell = Bell(f"test/{uuid.uuid4().hex}")
    source.docs.update({f"r{i}": {"_id": f"r{i}", "v": 1, "codes": []} for i in range(2, 5)})
    small = Recent(source.read, dict, lambda: bell, ttl=1.0, max_entries=2, listen=False)
    for key in ("r1", "r2", "r3", "r3"):
        small.get(key)
    assert source.reads == 3  # r3 was remembered after the memory started again…
    small.get("r1")
    assert source.reads == 4  # …and r1 was forgotten then


def test_answers_share_nothing_anyone_can_change_at_any_depth(world):
    source, _, _, recent = world
    at = datetime(2026, 3, 1, 8, 0, tzinfo=timezone.utc)
    source.docs["r2"] = {"_id": "r2", "v": 1, "codes": [], "by": {"at": at, "tags": ["x"]},
                         "levels": [{"code": "thcs", "seen": {"a", "b"}}]}
    first = recent.get("r2")
    first["by"]["tags"].append("y")
    first["levels"][0]["code"] = "thpt"
    first["levels"][0]["seen"].add("c")  # a value the store never returns, copied all the same
    again = recent.get("r2")
    assert again == source.docs["r2"] and again["by"]["at"] == at
    assert source.reads == 1


def test_a_shared_memory_builds_once_per_read_and_hands_every_caller_that_answer(world):
    source, bell, clock, _ = world
    built = []

    def frozen(stored):
        built.append(stored["v"])
        return (stored["_id"], stored["v"], tuple(stored["codes"]))

    shared = Recent(source.read, frozen, lambda: bell, ttl=1.0, shared=True, listen=False,
                    monotonic=lambda: clock[0])
    first = shared.get("r1")
    assert shared.get("r1") is first and first == ("r1", 1, ("A",))
    assert source.reads == 1 and built == [1]
    source.docs["r1"] = {"_id": "r1", "v": 2, "codes": ["A", "B"]}
    bell.ring()
    assert shared.get("r1") == ("r1", 2, ("A", "B"))
    clock[0] += 1.5
    assert shared.get("r1") == ("r1", 2, ("A", "B"))
    assert source.reads == 3 and built == [1, 2, 2]
    assert shared.get("nope") is None and built == [1, 2, 2]
