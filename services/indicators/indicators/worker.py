"""The indicators worker (``python -m indicators.worker``): relays round and submission events to Kafka."""
from __future__ import annotations

from edu71 import worker
from indicators import config
from indicators.adapters.documents import Round, Submission


def spec() -> worker.WorkerSpec:
    return worker.WorkerSpec(documents=[Round, Submission])


if __name__ == "__main__":
    worker.run(config.load().platform, spec())
