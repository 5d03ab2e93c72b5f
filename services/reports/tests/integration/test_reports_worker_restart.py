"""The real worker process, killed (SIGKILL) in the middle of a stream and started again, ends with the
figures a brute-force recomputation from the raw submissions gives, and RollupUpdated tells them."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys

import pytest
from mongoengine.connection import get_db

from edu71.orgs import demo_schools
from edu71_testing import free_port, fresh_group, wait_until

from ..support import ratio

pytestmark = pytest.mark.integration


def start_worker(env, log):
    with open(log, "ab") as out:
        return subprocess.Popen([sys.executable, "-m", "reports.worker"], env=env, stdout=out, stderr=subprocess.STDOUT)


def test_worker_killed_mid_stream_and_restarted_ends_with_the_brute_force_figures(
        reports_settings, contracts, events, round_id, tmp_path):
    from edu71.bus.outbox import history
    from edu71.bus.producer import EventProducer
    from reports.adapters import viewstore
    from reports.adapters.documents import CityFigures
    from reports.domain.views import round_view_id

    rng = random.Random(71)
    schools = demo_schools("31")[:30]
    stream = [events.round_opened(round_id, indicator_codes=["DROPOUT"])]
    stream += [events.school(s) for s in schools]
    latest = {}
    for s in schools:
        for revision in range(1, rng.randint(1, 3) + 1):
            pupils = rng.randint(100, 900)
            dropped = rng.randint(0, 9)
            stream.append(events.values(s, revision, [ratio("DROPOUT", dropped, pupils)], round_id=round_id))
            latest[s.code] = (dropped, pupils)
    stream += rng.sample(stream[1:], 10)  # re-deliveries, after newer revisions

    # Earlier tests of the session registered schools of the same province on the same topics: this
    # worker's group starts after them, so that the city's figures are this stream's alone.
    group = fresh_group("reports-restart")
    producer = EventProducer(reports_settings.platform.kafka, contracts, "reports-test")
    try:
        assert all(d.ok for d in producer.publish(stream))
    finally:
        producer.close()

    def told():
        """The city figures' changes, and the RollupUpdated of the DROPOUT figure (all levels) they carried."""
        changes = history(CityFigures, CityFigures.key(round_id, "31"))
        return changes, [e.data for c in changes for e in c["events"] if e.name == "RollupUpdated"
                         and e.data["school_level"] == "all" and e.data["indicator_code"] == "DROPOUT"]

    # The killed worker cannot leave its group: its partitions wait for its session to end before the restarted
    # worker gets them. The broker's shortest session (group.min.session.timeout.ms, 6 s) saves 39 s of the 45 s.
    env = {**os.environ, "REPORTS_WORKER_METRICS_PORT": str(free_port()), "REPORTS_CONSUMER_GROUP": group,
           "KAFKA_SESSION_TIMEOUT_MS": "6000", "KAFKA_HEARTBEAT_INTERVAL_MS": "2000"}
    log = tmp_path / "worker.log"
    db = get_db("reports")
    worker = start_worker(env, log)
    try:
        wait_until(lambda: db["inbox"].count_documents({}) >= len(stream) // 3, "a third of the stream handled",
                   timeout=120)
        worker.send_signal(signal.SIGKILL)
        worker.wait(30)
        worker = start_worker(env, log)

        view_id = round_view_id(round_id, "province", "31")

        def final_view():
            # The directory and the submissions come on different topics, in no particular order
            # between them: wait for both.
            view = viewstore.get(db, "31", view_id)
            return view if view and view["completeness"]["submitted"] == len(schools) and \
                view["completeness"]["expected"] == len(schools) and \
                view["rollups"]["all"][0]["denominator"] == sum(p for _, p in latest.values()) else None

        view = wait_until(final_view, "the city figures of every latest revision", timeout=120)
        dropout = view["rollups"]["all"][0]
        # The last RollupUpdated of the city figure carries the final value (stored just after the views it
        # announces, so it may follow them by a moment).
        final = (dropout["numerator"], dropout["denominator"])
        try:
            wait_until(lambda: (t := told()[1]) and (t[-1]["numerator"], t[-1]["denominator"]) == final,
                       "the RollupUpdated of the final city figure", timeout=60)
        except BaseException:
            changes, figures = told()
            print(f"final {final}; city figures' versions {[c['version'] for c in changes]}, DROPOUT figures told "
                  f"{[(f['numerator'], f['denominator']) for f in figures]}; head "
                  f"{db[CityFigures._get_collection_name()].find_one({'_id': CityFigures.key(round_id, '31')}, {'_v': 1})}\n"
                  f"worker log:\n{log.read_text(errors='replace')[-6000:]}")
            raise
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(60)
        except subprocess.TimeoutExpired:
            worker.kill()

    assert dropout["numerator"] == sum(d for d, _ in latest.values())
    assert view["completeness"]["expected"] == len(schools) and view["completeness"]["missing"] == 0
    # No change version of the city figures is duplicated.
    changes, _ = told()
    assert [c["version"] for c in changes] == list(range(1, len(changes) + 1))
