"""Contract of the projection write (:mod:`edu71.store.projection`) on the real store: whatever the order of
delivery and however many writers race, the highest revision is what stays, and a duplicate changes nothing.

"Read the head, write it if newer" fails the concurrent cases here: two writers read the same head, and the
one with the lower revision can write last.
"""
from __future__ import annotations

import random
import threading
from datetime import datetime, timedelta, timezone

import pytest

from edu71.store import blob
from edu71.store.projection import Latest, record_version, slot_id

pytestmark = pytest.mark.integration


@pytest.fixture
def latest(store_db):
    return Latest(lambda: store_db["users"], lambda head: head.get("version"))


def _head(store_db, key):
    return store_db["users"].find_one({"_id": key})


def test_a_newer_revision_replaces_an_older_one_and_not_the_other_way(latest, store_db):
    assert latest.write("u1", 1, {"version": 1, "name": "An"})
    assert latest.write("u1", 3, {"version": 3, "name": "Ba"})
    assert not latest.write("u1", 2, {"version": 2, "name": "stale"})
    assert not latest.write("u1", 3, {"version": 3, "name": "again"})
    assert _head(store_db, "u1") == {"_id": "u1", "version": 3, "name": "Ba"}
    assert latest.current("u1") == (3, {"_id": "u1", "version": 3, "name": "Ba"})
    assert latest.current("nobody") is None


def test_revisions_compare_as_times_and_lists_too(store_db):
    rounds = Latest(lambda: store_db["rounds"], lambda head: head.get("event_time"))
    t = datetime(2026, 3, 1, 8, 0, tzinfo=timezone.utc)
    assert rounds.write("r1", t, {"event_time": t, "due": "15/03"})
    assert rounds.write("r1", t + timedelta(days=1), {"event_time": t + timedelta(days=1), "due": "20/03"})
    # The same instant in another offset is the same revision.
    assert not rounds.write("r1", (t + timedelta(days=1)).astimezone(timezone(timedelta(hours=7))), {"due": "x"})
    assert store_db["rounds"].find_one({"_id": "r1"})["due"] == "20/03"
    pairs = Latest(lambda: store_db["pairs"], lambda head: head.get("rev"))
    assert pairs.write("p", [2, 1], {"rev": [2, 1]})
    assert not pairs.write("p", [1, 9], {"rev": [1, 9]})
    assert pairs.write("p", [2, 2], {"rev": [2, 2]})


def test_a_head_written_before_revisions_were_chained_still_counts(latest, store_db):
    store_db["users"].insert_one({"_id": "u1", "version": 5, "name": "kept"})
    assert latest.current("u1") == (5, {"_id": "u1", "version": 5, "name": "kept"})
    assert not latest.write("u1", 4, {"version": 4, "name": "older"})
    assert latest.write("u1", 6, {"version": 6, "name": "newer"})
    assert _head(store_db, "u1")["name"] == "newer"


def test_a_head_a_writer_died_before_updating_is_repaired(latest, store_db):
    latest.write("u1", 1, {"version": 1, "name": "An"})
    # What a writer that died after its slot and before the head leaves behind.
    store_db["users_revisions"].insert_one({"_id": slot_id("u1", 2), "key": "u1", "rev": 2,
                                            "state": blob.encode({"version": 2, "name": "Bình"})})
    assert _head(store_db, "u1")["name"] == "An"
    assert latest.current("u1")[0] == 2
    latest.repair("u1")
    assert _head(store_db, "u1")["name"] == "Bình"
    assert not latest.write("u1", 2, {"version": 2, "name": "again"})


def test_the_chain_of_a_key_is_found_whatever_its_length(latest):
    for revision in range(1, 40):
        assert latest.write("u1", revision, {"version": revision})
    assert latest.current("u1")[0] == 39
    assert not latest.write("u1", 17, {"version": 17})


def test_racing_writers_leave_the_highest_revision_whoever_lands_last(latest, store_db, threads):
    """For each of 30 keys, 8 writers deliver revisions 1..8 (one each, in a different order per key) at the
    same instant. Read-then-write (the former ``is_newer`` then ``save``) ends below 8 on most keys (measured
    on FerretDB 1.24: 22 keys of 30); here the head and the chain end on 8 for every key."""
    keys, writers = [f"u{k}" for k in range(30)], 8
    together = threading.Barrier(writers)
    orders = {key: random.Random(key).sample(range(1, writers + 1), writers) for key in keys}

    def deliver(i: int) -> None:
        for key in keys:
            together.wait()
            revision = orders[key][i]
            latest.write(key, revision, {"version": revision, "by": i})

    assert threads(writers, deliver) == []
    assert {key: _head(store_db, key)["version"] for key in keys} == {key: writers for key in keys}
    for key in keys:
        assert latest.current(key)[0] == writers
        # Each slot was filled once, and in increasing order of revision.
        slots = sorted(store_db["users_revisions"].find({"key": key}), key=lambda s: s["_id"])
        revisions = [s["rev"] for s in slots]
        assert revisions == sorted(set(revisions)), key


def test_writers_delivering_every_revision_in_any_order_end_on_the_highest(latest, store_db, threads):
    """8 writers each deliver revisions 1..30 of 6 keys, each in its own random order, all at once."""
    keys, top = [f"u{k}" for k in range(6)], 30

    def deliver(i: int) -> None:
        work = [(key, rev) for key in keys for rev in range(1, top + 1)]
        random.Random(i).shuffle(work)
        for key, rev in work:
            latest.write(key, rev, {"version": rev, "by": i})

    assert threads(8, deliver) == []
    for key in keys:
        assert _head(store_db, key)["version"] == top, key
        slots = sorted(store_db["users_revisions"].find({"key": key}), key=lambda s: s["_id"])
        revisions = [s["rev"] for s in slots]
        assert revisions == sorted(set(revisions)) and revisions[-1] == top, key


def test_a_row_version_is_stored_once_however_many_deliver_it(store_db, threads):
    stored = []
    assert threads(8, lambda i: stored.append(i) if record_version(
        store_db["values"], "r1|s1|3", {"round_id": "r1", "school_code": "s1"}, "revision", 3,
        {"values": blob.encode({"a": 1})}) else None) == []
    assert len(stored) == 1
    [row] = store_db["values"].find()
    assert row["_id"] == "r1|s1|3" and row["revision"] == 3 and blob.decode(row["values"]) == {"a": 1}
    assert not record_version(store_db["values"], "r1|s1|3", {"round_id": "r1"}, "revision", 3, {})
    assert record_version(store_db["values"], "r1|s1|2", {"round_id": "r1"}, "revision", 2, {})
