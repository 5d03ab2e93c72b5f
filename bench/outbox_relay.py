"""How fast the transactional outbox moves events from the store to Kafka.

Starts its own Kafka and FerretDB (like the tests), writes N plan submissions
straight through the plans service layer (each one document write carrying its
event), then lets one relay drain the outbox and reports events per second for
the writes and for the relay, and the backlog it started from.

    .venv/bin/python bench/outbox_relay.py [N]
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from edu71 import db
from edu71.auth import Principal
from edu71.bus.outbox import OutboxRelay
from edu71.bus.producer import EventProducer
from edu71.config import platform_settings
from edu71.contracts import Contracts
from edu71.orgs import demo_schools
from edu71_testing import running_stack


def main(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp, running_stack(Path(tmp), partitions=6):
        from plans import bootstrap, config
        from plans.adapters.documents import Plan

        settings = platform_settings("plans")
        db.connect(settings)
        contracts = Contracts(settings.contracts_dir)
        service = bootstrap.use_cases(config.load()).plans
        schools = demo_schools()
        started = time.perf_counter()
        for i in range(n):
            school = schools[i % len(schools)]
            principal = Principal.from_claims({
                "sub": f"u{i}", "role": "school", "org_unit": school.code, "org_unit_name": school.name,
                "commune_code": school.commune_code, "province_code": school.province_code,
                "school_level": school.level.value})
            plan = service.create(principal, {"title": f"Kế hoạch {i}", "year": 2026, "number_symbol": f"{i}/KH"})
            service.submit(principal, plan.id, None)
        write_seconds = time.perf_counter() - started

        producer = EventProducer(settings.kafka, contracts, "plans")
        Plan.ensure_store_indexes()
        relay = OutboxRelay("plans", "plans", producer, [Plan])
        backlog = relay.backlog()
        started = time.perf_counter()
        published = 0
        while relay.backlog():
            published += relay.run_once()
        relay_seconds = time.perf_counter() - started
        producer.close()
        print(f"outbox writes:  {n} plans created+submitted in {write_seconds:.2f}s "
              f"({2 * n / write_seconds:.0f} document writes/s)")
        print(f"outbox relay:   {published} events from {backlog} waiting changes published in {relay_seconds:.2f}s "
              f"({published / relay_seconds:.0f} events/s, acks=all, idempotent producer)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
