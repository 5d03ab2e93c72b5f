"""The notifications worker (``python -m notifications.worker``).

Consumes plan events, creates the notifications they cause, and relays the
NotificationDelivered events stored with them.
"""
from __future__ import annotations

from edu71 import worker
from edu71.contracts import Contracts
from notifications import config
from notifications.adapters.documents import Notification
from notifications.handlers import NotificationHandlers

GROUP = "notifications"


def spec(settings: config.Settings | None = None, group: str = GROUP) -> worker.WorkerSpec:
    settings = settings or config.load()
    handlers = NotificationHandlers(Contracts(settings.platform.contracts_dir))
    return worker.WorkerSpec(documents=[Notification], group=group, handlers=handlers.mapping())


if __name__ == "__main__":
    settings = config.load()
    worker.run(settings.platform, spec(settings))
