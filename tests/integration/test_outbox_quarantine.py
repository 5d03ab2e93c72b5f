"""No single record stops a relay: what the store or Kafka refuses is quarantined, the rest flows on.

Over the real broker and store. Each case once stopped every event of the
service (the relay retried the same record forever, or its loop crashed and
restarted into it again).
"""
from __future__ import annotations

import threading
import uuid
from datetime import datetime, timezone

import pytest
from bson.binary import Binary
from kafka import KafkaProducer
from mongoengine import ValidationError
from mongoengine.connection import get_db
from prometheus_client import REGISTRY

from edu71.bus.consumer import EventConsumer
from edu71.bus.outbox import (HINTS, QUARANTINE, OutboxRelay, UnstorableDocument, change_id, load, quarantined,
                              save_with_events)
from edu71.bus.producer import EventProducer
from edu71.config import platform_settings
from edu71.contracts import Contracts
from edu71.orgs import SEED_SCHOOLS
from edu71_testing import bearer, fresh_group, read_topic, wait_until

pytestmark = pytest.mark.integration

SCHOOL = SEED_SCHOOLS[1]


@pytest.fixture
def plans_app(fresh_databases):
    from plans.app import create_app

    return create_app()


@pytest.fixture
def relay(plans_app):
    from plans.adapters.documents import Plan

    settings = platform_settings("plans")
    producer = EventProducer(settings.kafka, Contracts(settings.contracts_dir), "plans")
    relay = OutboxRelay("plans", "plans", producer, [Plan], monitor_every=0.2)
    yield relay
    producer.close()


def _submitted(client, token, title: str) -> str:
    plan = client.post("/plans", json={"title": title, "year": 2026, "number_symbol": "9/KH"}, headers=bearer(token))
    assert plan.status_code == 201, plan.json
    submitted = client.post(f"/plans/{plan.json['id']}/submit", headers=bearer(token))
    assert submitted.status_code == 200, submitted.json
    return plan.json["id"]


def _relayed_all(relay: OutboxRelay) -> bool:
    relay.run_once()
    return relay.backlog() == 0


def _notice(bootstrap: str, record_id: str) -> dict | None:
    return next((e["data"] for e in read_topic(bootstrap, "edu71.deadletter.v1")
                 if e["type"] == "vn.edu71.OutboxQuarantined.v1" and e["data"]["record_id"] == record_id), None)


def _gauge(name: str) -> float | None:
    return REGISTRY.get_sample_value(name, {"service": "plans"})


def test_a_state_the_store_would_refuse_is_refused_before_anything_is_stored(plans_app):
    from plans.adapters.documents import Plan

    # mongoengine's own check catches a leading "$" but lets "." and NUL through to the store.
    for sections in ({"a.b": "x"}, {"x": [{"c.d": 1}]}, {"$where": "x"}, {"a\x00b": "x"}):
        plan = Plan(school_code=SCHOOL.code, school_name=SCHOOL.name, school_level=SCHOOL.level.value,
                    commune_code=SCHOOL.commune_code, province_code=SCHOOL.province_code, created_by="u",
                    title="Kế hoạch", year=2026, sections=sections)
        with pytest.raises((UnstorableDocument, ValidationError)):
            save_with_events(plan)
        assert Plan.changes().count_documents({}) == 0 and Plan._get_collection().count_documents({}) == 0


