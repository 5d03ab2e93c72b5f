"""End to end: plan events on Kafka → the notifications worker (in-process) → inbox API, and
NotificationDelivered relayed back to Kafka."""
from __future__ import annotations

import time
import uuid

import pytest
from kafka import KafkaConsumer
from mongoengine.connection import get_db

from edu71.bus.outbox import pending_events
from edu71.contracts import ContractViolation
from edu71_testing import bearer, fresh_group, read_topic, wait_until

from ..support import THCS_HCM

pytestmark = pytest.mark.integration

#: A bound on waiting for effects through Kafka on a busy shared machine, never a speed assertion.
WAIT_SECONDS = 120


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
    # Other tests of the session park garbage on the same topics: this group starts after them.
    worker = Worker(settings, spec(notifications_settings, group=fresh_group("notifications-test")))
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

        for_commune = wait_until(lambda: inbox_item(commune, submitted.id), "the reviewer's notification",
                                 timeout=WAIT_SECONDS)
        for_school = wait_until(lambda: inbox_item(school, returned.id), "the school's notification",
                                timeout=WAIT_SECONDS)
        assert for_commune["body"].startswith("Trường THCS Thị Trấn 2 đã gửi kế hoạch số 28/KH-THCSTT2 để duyệt")
        assert "- Mục tiêu số 2 (“Tỷ lệ học sinh bỏ học không quá 0,5%”): Làm rõ lộ trình giảm tỷ lệ bỏ học." \
            in for_school["body"]

        # The school's receipt of its submission, once despite the retry.
        receipts = Notification.objects(reference__plan_id=plan_id, kind="plan_submission_receipt")
        assert [(n.recipient_org_unit, n.recipient_role) for n in receipts] == [(THCS_HCM.code, "school")]

        # The relay publishes each NotificationDelivered (reviewer, receipt, return) and empties the outbox.
        wait_until(lambda: Notification.objects(reference__plan_id=plan_id).count() == 3
                 and not any(pending_events(Notification, n.pk) for n in Notification.objects(reference__plan_id=plan_id)),
                 "the outbox to be relayed", timeout=WAIT_SECONDS)
        found = delivered_events(settings, contracts, {for_commune["id"], for_school["id"]})
        assert set(found) == {for_commune["id"], for_school["id"]}
        assert found[for_commune["id"]]["key"] == "27496"
        assert found[for_school["id"]]["key"] == THCS_HCM.code
        assert found[for_commune["id"]]["data"]["source_event_id"] == submitted.id
        assert Notification.objects(source_event_id=submitted.id, kind="plan_submitted").count() == 1
    finally:
        worker.shutdown()
        producer.close()


def test_the_worker_mails_the_reviewers_registered_in_the_directory(service_settings, contracts, plan_events,
                                                                    directory, smtp_sink):
    """Directory and plan events on Kafka → the real worker's consumer, queue loop and SMTP → aiosmtpd."""
    from edu71.bus.producer import EventProducer
    from edu71.worker import Worker
    from notifications.adapters.documents import Delivery, DirectoryUser
    from notifications.worker import spec

    settings = service_settings.platform
    group = fresh_group("notifications-test")
    worker = Worker(settings, spec(service_settings, group=group))
    producer = EventProducer(settings.kafka, contracts, "notifications-test")
    try:
        worker.start()
        user = directory.commune_user("u-rev-27496", "27496", "79", email="tuan@tanan.gov.vn", name="Trần Minh Tuấn")
        assert producer.publish([user])[0].ok
        wait_until(lambda: DirectoryUser.objects(id="u-rev-27496").first(), "the directory projection",
                   timeout=WAIT_SECONDS)
        plan_id = f"pln-{uuid.uuid4()}"
        submitted = plan_events.submitted(THCS_HCM, plan_id=plan_id)
        # The same school's next event follows the copy on its partition: once it is handled, so was the copy,
        # whatever the host's speed (a pause would only have given the copy a chance to be reached).
        after = plan_events.returned(THCS_HCM, [{"anchor_kind": "target", "anchor": "1", "text": "Làm rõ lộ trình."}],
                                     plan_id=plan_id)
        assert all(d.ok for d in producer.publish([submitted, submitted, after]))
        # A new consumer group replays the topics from the start, so earlier tests' plan events may mail this
        # reviewer too: look at this submission's delivery only.
        # Other tests' directory events (on the same topics) may add reviewers of this commune: this reviewer's.
        delivery = wait_until(lambda: Delivery.objects(source_event_id=submitted.id, recipient_user_id="u-rev-27496",
                                                       status="delivered").first(),
                              "the delivery's outcome", timeout=WAIT_SECONDS)
        wait_until(lambda: get_db(settings.service)["inbox"].find_one({"_id": f"{group}:{after.id}"}),
                   "the event after the copy to be handled", timeout=WAIT_SECONDS)
        assert Delivery.objects(source_event_id=submitted.id, recipient_user_id="u-rev-27496").count() == 1
        assert delivery.attempts == 1
        mine = [(e, m) for e, m in zip(smtp_sink.received, smtp_sink.messages())
                if m["Message-ID"].startswith(f"<{delivery.id}@")]
        assert len(mine) == 1
        envelope, msg = mine[0]
        assert envelope.rcpt_tos == ["tuan@tanan.gov.vn"]
        assert "Trường THCS Thị Trấn 2 đã gửi kế hoạch số 28/KH-THCSTT2 để duyệt" in \
            msg.get_body(("plain",)).get_content()
    finally:
        worker.shutdown()
        producer.close()


