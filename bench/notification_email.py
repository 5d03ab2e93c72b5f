"""How fast the notifications service fans events out and sends e-mail through its durable queue.

Starts its own Kafka and FerretDB (like the tests) and a local SMTP server (aiosmtpd, its own process), registers
USERS reviewers of one commune in the directory projection, then handles N PlanSubmitted events
(each: one in-app notification with its NotificationDelivered, and one queued e-mail per reviewer),
and finally drains the queue over SMTP with SENDERS sender threads (each claims its attempts, as
separate worker processes would). Prints both rates and the queue it started from.

    .venv/bin/python bench/notification_email.py [N] [USERS] [SENDERS]
"""
from __future__ import annotations

import dataclasses
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from edu71 import db
from edu71.contracts import Contracts
from edu71.orgs import SEED_SCHOOLS
from edu71_testing import free_port, running_stack


def smtp_server(port: int) -> subprocess.Popen:
    """aiosmtpd's Sink handler (accepts and drops every message) in its own process, like a real server."""
    server = subprocess.Popen([sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}",
                               "-c", "aiosmtpd.handlers.Sink"])
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the SMTP server did not start")


def main(n: int, users: int, senders: int) -> None:
    with tempfile.TemporaryDirectory() as tmp, running_stack(Path(tmp), partitions=6):
        from notifications import config
        from notifications.adapters.documents import DeadlineReminder, Delivery, DigestRun, Notification
        from notifications.config import SmtpSettings
        from notifications.bootstrap import use_cases
        from notifications.handlers import routes

        port = free_port()
        smtp = smtp_server(port)
        settings = dataclasses.replace(config.load(), smtp=SmtpSettings(port=port))
        db.connect(settings.platform)
        for cls in (Notification, Delivery, DeadlineReminder, DigestRun):
            cls.ensure_store_indexes()
        contracts = Contracts(settings.platform.contracts_dir)
        wired = use_cases(settings, sending=True)
        handlers, queue = routes(wired.notices, wired.projections), wired.deliveries
        school = SEED_SCHOOLS[1]
        for i in range(users):
            handlers["UserRegistered"](contracts.new_event("UserRegistered", {
                "user_id": f"u-{i}", "version": 1, "name": f"Cán bộ {i}", "email": f"canbo{i}@ubnd.gov.vn",
                "role": "commune", "org_unit": {"kind": "commune", "code": school.commune_code, "name": "UBND xã",
                                                "commune_code": school.commune_code,
                                                "province_code": school.province_code},
                "active": True}, subject=f"u-{i}", source="/bench"))
        events = [contracts.new_event("PlanSubmitted", {
            "plan_id": f"pln-{i}", "version": 1, "school": school.as_contract(), "number_symbol": f"{i}/KH",
            "title": f"Kế hoạch {i}", "year": 2026,
            "submitted_by": {"user_id": "s", "name": "Lê Văn Hùng", "role": "school", "org_unit": school.code},
            "submitted_at": "2026-01-29T09:15:00+07:00", "targets": []}, subject=school.code, source="/bench")
            for i in range(n)]

        started = time.perf_counter()
        for event in events:
            wired.notices.plan_event(event)
        fan_out = time.perf_counter() - started
        queued = Delivery._get_db()["delivery_queue"].count_documents({})

        def drain():
            while Delivery._get_db()["delivery_queue"].count_documents({}):
                queue.run_once()

        threads = [threading.Thread(target=drain) for _ in range(senders)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        send = time.perf_counter() - started
        smtp.terminate()
        sent = Delivery.objects(status="delivered").count()
        print(f"fan-out: {n} PlanSubmitted handled in {fan_out:.2f}s ({n / fan_out:.1f} events/s; each 1 in-app "
              f"notification + {users} queued e-mails)")
        print(f"e-mail:  {sent} of {queued} queued e-mails delivered over SMTP in {send:.2f}s "
              f"({sent / send:.1f} e-mails/s, {senders} sender(s), a new SMTP connection per message)")


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:]]
    main(*(args + [200, 3, 1][len(args):]))
