"""The notifications handlers against the real store: one insert with its event, duplicates, races."""
from __future__ import annotations

import json
import threading

import pytest

from edu71.bus.outbox import pending_events, recorded_events

from ..support import THCS_HCM, THPT_HP, TH_HP

pytestmark = pytest.mark.integration


def test_plan_submitted_creates_the_reviewers_notification_and_its_event_in_one_document(
        wired, plan_events, contracts):
    from notifications.adapters.documents import Notification

    event = plan_events.submitted(THCS_HCM)
    assert wired.notices.plan_event(event) == 1
    [n] = Notification.objects(source_event_id=event.id)
    assert (n.recipient_org_unit, n.recipient_role, n.kind, n.channel) == ("27496", "commune", "plan_submitted",
                                                                           "in_app")
    assert n.dedupe_key == f"{event.id}:27496:in_app"
    assert n.body.startswith("Trường THCS Thị Trấn 2 đã gửi kế hoạch số 28/KH-THCSTT2 để duyệt")
    assert n.read_at is None and n.school_code == THCS_HCM.code
    assert n.doc_version == 1
    [entry] = pending_events(Notification, n.pk)
    assert entry.name == "NotificationDelivered" and entry.key == "27496"
    delivered = contracts.validate(json.loads(entry.to_json()))  # exactly what the relay will publish
    assert delivered.data["notification_id"] == n.id
    assert delivered.data["source_event_id"] == event.id
    assert (delivered.data["channel"], delivered.data["status"], delivered.data["attempts"]) == ("in_app",
                                                                                                 "delivered", 1)
    assert delivered.data["recipient"]["org_unit"] == "27496"


def test_redelivered_event_is_recognised_and_changes_nothing(wired, plan_events):
    from notifications.adapters.documents import Notification

    event = plan_events.returned(TH_HP, [{"anchor_kind": "plan", "anchor": "", "text": "Bổ sung số, ký hiệu."}])
    assert wired.notices.plan_event(event) == 1
    before = Notification.objects.get(source_event_id=event.id)
    for _ in range(3):
        assert wired.notices.plan_event(event) == 0
    assert Notification.objects(source_event_id=event.id).count() == 1
    after = Notification.objects.get(source_event_id=event.id)
    assert (after.id, after.created_at, len(recorded_events(Notification, after.pk))) == (before.id,
                                                                                          before.created_at, 1)


def test_concurrent_deliveries_of_one_event_create_one_notification(wired, plan_events):
    """Two consumers handling the same event at once (a rebalance): the unique key lets only one insert in."""
    from notifications.adapters.documents import Notification

    event = plan_events.approved(THCS_HCM, comment="Đồng ý phê duyệt.")
    barrier = threading.Barrier(6)
    created, errors = [], []

    def deliver():
        try:
            barrier.wait(5)
            created.append(wired.notices.plan_event(event))
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=deliver) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors and sorted(created) == [0, 0, 0, 0, 0, 1]
    assert Notification.objects(source_event_id=event.id).count() == 1


def test_thpt_plan_goes_to_the_city_and_decisions_go_to_the_school(wired, plan_events):
    from notifications.adapters.documents import Notification

    submitted = plan_events.submitted(THPT_HP, number_symbol="15/KH-THPTNDN")
    approved = plan_events.approved(THPT_HP, comment="Đồng ý.")
    wired.notices.plan_event(submitted)
    wired.notices.plan_event(approved)
    assert Notification.objects.get(source_event_id=submitted.id).recipient_org_unit == "31"
    assert Notification.objects.get(source_event_id=submitted.id).recipient_role == "city"
    school_note = Notification.objects.get(source_event_id=approved.id)
    assert (school_note.recipient_org_unit, school_note.recipient_role) == (THPT_HP.code, "school")
    assert school_note.body.endswith("Ý kiến: Đồng ý.")


def test_events_in_any_order_each_notify_once(wired, plan_events):
    """A decision handled before the submission it answers (e.g. a replay) is still one notification each."""
    from notifications.adapters.documents import Notification

    submitted = plan_events.submitted(TH_HP, number_symbol="12/KH-THHT")
    returned = plan_events.returned(TH_HP, [{"anchor_kind": "section", "anchor": "II.2", "text": "Bổ sung."}])
    for event in (returned, submitted, returned, submitted):
        wired.notices.plan_event(event)
    assert Notification.objects.count() == 2
    assert {n.recipient_role for n in Notification.objects} == {"commune", "school"}
