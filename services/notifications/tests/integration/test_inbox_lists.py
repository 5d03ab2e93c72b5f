"""Inboxes are read from their lists (notifications.adapters.inbox), not from the collection: what an inbox shows
comes from its entries, a redelivered event lists a notification its first delivery stored but did not list,
notifications arriving together are all listed, and notifications stored before the inboxes existed are listed
once by the worker's backfill (the real store)."""
from __future__ import annotations

import threading

import pytest

from edu71_testing import bearer

from ..support import THCS_HCM, at

pytestmark = pytest.mark.integration


@pytest.fixture
def client(notifications_settings):
    from notifications.app import create_app

    return create_app().test_client()


def test_an_inbox_shows_what_its_list_holds_and_the_backfill_lists_what_came_before(wired, plan_events, client,
                                                                                   tokens):
    from notifications.adapters import inbox
    from notifications.adapters.documents import Notification

    commune = bearer(tokens.commune("27496", "79"))
    assert wired.notices.plan_event(at(plan_events.submitted(THCS_HCM, version=1), "2026-01-29T02:15:00.000Z")) == 1
    [stored] = Notification._get_collection().find({})
    # A notification stored before the inboxes existed: in the collection, in no list.
    Notification._get_collection().insert_one({**stored, "_id": "older", "dedupe_key": "older",
                                               "occurred_at": stored["occurred_at"].replace(year=2025)})
    assert [i["id"] for i in client.get("/inbox", headers=commune).json["items"]] == [stored["_id"]]
    assert inbox.Inbox().backfill() == 1
    body = client.get("/inbox", headers=commune).json
    assert (body["total"], body["unread"]) == (2, 2)
    assert [i["id"] for i in body["items"]] == [stored["_id"], "older"]
    assert inbox.Inbox().backfill() == 0  # done once, marked
    inbox.LISTS.collection.drop()
    assert client.get("/inbox/unread-count", headers=commune).json == {"unread": 0}


def test_a_redelivered_event_lists_what_its_first_delivery_stored_but_did_not_list(wired, plan_events, client,
                                                                                   tokens):
    from notifications.adapters import inbox

    commune = bearer(tokens.commune("27496", "79"))
    event = plan_events.submitted(THCS_HCM, version=1)
    assert wired.notices.plan_event(event) == 1
    inbox.LISTS.collection.drop()  # what a worker that died between storing and listing leaves
    assert client.get("/inbox", headers=commune).json["total"] == 0
    assert wired.notices.plan_event(event) == 0  # nothing new is stored...
    assert client.get("/inbox", headers=commune).json["total"] == 1  # ...and it is listed


def test_notifications_arriving_together_are_all_listed_and_counted(wired, plan_events, client, tokens,
                                                                   notifications_settings):
    from notifications.bootstrap import use_cases

    events = [plan_events.submitted(THCS_HCM, plan_id=f"pln-{i}", version=1) for i in range(24)]
    start, failures = threading.Barrier(6), []

    def deliver(i: int) -> None:
        own = use_cases(notifications_settings).notices
        start.wait()
        for event in events[i::6]:
            if own.plan_event(event) != 1:
                failures.append(event.id)

    threads = [threading.Thread(target=deliver, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert failures == []
    commune = bearer(tokens.commune("27496", "79"))
    body = client.get("/inbox?page_size=100", headers=commune).json
    assert (body["total"], body["unread"], len(body["items"])) == (24, 24, 24)
    assert sorted(i["reference"]["plan_id"] for i in body["items"]) == sorted(f"pln-{i}" for i in range(24))
    first = body["items"][0]["id"]
    assert client.post(f"/inbox/{first}/read", headers=commune).status_code == 200
    assert client.get("/inbox/unread-count", headers=commune).json == {"unread": 23}
    unread = client.get("/inbox?unread=true&page_size=100", headers=commune).json
    assert unread["total"] == 23 and first not in {i["id"] for i in unread["items"]}