def test_malformed_and_unknown_events_are_dead_lettered_and_the_worker_goes_on(
        notifications_settings, contracts, directory):
    import json

    from kafka import KafkaProducer

    from edu71.bus.producer import EventProducer
    from edu71.worker import Worker
    from notifications.adapters.documents import DirectoryUser
    from notifications.worker import spec

    settings = notifications_settings.platform
    # Other tests of the session park garbage on the same topics: this group starts after them.
    group = fresh_group("notifications-test")
    worker = Worker(settings, spec(notifications_settings, group=group))
    raw = KafkaProducer(bootstrap_servers=settings.kafka.bootstrap_servers.split(","))
    producer = EventProducer(settings.kafka, contracts, "notifications-test")
    good = directory.school_user("u-after-poison", THCS_HCM, email="hoa@thcs.edu.vn")
    unknown = json.loads(good.to_json())
    unknown.update(id=str(uuid.uuid4()), type="vn.edu71.SomethingNobodyKnows.v1",
                   dataschema="urn:edu71:events:SomethingNobodyKnows:v1")
    malformed = json.loads(good.to_json())
    malformed["id"] = str(uuid.uuid4())
    del malformed["data"]["email"]
    topic = contracts.topic_for("UserRegistered")
    try:
        worker.start()
        raw.send(topic, key=b"garbage", value=b"{not json").get(10)
        raw.send(topic, key=b"unknown", value=json.dumps(unknown).encode()).get(10)
        raw.send(topic, key=b"malformed", value=json.dumps(malformed).encode()).get(10)
        assert producer.publish([good])[0].ok
        wait_until(lambda: DirectoryUser.objects(id="u-after-poison").first(), "the good event after the poison",
                   timeout=WAIT_SECONDS)

        def parked_all() -> list[dict] | None:
            # The three keys hash to three partitions, parked in no order between them: the first dead letter
            # seen says nothing of the other two.
            got = [e["data"] for e in read_topic(settings.kafka.bootstrap_servers, "edu71.deadletter.v1")
                   if e["data"].get("consumer_group") == group]
            return got if {letter["original_key"] for letter in got} >= {"garbage", "malformed", "unknown"} else None

        found = wait_until(parked_all, "the three dead letters", timeout=WAIT_SECONDS)
        # Dead-lettering is at least once (a rebalance between parking and committing parks again):
        # count each original message once, by its position.
        parked = {(letter["original_partition"], letter["original_offset"]): letter["original_key"]
                  for letter in found}
        assert sorted(parked.values()) == ["garbage", "malformed", "unknown"]
        assert all(letter["original_topic"] == topic for letter in found)
        assert "u-after-poison" in {u.id for u in DirectoryUser.objects}
    finally:
        worker.shutdown()
        raw.close()
        producer.close()
