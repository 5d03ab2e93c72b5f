"""Marking a notification read is a change like any other: a new version recorded with its change
document, never an update of the head in place, and the first time it was read is kept when several
readers mark it at once."""
from __future__ import annotations

import threading

import pytest

from edu71.bus.outbox import history, load
from edu71_testing import bearer

from ..support import THCS_HCM

pytestmark = pytest.mark.integration


@pytest.fixture
def app(notifications_settings):
    from notifications.app import create_app

    return create_app()


@pytest.fixture
def notification_id(wired, plan_events, app, tokens):
    assert wired.notices.plan_event(plan_events.submitted(THCS_HCM, version=1)) == 1
    [item] = app.test_client().get("/inbox", headers=bearer(tokens.commune("27496", "79"))).json["items"]
    return item["id"]


def test_marking_read_records_a_version_and_the_head_is_that_version(app, notification_id, tokens):
    from notifications.adapters.documents import Notification

    before = load(Notification, notification_id)
    r = app.test_client().post(f"/inbox/{notification_id}/read", headers=bearer(tokens.commune("27496", "79")))
    assert r.status_code == 200, r.json
    changes = history(Notification, notification_id)
    head = load(Notification, notification_id)
    assert [c["version"] for c in changes] == list(range(1, before.doc_version + 2))
    assert head.doc_version == changes[-1]["version"]
    assert changes[-2]["state"].get("read_at") is None
    assert changes[-1]["state"]["read_at"] is not None and head.read_at is not None


def test_readers_marking_at_once_keep_one_first_time(app, notification_id, tokens):
    from notifications.adapters.documents import Notification

    headers = bearer(tokens.commune("27496", "79"))
    answers, start = [], threading.Barrier(6)

    def mark() -> None:
        client = app.test_client()
        start.wait()
        answers.append(client.post(f"/inbox/{notification_id}/read", headers=headers).json["read_at"])

    threads = [threading.Thread(target=mark) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(answers) == 6 and len(set(answers)) == 1
    changes = history(Notification, notification_id)
    assert sum(1 for before, after in zip(changes, changes[1:])
               if before["state"].get("read_at") is None and after["state"].get("read_at") is not None) == 1
    assert load(Notification, notification_id).doc_version == changes[-1]["version"]
