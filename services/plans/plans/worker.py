"""The plans worker (``python -m plans.worker``): relays plan events from the outbox to Kafka."""
from __future__ import annotations

from edu71 import worker
from plans import config
from plans.adapters.documents import Plan


def spec() -> worker.WorkerSpec:
    return worker.WorkerSpec(documents=[Plan])


if __name__ == "__main__":
    worker.run(config.load().platform, spec())
