"""Delivered deliveries are forgotten after the retention period (``DeliverySettings.retention_days``), on the real
store: taken out of every list first (no list shows or counts a delivery that is gone), then deleted with their
changes, the relay's published marks and the sender's claims; failed ones, recent ones and ones whose event the
relay has not published are kept; a run killed half-way leaves nothing inconsistent and the next one finishes it;
running it again changes nothing."""
from __future__ import annotations

import pytest

from edu71_testing import bearer

from ..support import THCS_HCM
from .test_delivery_lists import _addresses, _admin, _mail_three_units

pytestmark = pytest.mark.integration


@pytest.fixture
def client(notifications_settings):
    from notifications.app import create_app

    return create_app().test_client()


def _published_by_the_relay() -> None:
    """What the outbox relay records once Kafka acknowledged a change's events (no relay runs in these tests)."""
    from edu71.store import blob
    from edu71.store.versioned import PUBLISHED
    from notifications.adapters.documents import Delivery

    marks = Delivery._get_db()[PUBLISHED]
    for change in Delivery.changes().find({}, {"events": 1}):
        if blob.unpack(change["events"]) and marks.find_one({"_id": change["_id"]}) is None:
            marks.insert_one({"_id": change["_id"]})


def _stored(delivery_id: str) -> dict[str, int]:
    """What the store holds of a delivery: its head, its changes, published marks and claims."""
    from edu71.store.versioned import PUBLISHED, change_id
    from notifications.adapters.deliveries import CLAIMS
    from notifications.adapters.documents import Delivery

    database = Delivery._get_db()
    changes = [change_id(delivery_id, v) for v in range(1, 6)]
    return {"head": database[Delivery._get_collection_name()].count_documents({"_id": delivery_id}),
            "changes": sum(Delivery.changes().count_documents({"_id": c}) for c in changes),
            "published": sum(database[PUBLISHED].count_documents({"_id": c}) for c in changes),
            "claims": sum(database[CLAIMS].count_documents({"_id": f"{delivery_id}:{v}"}) for v in range(1, 6))}


def _old_recent_and_failed(wired, directory, indicator_events, plan_events, smtp_sink, clock) -> tuple[list, list]:
    """Four e-mails delivered on day 0; on day 60 one more delivered and one failed after its three attempts."""
    from notifications.adapters.documents import Delivery

    _mail_three_units(wired, directory, indicator_events, plan_events)
    queue = wired.deliveries
    assert queue.run_once() == 4
    old = sorted(d.id for d in Delivery.objects(status="delivered"))
    clock.advance(days=60)
    wired.notices.plan_event(plan_events.approved(THCS_HCM))
    assert queue.run_once() == 1
    smtp_sink.stop()
    wired.notices.plan_event(plan_events.returned(THCS_HCM, [{"anchor_kind": "plan", "anchor": "", "text": "Lại"}]))
    for wait in (60, 120, None):
        assert queue.run_once() == 1
        if wait:
            clock.advance(seconds=wait)
    kept = sorted(d.id for d in Delivery.objects() if d.id not in old)
    assert len(old) == 4
    assert sorted(d.status for d in Delivery.objects() if d.id in kept) == ["delivered", "failed"]
    return old, kept


