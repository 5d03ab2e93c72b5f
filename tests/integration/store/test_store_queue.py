"""Contract of :class:`edu71.store.queue.WorkQueue` on the real store: no work item is lost, a claim is won once,
a retry is a new entry, and nothing is ever updated in place."""
from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

import pytest

from edu71.store.queue import WorkQueue, attempt_of, entry_id, key_of

pytestmark = pytest.mark.integration

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=timezone.utc)


@pytest.fixture
def queue(store_db):
    return WorkQueue("contract_queue", lambda: store_db)


def test_putting_the_same_entry_twice_keeps_one(queue):
    assert queue.put("a", due=T0, channel="email")
    assert not queue.put("a", due=T0 + timedelta(hours=1), channel="webhook")
    [only] = queue.ready(10)
    assert only["_id"] == "a" and only["channel"] == "email" and only["due"] == T0


def test_ready_gives_what_is_due_oldest_first(queue):
    queue.put("late", due=T0 + timedelta(minutes=5))
    queue.put("b", due=T0)
    queue.put("a", due=T0)
    queue.put("earliest", due=T0 - timedelta(minutes=1))
    assert [e["_id"] for e in queue.ready(10, now=T0)] == ["earliest", "a", "b"]
    assert [e["_id"] for e in queue.ready(10, now=T0 + timedelta(minutes=5))] == ["earliest", "a", "b", "late"]
    assert [e["_id"] for e in queue.ready(10)] == ["earliest", "a", "b", "late"]


def test_entries_without_a_due_time_are_ordered_by_when_they_were_put(queue):
    queue.put("second", at=T0 + timedelta(seconds=1))
    queue.put("first", at=T0)
    assert [e["_id"] for e in queue.ready(10)] == ["first", "second"]


def test_done_deletes_exactly_the_entries_named_one_or_several(queue):
    for key in ("a", "b", "c", "d", "e"):
        queue.put(key, at=T0)
    queue.done(["b", "d", "not-waiting"])
    assert [e["_id"] for e in queue.ready(10)] == ["a", "c", "e"]
    queue.done(iter(["c"]))
    queue.done([])
    assert [e["_id"] for e in queue.ready(10)] == ["a", "e"]


def test_a_retry_is_a_new_entry_with_its_own_due_time_and_the_old_one_goes(queue, store_db):
    queue.put("d-1", due=T0, channel="email")
    [first] = queue.ready(10, now=T0)
    queue.retry(first, T0 + timedelta(minutes=1))
    assert queue.ready(10, now=T0) == []
    [second] = queue.ready(10, now=T0 + timedelta(minutes=1))
    assert second["_id"] == entry_id("d-1", 1) == "d-1#1"
    assert (key_of(second), attempt_of(second), second["channel"]) == ("d-1", 1, "email")
    queue.retry(second, T0 + timedelta(minutes=3))
    [third] = queue.ready(10, now=T0 + timedelta(minutes=3))
    assert (third["_id"], key_of(third), attempt_of(third)) == ("d-1#2", "d-1", 2)
    queue.done([third["_id"]])
    assert store_db["contract_queue"].count_documents({}) == 0


def test_a_retry_interrupted_before_the_old_entry_went_leaves_both_never_none(queue):
    queue.put("k", due=T0)
    [first] = queue.ready(10)
    # What a worker that died inside retry() leaves: the next attempt was put, the old entry not yet deleted.
    queue.put(key_of(first), attempt=1, due=T0)
    queue.retry(first, T0)  # the retry done again is harmless
    assert [e["_id"] for e in queue.ready(10)] == ["k#1"]


def test_a_claim_is_won_once_and_taken_over_only_after_its_timeout(queue):
    assert queue.claim("job:1", T0, timeout=300)
    assert not queue.claim("job:1", T0 + timedelta(seconds=299), timeout=300)
    assert queue.claim("job:1", T0 + timedelta(seconds=301), timeout=300)  # its holder died
    assert not queue.claim("job:1", T0 + timedelta(seconds=302), timeout=300)
    assert queue.claim("job:2", T0, timeout=300)


def test_of_many_claimants_at_once_exactly_one_wins(queue, threads):
    wins = []
    for job in range(20):
        round_wins = []
        assert threads(8, lambda i: round_wins.append(i) if queue.claim(f"job:{job}", T0, 300) else None) == []
        wins.append(len(round_wins))
    assert wins == [1] * 20


def test_concurrent_producers_and_claiming_workers_lose_no_item_and_work_none_twice(queue, store_db, threads):
    """4 producers put 150 items each while 4 workers claim, retry once, then finish them: every item is
    worked exactly twice (its first attempt and its retry), no item is lost, no attempt is made twice."""
    producers, workers, per_producer = 4, 4, 150
    keys = [f"item-{p}-{n}" for p in range(producers) for n in range(per_producer)]
    produced = [False] * producers
    attempts = store_db["contract_attempts"]

    def produce(p: int) -> None:
        mine = [k for k in keys if k.startswith(f"item-{p}-")]
        random.shuffle(mine)
        for key in mine:
            queue.put(key, due=T0)
        produced[p] = True

    def work(w: int) -> None:
        while True:
            batch = queue.ready(25, now=T0)
            if not batch:
                if all(produced):
                    if not queue.ready(25, now=T0):
                        return
                continue
            random.shuffle(batch)
            for entry in batch:
                if not queue.claim(entry["_id"], T0, 300):
                    continue
                # Recorded by insert: a second attempt at the same work would be a duplicate key error.
                attempts.insert_one({"_id": entry["_id"], "worker": w})
                if attempt_of(entry) == 0:
                    queue.retry(entry, T0)
                else:
                    queue.done([entry["_id"]])

    assert threads(producers + workers, lambda i: produce(i) if i < producers else work(i - producers)) == []
    done = {a["_id"] for a in attempts.find()}
    assert done == set(keys) | {f"{k}#1" for k in keys}
    assert attempts.count_documents({}) == 2 * len(keys)
    assert queue.ready(10) == []
