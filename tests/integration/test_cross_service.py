"""Services talking through Kafka as they do in production: real workers, real APIs."""
from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
import requests

from edu71.orgs import SEED_SCHOOLS
from edu71_testing import bearer, free_port, fresh_group, fresh_groups_env, wait_until

pytestmark = pytest.mark.integration

SCHOOL = SEED_SCHOOLS[1]  # Trường THCS Thị Trấn 2: its plans are reviewed by its commune


def test_a_plan_submitted_in_one_service_reaches_the_reviewers_inbox_in_another(fresh_databases, tokens):
    from edu71.worker import Worker
    from notifications import config as notifications_config
    from notifications.app import create_app as notifications_app
    from notifications.worker import spec as notifications_spec
    from plans import config as plans_config
    from plans.app import create_app as plans_app
    from plans.worker import spec as plans_spec

    plans = plans_app().test_client()
    notifications = notifications_app().test_client()
    workers = [
        Worker(plans_config.load().platform, plans_spec(group=fresh_group("plans"))),
        Worker(notifications_config.load().platform, notifications_spec(group=fresh_group("notifications"))),
    ]
    school = bearer(tokens.school(SCHOOL))
    reviewer = bearer(tokens.commune(SCHOOL.commune_code, SCHOOL.province_code))
    try:
        for worker in workers:
            worker.start()
        plan = plans.post("/plans", json={"title": "Kế hoạch thực hiện Nghị quyết 71", "year": 2026,
                                          "number_symbol": "28/KH-THCSTT2"}, headers=school).json
        assert plans.post(f"/plans/{plan['id']}/submit", headers=school).status_code == 200

        def reviewers_notification():
            items = notifications.get("/inbox?page_size=200", headers=reviewer).json["items"]
            return next((i for i in items if i["reference"].get("plan_id") == plan["id"]), None)

        item = wait_until(reviewers_notification, "the commune reviewer's notification")
        assert item["body"].startswith("Trường THCS Thị Trấn 2 đã gửi kế hoạch số 28/KH-THCSTT2 để duyệt")
        # The school's own inbox does not show what was addressed to its reviewer; it holds its receipt (the
        # worker stores it just after the reviewer's notice, so it may follow it by a moment).
        def schools_items():
            return [i for i in notifications.get("/inbox", headers=school).json["items"]
                    if i["reference"].get("plan_id") == plan["id"]]

        mine = wait_until(schools_items, "the school's receipt")
        assert [i["kind"] for i in mine] == ["plan_submission_receipt"]
    finally:
        for worker in workers:
            worker.shutdown()


def test_a_worker_stops_gracefully_on_sigterm(stack, fresh_databases, tmp_path):
    """``python -m <service>.worker`` serves its ops endpoints, and SIGTERM ends it cleanly (exit 0)."""
    port = free_port()
    log = tmp_path / "worker.log"
    env = {**os.environ, "NOTIFICATIONS_WORKER_METRICS_PORT": str(port), **fresh_groups_env(["notifications"])}
    with open(log, "wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "notifications.worker"], env=env, stdout=out,
                                   stderr=subprocess.STDOUT)
    try:
        def ready():
            try:
                return requests.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200
            except requests.RequestException:
                return False

        wait_until(ready, "the worker to be ready")
        metrics = requests.get(f"http://127.0.0.1:{port}/metrics", timeout=5).text
        assert "# TYPE edu71_consumer_lag gauge" in metrics
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=90) == 0
    finally:
        if process.poll() is None:
            process.kill()
    text = log.read_text(encoding="utf-8")
    assert "signal SIGTERM: stopping" in text and "worker notifications stopped" in text