def test_a_head_the_store_refuses_is_quarantined_and_later_changes_still_flow(plans_app, relay, tokens, stack):
    """A change stored before its head could be written (the defect: a plan whose head the store refused),
    found by the sweep: set aside with the reason, announced, and every later event still published."""
    from plans.adapters.documents import Plan

    client = plans_app.test_client()
    token = tokens.school(SCHOOL)
    broken = client.post("/plans", json={"title": "Bản đầu", "year": 2026}, headers=bearer(token)).json["id"]
    bad = change_id(broken, 2)
    Plan.changes().insert_one({"_id": bad, "agg": broken, "v": 2, "at": datetime.now(timezone.utc),
                               "state": Binary(b"\x05\x00\x00\x00 not a document"), "events": []})

    later = _submitted(client, token, "Kế hoạch gửi sau")
    wait_until(lambda: _relayed_all(relay), "the later plan's events to be relayed")

    assert [(q["_id"], q["stage"]) for q in quarantined("plans")] == [(bad, "head")]
    assert load(Plan, broken).title == "Bản đầu"  # the head stays at the last version the store could show
    published = [e["data"]["plan_id"] for e in read_topic(stack.kafka_bootstrap, "edu71.plans.v1")
                 if e["type"] == "vn.edu71.PlanSubmitted.v1"]
    assert later in published
    notice = wait_until(lambda: _notice(stack.kafka_bootstrap, bad), "the quarantine notice on the dead-letter topic")
    assert notice["service"] == "plans" and notice["stage"] == "head" and notice["reason"]
    relay.report()
    assert _gauge("edu71_outbox_quarantined_records") == 1
    # The sweep does not try it again and again; an operator's release does.
    relay.sweep()
    assert len(quarantined("plans")) == 1
    assert relay.release() == 1 and quarantined("plans") == []


def test_an_event_kafka_refuses_is_quarantined_and_the_rest_is_published(plans_app, relay, tokens, stack):
    """An event larger than Kafka takes, first in line: it once stopped every event behind it."""
    client = plans_app.test_client()
    contracts = Contracts(platform_settings("plans").contracts_dir)
    huge = contracts.new_event("DeadlineApproaching", {
        "round_id": "R", "round_name": "Đợt " + "rất dài " * 200_000, "school": SCHOOL.as_contract(),
        "due_at": "2026-01-15T17:00:00+07:00", "kind": "overdue", "days_left": -1,
    }, subject=SCHOOL.code, source="/edu71/tests")
    record = f"{uuid.uuid4().hex}:{1:010d}"
    entry = {"id": huge.id, "name": huge.name, "key": huge.key, "envelope": huge.to_json()}
    from edu71.store.blob import pack

    get_db("plans")[HINTS].insert_one({"_id": record, "at": datetime(2020, 1, 1, tzinfo=timezone.utc), "n": 1,
                                       "events": pack([entry])})
    after = _submitted(client, tokens.school(SCHOOL), "Kế hoạch sau sự kiện quá lớn")
    wait_until(lambda: _relayed_all(relay), "the hints to be relayed or set aside")

    kept = quarantined("plans")
    assert [(q["_id"], q["stage"]) for q in kept] == [(record, "publish")]
    assert "MessageSizeTooLarge" in kept[0]["reason"]
    assert after in [e["data"]["plan_id"] for e in read_topic(stack.kafka_bootstrap, "edu71.plans.v1")
                     if e["type"] == "vn.edu71.PlanSubmitted.v1"]
    notice = wait_until(lambda: _notice(stack.kafka_bootstrap, record), "the quarantine notice")
    assert notice["event_ids"] == [huge.id]


def test_an_unreadable_hint_is_quarantined_and_the_rest_is_published(plans_app, relay, tokens, stack):
    client = plans_app.test_client()
    record = f"{uuid.uuid4().hex}:{1:010d}"
    get_db("plans")[HINTS].insert_one({"_id": record, "at": datetime(2020, 1, 1, tzinfo=timezone.utc), "n": 1,
                                       "events": Binary(b"not bson at all")})
    after = _submitted(client, tokens.school(SCHOOL), "Kế hoạch sau gợi ý hỏng")
    wait_until(lambda: _relayed_all(relay), "the hints to be relayed or set aside")
    assert [(q["_id"], q["stage"]) for q in quarantined("plans")] == [(record, "decode")]
    assert get_db("plans")[QUARANTINE].find_one({"_id": record})["events"] == b"not bson at all"  # kept as it was
    # Released, the very same bytes go back (and are set aside again, as nothing fixed them).
    assert relay.release([record]) == 1
    assert get_db("plans")[HINTS].find_one({"_id": record})["events"] == b"not bson at all"
    assert after in [e["data"]["plan_id"] for e in read_topic(stack.kafka_bootstrap, "edu71.plans.v1")
                     if e["type"] == "vn.edu71.PlanSubmitted.v1"]


