"""The reports worker (``python -m reports.worker``): keeps the projections of indicator values and rounds."""
from __future__ import annotations

from edu71 import worker
from reports import config
from reports.handlers import HANDLERS

GROUP = "reports"


def spec(group: str = GROUP) -> worker.WorkerSpec:
    return worker.WorkerSpec(group=group, handlers=dict(HANDLERS))


if __name__ == "__main__":
    worker.run(config.load().platform, spec())
