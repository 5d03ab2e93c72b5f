"""The work queues' doorbell (:mod:`edu71.store.doorbell`): a put wakes whoever waits on its queue, in this
process and in another one of the host; a ring nobody hears, or one to a listener that died, breaks nothing.

The waits below are bounds on a failing test, never assertions about speed: what is checked is *whether* the
bell rang (the count a wait returns), not how soon.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading

import pytest

from edu71.store import doorbell
from edu71.store.queue import WorkQueue
from edu71_testing import wait_until

pytestmark = pytest.mark.integration

#: Long enough that a test fails rather than passes by waiting it out.
BOUND = 120


@pytest.fixture
def queue(store_db):
    return WorkQueue("bell_queue", lambda: store_db)


def test_a_put_wakes_a_poller_waiting_on_the_queue_in_this_process(queue):
    bell = queue.bell
    seen = bell.rung
    woke: list[int] = []
    waiter = threading.Thread(target=lambda: woke.append(bell.wait(seen, BOUND)))
    waiter.start()
    assert queue.put("work-1")
    waiter.join(BOUND)
    assert woke and woke[0] != seen


def test_a_ring_between_reading_the_count_and_waiting_is_not_lost(queue):
    bell = queue.bell
    seen = bell.rung
    queue.put("work-1")  # as if put while the poller was busy with its pass
    assert bell.wait(seen, BOUND) != seen


def test_an_entry_already_waiting_rings_nothing(queue):
    queue.put("work-1")
    seen = queue.bell.rung
    assert not queue.put("work-1")
    assert queue.bell.rung == seen


def test_a_put_in_another_process_wakes_a_listener_here(queue, store_db, stack):
    bell = queue.bell
    with bell.listening():
        seen = bell.rung
        writer = ("from pymongo import MongoClient; from edu71.store.queue import WorkQueue; "
                  f"db = MongoClient({stack.mongodb_uri!r})[{store_db.name!r}]; "
                  "assert WorkQueue('bell_queue', lambda: db).put('from-another-process')")
        subprocess.run([sys.executable, "-c", writer], check=True, timeout=BOUND)
        assert bell.wait(seen, BOUND) != seen
    assert [e["_id"] for e in queue.ready(10)] == ["from-another-process"]


def test_the_last_poller_to_leave_takes_its_socket_away(queue):
    bell = queue.bell
    with bell.listening():
        with bell.listening():
            own = bell._listening.path
            assert own.exists()
        assert own.exists()
    wait_until(lambda: not own.exists(), "the listener's socket to go")


def test_a_ring_nobody_hears_or_to_a_listener_that_died_breaks_nothing(queue):
    bell = queue.bell
    assert not bell.directory.exists() or not os.listdir(bell.directory)
    assert queue.put("nobody-listens")
    # A listener that died without removing its socket: the ring is refused, and its file goes.
    bell.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    dead = bell.directory / "1.1"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(dead))
    sock.close()
    assert queue.put("after-a-death")
    assert not dead.exists()
    assert {e["_id"] for e in queue.ready(10)} == {"nobody-listens", "after-a-death"}


def test_bells_are_per_queue(store_db):
    one, other = WorkQueue("bell_one", lambda: store_db), WorkQueue("bell_other", lambda: store_db)
    seen = other.bell.rung
    one.put("x")
    assert other.bell.rung == seen
    assert one.bell is doorbell.bell(f"{store_db.name}/bell_one")