def test_backlog_oldest_age_and_stall_are_fresh_while_the_broker_is_down(plans_app, relay, tokens, stack):
    """The gauges once read 0 during an outage (set only after a pass, which waited on the broker)."""
    client = plans_app.test_client()
    stop = threading.Event()
    running = threading.Thread(target=relay.run, args=(stop,), daemon=True)
    running.start()
    try:
        wait_until(lambda: _gauge("edu71_outbox_backlog") == 0, "the relay to start reporting")
        stack.stop_kafka()
        try:
            for n in range(5):
                _submitted(client, tokens.school(SCHOOL), f"Kế hoạch trong lúc Kafka ngừng {n}")
            wait_until(lambda: _gauge("edu71_outbox_backlog") == 5, "the backlog gauge to show the 5 waiting events")
            wait_until(lambda: _gauge("edu71_outbox_stalled_seconds") > 0, "the stall gauge to rise")
            assert _gauge("edu71_outbox_oldest_event_age_seconds") > 0
        finally:
            stack.start_kafka()
        wait_until(lambda: _gauge("edu71_outbox_backlog") == 0, "the backlog to drain", timeout=120)
        wait_until(lambda: _gauge("edu71_outbox_stalled_seconds") == 0, "the stall gauge to fall back")
    finally:
        stop.set()
        running.join(30)


def test_a_dead_letter_too_large_to_wrap_is_parked_without_its_value(stack):
    """A consumer parks what it cannot read; wrapped in base64 an 800 kB message outgrows Kafka's limit,
    which once made the consumer retry that dead letter forever."""
    settings = platform_settings("tests")
    contracts = Contracts(settings.contracts_dir)
    producer = EventProducer(settings.kafka, contracts, "tests")
    group = fresh_group("probe")  # at the end of the topics: not a replay of every earlier test's poison
    seen: list[str] = []
    consumer = EventConsumer(settings, contracts, producer, group, {"DeadlineApproaching": lambda e: seen.append(e.id)},
                             max_attempts=1, backoff=(0.05, 0.1))
    stop = threading.Event()
    from edu71 import db

    db.connect(settings)
    thread = threading.Thread(target=consumer.run, args=(stop,), daemon=True)
    thread.start()
    good = contracts.new_event("DeadlineApproaching", {
        "round_id": "R", "round_name": "Đợt", "school": SCHOOL.as_contract(),
        "due_at": "2026-01-15T17:00:00+07:00", "kind": "overdue", "days_left": -1,
    }, subject=SCHOOL.code, source="/edu71/tests")
    raw = KafkaProducer(bootstrap_servers=stack.kafka_bootstrap, max_request_size=2_000_000)
    topic = contracts.topic_for("DeadlineApproaching")
    try:
        raw.send(topic, key=f"oversized-{group}".encode(), value=bytes(range(256)) * 3200).get(10)
        assert producer.publish([good])[0].ok

        def parked() -> list[dict]:
            return [e["data"] for e in read_topic(stack.kafka_bootstrap, "edu71.deadletter.v1")
                    if e["data"].get("consumer_group") == group and e["data"]["original_key"] == f"oversized-{group}"]

        # The two keys may land on different partitions, so the good event can be handled first.
        wait_until(lambda: good.id in seen and parked(), "the consumer to park the oversized message and go on")
    finally:
        stop.set()
        thread.join(30)
        raw.close()
        producer.close()
    letters = parked()
    assert len(letters) == 1 and letters[0]["original_value"] == "" and "omitted" in letters[0]["error"]
