"""The plans worker (``python -m plans.worker``): relays plan events from the outbox to Kafka, keeps the
revoked accounts and sessions the API refuses (edu71.auth.revocation), and keeps each province's latest
indicator catalogue (CataloguePublished → :mod:`plans.catalogues`) that plan targets are checked against, flagging
the stored plans' targets a new version no longer fits. What it does with each event is :mod:`plans.handlers`."""
from __future__ import annotations

from edu71 import worker
from plans import bootstrap, config
from plans.adapters import lists
from plans.adapters.documents import Plan
from plans.handlers import routes


def list_stored_plans(stop) -> None:
    """List the plans stored before the lists existed, or whose writer died before listing them; once a start."""
    lists.backfill()
    stop.wait()


def spec(group: str | None = None, settings: config.Settings | None = None) -> worker.WorkerSpec:
    settings = settings or config.load()
    return worker.WorkerSpec(documents=[Plan], group=group, handlers=routes(bootstrap.use_cases(settings).catalogues),
                             loops=[list_stored_plans])


if __name__ == "__main__":
    worker.run(config.load().platform, spec())
