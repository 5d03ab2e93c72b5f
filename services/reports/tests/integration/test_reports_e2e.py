"""End to end: real events on Kafka → the reports worker (in-process) → the store → the API."""
from __future__ import annotations


import pytest
from mongoengine.connection import get_db

from edu71_testing import bearer, fresh_group, wait_until

from ..support import SCHOOLS, count, ratio

pytestmark = pytest.mark.integration



def test_worker_consumes_real_events_and_the_rollup_appears(reports_settings, contracts, events, round_id, tokens):
    from edu71.bus.producer import EventProducer
    from edu71.worker import Worker
    from reports.app import create_app
    from reports.worker import spec

    settings = reports_settings.platform
    group = fresh_group("reports-test")
    worker = Worker(settings, spec(group=group))
    client = create_app(reports_settings).test_client()
    producer = EventProducer(settings.kafka, contracts, "reports-test")
    school = SCHOOLS["thcs_hp"]
    city = bearer(tokens.city("31"))
    try:
        worker.start()
        opened = events.round_opened(round_id)
        first = events.values(school, 1, [ratio("TEACHERS_QUALIFIED", 20, 30), count("SMART_CLASSROOMS", 0)],
                              round_id=round_id)
        second = events.values(school, 2, [ratio("TEACHERS_QUALIFIED", 28, 30), count("SMART_CLASSROOMS", 1)],
                               round_id=round_id)
        # After revision 2: the same revision-1 event again (a re-delivery, same id) and another
        # revision-1 event (new id, e.g. a producer replay). Same key, so they arrive after revision 2.
        replayed = events.values(school, 1, [ratio("TEACHERS_QUALIFIED", 0, 30)], round_id=round_id)
        deliveries = producer.publish([opened, first, second, first, replayed])
        assert [d.ok for d in deliveries] == [True] * 5, deliveries

        def rollup_at_revision_2():
            r = client.get(f"/rollups/{round_id}", headers=city)
            if r.status_code != 200 or r.json["round"] is None:
                return None
            teachers = next(i for i in r.json["indicators"] if i["indicator_code"] == "TEACHERS_QUALIFIED")
            return r.json if teachers["numerator"] == 28 else None

        body = wait_until(rollup_at_revision_2, "the roll-up of revision 2")
        # Wait until the consumer has handled the late revision-1 event too (its inbox record is
        # written after the handler), then check it changed nothing.
        inbox = get_db(settings.service)["inbox"]
        wait_until(lambda: inbox.count_documents({"_id": f"{group}:{replayed.id}"}),
                 "the late revision-1 event to be handled")

        r = client.get(f"/rollups/{round_id}", headers=city)
        assert r.status_code == 200
        by_code = {i["indicator_code"]: i for i in r.json["indicators"]}
        assert (by_code["TEACHERS_QUALIFIED"]["numerator"], by_code["TEACHERS_QUALIFIED"]["denominator"]) == (28, 30)
        assert by_code["SMART_CLASSROOMS"]["value"] == 1
        assert body["round"]["name"] == "Sơ kết học kỳ I năm học 2025–2026"
        rows = client.get(f"/rollups/{round_id}/schools", headers=city).json["items"]
        assert [(row["school_code"], row["revision"]) for row in rows] == [(school.code, 2)]
        assert inbox.count_documents({"_id": {"$in": [f"{group}:{e.id}" for e in (opened, first, second)]}}) == 3
    finally:
        worker.shutdown()
        producer.close()