def test_delivered_deliveries_past_the_retention_are_forgotten_from_every_list_and_the_store(
        client, tokens, wiring, directory, indicator_events, plan_events, smtp_sink, clock):
    from notifications.adapters import delivery_lists
    from notifications.adapters.deliveries import FORGETTING
    from notifications.adapters.documents import Delivery

    old, kept = _old_recent_and_failed(wiring, directory, indicator_events, plan_events, smtp_sink, clock)
    admin, city, school = _admin(tokens), tokens.city("31"), tokens.school(THCS_HCM)
    assert _addresses(client, admin)[0] == 6
    assert wiring.deliveries.forget_delivered() == 0  # day 60: nothing is 90 days old
    clock.advance(days=31)
    # The relay has not published their NotificationDelivered yet: they stay until it has.
    assert wiring.deliveries.forget_delivered() == 0
    assert _addresses(client, admin)[0] == 6
    _published_by_the_relay()

    assert wiring.deliveries.forget_delivered() == 4
    assert all(_stored(d) == {"head": 0, "changes": 0, "published": 0, "claims": 0} for d in old)
    assert sorted(d.id for d in Delivery.objects()) == kept
    assert _addresses(client, admin)[0] == 2  # the day-60 ones
    assert sorted(d["id"] for d in client.get("/deliveries", headers=bearer(admin)).json["items"]) == kept
    assert _addresses(client, admin, "?status=delivered")[0] == 1
    assert _addresses(client, admin, "?status=failed")[0] == 1
    assert _addresses(client, city) == (0, [])  # the city's two e-mails were both of day 0
    assert _addresses(client, school)[0] == 2
    for scope in ("province:31|delivered", "province:79|delivered", "commune:10744|delivered"):
        assert all(item.id not in old for item in delivery_lists.LISTS.items(scope))
    assert Delivery._get_db()[FORGETTING].count_documents({}) == 0

    # Again, and again later: nothing more is forgotten and no list grows.
    entries = delivery_lists.LISTS.collection.count_documents({})
    assert wiring.deliveries.forget_delivered() == 0
    assert delivery_lists.LISTS.collection.count_documents({}) == entries
    clock.advance(days=365)
    _published_by_the_relay()
    forgotten = wiring.deliveries.forget_delivered()
    assert forgotten == 1  # the day-60 delivered one; the failed one stays for the operators
    assert [d.status for d in Delivery.objects()] == ["failed"]
    assert _addresses(client, admin, "?status=failed")[0] == 1


def test_a_run_killed_half_way_leaves_the_lists_consistent_and_the_next_run_finishes(
        client, tokens, wiring, directory, indicator_events, plan_events, smtp_sink, clock, monkeypatch):
    from notifications.adapters import deliveries as adapter
    from notifications.adapters import delivery_lists
    from notifications.adapters.documents import Delivery

    old, kept = _old_recent_and_failed(wiring, directory, indicator_events, plan_events, smtp_sink, clock)
    clock.advance(days=31)
    _published_by_the_relay()
    admin = _admin(tokens)

    class Killed(Exception):
        pass

    def killed(*args, **kwargs):
        raise Killed

    # Killed after noting what to forget, before taking anything out of a list: everything still stands.
    monkeypatch.setattr(delivery_lists, "unlist_delivered", killed)
    with pytest.raises(Killed):
        wiring.deliveries.forget_delivered()
    monkeypatch.undo()
    assert _addresses(client, admin)[0] == 6 and all(_stored(d)["head"] == 1 for d in old)

    # Killed after the lists and the changes, before the heads: the lists already say they are gone.
    real, calls = adapter.delete_ids, []

    def dies_on_the_second(collection, ids):
        calls.append(collection.name)
        if len(calls) == 2:
            raise Killed
        real(collection, ids)

    monkeypatch.setattr(adapter, "delete_ids", dies_on_the_second)
    with pytest.raises(Killed):
        wiring.deliveries.forget_delivered()
    monkeypatch.undo()
    assert _addresses(client, admin)[0] == 2
    assert sorted(d["id"] for d in client.get("/deliveries", headers=bearer(admin)).json["items"]) == kept
    assert all(_stored(d)["changes"] == 0 and _stored(d)["head"] == 1 for d in old)

    # The next run starts with what the killed one noted, and finishes it.
    assert wiring.deliveries.forget_delivered() == 4
    assert all(_stored(d) == {"head": 0, "changes": 0, "published": 0, "claims": 0} for d in old)
    assert sorted(d.id for d in Delivery.objects()) == kept
    assert _addresses(client, admin)[0] == 2
