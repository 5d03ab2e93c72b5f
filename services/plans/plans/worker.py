"""The plans worker (``python -m plans.worker``): relays plan events from the outbox to Kafka, and keeps the
revoked accounts and sessions the API refuses (edu71.auth.revocation)."""
from __future__ import annotations

from edu71 import worker
from edu71.auth.revocation import RevocationProjection
from plans import config
from plans.adapters.documents import Plan

GROUP = "plans"


def spec(group: str = GROUP) -> worker.WorkerSpec:
    revocations = RevocationProjection.in_service_database("plans")
    return worker.WorkerSpec(documents=[Plan], group=group, handlers=revocations.handlers())


if __name__ == "__main__":
    worker.run(config.load().platform, spec())
