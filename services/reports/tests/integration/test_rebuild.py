"""Rebuild with real Kafka: replay the topics into a fresh generation, switch the running API to it, and let
the worker of the new generation continue exactly where the rebuild stopped."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from mongoengine.connection import get_db

from edu71.orgs import demo_schools
from edu71_testing import bearer, fresh_group, wait_until

from ..support import ratio

pytestmark = pytest.mark.integration


def test_rebuild_replays_into_a_new_generation_and_the_api_switches_without_stopping(
        reports_settings, contracts, events, round_id, tokens, monkeypatch):
    from edu71.bus.producer import EventProducer
    from edu71.worker import Worker
    from reports import config
    from reports.app import create_app
    from reports.worker import on_generation, spec

    # Generation 0's group (the base group) starts at the topics' end, so that its worker handles this test's
    # stream rather than first replaying the whole session's; the rebuild itself replays from the start.
    monkeypatch.setenv("REPORTS_CONSUMER_GROUP", fresh_group("reports-rebuild"))
    monkeypatch.setenv("REPORTS_GENERATION_CHECK_SECONDS", "0.2")
    settings = config.load()
    schools = demo_schools("31")[:12]
    stream = [events.round_opened(round_id, indicator_codes=["DROPOUT"]), *[events.school(s) for s in schools]]
    for i, s in enumerate(schools):
        stream.append(events.values(s, 2, [ratio("DROPOUT", i, 100)], round_id=round_id))
        stream.append(events.values(s, 1, [ratio("DROPOUT", 50, 100)], round_id=round_id))  # stale, after
    producer = EventProducer(settings.platform.kafka, contracts, "reports-test")
    api = create_app(settings).test_client()
    city = bearer(tokens.city("31"))

    def dropout():
        r = api.get(f"/rollups/{round_id}", headers=city)
        if r.status_code != 200 or not r.json["indicators"]:
            return None
        figure = r.json["indicators"][0]
        return (figure["numerator"], figure["denominator"], r.json["schools_reporting"])

    expected = (sum(range(len(schools))), 100 * len(schools), len(schools))
    platform0, group0 = on_generation(settings, 0)
    old = Worker(platform0, spec(group0, settings, generation=0))
    new = None
    try:
        assert all(d.ok for d in producer.publish(stream))
        old.start()
        wait_until(lambda: dropout() == expected, "generation 0 to show every school")
        # Something a bug fix would repair: the live views are damaged.
        store = get_db("reports")
        wait_until(lambda: store["inbox"].count_documents({}) >= len(stream)
                   and not store["projection_hints"].count_documents({}), "generation 0 to be idle")
        store["views_31"].delete_many({})
        assert dropout() != expected

        # The command, as an operator runs it, in its own process.
        done = subprocess.run([sys.executable, "-m", "reports.rebuild"], env=dict(os.environ), capture_output=True,
                              text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-3000:]
        report = json.loads(done.stdout.strip().splitlines()[-1])
        # The topics are shared by the whole test session: at least this test's events were replayed.
        # (others publish malformed messages on purpose, which the replay counts as skipped)
        assert report["generation"] == 1 and report["events"] >= len(stream)
        # The API, still running, now reads generation 1: figures right again from the replay.
        wait_until(lambda: dropout() == expected, "the API to switch to generation 1")
        wait_until(old.stop.is_set, "the worker of generation 0 to stop by itself")
        old.shutdown()

        platform1, group1 = on_generation(settings, 1)
        assert group1.endswith("-g1") and platform1.mongodb_db.endswith("_g1")
        new = Worker(platform1, spec(group1, settings, generation=1)).start()
        revised = events.values(schools[0], 3, [ratio("DROPOUT", 40, 100)], round_id=round_id)
        assert all(d.ok for d in producer.publish([revised]))
        wait_until(lambda: dropout() == (expected[0] + 40, expected[1], expected[2]), "the revision after the switch")
        # The new worker started from the rebuild's positions: it handled only the new event.
        assert [doc["_id"] for doc in get_db("reports")["inbox"].find()] == [f"{group1}:{revised.id}"]
    finally:
        old.shutdown()
        if new is not None:
            new.shutdown()
        producer.close()
