"""The plans worker (``python -m plans.worker``): relays plan events from the outbox to Kafka, keeps the
revoked accounts and sessions the API refuses (edu71.auth.revocation), and keeps each province's latest
indicator catalogue (CataloguePublished → :mod:`plans.catalogues`) that plan targets are checked against, flagging
the stored plans' targets a new version no longer fits."""
from __future__ import annotations

from edu71 import worker
from edu71.auth.revocation import RevocationProjection
from plans import catalogues, config
from plans.adapters import lists
from plans.adapters.documents import Plan


def list_stored_plans(stop) -> None:
    """List the plans stored before the lists existed, or whose writer died before listing them; once a start."""
    lists.backfill()
    stop.wait()


def spec(group: str | None = None) -> worker.WorkerSpec:
    revocations = RevocationProjection.in_service_database("plans")
    handlers = {**revocations.handlers(), "CataloguePublished": catalogues.keep}
    return worker.WorkerSpec(documents=[Plan], group=group, handlers=handlers, loops=[list_stored_plans])


if __name__ == "__main__":
    worker.run(config.load().platform, spec())
