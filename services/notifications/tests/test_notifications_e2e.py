"""End to end: plan events on Kafka → the notifications worker (in-process) → inbox API, and
NotificationDelivered relayed back to Kafka."""
from __future__ import annotations

import time
import uuid

import pytest
from kafka import KafkaConsumer

from edu71.bus.outbox import pending_events
from edu71.contracts import ContractViolation
from edu71.testing import bearer, wait_until

from .support import THCS_HCM

pytestmark = pytest.mark.integration

WAIT_SECONDS = 60


def delivered_events(settings, contracts, notification_ids: set[str]) -> dict[str, dict]:
    """Read the notifications topic from the start until NotificationDelivered of every id is found."""
    consumer = KafkaConsumer(contracts.topic_for("NotificationDelivered"),
                             bootstrap_servers=settings.kafka.bootstrap_servers.split(","),
                             group_id=None, auto_offset_reset="earliest", enable_auto_commit=False)
    found: dict[str, dict] = {}
    deadline = time.monotonic() + WAIT_SECONDS
    try:
        while set(found) != notification_ids and time.monotonic() < deadline:
            for records in consumer.poll(timeout_ms=500).values():
                for record in records:
                    try:
                        event = contracts.parse(record.value)
                    except ContractViolation:
                        continue  # other tests leave poison messages on the topics
                    if event.name == "NotificationDelivered" and event.data["notification_id"] in notification_ids:
                        found[event.data["notification_id"]] = {"key": record.key.decode(), "data": event.data}
    finally:
        consumer.close()
    return found


def test_worker_turns_plan_events_into_inbox_notifications_and_publishes_their_delivery(
        notifications_settings, contracts, plan_events, tokens):
    from edu71.bus.producer import EventProducer
    from edu71.worker import Worker
    from notifications.adapters.documents import Notification
    from notifications.app import create_app
    from notifications.worker import spec

    settings = notifications_settings.platform
    group = f"notifications-test-{uuid.uuid4().hex[:8]}"
    worker = Worker(settings, spec(notifications_settings, group=group))
    client = create_app(notifications_settings).test_client()
    producer = EventProducer(settings.kafka, contracts, "notifications-test")
    plan_id = f"pln-{uuid.uuid4()}"
    submitted = plan_events.submitted(THCS_HCM, plan_id=plan_id)
    returned = plan_events.returned(THCS_HCM, [{"anchor_kind": "target", "anchor": "1",
                                                "text": "Làm rõ lộ trình giảm tỷ lệ bỏ học."}], plan_id=plan_id)
    commune, school = bearer(tokens.commune("27496", "79")), bearer(tokens.school(THCS_HCM))

    def inbox_item(headers, source_event_id):
        r = client.get("/inbox?page_size=200", headers=headers)
        assert r.status_code == 200, r.json
        return next((i for i in r.json["items"] if i["reference"].get("plan_id") == plan_id
                     and i["kind"] == ("plan_submitted" if source_event_id == submitted.id else "plan_returned")),
                    None)

    try:
        worker.start()
        # The submission twice (a producer retry with the same id): one notification only.
        deliveries = producer.publish([submitted, submitted, returned])
        assert [d.ok for d in deliveries] == [True, True, True], deliveries

        for_commune = wait_until(lambda: inbox_item(commune, submitted.id), "the reviewer's notification")
        for_school = wait_until(lambda: inbox_item(school, returned.id), "the school's notification")
        assert for_commune["body"].startswith("Trường THCS Thị Trấn 2 đã gửi kế hoạch số 28/KH-THCSTT2 để duyệt")
        assert "- Mục tiêu số 2 (“Tỷ lệ học sinh bỏ học không quá 0,5%”): Làm rõ lộ trình giảm tỷ lệ bỏ học." \
            in for_school["body"]

        # The relay publishes each NotificationDelivered and empties the outbox.
        wait_until(lambda: Notification.objects(reference__plan_id=plan_id).count() == 2
                 and not any(pending_events(Notification, n.pk) for n in Notification.objects(reference__plan_id=plan_id)),
                 "the outbox to be relayed")
        found = delivered_events(settings, contracts, {for_commune["id"], for_school["id"]})
        assert set(found) == {for_commune["id"], for_school["id"]}
        assert found[for_commune["id"]]["key"] == "27496"
        assert found[for_school["id"]]["key"] == THCS_HCM.code
        assert found[for_commune["id"]]["data"]["source_event_id"] == submitted.id
        assert Notification.objects(source_event_id=submitted.id).count() == 1
    finally:
        worker.shutdown()
        producer.close()
