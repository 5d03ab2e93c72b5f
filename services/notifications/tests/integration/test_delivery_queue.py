"""The delivery queue on the store's work queue: a retry is a new entry due after the backoff (never an update
of the old one), and an entry left behind by a worker that died between recording an attempt and queueing the
next is replaced by the entry it should have been, without a second attempt."""
from __future__ import annotations

import pytest

from edu71.bus.outbox import load

from ..support import routes, THCS_HCM

pytestmark = pytest.mark.integration


def _queued(delivery_cls) -> dict[str, dict]:
    return {e["_id"]: e for e in delivery_cls._get_db()["delivery_queue"].find()}


@pytest.fixture
def failed_once(wiring, directory, plan_events, smtp_sink, clock):
    from notifications.adapters.documents import Delivery

    wired, queue = wiring, wiring.deliveries
    routes(wired)["UserRegistered"](directory.school_user("u-hoa", THCS_HCM, email="hoa@thcs.edu.vn"))
    smtp_sink.stop()
    wired.notices.plan_event(plan_events.approved(THCS_HCM))
    [d] = Delivery.objects
    assert set(_queued(Delivery)) == {d.id}
    assert queue.run_once() == 1
    return queue, load(Delivery, d.id)


def test_a_failed_attempt_queues_the_next_as_a_new_entry_due_after_the_backoff(failed_once, smtp_sink, clock):
    from notifications.adapters.documents import Delivery

    queue, d = failed_once
    assert (d.status, d.attempts) == ("pending", 1)
    [(entry_id, entry)] = _queued(Delivery).items()
    assert entry_id == f"{d.id}#1" and entry["due"] == d.next_attempt_at and entry["try"] == 1
    smtp_sink.start()
    clock.advance(seconds=60)
    assert queue.run_once() == 1
    assert load(Delivery, d.id).status == "delivered" and len(smtp_sink.received) == 1
    assert _queued(Delivery) == {}


def test_an_entry_behind_its_delivery_is_replaced_by_the_next_attempt_not_worked_again(failed_once, smtp_sink,
                                                                                       clock):
    from notifications.adapters.documents import Delivery

    queue, d = failed_once
    entries = Delivery._get_db()["delivery_queue"]
    # What a worker that died after recording attempt 1 and before queueing attempt 2 leaves behind.
    entries.delete_one({"_id": f"{d.id}#1"})
    entries.insert_one({"_id": d.id, "at": d.created_at, "due": d.created_at, "channel": "email"})
    smtp_sink.start()
    assert queue.run_once() == 0 and not smtp_sink.received
    assert set(_queued(Delivery)) == {f"{d.id}#1"}
    assert queue.run_once() == 0  # not due before the backoff
    clock.advance(seconds=60)
    assert queue.run_once() == 1
    assert (load(Delivery, d.id).status, len(smtp_sink.received)) == ("delivered", 1)
