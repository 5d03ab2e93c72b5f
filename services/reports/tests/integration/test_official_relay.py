"""An issued report's ReportIssued leaves through the outbox of the base database: the reports worker relays it
to Kafka (real broker), whatever generation the views are in."""
from __future__ import annotations

import json

import pytest
from kafka import KafkaConsumer
from mongoengine.connection import get_db

from edu71_testing import bearer, fresh_group, wait_until

from ..official_support import HP_WARD, scenario_events
from ..support import consume

pytestmark = pytest.mark.integration


def test_the_worker_relays_report_issued_to_kafka(reports_settings, contracts, events, round_id, project, tokens,
                                                  monkeypatch):
    monkeypatch.setenv("REPORTS_ASOF_SETTLE_SECONDS", "0")
    from edu71.worker import Worker
    from reports.adapters.basedb import BASE_ALIAS
    from reports.app import create_app
    from reports.adapters import basedb
    from reports.worker import spec

    basedb.connect(reports_settings.platform)
    for event in scenario_events(events, round_id):
        consume(event, history=True)
    project()
    client = create_app().test_client()
    commune = bearer(tokens.commune(HP_WARD))
    r = client.put(f"/official-reports/{round_id}/commune/{HP_WARD}", headers=commune,
                   json={"written": {"shortcomings": "a", "tasks": "b", "proposals": "c"}, "signer_name": "Lê Văn C"})
    assert r.status_code == 200, r.json
    r = client.post(f"/official-reports/{round_id}/commune/{HP_WARD}/issue", headers=commune)
    assert r.status_code == 201, r.json
    issued = r.json
    worker = Worker(reports_settings.platform, spec(group=fresh_group("reports-test")))
    consumer = KafkaConsumer(contracts.topic_for("ReportIssued"),
                             bootstrap_servers=reports_settings.platform.kafka.bootstrap_servers,
                             group_id=None, auto_offset_reset="earliest", consumer_timeout_ms=1000)
    try:
        worker.start()
        published = get_db(BASE_ALIAS)["outbox_published"]
        wait_until(lambda: published.count_documents({}) >= 1, "the issue to be relayed")
        found = []

        def seen():
            for record in consumer:
                envelope = json.loads(record.value)
                if envelope["type"] == "vn.edu71.ReportIssued.v1" and \
                        envelope["data"]["report_id"] == issued["report_id"]:
                    found.append(envelope)
            return found

        [envelope] = wait_until(seen, "ReportIssued on Kafka")
        assert envelope["subject"] == "31" and envelope["data"]["sha256"] == issued["sha256"]
        assert envelope["data"]["number_symbol"] == "01/BC-UBND"
    finally:
        worker.shutdown()
        consumer.close()
